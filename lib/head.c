/*
 * head.c - the database head: the access log and the gallringslogg as
 * chains (log_chain), the chain of heads (head_chain) whose last hash
 * is the head socdok-anchor prints, and the check of the database
 * against an anchored head (docs/hash-format.md, migration 0082).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "file.h"
#include "head.h"
#include "run.h"

int
sd_log_entry_hash(const char *log, long long seq, const char *kind,
		  long long ref, const char *prev, const struct sd_buf *body,
		  char out[SD_HASH_HEX_SIZE])
{
	struct sd_buf b;
	int rc;

	/* (by hand, not printf: a batch logs every note) */
	sd_buf_init(&b);
	sd_buf_puts(&b, "socdok-log-v2\n");
	sd_hash_field(&b, "log", log);
	sd_hash_field_num(&b, "seq", seq);
	sd_hash_field(&b, "kind", kind);
	sd_hash_field_num(&b, "ref", ref);
	sd_hash_field(&b, "prev", prev);
	sd_hash_field_num(&b, "body_bytes", (long long)body->len);
	sd_buf_add(&b, "\n", 1);
	sd_buf_add(&b, body->s ? body->s : "", body->len);
	rc = sd_sha256_hex(&b, out);
	sd_buf_free(&b);
	return rc;
}

int
sd_head_entry_hash(long long seq, const char *at, const char *chain,
		   long long akt, long long count, const char *head,
		   const char *prev, char out[SD_HASH_HEX_SIZE])
{
	struct sd_buf b;
	int rc;

	sd_buf_init(&b);
	sd_buf_printf(&b,
		      "socdok-head-v2\nseq: %lld\nat: %s\nchain: %s\nakt: "
		      "%lld\ncount: %lld\nhead: %s\nprev: %s\n",
		      seq, at, chain, akt, count, head, prev);
	rc = sd_sha256_hex(&b, out);
	sd_buf_free(&b);
	return rc;
}

/* The last (seq, hash) of a query with one int64 parameter, or (0, 0s). */
static int
last_of(struct sd_ctx *ctx, const char *sql, const char *p1, long long p2,
	long long *seq, char hash[SD_HASH_HEX_SIZE])
{
	sqlite3_stmt *st;
	int rc;

	*seq = 0;
	memcpy(hash, SD_HASH_ZERO, 65);
	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p2);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, 65, "%s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, "cannot read the chain");
}

#define SQL_LAST_LOG                                                           \
	"SELECT seq, hash FROM log_chain WHERE log = ?1 AND ?2 = ?2 ORDER BY " \
	"seq DESC LIMIT 1"
#define SQL_LAST_HEAD                                                          \
	"SELECT count, head FROM head_chain WHERE chain = ?1 AND akt = ?2 "    \
	"ORDER BY seq DESC LIMIT 1"
#define SQL_LAST_RECORD                                                        \
	"SELECT seq, hash FROM chain_record WHERE ?1 = ?1 AND akt_id = ?2 "    \
	"ORDER BY seq DESC LIMIT 1"

int
sd_head_log(struct sd_ctx *ctx, const char *log, const char *kind,
	    long long ref)
{
	struct sd_buf body;
	sqlite3_stmt *st;
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE];
	long long seq;
	int rc, found;

	sd_buf_init(&body);
	if ((rc = last_of(ctx, SQL_LAST_LOG, log, 0, &seq, prev)) ||
	    (rc = sd_record_render(ctx, kind, ref, &body, &found)))
		goto out;
	if (sd_log_entry_hash(log, seq + 1, kind, ref, prev, &body, hash)) {
		rc = sd_fail(ctx, EX_SOFTWARE, "cannot compute SHA-256");
		goto out;
	}
	if (!(st = sd_prepare(ctx,
			      "INSERT INTO log_chain(log, seq, kind, "
			      "ref, prev_hash, hash) VALUES (?,?,?,?,?,?)"))) {
		rc = ctx->err.code;
		goto out;
	}
	sqlite3_bind_text(st, 1, log, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seq + 1);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, ref);
	sqlite3_bind_text(st, 5, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = sd_fail_db(ctx, "cannot write the chain");
	sd_finalize(st);
out:
	sd_buf_free(&body);
	return rc;
}

int
sd_head_log_new(struct sd_ctx *ctx, const char *log, const char *kind)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	size_t n = 0;
	int rc = 0;
	char *q = sqlite3_mprintf(
		"SELECT id FROM \"%w\" x WHERE NOT EXISTS (SELECT 1 FROM "
		"log_chain l WHERE l.kind = %Q AND l.ref = x.id) ORDER BY id",
		kind, kind);

	st = sd_prepare(ctx, q);
	sqlite3_free(q);
	if (!st)
		return ctx->err.code;
	if ((rc = sd_query_ids(ctx, st, "cannot list log entries", &ids, &n)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		rc = sd_head_log(ctx, log, kind, ids[i]);
	free(ids);
	return rc;
}

/* Append (chain, akt, count, head) to the chain of heads. */
static int
head_append(struct sd_ctx *ctx, const char *chain, long long akt,
	    long long count, const char *head)
{
	sqlite3_stmt *st;
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE], at[SD_TIME_SIZE];
	long long seq = 0;
	int rc;

	memcpy(prev, SD_HASH_ZERO, 65);
	if (!(st = sd_prepare(ctx, "SELECT seq, hash FROM head_chain ORDER BY "
				   "seq DESC LIMIT 1")))
		return ctx->err.code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0);
		snprintf(prev, sizeof prev, "%s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the chain of heads");
	snprintf(at, sizeof at, "%s", sd_clock(ctx));
	if (sd_head_entry_hash(seq + 1, at, chain, akt, count, head, prev,
			       hash))
		return sd_fail(ctx, EX_SOFTWARE, "cannot compute SHA-256");
	if (!(st = sd_prepare(ctx, "INSERT INTO head_chain(seq, at, chain, "
				   "akt, count, head, prev_hash, hash) VALUES "
				   "(?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, seq + 1);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, chain, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, akt);
	sqlite3_bind_int64(st, 5, count);
	sqlite3_bind_text(st, 6, head, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	rc = sd_step_done(ctx, st, "cannot write the chain of heads");
	return rc;
}

/* A head entry for chain/akt when its head moved. */
static int
head_moved(struct sd_ctx *ctx, const char *chain, long long akt)
{
	long long cur, had;
	char curh[SD_HASH_HEX_SIZE], hadh[SD_HASH_HEX_SIZE];
	int rc;

	if (strcmp(chain, "akt") == 0)
		rc = last_of(ctx, SQL_LAST_RECORD, chain, akt, &cur, curh);
	else
		rc = last_of(ctx, SQL_LAST_LOG, chain, 0, &cur, curh);
	if (rc || (rc = last_of(ctx, SQL_LAST_HEAD, chain, akt, &had, hadh)))
		return rc;
	if (cur == 0 || (cur == had && strcmp(curh, hadh) == 0))
		return 0;
	return head_append(ctx, chain, akt, cur, curh);
}

int
sd_head_sync(struct sd_ctx *ctx, const long long *akter, size_t n, int all)
{
	int rc = 0;

	if (ctx->damaged)
		return 0;
	if (all) {
		sqlite3_stmt *st;
		long long *ids = NULL;
		size_t m = 0;

		if (!(st = sd_prepare(ctx, "SELECT DISTINCT akt_id FROM "
					   "chain_record ORDER BY 1")))
			return ctx->err.code;
		if ((rc = sd_query_ids(ctx, st, "cannot list akter", &ids, &m)))
			return rc;
		for (size_t i = 0; i < m && !rc; i++)
			rc = head_moved(ctx, "akt", ids[i]);
		free(ids);
	}
	for (size_t i = 0; i < n && !rc; i++)
		rc = head_moved(ctx, "akt", akter[i]);
	if (!rc)
		rc = head_moved(ctx, "access", 0);
	if (!rc)
		rc = head_moved(ctx, "gallring", 0);
	return rc;
}

int
sd_head_get(struct sd_ctx *ctx, struct sd_head *h)
{
	long long seq;

	memset(h, 0, sizeof *h);
	sd_now(h->at);
	if (last_of(ctx,
		    "SELECT seq, hash FROM head_chain WHERE ?1 = ?1 AND ?2 = "
		    "?2 ORDER BY seq DESC LIMIT 1",
		    "", 0, &seq, h->root))
		return ctx->err.code;
	h->heads = seq;
	h->akter = sd_query_int(ctx, "SELECT count(*) FROM akt", SD_END);
	h->records =
		sd_query_int(ctx, "SELECT count(*) FROM chain_record", SD_END);
	h->access = sd_query_int(ctx,
				 "SELECT ifnull(max(seq), 0) FROM log_chain "
				 "WHERE log = 'access'",
				 SD_END);
	h->gallring = sd_query_int(ctx,
				   "SELECT ifnull(max(seq), 0) FROM log_chain "
				   "WHERE log = 'gallring'",
				   SD_END);
	if (h->akter < 0 || h->records < 0 || h->access < 0 || h->gallring < 0)
		return sd_fail_db(ctx, "cannot read the database head");
	return 0;
}

void
sd_head_line(const struct sd_head *h, char *buf, size_t n)
{
	snprintf(buf, n,
		 "socdok-anchor v%d at=%s heads=%lld akter=%lld records=%lld "
		 "access=%lld gallring=%lld root=%s",
		 SD_ANCHOR_VERSION, h->at, h->heads, h->akter, h->records,
		 h->access, h->gallring, h->root);
}

/* ------------------------------------------------------------- checking */

struct check {
	int ok;
	char *what; /* 512 bytes */
};

static void __attribute__((format(printf, 2, 3)))
problem(struct check *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->ok)
		return;
	c->ok = 0;
	va_start(ap, fmt);
	vsnprintf(c->what, 512, fmt, ap);
	va_end(ap);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The access_log ids gallra erased, from every tombstone, sorted. */
static int
erased_ids(struct sd_ctx *ctx, long long **ids, size_t *n)
{
	sqlite3_stmt *st;

	*ids = NULL;
	*n = 0;
	if (!(st = sd_prepare(ctx, "SELECT access_erased FROM "
				   "gallring_tombstone WHERE access_erased "
				   "<> ''")))
		return ctx->err.code;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = sd_col(st, 0);
		while (*p) {
			char *end;
			long long v = strtoll(p, &end, 10);
			if (end == p)
				break;
			*ids = sd_xrealloc(*ids, (*n + 1) * sizeof **ids);
			(*ids)[(*n)++] = v;
			p = *end == ',' ? end + 1 : end;
		}
	}
	sd_finalize(st);
	if (*n)
		qsort(*ids, *n, sizeof **ids, cmp_ll);
	return 0;
}

/* Walk one log chain: numbering, links, each row's hash. */
static int
check_log(struct sd_ctx *ctx, const char *log, const long long *erased,
	  size_t nerased, struct check *c)
{
	sqlite3_stmt *st;
	struct sd_buf body;
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE], h1[17];
	long long seq = 0;
	int rc = 0, step;

	memcpy(prev, SD_HASH_ZERO, 65);
	sd_buf_init(&body);
	if (!(st = sd_prepare(ctx, "SELECT seq, kind, ref, prev_hash, hash "
				   "FROM log_chain WHERE log = ? ORDER BY "
				   "seq"))) {
		sd_buf_free(&body);
		return ctx->err.code;
	}
	sqlite3_bind_text(st, 1, log, -1, SQLITE_STATIC);
	while (c->ok && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long s = sqlite3_column_int64(st, 0);
		const char *kind = sd_col(st, 1);
		long long ref = sqlite3_column_int64(st, 2);
		int found;

		if (s != seq + 1) {
			problem(c,
				_("%s-log record %lld is missing: it was "
				  "removed"),
				log, seq + 1);
			break;
		}
		if (strcmp(sd_col(st, 3), prev) != 0) {
			problem(c,
				_("%s-log record %lld (%s %lld): its prev is "
				  "not the hash of the record before: a record "
				  "before it was changed or removed"),
				log, s, kind, ref);
			break;
		}
		/*
		 * An access-log row gallra erased is gone, and its id may
		 * since have been taken by a later row, which its own later
		 * record holds: the record of the erased row is not
		 * compared with what stands under the id now.
		 */
		int gone =
			strcmp(kind, "access_log") == 0 && nerased &&
			bsearch(&ref, erased, nerased, sizeof *erased, cmp_ll);
		body.len = 0;
		if (gone) {
			/* (what stands under the id is not its row) */
		} else if ((rc = sd_record_render(ctx, kind, ref, &body,
						  &found))) {
			break;
		} else if (!found) {
			problem(c,
				_("%s %lld (%s-log record %lld) is "
				  "gone, "
				  "and no gallring erased it: it was "
				  "deleted outside socdok"),
				kind, ref, log, s);
		} else if (sd_log_entry_hash(log, s, kind, ref, prev, &body,
					     hash)) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			break;
		} else if (strcmp(hash, sd_col(st, 4)) != 0) {
			snprintf(h1, sizeof h1, "%.12s…", hash);
			problem(c,
				_("%s %lld (%s-log record %lld) hashes to %s, "
				  "not to its record: it was changed after it "
				  "was written"),
				kind, ref, log, s, h1);
		}
		seq = s;
		snprintf(prev, sizeof prev, "%s", sd_col(st, 4));
	}
	sd_finalize(st);
	sd_buf_free(&body);
	if (rc || !c->ok)
		return rc;
	/* Every row of the logs in its chain. */
	static const char *const sql[] = {
		"SELECT 'access_log', id FROM access_log a WHERE NOT EXISTS "
		"(SELECT 1 FROM log_chain l WHERE l.kind = 'access_log' AND "
		"l.ref = a.id) LIMIT 1",
		"SELECT 'gallring_log', id FROM gallring_log g WHERE NOT "
		"EXISTS "
		"(SELECT 1 FROM log_chain l WHERE l.kind = 'gallring_log' AND "
		"l.ref = g.id) UNION ALL SELECT 'gallring_tombstone', id FROM "
		"gallring_tombstone g WHERE NOT EXISTS (SELECT 1 FROM "
		"log_chain l WHERE l.kind = 'gallring_tombstone' AND l.ref = "
		"g.id) LIMIT 1"};
	if (!(st = sd_prepare(ctx, sql[strcmp(log, "access") != 0])))
		return ctx->err.code;
	if (sqlite3_step(st) == SQLITE_ROW)
		problem(c,
			_("%s %lld is in no record of the %s-log chain: it was "
			  "added outside socdok"),
			sd_col(st, 0), sqlite3_column_int64(st, 1), log);
	sd_finalize(st);
	return 0;
}

/*
 * Whether the entry (chain, akt, count, head) of the chain of heads
 * still holds: the chain it names has that hash at that length, or the
 * akt was purged and its tombstone accounts for it.
 */
static int
check_entry(struct sd_ctx *ctx, long long seq, const char *chain, long long akt,
	    long long count, const char *head, int last, struct check *c)
{
	sqlite3_stmt *st;
	char sql[160];
	int rc;

	if (strcmp(chain, "akt") == 0)
		snprintf(sql, sizeof sql,
			 "SELECT hash FROM chain_record WHERE akt_id = ?2 AND "
			 "seq = ?3 AND ?1 = ?1");
	else
		snprintf(sql, sizeof sql,
			 "SELECT hash FROM log_chain WHERE log = ?1 AND seq = "
			 "?3 AND ?2 = ?2");
	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_text(st, 1, chain, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, akt);
	sqlite3_bind_int64(st, 3, count);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (strcmp(sd_col(st, 0), head) != 0) {
			if (akt)
				problem(c,
					_("akt %lld: record %lld:%lld is not "
					  "the "
					  "one head %lld holds: the akt was "
					  "rewritten"),
					akt, akt, count, seq);
			else
				problem(c,
					_("%s-log record %lld is not the one "
					  "head %lld holds: the log was "
					  "rewritten"),
					chain, count, seq);
		}
		sd_finalize(st);
		return 0;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the chain");
	if (!akt) {
		problem(c,
			_("%s-log record %lld of head %lld is gone: the log "
			  "was "
			  "cut short"),
			chain, count, seq);
		return 0;
	}
	if (sd_query_int(ctx, "SELECT count(*) FROM akt WHERE id = ?",
			 (snprintf(sql, sizeof sql, "%lld", akt), sql),
			 SD_END) > 0) {
		problem(c,
			_("akt %lld: record %lld:%lld of head %lld is gone: "
			  "records were removed"),
			akt, akt, count, seq);
		return 0;
	}
	/* Purged: the tombstone holds the akt's last head. */
	if (!(st = sd_prepare(ctx, "SELECT records, final_head FROM "
				   "gallring_tombstone WHERE akt = ? ORDER BY "
				   "id DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if (sqlite3_step(st) != SQLITE_ROW)
		problem(c,
			_("akt %lld is gone, and the gallringslogg has no "
			  "tombstone for it: it was deleted outside gallra"),
			akt);
	else if (last && (sqlite3_column_int64(st, 0) != count ||
			  strcmp(sd_col(st, 1), head) != 0))
		problem(c,
			_("akt %lld: its tombstone holds %lld records, but "
			  "head "
			  "%lld holds %lld: the akt was changed before it was "
			  "purged, outside socdok"),
			akt, sqlite3_column_int64(st, 0), seq, count);
	sd_finalize(st);
	return 0;
}

/* Parse "key=value" of an anchor line into val (n bytes); 0: found. */
static int
anchor_field(const char *line, const char *key, char *val, size_t n)
{
	size_t kl = strlen(key);

	for (const char *p = line; (p = strstr(p, key)); p++) {
		if ((p != line && p[-1] != ' ') || p[kl] != '=')
			continue;
		p += kl + 1;
		size_t l = strcspn(p, " \n");
		if (l >= n)
			return -1;
		memcpy(val, p, l);
		val[l] = '\0';
		return 0;
	}
	return -1;
}

int
sd_head_verify(struct sd_ctx *ctx, const char *anchor, int *ok, char what[512])
{
	struct check c = {1, what};
	sqlite3_stmt *st;
	long long *erased = NULL, seq = 0, aheads = 0;
	size_t nerased = 0;
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE],
		aroot[SD_HASH_HEX_SIZE] = "", num[32];
	int rc = 0, step;

	what[0] = '\0';
	*ok = 1;
	if (anchor) {
		char *end;
		if (strncmp(anchor, "socdok-anchor v1 ", 17) != 0 ||
		    anchor_field(anchor, "heads", num, sizeof num) ||
		    (aheads = strtoll(num, &end, 10)) < 0 || *end ||
		    anchor_field(anchor, "root", aroot, sizeof aroot) ||
		    strlen(aroot) != 64)
			return sd_fail(ctx, EX_DATAERR,
				       _("the anchor is not a line of "
					 "socdok-anchor v1 (heads=N ... "
					 "root=HEX); give the line "
					 "socdok-anchor printed"));
	}
	if ((rc = erased_ids(ctx, &erased, &nerased)) ||
	    (rc = check_log(ctx, "access", erased, nerased, &c)) ||
	    (c.ok && (rc = check_log(ctx, "gallring", erased, nerased, &c))))
		goto out;
	memcpy(prev, SD_HASH_ZERO, 65);
	if (!(st = sd_prepare(
		      ctx, "SELECT h.seq, h.at, h.chain, h.akt, h.count, "
			   "h.head, h.prev_hash, h.hash, NOT EXISTS (SELECT 1 "
			   "FROM head_chain l WHERE l.chain = h.chain AND "
			   "l.akt = h.akt AND l.seq > h.seq) FROM head_chain "
			   "h ORDER BY h.seq"))) {
		rc = ctx->err.code;
		goto out;
	}
	while (c.ok && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long s = sqlite3_column_int64(st, 0);
		const char *chain = sd_col(st, 2);
		long long akt = sqlite3_column_int64(st, 3);
		long long count = sqlite3_column_int64(st, 4);
		char head[SD_HASH_HEX_SIZE];

		snprintf(head, sizeof head, "%s", sd_col(st, 5));
		if (s != seq + 1) {
			problem(&c, _("head %lld is missing: it was removed"),
				seq + 1);
			break;
		}
		if (strcmp(sd_col(st, 6), prev) != 0) {
			problem(&c,
				_("head %lld: its prev is not the hash of head "
				  "%lld: the chain of heads was changed"),
				s, seq);
			break;
		}
		if (sd_head_entry_hash(s, sd_col(st, 1), chain, akt, count,
				       head, prev, hash)) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			break;
		}
		if (strcmp(hash, sd_col(st, 7)) != 0) {
			problem(&c,
				_("head %lld (%s %lld) does not hash to its "
				  "stored hash: it was changed"),
				s, chain, akt);
			break;
		}
		if (s == aheads && strcmp(hash, aroot) != 0)
			problem(&c,
				_("head %lld is not the anchored one (the "
				  "anchor "
				  "says %.12s…, the database %.12s…): the "
				  "database was rewritten after the anchor"),
				s, aroot, hash);
		if ((rc = check_entry(ctx, s, chain, akt, count, head,
				      sqlite3_column_int(st, 8), &c)))
			break;
		seq = s;
		snprintf(prev, sizeof prev, "%s", sd_col(st, 7));
	}
	sd_finalize(st);
	if (rc || !c.ok)
		goto out;
	if (anchor && aheads > seq)
		problem(&c,
			_("the anchor holds %lld heads, the database only "
			  "%lld: "
			  "heads were removed after the anchor"),
			aheads, seq);
	/* The last heads are the chains as they are now. */
	if (c.ok &&
	    (st = sd_prepare(
		     ctx, "SELECT r.akt_id, max(r.seq), r.hash FROM "
			  "chain_record r GROUP BY r.akt_id EXCEPT SELECT "
			  "h.akt, h.count, h.head FROM head_chain h WHERE "
			  "h.chain = 'akt' AND h.seq = (SELECT max(seq) FROM "
			  "head_chain l WHERE l.chain = 'akt' AND l.akt = "
			  "h.akt) LIMIT 1"))) {
		if (sqlite3_step(st) == SQLITE_ROW)
			problem(&c,
				_("akt %lld: its chain (%lld records) is not "
				  "its last head: records were added or "
				  "changed "
				  "outside socdok"),
				sqlite3_column_int64(st, 0),
				sqlite3_column_int64(st, 1));
		sd_finalize(st);
	}
	for (int i = 0; c.ok && i < 2; i++) {
		const char *log = i ? "gallring" : "access";
		long long cur, had;
		char curh[SD_HASH_HEX_SIZE], hadh[SD_HASH_HEX_SIZE];
		if ((rc = last_of(ctx, SQL_LAST_LOG, log, 0, &cur, curh)) ||
		    (rc = last_of(ctx, SQL_LAST_HEAD, log, 0, &had, hadh)))
			goto out;
		if (cur != had || strcmp(curh, hadh) != 0)
			problem(&c,
				_("the %s log (%lld records) is not its last "
				  "head (%lld): records were added or changed "
				  "outside socdok"),
				log, cur, had);
	}
out:
	free(erased);
	*ok = c.ok;
	return rc;
}

int
sd_anchor_read_signed(struct sd_ctx *ctx, const char *file, char *line,
		      size_t n, struct sd_buf *sig)
{
	static const char begin[] = "-----BEGIN SSH SIGNATURE-----";
	static const char end[] = "-----END SSH SIGNATURE-----";
	char *text, *p, *last = NULL;

	if (!(text = sd_read_file(ctx, file, NULL)))
		return ctx->err.code;
	/* The last anchor of a file that collects them, one a line. */
	for (p = text; p && *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, "socdok-anchor v", 15) == 0)
			last = p;
	if (!last) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("'%s' holds no line of socdok-anchor; give "
				 "the file its output was kept in"),
			       file);
	}
	snprintf(line, n, "%.*s", (int)strcspn(last, "\n"), last);
	/* Its signature, when the armored block follows it. */
	p = strchr(last, '\n');
	if (sig && p && strncmp(p + 1, begin, sizeof begin - 1) == 0) {
		char *stop = strstr(p + 1, end);
		if (stop) {
			stop += sizeof end - 1;
			sd_buf_add(sig, p + 1, (size_t)(stop - (p + 1)));
			sd_buf_add(sig, "\n", 1);
		}
	}
	free(text);
	return 0;
}

int
sd_anchor_read(struct sd_ctx *ctx, const char *file, char *line, size_t n)
{
	return sd_anchor_read_signed(ctx, file, line, n, NULL);
}

/* A private directory for ssh-keygen's files, and the line in it. */
struct scratch {
	char dir[4096], msg[4200], sig[4200], out[4200];
};

static int
scratch_make(struct sd_ctx *ctx, struct scratch *w, const char *line)
{
	const char *tmp = secure_getenv("TMPDIR");
	int fd;

	snprintf(w->dir, sizeof w->dir, "%s/socdok-anchor.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(w->dir))
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot make a temporary directory '%s': %s"),
			       w->dir, strerror(errno));
	snprintf(w->msg, sizeof w->msg, "%s/anchor", w->dir);
	snprintf(w->sig, sizeof w->sig, "%s/anchor.sig", w->dir);
	snprintf(w->out, sizeof w->out, "%s/out", w->dir);
	if ((fd = open(w->msg, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 ||
	    write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
	    write(fd, "\n", 1) != 1) {
		int rc = sd_fail(ctx, EX_IOERR, _("cannot write '%s': %s"),
				 w->msg, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	close(fd);
	return 0;
}

static void
scratch_remove(struct scratch *w)
{
	if (!w->msg[0])
		return; /* no directory was made */
	unlink(w->out);
	unlink(w->sig);
	unlink(w->msg);
	rmdir(w->dir);
}

int
sd_anchor_sign(struct sd_ctx *ctx, const char *line, const char *key,
	       struct sd_buf *sig)
{
	struct scratch w = {0};
	char *text;
	size_t len;
	int status, rc;

	if ((rc = scratch_make(ctx, &w, line)))
		goto out;
	char *argv[] = {"ssh-keygen", "-q",        "-Y", "sign",
			"-f",         (char *)key, "-n", "socdok-anchor",
			w.msg,        NULL};
	/* ssh-keygen reads the key with the user's ids (set-id: not ours). */
	status = sd_run(argv, NULL, NULL);
	if (status < 0)
		rc = sd_fail(ctx, EX_UNAVAILABLE,
			     _("cannot run ssh-keygen to sign the anchor; "
			       "install openssh-client or sign without "
			       "--key"));
	else if (status != 0)
		rc = sd_fail(ctx, EX_DATAERR,
			     _("ssh-keygen could not sign with the key '%s' "
			       "(a key without a passphrase, or one in "
			       "ssh-agent); run 'ssh-keygen -Y sign -f %s -n "
			       "socdok-anchor FILE' by hand to see why"),
			     key, key);
	else if (!(text = sd_read_file(ctx, w.sig, &len)))
		rc = ctx->err.code;
	else {
		sd_buf_add(sig, text, len);
		free(text);
	}
out:
	scratch_remove(&w);
	return rc;
}

int
sd_anchor_check_sig(struct sd_ctx *ctx, const char *line,
		    const struct sd_buf *sig, const char *allowed,
		    char *principal, size_t pn, int *ok, char what[512])
{
	struct scratch w = {0};
	char *text = NULL;
	int status, rc;

	*ok = 0;
	principal[0] = '\0';
	if (!sig->len) {
		snprintf(what, 512, "%s",
			 _("the anchor is not signed; keep the output of "
			   "socdok-anchor -k KEY, line and signature"));
		return 0;
	}
	if ((rc = scratch_make(ctx, &w, line)) ||
	    (rc = sd_file_write_all(ctx, w.sig, sig->s, sig->len)))
		goto out;
	/* Who, of the allowed signers, made it. */
	char *find[] = {"ssh-keygen", "-Y", "find-principals", "-s",
			w.sig,        "-f", (char *)allowed,   NULL};
	status = sd_run(find, NULL, w.out);
	if (status < 0) {
		rc = sd_fail(ctx, EX_UNAVAILABLE,
			     _("cannot run ssh-keygen to check the anchor's "
			       "signature; install openssh-client"));
		goto out;
	}
	if (status != 0 || !(text = sd_read_file(ctx, w.out, NULL)) ||
	    !text[0] || text[0] == '\n') {
		sd_err_clear(ctx);
		snprintf(what, 512,
			 _("no key of '%s' made the anchor's signature: it "
			   "was signed by someone else, or changed"),
			 allowed);
		goto out;
	}
	snprintf(principal, pn, "%.*s", (int)strcspn(text, "\n"), text);
	char *verify[] = {"ssh-keygen",    "-Y", "verify",  "-f",
			  (char *)allowed, "-I", principal, "-n",
			  "socdok-anchor", "-s", w.sig,     NULL};
	status = sd_run(verify, w.msg, NULL);
	if (status == 0)
		*ok = 1;
	else
		snprintf(what, 512,
			 _("the signature by %s does not match the anchor "
			   "line: the line was changed after it was signed"),
			 principal);
out:
	free(text);
	scratch_remove(&w);
	return rc;
}
