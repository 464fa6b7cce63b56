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
	last->mem = NULL; /* (its word is in first's block) */
	if (first->n > 1) {
		last->t = &first->t[--first->n];
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
			struct toks one = {&first.t[f], 1, 0, NULL, 0};
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
 * person_name_key costs about 4 000 instructions, nearly all of it
 * SQLite's per-statement work, not the b-tree's; in a hash set it costs
 * a few dozen.  The set holds the keys only, as a filter: a pair it
 * holds (nearly never: a note rarely names anyone) is looked up in the
 * table, which says whose key it is, so the set costs one column of a
 * row to read and no person ids to keep.  Read once the pairs this
 * process has looked up in the table cost about what reading the keys
 * does (a planner's choice by counts: a single note never reads them,
 * so its cost stays independent of the municipality's size).  Kept a
 * superset of the table's keys: the keys this connection makes
 * (index_pending) are added as they are written; any commit by another
 * connection (PRAGMA data_version) drops the set.  A key the set holds
 * and the table no longer does (a person renamed or purged, a savepoint
 * rolled back) only costs a look-up that finds no one.
 */
struct sd_lint_names {
	sqlite3 *db;       /* the connection the keys were read from */
	long long version; /* its PRAGMA data_version then */
	unsigned pager;    /* its pager's data version when last checked */
	int pager_ok;      /* (pager read) */
	struct nk {
		uint64_t hash; /* nk_hash of the key; 0: an empty slot */
		uint32_t off;  /* the key in pool: "a b" and its NUL */
		uint32_t la;   /* the length of a */
	} * slot;
	size_t cap, n; /* slots (a power of two), used */
	char *pool;    /* the keys, each with its NUL */
	size_t pool_len, pool_cap;
	unsigned long long probed, next; /* pairs looked up in the table;
					    when to count the keys again */
};

/*
 * The hash of the key "a b" from the hashes of a and b (sd_lint_hash of
 * each word); never 0.  Mixed (MurmurHash3's finalizer): the slot is
 * taken from its low bits.
 */
static uint64_t
nk_hash(uint64_t ha, uint64_t hb)
{
	uint64_t h = ha ^ (hb * 0x9e3779b97f4a7c15ull);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

/* Is the key of slot e "a b" (a of la bytes, b of lb)? */
static int
nk_eq(const struct sd_lint_names *m, const struct nk *e, const char *a,
      size_t la, const char *b, size_t lb)
{
	const char *k = m->pool + e->off;

	return e->la == la && memcmp(k, a, la) == 0 &&
	       memcmp(k + la + 1, b, lb + 1) == 0;
}

/* Does the set hold the key "a b" of hash h? */
static int
nk_has(const struct sd_lint_names *m, uint64_t h, const char *a, const char *b)
{
	for (size_t j = h & (m->cap - 1); m->slot[j].hash;
	     j = (j + 1) & (m->cap - 1))
		if (m->slot[j].hash == h &&
		    nk_eq(m, &m->slot[j], a, strlen(a), b, strlen(b)))
			return 1;
	return 0;
}

/* Room for n keys at most half the slots; rehashed, not read again. */
static void
nk_reserve(struct sd_lint_names *m, size_t n)
{
	struct nk *old = m->slot;
	size_t oldcap = m->cap;

	if (2 * n <= m->cap)
		return;
	if (!m->cap)
		m->cap = 1024;
	while (2 * n > m->cap)
		m->cap *= 2;
	m->slot = sd_xmalloc(m->cap * sizeof *m->slot);
	memset(m->slot, 0, m->cap * sizeof *m->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].hash) {
			size_t j = old[i].hash & (m->cap - 1);
			while (m->slot[j].hash)
				j = (j + 1) & (m->cap - 1);
			m->slot[j] = old[i];
		}
	free(old);
}

/*
 * Put the key "a b" (a of la bytes, b of lb) of hash h in the set, once;
 * the set has room for it (nk_reserve).
 */
static void
nk_put(struct sd_lint_names *m, uint64_t h, const char *a, size_t la,
       const char *b, size_t lb)
{
	size_t j;

	for (j = h & (m->cap - 1); m->slot[j].hash; j = (j + 1) & (m->cap - 1))
		if (m->slot[j].hash == h && nk_eq(m, &m->slot[j], a, la, b, lb))
			return;
	if (m->pool_len + la + lb + 2 > m->pool_cap) {
		while (m->pool_len + la + lb + 2 > m->pool_cap)
			m->pool_cap = m->pool_cap ? 2 * m->pool_cap : 4096;
		m->pool = sd_xrealloc(m->pool, m->pool_cap);
	}
	m->slot[j].hash = h;
	m->slot[j].off = (uint32_t)m->pool_len;
	m->slot[j].la = (uint32_t)la;
	m->n++;
	memcpy(m->pool + m->pool_len, a, la);
	m->pool[m->pool_len + la] = ' ';
	memcpy(m->pool + m->pool_len + la + 1, b, lb);
	m->pool[m->pool_len + la + 1 + lb] = '\0';
	m->pool_len += la + lb + 2;
}

/* Add the key "a b" (a of la bytes, b of lb), once. */
static void
nk_add(struct sd_lint_names *m, const char *a, size_t la, const char *b,
       size_t lb)
{
	nk_reserve(m, m->n + 1);
	nk_put(m,
	       nk_hash(sd_lint_hash(SD_LINT_HASH_BASIS, a, la),
		       sd_lint_hash(SD_LINT_HASH_BASIS, b, lb)),
	       a, la, b, lb);
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

/*
 * The pager's data version (SQLITE_FCNTL_DATA_VERSION) into *v: it moves
 * at every commit, this connection's or another's (that one seen when a
 * transaction begins); 0 when there is none to read.
 */
static int
pager_version(struct sd_ctx *ctx, unsigned *v)
{
#if SQLITE_VERSION_NUMBER >= 3038000
	return sqlite3_file_control(ctx->db, "main", SQLITE_FCNTL_DATA_VERSION,
				    v) == SQLITE_OK;
#else
	(void)ctx;
	(void)v;
	return 0;
#endif
}

/*
 * Has no other connection committed since the keys were read (or last
 * checked)?  PRAGMA data_version says, a statement (about 800
 * instructions with its preparing and resetting) for every note of a
 * batch; inside a read transaction, a pager's data version unchanged
 * since says the same for a few dozen: no commit of any connection came
 * in between, and the snapshot is the one PRAGMA data_version would read.
 */
static int
nk_current(struct sd_ctx *ctx, struct sd_lint_names *m)
{
	unsigned pv = 0;

#if SQLITE_VERSION_NUMBER >= 3038000
	if (m->pager_ok &&
	    sqlite3_txn_state(ctx->db, "main") >= SQLITE_TXN_READ &&
	    pager_version(ctx, &pv) && pv == m->pager)
		return 1;
#endif
	if (data_version(ctx) != m->version)
		return 0;
	m->pager_ok = pager_version(ctx, &pv);
	m->pager = pv;
	return 1;
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
	m->pager_ok = 0;
}

/*
 * A pair looked up in the table costs about NK_RATIO times what a key
 * read into the set does: about 5 000 instructions (SQLite's statement)
 * against 1 000 (a row of one column, its two words hashed in one pass,
 * a slot of a table sized once), measured on the large municipality's
 * 100 000 keys (issue 17).
 */
#define NK_RATIO 5

/*
 * The keys in memory, or NULL to look them up in the table: read when
 * the pairs looked up so far are a NK_RATIO-th of the keys (counted at
 * 1 024 pairs, then when that many have been looked up), dropped when
 * another connection has committed since.  So a run reads them once it
 * has spent about what reading them costs, and never pays more than
 * twice the cheaper of the two (a batch of 10 000 notes on the large
 * municipality looks up 20 000 pairs before reading them, not 50 000).
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
		if (m->db == ctx->db && nk_current(ctx, m))
			return m;
		nk_drop(m);
		m->next = m->probed + 1024;
	}
	if (m->probed < m->next)
		return NULL;
	rows = sd_query_int(ctx, "SELECT count(*) FROM person_name_key",
			    SD_END);
	if (rows < 0 || (unsigned long long)rows > NK_RATIO * m->probed) {
		m->next = rows < 0 ? 2 * m->probed
				   : (unsigned long long)rows / NK_RATIO;
		return NULL;
	}
	if (!(st = sd_prepare(ctx, "SELECT key FROM person_name_key")))
		return NULL;
	/* (sized for the keys counted: no slot moved while reading) */
	nk_reserve(m, (size_t)rows + 64);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0), la = 0;
		uint64_t ha = SD_LINT_HASH_BASIS, hb = SD_LINT_HASH_BASIS;

		/* (keys are "first last": two words, one space; each
		 * word's hash in the one pass that finds the space) */
		if (!k || len > UINT32_MAX / 2)
			break;
		while (la < len && k[la] != ' ')
			ha = (ha ^ (unsigned char)k[la++]) * SD_LINT_HASH_PRIME;
		if (la == len)
			break;
		hb = sd_lint_hash(hb, k + la + 1, len - la - 1);
		if (2 * (m->n + 1) > m->cap)
			nk_reserve(m, m->n + 1);
		nk_put(m, nk_hash(ha, hb), k, la, k + la + 1, len - la - 1);
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
	m->pager_ok = pager_version(ctx, &m->pager);
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

	/*
	 * Is anyone queued?  Nearly every note finds no one; a statement on
	 * the queue alone costs two thirds of the join's.
	 */
	if (!(st = sd_prepare(ctx, "SELECT 1 FROM person_name_pending")))
		return ctx->err.code;
	rc = sqlite3_step(st);
	sd_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return sd_fail_db(ctx,
				  _("cannot index the names of the persons"));
	if (!(st = sd_prepare(ctx, "SELECT p.id, p.name FROM "
				   "person_name_pending q JOIN person p ON "
				   "p.id = q.person_id")))
		return ctx->err.code;
	ins = NULL;
	sd_buf_init(&k);
	int queued = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct toks first, last;

		/* (prepared for the first person queued: nearly every note
		 * finds none) */
		if (!ins &&
		    !(ins = sd_prepare(ctx, "INSERT OR IGNORE INTO "
					    "person_name_key(key, person_id) "
					    "VALUES (?, ?)"))) {
			sd_finalize(st);
			sd_buf_free(&k);
			return ctx->err.code;
		}
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
				if (m && m->db) {
					const char *a =
						order ? last.t[last.n - 1].fold
						      : first.t[f].fold;
					const char *b = order ? first.t[f].fold
							      : last.t[0].fold;
					nk_add(m, a, strlen(a), b, strlen(b));
				}
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
	/*
	 * One indexed look-up of each pair of adjacent words, the key bound
	 * (a JSON array of them joined through json_each was half of the
	 * lint's time), or of each the keys in memory hold; nearly every
	 * note finds no one.
	 */
	key_st = NULL;
	sd_buf_init(&key);
	rc = SQLITE_DONE;
	for (size_t i = 0; i + 1 < ts->n && rc == SQLITE_DONE; i++) {
		const struct tok *a = &ts->t[i], *b = &ts->t[i + 1];

		if (m && m->db) {
			if (!nk_has(m, nk_hash(a->hash, b->hash), a->fold,
				    b->fold))
				continue;
		} else {
			ctx->names->probed++;
		}
		if (!key_st &&
		    !(key_st = sd_prepare(ctx,
					  "SELECT person_id FROM "
					  "person_name_key WHERE key = ?"))) {
			rc = SQLITE_ERROR;
			break;
		}
		key.len = 0;
		sd_buf_puts(&key, a->fold);
		sd_buf_add(&key, " ", 1);
		sd_buf_puts(&key, b->fold);
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
	if (rc != SQLITE_DONE) {
		free(ids);
		return key_st ? sd_fail_db(ctx, _("cannot read the persons"))
			      : ctx->err.code;
	}
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
