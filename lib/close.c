/*
 * close.c - closing an akt and opening it again.
 *
 * Seed 003: when support ends the handläggare is told at once, the social
 * documentation is compiled, the end date is registered, and the journal
 * is closed.  A closed akt takes no notes, plans or insats changes
 * (sd_akt_check_open); akt-reopen exists for mistakes and is itself a
 * note.  Every check runs inside the caller's BEGIN IMMEDIATE, so of two
 * closes of one akt the second sees the first's work and is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "close.h"
#include "i18n.h"
#include "insats.h"
#include "journal.h"
#include "mail.h"
#include "unit.h"

void
sd_close_res_init(struct sd_close_res *res)
{
	memset(res, 0, sizeof *res);
	sd_buf_init(&res->ended);
	sd_buf_init(&res->summary);
	sd_buf_init(&res->to);
	sd_buf_init(&res->subject);
	sd_buf_init(&res->export);
}

void
sd_close_res_free(struct sd_close_res *res)
{
	sd_buf_free(&res->ended);
	sd_buf_free(&res->summary);
	sd_buf_free(&res->to);
	sd_buf_free(&res->subject);
	sd_buf_free(&res->export);
}

/* Who may close (verb) an akt; see close.h. */
static int
may(struct sd_ctx *ctx, const struct sd_akt *a, const char *verb)
{
	enum sd_role r = ctx->me.role;

	if (r == SD_ROLE_ADMIN)
		return 0;
	if (r == SD_ROLE_GRANSKARE)
		return sd_fail(ctx, EX_NOPERM,
			       _("a granskare may read akt %lld but not %s it; "
				 "ask the staff of unit '%s'"),
			       a->id, _(verb), a->unit);
	if (r != SD_ROLE_ARKIVARIE && sd_unit_may_see(ctx, a->unit_id) &&
	    (r == SD_ROLE_SAMORDNARE || r == SD_ROLE_ENHETSCHEF ||
	     (a->kontaktperson && a->kontaktperson == ctx->me.id)))
		return 0;
	return sd_fail(ctx, EX_NOPERM,
		       _("akt %lld is not yours to %s: its kontaktperson, a "
			 "samordnare or the enhetschef of unit '%s', or an "
			 "administrator may %s it"),
		       a->id, _(verb), a->unit, _(verb));
}

int
sd_close_allowed(struct sd_ctx *ctx, const struct sd_akt *a)
{
	/* TRANSLATORS: the verb of "akt 42 is not yours to close". */
	return may(ctx, a, N_("close"));
}

/* One insats of the akt being closed. */
struct ins {
	long long id;
	char kind[64], decided[SD_DATE_SIZE], started[SD_DATE_SIZE],
		ended[SD_DATE_SIZE], hl[128];
};

/* The insatser of akt, in decision order, into a malloc'd array. */
static int
load_insatser(struct sd_ctx *ctx, long long akt, struct ins **out, int *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = sd_prepare(ctx, "SELECT id, kind, decided, started, ended, "
				   "handlaggare FROM insats WHERE akt_id = ? "
				   "ORDER BY decided, id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sd_grow(*out, (size_t)*n, &cap, sizeof **out, 8);
		struct ins *i = &(*out)[(*n)++];
		i->id = sqlite3_column_int64(st, 0);
		snprintf(i->kind, sizeof i->kind, "%s", sd_col(st, 1));
		snprintf(i->decided, sizeof i->decided, "%s", sd_col(st, 2));
		snprintf(i->started, sizeof i->started, "%s", sd_col(st, 3));
		snprintf(i->ended, sizeof i->ended, "%s", sd_col(st, 4));
		snprintf(i->hl, sizeof i->hl, "%s", sd_col(st, 5));
	}
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot read insatser"));
}

/* "- hemtjänst (insats 1, beslut ...): verkställd ..., avslutad ..." */
static void
ins_line(struct sd_buf *b, const struct ins *i)
{
	sd_buf_printf(b, "- %s (insats %lld, beslut %s): ", i->kind, i->id,
		      i->decided);
	if (!i->started[0])
		sd_buf_puts(b, "verkställdes aldrig\n");
	else if (!i->ended[0])
		sd_buf_printf(b, "verkställd %s, pågår\n", i->started);
	else
		sd_buf_printf(b, "verkställd %s, avslutad %s\n", i->started,
			      i->ended);
}

static void
ins_list(struct sd_buf *b, const struct ins *v, int n)
{
	if (!n) {
		sd_buf_puts(b, "Akten hade inga insatser.\n");
		return;
	}
	sd_buf_puts(b, "Insatser:\n");
	for (int k = 0; k < n; k++)
		ins_line(b, &v[k]);
}

/*
 * The date refusals, the most specific first: an insats start or end
 * writes a note of its own date, so it would otherwise be named only as
 * "the last note".
 */
static int
check_date(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	   const struct ins *v, int n)
{
	char last[SD_DATE_SIZE] = "", cat[64] = "";
	sqlite3_stmt *st;
	int day, rc;

	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("closing date %s is in the future (today is "
				 "%s); close an akt when support has ended"),
			       date, ctx->today_s);
	if (strcmp(date, a->opened) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("closing date %s is before akt %lld was opened "
			  "(%s); check the date"),
			date, a->id, a->opened);
	for (int k = 0; k < n; k++) {
		if (v[k].started[0] && strcmp(date, v[k].started) < 0)
			return sd_fail(
				ctx, EX_DATAERR,
				_("closing date %s is before insats %lld "
				  "(%s) started (%s); close on %s or later"),
				date, v[k].id, v[k].kind, v[k].started,
				v[k].started);
		if (v[k].ended[0] && strcmp(date, v[k].ended) < 0)
			return sd_fail(
				ctx, EX_DATAERR,
				_("closing date %s is before insats %lld "
				  "(%s) ended (%s); close on %s or later"),
				date, v[k].id, v[k].kind, v[k].ended,
				v[k].ended);
	}
	if (!(st = sd_prepare(ctx, "SELECT event_date, category FROM note "
				   "WHERE akt_id = ? ORDER BY event_date DESC, "
				   "seq DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(last, sizeof last, "%s", sd_col(st, 0));
		snprintf(cat, sizeof cat, "%s", sd_col(st, 1));
	}
	sd_finalize(st);
	if (last[0] && strcmp(date, last) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("closing date %s is before the last note of akt "
			  "%lld (%s, %s); close on %s or later"),
			date, a->id, last, cat, last);
	return 0;
}

/* Refuse running insatser unless told to end them. */
static int
check_running(struct sd_ctx *ctx, const struct sd_akt *a, const struct ins *v,
	      int n, int end_them)
{
	struct sd_buf b;
	int running = 0;

	if (end_them)
		return 0;
	sd_buf_init(&b);
	for (int k = 0; k < n; k++) {
		if (!v[k].started[0] || v[k].ended[0])
			continue;
		sd_buf_printf(&b, _("%s%lld %s (since %s)"),
			      running++ ? ", " : "", v[k].id, v[k].kind,
			      v[k].started);
	}
	if (running)
		sd_fail(ctx, EX_DATAERR,
			ngettext(
				"akt %lld has a running insats: %s; end it "
				"with insats-end, or close with --end-insatser",
				"akt %lld has running insatser: %s; end them "
				"with insats-end, or close with --end-insatser",
				running),
			a->id, b.s);
	sd_buf_free(&b);
	return running ? ctx->err.code : 0;
}

/* The Swedish message for the handläggare (seed 003). */
static int
summary(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	const struct ins *v, int n, int mail, struct sd_close_res *res)
{
	char id[32], pnr[14], who[sizeof a->name + 64];
	long long notes, plans;

	snprintf(id, sizeof id, "%lld", a->id);
	notes = sd_query_int(ctx, "SELECT count(*) FROM note WHERE akt_id = ?",
			     id, SD_END);
	plans = sd_query_int(ctx, "SELECT count(*) FROM gp WHERE akt_id = ?",
			     id, SD_END);
	if (notes < 0 || plans < 0)
		return sd_fail_db(ctx, _("cannot count the documentation"));
	for (int k = 0; k < n; k++) {
		int seen = !v[k].hl[0];
		for (int j = 0; j < k && !seen; j++)
			seen = strcmp(v[j].hl, v[k].hl) == 0;
		if (!seen)
			sd_buf_printf(&res->to, "%s%s", res->to.len ? ", " : "",
				      v[k].hl);
	}
	if (!res->to.len)
		sd_buf_puts(&res->to, "handläggaren");
	/*
	 * The message leaves the unit: a protected identity is named as
	 * the lists name it (sd_person), never by name or personnummer.
	 */
	if (a->protected)
		snprintf(who, sizeof who, "Skyddad identitet (akt %lld)",
			 a->id);
	else
		snprintf(who, sizeof who, "%s", a->name);
	sd_buf_printf(&res->subject, "Akt %lld avslutad: %s", a->id, who);
	/* A mail leaves the unit: the name and akt id, no personnummer. */
	if (mail)
		snprintf(pnr, sizeof pnr, "akt %lld", a->id);
	else
		sd_pnr_display(a->pnr, pnr);
	if (a->protected)
		sd_buf_printf(&res->summary,
			      "Akten för %s vid %s avslutades %s.\n\n", who,
			      a->unit, date);
	else
		sd_buf_printf(&res->summary,
			      "Akten för %s (%s) vid %s avslutades %s.\n\n",
			      who, pnr, a->unit, date);
	ins_list(&res->summary, v, n);
	sd_buf_printf(
		&res->summary,
		"\nDen sociala dokumentationen är sammanställd: %lld "
		"%s och %lld %s.\n",
		notes, notes == 1 ? "journalanteckning" : "journalanteckningar",
		plans, plans == 1 ? "genomförandeplan" : "genomförandeplaner");
	if (res->export.len) {
		/* Words a handläggare can use: the file's name and whom to
		 * ask, not a path on this server. */
		const char *slash = strrchr(res->export.s, '/');
		sd_buf_printf(&res->summary,
			      "Den är sparad som filen %s hos %s; kontakta "
			      "%s (%s) för att få den.\n",
			      slash ? slash + 1 : res->export.s, a->unit,
			      ctx->me.name, ctx->me.title);
	} else
		sd_buf_printf(&res->summary,
			      "Exportera den med: akt-export %lld\n", a->id);
	sd_buf_printf(&res->summary, "\n%s\n%s, %s\n", ctx->me.name,
		      ctx->me.title, a->unit);
	return 0;
}

int
sd_close_akt(struct sd_ctx *ctx, const char *ref, const struct sd_close_opts *o,
	     struct sd_close_res *res)
{
	const char *date = o->date ? o->date : ctx->today_s;
	struct sd_akt a;
	struct ins *v = NULL;
	struct sd_buf body;
	char by[128] = "", id[32], what[128];
	int n = 0, rc;

	if ((rc = sd_akt_find(ctx, ref, &a)))
		return rc;
	res->akt = a.id;
	snprintf(res->date, sizeof res->date, "%s", date);
	if ((rc = may(ctx, &a, N_("close"))))
		return rc;
	if (a.closed[0]) {
		snprintf(id, sizeof id, "%lld", a.id);
		sd_query_text(ctx, by, sizeof by,
			      "SELECT s.name FROM akt a JOIN staff s ON s.id = "
			      "a.closed_by WHERE a.id = ?",
			      id, SD_END);
		if (by[0])
			return sd_fail(
				ctx, EX_DATAERR,
				_("akt %lld is already closed (since %s, "
				  "by %s); akt-reopen opens it again"),
				a.id, a.closed, by);
		return sd_fail(ctx, EX_DATAERR,
			       _("akt %lld is already closed (since %s); "
				 "akt-reopen opens it again"),
			       a.id, a.closed);
	}
	if ((rc = load_insatser(ctx, a.id, &v, &n)) ||
	    (rc = check_date(ctx, &a, date, v, n)) ||
	    (rc = check_running(ctx, &a, v, n, o->end_insatser)))
		goto out;
	for (int k = 0; k < n; k++) {
		if (!v[k].started[0] || v[k].ended[0])
			continue;
		if ((rc = sd_insats_end(ctx, v[k].id, date, "akten avslutas")))
			goto out;
		snprintf(v[k].ended, sizeof v[k].ended, "%s", date);
		sd_buf_printf(&res->ended, "%s%lld", res->ended.len ? "," : "",
			      v[k].id);
	}

	sd_buf_init(&body);
	sd_buf_printf(&body, "Akten avslutas %s.\n\n", date);
	if (o->text && *o->text) {
		sd_buf_puts(&body, o->text);
		while (body.len && body.s[body.len - 1] == '\n')
			body.s[--body.len] = '\0';
		sd_buf_puts(&body, "\n\n");
	}
	ins_list(&body, v, n);
	body.s[--body.len] = '\0'; /* the list's last newline */
	rc = sd_journal_note(ctx, a.id, date, "avslut", body.s, &res->note);
	sd_buf_free(&body);
	if (rc)
		goto out;

	snprintf(id, sizeof id, "%lld", ctx->me.id);
	snprintf(what, sizeof what, "%lld", a.id);
	if ((rc = sd_exec(
		     ctx,
		     "UPDATE akt SET closed = ?, closed_by = ? WHERE id = ? "
		     "AND closed IS NULL",
		     date, id, what, SD_END)))
		goto out;
	if (sqlite3_changes(ctx->db) != 1) {
		rc = sd_fail(ctx, EX_SOFTWARE, _("akt %lld was not closed"),
			     a.id);
		goto out;
	}
	snprintf(what, sizeof what, "closed akt on %s", date);
	if ((rc = sd_log_access(ctx, a.id, what)))
		goto out;
	/* Compiled after the closing note, so the export ends with it. */
	if (o->export_dir) {
		char name[64];
		sd_buf_puts(&res->export, o->export_dir);
		if (res->export.len &&
		    res->export.s[res->export.len - 1] != '/')
			sd_buf_puts(&res->export, "/");
		sd_buf_puts(&res->export, sd_export_name(a.id, o->export_fmt,
							 name, sizeof name));
		if ((rc = sd_export_file(ctx, a.id, o->export_fmt, NULL,
					 res->export.s)))
			goto out;
	}
	rc = summary(ctx, &a, date, v, n, o->mail, res);
out:
	free(v);
	return rc;
}

/* Why a closed akt cannot be reopened: the query finds when, msg says so. */
static const struct {
	const char *sql, *msg;
} gone[] = {
	{"SELECT fdate FROM fact WHERE akt_id = ? AND "
	 "kind = 'arkiv-overlamning'",
	 "akt %lld was handed to the archive on %s; open a new akt with "
	 "akt-new instead"},
	{"SELECT preserved FROM akt WHERE id = ? AND preserved IS NOT NULL",
	 "akt %lld was preserved by gallra (%s); open a new akt with akt-new "
	 "instead"},
};

int
sd_close_reopen(struct sd_ctx *ctx, const char *ref, const char *reason,
		long long *akt, long long *note)
{
	struct sd_akt a;
	struct sd_buf body;
	char id[32], what[128], when[64];
	long long other;
	int rc;

	if ((rc = sd_akt_find_closed(ctx, ref, &a)) ||
	    /* TRANSLATORS: the verb of "akt 42 is not yours to reopen". */
	    (rc = may(ctx, &a, N_("reopen"))))
		return rc;
	if (!a.closed[0])
		return sd_fail(
			ctx, EX_DATAERR,
			_("akt %lld is open; there is nothing to reopen"),
			a.id);
	if (!reason || sd_blank(reason))
		return sd_fail(ctx, EX_USAGE,
			       _("say why akt %lld is reopened with -m REASON"),
			       a.id);
	if (strcmp(ctx->today_s, a.closed) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("today (%s) is before akt %lld was closed (%s); "
			  "check --as-of"),
			ctx->today_s, a.id, a.closed);
	snprintf(id, sizeof id, "%lld", a.id);
	/* Once it has left the unit, the file is the archive's. */
	for (size_t i = 0; i < sizeof gone / sizeof *gone; i++) {
		rc = sd_query_text(ctx, when, sizeof when, gone[i].sql, id,
				   SD_END);
		if (rc == 0)
			return sd_fail(ctx, EX_DATAERR, gone[i].msg, a.id,
				       when);
		if (rc != 1)
			return rc;
	}
	other = sd_query_int(ctx,
			     "SELECT o.id FROM akt o JOIN akt a ON a.person_id "
			     "= o.person_id AND a.unit_id = o.unit_id WHERE "
			     "a.id = ? AND o.closed IS NULL",
			     id, SD_END);
	if (other > 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("%s already has an open akt at '%s': akt %lld; "
			  "write in it instead of reopening akt %lld"),
			a.name, a.unit, other, a.id);
	if ((rc = sd_exec(ctx,
			  "UPDATE akt SET closed = NULL, closed_by = NULL "
			  "WHERE id = ?",
			  id, SD_END)))
		return rc;
	sd_buf_init(&body);
	sd_buf_printf(&body, "Akten öppnas igen (avslutad %s).\n\nSkäl: %s",
		      a.closed, reason);
	rc = sd_journal_note(ctx, a.id, NULL, "avslut", body.s, note);
	sd_buf_free(&body);
	if (rc)
		return rc;
	*akt = a.id;
	snprintf(what, sizeof what, "reopened akt (closed %s)", a.closed);
	return sd_log_access(ctx, a.id, what);
}
