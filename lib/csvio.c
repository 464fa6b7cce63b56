/*
 * csvio.c - one module around libcsv: strict parsing, BOM stripping,
 * line numbers for messages.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

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
		r->fields = sd_xrealloc(r->fields, (size_t)r->cap * sizeof *r->fields);
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
		return sd_fail(ctx, EX_SOFTWARE, "cannot start the CSV parser");
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
			r.rc = sd_fail(ctx, EX_DATAERR, "line %d: %s", r.cur_line,
				       csv_strerror(csv_error(&p)));
			break;
		}
		off += chunk;
		if (nl)
			r.cur_line++;
	}
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) != 0)
		r.rc = sd_fail(ctx, EX_DATAERR, "line %d: %s", r.line,
			       csv_strerror(csv_error(&p)));
	for (int i = 0; i < r.n; i++)
		free(r.fields[i]);
	free(r.fields);
	csv_free(&p);
	return r.rc;
}
