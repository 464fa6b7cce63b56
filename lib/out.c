/*
 * out.c - printing lists: aligned text for a terminal, TSV, CSV (through
 * libcsv), JSON (strings quoted by SQLite's json_quote) and bare ids.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "socdok.h"

struct sd_table {
	int ncols;
	const char *const *names;
	int *flags;
	char **cells; /* rows * ncols, NULL for empty */
	int rows, cap;
	int streamed;           /* rows printed by sd_table_stream; -1: none,
				   not even the header */
	int *tw;                /* sd_table_text_widths: text streams with
				   these widths; NULL: aligned at the end */
	struct sd_strpool text; /* where the cells' text is kept */
};

static const char *fmt_names[] = {"text", "tsv", "csv", "json", "ids", "md"};

int
sd_format_parse(struct sd_ctx *ctx, const char *s, unsigned allowed,
		enum sd_format *out)
{
	char list[128] = "";

	if (!s) {
		*out = SD_FMT_TEXT;
		return 0;
	}
	for (int i = 0; i < (int)(sizeof fmt_names / sizeof *fmt_names); i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (strcmp(s, fmt_names[i]) == 0) {
			*out = (enum sd_format)i;
			return 0;
		}
		strcat(list, list[0] ? ", " : "");
		strcat(list, fmt_names[i]);
	}
	return sd_fail(ctx, EX_USAGE, _("unknown format '%s'; use one of: %s"),
		       s, list);
}

struct sd_table *
sd_table_new(int ncols, const char *const *names, const int *flags)
{
	struct sd_table *t = sd_xmalloc(sizeof *t);

	t->ncols = ncols;
	t->names = names;
	t->flags = sd_xmalloc((size_t)ncols * sizeof *t->flags);
	for (int i = 0; i < ncols; i++)
		t->flags[i] = flags ? flags[i] : 0;
	t->cells = NULL;
	t->rows = t->cap = 0;
	t->streamed = -1;
	t->tw = NULL;
	t->text.head = NULL;
	return t;
}

void
sd_table_add(struct sd_table *t, const char *const *vals)
{
	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = sd_xrealloc(t->cells, (size_t)t->cap *
							 (size_t)t->ncols *
							 sizeof *t->cells);
	}
	char **row = t->cells + (size_t)t->rows * (size_t)t->ncols;
	for (int i = 0; i < t->ncols; i++)
		row[i] = vals[i] ? sd_strpool_dup(&t->text, vals[i]) : NULL;
	t->rows++;
}

void
sd_table_add_stmt(struct sd_table *t, sqlite3_stmt *st)
{
	const char **vals = sd_xmalloc((size_t)t->ncols * sizeof *vals);

	for (int i = 0; i < t->ncols; i++)
		vals[i] = (const char *)sqlite3_column_text(st, i);
	sd_table_add(t, vals);
	free(vals);
}

const char *
sd_table_cell(const struct sd_table *t, int row, int col)
{
	if (row < 0 || row >= t->rows || col < 0 || col >= t->ncols)
		return NULL;
	return t->cells[(size_t)row * t->ncols + col];
}

int
sd_table_rows(const struct sd_table *t)
{
	return t->rows;
}

void
sd_table_free(struct sd_table *t)
{
	if (!t)
		return;
	sd_strpool_free(&t->text);
	free(t->cells);
	free(t->flags);
	free(t->tw);
	free(t);
}

int
sd_json_quote(struct sd_ctx *ctx, struct sd_buf *b, const char *s)
{
	sqlite3_stmt *st;

	if (!s) {
		sd_buf_puts(b, "null");
		return 0;
	}
	/* Prepared once: a list of 50 000 rows quotes 500 000 values. */
	if (!ctx->json_st &&
	    !(ctx->json_st = sd_prepare(ctx, "SELECT json_quote(?)")))
		return ctx->err.code;
	st = ctx->json_st;
	sd_bind_text(st, 1, s);
	if (sqlite3_step(st) == SQLITE_ROW)
		sd_buf_puts(b, sd_col(st, 0));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return 0;
}

/* Quote s (NULL: null) with the prepared SELECT json_quote(?) in q. */
static void
json_quote_with(sqlite3_stmt *q, struct sd_buf *b, const char *s)
{
	if (!s) {
		sd_buf_puts(b, "null");
		return;
	}
	sqlite3_reset(q);
	sd_bind_text(q, 1, s);
	if (sqlite3_step(q) == SQLITE_ROW)
		sd_buf_puts(b, sd_col(q, 0));
}

/* A plain decimal number, maybe negative: not a formula in a spreadsheet. */
static int
sd_csv_number(const char *v)
{
	if (*v == '-' || *v == '+')
		v++;
	if (!(*v >= '0' && *v <= '9'))
		return 0;
	v += strspn(v, "0123456789");
	if (*v == '.' && v[1] >= '0' && v[1] <= '9')
		v += 1 + strspn(v + 1, "0123456789");
	return *v == '\0';
}

void
sd_csv_write(FILE *f, int n, const char *const *vals, char sep)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(sep, f);
		const char *v = vals[i] ? vals[i] : "";
		/*
		 * A cell that a spreadsheet would run as a formula (=, +, -,
		 * @, tab, CR first) gets a ' before it (OWASP CSV injection);
		 * a number such as -304 stays a number.
		 */
		if (strchr("=+-@\t\r", *v) && *v && !sd_csv_number(v)) {
			struct sd_buf b;
			sd_buf_init(&b);
			sd_buf_puts(&b, "'");
			sd_buf_puts(&b, v);
			csv_fwrite(f, b.s, b.len);
			sd_buf_free(&b);
			continue;
		}
		csv_fwrite(f, v, strlen(v));
	}
	fputs("\r\n", f);
}

/* TSV: a tab, newline or backslash in a value is written as \t \n \\. */
static void
tsv_cell(FILE *f, const char *s)
{
	while (s && *s) {
		/* the plain run in one write: a report of 50 000 rows was
		 * a million fputc calls */
		size_t n = strcspn(s, "\t\n\r\\");
		fwrite(s, 1, n, f);
		s += n;
		if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			break;
		s++;
	}
}

/* The heading of a column in the text format: in the user's language
 * (the names are marked N_() where the table is made). */
static const char *
heading(const char *name)
{
	return name && *name ? _(name) : "";
}

/*
 * A line of the text format gathered before it is written: one fwrite
 * a line, not two or three a cell (a list of thousands of rows).
 */
struct line {
	FILE *f;
	size_t n;
	char s[1024];
};

static void
line_add(struct line *l, const char *s, size_t n)
{
	while (n > 0) {
		if (l->n == sizeof l->s) {
			fwrite(l->s, 1, l->n, l->f);
			l->n = 0;
		}
		size_t k = sizeof l->s - l->n < n ? sizeof l->s - l->n : n;
		memcpy(l->s + l->n, s, k);
		l->n += k;
		s += k;
		n -= k;
	}
}

/* n blanks, the padding of a cell. */
static void
blanks(struct line *l, int n)
{
	static const char sp[] = "                                ";

	for (; n > 0; n -= (int)sizeof sp - 1)
		line_add(l, sp,
			 n < (int)sizeof sp - 1 ? (size_t)n : sizeof sp - 1);
}

/*
 * One line of the text format: row (r < 0: the header) in widths w; cw
 * the widths of its cells when known (else NULL).
 */
static void
text_line(const struct sd_table *t, FILE *f, const char *const *row, int r,
	  const int *w, const int *cw)
{
	/* Empty cells at the end of a line leave no trailing blanks. */
	int end = t->ncols - 1;
	struct line l;

	l.f = f;
	l.n = 0;
	while (end > 0 && (!row[end] || !*row[end]))
		end--;
	for (int c = 0; c <= end; c++) {
		const char *v = row[c];
		if (!v)
			v = "";
		int pad = w[c] - (cw ? cw[c] : sd_utf8_width(v));
		int last = c == end;
		if (pad < 0)
			pad = 0;
		if (r >= 0 && (t->flags[c] & SD_COL_RIGHT)) {
			blanks(&l, pad);
			line_add(&l, v, strlen(v));
		} else {
			line_add(&l, v, strlen(v));
			blanks(&l, last ? 0 : pad);
		}
		if (!last)
			line_add(&l, "  ", 2);
	}
	line_add(&l, "\n", 1);
	fwrite(l.s, 1, l.n, f);
}

/* The headings, and the widths: at least the heading's, and tw's. */
static const char **
text_heads(const struct sd_table *t, int *w)
{
	const char **head = sd_xmalloc((size_t)t->ncols * sizeof *head);

	for (int c = 0; c < t->ncols; c++) {
		head[c] = heading(t->names[c]);
		w[c] = sd_utf8_width(head[c]);
		if (t->tw && t->tw[c] > w[c])
			w[c] = t->tw[c];
	}
	return head;
}

static void
print_text(struct sd_table *t, FILE *f)
{
	int *w = sd_xmalloc((size_t)t->ncols * sizeof *w);
	const char **head = text_heads(t, w);
	/* each cell's width, measured once */
	size_t ncells = (size_t)t->rows * (size_t)t->ncols;
	int *cw = sd_xmalloc((ncells ? ncells : 1) * sizeof *cw);

	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t i = (size_t)r * t->ncols + c;
			const char *v = t->cells[i];
			cw[i] = v ? sd_utf8_width(v) : 0;
			if (cw[i] > w[c])
				w[c] = cw[i];
		}
	for (int r = -1; r < t->rows; r++)
		text_line(t, f,
			  r < 0 ? head
				: (const char *const *)t->cells +
					  (size_t)r * t->ncols,
			  r, w, r < 0 ? NULL : cw + (size_t)r * t->ncols);
	free(cw);
	free(head);
	free(w);
}

void
sd_table_text_widths(struct sd_table *t, const int *w)
{
	free(t->tw);
	t->tw = sd_xmalloc((size_t)t->ncols * sizeof *t->tw);
	memcpy(t->tw, w, (size_t)t->ncols * sizeof *t->tw);
}

/* The rows from "from" on (and the header first) as streamed text. */
static void
stream_text(struct sd_table *t, FILE *f, int from)
{
	int *w = sd_xmalloc((size_t)t->ncols * sizeof *w);
	const char **head = text_heads(t, w);

	if (t->streamed < 0)
		text_line(t, f, head, -1, w, NULL);
	for (int r = from; r < t->rows; r++)
		text_line(t, f,
			  (const char *const *)t->cells + (size_t)r * t->ncols,
			  r, w, NULL);
	free(head);
	free(w);
}

/* Row r of t as a JSON object, after its separator, into b. */
static void
json_row(const struct sd_table *t, sqlite3_stmt *q, struct sd_buf *b, int r)
{
	sd_buf_puts(b, r ? ",\n {" : "\n {");
	for (int c = 0; c < t->ncols; c++) {
		const char *v = t->cells[(size_t)r * t->ncols + c];
		if (c)
			sd_buf_puts(b, ", ");
		json_quote_with(q, b, t->names[c]);
		sd_buf_puts(b, ": ");
		if ((t->flags[c] & SD_COL_NUM) && (!v || !*v))
			sd_buf_puts(b, "null");
		else if (t->flags[c] & SD_COL_NUM)
			sd_buf_puts(b, v);
		else
			json_quote_with(q, b, v);
	}
	sd_buf_puts(b, "}");
}

int
sd_table_print(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
	       enum sd_format fmt)
{
	struct sd_buf b;

	/* Times for people: the cells of time columns rewritten in place
	 * (the table is printed once). */
	if (fmt == SD_FMT_TEXT || fmt == SD_FMT_JSON)
		for (int c = 0; c < t->ncols; c++) {
			if (!(t->flags[c] & SD_COL_TIME))
				continue;
			for (int r = 0; r < t->rows; r++) {
				char **v = &t->cells[(size_t)r * t->ncols + c];
				char buf[SD_RFC3339_SIZE];
				if (!*v)
					continue;
				if (fmt == SD_FMT_TEXT)
					sd_time_local(*v, buf);
				else
					sd_time_rfc3339(*v, buf);
				*v = sd_strpool_dup(&t->text, buf);
			}
		}
	switch (fmt) {
	case SD_FMT_TEXT:
	default:
		if (t->rows)
			print_text(t, f);
		return 0;
	case SD_FMT_IDS:
		for (int r = 0; r < t->rows; r++) {
			const char *v = t->cells[(size_t)r * t->ncols];
			fprintf(f, "%s\n", v ? v : "");
		}
		return 0;
	case SD_FMT_TSV:
		for (int r = -1; r < t->rows; r++)
			for (int c = 0; c < t->ncols; c++) {
				tsv_cell(f,
					 r < 0 ? t->names[c]
					       : t->cells[(size_t)r * t->ncols +
							  c]);
				fputc(c == t->ncols - 1 ? '\n' : '\t', f);
			}
		return 0;
	case SD_FMT_CSV:
		sd_csv_write(f, t->ncols, t->names, ',');
		for (int r = 0; r < t->rows; r++)
			sd_csv_write(f, t->ncols,
				     (const char *const *)t->cells +
					     (size_t)r * t->ncols,
				     ',');
		return 0;
	case SD_FMT_JSON: {
		/* One json_quote statement for the whole table: preparing one
		 * per cell made a large list take seconds. */
		sqlite3_stmt *q = sd_prepare(ctx, "SELECT json_quote(?)");
		if (!q)
			return ctx->err.code;
		sd_buf_init(&b);
		sd_buf_puts(&b, "[");
		for (int r = 0; r < t->rows; r++)
			json_row(t, q, &b, r);
		sd_finalize(q);
		sd_buf_puts(&b, t->rows ? "\n]\n" : "]\n");
		fputs(b.s, f);
		sd_buf_free(&b);
		return 0;
	}
	}
}

/* Whether fmt is printed row by row (text is aligned over all rows). */
static int
streams(const struct sd_table *t, enum sd_format fmt)
{
	return fmt == SD_FMT_TSV || fmt == SD_FMT_CSV || fmt == SD_FMT_JSON ||
	       fmt == SD_FMT_IDS || (fmt == SD_FMT_TEXT && t->tw);
}

int
sd_table_stream(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
		enum sd_format fmt)
{
	sqlite3_stmt *q = NULL;
	struct sd_buf b;
	int from = t->streamed < 0 ? 0 : t->streamed;

	if (!streams(t, fmt))
		return 0; /* aligned over all rows: printed at the end */
	if (fmt == SD_FMT_JSON &&
	    !(q = sd_prepare(ctx, "SELECT json_quote(?)")))
		return ctx->err.code;
	if (fmt == SD_FMT_TEXT) {
		if (from >= t->rows)
			return 0; /* no rows, no header (as sd_table_print) */
		stream_text(t, f, from);
		t->streamed = t->rows;
		fflush(f);
		return 0;
	}
	sd_buf_init(&b);
	if (t->streamed < 0) {
		if (fmt == SD_FMT_TSV)
			for (int c = 0; c < t->ncols; c++) {
				tsv_cell(f, t->names[c]);
				fputc(c == t->ncols - 1 ? '\n' : '\t', f);
			}
		else if (fmt == SD_FMT_CSV)
			sd_csv_write(f, t->ncols, t->names, ',');
		else if (fmt == SD_FMT_JSON)
			sd_buf_puts(&b, "[");
	}
	for (int r = from; r < t->rows; r++) {
		const char *const *row =
			(const char *const *)t->cells + (size_t)r * t->ncols;
		if (fmt == SD_FMT_IDS)
			fprintf(f, "%s\n", row[0] ? row[0] : "");
		else if (fmt == SD_FMT_TSV)
			for (int c = 0; c < t->ncols; c++) {
				tsv_cell(f, row[c]);
				fputc(c == t->ncols - 1 ? '\n' : '\t', f);
			}
		else if (fmt == SD_FMT_CSV)
			sd_csv_write(f, t->ncols, row, ',');
		else
			json_row(t, q, &b, r);
	}
	if (b.len)
		fputs(b.s, f);
	sd_buf_free(&b);
	sd_finalize(q);
	t->streamed = t->rows;
	fflush(f);
	return 0;
}

int
sd_table_stream_end(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
		    enum sd_format fmt)
{
	int rc;

	if (!streams(t, fmt))
		return sd_table_print(ctx, t, f, fmt);
	if ((rc = sd_table_stream(ctx, t, f, fmt)))
		return rc;
	if (fmt == SD_FMT_JSON)
		fputs(t->rows ? "\n]\n" : "]\n", f);
	return 0;
}

void
sd_table_label(FILE *f, const char *const *all, size_t n, const char *l)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (sd_utf8_width(_(all[i])) > w)
			w = sd_utf8_width(_(all[i]));
	fprintf(f, "%s%*s", l, w + 1 - sd_utf8_width(l), "");
}
