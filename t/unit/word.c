/*
 * Unit tests for lib/word.c: the folding of typed words (å, ä, ö as a,
 * a, o; capitals, Latin-1 ones too) and the lower case a plan's headings
 * are matched in (the letters kept).
 */
#include <stdlib.h>
#include <string.h>

#include "socdok.h"
#include "tap.h"
#include "word.h"

static void
fold_is(const char *s, const char *want)
{
	char *f = sd_word_fold(s);

	is_str(f, want, "fold '%s'", s);
	free(f);
}

static void
lower_is(const char *s, const char *want)
{
	char *f = sd_word_lower(s, strlen(s));

	is_str(f, want, "lower '%s'", s);
	free(f);
}

int
main(void)
{
	fold_is("företrädare", "foretradare");
	fold_is("UPPFÖLJNINGSSAMTAL", "uppfoljningssamtal");
	fold_is("Åsa Ängel Öberg", "asa angel oberg");
	fold_is("Émile Müller", "emile muller");
	fold_is("×÷", "×÷");
	fold_is("plain", "plain");
	fold_is("x\xc3", "x\xc3");
	fold_is("", "");
	lower_is("Mål och Insatser", "mål och insatser");
	lower_is("ÅÄÖ ÉÜ", "åäö éü");
	lower_is("PLANENS FRAMTAGANDE", "planens framtagande");
	lower_is("×", "×");
	lower_is("x\xc3", "x\xc3");
	ok(sd_word_eq("Foretradare", "företrädare"), "eq without marks");
	ok(!sd_word_eq("foretradar", "företrädare"), "not eq when shorter");
	return done_testing();
}
