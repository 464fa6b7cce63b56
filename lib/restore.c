/*
 * restore.c - socdok-restore: a backup put back in place of the
 * database, with every purge recorded in the gallringslogg since done
 * again before the file is in place, so that a restore never brings
 * back what gallring erased.
 *
 * The work is done on a copy beside the database: the live file is
 * replaced only by a copy that is migrated, purged, vacuumed and
 * verified.  While it works, the live database is held with an
 * exclusive lock, taken first: any other program that has the file
 * open (socdok or sqlite3) makes the restore refuse.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "check.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"

/* How long the exclusive lock on the live database is waited for. */
#define LOCK_MS 2000

/* Copy the database file src into the file dst with the backup API. */
static int
copy_file(struct sd_ctx *ctx, const char *src, const char *dst)
{
	sqlite3 *s = NULL, *d = NULL;
	sqlite3_backup *bk;
	int rc = SQLITE_OK;

	if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(dst, &d, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = SQLITE_CANTOPEN;
	else if (!(bk = sqlite3_backup_init(d, "main", s, "main")))
		rc = sqlite3_errcode(d);
	else {
		rc = sqlite3_backup_step(bk, -1);
		sqlite3_backup_finish(bk);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (rc != SQLITE_OK) {
		const char *why = s && sqlite3_errcode(s) ? sqlite3_errmsg(s)
							  : sqlite3_errstr(rc);
		int code = ((rc & 0xff) == SQLITE_CORRUPT ||
			    (rc & 0xff) == SQLITE_NOTADB)
				   ? EX_DATAERR
				   : EX_IOERR;
		sd_fail(ctx, code,
			_("cannot read the backup '%s': %s; try an older "
			  "backup"),
			src, why);
	}
	sqlite3_close(s);
	sqlite3_close(d);
	return rc == SQLITE_OK ? 0 : ctx->err.code;
}

struct reapply {
	struct sd_ctx *ctx;
	int purged, preserved;
};

/* One line of the gallringslogg: purge again what the backup holds. */
static int
reapply_line(struct sd_ctx *ctx, void *arg, const struct sd_gallralog_line *l)
{
	struct reapply *ra = arg;
	char id[32], year[8] = "";
	int rc;

	snprintf(id, sizeof id, "%lld", l->akt);
	if (sd_query_int(ctx, "SELECT count(*) FROM akt WHERE id = ?", id,
			 SD_END) != 1)
		return 0; /* purged before the backup, or never in it */
	sd_query_text(ctx, year, sizeof year,
		      "SELECT substr(last, 1, 4) FROM akt_last_record WHERE "
		      "akt_id = ?",
		      id, SD_END);
	if (strcmp(l->action, "preserve") == 0) {
		if (sd_query_int(ctx,
				 "SELECT preserved IS NULL FROM akt "
				 "WHERE id = ?",
				 id, SD_END) != 1)
			return 0;
		if ((rc = sd_exec(ctx,
				  "UPDATE akt SET preserved = ? WHERE id = ?",
				  l->as_of, id, SD_END)))
			return rc;
		ra->preserved++;
	} else {
		if ((rc = sd_gallra_purge_akt(ctx, l->akt, l->decision)))
			return rc;
		ra->purged++;
	}
	return sd_exec(
		ctx,
		"INSERT INTO temp.restore_done(akt, year, decision, beslut) "
		"VALUES (CAST(?1 AS INTEGER), CAST(nullif(?2, '') AS "
		"INTEGER), ?3, ?4)",
		id, year, l->action, l->decision, SD_END);
}

/*
 * On the copy t: re-apply the gallringslogg, one gallring_log row per
 * beslut naming the restore, and the access log line; one transaction.
 */
static int
reapply(struct sd_ctx *t, const struct sd_restore_opts *o,
	struct sd_restore_result *r)
{
	struct reapply ra = {t, 0, 0};
	char what[8192 + 200];
	int rc;

	if ((rc = sd_exec(t,
			  "CREATE TEMP TABLE restore_done(akt INTEGER, "
			  "year INTEGER, decision TEXT, beslut TEXT)",
			  SD_END)) ||
	    (rc = sd_begin(t)))
		return rc;
	if ((rc = sd_gallralog_read(t, r->log, reapply_line, &ra)))
		goto out;
	if ((ra.purged || ra.preserved) &&
	    ((rc = sd_exec(
		      t,
		      "INSERT INTO gallring_log(at, as_of, decision, login, "
		      "purged, preserved, detail) SELECT ?1, ?2, "
		      "'socdok-restore of ' || ?3 || ' re-applied: ' || "
		      "beslut, ?4, sum(decision <> 'preserve'), "
		      "sum(decision = 'preserve'), json_group_array("
		      "json_object('akt', akt, 'year', year, 'decision', "
		      "decision)) FROM (SELECT * FROM temp.restore_done "
		      "ORDER BY akt) GROUP BY beslut ORDER BY min(rowid)",
		      sd_clock(t), t->today_s, o->backup, t->me.login,
		      SD_END)) ||
	     (rc = sd_head_log_new(t, "gallring", "gallring_log"))))
		goto out;
	/*
	 * gallra goes on appending to the gallringslogg just read, and
	 * socdok-check looks for backups there (the backup was taken
	 * before its directory was remembered).
	 */
	char logdir[4096], real[PATH_MAX];
	snprintf(logdir, sizeof logdir, "%s", r->log);
	if (!realpath(dirname(logdir), real))
		snprintf(real, sizeof real, "%s", logdir);
	if ((rc = sd_setting_set(t, "backup_dir", real)))
		goto out;
	snprintf(what, sizeof what,
		 "restored the backup '%s'; %d purges and %d preserve marks "
		 "re-applied from '%s'",
		 o->backup, ra.purged, ra.preserved, r->log);
	if ((rc = sd_log_access(t, 0, what)))
		goto out;
	rc = sd_commit(t);
out:
	if (rc)
		sd_rollback(t);
	r->purged = ra.purged;
	r->preserved = ra.preserved;
	return rc;
}

/*
 * Prepare the copy tmp: open it as socdok does (migrations), check the
 * actor, re-apply the purges, vacuum, verify.
 */
static int
prepare_copy(struct sd_ctx *ctx, const char *tmp,
	     const struct sd_restore_opts *o, struct sd_restore_result *r)
{
	struct sd_ctx t;
	struct sd_db_verified v;
	char why[700];
	int rc;

	sd_ctx_init(&t, ctx->prog);
	snprintf(t.today_s, sizeof t.today_s, "%s", ctx->today_s);
	t.today = ctx->today;
	if ((rc = sd_open(&t, tmp, SD_OPEN_CHECK)))
		goto out;
	if (t.damaged) {
		rc = sd_fail(&t, EX_DATAERR,
			     _("the backup '%s' is damaged (%s); try an older "
			       "backup"),
			     o->backup, t.damage);
		goto out;
	}
	if (t.me.role != SD_ROLE_ADMIN) {
		rc = sd_fail(&t, EX_NOPERM,
			     _("only an administrator may restore a backup (in "
			       "the backup you are %s)"),
			     sd_role_name(t.me.role));
		goto out;
	}
	if ((rc = reapply(&t, o, r)))
		goto out;
	/* Nothing purged may stay in free pages or in the WAL. */
	if ((rc = sd_exec(&t, "VACUUM", SD_END)) ||
	    (rc = sd_exec(&t, "PRAGMA wal_checkpoint(TRUNCATE)", SD_END)) ||
	    (rc = sd_check_db(&t, &v)))
		goto out;
	if (!sd_check_verified_ok(&v)) {
		sd_check_verified_problem(&v, why, sizeof why);
		rc = sd_fail(
			&t, EX_DATAERR,
			_("the backup '%s' failed verification (%s); try an "
			  "older backup"),
			o->backup, why);
		goto out;
	}
	snprintf(r->head, sizeof r->head, "%s", v.head);
	r->akter = v.akter;
	r->notes = v.notes;
out:
	if (rc)
		ctx->err = t.err;
	sd_ctx_free(&t);
	return rc;
}

/*
 * Lock the live database exclusively (*live stays open, holding it), or
 * leave *live NULL when there is no usable file to lock.
 */
static int
lock_live(struct sd_ctx *ctx, sqlite3 **live)
{
	struct stat st;
	int rc;

	*live = NULL;
	if (stat(ctx->path, &st) != 0 || st.st_size == 0)
		return 0;
	if (sqlite3_open_v2(ctx->path, live, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(*live);
		*live = NULL;
		return 0;
	}
	sqlite3_busy_timeout(*live, LOCK_MS);
	rc = sqlite3_exec(*live,
			  "PRAGMA locking_mode=EXCLUSIVE; "
			  "BEGIN EXCLUSIVE; SELECT count(*) FROM "
			  "sqlite_schema; COMMIT",
			  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		sqlite3_close(*live);
		*live = NULL;
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("database '%s' is open in another program; "
				 "stop every socdok program and sqlite3 using "
				 "it, then run socdok-restore again"),
			       ctx->path);
	}
	/* Damaged beyond reading: it is replaced as a file. */
	sqlite3_close(*live);
	*live = NULL;
	return 0;
}

/* Write the prepared copy over the locked live database, page by page. */
static int
install_pages(struct sd_ctx *ctx, sqlite3 *live, const char *tmp)
{
	sqlite3 *s = NULL;
	sqlite3_backup *bk;
	int rc;

	if (sqlite3_open_v2(tmp, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(s);
		return -1;
	}
	if (!(bk = sqlite3_backup_init(live, "main", s, "main"))) {
		sqlite3_close(s);
		return -1;
	}
	rc = sqlite3_backup_step(bk, -1);
	sqlite3_backup_finish(bk);
	sqlite3_close(s);
	if (rc != SQLITE_DONE)
		return -1;
	if (sqlite3_exec(live, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
			 NULL) != SQLITE_OK)
		return sd_fail(ctx, EX_IOERR,
			       _("cannot write the database '%s': %s"),
			       ctx->path, sqlite3_errmsg(live));
	return 0;
}

/* Remove a database file's WAL and shared-memory files. */
static void
unlink_side(const char *db)
{
	char p[4200 + 8];

	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
}

int
sd_restore(struct sd_ctx *ctx, const struct sd_restore_opts *o,
	   struct sd_restore_result *r)
{
	struct stat st;
	sqlite3 *live = NULL;
	char tmp[4096 + 64], dir[4096];
	int fd, rc;

	memset(r, 0, sizeof *r);
	if (stat(o->backup, &st) != 0 || !S_ISREG(st.st_mode))
		return sd_fail(ctx, EX_NOINPUT,
			       _("no backup file '%s'; name one written by "
				 "socdok-backup"),
			       o->backup);
	if (o->gallringslogg)
		snprintf(r->log, sizeof r->log, "%s", o->gallringslogg);
	else {
		snprintf(dir, sizeof dir, "%s", o->backup);
		if ((size_t)snprintf(r->log, sizeof r->log, "%s/%s",
				     dirname(dir),
				     SD_GALLRALOG_NAME) >= sizeof r->log)
			return sd_fail(ctx, EX_USAGE,
				       _("the backup's path is too "
					 "long"));
	}
	if (access(r->log, R_OK) != 0)
		return sd_fail(ctx, EX_NOINPUT,
			       _("cannot read the gallringslogg '%s': %s; give "
				 "--gallringslogg FILE (the file gallra "
				 "--execute appends to), so that no purged akt "
				 "comes back"),
			       r->log, strerror(errno));
	snprintf(dir, sizeof dir, "%s", ctx->path);
	if ((size_t)snprintf(tmp, sizeof tmp, "%s/.socdok-restore-XXXXXX",
			     dirname(dir)) >= sizeof tmp)
		return sd_fail(ctx, EX_USAGE,
			       _("the database's path is too long"));
	if ((rc = lock_live(ctx, &live)))
		return rc;
	if ((fd = mkstemp(tmp)) < 0) {
		sqlite3_close(live);
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create a file beside '%s': %s"),
			       ctx->path, strerror(errno));
	}
	fchmod(fd, 0600);
	close(fd);
	if (!(rc = copy_file(ctx, o->backup, tmp)))
		rc = prepare_copy(ctx, tmp, o, r);
	if (!rc && live && install_pages(ctx, live, tmp) == 0) {
		sqlite3_close(live);
		live = NULL;
		unlink(tmp);
	} else if (!rc) {
		/* No live file, or one too damaged to write into. */
		sqlite3_close(live);
		live = NULL;
		if (ctx->err.code)
			rc = ctx->err.code;
		else if (rename(tmp, ctx->path) != 0)
			rc = sd_fail(
				ctx, EX_IOERR,
				_("cannot put the backup in place of '%s': "
				  "%s"),
				ctx->path, strerror(errno));
		else
			unlink_side(ctx->path);
	}
	if (rc)
		unlink(tmp);
	unlink_side(tmp);
	sqlite3_close(live);
	return rc;
}
