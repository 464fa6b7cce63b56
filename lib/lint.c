/*
 * lint.c - the documentation rules for journal notes (seeds 002, 004):
 * "Skriv aldrig namn på andra kunder i en journal", "Undvik ord som är
 * värdeladdade", "interna förkortningar och begrepp ska ej finnas med",
 * "Skriv med korta meningar".  The text is cut into words (letters and
 * digits, inner hyphens kept) that remember their line and column;
 * words are compared case-folded, Swedish letters included.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* A pattern from a list: words to match in a row, the last maybe a prefix. */
struct pat {
	struct toks words;
	int prefix;
	char *hint;
};

static void
encode(struct sd_buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80)
		u[0] = (char)c, n = 1;
	else if (c < 0x800)
		u[0] = (char)(0xc0 | (c >> 6)),
		u[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	else if (c < 0x10000)
		u[0] = (char)(0xe0 | (c >> 12)),
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
		u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		u[0] = (char)(0xf0 | (c >> 18)),
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f)),
		u[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	sd_buf_add(b, u, n);
}

/* Lower case for the Latin letters (Å Ä Ö É Ü ... and Latin Extended-A). */
static uint32_t
fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) &&
	    !(c & 1))
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) &&
	    (c & 1))
		return c + 1;
	return c;
}

static int
is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return 0;
	/* Punctuation, symbols and emoji are not letters. */
	if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe00 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff0f) ||
	    c >= 0x1f000)
		return 0;
	return 1;
}

static int
is_word(uint32_t c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

/* 1 when the line starting at p begins a new block (blank, list, heading). */
static int
block_start(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '\n' || *p == '\r' || *p == '#' || *p == '>' ||
	    *p == '|')
		return 1;
	if ((*p == '-' || *p == '*' || *p == '+') &&
	    (p[1] == ' ' || p[1] == '\t'))
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	return (*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t');
}

static void
toks_free(struct toks *ts)
{
	free(ts->buf);
	free(ts->t);
	ts->buf = NULL;
	ts->t = NULL;
	ts->n = 0;
}

/* Cut text into words; invalid bytes count as one non-word character. */
static void
tokenize(const char *text, struct toks *ts)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, cap = 0;
	int line = 1, col = 1, in = 0, count = 0;
	struct sd_buf f;
	uint32_t c, next;

	ts->t = NULL;
	ts->n = 0;
	ts->sentences = 0;
	ts->buf = NULL;
	/*
	 * The folded words one after the other, each ended by its NUL, in
	 * one block (not a malloc each: a batch lints thousands of notes).
	 */
	sd_buf_init(&f);
	int nlen = n ? sd_utf8_decode(s, n, &next) : 0;
	while (i < n) {
		/* Each character decoded once: it was the last one's next. */
		int len = nlen;
		c = next;
		if (!len)
			len = 1, c = 0xfffd;
		nlen = sd_utf8_decode(s + i + len, n - i - len, &next);
		int word = is_word(c) || (c >= 0x300 && c <= 0x36f && in) ||
			   (in && (c == '-' || c == 0x2011) && nlen &&
			    is_word(next));
		if (word) {
			if (!in) {
				ts->t = sd_grow(ts->t, ts->n, &cap,
						sizeof *ts->t, 64);
				struct tok *t = &ts->t[ts->n++];
				memset(t, 0, sizeof *t);
				t->off = i;
				t->line = line;
				t->col = col;
				t->sentence = ts->sentences;
				t->foff = f.len;
				in = 1;
				count++;
			}
			if (is_letter(c))
				ts->t[ts->n - 1].letter = 1;
			encode(&f, fold(c));
		} else if (in) {
			struct tok *t = &ts->t[ts->n - 1];
			t->len = i - t->off;
			sd_buf_add(&f, "", 1);
			in = 0;
		}
		if (!word) {
			int end = 0;
			if ((c == '.' || c == '!' || c == '?') &&
			    (!nlen || next == ' ' || next == '\n' ||
			     next == '\t' || next == '\r' || next == '"' ||
			     next == ')' || next == 0x201d))
				end = 1;
			if (c == '\n' && block_start(text + i + 1))
				end = 1;
			if (end && count) {
				ts->sentences++;
				count = 0;
			}
		}
		if (c == '\n')
			line++, col = 1;
		else if (!(c >= 0x300 && c <= 0x36f))
			col++;
		i += (size_t)len;
	}
	if (in) {
		struct tok *t = &ts->t[ts->n - 1];
		t->len = i - t->off;
		sd_buf_add(&f, "", 1);
	}
	if (count)
		ts->sentences++;
	ts->buf = f.s;
	for (size_t k = 0; k < ts->n; k++)
		ts->t[k].fold = ts->buf + ts->t[k].foff;
}

static void
add(struct sd_lint *l, const char *text, const struct tok *first,
    const struct tok *last, const char *rule, const char *hint, int ellipsis)
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
		const char *w = ts->t[i + k].fold, *q = p->words.t[k].fold;
		if (p->prefix && k == p->words.n - 1) {
			if (strncmp(w, q, strlen(q)) != 0)
				return 0;
		} else if (strcmp(w, q) != 0) {
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
		tokenize(*p, &pt.words);
		if (!pt.words.n) {
			free(pt.hint);
			toks_free(&pt.words);
			continue;
		}
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
		toks_free(&p[i].words);
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
static struct {
	const char *name;
	struct pat *p;
	size_t n;
} cache[4];
static int max_words_cached;

static void
cache_free(void)
{
	for (size_t i = 0; i < sizeof cache / sizeof *cache; i++)
		if (cache[i].name)
			free_pats(cache[i].p, cache[i].n);
	memset(cache, 0, sizeof cache);
}

/* The list name (a static string), from the cache or the share dir. */
static int
load_pats(struct sd_ctx *ctx, const char *name, struct pat **out, size_t *n)
{
	static int registered;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cache / sizeof *cache && cache[i].name; i++)
		if (strcmp(cache[i].name, name) == 0) {
			*out = cache[i].p;
			*n = cache[i].n;
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
	}
	return 0;
}

/* Words from a list found in the text. */
static int
check_list(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	   const char *file, const char *rule, const char *fmt_hint,
	   const char *fmt_nohint, struct sd_lint *out)
{
	struct pat *p;
	size_t np;
	int rc;
	char hint[1024];

	if ((rc = load_pats(ctx, file, &p, &np)))
		return rc;
	for (size_t i = 0; i < ts->n; i++)
		for (size_t k = 0; k < np; k++) {
			/* The first byte first: most patterns end there. */
			if (p[k].words.t[0].fold[0] != ts->t[i].fold[0] ||
			    !match_at(ts, i, &p[k]))
				continue;
			if (p[k].hint[0])
				snprintf(hint, sizeof hint, fmt_hint,
					 p[k].hint);
			else
				snprintf(hint, sizeof hint, "%s", fmt_nohint);
			add(out, text, &ts->t[i], &ts->t[i + p[k].words.n - 1],
			    rule, hint, 0);
			break;
		}
	return 0;
}

static int
cmp_fold(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_word(char **sorted, size_t n, const char *w)
{
	return bsearch(&w, sorted, n, sizeof *sorted, cmp_fold) != NULL;
}

/* Does the text hold first then last (or last then first) at word i? */
static int
name_at(const struct toks *ts, size_t i, const struct toks *a,
	const struct toks *b, size_t *end)
{
	if (i + a->n + b->n > ts->n)
		return 0;
	for (size_t k = 0; k < a->n; k++)
		if (strcmp(ts->t[i + k].fold, a->t[k].fold) != 0)
			return 0;
	for (size_t k = 0; k < b->n; k++)
		if (strcmp(ts->t[i + a->n + k].fold, b->t[k].fold) != 0)
			return 0;
	/* Both in the same sentence, side by side. */
	if (ts->t[i].sentence != ts->t[i + a->n + b->n - 1].sentence)
		return 0;
	*end = i + a->n + b->n - 1;
	return 1;
}

/* A person's name cut into first names and last name ("Efternamn, Förnamn"). */
static void
split_name(const char *name, struct toks *first, struct toks *last)
{
	const char *comma = strchr(name, ',');

	if (comma) {
		char *l = sd_xmalloc((size_t)(comma - name) + 1);
		memcpy(l, name, (size_t)(comma - name));
		l[comma - name] = '\0';
		tokenize(l, last);
		tokenize(comma + 1, first);
		free(l);
		return;
	}
	/* "Förnamn Efternamn": the last word is the last name. */
	tokenize(name, first);
	last->n = 0;
	last->t = NULL;
	last->buf = NULL; /* (its word's fold is in first's buf) */
	if (first->n > 1) {
		last->t = sd_xmalloc(sizeof *last->t);
		last->t[0] = first->t[--first->n];
		last->n = 1;
	}
}

/* The warnings for one person's name found in the text. */
static void
check_person(const char *text, const struct toks *ts, char **sorted,
	     const char *name, struct sd_lint *out)
{
	struct toks last, first;

	split_name(name, &first, &last);
	if (last.n && first.n && has_word(sorted, ts->n, last.t[0].fold)) {
		for (size_t f = 0; f < first.n; f++) {
			struct toks one = {&first.t[f], 1, 0, NULL};
			if (!has_word(sorted, ts->n, one.t[0].fold))
				continue;
			for (size_t i = 0; i < ts->n; i++) {
				size_t end;
				if (name_at(ts, i, &one, &last, &end) ||
				    name_at(ts, i, &last, &one, &end))
					add(out, text, &ts->t[i], &ts->t[end],
					    "annan-kund",
					    "the name of another client; "
					    "never write other clients' "
					    "names in a journal (write "
					    "\"en annan kund\")",
					    0);
			}
		}
	}
	toks_free(&first);
	toks_free(&last);
}

/*
 * Make the name keys (0120) of the persons queued in
 * person_name_pending: "first last" for each first name before the
 * first word of the last name, "last first" for the last word of the
 * last name before each first name -- the pairs of adjacent words
 * check_person can match.
 */
static int
index_pending(struct sd_ctx *ctx)
{
	sqlite3_stmt *st, *ins;
	struct sd_buf k;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT p.id, p.name FROM "
				   "person_name_pending q JOIN person p ON "
				   "p.id = q.person_id")))
		return ctx->err.code;
	if (!(ins = sd_prepare(ctx, "INSERT OR IGNORE INTO person_name_key"
				    "(key, person_id) VALUES (?, ?)"))) {
		sd_finalize(st);
		return ctx->err.code;
	}
	sd_buf_init(&k);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct toks first, last;
		long long id = sqlite3_column_int64(st, 0);

		split_name(sd_col(st, 1), &first, &last);
		for (size_t f = 0; last.n && f < first.n && rc == SQLITE_ROW;
		     f++)
			for (int order = 0; order < 2; order++) {
				k.len = 0;
				sd_buf_puts(&k, order ? last.t[last.n - 1].fold
						      : first.t[f].fold);
				sd_buf_puts(&k, " ");
				sd_buf_puts(&k, order ? first.t[f].fold
						      : last.t[0].fold);
				sd_bind_text(ins, 1, k.s);
				sqlite3_bind_int64(ins, 2, id);
				if (sqlite3_step(ins) != SQLITE_DONE)
					rc = SQLITE_ERROR;
				sqlite3_reset(ins);
			}
		toks_free(&first);
		toks_free(&last);
		if (rc != SQLITE_ROW)
			break;
	}
	sd_finalize(st);
	sd_finalize(ins);
	sd_buf_free(&k);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot index the names of the persons");
	return sd_exec(ctx, "DELETE FROM person_name_pending", SD_END);
}

/*
 * Other clients: a person's first name (any of them) and last name (all
 * of its words) next to each other, in either order.  Names are stored
 * "Efternamn, Förnamn".  Only the persons whose name keys (0120) match
 * a pair of adjacent words of the text are read: one look-up per pair,
 * however many persons the municipality has; and only those the writer
 * may see (issue 19: the lint told staff of another unit the name of a
 * client they may not know of).
 */
static int
check_names(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	    long long self, struct sd_lint *out)
{
	char **sorted;
	sqlite3_stmt *st;
	struct sd_buf keys;
	int rc;

	if (ts->n < 2)
		return 0;
	if ((rc = index_pending(ctx)))
		return rc;
	/* The folded words hold letters, digits and hyphens: no quoting. */
	sd_buf_init(&keys);
	sd_buf_puts(&keys, "[");
	for (size_t i = 0; i + 1 < ts->n; i++) {
		sd_buf_puts(&keys, i ? ",\"" : "\"");
		sd_buf_puts(&keys, ts->t[i].fold);
		sd_buf_puts(&keys, " ");
		sd_buf_puts(&keys, ts->t[i + 1].fold);
		sd_buf_puts(&keys, "\"");
	}
	sd_buf_puts(&keys, "]");
	/*
	 * (in person order, as when every person was read) Only the
	 * persons the writer may see: a client of another unit, or a
	 * protected identity the writer may not open, is never named to
	 * them (sd_akt_check_read's rule, in SQL).
	 */
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT p.name FROM person p WHERE p.id IN "
		      "(SELECT k.person_id FROM json_each(?1) j "
		      "JOIN person_name_key k ON k.key = j.value) "
		      "AND p.id != ?2 AND EXISTS (SELECT 1 FROM akt a WHERE "
		      "a.person_id = p.id AND (?3 OR a.unit_id IN (SELECT "
		      "unit_id FROM staff_unit WHERE staff_id = ?4)) AND "
		      "(a.protected = 0 OR ?5 OR a.kontaktperson = ?4 OR (?6 "
		      "AND a.unit_id IN (SELECT unit_id FROM staff_unit WHERE "
		      "staff_id = ?4)))) ORDER BY p.id"))) {
		sd_buf_free(&keys);
		return ctx->err.code;
	}
	sd_bind_text(st, 1, keys.s);
	sqlite3_bind_int64(st, 2, self);
	sqlite3_bind_int(st, 3,
			 ctx->me.role == SD_ROLE_ADMIN ||
				 ctx->me.role == SD_ROLE_ARKIVARIE);
	sqlite3_bind_int64(st, 4, ctx->me.id);
	sqlite3_bind_int(st, 5, ctx->me.role == SD_ROLE_ADMIN);
	sqlite3_bind_int(st, 6, ctx->me.role == SD_ROLE_ENHETSCHEF);
	sorted = sd_xmalloc(ts->n * sizeof *sorted);
	for (size_t i = 0; i < ts->n; i++)
		sorted[i] = ts->t[i].fold;
	qsort(sorted, ts->n, sizeof *sorted, cmp_fold);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		check_person(text, ts, sorted, sd_col(st, 0), out);
	sd_finalize(st);
	sd_buf_free(&keys);
	free(sorted);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the persons");
	return 0;
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
				 "a sentence of %zu words (more than %d); "
				 "write shorter sentences",
				 j - i, max);
			size_t e = i + 4 < j ? i + 4 : j - 1;
			add(out, text, &ts->t[i], &ts->t[e], "lang-mening",
			    hint, 1);
		}
		i = j;
	}
}

/* A note with no words, or only a phrase that says nothing. */
static int
check_empty(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	    struct sd_lint *out)
{
	static const char hint[] =
		"the note says nothing about what happened; write what was "
		"seen, "
		"what was done and the result, or write no note";
	struct pat *p;
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
		add(out, text, &t, &t, "tom-anteckning", hint, 0);
		return 0;
	}
	if ((rc = load_pats(ctx, "tomma-fraser.txt", &p, &np)))
		return rc;
	for (size_t k = 0; k < np; k++)
		if (p[k].words.n == ts->n && match_at(ts, 0, &p[k])) {
			add(out, text, &ts->t[0], &ts->t[ts->n - 1],
			    "tom-anteckning", hint, 0);
			break;
		}
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
	tokenize(text, &ts);
	if (!(rc = check_empty(ctx, text, &ts, out)) &&
	    !(rc = check_names(ctx, text, &ts, self_person, out)) &&
	    !(rc = check_list(ctx, text, &ts, "vardeord.txt", "vardeord",
			      "a value-laden word; %s",
			      "a value-laden word; describe what you saw and "
			      "heard instead",
			      out)) &&
	    !(rc = check_list(ctx, text, &ts, "forkortningar.txt",
			      "forkortning",
			      "an internal abbreviation; write \"%s\"",
			      "an internal abbreviation; write it out", out)))
		check_sentences(text, &ts, max_words, out);
	toks_free(&ts);
	if (out->n > 1)
		qsort(out->item, out->n, sizeof *out->item, cmp_item);
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
