/*
 * render-page.c - pagination: every line of every block placed on a
 * page, a heading kept with what follows it and a short block in one
 * piece; where each line, bar, rule and bookmark goes, as ops.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-int.h"

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

void
sd_render_paginate(struct render *r)
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
