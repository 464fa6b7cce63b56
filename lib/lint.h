/*
 * lint.h - the documentation rules of seeds 002 and 004, checked on the
 * text of a journal note: other clients' names, value-laden words,
 * internal abbreviations, long sentences and notes empty of content.
 * The word lists are plain files in the share directory.
 */
#ifndef SD_LINT_H
#define SD_LINT_H

#include <stdio.h>

#include "socdok.h"

/* One warning: where, which rule, the word as written, what to do. */
struct sd_lint_item {
	int line, col;    /* 1-based; col counts characters, not bytes */
	const char *rule; /* annan-kund, vardeord, forkortning, lang-mening,
			     tom-anteckning (static) */
	char *word;       /* the words as written (malloc'd) */
	char *hint;       /* what to write instead (malloc'd) */
};

/* All warnings of a text, in order of place; free with sd_lint_free. */
struct sd_lint {
	struct sd_lint_item *item;
	size_t n;
};

/*
 * Check text (valid UTF-8) against the rules.  self_person is the
 * person whose akt the note is in (0 when unknown): every other person
 * in the database counts as another client.  max_words 0 takes the
 * threshold from share/meningslangd.txt.  Adds to *out.
 */
int sd_lint_check(struct sd_ctx *ctx, const char *text, long long self_person,
		  int max_words, struct sd_lint *out);

/* Print each warning as "PREFIXLINE:COL: RULE 'WORD': HINT". */
void sd_lint_print(const struct sd_lint *l, FILE *f, const char *prefix);

/*
 * The warnings as a table (file, line, column, rule, word, hint) for
 * --format tsv, csv or json; file names the text.  The caller frees it
 * (sd_table_free).
 */
struct sd_table *sd_lint_table(const struct sd_lint *l, const char *file);

void sd_lint_free(struct sd_lint *l);

/* Free what the names check keeps in ctx->names (sd_ctx_free). */
void sd_lint_names_free(struct sd_lint_names *m);

#endif
