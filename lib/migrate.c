/*
 * migrate.c - the schema migrations: share/schema/NNNN-*.sql, run in
 * order of number when the database does not hold them yet, recorded
 * in schema_migration.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "check.h"
#include "migrate.h"
#include "socdok.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The identifier at p (lower case, digits, _) into out; its length. */
static size_t
ident(const char *p, char *out, size_t size)
{
	size_t n = 0;

	while (n + 1 < size && (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') ||
				(p[n] >= '0' && p[n] <= '9')))
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

/*
 * The first thing a migration's SQL makes, at the start of a line: a
 * table (CREATE TABLE: into table, column empty) or a column (ALTER
 * TABLE t ADD COLUMN c: both); both empty when it makes neither.  How a
 * database from before schema_migration shows whether a migration
 * numbered below its version was applied.
 */
static void
first_object(const char *sql, char *table, char *column, size_t size)
{
	static const char create[] = "CREATE TABLE ", alter[] = "ALTER TABLE ";
	const char *p;

	table[0] = column[0] = '\0';
	for (p = sql; *p; p++) {
		if (p != sql && p[-1] != '\n')
			continue;
		if (strncmp(p, create, strlen(create)) == 0) {
			p += strlen(create);
			if (strncmp(p, "IF NOT EXISTS ", 14) == 0)
				p += 14;
			ident(p, table, size);
			return;
		}
		if (strncmp(p, alter, strlen(alter)) == 0) {
			p += strlen(alter);
			p += ident(p, table, size);
			if (strncmp(p, " ADD COLUMN ", 12) == 0)
				ident(p + 12, column, size);
			else
				table[0] = '\0';
			return;
		}
	}
}

/*
 * Each table a migration adds a column to (a line "ALTER TABLE t ADD
 * COLUMN c"), to sd_chain_requeue: an existing database's rows of a kind
 * of record are recorded again as they now render.
 */
static int
requeue_altered(struct sd_ctx *ctx, const char *sql)
{
	static const char alter[] = "ALTER TABLE ";
	char table[128];
	int rc = 0;

	for (const char *p = sql; *p && !rc; p++) {
		if ((p != sql && p[-1] != '\n') ||
		    strncmp(p, alter, strlen(alter)) != 0)
			continue;
		p += strlen(alter);
		p += ident(p, table, sizeof table);
		if (strncmp(p, " ADD COLUMN ", 12) == 0)
			rc = sd_chain_requeue(ctx, table);
	}
	return rc;
}

/*
 * Which migrations of names[] the database holds, into applied[]: the
 * table schema_migration; for a database from before it, every number
 * up to its version whose first table exists (issues work in parallel on
 * number ranges, so a migration can land on main after higher numbers:
 * 0080 after 0140).  A version the recorded migrations contradict is a
 * damaged file.  tracked: the table schema_migration exists.
 */
static int
migrations_applied(struct sd_ctx *ctx, const char *dirpath, char **names,
		   size_t n, long long have, int tracked, char *applied)
{
	sqlite3_stmt *st;
	long long top = 0;
	int rc;

	memset(applied, 0, n);
	if (have <= 0)
		return 0;
	if (tracked) {
		if (!(st = sd_prepare(ctx, "SELECT num FROM schema_migration")))
			return ctx->err.code;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int num = sqlite3_column_int(st, 0);
			if (num > top)
				top = num;
			for (size_t i = 0; i < n; i++)
				if (atoi(names[i]) == num)
					applied[i] = 1;
		}
		sd_finalize(st);
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, _("cannot read the migrations"));
		if (top != have)
			return sd_fail(ctx, EX_CONFIG,
				       _("database '%s' says schema version "
					 "%lld but holds the migrations up to "
					 "%lld; it is damaged or not from "
					 "socdok: restore the latest backup "
					 "with socdok-restore"),
				       ctx->path, have, top);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char path[4096 + 300], table[128], column[128];
		char *sql;

		if (atoi(names[i]) > have)
			continue;
		snprintf(path, sizeof path, "%s/%s", dirpath, names[i]);
		if (!(sql = sd_read_file(ctx, path, NULL)))
			return ctx->err.code;
		first_object(sql, table, column, sizeof table);
		free(sql);
		if (!table[0])
			applied[i] = 1;
		else if (column[0])
			applied[i] = sd_query_int(ctx,
						  "SELECT count(*) FROM "
						  "pragma_table_info(?) "
						  "WHERE name = ?",
						  table, column, SD_END) > 0;
		else
			applied[i] = sd_query_int(ctx,
						  "SELECT count(*) FROM "
						  "sqlite_schema WHERE type = "
						  "'table' AND name = ?",
						  table, SD_END) > 0;
	}
	return 0;
}

int
sd_migrate(struct sd_ctx *ctx)
{
	char dirpath[4096];
	DIR *dir;
	struct dirent *de;
	char **names = NULL, *applied = NULL;
	size_t n = 0, todo = 0;
	int known = 0, rc = 0, tracked;

	sd_share_path("schema", dirpath, sizeof dirpath);
	if (!(dir = opendir(dirpath)))
		return sd_fail(
			ctx, EX_CONFIG,
			_("cannot open the schema directory '%s': %s; set "
			  "SOCDOK_SHARE or reinstall"),
			dirpath, strerror(errno));
	while ((de = readdir(dir))) {
		size_t l = strlen(de->d_name);
		if (l < 9 || strcmp(de->d_name + l - 4, ".sql") != 0 ||
		    strspn(de->d_name, "0123456789") != 4)
			continue;
		names = sd_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = sd_strdup(de->d_name);
	}
	closedir(dir);
	sd_sort(names, n, sizeof *names, cmp_str);
	if (n)
		known = atoi(names[n - 1]);

	long long have = sd_query_int(ctx, "PRAGMA user_version", SD_END);
	if ((rc = sd_schema_version_check(ctx, have, known, names, n)))
		goto out;
	if (have > known) {
		rc = sd_fail(
			ctx, EX_CONFIG,
			_("database '%s' has schema version %lld, newer than "
			  "this socdok knows (%d); upgrade socdok"),
			ctx->path, have, known);
		goto out;
	}
	applied = sd_xrealloc(NULL, n ? n : 1);
	/* (asked once: each asking scans the whole schema table) */
	tracked = have > 0 && sd_query_int(ctx,
					   "SELECT count(*) FROM sqlite_schema "
					   "WHERE name = 'schema_migration'",
					   SD_END) > 0;
	if ((rc = migrations_applied(ctx, dirpath, names, n, have, tracked,
				     applied)))
		goto out;
	for (size_t i = 0; i < n; i++)
		todo += !applied[i];
	if (!todo && tracked)
		goto out;
	/*
	 * A migration writes: a small file's check, if it waits, runs
	 * first, and a damaged file is read as it is (db.c, check.c).
	 */
	if ((rc = sd_check_now(ctx)) || ctx->damaged)
		goto out;
	/* (the clock is checked below, once its table, 0235, is there) */
	ctx->migrating = 1;
	rc = sd_begin(ctx);
	ctx->migrating = 0;
	if (rc)
		goto out;
	if ((rc = sd_exec(ctx,
			  "CREATE TABLE IF NOT EXISTS schema_migration ("
			  "num INTEGER PRIMARY KEY) STRICT",
			  SD_END)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		int num = atoi(names[i]);
		char path[4096 + 300], nbuf[16];
		char *sql, *errmsg = NULL;

		snprintf(nbuf, sizeof nbuf, "%d", num);
		if (applied[i]) {
			if ((rc = sd_exec(ctx,
					  "INSERT OR IGNORE INTO "
					  "schema_migration(num) VALUES "
					  "(CAST(? AS INTEGER))",
					  nbuf, SD_END)))
				goto fail;
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dirpath, names[i]);
		if (!(sql = sd_read_file(ctx, path, NULL))) {
			rc = ctx->err.code;
			goto fail;
		}
		if (sqlite3_exec(ctx->db, sql, NULL, NULL, &errmsg) !=
		    SQLITE_OK) {
			/*
			 * The migrations were tested on every version we
			 * wrote: a failure means a file that is not what its
			 * version says.
			 */
			rc = sd_fail(
				ctx, EX_CONFIG,
				_("database '%s' says schema version %lld "
				  "but migration %s fails on it (%s); it is "
				  "damaged or not from socdok: restore the "
				  "latest backup with socdok-restore"),
				ctx->path, have, names[i],
				errmsg ? errmsg : "?");
			sqlite3_free(errmsg);
			free(sql);
			goto fail;
		}
		rc = have > 0 ? requeue_altered(ctx, sql) : 0;
		free(sql);
		if (rc)
			goto fail;
		if ((rc = sd_exec(ctx,
				  "INSERT INTO schema_migration(num) VALUES "
				  "(CAST(? AS INTEGER))",
				  nbuf, SD_END)))
			goto fail;
		if (num > have) {
			char pragma[64];
			snprintf(pragma, sizeof pragma,
				 "PRAGMA user_version=%d", num);
			if ((rc = sd_exec(ctx, pragma, SD_END)))
				goto fail;
		}
	}
	/* Nothing of a clock moved back is written (clock.c). */
	if ((rc = sd_clock_check(ctx)))
		goto fail;
	/* Rows that a new record kind found already there join the chains. */
	if ((rc = sd_chain_backfill(ctx)))
		goto fail;
	rc = sd_commit(ctx);
	goto out;
fail:
	sd_rollback(ctx);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(applied);
	return rc;
}
