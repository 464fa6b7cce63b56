/*
 * db.c - the database: its location and permissions, opening it (pragmas,
 * SQL functions, migrations), transactions, statement helpers and
 * settings.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain.h"
#include "check.h"
#include "socdok.h"

/* How long a writer waits for another writer, in milliseconds. */
#define SD_BUSY_MS 10000

/* Set-id: only the compiled-in database; naming another is refused. */
static int
server_db_path(struct sd_ctx *ctx, const char *path)
{
	const char *srv = sd_priv_server_db();
	const char *env = getenv("SOCDOK_DB");

	if (!srv[0])
		return sd_fail(
			ctx, EX_NOPERM,
			_("this program runs set-id but was built without "
			  "a server database; install it with 'make "
			  "install-server SOCDOK_SERVER_DB=PATH'"));
	if (path && *path && strcmp(path, srv) != 0)
		return sd_fail(ctx, EX_NOPERM,
			       _("-d '%s' refused: this server's programs use "
				 "only the database '%s'; leave out -d"),
			       path, srv);
	if (env && *env && strcmp(env, srv) != 0)
		return sd_fail(
			ctx, EX_NOPERM,
			_("SOCDOK_DB '%s' refused: this server's programs "
			  "use only the database '%s'; unset SOCDOK_DB"),
			env, srv);
	snprintf(ctx->path, sizeof ctx->path, "%s", srv);
	return 0;
}

int
sd_db_path(struct sd_ctx *ctx, const char *path)
{
	const char *env = getenv("SOCDOK_DB");
	const char *xdg = secure_getenv("XDG_DATA_HOME");
	const char *home = secure_getenv("HOME");

	if (sd_priv_setid())
		return server_db_path(ctx, path);
	if (path && *path)
		snprintf(ctx->path, sizeof ctx->path, "%s", path);
	else if (env && *env)
		snprintf(ctx->path, sizeof ctx->path, "%s", env);
	else if (xdg && *xdg)
		snprintf(ctx->path, sizeof ctx->path, "%s/socdok/socdok.db",
			 xdg);
	else if (home && *home)
		snprintf(ctx->path, sizeof ctx->path,
			 "%s/.local/share/socdok/socdok.db", home);
	else
		return sd_fail(ctx, EX_USAGE,
			       "no database given and no HOME; use -d FILE or "
			       "set SOCDOK_DB");
	return 0;
}

/* mkdir -p for the directory part of path, mode for new directories. */
static int
make_parent(struct sd_ctx *ctx, const char *path, mode_t mode)
{
	char tmp[4096];

	snprintf(tmp, sizeof tmp, "%s", path);
	char *slash = strrchr(tmp, '/');
	if (!slash || slash == tmp)
		return 0;
	*slash = '\0';
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, mode) != 0 && errno != EEXIST)
			return sd_fail(ctx, EX_CANTCREAT,
				       "cannot create directory '%s': %s", tmp,
				       strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, mode) != 0 && errno != EEXIST)
		return sd_fail(ctx, EX_CANTCREAT,
			       "cannot create directory '%s': %s", tmp,
			       strerror(errno));
	return 0;
}

/*
 * socdok-init --server, as root: the directory of the compiled-in
 * database, root:GROUP 2770 (new files, the WAL among them, get the
 * group), which staff outside the group cannot enter.
 */
static int
server_dir(struct sd_ctx *ctx)
{
	const char *gname = sd_priv_group();
	struct group *gr;
	char dir[4096];
	struct stat st;
	int rc;

	if (geteuid() != 0)
		return sd_fail(
			ctx, EX_NOPERM,
			_("--server sets up the database as root; run it "
			  "as root (sudo socdok-init --server --admin "
			  "LOGIN)"));
	if (!gname[0] || !sd_priv_server_db()[0])
		return sd_fail(ctx, EX_CONFIG,
			       _("this socdok was not built for a server; "
				 "install it with 'make install-server "
				 "SOCDOK_GROUP=NAME SOCDOK_SERVER_DB=PATH'"));
	if (!(gr = getgrnam(gname)))
		return sd_fail(ctx, EX_CONFIG,
			       _("no group '%s'; create it with 'groupadd "
				 "--system %s'"),
			       gname, gname);
	ctx->server_gid = gr->gr_gid;
	snprintf(ctx->path, sizeof ctx->path, "%s", sd_priv_server_db());
	if ((rc = make_parent(ctx, ctx->path, 0755)))
		return rc;
	snprintf(dir, sizeof dir, "%s", ctx->path);
	char *d = dirname(dir);
	if (lstat(d, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    chown(d, 0, gr->gr_gid) != 0 || chmod(d, 02770) != 0)
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("cannot give the directory '%s' to root:%s mode "
			  "2770: %s"),
			d, gname, strerror(errno));
	return 0;
}

/* Refuse a database that others may read or write, as ssh does. */
static int
check_perms(struct sd_ctx *ctx)
{
	struct stat st;
	char dir[4096];

	if (stat(ctx->path, &st) == 0 && (st.st_mode & S_IRWXO))
		return sd_fail(ctx, EX_NOPERM,
			       "database '%s' is open to other users (mode "
			       "%04o); run 'chmod o-rwx %s'",
			       ctx->path, (unsigned)(st.st_mode & 07777),
			       ctx->path);
	snprintf(dir, sizeof dir, "%s", ctx->path);
	char *d = dirname(dir);
	if (stat(d, &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH)))
		return sd_fail(ctx, EX_NOPERM,
			       "the directory '%s' of the database is open to "
			       "other users (mode %04o); run 'chmod o-rwx %s'",
			       d, (unsigned)(st.st_mode & 07777), d);
	return 0;
}

/* SQL function sd_purging(): true only inside gallra's purge. */
static void
fn_purging(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct sd_ctx *ctx = sqlite3_user_data(c);
	(void)argc;
	(void)argv;
	sqlite3_result_int(c, ctx->purging);
}

int
sd_sql_date(sqlite3_value *v, int *day)
{
	const char *s = (const char *)sqlite3_value_text(v);

	return s && sd_date_parse(s, day) == 0 ? 0 : -1;
}

void
sd_sql_date_result(sqlite3_context *c, int day)
{
	char buf[SD_DATE_SIZE];

	sqlite3_result_text(c, sd_date_fmt(day, buf), 10, SQLITE_TRANSIENT);
}

/* SQL function sd_add_months(date, n): calendar months, clamped. */
static void
fn_add_months(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	int day;
	(void)argc;

	if (sd_sql_date(argv[0], &day))
		sqlite3_result_null(c);
	else
		sd_sql_date_result(
			c, sd_date_add_months(day, sqlite3_value_int(argv[1])));
}

/* SQL function sd_rfc3339(utc): a stored time with Swedish time's offset
 * (JSON for people's tools; the stored and hashed form stays UTC). */
static void
fn_rfc3339(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char buf[SD_RFC3339_SIZE];
	(void)argc;

	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_text(c, sd_time_rfc3339(s, buf), -1, SQLITE_TRANSIENT);
}

/*
 * SQL function sd_person(protected, akt, name): the name as lists, mail,
 * ics and reports show it - "Protected identity (akt N)" for a
 * protected akt (skyddade personuppgifter, akt-protect), never the name.
 */
static void
fn_person(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char buf[128];
	(void)argc;

	if (sqlite3_value_int(argv[0])) {
		snprintf(buf, sizeof buf, _("Protected identity (akt %lld)"),
			 (long long)sqlite3_value_int64(argv[1]));
		sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_result_value(c, argv[2]);
}

static int
coll_sv(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	return sd_collate_sv(a, na, b, nb);
}

static int
register_functions(struct sd_ctx *ctx)
{
	int flags = SQLITE_UTF8;

	if (sqlite3_create_function(ctx->db, "sd_purging", 0, flags, ctx,
				    fn_purging, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_add_months", 2,
				    flags | SQLITE_DETERMINISTIC, NULL,
				    fn_add_months, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_rfc3339", 1, flags, NULL,
				    fn_rfc3339, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_person", 3, flags, NULL,
				    fn_person, NULL, NULL) ||
	    sqlite3_create_collation(ctx->db, "sv", SQLITE_UTF8, NULL, coll_sv))
		return sd_fail_db(ctx, "cannot register functions");
	return 0;
}

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
 * damaged file.
 */
static int
migrations_applied(struct sd_ctx *ctx, const char *dirpath, char **names,
		   size_t n, long long have, char *applied)
{
	sqlite3_stmt *st;
	long long top = 0;
	int rc;

	memset(applied, 0, n);
	if (have <= 0)
		return 0;
	if (sd_query_int(ctx,
			 "SELECT count(*) FROM sqlite_schema WHERE name = "
			 "'schema_migration'",
			 SD_END) > 0) {
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
			return sd_fail_db(ctx, "cannot read the migrations");
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

/*
 * Run every migration in share/schema/NNNN-*.sql that the database does
 * not hold yet, in order of number, in one transaction, and record it in
 * schema_migration; user_version is the highest number held.  A
 * database newer than the highest known migration is refused.
 */
static int
migrate(struct sd_ctx *ctx)
{
	char dirpath[4096];
	DIR *dir;
	struct dirent *de;
	char **names = NULL, *applied = NULL;
	size_t n = 0, todo = 0;
	int known = 0, rc = 0, tracked;

	sd_share_path("schema", dirpath, sizeof dirpath);
	if (!(dir = opendir(dirpath)))
		return sd_fail(ctx, EX_CONFIG,
			       "cannot open the schema directory '%s': %s; set "
			       "SOCDOK_SHARE or reinstall",
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
	qsort(names, n, sizeof *names, cmp_str);
	if (n)
		known = atoi(names[n - 1]);

	long long have = sd_query_int(ctx, "PRAGMA user_version", SD_END);
	if ((rc = sd_schema_version_check(ctx, have, known, names, n)))
		goto out;
	if (have > known) {
		rc = sd_fail(
			ctx, EX_CONFIG,
			"database '%s' has schema version %lld, newer than "
			"this socdok knows (%d); upgrade socdok",
			ctx->path, have, known);
		goto out;
	}
	applied = sd_xrealloc(NULL, n ? n : 1);
	if ((rc = migrations_applied(ctx, dirpath, names, n, have, applied)))
		goto out;
	for (size_t i = 0; i < n; i++)
		todo += !applied[i];
	tracked = have > 0 && sd_query_int(ctx,
					   "SELECT count(*) FROM sqlite_schema "
					   "WHERE name = 'schema_migration'",
					   SD_END) > 0;
	if (!todo && tracked)
		goto out;
	if ((rc = sd_begin(ctx)))
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
			rc = sd_fail(ctx, EX_CONFIG,
				     "database '%s' says schema version %lld "
				     "but migration %s fails on it (%s); it is "
				     "damaged or not from socdok: restore the "
				     "latest backup with socdok-restore",
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

int
sd_open(struct sd_ctx *ctx, const char *path, int flags)
{
	int rc;
	struct stat st;

	if ((rc = sd_db_path(ctx, path)))
		return rc;
	if ((flags & SD_OPEN_SERVER) && path && *path &&
	    strcmp(path, sd_priv_server_db()) != 0)
		return sd_fail(ctx, EX_USAGE,
			       _("--server uses the database built in ('%s'); "
				 "leave out -d"),
			       sd_priv_server_db());
	if (!(flags & SD_OPEN_CREATE) && stat(ctx->path, &st) != 0)
		return sd_fail(
			ctx, EX_NOINPUT,
			"no database at '%s'; create it with socdok-init "
			"or name another with -d FILE",
			ctx->path);
	int fresh = 0;
	if ((flags & SD_OPEN_SERVER) && (rc = server_dir(ctx)))
		return rc;
	if (flags & SD_OPEN_CREATE) {
		int grp = flags & (SD_OPEN_GROUP | SD_OPEN_SERVER);
		mode_t mode = grp ? 0660 : 0600;
		if ((rc = make_parent(ctx, ctx->path, grp ? 0770 : 0700)))
			return rc;
		int fd = open(ctx->path, O_RDWR | O_CREAT | O_NOFOLLOW, mode);
		if (fd < 0)
			return sd_fail(ctx, EX_CANTCREAT,
				       "cannot create '%s': %s", ctx->path,
				       strerror(errno));
		/* The umask must not widen or narrow what we asked for. */
		if (fstat(fd, &st) == 0 && st.st_size == 0) {
			fchmod(fd, mode);
			fresh = 1;
		}
		if ((flags & SD_OPEN_SERVER) &&
		    fchown(fd, 0, ctx->server_gid) != 0) {
			close(fd);
			return sd_fail(ctx, EX_CANTCREAT,
				       _("cannot give '%s' to the group: %s"),
				       ctx->path, strerror(errno));
		}
		close(fd);
	}
	if ((rc = check_perms(ctx)))
		return rc;
	/* (a connection is never shared between threads: no mutex) */
	if (sqlite3_open_v2(ctx->path, &ctx->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = sd_fail_db(ctx, "cannot open database");
		return rc;
	}
	sqlite3_busy_timeout(ctx->db, SD_BUSY_MS);
	if ((rc = register_functions(ctx)))
		return rc;
	/*
	 * A damaged file is opened for reading only, before any pragma
	 * or migration could write to it (check.c).
	 */
	if (!fresh && (rc = sd_db_damage_check(ctx)))
		return rc;
	if (ctx->damaged) {
		if (!ctx->today_s[0] && (rc = sd_set_today(ctx, NULL)))
			return rc;
		return (flags & SD_OPEN_NOUSER) ? sd_login(ctx)
						: sd_actor_load(ctx);
	}
	/*
	 * A new file gets incremental auto-vacuum, which only works when set
	 * before the first table: gallra then gives purged pages back
	 * without a full VACUUM and its second copy of the file.
	 */
	if (fresh &&
	    (rc = sd_exec(ctx, "PRAGMA auto_vacuum=INCREMENTAL", SD_END)))
		return rc;
	if ((rc = sd_exec(ctx, "PRAGMA journal_mode=WAL", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA foreign_keys=ON", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA secure_delete=ON", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA synchronous=NORMAL", SD_END)))
		return rc;
	if ((rc = migrate(ctx)))
		return rc;
	if (!ctx->today_s[0] && (rc = sd_set_today(ctx, NULL)))
		return rc;
	if (flags & SD_OPEN_NOUSER)
		return sd_login(ctx);
	return sd_actor_load(ctx);
}

/* ----------------------------------------------------------- transactions */

int
sd_begin(struct sd_ctx *ctx)
{
	/* A damaged file is query_only: reads only, so no write lock. */
	if (ctx->damaged)
		return sd_exec(ctx, "BEGIN", SD_END);
	/* The clock is read once the lock is held (issue 18, clock.c). */
	int rc = sd_exec(ctx, "BEGIN IMMEDIATE", SD_END);
	return rc ? rc : sd_clock_take(ctx);
}

int
sd_commit(struct sd_ctx *ctx)
{
	int rc;

	/*
	 * Every changed record of an akt into its chain (0080), with what
	 * a migration queued: the first command that commits chains it.
	 */
	if ((rc = sd_chain_flush(ctx)))
		return rc;
	if ((rc = sd_exec(ctx, "COMMIT", SD_END)))
		return rc;
	/* The ids this transaction made may now be printed (cli.c). */
	ctx->out_done = ctx->out_len;
	return 0;
}

void
sd_rollback(struct sd_ctx *ctx)
{
	if (ctx->db && !sqlite3_get_autocommit(ctx->db))
		sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	/* Ids of rows that were never stored are never printed. */
	ctx->out_len = ctx->out_done;
}

/* ------------------------------------------------------------ statements */

const char sd_end[] = "";

/*
 * The statement cache: a statement sd_prepare made is kept when
 * sd_finalize is done with it (reset, bindings cleared) and handed out
 * again for the same SQL text on the same connection, so a command that
 * runs the same SQL per item (journal-add --batch, gallra, the exports)
 * compiles it once.  Keyed by the text, not the pointer: SQL built in a
 * buffer may reuse its address.  A statement still in use when its text
 * is asked for again (a nested use) is not shared: a fresh one is
 * prepared and finalized as before.  sd_ctx_free finalizes the cache
 * before closing (sd_stcache_drop).
 */
#define STC_N 96
static struct stc_ent {
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned hash;
	int busy;
	unsigned long used;
} stc[STC_N];
static unsigned long stc_clock;

static unsigned
stc_hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
sd_stcache_drop(sqlite3 *db)
{
	for (int i = 0; i < STC_N; i++)
		if (stc[i].st && stc[i].db == db) {
			sqlite3_finalize(stc[i].st);
			memset(&stc[i], 0, sizeof stc[i]);
		}
}

int
sd_finalize(sqlite3_stmt *st)
{
	if (!st)
		return SQLITE_OK;
	for (int i = 0; i < STC_N; i++)
		if (stc[i].st == st) {
			int rc = sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			stc[i].busy = 0;
			return rc;
		}
	return sqlite3_finalize(st);
}

sqlite3_stmt *
sd_prepare(struct sd_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	unsigned h = stc_hash(sql);
	int victim = -1, shared = 0;

	for (int i = 0; i < STC_N; i++) {
		struct stc_ent *e = &stc[i];
		if (e->st && e->db == ctx->db && e->hash == h &&
		    strcmp(sqlite3_sql(e->st), sql) == 0) {
			if (e->busy) {
				shared = 1;
				continue;
			}
			e->busy = 1;
			e->used = ++stc_clock;
			return e->st;
		}
		if (!e->st) {
			if (victim < 0 || stc[victim].st)
				victim = i;
		} else if (!e->busy &&
			   (victim < 0 ||
			    (stc[victim].st && e->used < stc[victim].used)))
			victim = i;
	}
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sd_fail_db(ctx, "cannot prepare statement");
		sd_check_schema_error(ctx);
		return NULL;
	}
	/* One statement (several ';'-separated are not cached), not shared. */
	if (!st || shared || victim < 0 || strcmp(sqlite3_sql(st), sql) != 0)
		return st;
	if (stc[victim].st)
		sqlite3_finalize(stc[victim].st);
	stc[victim] = (struct stc_ent){ctx->db, st, h, 1, ++stc_clock};
	return st;
}

void
sd_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *
sd_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

/* Prepare sql and bind the NULL-terminated text arguments in ap. */
static sqlite3_stmt *
prepare_va(struct sd_ctx *ctx, const char *sql, va_list ap)
{
	sqlite3_stmt *st = sd_prepare(ctx, sql);
	const char *arg;
	int i = 1;

	if (!st)
		return NULL;
	while ((arg = va_arg(ap, const char *)) != SD_END)
		sd_bind_text(st, i++, arg);
	return st;
}

int
sd_exec(struct sd_ctx *ctx, const char *sql, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, sql);
	st = prepare_va(ctx, sql, ap);
	va_end(ap);
	if (!st)
		return ctx->err.code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		sd_fail_db(ctx, "database error");
		sd_finalize(st);
		return ctx->err.code;
	}
	sd_finalize(st);
	return 0;
}

long long
sd_query_int(struct sd_ctx *ctx, const char *sql, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	long long v = -1;

	va_start(ap, sql);
	st = prepare_va(ctx, sql, ap);
	va_end(ap);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sd_finalize(st);
	return v;
}

int
sd_step_done(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sd_fail_db(ctx, fail);

	sd_finalize(st);
	return rc;
}

int
sd_query_ids(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail,
	     long long **ids, size_t *n)
{
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = sd_grow(*ids, *n, &cap, sizeof **ids, 64);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, fail);
	sd_finalize(st);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int
sd_query_text(struct sd_ctx *ctx, char *buf, size_t n, const char *sql, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, sql);
	st = prepare_va(ctx, sql, ap);
	va_end(ap);
	if (!st)
		return ctx->err.code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(buf, n, "%s", sd_col(st, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		buf[0] = '\0';
		rc = 1;
	} else {
		rc = sd_fail_db(ctx, "database error");
	}
	sd_finalize(st);
	return rc;
}

int
sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n)
{
	return sd_query_text(ctx, buf, n,
			     "SELECT value FROM setting WHERE key = ?", key,
			     SD_END);
}

int
sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value)
{
	return sd_exec(ctx,
		       "INSERT INTO setting(key, value) VALUES (?, ?) "
		       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		       key, value, SD_END);
}
