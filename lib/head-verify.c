/*
 * head-verify.c - the database checked against its head: every log
 * chain and the chain of heads recomputed, and with an anchor, the
 * anchored head found again (socdok-check, akt-verify --all).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "head-int.h"
#include "head.h"

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
		sd_sort(*ids, *n, sizeof **ids, cmp_ll);
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
		} else if (sd_head_log_hash(log, s, kind, ref, prev, &body,
					    hash)) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
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
		return sd_fail_db(ctx, _("cannot read the chain"));
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
				     _("cannot compute SHA-256"));
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
		if ((rc = sd_head_last_of(ctx, SQL_LAST_LOG, log, 0, &cur,
					  curh)) ||
		    (rc = sd_head_last_of(ctx, SQL_LAST_HEAD, log, 0, &had,
					  hadh)))
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
