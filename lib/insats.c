/*
 * insats.c - insatser (insats-add, insats-start, insats-end,
 * insats-avbrott).
 *
 * An insats is an intervention decided for the person of an akt: a kind
 * from share/insatser.txt, its beslut (decided), when it was ordered,
 * started (verkställighet) and ended, and the interruptions between
 * (facts, see fact.c).  Each change writes its journal note (påbörjad-
 * insats, avslutad-insats, ej-verkställt) in the same transaction, so the
 * journal tells the same story as the insats table, and follow-up and
 * ivo-report read both.  Only the akt's unit may change its insatser, and
 * only while the akt is open.
 */
#include <string.h>

#include "fact.h"
#include "insats.h"
#include "journal.h"
#include "mail.h"
#include "word.h"

int
sd_insats_table(struct sd_ctx *ctx, long long akt, struct sd_table **out)
{
	static const char *cols[] = {
		N_("insats"),  N_("kind"),  N_("decided"),     N_("ordered"),
		N_("started"), N_("ended"), N_("handlaggare"), N_("goal")};
	static const int flags[] = {
		SD_COL_NUM | SD_COL_RIGHT, 0, 0, 0, 0, 0, 0, 0};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT id, kind, decided, ordered, started, "
			      "ended, handlaggare, goal FROM insats WHERE "
			      "akt_id = ? ORDER BY decided, id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	*out = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot list insatser"));
}

/* 1 when kind carries flag in share/insatser.txt (list from sd_kinds_load). */
static int
kind_flagged(struct sd_ctx *ctx, const char *kind, const char *flag, int *has)
{
	char **l = sd_kinds_load(ctx, flag);

	if (!l)
		return ctx->err.code;
	*has = sd_list_has(l, kind);
	sd_list_free(l);
	return 0;
}

int
sd_insats_kind(struct sd_ctx *ctx, const char *typed, const struct sd_akt *a,
	       char *canon, size_t n)
{
	char **kinds, list[1024];
	const char *k;
	int rc, sol = 0, lss = 0;

	if (!(kinds = sd_kinds_load(ctx, NULL)))
		return ctx->err.code;
	k = sd_word_find(typed, (const char *const *)kinds);
	if (!k) {
		sd_list_join(kinds, ", ", list, sizeof list);
		sd_list_free(kinds);
		return sd_fail(ctx, EX_DATAERR,
			       _("unknown insats kind '%s'; use one of: %s"),
			       typed ? typed : "", list);
	}
	snprintf(canon, n, "%s", k);
	sd_list_free(kinds);
	if ((rc = kind_flagged(ctx, canon, "SoL", &sol)) ||
	    (rc = kind_flagged(ctx, canon, "LSS", &lss)))
		return rc;
	/* A kind flagged LSS alone is an LSS insats (share/insatser.txt). */
	if (lss && !sol && strcmp(a->regime, "LSS") != 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("'%s' is an insats under LSS and akt %lld is "
				 "an akt under %s; decide it in an LSS akt "
				 "(akt-new --regime LSS)"),
			       canon, a->id, a->regime);
	return 0;
}

int
sd_insats_add(struct sd_ctx *ctx, const struct sd_insats_in *in, long long *id)
{
	struct sd_akt a;
	char kind[SD_KIND_SIZE], list[1024];
	int rc, dd, od;
	sqlite3_stmt *st;

	if ((rc = sd_akt_load(ctx, in->akt, &a)) ||
	    (rc = sd_akt_check_write(ctx, &a)) ||
	    (rc = sd_akt_check_open(ctx, &a)))
		return rc;
	if ((rc = sd_insats_kind(ctx, in->kind, &a, kind, sizeof kind)))
		return rc;
	if (!in->decided)
		return sd_fail(ctx, EX_USAGE,
			       _("the decision date is missing; give --decided "
				 "YYYY-MM-DD"));
	if ((rc = sd_date_opt(ctx, "--decided", in->decided, &dd)))
		return rc;
	if (dd > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--decided %s is in the future (today is %s)"),
			       in->decided, ctx->today_s);
	if (in->ordered) {
		if ((rc = sd_date_opt(ctx, "--ordered", in->ordered, &od)))
			return rc;
		if (od < dd)
			return sd_fail(ctx, EX_DATAERR,
				       _("--ordered %s is before the decision "
					 "(%s); an order follows its beslut"),
				       in->ordered, in->decided);
		if (od > ctx->today)
			return sd_fail(ctx, EX_DATAERR,
				       _("--ordered %s is in the future (today "
					 "is %s)"),
				       in->ordered, ctx->today_s);
	}
	if ((rc = sd_insats_handlaggare_check(ctx, in->handlaggare,
					      in->handlaggare_email)))
		return rc;
	if (in->goal && (rc = sd_text_check(ctx, "--goal", in->goal)))
		return rc;
	if (!(st = sd_prepare(ctx, "INSERT INTO insats(akt_id, kind, decided, "
				   "ordered, handlaggare, goal, created_at, "
				   "created_by, handlaggare_email) VALUES "
				   "(?,?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, in->akt);
	sd_bind_text(st, 2, kind);
	sd_bind_text(st, 3, in->decided);
	sd_bind_text(st, 4, in->ordered);
	sd_bind_text(st, 5, in->handlaggare);
	sd_bind_text(st, 6, in->goal);
	sd_bind_text(st, 7, sd_clock(ctx));
	sqlite3_bind_int64(st, 8, ctx->me.id);
	sd_bind_text(st, 9, in->handlaggare_email);
	if ((rc = sd_step_done(ctx, st, _("cannot add insats"))))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	snprintf(list, sizeof list, "added insats %lld (%s, beslut %s)", *id,
		 kind, in->decided);
	return sd_log_access(ctx, in->akt, list);
}

int
sd_insats_handlaggare_check(struct sd_ctx *ctx, const char *name,
			    const char *email)
{
	int rc;

	if (name && (rc = sd_utf8_check_line(ctx, "--handlaggare", name)))
		return rc;
	if (email && !sd_mail_addr_ok(email))
		return sd_fail(ctx, EX_DATAERR,
			       _("--handlaggare-email '%s' is not one mail "
				 "address"),
			       email);
	return 0;
}

int
sd_insats_akt(struct sd_ctx *ctx, long long insats, struct sd_akt *out)
{
	char ins[32];
	long long akt;
	int rc;

	snprintf(ins, sizeof ins, "%lld", insats);
	akt = sd_query_int(ctx, "SELECT akt_id FROM insats WHERE id = ?", ins,
			   SD_END);
	if (akt <= 0)
		return sd_fail(
			ctx, EX_NOINPUT,
			_("no insats %lld; see akt-show for the insatser "
			  "of an akt"),
			insats);
	if ((rc = sd_akt_load(ctx, akt, out)))
		return rc;
	return sd_akt_check_read(ctx, out);
}

/* The insats's kind, decided, started and ended dates. */
static int
insats_row(struct sd_ctx *ctx, long long id, char kind[64],
	   char dec[SD_DATE_SIZE], char start[SD_DATE_SIZE],
	   char end[SD_DATE_SIZE])
{
	sqlite3_stmt *st;

	if (!(st = sd_prepare(ctx, "SELECT kind, decided, started, ended FROM "
				   "insats WHERE id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sd_finalize(st);
		return sd_fail(ctx, EX_NOINPUT, _("no insats %lld"), id);
	}
	snprintf(kind, 64, "%s", sd_col(st, 0));
	snprintf(dec, SD_DATE_SIZE, "%s", sd_col(st, 1));
	snprintf(start, SD_DATE_SIZE, "%s", sd_col(st, 2));
	snprintf(end, SD_DATE_SIZE, "%s", sd_col(st, 3));
	sd_finalize(st);
	return 0;
}

/*
 * The insats id to start or end on date (NULL: today): its akt, writable
 * and open, its row, and the date well formed (*date and *day set).
 */
static int
insats_change(struct sd_ctx *ctx, long long id, const char **date,
	      struct sd_akt *a, char kind[64], char dec[SD_DATE_SIZE],
	      char start[SD_DATE_SIZE], char end[SD_DATE_SIZE], int *day)
{
	char idbuf[32], cancelled[SD_DATE_SIZE];
	int rc;

	*date = *date ? *date : ctx->today_s;
	if ((rc = sd_insats_akt(ctx, id, a)) ||
	    (rc = sd_akt_check_write(ctx, a)) ||
	    (rc = sd_akt_check_open(ctx, a)) ||
	    (rc = insats_row(ctx, id, kind, dec, start, end)))
		return rc;
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	rc = sd_query_text(ctx, cancelled, sizeof cancelled,
			   "SELECT cancelled FROM insats WHERE id = ? AND "
			   "cancelled IS NOT NULL",
			   idbuf, SD_END);
	if (rc == 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("insats %lld is already cancelled (on %s); see "
			  "akt-show"),
			id, cancelled);
	if (rc != 1)
		return rc;
	return sd_date_opt(ctx, "--date", *date, day);
}

/* The note of an insats start or end, then the access log line. */
static int
insats_note(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	    const char *category, const char *body, const char *what)
{
	int rc;

	if ((rc = sd_journal_note(ctx, a->id, date, category, body, NULL)))
		return rc;
	return sd_log_access(ctx, a->id, what);
}

int
sd_insats_start(struct sd_ctx *ctx, long long id, const char *date)
{
	struct sd_akt a;
	char kind[64], dec[SD_DATE_SIZE], start[SD_DATE_SIZE],
		end[SD_DATE_SIZE], idbuf[32], body[256], what[64];
	int rc, day;

	if ((rc = insats_change(ctx, id, &date, &a, kind, dec, start, end,
				&day)))
		return rc;
	if (start[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld was already started on %s"), id,
			       start);
	if (strcmp(date, dec) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("start %s is before the decision (%s); an "
				 "insats cannot start before its beslut"),
			       date, dec);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("start %s is in the future (today is %s); "
				 "record verkställighet when it has happened"),
			       date, ctx->today_s);
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if ((rc = sd_exec(ctx, "UPDATE insats SET started = ? WHERE id = ?",
			  date, idbuf, SD_END)))
		return rc;
	snprintf(body, sizeof body,
		 "Insatsen %s (insats %lld, beslut %s) "
		 "verkställdes %s.",
		 kind, id, dec, date);
	snprintf(what, sizeof what, "started insats %lld on %s", id, date);
	return insats_note(ctx, &a, date, "påbörjad-insats", body, what);
}

int
sd_insats_end(struct sd_ctx *ctx, long long id, const char *date,
	      const char *reason)
{
	struct sd_akt a;
	char kind[64], dec[SD_DATE_SIZE], start[SD_DATE_SIZE],
		end[SD_DATE_SIZE], idbuf[32], what[64];
	struct sd_buf body;
	int rc, day;

	if ((rc = insats_change(ctx, id, &date, &a, kind, dec, start, end,
				&day)))
		return rc;
	if (end[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld already ended on %s"), id, end);
	if (!start[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld was never started; record its "
				 "start with insats-start first, or end a "
				 "beslut never carried out with insats-cancel"),
			       id);
	if (strcmp(date, start) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("end %s is before the start (%s); check the date"),
			date, start);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("end %s is in the future (today is %s)"), date,
			       ctx->today_s);
	if (reason && (rc = sd_text_check(ctx, "--reason", reason)))
		return rc;
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if ((rc = sd_exec(
		     ctx,
		     "UPDATE insats SET ended = ?, end_reason = ? WHERE id = ?",
		     date, reason, idbuf, SD_END)))
		return rc;
	sd_buf_init(&body);
	sd_buf_printf(&body,
		      "Insatsen %s (insats %lld, verkställd %s) "
		      "avslutades %s.",
		      kind, id, start, date);
	if (reason && *reason)
		sd_buf_printf(&body, " Skäl: %s", reason);
	snprintf(what, sizeof what, "ended insats %lld on %s", id, date);
	rc = insats_note(ctx, &a, date, "avslutad-insats", body.s, what);
	sd_buf_free(&body);
	return rc;
}

/*
 * The insats's akt (checked), its kind and dates, and whether an
 * interruption is open (its start date into open, "" for none).
 */
static int
interruption_load(struct sd_ctx *ctx, long long id, const char *date,
		  struct sd_akt *a, char kind[64], char start[SD_DATE_SIZE],
		  char end[SD_DATE_SIZE], char open[SD_DATE_SIZE])
{
	char ins[32], dec[SD_DATE_SIZE];
	int rc, day;

	if ((rc = sd_insats_akt(ctx, id, a)))
		return rc;
	if (ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(
			ctx, EX_NOPERM,
			_("an arkivarie may read akt %lld but not change it"),
			a->id);
	if ((rc = sd_akt_check_open(ctx, a)) ||
	    (rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s is in the future (today is %s); record it "
				 "when it has happened"),
			       date, ctx->today_s);
	if ((rc = insats_row(ctx, id, kind, dec, start, end)))
		return rc;
	snprintf(ins, sizeof ins, "%lld", id);
	rc = sd_query_text(ctx, open, SD_DATE_SIZE,
			   "SELECT f.fdate FROM fact f WHERE f.insats_id = ? "
			   "AND f.kind = 'avbrott' AND NOT EXISTS (SELECT 1 "
			   "FROM fact e WHERE e.insats_id = f.insats_id AND "
			   "e.kind = 'avbrott-slut' AND e.id > f.id)",
			   ins, SD_END);
	if (rc == 1)
		open[0] = '\0';
	else if (rc)
		return rc;
	return 0;
}

int
sd_insats_avbrott(struct sd_ctx *ctx, long long id, const char *date,
		  const char *reason)
{
	struct sd_akt a;
	struct sd_buf body;
	char kind[64], start[SD_DATE_SIZE], end[SD_DATE_SIZE],
		open[SD_DATE_SIZE], what[80];
	long long note;
	int rc;

	date = date ? date : ctx->today_s;
	if ((rc = interruption_load(ctx, id, date, &a, kind, start, end, open)))
		return rc;
	if (!start[0] || end[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld is not running; only a started, "
				 "not ended insats can be interrupted"),
			       id);
	if (open[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld is already interrupted since %s; "
				 "record its resumption with --resumed first"),
			       id, open);
	if (strcmp(date, start) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("interruption %s is before the start (%s)"),
			       date, start);
	if (!reason || !*reason || !sd_utf8_valid(reason, strlen(reason)))
		return sd_fail(ctx, EX_USAGE,
			       _("say why the insats is interrupted with -m "
				 "REASON (UTF-8); IVO asks for it"));
	sd_buf_init(&body);
	sd_buf_printf(&body,
		      "Verkställigheten av insatsen %s (insats %lld) avbröts "
		      "%s. Skäl: %s",
		      kind, id, date, reason);
	rc = sd_journal_note(ctx, a.id, date, "ej-verkställt", body.s, &note);
	sd_buf_free(&body);
	if (rc ||
	    (rc = sd_fact_add(ctx, a.id, id, "avbrott", date, reason, note)))
		return rc;
	snprintf(what, sizeof what, "interrupted insats %lld from %s", id,
		 date);
	return sd_log_access(ctx, a.id, what);
}

int
sd_insats_resume(struct sd_ctx *ctx, long long id, const char *date)
{
	struct sd_akt a;
	char kind[64], start[SD_DATE_SIZE], end[SD_DATE_SIZE],
		open[SD_DATE_SIZE], what[80], body[256];
	long long note;
	int rc;

	date = date ? date : ctx->today_s;
	if ((rc = interruption_load(ctx, id, date, &a, kind, start, end, open)))
		return rc;
	if (!open[0])
		return sd_fail(
			ctx, EX_DATAERR,
			_("insats %lld is not interrupted; nothing to resume"),
			id);
	if (strcmp(date, open) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("resumption %s is before the interruption (%s)"),
			date, open);
	snprintf(body, sizeof body,
		 "Verkställigheten av insatsen %s (insats %lld) återupptogs "
		 "%s efter avbrott sedan %s.",
		 kind, id, date, open);
	if ((rc = sd_journal_note(ctx, a.id, date, "påbörjad-insats", body,
				  &note)) ||
	    (rc = sd_fact_add(ctx, a.id, id, "avbrott-slut", date, NULL, note)))
		return rc;
	snprintf(what, sizeof what, "resumed insats %lld on %s", id, date);
	return sd_log_access(ctx, a.id, what);
}

/* The reasons an insats may end without being carried out (IVO). */
static const char *const cancel_reasons[] = {"återkallat", "avböjt", "avliden",
					     "flyttat",    "annat",  NULL};

int
sd_insats_cancel(struct sd_ctx *ctx, long long id, const char *date,
		 const char *reason, const char *text)
{
	struct sd_akt a;
	struct sd_akt_fact f = {0};
	char kind[64], dec[SD_DATE_SIZE], start[SD_DATE_SIZE],
		end[SD_DATE_SIZE], idbuf[32], what[80];
	const char *code = NULL;
	struct sd_buf body;
	long long note;
	int rc, day;

	/* (typed with or without å, ä, ö: word.h) */
	code = sd_word_find(reason, cancel_reasons);
	if (!code)
		return reason ? sd_fail(ctx, EX_USAGE,
					_("unknown reason '%s'; give --reason "
					  "återkallat, avböjt, avliden, "
					  "flyttat or annat"),
					reason)
			      : sd_fail(ctx, EX_USAGE,
					_("the reason is missing; give "
					  "--reason återkallat, avböjt, "
					  "avliden, flyttat or annat"));
	if (!text || !*text || !sd_utf8_valid(text, strlen(text)))
		return sd_fail(ctx, EX_USAGE,
			       _("say what happened with -m TEXT (UTF-8); IVO "
				 "asks for it"));
	if ((rc = insats_change(ctx, id, &date, &a, kind, dec, start, end,
				&day)))
		return rc;
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	if (start[0])
		return sd_fail(ctx, EX_DATAERR,
			       _("insats %lld was started on %s; end it with "
				 "insats-end, or correct the start with "
				 "insats-correct"),
			       id, start);
	if (strcmp(date, dec) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is before the decision (%s); check "
				 "the date"),
			       date, dec);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is in the future (today is %s)"),
			       date, ctx->today_s);
	if ((rc = sd_exec(ctx,
			  "UPDATE insats SET cancelled = ?, cancel_reason = ? "
			  "WHERE id = ?",
			  date, code, idbuf, SD_END)))
		return rc;
	sd_buf_init(&body);
	sd_buf_printf(&body,
		      "Insatsen %s (insats %lld, beslut %s) avslutades %s "
		      "utan att ha verkställts. Orsak: %s. %s",
		      kind, id, dec, date, code, text);
	rc = sd_journal_note(ctx, a.id, date, "avslutad-insats", body.s, &note);
	sd_buf_free(&body);
	if (rc)
		return rc;
	f.akt = a.id;
	f.insats = id;
	f.kind = "insats-cancel";
	f.date = date;
	f.reason = code;
	f.text = text;
	f.note = note;
	if ((rc = sd_fact_akt_add(ctx, &f, NULL)))
		return rc;
	snprintf(what, sizeof what, "cancelled insats %lld on %s (%s)", id,
		 date, code);
	return sd_log_access(ctx, a.id, what);
}
