/*
 * word.h - words a user types (a signer, a kind of follow-up, an insats
 * kind, a reason): matched with or without å, ä, ö and in any case, so
 * that "foretradare" is "företrädare" and "uppfoljningssamtal" is
 * "uppföljningssamtal" everywhere a word is typed.
 */
#ifndef SD_WORD_H
#define SD_WORD_H

#include <stddef.h>

/*
 * s folded for matching into a malloc'd copy the caller frees: ASCII
 * and Latin-1 letters in lower case, å and ä as a, ö as o, é as e, ü as u.
 */
char *sd_word_fold(const char *s);

/*
 * The n bytes of s in lower case into a malloc'd copy the caller frees:
 * ASCII and the Latin-1 capitals (Å Ä Ö É Ü ...), the letters kept (the
 * headings and labels of a plan are matched so).
 */
char *sd_word_lower(const char *s, size_t n);

/* 1 when typed spells word (folded both), else 0. */
int sd_word_eq(const char *typed, const char *word);

/*
 * The word of the NULL-terminated list words that typed spells (the
 * list's own spelling, not a copy), or NULL for none.
 */
const char *sd_word_find(const char *typed, const char *const *words);

#endif
