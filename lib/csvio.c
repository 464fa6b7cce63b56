/*
 * csvio.c - one module around libcsv: strict parsing, BOM stripping,
 * line numbers for messages.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "hash.h"
#include "i18n.h"

struct rec {
	struct sd_ctx *ctx;
	sd_csv_record_fn fn;
	void *arg;
	char **fields;
	int n, cap;
	int line;     /* line where the current record began */
	int cur_line; /* line the parser has reached */
	int rc;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct rec *r = data;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = sd_xrealloc(r->fields,
					(size_t)r->cap * sizeof *r->fields);
	}
	char *f = sd_xmalloc(len + 1);
	if (s)
		memcpy(f, s, len);
	f[len] = '\0';
	r->fields[r->n++] = f;
}

static void
on_record(int c, void *data)
{
	struct rec *r = data;
	(void)c;

	if (!r->rc && r->n > 0 && !(r->n == 1 && !r->fields[0][0]))
		r->rc = r->fn(r->ctx, r->arg, r->line, r->n, r->fields);
	for (int i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
	r->line = r->cur_line + 1;
}

static int
is_space(unsigned char c)
{
	return c == ' ';
}

static int
is_term(unsigned char c)
{
	return c == '\n' || c == '\r';
}

int
sd_csv_parse(struct sd_ctx *ctx, const char *text, size_t len, char sep,
	     sd_csv_record_fn fn, void *arg)
{
	struct csv_parser p;
	struct rec r = {ctx, fn, arg, NULL, 0, 0, 1, 1, 0};

	/*
	 * CSV_REPALL_NL: a blank line is reported as an empty record, so
	 * that the line of the next record is counted right.
	 */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
				 CSV_EMPTY_IS_NULL | CSV_REPALL_NL) != 0)
		return sd_fail(ctx, EX_SOFTWARE,
			       _("cannot start the CSV parser"));
	csv_set_delim(&p, (unsigned char)sep);
	csv_set_space_func(&p, is_space);
	csv_set_term_func(&p, is_term);
	if (sep == '\t')
		csv_set_quote(&p, '\0');
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	/* Feed line by line so that errors can name the line. */
	size_t off = 0;
	while (off < len && !r.rc) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t chunk = nl ? (size_t)(nl - (text + off)) + 1 : len - off;
		if (csv_parse(&p, text + off, chunk, on_field, on_record, &r) !=
		    chunk) {
			r.rc = sd_fail(ctx, EX_DATAERR, _("line %d: %s"),
				       r.cur_line, csv_strerror(csv_error(&p)));
			break;
		}
		off += chunk;
		if (nl)
			r.cur_line++;
	}
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) != 0)
		r.rc = sd_fail(ctx, EX_DATAERR, _("line %d: %s"), r.line,
			       csv_strerror(csv_error(&p)));
	for (int i = 0; i < r.n; i++)
		free(r.fields[i]);
	free(r.fields);
	csv_free(&p);
	return r.rc;
}

/* ------------------------------------------------------------ streams */

#define CHUNK 65536

/* The most frequent of ; , and tab on the first line. */
static char
detect_sep(const char *s, size_t n)
{
	size_t semi = 0, comma = 0, tab = 0;

	for (size_t i = 0; i < n && s[i] != '\n'; i++) {
		semi += s[i] == ';';
		comma += s[i] == ',';
		tab += s[i] == '\t';
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

/* Valid UTF-8, but for a sequence cut at the end of the chunk. */
static int
utf8_prefix_valid(const char *s, size_t n)
{
	size_t cut = 0;

	while (cut < 3 && cut < n &&
	       ((unsigned char)s[n - 1 - cut] & 0xc0) == 0x80)
		cut++;
	if (cut < n && (unsigned char)s[n - 1 - cut] >= 0xc0)
		n -= cut + 1;
	return sd_utf8_valid(s, n);
}

/* Feed len bytes to the parser line by line, counting lines. */
static int
feed(struct sd_ctx *ctx, struct csv_parser *p, struct rec *r, const char *text,
     size_t len)
{
	size_t off = 0;

	while (off < len && !r->rc) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t chunk = nl ? (size_t)(nl - (text + off)) + 1 : len - off;
		if (csv_parse(p, text + off, chunk, on_field, on_record, r) !=
		    chunk)
			return r->rc = sd_fail(ctx, EX_DATAERR,
					       _("line %d: %s"), r->cur_line,
					       csv_strerror(csv_error(p)));
		off += chunk;
		if (nl)
			r->cur_line++;
	}
	return r->rc;
}

int
sd_csv_stream(struct sd_ctx *ctx, FILE *f, char sep, enum sd_csv_encoding enc,
	      sd_csv_record_fn fn, void *arg, struct sd_csv_info *info)
{
	struct csv_parser p;
	struct rec r = {ctx, fn, arg, NULL, 0, 0, 1, 1, 0};
	char *buf = sd_xmalloc(CHUNK), *conv = NULL;
	iconv_t cd = (iconv_t)-1;
	struct sd_sha256 md;
	size_t n;
	int first = 1;

	sd_sha256_init(&md);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
				 CSV_EMPTY_IS_NULL | CSV_REPALL_NL) != 0) {
		free(buf);
		return sd_fail(ctx, EX_SOFTWARE,
			       _("cannot start the CSV parser"));
	}
	csv_set_space_func(&p, is_space);
	csv_set_term_func(&p, is_term);
	while (!r.rc && (n = fread(buf, 1, CHUNK, f)) > 0) {
		const char *text = buf;
		size_t len = n;

		sd_sha256_update(&md, buf, n);
		if (first) {
			first = 0;
			if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
				text += 3;
				len -= 3;
				if (enc == SD_CSV_DETECT)
					enc = SD_CSV_UTF8;
			}
			if (enc == SD_CSV_DETECT)
				enc = utf8_prefix_valid(text, len)
					      ? SD_CSV_UTF8
					      : SD_CSV_CP1252;
			if (enc == SD_CSV_CP1252 &&
			    (cd = iconv_open("UTF-8", "WINDOWS-1252")) ==
				    (iconv_t)-1) {
				r.rc = sd_fail(ctx, EX_SOFTWARE,
					       _("cannot convert from "
						 "Windows-1252: %s"),
					       strerror(errno));
				break;
			}
			if (!sep)
				sep = detect_sep(text, len);
			csv_set_delim(&p, (unsigned char)sep);
			if (sep == '\t')
				csv_set_quote(&p, '\0');
		}
		if (cd != (iconv_t)-1) {
			/* One byte is at most three in UTF-8. */
			char *in = (char *)text, *out;
			size_t inleft = len, outleft = 3 * len;
			conv = sd_xrealloc(conv, 3 * CHUNK);
			out = conv;
			if (iconv(cd, &in, &inleft, &out, &outleft) ==
			    (size_t)-1) {
				/* 0x81, 0x8d, 0x8f, 0x90, 0x9d: no character.
				 */
				r.rc = sd_fail(
					ctx, EX_DATAERR,
					_("line %d: a byte that is not "
					  "Windows-1252; give --encoding "
					  "utf-8 if the file is UTF-8"),
					r.cur_line);
				break;
			}
			text = conv;
			len = (size_t)(out - conv);
		}
		feed(ctx, &p, &r, text, len);
	}
	if (!r.rc && ferror(f))
		r.rc = sd_fail(ctx, EX_IOERR, _("cannot read the file: %s"),
			       strerror(errno));
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) != 0)
		r.rc = sd_fail(ctx, EX_DATAERR, _("line %d: %s"), r.line,
			       csv_strerror(csv_error(&p)));
	if (info) {
		info->sep = sep ? sep : ';';
		info->enc = enc;
		sd_sha256_final(&md, info->sha256);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	for (int i = 0; i < r.n; i++)
		free(r.fields[i]);
	free(r.fields);
	free(conv);
	free(buf);
	csv_free(&p);
	return r.rc;
}
