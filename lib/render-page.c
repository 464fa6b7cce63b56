/*
 * render-page.c - pagination: every line of every block placed on a
 * page, a heading kept with what follows it and a short block in one
 * piece; where each line, bar, rule and bookmark goes, as ops.  The
 * blocks come as the document is laid out, and each page is drawn
 * (render-draw.c) and its blocks freed as soon as the next one begins.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-int.h"

static struct op *
new_op(struct sd_render *r, enum opkind kind, int page)
{
	struct op *o;

	r->ops = sd_grow(r->ops, r->nops, &r->capops, sizeof *r->ops, 256);
	o = &r->ops[r->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->page = page;
	return o;
}

void
sd_render_release(struct sd_render *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct block *b = r->blocks[i];
		if (b->layout)
			PC(g_object_unref)(b->layout);
		if (b->bullet)
			PC(g_object_unref)(b->bullet);
		free(b->outline);
		free(b);
	}
	memmove(r->blocks, r->blocks + n, (r->nblocks - n) * sizeof *r->blocks);
	r->nblocks -= n;
	r->cur -= n < r->cur ? n : r->cur;
}

/*
 * The current page is full: drawn (in the drawing pass), then what
 * only it used is freed, the blocks placed before the current one;
 * the next page begins.  The first pass keeps the first KEEP_PAGES
 * pages instead, in case the document ends within them.
 */
static void
new_page(struct sd_render *r)
{
	if (r->drawing)
		sd_render_draw(r, r->page, r->page);
	if (r->keep && r->page + 1 < KEEP_PAGES) {
		r->page++;
		r->y = TOP;
		return;
	}
	r->keep = 0;
	r->nops = 0;
	sd_render_release(r, r->cur);
	r->page++;
	r->y = TOP;
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
need(const struct sd_render *r, size_t i, int depth)
{
	const struct block *b = r->blocks[i];
	int lines = b->layout ? PC(pango_layout_get_line_count)(b->layout) : 1;
	double h = b->before + lines_height(b, lines <= 3 ? -1 : 2);

	if (b->keep_next && depth < 4 && i + 1 < r->nblocks)
		h += b->after + need(r, i + 1, depth + 1);
	return h;
}

/* Block r->blocks[r->cur] placed, line by line, from r->y on. */
static void
place(struct sd_render *r)
{
	struct block *b = r->blocks[r->cur];
	PangoLayoutIter *it;
	double bar_top = 0, *rest_h;
	int first = 1, nlines, j, here, *rest_v;

	if (r->y > TOP)
		r->y += b->before;
	if (r->y > TOP && r->y + need(r, r->cur, 0) - b->before > BOTTOM)
		new_page(r);
	if (b->kind == B_RULE) {
		struct op *o = new_op(r, OP_RULE, r->page);
		o->x = b->level == 3 ? LEFT + 120 : LEFT;
		o->y2 = b->level == 3 ? RIGHT - 120 : RIGHT;
		o->y = r->y + 1;
		o->blk = b;
		r->y += 2 + b->after;
		r->cur++;
		return;
	}
	nlines = PC(pango_layout_get_line_count)(b->layout);
	/* What is left from each line on: height and lines with text. */
	if ((size_t)nlines + 1 > r->caprest) {
		r->caprest = (size_t)nlines + 1;
		r->rest_h =
			sd_xrealloc(r->rest_h, r->caprest * sizeof *r->rest_h);
		r->rest_v =
			sd_xrealloc(r->rest_v, r->caprest * sizeof *r->rest_v);
	}
	rest_h = r->rest_h;
	rest_v = r->rest_v;
	rest_h[nlines] = 0;
	rest_v[nlines] = 0;
	j = 0;
	it = PC(pango_layout_get_iter)(b->layout);
	do {
		PangoRectangle lr;
		PC(pango_layout_iter_get_line_extents)(it, NULL, &lr);
		rest_h[j] = (double)lr.height / PANGO_SCALE + b->leading;
		rest_v[j] =
			PC(pango_layout_iter_get_line_readonly)(it)->length > 0;
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
		base = (double)(PC(pango_layout_iter_get_baseline)(it) - lr.y) /
		       PANGO_SCALE;
		blank = PC(pango_layout_iter_get_line_readonly)(it)->length ==
			0;
		/*
		 * Never leave one line of text of a block alone on the
		 * next page: carry the last two over together.
		 */
		widow = rest_v[j] == 2 && !blank && here >= 2 &&
			rest_v[0] >= 4 &&
			r->y + rest_h[j] - b->leading > BOTTOM;
		if ((r->y + h > BOTTOM || widow) && r->y > TOP) {
			if (b->kind == B_NOTE && !first) {
				struct op *o = new_op(r, OP_BAR, r->page);
				o->x = b->x - BAR_GAP;
				o->y = bar_top;
				o->y2 = r->y - b->leading;
				o->blk = b;
			}
			new_page(r);
			bar_top = r->y;
			here = 0;
		}
		/* An empty line does not start a page. */
		if (blank && r->y == TOP && !first) {
			j++;
			continue;
		}
		if (first) {
			bar_top = r->y;
			if (b->kind == B_HEADING) {
				struct op *o = new_op(r, OP_OUTLINE, r->page);
				o->y = r->y;
				o->blk = b;
			}
			if (b->bullet) {
				struct op *o = new_op(r, OP_LINE, r->page);
				o->x = b->x - BULLET_W;
				o->y = r->y + base;
				o->line = PC(pango_layout_get_line_readonly)(
					b->bullet, 0);
				o->blk = b;
			}
			first = 0;
		}
		struct op *o = new_op(r, OP_LINE, r->page);
		o->x = b->x + (double)lr.x / PANGO_SCALE;
		o->y = r->y + base;
		o->line = PC(pango_layout_iter_get_line_readonly)(it);
		o->blk = b;
		r->y += h + b->leading;
		j++;
		here += !blank;
	} while (PC(pango_layout_iter_next_line)(it));
	PC(pango_layout_iter_free)(it);
	if (b->kind == B_NOTE) {
		struct op *o = new_op(r, OP_BAR, r->page);
		o->x = b->x - BAR_GAP;
		o->y = bar_top;
		o->y2 = r->y - b->leading;
		o->blk = b;
	}
	r->y += b->after;
	r->cur++;
}

void
sd_render_paginate(struct sd_render *r, int final)
{
	/* need() looks four blocks ahead: place a block when they are
	 * there, as when the whole document was laid out first. */
	while (r->cur < r->nblocks && (final || r->cur + 4 < r->nblocks))
		place(r);
}
