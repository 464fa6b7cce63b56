/*
 * backup.c - socdok-backup: a consistent copy of the live database,
 * verified before it counts as a backup, and the rotation of old ones.
 *
 * SQLite's online backup API was measured against VACUUM INTO on the
 * large synthetic database (bench/README.md, "Backups"): it copies the
 * pages as they are, so it needs less CPU; with secure_delete on, a free
 * page holds zeros, so a page copy carries nothing a VACUUM would drop.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "check.h"
#include "gallralog.h"
#include "i18n.h"

/* The length of "socdok-YYYYMMDDTHHMMSSZ". */
#define STAMP_LEN 23

int
sd_backup_name(const char *name)
{
	static const char pat[] = "socdok-########T######Z";
	size_t len = strlen(name);

	if (len < STAMP_LEN + 3)
		return 0;
	for (size_t i = 0; i < STAMP_LEN; i++)
		if (pat[i] == '#' ? (name[i] < '0' || name[i] > '9')
				  : name[i] != pat[i])
			return 0;
	const char *p = name + STAMP_LEN;
	if (*p == '-') {
		size_t d = strspn(p + 1, "0123456789");
		if (!d)
			return 0;
		p += 1 + d;
	}
	return strcmp(p, ".db") == 0;
}

/* Order of backups: by time, then by the number after it. */
static int
cmp_backup(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = strncmp(x, y, STAMP_LEN);

	if (c)
		return c;
	long nx = x[STAMP_LEN] == '-' ? atol(x + STAMP_LEN + 1) : 1;
	long ny = y[STAMP_LEN] == '-' ? atol(y + STAMP_LEN + 1) : 1;
	return (nx > ny) - (nx < ny);
}

/* The backups in dir, oldest first (NULL-terminated, sd_list_free). */
static int
list_backups(struct sd_ctx *ctx, const char *dir, char ***out, size_t *n)
{
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!(d = opendir(dir)))
		return sd_fail(ctx, EX_NOINPUT,
			       _("cannot read the backup directory '%s': %s"),
			       dir, strerror(errno));
	while ((de = readdir(d))) {
		if (!sd_backup_name(de->d_name))
			continue;
		v = sd_grow(v, *n + 1, &cap, sizeof *v, 16);
		v[(*n)++] = sd_strdup(de->d_name);
	}
	closedir(d);
	v = sd_grow(v, *n + 1, &cap, sizeof *v, 16);
	v[*n] = NULL;
	sd_sort(v, *n, sizeof *v, cmp_backup);
	*out = v;
	return 0;
}

int
sd_backup_newest(struct sd_ctx *ctx, const char *dir, char *path, size_t n,
		 long long *age)
{
	char **v;
	size_t k;
	struct stat st;
	int rc;

	if ((rc = list_backups(ctx, dir, &v, &k)))
		return rc;
	if (!k) {
		sd_list_free(v);
		return 1;
	}
	if ((size_t)snprintf(path, n, "%s/%s", dir, v[k - 1]) >= n) {
		sd_list_free(v);
		return sd_fail(ctx, EX_USAGE,
			       _("the backup directory's path is "
				 "too long"));
	}
	sd_list_free(v);
	if (stat(path, &st) != 0)
		return sd_fail(ctx, EX_NOINPUT, _("cannot stat '%s': %s"), path,
			       strerror(errno));
	*age = (long long)(time(NULL) - st.st_mtime);
	return 0;
}

/* fsync a file or directory by name. */
static int
sync_path(const char *path, int dir)
{
	int fd =
		open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Copy ctx's database into the empty file tmp and verify the copy. */
static int
copy_verify(struct sd_ctx *ctx, const char *tmp, struct sd_backup_result *r)
{
	struct sd_ctx b;
	struct sd_db_verified v;
	sqlite3_backup *bk;
	char why[700];
	int rc, src;

	sd_ctx_init(&b, ctx->prog);
	if ((size_t)snprintf(b.path, sizeof b.path, "%s", tmp) >= sizeof b.path)
		return sd_fail(ctx, EX_USAGE,
			       _("the backup directory's path is too long"));
	if (sqlite3_open_v2(tmp, &b.db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = sd_fail(ctx, EX_CANTCREAT,
			     _("cannot write the backup '%s': %s"), tmp,
			     b.db ? sqlite3_errmsg(b.db) : _("no memory"));
		sd_ctx_free(&b);
		return rc;
	}
	/* All pages in one step: one read transaction, one moment. */
	if (!(bk = sqlite3_backup_init(b.db, "main", ctx->db, "main"))) {
		rc = sd_fail(ctx, EX_IOERR, _("cannot start the backup: %s"),
			     sqlite3_errmsg(b.db));
		sd_ctx_free(&b);
		return rc;
	}
	src = sqlite3_backup_step(bk, -1);
	sqlite3_backup_finish(bk);
	if (src != SQLITE_DONE) {
		if ((src & 0xff) == SQLITE_CORRUPT ||
		    (src & 0xff) == SQLITE_NOTADB)
			rc = sd_fail_damaged(ctx, sqlite3_errstr(src));
		else
			rc = sd_fail(
				ctx,
				(src & 0xff) == SQLITE_BUSY ? EX_UNAVAILABLE
							    : EX_IOERR,
				_("cannot copy the database into '%s': %s"),
				tmp, sqlite3_errstr(src));
		sd_ctx_free(&b);
		return rc;
	}
	/* One self-contained file, not a database with a WAL beside it. */
	if ((rc = sd_exec(&b, "PRAGMA journal_mode=DELETE", SD_END)) ||
	    (rc = sd_check_db(&b, &v))) {
		ctx->err = b.err;
		sd_ctx_free(&b);
		return rc;
	}
	sd_ctx_free(&b);
	if (!sd_check_verified_ok(&v)) {
		sd_check_verified_problem(&v, why, sizeof why);
		return sd_fail(ctx, EX_DATAERR,
			       _("the copy failed verification (%s), so it was "
				 "not kept and no backup was removed; run "
				 "socdok-check"),
			       why);
	}
	snprintf(r->head, sizeof r->head, "%s", v.head);
	r->akter = v.akter;
	r->notes = v.notes;
	return 0;
}

/* A free name for a backup made now, into r->path. */
static int
new_name(struct sd_ctx *ctx, const char *dir, struct sd_backup_result *r)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	struct stat st;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "socdok-%Y%m%dT%H%M%SZ", &tm);
	/*
	 * After the last one of this second, never in a gap that --keep
	 * left: the names must sort as the backups were made.
	 */
	int next = 1;
	for (int i = 1; i < 1000; i++) {
		int w = i == 1 ? snprintf(r->path, sizeof r->path, "%s/%s.db",
					  dir, stamp)
			       : snprintf(r->path, sizeof r->path,
					  "%s/%s-%d.db", dir, stamp, i);
		if (w < 0 || (size_t)w >= sizeof r->path)
			return sd_fail(ctx, EX_USAGE,
				       _("the backup directory's path is too "
					 "long"));
		if (lstat(r->path, &st) == 0)
			next = i + 1;
	}
	if (next >= 1000)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("too many backups in '%s' this second"), dir);
	if (next == 1)
		snprintf(r->path, sizeof r->path, "%s/%s.db", dir, stamp);
	else
		snprintf(r->path, sizeof r->path, "%s/%s-%d.db", dir, stamp,
			 next);
	return 0;
}

/* Remove the oldest backups beyond keep. */
static int
rotate(struct sd_ctx *ctx, const char *dir, int keep, int *removed)
{
	char **v, path[4096 + 300];
	size_t n;
	int rc;

	if (keep <= 0)
		return 0;
	if ((rc = list_backups(ctx, dir, &v, &n)))
		return rc;
	for (size_t i = 0; i + (size_t)keep < n && !rc; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, v[i]);
		if (unlink(path) != 0)
			rc = sd_fail(ctx, EX_IOERR,
				     _("cannot remove the old backup '%s': %s"),
				     path, strerror(errno));
		else
			(*removed)++;
	}
	sd_list_free(v);
	return rc;
}

/* Remember the backup directory and log the backup, in the live db. */
static int
record(struct sd_ctx *ctx, const char *dir, const struct sd_backup_result *r)
{
	char real[PATH_MAX], what[4096 + 200];
	int rc;

	if (!realpath(dir, real))
		snprintf(real, sizeof real, "%s", dir);
	snprintf(what, sizeof what, "backup '%s' (%lld akter, %lld notes)",
		 r->path, r->akter, r->notes);
	if ((rc = sd_begin(ctx)) ||
	    (rc = sd_setting_set(ctx, "backup_dir", real)) ||
	    (rc = sd_log_access(ctx, 0, what)) || (rc = sd_commit(ctx)))
		sd_rollback(ctx);
	return rc;
}

int
sd_backup(struct sd_ctx *ctx, const struct sd_backup_opts *o,
	  struct sd_backup_result *r)
{
	struct stat st;
	struct sd_gallralog *g;
	char tmp[4096 + 64], logpath[4096 + 64];
	int fd, rc;

	memset(r, 0, sizeof *r);
	if (ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(
			ctx, EX_NOPERM,
			_("only an administrator may back up the database "
			  "(you are %s): a backup holds every akt"),
			sd_role_name(ctx->me.role));
	if (ctx->damaged)
		return sd_fail_damaged(ctx, NULL);
	if (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return sd_fail(ctx, EX_CANTCREAT,
			       _("the backup directory '%s' does not exist; "
				 "create it first (mode 0700)"),
			       o->dir);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s/.socdok-backup-XXXXXX",
			     o->dir) >= sizeof tmp)
		return sd_fail(ctx, EX_USAGE,
			       _("the backup directory's path is too long"));
	if ((fd = mkstemp(tmp)) < 0)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create a file in '%s': %s"), o->dir,
			       strerror(errno));
	/* mkstemp makes 0600 already; the umask cannot widen it. */
	fchmod(fd, 0600);
	close(fd);
	rc = copy_verify(ctx, tmp, r);
	if (!rc && sync_path(tmp, 0) != 0)
		rc = sd_fail(ctx, EX_IOERR,
			     _("cannot sync the backup '%s': %s"), tmp,
			     strerror(errno));
	if (!rc)
		rc = new_name(ctx, o->dir, r);
	if (!rc && rename(tmp, r->path) != 0)
		rc = sd_fail(ctx, EX_IOERR,
			     _("cannot name the backup '%s': %s"), r->path,
			     strerror(errno));
	if (rc) {
		unlink(tmp);
		r->path[0] = '\0';
		return rc;
	}
	sync_path(o->dir, 1);
	/* The gallringslogg lives with the backups from the first one on. */
	snprintf(logpath, sizeof logpath, "%s/%s", o->dir, SD_GALLRALOG_NAME);
	if ((rc = sd_gallralog_open(ctx, logpath, &g)))
		return rc;
	rc = sd_gallralog_sync(ctx, g);
	sd_gallralog_close(g);
	if (rc || (rc = record(ctx, o->dir, r)))
		return rc;
	return rotate(ctx, o->dir, o->keep, &r->removed);
}
