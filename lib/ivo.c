/*
 * ivo.c - decisions not carried out, per quarter (ivo.h).
 *
 * One definition of "not carried out in time", shared with followup-due:
 * the deadline is the rule for beslut not carried out (base beslut, done
 * verkstallighet: ej-verkstallt, or ej-verkstallt-enskild for a private
 * provider) applied to the beslut date by sd_due(), the function
 * followup-due uses; the rule counts calendar months and is never moved
 * to a working day (rules.tsv's workday 0: lag 1930:173 moves the time
 * for a party's act, not the time a decision waited).  A beslut started
 * on its deadline is in time; one not started by the end of that day is
 * reported when the quarter ends after it, each quarter until it is
 * carried out, and once more in the quarter it was carried out.  An
 * interruption (fact 'avbrott') is reported only when the verkställighet
 * has not resumed (fact 'avbrott-slut') by the same deadline counted from
 * the interruption, then the same way.  A case whose akt was closed (or,
 * for an interruption, whose insats ended) before the quarter began is no
 * longer reported.  Kinds flagged [ivo-undantag] in share/insatser.txt
 * (bostad med särskild service, seed 003) are left out.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "holiday.h"
#include "ivo.h"

static const char ivo_sql[] =
	"WITH q AS (SELECT ?1 AS qs, ?2 AS qe), "
	"seen AS (SELECT id FROM unit WHERE ?3 OR id IN (SELECT unit_id FROM "
	"  staff_unit WHERE staff_id = ?4)), "
	"c AS ("
	" SELECT 'ej-verkstallt' AS kase, i.akt_id, i.id AS insats, i.kind, "
	"  i.decided, i.decided AS since, "
	"  CASE WHEN i.started <= q.qe THEN i.started END AS done, "
	"  (SELECT n.body FROM note n WHERE n.akt_id = i.akt_id AND n.category "
	"= "
	"  'ej-verkställt' AND n.event_date <= q.qe AND NOT EXISTS (SELECT 1 "
	"  FROM fact x WHERE x.note_id = n.id) ORDER BY n.event_date DESC, "
	"  n.seq DESC LIMIT 1) AS reason "
	"  FROM insats i JOIN akt a ON a.id = i.akt_id, q "
	"  WHERE a.unit_id IN seen AND i.decided <= q.qe "
	"  AND (a.closed IS NULL OR a.closed >= q.qs) "
	"  AND sd_due(i.decided, ?5, ?6, ?7) <= q.qe "
	"  AND (i.started IS NULL OR i.started > q.qe OR (i.started >= q.qs "
	"  AND i.started > sd_due(i.decided, ?5, ?6, ?7))) "
	" UNION ALL "
	" SELECT 'avbrott', i.akt_id, i.id, i.kind, i.decided, f.fdate, "
	"  (SELECT min(e.fdate) FROM fact e WHERE e.insats_id = i.id AND "
	"  e.kind = 'avbrott-slut' AND e.fdate >= f.fdate AND e.fdate <= "
	"q.qe), "
	"  f.reason "
	"  FROM fact f JOIN insats i ON i.id = f.insats_id JOIN akt a ON "
	"  a.id = i.akt_id, q WHERE f.kind = 'avbrott' AND a.unit_id IN seen "
	"  AND sd_due(f.fdate, ?5, ?6, ?7) <= q.qe "
	"  AND NOT EXISTS (SELECT 1 FROM fact e WHERE e.insats_id = i.id AND "
	"  e.kind = 'avbrott-slut' AND e.fdate >= f.fdate AND "
	"  e.fdate <= sd_due(f.fdate, ?5, ?6, ?7)) "
	"  AND (a.closed IS NULL OR a.closed >= q.qs) "
	"  AND (i.ended IS NULL OR (i.ended >= q.qs AND "
	"  i.ended > sd_due(f.fdate, ?5, ?6, ?7)))) "
	"SELECT p.pnr, p.name, a.regime, CASE a.regime WHEN 'LSS' THEN "
	" 'LSS 28 f §' ELSE 'SoL 16 kap 6 f §' END, c.kase, c.insats, c.kind, "
	" c.decided, c.since, CAST(julianday(coalesce(c.done, q.qe)) - "
	" julianday(c.since) AS INTEGER), c.reason, c.done "
	"FROM c JOIN akt a ON a.id = c.akt_id JOIN person p ON "
	" p.id = a.person_id, q "
	"WHERE c.kase = 'ej-verkstallt' OR c.done IS NULL OR c.done >= q.qs "
	"ORDER BY p.name COLLATE sv, p.pnr, c.decided, c.insats, c.since";

/*
 * The rule for beslut not carried out that applies to this database's
 * provider: its amount, unit and workday.
 */
static int
ivo_rule(struct sd_ctx *ctx, int *amount, char *unit, size_t un, int *wd)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT amount, unit, workday FROM rule WHERE "
			      "base = 'beslut' AND done = 'verkstallighet' AND "
			      "(applies = '*' OR applies = (SELECT value FROM "
			      "setting WHERE key = 'provider')) ORDER BY "
			      "applies = '*', id LIMIT 1")))
		return ctx->err.code;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*amount = sqlite3_column_int(st, 0);
		snprintf(unit, un, "%s", sqlite3_column_text(st, 1));
		*wd = sqlite3_column_int(st, 2);
	}
	sd_finalize(st);
	if (rc == SQLITE_DONE)
		return sd_fail(
			ctx, EX_CONFIG,
			_("no rule for beslut not carried out (base "
			  "beslut, done verkstallighet) in the rules in "
			  "force; load share/rules.tsv with rules-load"));
	if (rc != SQLITE_ROW)
		return sd_fail_db(ctx, "cannot read the ej-verkstallt rule");
	return 0;
}

static int
secret(struct sd_ctx *ctx, char *hex, size_t n)
{
	unsigned char raw[32];

	if (sd_setting_get(ctx, "pseudonym_secret", hex, n) == 0)
		return 0;
	if (RAND_bytes(raw, sizeof raw) != 1)
		return sd_fail(ctx, EX_SOFTWARE,
			       "no random bytes for the "
			       "pseudonym secret");
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	return sd_setting_set(ctx, "pseudonym_secret", hex);
}

static void
pseudonym(const char *key, const char *pnr, char out[17])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)pnr,
	     strlen(pnr), md, &len);
	for (int i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int
sd_ivo_report(struct sd_ctx *ctx, const char *quarter, int pseudo,
	      struct sd_table **out)
{
	static const char *const cols[] = {
		N_("person"), N_("name"),   N_("regime"), N_("law"),
		N_("case"),   N_("insats"), N_("kind"),   N_("beslut"),
		N_("since"),  N_("days"),   N_("reason"), N_("carried_out")};
	static const int flags[] = {0, 0,
				    0, 0,
				    0, SD_COL_NUM | SD_COL_RIGHT,
				    0, 0,
				    0, SD_COL_NUM | SD_COL_RIGHT,
				    0, 0};
	char key[80], qs[SD_DATE_SIZE], qe[SD_DATE_SIZE], what[64], unit[16];
	int y, qn, rc, amount = 3, wd = 0;
	char **exempt;
	sqlite3_stmt *st;

	if (!quarter || strlen(quarter) != 6 || quarter[4] != 'Q' ||
	    sscanf(quarter, "%4dQ%1d", &y, &qn) != 2 || y < 1900 || qn < 1 ||
	    qn > 4)
		return sd_fail(ctx, EX_USAGE,
			       "bad quarter '%s'; write it as YYYYQn, e.g. "
			       "2026Q1",
			       quarter ? quarter : "");
	sd_date_fmt(sd_days_from_civil(y, 3 * qn - 2, 1), qs);
	sd_date_fmt(
		sd_date_add_months(sd_days_from_civil(y, 3 * qn - 2, 1), 3) - 1,
		qe);
	if ((pseudo && (rc = secret(ctx, key, sizeof key))) ||
	    (rc = ivo_rule(ctx, &amount, unit, sizeof unit, &wd)) ||
	    (rc = sd_holiday_register(ctx)))
		return rc;
	if (!(exempt = sd_kinds_load(ctx, "ivo-undantag")))
		return ctx->err.code;
	if (!(st = sd_prepare(ctx, ivo_sql))) {
		sd_list_free(exempt);
		return ctx->err.code;
	}
	sd_bind_text(st, 1, qs);
	sd_bind_text(st, 2, qe);
	sqlite3_bind_int(st, 3,
			 ctx->me.role == SD_ROLE_ADMIN ||
				 ctx->me.role == SD_ROLE_ARKIVARIE);
	sqlite3_bind_int64(st, 4, ctx->me.id);
	sqlite3_bind_int(st, 5, amount);
	sd_bind_text(st, 6, unit);
	sqlite3_bind_int(st, 7, wd);
	*out = sd_table_new(pseudo ? 12 : 12, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[12];
		char pn[17], disp[14];
		for (int i = 0; i < 12; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		if (v[6] && sd_list_has(exempt, v[6]))
			continue;
		if (pseudo) {
			pseudonym(key, v[0], pn);
			v[0] = pn;
			v[1] = NULL;
		} else {
			v[0] = sd_pnr_display(v[0], disp);
		}
		sd_table_add(*out, v);
	}
	sd_finalize(st);
	sd_list_free(exempt);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot compute the IVO report");
	snprintf(what, sizeof what, "IVO report %s: %d rows", quarter,
		 sd_table_rows(*out));
	return sd_log_access(ctx, 0, what);
}
