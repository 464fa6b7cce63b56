/*
 * word.c - the one folding of typed words (see word.h): a Swedish word
 * typed on a keyboard without å, ä, ö, or with capitals, is the same
 * word.  Used wherever a command takes a word from a closed list.
 */
#include <stdlib.h>
#include <string.h>

#include "socdok.h"
#include "word.h"

/* The second byte of a Latin-1 letter after 0xc3, in lower case. */
static unsigned char
latin1_lower(unsigned char d)
{
	/* capitals U+00C0..U+00DE, not U+00D7 (the multiplication sign) */
	return d >= 0x80 && d <= 0x9e && d != 0x97 ? (unsigned char)(d + 0x20)
						   : d;
}

char *
sd_word_lower(const char *s, size_t n)
{
	char *out = sd_xmalloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xc3 && i + 1 < n) {
			out[i++] = (char)c;
			c = latin1_lower((unsigned char)s[i]);
		}
		out[i] = (char)c;
	}
	out[n] = '\0';
	return out;
}

char *
sd_word_fold(const char *s)
{
	size_t n = strlen(s), j = 0;
	char *out = sd_word_lower(s, n);

	/* In place: a letter with a mark becomes one byte shorter. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c == 0xc3 && i + 1 < n) {
			unsigned char d = (unsigned char)out[i + 1];
			char a = d == 0xa5 || d == 0xa4 || d == 0xa0 ||
						 d == 0xa1 || d == 0xa2
					 ? 'a'
				 : d == 0xb6 || d == 0xb8 || d == 0xb3 ||
						 d == 0xb2 || d == 0xb4
					 ? 'o'
				 : d == 0xa9 || d == 0xa8 || d == 0xaa ||
						 d == 0xab
					 ? 'e'
				 : d == 0xbc || d == 0xba || d == 0xb9 ||
						 d == 0xbb
					 ? 'u'
					 : 0;
			i++;
			if (a) {
				out[j++] = a;
				continue;
			}
			out[j++] = (char)c;
			c = d;
		}
		out[j++] = (char)c;
	}
	out[j] = '\0';
	return out;
}

int
sd_word_eq(const char *typed, const char *word)
{
	char *a, *b;
	int eq;

	if (!typed || !word)
		return 0;
	if (strcmp(typed, word) == 0)
		return 1;
	a = sd_word_fold(typed);
	b = sd_word_fold(word);
	eq = strcmp(a, b) == 0;
	free(a);
	free(b);
	return eq;
}

const char *
sd_word_find(const char *typed, const char *const *words)
{
	for (size_t i = 0; typed && words && words[i]; i++)
		if (sd_word_eq(typed, words[i]))
			return words[i];
	return NULL;
}
