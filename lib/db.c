/*
 * db.c - the database: its location and permissions, opening it (pragmas,
 * SQL functions from sql.c, migrations from migrate.c) and transactions.
 * Statements are in query.c, settings in setting.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain.h"
#include "check.h"
#include "head.h"
#include "i18n.h"
#include "migrate.h"
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
		return sd_fail(
			ctx, EX_USAGE,
			_("no database given and no HOME; use -d FILE or "
			  "set SOCDOK_DB"));
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
				       _("cannot create directory '%s': %s"),
				       tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, mode) != 0 && errno != EEXIST)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create directory '%s': %s"), tmp,
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
			       _("database '%s' is open to other users (mode "
				 "%04o); run 'chmod o-rwx %s'"),
			       ctx->path, (unsigned)(st.st_mode & 07777),
			       ctx->path);
	snprintf(dir, sizeof dir, "%s", ctx->path);
	char *d = dirname(dir);
	if (stat(d, &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH)))
		return sd_fail(
			ctx, EX_NOPERM,
			_("the directory '%s' of the database is open to "
			  "other users (mode %04o); run 'chmod o-rwx %s'"),
			d, (unsigned)(st.st_mode & 07777), d);
	return 0;
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
			_("no database at '%s'; create it with socdok-init "
			  "or name another with -d FILE"),
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
				       _("cannot create '%s': %s"), ctx->path,
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
		rc = sd_fail_db(ctx, _("cannot open database"));
		return rc;
	}
	sqlite3_busy_timeout(ctx->db, SD_BUSY_MS);
	ctx->log_cols = 0; /* (compared again on this file: log.c) */
	if ((rc = sd_sql_register(ctx)))
		return rc;
	/*
	 * A damaged file is opened for reading only, before any pragma
	 * or migration could write to it (check.c); a small file's full
	 * check waits for the command's first write of a record.
	 */
	if (!fresh && (rc = sd_check_damage(ctx, flags & SD_OPEN_CHECK)))
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
	long long before = sqlite3_total_changes64(ctx->db);
	if ((rc = sd_migrate(ctx)))
		return rc;
	/*
	 * A command that reads a few pages, each about once (one akt shown,
	 * one note written), keeps 20 pages in its cache, not SQLite's 2 000:
	 * a page it is done with gives its memory to the next one read,
	 * where each page read into a larger cache is fresh memory, a page
	 * fault (about 13 us on the bench machine, more than reading the
	 * page again from the operating system's cache).  journal-add on the
	 * large municipality: 100 page faults and 2 ms of CPU fewer, its
	 * look-ups of name keys and of the note's b-trees each a few pages
	 * (issue 17).  Not when a migration ran: it may have queued every
	 * row of a table for the chain, which this command's commit flushes.
	 */
	if ((flags & SD_OPEN_FEW) &&
	    sqlite3_total_changes64(ctx->db) == before &&
	    (rc = sd_exec(ctx, "PRAGMA cache_size=20", SD_END)))
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
	sd_log_forget(ctx);
	if (ctx->damaged)
		return sd_exec(ctx, "BEGIN", SD_END);
	/*
	 * The clock is read once the lock is held (issue 18, clock.c), and
	 * a clock behind the database's newest record ends the transaction.
	 */
	int rc = sd_exec(ctx, "BEGIN IMMEDIATE", SD_END);

	ctx->chain_ntouched = 0;
	sd_log_forget(ctx);
	if (!rc && (rc = sd_clock_take(ctx)))
		sd_rollback(ctx);
	return rc;
}

int
sd_commit(struct sd_ctx *ctx)
{
	int rc;

	/* A damaged file's transaction read only: nothing to keep. */
	if (ctx->damaged) {
		sd_rollback(ctx);
		return 0;
	}
	/*
	 * Every changed record of an akt into its chain (0080), with what
	 * a migration queued: the first command that commits chains it.
	 */
	if ((rc = sd_chain_flush(ctx)))
		return rc;
	/* (a read that found the file damaged writing its log line) */
	if (ctx->damaged) {
		sd_rollback(ctx);
		return 0;
	}
	/* The newest written-at time moves with what is committed. */
	if ((rc = sd_clock_keep(ctx)))
		return rc;
	rc = sd_exec(ctx, "COMMIT", SD_END);
	/* (another connection may append to the logs from now on) */
	sd_log_forget(ctx);
	if (rc)
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
	ctx->chain_ntouched = 0;
	sd_log_forget(ctx);
	/* Ids of rows that were never stored are never printed. */
	ctx->out_len = ctx->out_done;
}

void
sd_savepoint_undo(struct sd_ctx *ctx, const char *name)
{
	char sql[96];

	snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
	sqlite3_exec(ctx->db, sql, NULL, NULL, NULL);
	sd_log_forget(ctx);
}
