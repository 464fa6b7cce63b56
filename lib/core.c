/*
 * core.c - the context of a command: errors, who is acting, the database
 * (location, permissions, pragmas, migrations), transactions, statement
 * helpers, settings, the access log and the share directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socdok.h"

#ifndef SD_SHAREDIR
#define SD_SHAREDIR "/usr/local/share/socdok"
#endif

/* The schema version this build knows: the highest migration number. */
#define SD_BUSY_MS 10000

void
sd_ctx_init(struct sd_ctx *ctx, const char *prog)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->prog = prog;
}

void
sd_ctx_free(struct sd_ctx *ctx)
{
	sqlite3_finalize(ctx->json_st);
	ctx->json_st = NULL;
	if (ctx->db) {
		sqlite3_close(ctx->db);
		ctx->db = NULL;
	}
}

int
sd_fail(struct sd_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->err.msg, sizeof ctx->err.msg, fmt, ap);
	va_end(ap);
	ctx->err.code = code;
	return code;
}

int
sd_fail_db(struct sd_ctx *ctx, const char *what)
{
	int rc = ctx->db ? sqlite3_extended_errcode(ctx->db) : SQLITE_ERROR;
	const char *msg = ctx->db ? sqlite3_errmsg(ctx->db) : "no database";
	int code = EX_SOFTWARE;

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       "database '%s' is busy; try again when the other "
			       "command has finished",
			       ctx->path);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = EX_DATAERR;
	else if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_IOERR ||
		 (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_READONLY)
		code = EX_IOERR;
	return sd_fail(ctx, code, "%s: %s", what, msg);
}

int
sd_report(struct sd_ctx *ctx)
{
	if (ctx->err.code && ctx->err.msg[0])
		fprintf(stderr, "%s: %s\n", ctx->prog, ctx->err.msg);
	return ctx->err.code;
}

const char *
sd_role_name(enum sd_role r)
{
	static const char *names[] = {"",	    "personal",  "samordnare",
				      "enhetschef", "arkivarie", "admin"};
	return (unsigned)r < 6 ? names[r] : "";
}

enum sd_role
sd_role_parse(const char *s)
{
	for (int r = SD_ROLE_PERSONAL; r <= SD_ROLE_ADMIN; r++)
		if (strcmp(s, sd_role_name((enum sd_role)r)) == 0)
			return (enum sd_role)r;
	return SD_ROLE_NONE;
}

int
sd_login(struct sd_ctx *ctx)
{
	/* secure_getenv ignores the environment in a set-id program. */
	const char *env = secure_getenv("SOCDOK_USER");
	struct passwd *pw;

	if (env && *env && getuid() == geteuid() && getgid() == getegid()) {
		snprintf(ctx->login, sizeof ctx->login, "%s", env);
		return 0;
	}
	if (!(pw = getpwuid(getuid())))
		return sd_fail(ctx, EX_NOUSER,
			       "cannot find the login name of uid %ld; set up "
			       "the user account",
			       (long)getuid());
	snprintf(ctx->login, sizeof ctx->login, "%s", pw->pw_name);
	return 0;
}

int
sd_db_path(struct sd_ctx *ctx, const char *path)
{
	const char *env = getenv("SOCDOK_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (path && *path)
		snprintf(ctx->path, sizeof ctx->path, "%s", path);
	else if (env && *env)
		snprintf(ctx->path, sizeof ctx->path, "%s", env);
	else if (xdg && *xdg)
		snprintf(ctx->path, sizeof ctx->path, "%s/socdok/socdok.db", xdg);
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

/* SQL function sd_add_months(date, n): calendar months, clamped. */
static void
fn_add_months(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	int day;
	char buf[11];
	(void)argc;

	if (!s || sd_date_parse(s, &day) != 0) {
		sqlite3_result_null(c);
		return;
	}
	day = sd_date_add_months(day, sqlite3_value_int(argv[1]));
	sqlite3_result_text(c, sd_date_fmt(day, buf), 10, SQLITE_TRANSIENT);
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
	    sqlite3_create_collation(ctx->db, "sv", SQLITE_UTF8, NULL, coll_sv))
		return sd_fail_db(ctx, "cannot register functions");
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Run every migration in share/schema/NNNN-*.sql whose number is above
 * the database's user_version, in one transaction.  A database newer
 * than the highest known migration is refused.
 */
static int
migrate(struct sd_ctx *ctx)
{
	char dirpath[4096];
	DIR *dir;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int known = 0, rc = 0;

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
	if (have > known) {
		rc = sd_fail(ctx, EX_CONFIG,
			     "database '%s' has schema version %lld, newer than "
			     "this socdok knows (%d); upgrade socdok",
			     ctx->path, have, known);
		goto out;
	}
	if (have == known)
		goto out;
	if ((rc = sd_begin(ctx)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		int num = atoi(names[i]);
		char path[4096 + 300];
		char *sql, *errmsg = NULL;

		if (num <= have)
			continue;
		snprintf(path, sizeof path, "%s/%s", dirpath, names[i]);
		if (!(sql = sd_read_file(ctx, path, NULL))) {
			rc = ctx->err.code;
			sd_rollback(ctx);
			goto out;
		}
		if (sqlite3_exec(ctx->db, sql, NULL, NULL, &errmsg) != SQLITE_OK) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "migration %s failed: %s", names[i],
				     errmsg ? errmsg : "?");
			sqlite3_free(errmsg);
			free(sql);
			sd_rollback(ctx);
			goto out;
		}
		free(sql);
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", num);
		if ((rc = sd_exec(ctx, pragma, SD_END))) {
			sd_rollback(ctx);
			goto out;
		}
	}
	rc = sd_commit(ctx);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
sd_open(struct sd_ctx *ctx, const char *path, int flags)
{
	int rc;
	struct stat st;

	if ((rc = sd_db_path(ctx, path)))
		return rc;
	if (!(flags & SD_OPEN_CREATE) && stat(ctx->path, &st) != 0)
		return sd_fail(ctx, EX_NOINPUT,
			       "no database at '%s'; create it with socdok-init "
			       "or name another with -d FILE",
			       ctx->path);
	int fresh = 0;
	if (flags & SD_OPEN_CREATE) {
		mode_t mode = (flags & SD_OPEN_GROUP) ? 0660 : 0600;
		if ((rc = make_parent(ctx, ctx->path,
				      (flags & SD_OPEN_GROUP) ? 0770 : 0700)))
			return rc;
		int fd = open(ctx->path, O_RDWR | O_CREAT, mode);
		if (fd < 0)
			return sd_fail(ctx, EX_CANTCREAT, "cannot create '%s': %s",
				       ctx->path, strerror(errno));
		/* The umask must not widen or narrow what we asked for. */
		if (fstat(fd, &st) == 0 && st.st_size == 0) {
			fchmod(fd, mode);
			fresh = 1;
		}
		close(fd);
	}
	if ((rc = check_perms(ctx)))
		return rc;
	if (sqlite3_open_v2(ctx->path, &ctx->db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = sd_fail_db(ctx, "cannot open database");
		return rc;
	}
	sqlite3_busy_timeout(ctx->db, SD_BUSY_MS);
	if ((rc = register_functions(ctx)))
		return rc;
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
		snprintf(buf, n, "none is active");
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
	if (!(st = sd_prepare(ctx, "SELECT id, login, name, title, role, active "
				   "FROM staff WHERE login = ?")))
		return ctx->err.code;
	sd_bind_text(st, 1, ctx->login);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, "cannot look up staff");
		if ((rc = admin_logins(ctx, admins, sizeof admins)))
			return rc;
		return sd_fail(ctx, EX_NOPERM,
			       "user '%s' is not registered staff; ask an "
			       "administrator (%s) to add you with 'staff-add "
			       "%s --name NAME --title TITLE --unit UNIT'",
			       ctx->login, admins, ctx->login);
	}
	if (!sqlite3_column_int(st, 5)) {
		sqlite3_finalize(st);
		if ((rc = admin_logins(ctx, admins, sizeof admins)))
			return rc;
		return sd_fail(ctx, EX_NOPERM,
			       "user '%s' is no longer active staff; ask an "
			       "administrator (%s) to re-activate you with "
			       "staff-add",
			       ctx->login, admins);
	}
	ctx->me.id = sqlite3_column_int64(st, 0);
	snprintf(ctx->me.login, sizeof ctx->me.login, "%s", sd_col(st, 1));
	snprintf(ctx->me.name, sizeof ctx->me.name, "%s", sd_col(st, 2));
	snprintf(ctx->me.title, sizeof ctx->me.title, "%s", sd_col(st, 3));
	ctx->me.role = sd_role_parse(sd_col(st, 4));
	sqlite3_finalize(st);
	return 0;
}

/* ----------------------------------------------------------- transactions */

int
sd_begin(struct sd_ctx *ctx)
{
	return sd_exec(ctx, "BEGIN IMMEDIATE", SD_END);
}

int
sd_commit(struct sd_ctx *ctx)
{
	return sd_exec(ctx, "COMMIT", SD_END);
}

void
sd_rollback(struct sd_ctx *ctx)
{
	if (ctx->db && !sqlite3_get_autocommit(ctx->db))
		sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ------------------------------------------------------------ statements */

const char sd_end[] = "";

sqlite3_stmt *
sd_prepare(struct sd_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sd_fail_db(ctx, "cannot prepare statement");
		return NULL;
	}
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
		sqlite3_finalize(st);
		return ctx->err.code;
	}
	sqlite3_finalize(st);
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
	sqlite3_finalize(st);
	return v;
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
	sqlite3_finalize(st);
	return rc;
}

int
sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n)
{
	return sd_query_text(ctx, buf, n,
			     "SELECT value FROM setting WHERE key = ?", key, SD_END);
}

int
sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value)
{
	return sd_exec(ctx,
		       "INSERT INTO setting(key, value) VALUES (?, ?) "
		       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		       key, value, SD_END);
}

/* ----------------------------------------------------------- access log */

int
sd_log_access(struct sd_ctx *ctx, long long akt, const char *what)
{
	sqlite3_stmt *st;
	char now[21];
	int rc;

	if (!(st = sd_prepare(ctx, "INSERT INTO access_log(at, login, program, "
				   "akt_id, what) VALUES (?, ?, ?, ?, ?)")))
		return ctx->err.code;
	sd_bind_text(st, 1, sd_now(now));
	sd_bind_text(st, 2, ctx->me.login[0] ? ctx->me.login : ctx->login);
	sd_bind_text(st, 3, ctx->prog);
	if (akt > 0)
		sqlite3_bind_int64(st, 4, akt);
	else
		sqlite3_bind_null(st, 4);
	sd_bind_text(st, 5, what);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0
					      : sd_fail_db(ctx, "cannot write "
								"the access log");
	sqlite3_finalize(st);
	return rc;
}

/* ------------------------------------------------------------- share dir */

static int
is_dir_with(const char *dir, const char *entry)
{
	char p[4096];
	struct stat st;
	int n = snprintf(p, sizeof p, "%s/%s", dir, entry);

	/* A directory whose path does not fit is not the one we look for. */
	if (n < 0 || (size_t)n >= sizeof p)
		return 0;
	return stat(p, &st) == 0;
}

const char *
sd_sharedir(void)
{
	static char dir[4096];
	char exe[4096], cand[4096];
	const char *env = getenv("SOCDOK_SHARE");
	ssize_t n;

	if (dir[0])
		return dir;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *bindir = dirname(exe);
		snprintf(cand, sizeof cand, "%s/../share/socdok", bindir);
		if (is_dir_with(cand, "schema")) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
		snprintf(cand, sizeof cand, "%s/../share", bindir);
		if (is_dir_with(cand, "schema")) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", SD_SHAREDIR);
	return dir;
}

char *
sd_share_path(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", sd_sharedir(), name);
	return buf;
}

char **
sd_list_load(struct sd_ctx *ctx, const char *name)
{
	char path[4096];
	char *text, *line, *save = NULL;
	char **list = NULL;
	size_t n = 0;

	sd_share_path(name, path, sizeof path);
	if (!(text = sd_read_file(ctx, path, NULL)))
		return NULL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		size_t l = strlen(line);
		while (l > 0 && (line[l - 1] == ' ' || line[l - 1] == '\t' ||
				 line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		list = sd_xrealloc(list, (n + 2) * sizeof *list);
		list[n++] = sd_strdup(line);
	}
	free(text);
	if (!list)
		list = sd_xmalloc(sizeof *list);
	list[n] = NULL;
	return list;
}

void
sd_list_free(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

int
sd_list_has(char **list, const char *s)
{
	for (char **p = list; p && *p; p++)
		if (strcmp(*p, s) == 0)
			return 1;
	return 0;
}

char *
sd_list_join(char **list, const char *sep, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (char **p = list; p && *p; p++) {
		int w = snprintf(buf + used, n - used, "%s%s",
				 p == list ? "" : sep, *p);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* ------------------------------------------------------------- commands */

/* At exit after --help or --version: a full disk is a write error. */
static void
exit_check_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n",
			program_invocation_short_name,
			strerror(errno ? errno : EIO));
		_exit(EX_IOERR);
	}
}

int
sd_cli_common(struct sd_cli *cli, int c, const char *arg,
	      void (*usage)(int status))
{
	switch (c) {
	case SD_OPT_DB:
		cli->db = arg;
		return 1;
	case SD_OPT_ASOF:
		cli->asof = arg;
		return 1;
	case SD_OPT_FORMAT:
		cli->format = arg;
		return 1;
	case SD_OPT_VERSION:
		printf("socdok %s\n", SD_VERSION);
		exit_check_stdout();
		exit(0);
	case SD_OPT_HELP:
		/* usage() exits by itself, with 0. */
		atexit(exit_check_stdout);
		usage(0);
		return 1;
	default:
		return 0;
	}
}

char **
sd_cli_items(int argc, char **argv)
{
	char **items = NULL;
	size_t n = 0;

	if (argc > 0) {
		items = sd_xmalloc(((size_t)argc + 1) * sizeof *items);
		for (int i = 0; i < argc; i++)
			items[n++] = sd_strdup(argv[i]);
	} else if (!isatty(STDIN_FILENO)) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while ((len = getline(&line, &cap, stdin)) >= 0) {
			while (len > 0 && (line[len - 1] == '\n' ||
					   line[len - 1] == '\r' ||
					   line[len - 1] == ' '))
				line[--len] = '\0';
			char *p = line;
			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p)
				continue;
			/* Only the first field: "akt-list --format tsv" works too. */
			p[strcspn(p, "\t ")] = '\0';
			items = sd_xrealloc(items, (n + 2) * sizeof *items);
			items[n++] = sd_strdup(p);
		}
		free(line);
	}
	if (!items)
		items = sd_xmalloc(sizeof *items);
	items[n] = NULL;
	return items;
}

int
sd_stdout_close(struct sd_ctx *ctx, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", ctx->prog,
			strerror(errno ? errno : EIO));
		return status ? status : EX_IOERR;
	}
	return status;
}

int
sd_cli_open(struct sd_ctx *ctx, const struct sd_cli *cli, int flags)
{
	int rc;

	if ((rc = sd_set_today(ctx, cli->asof)))
		return rc;
	return sd_open(ctx, cli->db, flags);
}

int
sd_finish(struct sd_ctx *ctx, int rc)
{
	if (rc) {
		sd_rollback(ctx);
		sd_report(ctx);
	}
	sd_ctx_free(ctx);
	return sd_stdout_close(ctx, rc);
}

int
sd_print_id(struct sd_ctx *ctx, long long id)
{
	if (printf("%lld\n", id) >= 0 && fflush(stdout) == 0)
		return 0;
	return sd_stdout_fail(ctx);
}

int
sd_stdout_fail(struct sd_ctx *ctx)
{
	int e = errno ? errno : EIO;

	/* Report it once: sd_finish must not find the same error again. */
	__fpurge(stdout);
	clearerr(stdout);
	return sd_fail(ctx, EX_IOERR, "write error: %s", strerror(e));
}
