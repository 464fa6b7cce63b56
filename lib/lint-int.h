/*
 * lint-int.h - what the parts of the lint share: a text cut into words
 * (lint-word.c), a warning added, the names check (lint-name.c).
 */
#ifndef SD_LINT_INT_H
#define SD_LINT_INT_H

#include <stdint.h>

#include "lint.h"

/* A word of the text. */
struct tok {
	size_t off, len; /* bytes in the text */
	int line, col;   /* place of its first character */
	int sentence;    /* the sentence it belongs to */
	int letter;      /* has a letter (not only digits) */
	char *fold;      /* case-folded copy (in its toks' block) */
	uint64_t hash;   /* sd_lint_hash of fold */
};

/*
 * The words of a text and their folded copies, in one block (mem, NULL
 * when the words belong to another toks).
 */
struct toks {
	struct tok *t;
	size_t n;
	int sentences;
	void *mem;
	size_t size; /* of mem */
};

/* The hash of a folded word's bytes s[0..n) (FNV-1a, 64 bits). */
#define SD_LINT_HASH_BASIS 14695981039346656037ull
#define SD_LINT_HASH_PRIME 1099511628211ull
static inline uint64_t
sd_lint_hash(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * SD_LINT_HASH_PRIME;
	return h;
}

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
