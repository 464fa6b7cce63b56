/*
 * audit.c - the access log review (audit-log).
 *
 * Every read and change of an akt is logged by sd_log_access; this module
 * is the other end: an enhetschef reads the lines of their own units'
 * akter, an arkivarie those of the akter they handle (closed ones), an
 * administrator or a granskare (auditor) all of them, filtered by date,
 * login, akt or unit, or to the lines about protected akter
 * (access_log.protected, 0160).
 * Reading the log is itself logged, so a review leaves a trace too.
 */
#include "audit.h"
#include "i18n.h"
#include "unit.h"

int
sd_audit_list(struct sd_ctx *ctx, const char *since, const char *until,
	      const char *user, long long akt, int protected_only,
	      struct sd_table **out)
{
	return sd_audit_list_unit(ctx, since, until, user, akt, protected_only,
				  NULL, out);
}

int
sd_audit_list_unit(struct sd_ctx *ctx, const char *since, const char *until,
		   const char *user, long long akt, int protected_only,
		   const char *unit, struct sd_table **out)
{
	long long uid = 0;
	static const char *cols[] = {N_("at"), N_("login"), N_("program"),
				     N_("akt"), N_("what")};
	static const int flags[] = {SD_COL_TIME, 0, 0,
				    SD_COL_NUM | SD_COL_RIGHT, 0};
	sqlite3_stmt *st;
	int rc;

	enum sd_role r = ctx->me.role;

	if (r != SD_ROLE_ADMIN && r != SD_ROLE_ENHETSCHEF &&
	    r != SD_ROLE_GRANSKARE && r != SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       _("only an enhetschef, arkivarie, granskare or "
				 "administrator may read the access log"));
	if (r == SD_ROLE_ARKIVARIE && akt > 0) {
		char id[32];
		snprintf(id, sizeof id, "%lld", akt);
		if (sd_query_int(ctx,
				 "SELECT closed IS NULL FROM akt WHERE id = ?",
				 id, SD_END) == 1) {
			ctx->refused_akt = akt;
			return sd_fail(ctx, EX_NOPERM,
				       _("akt %lld is open; an arkivarie "
					 "reads the access log of the closed "
					 "akter they handle"),
				       akt);
		}
	}
	if (unit && (rc = sd_unit_filter(ctx, unit, &uid, NULL, 0)))
		return rc;
	/*
	 * The lines about one akt, and the lists (access_list, 0260): a
	 * list is a line of its own, once, for a reader who may see one of
	 * the akter it showed; with --akt, --protected or --unit, a line
	 * for each akt asked about that it showed, naming the akt.  The
	 * statement holds only the conditions that apply (a reader who
	 * sees every akt compiles no check of units): compiling it was
	 * most of audit-log's own work.
	 */
	int all = r == SD_ROLE_ADMIN || r == SD_ROLE_GRANSKARE;
	int each = akt > 0 || protected_only || uid > 0;
	struct sd_buf w, q;

	sd_buf_init(&w);
	if (since)
		sd_buf_puts(&w, " AND l.at >= ?1");
	if (until)
		sd_buf_puts(&w, " AND l.at < date(?2, '+1 day')");
	if (user)
		sd_buf_puts(&w, " AND l.login = ?3");
	if (!all && r == SD_ROLE_ARKIVARIE)
		sd_buf_puts(&w, " AND a.closed IS NOT NULL");
	else if (!all)
		sd_buf_puts(&w, " AND a.unit_id IN (SELECT unit_id FROM "
				"staff_unit WHERE staff_id = ?6)");
	if (uid > 0)
		sd_buf_puts(&w, " AND a.unit_id = ?9");
	sd_buf_init(&q);
	sd_buf_puts(&q, "SELECT at, login, program, akt, what FROM (SELECT "
			"l.id, l.at, l.login, l.program, l.akt_id AS akt, "
			"l.what FROM access_log l");
	if (!all || uid > 0)
		sd_buf_puts(&q, " LEFT JOIN akt a ON a.id = l.akt_id");
	sd_buf_puts(&q, " WHERE 1");
	sd_buf_puts(&q, w.s ? w.s : "");
	if (akt > 0)
		sd_buf_puts(&q, " AND l.akt_id = ?4");
	if (protected_only)
		sd_buf_puts(&q, " AND l.protected = 1");
	if (each || !all) {
		/*
		 * The akter the lists showed: with --akt N the rows of N's
		 * bucket that hold N (",N," in the array; the akt was
		 * found, so joined only for the reader's units); with
		 * --protected the protected arrays; else every array
		 * unrolled.
		 */
		sd_buf_puts(&q, " UNION ALL SELECT l.id, l.at, l.login, "
				"l.program, ");
		sd_buf_puts(&q, akt > 0 ? "?4" : each ? "j.value" : "NULL");
		sd_buf_puts(&q, ", l.what FROM access_list x ");
		if (akt <= 0)
			sd_buf_puts(&q,
				    protected_only
					    ? "JOIN json_each(x.protected) j "
					    : "JOIN json_each(x.akter) j ");
		sd_buf_puts(&q, "JOIN access_log l ON l.id = x.log_id");
		if (akt <= 0)
			sd_buf_puts(&q, " JOIN akt a ON a.id = j.value");
		else if (!all || uid > 0)
			sd_buf_puts(&q, " JOIN akt a ON a.id = ?4");
		if (akt > 0)
			sd_buf_puts(&q, " WHERE x.bucket = ?4 >> 7 "
					"AND " SD_ACCESS_LIST_HOLDS("x.akter",
								    "?4"));
		else if (protected_only)
			sd_buf_puts(&q, " WHERE x.protected IS NOT NULL");
		else
			sd_buf_puts(&q, " WHERE 1");
		if (akt > 0 && protected_only)
			sd_buf_puts(&q, " AND " SD_ACCESS_LIST_HOLDS(
						"x.protected", "?4"));
		sd_buf_puts(&q, w.s ? w.s : "");
		if (!each)
			sd_buf_puts(&q, " GROUP BY l.id");
	}
	sd_buf_puts(&q, ") ORDER BY id, akt");
	st = sd_prepare(ctx, q.s);
	sd_buf_free(&w);
	sd_buf_free(&q);
	if (!st)
		return ctx->err.code;
	/* (a number no condition names is left unbound: SQLITE_RANGE) */
	sd_bind_text(st, 1, since);
	sd_bind_text(st, 2, until);
	sd_bind_text(st, 3, user);
	sqlite3_bind_int64(st, 4, akt);
	sqlite3_bind_int64(st, 6, ctx->me.id);
	sqlite3_bind_int64(st, 9, uid);
	*out = sd_table_new(5, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the access log"));
	/* The akter whose lines were shown (one akt: on the line). */
	const char *what = protected_only
				   ? "read the access log (protected akter)"
				   : "read the access log";
	return akt > 0 ? sd_log_access(ctx, akt, what)
		       : sd_log_shown_table(ctx, what, *out, 3);
}
