/*
 * import-row.c - what one row of socdok-import becomes: a journal note
 * with its original author and date, chained to the akt's notes at
 * import time (sd_journal_insert with the next free id and the akt's
 * link; the last akt's link is kept, so a file sorted by person needs no
 * look-up per note), or staff, an akt or an insats through the
 * library's own functions; each row marked once by its stable key: a
 * note in import_note (0240), the others in import_row.
 */
#include <stdio.h>
#include <string.h>

#include "akt.h"
#include "chain.h"
#include "head.h"
#include "import-int.h"
#include "insats.h"
#include "journal.h"
#include "staff.h"
#include "word.h"

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
		      ctx, "SELECT a.id FROM akt a JOIN person p ON p.id = "
			   "a.person_id JOIN unit u ON u.id = a.unit_id WHERE "
			   "p.pnr = ?1 AND (?2 = '' OR u.name = ?2 OR "
			   "sd_fold(u.name) "
			   "= sd_fold(?2)) ORDER BY a.id "
			   "DESC LIMIT 2")))
		return ctx->err.code;
	sqlite3_bind_text(im->find_akt, 1, p.canon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->find_akt, 2, unit, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(im->find_akt)) == SQLITE_ROW)
		if (n++ == 0)
			*akt = sqlite3_column_int64(im->find_akt, 0);
	sqlite3_reset(im->find_akt);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot look up the akt"));
	if (n == 0)
		return *unit ? sd_fail(ctx, EX_DATAERR,
				       _("no akt for %s in unit %s; import the "
					 "akter first"),
				       pnr_s, unit)
			     : sd_fail(ctx, EX_DATAERR,
				       _("no akt for %s; import the akter "
					 "first"),
				       pnr_s);
	if (n > 1)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s has several akter; give a unit column"),
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
	if (!im->last_rec &&
	    !(im->last_rec = sd_prepare(ctx, "SELECT seq, hash FROM "
					     "chain_record WHERE akt_id = ? "
					     "ORDER BY seq DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(im->last_rec, 1, akt);
	im->rec_seq = 0;
	memcpy(im->rec_prev, SD_HASH_ZERO, sizeof im->rec_prev);
	if (sqlite3_step(im->last_rec) == SQLITE_ROW) {
		im->rec_seq = sqlite3_column_int64(im->last_rec, 0);
		snprintf(im->rec_prev, sizeof im->rec_prev, "%s",
			 sd_col(im->last_rec, 1));
	}
	sqlite3_reset(im->last_rec);
	if (!im->ntouched || im->touched[im->ntouched - 1] != akt) {
		im->touched = sd_xrealloc(
			im->touched, (im->ntouched + 1) * sizeof *im->touched);
		im->touched[im->ntouched++] = akt;
	}
	snprintf(id, sizeof id, "%lld", akt);
	if (sd_query_text(ctx, im->akt_opened, sizeof im->akt_opened,
			  "SELECT opened FROM akt WHERE id = ?", id, SD_END))
		return sd_fail(ctx, EX_DATAERR, _("no akt %lld"), akt);
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
	memcpy(out, t, SD_TIME_SIZE);
	return 0;
}

/* Record a staff, akter or insatser row in import_row; *seen: imported
 * before. */
static int
mark_row(struct imp *im, const char *key0, long long akt, long long target,
	 int line, int *seen)
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
		if (target)
			sqlite3_bind_int64(s, 5, target);
		sqlite3_bind_int(s, 6, line);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, _("cannot record the import"));
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

/* (SHA-256 over the kind and the values, \x1f between) */
void
import_row_key(struct imp *im, const char **v, int dup, unsigned char out[32])
{
	struct sd_buf *b = &im->rec_body;

	/* (one buffer and one digest: a context made per row was a tenth) */
	b->len = 0;
	sd_buf_puts(b, im->k->name);
	for (int c = 0; c < im->ncols; c++) {
		sd_buf_add(b, "\x1f", 1);
		sd_buf_puts(b, v[c]);
	}
	if (dup > 1) {
		char d[16];
		snprintf(d, sizeof d, "#%d", dup);
		sd_buf_puts(b, d);
	}
	if (sd_sha256_raw(b, out) != 0)
		memset(out, 0, 32);
}

/*
 * Whether the journal row v (its key in key) was imported by an earlier
 * run: marked in import_note (0240), or in import_row before it.  A row
 * the same as one before it in this file is not: its key is made again
 * with "#2", "#3", ... until it is new.
 */
static int
note_seen(struct imp *im, const char **v, unsigned char key[32], int *seen)
{
	struct sd_ctx *ctx = im->ctx;
	sqlite3_stmt *s = im->find_mark;
	int rc;

	*seen = 0;
	if (im->legacy) {
		char hex[SD_HASH_HEX_SIZE];
		for (int i = 0; i < 32; i++) {
			hex[2 * i] = "0123456789abcdef"[key[i] >> 4];
			hex[2 * i + 1] = "0123456789abcdef"[key[i] & 15];
		}
		hex[64] = '\0';
		sqlite3_bind_text(im->find_row, 1, "journal", -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(im->find_row, 2, hex, -1, SQLITE_STATIC);
		*seen = sqlite3_step(im->find_row) == SQLITE_ROW;
		sqlite3_reset(im->find_row);
		if (*seen)
			return 0;
	}
	for (int dup = 2;; dup++) {
		sqlite3_bind_blob(s, 1, key, SD_IMPORT_KEY_SIZE, SQLITE_STATIC);
		rc = sqlite3_step(s);
		long long note =
			rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return sd_fail_db(ctx, _("cannot record the import"));
		if (note < im->first_note) {
			*seen = 1;
			return 0;
		}
		import_row_key(im, v, dup, key);
	}
}

/* The note's mark in import_note, the file's row made at the first. */
static int
mark_note(struct imp *im, long long note, const unsigned char *key, int line)
{
	struct sd_ctx *ctx = im->ctx;
	sqlite3_stmt *s = im->ins_mark;
	int rc;

	if (!im->file_id) {
		if ((rc = sd_exec(ctx,
				  "INSERT INTO import_file(kind, source, "
				  "file_sha256, imported_at, imported_by) "
				  "VALUES ('journal', ?, ?, ?, ?)",
				  im->source, im->file_sha, sd_clock(ctx),
				  ctx->me.login, SD_END)))
			return rc;
		im->file_id = sqlite3_last_insert_rowid(ctx->db);
	}
	sqlite3_bind_int64(s, 1, note);
	sqlite3_bind_blob(s, 2, key, SD_IMPORT_KEY_SIZE, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, im->file_id);
	sqlite3_bind_int(s, 4, line);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : sd_fail_db(ctx, _("cannot record the import"));
	sqlite3_reset(s);
	return rc;
}

/*
 * The record of the note n (hash its hash) in its akt's chain, written
 * now (sd_chain_note_record): no row read back.
 */
static int
record_note(struct imp *im, const struct sd_note *n, const char *hash)
{
	return sd_chain_note_record(im->ctx, &im->ins_rec, &im->rec_body, n,
				    hash, &im->rec_seq, im->rec_prev);
}

int
import_notes_chained(struct imp *im)
{
	struct sd_ctx *ctx = im->ctx;
	char first[24];

	if (!im->ntouched)
		return 0;
	int rc;

	snprintf(first, sizeof first, "%lld", im->first_note);
	/* (the notes of this run have ids from first_note on; since 0240
	 * the trigger queues none of them, but a database whose 0080 was
	 * applied again after it, as t/2020 makes one, still does) */
	if ((rc = sd_exec(ctx,
			  "DELETE FROM chain_pending WHERE kind = 'note' AND "
			  "ref >= CAST(?1 AS INTEGER)",
			  first, SD_END)))
		return rc;
	return sd_head_sync(ctx, im->touched, im->ntouched, 0);
}

int
import_note(struct imp *im, const char **v, const unsigned char *key0, int line)
{
	struct sd_ctx *ctx = im->ctx;
	struct sd_note n = {0};
	char hash[SD_HASH_HEX_SIZE], wat[SD_TIME_SIZE];
	const char *cat = *v[J_CAT] ? v[J_CAT] : "händelse";
	unsigned char key[32];
	long long akt;
	int rc, day, opened, seen;

	memcpy(key, key0, sizeof key);
	if ((rc = find_akt(im, v[J_PNR], v[J_UNIT], &akt)))
		return rc;
	if (sd_date_parse(v[J_DATE], &day) != 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("bad date '%s'; write it as YYYY-MM-DD"),
			       v[J_DATE]);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR, _("date %s is in the future"),
			       v[J_DATE]);
	if (written_at(v[J_WRITTEN], v[J_DATE], wat) != 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("bad written_at '%s'; write YYYY-MM-DD HH:MM"),
			       v[J_WRITTEN]);
	if (strncmp(wat, v[J_DATE], 10) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("written_at %s is before the date %s: the order "
			  "of the dates is wrong"),
			v[J_WRITTEN], v[J_DATE]);
	if (sd_blank(v[J_TEXT]))
		return sd_fail(ctx, EX_DATAERR, _("the text is empty"));
	if ((rc = sd_text_check(ctx, _("the text"), v[J_TEXT])))
		return rc;
	if (sd_blank(v[J_AUTHOR]))
		return sd_fail(ctx, EX_DATAERR, _("no author"));
	/* A typed word (word.h): "avbojt", "Händelse" is the list's sökord,
	 * and the note keeps the list's spelling, as journal-add's (the
	 * list's own spelling found without folding: a large import). */
	const char *known =
		sd_list_has(im->categories, cat)
			? cat
			: sd_word_find(cat,
				       (const char *const *)im->categories);
	if (!known)
		return sd_fail(ctx, EX_DATAERR,
			       _("unknown category '%s'; see share/sokord.txt"),
			       cat);
	cat = known;
	if ((rc = chain_to(im, akt)))
		return rc;
	if (sd_date_parse(im->akt_opened, &opened) == 0 && day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       _("date %s is before akt %lld was opened (%s): "
				 "the order of the dates is wrong"),
			       v[J_DATE], akt, im->akt_opened);
	if ((rc = note_seen(im, v, key, &seen)))
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
	/* The record first: the note trigger (0240) then queues nothing. */
	if (sd_hash_note(&n, hash) != 0)
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
	if ((rc = record_note(im, &n, hash)) ||
	    (rc = sd_journal_insert_hashed(ctx, &im->note_st, &n, hash,
					   NULL)) ||
	    (rc = mark_note(im, n.id, key, line)))
		return rc;
	im->next_note++;
	im->seq++;
	snprintf(im->prev, sizeof im->prev, "%s", hash);
	im->r->imported++;
	return 0;
}

/* staff, akter, insatser: through the library's own functions. */
int
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
					  *v[9] ? v[9] : NULL,
					  NULL};
		if ((rc = sd_insats_add(ctx, &in, &id)) ||
		    (*v[5] && (rc = sd_insats_start(ctx, id, v[5]))) ||
		    (*v[6] &&
		     (rc = sd_insats_end(ctx, id, v[6],
					 *v[7] ? v[7] : "importerad"))))
			return rc;
		im->akt = 0; /* the insats wrote notes in the akt */
	}
	if ((rc = mark_row(im, key, akt, id, line, &seen)))
		return rc;
	im->r->imported++;
	return 0;
}
