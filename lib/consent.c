/*
 * consent.c - the person's consents (samtycken): akt-consent, its
 * withdrawal, and how akt-show and the export show them.
 *
 * Seeds 002 and 004: a consent that relatives may be informed or read
 * the documentation, that a contact book may be used, and others, must
 * be documented.  A consent is a fact of the akt (akt_fact, kind
 * akt-consent: to whom, about what, from, until, how); its withdrawal a
 * fact of kind consent-withdraw pointing at it (ref_id).  Nothing is
 * erased: a withdrawn consent stays, shown as withdrawn.  Both are in
 * the akt's chain and the access log.  Who may write in the akt's
 * journal may record them: the unit's staff (not an arkivarie), on an
 * open akt.
 */
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "consent.h"
#include "export-int.h"
#include "fact.h"
#include "i18n.h"

/* -m: a non-blank UTF-8 text. */
static int
check_text(struct sd_ctx *ctx, const char *s, const char *what)
{
	if (!s || sd_blank(s) || !sd_utf8_valid(s, strlen(s)))
		return sd_fail(ctx, EX_USAGE, "%s", what);
	return 0;
}

/* The akt as journal-add takes it: visible, writable, open. */
static int
check_akt(struct sd_ctx *ctx, struct sd_akt *a)
{
	int rc;

	if ((rc = sd_akt_check_write(ctx, a)) ||
	    (rc = sd_akt_check_open(ctx, a)))
		return rc;
	return 0;
}

int
sd_consent_add(struct sd_ctx *ctx, const struct sd_consent_in *in,
	       long long *akt, long long *id)
{
	struct sd_akt a;
	char what[64];
	int rc, from, until;

	if (!in->to || !in->about || !in->from)
		return sd_fail(ctx, EX_USAGE,
			       _("say to whom, about what and from when: "
				 "--to WHOM --about WHAT --from DATE"));
	if ((rc = check_text(ctx, in->how,
			     _("say how the consent was given with -m HOW "
			       "(UTF-8), e.g. \"muntligt vid "
			       "genomförandeplansmötet\""))))
		return rc;
	if ((rc = sd_utf8_check_line(ctx, "--to", in->to)) ||
	    (rc = sd_utf8_check_line(ctx, "--about", in->about)) ||
	    (rc = sd_date_opt(ctx, "--from", in->from, &from)))
		return rc;
	if (in->until) {
		if ((rc = sd_date_opt(ctx, "--until", in->until, &until)))
			return rc;
		if (until < from)
			return sd_fail(ctx, EX_DATAERR,
				       _("--until %s is before --from %s; "
					 "give the last day the consent "
					 "holds"),
				       in->until, in->from);
	}
	if ((rc = sd_akt_find(ctx, in->ref, &a)) || (rc = check_akt(ctx, &a)))
		return rc;
	*akt = a.id;
	struct sd_akt_fact f = {.akt = a.id,
				.kind = "akt-consent",
				.date = in->from,
				.consent_to = in->to,
				.consent_about = in->about,
				.consent_until = in->until,
				.text = in->how};
	if ((rc = sd_fact_akt_add(ctx, &f, id)))
		return rc;
	snprintf(what, sizeof what, "recorded consent %lld", *id);
	return sd_log_access(ctx, a.id, what);
}

int
sd_consent_withdraw(struct sd_ctx *ctx, long long id, const char *date,
		    const char *why, long long *akt)
{
	sqlite3_stmt *st;
	struct sd_akt a;
	char what[64], from[SD_DATE_SIZE] = "";
	long long aid = 0, wid, done = 0;
	int rc, day;

	date = date ? date : ctx->today_s;
	if ((rc = check_text(ctx, why,
			     _("say why the consent is withdrawn with -m "
			       "WHY (UTF-8)"))) ||
	    (rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (!(st = sd_prepare(ctx, "SELECT akt_id, fdate, (SELECT w.fdate "
				   "FROM akt_fact w WHERE w.kind = "
				   "'consent-withdraw' AND w.ref_id = c.id) "
				   "FROM akt_fact c WHERE c.id = ? AND "
				   "c.kind = 'akt-consent'")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		aid = sqlite3_column_int64(st, 0);
		snprintf(from, sizeof from, "%s", sd_col(st, 1));
		done = sqlite3_column_type(st, 2) != SQLITE_NULL;
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the consent"));
	if (!aid)
		return sd_fail(ctx, EX_NOINPUT,
			       _("no consent %lld; akt-show AKT lists the "
				 "consents of an akt"),
			       id);
	if ((rc = sd_akt_load(ctx, aid, &a)) || (rc = check_akt(ctx, &a)))
		return rc;
	*akt = a.id;
	if (done)
		return sd_fail(ctx, EX_DATAERR,
			       _("consent %lld is already withdrawn; record a "
				 "new consent with akt-consent if it is given "
				 "again"),
			       id);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is in the future (today is %s)"),
			       date, ctx->today_s);
	struct sd_akt_fact f = {.akt = a.id,
				.kind = "consent-withdraw",
				.date = date,
				.text = why,
				.ref = id};
	if ((rc = sd_fact_akt_add(ctx, &f, &wid)))
		return rc;
	snprintf(what, sizeof what, "withdrew consent %lld", id);
	return sd_log_access(ctx, a.id, what);
}

/* The consents with their withdrawal, oldest first. */
#define CONSENT_SELECT                                                         \
	"SELECT c.id, c.consent_to, c.consent_about, c.fdate, "                \
	"c.consent_until, c.text, c.recorded_at, s.login, w.fdate, "           \
	"ws.login, w.text, s.name, s.title, w.recorded_at, ws.name, "          \
	"ws.title FROM akt_fact c JOIN staff s ON s.id = c.recorded_by "       \
	"LEFT JOIN akt_fact w ON w.kind = 'consent-withdraw' AND w.ref_id = "  \
	"c.id LEFT JOIN staff ws ON ws.id = w.recorded_by WHERE c.akt_id = ? " \
	"AND c.kind = 'akt-consent' ORDER BY c.fdate, c.id"

int
sd_consent_table(struct sd_ctx *ctx, long long akt, struct sd_table **out)
{
	static const char *cols[] = {
		N_("consent"),      N_("to"),           N_("about"),
		N_("from"),         N_("until"),        N_("how"),
		N_("recorded"),     N_("by"),           N_("withdrawn"),
		N_("withdrawn by"), N_("why withdrawn")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0,
				    0,
				    SD_COL_TIME,
				    0,
				    0,
				    0,
				    0};
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (!(st = sd_prepare(ctx, CONSENT_SELECT)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!*out)
			*out = sd_table_new(11, cols, flags);
		sd_table_add_stmt(*out, st);
	}
	sd_finalize(st);
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the consents"));
}

/* "Name (title)" of who recorded, at local time. */
static void
md_recorded(struct sd_buf *b, const char *at, const char *name,
	    const char *title)
{
	char t[SD_LOCAL_SIZE];

	sd_buf_printf(b, "registrerat %s av **", sd_time_local(at, t));
	sd_export_md_inline(b, name);
	sd_buf_puts(b, "**");
	sd_export_md_paren(b, title);
}

int
sd_consent_markdown(struct sd_ctx *ctx, long long akt, char **out)
{
	sqlite3_stmt *st;
	struct sd_buf b;
	int rc;

	*out = NULL;
	if (!(st = sd_prepare(ctx, CONSENT_SELECT)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	sd_buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_puts(&b, "- **Till ");
		sd_export_md_inline(&b, sd_col(st, 1));
		sd_buf_puts(&b, "**: ");
		sd_export_md_inline(&b, sd_col(st, 2));
		sd_buf_printf(&b, ", från %s", sd_col(st, 3));
		if (*sd_col(st, 4))
			sd_buf_printf(&b, " till och med %s", sd_col(st, 4));
		else
			sd_buf_puts(&b, " tills vidare");
		sd_buf_puts(&b, ". Hur: ");
		sd_export_md_inline(&b, sd_col(st, 5));
		sd_buf_puts(&b, "\\\n  Samtycke ");
		sd_buf_printf(&b, "%lld, ", sqlite3_column_int64(st, 0));
		md_recorded(&b, sd_col(st, 6), sd_col(st, 11), sd_col(st, 12));
		if (*sd_col(st, 8)) {
			sd_buf_printf(
				&b, "\\\n  **Återkallat %s**: ", sd_col(st, 8));
			sd_export_md_inline(&b, sd_col(st, 10));
			sd_buf_puts(&b, "; ");
			md_recorded(&b, sd_col(st, 13), sd_col(st, 14),
				    sd_col(st, 15));
		}
		sd_buf_puts(&b, "\n");
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		sd_buf_free(&b);
		return sd_fail_db(ctx, _("cannot read the consents"));
	}
	if (b.len)
		*out = b.s;
	else
		sd_buf_free(&b);
	return 0;
}
