/*
 * audit.c - the access log review (audit-log).
 *
 * Every read and change of an akt is logged by sd_log_access; this module
 * is the other end: an enhetschef reads the lines of their own units'
 * akter, an administrator all of them, filtered by date, login or akt,
 * or to the lines about protected akter (access_log.protected, 0160).
 * Reading the log is itself logged, so a review leaves a trace too.
 */
#include "audit.h"

int
sd_audit_list(struct sd_ctx *ctx, const char *since, const char *until,
	      const char *user, long long akt, int protected_only,
	      struct sd_table **out)
{
	static const char *cols[] = {N_("at"), N_("login"), N_("program"),
				     N_("akt"), N_("what")};
	static const int flags[] = {SD_COL_TIME, 0, 0,
				    SD_COL_NUM | SD_COL_RIGHT, 0};
	sqlite3_stmt *st;
	int rc;

	if (ctx->me.role != SD_ROLE_ADMIN && ctx->me.role != SD_ROLE_ENHETSCHEF)
		return sd_fail(ctx, EX_NOPERM,
			       "only an enhetschef or administrator may read "
			       "the access log");
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT l.at, l.login, l.program, l.akt_id, l.what "
		      "FROM access_log l LEFT JOIN akt a ON a.id = l.akt_id "
		      "WHERE (?1 IS NULL OR l.at >= ?1) "
		      "AND (?2 IS NULL OR l.at < date(?2, '+1 day')) "
		      "AND (?3 IS NULL OR l.login = ?3) "
		      "AND (?4 = 0 OR l.akt_id = ?4) "
		      "AND (?5 OR a.unit_id IN (SELECT unit_id FROM staff_unit "
		      "WHERE staff_id = ?6)) "
		      "AND (?7 = 0 OR l.protected = 1) "
		      "ORDER BY l.id")))
		return ctx->err.code;
	sd_bind_text(st, 1, since);
	sd_bind_text(st, 2, until);
	sd_bind_text(st, 3, user);
	sqlite3_bind_int64(st, 4, akt);
	sqlite3_bind_int(st, 5, ctx->me.role == SD_ROLE_ADMIN);
	sqlite3_bind_int64(st, 6, ctx->me.id);
	sqlite3_bind_int(st, 7, protected_only);
	*out = sd_table_new(5, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the access log");
	return sd_log_access(ctx, akt,
			     protected_only
				     ? "read the access log (protected akter)"
				     : "read the access log");
}
