/*
 * check.c - whether the database is sound: the check at open that keeps
 * every write out of a damaged file, and the plausibility of its schema
 * version.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* SQLite's words in one short line: "*** in database main ***" dropped. */
static void
one_line(char *dst, size_t n, const char *src)
{
	size_t j = 0;
	const char *p = strstr(src, "***\n");

	if (p && strncmp(src, "*** ", 4) == 0)
		src = p + 4;
	for (; *src && j + 1 < n; src++) {
		char c = (*src == '\n' || *src == '\t' || *src == '\r') ? ' '
									: *src;
		if (c == ' ' && (j == 0 || dst[j - 1] == ' '))
			continue;
		dst[j++] = c;
	}
	while (j > 0 && dst[j - 1] == ' ')
		j--;
	dst[j] = '\0';
	if (j + 1 == n && n > 4)
		memcpy(dst + n - 4, "...", 4);
}

int
sd_fail_damaged(struct sd_ctx *ctx, const char *what)
{
	if (!ctx->damaged || !ctx->damage[0]) {
		ctx->damaged = 1;
		one_line(ctx->damage, 100, what && *what ? what : "unreadable");
	}
	return sd_fail(ctx, EX_DATAERR,
		       "the database '%s' is damaged (%s): restore the latest "
		       "backup with socdok-restore; see socdok-check",
		       ctx->path, ctx->damage);
}

/* SQLite's primary result codes that mean a damaged or foreign file. */
static int
is_damage(int rc)
{
	return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Run sql on db, noting an integer result and the first row not "ok". */
static int
check_step(sqlite3 *db, const char *sql, long long *num, char *bad,
	   size_t badn)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(st, 0);
			if (num)
				*num = sqlite3_column_int64(st, 0);
			if (bad && v && strcmp(v, "ok") != 0 && !bad[0])
				snprintf(bad, badn, "%s", v);
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int
sd_db_damage_check(struct sd_ctx *ctx)
{
	sqlite3 *db = NULL;
	long long pages = 0;
	char bad[200] = "", what[200] = "";
	int rc;

	/* More checks of each b-tree page as it is read; a few per cent. */
	sqlite3_exec(ctx->db, "PRAGMA cell_size_check=ON", NULL, NULL, NULL);
	/*
	 * The check runs on a connection of its own: the command's keeps
	 * its temporary storage untouched (followup-due sets temp_store
	 * inside its transaction) and its statement cache cold.
	 */
	rc = sqlite3_open_v2(ctx->path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		rc = check_step(db, "SELECT count(*) FROM sqlite_schema", NULL,
				NULL, 0);
	}
	if (rc == SQLITE_OK)
		rc = check_step(db, "PRAGMA page_count", &pages, NULL, 0);
	if (rc == SQLITE_OK && pages <= SD_QUICK_CHECK_PAGES) {
		rc = check_step(db, "PRAGMA quick_check", NULL, bad, sizeof bad);
		/* The schema was read: what can be read may still be. */
		if (is_damage(rc) && !bad[0]) {
			snprintf(bad, sizeof bad, "%s", sqlite3_errmsg(db));
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK)
		snprintf(what, sizeof what, "%s",
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_close(db);
	if (is_damage(rc))
		/* Without a readable schema nothing can be read. */
		return sd_fail_damaged(ctx, what);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
			return sd_fail(ctx, EX_UNAVAILABLE,
				       "database '%s' is busy; try again when "
				       "the other command has finished",
				       ctx->path);
		return sd_fail(ctx, EX_IOERR, "cannot read database '%s': %s",
			       ctx->path, what);
	}
	if (bad[0]) {
		ctx->damaged = 1;
		one_line(ctx->damage, 100, bad);
		if (sqlite3_exec(ctx->db, "PRAGMA query_only=ON", NULL, NULL,
				 NULL) != SQLITE_OK)
			return sd_fail_damaged(ctx, bad);
	}
	return 0;
}

int
sd_schema_version_check(struct sd_ctx *ctx, long long have, int known,
			char *const *names, size_t n)
{
	if (have <= 0 || have > known)
		return have < 0 ? sd_fail_damaged(ctx, "no schema version")
				: 0;
	for (size_t i = 0; i < n; i++)
		if (atoi(names[i]) == have)
			return 0;
	return sd_fail(ctx, EX_CONFIG,
		       "database '%s' has schema version %lld, which no socdok "
		       "wrote; it is damaged or not a socdok database: restore "
		       "the latest backup with socdok-restore",
		       ctx->path, have);
}
