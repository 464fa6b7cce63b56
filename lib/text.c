/*
 * text.c - UTF-8 checks and width, Swedish collation, string buffers and
 * whole-file reading.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socdok.h"

void
sd_sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

void *
sd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs(_("socdok: out of memory\n"), stderr);
		abort();
	}
	return p;
}

void *
sd_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs(_("socdok: out of memory\n"), stderr);
		abort();
	}
	return p;
}

void *
sd_grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : first;
	return sd_xrealloc(v, *cap * size);
}

char *
sd_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(sd_xmalloc(n), s, n);
}

int
sd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		c = s[0] & 0x1f;
		len = 2;
	} else if ((s[0] & 0xf0) == 0xe0) {
		c = s[0] & 0x0f;
		len = 3;
	} else if ((s[0] & 0xf8) == 0xf0) {
		c = s[0] & 0x07;
		len = 4;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
sd_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Eight bytes of a text as one word, in any byte order. */
static inline uint64_t
load8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

#define ASCII_ONES 0x0101010101010101u
#define ASCII_HIGH 0x8080808080808080u

/*
 * How many of the n bytes at p are, from the first, ASCII (printable:
 * only 0x20 to 0x7e): eight at a time, the first that is not found in
 * its word (on a little-endian machine; else byte by byte from there).
 * A byte below 0x20 or from 0x7f up sets its high bit in one of the
 * three words; the lowest such byte is the first that is not printable
 * (the bytes below it neither borrow nor carry).
 */
static inline size_t
ascii_run(const unsigned char *p, size_t n, int printable)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w = load8(p + i), m = w;
		if (printable)
			m |= (w - 0x20 * ASCII_ONES) | (w + ASCII_ONES);
		if ((m &= ASCII_HIGH)) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
	}
	while (i < n && (printable ? p[i] >= 0x20 && p[i] < 0x7f : p[i] < 0x80))
		i++;
	return i;
}

int
sd_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	while (n > 0) {
		/* (ASCII, most of a Swedish text, without a decode) */
		size_t run = ascii_run(p, n, 0);
		p += run;
		if (!(n -= run))
			break;
		int len = sd_utf8_decode(p, n, &cp);
		if (len == 0)
			return 0;
		p += len;
		n -= (size_t)len;
	}
	return 1;
}

/* The line and column (in characters, from 1) of byte off in s. */
static void
line_col(const char *s, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			*line += 1, *col = 1;
		else if (((unsigned char)s[i] & 0xc0) != 0x80)
			*col += 1;
}

int
sd_text_clean(struct sd_ctx *ctx, const char *what, char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = *n, i, o, line, col;
	uint32_t cp;

	if (len >= 2 &&
	    ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
		return sd_fail(ctx, EX_DATAERR,
			       _("%s is UTF-16, not UTF-8; save it as UTF-8 "
				 "(in Notepad: Save as, Encoding UTF-8) and "
				 "try again"),
			       what);
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		memmove(s, s + 3, len - 3);
		len -= 3;
	}
	/* CRLF and a lone CR (old Mac files) become LF (when there is one). */
	for (i = o = memchr(s, '\r', len) ? 0 : len; i < len; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			s[o++] = s[i];
		}
	}
	len = o;
	s[len] = '\0';
	*n = len;
	for (i = 0; i < len;) {
		/* (printable ASCII, most of a text: nothing to check) */
		if ((i += ascii_run(u + i, len - i, 1)) >= len)
			break;
		int l = sd_utf8_decode(u + i, len - i, &cp);
		const char *bad = NULL;
		if (l == 0)
			bad = _("a byte that is not UTF-8");
		else if (cp == 0)
			bad = _("a NUL byte");
		else if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
			 (cp >= 0x7f && cp < 0xa0))
			bad = _("a control character (such as ESC or BEL)");
		else if ((cp >= 0x202a && cp <= 0x202e) ||
			 (cp >= 0x2066 && cp <= 0x2069))
			bad = _("a bidirectional override character");
		if (bad) {
			line_col(s, i, &line, &col);
			return sd_fail(ctx, EX_DATAERR,
				       _("%s has %s at line %zu, column %zu; "
					 "remove it (or save the text as "
					 "plain UTF-8) and try again"),
				       what, bad, line, col);
		}
		i += (size_t)l;
	}
	if (len > SD_TEXT_MAX)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s is %zu KiB, more than the %d KiB a text "
				 "may hold; split it into several"),
			       what, (len + 1023) / 1024, SD_TEXT_MAX / 1024);
	return 0;
}

int
sd_text_check(struct sd_ctx *ctx, const char *what, const char *s)
{
	size_t n = strlen(s);
	char *copy = sd_strdup(s);
	int rc = sd_text_clean(ctx, what, copy, &n);

	free(copy);
	return rc;
}

/* Control characters would break the one-line fields of the hash format. */
int
sd_utf8_check_line(struct sd_ctx *ctx, const char *what, const char *s)
{
	if (!s || !*s)
		return sd_fail(ctx, EX_USAGE, _("%s must not be empty"), what);
	if (!sd_utf8_valid(s, strlen(s)))
		return sd_fail(ctx, EX_DATAERR, _("%s '%s' is not valid UTF-8"),
			       what, s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return sd_fail(ctx, EX_DATAERR,
				       _("%s must be one line without control "
					 "characters"),
				       what);
	return 0;
}

int
sd_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	int w = 0;

	/* (ASCII, most cells: a column a byte, nothing to decode) */
	while (*p && *p < 0x80)
		p++;
	w = (int)(p - (const unsigned char *)s);
	size_t n = strlen((const char *)p);
	while (n > 0) {
		int len = sd_utf8_decode(p, n, &cp);
		if (len == 0) {
			len = 1;
			cp = '?';
		}
		/* Combining diacritical marks take no column. */
		if (!(cp >= 0x300 && cp <= 0x36f))
			w++;
		p += len;
		n -= (size_t)len;
	}
	return w;
}

/*
 * Primary sort weight of a code point in Swedish order: letters fold
 * case, accented letters sort with their base letter (é as e, ü as y,
 * æ as ä, ø as ö), and Å Ä Ö come after Z.
 */
static uint32_t
sv_weight(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		c -= 32;
	switch (c) {
	case 0xe5:
	case 0xc5: return 'Z' + 1; /* å */
	case 0xe4:
	case 0xc4:
	case 0xe6:
	case 0xc6: return 'Z' + 2; /* ä æ */
	case 0xf6:
	case 0xd6:
	case 0xf8:
	case 0xd8: return 'Z' + 3; /* ö ø */
	case 0xe9:
	case 0xc9:
	case 0xe8:
	case 0xc8:
	case 0xea:
	case 0xca:
	case 0xeb:
	case 0xcb: return 'E';
	case 0xe1:
	case 0xc1:
	case 0xe0:
	case 0xc0:
	case 0xe2:
	case 0xc2: return 'A';
	case 0xfc:
	case 0xdc: return 'Y';
	case 0xed:
	case 0xcd:
	case 0xef:
	case 0xcf: return 'I';
	case 0xf3:
	case 0xd3:
	case 0xf4:
	case 0xd4: return 'O';
	case 0xe7:
	case 0xc7: return 'C';
	case 0xf1:
	case 0xd1: return 'N';
	default: return c;
	}
}

int
sd_collate_sv(const char *a, int na, const char *b, int nb)
{
	const unsigned char *pa = (const unsigned char *)a;
	const unsigned char *pb = (const unsigned char *)b;
	size_t la = (size_t)na, lb = (size_t)nb;
	uint32_t ca, cb;

	while (la > 0 && lb > 0) {
		int ka = sd_utf8_decode(pa, la, &ca);
		int kb = sd_utf8_decode(pb, lb, &cb);
		if (ka == 0) {
			ka = 1;
			ca = *pa;
		}
		if (kb == 0) {
			kb = 1;
			cb = *pb;
		}
		uint32_t wa = sv_weight(ca), wb = sv_weight(cb);
		if (wa != wb)
			return wa < wb ? -1 : 1;
		pa += ka;
		la -= (size_t)ka;
		pb += kb;
		lb -= (size_t)kb;
	}
	if (la != lb)
		return la < lb ? -1 : 1;
	/* Equal at the primary level: fall back to bytes, for a total order. */
	int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
	if (r)
		return r < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

void
sd_buf_init(struct sd_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sd_buf_free(struct sd_buf *b)
{
	free(b->s);
	sd_buf_init(b);
}

void
sd_buf_add(struct sd_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = sd_xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sd_buf_puts(struct sd_buf *b, const char *s)
{
	sd_buf_add(b, s, strlen(s));
}

void
sd_buf_add_int(struct sd_buf *b, long long n)
{
	unsigned long long u =
		n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
	char num[24], *p = num + sizeof num;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	sd_buf_add(b, p, (size_t)(num + sizeof num - p));
}

void
sd_buf_printf(struct sd_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		sd_buf_add(b, small, (size_t)n);
		return;
	}
	char *big = sd_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sd_buf_add(b, big, (size_t)n);
	free(big);
}

char *
sd_read_stream(FILE *f, size_t *len)
{
	struct sd_buf b;
	char chunk[8192];
	size_t n;

	sd_buf_init(&b);
	sd_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sd_buf_add(&b, chunk, n);
	if (ferror(f)) {
		sd_buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return b.s;
}

char *
sd_read_file(struct sd_ctx *ctx, const char *path, size_t *len)
{
	FILE *f;
	char *s;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if (!(f = fopen(path, "r"))) {
		sd_fail(ctx, EX_NOINPUT, _("cannot open '%s': %s"), path,
			strerror(errno));
		return NULL;
	}
	s = sd_read_stream(f, len);
	if (!s)
		sd_fail(ctx, EX_IOERR, _("cannot read '%s': %s"), path,
			strerror(errno));
	if (f != stdin)
		fclose(f);
	return s;
}

struct sd_strpool_block {
	struct sd_strpool_block *next;
	size_t used, size;
	char s[];
};

char *
sd_strpool_dup(struct sd_strpool *p, const char *v)
{
	size_t n = strlen(v) + 1;
	struct sd_strpool_block *b = p->head;

	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;
		b = sd_xmalloc(sizeof *b + size);
		b->next = p->head;
		b->used = 0;
		b->size = size;
		p->head = b;
	}
	char *d = memcpy(b->s + b->used, v, n);
	b->used += n;
	return d;
}

void
sd_strpool_free(struct sd_strpool *p)
{
	while (p->head) {
		struct sd_strpool_block *b = p->head;
		p->head = b->next;
		free(b);
	}
}
