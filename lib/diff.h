/*
 * diff.h - a small line diff (longest common subsequence) for showing
 * what changed between two versions of a text, such as two versions of
 * a genomförandeplan.  No external tool is run.
 */
#ifndef SD_DIFF_H
#define SD_DIFF_H

#include "socdok.h"

/* What a line of a diff is. */
enum sd_diff_op { SD_DIFF_SAME = ' ', SD_DIFF_DEL = '-', SD_DIFF_ADD = '+' };

/* One line of a diff: pointers into the caller's texts (not terminated). */
struct sd_diff_line {
	enum sd_diff_op op;
	const char *s;
	size_t len;
};

/* A whole diff, every line of both texts once, in order. */
struct sd_diff {
	struct sd_diff_line *lines;
	size_t n;
	size_t added, removed;
};

/*
 * Compare a and b line by line (an LCS diff; the common head and tail
 * are taken off first).  The result points into a and b, which must
 * outlive it; free it with sd_diff_free.  Returns 0, or -1 when the
 * texts are too long to compare.
 */
int sd_diff_lines(const char *a, const char *b, struct sd_diff *out);
void sd_diff_free(struct sd_diff *d);

/*
 * Append d as a unified diff with ctx lines of context and the headers
 * "--- from" and "+++ to" to out.  Nothing is appended when the texts
 * are equal.
 */
void sd_diff_unified(const struct sd_diff *d, const char *from, const char *to,
		     int context, struct sd_buf *out);

#endif
