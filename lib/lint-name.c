/*
 * lint-name.c - "Skriv aldrig namn på andra kunder i en journal": the
 * names of other persons found in a note's words, among the persons
 * the writer may see.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint-int.h"

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
		sd_lint_tokenize(l, last);
		sd_lint_tokenize(comma + 1, first);
		free(l);
		return;
	}
	/* "Förnamn Efternamn": the last word is the last name. */
	sd_lint_tokenize(name, first);
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
					sd_lint_add(
						out, text, &ts->t[i],
						&ts->t[end], "annan-kund",
						_("the name of another client; "
						  "never write other clients' "
						  "names in a journal (write "
						  "\"en annan kund\")"),
						0);
			}
		}
	}
	sd_lint_toks_free(&first);
	sd_lint_toks_free(&last);
}

/*
 * The name keys (0120) in memory, for a run that lints many notes
 * (journal-add --batch, journal-lint of many files): a pair looked up in
 * person_name_key costs about 2 600 instructions, nearly all of it
 * SQLite's per-statement work, not the b-tree's; in a hash set it costs
 * a few dozen.  Read once the pairs this process has looked up
 * outnumber the keys (a planner's choice by counts: a single note never
 * reads them, so its cost stays independent of the municipality's
 * size).  Kept true to the table: the keys this connection makes
 * (index_pending) are added as they are written; any commit by another
 * connection (PRAGMA data_version) drops the set.  A key the set holds
 * and the table no longer does (a person renamed or purged, a savepoint
 * rolled back) only names a person to read: check_person decides on the
 * name itself, so the warnings are the same as the table's.
 */
struct sd_lint_names {
	sqlite3 *db;       /* the connection the keys were read from */
	long long version; /* its PRAGMA data_version then */
	struct nk {
		uint32_t hash;    /* of the key; 0: an empty slot */
		uint32_t off;     /* the key in pool */
		long long person; /* person.id */
	} * slot;
	size_t cap, n; /* slots (a power of two), used */
	char *pool;    /* the keys, each with its NUL */
	size_t pool_len, pool_cap;
	unsigned long long probed, next; /* pairs looked up in the table;
					    when to count the keys again */
};

/* The hash of the key "a b"; never 0. */
static uint32_t
nk_hash(const char *a, const char *b)
{
	uint32_t h = sd_fnv1a(sd_fnv1a(sd_fnv1a(SD_FNV1A_BASIS, a), " "), b);

	return h ? h : 1;
}

/* Is the key at off "a b"? */
static int
nk_eq(const struct sd_lint_names *m, uint32_t off, const char *a, const char *b)
{
	const char *k = m->pool + off;
	size_t la = strlen(a);

	return strncmp(k, a, la) == 0 && k[la] == ' ' &&
	       strcmp(k + la + 1, b) == 0;
}

static void
nk_grow(struct sd_lint_names *m)
{
	struct nk *old = m->slot;
	size_t oldcap = m->cap;

	m->cap = oldcap ? 2 * oldcap : 1024;
	m->slot = sd_xmalloc(m->cap * sizeof *m->slot);
	memset(m->slot, 0, m->cap * sizeof *m->slot);
	m->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].hash) {
			size_t j = old[i].hash & (m->cap - 1);
			while (m->slot[j].hash)
				j = (j + 1) & (m->cap - 1);
			m->slot[j] = old[i];
			m->n++;
		}
	free(old);
}

/* Add the key "a b" of person (once). */
static void
nk_add(struct sd_lint_names *m, const char *a, const char *b, long long person)
{
	uint32_t h = nk_hash(a, b);
	size_t j, la = strlen(a), lb = strlen(b);

	if (2 * (m->n + 1) > m->cap)
		nk_grow(m);
	for (j = h & (m->cap - 1); m->slot[j].hash; j = (j + 1) & (m->cap - 1))
		if (m->slot[j].hash == h && m->slot[j].person == person &&
		    nk_eq(m, m->slot[j].off, a, b))
			return;
	if (m->pool_len + la + lb + 2 > m->pool_cap) {
		while (m->pool_len + la + lb + 2 > m->pool_cap)
			m->pool_cap = m->pool_cap ? 2 * m->pool_cap : 4096;
		m->pool = sd_xrealloc(m->pool, m->pool_cap);
	}
	m->slot[j].hash = h;
	m->slot[j].off = (uint32_t)m->pool_len;
	m->slot[j].person = person;
	m->n++;
	memcpy(m->pool + m->pool_len, a, la);
	m->pool[m->pool_len + la] = ' ';
	memcpy(m->pool + m->pool_len + la + 1, b, lb + 1);
	m->pool_len += la + lb + 2;
}

void
sd_lint_names_free(struct sd_lint_names *m)
{
	if (!m)
		return;
	free(m->slot);
	free(m->pool);
	free(m);
}

/* The connection's PRAGMA data_version, or -1. */
static long long
data_version(struct sd_ctx *ctx)
{
	sqlite3_stmt *st = sd_prepare(ctx, "PRAGMA data_version");
	long long v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sd_finalize(st);
	return v;
}

/* Drop the keys read into memory (kept: what was counted). */
static void
nk_drop(struct sd_lint_names *m)
{
	free(m->slot);
	free(m->pool);
	m->slot = NULL;
	m->pool = NULL;
	m->cap = m->n = m->pool_len = m->pool_cap = 0;
	m->db = NULL;
}

/*
 * The keys in memory, or NULL to look them up in the table: read when
 * the pairs looked up so far are half as many as the keys (counted at
 * 1 024 pairs, then when that many have been looked up), dropped when
 * another connection has committed since.  Half: a pair looked up in
 * the table costs about 4 300 instructions and a key read about 1 800
 * (the large municipality's 100 000 keys), so a run reads them once it
 * has spent about what reading them costs, and never pays more than
 * twice the cheaper of the two (a batch of 10 000 notes there looked up
 * 131 000 pairs before reading them, 0.6 G instructions: issue 17).
 */
static struct sd_lint_names *
nk_get(struct sd_ctx *ctx)
{
	struct sd_lint_names *m = ctx->names;
	sqlite3_stmt *st;
	long long rows;
	int rc;

	if (!m) {
		m = ctx->names = sd_xmalloc(sizeof *m);
		memset(m, 0, sizeof *m);
		m->next = 1024;
	}
	if (m->db) {
		if (m->db == ctx->db && data_version(ctx) == m->version)
			return m;
		nk_drop(m);
		m->next = m->probed + 1024;
	}
	if (m->probed < m->next)
		return NULL;
	rows = sd_query_int(ctx, "SELECT count(*) FROM person_name_key",
			    SD_END);
	if (rows < 0 || (unsigned long long)rows > 2 * m->probed) {
		m->next =
			rows < 0 ? 2 * m->probed : (unsigned long long)rows / 2;
		return NULL;
	}
	if (!(st = sd_prepare(ctx, "SELECT key, person_id FROM "
				   "person_name_key")))
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = sd_col(st, 0), *sp = strchr(k, ' ');
		char a[256];

		/* (keys are "first last": two words, one space) */
		if (!sp || (size_t)(sp - k) >= sizeof a)
			break;
		memcpy(a, k, (size_t)(sp - k));
		a[sp - k] = '\0';
		nk_add(m, a, sp + 1, sqlite3_column_int64(st, 1));
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		/* (a key the set could not hold: the table, as before) */
		nk_drop(m);
		m->next = UINT64_MAX;
		return NULL;
	}
	m->db = ctx->db;
	m->version = data_version(ctx);
	return m;
}

/*
 * Make the name keys (0120) of the persons queued in
 * person_name_pending: "first last" for each first name before the
 * first word of the last name, "last first" for the last word of the
 * last name before each first name -- the pairs of adjacent words
 * check_person can match.
 */
static int
index_pending(struct sd_ctx *ctx, struct sd_lint_names *m)
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
	int queued = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct toks first, last;

		queued = 1;
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
				if (m && m->db)
					nk_add(m,
					       order ? last.t[last.n - 1].fold
						     : first.t[f].fold,
					       order ? first.t[f].fold
						     : last.t[0].fold,
					       id);
			}
		sd_lint_toks_free(&first);
		sd_lint_toks_free(&last);
		if (rc != SQLITE_ROW)
			break;
	}
	sd_finalize(st);
	sd_finalize(ins);
	sd_buf_free(&k);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx,
				  _("cannot index the names of the persons"));
	/* (nothing queued, as for nearly every note: no write) */
	return queued ? sd_exec(ctx, "DELETE FROM person_name_pending", SD_END)
		      : 0;
}

/* (ids ascending, for the persons in the order they were read before) */
static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
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
int
sd_lint_names(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	      long long self, struct sd_lint *out)
{
	struct sd_lint_names *m;
	char **sorted;
	sqlite3_stmt *key_st, *st;
	struct sd_buf key;
	long long *ids = NULL;
	size_t nids = 0, cap = 0;
	int rc;

	if (ts->n < 2)
		return 0;
	m = nk_get(ctx);
	if ((rc = index_pending(ctx, m)))
		return rc;
	if (m && m->db) {
		/* The keys in memory: the same pairs, looked up there. */
		for (size_t i = 0; i + 1 < ts->n; i++) {
			const char *a = ts->t[i].fold, *b = ts->t[i + 1].fold;
			uint32_t h = nk_hash(a, b);

			for (size_t j = h & (m->cap - 1); m->slot[j].hash;
			     j = (j + 1) & (m->cap - 1)) {
				if (m->slot[j].hash != h ||
				    !nk_eq(m, m->slot[j].off, a, b))
					continue;
				if (nids == cap) {
					cap = cap ? 2 * cap : 8;
					ids = sd_xrealloc(ids,
							  cap * sizeof *ids);
				}
				ids[nids++] = m->slot[j].person;
			}
		}
		goto found;
	}
	/*
	 * One indexed look-up of each pair of adjacent words, the key bound
	 * (a JSON array of them joined through json_each was half of the
	 * lint's time); nearly every note finds no one.
	 */
	if (!(key_st = sd_prepare(ctx, "SELECT person_id FROM person_name_key "
				       "WHERE key = ?")))
		return ctx->err.code;
	sd_buf_init(&key);
	rc = SQLITE_DONE;
	for (size_t i = 0; i + 1 < ts->n && rc == SQLITE_DONE; i++) {
		key.len = 0;
		sd_buf_puts(&key, ts->t[i].fold);
		sd_buf_add(&key, " ", 1);
		sd_buf_puts(&key, ts->t[i + 1].fold);
		sqlite3_bind_text(key_st, 1, key.s, (int)key.len,
				  SQLITE_STATIC);
		while ((rc = sqlite3_step(key_st)) == SQLITE_ROW) {
			if (nids == cap) {
				cap = cap ? 2 * cap : 8;
				ids = sd_xrealloc(ids, cap * sizeof *ids);
			}
			ids[nids++] = sqlite3_column_int64(key_st, 0);
		}
		sqlite3_reset(key_st);
	}
	sd_finalize(key_st);
	sd_buf_free(&key);
	ctx->names->probed += ts->n - 1;
	if (rc != SQLITE_DONE) {
		free(ids);
		return sd_fail_db(ctx, _("cannot read the persons"));
	}
found:
	if (!nids)
		return 0;
	sd_sort(ids, nids, sizeof *ids, cmp_id);
	/*
	 * (in person order, as when every person was read) Only the
	 * persons the writer may see: a client of another unit, or a
	 * protected identity the writer may not open, is never named to
	 * them (sd_akt_check_read's rule, in SQL).
	 */
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT p.name FROM person p WHERE p.id = ?1 "
		      "AND p.id != ?2 AND EXISTS (SELECT 1 FROM akt a WHERE "
		      "a.person_id = p.id AND (?3 OR a.unit_id IN (SELECT "
		      "unit_id FROM staff_unit WHERE staff_id = ?4)) AND "
		      "(a.protected = 0 OR ?5 OR a.kontaktperson = ?4 OR (?6 "
		      "AND a.unit_id IN (SELECT unit_id FROM staff_unit WHERE "
		      "staff_id = ?4))))"))) {
		free(ids);
		return ctx->err.code;
	}
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
	sd_sort(sorted, ts->n, sizeof *sorted, cmp_fold);
	rc = SQLITE_DONE;
	for (size_t i = 0; i < nids && rc == SQLITE_DONE; i++) {
		if (i && ids[i] == ids[i - 1])
			continue;
		sqlite3_bind_int64(st, 1, ids[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			check_person(text, ts, sorted, sd_col(st, 0), out);
		sqlite3_reset(st);
	}
	sd_finalize(st);
	free(ids);
	free(sorted);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the persons"));
	return 0;
}
