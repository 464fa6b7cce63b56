/*
 * render-int.h - what the parts of the PDF renderer share: pango and
 * cairo looked up at run time (render.c), the page's measures, and the
 * blocks (render-block.c) that pagination (render-page.c) places and
 * drawing (render-draw.c) puts on the pages.
 */
#ifndef SD_RENDER_INT_H
#define SD_RENDER_INT_H

#include <cairo-pdf.h>
#include <cmark.h>
#include <pango/pangocairo.h>

#include "render.h"

/* Every function of pango, cairo and glib the PDF calls (render.c). */
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

/* The functions of PC_FUNCS, found by render.c on the first PDF. */
struct sd_render_pc {
	void *dl;
#define X(f) __typeof__(f) *f;
	PC_FUNCS(X)
#undef X
};
extern struct sd_render_pc sd_render_pc;
#define PC(f) (sd_render_pc.f)

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

/*
 * A document of up to this many pages is laid out once: the first pass
 * keeps its layouts, which are then drawn.  A longer one is laid out
 * again, page by page, so that memory holds about this many pages at
 * most (some 100 kB each) whatever the length of the akt.
 */
#ifndef KEEP_PAGES
#define KEEP_PAGES 100
#endif

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

struct sd_render {
	struct sd_ctx *ctx;
	const struct sd_pdf_meta *meta;
	sd_render_sink *sink; /* where the PDF's bytes go */
	void *sink_arg;
	int sink_rc; /* the sink's failure, or 0 */
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *body, *mono, *small;
	int drawing; /* 0: the pass that counts the pages; 1: drawing */
	int keep;    /* first pass: every page kept so far (KEEP_PAGES) */
	/* The blocks laid out and not yet freed: those placed on the
	 * current page (or the pages kept) before cur, then those waiting
	 * to be placed. */
	struct block **blocks;
	size_t nblocks, capblocks, cur;
	struct op *ops; /* what goes on the current page (or the pages
			   kept) */
	size_t nops, capops;
	int page;      /* the current page, from 0 */
	double y;      /* where the next block goes on it */
	int pages;     /* when drawing: how many there are (the first pass) */
	int parent[8]; /* the bookmark of the last heading of each level */
	double *rest_h;
	int *rest_v;
	size_t caprest;
	double sub; /* current extra indent (under a level-4 heading) */
	int after_heading;
};

/* A layout of width w holding text (Pango markup when markup != 0). */
PangoLayout *sd_render_layout(struct sd_render *r, const char *text, int markup,
			      const PangoFontDescription *fd, double w,
			      double indent);
/* The blocks of cmark node parent's children, at indent (render-block.c). */
void sd_render_blocks(struct sd_render *r, cmark_node *parent, double indent);
/*
 * The blocks laid out so far placed on pages, each page drawn when the
 * next begins (render-page.c).  A block is placed once the four after
 * it are known (a heading keeps up to four with it), or at the end
 * (final).
 */
void sd_render_paginate(struct sd_render *r, int final);
/* Free the first n blocks of r->blocks (placed, and drawn). */
void sd_render_release(struct sd_render *r, size_t n);
/* Pages first..last drawn from r->ops: header, footer, lines, bars,
 * rules and bookmarks (render-draw.c). */
void sd_render_draw(struct sd_render *r, int first, int last);

#endif
