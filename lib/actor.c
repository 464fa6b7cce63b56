/*
 * actor.c - who runs the command: the login, its registration as staff,
 * and the role names.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "socdok.h"
#include "word.h"

const char *
sd_role_name(enum sd_role r)
{
	static const char *names[] = {"",           "personal",  "samordnare",
				      "enhetschef", "arkivarie", "admin",
				      "granskare"};
	return (unsigned)r < 7 ? names[r] : "";
}

enum sd_role
sd_role_parse(const char *s)
{
	/* (typed in any case, as every word of a closed list: word.h) */
	for (int r = SD_ROLE_PERSONAL; r <= SD_ROLE_GRANSKARE; r++)
		if (sd_word_eq(s, sd_role_name((enum sd_role)r)))
			return (enum sd_role)r;
	return SD_ROLE_NONE;
}

/*
 * A granskare (auditor) reads and writes nothing but the access log:
 * the one way a statement may change a table for them is the log of
 * what they read (its chains, and the newest written-at time, clock).
 * Checked by SQLite as each statement is prepared, so no command that
 * writes can forget it; the refusal is EX_NOPERM (sd_fail_db,
 * SQLITE_AUTH).
 */
static int
granskare_auth(void *arg, int action, const char *a3, const char *a4,
	       const char *db, const char *trigger)
{
	static const char *const logs[] = {
		"access_log",   "access_list",   "log_chain", "head_chain",
		"chain_record", "chain_pending", "clock"};
	(void)arg;
	(void)a4;
	(void)trigger;
	if (db && strcmp(db, "temp") == 0)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		for (size_t i = 0; i < sizeof logs / sizeof *logs; i++)
			if (a3 && strcmp(a3, logs[i]) == 0)
				return SQLITE_OK;
		if (a3 && strncmp(a3, "sqlite_", 7) == 0 &&
		    action != SQLITE_DELETE)
			return SQLITE_OK;
		return SQLITE_DENY;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_ALTER_TABLE:
	case SQLITE_ATTACH: return SQLITE_DENY;
	default: return SQLITE_OK;
	}
}

int
sd_login(struct sd_ctx *ctx)
{
	const char *env = getenv("SOCDOK_USER");
	const char *service = sd_priv_service();
	struct passwd *pw;

	ctx->uid = (long long)getuid();
	/*
	 * Without privilege a user can only fool themself: SOCDOK_USER is
	 * for tests and single-user mode.  Set-id, the login is the one the
	 * operating system authenticated (the real uid), except for the
	 * service account named at install, which acts for those it
	 * reports to.
	 */
	if (!(pw = getpwuid(getuid())))
		return sd_fail(
			ctx, EX_NOUSER,
			_("cannot find the login name of uid %ld; set up "
			  "the user account"),
			(long)getuid());
	snprintf(ctx->login, sizeof ctx->login, "%s", pw->pw_name);
	if (env && *env &&
	    (!sd_priv_setid() ||
	     (service[0] && strcmp(pw->pw_name, service) == 0)))
		snprintf(ctx->login, sizeof ctx->login, "%s", env);
	return 0;
}

int
sd_actor_load(struct sd_ctx *ctx)
{
	int rc;

	if ((rc = sd_login(ctx)))
		return rc;
	return sd_actor_load_as(ctx, ctx->login);
}

/* The logins of the active administrators, for a refused user to ask. */
static int
admin_logins(struct sd_ctx *ctx, char *buf, size_t n)
{
	if (sd_query_text(ctx, buf, n,
			  "SELECT group_concat(login, ', ') FROM (SELECT login "
			  "FROM staff WHERE role = 'admin' AND active "
			  "ORDER BY login)",
			  SD_END) > 1)
		return ctx->err.code;
	if (!buf[0])
		snprintf(buf, n, "%s", _("none is active"));
	return 0;
}

int
sd_actor_load_as(struct sd_ctx *ctx, const char *login)
{
	sqlite3_stmt *st;
	char admins[256];
	int rc;

	if (login != ctx->login)
		snprintf(ctx->login, sizeof ctx->login, "%s", login);
	if (!(st = sd_prepare(ctx,
			      "SELECT id, login, name, title, role, active "
			      "FROM staff WHERE login = ?")))
		return ctx->err.code;
	sd_bind_text(st, 1, ctx->login);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || !sqlite3_column_int(st, 5)) {
		int gone = rc == SQLITE_ROW; /* registered, no longer active */

		sd_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return sd_fail_db(ctx, _("cannot look up staff"));
		if ((rc = admin_logins(ctx, admins, sizeof admins)))
			return rc;
		if (gone)
			return sd_fail(ctx, EX_NOPERM,
				       _("user '%s' is no longer active staff; "
					 "ask an administrator (%s) to "
					 "re-activate you with staff-add"),
				       ctx->login, admins);
		return sd_fail(
			ctx, EX_NOPERM,
			_("user '%s' is not registered staff; ask an "
			  "administrator (%s) to add you with 'staff-add "
			  "%s --name NAME --title TITLE --unit UNIT'"),
			ctx->login, admins, ctx->login);
	}
	ctx->me.id = sqlite3_column_int64(st, 0);
	snprintf(ctx->me.login, sizeof ctx->me.login, "%s", sd_col(st, 1));
	snprintf(ctx->me.name, sizeof ctx->me.name, "%s", sd_col(st, 2));
	snprintf(ctx->me.title, sizeof ctx->me.title, "%s", sd_col(st, 3));
	ctx->me.role = sd_role_parse(sd_col(st, 4));
	sd_finalize(st);
	if (ctx->me.role == SD_ROLE_GRANSKARE)
		sqlite3_set_authorizer(ctx->db, granskare_auth, NULL);
	return 0;
}

int
sd_actor_all_units(const struct sd_ctx *ctx)
{
	return ctx->me.role == SD_ROLE_ADMIN ||
	       ctx->me.role == SD_ROLE_ARKIVARIE ||
	       ctx->me.role == SD_ROLE_GRANSKARE;
}

void
sd_actor_bind(const struct sd_ctx *ctx, sqlite3_stmt *st, int n)
{
	sqlite3_bind_int(st, n, sd_actor_all_units(ctx));
	sqlite3_bind_int64(st, n + 1, ctx->me.id);
}

void
sd_actor_bind_author(struct sd_ctx *ctx, sqlite3_stmt *st, int n)
{
	sd_bind_text(st, n, sd_clock(ctx));
	sd_bind_text(st, n + 1, ctx->me.login);
	sd_bind_text(st, n + 2, ctx->me.name);
	sd_bind_text(st, n + 3, ctx->me.title);
}
