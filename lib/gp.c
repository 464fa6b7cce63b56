/*
 * gp.c - writing genomförandeplaner: the template prefilled from the
 * database, a new version (checked by gp-check.c first), signatures and
 * follow-ups.  Every version is kept (seed 001), a newer one replaces it
 * from its plan date, and signatures and follow-ups are dated events
 * beside it, never changes to it.  Showing them is gp-show.c.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "gp.h"
#include "journal.h"
#include "word.h"

/* The same for an akt loaded by id (from a plan). */
static int
akt_writable(struct sd_ctx *ctx, long long akt, struct sd_akt *a)
{
	char ref[32];

	snprintf(ref, sizeof ref, "%lld", akt);
	return sd_gp_akt_for_write(ctx, ref, a);
}

/* Replace {{key}} in tmpl by values; unknown keys are kept as written. */
static void
fill(struct sd_buf *out, const char *tmpl, const char *const *kv)
{
	const char *p = tmpl, *o;

	while ((o = strstr(p, "{{"))) {
		const char *c = strstr(o + 2, "}}");
		int done = 0;
		sd_buf_add(out, p, (size_t)(o - p));
		if (c) {
			for (int i = 0; kv[i]; i += 2) {
				size_t n = strlen(kv[i]);
				if ((size_t)(c - o - 2) == n &&
				    strncmp(o + 2, kv[i], n) == 0) {
					sd_buf_puts(out, kv[i + 1]);
					done = 1;
					break;
				}
			}
		}
		if (done) {
			p = c + 2;
		} else {
			sd_buf_add(out, o, 2);
			p = o + 2;
		}
	}
	sd_buf_puts(out, p);
}

/* The date of the next follow-up by rule gp-uppfoljning, or "". */
static void
followup_date(struct sd_ctx *ctx, int day, char buf[SD_DATE_SIZE])
{
	sqlite3_stmt *st;
	int next = -1;

	buf[0] = '\0';
	if (!(st = sd_prepare(ctx, "SELECT amount, unit FROM rule WHERE id = "
				   "'gp-uppfoljning'")))
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int amount = sqlite3_column_int(st, 0);
		const char *unit = sd_col(st, 1);
		if (!strcmp(unit, "months"))
			next = sd_date_add_months(day, amount);
		else if (!strcmp(unit, "years"))
			next = sd_date_add_months(day, 12 * amount);
		else if (!strcmp(unit, "weeks"))
			next = day + 7 * amount;
		else
			next = day + amount;
	}
	sd_finalize(st);
	if (next >= 0)
		sd_date_fmt(next, buf);
}

int
sd_gp_template(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	       struct sd_buf *out)
{
	char path[4096], pnr[14], next[SD_DATE_SIZE],
		kp[300] = "(ingen utsedd)";
	char *tmpl;
	struct sd_buf ins;
	sqlite3_stmt *st;
	int rc, day;

	date = date ? date : ctx->today_s;
	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	sd_share_path("gp-template.md", path, sizeof path);
	if (!(tmpl = sd_read_file(ctx, path, NULL)))
		return sd_fail(ctx, EX_CONFIG,
			       _("cannot read the plan template '%s'; set "
				 "SOCDOK_SHARE or reinstall"),
			       path);
	if (a->kp_login[0]) {
		char title[128] = "";
		sd_query_text(ctx, title, sizeof title,
			      "SELECT title FROM staff WHERE login = ?",
			      a->kp_login, SD_END);
		snprintf(kp, sizeof kp, "%s (%s)", a->kp_name, title);
	}
	followup_date(ctx, day, next);

	sd_buf_init(&ins);
	sd_buf_puts(&ins, "");
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT kind, decided, started, handlaggare, "
		      "goal FROM insats WHERE akt_id = ? AND ended "
		      "IS NULL AND cancelled IS NULL ORDER BY decided, id"))) {
		free(tmpl);
		sd_buf_free(&ins);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_printf(&ins, "- %s, beslut %s", sd_col(st, 0),
			      sd_col(st, 1));
		if (*sd_col(st, 2))
			sd_buf_printf(&ins, ", verkställd %s", sd_col(st, 2));
		else
			sd_buf_puts(&ins, ", ännu inte verkställd");
		if (*sd_col(st, 3))
			sd_buf_printf(&ins, " (handläggare %s)", sd_col(st, 3));
		sd_buf_printf(&ins, ".\n  Övergripande mål: %s\n",
			      *sd_col(st, 4) ? sd_col(st, 4)
					     : "(inget mål i beställningen)");
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		free(tmpl);
		sd_buf_free(&ins);
		return sd_fail_db(ctx, _("cannot read the insatser"));
	}
	if (!ins.len)
		sd_buf_puts(&ins, "- (inga pågående insatser)\n");
	else
		ins.s[--ins.len] = '\0'; /* the template has the newline */
	{
		const char *kv[] = {"namn",
				    a->name,
				    "personnummer",
				    sd_pnr_display(a->pnr, pnr),
				    "enhet",
				    a->unit,
				    "regim",
				    a->regime,
				    "kontaktperson",
				    kp,
				    "datum",
				    date,
				    "uppfoljning",
				    next,
				    "insatser",
				    ins.s,
				    NULL};
		fill(out, tmpl, kv);
	}
	free(tmpl);
	sd_buf_free(&ins);
	return sd_log_access(ctx, a->id, "read akt for a plan template");
}

int
sd_gp_current_text(struct sd_ctx *ctx, long long akt, struct sd_buf *out)
{
	return sd_query_buf(ctx, out,
			    "SELECT body FROM gp WHERE akt_id = ? ORDER BY "
			    "version DESC LIMIT 1",
			    akt);
}

int
sd_gp_new(struct sd_ctx *ctx, const struct sd_gp_in *in,
	  struct sd_gp_check *chk, long long *id, long long *version,
	  size_t *removed)
{
	struct sd_akt a;
	struct sd_buf body, prev;
	char *text = NULL, prev_date[SD_DATE_SIZE] = "", what[128];
	const char *date = in->date ? in->date : ctx->today_s;
	long long note_id = 0, ver;
	sqlite3_stmt *st;
	int rc;

	memset(chk, 0, sizeof *chk);
	*removed = 0;
	if ((rc = akt_writable(ctx, in->akt, &a)))
		return rc;
	/* TRANSLATORS: the subject of "%s %s is in the future" */
	if ((rc = sd_gp_doc_date(ctx, &a, _("plan date"), date)))
		return rc;
	if (!sd_utf8_valid(in->text, strlen(in->text)))
		return sd_fail(
			ctx, EX_DATAERR,
			_("the plan is not valid UTF-8; save it as UTF-8 "
			  "and try again"));
	text = sd_gp_strip_hints(in->text);
	if (sd_blank(text)) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("the plan is empty; nothing was saved"));
	}
	if ((rc = sd_gp_check(ctx, text, chk))) {
		free(text);
		return rc;
	}
	if (chk->n) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       ngettext("the plan was not saved: %zu problem "
					"to fix",
					"the plan was not saved: %zu problems "
					"to fix",
					chk->n),
			       chk->n);
	}
	if (chk->followup[0] && strcmp(chk->followup, date) < 0) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("the plan's follow-up date %s is before its "
				 "plan date %s; check 'Uppföljning:'"),
			       chk->followup, date);
	}

	/* The version it replaces, if any. */
	sd_buf_init(&prev);
	sd_buf_puts(&prev, "");
	if ((rc = sd_gp_doc_latest(ctx,
				   "SELECT version, plan_date, body FROM gp "
				   "WHERE akt_id = ? ORDER BY version DESC "
				   "LIMIT 1",
				   a.id, &ver, prev_date, &prev))) {
		free(text);
		sd_buf_free(&prev);
		return rc;
	}
	if (prev_date[0] && strcmp(date, prev_date) < 0) {
		free(text);
		sd_buf_free(&prev);
		return sd_fail(
			ctx, EX_DATAERR,
			_("plan date %s is before the date of the current "
			  "plan, version %lld (%s); a new version "
			  "replaces it from a later date"),
			date, ver - 1, prev_date);
	}
	if (prev_date[0]) {
		struct sd_diff d;
		if (sd_diff_lines(prev.s, text, &d) == 0) {
			*removed = d.removed;
			sd_diff_free(&d);
		}
	}
	sd_buf_free(&prev);

	sd_buf_init(&body);
	sd_buf_printf(&body,
		      "Genomförandeplan version %lld upprättad med "
		      "planeringsdatum %s.",
		      ver, date);
	if (ver > 1)
		sd_buf_printf(&body,
			      " Den ersätter version %lld (%s), som "
			      "sparas.",
			      ver - 1, prev_date);
	if (chk->declined)
		sd_buf_puts(&body, " Den enskilde har avböjt att delta; planen "
				   "är en rutin- och arbetsbeskrivning.");
	rc = sd_journal_note(ctx, a.id, date, "genomförandeplan", body.s,
			     &note_id);
	sd_buf_free(&body);
	if (rc) {
		free(text);
		return rc;
	}
	if (!(st = sd_prepare(ctx,
			      "INSERT INTO gp(akt_id, version, plan_date, "
			      "body, written_at, author_login, "
			      "author_name, author_title, note_id, uid, "
			      "followup) VALUES (?,?,?,?,?,?,?,?,?,?,?)"))) {
		free(text);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a.id);
	sqlite3_bind_int64(st, 2, ver);
	sd_bind_text(st, 3, date);
	sd_bind_text(st, 4, text);
	sd_actor_bind_author(ctx, st, 5);
	sqlite3_bind_int64(st, 9, note_id);
	sqlite3_bind_int64(st, 10, ctx->uid);
	sd_bind_text(st, 11, chk->followup[0] ? chk->followup : NULL);
	rc = sqlite3_step(st);
	sd_finalize(st);
	free(text);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot write the plan"));
	*id = sqlite3_last_insert_rowid(ctx->db);
	*version = ver;
	snprintf(what, sizeof what, "wrote plan %lld (version %lld)", *id, ver);
	return sd_log_access(ctx, a.id, what);
}

/* A plan row as the commands need it. */
struct plan {
	long long id, akt;
	int version, versions;
	char plan_date[SD_DATE_SIZE];
	char replaced[SD_DATE_SIZE];
};

static int
plan_load(struct sd_ctx *ctx, long long id, struct plan *p)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT id, akt_id, version, versions, "
				   "plan_date, replaced FROM gp_version WHERE "
				   "id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->akt = sqlite3_column_int64(st, 1);
		p->version = sqlite3_column_int(st, 2);
		p->versions = sqlite3_column_int(st, 3);
		snprintf(p->plan_date, sizeof p->plan_date, "%s",
			 sd_col(st, 4));
		snprintf(p->replaced, sizeof p->replaced, "%s", sd_col(st, 5));
	}
	sd_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the plan"));
	return sd_fail(ctx, EX_NOINPUT,
		       _("no plan %lld; see gp-show AKT for an akt's plans"),
		       id);
}

/* The current plan of an akt; *p->id 0 when it has none. */
static int
plan_current(struct sd_ctx *ctx, long long akt, struct plan *p)
{
	char a[32];
	long long id;

	snprintf(a, sizeof a, "%lld", akt);
	memset(p, 0, sizeof *p);
	id = sd_query_int(ctx,
			  "SELECT id FROM gp WHERE akt_id = ? ORDER BY "
			  "version DESC LIMIT 1",
			  a, SD_END);
	return id > 0 ? plan_load(ctx, id, p) : 0;
}

int
sd_gp_plan_akt(struct sd_ctx *ctx, long long plan, struct sd_akt *a,
	       int *version)
{
	struct plan p;
	char ref[32];
	int rc;

	if ((rc = plan_load(ctx, plan, &p)))
		return rc;
	snprintf(ref, sizeof ref, "%lld", p.akt);
	if ((rc = sd_akt_find(ctx, ref, a)))
		return rc;
	*version = p.version;
	return 0;
}

/*
 * The plan to sign or follow up, writable, current (not replaced): plan
 * by id, or the current plan of akt; need_plan 1: the akt must have one,
 * 0: it may not, -1: take no plan, only the akt.
 */
static int
plan_for_write(struct sd_ctx *ctx, long long plan, long long akt,
	       struct plan *p, struct sd_akt *a, int need_plan)
{
	int rc;

	if (plan) {
		if ((rc = plan_load(ctx, plan, p)) ||
		    (rc = akt_writable(ctx, p->akt, a)))
			return rc;
	} else {
		memset(p, 0, sizeof *p);
		if ((rc = akt_writable(ctx, akt, a)) ||
		    (need_plan >= 0 && (rc = plan_current(ctx, a->id, p))))
			return rc;
		if (!p->id && need_plan > 0)
			return sd_fail(ctx, EX_DATAERR,
				       _("akt %lld has no plan yet; write one "
					 "with gp-new"),
				       a->id);
	}
	if (p->id && p->replaced[0]) {
		struct plan cur;
		if ((rc = plan_current(ctx, p->akt, &cur)))
			return rc;
		return sd_fail(ctx, EX_DATAERR,
			       _("plan %lld (version %d) was replaced on %s; "
				 "use the current plan %lld (version %d)"),
			       p->id, p->version, p->replaced, cur.id,
			       cur.version);
	}
	return 0;
}

/* A one-line text option: valid UTF-8, no control characters. */
static int
one_line(struct sd_ctx *ctx, const char *opt, const char *s)
{
	if (!sd_utf8_valid(s, strlen(s)))
		return sd_fail(ctx, EX_DATAERR, _("%s is not valid UTF-8"),
			       opt);
	for (const unsigned char *q = (const unsigned char *)s; *q; q++)
		if (*q < 0x20 || *q == 0x7f)
			return sd_fail(ctx, EX_DATAERR,
				       _("%s must be one line without control "
					 "characters"),
				       opt);
	if (sd_blank(s))
		return sd_fail(ctx, EX_USAGE, _("%s must not be empty"), opt);
	return 0;
}

/* A date option: well formed, not in the future, not before the plan. */
static int
event_date(struct sd_ctx *ctx, const char *date, const char *after,
	   const char *what)
{
	int rc, day;

	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is in the future (today is %s)"),
			       date, ctx->today_s);
	if (after && strcmp(date, after) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is before %s (%s); check the date"),
			       date, what, after);
	return 0;
}

int
sd_gp_sign(struct sd_ctx *ctx, const struct sd_gp_sign_in *in, long long *id)
{
	struct plan p;
	struct sd_akt a;
	const char *date = in->date ? in->date : ctx->today_s;
	const char *name = in->name;
	char what[160], pid[32], prior[SD_DATE_SIZE] = "";
	long long akt, plan;
	sqlite3_stmt *st;
	int rc, person;

	static const char *const signers[] = {"brukare", "foretradare",
					      "kontaktperson", NULL};
	/* (företrädare typed with or without å, ä, ö: word.h) */
	const char *by = sd_word_find(in->by, signers);

	if ((rc = sd_gp_ref_resolve(ctx, &in->ref, &akt, &plan)))
		return rc;
	if (!by)
		return sd_fail(ctx, EX_USAGE,
			       _("unknown signer '%s'; use --by brukare, "
				 "foretradare or kontaktperson"),
			       in->by ? in->by : "");
	person = strcmp(by, "kontaktperson") != 0;
	if ((rc = plan_for_write(ctx, plan, akt, &p, &a, 1)))
		return rc;
	if ((rc = event_date(ctx, date, p.plan_date, _("the plan date"))))
		return rc;
	if (in->declined && !person)
		return sd_fail(ctx, EX_USAGE,
			       _("--declined is for the person or their "
				 "representative, not the kontaktperson"));
	if (in->declined && (rc = one_line(ctx, "--declined", in->declined)))
		return rc;
	if (!name) {
		if (!strcmp(by, "brukare"))
			name = a.name;
		else if (!strcmp(by, "kontaktperson") && a.kp_login[0])
			name = a.kp_name;
		else if (!strcmp(by, "foretradare") && a.foretradare[0]) {
			/* "Name, relation, contact" (akt-set): the name. */
			a.foretradare[strcspn(a.foretradare, ",")] = '\0';
			name = a.foretradare;
		} else
			return sd_fail(
				ctx, EX_USAGE,
				_("give the signer's --name (akt %lld has "
				  "no %s on record)"),
				a.id,
				strcmp(by, "foretradare") ? "kontaktperson"
							  : "företrädare");
	}
	if ((rc = one_line(ctx, "--name", name)))
		return rc;
	/* One signature per signer; a företrädare may be more than one. */
	snprintf(pid, sizeof pid, "%lld", p.id);
	rc = sd_query_text(ctx, prior, sizeof prior,
			   "SELECT sign_date FROM gp_signature WHERE gp_id = ? "
			   "AND signer = ? AND (signer <> 'foretradare' OR "
			   "name = ?) AND (declined IS NULL OR ? IS NOT NULL) "
			   "ORDER BY id LIMIT 1",
			   pid, by, name, in->declined, SD_END);
	if (rc > 1)
		return rc;
	if (rc == 0)
		return sd_fail(ctx, EX_DATAERR,
			       in->declined
				       ? _("plan %lld already has the %s's "
					   "signature or refusal of %s; a plan "
					   "is signed once")
				       : _("plan %lld already has the %s's "
					   "signature of %s; a plan is signed "
					   "once"),
			       p.id, by, prior);
	if (!(st = sd_prepare(ctx, "INSERT INTO gp_signature(gp_id, signer, "
				   "sign_date, name, declined, recorded_at, "
				   "recorded_by) VALUES (?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, p.id);
	sd_bind_text(st, 2, by);
	sd_bind_text(st, 3, date);
	sd_bind_text(st, 4, name);
	sd_bind_text(st, 5, in->declined);
	sd_bind_text(st, 6, sd_clock(ctx));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	if ((rc = sd_step_done(ctx, st, _("cannot record the signature"))))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	snprintf(what, sizeof what, "%s plan %lld for %s on %s",
		 in->declined ? "recorded a refusal to sign" : "signed", p.id,
		 by, date);
	return sd_log_access(ctx, a.id, what);
}

static const char *const followup_kinds[] = {"uppfoljning",
					     "uppfoljningssamtal",
					     "planeringssamtal",
					     "introduktionssamtal",
					     "handlaggare-uppfoljning",
					     "trygghetslarm",
					     NULL};

/* How the journal note names a kind. */
static const char *
kind_words(const char *kind)
{
	if (!strcmp(kind, "uppfoljningssamtal"))
		return "Uppföljningssamtal";
	if (!strcmp(kind, "planeringssamtal"))
		return "Planeringssamtal";
	if (!strcmp(kind, "introduktionssamtal"))
		return "Introduktionssamtal";
	if (!strcmp(kind, "handlaggare-uppfoljning"))
		return "Handläggarens uppföljning";
	if (!strcmp(kind, "trygghetslarm"))
		return "Uppföljning av trygghetslarmet";
	return "Uppföljning av genomförandeplanen";
}

int
sd_gp_followup(struct sd_ctx *ctx, const struct sd_gp_followup_in *in,
	       long long *id)
{
	struct plan p;
	struct sd_akt a;
	struct sd_buf body;
	const char *kind = in->kind ? in->kind : "uppfoljning";
	const char *date = in->date ? in->date : ctx->today_s;
	char what[160];
	long long note_id = 0, akt, plan;
	sqlite3_stmt *st;
	int rc, need;

	if ((rc = sd_gp_ref_resolve(ctx, &in->ref, &akt, &plan)))
		return rc;
	/* (uppföljningssamtal typed with or without å, ä, ö: word.h) */
	if (!(kind = sd_word_find(kind, followup_kinds)))
		return sd_fail(ctx, EX_USAGE,
			       _("unknown kind '%s'; use uppfoljning, "
				 "uppfoljningssamtal, planeringssamtal, "
				 "introduktionssamtal, handlaggare-uppfoljning "
				 "or trygghetslarm"),
			       in->kind);
	/*
	 * The introduction and planning talks come before a plan, or before
	 * its next version (seed 002): under --akt they belong to the akt.
	 * So do the handläggare's follow-up after a beslut and the yearly
	 * follow-up of a trygghetslarm (rules handlaggare-uppfoljning and
	 * trygghetslarm), which need no plan.
	 */
	need = strcmp(kind, "uppfoljning") && strcmp(kind, "uppfoljningssamtal")
		       ? -1
		       : 1;
	if ((rc = plan_for_write(ctx, plan, akt, &p, &a, need)))
		return rc;
	if ((rc = event_date(ctx, date, p.id ? p.plan_date : NULL,
			     _("the plan date"))))
		return rc;
	if (in->text && (rc = sd_text_check(ctx, "-m", in->text)))
		return rc;

	sd_buf_init(&body);
	sd_buf_printf(&body, "%s %s", kind_words(kind), date);
	if (p.id)
		sd_buf_printf(&body, " (genomförandeplan version %d, %s)",
			      p.version, p.plan_date);
	sd_buf_puts(&body, ".");
	if (in->text && !sd_blank(in->text))
		sd_buf_printf(&body, "\n\n%s", in->text);
	rc = sd_journal_note(ctx, a.id, date, "uppföljning", body.s, &note_id);
	sd_buf_free(&body);
	if (rc)
		return rc;
	if (!(st = sd_prepare(ctx, "INSERT INTO followup(akt_id, gp_id, kind, "
				   "fdate, note_id, recorded_at, recorded_by) "
				   "VALUES (?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a.id);
	if (p.id)
		sqlite3_bind_int64(st, 2, p.id);
	sd_bind_text(st, 3, kind);
	sd_bind_text(st, 4, date);
	sqlite3_bind_int64(st, 5, note_id);
	sd_bind_text(st, 6, sd_clock(ctx));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	if ((rc = sd_step_done(ctx, st, _("cannot record the follow-up"))))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	if (p.id)
		snprintf(what, sizeof what, "recorded %s of plan %lld on %s",
			 kind, p.id, date);
	else
		snprintf(what, sizeof what, "recorded %s on %s", kind, date);
	return sd_log_access(ctx, a.id, what);
}
