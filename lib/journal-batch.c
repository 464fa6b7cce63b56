/*
 * journal-batch.c - journal-add --batch: a line of the batch read into a
 * note, and the notes of one akt written in one transaction, in groups
 * of notes that share a savepoint; the last note written and the akt's
 * last record kept for the next note, and the access-log line of the
 * notes of one transaction written at its commit (journal.c writes each
 * note).
 */
#include <stdlib.h>
#include <string.h>

#include "journal-int.h"

int
sd_journal_batch_parse(struct sd_ctx *ctx, char *line, const char **aktref,
		       struct sd_note_in *in)
{
	char *f[4], *p = line, *o;
	int n = 0;

	f[n++] = p;
	while (*p && n < 4)
		if (*p++ == '\t') {
			p[-1] = '\0';
			f[n++] = p;
		}
	if (n < 4)
		return sd_fail(ctx, EX_DATAERR,
			       ngettext("%d field where 4 are needed: write "
					"AKT<TAB>CATEGORY<TAB>EVENT-DATE<TAB>"
					"TEXT",
					"%d fields where 4 are needed: write "
					"AKT<TAB>CATEGORY<TAB>EVENT-DATE<TAB>"
					"TEXT",
					n),
			       n);
	/* The text's escapes, undone in place (it only gets shorter). */
	for (p = o = f[3]; *p; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case '\\': *o++ = '\\'; break;
		default:
			return sd_fail(ctx, EX_DATAERR,
				       _("unknown escape '\\%.1s' in the text; "
					 "use \\n, \\t or \\\\"),
				       p);
		}
	}
	*o = '\0';
	size_t tl = (size_t)(o - f[3]);
	/* (the locale is the run's: translated once, not for every line) */
	static const char *what;
	if (!what)
		what = _("the note");
	int rc = sd_text_clean(ctx, what, f[3], &tl);
	if (rc)
		return rc;
	*aktref = f[0];
	in->category = *f[1] ? f[1] : NULL;
	in->event_date = *f[2] ? f[2] : NULL;
	in->body = f[3];
	return 0;
}

int
sd_journal_batch_start(struct sd_ctx *ctx)
{
	/*
	 * Each note's savepoint keeps its statement journal in memory, not
	 * in a temporary file written page by page (26 writes a note).  Set
	 * before the first transaction: SQLite refuses it inside one.
	 */
	return sd_exec(ctx, "PRAGMA temp_store = MEMORY", SD_END);
}

/*
 * Notes of a batch written in one savepoint: a savepoint a note cost 40 k
 * instructions of the 330 k a note (SAVEPOINT and RELEASE, and every page
 * a note writes copied into the statement journal once more), and only
 * a note that fails after it has written needs it (a refusal comes
 * before the first write).
 */
#define BATCH_GROUP 64

/* A note written in the group: its line's fields, copied, and its seq. */
struct sd_journal_done {
	char *ref, *category, *event_date, *body; /* one block, from ref */
	const char *behalf_login;
	int strict, dated;
	long long seq;
};

static void
done_add(struct sd_journal_batch *b, const char *aktref,
	 const struct sd_note_in *in, int strict, long long seq)
{
	const char *cat = in->category ? in->category : "";
	const char *date = in->event_date ? in->event_date : "";
	size_t lr = strlen(aktref) + 1, lc = strlen(cat) + 1,
	       ld = strlen(date) + 1, lb = strlen(in->body) + 1;
	struct sd_journal_done *d;
	char *p;

	if (b->ndone % BATCH_GROUP == 0)
		b->done = sd_xrealloc(b->done, (b->ndone + BATCH_GROUP) *
						       sizeof *b->done);
	d = &b->done[b->ndone++];
	p = sd_xmalloc(lr + lc + ld + lb);
	d->ref = memcpy(p, aktref, lr);
	d->category = memcpy(p + lr, cat, lc);
	d->event_date = memcpy(p + lr + lc, date, ld);
	d->body = memcpy(p + lr + lc + ld, in->body, lb);
	d->behalf_login = in->behalf_login;
	d->strict = strict;
	d->dated = in->event_date != NULL;
	d->seq = seq;
}

/* A note written in the transaction, for its access-log line. */
struct sd_journal_logged {
	long long akt, seq;
	const char *category; /* sd_journal_category's: kept for the run */
};

/* (journal-int.h) */
void
sd_journal_batch_logged(struct sd_journal_batch *b, long long akt,
			long long seq, const char *category)
{
	size_t n = b->nlogged;

	/* (room doubled at 64, 128, ...: a long run reallocates rarely) */
	if (n == 0 || (n >= BATCH_GROUP && (n & (n - 1)) == 0))
		b->logged = sd_xrealloc(b->logged, (n ? 2 * n : BATCH_GROUP) *
							   sizeof *b->logged);
	b->logged[b->nlogged++] =
		(struct sd_journal_logged){akt, seq, category};
}

/*
 * The access-log line of the notes l[0..n) of one akt: as journal-add's
 * for one note, else their seqs as runs ("wrote notes 7:12-7:75 (64
 * notes)"; one run, as the notes of one akt in one transaction are).
 */
static int
log_notes(struct sd_ctx *ctx, const struct sd_journal_logged *l, size_t n)
{
	struct sd_buf what;
	int rc;

	sd_buf_init(&what);
	if (n == 1) {
		sd_buf_printf(&what, "wrote note %lld:%lld (%s)", l->akt,
			      l->seq, l->category);
	} else {
		sd_buf_add(&what, "wrote notes ", 12);
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && l[j].seq == l[j - 1].seq + 1;
			     j++)
				;
			sd_buf_printf(&what, "%s%lld:%lld", i ? ", " : "",
				      l->akt, l[i].seq);
			if (j - i > 1)
				sd_buf_printf(&what, "-%lld:%lld", l->akt,
					      l[j - 1].seq);
		}
		sd_buf_printf(&what, " (%zu notes)", n);
	}
	rc = sd_log_access(ctx, l->akt, what.s);
	sd_buf_free(&what);
	return rc;
}

int
sd_journal_batch_commit(struct sd_ctx *ctx, struct sd_journal_batch *b)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < b->nlogged && !rc; i = j) {
		for (j = i + 1;
		     j < b->nlogged && b->logged[j].akt == b->logged[i].akt;
		     j++)
			;
		rc = log_notes(ctx, b->logged + i, j - i);
	}
	return rc ? rc : sd_commit(ctx);
}

static void
done_free(struct sd_journal_batch *b)
{
	for (size_t i = 0; i < b->ndone; i++)
		free(b->done[i].ref);
	free(b->done);
	b->done = NULL;
	b->ndone = 0;
}

/* One note of a batch: its akt (found once for a run of lines), its checks, the
 * note. */
static int
batch_note(struct sd_ctx *ctx, struct sd_journal_batch *b, const char *aktref,
	   struct sd_note_in *in, int strict, struct sd_lint *lint,
	   long long *seq)
{
	int rc = 0;

	/*
	 * The akt found and its access checked once for the lines of one
	 * akt in a row (one transaction: adding notes changes none of it).
	 */
	if (!b->ok || strcmp(b->ref, aktref) != 0 || in->corrects) {
		b->ok = 0;
		if (!(rc = sd_journal_prepare_akt(ctx, aktref, in, &b->akt)) &&
		    strlen(aktref) < sizeof b->ref && !in->corrects) {
			memcpy(b->ref, aktref, strlen(aktref) + 1);
			b->ok = 1;
		}
	}
	if (!rc && !(rc = sd_journal_prepare_note(ctx, in, &b->akt)))
		rc = sd_journal_add_note(ctx, &b->akt, in, strict, lint, NULL,
					 b, seq);
	return rc;
}

/*
 * A note failed after it had written: the group's savepoint undone, and
 * the notes written in it before written again as they were, linted
 * and checked the same (the same rows: the ids, seqs, times and links
 * come out the same).  rc and the failed note's message are kept.
 */
static int
group_again(struct sd_ctx *ctx, struct sd_journal_batch *b, int rc)
{
	struct sd_err keep = ctx->err;
	struct sd_journal_done *d = b->done;
	size_t n = b->ndone;
	int again = 0;

	sd_savepoint_undo(ctx, "batch_group");
	b->nlogged = b->log_mark;
	b->group = 0;
	b->last_id = 0;
	b->done = NULL;
	b->ndone = 0;
	if (n && !(again = sd_exec(ctx, "SAVEPOINT batch_group", SD_END)))
		b->group = 1;
	for (size_t i = 0; i < n && !again; i++) {
		struct sd_note_in in = {
			.category = d[i].category,
			.event_date = d[i].dated ? d[i].event_date : NULL,
			.body = d[i].body,
			.behalf_login = d[i].behalf_login};
		struct sd_lint lint = {0};
		long long seq = 0;

		again = batch_note(ctx, b, d[i].ref, &in, d[i].strict, &lint,
				   &seq);
		sd_lint_free(&lint);
		if (!again && seq != d[i].seq)
			again = sd_fail(
				ctx, EX_SOFTWARE,
				_("note %lld:%lld came out as %lld:%lld "
				  "when written again"),
				in.akt, d[i].seq, in.akt, seq);
		if (!again)
			done_add(b, d[i].ref, &in, d[i].strict, seq);
	}
	for (size_t i = 0; i < n; i++)
		free(d[i].ref);
	free(d);
	if (again) {
		b->broken = 1;
		return again;
	}
	ctx->err = keep;
	return rc;
}

int
sd_journal_add_batched(struct sd_ctx *ctx, struct sd_journal_batch *b,
		       const char *aktref, struct sd_note_in *in, int strict,
		       struct sd_lint *lint, long long *seq)
{
	long long before;
	int rc;

	if (!b->group) {
		if ((rc = sd_exec(ctx, "SAVEPOINT batch_group", SD_END)))
			return rc;
		b->group = 1;
		b->log_mark = b->nlogged;
	}
	before = sqlite3_total_changes64(ctx->db);
	if ((rc = batch_note(ctx, b, aktref, in, strict, lint, seq))) {
		/* (refused before its first write: nothing to undo) */
		if (sqlite3_total_changes64(ctx->db) != before)
			rc = group_again(ctx, b, rc);
		return rc;
	}
	done_add(b, aktref, in, strict, *seq);
	if (b->ndone >= BATCH_GROUP) {
		sd_exec(ctx, "RELEASE batch_group", SD_END);
		b->group = 0;
		done_free(b);
	}
	return 0;
}

void
sd_journal_batch_end(struct sd_journal_batch *b)
{
	b->ok = 0;
	b->last_id = 0;
	b->group = 0;
	b->broken = 0;
	done_free(b);
	free(b->logged);
	b->logged = NULL;
	b->nlogged = b->log_mark = 0;
}
