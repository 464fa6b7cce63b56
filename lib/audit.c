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
		 * The lines about one akt, and the lists (access_list, 0260):
		 * a list is a line of its own, once, for a reader who may see
		 * one of the akter it showed; with --akt, --protected or
		 * --unit, a line for each akt asked about that it showed,
		 * naming the akt.
		 */
#define AUDIT_WHERE                                                            \
	"(?1 IS NULL OR l.at >= ?1) "                                          \
	"AND (?2 IS NULL OR l.at < date(?2, '+1 day')) "                       \
	"AND (?3 IS NULL OR l.login = ?3) "                                    \
	"AND (?5 OR (?7 AND a.closed IS NOT NULL) OR "                         \
	"(NOT ?7 AND a.unit_id IN (SELECT unit_id FROM "                       \
	"staff_unit WHERE staff_id = ?6))) "                                   \
	"AND (?9 = 0 OR a.unit_id = ?9) "
		/*
		 * The akter the lists showed (access_list, 0260), as rows
		 * (log_id, akt_id, protected): with --akt N only the rows of
		 * N's bucket that hold N (",N," in the array), read once each;
		 * with --protected the protected arrays; else every array
		 * unrolled.
		 */
#define AUDIT_SHOWN                                                            \
	"SELECT x.log_id, ?4 AS akt_id, ifnull(instr(',' || "                  \
	"trim(x.protected, '[]') || ',', ',' || ?4 || ','), 0) > 0 "           \
	"AS protected FROM access_list x WHERE ?4 > 0 AND x.bucket = "         \
	"?4 >> 7 AND instr(',' || trim(x.akter, '[]') || ',', ',' || ?4 "      \
	"|| ',') "                                                             \
	"UNION ALL SELECT x.log_id, j.value, 1 FROM access_list x, "           \
	"json_each(x.protected) j WHERE ?4 = 0 AND ?8 AND x.protected IS "     \
	"NOT NULL "                                                            \
	"UNION ALL SELECT x.log_id, j.value, ifnull(instr(',' || "             \
	"trim(x.protected, '[]') || ',', ',' || j.value || ','), 0) > 0 "      \
	"FROM access_list x, json_each(x.akter) j WHERE ?4 = 0 AND NOT ?8"
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT at, login, program, akt, what FROM ("
		      "SELECT l.id, l.at, l.login, l.program, l.akt_id AS "
		      "akt, l.what FROM access_log l LEFT JOIN akt a ON "
		      "a.id = l.akt_id WHERE " AUDIT_WHERE
		      "AND (?4 = 0 OR l.akt_id = ?4) "
		      "AND (?8 = 0 OR l.protected = 1) "
		      "UNION ALL "
		      "SELECT l.id, l.at, l.login, l.program, CASE WHEN ?10 "
		      "THEN s.akt_id END, l.what FROM (" AUDIT_SHOWN ") s "
		      "JOIN access_log l ON l.id = s.log_id JOIN akt a ON "
		      "a.id = s.akt_id WHERE (?10 OR NOT ?5) AND " AUDIT_WHERE
		      "AND (?4 = 0 OR s.akt_id = ?4) "
		      "AND (?8 = 0 OR s.protected = 1) "
		      "GROUP BY l.id, CASE WHEN ?10 THEN s.akt_id END) "
		      "ORDER BY id, akt")))
		return ctx->err.code;
#undef AUDIT_WHERE
#undef AUDIT_SHOWN
	sd_bind_text(st, 1, since);
	sd_bind_text(st, 2, until);
	sd_bind_text(st, 3, user);
	sqlite3_bind_int64(st, 4, akt);
	sqlite3_bind_int(st, 5, r == SD_ROLE_ADMIN || r == SD_ROLE_GRANSKARE);
	sqlite3_bind_int64(st, 6, ctx->me.id);
	/* An arkivarie: the akter they handle, the closed ones. */
	sqlite3_bind_int(st, 7, r == SD_ROLE_ARKIVARIE);
	sqlite3_bind_int(st, 8, protected_only);
	sqlite3_bind_int64(st, 9, uid);
	sqlite3_bind_int(st, 10, akt > 0 || protected_only || uid > 0);
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
