/*
 * render-draw.c - a page drawn from the ops of pagination, with its
 * running header, "sida N av M" and one bookmark per heading.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-int.h"

static void
draw_text(struct sd_render *r, const char *text, const PangoFontDescription *fd,
	  double x, double y, double w, PangoAlignment align)
{
	PangoLayout *l = sd_render_layout(r, text, 0, fd, w, 0);
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
draw_furniture(struct sd_render *r, int page)
{
	const struct sd_pdf_meta *meta = r->meta;
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

/* One op of page (from 0); parent: the last bookmark of each level. */
static void
draw_op(struct sd_render *r, const struct op *o, int page, int *parent)
{
	const struct block *b = o->blk;

	switch (o->kind) {
	case OP_LINE:
		PC(cairo_set_source_rgb)(r->cr, b->r, b->g, b->b);
		PC(cairo_move_to)(r->cr, o->x, o->y);
		PC(pango_cairo_show_layout_line)(r->cr, o->line);
		break;
	case OP_BAR:
		PC(cairo_set_source_rgb)(r->cr, 0.62, 0.62, 0.62);
		PC(cairo_set_line_width)(r->cr, 1.6);
		PC(cairo_move_to)(r->cr, o->x, o->y + 1);
		PC(cairo_line_to)(r->cr, o->x, o->y2);
		PC(cairo_stroke)(r->cr);
		break;
	case OP_RULE:
		PC(cairo_set_source_rgb)(r->cr, 0.2, 0.2, 0.2);
		PC(cairo_set_line_width)(r->cr, b->level == 1 ? 1.2 : 0.5);
		PC(cairo_move_to)(r->cr, o->x, o->y);
		PC(cairo_line_to)(r->cr, o->y2, o->y);
		PC(cairo_stroke)(r->cr);
		break;
	case OP_OUTLINE: {
		char dest[64];
		int lv = b->level, p = 0;
		for (int j = lv - 1; j > 0 && !p; j--)
			p = parent[j];
		snprintf(dest, sizeof dest, "page=%d pos=[%d %d]", page + 1,
			 (int)LEFT, (int)(o->y > 12 ? o->y - 12 : 0));
		parent[lv] = PC(cairo_pdf_surface_add_outline)(
			r->surface, p, b->outline, dest,
			lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (int j = lv + 1; j < 8; j++)
			parent[j] = 0;
		break;
	}
	}
}

void
sd_render_draw(struct sd_render *r, int first, int last)
{
	int *parent = r->parent;
	size_t k = 0;

	for (int page = first; page <= last; page++) {
		draw_furniture(r, page);
		for (; k < r->nops && r->ops[k].page == page; k++)
			draw_op(r, &r->ops[k], page, parent);
		PC(cairo_show_page)(r->cr);
	}
}
