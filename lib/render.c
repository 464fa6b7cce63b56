/*
 * render.c - lay out an export's Markdown on A4 pages with pango and
 * write it as PDF with cairo: pango and cairo loaded, the layouts, the
 * PDF written.  The blocks are render-block.c, pagination
 * render-page.c, drawing render-draw.c.
 *
 * The document comes in pieces (sd_render_md), each parsed with cmark
 * and turned into blocks (headings, paragraphs, list items, the fenced
 * texts of notes and plans), each a PangoLayout.  Pagination walks the
 * lines of every layout, keeps a heading with what follows it and a
 * short block in one piece, and records where each line goes.  The
 * pages are drawn with their running header, "sida N av M" and one
 * bookmark per heading once M is known: a short document (KEEP_PAGES)
 * from the layouts of its one pass; a longer one is laid out a second
 * time, and each page drawn when it is full and its layouts freed, so
 * that memory holds a few pages whatever the length of the akt (a
 * whole akt laid out at once took 534 MB for 20 000 notes; issue 17,
 * bench/README.md).  Text is real text (extracts exactly with
 * pdftotext): no hyphens are inserted and no ligatures formed.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-int.h"

/*
 * pango, cairo and glib (some 40 shared libraries) are loaded only when a
 * PDF is made: linked into akt-export and gallra they cost every run of
 * them, in any format, about as much as an export of 2 000 notes to
 * Markdown (bench/README.md, issue 17).  The programs are not linked
 * with them; libpangocairo is opened here on the first PDF, and the
 * functions of PC_FUNCS (render-int.h) are looked up in it and in the
 * libraries it needs.
 * The headers still give every call its type.
 */
#define PANGOCAIRO_SONAME "libpangocairo-1.0.so.0"

struct sd_render_pc sd_render_pc;

/* Open libpangocairo and find every function the PDF calls, once. */
static int
pc_load(struct sd_ctx *ctx)
{
	void *dl;

	if (sd_render_pc.dl)
		return 0;
	if (!(dl = dlopen(PANGOCAIRO_SONAME, RTLD_NOW | RTLD_LOCAL)))
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("cannot load pango and cairo for the PDF "
				 "(%s); install libpangocairo-1.0-0 or export "
				 "another format"),
			       dlerror());
#define X(f)                                                                   \
	if (!(sd_render_pc.f = (__typeof__(sd_render_pc.f))dlsym(dl, #f)))     \
		return sd_fail(ctx, EX_UNAVAILABLE,                            \
			       _("cannot load pango and cairo for the PDF "    \
				 "(%s); install libpangocairo-1.0-0 or "       \
				 "export another format"),                     \
			       #f);
	PC_FUNCS(X)
#undef X
	/* Kept open: glib cannot be unloaded. */
	sd_render_pc.dl = dl;
	return 0;
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
PangoLayout *
sd_render_layout(struct sd_render *r, const char *text, int markup,
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

/*
 * cairo's bytes to the caller's sink; its first failure kept, and what
 * comes after it dropped.  cairo is not told: cairo 1.16 crashes in
 * cairo_surface_finish after its stream said CAIRO_STATUS_WRITE_ERROR
 * (akt-export -o /dev/full).
 */
static cairo_status_t
to_sink(void *closure, const unsigned char *data, unsigned int len)
{
	struct sd_render *r = closure;

	if (!r->sink_rc)
		r->sink_rc = r->sink(r->sink_arg, data, len);
	return CAIRO_STATUS_SUCCESS;
}

void
sd_render_md(struct sd_render *r, const char *md, size_t len)
{
	cmark_node *doc;

	/* Nothing more can be written: do no more work. */
	if (r->sink_rc)
		return;
	doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	sd_render_blocks(r, doc, 0);
	cmark_node_free(doc);
	sd_render_paginate(r, 0);
}

/*
 * The document that source writes laid out and paginated (and, when
 * r->drawing, each page drawn but the last); its last page in r->page.
 */
static void
lay_out(struct sd_render *r, sd_render_source *source, void *arg)
{
	r->page = 0;
	r->y = TOP;
	r->sub = 0;
	r->after_heading = 0;
	memset(r->parent, 0, sizeof r->parent);
	source(arg, r);
	sd_render_paginate(r, 1);
}

int
sd_render_pdf(struct sd_ctx *ctx, sd_render_source *source, void *arg,
	      const struct sd_pdf_meta *meta, sd_render_sink *sink,
	      void *sink_arg)
{
	struct sd_render r;
	cairo_font_options_t *fo;
	cairo_status_t status;
	int rc = 0;

	if (pc_load(ctx))
		return ctx->err.code;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.meta = meta;
	r.sink = sink;
	r.sink_arg = sink_arg;
	r.surface = PC(cairo_pdf_surface_create_for_stream)(to_sink, &r, PAGE_W,
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

	/*
	 * "sida N av M" needs M on the first page: a first pass lays the
	 * document out and counts the pages.  A short document (KEEP_PAGES)
	 * is then drawn from its layouts; a longer one was not kept, and
	 * the second pass lays it out again and draws each page as it is
	 * full.  Laying out twice costs less than keeping every layout of
	 * a long akt (534 MB for 20 000 notes; bench/README.md).
	 */
	r.keep = 1;
	lay_out(&r, source, arg);
	r.pages = r.page + 1;
	if (r.keep)
		sd_render_draw(&r, 0, r.page);
	else {
		r.nops = 0;
		sd_render_release(&r, r.nblocks);
		r.drawing = 1;
		lay_out(&r, source, arg);
		sd_render_draw(&r, r.page, r.page);
		if (!r.sink_rc && r.page + 1 != r.pages)
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("the PDF came out with %d pages after "
				       "%d were counted"),
				     r.page + 1, r.pages);
	}
	r.nops = 0;
	sd_render_release(&r, r.nblocks);

	PC(cairo_destroy)(r.cr);
	PC(cairo_surface_finish)(r.surface);
	status = PC(cairo_surface_status)(r.surface);
	PC(cairo_surface_destroy)(r.surface);
	free(r.blocks);
	free(r.ops);
	free(r.rest_h);
	free(r.rest_v);
	PC(pango_font_description_free)(r.body);
	PC(pango_font_description_free)(r.small);
	PC(pango_font_description_free)(r.mono);
	PC(g_object_unref)(r.pc);
	if (r.sink_rc)
		rc = r.sink_rc;
	else if (!rc && status != CAIRO_STATUS_SUCCESS)
		rc = sd_fail(ctx, EX_SOFTWARE, _("cannot write the PDF: %s"),
			     PC(cairo_status_to_string)(status));
	return rc;
}
