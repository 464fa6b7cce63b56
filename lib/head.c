/*
 * head.c - the database head: the access log and the gallringslogg as
 * chains (log_chain), and the chain of heads (head_chain) whose last
 * hash is the head socdok-anchor prints (docs/hash-format.md, migration
 * 0082).  Checking it against an anchor is head-verify.c; the anchor
 * line read, signed and its signature checked, anchor.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "head-int.h"
#include "head.h"

int
sd_head_log_hash(const char *log, long long seq, const char *kind,
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
int
sd_head_last_of(struct sd_ctx *ctx, const char *sql, const char *p1,
		long long p2, long long *seq, char hash[SD_HASH_HEX_SIZE])
{
	sqlite3_stmt *st;
	int rc;

	*seq = 0;
	memcpy(hash, SD_HASH_ZERO, SD_HASH_HEX_SIZE);
	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p2);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, SD_HASH_HEX_SIZE, "%s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot read the chain"));
}

int
sd_head_log(struct sd_ctx *ctx, const char *log, const char *kind,
	    long long ref)
{
	struct sd_buf body;
	int rc, found;

	sd_buf_init(&body);
	if (!(rc = sd_record_render(ctx, kind, ref, &body, &found)))
		rc = sd_head_log_body(ctx, log, kind, ref, &body);
	sd_buf_free(&body);
	return rc;
}

int
sd_head_log_body(struct sd_ctx *ctx, const char *log, const char *kind,
		 long long ref, const struct sd_buf *body)
{
	sqlite3_stmt *st;
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE];
	long long seq;
	int rc;

	if ((rc = sd_head_last_of(ctx, SQL_LAST_LOG, log, 0, &seq, prev)))
		return rc;
	if (sd_head_log_hash(log, seq + 1, kind, ref, prev, body, hash))
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
	if (!(st = sd_prepare(ctx,
			      "INSERT INTO log_chain(log, seq, kind, "
			      "ref, prev_hash, hash) VALUES (?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_text(st, 1, log, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seq + 1);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, ref);
	sqlite3_bind_text(st, 5, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = sd_fail_db(ctx, _("cannot write the chain"));
	sd_finalize(st);
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
	if ((rc = sd_query_ids(ctx, st, _("cannot list log entries"), &ids,
			       &n)))
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

	memcpy(prev, SD_HASH_ZERO, SD_HASH_HEX_SIZE);
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
		return sd_fail_db(ctx, _("cannot read the chain of heads"));
	snprintf(at, sizeof at, "%s", sd_clock(ctx));
	if (sd_head_entry_hash(seq + 1, at, chain, akt, count, head, prev,
			       hash))
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
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
	rc = sd_step_done(ctx, st, _("cannot write the chain of heads"));
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
		rc = sd_head_last_of(ctx, SQL_LAST_RECORD, chain, akt, &cur,
				     curh);
	else
		rc = sd_head_last_of(ctx, SQL_LAST_LOG, chain, 0, &cur, curh);
	if (rc ||
	    (rc = sd_head_last_of(ctx, SQL_LAST_HEAD, chain, akt, &had, hadh)))
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
		if ((rc = sd_query_ids(ctx, st, _("cannot list akter"), &ids,
				       &m)))
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
	if (sd_head_last_of(
		    ctx,
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
		return sd_fail_db(ctx, _("cannot read the database head"));
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
