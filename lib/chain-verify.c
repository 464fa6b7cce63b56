/*
 * chain-verify.c - akt-verify's check of one akt in the database: the
 * notes' chain (walked with sd_chain_step), the akt's chain of every
 * record, every row of the akt against its last record, and every
 * recorded row still there.  A fast pass that can only say "intact",
 * and the walk that names the first defect, check by check.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain-int.h"
#include "i18n.h"

static int verify_records(struct sd_ctx *ctx, long long akt,
			  struct sd_chain_result *r);
static int verify_fast(struct sd_ctx *ctx, long long akt,
		       struct sd_chain_result *r, int *whole,
		       sd_chain_note_fn fn, void *arg);

/*
 * The notes of akt and what sd_chain_step needs of them, in the order of
 * seq; with record set, each note's row as its record holds it too
 * (columns 16 on, render_row).
 */
#define SQL_NOTES(record)                                                      \
	"SELECT " CHAIN_NOTE_COLUMNS record CHAIN_NOTE_FROM                    \
	" WHERE n.akt_id = ? ORDER BY n.seq"
#define NOTE_RECORD_COLUMN 16

void
chain_note_from_row(sqlite3_stmt *st, long long akt, struct sd_note *n)
{
	memset(n, 0, sizeof *n);
	n->akt = akt;
	n->seq = sqlite3_column_int64(st, 0);
	n->event_date = sd_col(st, 1);
	n->written_at = sd_col(st, 2);
	n->author_login = sd_col(st, 3);
	n->author_name = sd_col(st, 4);
	n->author_title = sd_col(st, 5);
	/* (NULL when there is none: hashed as empty, shown as none) */
	n->behalf_login = (const char *)sqlite3_column_text(st, 6);
	n->behalf_name = (const char *)sqlite3_column_text(st, 7);
	n->behalf_title = (const char *)sqlite3_column_text(st, 8);
	n->category = sd_col(st, 9);
	n->body = sd_col(st, 10);
	n->corrects_id = sqlite3_column_int64(st, 11);
	n->corrects_seq = sqlite3_column_int64(st, 12);
	n->hash_version = sqlite3_column_int(st, 13);
	n->prev_hash = sd_col(st, 14);
	n->hash = sd_col(st, 15);
}

/* The walk along akt's notes, into r (the notes' half of it). */
static int
walk_notes(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	struct sd_chain c;
	sqlite3_stmt *st;
	int rc;

	sd_chain_init(&c, akt, 0);
	if (!(st = sd_prepare(ctx, SQL_NOTES(""))))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n;

		chain_note_from_row(st, akt, &n);
		if (sd_chain_step(&c, &n) < 0) {
			sd_finalize(st);
			return sd_fail(ctx, EX_SOFTWARE,
				       _("cannot compute SHA-256"));
		}
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the journal"));
	/* The head is the last note's stored hash, intact or not. */
	r->ok = !c.defect;
	r->notes = c.notes;
	r->broken_seq = c.broken_seq;
	snprintf(r->head, sizeof r->head, "%s", c.head);
	snprintf(r->what, sizeof r->what, "%s", c.what);
	return 0;
}

int
sd_chain_verify_notes(struct sd_ctx *ctx, long long akt,
		      struct sd_chain_result *r, sd_chain_note_fn fn, void *arg)
{
	int rc, whole = 0;

	memset(r, 0, sizeof *r);
	/*
	 * What this transaction queued is chained before it is checked.
	 * (Only then: the flush also brings the log heads up to date, a
	 * head entry per akt of --all for its access-log line, which the
	 * commit's flush does once.)
	 */
	if (!ctx->damaged && !sqlite3_get_autocommit(ctx->db) &&
	    sd_query_int(ctx, "SELECT EXISTS (SELECT 1 FROM chain_pending)",
			 SD_END) != 0 &&
	    (rc = sd_chain_flush(ctx)))
		return rc;
	/* One pass that can only say "intact" (the usual answer)... */
	if ((rc = verify_fast(ctx, akt, r, &whole, fn, arg)) || whole)
		return rc;
	/* ...else the walk that names the first defect, check by check. */
	memset(r, 0, sizeof *r);
	if ((rc = walk_notes(ctx, akt, r)))
		return rc;
	return verify_records(ctx, akt, r);
}

int
sd_chain_verify(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	return sd_chain_verify_notes(ctx, akt, r, NULL, NULL);
}

/* Whether the row a record of kind names is still there (*found). */
static int
record_exists(struct sd_ctx *ctx, const char *kind, long long ref, int *found)
{
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE id = ?", kind);
	sqlite3_stmt *st = sd_prepare(ctx, sql);
	int step;

	sqlite3_free(sql);
	if (!st)
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, ref);
	step = sqlite3_step(st);
	*found = step == SQLITE_ROW;
	sd_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read a record of the chain"));
	return 0;
}

/* Record a defect of the records' chain in r (the first one only). */
static void __attribute__((format(printf, 3, 4)))
record_broken(struct sd_chain_result *r, long long seq, const char *fmt, ...)
{
	va_list ap;

	if (!r->ok)
		return;
	r->ok = 0;
	r->broken_record = seq;
	va_start(ap, fmt);
	vsnprintf(r->what, sizeof r->what, fmt, ap);
	va_end(ap);
}

/* The last record of a row, as phase one of the walk kept it. */
struct last_rec {
	int k;         /* the index of its kind in chain_kinds[], or -1 */
	long long ref; /* the row */
	long long seq; /* the record */
	size_t len;    /* the length of its body */
	union {
		size_t off;       /* while walking: its body in ctx->scratch */
		const char *body; /* then: the body */
	} u;
};

static int
cmp_last(const void *pa, const void *pb)
{
	const struct last_rec *a = pa, *b = pb;

	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	if (a->ref != b->ref)
		return a->ref < b->ref ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* chain_kinds[]'s index of kind, or -1 for a kind no table answers to. */
static int
kind_index(const char *kind)
{
	for (size_t k = 0; k < chain_nkinds; k++)
		if (strcmp(chain_kinds[k].kind, kind) == 0)
			return (int)k;
	return -1;
}

/* Keep text (a record's body) for l in ctx->scratch, from *used on. */
static void
keep_body(struct sd_ctx *ctx, struct last_rec *l, const char *text,
	  size_t *used)
{
	size_t len = strlen(text) + 1;

	if (*used + len > ctx->scratch_cap) {
		ctx->scratch_cap = 2 * ctx->scratch_cap > *used + len
					   ? 2 * ctx->scratch_cap
					   : *used + len;
		ctx->scratch = sd_xrealloc(ctx->scratch, ctx->scratch_cap);
	}
	memcpy(ctx->scratch + *used, text, len);
	l->u.off = *used;
	l->len = len - 1;
	*used += len;
}

/* Note in *gone a removed row, when it is the lowest record so far. */
static void
note_gone(struct last_rec *gone, const struct last_rec *l)
{
	if (!gone->seq || l->seq < gone->seq)
		*gone = *l;
}

/*
 * Every row of kind k that belongs to akt (by id) beside the last record
 * of each row of the kind, last[0..n) (by ref), merged: a row with no
 * record was added outside socdok, a row unlike its last record was
 * changed after it was recorded (both into r), and a recorded row that
 * is no longer the akt's and no longer anywhere was removed (the one
 * with the lowest record number into *gone).
 */
static int
kind_against_records(struct sd_ctx *ctx, long long akt, size_t k,
		     const struct last_rec *last, size_t n,
		     struct sd_chain_result *r, struct last_rec *gone,
		     struct sd_buf *body)
{
	const char *kind = chain_kinds[k].kind;
	sqlite3_stmt *cur;
	size_t j = 0;
	int rc = 0, hc;

	if (!(cur = sd_prepare(ctx, chain_kinds[k].rows)))
		return ctx->err.code;
	sqlite3_bind_int64(cur, 1, akt);
	hc = sqlite3_step(cur);
	while (r->ok && (hc == SQLITE_ROW || j < n)) {
		long long id = hc == SQLITE_ROW ? sqlite3_column_int64(cur, 0)
						: LLONG_MAX;
		long long ref = j < n ? last[j].ref : LLONG_MAX;
		if (id < ref) {
			record_broken(r, 0,
				      _("%s %lld of akt %lld is in no record "
					"of its chain: it was added outside "
					"socdok"),
				      kind, id, akt);
			break;
		}
		if (ref < id) {
			int found = 0;
			if (gone->seq && last[j].seq > gone->seq)
				found = 1; /* a lower one is reported */
			else if ((rc = record_exists(ctx, kind, ref, &found)))
				break;
			if (!found)
				note_gone(gone, &last[j]);
			j++;
			continue;
		}
		body->len = 0;
		chain_render_row(cur, 1, body);
		if (last[j].len != body->len ||
		    memcmp(last[j].u.body, body->s, body->len) != 0)
			record_broken(
				r, last[j].seq,
				_("%s %lld differs from its record "
				  "%lld:%lld: it was changed after it was "
				  "recorded"),
				kind, id, akt, last[j].seq);
		hc = sqlite3_step(cur);
		j++;
	}
	if (!rc && r->ok && hc != SQLITE_ROW && hc != SQLITE_DONE)
		rc = sd_fail_db(ctx, _("cannot read the chain"));
	sd_finalize(cur);
	return rc;
}

/*
 * recs[0..n) sorted by kind, row and record, then only the last record
 * of each row kept: how many are left.
 */
static size_t
last_of_each(struct last_rec *recs, size_t n)
{
	size_t m = 0;

	sd_sort(recs, n, sizeof *recs, cmp_last);
	for (size_t a = 0; a < n; a++)
		if (a + 1 == n || recs[a + 1].k != recs[a].k ||
		    recs[a + 1].ref != recs[a].ref)
			recs[m++] = recs[a];
	return m;
}

/*
 * Every row of the akt as its last record (of recs[0..n), sorted here)
 * holds it, and every recorded row still there, kind by kind; the first
 * defect into r.
 */
static int
rows_against_records(struct sd_ctx *ctx, long long akt,
		     struct sd_chain_result *r, struct last_rec *recs, size_t n)
{
	struct last_rec gone = {0};
	struct sd_buf body;
	size_t m = 0, i = 0;
	int rc = 0;

	m = last_of_each(recs, n);
	sd_buf_init(&body);
	/* Records of a kind no table answers to: the row cannot be there. */
	for (; i < m && recs[i].k < 0; i++)
		note_gone(&gone, &recs[i]);
	for (size_t k = 0; !rc && r->ok && k < chain_nkinds; k++) {
		size_t from = i;
		while (i < m && recs[i].k == (int)k)
			i++;
		rc = kind_against_records(ctx, akt, k, recs + from, i - from, r,
					  &gone, &body);
	}
	sd_buf_free(&body);
	if (!rc && r->ok && gone.seq)
		record_broken(r, gone.seq,
			      _("%s %lld of record %lld:%lld is gone: it was "
				"removed"),
			      gone.k >= 0 ? chain_kinds[gone.k].kind
					  : gone.u.body,
			      gone.ref, akt, gone.seq);
	return rc;
}

/* The records of akt in order of seq, as sd_record_from_row reads them. */
static sqlite3_stmt *
records_of(struct sd_ctx *ctx, long long akt)
{
	sqlite3_stmt *st;

	if ((st = sd_prepare(ctx, "SELECT seq, kind, ref, written_at, login, "
				  "body, hash_version, prev_hash, hash FROM "
				  "chain_record WHERE akt_id = ? ORDER BY "
				  "seq")))
		sqlite3_bind_int64(st, 1, akt);
	return st;
}

/*
 * Record x kept at the end of recs[0..*n) for the rows' check (no second
 * read of the chain); its body is the caller's to keep.
 */
static struct last_rec *
rec_push(struct last_rec **recs, size_t *n, size_t *cap,
	 const struct sd_record *x)
{
	struct last_rec *l;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*recs = sd_xrealloc(*recs, *cap * sizeof **recs);
	}
	l = &(*recs)[(*n)++];
	l->k = kind_index(x->kind);
	l->ref = x->ref;
	l->seq = x->seq;
	return l;
}

/*
 * Walk the records of akt: numbering, version, links and hashes; then
 * every row of the akt against its last record, and every recorded row
 * still there.
 */
static int
verify_records(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	sqlite3_stmt *st = NULL;
	struct sd_record_walk w;
	struct last_rec *recs = NULL;
	size_t nrecs = 0, cap = 0, used = 0;
	int rc = 0, step, bad;

	sd_record_walk_init(&w, akt);
	memcpy(r->akt_head, SD_HASH_ZERO, sizeof r->akt_head);
	if (!(st = records_of(ctx, akt))) {
		rc = ctx->err.code;
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_record x;

		sd_record_from_row(st, akt, &x);
		r->records++;
		snprintf(r->akt_head, sizeof r->akt_head, "%s", x.hash);
		if (!r->ok)
			continue;
		/* Kept for the rows' check: no second read of the chain. */
		struct last_rec *l = rec_push(&recs, &nrecs, &cap, &x);
		/* (an unknown kind keeps its name, for the message) */
		keep_body(ctx, l, l->k < 0 ? x.kind : x.body, &used);
		if ((bad = sd_record_step(&w, &x)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			goto out;
		}
		if (bad)
			record_broken(r, w.broken, "%s", w.what);
	}
	if (step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, _("cannot read the chain"));
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	if (!r->ok)
		goto out;
	for (size_t i = 0; i < nrecs; i++)
		recs[i].u.body = ctx->scratch + recs[i].u.off;
	rc = rows_against_records(ctx, akt, r, recs, nrecs);
out:
	sd_finalize(st);
	free(recs);
	return rc;
}

/* The last record of note ref among last[0..n) (sorted by ref), or NULL. */
static struct last_rec *
find_note(struct last_rec *last, size_t n, size_t *hint, long long ref)
{
	size_t lo = 0, hi = n;

	/* The notes come in order of seq, which is mostly that of id. */
	if (*hint < n && last[*hint].ref == ref)
		return &last[(*hint)++];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (last[mid].ref < ref)
			lo = mid + 1;
		else if (last[mid].ref > ref)
			hi = mid;
		else {
			*hint = mid + 1;
			return &last[mid];
		}
	}
	return NULL;
}

/*
 * The rows of kind k in akt beside the last record of each, last[0..n)
 * (sorted by ref), for the fast pass: *bad when a row has no record or
 * differs from it, or a recorded row is not among them (the walk then
 * says which, in its words).  The rows come in the index's order, not
 * sorted by id: a sort copied every row, plan texts and all, into a
 * temporary b-tree (a tenth of akt-verify --all).
 */
static int
kind_fast(struct sd_ctx *ctx, long long akt, size_t k,
	  const struct last_rec *last, size_t n, int *bad, struct sd_buf *body)
{
	const char *sql = chain_kinds[k].rows, *ob = strstr(sql, " ORDER BY ");
	char unordered[512];
	sqlite3_stmt *cur;
	size_t hits = 0, hint = 0;
	int step = SQLITE_DONE;

	if (ob && (size_t)(ob - sql) < sizeof unordered) {
		memcpy(unordered, sql, (size_t)(ob - sql));
		unordered[ob - sql] = '\0';
		sql = unordered;
	}
	if (!(cur = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_int64(cur, 1, akt);
	while (!*bad && (step = sqlite3_step(cur)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(cur, 0);
		const struct last_rec *l;
		size_t lo = 0, hi = n;

		/* (mostly in order of id: try the next one first) */
		if (hint < n && last[hint].ref == id)
			l = &last[hint++];
		else {
			l = NULL;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (last[mid].ref < id)
					lo = mid + 1;
				else if (last[mid].ref > id)
					hi = mid;
				else {
					l = &last[mid];
					hint = mid + 1;
					break;
				}
			}
		}
		if (!l) {
			*bad = 1;
			break;
		}
		body->len = 0;
		chain_render_row(cur, 1, body);
		if (l->len != body->len ||
		    memcmp(l->u.body, body->s, body->len))
			*bad = 1;
		hits++;
	}
	if (!*bad && step != SQLITE_DONE) {
		sd_finalize(cur);
		return sd_fail_db(ctx, _("cannot read the chain"));
	}
	sd_finalize(cur);
	if (hits != n)
		*bad = 1;
	return 0;
}

/*
 * The check of sd_chain_verify in fewer passes: the akt's records
 * (numbering, version, links, hashes), then its notes (the same walk,
 * sd_chain_step) each beside its last record in the same pass, then the
 * other kinds of row beside theirs.  It only tells an intact akt: at the
 * first thing that is not as it should be it stops with *whole 0 and
 * the caller walks again, check by check, to name it in the usual words.
 * With *whole 1, r holds the answer.  Each note goes to fn (when not
 * NULL), once, whatever is found.
 */
static int
verify_fast(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r,
	    int *whole, sd_chain_note_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	struct last_rec *recs = NULL;
	struct sd_buf body;
	struct sd_chain c;
	struct sd_record_walk w;
	size_t nrecs = 0, cap = 0, used = 0, m, i, from, hint = 0, hits = 0;
	int rc = 0, step, bad = 0;
	const int note_k = kind_index("note");

	*whole = 0;
	sd_buf_init(&body);
	sd_record_walk_init(&w, akt);
	memcpy(r->akt_head, SD_HASH_ZERO, sizeof r->akt_head);
	if (!(st = records_of(ctx, akt))) {
		rc = ctx->err.code;
		goto out;
	}
	while (!bad && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_record x;

		sd_record_from_row(st, akt, &x);
		r->records++;
		chain_copy_hash(r->akt_head, x.hash);
		struct last_rec *l = rec_push(&recs, &nrecs, &cap, &x);
		if (l->k < 0) {
			bad = 1;
			break;
		}
		if ((bad = sd_record_step(&w, &x)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			goto out;
		}
		if (bad)
			break;
		keep_body(ctx, l, x.body, &used);
	}
	if (!bad && step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, _("cannot read the chain"));
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	/* (the notes are still read for fn) */
	if (bad && !fn)
		goto out;
	m = 0;
	if (!bad) {
		for (i = 0; i < nrecs; i++)
			recs[i].u.body = ctx->scratch + recs[i].u.off;
		m = last_of_each(recs, nrecs);
	}

	/* The notes: the chain, and each row against its last record. */
	for (from = 0; from < m && recs[from].k < note_k; from++)
		;
	for (i = from; i < m && recs[i].k == note_k; i++)
		;
	sd_chain_init(&c, akt, 0);
	if (!(st = sd_prepare(ctx,
			      SQL_NOTES(", n.id AS id, n.akt_id AS akt_id, "
					"n.seq AS seq, n.hash_version AS "
					"hash_version, n.prev_hash AS "
					"prev_hash, n.hash AS hash")))) {
		rc = ctx->err.code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, akt);
	while ((!bad || fn) && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n;
		struct last_rec *l;

		chain_note_from_row(st, akt, &n);
		n.id = sqlite3_column_int64(st, NOTE_RECORD_COLUMN);
		if (fn && (rc = fn(arg, &n)))
			goto out;
		if (bad)
			continue;
		if ((step = sd_chain_step(&c, &n)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			goto out;
		}
		l = find_note(recs + from, i - from, &hint, n.id);
		if (step || !l) {
			bad = 1;
			continue;
		}
		body.len = 0;
		chain_render_row(st, NOTE_RECORD_COLUMN, &body);
		if (l->len != body.len || memcmp(l->u.body, body.s, body.len))
			bad = 1;
		hits++;
	}
	if ((!bad || fn) && step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, _("cannot read the journal"));
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	/* (a recorded note that is no longer the akt's) */
	if (bad || hits != i - from)
		goto out;

	/* The other kinds, each beside its records. */
	for (size_t k = 0, j = 0; !rc && !bad && k < chain_nkinds; k++) {
		size_t first = j;
		while (j < m && recs[j].k == (int)k)
			j++;
		if ((int)k != note_k)
			rc = kind_fast(ctx, akt, k, recs + first, j - first,
				       &bad, &body);
	}
	if (rc || bad)
		goto out;
	r->ok = 1;
	r->notes = c.notes;
	chain_copy_hash(r->head, c.head);
	*whole = 1;
out:
	sd_finalize(st);
	sd_buf_free(&body);
	free(recs);
	return rc;
}
