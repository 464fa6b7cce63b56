/*
 * gallra-exec.c - carrying out gallring (gallra --execute): each person's
 * akter preserved (package first) or purged, with the gallringslogg row
 * and tombstone, in one transaction per person; then the traces erased.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "chain.h"
#include "export.h"
#include "file.h"
#include "gallra-int.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"
#include "text-src.h"
#include "unit.h"

static int
record(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
       const struct sd_gallra_item *it, const char *what)
{
	char akt[32], year[5];

	sd_gallralog_add(o->log, ctx->today_s, what, it->akt, o->decision);

	snprintf(akt, sizeof akt, "%lld", it->akt);
	snprintf(year, sizeof year, "%.4s", it->last);
	return sd_exec(ctx,
		       "INSERT INTO temp.gallra_done(akt, year, decision) "
		       "VALUES (CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), ?3)",
		       akt, year, what, SD_END);
}

/* An akt's archive package, written before its purge's transaction. */
struct package {
	long long akt;
	long long records;           /* its chain's length then */
	char head[SD_HASH_HEX_SIZE]; /* and its head */
};

/* The length and head of akt's chain into *records and head. */
static int
akt_head(struct sd_ctx *ctx, long long akt, long long *records,
	 char head[SD_HASH_HEX_SIZE])
{
	sqlite3_stmt *st;
	int step;

	*records = 0;
	snprintf(head, SD_HASH_HEX_SIZE, "%s", SD_HASH_ZERO);
	if (!(st = sd_prepare(ctx, "SELECT seq, hash FROM chain_record WHERE "
				   "akt_id = ? ORDER BY seq DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*records = sqlite3_column_int64(st, 0);
		snprintf(head, SD_HASH_HEX_SIZE, "%s", sd_col(st, 1));
		step = SQLITE_DONE;
	}
	sd_finalize(st);
	return step == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the chain of an akt"));
}

/*
 * The archive packages of the akter of person to preserve, written and
 * verified in a read transaction (no write lock while PDFs are built),
 * each with the head of its akt then, into *pk.
 */
static int
write_packages(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	       long long person, struct package **pk, size_t *npk)
{
	struct sd_gallra_plan p;
	char dir[4096 + 64];
	int rc;

	*pk = NULL;
	*npk = 0;
	sd_log_forget(ctx);
	if ((rc = sd_exec(ctx, "BEGIN", SD_END)))
		return rc;
	if ((rc = sd_gallra_plan(ctx, person, &p))) {
		sd_rollback(ctx);
		return rc;
	}
	for (size_t i = 0; i < p.n && !rc; i++) {
		const struct sd_gallra_item *it = &p.items[i];
		if (it->decision != SD_GALLRA_PRESERVE)
			continue;
		*pk = sd_xrealloc(*pk, (*npk + 1) * sizeof **pk);
		(*pk)[*npk].akt = it->akt;
		if (!(rc = akt_head(ctx, it->akt, &(*pk)[*npk].records,
				    (*pk)[*npk].head)) &&
		    !(rc = write_package(ctx, o, it, dir, sizeof dir)))
			(*npk)++;
	}
	sd_gallra_plan_free(&p);
	/* Nothing was written: the read transaction is let go. */
	sd_rollback(ctx);
	return rc;
}

/*
 * Whether the package written for akt before the transaction is still
 * its package: written for the akt as it is now, and intact on disk.
 */
static int
package_holds(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	      const struct package *pk, size_t npk, long long akt)
{
	char dir[4096 + 64], head[SD_HASH_HEX_SIZE];
	long long records;
	size_t i;
	int rc;

	for (i = 0; i < npk && pk[i].akt != akt; i++)
		;
	if ((rc = package_dir(ctx, o, akt, dir, sizeof dir)) ||
	    (rc = akt_head(ctx, akt, &records, head)))
		return rc;
	if (i == npk || pk[i].records != records ||
	    strcmp(pk[i].head, head) != 0)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("akt %lld changed while its archive package "
				 "'%s' was written; nothing of its person "
				 "was purged or marked; run 'gallra "
				 "--execute' again"),
			       akt, dir);
	return verify_package(ctx, dir);
}

/*
 * One person: the archive packages first, outside the write; then, in
 * one transaction, re-plan, check each package, mark the akter
 * preserved and purge, with the tombstones and the gallringslogg line.
 */
static int
execute_person(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	       const struct purge_sql *ps, long long person,
	       struct sd_gallra_result *r)
{
	struct sd_gallra_plan p;
	struct package *pk;
	size_t npk, ngone = 0;
	long long *gone;
	char id[32];
	int rc, purged = 0, preserved = 0;

	if ((rc = write_packages(ctx, o, person, &pk, &npk))) {
		free(pk);
		return rc;
	}
	if ((rc = sd_begin(ctx))) {
		free(pk);
		return rc;
	}
	if ((rc = sd_gallra_plan(ctx, person, &p))) {
		free(pk);
		sd_rollback(ctx);
		return rc;
	}
	ctx->purging = 1;
	gone = sd_xmalloc((p.n + 1) * sizeof *gone);
	for (size_t i = 0; i < p.n && !rc; i++) {
		const struct sd_gallra_item *it = &p.items[i];
		if (it->decision == SD_GALLRA_HOLD) {
			continue;
		} else if (it->decision == SD_GALLRA_PRESERVE) {
			snprintf(id, sizeof id, "%lld", it->akt);
			if (!(rc = package_holds(ctx, o, pk, npk, it->akt)) &&
			    !(rc = sd_log_access(ctx, it->akt,
						 "exported akt as an archive "
						 "package (pdf, json)")) &&
			    !(rc = sd_exec(ctx,
					   "UPDATE akt SET preserved = ? WHERE "
					   "id = ?",
					   ctx->today_s, id, SD_END)) &&
			    !(rc = record(ctx, o, it,
					  it->handover ? "handover"
						       : "preserve")) &&
			    it->handover &&
			    !(rc = purge_akt(ctx, ps, it->akt, it->person,
					     "handover", o->decision)))
				gone[ngone++] = it->akt;
			preserved++;
		} else {
			if (!(rc = purge_akt(ctx, ps, it->akt, it->person,
					     "purge", o->decision)) &&
			    !(rc = record(ctx, o, it, "purge")))
				gone[ngone++] = it->akt;
			purged++;
		}
	}
	ctx->purging = 0;
	sd_gallra_plan_free(&p);
	free(pk);
	/* The file outside first: a purge is never without its line. */
	if (!rc && !(rc = sd_gallralog_sync(ctx, o->log)))
		rc = sd_commit(ctx);
	if (rc) {
		free(gone);
		sd_gallralog_drop(o->log);
		sd_rollback(ctx);
		return rc;
	}
	/* Purged: the running user's drafts of the akter go too. */
	for (size_t i = 0; i < ngone; i++)
		sd_drafts_remove(gone[i]);
	free(gone);
	r->purged += purged;
	r->preserved += preserved;
	return 0;
}

/* The gallringslogg line: counts, and per akt only its id and a year. */
static int
write_log(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	  struct sd_gallra_result *r)
{
	char np[16], nv[16], what[256];
	int rc;

	snprintf(np, sizeof np, "%d", r->purged);
	snprintf(nv, sizeof nv, "%d", r->preserved);
	if ((rc = sd_begin(ctx)))
		return rc;
	if ((rc = sd_exec(
		     ctx,
		     "INSERT INTO gallring_log(at, as_of, decision, login, "
		     "purged, "
		     "preserved, detail) SELECT ?, ?, ?, ?, CAST(? AS "
		     "INTEGER), "
		     "CAST(? AS INTEGER), (SELECT json_group_array(json_object("
		     "'akt', akt, 'year', year, 'decision', decision)) FROM "
		     "(SELECT "
		     "* FROM temp.gallra_done ORDER BY akt))",
		     sd_clock(ctx), ctx->today_s, o->decision, ctx->me.login,
		     np, nv, SD_END))) {
		sd_rollback(ctx);
		return rc;
	}
	r->log_id = sqlite3_last_insert_rowid(ctx->db);
	if ((rc = sd_head_log(ctx, "gallring", "gallring_log", r->log_id))) {
		sd_rollback(ctx);
		return rc;
	}
	snprintf(what, sizeof what,
		 "gallring %lld: %d akter purged, %d preserved", r->log_id,
		 r->purged, r->preserved);
	if ((rc = sd_log_access(ctx, 0, what)) || (rc = sd_commit(ctx)))
		sd_rollback(ctx);
	return rc;
}

/* Nothing purged may stay in the WAL or in free pages of the file. */
static int
erase_traces(struct sd_ctx *ctx, enum sd_gallra_vacuum how)
{
	int rc;
	long long busy;

	busy = sd_query_int(ctx, "PRAGMA wal_checkpoint(TRUNCATE)", SD_END);
	if (busy == 0 && how == SD_VACUUM_INCREMENTAL) {
		if (sd_query_int(ctx, "PRAGMA auto_vacuum", SD_END) != 2) {
			/* Switching the mode takes one full VACUUM. */
			if ((rc = sd_exec(ctx, "PRAGMA auto_vacuum=INCREMENTAL",
					  SD_END)) ||
			    (rc = sd_exec(ctx, "VACUUM", SD_END)))
				return rc;
		} else if ((rc = sd_exec(ctx, "PRAGMA incremental_vacuum",
					 SD_END)))
			return rc;
	} else if (busy == 0 && (rc = sd_exec(ctx, "VACUUM", SD_END)))
		return rc;
	if (busy == 0)
		busy = sd_query_int(ctx, "PRAGMA wal_checkpoint(TRUNCATE)",
				    SD_END);
	if (busy != 0)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("the purge is done, but another program has "
				 "the database open, so its WAL could not be "
				 "cleared; run 'gallra --execute' again when "
				 "it has finished"));
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static int execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		   struct sd_gallra_result *r);

int
sd_gallra_execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		  struct sd_gallra_result *r)
{
	struct sd_gallra_exec with_log = *o;
	char path[4096];
	int rc;

	memset(r, 0, sizeof *r);
	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return execute(ctx, o, r); /* refuses, naming the role */
#ifdef M_TRIM_THRESHOLD
	/*
	 * Each DELETE of a purge with a subquery gives SQLite a temporary
	 * b-tree with its own page cache, freed at the statement's end: at
	 * glibc's default threshold (128 KiB) every such free at the top of
	 * the heap shrank it with brk and the next statement grew it again,
	 * page faults included -- half of gallra's CPU time without PDF/A
	 * (issue 17).  Freed memory is kept for the run instead.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
	if (!o->log_file && (rc = sd_gallralog_default(ctx, path, sizeof path)))
		return rc;
	if ((rc = sd_gallralog_open(ctx, o->log_file ? o->log_file : path,
				    &with_log.log)))
		return rc;
	rc = execute(ctx, &with_log, r);
	sd_gallralog_close(with_log.log);
	return rc;
}

static int
execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	struct sd_gallra_result *r)
{
	struct sd_gallra_plan p;
	long long *persons = NULL;
	size_t np = 0;
	int rc, need_dir = 0;
	struct stat sb;

	memset(r, 0, sizeof *r);
	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       _("only an arkivarie or an administrator may "
				 "execute gallring (you are %s); the dry run "
				 "'gallra' shows what is due"),
			       sd_role_name(ctx->me.role));
	if (!o->decision || !*o->decision)
		return sd_fail(
			ctx, EX_USAGE,
			_("no gallringsbeslut; give --decision REF naming "
			  "the archive authority's decision (Handbok för "
			  "verkställighet: nothing is purged without "
			  "one)"));
	if (!sd_utf8_valid(o->decision, strlen(o->decision)) ||
	    strchr(o->decision, '\n'))
		return sd_fail(ctx, EX_USAGE,
			       _("--decision must be one line of UTF-8 text"));
	if ((rc = sd_gallra_plan(ctx, 0, &p)))
		return rc;
	/*
	 * A private provider hands preserved akter over to the beställande
	 * nämnd (SoL 7 kap. 3 § (2001:453), LSS 23 c §): never a run that
	 * leaves one neither handed over nor kept with a reason.
	 */
	int keep = 0;
	for (size_t i = 0; i < p.n; i++)
		keep += p.items[i].decision == SD_GALLRA_PRESERVE &&
			!p.items[i].never_purge;
	if (keep && strcmp(p.provider, "enskild") == 0) {
		if (!p.handover)
			rc = sd_fail(ctx, EX_CONFIG,
				     _("%d preserved akter would stay with a "
				       "private provider, which hands them "
				       "over to the beställande nämnd (SoL "
				       "7 kap. 3 § (2001:453), LSS 23 c §); "
				       "turn handover on with gallra-config "
				       "--handover yes, or keep an akt with "
				       "akt-never-purge AKT -m REASON"),
				     keep);
		else if (!*p.namnd)
			rc = sd_fail(ctx, EX_CONFIG,
				     _("no beställande nämnd to hand %d "
				       "preserved akter over to; name it with "
				       "gallra-config --namnd NAME"),
				     keep);
		if (rc) {
			sd_gallra_plan_free(&p);
			return rc;
		}
	}
	for (size_t i = 0; i < p.n; i++) {
		if (p.items[i].decision == SD_GALLRA_PRESERVE)
			need_dir++;
		if (p.items[i].decision == SD_GALLRA_HOLD) {
			r->held++;
			continue;
		}
		persons = sd_xrealloc(persons, (np + 1) * sizeof *persons);
		persons[np++] = p.items[i].person;
	}
	sd_gallra_plan_free(&p);
	if (need_dir && !o->preserve_dir) {
		free(persons);
		return sd_fail(
			ctx, EX_USAGE,
			ngettext(
				"%d akt is to be preserved; give "
				"--preserve-dir DIR for its archive package",
				"%d akter are to be preserved; give "
				"--preserve-dir DIR for their archive packages",
				need_dir),
			need_dir);
	}
	if (need_dir &&
	    (stat(o->preserve_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		free(persons);
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("--preserve-dir '%s' is not a directory; create "
			  "it first"),
			o->preserve_dir);
	}
	/* One transaction per person, in the order of their ids. */
	if (np > 1) {
		size_t k = 1;
		sd_sort(persons, np, sizeof *persons, cmp_id);
		for (size_t i = 1; i < np; i++)
			if (persons[i] != persons[k - 1])
				persons[k++] = persons[i];
		np = k;
	}
	if ((rc = sd_exec(ctx,
			  "CREATE TEMP TABLE IF NOT EXISTS gallra_done("
			  "akt INTEGER, year INTEGER, decision TEXT)",
			  SD_END))) {
		free(persons);
		return rc;
	}
	struct purge_sql ps;
	if ((rc = purge_sql_make(ctx, &ps))) {
		free(persons);
		return rc;
	}
	for (size_t i = 0; i < np && !rc; i++)
		rc = execute_person(ctx, o, &ps, persons[i], r);
	purge_sql_free(&ps);
	free(persons);
	/* Log what was done even when a later person failed. */
	if (!rc || r->purged || r->preserved) {
		struct sd_err saved = ctx->err;
		int lrc = write_log(ctx, o, r);
		if (rc)
			ctx->err = saved;
		else
			rc = lrc;
	}
	if (!rc)
		rc = erase_traces(ctx, o->vacuum);
	/* (the list of the packages, with what this run added) */
	if (!rc && need_dir && r->preserved)
		rc = write_index(ctx, o->preserve_dir);
	return rc;
}
