/*
 * check.c - whether the database is sound: the check at open that keeps
 * every write out of a damaged file, and the plausibility of its schema
 * version.
 */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "backup.h"
#include "check.h"
#include "hash.h"
#include "head.h"
#include "i18n.h"
#include "journal.h"

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
		one_line(ctx->damage, 100,
			 what && *what ? what : _("unreadable"));
	}
	return sd_fail(
		ctx, EX_DATAERR,
		_("the database '%s' is damaged (%s): restore the latest "
		  "backup with socdok-restore; see socdok-check"),
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
check_step(sqlite3 *db, const char *sql, long long *num, char *bad, size_t badn)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *v =
				(const char *)sqlite3_column_text(st, 0);
			if (num)
				*num = sqlite3_column_int64(st, 0);
			if (bad && v && strcmp(v, "ok") != 0 && !bad[0])
				snprintf(bad, badn, "%s", v);
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sd_finalize(st);
	return rc;
}

/*
 * PRAGMA quick_check of ctx's file on a connection of its own: the
 * command's keeps its temporary storage untouched (followup-due sets
 * temp_store inside its transaction) and its statement cache cold, and
 * a commit hook (below) may not use the connection it was called on.
 * The first row not "ok" goes to bad; SQLite's words for an error that
 * stopped it to what.
 */
static int
quick_check(struct sd_ctx *ctx, char *bad, size_t badn, char *what,
	    size_t whatn)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(ctx->path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		/*
		 * The check reads each page once or twice, in order: a
		 * cache of 20 pages reads no more of them than SQLite's
		 * 2 000 KiB, whose every page is fresh memory, a page
		 * fault (13 us on the bench machine, seven reads of a page
		 * from the system's cache): 500 faults less on a file of
		 * 3 850 pages (its error, if any, is the check's own).
		 */
		sqlite3_exec(db, "PRAGMA cache_size=20", NULL, NULL, NULL);
		rc = check_step(db, "PRAGMA quick_check", NULL, bad, badn);
		/* The schema was read: what can be read may still be. */
		if (is_damage(rc) && !bad[0]) {
			snprintf(bad, badn, "%s", sqlite3_errmsg(db));
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK)
		snprintf(what, whatn, "%s",
			 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_close(db);
	return rc;
}

/* The error of a check that could not run (busy, I/O), or damage. */
static int
check_failed(struct sd_ctx *ctx, int rc, const char *what)
{
	if (is_damage(rc))
		/* Without a readable schema nothing can be read. */
		return sd_fail_damaged(ctx, what);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("database '%s' is busy; try again when "
				 "the other command has finished"),
			       ctx->path);
	return sd_fail(ctx, EX_IOERR, _("cannot read database '%s': %s"),
		       ctx->path, what);
}

/* Damage found: ctx is damaged, and its connection reads only. */
static int
set_damaged(struct sd_ctx *ctx, const char *bad)
{
	ctx->damaged = 1;
	ctx->check_pending = 0;
	one_line(ctx->damage, 100, bad);
	if (sqlite3_exec(ctx->db, "PRAGMA query_only=ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sd_fail_damaged(ctx, bad);
	return 0;
}

/*
 * Since the last commit or rollback: the changes that wrote a record,
 * i.e. all but the access log's lines and the clock (ctx->check_log).
 */
static long long
records_written(struct sd_ctx *ctx)
{
	return sqlite3_total_changes64(ctx->db) - ctx->check_changes0 -
	       ctx->check_log;
}

/* A commit or rollback ended the transaction: count from here. */
static void
count_from_now(struct sd_ctx *ctx)
{
	ctx->check_changes0 = sqlite3_total_changes64(ctx->db);
	ctx->check_log = 0;
}

/*
 * The commit hook of every connection: a transaction that wrote a
 * record (anything but the access log's lines and the clock, counted
 * in ctx->check_log) into a file whose check still waits runs it first;
 * a damaged file turns the commit into a rollback (SQLite then says
 * SQLITE_CONSTRAINT_COMMITHOOK, which sd_fail_db words as the damage).
 */
static int
commit_hook(void *arg)
{
	struct sd_ctx *ctx = arg;
	char bad[200] = "", what[200] = "";
	int rc;

	if (!ctx->check_pending || records_written(ctx) <= 0) {
		count_from_now(ctx);
		return 0;
	}
	ctx->check_pending = 0;
	rc = quick_check(ctx, bad, sizeof bad, what, sizeof what);
	if (rc != SQLITE_OK) {
		ctx->check_hook_rc = check_failed(ctx, rc, what);
		return 1;
	}
	if (bad[0]) {
		/* (query_only is set once the hook has returned) */
		ctx->damaged = 1;
		one_line(ctx->damage, 100, bad);
		return 1;
	}
	return 0;
}

static void
rollback_hook(void *arg)
{
	count_from_now(arg);
}

int
sd_check_damage(struct sd_ctx *ctx, int now)
{
	long long pages = 0;
	char what[200] = "";
	int rc;

	/* More checks of each b-tree page as it is read; a few per cent. */
	sqlite3_exec(ctx->db, "PRAGMA cell_size_check=ON", NULL, NULL, NULL);
	/* (the schema is read on the command's own connection: it needs it) */
	rc = check_step(ctx->db, "SELECT count(*) FROM sqlite_schema", NULL,
			NULL, 0);
	if (rc == SQLITE_OK)
		rc = check_step(ctx->db, "PRAGMA page_count", &pages, NULL, 0);
	if (rc != SQLITE_OK) {
		snprintf(what, sizeof what, "%s", sqlite3_errmsg(ctx->db));
		return check_failed(ctx, rc, what);
	}
	if (pages > SD_QUICK_CHECK_PAGES)
		return 0;
	ctx->check_pending = 1;
	count_from_now(ctx);
	sqlite3_commit_hook(ctx->db, commit_hook, ctx);
	sqlite3_rollback_hook(ctx->db, rollback_hook, ctx);
	return now ? sd_check_now(ctx) : 0;
}

int
sd_check_now(struct sd_ctx *ctx)
{
	char bad[200] = "", what[200] = "";
	int rc;

	if (!ctx->check_pending)
		return 0;
	ctx->check_pending = 0;
	rc = quick_check(ctx, bad, sizeof bad, what, sizeof what);
	if (rc != SQLITE_OK)
		return check_failed(ctx, rc, what);
	return bad[0] ? set_damaged(ctx, bad) : 0;
}

void
sd_check_log_since(struct sd_ctx *ctx, long long before)
{
	ctx->check_log += sqlite3_total_changes64(ctx->db) - before;
}

int
sd_check_log_failed(struct sd_ctx *ctx, int rc)
{
	/* (sd_fail_db has worded SQLITE_CORRUPT as the damage, 65) */
	if (!rc || rc != EX_DATAERR || !ctx->damaged || !ctx->db)
		return rc;
	/*
	 * A read (nothing written but the log) of a damaged file goes on
	 * without its line, as if the damage had been found at open.
	 */
	if (records_written(ctx) > 0)
		return rc;
	sd_err_clear(ctx);
	ctx->check_pending = 0;
	if (sqlite3_exec(ctx->db, "PRAGMA query_only=ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sd_fail_damaged(ctx, NULL);
	return 0;
}

int
sd_check_on_failure(struct sd_ctx *ctx, int rc)
{
	char bad[200] = "", what[200] = "";

	if (!rc || !ctx->db || !ctx->check_pending || ctx->damaged)
		return rc;
	ctx->check_pending = 0;
	if (quick_check(ctx, bad, sizeof bad, what, sizeof what) != SQLITE_OK ||
	    !bad[0])
		return rc;
	ctx->damaged = 1;
	ctx->damage[0] = '\0';
	return sd_fail_damaged(ctx, bad);
}

void
sd_check_schema_error(struct sd_ctx *ctx)
{
	static const char *const signs[] = {"no such column", "no such table",
					    "malformed", "no such index"};
	const char *msg = sqlite3_errmsg(ctx->db);

	if (ctx->err.code != EX_SOFTWARE)
		return;
	for (size_t i = 0; i < sizeof signs / sizeof *signs; i++)
		if (strstr(msg, signs[i])) {
			char what[300];
			snprintf(what, sizeof what,
				 _("its schema does not match this socdok: %s"),
				 msg);
			sd_fail_damaged(ctx, what);
			return;
		}
}

int
sd_schema_version_check(struct sd_ctx *ctx, long long have, int known,
			char *const *names, size_t n)
{
	if (have <= 0 || have > known)
		return have < 0 ? sd_fail_damaged(ctx, _("no schema version"))
				: 0;
	for (size_t i = 0; i < n; i++)
		if (atoi(names[i]) == have)
			return 0;
	return sd_fail(
		ctx, EX_CONFIG,
		_("database '%s' has schema version %lld, which no socdok "
		  "wrote; it is damaged or not a socdok database: restore "
		  "the latest backup with socdok-restore"),
		ctx->path, have);
}

/* What sd_check_db keeps of the akter's answers, in id order. */
struct check_db_walk {
	struct sd_db_verified *v;
	struct sd_sha256 md;
};

static int
check_db_one(void *arg, long long akt, const struct sd_chain_result *r)
{
	struct check_db_walk *w = arg;
	struct sd_db_verified *v = w->v;
	char line[128];
	int len;

	v->akter++;
	v->notes += r->notes;
	if (!r->ok && !v->broken++) {
		v->first_broken = akt;
		snprintf(v->broken_what, sizeof v->broken_what,
			 _("note %lld:%lld: %s"), akt, r->broken_seq, r->what);
	}
	len = snprintf(line, sizeof line, "%lld %s\n", akt, r->head);
	sd_sha256_update(&w->md, line, (size_t)len);
	return 0;
}

int
sd_check_db(struct sd_ctx *ctx, struct sd_db_verified *v)
{
	sqlite3_stmt *st;
	struct check_db_walk w;
	unsigned char dig[32];
	long long *ids = NULL;
	size_t n = 0;
	int rc = 0;

	memset(v, 0, sizeof *v);
	if (!(st = sd_prepare(ctx, "PRAGMA integrity_check")))
		return ctx->err.code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (strcmp(sd_col(st, 0), "ok") != 0 && !v->integrity[0])
			one_line(v->integrity, sizeof v->integrity,
				 sd_col(st, 0));
	sd_finalize(st);
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
		one_line(v->integrity, sizeof v->integrity,
			 sqlite3_errmsg(ctx->db));
		return 0;
	}
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot check the database"));
	rc = 0;
	if (v->integrity[0])
		return 0; /* the chains cannot be trusted to read */
	v->fk = sd_query_int(
		ctx, "SELECT count(*) FROM pragma_foreign_key_check", SD_END);
	if (!(st = sd_prepare(ctx, "SELECT id FROM akt ORDER BY id")) ||
	    (rc = sd_query_ids(ctx, st, _("cannot list akter"), &ids, &n)))
		return ctx->err.code;
	w.v = v;
	sd_sha256_init(&w.md);
	/* One pass over each table, as akt-verify --all. */
	rc = sd_chain_verify_all(ctx, ids, n, check_db_one, &w);
	sd_sha256_final(&w.md, dig);
	if (!rc)
		for (unsigned i = 0; i < sizeof dig; i++)
			snprintf(v->head + 2 * i, 3, "%02x", dig[i]);
	free(ids);
	return rc;
}

int
sd_check_verified_ok(const struct sd_db_verified *v)
{
	return !v->integrity[0] && !v->fk && !v->broken;
}

void
sd_check_verified_problem(const struct sd_db_verified *v, char *buf, size_t n)
{
	if (v->integrity[0])
		snprintf(buf, n, _("integrity check: %s"), v->integrity);
	else if (v->fk)
		snprintf(buf, n, _("%lld rows break a foreign key"), v->fk);
	else if (v->broken)
		snprintf(buf, n, _("%lld broken hash chains, the first at %s"),
			 v->broken, v->broken_what);
	else
		snprintf(buf, n, _("nothing wrong"));
}

struct problems {
	char **v;
	size_t n, cap;
};

static void problem(struct problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * One problem, "KIND: what is wrong and what to do": the KIND (disk,
 * backup, chain, ...) is the man page's word for scripts and stays
 * English in every translation.
 */
static void
problem(struct problems *p, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	p->v = sd_grow(p->v, p->n + 1, &p->cap, sizeof *p->v, 8);
	p->v[p->n++] = sd_strdup(line);
}

/* The highest migration number in share/schema. */
static int
known_version(void)
{
	char dirpath[4096];
	DIR *d;
	struct dirent *de;
	int known = 0;

	sd_share_path("schema", dirpath, sizeof dirpath);
	if (!(d = opendir(dirpath)))
		return 0;
	while ((de = readdir(d)))
		if (strspn(de->d_name, "0123456789") == 4 &&
		    strstr(de->d_name, ".sql") && atoi(de->d_name) > known)
			known = atoi(de->d_name);
	closedir(d);
	return known;
}

/* Megabytes, for messages. */
static double
mb(double bytes)
{
	return bytes / (1024.0 * 1024.0);
}

static void
check_disk(struct problems *p, const char *where, const char *dir, double need,
	   double dbsize, double factor)
{
	struct statvfs vf;

	if (statvfs(dir, &vf) != 0) {
		problem(p, _("disk: cannot see the free space of '%s': %s"),
			dir, strerror(errno));
		return;
	}
	double free_b = (double)vf.f_bavail * (double)vf.f_frsize;
	if (free_b < need)
		problem(p,
			_("disk: %.0f MB free %s '%s', less than %.1f x the "
			  "database (%.0f MB): free space there or move it"),
			mb(free_b), where, dir, factor, mb(dbsize));
}

static void
check_backup(struct sd_ctx *ctx, const struct sd_check_opts *o,
	     struct problems *p, double dbsize)
{
	char dir[4096] = "", newest[4096 + 300];
	long long age = 0;
	int rc;

	if (o->backup_dir)
		snprintf(dir, sizeof dir, "%s", o->backup_dir);
	else if (sd_setting_get(ctx, "backup_dir", dir, sizeof dir) != 0 ||
		 !dir[0]) {
		problem(p,
			_("backup: no backup has been made; run socdok-backup "
			  "DIR from cron (see docs/guide-drift.md)"));
		return;
	}
	rc = sd_backup_newest(ctx, dir, newest, sizeof newest, &age);
	if (rc == 1)
		problem(p, _("backup: no backup in '%s'; run socdok-backup %s"),
			dir, dir);
	else if (rc)
		problem(p, "backup: %s", ctx->err.msg);
	else if (age > o->max_age)
		problem(p,
			_("backup: the newest backup '%s' is %lld hours old "
			  "(more than %lld); check the cron job of "
			  "socdok-backup"),
			newest, age / 3600, o->max_age / 3600);
	if (!rc)
		check_disk(p, _("for backups in"), dir, dbsize, dbsize, 1.0);
	sd_err_clear(ctx);
}

static void
check_log_growth(struct sd_ctx *ctx, const struct sd_check_opts *o,
		 struct problems *p)
{
	long long day =
		sd_query_int(ctx,
			     "SELECT count(*) FROM access_log WHERE at >= "
			     "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')",
			     SD_END);
	long long month = sd_query_int(
		ctx,
		"SELECT count(*) FROM access_log WHERE at >= "
		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 days') AND at < "
		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')",
		SD_END);
	double avg = month > 0 ? (double)month / 30.0 : 0.0;
	/* A quiet month must not make an ordinary day look like a flood. */
	double base = avg > 100.0 ? avg : 100.0;

	if (day >= 0 && (double)day > o->log_factor * base)
		problem(p,
			_("access-log: %lld lines in the last day, more than "
			  "%.0f x the average day of the month before (%.0f); "
			  "see who read what with audit-log --since"),
			day, o->log_factor, avg);
}

int
sd_check_run(struct sd_ctx *ctx, const struct sd_check_opts *o, char ***out)
{
	struct problems p = {NULL, 0, 0};
	struct sd_db_verified v;
	struct stat st;
	char dir[4096], what[200];
	double dbsize = 0;
	int rc = 0;

	*out = NULL;
	if (ctx->damaged)
		problem(&p,
			_("integrity: the database '%s' is damaged (%s); "
			  "restore the latest backup with socdok-restore"),
			ctx->path, ctx->damage);
	else if ((rc = sd_check_db(ctx, &v)))
		goto out;
	else {
		if (v.integrity[0])
			problem(&p,
				_("integrity: %s; restore the latest backup "
				  "with socdok-restore"),
				v.integrity);
		if (v.fk)
			problem(&p,
				_("foreign-keys: %lld rows point at rows that "
				  "do not exist; see PRAGMA foreign_key_check"),
				v.fk);
		if (v.broken)
			problem(&p,
				_("chain: %lld of %lld akter have a broken "
				  "hash "
				  "chain, the first at %s; see akt-verify "
				  "--all"),
				v.broken, v.akter, v.broken_what);
		/* The log chains and the chain of heads, and the anchor. */
		char line[512], hw[512], who[256];
		struct sd_buf sig;
		int ok;
		sd_buf_init(&sig);
		if ((o->anchor &&
		     (rc = sd_anchor_read_signed(ctx, o->anchor, line,
						 sizeof line, &sig))) ||
		    (rc = sd_head_verify(ctx, o->anchor ? line : NULL, &ok,
					 hw))) {
			sd_buf_free(&sig);
			goto out;
		}
		if (!ok)
			problem(&p, _("chain: %s; see akt-verify --anchor"),
				hw);
		if (o->signers &&
		    !(rc = sd_anchor_check_sig(ctx, line, &sig, o->signers, who,
					       sizeof who, &ok, hw)) &&
		    !ok)
			problem(&p, "anchor: %s", hw);
		sd_buf_free(&sig);
		if (rc)
			goto out;
	}
	if (stat(ctx->path, &st) == 0)
		dbsize = (double)st.st_size;
	snprintf(dir, sizeof dir, "%s", ctx->path);
	check_disk(&p, _("beside the database in"), dirname(dir),
		   o->min_free * dbsize, dbsize, o->min_free);
	if (!ctx->damaged) {
		check_backup(ctx, o, &p, dbsize);
		check_log_growth(ctx, o, &p);
		long long have =
			sd_query_int(ctx, "PRAGMA user_version", SD_END);
		int known = known_version();
		if (have != known)
			problem(&p,
				_("schema: the database has schema version "
				  "%lld, this socdok's share directory %d; "
				  "install the matching socdok"),
				have, known);
		snprintf(what, sizeof what,
			 "checked the database: %zu "
			 "problems",
			 p.n);
		if ((rc = sd_begin(ctx)) ||
		    (rc = sd_log_access(ctx, 0, what)) || (rc = sd_commit(ctx)))
			sd_rollback(ctx);
	}
out:
	p.v = sd_grow(p.v, p.n + 1, &p.cap, sizeof *p.v, 8);
	p.v[p.n] = NULL;
	*out = p.v;
	return rc;
}
