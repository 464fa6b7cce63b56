/*
 * export-all.c - the way out of socdok: every akt of the database as JSON
 * (and PDF, PDF/A where ghostscript is installed) in one directory, with
 * what it takes to recompute the database head from the files alone:
 * the chain of heads and both log chains with their rows (heads.json),
 * the head as socdok-anchor prints it (ANCHOR), and a SHA256SUMS that
 * sha256sum -c checks.  One read of one transaction, so the files agree
 * with each other and with the head.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain.h"
#include "export-all.h"
#include "file.h"
#include "head.h"
#include "i18n.h"
#include "priv.h"

/* The files written so far, to name them and to take them back. */
struct written {
	char **names;
	size_t n, cap;
};

static void
written_add(struct written *w, const char *name)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->names = sd_xrealloc(w->names, w->cap * sizeof *w->names);
	}
	w->names[w->n++] = sd_strdup(name);
}

static void
written_free(struct written *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->names[i]);
	free(w->names);
}

/* dir/name into p; EX_CANTCREAT when it does not fit. */
static int
path_of(struct sd_ctx *ctx, struct sd_buf *p, const char *dir, const char *name)
{
	p->len = 0;
	sd_buf_printf(p, "%s/%s", dir, name);
	if (p->len >= 4096)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("the path '%s/%s' is too long; choose a "
				 "shorter directory"),
			       dir, name);
	return 0;
}

/* 1 when dir is a directory with nothing in it. */
static int
dir_empty(const char *dir)
{
	struct dirent *e;
	DIR *d;
	int empty;

	sd_priv_user();
	d = opendir(dir);
	sd_priv_restore();
	empty = d != NULL;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	if (d)
		closedir(d);
	return empty;
}

/* A new directory, or an empty one the caller made for it. */
static int
make_dir(struct sd_ctx *ctx, const char *dir, int *made)
{
	int err = 0;

	*made = 0;
	/* The user's directory, made with the user's ids (set-gid). */
	sd_priv_user();
	if (mkdir(dir, 0700) != 0)
		err = errno;
	sd_priv_restore();
	if (!err) {
		*made = 1;
		return 0;
	}
	if (err != EEXIST)
		return sd_fail(ctx, EX_CANTCREAT, _("cannot create '%s': %s"),
			       dir, strerror(err));
	if (!dir_empty(dir))
		return sd_fail(ctx, EX_CANTCREAT,
			       _("'%s' is not an empty directory; give a new "
				 "directory for the export"),
			       dir);
	return 0;
}

/* One akt's files: JSON always, PDF when asked for. */
static int
export_akt(struct sd_ctx *ctx, const struct sd_export_all_opts *o,
	   long long akt, struct written *w, struct sd_buf *p)
{
	static const enum sd_export_fmt fmts[] = {SD_EXPORT_JSON,
						  SD_EXPORT_PDF};
	char name[64];
	int rc;

	for (int i = 0; i < (o->pdf ? 2 : 1); i++) {
		struct sd_export_opts eo = {0};
		if (fmts[i] == SD_EXPORT_PDF)
			eo.pdfa = o->pdfa;
		sd_export_name(akt, fmts[i], name, sizeof name);
		if ((rc = path_of(ctx, p, o->dir, name)) ||
		    (rc = sd_export_file(ctx, akt, fmts[i], &eo, p->s)))
			return rc;
		written_add(w, name);
	}
	return 0;
}

/* One log-chain entry, with the row it holds (null when it is gone). */
static int
log_entry_json(struct sd_ctx *ctx, sqlite3_stmt *st, struct sd_buf *j,
	       struct sd_buf *body)
{
	char hash[SD_HASH_HEX_SIZE];
	int found, rc;

	body->len = 0;
	sd_buf_puts(body, "");
	if ((rc = sd_record_render(ctx, sd_col(st, 2),
				   sqlite3_column_int64(st, 3), body, &found)))
		return rc;
	/*
	 * The row the entry holds, or null when it is gone: erased with a
	 * purged akt (its tombstone lists it), its id since taken by a
	 * later row, or changed behind socdok's back (which the receiver
	 * then finds: a gone row no tombstone erased).
	 */
	if (found &&
	    (sd_head_log_hash(sd_col(st, 0), sqlite3_column_int64(st, 1),
			      sd_col(st, 2), sqlite3_column_int64(st, 3),
			      sd_col(st, 4), body, hash) != 0 ||
	     strcmp(hash, sd_col(st, 5)) != 0))
		found = 0;
	sd_buf_printf(j, "{\"log\": \"%s\", \"seq\": %lld, \"kind\": ",
		      sd_col(st, 0), sqlite3_column_int64(st, 1));
	if ((rc = sd_json_quote(ctx, j, sd_col(st, 2))))
		return rc;
	sd_buf_printf(j,
		      ", \"ref\": %lld, \"prev_hash\": \"%s\", "
		      "\"hash\": \"%s\", \"body\": ",
		      sqlite3_column_int64(st, 3), sd_col(st, 4),
		      sd_col(st, 5));
	if ((rc = sd_json_quote(ctx, j, found ? body->s : NULL)))
		return rc;
	sd_buf_puts(j, "}");
	return 0;
}

/*
 * heads.json: the head, the chain of heads and both log chains, each
 * entry as docs/hash-format.md hashes it.
 */
static int
heads_json(struct sd_ctx *ctx, const struct sd_head *h, const char *line,
	   struct sd_buf *j)
{
	struct sd_buf body;
	sqlite3_stmt *st;
	int rc = 0, step, first = 1;

	sd_buf_puts(j,
		    "{\n\"format\": \"socdok-export-all v1\",\n\"anchor\": ");
	if ((rc = sd_json_quote(ctx, j, line)))
		return rc;
	sd_buf_printf(j, ",\n\"root\": \"%s\",\n\"heads\": [", h->root);
	if (!(st = sd_prepare(ctx, "SELECT json_object('seq', seq, 'at', at, "
				   "'chain', chain, 'akt', akt, 'count', "
				   "count, 'head', head, 'prev_hash', "
				   "prev_hash, 'hash', hash) FROM head_chain "
				   "ORDER BY seq")))
		return ctx->err.code;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_printf(j, "%s\n%s", first ? "" : ",", sd_col(st, 0));
		first = 0;
	}
	sd_finalize(st);
	if (step != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the chain of heads"));
	sd_buf_puts(j, "\n],\n\"logs\": [");
	if (!(st = sd_prepare(ctx, "SELECT log, seq, kind, ref, prev_hash, "
				   "hash FROM log_chain ORDER BY log, seq")))
		return ctx->err.code;
	sd_buf_init(&body);
	first = 1;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_puts(j, first ? "\n" : ",\n");
		first = 0;
		rc = log_entry_json(ctx, st, j, &body);
	}
	sd_finalize(st);
	sd_buf_free(&body);
	if (!rc && step != SQLITE_DONE)
		rc = sd_fail_db(ctx, _("cannot read the log chains"));
	sd_buf_puts(j, "\n]\n}\n");
	return rc;
}

/* Take back what was written: nothing half-done stays. */
static void
undo(const char *dir, const struct written *w, int made)
{
	struct sd_buf p;

	sd_priv_user();
	sd_buf_init(&p);
	for (size_t i = 0; i < w->n; i++) {
		p.len = 0;
		sd_buf_printf(&p, "%s/%s", dir, w->names[i]);
		unlink(p.s);
	}
	p.len = 0;
	sd_buf_printf(&p, "%s/SHA256SUMS", dir);
	unlink(p.s);
	sd_buf_free(&p);
	if (made)
		rmdir(dir);
	sd_priv_restore();
}

int
sd_export_all(struct sd_ctx *ctx, const struct sd_export_all_opts *o,
	      struct sd_export_all_result *res)
{
	struct written w = {0};
	struct sd_head h;
	struct sd_buf p, j;
	sqlite3_stmt *st = NULL;
	long long *ids = NULL;
	size_t n = 0;
	char line[512];
	int rc = 0, made = 0;

	memset(res, 0, sizeof *res);
	if (ctx->me.role != SD_ROLE_ADMIN && ctx->me.role != SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       _("only an admin or an arkivarie may export "
				 "every akt; ask one of them"));
	if (o->pdf && o->pdfa == SD_PDFA_REQUIRE && !sd_export_pdfa_available())
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("ghostscript is not installed, so no PDF/A "
				 "can be made; install ghostscript, or add "
				 "--no-pdfa"));
	if (!(st = sd_prepare(ctx, "SELECT id FROM akt ORDER BY id")) ||
	    (rc = sd_query_ids(ctx, st, _("cannot list the akter"), &ids, &n)))
		return ctx->err.code;
	if ((rc = make_dir(ctx, o->dir, &made))) {
		free(ids);
		return rc;
	}
	sd_buf_init(&p);
	sd_buf_init(&j);
	for (size_t i = 0; i < n && !rc; i++)
		rc = export_akt(ctx, o, ids[i], &w, &p);
	res->akter = (long long)n;
	/*
	 * The exports' own access-log lines into their chain now, so the
	 * head written below is the head this transaction commits.
	 */
	if (!rc && !(rc = sd_chain_flush(ctx)) &&
	    !(rc = sd_head_get(ctx, &h))) {
		sd_head_line(&h, line, sizeof line);
		snprintf(res->root, sizeof res->root, "%s", h.root);
		if (!(rc = heads_json(ctx, &h, line, &j)) &&
		    !(rc = path_of(ctx, &p, o->dir, "heads.json")) &&
		    !(rc = sd_file_write_all(ctx, p.s, j.s, j.len))) {
			written_add(&w, "heads.json");
			j.len = 0;
			sd_buf_printf(&j, "%s\n", line);
			if (!(rc = path_of(ctx, &p, o->dir, "ANCHOR")) &&
			    !(rc = sd_file_write_all(ctx, p.s, j.s, j.len)))
				written_add(&w, "ANCHOR");
		}
	}
	if (!rc)
		rc = sd_file_sums(ctx, o->dir, (const char *const *)w.names,
				  w.n);
	res->files = (long long)w.n + 1;
	if (rc)
		undo(o->dir, &w, made);
	sd_buf_free(&p);
	sd_buf_free(&j);
	written_free(&w);
	free(ids);
	return rc;
}
