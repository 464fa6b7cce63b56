/*
 * insats-correct.c - correcting the facts of an insats without erasing
 * them (insats-correct, issue 19): a wrongly typed beslut date, kind or
 * date of verkställighet.
 *
 * The current values stay in the insats row, which is chained (every
 * change a new record, lib/chain.c); each corrected value is also an
 * insats-correct fact in akt_fact (0140) with the old and new value, who,
 * when and why, shown by akt-show --history, and the journal gets one
 * rättelse note saying what was corrected, so the journal tells the same
 * story as the insats.  Deadlines are never stored: followup-due and
 * ivo-report compute them from the insats as it now is.  Only the akt's
 * unit corrects, and only while the akt is open.
 */
#include <string.h>

#include "fact.h"
#include "insats.h"
#include "journal.h"
#include "mail.h"

/* The insats row as it is before the correction. */
struct row {
	char kind[SD_KIND_SIZE];
	char decided[SD_DATE_SIZE], ordered[SD_DATE_SIZE];
	char started[SD_DATE_SIZE], ended[SD_DATE_SIZE];
	char cancelled[SD_DATE_SIZE];
	char hl[256], hl_email[320]; /* the handläggare, name and mail */
};

static int
row_load(struct sd_ctx *ctx, long long id, struct row *r)
{
	sqlite3_stmt *st;

	if (!(st = sd_prepare(ctx,
			      "SELECT kind, decided, ordered, started, "
			      "ended, cancelled, handlaggare, "
			      "handlaggare_email FROM insats WHERE id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sd_finalize(st);
		return sd_fail(ctx, EX_NOINPUT, _("no insats %lld"), id);
	}
	snprintf(r->kind, sizeof r->kind, "%s", sd_col(st, 0));
	snprintf(r->decided, sizeof r->decided, "%s", sd_col(st, 1));
	snprintf(r->ordered, sizeof r->ordered, "%s", sd_col(st, 2));
	snprintf(r->started, sizeof r->started, "%s", sd_col(st, 3));
	snprintf(r->ended, sizeof r->ended, "%s", sd_col(st, 4));
	snprintf(r->cancelled, sizeof r->cancelled, "%s", sd_col(st, 5));
	snprintf(r->hl, sizeof r->hl, "%s", sd_col(st, 6));
	snprintf(r->hl_email, sizeof r->hl_email, "%s", sd_col(st, 7));
	sd_finalize(st);
	return 0;
}

/* A corrected date: well formed and not in the future. */
static int
check_date(struct sd_ctx *ctx, const char *opt, const char *date)
{
	int day, rc;

	if ((rc = sd_date_opt(ctx, opt, date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s %s is in the future (today is %s)"), opt,
			       date, ctx->today_s);
	return 0;
}

/* The new dates against each other and against the insats's other facts. */
static int
check_order(struct sd_ctx *ctx, long long id, const struct row *r,
	    const char *dec, const char *start)
{
	char ins[32], first[SD_DATE_SIZE];
	int rc;

	if (r->ordered[0] && strcmp(dec, r->ordered) > 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("beslut %s would be after the order (%s); an "
				 "order follows its beslut"),
			       dec, r->ordered);
	if (r->cancelled[0] && strcmp(dec, r->cancelled) > 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("beslut %s would be after the cancellation "
				 "(%s)"),
			       dec, r->cancelled);
	if (start[0] && strcmp(start, dec) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("start %s would be before the beslut (%s); an "
				 "insats cannot start before its beslut"),
			       start, dec);
	if (start[0] && r->ended[0] && strcmp(start, r->ended) > 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("start %s would be after the end (%s); check "
				 "the date"),
			       start, r->ended);
	snprintf(ins, sizeof ins, "%lld", id);
	rc = sd_query_text(ctx, first, sizeof first,
			   "SELECT min(fdate) FROM fact WHERE insats_id = ? "
			   "AND kind = 'avbrott' HAVING count(*) > 0",
			   ins, SD_END);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	if (start[0] && strcmp(start, first) > 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("start %s would be after the interruption on "
				 "%s; check the date"),
			       start, first);
	return 0;
}

/* One corrected value: the insats column and its fact. */
static int
correct(struct sd_ctx *ctx, const struct sd_akt *a, long long id,
	const char *column, const char *old, const char *new, const char *why,
	long long note)
{
	struct sd_akt_fact f = {0};
	char ins[32], sql[64];
	int rc;

	snprintf(ins, sizeof ins, "%lld", id);
	/* (column is one of ours, never typed) */
	snprintf(sql, sizeof sql, "UPDATE insats SET %s = ? WHERE id = ?",
		 column);
	if ((rc = sd_exec(ctx, sql, new, ins, SD_END)))
		return rc;
	f.akt = a->id;
	f.insats = id;
	f.kind = "insats-correct";
	f.date = ctx->today_s;
	f.field = column;
	f.old_value = old;
	f.new_value = new;
	f.text = why;
	f.note = note;
	return sd_fact_akt_add(ctx, &f, NULL);
}

int
sd_insats_correct(struct sd_ctx *ctx, const struct sd_insats_correct_in *in)
{
	struct sd_akt a;
	struct row r;
	struct sd_note_in n = {0};
	struct sd_buf body;
	char kind[SD_KIND_SIZE], dec[SD_DATE_SIZE], start[SD_DATE_SIZE],
		what[128];
	long long note;
	int rc, ckind, cdec, cstart, chl, cmail;

	if (!in->decided && !in->kind && !in->started && !in->handlaggare &&
	    !in->handlaggare_email)
		return sd_fail(
			ctx, EX_USAGE,
			_("nothing to correct; give --decided, --kind, "
			  "--started, --handlaggare or --handlaggare-email"));
	if ((rc = sd_insats_handlaggare_check(ctx, in->handlaggare,
					      in->handlaggare_email)))
		return rc;
	if (!in->why || sd_blank(in->why) ||
	    !sd_utf8_valid(in->why, strlen(in->why)))
		return sd_fail(ctx, EX_USAGE,
			       _("say why with -m WHY (UTF-8); the reason is "
				 "kept beside the old value"));
	if ((rc = sd_insats_akt(ctx, in->id, &a)) ||
	    (rc = sd_akt_check_write(ctx, &a)) ||
	    (rc = sd_akt_check_open(ctx, &a)) ||
	    (rc = row_load(ctx, in->id, &r)))
		return rc;
	snprintf(kind, sizeof kind, "%s", r.kind);
	if (in->kind &&
	    (rc = sd_insats_kind(ctx, in->kind, &a, kind, sizeof kind)))
		return rc;
	if (in->decided && (rc = check_date(ctx, "--decided", in->decided)))
		return rc;
	if (in->started) {
		if (r.cancelled[0])
			return sd_fail(ctx, EX_DATAERR,
				       _("insats %lld was cancelled on %s and "
					 "never started; there is no start to "
					 "correct"),
				       in->id, r.cancelled);
		if (!r.started[0])
			return sd_fail(ctx, EX_DATAERR,
				       _("insats %lld was never started; "
					 "record its start with insats-start"),
				       in->id);
		if ((rc = check_date(ctx, "--started", in->started)))
			return rc;
	}
	snprintf(dec, sizeof dec, "%s", in->decided ? in->decided : r.decided);
	snprintf(start, sizeof start, "%s",
		 in->started ? in->started : r.started);
	if ((rc = check_order(ctx, in->id, &r, dec, start)))
		return rc;
	ckind = strcmp(kind, r.kind) != 0;
	cdec = strcmp(dec, r.decided) != 0;
	cstart = strcmp(start, r.started) != 0;
	chl = in->handlaggare && strcmp(in->handlaggare, r.hl) != 0;
	cmail = in->handlaggare_email &&
		strcmp(in->handlaggare_email, r.hl_email) != 0;
	if (!ckind && !cdec && !cstart && !chl && !cmail)
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld already has these values; "
				 "nothing was corrected"),
			       in->id);

	/* The note first: each fact names it. */
	sd_buf_init(&body);
	sd_buf_printf(&body, "Rättelse av insatsen %s (insats %lld):", r.kind,
		      in->id);
	if (ckind)
		sd_buf_printf(&body, " Insatstyp %s rättad till %s.", r.kind,
			      kind);
	if (cdec)
		sd_buf_printf(&body, " Beslutsdatum %s rättat till %s.",
			      r.decided, dec);
	if (cstart)
		sd_buf_printf(&body, " Verkställd %s rättat till %s.",
			      r.started, start);
	if (chl)
		sd_buf_printf(&body, " Handläggare %s rättad till %s.",
			      r.hl[0] ? r.hl : "(ingen)", in->handlaggare);
	if (cmail)
		sd_buf_printf(&body, " Handläggarens e-post %s rättad till %s.",
			      r.hl_email[0] ? r.hl_email : "(ingen)",
			      in->handlaggare_email);
	sd_buf_printf(&body, " Skäl: %s", in->why);
	n.akt = a.id;
	n.category = "rättelse";
	n.body = body.s;
	rc = sd_journal_append(ctx, &n, &note, NULL);
	sd_buf_free(&body);
	if (rc)
		return rc;
	/* Kind, then beslut, then start: each row state keeps the CHECKs. */
	if (ckind && (rc = correct(ctx, &a, in->id, "kind", r.kind, kind,
				   in->why, note)))
		return rc;
	if (cdec && cstart && strcmp(dec, r.started) > 0) {
		/* A later beslut: move the start first. */
		if ((rc = correct(ctx, &a, in->id, "started", r.started, start,
				  in->why, note)) ||
		    (rc = correct(ctx, &a, in->id, "decided", r.decided, dec,
				  in->why, note)))
			return rc;
	} else {
		if (cdec && (rc = correct(ctx, &a, in->id, "decided", r.decided,
					  dec, in->why, note)))
			return rc;
		if (cstart && (rc = correct(ctx, &a, in->id, "started",
					    r.started, start, in->why, note)))
			return rc;
	}
	if (chl && (rc = correct(ctx, &a, in->id, "handlaggare", r.hl,
				 in->handlaggare, in->why, note)))
		return rc;
	if (cmail &&
	    (rc = correct(ctx, &a, in->id, "handlaggare_email", r.hl_email,
			  in->handlaggare_email, in->why, note)))
		return rc;
	snprintf(what, sizeof what, "corrected insats %lld:%s%s%s%s%s", in->id,
		 ckind ? " kind" : "", cdec ? " decided" : "",
		 cstart ? " started" : "", chl ? " handlaggare" : "",
		 cmail ? " handlaggare_email" : "");
	return sd_log_access(ctx, a.id, what);
}
