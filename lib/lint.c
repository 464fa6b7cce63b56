/*
 * lint.c - the documentation rules for journal notes (seeds 002, 004):
 * "Skriv aldrig namn på andra kunder i en journal", "Undvik ord som är
 * värdeladdade", "interna förkortningar och begrepp ska ej finnas med",
 * "Skriv med korta meningar".  The text is cut into words (letters and
 * digits, inner hyphens kept) that remember their line and column;
 * words are compared case-folded, Swedish letters included.  The
 * words are cut in lint-word.c, names are checked in lint-name.c; the
 * word lists, sentences and empty phrases here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint-int.h"

/* A pattern from a list: words to match in a row, the last maybe a prefix. */
struct pat {
	struct toks words;
	int prefix;
	char *hint;
};
void
sd_lint_add(struct sd_lint *l, const char *text, const struct tok *first,
	    const struct tok *last, const char *rule, const char *hint,
	    int ellipsis)
{
	struct sd_lint_item *it;
	size_t len = last->off + last->len - first->off;

	/* One warning per place and rule, however many list lines match. */
	for (size_t i = 0; i < l->n; i++)
		if (l->item[i].line == first->line &&
		    l->item[i].col == first->col &&
		    strcmp(l->item[i].rule, rule) == 0)
			return;
	l->item = sd_xrealloc(l->item, (l->n + 1) * sizeof *l->item);
	it = &l->item[l->n++];
	it->line = first->line;
	it->col = first->col;
	it->rule = rule;
	it->word = sd_xmalloc(len + 4);
	memcpy(it->word, text + first->off, len);
	strcpy(it->word + len, ellipsis ? "…" : "");
	it->hint = sd_strdup(hint);
}

/* Match pattern p at word i of ts. */
static int
match_at(const struct toks *ts, size_t i, const struct pat *p)
{
	if (i + p->words.n > ts->n)
		return 0;
	for (size_t k = 0; k < p->words.n; k++) {
		const struct tok *w = &ts->t[i + k], *q = &p->words.t[k];
		if (p->prefix && k == p->words.n - 1) {
			if (strncmp(w->fold, q->fold, strlen(q->fold)) != 0)
				return 0;
		} else if (w->hash != q->hash ||
			   strcmp(w->fold, q->fold) != 0) {
			return 0;
		}
	}
	return 1;
}

/* Load a list "WORDS[*] [= HINT]" from the share dir. */
static int
load_pats_file(struct sd_ctx *ctx, const char *name, struct pat **out,
	       size_t *n)
{
	char **list = sd_list_load(ctx, name);

	*out = NULL;
	*n = 0;
	if (!list)
		return ctx->err.code;
	for (char **p = list; *p; p++) {
		char *eq = strchr(*p, '='), *hint = NULL;
		if (eq) {
			hint = eq + 1;
			while (*hint == ' ' || *hint == '\t')
				hint++;
			do
				*eq-- = '\0';
			while (eq >= *p && (*eq == ' ' || *eq == '\t'));
		}
		size_t l = strlen(*p);
		int prefix = l > 0 && (*p)[l - 1] == '*';
		if (prefix)
			(*p)[--l] = '\0';
		struct pat pt = {{0}, prefix, sd_strdup(hint ? hint : "")};
		sd_lint_tokenize(*p, &pt.words);
		if (!pt.words.n) {
			free(pt.hint);
			sd_lint_toks_free(&pt.words);
			continue;
		}
		/*
		 * The tokenizer leaves room for as many words as the line
		 * could hold; a line of a list has one to three, kept for
		 * the run.  In a block of their size (the words, then their
		 * folded copies), the rest given back at once: otherwise
		 * loading the lists touched fresh pages (page faults) of
		 * every journal-add (issue 17).
		 */
		size_t size = pt.words.n * sizeof *pt.words.t;
		for (size_t k = 0; k < pt.words.n; k++)
			size += strlen(pt.words.t[k].fold) + 1;
		struct tok *t = sd_xmalloc(size);
		char *f = (char *)(t + pt.words.n);
		for (size_t k = 0; k < pt.words.n; k++) {
			size_t fl = strlen(pt.words.t[k].fold) + 1;
			t[k] = pt.words.t[k];
			t[k].fold = memcpy(f, pt.words.t[k].fold, fl);
			f += fl;
		}
		size_t nw = pt.words.n;
		sd_lint_toks_free(&pt.words);
		pt.words.t = t;
		pt.words.n = nw;
		pt.words.mem = t;
		pt.words.size = size;
		*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = pt;
	}
	sd_list_free(list);
	return 0;
}

static void
free_pats(struct pat *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* (not kept for a text's words: see lint-word.c) */
		free(p[i].words.mem);
		free(p[i].hint);
	}
	free(p);
}

/*
 * The lists, read and cut into words once per process: journal-add
 * --batch lints thousands of notes, and reading four files and
 * tokenizing every pattern again for each was most of its time.  Freed
 * at exit.
 */
struct pat_list {
	const char *name;
	struct pat *p;
	size_t n;
	/* The patterns by the first byte of their first word, each byte's
	 * in the list's order: by[at[c]] .. by[at[c + 1] - 1]. */
	size_t *by, at[257];
	/*
	 * The patterns but those of one word ending in '*', by the hash of
	 * their first word (a word of the text is looked up once, not
	 * compared with every pattern of its first byte): slot j of the
	 * cap (a power of two) holds the patterns ex_pat[first] ..
	 * ex_pat[first + count - 1] in the list's order; count 0 is empty.
	 */
	struct ex {
		uint64_t hash;
		size_t first, count;
	} * ex;
	size_t ex_cap, *ex_pat;
	uint64_t exf[64]; /* a bit for each of their hashes (EXF) */
	/*
	 * The one-word patterns ending in '*' (a prefix): the first byte of
	 * one shorter than four bytes, a bit for the first four bytes of a
	 * longer one (PREF); only a word that starts so is compared with
	 * them.
	 */
	unsigned char pre1[256];
	uint64_t pref[64];
};
/* The bits of the filters exf and pref: 12 bits of a hash. */
#define EXF(h) ((unsigned)((h) >> 52))
#define PREF(f)                                                                \
	((((unsigned)(f)[0] | (unsigned)(f)[1] << 8 | (unsigned)(f)[2] << 16 | \
	   (unsigned)(f)[3] << 24) *                                           \
	  0x9e3779b1u) >>                                                      \
	 20)
#define BIT_SET(set, b) ((set)[(b) >> 6] |= (uint64_t)1 << ((b)&63))
#define BIT_HAS(set, b) ((set)[(b) >> 6] >> ((b)&63) & 1)
static struct pat_list cache[4];

/*
 * The filters of the two word lists ORed, once both are in the cache: a
 * word neither may start is looked up in neither (most words of a note).
 */
static struct {
	const struct pat_list *a, *b; /* the lists ORed (NULL: not yet) */
	unsigned char pre1[256];
	uint64_t exf[64], pref[64];
} both;
static int max_words_cached;

static void
cache_free(void)
{
	for (size_t i = 0; i < sizeof cache / sizeof *cache; i++)
		if (cache[i].name) {
			both.a = both.b = NULL;
			free_pats(cache[i].p, cache[i].n);
			free(cache[i].by);
			free(cache[i].ex);
			free(cache[i].ex_pat);
		}
	memset(cache, 0, sizeof cache);
}

/* Index the patterns of l by the first byte of their first word. */
static void
index_pats(struct pat_list *l)
{
	size_t count[257] = {0};

	l->by = sd_xmalloc((l->n ? l->n : 1) * sizeof *l->by);
	for (size_t k = 0; k < l->n; k++)
		count[(unsigned char)l->p[k].words.t[0].fold[0] + 1]++;
	l->at[0] = 0;
	for (int c = 1; c <= 256; c++)
		l->at[c] = l->at[c - 1] + count[c];
	memcpy(count, l->at, sizeof count);
	for (size_t k = 0; k < l->n; k++)
		l->by[count[(unsigned char)l->p[k].words.t[0].fold[0]]++] = k;

	/* The whole first words; the prefixes' first bytes. */
	size_t *slot = sd_xmalloc((l->n ? l->n : 1) * sizeof *slot);
	memset(l->pre1, 0, sizeof l->pre1);
	memset(l->pref, 0, sizeof l->pref);
	memset(l->exf, 0, sizeof l->exf);
	for (l->ex_cap = 16; l->ex_cap < 2 * l->n; l->ex_cap *= 2)
		;
	l->ex = sd_xmalloc(l->ex_cap * sizeof *l->ex);
	memset(l->ex, 0, l->ex_cap * sizeof *l->ex);
	for (size_t k = 0; k < l->n; k++) {
		const struct tok *w = &l->p[k].words.t[0];
		if (l->p[k].prefix && l->p[k].words.n == 1) {
			const unsigned char *f = (const unsigned char *)w->fold;
			if (strlen(w->fold) < 4)
				l->pre1[f[0]] = 1;
			else
				BIT_SET(l->pref, PREF(f));
			slot[k] = SIZE_MAX;
			continue;
		}
		BIT_SET(l->exf, EXF(w->hash));
		size_t j = w->hash & (l->ex_cap - 1);
		while (l->ex[j].count && l->ex[j].hash != w->hash)
			j = (j + 1) & (l->ex_cap - 1);
		l->ex[j].hash = w->hash;
		l->ex[j].count++;
		slot[k] = j;
	}
	size_t at = 0;
	for (size_t j = 0; j < l->ex_cap; j++) {
		l->ex[j].first = at;
		at += l->ex[j].count;
		l->ex[j].count = 0;
	}
	l->ex_pat = sd_xmalloc((at ? at : 1) * sizeof *l->ex_pat);
	for (size_t k = 0; k < l->n; k++)
		if (slot[k] != SIZE_MAX) {
			struct ex *e = &l->ex[slot[k]];
			l->ex_pat[e->first + e->count++] = k;
		}
	free(slot);
}

/*
 * The first pattern of l, in the list's order, that matches at word i
 * of ts, or SIZE_MAX: the one of its first word's hash, or, when the
 * word starts as a prefix of the list does, one of its first byte.
 */
static size_t
find_pat(const struct pat_list *l, const struct toks *ts, size_t i)
{
	const struct tok *w = &ts->t[i];
	const unsigned char *f = (const unsigned char *)w->fold;
	size_t best = SIZE_MAX;

	if (BIT_HAS(l->exf, EXF(w->hash)))
		for (size_t j = w->hash & (l->ex_cap - 1); l->ex[j].count;
		     j = (j + 1) & (l->ex_cap - 1)) {
			if (l->ex[j].hash != w->hash)
				continue;
			for (size_t e = 0; e < l->ex[j].count; e++) {
				size_t k = l->ex_pat[l->ex[j].first + e];
				if (match_at(ts, i, &l->p[k])) {
					best = k;
					break;
				}
			}
			break;
		}
	/* (a word's fold ends in a NUL: its first four bytes are read
	 * only when it has them) */
	if (l->pre1[f[0]] ||
	    (f[1] && f[2] && f[3] && BIT_HAS(l->pref, PREF(f))))
		for (size_t j = l->at[f[0]];
		     j < l->at[f[0] + 1] && l->by[j] < best; j++)
			if (match_at(ts, i, &l->p[l->by[j]]))
				return l->by[j];
	return best;
}

/*
 * The list name (a static string), from the cache or the share dir;
 * *list its cache entry, NULL when the cache is full (then the caller
 * frees *out).
 */
static int
load_pats(struct sd_ctx *ctx, const char *name, struct pat **out, size_t *n,
	  struct pat_list **list)
{
	static int registered;
	size_t i;
	int rc;

	*list = NULL;
	for (i = 0; i < sizeof cache / sizeof *cache && cache[i].name; i++)
		if (strcmp(cache[i].name, name) == 0) {
			*out = cache[i].p;
			*n = cache[i].n;
			*list = &cache[i];
			return 0;
		}
	if ((rc = load_pats_file(ctx, name, out, n)))
		return rc;
	if (i < sizeof cache / sizeof *cache) {
		if (!registered)
			registered = !atexit(cache_free);
		cache[i].name = name;
		cache[i].p = *out;
		cache[i].n = *n;
		index_pats(&cache[i]);
		*list = &cache[i];
	}
	return 0;
}

/*
 * Words from a list found in the text; the hints fmt_hint and
 * fmt_nohint untranslated (N_), translated for a word found only.
 */
static int
check_list(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	   const unsigned char *cand, const char *file, const char *rule,
	   const char *fmt_hint, const char *fmt_nohint, struct sd_lint *out)
{
	struct pat *p;
	struct pat_list *l, *own = NULL;
	size_t np;
	int rc;
	char hint[1024];

	if ((rc = load_pats(ctx, file, &p, &np, &l)))
		return rc;
	if (!l) { /* (not cached: indexed for this text alone) */
		own = sd_xmalloc(sizeof *own);
		memset(own, 0, sizeof *own);
		own->p = p;
		own->n = np;
		index_pats(own);
		l = own;
	}
	for (size_t i = 0; i < ts->n; i++) {
		if (cand && !cand[i])
			continue;
		/* The first pattern in the list's order gives the hint. */
		size_t k = find_pat(l, ts, i);
		if (k == SIZE_MAX)
			continue;
		if (p[k].hint[0])
			snprintf(hint, sizeof hint, _(fmt_hint), p[k].hint);
		else
			snprintf(hint, sizeof hint, "%s", _(fmt_nohint));
		sd_lint_add(out, text, &ts->t[i], &ts->t[i + p[k].words.n - 1],
			    rule, hint, 0);
	}
	if (own) {
		free_pats(own->p, own->n);
		free(own->by);
		free(own->ex);
		free(own->ex_pat);
		free(own);
	}
	return 0;
}

/* The cache entry of list name, or NULL. */
static const struct pat_list *
cached(const char *name)
{
	for (size_t i = 0; i < sizeof cache / sizeof *cache && cache[i].name;
	     i++)
		if (strcmp(cache[i].name, name) == 0)
			return &cache[i];
	return NULL;
}

/*
 * Into cand[0..ts->n), 1 for each word that may start a pattern of list
 * a or b; 0 when they are not both in the cache yet (cand unused).
 */
static int
candidates(const char *a, const char *b, const struct toks *ts,
	   unsigned char *cand)
{
	if (!both.a) {
		const struct pat_list *la = cached(a), *lb = cached(b);
		if (!la || !lb)
			return 0;
		for (size_t i = 0; i < 256; i++)
			both.pre1[i] = la->pre1[i] | lb->pre1[i];
		for (size_t i = 0; i < 64; i++) {
			both.exf[i] = la->exf[i] | lb->exf[i];
			both.pref[i] = la->pref[i] | lb->pref[i];
		}
		both.a = la;
		both.b = lb;
	}
	for (size_t i = 0; i < ts->n; i++) {
		const unsigned char *f = (const unsigned char *)ts->t[i].fold;
		cand[i] = BIT_HAS(both.exf, EXF(ts->t[i].hash)) ||
			  both.pre1[f[0]] ||
			  (f[1] && f[2] && f[3] && BIT_HAS(both.pref, PREF(f)));
	}
	return 1;
}

static void
check_sentences(const char *text, const struct toks *ts, int max,
		struct sd_lint *out)
{
	char hint[256];
	size_t i = 0;

	while (i < ts->n) {
		size_t j = i;
		while (j < ts->n && ts->t[j].sentence == ts->t[i].sentence)
			j++;
		if ((int)(j - i) > max) {
			snprintf(hint, sizeof hint,
				 _("a sentence of %zu words (more than %d); "
				   "write shorter sentences"),
				 j - i, max);
			size_t e = i + 4 < j ? i + 4 : j - 1;
			sd_lint_add(out, text, &ts->t[i], &ts->t[e],
				    "lang-mening", hint, 1);
		}
		i = j;
	}
}

/* A note with no words, or only a phrase that says nothing. */
static int
check_empty(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	    struct sd_lint *out)
{
	/* (translated when it is given: a batch lints every note) */
	const char *hint =
		N_("the note says nothing about what happened; write what was "
		   "seen, "
		   "what was done and the result, or write no note");
	struct pat *p;
	struct pat_list *l;
	size_t np, letters = 0;
	int rc;

	for (size_t i = 0; i < ts->n; i++)
		letters += ts->t[i].letter;
	if (!letters) {
		/* Point at the first character that is not white space. */
		struct tok t = {0, 0, 1, 1, 0, 0, NULL, 0};
		const char *s = text;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (*s == '\n')
				t.line++, t.col = 1;
			else
				t.col++;
			s++;
		}
		t.off = (size_t)(s - text);
		t.len = strcspn(s, "\n");
		if (t.len > 40)
			t.len = 40;
		sd_lint_add(out, text, &t, &t, "tom-anteckning", _(hint), 0);
		return 0;
	}
	if ((rc = load_pats(ctx, "tomma-fraser.txt", &p, &np, &l)))
		return rc;
	for (size_t k = 0; k < np; k++)
		if (p[k].words.n == ts->n && match_at(ts, 0, &p[k])) {
			sd_lint_add(out, text, &ts->t[0], &ts->t[ts->n - 1],
				    "tom-anteckning", _(hint), 0);
			break;
		}
	if (!l)
		free_pats(p, np);
	return 0;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct sd_lint_item *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

int
sd_lint_check(struct sd_ctx *ctx, const char *text, long long self_person,
	      int max_words, struct sd_lint *out)
{
	struct toks ts;
	int rc;

	if (max_words <= 0 && max_words_cached > 0) {
		max_words = max_words_cached;
	} else if (max_words <= 0) {
		char **l = sd_list_load(ctx, "meningslangd.txt");
		if (!l)
			return ctx->err.code;
		max_words = l[0] ? atoi(l[0]) : 0;
		sd_list_free(l);
		if (max_words <= 0)
			max_words = 25;
		max_words_cached = max_words;
	}
	sd_lint_tokenize(text, &ts);
	/* (a note's words, as many as a note usually has) */
	unsigned char cand_buf[512], *cand = NULL;
	if (ts.n <= sizeof cand_buf &&
	    candidates("vardeord.txt", "forkortningar.txt", &ts, cand_buf))
		cand = cand_buf;
	if (!(rc = check_empty(ctx, text, &ts, out)) &&
	    !(rc = sd_lint_names(ctx, text, &ts, self_person, out)) &&
	    !(rc = check_list(ctx, text, &ts, cand, "vardeord.txt", "vardeord",
			      N_("a value-laden word; %s"),
			      N_("a value-laden word; describe what you saw "
				 "and heard instead"),
			      out)) &&
	    !(rc = check_list(
		      ctx, text, &ts, cand, "forkortningar.txt", "forkortning",
		      N_("an internal abbreviation; write \"%s\""),
		      N_("an internal abbreviation; write it out"), out)))
		check_sentences(text, &ts, max_words, out);
	sd_lint_toks_free(&ts);
	if (out->n > 1)
		sd_sort(out->item, out->n, sizeof *out->item, cmp_item);
	return rc;
}

void
sd_lint_print(const struct sd_lint *l, FILE *f, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(f, "%s%d:%d: %s '%s': %s\n", prefix, l->item[i].line,
			l->item[i].col, l->item[i].rule, l->item[i].word,
			l->item[i].hint);
}

struct sd_table *
sd_lint_table(const struct sd_lint *l, const char *file)
{
	static const char *cols[] = {N_("file"), N_("line"), N_("column"),
				     N_("rule"), N_("word"), N_("hint")};
	static const int flags[] = {
		0, SD_COL_NUM | SD_COL_RIGHT, SD_COL_NUM | SD_COL_RIGHT, 0, 0,
		0};
	struct sd_table *t = sd_table_new(6, cols, flags);

	for (size_t i = 0; i < l->n; i++) {
		char line[16], col[16];
		snprintf(line, sizeof line, "%d", l->item[i].line);
		snprintf(col, sizeof col, "%d", l->item[i].col);
		const char *row[] = {file,
				     line,
				     col,
				     l->item[i].rule,
				     l->item[i].word,
				     l->item[i].hint};
		sd_table_add(t, row);
	}
	return t;
}

void
sd_lint_free(struct sd_lint *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->item[i].word);
		free(l->item[i].hint);
	}
	free(l->item);
	l->item = NULL;
	l->n = 0;
}
