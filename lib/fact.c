/*
 * fact.c - interruptions and archive hand-overs (fact.h).
 */
#include <string.h>

#include "akt.h"
#include "fact.h"
#include "journal.h"

static int
add_fact(struct sd_ctx *ctx, long long akt, long long insats,
	 const char *kind, const char *date, const char *reason,
	 long long note)
{
	sqlite3_stmt *st;
	char now[21];
	int rc;

	if (!(st = sd_prepare(ctx, "INSERT INTO fact(akt_id, insats_id, kind, "
				   "fdate, reason, note_id, recorded_at, "
				   "recorded_by) VALUES (?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if (insats)
		sqlite3_bind_int64(st, 2, insats);
	sd_bind_text(st, 3, kind);
	sd_bind_text(st, 4, date);
	sd_bind_text(st, 5, reason);
	if (note)
		sqlite3_bind_int64(st, 6, note);
	sd_bind_text(st, 7, sd_now(now));
	sqlite3_bind_int64(st, 8, ctx->me.id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0
					      : sd_fail_db(ctx, "cannot record");
	sqlite3_finalize(st);
	return rc;
}

/* The insats's akt (checked), its kind and dates, and whether an
 * interruption is open (its start date into open, "" for none). */
static int
load(struct sd_ctx *ctx, long long id, const char *date, struct sd_akt *a,
     char kind[64], char start[11], char end[11], char open[11])
{
	char ins[32], row[200];
	int rc, day;

	if ((rc = sd_insats_akt(ctx, id, a)))
		return rc;
	if (ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       "an arkivarie may read akt %lld but not change it",
			       a->id);
	if ((rc = sd_akt_check_open(ctx, a)) ||
	    (rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "%s is in the future (today is %s); record it "
			       "when it has happened",
			       date, ctx->today_s);
	snprintf(ins, sizeof ins, "%lld", id);
	if ((rc = sd_query_text(ctx, row, sizeof row,
				"SELECT kind || '|' || coalesce(started, '') || "
				"'|' || coalesce(ended, '') FROM insats WHERE "
				"id = ?",
				ins, SD_END)))
		return rc == 1 ? sd_fail(ctx, EX_NOINPUT, "no insats %lld", id)
			       : rc;
	char *p1 = strchr(row, '|'), *p2 = p1 ? strchr(p1 + 1, '|') : NULL;
	if (!p1 || !p2)
		return sd_fail(ctx, EX_SOFTWARE, "bad insats row");
	*p1 = *p2 = '\0';
	if (snprintf(kind, 64, "%s", row) >= 64)
		return sd_fail(ctx, EX_SOFTWARE,
			       "insats %lld: kind '%s' is longer than 63 bytes",
			       id, row);
	snprintf(start, 11, "%s", p1 + 1);
	snprintf(end, 11, "%s", p2 + 1);
	rc = sd_query_text(ctx, open, 11,
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
	struct sd_note_in n = {0};
	struct sd_buf body;
	char kind[64], start[11], end[11], open[11], what[80];
	long long note;
	int rc;

	date = date ? date : ctx->today_s;
	if ((rc = load(ctx, id, date, &a, kind, start, end, open)))
		return rc;
	if (!start[0] || end[0])
		return sd_fail(ctx, EX_DATAERR,
			       "insats %lld is not running; only a started, "
			       "not ended insats can be interrupted",
			       id);
	if (open[0])
		return sd_fail(ctx, EX_DATAERR,
			       "insats %lld is already interrupted since %s; "
			       "record its resumption with --resumed first",
			       id, open);
	if (strcmp(date, start) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "interruption %s is before the start (%s)", date,
			       start);
	if (!reason || !*reason || !sd_utf8_valid(reason, strlen(reason)))
		return sd_fail(ctx, EX_USAGE,
			       "say why the insats is interrupted with -m "
			       "REASON (UTF-8); IVO asks for it");
	sd_buf_init(&body);
	sd_buf_printf(&body,
		      "Verkställigheten av insatsen %s (insats %lld) avbröts "
		      "%s. Skäl: %s",
		      kind, id, date, reason);
	n.akt = a.id;
	n.event_date = date;
	n.category = "ej-verkställt";
	n.body = body.s;
	rc = sd_journal_append(ctx, &n, &note, NULL);
	sd_buf_free(&body);
	if (rc || (rc = add_fact(ctx, a.id, id, "avbrott", date, reason, note)))
		return rc;
	snprintf(what, sizeof what, "interrupted insats %lld from %s", id, date);
	return sd_log_access(ctx, a.id, what);
}

int
sd_insats_resume(struct sd_ctx *ctx, long long id, const char *date)
{
	struct sd_akt a;
	struct sd_note_in n = {0};
	char kind[64], start[11], end[11], open[11], what[80], body[256];
	long long note;
	int rc;

	date = date ? date : ctx->today_s;
	if ((rc = load(ctx, id, date, &a, kind, start, end, open)))
		return rc;
	if (!open[0])
		return sd_fail(ctx, EX_DATAERR,
			       "insats %lld is not interrupted; nothing to resume",
			       id);
	if (strcmp(date, open) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "resumption %s is before the interruption (%s)",
			       date, open);
	snprintf(body, sizeof body,
		 "Verkställigheten av insatsen %s (insats %lld) återupptogs "
		 "%s efter avbrott sedan %s.",
		 kind, id, date, open);
	n.akt = a.id;
	n.event_date = date;
	n.category = "påbörjad-insats";
	n.body = body;
	if ((rc = sd_journal_append(ctx, &n, &note, NULL)) ||
	    (rc = add_fact(ctx, a.id, id, "avbrott-slut", date, NULL, note)))
		return rc;
	snprintf(what, sizeof what, "resumed insats %lld on %s", id, date);
	return sd_log_access(ctx, a.id, what);
}

int
sd_akt_handover(struct sd_ctx *ctx, const char *ref, const char *date,
		long long *akt)
{
	struct sd_akt a;
	char id[32], have[11], what[80];
	int rc, day;

	date = date ? date : ctx->today_s;
	if ((rc = sd_date_opt(ctx, "--date", date, &day)) ||
	    (rc = sd_akt_find(ctx, ref, &a)))
		return rc;
	*akt = a.id;
	if (ctx->me.role != SD_ROLE_ENHETSCHEF &&
	    ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       "only an enhetschef, arkivarie or administrator "
			       "hands akter to the archive");
	if (!a.closed[0])
		return sd_fail(ctx, EX_DATAERR,
			       "akt %lld is open; close it first (akt-close)",
			       a.id);
	if (strcmp(date, a.closed) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "hand-over %s is before akt %lld was closed (%s)",
			       date, a.id, a.closed);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "%s is in the future (today is %s)", date,
			       ctx->today_s);
	snprintf(id, sizeof id, "%lld", a.id);
	rc = sd_query_text(ctx, have, sizeof have,
			   "SELECT fdate FROM fact WHERE akt_id = ? AND kind = "
			   "'arkiv-overlamning'",
			   id, SD_END);
	if (rc == 0)
		return sd_fail(ctx, EX_DATAERR,
			       "akt %lld was already handed over on %s", a.id,
			       have);
	if (rc != 1)
		return rc;
	if ((rc = add_fact(ctx, a.id, 0, "arkiv-overlamning", date, NULL, 0)))
		return rc;
	snprintf(what, sizeof what, "handed akt to the archive on %s", date);
	return sd_log_access(ctx, a.id, what);
}
