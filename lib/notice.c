/*
 * notice.c - the notices to the handläggare (notice.h).
 *
 * Seed 003 (Administrativa rutiner för handläggare och utförare): the
 * utförare tells the handläggare when an insats is carried out ("Utföraren
 * meddelar handläggaren"), "omgående" when it ends, and when the first
 * genomförandeplan is finished.  The events are the insats's start and
 * end dates and the first plan signed by the person or a företrädare;
 * notice_sent holds those already told, so each is told once, and what
 * was recorded before 0210 counts as told.  The message leaves the unit:
 * the person by name, never the personnummer; a protected identity
 * (akt-protect) never by name: the list shows them as sd_person does,
 * the Swedish mail as "Skyddad identitet (akt N)" whatever the locale.
 */
#include <stdlib.h>
#include <string.h>

#include "actor.h"
#include "mail.h"
#include "notice.h"
#include "unit.h"

static const char notice_sql[] =
	"WITH seen AS (SELECT id FROM unit WHERE (?1 OR id IN (SELECT "
	"unit_id FROM staff_unit WHERE staff_id = ?2)) AND (?3 IS NULL OR "
	"name = ?3)), "
	"ev(akt, ins, kind, event, ikind, decided, reason) AS ("
	"SELECT akt_id, id, 'insats-start', started, kind, decided, NULL "
	"FROM insats WHERE started IS NOT NULL UNION ALL "
	"SELECT akt_id, id, 'insats-slut', ended, kind, decided, end_reason "
	"FROM insats WHERE ended IS NOT NULL UNION ALL "
	"SELECT g.akt_id, 0, 'forsta-gp', min(g.plan_date), NULL, NULL, NULL "
	"FROM gp g WHERE EXISTS (SELECT 1 FROM gp_signature s WHERE s.gp_id "
	"= g.id AND s.signer IN ('brukare', 'foretradare')) GROUP BY "
	"g.akt_id) "
	"SELECT e.akt, e.ins, e.kind, e.event, coalesce(e.ikind, ''), "
	"coalesce(e.decided, ''), coalesce(e.reason, ''), "
	"sd_person(a.protected, a.id, p.name), u.name, "
	/* to whom: the insats's handläggare; the first plan: every
	 * handläggare of the akt's insatser */
	"CASE WHEN e.ins THEN coalesce(i.handlaggare, '') ELSE coalesce(("
	"SELECT group_concat(h, ', ') FROM (SELECT DISTINCT handlaggare AS h "
	"FROM insats WHERE akt_id = e.akt AND handlaggare IS NOT NULL)), "
	"'') END, "
	"CASE WHEN e.ins THEN coalesce(i.handlaggare_email, '') ELSE "
	"coalesce((SELECT group_concat(m, ' ') FROM (SELECT DISTINCT "
	"handlaggare_email AS m FROM insats WHERE akt_id = e.akt AND "
	"handlaggare_email IS NOT NULL)), '') END, a.protected "
	"FROM ev e JOIN akt a ON a.id = e.akt JOIN person p ON p.id = "
	"a.person_id JOIN unit u ON u.id = a.unit_id LEFT JOIN insats i ON "
	"i.id = e.ins WHERE a.unit_id IN seen AND NOT EXISTS (SELECT 1 FROM "
	"notice_sent n WHERE n.akt_id = e.akt AND n.insats_id = e.ins AND "
	"n.kind = e.kind) ORDER BY e.event, e.akt, e.ins, e.kind";

/* One notice, as the query gives it. */
struct notice {
	long long akt, ins;
	const char *kind, *event, *ikind, *decided, *reason, *person, *unit,
		*hl, *mail;
	int protected;
};

/* The Swedish message (the handläggare's), subject and body. */
static void
compose(struct sd_ctx *ctx, const struct notice *n, struct sd_buf *subj,
	struct sd_buf *body)
{
	/* The person, and the akt once: "Skyddad identitet (akt N)" names
	 * it already. */
	char masked[64], akt[40] = "";
	const char *who = n->person;

	if (n->protected) {
		snprintf(masked, sizeof masked, "Skyddad identitet (akt %lld)",
			 n->akt);
		who = masked;
	} else
		snprintf(akt, sizeof akt, " (akt %lld)", n->akt);
	if (strcmp(n->kind, "forsta-gp") == 0) {
		sd_buf_printf(subj, "Genomförandeplan upprättad: %s%s", who,
			      akt);
		sd_buf_printf(body,
			      "Den första genomförandeplanen för %s vid %s är "
			      "upprättad och signerad av den enskilde eller "
			      "företrädaren, planeringsdatum %s.\n",
			      who, n->unit, n->event);
	} else if (strcmp(n->kind, "insats-start") == 0) {
		sd_buf_printf(subj, "Insats påbörjad: %s för %s%s", n->ikind,
			      who, akt);
		sd_buf_printf(body,
			      "Insatsen %s (insats %lld) för %s, beslutad %s, "
			      "är verkställd: den påbörjades %s vid %s.\n",
			      n->ikind, n->ins, who, n->decided, n->event,
			      n->unit);
	} else {
		sd_buf_printf(subj, "Insats avslutad: %s för %s%s", n->ikind,
			      who, akt);
		sd_buf_printf(body,
			      "Insatsen %s (insats %lld) för %s, beslutad %s, "
			      "avslutades %s vid %s",
			      n->ikind, n->ins, who, n->decided, n->event,
			      n->unit);
		if (*n->reason)
			sd_buf_printf(body, " (%s)", n->reason);
		sd_buf_puts(body, ".\n");
	}
	sd_buf_printf(body, "\n%s\n%s, %s\n", ctx->me.name, ctx->me.title,
		      n->unit);
}

/* The sender: the user (the handläggare answers them), else
 * SOCDOK_MAIL_FROM, else socdok@ the host. */
static int
sender(struct sd_ctx *ctx, char *from, size_t n, char *name, size_t nn)
{
	char id[32];

	snprintf(id, sizeof id, "%lld", ctx->me.id);
	snprintf(name, nn, "%s", ctx->me.name);
	if (sd_query_text(ctx, from, n,
			  "SELECT email FROM staff WHERE id = ? AND email IS "
			  "NOT NULL",
			  id, SD_END) == 0 &&
	    sd_mail_addr_ok(from))
		return 0;
	sd_err_clear(ctx);
	return sd_mail_sender(ctx, secure_getenv("SOCDOK_MAIL_FROM"), name, nn,
			      from, n);
}

/* Mail one notice to each of its addresses and record it. */
static int
mail_one(struct sd_ctx *ctx, const struct sd_notice_opts *o,
	 const struct notice *n, const char *from, const char *from_name,
	 FILE *f)
{
	struct sd_buf subj, body;
	char *addrs = sd_strdup(n->mail), *save = NULL, what[160], ins[32],
	     akt[32], me[32];
	int rc = 0;

	sd_buf_init(&subj);
	sd_buf_init(&body);
	compose(ctx, n, &subj, &body);
	for (char *a = strtok_r(addrs, " ", &save); a && !rc;
	     a = strtok_r(NULL, " ", &save)) {
		struct sd_mail m = {.from = from,
				    .from_name = from_name,
				    .to = a,
				    .to_name = n->ins ? n->hl : NULL,
				    .subject = subj.s,
				    .body = body.s};
		if (sd_mail_write(f, &m))
			rc = sd_fail(ctx, EX_IOERR, _("write error"));
	}
	free(addrs);
	sd_buf_free(&subj);
	sd_buf_free(&body);
	if (rc || o->dry_run)
		return rc;
	snprintf(akt, sizeof akt, "%lld", n->akt);
	snprintf(ins, sizeof ins, "%lld", n->ins);
	snprintf(me, sizeof me, "%lld", ctx->me.id);
	if ((rc = sd_exec(ctx,
			  "INSERT INTO notice_sent(akt_id, insats_id, kind, "
			  "event, sent_at, sent_by) VALUES (CAST(? AS "
			  "INTEGER), CAST(? AS INTEGER), ?, ?, ?, CAST(? AS "
			  "INTEGER))",
			  akt, ins, n->kind, n->event, sd_clock(ctx), me,
			  SD_END)))
		return rc;
	snprintf(what, sizeof what, "told the handläggare: %s%s%s", n->kind,
		 n->ins ? " of insats " : "", n->ins ? ins : "");
	return sd_log_access(ctx, n->akt, what);
}

int
sd_notice_run(struct sd_ctx *ctx, const struct sd_notice_opts *o, FILE *f,
	      struct sd_buf *warn)
{
	static const char *const cols[] = {
		N_("akt"),    N_("insats"), N_("notice"),      N_("event"),
		N_("person"), N_("unit"),   N_("handlaggare"), N_("email")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0,
				    0,
				    0};
	char unit[256], from[320] = "", from_name[256] = "";
	long long uid;
	sqlite3_stmt *st;
	struct sd_table *t = NULL;
	int rc = 0, step, lost = 0;

	if (o->unit &&
	    (rc = sd_unit_filter(ctx, o->unit, &uid, unit, sizeof unit)))
		return rc;
	if (o->mail &&
	    (rc = sender(ctx, from, sizeof from, from_name, sizeof from_name)))
		return rc;
	if (!(st = sd_prepare(ctx, notice_sql)))
		return ctx->err.code;
	sd_actor_bind(ctx, st, 1);
	sd_bind_text(st, 3, o->unit ? unit : NULL);
	if (!o->mail)
		t = sd_table_new(8, cols, flags);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct notice n = {
			.akt = sqlite3_column_int64(st, 0),
			.ins = sqlite3_column_int64(st, 1),
			.kind = sd_col(st, 2),
			.event = sd_col(st, 3),
			.ikind = sd_col(st, 4),
			.decided = sd_col(st, 5),
			.reason = sd_col(st, 6),
			.person = sd_col(st, 7),
			.unit = sd_col(st, 8),
			.hl = sd_col(st, 9),
			.mail = sd_col(st, 10),
			.protected = sqlite3_column_int(st, 11),
		};
		char akt[24], ins[24];
		snprintf(akt, sizeof akt, "%lld", n.akt);
		snprintf(ins, sizeof ins, "%lld", n.ins);
		if (t) {
			const char *v[] = {akt,
					   n.ins ? ins : NULL,
					   n.kind,
					   n.event,
					   n.person,
					   n.unit,
					   *n.hl ? n.hl : NULL,
					   *n.mail ? n.mail : NULL};
			sd_table_add(t, v);
			continue;
		}
		if (!*n.mail) {
			if (n.ins)
				sd_buf_printf(
					warn,
					_("%s of insats %lld (akt %lld): the "
					  "handläggare has no mail address; "
					  "record it with insats-correct %lld "
					  "--handlaggare-email ADDRESS -m "
					  "WHY\n"),
					n.kind, n.ins, n.akt, n.ins);
			else
				sd_buf_printf(warn,
					      _("%s of akt %lld: no insats of "
						"the akt names a handläggare "
						"with a mail address\n"),
					      n.kind, n.akt);
			lost++;
			continue;
		}
		if ((rc = mail_one(ctx, o, &n, from, from_name, f)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sd_fail_db(ctx, _("cannot read the notices"));
	sd_finalize(st);
	if (rc) {
		sd_table_free(t);
		return rc;
	}
	if (t) {
		rc = sd_table_rows(t) || o->fmt != SD_FMT_TEXT
			     ? sd_table_print(ctx, t, f, o->fmt)
			     : 0;
		sd_table_free(t);
		return rc;
	}
	return lost ? sd_fail(ctx, EX_UNAVAILABLE,
			      _("not every notice could be mailed (said "
				"above); they stay listed until they are"))
		    : 0;
}
