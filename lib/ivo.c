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
 * carried out or ended without being carried out (insats-cancel: the
 * beslut withdrawn, the person declined, died or moved), and once more in
 * the quarter it was, with the date (and for an ending, the reason).  An
 * interruption (fact 'avbrott') is reported only when the verkställighet
 * has not resumed (fact 'avbrott-slut') by the same deadline counted from
 * the interruption, then the same way.  A case whose akt was closed (or,
 * for an interruption, whose insats ended) before the quarter began is no
 * longer reported.  Kinds flagged [ivo-undantag] in share/insatser.txt
 * (bostad med särskild service, seed 003) are left out.  The dates of
 * offers and of the person declining are those of the akt's journal
 * notes of sökord erbjudande and erbjudande-avböjt while the case waited.
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "holiday.h"
#include "ivo.h"
#include "lagrum.h"
#include "unit.h"

/* The dates of the akt's notes of one sökord while the case waited. */
#define NOTE_DATES(cat)                                                        \
	"(SELECT group_concat(d, ' ') FROM (SELECT DISTINCT n.event_date "     \
	"AS d FROM note n WHERE n.akt_id = c.akt_id AND n.category IN " cat    \
	" AND n.event_date >= c.since AND n.event_date <= "                    \
	"coalesce(c.done, c.ended, q.qe) ORDER BY d))"

/* (kept as written: the formatter cuts the strings around the macros) */
/* clang-format off */
static const char ivo_sql[] =
	"WITH q AS (SELECT ?1 AS qs, ?2 AS qe), "
	"seen AS (SELECT id FROM unit WHERE (?3 OR id IN (SELECT unit_id FROM "
	"  staff_unit WHERE staff_id = ?4)) AND (?8 = 0 OR id = ?8)), "
	"c AS ("
	" SELECT 'ej-verkstallt' AS kase, i.akt_id, i.id AS insats, i.kind, "
	"  i.decided, i.decided AS since, "
	"  CASE WHEN i.started <= q.qe THEN i.started END AS done, "
	"  CASE WHEN i.cancelled <= q.qe THEN i.cancelled END AS ended, "
	"  CASE WHEN i.cancelled <= q.qe THEN i.cancel_reason || "
	"  coalesce(': ' || (SELECT x.text FROM akt_fact x WHERE x.insats_id "
	"  = i.id AND x.kind = 'insats-cancel' ORDER BY x.id DESC LIMIT 1), "
	"  '') END AS why, "
	"  (SELECT n.body FROM note n WHERE n.akt_id = i.akt_id AND n.category "
	"= "
	"  'ej-verkställt' AND n.event_date <= q.qe AND NOT EXISTS (SELECT 1 "
	"  FROM fact x WHERE x.note_id = n.id) ORDER BY n.event_date DESC, "
	"  n.seq DESC LIMIT 1) AS reason "
	"  FROM insats i JOIN akt a ON a.id = i.akt_id, q "
	"  WHERE a.unit_id IN seen AND i.decided <= q.qe "
	"  AND (a.closed IS NULL OR a.closed >= q.qs) "
	"  AND sd_due(i.decided, ?5, ?6, ?7) <= q.qe "
	"  AND (coalesce(i.started, i.cancelled) IS NULL OR "
	"  coalesce(i.started, i.cancelled) > q.qe OR "
	"  (coalesce(i.started, i.cancelled) >= q.qs AND "
	"  coalesce(i.started, i.cancelled) > sd_due(i.decided, ?5, ?6, ?7))) "
	" UNION ALL "
	" SELECT 'avbrott', i.akt_id, i.id, i.kind, i.decided, f.fdate, "
	"  (SELECT min(e.fdate) FROM fact e WHERE e.insats_id = i.id AND "
	"  e.kind = 'avbrott-slut' AND e.fdate >= f.fdate AND e.fdate <= "
	"q.qe), "
	"  CASE WHEN i.ended <= q.qe THEN i.ended END, "
	"  CASE WHEN i.ended <= q.qe THEN i.end_reason END, "
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
	"SELECT p.pnr, sd_person(a.protected, a.id, p.name), a.regime, c.kase, "
	"c.insats, c.kind, "
	" c.decided, c.since, CAST(julianday(coalesce(c.done, c.ended, q.qe)) "
	" - julianday(c.since) AS INTEGER), c.reason, c.done, c.ended, c.why, "
	NOTE_DATES("('erbjudande', 'erbjudande-avböjt')") ", "
	NOTE_DATES("('erbjudande-avböjt')") ", "
	"p.birth_day, coalesce(c.done, c.ended, q.qe), a.protected, a.id "
	"FROM c JOIN akt a ON a.id = c.akt_id JOIN person p ON p.id = "
	"a.person_id, q "
	"WHERE c.kase = 'ej-verkstallt' OR c.done IS NULL OR c.done >= q.qs "
	"ORDER BY p.name COLLATE sv, p.pnr, c.decided, c.insats, c.since";
/* clang-format on */

enum {
	C_PNR,
	C_NAME,
	C_REGIME,
	C_CASE,
	C_INSATS,
	C_KIND,
	C_DECIDED,
	C_SINCE,
	C_DAYS,
	C_REASON,
	C_DONE,
	C_ENDED,
	C_WHY,
	C_OFFERS,
	C_DECLINED,
	C_BIRTHDAY,
	C_UNTIL,
	C_PROTECTED, /* skyddade personuppgifter: no pnr shown */
	C_AKT,       /* the akt, for the access log */
	C_N
};

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
		return sd_fail_db(ctx, _("cannot read the ej-verkstallt rule"));
	return 0;
}

static int
secret(struct sd_ctx *ctx, char *hex, size_t n)
{
	unsigned char raw[32];

	if (sd_setting_get(ctx, "pseudonym_secret", hex, n) == 0)
		return 0;
	if (sd_random(raw, sizeof raw) != 0)
		return sd_fail(ctx, EX_SOFTWARE,
			       _("no random bytes for the "
				 "pseudonym secret"));
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	return sd_setting_set(ctx, "pseudonym_secret", hex);
}

/* A man has an odd second-last digit in his personnummer. */
static int
is_man(const char *pnr)
{
	return strlen(pnr) == 12 && (pnr[10] - '0') % 2 == 1;
}

/*
 * The person as IVO's form asks: the birth date ÅÅÅÅMMDD (the real day
 * of a samordningsnummer, 00 when unknown) and "-T" with three digits,
 * the last even for a woman and odd for a man; the digits come from an
 * HMAC of the personnummer, so a person keeps the number every quarter
 * and the personnummer is not given away.
 */
static void
ivo_person(const char *key, const char *pnr, int birth_day, char born[16],
	   char id[32])
{
	unsigned char md[32];

	sd_hmac_sha256(key, strlen(key), pnr, strlen(pnr), md);
	snprintf(born, 16, "%.6s%02u", pnr, (unsigned)birth_day % 100u);
	snprintf(id, 32, "%s-T%d%d%d", born, md[0] % 10, md[1] % 10,
		 (md[2] % 5) * 2 + is_man(pnr));
}

/* Months waited, as the statistics count them. */
static const char *
waited(const char *since, const char *until)
{
	int s, u;

	if (sd_date_parse(since, &s) || sd_date_parse(until, &u))
		return "";
	if (u <= sd_date_add_months(s, 6))
		return "3-6";
	if (u <= sd_date_add_months(s, 12))
		return "6-12";
	return ">12";
}

struct stat_row {
	char *regime, *kase, *kind;
	const char *waited;
	int women, men;
};

static int
stat_cmp(const void *a, const void *b)
{
	const struct stat_row *x = a, *y = b;
	int c;
	static const char *const order[] = {"3-6", "6-12", ">12"};
	int ix = 0, iy = 0;

	if ((c = strcmp(x->regime, y->regime)) ||
	    (c = strcmp(x->kase, y->kase)) ||
	    (c = sd_collate_sv(x->kind, (int)strlen(x->kind), y->kind,
			       (int)strlen(y->kind))))
		return c;
	for (int i = 0; i < 3; i++) {
		if (!strcmp(x->waited, order[i]))
			ix = i;
		if (!strcmp(y->waited, order[i]))
			iy = i;
	}
	return ix - iy;
}

static void
stat_add(struct stat_row **v, size_t *n, size_t *cap, const char *const *r)
{
	const char *w = waited(r[C_SINCE], r[C_UNTIL]);
	struct stat_row *s = NULL;

	for (size_t i = 0; i < *n && !s; i++)
		if (!strcmp((*v)[i].regime, r[C_REGIME]) &&
		    !strcmp((*v)[i].kase, r[C_CASE]) &&
		    !strcmp((*v)[i].kind, r[C_KIND]) &&
		    !strcmp((*v)[i].waited, w))
			s = &(*v)[i];
	if (!s) {
		*v = sd_grow(*v, *n, cap, sizeof **v, 16);
		s = &(*v)[(*n)++];
		s->regime = sd_strdup(r[C_REGIME]);
		s->kase = sd_strdup(r[C_CASE]);
		s->kind = sd_strdup(r[C_KIND]);
		s->waited = w;
		s->women = s->men = 0;
	}
	if (is_man(r[C_PNR]))
		s->men++;
	else
		s->women++;
}

static struct sd_table *
stat_table(struct stat_row *v, size_t n)
{
	static const char *const cols[] = {
		N_("regime"), N_("case"), N_("kind"), N_("months_waited"),
		N_("women"),  N_("men"),  N_("total")};
	static const int flags[] = {0,
				    0,
				    0,
				    0,
				    SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT};
	struct sd_table *t = sd_table_new(7, cols, flags);

	sd_sort(v, n, sizeof *v, stat_cmp);
	for (size_t i = 0; i < n; i++) {
		char w[16], m[16], a[16];
		const char *r[7] = {
			v[i].regime, v[i].kase, v[i].kind, v[i].waited,
			w,           m,         a};
		snprintf(w, sizeof w, "%d", v[i].women);
		snprintf(m, sizeof m, "%d", v[i].men);
		snprintf(a, sizeof a, "%d", v[i].women + v[i].men);
		sd_table_add(t, r);
		free(v[i].regime);
		free(v[i].kase);
		free(v[i].kind);
	}
	free(v);
	return t;
}

static struct sd_table *
view_table(enum sd_ivo_view view)
{
	static const char *const unit_cols[] = {
		N_("person"), N_("name"),         N_("regime"),
		N_("law"),    N_("case"),         N_("insats"),
		N_("kind"),   N_("beslut"),       N_("since"),
		N_("days"),   N_("reason"),       N_("carried_out"),
		N_("ended"),  N_("ended_because")};
	static const int unit_flags[] = {0, 0,
					 0, 0,
					 0, SD_COL_NUM | SD_COL_RIGHT,
					 0, 0,
					 0, SD_COL_NUM | SD_COL_RIGHT,
					 0, 0,
					 0, 0};
	/* IVO's individrapport, its fields in Swedish (not translated) */
	static const char *const form_cols[] = {
		"individ",      "födelsedatum", "kön",          "lag",
		"lagrum",       "ärende",       "insats",       "insatstyp",
		"beslutsdatum", "erbjudet",     "tackat_nej",   "avbrottsdatum",
		"verkställt",   "avslutat",     "avslutsorsak", "dagar",
		"skäl"};
	static const int form_flags[] = {0, 0, 0, 0, 0, 0, SD_COL_NUM, 0, 0,
					 0, 0, 0, 0, 0, 0, SD_COL_NUM, 0};

	if (view == SD_IVO_FORM)
		return sd_table_new(17, form_cols, form_flags);
	return sd_table_new(14, unit_cols, unit_flags);
}

int
sd_ivo_report(struct sd_ctx *ctx, const char *quarter, enum sd_ivo_view view,
	      struct sd_table **out, int *enskild)
{
	return sd_ivo_report_unit(ctx, quarter, NULL, view, out, enskild);
}

int
sd_ivo_report_unit(struct sd_ctx *ctx, const char *quarter, const char *uname,
		   enum sd_ivo_view view, struct sd_table **out, int *enskild)
{
	long long uid = 0;
	char key[80] = "", qs[SD_DATE_SIZE], qe[SD_DATE_SIZE], what[64],
	     unit[16], provider[32] = "", sol[160], lss[160];
	int y, qn, rc, amount = 3, wd = 0;
	char **exempt;
	sqlite3_stmt *st;
	struct stat_row *stats = NULL;
	size_t nstats = 0, capstats = 0;
	long long *shown = NULL; /* the akter of the rows, logged */
	size_t nshown = 0;

	*out = NULL;
	*enskild = 0;
	if (!quarter || strlen(quarter) != 6 || quarter[4] != 'Q' ||
	    sscanf(quarter, "%4dQ%1d", &y, &qn) != 2 || y < 1900 || qn < 1 ||
	    qn > 4)
		return sd_fail(ctx, EX_USAGE,
			       _("bad quarter '%s'; write it as YYYYQn, e.g. "
				 "2026Q1"),
			       quarter ? quarter : "");
	sd_date_fmt(sd_days_from_civil(y, 3 * qn - 2, 1), qs);
	sd_date_fmt(
		sd_date_add_months(sd_days_from_civil(y, 3 * qn - 2, 1), 3) - 1,
		qe);
	sd_setting_get(ctx, "provider", provider, sizeof provider);
	sd_err_clear(ctx);
	*enskild = !strcmp(provider, "enskild");
	if ((view == SD_IVO_FORM && (rc = secret(ctx, key, sizeof key))) ||
	    (rc = ivo_rule(ctx, &amount, unit, sizeof unit, &wd)) ||
	    (rc = sd_holiday_register(ctx)) ||
	    (rc = sd_lagrum_cite(ctx, "ej-verkstallt", "SoL", sol,
				 sizeof sol)) ||
	    (rc = sd_lagrum_cite(ctx, "ej-verkstallt", "LSS", lss, sizeof lss)))
		return rc;
	if (uname && (rc = sd_unit_filter(ctx, uname, &uid, NULL, 0)))
		return rc;
	if (!(exempt = sd_kinds_load(ctx, "ivo-undantag")))
		return ctx->err.code;
	if (!(st = sd_prepare(ctx, ivo_sql))) {
		sd_list_free(exempt);
		return ctx->err.code;
	}
	sd_bind_text(st, 1, qs);
	sd_bind_text(st, 2, qe);
	sd_actor_bind(ctx, st, 3);
	sqlite3_bind_int(st, 5, amount);
	sd_bind_text(st, 6, unit);
	sqlite3_bind_int(st, 7, wd);
	sqlite3_bind_int64(st, 8, uid);
	if (view != SD_IVO_STATISTIK)
		*out = view_table(view);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r[C_N];
		char disp[14], born[16], id[128];
		for (int i = 0; i < C_N; i++)
			r[i] = (const char *)sqlite3_column_text(st, i);
		if (r[C_KIND] && sd_list_has(exempt, r[C_KIND]))
			continue;
		const char *law = !strcmp(r[C_REGIME], "LSS") ? lss : sol;
		if (view != SD_IVO_STATISTIK) {
			shown = sd_xrealloc(shown,
					    (nshown + 1) * sizeof *shown);
			shown[nshown++] = sqlite3_column_int64(st, C_AKT);
		}
		if (view == SD_IVO_STATISTIK) {
			stat_add(&stats, &nstats, &capstats, r);
		} else if (view == SD_IVO_FORM) {
			int avbrott = !strcmp(r[C_CASE], "avbrott");
			ivo_person(key, r[C_PNR],
				   sqlite3_column_int(st, C_BIRTHDAY), born,
				   id);
			if (strcmp(r[C_PROTECTED], "0")) {
				/* Skyddade personuppgifter: no birth date. */
				snprintf(id, sizeof id, "%s", r[C_NAME]);
				born[0] = '\0';
			}
			const char *v[17] = {
				id,
				born,
				is_man(r[C_PNR]) ? "man" : "kvinna",
				r[C_REGIME],
				law,
				r[C_CASE],
				r[C_INSATS],
				r[C_KIND],
				r[C_DECIDED],
				r[C_OFFERS],
				r[C_DECLINED],
				avbrott ? r[C_SINCE] : NULL,
				r[C_DONE],
				r[C_ENDED],
				r[C_WHY],
				r[C_DAYS],
				r[C_REASON]};
			sd_table_add(*out, v);
		} else {
			const char *v[14] = {
				strcmp(r[C_PROTECTED], "0")
					? ""
					: sd_pnr_display(r[C_PNR], disp),
				r[C_NAME],
				r[C_REGIME],
				law,
				r[C_CASE],
				r[C_INSATS],
				r[C_KIND],
				r[C_DECIDED],
				r[C_SINCE],
				r[C_DAYS],
				r[C_REASON],
				r[C_DONE],
				r[C_ENDED],
				r[C_WHY]};
			sd_table_add(*out, v);
		}
	}
	sd_finalize(st);
	sd_list_free(exempt);
	if (view == SD_IVO_STATISTIK)
		*out = stat_table(stats, nstats);
	if (rc != SQLITE_DONE) {
		free(shown);
		return sd_fail_db(ctx, _("cannot compute the IVO report"));
	}
	snprintf(what, sizeof what, "IVO report %s%s: %d rows", quarter,
		 view == SD_IVO_STATISTIK ? " (statistik)" : "",
		 sd_table_rows(*out));
	/* The statistik names no one: only the other views log akter. */
	rc = sd_log_shown(ctx, what, shown, nshown);
	free(shown);
	return rc;
}
