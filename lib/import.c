/*
 * import.c - socdok-import: rows of another system's CSV/TSV files made
 * into staff, akter, insatser and journal notes, all or nothing, each
 * row once (a stable key per row in import_row, migration 0110).
 *
 * The file is read twice, in chunks: once for its SHA-256 (recorded
 * with every row), once to parse it, so memory does not grow with it.
 * Journal notes go in by sd_journal_insert with the next free id and
 * the akt's chain link, one prepared statement each; the last akt's
 * link is kept, so a file sorted by person needs no look-up per note.
 */
#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "file.h"
#include "import.h"
#include "insats.h"
#include "journal.h"
#include "staff.h"

#define MAXCOLS 10

/* The columns of each kind, required ones first, with how many. */
static const struct kind {
	const char *name;
	int required;
	const char *cols[MAXCOLS + 1];
} kinds[] = {
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

/* Column indexes of the journal, as in kinds[]. */
enum { J_PNR, J_DATE, J_AUTHOR, J_TEXT, J_UNIT, J_TITLE, J_CAT, J_WRITTEN };

struct imp {
	struct sd_ctx *ctx;
	const struct sd_import_opts *o;
	struct sd_import_result *r;
	const struct kind *k;
	int ncols;
	int col[MAXCOLS]; /* field index of each column, -1: absent */
	int header;       /* 1 once the header is read */
	char sep;
	char file_sha[SD_HASH_HEX_SIZE];
	const char *source;
	char now[SD_TIME_SIZE];
	long long run_start; /* import_row ids above this are this run's */
	char **categories;
	sqlite3_stmt *ins_row, *find_row, *note_st, *find_akt, *last_note;
	long long next_note;
	/* The chain link of the last akt written to. */
	long long akt;
	char akt_opened[SD_DATE_SIZE];
	long long seq;
	char prev[SD_HASH_HEX_SIZE];
	/* The last personnummer looked up, and its akt. */
	char last_pnr[13], last_unit[128];
	long long last_akt;
	FILE *rej; /* the bad rows, as CSV (open_memstream) */
	char *rej_buf;
	size_t rej_len;
	char **header_fields;
	int nheader;
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

static void
hex(const unsigned char *d, unsigned n, char *out)
{
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
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
				"%s: line %d: no column '%s' (the header "
				"names socdok's columns, or --map "
				"'Header=%s,...' says which is)",
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

/* The one akt of pnr (in unit when given), for insatser and notes. */
static int
find_akt(struct imp *im, const char *pnr_s, const char *unit, long long *akt)
{
	struct sd_ctx *ctx = im->ctx;
	struct sd_pnr p;
	int rc, n = 0;

	if ((rc = sd_pnr_parse(ctx, pnr_s, &p)))
		return rc;
	if (im->last_akt && strcmp(p.canon, im->last_pnr) == 0 &&
	    strcmp(unit, im->last_unit) == 0) {
		*akt = im->last_akt;
		return 0;
	}
	if (!im->find_akt &&
	    !(im->find_akt = sd_prepare(
		      ctx,
		      "SELECT a.id FROM akt a JOIN person p ON p.id = "
		      "a.person_id JOIN unit u ON u.id = a.unit_id WHERE "
		      "p.pnr = ?1 AND (?2 = '' OR u.name = ?2) ORDER BY a.id "
		      "DESC LIMIT 2")))
		return ctx->err.code;
	sqlite3_bind_text(im->find_akt, 1, p.canon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->find_akt, 2, unit, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(im->find_akt)) == SQLITE_ROW)
		if (n++ == 0)
			*akt = sqlite3_column_int64(im->find_akt, 0);
	sqlite3_reset(im->find_akt);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot look up the akt");
	if (n == 0)
		return sd_fail(ctx, EX_DATAERR,
			       "no akt for %s%s%s; import the akter first",
			       pnr_s, *unit ? " in unit " : "", unit);
	if (n > 1)
		return sd_fail(ctx, EX_DATAERR,
			       "%s has several akter; give a unit column",
			       pnr_s);
	snprintf(im->last_pnr, sizeof im->last_pnr, "%s", p.canon);
	snprintf(im->last_unit, sizeof im->last_unit, "%s", unit);
	im->last_akt = *akt;
	return 0;
}

/* Make akt the current chain: its last seq and hash, its opening. */
static int
chain_to(struct imp *im, long long akt)
{
	struct sd_ctx *ctx = im->ctx;
	char id[32];

	if (im->akt == akt)
		return 0;
	if (!im->last_note &&
	    !(im->last_note = sd_prepare(ctx, "SELECT seq, hash FROM note "
					      "WHERE akt_id = ? ORDER BY seq "
					      "DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(im->last_note, 1, akt);
	im->seq = 0;
	snprintf(im->prev, sizeof im->prev, "%s", SD_HASH_ZERO);
	if (sqlite3_step(im->last_note) == SQLITE_ROW) {
		im->seq = sqlite3_column_int64(im->last_note, 0);
		snprintf(im->prev, sizeof im->prev, "%s",
			 sd_col(im->last_note, 1));
	}
	sqlite3_reset(im->last_note);
	snprintf(id, sizeof id, "%lld", akt);
	if (sd_query_text(ctx, im->akt_opened, sizeof im->akt_opened,
			  "SELECT opened FROM akt WHERE id = ?", id, SD_END))
		return sd_fail(ctx, EX_DATAERR, "no akt %lld", akt);
	im->akt = akt;
	return 0;
}

/* A written-at time: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO with Z. */
static int
written_at(const char *s, const char *date, char out[SD_TIME_SIZE])
{
	int day, hh = 12, mm = 0, ss = 0;
	char d[SD_DATE_SIZE];

	if (!*s) {
		if (snprintf(out, 21, "%.10sT12:00:00Z", date) != 20)
			return -1;
		return 0;
	}
	snprintf(d, sizeof d, "%.10s", s);
	if (sd_date_parse(d, &day) != 0)
		return -1;
	if (s[10] && sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) < 2)
		return -1;
	if ((s[10] && s[10] != ' ' && s[10] != 'T') || hh > 23 || mm > 59 ||
	    ss > 60 || hh < 0 || mm < 0 || ss < 0)
		return -1;
	char t[64];
	int w = snprintf(t, sizeof t, "%sT%02d:%02d:%02dZ", d, hh, mm, ss);
	if (w != 20)
		return -1;
	memcpy(out, t, 21);
	return 0;
}

/* Record the row in import_row; 1 when it was imported before. */
static int
mark_row(struct imp *im, const char *key0, long long akt, long long note,
	 long long target, int line, int *seen)
{
	struct sd_ctx *ctx = im->ctx;
	char key[128];
	int rc;

	*seen = 0;
	snprintf(key, sizeof key, "%s", key0);
	for (int dup = 2;; dup++) {
		sqlite3_stmt *s = im->ins_row;
		sqlite3_bind_text(s, 1, im->k->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
		if (akt)
			sqlite3_bind_int64(s, 3, akt);
		if (note)
			sqlite3_bind_int64(s, 4, note);
		if (target)
			sqlite3_bind_int64(s, 5, target);
		sqlite3_bind_int(s, 6, line);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, "cannot record the import");
		if (sqlite3_changes(ctx->db) == 1)
			return 0;
		/* The key is there: from an earlier run, or a twin row. */
		sqlite3_bind_text(im->find_row, 1, im->k->name, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(im->find_row, 2, key, -1, SQLITE_STATIC);
		long long id = sqlite3_step(im->find_row) == SQLITE_ROW
				       ? sqlite3_column_int64(im->find_row, 0)
				       : 0;
		sqlite3_reset(im->find_row);
		if (id <= im->run_start) {
			*seen = 1;
			return 0;
		}
		snprintf(key, sizeof key, "%s#%d", key0, dup);
	}
}

/* The stable key of a row: SHA-256 over its kind and values. */
static void
row_key(struct imp *im, const char **v, char out[SD_HASH_HEX_SIZE])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, im->k->name, strlen(im->k->name));
	for (int c = 0; c < im->ncols; c++) {
		EVP_DigestUpdate(md, "\x1f", 1);
		EVP_DigestUpdate(md, v[c], strlen(v[c]));
	}
	EVP_DigestFinal_ex(md, d, &n);
	EVP_MD_CTX_free(md);
	hex(d, n, out);
}

static int
import_note(struct imp *im, const char **v, const char *key, int line)
{
	struct sd_ctx *ctx = im->ctx;
	struct sd_note n = {0};
	char hash[SD_HASH_HEX_SIZE], wat[SD_TIME_SIZE];
	const char *cat = *v[J_CAT] ? v[J_CAT] : "händelse";
	long long akt;
	int rc, day, opened, seen;

	if ((rc = find_akt(im, v[J_PNR], v[J_UNIT], &akt)))
		return rc;
	if (sd_date_parse(v[J_DATE], &day) != 0)
		return sd_fail(ctx, EX_DATAERR,
			       "bad date '%s'; write it as YYYY-MM-DD",
			       v[J_DATE]);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR, "date %s is in the future",
			       v[J_DATE]);
	if (written_at(v[J_WRITTEN], v[J_DATE], wat) != 0)
		return sd_fail(ctx, EX_DATAERR,
			       "bad written_at '%s'; write YYYY-MM-DD HH:MM",
			       v[J_WRITTEN]);
	if (strncmp(wat, v[J_DATE], 10) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "written_at %s is before the date %s: the order "
			       "of the dates is wrong",
			       v[J_WRITTEN], v[J_DATE]);
	if (sd_blank(v[J_TEXT]))
		return sd_fail(ctx, EX_DATAERR, "the text is empty");
	if ((rc = sd_text_check(ctx, _("the text"), v[J_TEXT])))
		return rc;
	if (sd_blank(v[J_AUTHOR]))
		return sd_fail(ctx, EX_DATAERR, "no author");
	if (!sd_list_has(im->categories, cat))
		return sd_fail(ctx, EX_DATAERR,
			       "unknown category '%s'; see share/sokord.txt",
			       cat);
	if ((rc = chain_to(im, akt)))
		return rc;
	if (sd_date_parse(im->akt_opened, &opened) == 0 && day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       "date %s is before akt %lld was opened (%s): "
			       "the order of the dates is wrong",
			       v[J_DATE], akt, im->akt_opened);
	if ((rc = mark_row(im, key, akt, im->next_note, 0, line, &seen)))
		return rc;
	if (seen) {
		im->r->skipped++;
		return 0;
	}
	n.id = im->next_note;
	n.akt = akt;
	n.seq = im->seq + 1;
	n.event_date = v[J_DATE];
	n.written_at = wat;
	n.author_login = "";
	n.author_name = v[J_AUTHOR];
	n.author_title = v[J_TITLE];
	n.category = cat;
	n.prev_hash = im->prev;
	n.body = v[J_TEXT];
	if ((rc = sd_journal_insert(ctx, &im->note_st, &n, hash, NULL)))
		return rc;
	im->next_note++;
	im->seq++;
	snprintf(im->prev, sizeof im->prev, "%s", hash);
	im->r->imported++;
	return 0;
}

/* staff, akter, insatser: through the library's own functions. */
static int
import_other(struct imp *im, const char **v, const char *key, int line)
{
	struct sd_ctx *ctx = im->ctx;
	long long id = 0, akt = 0;
	int rc, seen;

	if (im->o->kind == SD_IMPORT_STAFF) {
		char units[1024], *save = NULL;
		const char *u[32];
		int nu = 0;
		snprintf(units, sizeof units, "%s", v[4]);
		for (char *t = strtok_r(units, "|", &save); t && nu < 31;
		     t = strtok_r(NULL, "|", &save))
			u[nu++] = t;
		u[nu] = NULL;
		struct sd_staff_in in = {v[0],
					 v[1],
					 v[2],
					 u,
					 *v[3] ? v[3] : NULL,
					 *v[5] ? v[5] : NULL,
					 0};
		if ((rc = sd_staff_add(ctx, &in)))
			return rc;
		id = sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?",
				  v[0], SD_END);
	} else if (im->o->kind == SD_IMPORT_AKTER) {
		struct sd_akt_in in = {v[0],
				       v[1],
				       v[2],
				       *v[3] ? v[3] : NULL,
				       *v[4] ? v[4] : NULL,
				       *v[5] ? v[5] : NULL,
				       NULL,
				       NULL,
				       NULL};
		if ((rc = sd_akt_new(ctx, &in, &id)))
			return rc;
		akt = id;
	} else {
		if ((rc = find_akt(im, v[0], v[3], &akt)))
			return rc;
		struct sd_insats_in in = {akt,
					  v[1],
					  v[2],
					  *v[4] ? v[4] : NULL,
					  *v[8] ? v[8] : NULL,
					  *v[9] ? v[9] : NULL};
		if ((rc = sd_insats_add(ctx, &in, &id)) ||
		    (*v[5] && (rc = sd_insats_start(ctx, id, v[5]))) ||
		    (*v[6] &&
		     (rc = sd_insats_end(ctx, id, v[6],
					 *v[7] ? v[7] : "importerad"))))
			return rc;
		im->akt = 0; /* the insats wrote notes in the akt */
	}
	if ((rc = mark_row(im, key, akt, 0, id, line, &seen)))
		return rc;
	im->r->imported++;
	return 0;
}

static int
on_row(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct imp *im = arg;
	const char *v[MAXCOLS];
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
	row_key(im, v, key);
	if (im->o->kind == SD_IMPORT_JOURNAL) {
		rc = import_note(im, v, key, line);
	} else {
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
			sqlite3_exec(ctx->db, "ROLLBACK TO import_row", NULL,
				     NULL, NULL);
		sqlite3_exec(ctx->db, "RELEASE import_row", NULL, NULL, NULL);
	}
	if (rc && row_fault(rc)) {
		bad_row(im, line, n, f, ctx->err.msg);
		ctx->err.code = 0;
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
	if (!(im->ins_row = sd_prepare(
		      ctx,
		      "INSERT OR IGNORE INTO import_row(kind, key, akt_id, "
		      "note_id, target, line, source, file_sha256, "
		      "imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, "
		      "?6, ?7, ?8, ?9, ?10)")) ||
	    !(im->find_row = sd_prepare(ctx, "SELECT id FROM import_row WHERE "
					     "kind = ? AND key = ?")))
		return ctx->err.code;
	/* Bound once: the same for every row (cleared after each use). */
	return 0;
}

/* The bindings the same for every row, again after each clear. */
static int
bind_fixed(struct imp *im)
{
	sqlite3_stmt *s = im->ins_row;

	sqlite3_bind_text(s, 7, im->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, im->file_sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, im->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, im->ctx->me.login, -1, SQLITE_STATIC);
	return 0;
}

static int
on_row_bound(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct imp *im = arg;

	bind_fixed(im);
	return on_row(ctx, arg, line, n, f);
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
			       "the reject file's name is too "
			       "long; give --reject FILE");
	for (int i = 0; i < im->nheader && k < 62; i++)
		extra[k++] = im->header_fields[i];
	extra[k++] = "socdok_line";
	extra[k++] = "socdok_reason";
	if (!(h = open_memstream(&hb, &hl)))
		return sd_fail(ctx, EX_SOFTWARE, "out of memory");
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
		return sd_fail(ctx, EX_NOPERM,
			       "only an administrator may import (you are %s)",
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
	sd_now(im.now);
	if (!(f = fopen(o->file, "rb")))
		return sd_fail(ctx, EX_NOINPUT, "cannot open '%s': %s", o->file,
			       strerror(errno));
	if (o->skip_bad &&
	    !(im.rej = open_memstream(&im.rej_buf, &im.rej_len))) {
		fclose(f);
		return sd_fail(ctx, EX_SOFTWARE, "out of memory");
	}
	/*
	 * One transaction of a million rows in two b-trees with random keys
	 * (import_row's) reads its pages again and again through SQLite's
	 * default 2 MB cache; 64 MB, a fixed size, keeps them (bench/README).
	 */
	if (!(im.categories = sd_journal_categories(ctx)) ||
	    (rc = sd_exec(ctx, "PRAGMA cache_size = -65536", SD_END)) ||
	    (rc = sd_begin(ctx)) || (rc = prepare(&im)))
		rc = ctx->err.code;
	/* The separator is known only after the first chunk: 0 detects. */
	if (!rc)
		rc = sd_csv_stream(ctx, f, 0, o->enc, on_row_bound, &im, &info);
	fclose(f);
	if (rc == EX_DATAERR && strncmp(ctx->err.msg, "line ", 5) == 0) {
		char msg[sizeof ctx->err.msg];
		snprintf(msg, sizeof msg, "%s", ctx->err.msg);
		sd_fail(ctx, EX_DATAERR, "%s: %.900s; nothing was imported",
			o->file, msg);
	}
	im.sep = rc ? ';' : info.sep;
	if (!rc && !im.header)
		rc = sd_fail(ctx, EX_DATAERR,
			     "%s: no header line; the first "
			     "line names the columns",
			     o->file);
	if (!rc && r->nbad && !o->skip_bad)
		rc = sd_fail(ctx, EX_DATAERR,
			     "%zu bad rows in '%s', the first on line %d: "
			     "nothing was imported; fix them, or give "
			     "--skip-bad",
			     r->nbad, o->file, r->bad[0].line);
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
	sd_list_free(im.categories);
	sd_list_free(im.header_fields);
	free(im.rej_buf);
	return rc;
}
