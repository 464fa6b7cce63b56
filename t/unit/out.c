/*
 * Unit tests for lib/out.c: --format parsing and a table printed as
 * aligned text, TSV, CSV (read back through lib/csvio.c) and JSON
 * (checked with SQLite's json_valid and read back with json_extract).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "socdok.h"
#include "tap.h"

static struct sd_ctx ctx;

static const char *names[] = {"akt", "name", "note"};
static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT, 0, 0};

/* A table with the awkward values a list can hold. */
static struct sd_table *
table(void)
{
	struct sd_table *t = sd_table_new(3, names, flags);
	const char *r1[] = {"7", "Åberg, Anna", "säger \"nej\"\tigen"};
	const char *r2[] = {"12", "Ek", "rad 1\nrad 2\\"};
	const char *r3[] = {NULL, "Öst, Olle", NULL};

	sd_table_add(t, r1);
	sd_table_add(t, r2);
	sd_table_add(t, r3);
	return t;
}

/* Print t in fmt; returns the output (static). */
static const char *
printed(struct sd_table *t, enum sd_format fmt)
{
	static char out[4096];
	FILE *f = tmpfile();
	size_t len;

	ok(sd_table_print(&ctx, t, f, fmt) == 0, "print format %d", fmt);
	rewind(f);
	len = fread(out, 1, sizeof out - 1, f);
	out[len] = '\0';
	fclose(f);
	return out;
}

/* One SQL value from a JSON text: sql has one parameter, the JSON. */
static const char *
json_sql(const char *sql, const char *json)
{
	static char buf[256];
	sqlite3_stmt *st = sd_prepare(&ctx, sql);

	buf[0] = '\0';
	if (!st)
		return "(error)";
	sd_bind_text(st, 1, json);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, sizeof buf, "%s",
			 sqlite3_column_type(st, 0) == SQLITE_NULL
				 ? "(null)"
				 : sd_col(st, 0));
	sd_finalize(st);
	return buf;
}

static void
test_format_parse(void)
{
	enum sd_format f;

	ok(sd_format_parse(&ctx, NULL, SD_FMTS_LIST, &f) == 0 &&
		   f == SD_FMT_TEXT,
	   "no --format is text");
	ok(sd_format_parse(&ctx, "json", SD_FMTS_LIST, &f) == 0 &&
		   f == SD_FMT_JSON,
	   "--format json");
	ok(sd_format_parse(&ctx, "csv", SD_FMTS_LIST, &f) == 0 &&
		   f == SD_FMT_CSV,
	   "--format csv");
	is_int(sd_format_parse(&ctx, "ids", SD_FMTS_LIST, &f), EX_USAGE,
	       "a format not allowed here is a usage error");
	is_str(ctx.err.msg,
	       "unknown format 'ids'; use one of: text, tsv, csv, json",
	       "... naming the formats that are");
	is_int(sd_format_parse(&ctx, "xml", SD_FMTS_LIST | (1u << SD_FMT_IDS),
			       &f),
	       EX_USAGE, "an unknown format is a usage error");
	is_str(ctx.err.msg,
	       "unknown format 'xml'; use one of: text, tsv, csv, json, ids",
	       "... naming the formats allowed");
}

static void
test_text(void)
{
	struct sd_table *t = table();
	struct sd_table *e = sd_table_new(3, names, flags);
	const char *r[] = {"1", "Åsa", "x"};
	const char *r2[] = {"100", "Bo", "y"};
	struct sd_table *s = sd_table_new(3, names, flags);

	sd_table_add(s, r);
	sd_table_add(s, r2);
	is_str(printed(s, SD_FMT_TEXT),
	       "akt  name  note\n"
	       "  1  Åsa   x\n"
	       "100  Bo    y\n",
	       "text: aligned by characters, not bytes; numbers right");
	is_str(printed(e, SD_FMT_TEXT), "",
	       "text: an empty list prints nothing (cron stays silent)");
	is_str(printed(e, SD_FMT_JSON), "[]\n", "json: an empty list is []");
	is_str(printed(e, SD_FMT_TSV), "akt\tname\tnote\n",
	       "tsv: an empty list is the header alone");
	is_str(printed(t, SD_FMT_IDS), "7\n12\n\n", "ids: the first column");
	sd_table_free(s);
	sd_table_free(e);
	sd_table_free(t);
}

static void
test_tsv(void)
{
	struct sd_table *t = table();

	is_str(printed(t, SD_FMT_TSV),
	       "akt\tname\tnote\n"
	       "7\tÅberg, Anna\tsäger \"nej\"\\tigen\n"
	       "12\tEk\trad 1\\nrad 2\\\\\n"
	       "\tÖst, Olle\t\n",
	       "tsv: tab, newline and backslash escaped; one line a row");
	sd_table_free(t);
}

static int
collect(struct sd_ctx *c, void *arg, int line, int n, char **f)
{
	struct sd_buf *b = arg;

	(void)c;
	(void)line;
	for (int i = 0; i < n; i++)
		sd_buf_printf(b, "%s[%s]", i ? "," : "", f[i]);
	sd_buf_puts(b, "\n");
	return 0;
}

static void
test_csv(void)
{
	struct sd_table *t = table();
	const char *out = printed(t, SD_FMT_CSV);
	struct sd_buf b;

	is_str(out,
	       "\"akt\",\"name\",\"note\"\r\n"
	       "\"7\",\"Åberg, Anna\",\"säger \"\"nej\"\"\tigen\"\r\n"
	       "\"12\",\"Ek\",\"rad 1\nrad 2\\\"\r\n"
	       "\"\",\"Öst, Olle\",\"\"\r\n",
	       "csv: every field quoted, quotes doubled, CRLF");
	sd_buf_init(&b);
	sd_buf_puts(&b, "");
	ok(sd_csv_parse(&ctx, out, strlen(out), ',', collect, &b) == 0,
	   "csv: reads back in strict mode");
	is_str(b.s,
	       "[akt],[name],[note]\n"
	       "[7],[Åberg, Anna],[säger \"nej\"\tigen]\n"
	       "[12],[Ek],[rad 1\nrad 2\\]\n"
	       "[],[Öst, Olle],[]\n",
	       "csv: ... to the very same values");
	sd_buf_free(&b);
	sd_table_free(t);
}

static void
test_json(void)
{
	struct sd_table *t = table();
	const char *out = printed(t, SD_FMT_JSON);
	char json[4096];

	snprintf(json, sizeof json, "%s", out);
	is_str(json_sql("SELECT json_valid(?)", json), "1", "json: valid JSON");
	is_str(json_sql("SELECT json_type(?)", json), "array",
	       "json: an array");
	is_str(json_sql("SELECT json_array_length(?)", json), "3",
	       "json: one object per row");
	is_str(json_sql("SELECT json_type(?, '$[0].akt')", json), "integer",
	       "json: a number column is a number");
	is_str(json_sql("SELECT json_type(?, '$[2].akt')", json), "null",
	       "json: an empty number is null");
	is_str(json_sql("SELECT json_type(?, '$[2].note')", json), "null",
	       "json: a missing text is null");
	is_str(json_sql("SELECT json_extract(?, '$[0].name')", json),
	       "Åberg, Anna", "json: UTF-8 text round-trips");
	is_str(json_sql("SELECT json_extract(?, '$[0].note')", json),
	       "säger \"nej\"\tigen", "json: quotes and tabs round-trip");
	is_str(json_sql("SELECT json_extract(?, '$[1].note')", json),
	       "rad 1\nrad 2\\", "json: newline and backslash round-trip");
	sd_table_free(t);
}

static void
test_json_quote(void)
{
	struct sd_buf b;

	sd_buf_init(&b);
	sd_json_quote(&ctx, &b, "a\"b\\c\n\x01");
	sd_buf_puts(&b, " ");
	sd_json_quote(&ctx, &b, NULL);
	is_str(b.s, "\"a\\\"b\\\\c\\n\\u0001\" null",
	       "json_quote escapes quotes, backslash and control characters");
	sd_buf_free(&b);
}

int
main(void)
{
	sd_ctx_init(&ctx, "out-test");
	if (sqlite3_open(":memory:", &ctx.db) != SQLITE_OK)
		return 1;
	test_format_parse();
	test_text();
	test_tsv();
	test_csv();
	test_json();
	test_json_quote();
	sd_ctx_free(&ctx);
	return done_testing();
}
