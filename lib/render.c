/*
 * render.c - lay out an export's Markdown on A4 pages with pango and
 * write it as PDF with cairo.
 *
 * The document is parsed with cmark and turned into blocks (headings,
 * paragraphs, list items, the fenced texts of notes and plans), each a
 * PangoLayout.  Pagination walks the lines of every layout, keeps a
 * heading with what follows it and a short block in one piece, and
 * records where each line goes; only then, with the number of pages
 * known, are the pages drawn with their running header, "sida N av M"
 * and one bookmark per heading.  Text is real text (extracts exactly
 * with pdftotext): no hyphens are inserted and no ligatures formed.
 */
#include <cairo-pdf.h>
#include <cmark.h>
#include <dlfcn.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"

/*
 * pango, cairo and glib (some 40 shared libraries) are loaded only when a
 * PDF is made: linked into akt-export and gallra they cost every run of
 * them, in any format, about as much as an export of 2 000 notes to
 * Markdown (bench/README.md, issue 17).  The programs are not linked
 * with them; libpangocairo is opened here on the first PDF, and the
 * functions below are looked up in it and in the libraries it needs.
 * The headers still give every call its type.
 */
#define PANGOCAIRO_SONAME "libpangocairo-1.0.so.0"
#define PC_FUNCS(X)                                                            \
	X(cairo_create)                                                        \
	X(cairo_destroy)                                                       \
	X(cairo_font_options_create)                                           \
	X(cairo_font_options_destroy)                                          \
	X(cairo_font_options_set_hint_metrics)                                 \
	X(cairo_font_options_set_hint_style)                                   \
	X(cairo_line_to)                                                       \
	X(cairo_move_to)                                                       \
	X(cairo_pdf_surface_add_outline)                                       \
	X(cairo_pdf_surface_create_for_stream)                                 \
	X(cairo_pdf_surface_set_metadata)                                      \
	X(cairo_set_line_width)                                                \
	X(cairo_set_source_rgb)                                                \
	X(cairo_show_page)                                                     \
	X(cairo_status_to_string)                                              \
	X(cairo_stroke)                                                        \
	X(cairo_surface_destroy)                                               \
	X(cairo_surface_finish)                                                \
	X(cairo_surface_status)                                                \
	X(g_free)                                                              \
	X(g_markup_escape_text)                                                \
	X(g_object_unref)                                                      \
	X(pango_attr_font_features_new)                                        \
	X(pango_attr_insert_hyphens_new)                                       \
	X(pango_attr_list_insert)                                              \
	X(pango_attr_list_new)                                                 \
	X(pango_attr_list_unref)                                               \
	X(pango_cairo_context_set_font_options)                                \
	X(pango_cairo_context_set_resolution)                                  \
	X(pango_cairo_create_context)                                          \
	X(pango_cairo_show_layout_line)                                        \
	X(pango_context_set_language)                                          \
	X(pango_context_set_round_glyph_positions)                             \
	X(pango_font_description_copy)                                         \
	X(pango_font_description_free)                                         \
	X(pango_font_description_from_string)                                  \
	X(pango_font_description_set_size)                                     \
	X(pango_font_description_set_weight)                                   \
	X(pango_language_from_string)                                          \
	X(pango_layout_get_iter)                                               \
	X(pango_layout_get_line_count)                                         \
	X(pango_layout_get_line_readonly)                                      \
	X(pango_layout_iter_free)                                              \
	X(pango_layout_iter_get_baseline)                                      \
	X(pango_layout_iter_get_line_extents)                                  \
	X(pango_layout_iter_get_line_readonly)                                 \
	X(pango_layout_iter_next_line)                                         \
	X(pango_layout_line_get_extents)                                       \
	X(pango_layout_new)                                                    \
	X(pango_layout_set_alignment)                                          \
	X(pango_layout_set_attributes)                                         \
	X(pango_layout_set_ellipsize)                                          \
	X(pango_layout_set_font_description)                                   \
	X(pango_layout_set_indent)                                             \
	X(pango_layout_set_text)                                               \
	X(pango_layout_set_width)                                              \
	X(pango_layout_set_wrap)                                               \
	X(pango_parse_markup)

static struct {
	void *dl;
#define X(f) __typeof__(f) *f;
	PC_FUNCS(X)
#undef X
} pc;
#define PC(f) (pc.f)

/* Open libpangocairo and find every function render.c calls, once. */
static int
pc_load(struct sd_ctx *ctx)
{
	void *dl;

	if (pc.dl)
		return 0;
	if (!(dl = dlopen(PANGOCAIRO_SONAME, RTLD_NOW | RTLD_LOCAL)))
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("cannot load pango and cairo for the PDF "
				 "(%s); install libpangocairo-1.0-0 or export "
				 "another format"),
			       dlerror());
#define X(f)                                                                   \
	if (!(pc.f = (__typeof__(pc.f))dlsym(dl, #f)))                         \
		return sd_fail(ctx, EX_UNAVAILABLE,                            \
			       _("cannot load pango and cairo for the PDF "    \
				 "(%s); install libpangocairo-1.0-0 or "       \
				 "export another format"),                     \
			       #f);
	PC_FUNCS(X)
#undef X
	/* Kept open: glib cannot be unloaded. */
	pc.dl = dl;
	return 0;
}

#define PAGE_W      595.276 /* A4 in points */
#define PAGE_H      841.890
#define LEFT        62.0
#define RIGHT       (PAGE_W - 62.0)
#define TOP         78.0
#define BOTTOM      (PAGE_H - 70.0)
#define HEADER_BASE 44.0
#define FOOTER_BASE (PAGE_H - 38.0)
#define FONT        "DejaVu Sans"
#define MONO        "DejaVu Sans Mono"
#define SUB_INDENT  18.0 /* text under a level-4 heading (a rättelse) */
#define BAR_GAP     9.0  /* the bar to the left of a note's text */
#define BULLET_W    12.0 /* a list item's bullet and the space after it */

enum bkind { B_HEADING, B_TEXT, B_NOTE, B_RULE };

struct block {
	enum bkind kind;
	int level;           /* heading level */
	PangoLayout *layout; /* NULL for B_RULE */
	double x, width;
	double before, after; /* space above and below */
	double leading;       /* extra space between lines */
	int keep_next;        /* keep on the page of the following block */
	double r, g, b;       /* text colour */
	char *outline;        /* heading text for the bookmark */
	PangoLayout *bullet;  /* list bullet left of the first line, or NULL */
};

enum opkind { OP_LINE, OP_BAR, OP_RULE, OP_OUTLINE };

struct op {
	enum opkind kind;
	int page;
	double x, y, y2; /* LINE: baseline; BAR: y..y2; RULE: x..y2 at y */
	PangoLayoutLine *line;
	const struct block *blk;
};

struct render {
	struct sd_ctx *ctx;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *body, *mono, *small;
	struct block *blocks;
	size_t nblocks, capblocks;
	struct op *ops;
	size_t nops, capops;
	int pages;
	double sub; /* current extra indent (under a level-4 heading) */
	int after_heading;
};

/* ------------------------------------------------------------- blocks */

static struct block *
new_block(struct render *r, enum bkind kind)
{
	struct block *b;

	if (r->nblocks == r->capblocks) {
		r->capblocks = r->capblocks ? 2 * r->capblocks : 256;
		r->blocks = sd_xrealloc(r->blocks,
					r->capblocks * sizeof *r->blocks);
	}
	b = &r->blocks[r->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* No inserted hyphens, no ligatures: the PDF's text is the text. */
static void
plain_attrs(PangoAttrList *al)
{
	PC(pango_attr_list_insert)
	(al, PC(pango_attr_insert_hyphens_new)(FALSE));
	PC(pango_attr_list_insert)
	(al, PC(pango_attr_font_features_new)("liga=0, "
					      "clig=0"));
}

/* A layout of width w holding text (Pango markup when markup != 0). */
static PangoLayout *
make_layout(struct render *r, const char *text, int markup,
	    const PangoFontDescription *fd, double w, double indent)
{
	PangoLayout *l = PC(pango_layout_new)(r->pc);
	PangoAttrList *al = NULL;
	char *plain = NULL;

	PC(pango_layout_set_font_description)(l, fd);
	PC(pango_layout_set_width)(l, (int)(w * PANGO_SCALE));
	PC(pango_layout_set_wrap)(l, PANGO_WRAP_WORD_CHAR);
	if (indent != 0)
		PC(pango_layout_set_indent)(l, (int)(indent * PANGO_SCALE));
	if (markup &&
	    PC(pango_parse_markup)(text, -1, 0, &al, &plain, NULL, NULL)) {
		PC(pango_layout_set_text)(l, plain, -1);
		PC(g_free)(plain);
	} else {
		al = PC(pango_attr_list_new)();
		PC(pango_layout_set_text)(l, text, -1);
	}
	plain_attrs(al);
	PC(pango_layout_set_attributes)(l, al);
	PC(pango_attr_list_unref)(al);
	return l;
}

static void
escape(struct sd_buf *b, const char *s)
{
	char *e = PC(g_markup_escape_text)(s, -1);
	sd_buf_puts(b, e);
	PC(g_free)(e);
}

/* Inline content of a cmark node as Pango markup (and plain text). */
static void
inlines(cmark_node *n, struct sd_buf *m, struct sd_buf *plain)
{
	for (cmark_node *c = cmark_node_first_child(n); c;
	     c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_literal(c);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			escape(m, lit ? lit : "");
			if (plain)
				sd_buf_puts(plain, lit ? lit : "");
			break;
		case CMARK_NODE_CODE:
			sd_buf_puts(m, "<span font_family=\"" MONO "\">");
			escape(m, lit ? lit : "");
			sd_buf_puts(m, "</span>");
			if (plain)
				sd_buf_puts(plain, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
			sd_buf_puts(m, " ");
			if (plain)
				sd_buf_puts(plain, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			sd_buf_puts(m, "\n");
			if (plain)
				sd_buf_puts(plain, " ");
			break;
		case CMARK_NODE_EMPH:
			sd_buf_puts(m, "<i>");
			inlines(c, m, plain);
			sd_buf_puts(m, "</i>");
			break;
		case CMARK_NODE_STRONG:
			sd_buf_puts(m, "<b>");
			inlines(c, m, plain);
			sd_buf_puts(m, "</b>");
			break;
		default: inlines(c, m, plain); break;
		}
	}
}

static void
add_heading(struct render *r, cmark_node *n)
{
	static const double size[] = {0, 18, 14, 11, 10, 10, 10};
	static const double before[] = {0, 0, 22, 14, 8, 8, 8};
	int level = cmark_node_get_heading_level(n);
	struct sd_buf m, plain;
	PangoFontDescription *fd = PC(pango_font_description_copy)(r->body);
	struct block *b;

	if (level < 1 || level > 6)
		level = 6;
	r->sub = level >= 4 ? SUB_INDENT : 0;
	sd_buf_init(&m);
	sd_buf_init(&plain);
	sd_buf_add(&m, "", 0);
	sd_buf_add(&plain, "", 0);
	inlines(n, &m, &plain);
	PC(pango_font_description_set_weight)(fd, PANGO_WEIGHT_BOLD);
	PC(pango_font_description_set_size)
	(fd, (int)(size[level] * PANGO_SCALE));
	b = new_block(r, B_HEADING);
	b->level = level;
	b->x = LEFT + (level >= 4 ? SUB_INDENT : 0);
	b->width = RIGHT - b->x;
	b->layout = make_layout(r, m.s, 1, fd, b->width, 0);
	b->before = before[level];
	b->after = level <= 2 ? 8 : 3;
	b->leading = 2;
	b->keep_next = 1;
	if (level >= 4) {
		b->r = 0.48;
		b->g = 0.18;
	}
	b->outline = plain.s;
	PC(pango_font_description_free)(fd);
	sd_buf_free(&m);
	if (level <= 2) {
		struct block *rule = new_block(r, B_RULE);
		rule->level = level;
		rule->after = level == 1 ? 10 : 6;
		rule->keep_next = 1;
	}
	r->after_heading = level;
}

static void
add_text(struct render *r, cmark_node *n, double indent, const char *bullet)
{
	struct sd_buf m;
	struct block *b = new_block(r, B_TEXT);
	/* The line under a note's or plan's heading, or the title block. */
	int meta = !bullet && (r->after_heading == 1 || r->after_heading >= 3);

	sd_buf_init(&m);
	inlines(n, &m, NULL);
	b->x = LEFT + r->sub + indent + (bullet ? BULLET_W : 0);
	b->width = RIGHT - b->x;
	b->layout = make_layout(r, m.s ? m.s : "", 1, meta ? r->small : r->body,
				b->width, 0);
	if (bullet)
		b->bullet = make_layout(r, bullet, 0, r->body, BULLET_W, 0);
	b->before = 0;
	b->after = meta ? 5 : 6;
	b->leading = 2.5;
	if (meta)
		b->r = b->g = b->b = 0.27;
	/* A line that introduces a note's text stays with it. */
	b->keep_next = meta;
	sd_buf_free(&m);
	r->after_heading = 0;
}

static void
add_note(struct render *r, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	char *text = sd_xmalloc(len + 1);
	struct block *b = new_block(r, B_NOTE);

	memcpy(text, lit ? lit : "", len + 1);
	/* Trailing empty lines would only push the bar down. */
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	b->x = LEFT + r->sub + BAR_GAP + 3;
	b->width = RIGHT - b->x;
	b->layout = make_layout(r, text, 0, r->body, b->width, 0);
	b->before = 2;
	b->after = 10;
	b->leading = 2.5;
	free(text);
	r->after_heading = 0;
}

static void add_blocks(struct render *r, cmark_node *parent, double indent);

static void
add_block(struct render *r, cmark_node *n, double indent)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING: add_heading(r, n); break;
	case CMARK_NODE_PARAGRAPH: add_text(r, n, indent, NULL); break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK: add_note(r, n); break;
	case CMARK_NODE_THEMATIC_BREAK: {
		struct block *b = new_block(r, B_RULE);
		b->level = 3;
		b->before = 6;
		b->after = 6;
		break;
	}
	case CMARK_NODE_LIST:
		for (cmark_node *it = cmark_node_first_child(n); it;
		     it = cmark_node_next(it)) {
			cmark_node *c = cmark_node_first_child(it);
			if (c &&
			    cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
				add_text(r, c, indent, "\u2022");
				c = cmark_node_next(c);
			}
			for (; c; c = cmark_node_next(c))
				add_block(r, c, indent + BULLET_W);
		}
		break;
	case CMARK_NODE_BLOCK_QUOTE: add_blocks(r, n, indent + 14); break;
	default: add_blocks(r, n, indent); break;
	}
}

static void
add_blocks(struct render *r, cmark_node *parent, double indent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n;
	     n = cmark_node_next(n))
		add_block(r, n, indent);
}

/* --------------------------------------------------------- pagination */

static struct op *
new_op(struct render *r, enum opkind kind, int page)
{
	struct op *o;

	if (r->nops == r->capops) {
		r->capops = r->capops ? 2 * r->capops : 1024;
		r->ops = sd_xrealloc(r->ops, r->capops * sizeof *r->ops);
	}
	o = &r->ops[r->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->page = page;
	return o;
}

/*
 * Height of a block up to its n-th line with text (empty lines between
 * count, but not towards n), or of all of it when n < 0.
 */
static double
lines_height(const struct block *b, int n)
{
	PangoLayoutIter *it;
	double h = 0;
	int i = 0;

	if (!b->layout)
		return 1;
	it = PC(pango_layout_get_iter)(b->layout);
	do {
		PangoRectangle lr;
		PC(pango_layout_iter_get_line_extents)(it, NULL, &lr);
		h += (double)lr.height / PANGO_SCALE + b->leading;
		i += PC(pango_layout_iter_get_line_readonly)(it)->length > 0;
	} while (i != n && PC(pango_layout_iter_next_line)(it));
	PC(pango_layout_iter_free)(it);
	return h;
}

/* Space a block needs at the bottom of a page before it may start there. */
static double
need(const struct render *r, size_t i, int depth)
{
	const struct block *b = &r->blocks[i];
	int lines = b->layout ? PC(pango_layout_get_line_count)(b->layout) : 1;
	double h = b->before + lines_height(b, lines <= 3 ? -1 : 2);

	if (b->keep_next && depth < 4 && i + 1 < r->nblocks)
		h += b->after + need(r, i + 1, depth + 1);
	return h;
}

static void
paginate(struct render *r)
{
	double y = TOP, *rest_h = NULL;
	int page = 0, *rest_v = NULL;

	for (size_t i = 0; i < r->nblocks; i++) {
		struct block *b = &r->blocks[i];
		PangoLayoutIter *it;
		double bar_top = 0;
		int first = 1, nlines, j, here;

		if (y > TOP)
			y += b->before;
		if (y > TOP && y + need(r, i, 0) - b->before > BOTTOM) {
			page++;
			y = TOP;
		}
		if (b->kind == B_RULE) {
			struct op *o = new_op(r, OP_RULE, page);
			o->x = b->level == 3 ? LEFT + 120 : LEFT;
			o->y2 = b->level == 3 ? RIGHT - 120 : RIGHT;
			o->y = y + 1;
			o->blk = b;
			y += 2 + b->after;
			continue;
		}
		nlines = PC(pango_layout_get_line_count)(b->layout);
		/* What is left from each line on: height and lines with text.
		 */
		rest_h = sd_xrealloc(rest_h,
				     ((size_t)nlines + 1) * sizeof *rest_h);
		rest_v = sd_xrealloc(rest_v,
				     ((size_t)nlines + 1) * sizeof *rest_v);
		rest_h[nlines] = 0;
		rest_v[nlines] = 0;
		j = 0;
		it = PC(pango_layout_get_iter)(b->layout);
		do {
			PangoRectangle lr;
			PC(pango_layout_iter_get_line_extents)(it, NULL, &lr);
			rest_h[j] =
				(double)lr.height / PANGO_SCALE + b->leading;
			rest_v[j] = PC(pango_layout_iter_get_line_readonly)(it)
					    ->length > 0;
			j++;
		} while (PC(pango_layout_iter_next_line)(it));
		PC(pango_layout_iter_free)(it);
		for (j = nlines - 1; j >= 0; j--) {
			rest_h[j] += rest_h[j + 1];
			rest_v[j] += rest_v[j + 1];
		}
		it = PC(pango_layout_get_iter)(b->layout);
		j = here = 0;
		do {
			PangoRectangle lr;
			double h, base;
			int widow, blank;
			PC(pango_layout_iter_get_line_extents)(it, NULL, &lr);
			h = (double)lr.height / PANGO_SCALE;
			base = (double)(PC(pango_layout_iter_get_baseline)(it) -
					lr.y) /
			       PANGO_SCALE;
			blank = PC(pango_layout_iter_get_line_readonly)(it)
					->length == 0;
			/*
			 * Never leave one line of text of a block alone on the
			 * next page: carry the last two over together.
			 */
			widow = rest_v[j] == 2 && !blank && here >= 2 &&
				rest_v[0] >= 4 &&
				y + rest_h[j] - b->leading > BOTTOM;
			if ((y + h > BOTTOM || widow) && y > TOP) {
				if (b->kind == B_NOTE && !first) {
					struct op *o = new_op(r, OP_BAR, page);
					o->x = b->x - BAR_GAP;
					o->y = bar_top;
					o->y2 = y - b->leading;
					o->blk = b;
				}
				page++;
				y = TOP;
				bar_top = y;
				here = 0;
			}
			/* An empty line does not start a page. */
			if (blank && y == TOP && !first) {
				j++;
				continue;
			}
			if (first) {
				bar_top = y;
				if (b->kind == B_HEADING) {
					struct op *o =
						new_op(r, OP_OUTLINE, page);
					o->y = y;
					o->blk = b;
				}
				if (b->bullet) {
					struct op *o = new_op(r, OP_LINE, page);
					o->x = b->x - BULLET_W;
					o->y = y + base;
					o->line = PC(
						pango_layout_get_line_readonly)(
						b->bullet, 0);
					o->blk = b;
				}
				first = 0;
			}
			struct op *o = new_op(r, OP_LINE, page);
			o->x = b->x + (double)lr.x / PANGO_SCALE;
			o->y = y + base;
			o->line = PC(pango_layout_iter_get_line_readonly)(it);
			o->blk = b;
			y += h + b->leading;
			j++;
			here += !blank;
		} while (PC(pango_layout_iter_next_line)(it));
		PC(pango_layout_iter_free)(it);
		if (b->kind == B_NOTE) {
			struct op *o = new_op(r, OP_BAR, page);
			o->x = b->x - BAR_GAP;
			o->y = bar_top;
			o->y2 = y - b->leading;
			o->blk = b;
		}
		y += b->after;
	}
	r->pages = page + 1;
	free(rest_h);
	free(rest_v);
}

/* ------------------------------------------------------------ drawing */

static void
draw_text(struct render *r, const char *text, const PangoFontDescription *fd,
	  double x, double y, double w, PangoAlignment align)
{
	PangoLayout *l = make_layout(r, text, 0, fd, w, 0);
	PangoLayoutLine *line;
	PangoRectangle lr;

	PC(pango_layout_set_alignment)(l, align);
	PC(pango_layout_set_ellipsize)(l, PANGO_ELLIPSIZE_END);
	PC(pango_layout_set_width)(l, (int)(w * PANGO_SCALE));
	line = PC(pango_layout_get_line_readonly)(l, 0);
	PC(pango_layout_line_get_extents)(line, NULL, &lr);
	if (align == PANGO_ALIGN_RIGHT)
		x += w - (double)lr.width / PANGO_SCALE;
	else if (align == PANGO_ALIGN_CENTER)
		x += (w - (double)lr.width / PANGO_SCALE) / 2;
	PC(cairo_move_to)(r->cr, x, y);
	PC(pango_cairo_show_layout_line)(r->cr, line);
	PC(g_object_unref)(l);
}

static void
draw_furniture(struct render *r, const struct sd_pdf_meta *meta, int page)
{
	char foot[64];
	double half = (RIGHT - LEFT) / 2;

	PC(cairo_set_source_rgb)(r->cr, 0.3, 0.3, 0.3);
	draw_text(r, meta->header_left, r->small, LEFT, HEADER_BASE, half + 60,
		  PANGO_ALIGN_LEFT);
	draw_text(r, meta->header_right, r->small, LEFT + half + 70,
		  HEADER_BASE, half - 70, PANGO_ALIGN_RIGHT);
	PC(cairo_set_line_width)(r->cr, 0.5);
	PC(cairo_move_to)(r->cr, LEFT, HEADER_BASE + 7);
	PC(cairo_line_to)(r->cr, RIGHT, HEADER_BASE + 7);
	PC(cairo_stroke)(r->cr);
	if (meta->banner) {
		PC(cairo_set_source_rgb)(r->cr, 0.7, 0.0, 0.0);
		draw_text(r, meta->banner, r->small, LEFT, HEADER_BASE + 20,
			  RIGHT - LEFT, PANGO_ALIGN_CENTER);
		PC(cairo_set_source_rgb)(r->cr, 0.3, 0.3, 0.3);
	}
	snprintf(foot, sizeof foot, "sida %d av %d", page + 1, r->pages);
	draw_text(r, foot, r->small, LEFT, FOOTER_BASE, RIGHT - LEFT,
		  PANGO_ALIGN_CENTER);
}

static void
draw(struct render *r, const struct sd_pdf_meta *meta)
{
	int parent[8] = {0};
	size_t k = 0;

	for (int page = 0; page < r->pages; page++) {
		draw_furniture(r, meta, page);
		for (; k < r->nops && r->ops[k].page == page; k++) {
			const struct op *o = &r->ops[k];
			const struct block *b = o->blk;
			switch (o->kind) {
			case OP_LINE:
				PC(cairo_set_source_rgb)
				(r->cr, b->r, b->g, b->b);
				PC(cairo_move_to)(r->cr, o->x, o->y);
				PC(pango_cairo_show_layout_line)
				(r->cr, o->line);
				break;
			case OP_BAR:
				PC(cairo_set_source_rgb)
				(r->cr, 0.62, 0.62, 0.62);
				PC(cairo_set_line_width)(r->cr, 1.6);
				PC(cairo_move_to)(r->cr, o->x, o->y + 1);
				PC(cairo_line_to)(r->cr, o->x, o->y2);
				PC(cairo_stroke)(r->cr);
				break;
			case OP_RULE:
				PC(cairo_set_source_rgb)(r->cr, 0.2, 0.2, 0.2);
				PC(cairo_set_line_width)
				(r->cr, b->level == 1 ? 1.2 : 0.5);
				PC(cairo_move_to)(r->cr, o->x, o->y);
				PC(cairo_line_to)(r->cr, o->y2, o->y);
				PC(cairo_stroke)(r->cr);
				break;
			case OP_OUTLINE: {
				char dest[64];
				int lv = b->level, p = 0;
				for (int j = lv - 1; j > 0 && !p; j--)
					p = parent[j];
				snprintf(dest, sizeof dest,
					 "page=%d pos=[%d %d]", page + 1,
					 (int)LEFT,
					 (int)(o->y > 12 ? o->y - 12 : 0));
				parent[lv] = PC(cairo_pdf_surface_add_outline)(
					r->surface, p, b->outline, dest,
					lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN
						: 0);
				for (int j = lv + 1; j < 8; j++)
					parent[j] = 0;
				break;
			}
			}
		}
		PC(cairo_show_page)(r->cr);
	}
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	sd_buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int
sd_render_pdf(struct sd_ctx *ctx, const char *md,
	      const struct sd_pdf_meta *meta, struct sd_buf *out)
{
	struct render r;
	cmark_node *doc;
	cairo_font_options_t *fo;
	cairo_status_t status;

	if (pc_load(ctx))
		return ctx->err.code;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.surface = PC(cairo_pdf_surface_create_for_stream)(to_buf, out, PAGE_W,
							    PAGE_H);
	PC(cairo_pdf_surface_set_metadata)
	(r.surface, CAIRO_PDF_METADATA_TITLE, meta->title);
	PC(cairo_pdf_surface_set_metadata)
	(r.surface, CAIRO_PDF_METADATA_AUTHOR, meta->author);
	PC(cairo_pdf_surface_set_metadata)
	(r.surface, CAIRO_PDF_METADATA_CREATOR, "socdok " SD_VERSION);
	PC(cairo_pdf_surface_set_metadata)
	(r.surface, CAIRO_PDF_METADATA_CREATE_DATE, meta->created);
	r.cr = PC(cairo_create)(r.surface);

	r.pc = PC(pango_cairo_create_context)(r.cr);
	/* 72 dpi: a 10 pt font is 10 units, not 13.3. */
	PC(pango_cairo_context_set_resolution)(r.pc, 72);
	fo = PC(cairo_font_options_create)();
	PC(cairo_font_options_set_hint_metrics)(fo, CAIRO_HINT_METRICS_OFF);
	PC(cairo_font_options_set_hint_style)(fo, CAIRO_HINT_STYLE_NONE);
	PC(pango_cairo_context_set_font_options)(r.pc, fo);
	PC(cairo_font_options_destroy)(fo);
	PC(pango_context_set_round_glyph_positions)(r.pc, FALSE);
	PC(pango_context_set_language)
	(r.pc, PC(pango_language_from_string)("sv"));
	r.body = PC(pango_font_description_from_string)(FONT " 10");
	r.small = PC(pango_font_description_from_string)(FONT " 8.5");
	r.mono = PC(pango_font_description_from_string)(MONO " 9");

	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	add_blocks(&r, doc, 0);
	cmark_node_free(doc);
	paginate(&r);
	draw(&r, meta);

	PC(cairo_destroy)(r.cr);
	PC(cairo_surface_finish)(r.surface);
	status = PC(cairo_surface_status)(r.surface);
	PC(cairo_surface_destroy)(r.surface);
	for (size_t i = 0; i < r.nblocks; i++) {
		if (r.blocks[i].layout)
			PC(g_object_unref)(r.blocks[i].layout);
		if (r.blocks[i].bullet)
			PC(g_object_unref)(r.blocks[i].bullet);
		free(r.blocks[i].outline);
	}
	free(r.blocks);
	free(r.ops);
	PC(pango_font_description_free)(r.body);
	PC(pango_font_description_free)(r.small);
	PC(pango_font_description_free)(r.mono);
	PC(g_object_unref)(r.pc);
	if (status != CAIRO_STATUS_SUCCESS)
		return sd_fail(ctx, EX_SOFTWARE, "cannot write the PDF: %s",
			       PC(cairo_status_to_string)(status));
	return 0;
}
