/*
 * journal.c - appending notes to the social journal and showing them.
 *
 * Each note carries the SHA-256 of its canonical content (format v1,
 * docs/hash-format.md, computed in hash.c) including the hash of the
 * previous note of the same akt, so a removed or altered note breaks the
 * chain.  sd_journal_insert is the one place that writes a note row.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "akt.h"
#include "cli.h"
#include "journal-int.h"
#include "lint.h"
#include "text-src.h"
#include "word.h"

char **
sd_journal_categories(struct sd_ctx *ctx)
{
	return sd_list_load(ctx, "sokord.txt");
}

/* Refuse text that is empty or not UTF-8 (65). */
static int
check_body(struct sd_ctx *ctx, const char *body)
{
	size_t len = strlen(body);

	if (!sd_utf8_valid(body, len))
		return sd_fail(
			ctx, EX_DATAERR,
			_("the note is not valid UTF-8; save it as UTF-8 "
			  "and try again"));
	if (sd_blank(body))
		return sd_fail(ctx, EX_DATAERR,
			       _("the note is empty; nothing was written"));
	if (len > SD_TEXT_MAX)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s is %zu KiB, more than the %d KiB a text "
				 "may hold; split it into several"),
			       _("the note"), (len + 1023) / 1024,
			       SD_TEXT_MAX / 1024);
	return 0;
}

/* The categories, read once per process (a batch checks each note twice). */
static char **cats_cached;

static void
cats_free(void)
{
	sd_list_free(cats_cached);
	cats_cached = NULL;
}

int
sd_journal_category(struct sd_ctx *ctx, const char **category)
{
	const char *word;
	char list[1024];

	if (!cats_cached) {
		if (!(cats_cached = sd_journal_categories(ctx)))
			return ctx->err.code;
		atexit(cats_free);
	}
	/* Typed without å, ä, ö or with capitals, it is the same sökord
	 * (word.c); the note keeps the list's spelling. */
	if (!(word = sd_word_find(*category,
				  (const char *const *)cats_cached))) {
		sd_list_join(cats_cached, ", ", list, sizeof list);
		return sd_fail(ctx, EX_DATAERR,
			       _("unknown category '%s'; use one of: %s"),
			       *category, list);
	}
	*category = word;
	return 0;
}

/* Refuse an event day in the future or before the akt was opened (65). */
static int
check_event_day(struct sd_ctx *ctx, const struct sd_akt *a, const char *event,
		int day)
{
	int opened;

	if (day > ctx->today)
		return sd_fail(
			ctx, EX_DATAERR,
			_("event date %s is in the future (today is %s); "
			  "write notes about what has happened"),
			event, ctx->today_s);
	if (sd_date_parse(a->opened, &opened) == 0 && day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       _("event date %s is before akt %lld was opened "
				 "(%s); check the date"),
			       event, a->id, a->opened);
	return 0;
}

/*
 * sd_journal_append for the akt a, loaded and checked open; the body
 * checked already (check_body) when checked.  b (NULL outside a batch)
 * holds the last note the batch's transaction wrote, and is told this
 * one.
 */
static int
append_loaded(struct sd_ctx *ctx, const struct sd_akt *a,
	      const struct sd_note_in *in, int checked,
	      struct sd_journal_batch *b, long long *id, long long *seq)
{
	struct sd_note n = {0};
	char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE];
	char bname[128] = "", btitle[128] = "";
	char rprev[SD_HASH_HEX_SIZE];
	long long rseq = 0;
	sqlite3_stmt *st;
	int rc, day;
	const char *event = in->event_date ? in->event_date : ctx->today_s;
	const char *category = in->category;

	/*
	 * A note that sd_journal_add_note checked (checked) had its
	 * category, event date and body checked by sd_journal_prepare_note
	 * and check_body, the category turned into the list's spelling:
	 * not again for every note of a batch.
	 */
	if (!checked && ((rc = sd_journal_category(ctx, &category)) ||
			 (rc = check_body(ctx, in->body)) ||
			 (rc = sd_date_opt(ctx, "--event-date", event, &day)) ||
			 (rc = check_event_day(ctx, a, event, day))))
		return rc;
	if (in->behalf_login) {
		if (!(st = sd_prepare(ctx, "SELECT name, title FROM "
					   "staff WHERE login = ?")))
			return ctx->err.code;
		sd_bind_text(st, 1, in->behalf_login);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sd_finalize(st);
			return sd_fail(
				ctx, EX_DATAERR,
				_("--on-behalf-of '%s' is not registered "
				  "staff; see staff-list"),
				in->behalf_login);
		}
		snprintf(bname, sizeof bname, "%s", sd_col(st, 0));
		snprintf(btitle, sizeof btitle, "%s", sd_col(st, 1));
		sd_finalize(st);
	}

	/*
	 * The previous link: the note with the highest seq in this akt,
	 * the batch's last one when it wrote one in this akt (nothing else
	 * writes notes in its transaction).
	 */
	int known = b && b->last_id && b->last_akt == in->akt &&
		    !ctx->damaged && b->last_id < LLONG_MAX && !in->corrects;
	if (known) {
		n.seq = b->last_seq + 1;
		memcpy(prev, b->last_hash, sizeof prev);
	} else {
		if (!(st = sd_prepare(ctx, "SELECT seq, hash FROM note WHERE "
					   "akt_id = ? ORDER BY seq DESC "
					   "LIMIT 1")))
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, in->akt);
		n.seq = 1;
		snprintf(prev, sizeof prev, "%s", SD_HASH_ZERO);
		if (sqlite3_step(st) == SQLITE_ROW) {
			n.seq = sqlite3_column_int64(st, 0) + 1;
			snprintf(prev, sizeof prev, "%s", sd_col(st, 1));
		}
		sd_finalize(st);
	}

	n.corrects_seq = 0;
	n.corrects_id = in->corrects;
	if (in->corrects) {
		if (!(st = sd_prepare(ctx, "SELECT seq FROM note WHERE id = ? "
					   "AND akt_id = ?")))
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, in->corrects);
		sqlite3_bind_int64(st, 2, in->akt);
		n.corrects_seq = sqlite3_step(st) == SQLITE_ROW
					 ? sqlite3_column_int64(st, 0)
					 : 0;
		sd_finalize(st);
		if (!n.corrects_seq)
			return sd_fail(ctx, EX_NOINPUT,
				       _("note %lld is not in akt %lld"),
				       in->corrects, in->akt);
	}

	n.akt = in->akt;
	n.event_date = event;
	n.written_at = sd_clock(ctx);
	n.author_login = ctx->me.login;
	n.author_name = ctx->me.name;
	n.author_title = ctx->me.title;
	n.behalf_login = in->behalf_login;
	n.behalf_name = in->behalf_login ? bname : NULL;
	n.behalf_title = in->behalf_login ? btitle : NULL;
	n.category = category;
	n.prev_hash = prev;
	n.body = in->body;
	/*
	 * The note's record in the akt's chain written beside it, as the
	 * import does (no queue row, no read back at commit), when the
	 * queue's order allows.  After the batch's last note, written so,
	 * the queue is still empty (a note's record keeps its row out of
	 * it, and the log line and its link are not queued), the next id
	 * is that note's and one, and the akt's last record is its record.
	 */
	if (known) {
		n.id = b->last_id + 1;
		rseq = b->rec_seq;
		memcpy(rprev, b->rec_hash, sizeof rprev);
	} else if ((rc = sd_chain_note_direct(ctx, n.akt, &n.id, &rseq,
					      rprev))) {
		return rc;
	}
	if (sd_hash_note(&n, hash) != 0)
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
	if (n.id) {
		struct sd_buf body;

		sd_buf_init(&body);
		st = NULL;
		rc = sd_chain_note_record(ctx, &st, &body, &n, hash, &rseq,
					  rprev);
		sd_finalize(st);
		sd_buf_free(&body);
		if (rc)
			return rc;
	}
	st = NULL;
	rc = sd_journal_insert_hashed(ctx, &st, &n, hash, id);
	sd_finalize(st);
	if (rc)
		return rc;
	if (b) {
		/* (queued, not written beside it: read them next time) */
		b->last_id = n.id;
		b->last_akt = n.akt;
		b->last_seq = n.seq;
		memcpy(b->last_hash, hash, sizeof b->last_hash);
		b->rec_seq = rseq;
		memcpy(b->rec_hash, rprev, sizeof b->rec_hash);
	}
	if (seq)
		*seq = n.seq;
	return 0;
}

int
sd_journal_append(struct sd_ctx *ctx, const struct sd_note_in *in,
		  long long *id, long long *seq)
{
	struct sd_akt a;
	int rc;

	/* A closed akt takes a rättelse or the person's invändning (a note
	 * that points at another), nothing else. */
	if ((rc = sd_akt_load(ctx, in->akt, &a)) ||
	    (!in->corrects && (rc = sd_akt_check_open(ctx, &a))))
		return rc;
	return append_loaded(ctx, &a, in, 0, NULL, id, seq);
}

int
sd_journal_note(struct sd_ctx *ctx, long long akt, const char *date,
		const char *category, const char *body, long long *id)
{
	struct sd_note_in in = {.akt = akt,
				.event_date = date,
				.category = category,
				.body = body};

	return sd_journal_append(ctx, &in, id, NULL);
}

int
sd_journal_insert(struct sd_ctx *ctx, sqlite3_stmt **st,
		  const struct sd_note *n, char hash[SD_HASH_HEX_SIZE],
		  long long *id)
{
	if (sd_hash_note(n, hash) != 0)
		return sd_fail(ctx, EX_SOFTWARE, _("cannot compute SHA-256"));
	return sd_journal_insert_hashed(ctx, st, n, hash, id);
}

int
sd_journal_insert_hashed(struct sd_ctx *ctx, sqlite3_stmt **st,
			 const struct sd_note *n, const char *hash,
			 long long *id)
{
	sqlite3_stmt *s;
	int i = 1, rc;
	const char *text[] = {n->event_date,  n->written_at,   n->author_login,
			      n->author_name, n->author_title, n->behalf_login,
			      n->behalf_name, n->behalf_title, n->category,
			      n->body};

	if (!*st &&
	    !(*st = sd_prepare(ctx, "INSERT INTO note(id, akt_id, seq, "
				    "event_date, written_at, author_login, "
				    "author_name, author_title, behalf_login, "
				    "behalf_name, behalf_title, category, "
				    "body, corrects, hash_version, prev_hash, "
				    "hash, uid) VALUES "
				    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	s = *st;
	/* The strings live until the step below: no copies. */
	if (n->id)
		sqlite3_bind_int64(s, i, n->id);
	i++;
	sqlite3_bind_int64(s, i++, n->akt);
	sqlite3_bind_int64(s, i++, n->seq);
	for (size_t k = 0; k < sizeof text / sizeof *text; k++, i++)
		if (text[k])
			sqlite3_bind_text(s, i, text[k], -1, SQLITE_STATIC);
	if (n->corrects_id)
		sqlite3_bind_int64(s, i, n->corrects_id);
	i++;
	sqlite3_bind_int(s, i++, SD_HASH_VERSION);
	sqlite3_bind_text(s, i++, n->prev_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, i++, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, i, ctx->uid);
	rc = sqlite3_step(s) == SQLITE_DONE
		     ? 0
		     : sd_fail_db(ctx, _("cannot write the note"));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc)
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(ctx->db);
	return 0;
}

/* (journal-int.h) */
int
sd_journal_prepare_akt(struct sd_ctx *ctx, const char *aktref,
		       const struct sd_note_in *in, struct sd_akt *a)
{
	int rc;

	if ((rc = sd_akt_find(ctx, aktref, a)))
		return rc;
	if (ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       _("an arkivarie may read akt %lld but not write "
				 "in its journal; ask the staff of unit '%s'"),
			       a->id, a->unit);
	if (!in->corrects && (rc = sd_akt_check_open(ctx, a)))
		return rc;
	return 0;
}

/* (journal-int.h) */
int
sd_journal_prepare_note(struct sd_ctx *ctx, struct sd_note_in *in,
			const struct sd_akt *a)
{
	const char *event;
	int rc, day;

	in->akt = a->id;
	if (!in->category)
		in->category = "händelse";
	if ((rc = sd_journal_category(ctx, &in->category)))
		return rc;
	event = in->event_date ? in->event_date : ctx->today_s;
	if ((rc = sd_date_opt(ctx, "--event-date", event, &day)))
		return rc;
	if ((rc = check_event_day(ctx, a, event, day)))
		return rc;
	if (in->behalf_login) {
		if (strcmp(in->behalf_login, ctx->me.login) == 0)
			return sd_fail(ctx, EX_USAGE,
				       _("--on-behalf-of %s is yourself; leave "
					 "it out"),
				       in->behalf_login);
		if (sd_query_int(ctx, "SELECT id FROM staff WHERE login = ?",
				 in->behalf_login, SD_END) < 0)
			return sd_fail(
				ctx, EX_DATAERR,
				_("--on-behalf-of '%s' is not registered "
				  "staff; see staff-list"),
				in->behalf_login);
	}
	return 0;
}

int
sd_journal_prepare(struct sd_ctx *ctx, const char *aktref,
		   struct sd_note_in *in, struct sd_akt *a)
{
	int rc;

	if ((rc = sd_journal_prepare_akt(ctx, aktref, in, a)))
		return rc;
	return sd_journal_prepare_note(ctx, in, a);
}

void
sd_journal_guide(struct sd_ctx *ctx, const struct sd_akt *a,
		 const struct sd_note_in *in, struct sd_buf *b)
{
	sd_buf_printf(b,
		      "Journalanteckning i akt %lld: %s (%s).\n"
		      "Sökord: %s.  Händelsedatum: %s.\n"
		      "\n"
		      "Skriv ovanför linjen vad som hände, vad som gjordes och "
		      "resultatet.\n"
		      "Skriv det du själv såg och hörde, med korta meningar "
		      "och vanliga ord.\n"
		      "Undvik värdeladdade ord och interna förkortningar.\n"
		      "Skriv aldrig namn på andra kunder.\n"
		      "En tom anteckning avbryter: inget skrivs.\n",
		      a->id, a->name, a->unit, in->category ? in->category : "",
		      in->event_date ? in->event_date : ctx->today_s);
}

/* (journal-int.h) */
int
sd_journal_add_note(struct sd_ctx *ctx, const struct sd_akt *a,
		    struct sd_note_in *in, int strict, struct sd_lint *lint,
		    const char *also, struct sd_journal_batch *b,
		    long long *seq)
{
	char what[256];
	long long s;
	int rc;

	if ((rc = check_body(ctx, in->body)))
		return rc;
	if (lint) {
		if ((rc = sd_lint_check(ctx, in->body, a->person_id, 0, lint)))
			return rc;
		if (strict && lint->n)
			return sd_fail(ctx, EX_DATAERR,
				       ngettext("%zu warning and --strict: the "
						"note was not written; "
						"rewrite it",
						"%zu warnings and --strict: "
						"the note was not written; "
						"rewrite it",
						lint->n),
				       lint->n);
	}
	/* (a is loaded, and checked open unless a note is corrected) */
	if ((rc = append_loaded(ctx, a, in, 1, b, NULL, &s)))
		return rc;
	/* (a batch logs its notes at commit, an akt's in a row together) */
	if (b) {
		sd_journal_batch_logged(b, a->id, s, in->category);
	} else {
		snprintf(what, sizeof what, "wrote note %lld:%lld (%s%s)",
			 a->id, s, in->category, also ? also : "");
		if ((rc = sd_log_access(ctx, a->id, what)))
			return rc;
	}
	if (seq)
		*seq = s;
	return 0;
}

int
sd_journal_add(struct sd_ctx *ctx, const char *aktref, struct sd_note_in *in,
	       int strict, struct sd_lint *lint, long long *seq)
{
	struct sd_akt a;
	int rc;

	if ((rc = sd_journal_prepare(ctx, aktref, in, &a)))
		return rc;
	return sd_journal_add_note(ctx, &a, in, strict, lint, NULL, NULL, seq);
}

int
sd_journal_correct_prepare(struct sd_ctx *ctx, const char *noteref,
			   struct sd_note_in *in, struct sd_akt *a,
			   long long *of_seq)
{
	char idbuf[32];
	long long id;
	int rc;

	if ((rc = sd_note_ref(ctx, noteref, a, of_seq, &id)))
		return rc;
	in->corrects = id;
	if (!in->category || strcmp(in->category, SD_OBJECTION))
		in->category = "rättelse";
	snprintf(idbuf, sizeof idbuf, "%lld", a->id);
	return sd_journal_prepare(ctx, idbuf, in, a);
}

int
sd_journal_correct(struct sd_ctx *ctx, const char *noteref,
		   struct sd_note_in *in, int strict, struct sd_lint *lint,
		   long long *seq)
{
	struct sd_akt a;
	char also[64];
	long long of;
	int rc;

	if ((rc = sd_journal_correct_prepare(ctx, noteref, in, &a, &of)))
		return rc;
	snprintf(also, sizeof also, " of %lld:%lld", a.id, of);
	return sd_journal_add_note(ctx, &a, in, strict, lint, also, NULL, seq);
}

void
sd_journal_correct_guide(struct sd_ctx *ctx, const struct sd_akt *a,
			 long long of_seq, const struct sd_note_in *in,
			 struct sd_buf *b)
{
	sqlite3_stmt *st;

	if (sd_note_is_objection(in->category))
		sd_buf_printf(b,
			      "Den enskildes invändning mot anteckning "
			      "%lld:%lld i akt %lld: %s (%s).\n"
			      "Händelsedatum: %s.\n"
			      "\n"
			      "Skriv ovanför linjen vad den enskilde anser är "
			      "oriktigt, med den enskildes egna ord.\n"
			      "Anteckningen själv ändras inte (SoL 11 kap. "
			      "6 §).\n"
			      "En tom invändning avbryter: inget skrivs.\n",
			      a->id, of_seq, a->id, a->name, a->unit,
			      in->event_date ? in->event_date : ctx->today_s);
	else
		sd_buf_printf(
			b,
			"Rättelse av anteckning %lld:%lld i akt %lld: %s "
			"(%s).\n"
			"Händelsedatum: %s.\n"
			"\n"
			"Skriv ovanför linjen vad den enskilde (eller du som "
			"skrev) anser är oriktigt,\n"
			"och vem som anser det.  Anteckningen själv ändras "
			"inte (SoL 11 kap. 6 §).\n"
			"En tom rättelse avbryter: inget skrivs.\n",
			a->id, of_seq, a->id, a->name, a->unit,
			in->event_date ? in->event_date : ctx->today_s);
	st = sd_prepare(ctx, "SELECT event_date, author_name, author_title, "
			     "category, body FROM note WHERE id = ?");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, in->corrects);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = sd_col(st, 4);
		sd_buf_printf(b, "\nAnteckningen %lld:%lld (%s, %s, %s, %s):\n",
			      a->id, of_seq, sd_col(st, 0), sd_col(st, 1),
			      sd_col(st, 2), sd_col(st, 3));
		while (*p) {
			size_t n = strcspn(p, "\n");
			sd_buf_puts(b, "  ");
			sd_buf_add(b, p, n);
			sd_buf_puts(b, "\n");
			p += n + (p[n] == '\n');
		}
	}
	sd_finalize(st);
}

int
sd_journal_write_cmd(struct sd_ctx *ctx, const struct sd_cli *cli,
		     struct sd_text_src *src, const char *ref,
		     struct sd_note_in *in, int strict, int correct,
		     struct sd_journal_write *w)
{
	struct sd_akt a;
	long long of = 0;
	int rc;

	memset(w, 0, sizeof *w);
	sd_buf_init(&w->guide);
	w->in = in;
	w->src = src;
	w->correct = correct;
	/* (one note: a few pages, SD_OPEN_FEW) */
	rc = sd_cli_open(ctx, cli, SD_OPEN_FEW);
	if (!rc && !src->named && (src->edit || isatty(STDIN_FILENO))) {
		/* Refuse before the user writes, not after. */
		if (!(rc = sd_begin(ctx))) {
			if (!correct &&
			    !(rc = sd_journal_prepare(ctx, ref, in, &a)))
				sd_journal_guide(ctx, &a, in, &w->guide);
			else if (correct && !(rc = sd_journal_correct_prepare(
						      ctx, ref, in, &a, &of)))
				sd_journal_correct_guide(ctx, &a, of, in,
							 &w->guide);
			src->guide = w->guide.s;
			/* Named by its akt: gallra removes it with the akt. */
			if (!rc) {
				snprintf(w->draft, sizeof w->draft, "%s-%lld-",
					 ctx->prog, a.id);
				src->draft = w->draft;
			}
		}
		sd_rollback(ctx);
	}
	if (!rc && !(rc = sd_text_get(ctx, src, &w->text, w->keep)) &&
	    !(rc = sd_begin(ctx))) {
		in->body = w->text;
		rc = correct ? sd_journal_correct(ctx, ref, in, strict,
						  &w->lint, &w->seq)
			     : sd_journal_add(ctx, ref, in, strict, &w->lint,
					      &w->seq);
		w->written = 1;
	}
	src->guide = NULL;
	return rc;
}
