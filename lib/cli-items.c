/*
 * cli-items.c - the akter a command of several takes (akt-close,
 * akt-export, akt-verify), from argv or one a line on stdin, the same
 * in every program (issue 15): bare ids, personnummer, note references
 * AKT:NOTE (the akt), several on a line ("29 34"), or a list program's
 * output with its header - TSV or CSV (the akt column, else the note
 * column), text (the first column), or JSON (an array of ids or of
 * objects with "akt" or "note").  A line it cannot read is refused with
 * its number before anything is done: never an item silently dropped.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "csvio.h"

/* The items read so far, each once. */
struct items {
	char **v;
	size_t n;
};

static void
add(struct items *it, const char *s, size_t len)
{
	char *item;

	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len)
		return;
	/* A note reference AKT:NOTE names its akt. */
	size_t digits = strspn(s, "0123456789");
	if (digits && digits < len && s[digits] == ':' &&
	    strspn(s + digits + 1, "0123456789") == len - digits - 1)
		len = digits;
	item = sd_xmalloc(len + 1);
	memcpy(item, s, len);
	item[len] = '\0';
	/* The same akt twice (a journal's notes) is one item. */
	for (size_t i = 0; i < it->n; i++)
		if (!strcmp(it->v[i], item)) {
			free(item);
			return;
		}
	it->v = sd_xrealloc(it->v, (it->n + 2) * sizeof *it->v);
	it->v[it->n++] = item;
	it->v[it->n] = NULL;
}

/* Every item (an id, a personnummer, AKT:NOTE) starts with a digit. */
static int
is_item(const char *s, size_t len)
{
	return len && isdigit((unsigned char)*s);
}

/* The line (for a message): at most 60 bytes of it. */
static void
quote_line(const char *s, size_t len, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s%s", (int)(len > 60 ? 60 : len), s,
		 len > 60 ? "..." : "");
}

/* A line cannot be read: refused, with its number. */
static int
bad_line(struct sd_ctx *ctx, const char *s, size_t len, int line)
{
	char q[80];

	quote_line(s, len, q, sizeof q);
	return sd_fail(ctx, EX_DATAERR,
		       _("standard input, line %d: '%s' is not a list of "
			 "akter; give ids, personnummer or AKT:NOTE, or a "
			 "list program's output with its header"),
		       line, q);
}

/*
 * A line without a header: items separated by blanks, tabs or commas
 * ("29 34" is two), or a row of a list program's TSV or CSV whose
 * header was cut off (its first field, when the others are not items).
 */
static int
bare_line(struct sd_ctx *ctx, struct items *it, const char *s, size_t len,
	  int line)
{
	static const char sep[] = " \t,;";
	const char *p, *end = s + len;
	int all = 1;

	if (*s == '"') {
		const char *close = memchr(s + 1, '"', len - 1);
		if (!close)
			return bad_line(ctx, s, len, line);
		add(it, s + 1, (size_t)(close - s - 1));
		return 0;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (p = s; p < end;) {
			size_t w;
			p += strspn(p, sep);
			if (p >= end)
				break;
			w = strcspn(p, sep);
			if (p + w > end)
				w = (size_t)(end - p);
			if (!pass)
				all &= is_item(p, w);
			else
				add(it, p, w);
			p += w;
		}
		if (!all)
			break;
	}
	if (all)
		return 0;
	if (memchr(s, '\t', len) && is_item(s, strcspn(s, "\t"))) {
		add(it, s, strcspn(s, "\t"));
		return 0;
	}
	return bad_line(ctx, s, len, line);
}

/* The column of a header's fields that names the akt, or -1. */
static int
akt_column(int n, char **f)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(f[i], "akt"))
			return i;
	for (int i = 0; i < n; i++)
		if (!strcmp(f[i], "note"))
			return i;
	return -1;
}

static int
no_column(struct sd_ctx *ctx, int n, char **f)
{
	struct sd_buf b;
	int rc;

	sd_buf_init(&b);
	for (int i = 0; i < n && b.len < 60; i++)
		sd_buf_printf(&b, "%s%s", i ? ", " : "", f[i]);
	rc = sd_fail(ctx, EX_DATAERR,
		     _("standard input has no akt or note column (its columns "
		       "are %s%s); pipe a list of akter"),
		     b.s, b.len >= 60 ? ", ..." : "");
	sd_buf_free(&b);
	return rc;
}

/* A CSV's records: the header, then the akt column of each row. */
struct csv_state {
	struct items *it;
	int col;
};

static int
csv_record(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct csv_state *c = arg;

	(void)line;
	if (n == 0 || (n == 1 && !f[0][0]))
		return 0;
	if (c->col < 0) {
		if ((c->col = akt_column(n, f)) < 0)
			return no_column(ctx, n, f);
		return 0;
	}
	if (c->col < n)
		add(c->it, f[c->col], strlen(f[c->col]));
	return 0;
}

/* A TSV with its header: the akt column of each line. */
static int
tsv(struct sd_ctx *ctx, struct items *it, char *text)
{
	char *save = NULL, *line;
	char **f = NULL;
	int col = -1;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int n = 0;
		char *p = line;

		line[strcspn(line, "\r")] = '\0';
		if (!*line)
			continue;
		for (;;) {
			f = sd_xrealloc(f, (size_t)(n + 1) * sizeof *f);
			f[n++] = p;
			if (!(p = strchr(p, '\t')))
				break;
			*p++ = '\0';
		}
		if (col < 0) {
			if ((col = akt_column(n, f)) < 0) {
				int rc = no_column(ctx, n, f);
				free(f);
				return rc;
			}
		} else if (col < n)
			add(it, f[col], strlen(f[col]));
	}
	free(f);
	return 0;
}

/*
 * JSON, read by SQLite's json_each in a database of its own, in memory:
 * an array of ids, of references, or of objects with "akt" (null: no
 * akt, as an empty cell of a TSV) or "note".
 */
static int
json(struct sd_ctx *ctx, struct items *it, const char *text)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT json_valid(?1) AND json_type(?1) = "
			       "'array'",
			       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
		rc = sd_fail(ctx, EX_DATAERR,
			     _("standard input is not a JSON array; pipe "
			       "--format json, tsv, csv or ids of a list "
			       "program"));
		goto out;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(
		    db,
		    "SELECT key, CASE WHEN type IN ('integer', 'text') THEN "
		    "value WHEN type <> 'object' THEN NULL WHEN "
		    "json_type(value, '$.akt') IS NOT NULL THEN "
		    "coalesce(json_extract(value, '$.akt'), '') WHEN "
		    "json_type(value, '$.note') IS NOT NULL THEN "
		    "coalesce(json_extract(value, '$.note'), '') END "
		    "FROM json_each(?1)",
		    -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1);
		if (!v) {
			rc = sd_fail(ctx, EX_DATAERR,
				     _("standard input: element %d of the "
				       "JSON array names no akt (no \"akt\" "
				       "or \"note\"); pipe a list of akter"),
				     sqlite3_column_int(st, 0) + 1);
			goto out;
		}
		add(it, v, strlen(v));
	}
	if (step == SQLITE_DONE)
		goto out;
fail:
	rc = sd_fail(ctx, EX_SOFTWARE, _("cannot read JSON: %s"),
		     db ? sqlite3_errmsg(db) : "out of memory");
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* Standard input, as one of the forms above. */
static int
from_text(struct sd_ctx *ctx, struct items *it, char *text, size_t len)
{
	char *p = text, *nl;
	int line = 1, rc = 0;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	if (strlen(p) != len - (size_t)(p - text))
		return sd_fail(ctx, EX_DATAERR,
			       _("standard input holds a NUL byte; give one "
				 "akt a line"));
	/* The first line that is not blank says which form it is. */
	for (;;) {
		size_t sp = strspn(p, " \t\r");
		if (p[sp] != '\n')
			break;
		p += sp + 1;
		line++;
	}
	p += strspn(p, " \t\r");
	if (!*p)
		return 0;
	if (*p == '[' || *p == '{')
		return json(ctx, it, p);
	if (!isdigit((unsigned char)*p)) {
		/* A header: TSV, CSV (',' or a Swedish ';') or text. */
		size_t hl = strcspn(p, "\n");
		if (memchr(p, '\t', hl))
			return tsv(ctx, it, p);
		if (*p == '"' || memchr(p, ',', hl) || memchr(p, ';', hl)) {
			struct csv_state c = {it, -1};
			char sep = memchr(p, ',', hl) ? ',' : ';';
			return sd_csv_parse(ctx, p, strlen(p), sep, csv_record,
					    &c);
		}
		/* Text, aligned for a person: the first column. */
		for (p += hl; *p; p = nl) {
			size_t w;
			p += *p == '\n';
			line++;
			nl = p + strcspn(p, "\n");
			p += strspn(p, " \t\r");
			if (p >= nl)
				continue;
			w = strcspn(p, " \t\r\n");
			if (!is_item(p, w))
				return bad_line(ctx, p, (size_t)(nl - p), line);
			add(it, p, w);
		}
		return 0;
	}
	for (; *p && !rc; p = nl) {
		size_t ll = strcspn(p, "\n");
		nl = p + ll + (p[ll] == '\n');
		while (ll &&
		       (p[ll - 1] == '\r' || isspace((unsigned char)p[ll - 1])))
			ll--;
		size_t lead = strspn(p, " \t");
		if (ll > lead)
			rc = bare_line(ctx, it, p + lead, ll - lead, line);
		line++;
	}
	return rc;
}

int
sd_cli_items(struct sd_ctx *ctx, int argc, char **argv, char ***out)
{
	struct items it = {NULL, 0};
	int rc = 0;

	if (argc > 0) {
		for (int i = 0; i < argc; i++)
			add(&it, argv[i], strlen(argv[i]));
	} else if (!isatty(STDIN_FILENO)) {
		size_t len = 0;
		char *text = sd_read_file(ctx, "-", &len);
		if (!text)
			rc = ctx->err.code;
		else
			rc = from_text(ctx, &it, text, len);
		free(text);
	}
	if (!it.v) {
		it.v = sd_xmalloc(sizeof *it.v);
		it.v[0] = NULL;
	}
	if (rc) {
		sd_list_free(it.v);
		it.v = NULL;
	}
	*out = it.v;
	return rc;
}
