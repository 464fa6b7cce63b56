/*
 * Unit tests for lib/csvio.c (reading CSV/TSV through libcsv in strict
 * mode) and the CSV writer in lib/out.c: quoting, a BOM, ';' as the
 * separator (Swedish Excel), TSV without quoting, and broken quoting
 * refused with its line number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "tap.h"

static struct sd_ctx ctx;

/* Each record as "LINE:f1|f2|...\n". */
static int
collect(struct sd_ctx *c, void *arg, int line, int n, char **f)
{
	struct sd_buf *b = arg;

	(void)c;
	sd_buf_printf(b, "%d:", line);
	for (int i = 0; i < n; i++)
		sd_buf_printf(b, "%s%s", i ? "|" : "", f[i]);
	sd_buf_puts(b, "\n");
	return 0;
}

/* Stop at the record on line 2. */
static int
stop_at_2(struct sd_ctx *c, void *arg, int line, int n, char **f)
{
	(void)n;
	(void)f;
	(*(int *)arg)++;
	if (line == 2)
		return sd_fail(c, EX_DATAERR, "line %d: refused by the caller",
			       line);
	return 0;
}

static char got[4096];

/* Parse text with sep; returns the status, the records in got. */
static int
parse(const char *text, char sep)
{
	struct sd_buf b;
	int rc;

	sd_buf_init(&b);
	sd_buf_puts(&b, "");
	sd_err_clear(&ctx);
	rc = sd_csv_parse(&ctx, text, strlen(text), sep, collect, &b);
	snprintf(got, sizeof got, "%s", b.s);
	sd_buf_free(&b);
	return rc;
}

static void
test_plain(void)
{
	is_int(parse("a,b,c\n1,2,3\n", ','), 0, "plain CSV parses");
	is_str(got, "1:a|b|c\n2:1|2|3\n", "... two records with their lines");
	is_int(parse("a,b\r\nc,d\r\n", ','), 0, "CRLF line ends");
	is_str(got, "1:a|b\n2:c|d\n", "... are not part of the fields");
	is_int(parse("a,b\nc,d", ','), 0, "no newline at the end");
	is_str(got, "1:a|b\n2:c|d\n", "... the last record still counts");
	is_int(parse("a,,c\n", ','), 0, "an empty field");
	is_str(got, "1:a||c\n", "... is an empty string");
	is_int(parse("a\n\n\nb\n", ','), 0, "blank lines");
	is_str(got, "1:a\n4:b\n", "... are skipped, lines still counted");
	is_int(parse("a\r\n\r\nb\r\n", ','), 0, "blank CRLF lines");
	is_str(got, "1:a\n3:b\n", "... are skipped, lines still counted");
	is_int(parse("a\n  \nb\n", ','), 0, "a line of spaces");
	is_str(got, "1:a\n3:b\n", "... is blank too");
	is_int(parse("", ','), 0, "empty input");
	is_str(got, "", "... has no records");
}

static void
test_quoting(void)
{
	is_int(parse("\"Ek, Anna\",x\n", ','), 0, "a quoted comma");
	is_str(got, "1:Ek, Anna|x\n", "... stays in the field");
	is_int(parse("\"say \"\"hej\"\"\",x\n", ','), 0, "doubled quotes");
	is_str(got, "1:say \"hej\"|x\n", "... are one quote");
	is_int(parse("\"rad ett\nrad två\",x\nnästa,y\n", ','), 0,
	       "a newline inside quotes");
	is_str(got, "1:rad ett\nrad två|x\n3:nästa|y\n",
	       "... is kept, and the next record starts on line 3");
	is_int(parse("\"\",x\n", ','), 0, "an empty quoted field");
	is_str(got, "1:|x\n", "... is empty");
	is_int(parse("Åsa,Örjan,\"Ärlig\"\n", ','), 0, "UTF-8 fields");
	is_str(got, "1:Åsa|Örjan|Ärlig\n", "... round-trip byte for byte");
}

static void
test_bom_and_sep(void)
{
	is_int(parse("\xef\xbb\xbfid,namn\n1,Åsa\n", ','), 0, "a UTF-8 BOM");
	is_str(got, "1:id|namn\n2:1|Åsa\n", "... is skipped");
	is_int(parse("\xef\xbb\xbfid;namn\n1;\"Ek; Anna\"\n", ';'), 0,
	       "';' as the separator (Swedish Excel), with a BOM");
	is_str(got, "1:id|namn\n2:1|Ek; Anna\n", "... splits on ';' only");
	is_int(parse("a,b;c\n", ';'), 0, "with ';' a comma is text");
	is_str(got, "1:a,b|c\n", "... and stays in the field");
	is_int(parse("a\t\"b\tc\n", '\t'), 0, "TSV has no quoting");
	is_str(got, "1:a|\"b|c\n", "... a quote is an ordinary character");
}

static void
test_broken(void)
{
	is_int(parse("a,b\nc,\"d\"x\n", ','), EX_DATAERR,
	       "text after a closing quote is refused");
	ok(strncmp(ctx.err.msg, "line 2:", 7) == 0, "... naming line 2 (%s)",
	   ctx.err.msg);
	is_int(parse("a,b\nc,d\ne,\"f\n", ','), EX_DATAERR,
	       "an unterminated quote at the end is refused");
	ok(strncmp(ctx.err.msg, "line 3:", 7) == 0,
	   "... naming line 3, where the record began (%s)", ctx.err.msg);
	is_int(parse("a,b\n\"x\"\"y\n\nz\n", ','), EX_DATAERR,
	       "an unterminated quote running over lines is refused");
	ok(strncmp(ctx.err.msg, "line 2:", 7) == 0,
	   "... naming line 2, where the record began (%s)", ctx.err.msg);
	is_int(parse("a;b\nc;\"d\"e\n", ';'), EX_DATAERR,
	       "broken quoting with ';' is refused too");
	ok(strncmp(ctx.err.msg, "line 2:", 7) == 0, "... naming line 2");
}

static void
test_callback_stops(void)
{
	int calls = 0;
	const char *text = "a\nb\nc\nd\n";

	sd_err_clear(&ctx);
	is_int(sd_csv_parse(&ctx, text, strlen(text), ',', stop_at_2, &calls),
	       EX_DATAERR, "a callback's error stops the parse");
	is_int(calls, 2, "... no record after it is seen");
	is_str(ctx.err.msg, "line 2: refused by the caller",
	       "... and its message is kept");
}

/* Write one record with sd_csv_write and return it. */
static const char *
written(int n, const char *const *vals, char sep)
{
	static char out[1024];
	FILE *f = tmpfile();
	size_t len;

	sd_csv_write(f, n, vals, sep);
	rewind(f);
	len = fread(out, 1, sizeof out - 1, f);
	out[len] = '\0';
	fclose(f);
	return out;
}

static void
test_writer(void)
{
	const char *plain[] = {"1", "Åberg, Anna", NULL};
	const char *hard[] = {"say \"hej\"", "rad 1\nrad 2", "a;b"};

	is_str(written(3, plain, ','), "\"1\",\"Åberg, Anna\",\"\"\r\n",
	       "every field quoted, NULL as empty, CRLF at the end");
	is_str(written(3, hard, ';'),
	       "\"say \"\"hej\"\"\";\"rad 1\nrad 2\";\"a;b\"\r\n",
	       "quotes doubled, newline kept, ';' as separator");
	is_int(parse(written(3, hard, ';'), ';'), 0,
	       "what the writer wrote parses back");
	is_str(got, "1:say \"hej\"|rad 1\nrad 2|a;b\n",
	       "... to the same fields");
}

int
main(void)
{
	sd_ctx_init(&ctx, "csv-test");
	test_plain();
	test_quoting();
	test_bom_and_sep();
	test_broken();
	test_callback_stops();
	test_writer();
	return done_testing();
}
