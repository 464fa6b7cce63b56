/*
 * chain.c - the akt's chain of every record (hash_version 2 of
 * docs/hash-format.md): which tables are record kinds (kinds below: a
 * new table that belongs to an akt gets its line here), a row rendered
 * as a record's body, the queue of rows to chain, and the flush that
 * appends their records at commit; the backfill after a migration.
 * The hashes are in hash.c, the walker in chain-walk.c, the checks in
 * chain-verify.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain-int.h"
#include "check.h"
#include "head.h"
#include "i18n.h"

/*
 * The kinds of record an akt holds: the rows of each in one akt (?1),
 * what akt-verify expects to find in the chain (the id, then the row as
 * its record holds it -- record_columns -- in the order of id: one
 * statement, compiled once, no list of ids made per akt); and every row of the
 * kind as (akt, ref, order, time), what sd_chain_backfill queues (the
 * first line names these columns a, r, o, t for all); and every row of
 * the table for akt-verify --all (chain-verify-all.c): whose it is,
 * the id, then the row as the first statement gives it.  A new
 * table that belongs to an akt gets a line here and its writer calls
 * sd_chain_record (or a trigger queues it).
 */
const struct chain_kind chain_kinds[] = {
	{"akt", "SELECT id, * FROM akt WHERE id = ?1",
	 "SELECT id AS a, id AS r, 0 AS o, created_at AS t FROM akt",
	 "SELECT id, id, * FROM akt ORDER BY id", CHAIN_OWNER_AKT},
	{"person",
	 "SELECT id, * FROM person WHERE id = (SELECT person_id FROM akt "
	 "WHERE id = ?1)",
	 "SELECT id, person_id, 1, created_at FROM akt",
	 "SELECT NULL, id, * FROM person ORDER BY id", CHAIN_OWNER_PERSON},
	{"insats", "SELECT id, * FROM insats WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 2, created_at FROM insats",
	 "SELECT akt_id, id, * FROM insats ORDER BY id", CHAIN_OWNER_AKT},
	{"note",
	 "SELECT id, id, akt_id, seq, hash_version, prev_hash, hash FROM note "
	 "WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM note", NULL, CHAIN_OWNER_AKT},
	{"gp", "SELECT id, * FROM gp WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM gp",
	 "SELECT akt_id, id, * FROM gp ORDER BY id", CHAIN_OWNER_AKT},
	{"gp_signature",
	 "SELECT s.id, s.* FROM gp g JOIN gp_signature s ON s.gp_id = g.id "
	 "WHERE g.akt_id = ?1 ORDER BY s.id",
	 "SELECT g.akt_id, s.id, 3, s.recorded_at FROM gp_signature s JOIN gp "
	 "g ON g.id = s.gp_id",
	 "SELECT gp_id, id, * FROM gp_signature ORDER BY id", CHAIN_OWNER_GP},
	{"followup", "SELECT id, * FROM followup WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM followup",
	 "SELECT akt_id, id, * FROM followup ORDER BY id", CHAIN_OWNER_AKT},
	{"fact", "SELECT id, * FROM fact WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM fact",
	 "SELECT akt_id, id, * FROM fact ORDER BY id", CHAIN_OWNER_AKT},
	{"never_purge_note",
	 "SELECT id, * FROM never_purge_note WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, at FROM never_purge_note",
	 "SELECT akt_id, id, * FROM never_purge_note ORDER BY id",
	 CHAIN_OWNER_AKT},
	{"akt_fact", "SELECT id, * FROM akt_fact WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM akt_fact",
	 "SELECT akt_id, id, * FROM akt_fact ORDER BY id", CHAIN_OWNER_AKT},
	{"lb", "SELECT id, * FROM lb WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM lb",
	 "SELECT akt_id, id, * FROM lb ORDER BY id", CHAIN_OWNER_AKT},
};
const size_t chain_nkinds = sizeof chain_kinds / sizeof *chain_kinds;

int
sd_chain_requeue(struct sd_ctx *ctx, const char *table)
{
	struct sd_buf sql;
	int rc;

	for (size_t k = 0; k < chain_nkinds; k++) {
		if (strcmp(chain_kinds[k].kind, table) != 0)
			continue;
		/* (no chains yet: sd_chain_backfill records every row) */
		if (sd_query_int(ctx,
				 "SELECT count(*) FROM sqlite_schema WHERE "
				 "name = 'chain_pending'",
				 SD_END) < 1)
			return 0;
		sd_buf_init(&sql);
		sd_buf_printf(&sql,
			      "WITH x(a, r, o, t) AS (%s) INSERT INTO "
			      "chain_pending(akt_id, kind, ref) SELECT a, ?, "
			      "r FROM x ORDER BY a, o, t, r",
			      chain_kinds[k].all);
		rc = sd_exec(ctx, sql.s, chain_kinds[k].kind, SD_END);
		sd_buf_free(&sql);
		return rc;
	}
	return 0;
}

int
sd_chain_backfill(struct sd_ctx *ctx)
{
	struct sd_buf sql;
	int rc;

	/*
	 * Per akt: the akt, the person, the insatser, then the rest in the
	 * order it was made; a row already recorded or queued is left out.
	 */
	sd_buf_init(&sql);
	sd_buf_puts(&sql, "INSERT INTO chain_pending(akt_id, kind, ref) "
			  "SELECT x.a, x.k, x.r FROM (");
	for (size_t k = 0; k < chain_nkinds; k++)
		sd_buf_printf(&sql, "%sSELECT '%s' AS k, * FROM (%s)",
			      k ? " UNION ALL " : "", chain_kinds[k].kind,
			      chain_kinds[k].all);
	sd_buf_puts(&sql,
		    ") x WHERE NOT EXISTS (SELECT 1 FROM chain_record c WHERE "
		    "c.akt_id = x.a AND c.kind = x.k AND c.ref = x.r) AND NOT "
		    "EXISTS (SELECT 1 FROM chain_pending p WHERE p.akt_id = "
		    "x.a AND p.kind = x.k AND p.ref = x.r) ORDER BY x.a, x.o, "
		    "x.t, x.k, x.r");
	rc = sd_exec(ctx, sql.s, SD_END);
	sd_buf_free(&sql);
	if (rc || (rc = sd_chain_flush(ctx)))
		return rc;
	/* The logs' rows not chained yet, in the order they were written. */
	if (!(rc = sd_head_log_new(ctx, "access", "access_log")) &&
	    !(rc = sd_head_log_new(ctx, "gallring", "gallring_log")))
		rc = sd_head_log_new(ctx, "gallring", "gallring_tombstone");
	return rc ? rc : sd_head_sync(ctx, NULL, 0, 1);
}

const char *
sd_chain_kinds(void)
{
	return "akt, person, insats, note, gp, gp_signature, followup, fact, "
	       "never_purge_note, akt_fact, lb";
}

/* The columns of a kind's row as its record holds them. */
static const char *
record_columns(const char *kind)
{
	/* A note's own hash (format 1) stands for its content. */
	return strcmp(kind, "note") == 0
		       ? "id, akt_id, seq, hash_version, prev_hash, hash"
		       : "*";
}

void
sd_record_from_row(sqlite3_stmt *st, long long akt, struct sd_record *x)
{
	memset(x, 0, sizeof *x);
	x->akt = akt;
	x->seq = sqlite3_column_int64(st, 0);
	x->kind = sd_col(st, 1);
	x->ref = sqlite3_column_int64(st, 2);
	x->written_at = sd_col(st, 3);
	x->login = sd_col(st, 4);
	x->body = sd_col(st, 5);
	x->hash_version = sqlite3_column_int(st, 6);
	x->prev_hash = sd_col(st, 7);
	x->hash = sd_col(st, 8);
}

void
sd_record_field_int(struct sd_buf *out, const char *name, long long n)
{
	sd_buf_puts(out, name);
	sd_buf_add(out, ": ", 2);
	/*
	 * In decimal here, as SQLite would write it: its text conversion
	 * allocates (a tenth of akt-verify --all).
	 */
	sd_buf_add_int(out, n);
	sd_buf_add(out, "\n", 1);
}

void
sd_record_field_text(struct sd_buf *out, const char *name, const char *v)
{
	sd_buf_puts(out, name);
	sd_buf_add(out, ": ", 2);
	/* Runs without a backslash or newline go in whole. */
	while (v && *v) {
		size_t run = strcspn(v, "\\\n");
		sd_buf_add(out, v, run);
		v += run;
		if (*v == '\\')
			sd_buf_add(out, "\\\\", 2);
		else if (*v == '\n')
			sd_buf_add(out, "\\n", 2);
		if (*v)
			v++;
	}
	sd_buf_add(out, "\n", 1);
}

/* The row st stands on, from column first on, as a record's body. */
void
chain_render_row(sqlite3_stmt *st, int first, struct sd_buf *out)
{
	for (int i = first; i < sqlite3_column_count(st); i++) {
		int type = sqlite3_column_type(st, i);
		if (type == SQLITE_NULL)
			continue;
		if (type == SQLITE_INTEGER)
			sd_record_field_int(out, sqlite3_column_name(st, i),
					    sqlite3_column_int64(st, i));
		else
			sd_record_field_text(
				out, sqlite3_column_name(st, i),
				(const char *)sqlite3_column_text(st, i));
	}
}

int
sd_record_render(struct sd_ctx *ctx, const char *kind, long long ref,
		 struct sd_buf *out, int *found)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	*found = 0;
	sql = sqlite3_mprintf("SELECT %s FROM \"%w\" WHERE id = ?",
			      record_columns(kind), kind);
	st = sd_prepare(ctx, sql);
	sqlite3_free(sql);
	if (!st)
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, ref);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		chain_render_row(st, 0, out);
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read a record of the chain"));
	return 0;
}

int
sd_chain_record(struct sd_ctx *ctx, long long akt, const char *kind,
		long long ref)
{
	char a[24], r[24];

	snprintf(a, sizeof a, "%lld", akt);
	snprintf(r, sizeof r, "%lld", ref);
	return sd_exec(ctx,
		       "INSERT INTO chain_pending(akt_id, kind, ref) "
		       "VALUES (CAST(?1 AS INTEGER), ?2, CAST(?3 AS INTEGER))",
		       a, kind, r, SD_END);
}

/* Room for a "name: value" line of a note's record with an integer. */
#define NOTE_INT_LINE (sizeof "hash_version: \n" + 20)

/* An integer line of the note's record at p (sd_record_field_int's). */
static char *
note_int(char *p, const char *name, size_t nlen, long long v)
{
	char num[24], *q = num + sizeof num;
	unsigned long long u =
		v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--q = '-';
	memcpy(p, name, nlen);
	p += nlen;
	memcpy(p, q, (size_t)(num + sizeof num - q));
	p += num + sizeof num - q;
	*p++ = '\n';
	return p;
}

/* A hash line at p: hex, nothing to escape (note_row checked). */
static char *
note_hex(char *p, const char *name, size_t nlen, const char *v, size_t vlen)
{
	memcpy(p, name, nlen);
	memcpy(p + nlen, v, vlen);
	p[nlen + vlen] = '\n';
	return p + nlen + vlen + 1;
}

#define NOTE_INT(p, name, v)     note_int(p, name ": ", sizeof name + 1, v)
#define NOTE_HEX(p, name, v, vn) note_hex(p, name ": ", sizeof name + 1, v, vn)

/*
 * The note's row as chain_render_row renders a note (record_columns of
 * "note": id, akt_id, seq, hash_version, prev_hash, hash) into b, or,
 * when both hashes are at most SD_HASH_HEX_SIZE - 1 bytes with nothing
 * to escape (as written, always), into row (the same bytes, without an
 * allocation a note); its length.
 */
static size_t
note_row(struct sd_buf *b, char *row, const struct sd_note *n, const char *hash,
	 const char **body)
{
	size_t lp = strlen(n->prev_hash), lh = strlen(hash);
	char *p = row;

	if (lp < SD_HASH_HEX_SIZE && lh < SD_HASH_HEX_SIZE &&
	    n->prev_hash[strcspn(n->prev_hash, "\\\n")] == '\0' &&
	    hash[strcspn(hash, "\\\n")] == '\0') {
		p = NOTE_INT(p, "id", n->id);
		p = NOTE_INT(p, "akt_id", n->akt);
		p = NOTE_INT(p, "seq", n->seq);
		p = NOTE_INT(p, "hash_version", SD_HASH_VERSION);
		p = NOTE_HEX(p, "prev_hash", n->prev_hash, lp);
		p = NOTE_HEX(p, "hash", hash, lh);
		*p = '\0';
		*body = row;
		return (size_t)(p - row);
	}
	b->len = 0;
	sd_record_field_int(b, "id", n->id);
	sd_record_field_int(b, "akt_id", n->akt);
	sd_record_field_int(b, "seq", n->seq);
	sd_record_field_int(b, "hash_version", SD_HASH_VERSION);
	sd_record_field_text(b, "prev_hash", n->prev_hash);
	sd_record_field_text(b, "hash", hash);
	*body = b->s;
	return b->len;
}

int
sd_chain_note_record(struct sd_ctx *ctx, sqlite3_stmt **ins, struct sd_buf *b,
		     const struct sd_note *n, const char *hash,
		     long long *rec_seq, char rec_prev[SD_HASH_HEX_SIZE])
{
	struct sd_record r = {0};
	char rhash[SD_HASH_HEX_SIZE];
	char row[4 * NOTE_INT_LINE +
		 2 * (sizeof "prev_hash: \n" + SD_HASH_HEX_SIZE)];
	const char *body;
	size_t blen = note_row(b, row, n, hash, &body);
	sqlite3_stmt *s;
	int rc;

	r.akt = n->akt;
	r.seq = *rec_seq + 1;
	r.kind = "note";
	r.ref = n->id;
	r.written_at = sd_clock(ctx);
	r.login = ctx->me.login[0] ? ctx->me.login : ctx->login;
	r.prev_hash = rec_prev;
	r.body = body;
	if (sd_record_hash(&r, rhash) != 0)
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
	if (!*ins &&
	    !(*ins = sd_prepare(ctx, "INSERT INTO chain_record(akt_id, "
				     "seq, kind, ref, written_at, "
				     "login, body, hash_version, "
				     "prev_hash, hash) VALUES "
				     "(?,?,'note',?,?,?,?,?,?,?)")))
		return ctx->err.code;
	s = *ins;
	sqlite3_bind_int64(s, 1, r.akt);
	sqlite3_bind_int64(s, 2, r.seq);
	sqlite3_bind_int64(s, 3, r.ref);
	sqlite3_bind_text(s, 4, r.written_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r.login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, SD_RECORD_VERSION);
	sqlite3_bind_text(s, 8, r.prev_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, rhash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : sd_fail_db(ctx, _("cannot write the chain"));
	sqlite3_reset(s);
	if (rc)
		return rc;
	*rec_seq = r.seq;
	memcpy(rec_prev, rhash, SD_HASH_HEX_SIZE);
	return 0;
}

/* The last record of akt: its seq (0: none) and hash. */
static int
last_record(struct sd_ctx *ctx, sqlite3_stmt *st, long long akt, long long *seq,
	    char hash[SD_HASH_HEX_SIZE])
{
	int rc;

	*seq = 0;
	memcpy(hash, SD_HASH_ZERO, SD_HASH_HEX_SIZE);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, akt);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, SD_HASH_HEX_SIZE, "%s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the chain"));
	return 0;
}

/* The body of the last record of (akt, kind, ref) into *b; 0: none. */
static int
last_body(struct sd_ctx *ctx, sqlite3_stmt *st, long long akt, const char *kind,
	  long long ref, struct sd_buf *b, long long *seq)
{
	int rc;

	*seq = 0;
	b->len = 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, ref);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		sd_buf_puts(b, sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the chain"));
	return 0;
}

#define SQL_LAST_RECORD                                                        \
	"SELECT seq, hash FROM chain_record WHERE akt_id = ? ORDER BY seq "    \
	"DESC LIMIT 1"
#define SQL_LAST_BODY                                                          \
	"SELECT seq, body FROM chain_record WHERE akt_id = ? AND kind = ? "    \
	"AND ref = ? ORDER BY seq DESC LIMIT 1"

int
sd_chain_note_direct(struct sd_ctx *ctx, long long akt, long long *id,
		     long long *rec_seq, char rec_prev[SD_HASH_HEX_SIZE])
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	/*
	 * Rows queued before in this transaction are recorded at commit, in
	 * the queue's order: a record written now would come before theirs.
	 */
	if (ctx->damaged ||
	    sd_query_int(ctx, "SELECT EXISTS (SELECT 1 FROM chain_pending)",
			 SD_END) != 0)
		return 0;
	/* The id SQLite would give the row (max + 1), given explicitly. */
	if (!(st = sd_prepare(ctx, "SELECT max(id) FROM note")))
		return ctx->err.code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long m = sqlite3_column_int64(st, 0);
		*id = m < LLONG_MAX ? m + 1 : 0;
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the journal"));
	if (*id <= 0) {
		/* (max(id) at its largest: let SQLite choose, and queue) */
		*id = 0;
		return 0;
	}
	if (!(st = sd_prepare(ctx, SQL_LAST_RECORD)))
		return ctx->err.code;
	rc = last_record(ctx, st, akt, rec_seq, rec_prev);
	sd_finalize(st);
	if (rc) {
		*id = 0;
		return rc;
	}
	/* Its head, into the chain of heads at commit (sd_chain_flush). */
	if (!ctx->chain_ntouched ||
	    ctx->chain_touched[ctx->chain_ntouched - 1] != akt) {
		ctx->chain_touched = sd_xrealloc(
			ctx->chain_touched,
			(ctx->chain_ntouched + 1) * sizeof *ctx->chain_touched);
		ctx->chain_touched[ctx->chain_ntouched++] = akt;
	}
	return 0;
}

int
sd_chain_flush(struct sd_ctx *ctx)
{
	sqlite3_stmt *q = NULL, *last = NULL, *lastb = NULL, *ins = NULL;
	struct sd_buf body, old;
	const char *now;
	const char *login;
	int rc = 0, step;

	long long *touched = NULL, memo_akt = 0, memo_seq = 0;
	char memo_hash[SD_HASH_HEX_SIZE];
	size_t ntouched = 0;

	if (ctx->damaged)
		return 0;
	if (!ctx->chain_ntouched &&
	    sd_query_int(ctx, "SELECT EXISTS (SELECT 1 FROM chain_pending)",
			 SD_END) <= 0) {
		/* Only the log chains' heads moved (a read's log line). */
		long long before = sqlite3_total_changes64(ctx->db);
		rc = sd_head_sync(ctx, NULL, 0, 0);
		sd_check_log_since(ctx, before);
		return sd_check_log_failed(ctx, rc);
	}
	sd_buf_init(&body);
	sd_buf_init(&old);
	/* The akter whose notes were recorded as written came first. */
	if (ctx->chain_ntouched) {
		touched = sd_xrealloc(NULL,
				      ctx->chain_ntouched * sizeof *touched);
		memcpy(touched, ctx->chain_touched,
		       ctx->chain_ntouched * sizeof *touched);
		ntouched = ctx->chain_ntouched;
	}
	now = sd_clock(ctx);
	login = ctx->me.login[0] ? ctx->me.login : ctx->login;
	if (!(q = sd_prepare(ctx, "SELECT p.akt_id, p.kind, p.ref, min(p.id) "
				  "AS m FROM chain_pending p JOIN akt a ON "
				  "a.id = p.akt_id GROUP BY p.akt_id, p.kind, "
				  "p.ref ORDER BY m")) ||
	    !(last = sd_prepare(ctx, SQL_LAST_RECORD)) ||
	    !(lastb = sd_prepare(ctx, SQL_LAST_BODY)) ||
	    !(ins = sd_prepare(ctx, "INSERT INTO chain_record(akt_id, seq, "
				    "kind, ref, written_at, login, body, "
				    "hash_version, prev_hash, hash) VALUES "
				    "(?,?,?,?,?,?,?,?,?,?)"))) {
		rc = ctx->err.code;
		goto out;
	}
	while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
		struct sd_record r = {0};
		char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE];
		long long seq, oseq;
		int found;

		r.akt = sqlite3_column_int64(q, 0);
		r.kind = sd_col(q, 1);
		r.ref = sqlite3_column_int64(q, 2);
		body.len = 0;
		sd_buf_puts(&body, "");
		if ((rc = sd_record_render(ctx, r.kind, r.ref, &body, &found)))
			break;
		if (!found)
			continue;
		if ((rc = last_body(ctx, lastb, r.akt, r.kind, r.ref, &old,
				    &oseq)))
			break;
		/* Unchanged since its last record: nothing to add. */
		if (oseq && old.len == body.len &&
		    memcmp(old.s, body.s, body.len) == 0)
			continue;
		/* The last record of the akt this flush just wrote: known. */
		if (memo_akt && memo_akt == r.akt) {
			seq = memo_seq;
			memcpy(prev, memo_hash, sizeof prev);
		} else if ((rc = last_record(ctx, last, r.akt, &seq, prev))) {
			break;
		}
		r.seq = seq + 1;
		r.written_at = now;
		r.login = login;
		r.prev_hash = prev;
		r.body = body.s;
		if (sd_record_hash(&r, hash) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, r.akt);
		sqlite3_bind_int64(ins, 2, r.seq);
		sqlite3_bind_text(ins, 3, r.kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, r.ref);
		sqlite3_bind_text(ins, 5, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, body.s, (int)body.len, SQLITE_STATIC);
		sqlite3_bind_int(ins, 8, SD_RECORD_VERSION);
		sqlite3_bind_text(ins, 9, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 10, hash, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = sd_fail_db(ctx, _("cannot write the chain"));
			memo_akt = 0;
		} else {
			memo_akt = r.akt;
			memo_seq = r.seq;
			memcpy(memo_hash, hash, sizeof memo_hash);
		}
		if (!ntouched || touched[ntouched - 1] != r.akt) {
			touched = sd_xrealloc(touched,
					      (ntouched + 1) * sizeof *touched);
			touched[ntouched++] = r.akt;
		}
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = sd_fail_db(ctx, _("cannot read the chain's queue"));
	if (!rc)
		rc = sd_exec(ctx, "DELETE FROM chain_pending", SD_END);
	/* The heads that moved, into the chain of heads (head.c). */
	if (!rc)
		rc = sd_head_sync(ctx, touched, ntouched, 0);
	if (!rc)
		ctx->chain_ntouched = 0;
out:
	free(touched);
	sd_finalize(q);
	sd_finalize(last);
	sd_finalize(lastb);
	sd_finalize(ins);
	sd_buf_free(&body);
	sd_buf_free(&old);
	return rc;
}
