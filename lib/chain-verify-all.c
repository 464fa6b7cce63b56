/*
 * chain-verify-all.c - akt-verify --all: the check of sd_chain_verify for
 * every akt at once, in one sequential pass over each table in the order
 * of rowid with a state per akt, instead of index searches per akt
 * (SQLite seeking each row from its index was a fifth of --all on the
 * large database; bench/README.md).  Like chain-verify.c's fast pass it
 * can only say "intact": an akt where anything is not as it should be
 * is checked again by sd_chain_verify, which names the defect in its
 * usual words, so the answer is the same as akter checked one by one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chain-int.h"
#include "hash.h"
#include "i18n.h"

/*
 * A row is compared with its last record by a keyed digest of the
 * body (sd_mac64: Nettle's UMAC-64 under a key and a nonce drawn for
 * this run): holding every body of the database until its row comes
 * was the alternative.  The one nonce serves every body, so that equal
 * bodies have equal digests; that is sound here because no digest
 * leaves the process: UMAC's nonce keeps tags an adversary sees from
 * telling anything of the key, and this adversary, who wrote the
 * database before the key was drawn, sees none.  What is left is UMAC's
 * universal hash: two different bodies share a digest with a
 * probability of about 2^-60 under a key they could not know.
 */

/* What the passes know of one akt (by its index in ids). */
struct akt_state {
	long long rseq;  /* the last record's seq: the records so far */
	long long nseq;  /* the last note's seq */
	long long notes; /* notes stepped */
	size_t rows;     /* rows its records name (kind and ref) */
	size_t hits;     /* of them, found as their last record holds them */
	int bad;         /* something is not as it should be: walk it */
	char rprev[SD_HASH_HEX_SIZE]; /* the last record's hash */
	char nprev[SD_HASH_HEX_SIZE]; /* the last note's hash */
};

/* The last record of each row of a kind, by the row's id (ref). */
#define OWN_HIT 0x80000000u
struct kind_last {
	long long max; /* the table's highest id (0: empty) */
	uint32_t *own; /* [ref]: index of the akt + 1 (0: none), | OWN_HIT
			  once its row was found */
	uint64_t *dig; /* [ref]: the digest of the body */
};

/* A row recorded by a second akt (a person's several akter). */
struct extra {
	size_t k;
	long long ref;
	uint32_t p;
	int hit;
	uint64_t dig;
	size_t order;
};

struct all {
	struct sd_ctx *ctx;
	struct sd_mac64 mac; /* the per-run key of the digests */
	const long long *ids;
	size_t n;
	long long max_akt;
	uint32_t *pos; /* [akt id]: its index in ids + 1, 0: not checked */
	struct akt_state *st;
	struct kind_last kl[16];
	struct extra *extra;
	size_t nextra, extra_cap;
	long long *gp_akt; /* [gp id]: its akt (for gp_signature) */
	long long gp_max;  /* the highest gp id in gp_akt */
	struct sd_buf body;
};

/* The state of akt, or NULL when it is not checked here. */
static struct akt_state *
state_of(struct all *a, long long akt, uint32_t *p)
{
	if (akt < 1 || akt > a->max_akt || !a->pos[akt])
		return NULL;
	*p = a->pos[akt] - 1;
	return &a->st[*p];
}

/* Extra records by row and akt... */
static int
cmp_row(const void *pa, const void *pb)
{
	const struct extra *x = pa, *y = pb;

	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return x->p < y->p ? -1 : x->p > y->p;
}

/* ...and in the order they were read. */
static int
cmp_extra(const void *pa, const void *pb)
{
	const struct extra *x = pa, *y = pb;
	int c = cmp_row(pa, pb);

	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

/* The body of a record of (k, ref) in akt p, as its last so far. */
static void
keep_last(struct all *a, size_t k, long long ref, uint32_t p, const char *body)
{
	struct kind_last *kl = &a->kl[k];
	uint64_t d = sd_mac64(&a->mac, body, strlen(body));

	if (ref < 1 || ref > kl->max) {
		a->st[p].bad = 1; /* no such row: it was removed */
		return;
	}
	if (!kl->own[ref]) {
		kl->own[ref] = p + 1;
		a->st[p].rows++;
	}
	if (kl->own[ref] == p + 1) {
		kl->dig[ref] = d;
		return;
	}
	a->extra = sd_grow(a->extra, a->nextra, &a->extra_cap, sizeof *a->extra,
			   64);
	a->extra[a->nextra] = (struct extra){k, ref, p, 0, d, a->nextra};
	a->nextra++;
}

/* The extra records sorted, only the last of each row and akt kept. */
static void
extras_last(struct all *a)
{
	size_t m = 0;

	sd_sort(a->extra, a->nextra, sizeof *a->extra, cmp_extra);
	for (size_t i = 0; i < a->nextra; i++) {
		const struct extra *x = &a->extra[i];
		if (i + 1 < a->nextra && x[1].k == x->k && x[1].ref == x->ref &&
		    x[1].p == x->p)
			continue;
		a->st[x->p].rows++;
		a->extra[m++] = *x;
	}
	a->nextra = m;
}

/*
 * Row ref of kind k, of akt p, whose body has digest d: found as its last
 * record holds it (counted), or the akt is to be walked.
 */
static void
row_found(struct all *a, size_t k, long long ref, uint32_t p, uint64_t d)
{
	struct kind_last *kl = &a->kl[k];
	struct extra key = {k, ref, p, 0, 0, 0}, *x;

	if (ref >= 1 && ref <= kl->max && (kl->own[ref] & ~OWN_HIT) == p + 1) {
		if ((kl->own[ref] & OWN_HIT) || kl->dig[ref] != d) {
			a->st[p].bad = 1;
			return;
		}
		kl->own[ref] |= OWN_HIT;
		a->st[p].hits++;
		return;
	}
	x = a->nextra ? bsearch(&key, a->extra, a->nextra, sizeof *a->extra,
				cmp_row)
		      : NULL;
	if (!x || x->hit || x->dig != d) {
		a->st[p].bad = 1;
		return;
	}
	x->hit = 1;
	a->st[p].hits++;
}

/* Every record in the order of rowid: each akt's chain, and each row's
 * last record kept. */
static int
pass_records(struct all *a)
{
	struct sd_ctx *ctx = a->ctx;
	sqlite3_stmt *st;
	int step;

	if (!(st = sd_prepare(ctx, "SELECT seq, kind, ref, written_at, login, "
				   "body, hash_version, prev_hash, hash, "
				   "akt_id FROM chain_record ORDER BY id")))
		return ctx->err.code;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long akt = sqlite3_column_int64(st, 9);
		struct akt_state *s;
		struct sd_record x;
		char hash[SD_HASH_HEX_SIZE];
		uint32_t p;
		size_t k;

		if (!(s = state_of(a, akt, &p)) || s->bad)
			continue;
		sd_record_from_row(st, akt, &x);
		for (k = 0; k < chain_nkinds; k++)
			if (strcmp(chain_kinds[k].kind, x.kind) == 0)
				break;
		/* (in rowid order the records of an akt are in seq order) */
		if (k == chain_nkinds || x.seq != s->rseq + 1 ||
		    x.hash_version != SD_RECORD_VERSION ||
		    strcmp(x.prev_hash, s->rprev) != 0) {
			s->bad = 1;
			continue;
		}
		if (sd_record_hash(&x, hash) != 0) {
			sd_finalize(st);
			return sd_fail(ctx, EX_SOFTWARE,
				       _("cannot compute SHA-256"));
		}
		if (strcmp(hash, x.hash) != 0) {
			s->bad = 1;
			continue;
		}
		s->rseq = x.seq;
		chain_copy_hash(s->rprev, x.hash);
		keep_last(a, k, x.ref, p, x.body);
	}
	sd_finalize(st);
	if (step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the chain"));
	extras_last(a);
	return 0;
}

/* Every note in the order of rowid: each akt's notes' chain (seq order
 * within it), and each note against its last record. */
static int
pass_notes(struct all *a, size_t k)
{
	struct sd_ctx *ctx = a->ctx;
	struct sd_chain c;
	sqlite3_stmt *st;
	int step;

	if (!(st = sd_prepare(ctx, "SELECT " CHAIN_NOTE_COLUMNS
				   ", n.akt_id, n.id AS id, n.akt_id AS "
				   "akt_id, n.seq AS seq, n.hash_version AS "
				   "hash_version, n.prev_hash AS prev_hash, "
				   "n.hash AS hash" CHAIN_NOTE_FROM
				   " ORDER BY n.id")))
		return ctx->err.code;
	sd_chain_init(&c, 0, 0);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long akt = sqlite3_column_int64(st, 16);
		struct akt_state *s;
		struct sd_note n;
		uint32_t p;
		int rc;

		if (!(s = state_of(a, akt, &p)) || s->bad)
			continue;
		chain_note_from_row(st, akt, &n);
		n.id = sqlite3_column_int64(st, 17);
		/* The akt's walk so far, one note further. */
		c.akt = akt;
		c.complete = 1;
		c.notes = s->notes;
		c.seq = s->nseq;
		memcpy(c.prev, s->nprev, sizeof c.prev);
		c.defect = SD_CHAIN_INTACT;
		if ((rc = sd_chain_step(&c, &n)) < 0) {
			sd_finalize(st);
			return sd_fail(ctx, EX_SOFTWARE,
				       _("cannot compute SHA-256"));
		}
		if (rc) {
			s->bad = 1;
			continue;
		}
		s->notes = c.notes;
		s->nseq = c.seq;
		memcpy(s->nprev, c.prev, sizeof s->nprev);
		a->body.len = 0;
		chain_render_row(st, 17, &a->body);
		row_found(a, k, n.id, p,
			  sd_mac64(&a->mac, a->body.s, a->body.len));
	}
	sd_finalize(st);
	if (step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the journal"));
	return 0;
}

/* The akter of each person, (person, index) sorted by person. */
struct person_akt {
	long long person;
	uint32_t p;
};

static int
cmp_person(const void *pa, const void *pb)
{
	const struct person_akt *x = pa, *y = pb;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->p < y->p ? -1 : x->p > y->p;
}

static int
person_akter(struct all *a, struct person_akt **out, size_t *n)
{
	struct sd_ctx *ctx = a->ctx;
	sqlite3_stmt *st;
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (!(st = sd_prepare(ctx, "SELECT id, person_id FROM akt")))
		return ctx->err.code;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t p;
		if (!state_of(a, sqlite3_column_int64(st, 0), &p))
			continue;
		*out = sd_grow(*out, *n, &cap, sizeof **out, 64);
		(*out)[(*n)++] =
			(struct person_akt){sqlite3_column_int64(st, 1), p};
	}
	sd_finalize(st);
	if (step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot list akter"));
	sd_sort(*out, *n, sizeof **out, cmp_person);
	return 0;
}

/* Every row of kind k in the order of rowid, against its last record. */
static int
pass_kind(struct all *a, size_t k)
{
	const struct chain_kind *ck = &chain_kinds[k];
	struct sd_ctx *ctx = a->ctx;
	struct person_akt *pa = NULL;
	size_t npa = 0, j = 0;
	const int is_gp = strcmp(ck->kind, "gp") == 0;
	sqlite3_stmt *st;
	int rc, step;

	if (ck->owner == CHAIN_OWNER_PERSON &&
	    (rc = person_akter(a, &pa, &npa)))
		return rc;
	/* (a gp's akt, for the signatures, which name the gp) */
	if (is_gp && !a->gp_akt && a->kl[k].max > 0 &&
	    (a->gp_akt = calloc((size_t)a->kl[k].max + 1, sizeof *a->gp_akt)))
		a->gp_max = a->kl[k].max;
	if (!(st = sd_prepare(ctx, ck->every))) {
		free(pa);
		return ctx->err.code;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long owner = sqlite3_column_int64(st, 0);
		long long id = sqlite3_column_int64(st, 1);
		uint32_t p;
		uint64_t d;

		if (ck->owner == CHAIN_OWNER_PERSON) {
			/* The person's row in each of its akter's chains. */
			while (j < npa && pa[j].person < id)
				j++;
			if (j == npa || pa[j].person != id)
				continue;
			a->body.len = 0;
			chain_render_row(st, 2, &a->body);
			d = sd_mac64(&a->mac, a->body.s, a->body.len);
			for (; j < npa && pa[j].person == id; j++)
				if (!a->st[pa[j].p].bad)
					row_found(a, k, id, pa[j].p, d);
			continue;
		}
		if (is_gp && a->gp_akt && id >= 1 && id <= a->gp_max)
			a->gp_akt[id] = owner;
		/*
		 * (A signature of no gp the pass saw is no akt's row; with
		 * gp_akt not made its akt misses it and is walked.)
		 */
		if (ck->owner == CHAIN_OWNER_GP)
			owner = a->gp_akt && owner >= 1 && owner <= a->gp_max
					? a->gp_akt[owner]
					: 0;
		if (!state_of(a, owner, &p) || a->st[p].bad)
			continue;
		a->body.len = 0;
		chain_render_row(st, 2, &a->body);
		row_found(a, k, id, p,
			  sd_mac64(&a->mac, a->body.s, a->body.len));
	}
	sd_finalize(st);
	free(pa);
	if (step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the chain"));
	return 0;
}

/*
 * Make room for the passes: the akter by id, a state each, and each
 * kind's last records by id.  0 when there is no room (or the ids are
 * too sparse for arrays): then every akt is walked by itself.
 */
static int
prepare(struct all *a)
{
	struct sd_ctx *ctx = a->ctx;
	const long long limit = 1LL << 28;

	for (size_t i = 0; i < a->n; i++)
		if (a->ids[i] > a->max_akt)
			a->max_akt = a->ids[i];
	if (a->max_akt < 1 || a->max_akt > limit ||
	    chain_nkinds > sizeof a->kl / sizeof *a->kl)
		return 0;
	a->pos = calloc((size_t)a->max_akt + 1, sizeof *a->pos);
	a->st = calloc(a->n, sizeof *a->st);
	if (!a->pos || !a->st)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->ids[i] < 1 || a->pos[a->ids[i]])
			return 0;
		a->pos[a->ids[i]] = (uint32_t)i + 1;
		memcpy(a->st[i].rprev, SD_HASH_ZERO, SD_HASH_HEX_SIZE);
		memcpy(a->st[i].nprev, SD_HASH_ZERO, SD_HASH_HEX_SIZE);
	}
	for (size_t k = 0; k < chain_nkinds; k++) {
		struct kind_last *kl = &a->kl[k];
		char *sql = sqlite3_mprintf("SELECT coalesce(max(id), 0) FROM "
					    "\"%w\"",
					    chain_kinds[k].kind);
		kl->max = sd_query_int(ctx, sql, SD_END);
		sqlite3_free(sql);
		if (kl->max < 0 || kl->max > limit)
			return 0;
		kl->own = calloc((size_t)kl->max + 1, sizeof *kl->own);
		kl->dig = calloc((size_t)kl->max + 1, sizeof *kl->dig);
		if (!kl->own || !kl->dig)
			return 0;
	}
	if (sd_mac64_init(&a->mac) != 0)
		return 0;
	return 1;
}

static void
all_free(struct all *a)
{
	free(a->pos);
	free(a->st);
	for (size_t k = 0; k < sizeof a->kl / sizeof *a->kl; k++) {
		free(a->kl[k].own);
		free(a->kl[k].dig);
	}
	free(a->extra);
	free(a->gp_akt);
	sd_buf_free(&a->body);
}

int
sd_chain_verify_all(struct sd_ctx *ctx, const long long *ids, size_t n,
		    sd_chain_result_fn fn, void *arg)
{
	struct all a = {.ctx = ctx, .ids = ids, .n = n};
	struct sd_chain_result r;
	int rc = 0, fast;

	sd_buf_init(&a.body);
	/* What this transaction queued is chained before it is checked. */
	if (!ctx->damaged && !sqlite3_get_autocommit(ctx->db) &&
	    sd_query_int(ctx, "SELECT EXISTS (SELECT 1 FROM chain_pending)",
			 SD_END) != 0 &&
	    (rc = sd_chain_flush(ctx)))
		goto out;
	/* A damaged file is walked akt by akt, as it always was. */
	fast = n > 0 && !ctx->damaged && prepare(&a);
	if (fast && (rc = pass_records(&a)))
		goto out;
	for (size_t k = 0; fast && k < chain_nkinds; k++)
		if ((rc = chain_kinds[k].every ? pass_kind(&a, k)
					       : pass_notes(&a, k)))
			goto out;
	for (size_t i = 0; i < n; i++) {
		const struct akt_state *s = fast ? &a.st[i] : NULL;
		if (s && !s->bad && s->hits == s->rows) {
			memset(&r, 0, sizeof r);
			r.ok = 1;
			r.notes = s->notes;
			memcpy(r.head, s->nprev, sizeof r.head);
			r.records = s->rseq;
			memcpy(r.akt_head, s->rprev, sizeof r.akt_head);
		} else if ((rc = sd_chain_verify(ctx, ids[i], &r)))
			goto out;
		if ((rc = fn(arg, ids[i], &r)))
			goto out;
	}
out:
	all_free(&a);
	return rc;
}
