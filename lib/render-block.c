/*
 * render-block.c - an export's Markdown (parsed by cmark) as blocks:
 * headings, paragraphs, list items, the fenced texts of notes and
 * plans, each a PangoLayout with its spacing.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-int.h"

/*
 * A new block at the end of r->blocks.  Each is allocated on its own:
 * the ops of the current page point at blocks while more are added.
 */
static struct block *
new_block(struct sd_render *r, enum bkind kind)
{
	struct block *b = sd_xmalloc(sizeof *b);

	r->blocks = sd_grow(r->blocks, r->nblocks, &r->capblocks,
			    sizeof *r->blocks, 64);
	r->blocks[r->nblocks++] = b;
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
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
add_heading(struct sd_render *r, cmark_node *n)
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
	b->layout = sd_render_layout(r, m.s, 1, fd, b->width, 0);
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
add_text(struct sd_render *r, cmark_node *n, double indent, const char *bullet)
{
	struct sd_buf m;
	struct block *b = new_block(r, B_TEXT);
	/* The line under a note's or plan's heading, or the title block. */
	int meta = !bullet && (r->after_heading == 1 || r->after_heading >= 3);

	sd_buf_init(&m);
	inlines(n, &m, NULL);
	b->x = LEFT + r->sub + indent + (bullet ? BULLET_W : 0);
	b->width = RIGHT - b->x;
	b->layout = sd_render_layout(r, m.s ? m.s : "", 1,
				     meta ? r->small : r->body, b->width, 0);
	if (bullet)
		b->bullet =
			sd_render_layout(r, bullet, 0, r->body, BULLET_W, 0);
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
add_note(struct sd_render *r, cmark_node *n)
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
	b->layout = sd_render_layout(r, text, 0, r->body, b->width, 0);
	b->before = 2;
	b->after = 10;
	b->leading = 2.5;
	free(text);
	r->after_heading = 0;
}

static void
add_block(struct sd_render *r, cmark_node *n, double indent)
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
	case CMARK_NODE_BLOCK_QUOTE: sd_render_blocks(r, n, indent + 14); break;
	default: sd_render_blocks(r, n, indent); break;
	}
}

void
sd_render_blocks(struct sd_render *r, cmark_node *parent, double indent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n;
	     n = cmark_node_next(n))
		add_block(r, n, indent);
}
