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

/*
 * The block of the last text cut (the largest, up to SPARE_MAX bytes),
 * kept for the next: a batch cuts thousands of notes, and a malloc and
 * a free for each were a tenth of the cutting.  Freed at exit.
 */
#define SPARE_MIN 16384
#define SPARE_MAX (1024 * 1024)
static void *spare;
static size_t spare_size;

static void
spare_free(void)
{
	free(spare);
	spare = NULL;
	spare_size = 0;
}

void
sd_lint_toks_free(struct toks *ts)
{
	static int registered;

	if (ts->mem && ts->size > spare_size && ts->size <= SPARE_MAX &&
	    (registered || (registered = !atexit(spare_free)))) {
		free(spare);
		spare = ts->mem;
		spare_size = ts->size;
	} else {
		free(ts->mem);
	}
	ts->mem = NULL;
	ts->size = 0;
	ts->t = NULL;
	ts->n = 0;
}

/*
 * A byte that is an ASCII letter or digit, folded (a letter's lower
 * case, which has the bit 0x40 that no digit has); 0 for anything else,
 * and for every byte of a longer character.
 */
static const unsigned char ascii_fold[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
#define L(c) [c] = c + 32, [c + 32] = c + 32
	L('A'),      L('B'),      L('C'),      L('D'),      L('E'),
	L('F'),      L('G'),      L('H'),      L('I'),      L('J'),
	L('K'),      L('L'),      L('M'),      L('N'),      L('O'),
	L('P'),      L('Q'),      L('R'),      L('S'),      L('T'),
	L('U'),      L('V'),      L('W'),      L('X'),      L('Y'),
	L('Z'),
#undef L
};

/* Is the text at p (NUL-terminated) a letter of Latin-1 (U+00C0-U+00FF
 * but for the signs U+00D7 and U+00F7) in UTF-8? */
#define LATIN1_LETTER(p)                                                       \
	((p)[0] == 0xc3 && (p)[1] >= 0x80 && (p)[1] <= 0xbf &&                 \
	 (p)[1] != 0x97 && (p)[1] != 0xb7)

/* Is the character at s (n bytes left, maybe 0) a word character? */
static int
word_next(const unsigned char *s, size_t n)
{
	uint32_t c;

	if (n && *s < 0x80)
		return ascii_fold[*s] != 0;
	return sd_utf8_decode(s, n, &c) && is_word(c);
}

/*
 * Cut text into words; invalid bytes count as one non-word character.
 * The words and their folded copies are in one block, sized once: a
 * text has at most one word in two bytes, and a folded character is no
 * longer than the character, except an invalid byte, which becomes
 * U+FFFD (three bytes); with a word's NUL, at most four bytes for each
 * byte of the text.  ASCII letters and digits (most of a Swedish note's
 * characters) take the short way: a table says which, and a run of
 * them is copied folded and hashed in one loop.
 */
void
sd_lint_tokenize(const char *text, struct toks *ts)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, maxt = n / 2 + 1;
	int line = 1, col = 1, in = 0, count = 0;
	struct tok *t = NULL;
	uint64_t h = 0; /* the hash of the word being cut, so far */
	char *o;        /* where its next folded byte goes */

	ts->size = maxt * sizeof *ts->t + 4 * n + 2;
	if (spare && spare_size >= ts->size) {
		ts->mem = spare;
		ts->size = spare_size;
		spare = NULL;
		spare_size = 0;
	} else {
		if (ts->size < SPARE_MIN)
			ts->size = SPARE_MIN;
		ts->mem = sd_xmalloc(ts->size);
	}
	ts->t = ts->mem;
	ts->n = 0;
	ts->sentences = 0;
	o = (char *)(ts->t + maxt);
#define START()                                                                \
	do {                                                                   \
		t = &ts->t[ts->n++];                                           \
		t->off = i;                                                    \
		t->line = line;                                                \
		t->col = col;                                                  \
		t->sentence = ts->sentences;                                   \
		t->letter = 0;                                                 \
		t->fold = o;                                                   \
		h = SD_LINT_HASH_BASIS;                                        \
		in = 1;                                                        \
		count++;                                                       \
	} while (0)
	while (i < n) {
		uint32_t c = s[i];
		unsigned b = ascii_fold[c];
		int len = 1, word;

		if (b || LATIN1_LETTER(s + i)) {
			/*
			 * The run of ASCII letters and digits and of the
			 * letters of Latin-1 (å, ä, ö, é, ...: 0xc3 and one
			 * byte, which a capital has in 0x80-0x9e and its
			 * lower case 0x20 above).
			 */
			const unsigned char *p = s + i, *e = s + n;
			unsigned bits = 0;
			size_t pairs = 0;
			if (!in)
				START();
			for (;;) {
				if (b) {
					bits |= b;
					*o++ = (char)b;
					h = (h ^ b) * SD_LINT_HASH_PRIME;
					p++;
				} else {
					unsigned d = p[1];
					if (d <= 0x9e)
						d += 0x20;
					bits |= 0x40;
					*o++ = (char)0xc3;
					*o++ = (char)d;
					h = (h ^ 0xc3) * SD_LINT_HASH_PRIME;
					h = (h ^ d) * SD_LINT_HASH_PRIME;
					p += 2;
					pairs++;
				}
				if (p == e)
					break;
				if (!(b = ascii_fold[*p]) && !LATIN1_LETTER(p))
					break;
			}
			if (bits & 0x40)
				t->letter = 1;
			col += (int)((size_t)(p - (s + i)) - pairs);
			i = (size_t)(p - s);
			continue;
		}
		if (c == ' ') {
			/* (a space: the end of the word, if any) */
			if (in) {
				t->len = i - t->off;
				t->hash = h;
				*o++ = '\0';
				in = 0;
			}
			col++;
			i++;
			continue;
		}
		if (c < 0x80) {
			word = in && c == '-' &&
			       word_next(s + i + 1, n - i - 1);
		} else {
			if (!(len = sd_utf8_decode(s + i, n - i, &c)))
				len = 1, c = 0xfffd;
			word = is_word(c) || (c >= 0x300 && c <= 0x36f && in) ||
			       (in && c == 0x2011 &&
				word_next(s + i + len, n - i - (size_t)len));
		}
		if (word) {
			if (!in)
				START();
			if (is_letter(c))
				t->letter = 1;
			size_t fl = c < 0x80 ? (*o = (char)c, 1) /* ('-') */
					     : encode(o, fold(c));
			h = sd_lint_hash(h, o, fl);
			o += fl;
		} else {
			int end = 0;
			if (in) {
				t->len = i - t->off;
				t->hash = h;
				*o++ = '\0';
				in = 0;
			}
			if (c == '.' || c == '!' || c == '?') {
				/* followed by the end, an invalid byte, white
				 * space, a quote or a parenthesis */
				uint32_t next;
				int nlen = i + 1 < n && s[i + 1] < 0x80
						   ? (next = s[i + 1], 1)
						   : sd_utf8_decode(s + i + 1,
								    n - i - 1,
								    &next);
				end = !nlen || next == ' ' || next == '\n' ||
				      next == '\t' || next == '\r' ||
				      next == '"' || next == ')' ||
				      next == 0x201d;
			} else if (c == '\n') {
				end = block_start(text + i + 1);
			}
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
#undef START
	if (in) {
		t->len = i - t->off;
		t->hash = h;
		*o++ = '\0';
	}
	if (count)
		ts->sentences++;
	*o = '\0';
}
