/*
 * lint-word.c - a note's text cut into words for the lint: letters and
 * digits (inner hyphens kept), each with its line, column and sentence,
 * and a case-folded copy (Swedish letters included).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint-int.h"

/* c in UTF-8 at u; its length. */
static size_t
encode(char *u, uint32_t c)
{
	if (c < 0x80) {
		u[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	u[0] = (char)(0xf0 | (c >> 18));
	u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	u[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Lower case for the Latin letters (Å Ä Ö É Ü ... and Latin Extended-A). */
static uint32_t
fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) &&
	    !(c & 1))
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) &&
	    (c & 1))
		return c + 1;
	return c;
}

static int
is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return 0;
	/* Punctuation, symbols and emoji are not letters. */
	if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe00 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff0f) ||
	    c >= 0x1f000)
		return 0;
	return 1;
}

static int
is_word(uint32_t c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

/* 1 when the line starting at p begins a new block (blank, list, heading). */
static int
block_start(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '\n' || *p == '\r' || *p == '#' || *p == '>' ||
	    *p == '|')
		return 1;
	if ((*p == '-' || *p == '*' || *p == '+') &&
	    (p[1] == ' ' || p[1] == '\t'))
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	return (*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t');
}

void
sd_lint_toks_free(struct toks *ts)
{
	free(ts->buf);
	free(ts->t);
	ts->buf = NULL;
	ts->t = NULL;
	ts->n = 0;
}

/* Cut text into words; invalid bytes count as one non-word character. */
void
sd_lint_tokenize(const char *text, struct toks *ts)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, cap = 0, flen = 0;
	int line = 1, col = 1, in = 0, count = 0;
	uint32_t c, next;
	char *f;

	ts->t = NULL;
	ts->n = 0;
	ts->sentences = 0;
	/*
	 * The folded words one after the other, each ended by its NUL, in
	 * one block (not a malloc each: a batch lints thousands of notes),
	 * sized once: a folded character is no longer than the character,
	 * except an invalid byte, which becomes U+FFFD (three bytes); with
	 * a word's NUL, at most four bytes for each byte of the text.
	 */
	f = sd_xmalloc(4 * n + 2);
	/* (ASCII decoded in line: most of a Swedish note's characters) */
#define DECODE(p, m, cp)                                                       \
	((m) && *(p) < 0x80 ? (*(cp) = *(p), 1) : sd_utf8_decode(p, m, cp))
	int nlen = DECODE(s, n, &next);
	while (i < n) {
		/* Each character decoded once: it was the last one's next. */
		int len = nlen;
		c = next;
		if (!len)
			len = 1, c = 0xfffd;
		nlen = DECODE(s + i + len, n - i - len, &next);
		int word = is_word(c) || (c >= 0x300 && c <= 0x36f && in) ||
			   (in && (c == '-' || c == 0x2011) && nlen &&
			    is_word(next));
		if (word) {
			if (!in) {
				ts->t = sd_grow(ts->t, ts->n, &cap,
						sizeof *ts->t, 64);
				struct tok *t = &ts->t[ts->n++];
				memset(t, 0, sizeof *t);
				t->off = i;
				t->line = line;
				t->col = col;
				t->sentence = ts->sentences;
				t->foff = flen;
				in = 1;
				count++;
			}
			if (is_letter(c))
				ts->t[ts->n - 1].letter = 1;
			if (c < 0x80)
				f[flen++] = (char)fold(c);
			else
				flen += encode(f + flen, fold(c));
		} else if (in) {
			struct tok *t = &ts->t[ts->n - 1];
			t->len = i - t->off;
			f[flen++] = '\0';
			in = 0;
		}
		if (!word) {
			int end = 0;
			if ((c == '.' || c == '!' || c == '?') &&
			    (!nlen || next == ' ' || next == '\n' ||
			     next == '\t' || next == '\r' || next == '"' ||
			     next == ')' || next == 0x201d))
				end = 1;
			if (c == '\n' && block_start(text + i + 1))
				end = 1;
			if (end && count) {
				ts->sentences++;
				count = 0;
			}
		}
		if (c == '\n')
			line++, col = 1;
		else if (!(c >= 0x300 && c <= 0x36f))
			col++;
		i += (size_t)len;
	}
#undef DECODE
	if (in) {
		struct tok *t = &ts->t[ts->n - 1];
		t->len = i - t->off;
		f[flen++] = '\0';
	}
	if (count)
		ts->sentences++;
	f[flen] = '\0';
	ts->buf = f;
	for (size_t k = 0; k < ts->n; k++)
		ts->t[k].fold = ts->buf + ts->t[k].foff;
}
