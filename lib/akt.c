/*
 * akt.c - staff, units, persons, akter and insatser.
 *
 * Access: a user works with the akter of their own unit(s); an admin or
 * arkivarie may see all.  Every refusal names the reason.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "journal.h"

/* A one-line field: no control characters (they would break the hash format). */
static int
check_line(struct sd_ctx *ctx, const char *what, const char *s)
{
	if (!s || !*s)
		return sd_fail(ctx, EX_USAGE, "%s must not be empty", what);
	if (!sd_utf8_valid(s, strlen(s)))
		return sd_fail(ctx, EX_DATAERR, "%s '%s' is not valid UTF-8",
			       what, s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return sd_fail(ctx, EX_DATAERR,
				       "%s must be one line without control "
				       "characters",
				       what);
	return 0;
}

static int
unit_get(struct sd_ctx *ctx, const char *name, long long *id, int create)
{
	long long v = sd_query_int(ctx, "SELECT id FROM unit WHERE name = ?",
				   name, SD_END);
	int rc;

	if (v > 0) {
		*id = v;
		return 0;
	}
	if (!create)
		return -1;
	if ((rc = check_line(ctx, "unit", name)) ||
	    (rc = sd_exec(ctx, "INSERT INTO unit(name) VALUES (?)", name, SD_END)))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	return 0;
}

int
sd_unit_find(struct sd_ctx *ctx, const char *name, long long *id)
{
	char list[1024];

	if (unit_get(ctx, name, id, 0) == 0)
		return 0;
	if (sd_query_text(ctx, list, sizeof list,
			  "SELECT group_concat(name, ', ') FROM "
			  "(SELECT name FROM unit ORDER BY name COLLATE sv)", SD_END) > 1)
		return ctx->err.code;
	return sd_fail(ctx, EX_DATAERR,
		       "unknown unit '%s'; known units: %s (an administrator "
		       "adds units with staff-add --unit)",
		       name, list[0] ? list : "none");
}

/* Refuse to end or demote the last active administrator (a lock-out). */
static int
keep_an_admin(struct sd_ctx *ctx, const char *login)
{
	if (sd_query_int(ctx,
			 "SELECT 1 FROM staff WHERE login = ? AND role = 'admin' "
			 "AND active",
			 login, SD_END) != 1 ||
	    sd_query_int(ctx,
			 "SELECT count(*) FROM staff WHERE role = 'admin' AND "
			 "active AND login <> ?",
			 login, SD_END) > 0)
		return 0;
	return sd_fail(ctx, EX_DATAERR,
		       "'%s' is the last active administrator; make another "
		       "one first (staff-add LOGIN ... --role admin), or "
		       "nobody could add staff again",
		       login);
}

int
sd_staff_add(struct sd_ctx *ctx, const struct sd_staff_in *in)
{
	const char *role = in->role ? in->role : "personal";
	char now[21];
	long long sid, uid;
	int rc;

	if (ctx->me.id && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       "only an administrator may add staff; ask one "
			       "(see staff-list --format tsv | grep admin)");
	if ((rc = check_line(ctx, "login", in->login)) ||
	    (rc = check_line(ctx, "--name", in->name)) ||
	    (rc = check_line(ctx, "--title", in->title)))
		return rc;
	if (strchr(in->login, ' ') || strchr(in->login, ':'))
		return sd_fail(ctx, EX_DATAERR,
			       "login '%s' must not contain spaces or ':'",
			       in->login);
	if (sd_role_parse(role) == SD_ROLE_NONE)
		return sd_fail(ctx, EX_USAGE,
			       "unknown role '%s'; use personal, samordnare, "
			       "enhetschef, arkivarie or admin",
			       role);
	if (in->email && (rc = check_line(ctx, "--email", in->email)))
		return rc;
	if ((in->inactive || strcmp(role, "admin") != 0) &&
	    (rc = keep_an_admin(ctx, in->login)))
		return rc;
	if ((rc = sd_exec(ctx,
			  "INSERT INTO staff(login, name, title, role, email, "
			  "active, added, ended) VALUES (?1, ?2, ?3, ?4, ?5, "
			  "?6, ?7, CASE WHEN ?6 = '0' THEN ?8 END) "
			  "ON CONFLICT(login) DO UPDATE SET name = excluded.name, "
			  "title = excluded.title, role = excluded.role, "
			  "email = coalesce(excluded.email, email), "
			  "active = excluded.active, ended = excluded.ended",
			  in->login, in->name, in->title, role, in->email,
			  in->inactive ? "0" : "1", sd_now(now), ctx->today_s, SD_END)))
		return rc;
	sid = sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?",
			   in->login, SD_END);
	for (const char *const *u = in->units; u && *u; u++) {
		char sidbuf[32], uidbuf[32];
		if ((rc = unit_get(ctx, *u, &uid, 1)))
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
			       "only an administrator may end staff");
	if (sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?", login, SD_END) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "no staff with login '%s'; see staff-list", login);
	if ((rc = keep_an_admin(ctx, login)))
		return rc;
	return sd_exec(ctx,
		       "UPDATE staff SET active = 0, ended = ? WHERE login = ?",
		       date ? date : ctx->today_s, login, SD_END);
}

int
sd_staff_list(struct sd_ctx *ctx, struct sd_table **out)
{
	static const char *cols[] = {"login", "name",  "title", "role",
				     "units", "email", "active"};
	static const int flags[] = {0, 0, 0, 0, 0, 0, SD_COL_NUM};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(
		  ctx, "SELECT s.login, s.name, s.title, s.role, "
		       "(SELECT group_concat(u.name, ',') FROM staff_unit su "
		       "JOIN unit u ON u.id = su.unit_id WHERE su.staff_id = s.id), "
		       "s.email, s.active FROM staff s "
		       "ORDER BY s.name COLLATE sv, s.login")))
		return ctx->err.code;
	*out = sd_table_new(7, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, "cannot list staff");
}

int
sd_may_see_unit(struct sd_ctx *ctx, long long unit_id)
{
	char uid[32], sid[32];

	if (ctx->me.role == SD_ROLE_ADMIN || ctx->me.role == SD_ROLE_ARKIVARIE)
		return 1;
	snprintf(uid, sizeof uid, "%lld", unit_id);
	snprintf(sid, sizeof sid, "%lld", ctx->me.id);
	return sd_query_int(ctx,
			    "SELECT 1 FROM staff_unit WHERE staff_id = ? AND "
			    "unit_id = ?",
			    sid, uid, SD_END) == 1;
}

#define AKT_SELECT                                                             \
	"SELECT a.id, a.person_id, a.unit_id, a.kontaktperson, p.pnr, "        \
	"p.name, p.birth_day, u.name, a.regime, k.login, k.name, a.opened, "  \
	"a.closed FROM akt a JOIN person p ON p.id = a.person_id "            \
	"JOIN unit u ON u.id = a.unit_id "                                    \
	"LEFT JOIN staff k ON k.id = a.kontaktperson "

static void
akt_from_row(sqlite3_stmt *st, struct sd_akt *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->person_id = sqlite3_column_int64(st, 1);
	a->unit_id = sqlite3_column_int64(st, 2);
	a->kontaktperson = sqlite3_column_int64(st, 3);
	snprintf(a->pnr, sizeof a->pnr, "%s", sd_col(st, 4));
	snprintf(a->name, sizeof a->name, "%s", sd_col(st, 5));
	a->birth_day = sqlite3_column_int(st, 6);
	snprintf(a->unit, sizeof a->unit, "%s", sd_col(st, 7));
	snprintf(a->regime, sizeof a->regime, "%s", sd_col(st, 8));
	snprintf(a->kp_login, sizeof a->kp_login, "%s", sd_col(st, 9));
	snprintf(a->kp_name, sizeof a->kp_name, "%s", sd_col(st, 10));
	snprintf(a->opened, sizeof a->opened, "%s", sd_col(st, 11));
	snprintf(a->closed, sizeof a->closed, "%s", sd_col(st, 12));
}

int
sd_akt_load(struct sd_ctx *ctx, long long id, struct sd_akt *out)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, AKT_SELECT "WHERE a.id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		akt_from_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read akt");
	return sd_fail(ctx, EX_NOINPUT, "no akt %lld; see akt-list", id);
}

static int
check_access(struct sd_ctx *ctx, const struct sd_akt *a)
{
	if (sd_may_see_unit(ctx, a->unit_id))
		return 0;
	return sd_fail(ctx, EX_NOPERM,
		       "akt %lld belongs to unit '%s', which is not yours; ask "
		       "an administrator to add you to it",
		       a->id, a->unit);
}

int
sd_akt_check_write(struct sd_ctx *ctx, const struct sd_akt *a)
{
	int rc;

	if ((rc = check_access(ctx, a)))
		return rc;
	if (ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       "an arkivarie may read akt %lld but not change "
			       "it; ask the staff of unit '%s'",
			       a->id, a->unit);
	return 0;
}

/*
 * An akt by id (any), or the one open (closed 0) or closed (closed 1) akt
 * of a personnummer that the actor may see.
 */
static int
akt_find(struct sd_ctx *ctx, const char *ref, int closed, struct sd_akt *out)
{
	const char *state = closed ? "closed" : "open";
	long long id;
	struct sd_pnr p;
	sqlite3_stmt *st;
	int rc, n = 0, hidden = 0;

	if (strlen(ref) < 10 && sd_num_parse(NULL, "akt id", ref, SD_ID_MIN, SD_ID_MAX, &id) == 0) {
		if ((rc = sd_akt_load(ctx, id, out)))
			return rc;
		return check_access(ctx, out);
	}
	if ((rc = sd_pnr_parse(ctx, ref, &p))) {
		/* The reason is in ctx->err.msg, which sd_fail overwrites. */
		char why[sizeof ctx->err.msg];
		snprintf(why, sizeof why, "%s", ctx->err.msg);
		return sd_fail(ctx, EX_USAGE,
			       "'%s' is neither an akt id nor a valid "
			       "personnummer (%s)",
			       ref, why);
	}
	if (!(st = sd_prepare(ctx, closed ? AKT_SELECT "WHERE p.pnr = ? AND "
						       "a.closed IS NOT NULL "
						       "ORDER BY a.id"
					  : AKT_SELECT "WHERE p.pnr = ? AND "
						       "a.closed IS NULL ORDER "
						       "BY a.id")))
		return ctx->err.code;
	sd_bind_text(st, 1, p.canon);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_akt a;
		akt_from_row(st, &a);
		if (!sd_may_see_unit(ctx, a.unit_id)) {
			hidden++;
			continue;
		}
		if (n++ == 0)
			*out = a;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot find akt");
	if (n == 1)
		return 0;
	if (n > 1)
		return sd_fail(ctx, EX_USAGE,
			       "%s has %d %s akter; name one by its id (see "
			       "akt-list%s)",
			       ref, n, state, closed ? " --closed" : "");
	if (hidden)
		return sd_fail(ctx, EX_NOPERM,
			       "the %s akt of %s belongs to a unit that is "
			       "not yours",
			       state, ref);
	return sd_fail(ctx, EX_NOINPUT, "no %s akt for %s; see akt-list", state,
		       ref);
}

int
sd_akt_find(struct sd_ctx *ctx, const char *ref, struct sd_akt *out)
{
	return akt_find(ctx, ref, 0, out);
}

int
sd_akt_find_closed(struct sd_ctx *ctx, const char *ref, struct sd_akt *out)
{
	return akt_find(ctx, ref, 1, out);
}

int
sd_akt_check_open(struct sd_ctx *ctx, const struct sd_akt *a)
{
	if (!a->closed[0])
		return 0;
	return sd_fail(ctx, EX_DATAERR,
		       "akt %lld is closed (since %s); reopen it with "
		       "akt-reopen or write in another akt",
		       a->id, a->closed);
}

int
sd_akt_new(struct sd_ctx *ctx, const struct sd_akt_in *in, long long *id)
{
	struct sd_pnr p;
	long long unit = 0, person, kp = 0;
	const char *regime = in->regime ? in->regime : "SoL";
	const char *opened = in->opened ? in->opened : ctx->today_s;
	char now[21], bd[8], buf[256];
	sqlite3_stmt *st;
	int rc, day;

	if ((rc = sd_pnr_parse(ctx, in->pnr, &p)) ||
	    (rc = check_line(ctx, "--name", in->name)))
		return rc;
	if (strcmp(regime, "SoL") && strcmp(regime, "LSS"))
		return sd_fail(ctx, EX_USAGE,
			       "unknown regime '%s'; use SoL or LSS", regime);
	if ((rc = sd_date_opt(ctx, "--opened", opened, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "--opened %s is in the future (today is %s)",
			       opened, ctx->today_s);
	if ((rc = sd_unit_find(ctx, in->unit, &unit)))
		return rc;
	if (!sd_may_see_unit(ctx, unit) || ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       "you may not open akter at unit '%s'; ask an "
			       "administrator to add you to it",
			       in->unit);
	if (in->kontaktperson) {
		char u[32];
		snprintf(u, sizeof u, "%lld", unit);
		kp = sd_query_int(ctx,
				  "SELECT s.id FROM staff s JOIN staff_unit su "
				  "ON su.staff_id = s.id WHERE s.login = ? AND "
				  "su.unit_id = ? AND s.active",
				  in->kontaktperson, u, SD_END);
		if (kp <= 0)
			return sd_fail(ctx, EX_DATAERR,
				       "kontaktperson '%s' is not active staff "
				       "at unit '%s'; see staff-list",
				       in->kontaktperson, in->unit);
	}
	/* One person, one row: the name is updated to the latest given. */
	snprintf(bd, sizeof bd, "%d", p.birth_day);
	if ((rc = sd_exec(ctx,
			  "INSERT INTO person(pnr, name, birth_day) VALUES "
			  "(?, ?, ?) ON CONFLICT(pnr) DO UPDATE SET name = "
			  "excluded.name",
			  p.canon, in->name, bd, SD_END)))
		return rc;
	person = sd_query_int(ctx, "SELECT id FROM person WHERE pnr = ?",
			      p.canon, SD_END);
	if (!(st = sd_prepare(ctx, "SELECT id, opened FROM akt WHERE person_id = "
				   "? AND unit_id = ? AND closed IS NULL")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, unit);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, sizeof buf,
			 "%s already has an open akt at '%s': akt %lld (opened "
			 "%s); write in it, or close it first with akt-close",
			 sd_pnr_display(p.canon, (char[14]){0}), in->unit,
			 (long long)sqlite3_column_int64(st, 0), sd_col(st, 1));
		sqlite3_finalize(st);
		return sd_fail(ctx, EX_DATAERR, "%s", buf);
	}
	sqlite3_finalize(st);
	/*
	 * Never the id of an akt that gallra purged: the gallringslogg names
	 * purged akter by id, and SQLite would hand the highest one out again.
	 */
	if (!(st = sd_prepare(ctx, "INSERT INTO akt(id, person_id, unit_id, "
				   "regime, kontaktperson, opened, created_at, "
				   "created_by) VALUES (max(coalesce((SELECT "
				   "max(id) FROM akt), 0), coalesce((SELECT "
				   "CAST(value AS INTEGER) FROM setting WHERE "
				   "key = 'akt_id_purged'), 0)) + 1, "
				   "?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, unit);
	sd_bind_text(st, 3, regime);
	if (kp)
		sqlite3_bind_int64(st, 4, kp);
	sd_bind_text(st, 5, opened);
	sd_bind_text(st, 6, sd_now(now));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot create akt");
	*id = sqlite3_last_insert_rowid(ctx->db);
	snprintf(buf, sizeof buf, "opened akt at unit '%s'", in->unit);
	return sd_log_access(ctx, *id, buf);
}

int
sd_akt_list(struct sd_ctx *ctx, const char *unit, int open,
	    struct sd_table **out)
{
	static const char *cols[] = {"akt",	 "personnummer", "name",
				     "unit",	 "regime",	 "kontaktperson",
				     "opened", "closed"};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT, 0, 0, 0, 0, 0, 0,
				    0};
	long long uid = 0;
	sqlite3_stmt *st;
	int rc;
	char sid[32], what[256];

	if (unit && (rc = sd_unit_find(ctx, unit, &uid)))
		return rc;
	snprintf(sid, sizeof sid, "%lld", ctx->me.id);
	if (!(st = sd_prepare(
		  ctx,
		  "SELECT a.id, substr(p.pnr, 1, 8) || '-' || substr(p.pnr, 9), "
		  "p.name, u.name, a.regime, k.login, a.opened, a.closed "
		  "FROM akt a JOIN person p ON p.id = a.person_id "
		  "JOIN unit u ON u.id = a.unit_id "
		  "LEFT JOIN staff k ON k.id = a.kontaktperson "
		  "WHERE (?1 = 0 OR a.unit_id = ?1) "
		  "AND (?2 < 0 OR (?2 = 1) = (a.closed IS NULL)) "
		  "AND (?3 OR a.unit_id IN (SELECT unit_id FROM staff_unit "
		  "WHERE staff_id = ?4)) "
		  "ORDER BY p.name COLLATE sv, a.id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int(st, 2, open);
	sqlite3_bind_int(st, 3, ctx->me.role == SD_ROLE_ADMIN ||
				    ctx->me.role == SD_ROLE_ARKIVARIE);
	sqlite3_bind_int64(st, 4, ctx->me.id);
	*out = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sqlite3_finalize(st);
	(void)sid;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot list akter");
	snprintf(what, sizeof what, "listed %d akter%s%s%s%s",
		 sd_table_rows(*out), open < 0 ? "" : open ? " (open)" : " (closed)",
		 unit ? " of unit '" : "", unit ? unit : "", unit ? "'" : "");
	return sd_log_access(ctx, 0, what);
}

int
sd_insats_table(struct sd_ctx *ctx, long long akt, struct sd_table **out)
{
	static const char *cols[] = {"insats",  "kind",    "decided",
				     "ordered", "started", "ended",
				     "handlaggare", "goal"};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT, 0, 0, 0, 0, 0, 0,
				    0};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT id, kind, decided, ordered, started, "
				   "ended, handlaggare, goal FROM insats WHERE "
				   "akt_id = ? ORDER BY decided, id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	*out = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, "cannot list insatser");
}

int
sd_insats_add(struct sd_ctx *ctx, const struct sd_insats_in *in, long long *id)
{
	struct sd_akt a;
	char **kinds;
	char list[1024], now[21];
	int rc, dd, od;
	sqlite3_stmt *st;

	if ((rc = sd_akt_load(ctx, in->akt, &a)) ||
	    (rc = sd_akt_check_write(ctx, &a)) ||
	    (rc = sd_akt_check_open(ctx, &a)))
		return rc;
	if (!(kinds = sd_list_load(ctx, "insatser.txt")))
		return ctx->err.code;
	if (!in->kind || !sd_list_has(kinds, in->kind)) {
		sd_list_join(kinds, ", ", list, sizeof list);
		sd_list_free(kinds);
		return sd_fail(ctx, EX_DATAERR,
			       "unknown insats kind '%s'; use one of: %s",
			       in->kind ? in->kind : "", list);
	}
	sd_list_free(kinds);
	if (!in->decided)
		return sd_fail(ctx, EX_USAGE,
			       "the decision date is missing; give --decided "
			       "YYYY-MM-DD");
	if ((rc = sd_date_opt(ctx, "--decided", in->decided, &dd)))
		return rc;
	if (dd > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "--decided %s is in the future (today is %s)",
			       in->decided, ctx->today_s);
	if (in->ordered) {
		if ((rc = sd_date_opt(ctx, "--ordered", in->ordered, &od)))
			return rc;
		if (od < dd)
			return sd_fail(ctx, EX_DATAERR,
				       "--ordered %s is before the decision "
				       "(%s); an order follows its beslut",
				       in->ordered, in->decided);
		if (od > ctx->today)
			return sd_fail(ctx, EX_DATAERR,
				       "--ordered %s is in the future (today "
				       "is %s)",
				       in->ordered, ctx->today_s);
	}
	if (in->handlaggare && (rc = check_line(ctx, "--handlaggare",
						in->handlaggare)))
		return rc;
	if (in->goal && !sd_utf8_valid(in->goal, strlen(in->goal)))
		return sd_fail(ctx, EX_DATAERR, "--goal is not valid UTF-8");
	if (!(st = sd_prepare(ctx, "INSERT INTO insats(akt_id, kind, decided, "
				   "ordered, handlaggare, goal, created_at, "
				   "created_by) VALUES (?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, in->akt);
	sd_bind_text(st, 2, in->kind);
	sd_bind_text(st, 3, in->decided);
	sd_bind_text(st, 4, in->ordered);
	sd_bind_text(st, 5, in->handlaggare);
	sd_bind_text(st, 6, in->goal);
	sd_bind_text(st, 7, sd_now(now));
	sqlite3_bind_int64(st, 8, ctx->me.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot add insats");
	*id = sqlite3_last_insert_rowid(ctx->db);
	snprintf(list, sizeof list, "added insats %lld (%s, beslut %s)", *id,
		 in->kind, in->decided);
	return sd_log_access(ctx, in->akt, list);
}

int
sd_insats_akt(struct sd_ctx *ctx, long long insats, struct sd_akt *out)
{
	char ins[32];
	long long akt;
	int rc;

	snprintf(ins, sizeof ins, "%lld", insats);
	akt = sd_query_int(ctx, "SELECT akt_id FROM insats WHERE id = ?", ins, SD_END);
	if (akt <= 0)
		return sd_fail(ctx, EX_NOINPUT,
			       "no insats %lld; see akt-show for the insatser "
			       "of an akt",
			       insats);
	if ((rc = sd_akt_load(ctx, akt, out)))
		return rc;
	return check_access(ctx, out);
}

/* The insats's kind, decided, started and ended dates. */
static int
insats_row(struct sd_ctx *ctx, long long id, char kind[64], char dec[11],
	   char start[11], char end[11])
{
	sqlite3_stmt *st;

	if (!(st = sd_prepare(ctx, "SELECT kind, decided, started, ended FROM "
				   "insats WHERE id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sd_fail(ctx, EX_NOINPUT, "no insats %lld", id);
	}
	snprintf(kind, 64, "%s", sd_col(st, 0));
	snprintf(dec, 11, "%s", sd_col(st, 1));
	snprintf(start, 11, "%s", sd_col(st, 2));
	snprintf(end, 11, "%s", sd_col(st, 3));
	sqlite3_finalize(st);
	return 0;
}

/*
 * The insats id to start or end on date (NULL: today): its akt, writable
 * and open, its row, and the date well formed (*date and *day set).
 */
static int
insats_change(struct sd_ctx *ctx, long long id, const char **date,
	      struct sd_akt *a, char kind[64], char dec[11], char start[11],
	      char end[11], int *day)
{
	int rc;

	*date = *date ? *date : ctx->today_s;
	if ((rc = sd_insats_akt(ctx, id, a)) ||
	    (rc = sd_akt_check_write(ctx, a)) ||
	    (rc = sd_akt_check_open(ctx, a)) ||
	    (rc = insats_row(ctx, id, kind, dec, start, end)))
		return rc;
	return sd_date_opt(ctx, "--date", *date, day);
}

/* The note of an insats start or end, then the access log line. */
static int
insats_note(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	    const char *category, const char *body, const char *what)
{
	struct sd_note_in n = {0};
	int rc;

	n.akt = a->id;
	n.event_date = date;
	n.category = category;
	n.body = body;
	if ((rc = sd_journal_append(ctx, &n, NULL, NULL)))
		return rc;
	return sd_log_access(ctx, a->id, what);
}

int
sd_insats_start(struct sd_ctx *ctx, long long id, const char *date)
{
	struct sd_akt a;
	char kind[64], dec[11], start[11], end[11], idbuf[32], body[256],
		what[64];
	int rc, day;

	if ((rc = insats_change(ctx, id, &date, &a, kind, dec, start, end,
				&day)))
		return rc;
	if (start[0])
		return sd_fail(ctx, EX_DATAERR,
			       "insats %lld was already started on %s", id,
			       start);
	if (strcmp(date, dec) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "start %s is before the decision (%s); an "
			       "insats cannot start before its beslut",
			       date, dec);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "start %s is in the future (today is %s); "
			       "record verkställighet when it has happened",
			       date, ctx->today_s);
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if ((rc = sd_exec(ctx, "UPDATE insats SET started = ? WHERE id = ?",
			  date, idbuf, SD_END)))
		return rc;
	snprintf(body, sizeof body, "Insatsen %s (insats %lld, beslut %s) "
				    "verkställdes %s.",
		 kind, id, dec, date);
	snprintf(what, sizeof what, "started insats %lld on %s", id, date);
	return insats_note(ctx, &a, date, "påbörjad-insats", body, what);
}

int
sd_insats_end(struct sd_ctx *ctx, long long id, const char *date,
	      const char *reason)
{
	struct sd_akt a;
	char kind[64], dec[11], start[11], end[11], idbuf[32], what[64];
	struct sd_buf body;
	int rc, day;

	if ((rc = insats_change(ctx, id, &date, &a, kind, dec, start, end,
				&day)))
		return rc;
	if (end[0])
		return sd_fail(ctx, EX_DATAERR, "insats %lld already ended on %s",
			       id, end);
	if (!start[0])
		return sd_fail(ctx, EX_DATAERR,
			       "insats %lld was never started; record its "
			       "start with insats-start first",
			       id);
	if (strcmp(date, start) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "end %s is before the start (%s); check the date",
			       date, start);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "end %s is in the future (today is %s)", date,
			       ctx->today_s);
	if (reason && !sd_utf8_valid(reason, strlen(reason)))
		return sd_fail(ctx, EX_DATAERR, "--reason is not valid UTF-8");
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if ((rc = sd_exec(ctx,
			  "UPDATE insats SET ended = ?, end_reason = ? WHERE id = ?",
			  date, reason, idbuf, SD_END)))
		return rc;
	sd_buf_init(&body);
	sd_buf_printf(&body, "Insatsen %s (insats %lld, verkställd %s) "
			     "avslutades %s.",
		      kind, id, start, date);
	if (reason && *reason)
		sd_buf_printf(&body, " Skäl: %s", reason);
	snprintf(what, sizeof what, "ended insats %lld on %s", id, date);
	rc = insats_note(ctx, &a, date, "avslutad-insats", body.s, what);
	sd_buf_free(&body);
	return rc;
}

int
sd_akt_show(struct sd_ctx *ctx, const struct sd_akt *a, enum sd_format fmt,
	    FILE *f)
{
	struct sd_table *ins = NULL;
	char pnr[14], akt[32];
	int rc;

	if ((rc = sd_insats_table(ctx, a->id, &ins)))
		return rc;
	sd_pnr_display(a->pnr, pnr);
	snprintf(akt, sizeof akt, "%lld", a->id);
	if (fmt == SD_FMT_JSON) {
		struct sd_buf b;
		sd_buf_init(&b);
		sd_buf_printf(&b, "{\"akt\": %lld, \"personnummer\": ", a->id);
		sd_json_quote(ctx, &b, pnr);
		sd_buf_puts(&b, ", \"name\": ");
		sd_json_quote(ctx, &b, a->name);
		sd_buf_puts(&b, ", \"unit\": ");
		sd_json_quote(ctx, &b, a->unit);
		sd_buf_puts(&b, ", \"regime\": ");
		sd_json_quote(ctx, &b, a->regime);
		sd_buf_puts(&b, ", \"kontaktperson\": ");
		sd_json_quote(ctx, &b, a->kp_login[0] ? a->kp_login : NULL);
		sd_buf_puts(&b, ", \"opened\": ");
		sd_json_quote(ctx, &b, a->opened);
		sd_buf_puts(&b, ", \"closed\": ");
		sd_json_quote(ctx, &b, a->closed[0] ? a->closed : NULL);
		sd_buf_puts(&b, ", \"insatser\": ");
		fputs(b.s, f);
		sd_buf_free(&b);
		rc = sd_table_print(ctx, ins, f, SD_FMT_JSON);
		fputs("}\n", f);
	} else if (fmt == SD_FMT_TEXT) {
		fprintf(f, "akt:            %lld\n", a->id);
		fprintf(f, "person:         %s\n", a->name);
		fprintf(f, "personnummer:   %s\n", pnr);
		fprintf(f, "unit:           %s\n", a->unit);
		fprintf(f, "regime:         %s\n", a->regime);
		if (a->kp_login[0])
			fprintf(f, "kontaktperson:  %s (%s)\n", a->kp_name,
				a->kp_login);
		else
			fprintf(f, "kontaktperson:  -\n");
		fprintf(f, "opened:         %s\n", a->opened);
		fprintf(f, "closed:         %s\n", a->closed[0] ? a->closed : "-");
		if (sd_table_rows(ins)) {
			fputc('\n', f);
			rc = sd_table_print(ctx, ins, f, SD_FMT_TEXT);
		}
	} else {
		/* TSV/CSV: the insatser, one per line, with the akt id first. */
		rc = sd_table_print(ctx, ins, f, fmt);
	}
	sd_table_free(ins);
	if (rc)
		return rc;
	return sd_log_access(ctx, a->id, "read akt");
}

int
sd_audit_list(struct sd_ctx *ctx, const char *since, const char *until,
	      const char *user, long long akt, struct sd_table **out)
{
	static const char *cols[] = {"at", "login", "program", "akt", "what"};
	static const int flags[] = {0, 0, 0, SD_COL_NUM | SD_COL_RIGHT, 0};
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
		  "ORDER BY l.id")))
		return ctx->err.code;
	sd_bind_text(st, 1, since);
	sd_bind_text(st, 2, until);
	sd_bind_text(st, 3, user);
	sqlite3_bind_int64(st, 4, akt);
	sqlite3_bind_int(st, 5, ctx->me.role == SD_ROLE_ADMIN);
	sqlite3_bind_int64(st, 6, ctx->me.id);
	*out = sd_table_new(5, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the access log");
	return sd_log_access(ctx, akt, "read the access log");
}
