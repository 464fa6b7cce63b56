/*
 * due.c - due items: one SQL query over the stored facts, with the
 * rules joined in, so that a changed rule applies at once (due.h); how
 * they are printed is due-print.c.
 *
 * The query has one branch per base event (ev), each giving the akt,
 * the insats where the rule is per insats, and the base date; the rules
 * with that base are joined in, the items whose satisfying fact ("done")
 * is recorded are dropped, and the due date is computed by sd_due()
 * (calendar months clamped, moved to the next working day).  A rule with
 * deadline next-year-end (gallring) arises on its base date plus the
 * period and is due on 31 December of the following year; like every
 * item it is listed when that due date is within the window (--within),
 * so counts, --within and mail subjects agree with the due dates.
 * See docs/followup-due.1 for what each base and fact means.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "due.h"
#include "holiday.h"
#include "i18n.h"
#include "mail.h"
#include "rules.h"
#include "unit.h"

/*
 * The codes of rules.h's base events (B_) and satisfying facts (D_) that
 * the query names, written in it as Q(code); the rules carry theirs in
 * rule.base_code and rule.done_code, stored by sd_rules_load.  The
 * compiler checks that each is the value of its enum in rules.h.
 */
#define Q_(n)                     #n
#define Q(n)                      Q_(n) /* a code as an SQL literal */
#define B_BESLUT                  1
#define B_VERKSTALLIGHET          2
#define B_SENASTE_GP              3
#define B_SENASTE_SAMTAL          4
#define B_INTRODUKTION            5
#define B_SISTA_INSATS_SLUT       6
#define B_AKT_AVSLUTAD            7
#define B_SISTA_ANTECKNING        8
#define B_SENASTE_TRYGGHETSLARM   9
#define D_NONE                    0
#define D_VERKSTALLIGHET          1
#define D_GP                      2
#define D_INTRODUKTIONSSAMTAL     6
#define D_HANDLAGGARE_UPPFOLJNING 7
#define D_AKT_AVSLUTAD            9
#define D_ARKIV_OVERLAMNING       10
#define SAME(code, e)             _Static_assert(code == e, #code " is not " #e)
SAME(B_BESLUT, SD_BASE_BESLUT);
SAME(B_VERKSTALLIGHET, SD_BASE_VERKSTALLIGHET);
SAME(B_SENASTE_GP, SD_BASE_SENASTE_GP);
SAME(B_SENASTE_SAMTAL, SD_BASE_SENASTE_SAMTAL);
SAME(B_INTRODUKTION, SD_BASE_INTRODUKTION);
SAME(B_SISTA_INSATS_SLUT, SD_BASE_SISTA_INSATS_SLUT);
SAME(B_AKT_AVSLUTAD, SD_BASE_AKT_AVSLUTAD);
SAME(B_SISTA_ANTECKNING, SD_BASE_SISTA_ANTECKNING);
SAME(B_SENASTE_TRYGGHETSLARM, SD_BASE_SENASTE_TRYGGHETSLARM);
SAME(D_NONE, SD_DONE_NONE);
SAME(D_VERKSTALLIGHET, SD_DONE_VERKSTALLIGHET);
SAME(D_GP, SD_DONE_GP);
SAME(D_INTRODUKTIONSSAMTAL, SD_DONE_INTRODUKTIONSSAMTAL);
SAME(D_HANDLAGGARE_UPPFOLJNING, SD_DONE_HANDLAGGARE_UPPFOLJNING);
SAME(D_AKT_AVSLUTAD, SD_DONE_AKT_AVSLUTAD);
SAME(D_ARKIV_OVERLAMNING, SD_DONE_ARKIV_OVERLAMNING);

/* The branch of ev for one base, computed only when a rule uses it. */
#define USES(b) " EXISTS (SELECT 1 FROM r WHERE r.bn = " b ") "

/*
 * The due date of a rule r on event e from base date bd: the rule's
 * period (sd_due), or for gp-uppfoljning the plan's own follow-up date
 * (e.gp_fu, "Uppföljning: senast DATE" in the latest plan) when that is
 * earlier.
 */
#define DUE_B(bd)                                                              \
	"CASE WHEN r.bn = " Q(B_SENASTE_GP) " AND e.gp_fu < sd_due(" bd        \
					    ", r.amount, r.unit, r.wd) THEN "  \
					    "e.gp_fu ELSE sd_due(" bd          \
					    ", r.amount, "                     \
					    "r.unit, r.wd) END"

/*
 * The head and tail that join a base event's subquery e to its rules r
 * (on), with the base date bd (e.bdate, or chosen by r.base when one
 * subquery serves several bases).  Every subquery e has the columns
 * the tail reads: kind, regime, decided, started, closed, est_gp, f_hu,
 * f_in (the introduktionssamtal) and gp_fu (NULL where they mean
 * nothing).
 */
#define IT_OPEN_B(bd)                                                          \
	" SELECT r.id AS rule, r.responsible, r.deadline, r.workday, "         \
	"e.akt_id, e.insats_id, e.kind, " bd                                   \
	" AS bdate, " DUE_B(bd) " AS ob FROM ("
/*
 * r.last (sd_due_last) is the last base date due by the horizon: what is
 * not yet due is dropped by comparing two strings, before any C function
 * is called for it, and needs no look for its satisfying fact (a plan's
 * own earlier follow-up date is compared by itself).  (CROSS JOIN: the
 * events are read once, each joined to its few rules.)  A plan satisfies
 * gp-upprattad from the beslut on: a plan agreed the day before the
 * start it belongs to is within the rule.
 */
#define IT_CLOSE_B(rs, on, bd)                                                                                                                                                                                                                                            \
	") e CROSS JOIN " rs " ON " on " CROSS JOIN prm "                                                                                                                                                                                                                 \
	"WHERE (" bd " <= r.last OR e.gp_fu <= prm.horizon) AND (r.al OR "                                                                                                                                                                                                \
	"sd_applies(r.applies, e.kind, e.regime, prm.provider)) "                                                                                                                                                                                                         \
	"AND " DUE_B(                                                                                                                                                                                                                                                     \
		bd) " <= prm.horizon "                                                                                                                                                                                                                                    \
		    "AND NOT coalesce(CASE r.dn "                                                                                                                                                                                                                         \
		    "WHEN " Q(                                                                                                                                                                                                                                            \
			    D_NONE) " THEN 0 "                                                                                                                                                                                                                            \
				    "WHEN " Q(                                                                                                                                                                                                                            \
					    D_VERKSTALLIGHET) " THEN "                                                                                                                                                                                                    \
							      "e.started IS "                                                                                                                                                                                             \
							      "NOT NULL "                                                                                                                                                                                                 \
							      "WHEN " Q(                                                                                                                                                                                                  \
								      D_GP) " THEN e.est_gp >= min(" bd                                                                                                                                                                   \
									    ", coalesce(e.decided, " bd                                                                                                                                                                   \
									    ")) "                                                                                                                                                                                         \
									    "WHEN " Q(                                                                                                                                                                                    \
										    D_HANDLAGGARE_UPPFOLJNING) " THEN e.f_hu >= " bd                                                                                                                                      \
													       " "                                                                                                                                                        \
													       "WHEN " Q(                                                                                                                                                 \
														       D_INTRODUKTIONSSAMTAL) " THEN e.f_in IS NOT NULL "                                                                                                 \
																	      "WHEN " Q(                                                                                                                  \
																		      D_AKT_AVSLUTAD) " THEN e.closed IS NOT NULL "                                                                       \
																				      "WHEN " Q(                                                                                          \
																					      D_ARKIV_OVERLAMNING) " THEN EXISTS (SELECT 1 FROM fact f "                                  \
																								   "WHERE f.akt_id = e.akt_id AND f.kind = 'arkiv-overlamning') "         \
																								   "ELSE EXISTS (SELECT 1 FROM followup f WHERE f.akt_id = e.akt_id AND " \
																								   "f.kind = r.done AND f.fdate >= " bd                                   \
																								   ") END, 0)"
#define IT_OPEN     IT_OPEN_B("e.bdate")
#define IT_CLOSE(b) IT_CLOSE_B("r", "r.bn = " b, "e.bdate")

/* The columns of r that IT_OPEN_B and IT_CLOSE_B read. */
#define RULE_COLS                                                              \
	"bn, dn, last, al, wd, done, applies, amount, unit, id, responsible, " \
	"deadline, workday"

/* The base date of a rule on an open akt. */
#define BD_AKT                                                                 \
	"CASE r.bn WHEN " Q(                                                   \
		B_SENASTE_GP) " THEN e.b_gp "                                  \
			      "WHEN " Q(                                       \
				      B_SENASTE_SAMTAL) " THEN e.b_us "        \
							"WHEN " Q(             \
								B_INTRODUKTION) " THEN e.b_in ELSE e.b_end END"
/* The base date of a rule on an insats not ended. */
#define BD_INS                                                                 \
	"CASE r.bn WHEN " Q(                                                   \
		B_BESLUT) " THEN e.decided "                                   \
			  "WHEN " Q(B_VERKSTALLIGHET) " THEN e.started ELSE "  \
						      "e.b_tl END"

static const char due_sql[] =
	"WITH prm AS (SELECT ?1 AS today, ?2 AS horizon, "
	"  (SELECT value FROM setting WHERE key = "
	"'provider') AS provider), "
	/*
	 * The units to look in: the actor's (all for an
	 * administrator or arkivarie), by --unit, and
	 * with --for only those where that person can
	 * answer for something: their units as staff, and
	 * the units of the akter they are kontaktperson
	 * of (all for an arkivarie).  ?9: every unit is
	 * seen (an administrator or arkivarie, no --unit
	 * or
	 * --for), so no akt's unit need be looked up in
	 * seen.
	 */
	"fp AS (SELECT id, role FROM staff WHERE login = "
	"?7), "
	"fu AS MATERIALIZED (SELECT unit_id FROM "
	"staff_unit WHERE staff_id = "
	"  (SELECT id FROM fp) UNION SELECT unit_id FROM "
	"akt WHERE "
	"  kontaktperson = (SELECT id FROM fp)), "
	"seen AS (SELECT id FROM unit WHERE (?3 OR id IN "
	"(SELECT unit_id FROM "
	"  staff_unit WHERE staff_id = ?4)) AND (?5 IS "
	"NULL OR name = ?5) "
	"  AND (?7 IS NULL OR (SELECT role FROM fp) = "
	"'arkivarie' OR id IN "
	"  (SELECT unit_id FROM fu))), "
	/* (with --for someone who is no arkivarie, the
	 * arkivarie's rules cannot be theirs) */
	/*
	 * (last: see IT_CLOSE_B; wd: move to a working
	 * day; al: applies to all; bn, dn: the base and
	 * the satisfying fact as their codes in rules.h,
	 * stored with the rule, which the query compares
	 * a few times for every event)
	 */
	"r AS MATERIALIZED (SELECT *, sd_due_last(?2, "
	"amount, unit, deadline = "
	"  'exact' AND workday) AS last, deadline = "
	"'exact' AND workday AS wd, "
	"  applies = '*' AS al, base_code AS bn, "
	"done_code AS dn "
	"  FROM rule WHERE (?6 IS NULL OR id = ?6) "
	"  AND (?7 IS NULL OR responsible <> 'arkivarie' "
	"OR (SELECT role FROM "
	"  fp) = 'arkivarie')), "
	/* the rules on an insats not ended, and on an
	   open akt */
	/* (only what the branches read: every event reads
	   its rules) */
	"ri AS MATERIALIZED (SELECT " RULE_COLS
	" FROM r WHERE bn IN (" Q(B_BESLUT) ", " Q(B_VERKSTALLIGHET) ", " Q(
		B_SENASTE_TRYGGHETSLARM) ")), "
					 "ra AS "
					 "MATERIALIZED "
					 "(SELECT"
					 " " RULE_COLS " FROM r WHERE "
					 "bn IN (" Q(B_SENASTE_GP) ", " Q(
						 B_SENASTE_SAMTAL) ", " Q(B_INTRODUKTION) ","
											  " " Q(B_SISTA_INSATS_SLUT) ")), "
														     /*
														      * gallring: per person (SoL 12 kap 1 §: nothing of a person is purged
														      * while another file of theirs is not), from the last record written
														      * in any of their akter, as gallra counts it (the view
														      * akt_last_record); only when all are closed, and not for akter
														      * already preserved.  Whether an akt is purged or preserved (day
														      * 5/15/25, never-purge) is gallra's decision: both are due then.
														      */
														     "gl AS MATERIALIZED (SELECT a.id, a.regime, a.closed, (SELECT "
														     "  max(l.last) FROM akt o JOIN akt_last_record l ON l.akt_id = o.id "
														     "  WHERE o.person_id = a.person_id) AS bdate FROM akt a WHERE" USES(
															     Q(
																     B_SISTA_ANTECKNING)) "AND a.closed IS NOT NULL AND a.preserved IS "
																			  "  NULL AND (?9 OR +a.unit_id IN seen) "
																			  /* (the last record is never before the closing: an akt closed after
																			   * the last base date due by the horizon cannot be due yet) */
																			  "  AND a.closed <= (SELECT max(last) FROM r WHERE r.bn = " Q(
																				  B_SISTA_ANTECKNING) ") AND NOT EXISTS (SELECT 1 FROM akt o "
																						      "  WHERE o.person_id = a.person_id AND o.closed IS NULL)), "
																						      /*
																						       * it: one row per base event and rule, when due by the horizon and
																						       * not satisfied.  Each base event is a subquery e (the akt, the
																						       * insats for a rule per insats, the base date, and what the checks
																						       * need: regime, start, closing), joined to the rules with that base;
																						       * the branches are joined one by one rather than as one union, so
																						       * that nothing but the due items is ever stored.
																						       */
																						      "it AS ("
	/*
	 * an insats not ended: from its decision (beslut), its start
	 * (verkstallighet), or for the kinds a rule names the later of its
	 * start and the last alarm follow-up (senaste-trygghetslarm); the
	 * latest facts of its akt from akt_due_facts (0071, derived from the
	 * stored facts by triggers), one look-up per akt.  Akter are read in
	 * id order; +unit_id: one pass over the akt table is cheaper than a
	 * search per unit followed by a look-up of every akt.
	 */
	IT_OPEN_B(BD_INS) "SELECT i.akt_id AS akt_id, i.id AS insats_id, "
			  "  i.kind AS kind, i.decided AS decided, a.regime AS "
			  "regime, "
			  "  i.started AS started, NULL AS closed, d.est_gp AS "
			  "est_gp, "
			  "  d.handlaggare_uppfoljning AS f_hu, "
			  "  d.introduktionssamtal AS f_in, NULL AS gp_fu, "
			  "  CASE WHEN "
			  "i.started IS NULL "
			  "  THEN NULL WHEN d.trygghetslarm > i.started THEN "
			  "d.trygghetslarm "
			  "  ELSE i.started END AS b_tl "
			  "  FROM akt a NOT INDEXED JOIN insats i ON i.akt_id "
			  "= a.id AND "
			  "  i.ended IS NULL AND i.cancelled IS NULL LEFT JOIN "
			  "akt_due_facts d ON "
			  "d.akt_id = a.id "
			  "  WHERE a.closed IS NULL AND (?9 OR +a.unit_id IN "
			  "seen)" IT_CLOSE_B("ri AS r", "1", BD_INS)
	/*
	 * an open akt: from the latest plan or plan follow-up (senaste-gp;
	 * none when there is no plan), the latest uppföljningssamtal or the
	 * planeringssamtal before it, the introduktionssamtal, or when every
	 * insats has ended the last end (sista-insats-slut)
	 */
	" UNION ALL" IT_OPEN_B(
		BD_AKT) "SELECT a.id AS akt_id, NULL AS "
			"  insats_id, NULL AS kind, a.regime AS regime, NULL "
			"AS started, "
			"  NULL AS closed, d.est_gp AS est_gp, "
			"  NULL AS decided, d.introduktionssamtal AS f_in, "
			"  CASE WHEN d.uppfoljning > d.last_gp THEN NULL "
			"  ELSE d.gp_followup END AS gp_fu, "
			"d.handlaggare_uppfoljning AS "
			"  f_hu, CASE WHEN d.uppfoljning > d.last_gp THEN "
			"d.uppfoljning ELSE "
			"  d.last_gp END AS b_gp, CASE WHEN "
			"d.uppfoljningssamtal IS NULL AND "
			"  d.planeringssamtal IS NULL THEN '' WHEN "
			"d.planeringssamtal IS NULL "
			"  OR d.uppfoljningssamtal >= d.planeringssamtal THEN "
			"  d.uppfoljningssamtal ELSE d.planeringssamtal END AS "
			"b_us, "
			"  d.introduktionssamtal AS b_in, CASE WHEN "
			"d.open_insatser = 0 THEN "
			"  d.last_ended END AS b_end "
			"  FROM akt a NOT INDEXED LEFT JOIN akt_due_facts d ON "
			"d.akt_id = a.id "
			"  WHERE a.closed IS NULL AND (?9 OR +a.unit_id IN "
			"seen)" IT_CLOSE_B(
				"ra AS r", "1",
				BD_AKT) " UNION ALL" IT_OPEN
					"SELECT a.id AS akt_id, NULL AS "
					"insats_id, NULL AS "
					"  kind, a.closed AS bdate, a.regime "
					"AS regime, NULL AS started, "
					"  a.closed AS closed, NULL AS est_gp, "
					"NULL AS f_hu, NULL AS decided, NULL "
					"AS "
					"f_in, NULL AS gp_fu FROM akt a WHERE "
					"  a.closed IS NOT NULL AND (?9 OR "
					"+a.unit_id IN seen) AND" USES(Q(B_AKT_AVSLUTAD)) IT_CLOSE(Q(
						B_AKT_AVSLUTAD)) " UNION "
								 "ALL" IT_OPEN
								 "SELECT gl.id "
								 "AS akt_id, "
								 "NULL AS "
								 "insats_id, "
								 "NULL "
								 "  AS kind, "
								 "gl.bdate AS "
								 "bdate, "
								 "gl.regime AS "
								 "regime, NULL "
								 "AS started, "
								 "  gl.closed "
								 "AS closed, "
								 "NULL AS "
								 "est_gp, NULL "
								 "AS f_hu, "
								 "NULL AS "
								 "decided, "
								 "NULL AS "
								 "f_in, "
								 "NULL AS "
								 "gp_fu FROM "
								 "gl" IT_CLOSE(Q(
									 B_SISTA_ANTECKNING)) "), "
											      "du AS (SELECT *, CASE WHEN deadline = 'exact' THEN ob "
											      "  WHEN workday THEN sd_workday(printf('%04d-12-31', substr(ob, 1, 4) "
											      "  + 1)) ELSE printf('%04d-12-31', substr(ob, 1, 4) + 1) END AS due "
											      "  FROM it), "
											      /* the unit's enhetschef (the lowest id when there are several) */
											      "chef AS MATERIALIZED (SELECT su.unit_id, min(su.staff_id) AS sid "
											      "  FROM staff_unit su JOIN staff c ON c.id = su.staff_id WHERE "
											      "  c.role = 'enhetschef' AND c.active = 1 GROUP BY su.unit_id), "
											      "ark AS MATERIALIZED (SELECT min(id) AS sid FROM staff WHERE role = "
											      "  'arkivarie' AND active = 1), "
											      "li AS (SELECT du.rule, du.akt_id, iif(a.protected, '', p.pnr) AS pnr, "
											      "  sd_person(a.protected, a.id, p.name) AS person, u.name AS "
											      "  unit, du.insats_id, du.kind, du.bdate, du.due, "
											      "  CASE du.responsible "
											      "   WHEN 'arkivarie' THEN (SELECT sid FROM ark) "
											      "   WHEN 'kontaktperson' THEN coalesce(k.id, ch.sid) "
											      "   WHEN 'handlaggare' THEN NULL ELSE ch.sid END "
											      "   AS rid, ch.sid AS chid, a.regime AS regime, a.protected AS prot, "
											      /* the handläggare's: the insats's handläggare, who is no staff */
											      "  du.responsible = 'handlaggare' AS hl, hi.handlaggare AS hname, "
											      "  hi.handlaggare_email AS hmail "
											      "  FROM du JOIN akt a ON a.id = du.akt_id JOIN person p ON "
											      "  p.id = a.person_id JOIN unit u ON u.id = a.unit_id "
											      "  LEFT JOIN staff k ON k.id = a.kontaktperson AND k.active = 1 "
											      "  LEFT JOIN chef ch ON ch.unit_id = a.unit_id "
											      "  LEFT JOIN insats hi ON du.responsible = 'handlaggare' AND "
											      "  hi.id = du.insats_id) "
											      /* sorted in C (sd_due_compute): grouped by person, most overdue first */
											      "SELECT li.rule, li.akt_id, li.pnr, li.person, li.unit, li.insats_id, "
											      " li.kind, li.bdate, li.due, coalesce(s.login, ''), coalesce(s.name, ''), "
											      " coalesce(s.email, ''), r.source, r.description, coalesce(c.login, ''), "
											      " coalesce(c.name, ''), coalesce(c.email, ''), li.regime, li.hl, "
											      " coalesce(li.hname, ''), coalesce(li.hmail, ''), li.prot "
											      /* (the rule's texts joined only here, not carried through it) */
											      "FROM li JOIN r ON r.id = li.rule LEFT JOIN staff s ON s.id = li.rid "
											      "LEFT JOIN staff c ON c.id = li.chid "
											      /* (days overdue are counted in C; overdue is due before today) */
											      "WHERE (?7 IS NULL OR s.login = ?7) AND (NOT ?8 OR li.due < ?1) "
											      /* what is due by the horizon, for every rule: a gallring deadline (31 Dec) too */
											      "AND li.due <= ?2";

/* sd_applies(applies, kind, regime, provider): sd_rule_applies in SQL. */
static void
fn_applies(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(
		c, sd_rule_applies((const char *)sqlite3_value_text(argv[0]),
				   (const char *)sqlite3_value_text(argv[1]),
				   (const char *)sqlite3_value_text(argv[2]),
				   (const char *)sqlite3_value_text(argv[3])));
}

int
sd_due_format_parse(struct sd_ctx *ctx, const char *s, enum sd_due_format *out)
{
	static const char *const names[] = {"text", "tsv", "csv",
					    "json", "ics", "mail"};
	if (!s) {
		*out = SD_DUE_TEXT;
		return 0;
	}
	for (int i = 0; i < 6; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum sd_due_format)i;
			return 0;
		}
	return sd_fail(
		ctx, EX_USAGE,
		_("unknown format '%s'; use one of: text, tsv, csv, json, "
		  "ics, mail"),
		s);
}

/* Staff first, then handläggare (no login), then no one. */
static int
resp_rank(const struct sd_due_item *it)
{
	return *it->resp_login ? 0 : it->handlaggare ? 1 : 2;
}

int
sd_due_resp_cmp(const struct sd_due_item *a, const struct sd_due_item *b)
{
	int c;

	if (resp_rank(a) != resp_rank(b))
		return resp_rank(a) - resp_rank(b);
	if ((c = strcmp(a->resp_login, b->resp_login)))
		return c;
	if (!a->handlaggare)
		return 0;
	if ((c = strcmp(a->resp_email, b->resp_email)))
		return c;
	return strcmp(a->resp_name, b->resp_name);
}

/* Items of one person together (no one last), then by due date. */
static int
by_person(const void *pa, const void *pb)
{
	/* (pointers are sorted: the items are large to move) */
	const struct sd_due_item *a = *(const struct sd_due_item *const *)pa;
	const struct sd_due_item *b = *(const struct sd_due_item *const *)pb;
	int c;

	if ((c = sd_due_resp_cmp(a, b)))
		return c;
	if ((c = strcmp(a->due, b->due)))
		return c;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	if (a->akt != b->akt)
		return a->akt < b->akt ? -1 : 1;
	return (a->insats > b->insats) - (a->insats < b->insats);
}

struct group {
	int from, to, worst;
	const struct sd_due_item *first;
};

/* The person with the most overdue item first, then by name (Swedish). */
static int
by_worst(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	int c;

	const struct sd_due_item *x = a->first, *y = b->first;

	if (resp_rank(x) != resp_rank(y))
		return resp_rank(x) - resp_rank(y);
	if (a->worst != b->worst)
		return a->worst > b->worst ? -1 : 1;
	if ((c = sd_collate_sv(x->resp_name, (int)strlen(x->resp_name),
			       y->resp_name, (int)strlen(y->resp_name))))
		return c;
	return sd_due_resp_cmp(x, y);
}

static void
sort_items(struct sd_due_list *l)
{
	struct group *g = NULL;
	struct sd_due_item **p;
	int ng = 0;

	if (l->n < 2)
		return;
	p = sd_xmalloc((size_t)l->n * sizeof *p);
	for (int i = 0; i < l->n; i++)
		p[i] = &l->items[i];
	sd_sort(p, (size_t)l->n, sizeof *p, by_person);
	for (int i = 0, j; i < l->n; i = j) {
		g = sd_xrealloc(g, (size_t)(ng + 1) * sizeof *g);
		g[ng] = (struct group){i, i, INT_MIN, p[i]};
		for (j = i; j < l->n && sd_due_resp_cmp(p[j], p[i]) == 0; j++)
			if (p[j]->days > g[ng].worst)
				g[ng].worst = p[j]->days;
		g[ng++].to = j;
	}
	sd_sort(g, (size_t)ng, sizeof *g, by_worst);
	struct sd_due_item *out = sd_xmalloc((size_t)l->n * sizeof *out);
	int k = 0;
	for (int i = 0; i < ng; i++)
		for (int j = g[i].from; j < g[i].to; j++)
			out[k++] = *p[j];
	free(p);
	free(l->items);
	l->items = out;
	l->cap = l->n;
	free(g);
}

/* snprintf(d, SD_DATE_SIZE, "%s", s) without the cost of printf */
static void
copy_date(char d[SD_DATE_SIZE], const char *s)
{
	size_t n = strnlen(s, 10);
	memcpy(d, s, n);
	d[n] = '\0';
}

static char *
dup_col(struct sd_due_list *l, sqlite3_stmt *st, int i)
{
	return sd_strpool_dup(&l->pool, sd_col(st, i));
}

int
sd_due_compute(struct sd_ctx *ctx, const struct sd_due_opts *o,
	       struct sd_due_list *out)
{
	sqlite3_stmt *st;
	char horizon[SD_DATE_SIZE], what[128], unit[256], rule[128];
	long long uid;
	int rc, all;

	memset(out, 0, sizeof *out);
	out->within = o->within;
	snprintf(out->today, sizeof out->today, "%s", ctx->today_s);
	/*
	 * One query reads much of a large database: a bigger page cache and
	 * sorting in memory keep it from reading pages again and spilling
	 * its temporary b-trees to disk.  (A memory map was measured slower.)
	 */
	if ((rc = sd_exec(ctx, "PRAGMA cache_size = -65536", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA temp_store = MEMORY", SD_END)) ||
	    (rc = sd_holiday_register(ctx)))
		return rc;
	if (sqlite3_create_function(ctx->db, "sd_applies", 4,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    fn_applies, NULL, NULL))
		return sd_fail_db(ctx, _("cannot register sd_applies"));
	if (o->unit &&
	    (rc = sd_unit_filter(ctx, o->unit, &uid, unit, sizeof unit)))
		return rc;
	if (o->for_login &&
	    sd_query_int(ctx, "SELECT count(*) FROM staff WHERE login = ?",
			 o->for_login, SD_END) < 1)
		return sd_fail(ctx, EX_DATAERR,
			       _("no staff member '%s'; see staff-list"),
			       o->for_login);
	/* the rule typed as any word is (uppföljningssamtal: word.h) */
	if (o->rule &&
	    (rc = sd_query_text(ctx, rule, sizeof rule,
				"SELECT id FROM rule WHERE sd_fold(id) = "
				"sd_fold(?1) ORDER BY id <> ?1 LIMIT 1",
				o->rule, SD_END)))
		return rc > 1 ? rc
			      : sd_fail(ctx, EX_DATAERR,
					_("no rule '%s' in force; see "
					  "rules-show"),
					o->rule);
	if (!(st = sd_prepare(ctx, due_sql)))
		return ctx->err.code;
	all = sd_actor_all_units(ctx);
	sd_date_fmt(ctx->today + o->within, horizon);
	sd_bind_text(st, 1, ctx->today_s);
	sd_bind_text(st, 2, horizon);
	sd_actor_bind(ctx, st, 3);
	sd_bind_text(st, 5, o->unit ? unit : NULL);
	sd_bind_text(st, 6, o->rule ? rule : NULL);
	sd_bind_text(st, 7, o->for_login);
	sqlite3_bind_int(st, 8, o->overdue_only);
	/* every unit: no need to look each akt's unit up in seen */
	sqlite3_bind_int(st, 9, all && !o->unit && !o->for_login);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->items = sd_xrealloc(out->items,
						 (size_t)out->cap *
							 sizeof *out->items);
		}
		struct sd_due_item *it = &out->items[out->n++];
		char pnr[14];
		int day;
		it->rule = dup_col(out, st, 0);
		it->akt = sqlite3_column_int64(st, 1);
		it->pnr = sd_strpool_dup(&out->pool,
					 sd_pnr_display(sd_col(st, 2), pnr));
		it->person = dup_col(out, st, 3);
		it->unit = dup_col(out, st, 4);
		it->insats = sqlite3_column_int64(st, 5);
		it->kind = dup_col(out, st, 6);
		copy_date(it->base, sd_col(st, 7));
		copy_date(it->due, sd_col(st, 8));
		it->days = sd_date_parse(it->due, &day) ? 0 : ctx->today - day;
		it->resp_login = dup_col(out, st, 9);
		it->resp_name = dup_col(out, st, 10);
		it->resp_email = dup_col(out, st, 11);
		it->source = dup_col(out, st, 12);
		it->description = dup_col(out, st, 13);
		it->chef_login = dup_col(out, st, 14);
		it->chef_name = dup_col(out, st, 15);
		it->chef_email = dup_col(out, st, 16);
		it->regime = dup_col(out, st, 17);
		it->protected = sqlite3_column_int(st, 21);
		/* The handläggare's: theirs by name and mail, no login. */
		if ((it->handlaggare = sqlite3_column_int(st, 18))) {
			it->resp_name = dup_col(out, st, 19);
			it->resp_email = dup_col(out, st, 20);
		}
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot compute the due items"));
	sort_items(out);
	snprintf(what, sizeof what, "listed %d due items as of %s", out->n,
		 ctx->today_s);
	/* The akter shown, for audit-log --akt (none when only counted). */
	long long *ids = sd_xmalloc((size_t)(out->n + 1) * sizeof *ids);
	for (int i = 0; i < out->n; i++)
		ids[i] = out->items[i].akt;
	rc = sd_log_shown(ctx, what, ids, o->unshown ? 0 : (size_t)out->n);
	free(ids);
	return rc;
}

void
sd_due_list_free(struct sd_due_list *l)
{
	sd_strpool_free(&l->pool);
	free(l->items);
	memset(l, 0, sizeof *l);
}

int
sd_due_overdue(const struct sd_due_list *l)
{
	int n = 0;
	for (int i = 0; i < l->n; i++)
		n += l->items[i].days > 0;
	return n;
}
