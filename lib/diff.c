/*
 * diff.c - a line diff by longest common subsequence, and its unified
 * form.  Plans are short (a few hundred lines), so the quadratic table
 * is small; the common head and tail are cut off before it is built.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Lines of a text, as pointers and lengths (without the newline). */
struct lines {
	const char **s;
	size_t *len;
	size_t n;
};

static void
split(const char *t, struct lines *l)
{
	size_t cap = 16;
	const char *p = t;

	l->n = 0;
	l->s = sd_xmalloc(cap * sizeof *l->s);
	l->len = sd_xmalloc(cap * sizeof *l->len);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (l->n == cap) {
			cap *= 2;
			l->s = sd_xrealloc(l->s, cap * sizeof *l->s);
			l->len = sd_xrealloc(l->len, cap * sizeof *l->len);
		}
		l->s[l->n] = p;
		l->len[l->n++] = len;
		p += len + (e ? 1 : 0);
	}
}

static int
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] &&
	       memcmp(a->s[i], b->s[j], a->len[i]) == 0;
}

static void
emit(struct sd_diff *d, enum sd_diff_op op, const char *s, size_t len)
{
	struct sd_diff_line *l = &d->lines[d->n++];

	l->op = op;
	l->s = s;
	l->len = len;
	if (op == SD_DIFF_ADD)
		d->added++;
	else if (op == SD_DIFF_DEL)
		d->removed++;
}

int
sd_diff_lines(const char *a, const char *b, struct sd_diff *out)
{
	struct lines la, lb;
	size_t head = 0, tail = 0, n, m, i, j;
	unsigned *t = NULL;
	int rc = 0;

	memset(out, 0, sizeof *out);
	split(a, &la);
	split(b, &lb);
	while (head < la.n && head < lb.n && same(&la, head, &lb, head))
		head++;
	while (tail < la.n - head && tail < lb.n - head &&
	       same(&la, la.n - 1 - tail, &lb, lb.n - 1 - tail))
		tail++;
	n = la.n - head - tail;
	m = lb.n - head - tail;
	if (n && m && (n + 1) > 40000000 / (m + 1)) {
		rc = -1;
		goto out;
	}
	out->lines = sd_xmalloc((la.n + lb.n + 1) * sizeof *out->lines);
	for (i = 0; i < head; i++)
		emit(out, SD_DIFF_SAME, la.s[i], la.len[i]);
	/* t[i][j]: the LCS length of a's middle from i and b's middle from j.
	 */
	t = calloc((n + 1) * (m + 1), sizeof *t);
	if (!t) {
		rc = -1;
		goto out;
	}
#define T(x, y) t[(x) * (m + 1) + (y)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			T(i, j) = same(&la, head + i, &lb, head + j)
					  ? T(i + 1, j + 1) + 1
					  : (T(i + 1, j) >= T(i, j + 1)
						     ? T(i + 1, j)
						     : T(i, j + 1));
	i = j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same(&la, head + i, &lb, head + j)) {
			emit(out, SD_DIFF_SAME, la.s[head + i],
			     la.len[head + i]);
			i++, j++;
		} else if (j < m && (i == n || T(i, j + 1) > T(i + 1, j))) {
			emit(out, SD_DIFF_ADD, lb.s[head + j],
			     lb.len[head + j]);
			j++;
		} else {
			emit(out, SD_DIFF_DEL, la.s[head + i],
			     la.len[head + i]);
			i++;
		}
	}
#undef T
	for (i = la.n - tail; i < la.n; i++)
		emit(out, SD_DIFF_SAME, la.s[i], la.len[i]);
out:
	free(t);
	free(la.s);
	free(la.len);
	free(lb.s);
	free(lb.len);
	if (rc)
		sd_diff_free(out);
	return rc;
}

void
sd_diff_free(struct sd_diff *d)
{
	free(d->lines);
	memset(d, 0, sizeof *d);
}

void
sd_diff_unified(const struct sd_diff *d, const char *from, const char *to,
		int context, struct sd_buf *out)
{
	size_t i = 0, k, ai, bi;

	if (!d->added && !d->removed)
		return;
	sd_buf_printf(out, "--- %s\n+++ %s\n", from, to);
	/* Line numbers in a and b of d->lines[i], counted as we go. */
	ai = bi = 1;
	while (i < d->n) {
		size_t start, end, last, na = 0, nb = 0, sa, sb;

		/* The next change; a hunk runs from context lines before it. */
		for (k = i; k < d->n && d->lines[k].op == SD_DIFF_SAME; k++)
			;
		if (k == d->n)
			break;
		start = k - i > (size_t)context ? k - (size_t)context : i;
		for (; i < start; i++)
			ai++, bi++;
		/* Extend the hunk while changes are within 2*context lines. */
		last = k;
		for (k = last + 1; k < d->n; k++) {
			if (d->lines[k].op != SD_DIFF_SAME)
				last = k;
			else if (k - last > 2 * (size_t)context)
				break;
		}
		end = last + 1 + (size_t)context;
		if (end > d->n)
			end = d->n;
		for (k = start; k < end; k++) {
			if (d->lines[k].op != SD_DIFF_ADD)
				na++;
			if (d->lines[k].op != SD_DIFF_DEL)
				nb++;
		}
		sa = na ? ai : ai - 1;
		sb = nb ? bi : bi - 1;
		sd_buf_printf(out, "@@ -%zu", sa);
		if (na != 1)
			sd_buf_printf(out, ",%zu", na);
		sd_buf_printf(out, " +%zu", sb);
		if (nb != 1)
			sd_buf_printf(out, ",%zu", nb);
		sd_buf_puts(out, " @@\n");
		for (k = start; k < end; k++) {
			char op = (char)d->lines[k].op;
			sd_buf_add(out, &op, 1);
			sd_buf_add(out, d->lines[k].s, d->lines[k].len);
			sd_buf_add(out, "\n", 1);
		}
		ai += na;
		bi += nb;
		i = end;
	}
}
