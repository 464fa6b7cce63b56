/*
 * staff.c - staff members (staff-add, staff-end, staff-list).
 *
 * A staff member is a login with a name, a title, one role (personal,
 * samordnare, enhetschef, arkivarie, admin) and the units they work at.
 * Only an administrator changes staff; nobody is ever deleted, only
 * ended, so old notes keep their authors, and the last active
 * administrator cannot be ended or demoted (nobody could add staff again).
 */
#include <string.h>

#include "mail.h"
#include "staff.h"
#include "unit.h"

/* Refuse to end or demote the last active administrator (a lock-out). */
static int
keep_an_admin(struct sd_ctx *ctx, const char *login)
{
	if (sd_query_int(
		    ctx,
		    "SELECT 1 FROM staff WHERE login = ? AND role = 'admin' "
		    "AND active",
		    login, SD_END) != 1 ||
	    sd_query_int(ctx,
			 "SELECT count(*) FROM staff WHERE role = 'admin' AND "
			 "active AND login <> ?",
			 login, SD_END) > 0)
		return 0;
	return sd_fail(ctx, EX_DATAERR,
		       _("'%s' is the last active administrator; make another "
			 "one first (staff-add LOGIN ... --role admin), or "
			 "nobody could add staff again"),
		       login);
}

int
sd_staff_add(struct sd_ctx *ctx, const struct sd_staff_in *in)
{
	int exists = sd_query_int(ctx,
				  "SELECT count(*) FROM staff "
				  "WHERE login = ?",
				  in->login, SD_END) > 0;
	/* A member who exists keeps what is not given; a new one is personal.
	 */
	const char *role = in->role ? in->role : exists ? NULL : "personal";
	long long sid, uid;
	int rc;

	if (ctx->me.id && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       _("only an administrator may add staff; ask one "
				 "(see staff-list --format tsv | grep admin)"));
	if ((rc = sd_utf8_check_line(ctx, "login", in->login)))
		return rc;
	if (!exists && (!in->name || !in->title))
		return sd_fail(ctx, EX_USAGE,
			       _("'%s' is not staff yet; give --name and "
				 "--title to add them"),
			       in->login);
	if ((in->name && (rc = sd_utf8_check_line(ctx, "--name", in->name))) ||
	    (in->title && (rc = sd_utf8_check_line(ctx, "--title", in->title))))
		return rc;
	if (strchr(in->login, ' ') || strchr(in->login, ':'))
		return sd_fail(ctx, EX_DATAERR,
			       _("login '%s' must not contain spaces or ':'"),
			       in->login);
	if (role && sd_role_parse(role) == SD_ROLE_NONE)
		return sd_fail(ctx, EX_USAGE,
			       _("unknown role '%s'; use personal, samordnare, "
				 "enhetschef, arkivarie, admin or granskare"),
			       role);
	/* Stored as the list spells it, however it was typed. */
	if (role)
		role = sd_role_name(sd_role_parse(role));
	if (in->email && (rc = sd_utf8_check_line(ctx, "--email", in->email)))
		return rc;
	if (in->email && *in->email && !sd_mail_addr_ok(in->email))
		return sd_fail(ctx, EX_DATAERR,
			       _("bad --email '%s'; give one address "
				 "such as sara.berg@kommun.se, with no "
				 "name, comma or blank"),
			       in->email);
	if ((in->inactive || (role && strcmp(role, "admin") != 0)) &&
	    (rc = keep_an_admin(ctx, in->login)))
		return rc;
	if ((rc = sd_exec(
		     ctx,
		     "INSERT INTO staff(login, name, title, role, email, "
		     "active, added, ended) VALUES (?1, "
		     "coalesce(?2, (SELECT name FROM staff WHERE login = ?1)), "
		     "coalesce(?3, (SELECT title FROM staff WHERE login = "
		     "?1)), "
		     "coalesce(?4, (SELECT role FROM staff WHERE login = ?1)), "
		     "?5, ?6, ?7, CASE WHEN ?6 = '0' THEN ?8 END) "
		     "ON CONFLICT(login) DO UPDATE SET name = excluded.name, "
		     "title = excluded.title, role = excluded.role, "
		     "email = coalesce(excluded.email, email), "
		     "active = excluded.active, ended = excluded.ended",
		     in->login, in->name, in->title, role, in->email,
		     in->inactive ? "0" : "1", sd_clock(ctx), ctx->today_s,
		     SD_END)))
		return rc;
	sid = sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?",
			   in->login, SD_END);
	for (const char *const *u = in->units; u && *u; u++) {
		char sidbuf[32], uidbuf[32];
		if ((rc = sd_unit_add(ctx, *u, &uid)))
			return rc;
		snprintf(sidbuf, sizeof sidbuf, "%lld", sid);
		snprintf(uidbuf, sizeof uidbuf, "%lld", uid);
		if ((rc = sd_exec(ctx,
				  "INSERT OR IGNORE INTO staff_unit(staff_id, "
				  "unit_id) VALUES (?, ?)",
				  sidbuf, uidbuf, SD_END)))
			return rc;
	}
	return 0;
}

int
sd_staff_end(struct sd_ctx *ctx, const char *login, const char *date)
{
	int rc;

	if (ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       _("only an administrator may end staff"));
	if (sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?", login,
			 SD_END) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("no staff with login '%s'; see staff-list"),
			       login);
	if ((rc = keep_an_admin(ctx, login)))
		return rc;
	return sd_exec(ctx,
		       "UPDATE staff SET active = 0, ended = ? WHERE login = ?",
		       date ? date : ctx->today_s, login, SD_END);
}

int
sd_staff_list(struct sd_ctx *ctx, struct sd_table **out)
{
	return sd_staff_list_unit(ctx, NULL, out);
}

int
sd_staff_list_unit(struct sd_ctx *ctx, const char *unit, struct sd_table **out)
{
	long long u = 0;
	static const char *cols[] = {N_("login"), N_("name"),  N_("title"),
				     N_("role"),  N_("units"), N_("email"),
				     N_("active")};
	static const int flags[] = {0, 0, 0, 0, 0, 0, SD_COL_NUM};
	sqlite3_stmt *st;
	int rc;

	if (unit && (rc = sd_unit_filter(ctx, unit, &u, NULL, 0)))
		return rc;
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT s.login, s.name, s.title, s.role, "
		      "(SELECT group_concat(u.name, ',') FROM staff_unit su "
		      "JOIN unit u ON u.id = su.unit_id WHERE su.staff_id = "
		      "s.id), "
		      "s.email, s.active FROM staff s "
		      "WHERE ?1 = 0 OR s.id IN (SELECT staff_id FROM "
		      "staff_unit WHERE unit_id = ?1) "
		      "ORDER BY s.name COLLATE sv, s.login")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, u);
	*out = sd_table_new(7, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, _("cannot list staff"));
}
