/*
 * Unit tests for lib/lint-word.c: a note's text cut into words for the
 * lint -- each word's place (byte offset and length, line, column in
 * characters, sentence), whether it has a letter, its folded copy and
 * that copy's hash.  The expected cuts are those of the tokenizer before
 * its ASCII and Latin-1 short ways (issue 17), which must not change
 * them: Swedish letters, combining marks, hyphens, invalid bytes,
 * sentence ends and the lines that begin a block.
 */
#include <stdio.h>
#include <string.h>

#include "lint-int.h"
#include "socdok.h"
#include "tap.h"

/* The words of text as "OFF+LEN@LINE:COL/SENTENCE[L] FOLD|...". */
static void
toks_are(const char *text, int sentences, const char *want)
{
	static int n;
	struct toks ts;
	struct sd_buf b;
	int hashes = 1;

	n++;

	sd_buf_init(&b);
	sd_lint_tokenize(text, &ts);
	for (size_t k = 0; k < ts.n; k++) {
		const struct tok *t = &ts.t[k];
		sd_buf_printf(&b, "%s%zu+%zu@%d:%d/%d%s %s", k ? "|" : "",
			      t->off, t->len, t->line, t->col, t->sentence,
			      t->letter ? "L" : "", t->fold);
		hashes &= t->hash == sd_lint_hash(SD_LINT_HASH_BASIS, t->fold,
						  strlen(t->fold));
	}
	is_str(b.s ? b.s : "", want, "text %d: the words", n);
	is_int(ts.sentences, sentences, "text %d: the sentences", n);
	ok(hashes, "text %d: each word's hash is its fold's", n);
	sd_lint_toks_free(&ts);
	sd_buf_free(&b);
}

int
main(void)
{
	toks_are("Åsa åt frukost.\nÄven idag var Åsa väldigt lat.", 2,
		 "0+4@1:1/0L åsa|5+3@1:5/0L åt|9+7@1:8/0L frukost|18+5@2:1/1L "
		 "även|24+4@2:6/1L idag|29+3@2:11/1L var|33+4@2:15/1L "
		 "åsa|38+8@2:19/1L väldigt|47+3@2:27/1L lat");
	toks_are("ÖBERG, ÖRJAN kom. Sedan: öberg-örjan!", 2,
		 "0+6@1:1/0L öberg|8+6@1:8/0L örjan|15+3@1:14/0L "
		 "kom|20+5@1:19/1L sedan|27+13@1:26/1L öberg-örjan");
	toks_are("KP-möte 3.5 kl. 10:30 ... x- -y a - b", 3,
		 "0+8@1:1/0L kp-möte|9+1@1:9/0 3|11+1@1:11/0 5|13+2@1:13/0L "
		 "kl|17+2@1:17/1 10|20+2@1:20/1 30|27+1@1:27/2L x|31+1@1:31/2L "
		 "y|33+1@1:33/2L a|37+1@1:37/2L b");
	toks_are("Émile Müller × ÷ ß ÿ À Þ Łódź ĳ", 1,
		 "0+6@1:1/0L émile|7+7@1:7/0L müller|21+2@1:18/0L "
		 "ß|24+2@1:20/0L ÿ|27+2@1:22/0L à|30+2@1:24/0L þ|33+7@1:26/0L "
		 "łódź|41+2@1:31/0L ĳ");
	toks_are("ét café ́x", 1, "0+4@1:1/0L ét|5+6@1:4/0L café|12+3@1:9/0L ́x");
	toks_are("a‑b a‑ ‑b", 1, "0+5@1:1/0L a‑b|6+1@1:5/0L a|14+1@1:9/0L b");
	toks_are(
		"x\xff"
		"y \xc3"
		" z\xc3"
		"\xc3"
		"w \xe2"
		"\x80"
		"q",
		1,
		"0+3@1:1/0L x�y|4+1@1:5/0L �|6+4@1:7/0L z��w|11+3@1:12/0L ��q");
	toks_are("Slut? Ja! \"Nej.\" (Kanske.) Hm.” Ok.x y", 6,
		 "0+4@1:1/0L slut|6+2@1:7/1L ja|11+3@1:12/2L nej|18+6@1:19/3L "
		 "kanske|27+2@1:28/4L hm|34+2@1:33/5L ok|37+1@1:36/5L "
		 "x|39+1@1:38/5L y");
	toks_are("rad ett\nrad två\n\n- punkt ett\n* punkt två\n1. tre\n2) "
		 "fyra\n# rubrik\n> citat\n| tabell",
		 9,
		 "0+3@1:1/0L rad|4+3@1:5/0L ett|8+3@2:1/0L rad|12+4@2:5/0L "
		 "två|20+5@4:3/1L punkt|26+3@4:9/1L ett|32+5@5:3/2L "
		 "punkt|38+4@5:9/2L två|43+1@6:1/3 1|46+3@6:4/4L "
		 "tre|50+1@7:1/5 2|53+4@7:4/5L fyra|60+6@8:3/6L "
		 "rubrik|69+5@9:3/7L citat|77+6@10:3/8L tabell");
	toks_are("😀 a😀b 12 3a", 1,
		 "5+1@1:3/0L a|10+1@1:5/0L b|12+2@1:7/0 12|15+2@1:10/0L 3a");
	toks_are("", 0, "");
	toks_are("   \n\t ", 0, "");
	toks_are("a\r\nb.\r\nc", 2, "0+1@1:1/0L a|3+1@2:1/0L b|7+1@3:1/1L c");
	return done_testing();
}
