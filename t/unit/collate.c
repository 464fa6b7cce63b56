/*
 * Unit tests for the Swedish collation in lib/text.c (sd_collate_sv) and
 * its registration as COLLATE sv by sd_open: ... X Y Z Å Ä Ö, case
 * folded, accented letters with their base letter.
 */
#include <stdlib.h>
#include <string.h>

#include "socdok.h"
#include "tap.h"

static int
cmp(const char *a, const char *b)
{
	return sd_collate_sv(a, (int)strlen(a), b, (int)strlen(b));
}

/* a sorts strictly before b, and b after a. */
static void
before(const char *a, const char *b)
{
	int ab = cmp(a, b), ba = cmp(b, a);

	ok(ab < 0 && ba > 0, "'%s' < '%s'", a, b);
	if (!(ab < 0 && ba > 0))
		printf("#   cmp(a, b) = %d, cmp(b, a) = %d\n", ab, ba);
}

static int
qcmp(const void *a, const void *b)
{
	return cmp(*(const char *const *)a, *(const char *const *)b);
}

static void
test_alphabet(void)
{
	before("Zetterberg", "Åberg");
	before("Åberg", "Ärlig");
	before("Ärlig", "Öberg");
	before("Z", "Å");
	before("Å", "Ä");
	before("Ä", "Ö");
	before("Y", "Z");
	before("V", "W");
	before("Andersson", "Zetterberg");
	before("zetterberg", "åberg");
	before("Ödman", "ÖSTLUND");
	/* byte order would put Ä (C3 84) before Å (C3 85): we must not */
	before("Åsa", "Äsa");
	before("Ösa", "Øyvind, Z");
}

static void
test_fold(void)
{
	before("anna", "Berit");
	before("Eva", "frida");
	before("ärlig", "Öberg");
	ok(cmp("Åberg", "åberg") != 0, "case differs: still a total order");
	ok(cmp("Åberg", "Åberg") == 0, "equal strings compare equal");
	ok(cmp("", "") == 0, "empty strings compare equal");
	before("", "A");
}

static void
test_accents(void)
{
	/* é sorts as e, ü as y, æ as ä, ø as ö. */
	before("Eva", "Éwa");
	before("Éva", "Ewa");
	before("Mylla", "Müller");
	before("Müller", "Myllz");
	before("Mytting", "Müz");
	before("Mäkinen", "Mærsk, Z");
	before("Mærsk", "Mäz");
	before("Ørnberg", "Östen");
	before("Öberg", "Øz");
}

static void
test_prefix(void)
{
	before("Ek", "Eka");
	before("Ek, Anna", "Eka, Bo");
	before("Berg, Anna", "Berg, Bertil");
	before("Berg, Örjan", "Bergström, Anna");
}

static void
test_sort(void)
{
	const char *names[] = {"Öberg", "Åberg",     "Zetterberg",
			       "Ärlig", "andersson", "Östlund",
			       "Ängel", "Ålund",     "Berg"};
	const char *want[] = {"andersson", "Berg",  "Zetterberg",
			      "Åberg",     "Ålund", "Ängel",
			      "Ärlig",     "Öberg", "Östlund"};
	size_t n = sizeof names / sizeof *names;
	int same = 1;

	qsort(names, n, sizeof *names, qcmp);
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], want[i]) != 0) {
			printf("#   %zu: got %s, want %s\n", i, names[i],
			       want[i]);
			same = 0;
		}
	ok(same, "a list of surnames sorts in Swedish order");
}

static void
test_invalid(void)
{
	/* Invalid UTF-8 compares by byte, without reading past the end. */
	const char bad[] = {'A', (char)0xc3};
	ok(sd_collate_sv(bad, 2, "A", 1) > 0,
	   "a truncated sequence after a common prefix sorts last");
	ok(sd_collate_sv("\xff", 1, "\xfe", 1) > 0,
	   "invalid bytes still give a total order");
}

static int
coll_sv(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	return sd_collate_sv(a, na, b, nb);
}

static void
test_sql(void)
{
	struct sd_ctx ctx;
	sqlite3_stmt *st;
	char got[256] = "";

	/* The collation as SQLite sees it, registered the same way. */
	sd_ctx_init(&ctx, "collate-test");
	ok(sqlite3_open(":memory:", &ctx.db) == SQLITE_OK, "open :memory:");
	ok(sqlite3_create_collation(ctx.db, "sv", SQLITE_UTF8, NULL, coll_sv) ==
		   SQLITE_OK,
	   "register sd_collate_sv as 'sv'");
	st = sd_prepare(&ctx,
			"SELECT group_concat(n, ' ') FROM (SELECT column1 AS n "
			"FROM (VALUES ('Öberg'), ('Åberg'), ('Zetterberg'), "
			"('Ärlig')) ORDER BY n COLLATE sv)");
	ok(st && sqlite3_step(st) == SQLITE_ROW, "ORDER BY n COLLATE sv runs");
	if (st)
		snprintf(got, sizeof got, "%s", sd_col(st, 0));
	sd_finalize(st);
	is_str(got, "Zetterberg Åberg Ärlig Öberg", "ORDER BY COLLATE sv");
	sd_ctx_free(&ctx);
}

int
main(void)
{
	test_alphabet();
	test_fold();
	test_accents();
	test_prefix();
	test_sort();
	test_invalid();
	test_sql();
	return done_testing();
}
