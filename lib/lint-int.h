/*
 * lint-int.h - what the parts of the lint share: a text cut into words
 * (lint-word.c), a warning added, the names check (lint-name.c).
 */
#ifndef SD_LINT_INT_H
#define SD_LINT_INT_H

#include "lint.h"

/* A word of the text. */
struct tok {
	size_t off, len; /* bytes in the text */
	int line, col;   /* place of its first character */
	int sentence;    /* the sentence it belongs to */
	int letter;      /* has a letter (not only digits) */
	char *fold;      /* case-folded copy (in its toks' buf) */
	size_t foff;     /* (where fold starts in buf, while cutting) */
};

/* The words of a text; their folded copies in one block, buf. */
struct toks {
	struct tok *t;
	size_t n;
	int sentences;
	char *buf;
};

/*
 * Cut text into words (letters and digits, inner hyphens kept) with
 * their line, column and sentence, and their case-folded copies; free
 * with sd_lint_toks_free.
 */
void sd_lint_tokenize(const char *text, struct toks *ts);
void sd_lint_toks_free(struct toks *ts);
/*
 * Add a warning of rule (with hint) at the words first..last of text,
 * ending in "…" when ellipsis; one per place and rule.
 */
void sd_lint_add(struct sd_lint *l, const char *text, const struct tok *first,
		 const struct tok *last, const char *rule, const char *hint,
		 int ellipsis);
/*
 * The names of other persons (clients) in the words ts of text, as
 * warnings into out; self is the person the note is about (lint-name.c).
 */
int sd_lint_names(struct sd_ctx *ctx, const char *text, const struct toks *ts,
		  long long self, struct sd_lint *out);

#endif
