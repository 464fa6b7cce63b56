/*
 * log.c - the access log: who read or changed which akt, and how; a
 * line about a protected akt carries the flag protected (0160).
 */
#include "head.h"
#include "socdok.h"

int
sd_log_access(struct sd_ctx *ctx, long long akt, const char *what)
{
	sqlite3_stmt *st;
	char now[SD_TIME_SIZE];
	int rc;

	/* Nothing is written to a damaged file; sd_finish says so. */
	if (ctx->damaged)
		return 0;
	/*
	 * A line about a protected akt (akt-protect) is flagged, so that
	 * audit-log --protected lists every read of it for review.
	 */
	if (!(st = sd_prepare(ctx,
			      "INSERT INTO access_log(at, login, program, "
			      "akt_id, what, uid, protected) VALUES (?1, ?2, "
			      "?3, ?4, ?5, ?6, (SELECT 1 FROM akt WHERE id = "
			      "?4 AND protected = 1))")))
		return ctx->err.code;
	sd_bind_text(st, 1, sd_now(now));
	sd_bind_text(st, 2, ctx->me.login[0] ? ctx->me.login : ctx->login);
	sd_bind_text(st, 3, ctx->prog);
	if (akt > 0)
		sqlite3_bind_int64(st, 4, akt);
	else
		sqlite3_bind_null(st, 4);
	sd_bind_text(st, 5, what);
	sqlite3_bind_int64(st, 6, ctx->uid);
	rc = sqlite3_step(st) == SQLITE_DONE
		     ? 0
		     : sd_fail_db(ctx, "cannot write "
				       "the access log");
	/* In the access log's chain (head.c). */
	if (!rc)
		rc = sd_head_log(ctx, "access", "access_log",
				 sqlite3_last_insert_rowid(ctx->db));
	sd_finalize(st);
	return rc;
}

int
sd_log_refusal(struct sd_ctx *ctx)
{
	struct sd_err keep = ctx->err;
	char what[sizeof ctx->err.msg + 16];
	int rc;

	/*
	 * Nothing is written to a damaged file, nor without a database;
	 * a loop has logged (and reported) each item's refusal already.
	 */
	if (!ctx->db || ctx->damaged || !sqlite3_get_autocommit(ctx->db) ||
	    !keep.msg[0])
		return 0;
	snprintf(what, sizeof what, "refused: %s", keep.msg);
	if (!(rc = sd_begin(ctx)) &&
	    !(rc = sd_log_access(ctx, ctx->refused_akt, what)))
		rc = sd_commit(ctx);
	if (rc)
		sd_rollback(ctx);
	ctx->err = keep;
	return rc;
}
