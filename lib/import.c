/*
 * import.c - socdok-import: rows of another system's CSV/TSV files made
 * into staff, akter, insatser and journal notes, all or nothing, each
 * row once (a stable key per row in import_row, migration 0110, and a
 * note's in import_note, 0240).  This
 * file is the run: the columns of each kind, the header and --map, bad
 * rows and the reject file, the one transaction; import-row.c writes
 * each row.
 *
 * The file is read twice, in chunks: once for its SHA-256 (recorded
 * with every row), once to parse it, so memory does not grow with it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "import-int.h"
#include "journal.h"

/* The columns of each kind, required ones first, with how many. */
static const struct import_kind kinds[] = {
	{"staff", 3, {"login", "name", "title", "role", "unit", "email", NULL}},
	{"akter",
	 3,
	 {"pnr", "name", "unit", "regime", "kontaktperson", "opened", NULL}},
	{"insatser",
	 3,
	 {"pnr", "kind", "decided", "unit", "ordered", "started", "ended",
	  "end_reason", "handlaggare", "goal", NULL}},
	{"journal",
	 4,
	 {"pnr", "date", "author", "text", "unit", "title", "category",
	  "written_at", NULL}},
};

int
sd_import_kind_parse(const char *s)
{
	for (int i = 0; i < (int)(sizeof kinds / sizeof *kinds); i++)
		if (strcmp(s, kinds[i].name) == 0)
			return i;
	return -1;
}

void
sd_import_result_free(struct sd_import_result *r)
{
	free(r->bad);
	r->bad = NULL;
	r->nbad = 0;
}

/* Map the header's names to the kind's columns (--map first). */
static int
read_header(struct imp *im, int line, int n, char **f)
{
	struct sd_ctx *ctx = im->ctx;

	for (int c = 0; c < im->ncols; c++)
		im->col[c] = -1;
	for (int i = 0; i < n; i++) {
		const char *name = f[i];
		char mapped[128];
		const char *m = im->o->map;
		/* --map 'Header=column,...' renames a header. */
		while (m && *m) {
			const char *eq = strchr(m, '='), *end = strchr(m, ',');
			if (!end)
				end = m + strlen(m);
			if (eq && eq < end &&
			    (size_t)(eq - m) == strlen(name) &&
			    strncmp(m, name, (size_t)(eq - m)) == 0) {
				snprintf(mapped, sizeof mapped, "%.*s",
					 (int)(end - eq - 1), eq + 1);
				name = mapped;
				break;
			}
			m = *end ? end + 1 : end;
		}
		for (int c = 0; c < im->ncols; c++)
			if (strcmp(name, im->k->cols[c]) == 0 && im->col[c] < 0)
				im->col[c] = i;
	}
	for (int c = 0; c < im->k->required; c++)
		if (im->col[c] < 0)
			return sd_fail(
				ctx, EX_DATAERR,
				_("%s: line %d: no column '%s' (the header "
				  "names socdok's columns, or --map "
				  "'Header=%s,...' says which is)"),
				im->o->file, line, im->k->cols[c],
				im->k->cols[c]);
	im->header_fields = sd_xmalloc(((size_t)n + 1) * sizeof(char *));
	for (int i = 0; i < n; i++)
		im->header_fields[i] = sd_strdup(f[i]);
	im->header_fields[n] = NULL;
	im->nheader = n;
	im->header = 1;
	return 0;
}

/* A bad row: its line and reason, and the row to the reject file. */
static void
bad_row(struct imp *im, int line, int n, char **f, const char *why)
{
	struct sd_import_result *r = im->r;
	const char *vals[64];
	int k = 0;

	r->bad = sd_xrealloc(r->bad, (r->nbad + 1) * sizeof *r->bad);
	r->bad[r->nbad].line = line;
	snprintf(r->bad[r->nbad].why, sizeof r->bad[r->nbad].why, "%s", why);
	r->nbad++;
	if (!im->rej)
		return;
	for (int i = 0; i < n && k < 62; i++)
		vals[k++] = f[i];
	char l[16];
	snprintf(l, sizeof l, "%d", line);
	vals[k++] = l;
	vals[k++] = why;
	sd_csv_write(im->rej, k, vals, im->sep == '\t' ? ';' : im->sep);
}

/* Errors that are the row's fault, not the database's. */
static int
row_fault(int rc)
{
	return rc == EX_DATAERR || rc == EX_NOINPUT || rc == EX_USAGE ||
	       rc == EX_NOPERM || rc == EX_NOUSER;
}

static int
on_row(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct imp *im = arg;
	const char *v[MAXCOLS];
	unsigned char md[32];
	char key[SD_HASH_HEX_SIZE];
	int rc, seen;

	if (!im->header)
		return read_header(im, line, n, f);
	im->r->rows++;
	for (int c = 0; c < im->ncols; c++) {
		char *s =
			im->col[c] >= 0 && im->col[c] < n ? f[im->col[c]] : "";
		/* Spreadsheets pad cells; the values themselves do not. */
		while (*s == ' ')
			s++;
		size_t l = strlen(s);
		while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\r'))
			s[--l] = '\0';
		if (!sd_utf8_valid(s, l)) {
			bad_row(im, line, n, f,
				"not valid UTF-8; give --encoding "
				"windows-1252");
			return 0;
		}
		v[c] = s;
	}
	for (int c = 0; c < im->k->required; c++)
		if (!*v[c]) {
			char why[128];
			snprintf(why, sizeof why, "no %s", im->k->cols[c]);
			bad_row(im, line, n, f, why);
			return 0;
		}
	import_row_key(im, v, 0, md);
	if (im->o->kind == SD_IMPORT_JOURNAL) {
		rc = import_note(im, v, md, line);
	} else {
		for (int i = 0; i < 32; i++) {
			key[2 * i] = "0123456789abcdef"[md[i] >> 4];
			key[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
		}
		key[64] = '\0';
		/* An earlier run's row is skipped before anything is tried. */
		sqlite3_bind_text(im->find_row, 1, im->k->name, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(im->find_row, 2, key, -1, SQLITE_STATIC);
		seen = sqlite3_step(im->find_row) == SQLITE_ROW &&
		       sqlite3_column_int64(im->find_row, 0) <= im->run_start;
		sqlite3_reset(im->find_row);
		if (seen) {
			im->r->skipped++;
			return 0;
		}
		/* What a bad row wrote is undone, the rest stays. */
		if ((rc = sd_exec(ctx, "SAVEPOINT import_row", SD_END)))
			return rc;
		rc = import_other(im, v, key, line);
		if (rc)
			sd_savepoint_undo(ctx, "import_row");
		else
			sqlite3_exec(ctx->db, "RELEASE import_row", NULL, NULL,
				     NULL);
	}
	if (rc && row_fault(rc)) {
		bad_row(im, line, n, f, ctx->err.msg);
		sd_err_clear(ctx);
		return 0;
	}
	return rc;
}

static int
prepare(struct imp *im)
{
	struct sd_ctx *ctx = im->ctx;

	im->run_start = sd_query_int(ctx,
				     "SELECT ifnull(max(id), 0) FROM "
				     "import_row",
				     SD_END);
	im->next_note = sd_query_int(
		ctx, "SELECT ifnull(max(id), 0) + 1 FROM note", SD_END);
	im->first_note = im->next_note;
	if (!(im->ins_row = sd_prepare(
		      ctx,
		      "INSERT OR IGNORE INTO import_row(kind, key, akt_id, "
		      "note_id, target, line, source, file_sha256, "
		      "imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, "
		      "?6, ?7, ?8, ?9, ?10)")) ||
	    !(im->find_row = sd_prepare(ctx, "SELECT id FROM import_row WHERE "
					     "kind = ? AND key = ?")))
		return ctx->err.code;
	if (im->o->kind != SD_IMPORT_JOURNAL)
		return 0;
	/* A journal row's mark (0240); import_row's for those before it. */
	im->legacy = sd_query_int(ctx,
				  "SELECT EXISTS (SELECT 1 FROM import_row "
				  "WHERE kind = 'journal')",
				  SD_END) == 1;
	if (!(im->ins_mark = sd_prepare(ctx, "INSERT INTO import_note(note_id, "
					     "key, file_id, line) VALUES "
					     "(?, ?, ?, ?)")) ||
	    !(im->find_mark = sd_prepare(ctx, "SELECT note_id FROM "
					      "import_note WHERE key = ?")))
		return ctx->err.code;
	return 0;
}

/* The bindings the same for every row, again after each clear. */
static int
bind_fixed(struct imp *im)
{
	sqlite3_stmt *s = im->ins_row;

	sqlite3_bind_text(s, 7, im->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, im->file_sha, -1, SQLITE_STATIC);
	/* ctx->now stays put for the transaction (sd_begin, clock.c). */
	sqlite3_bind_text(s, 9, sd_clock(im->ctx), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, im->ctx->me.login, -1, SQLITE_STATIC);
	return 0;
}

static int
on_row_bound(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct imp *im = arg;

	bind_fixed(im);
	return im->row_rc = on_row(ctx, arg, line, n, f);
}

static int
write_rejects(struct imp *im)
{
	struct sd_ctx *ctx = im->ctx;
	struct sd_import_result *r = im->r;
	struct sd_buf all;
	FILE *h;
	char *hb = NULL;
	size_t hl = 0;
	const char *extra[64];
	int k = 0, rc;

	if (im->o->reject)
		snprintf(r->reject, sizeof r->reject, "%s", im->o->reject);
	else if ((size_t)snprintf(r->reject, sizeof r->reject, "%s.rejects.csv",
				  im->o->file) >= sizeof r->reject)
		return sd_fail(ctx, EX_USAGE,
			       _("the reject file's name is too "
				 "long; give --reject FILE"));
	for (int i = 0; i < im->nheader && k < 62; i++)
		extra[k++] = im->header_fields[i];
	extra[k++] = "socdok_line";
	extra[k++] = "socdok_reason";
	if (!(h = open_memstream(&hb, &hl)))
		return sd_fail(ctx, EX_SOFTWARE, _("out of memory"));
	sd_csv_write(h, k, extra, im->sep == '\t' ? ';' : im->sep);
	fclose(h);
	sd_buf_init(&all);
	sd_buf_add(&all, hb, hl);
	sd_buf_add(&all, im->rej_buf, im->rej_len);
	free(hb);
	rc = sd_file_write_all(ctx, r->reject, all.s, all.len);
	sd_buf_free(&all);
	return rc;
}

int
sd_import(struct sd_ctx *ctx, const struct sd_import_opts *o,
	  struct sd_import_result *r)
{
	struct imp im;
	struct sd_csv_info info;
	char what[4096 + 256];
	FILE *f;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&im, 0, sizeof im);
	if (ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(
			ctx, EX_NOPERM,
			_("only an administrator may import (you are %s)"),
			sd_role_name(ctx->me.role));
	im.ctx = ctx;
	im.o = o;
	im.r = r;
	im.k = &kinds[o->kind];
	while (im.k->cols[im.ncols])
		im.ncols++;
	if ((rc = sd_file_sha256(ctx, o->file, im.file_sha)))
		return rc;
	if (o->source)
		im.source = o->source;
	else {
		const char *slash = strrchr(o->file, '/');
		im.source = slash ? slash + 1 : o->file;
	}
	if (!(f = fopen(o->file, "rb")))
		return sd_fail(ctx, EX_NOINPUT, _("cannot open '%s': %s"),
			       o->file, strerror(errno));
	if (o->skip_bad &&
	    !(im.rej = open_memstream(&im.rej_buf, &im.rej_len))) {
		fclose(f);
		return sd_fail(ctx, EX_SOFTWARE, _("out of memory"));
	}
	/*
	 * One transaction of a million rows in two b-trees with random keys
	 * (import_row's) reads its pages again and again through SQLite's
	 * default 2 MB cache; 64 MB, a fixed size, keeps them (bench/README).
	 * The note trigger gives every INSERT a statement journal: in a
	 * temporary file by default, ten pwrite calls a row, two thirds of
	 * the time; in memory it is one small buffer, reused.
	 */
	if (!(im.categories = sd_journal_categories(ctx)) ||
	    (rc = sd_exec(ctx, "PRAGMA cache_size = -65536", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA temp_store = MEMORY", SD_END)) ||
	    (rc = sd_begin(ctx)) || (rc = prepare(&im)))
		rc = ctx->err.code;
	/*
	 * The reader's own errors ("line 7: ...") name no file; the rows'
	 * name it already.  Told apart by who failed, not by the message,
	 * which is in the user's language.
	 */
	int reader_failed = 0;
	/* The separator is known only after the first chunk: 0 detects. */
	if (!rc) {
		rc = sd_csv_stream(ctx, f, 0, o->enc, on_row_bound, &im, &info);
		reader_failed = rc == EX_DATAERR && !im.row_rc;
	}
	fclose(f);
	if (reader_failed) {
		char msg[sizeof ctx->err.msg];
		snprintf(msg, sizeof msg, "%s", ctx->err.msg);
		sd_fail(ctx, EX_DATAERR, _("%s: %.900s; nothing was imported"),
			o->file, msg);
	}
	im.sep = rc ? ';' : info.sep;
	if (!rc && !im.header)
		rc = sd_fail(ctx, EX_DATAERR,
			     _("%s: no header line; the first "
			       "line names the columns"),
			     o->file);
	if (!rc && r->nbad && !o->skip_bad)
		rc = sd_fail(ctx, EX_DATAERR,
			     ngettext("%zu bad row in '%s', on line %d: "
				      "nothing was imported; fix it, or give "
				      "--skip-bad",
				      "%zu bad rows in '%s', the first on line "
				      "%d: nothing was imported; fix them, or "
				      "give --skip-bad",
				      r->nbad),
			     r->nbad, o->file, r->bad[0].line);
	if (!rc && o->kind == SD_IMPORT_JOURNAL)
		rc = import_notes_chained(&im);
	if (!rc) {
		snprintf(
			what, sizeof what,
			"imported %s: %lld rows from '%s' (sha256 %.16s), %lld "
			"already there, %zu bad",
			im.k->name, r->imported, o->file, im.file_sha,
			r->skipped, r->nbad);
		rc = sd_log_access(ctx, 0, what);
	}
	if (im.rej)
		fclose(im.rej);
	if (!rc && r->nbad && o->skip_bad && !o->dry_run)
		rc = write_rejects(&im);
	if (!rc && !o->dry_run)
		rc = sd_commit(ctx);
	if (rc || o->dry_run)
		sd_rollback(ctx);
	sd_finalize(im.ins_row);
	sd_finalize(im.find_row);
	sd_finalize(im.note_st);
	sd_finalize(im.find_akt);
	sd_finalize(im.last_note);
	sd_finalize(im.last_rec);
	sd_finalize(im.ins_rec);
	sd_finalize(im.ins_mark);
	sd_finalize(im.find_mark);
	sd_buf_free(&im.rec_body);
	free(im.touched);
	sd_list_free(im.categories);
	sd_list_free(im.header_fields);
	free(im.rej_buf);
	return rc;
}
