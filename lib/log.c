/*
 * log.c - the access log: who read or changed which akt, and how; a
 * line about a protected akt carries the flag protected (0160); a list
 * logs the akter it showed (access_shown, 0230, by day since 0245).
 */
#include <string.h>

#include "check.h"
#include "head.h"
#include "socdok.h"

static int
log_line(struct sd_ctx *ctx, long long akt, const char *what)
{
	sqlite3_stmt *st;
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
	sd_bind_text(st, 1, sd_clock(ctx));
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
		     : sd_fail_db(ctx, _("cannot write "
					 "the access log"));
	/* In the access log's chain (head.c). */
	if (!rc)
		rc = sd_head_log(ctx, "access", "access_log",
				 sqlite3_last_insert_rowid(ctx->db));
	sd_finalize(st);
	return rc;
}

int
sd_log_access(struct sd_ctx *ctx, long long akt, const char *what)
{
	long long before = ctx->db ? sqlite3_total_changes64(ctx->db) : 0;
	int rc = log_line(ctx, akt, what);

	/* (a log line is not a record: no check of the file for it) */
	if (ctx->db)
		sd_check_log_since(ctx, before);
	return sd_check_log_failed(ctx, rc);
}

/* The line (what) and the akter in ids, a JSON array, as shown. */
static int
log_shown_json(struct sd_ctx *ctx, const char *what, const char *ids)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sd_log_access(ctx, 0, what)) || ctx->damaged)
		return rc;
	/*
	 * One statement for the whole list, however long: a row per akt
	 * (repeats once), with the protection the akt has now; in the
	 * order of the key, so that the b-tree is walked once, not
	 * jumped about (akt-list's 57 000 akter: 0.34 s, not 0.76 s).
	 * The day of the line (the transaction's clock, as the line has)
	 * leads the key, so the rows go among that day's only (0245).
	 */
	if (!(st = sd_prepare(ctx, "INSERT OR IGNORE INTO access_shown(day, "
				   "akt_id, log_id, protected) SELECT "
				   "unixepoch(?2) / 86400, "
				   "a.id, (SELECT max(id) FROM access_log), "
				   "a.protected IS 1 FROM json_each(?1) j JOIN "
				   "akt a ON a.id = j.value ORDER BY a.id")))
		return ctx->err.code;
	sd_bind_text(st, 2, sd_clock(ctx));
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	long long before = sqlite3_total_changes64(ctx->db);
	rc = sd_step_done(ctx, st, "cannot write the access log");
	sd_check_log_since(ctx, before);
	return sd_check_log_failed(ctx, rc);
}

int
sd_log_shown(struct sd_ctx *ctx, const char *what, const long long *ids,
	     size_t n)
{
	struct sd_buf b;
	int rc;

	sd_buf_init(&b);
	sd_buf_puts(&b, "[");
	for (size_t i = 0; i < n; i++)
		sd_buf_printf(&b, "%s%lld", i ? "," : "", ids[i]);
	sd_buf_puts(&b, "]");
	rc = log_shown_json(ctx, what, b.s);
	sd_buf_free(&b);
	return rc;
}

int
sd_log_shown_table(struct sd_ctx *ctx, const char *what,
		   const struct sd_table *t, int col)
{
	struct sd_buf b;
	int rc, first = 1;

	sd_buf_init(&b);
	sd_buf_puts(&b, "[");
	for (int i = 0; i < sd_table_rows(t); i++) {
		const char *v = sd_table_cell(t, i, col);
		/* (an id is digits only: nothing else goes into the array) */
		if (!v || !*v || v[strspn(v, "0123456789")])
			continue;
		sd_buf_printf(&b, "%s%s", first ? "" : ",", v);
		first = 0;
	}
	sd_buf_puts(&b, "]");
	rc = log_shown_json(ctx, what, b.s);
	sd_buf_free(&b);
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
