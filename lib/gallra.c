/*
 * gallra.c - gallring and urvalsbevarande of akter (seed 002; SoL 12 kap
 * 1 §, 7 kap 3 §): the plan (which akter are due, purge or preserve),
 * the gallringslogg, akter kept from gallring, and the settings.  The
 * purge is gallra-purge.c, the archive package gallra-archive.c, the
 * execution gallra-exec.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "chain.h"
#include "export.h"
#include "file.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"
#include "rules.h"
#include "unit.h"

const char *
sd_gallra_decision_name(enum sd_gallra_decision d)
{
	switch (d) {
	case SD_GALLRA_PURGE: return "purge";
	case SD_GALLRA_PRESERVE: return "preserve";
	case SD_GALLRA_HOLD: return "hold";
	}
	return "?";
}

void
sd_gallra_plan_free(struct sd_gallra_plan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

/* Add the rule's period to a day number. */
static int
add_period(const struct sd_gallra_rule *r, int day)
{
	if (strcmp(r->unit, "years") == 0)
		return sd_date_add_months(day, 12 * r->amount);
	if (strcmp(r->unit, "months") == 0)
		return sd_date_add_months(day, r->amount);
	if (strcmp(r->unit, "weeks") == 0)
		return day + 7 * r->amount;
	return day + r->amount;
}

/* Whether an akt under rule r is kept in the database, never purged. */
static int
rule_keeps(const struct sd_gallra_rule *r)
{
	return !r->found || strcmp(r->unit, "preserve") == 0;
}

/*
 * The gallring rule (base sista-anteckning) that applies to regime under
 * the provider, as followup-due picks it (sd_rule_applies).
 */
static int
regime_rule(struct sd_ctx *ctx, const char *provider, const char *regime,
	    struct sd_gallra_rule *r)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (!(st = sd_prepare(ctx, "SELECT id, amount, unit, applies FROM rule "
				   "WHERE base = 'sista-anteckning' "
				   "ORDER BY applies = '*', id")))
		return ctx->err.code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sd_rule_applies(sd_col(st, 3), NULL, regime, provider)) {
			snprintf(r->id, sizeof r->id, "%s", sd_col(st, 0));
			r->amount = sqlite3_column_int(st, 1);
			snprintf(r->unit, sizeof r->unit, "%s", sd_col(st, 2));
			r->found = 1;
			break;
		}
	sd_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the gallring rules"));
	return 0;
}

/* Provider, settings and the gallring rule for each regime. */
static int
load_rule(struct sd_ctx *ctx, struct sd_gallra_plan *p)
{
	char v[16];
	int rc;

	if (sd_setting_get(ctx, "provider", p->provider, sizeof p->provider))
		return sd_fail(
			ctx, EX_CONFIG,
			_("database '%s' has no provider setting; create "
			  "it with socdok-init --provider"),
			ctx->path);
	p->preserve_all =
		sd_setting_get(ctx, "preserve_all", v, sizeof v) == 0 &&
		strcmp(v, "1") == 0;
	p->handover = sd_setting_get(ctx, "preserve_handover", v, sizeof v) == 0
			      ? strcmp(v, "1") == 0
			      : strcmp(p->provider, "enskild") == 0;
	if (sd_setting_get(ctx, "namnd", p->namnd, sizeof p->namnd))
		p->namnd[0] = '\0';
	if ((rc = regime_rule(ctx, p->provider, "SoL", &p->sol)) ||
	    (rc = regime_rule(ctx, p->provider, "LSS", &p->lss)))
		return rc;
	if (!p->sol.found && !p->lss.found)
		return sd_fail(
			ctx, EX_CONFIG,
			_("no gallring rule (base sista-anteckning) for "
			  "provider %s in the rules in force; add one to "
			  "the rules file and load it"),
			p->provider);
	return 0;
}

/* One akt of a person, as read for the plan. */
struct row {
	struct sd_gallra_item it;
	int open, preserved, due;
	int kept; /* its regime's rule keeps it (preserve, or no rule) */
	int obligation_day;
	int child_bmss; /* LSS: a child in bostad med särskild service */
	char np_reason[256];
};

/*
 * The person rule (SoL 12 kap 1 § andra meningen): an akt is not purged
 * while another akt of the same person is open or not yet due.  Fills
 * why with the reason, returns 1 when the group is held back.
 */
static int
person_held(struct row *g, size_t n, size_t self, char *why, size_t wn,
	    int *person_day)
{
	int open = 0, until = 0;
	char d[SD_DATE_SIZE];

	for (size_t i = 0; i < n; i++) {
		if (i == self || g[i].preserved || (g[i].kept && !g[i].open))
			continue;
		if (g[i].open)
			open = 1;
		else if (!g[i].due && g[i].obligation_day > until)
			until = g[i].obligation_day;
	}
	if (open)
		snprintf(why, wn, "person rule: the person has an open akt");
	else if (until)
		snprintf(why, wn,
			 "person rule: another akt of the person is not due "
			 "until %s",
			 sd_date_fmt(until, d));
	*person_day = open ? 0 : until;
	return open || until;
}

static void
add_reason(char *buf, size_t n, const char *s)
{
	size_t l = strlen(buf);
	snprintf(buf + l, n - l, "%s%s", l ? "; " : "", s);
}

/* Decide for the due akter of one person's group. */
static void
decide(const struct sd_gallra_plan *p, struct row *g, size_t n,
       struct sd_gallra_item **items, size_t *count, size_t *cap)
{
	for (size_t i = 0; i < n; i++) {
		struct sd_gallra_item *it = &g[i].it;
		char why[256];
		int until = 0;

		if (g[i].open || g[i].preserved || g[i].kept || !g[i].due)
			continue;
		it->reason[0] = '\0';
		if (it->birth_day == 5 || it->birth_day == 15 ||
		    it->birth_day == 25) {
			/* (a protected identity: not even the day) */
			if (it->protected)
				snprintf(why, sizeof why,
					 "born on day 5, 15 or 25");
			else
				snprintf(why, sizeof why, "born on day %d%s",
					 it->birth_day,
					 it->samordning ? " (samordningsnummer)"
							: "");
			add_reason(it->reason, sizeof it->reason, why);
		}
		if (it->birth_day == 0)
			add_reason(it->reason, sizeof it->reason,
				   "day of birth unknown");
		if (p->preserve_all)
			add_reason(it->reason, sizeof it->reason,
				   "the database preserves every akt "
				   "(preserve-all)");
		if (it->never_purge) {
			snprintf(why, sizeof why, "never-purge: %s",
				 g[i].np_reason);
			add_reason(it->reason, sizeof it->reason, why);
		}
		/*
		 * LSS, a private provider: the records about a child in
		 * bostad med särskild service are handed over to the
		 * nämnd when gallring is due, never purged (LSS 23 d §, not
		 * verified; 23 b § as SFS 2007:1313 gives it).
		 */
		int child =
			g[i].child_bmss && strcmp(p->provider, "enskild") == 0;
		if (child)
			add_reason(it->reason, sizeof it->reason,
				   "LSS 23 d § (ej verifierat; 23 b § as SFS "
				   "2007:1313 gives it): a child in bostad med "
				   "särskild service, handed over to the "
				   "nämnd");
		if (it->reason[0]) {
			it->decision = SD_GALLRA_PRESERVE;
			it->handover =
				(p->handover || child) && !it->never_purge;
		} else if (person_held(g, n, i, why, sizeof why, &until)) {
			it->decision = SD_GALLRA_HOLD;
			add_reason(it->reason, sizeof it->reason, why);
			/* the person's obligation and deadline: one date,
			 * the one followup-due prints for the akt */
			if (until > g[i].obligation_day) {
				int y, m, d;
				sd_date_fmt(until, it->obligation);
				sd_civil_from_days(until, &y, &m, &d);
				sd_date_fmt(sd_days_from_civil(y + 1, 12, 31),
					    it->deadline);
			}
		} else
			it->decision = SD_GALLRA_PURGE;
		*items = sd_grow(*items, *count, cap, sizeof **items, 64);
		(*items)[(*count)++] = *it;
	}
}

static int
cmp_item(const void *a, const void *b)
{
	const struct sd_gallra_item *x = a, *y = b;
	int c = strcmp(x->obligation, y->obligation);
	if (c)
		return c;
	return (x->akt > y->akt) - (x->akt < y->akt);
}

/*
 * The last record written in a closed akt, as a local date (the view in
 * share/schema/0062-last-record.sql, shared with followup-due).  Per
 * akt through the primary key, so that planning one person reads only
 * that person's rows.
 */
#define LAST_SQL "(SELECT last FROM akt_last_record WHERE akt_id = a.id)"

/*
 * An LSS akt with an insats of bostad med särskild service begun (or
 * decided, when never begun) before the person turned 18: the day of
 * birth from the personnummer (a samordningsnummer's day less 60).
 */
#define CHILD_BMSS_SQL                                                         \
	"(a.regime = 'LSS' AND EXISTS (SELECT 1 FROM insats i WHERE "          \
	"i.akt_id = a.id AND i.kind = 'bostad med särskild service' AND "     \
	"coalesce(i.started, i.decided) < date(printf('%s-%s-%02d', "          \
	"substr(p.pnr, 1, 4), substr(p.pnr, 5, 2), "                           \
	"CAST(substr(p.pnr, 7, 2) AS INTEGER) % 60), '+18 years'))) "

int
sd_gallra_plan(struct sd_ctx *ctx, long long person, struct sd_gallra_plan *p)
{
	sqlite3_stmt *st;
	struct row *g = NULL;
	size_t n = 0, gcap = 0, cap = 0;
	long long cur = -1;
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = load_rule(ctx, p)))
		return rc;
#define PLAN_SQL                                                               \
	"SELECT a.id, a.person_id, a.unit_id, p.birth_day, "                   \
	"CAST(substr(p.pnr, 7, 2) AS INTEGER) >= 60, a.never_purge, "          \
	"a.closed, a.preserved, " LAST_SQL ", "                                \
	"(SELECT reason FROM never_purge_note n WHERE n.akt_id = a.id "        \
	"AND n.flag = 1 ORDER BY n.id DESC LIMIT 1), a.regime, "               \
	"a.protected, " CHILD_BMSS_SQL                                         \
	"FROM akt a JOIN person p ON p.id = a.person_id "
	/* Two statements, so that one person's plan uses the akt_person index.
	 */
	if (!(st = sd_prepare(ctx, person ? PLAN_SQL "WHERE a.person_id = ? "
						     "ORDER BY a.id"
					  : PLAN_SQL
					   "ORDER BY a.person_id, a.id")))
		return ctx->err.code;
	if (person)
		sqlite3_bind_int64(st, 1, person);
	for (;;) {
		rc = sqlite3_step(st);
		long long pid =
			rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : -2;
		if (pid != cur && n) {
			decide(p, g, n, &p->items, &p->n, &cap);
			n = 0;
		}
		cur = pid;
		if (rc != SQLITE_ROW)
			break;
		g = sd_grow(g, n, &gcap, sizeof *g, 8);
		struct row *r = &g[n++];
		int last;
		memset(r, 0, sizeof *r);
		r->it.akt = sqlite3_column_int64(st, 0);
		r->it.person = pid;
		r->it.unit = sqlite3_column_int64(st, 2);
		r->it.birth_day = sqlite3_column_int(st, 3);
		r->it.samordning = sqlite3_column_int(st, 4);
		r->it.never_purge = sqlite3_column_int(st, 5);
		r->open = sqlite3_column_type(st, 6) == SQLITE_NULL;
		r->preserved = sqlite3_column_type(st, 7) != SQLITE_NULL;
		snprintf(r->np_reason, sizeof r->np_reason, "%s",
			 sd_col(st, 9));
		snprintf(r->it.regime, sizeof r->it.regime, "%s",
			 sd_col(st, 10));
		r->it.protected = sqlite3_column_int(st, 11);
		r->child_bmss = sqlite3_column_int(st, 12);
		const struct sd_gallra_rule *rule =
			strcmp(r->it.regime, "LSS") == 0 ? &p->lss : &p->sol;
		/* (kept by its rule: never listed, and holds no other akt
		 * of the person back, as a preserved akt) */
		r->kept = rule_keeps(rule);
		if (r->open || r->preserved || r->kept)
			continue;
		snprintf(r->it.rule, sizeof r->it.rule, "%s", rule->id);
		snprintf(r->it.period, sizeof r->it.period, "%d %s",
			 rule->amount, rule->unit);
		snprintf(r->it.last, sizeof r->it.last, "%s", sd_col(st, 8));
		if (sd_date_parse(r->it.last, &last) != 0) {
			sd_fail(ctx, EX_DATAERR,
				_("akt %lld has no readable date of its last "
				  "note "
				  "('%s'); check the database"),
				r->it.akt, r->it.last);
			sd_finalize(st);
			free(g);
			sd_gallra_plan_free(p);
			return EX_DATAERR;
		}
		r->obligation_day = add_period(rule, last);
		r->due = r->obligation_day <= ctx->today;
		sd_date_fmt(r->obligation_day, r->it.obligation);
		int y, m, d;
		sd_civil_from_days(r->obligation_day, &y, &m, &d);
		sd_date_fmt(sd_days_from_civil(y + 1, 12, 31), r->it.deadline);
	}
	sd_finalize(st);
	free(g);
	if (rc != SQLITE_DONE) {
		sd_gallra_plan_free(p);
		return sd_fail_db(ctx, _("cannot read the akter for gallring"));
	}
	if (p->n)
		sd_sort(p->items, p->n, sizeof *p->items, cmp_item);
	return 0;
}

int
sd_gallra_table(struct sd_ctx *ctx, const struct sd_gallra_plan *p,
		struct sd_table **out)
{
	static const char *cols[] = {
		N_("akt"),      N_("born"),     N_("last_note"),
		N_("rule"),     N_("period"),   N_("obligation"),
		N_("deadline"), N_("decision"), N_("reason")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0,
				    0,
				    0,
				    0};
	char akt[32], born[8], what[128], marker[128], reason[700];
	int shown = 0;

	*out = sd_table_new(9, cols, flags);
	for (size_t i = 0; i < p->n; i++) {
		const struct sd_gallra_item *it = &p->items[i];
		if (!sd_unit_may_see(ctx, it->unit))
			continue;
		snprintf(marker, sizeof marker,
			 _("Protected identity (akt %lld)"), it->akt);
		snprintf(akt, sizeof akt, "%lld", it->akt);
		snprintf(born, sizeof born, "%d", it->birth_day);
		/* A protected identity (akt-protect): no day of birth, and
		 * the reason says so, as every list names such a person. */
		if (it->protected)
			snprintf(reason, sizeof reason, "%s%s%s", marker,
				 it->reason[0] ? "; " : "", it->reason);
		const char *row[] = {akt,
				     it->birth_day && !it->protected ? born
								     : NULL,
				     it->last,
				     it->rule,
				     it->period,
				     it->obligation,
				     it->deadline,
				     sd_gallra_decision_name(it->decision),
				     it->protected ? reason : it->reason};
		sd_table_add(*out, row);
		shown++;
	}
	snprintf(what, sizeof what, "listed %d akter due for gallring as of %s",
		 shown, ctx->today_s);
	return sd_log_shown_table(ctx, what, *out, 0);
}

/* ----------------------------------------------------------- the log */

int
sd_gallra_log_print(struct sd_ctx *ctx, enum sd_format fmt, FILE *f)
{
	static const char *cols[] = {N_("id"),        N_("at"),    N_("as_of"),
				     N_("decision"),  N_("login"), N_("purged"),
				     N_("preserved"), N_("akter")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_TIME,
				    0,
				    0,
				    0,
				    SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0};
	sqlite3_stmt *st;
	struct sd_table *t;
	int rc;

	if (fmt == SD_FMT_JSON) {
		char *doc = NULL;
		if (!(st = sd_prepare(
			      ctx,
			      "SELECT json_group_array(json_object('id', id, "
			      "'at', sd_rfc3339(at), 'as_of', as_of, "
			      "'decision', "
			      "decision, "
			      "'login', login, 'purged', purged, 'preserved', "
			      "preserved, 'akter', json(detail))) FROM (SELECT "
			      "* FROM gallring_log ORDER BY id)")))
			return ctx->err.code;
		if (sqlite3_step(st) == SQLITE_ROW)
			doc = sd_strdup(sd_col(st, 0));
		sd_finalize(st);
		if (!doc)
			return sd_fail_db(ctx,
					  _("cannot read the gallringslogg"));
		fprintf(f, "%s\n", doc);
		free(doc);
		return 0;
	}
	if (!(st = sd_prepare(
		      ctx, "SELECT id, at, as_of, decision, login, purged, "
			   "preserved, "
			   "(SELECT group_concat(json_extract(value, '$.akt') "
			   "|| '/' "
			   "|| json_extract(value, '$.year') || ' ' || "
			   "json_extract(value, '$.decision'), ', ') FROM "
			   "json_each(detail)) FROM gallring_log ORDER BY id")))
		return ctx->err.code;
	t = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(t, st);
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		sd_table_free(t);
		return sd_fail_db(ctx, _("cannot read the gallringslogg"));
	}
	rc = sd_table_print(ctx, t, f, fmt);
	sd_table_free(t);
	return rc;
}

/* ------------------------------------------------------- never-purge */

int
sd_gallra_never_purge(struct sd_ctx *ctx, const char *ref, const char *reason,
		      int clear, long long *akt)
{
	struct sd_akt a;
	char id[32], what[64];
	int rc;

	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(
			ctx, EX_NOPERM,
			_("only an arkivarie or an administrator may mark "
			  "an akt never-purge (you are %s)"),
			sd_role_name(ctx->me.role));
	if (!reason || !*reason)
		return sd_fail(ctx, EX_USAGE, "%s",
			       clear ? _("no reason; give -m REASON saying why "
					 "the akt need no longer be kept")
				     : _("no reason; give -m REASON saying why "
					 "the akt must be kept"));
	if ((rc = sd_text_check(ctx, _("the reason"), reason)))
		return rc;
	if ((rc = sd_akt_find(ctx, ref, &a)))
		return rc;
	snprintf(id, sizeof id, "%lld", a.id);
	long long flag = sd_query_int(ctx,
				      "SELECT never_purge FROM akt WHERE "
				      "id = ?",
				      id, SD_END);
	if (flag == !clear)
		return sd_fail(
			ctx, EX_DATAERR,
			clear ? "akt %lld is not marked never-purge"
			      : "akt %lld is already marked never-purge; "
				"see 'gallra'",
			a.id);
	if ((rc = sd_exec(ctx, "UPDATE akt SET never_purge = ? WHERE id = ?",
			  clear ? "0" : "1", id, SD_END)) ||
	    (rc = sd_exec(
		     ctx,
		     "INSERT INTO never_purge_note(akt_id, at, login, flag, "
		     "reason) VALUES (?, ?, ?, ?, ?)",
		     id, sd_clock(ctx), ctx->me.login, clear ? "0" : "1",
		     reason, SD_END)))
		return rc;
	snprintf(what, sizeof what, "%s never-purge",
		 clear ? "cleared" : "marked");
	if (akt)
		*akt = a.id;
	return sd_log_access(ctx, a.id, what);
}

/* ------------------------------------------------------------ settings */

int
sd_gallra_kommun_check(struct sd_ctx *ctx, const char *kommun)
{
	size_t l = kommun ? strlen(kommun) : 0;

	if (!l || l >= 128 || !sd_utf8_valid(kommun, l) ||
	    strpbrk(kommun, "\t\n\r"))
		return sd_fail(ctx, EX_USAGE,
			       _("--kommun needs the kommun's name, one line "
				 "of UTF-8 (e.g. --kommun Örebro)"));
	return 0;
}

int
sd_gallra_kommun(struct sd_ctx *ctx, const char *kommun, int *preserve)
{
	char name[128];
	char **list;
	size_t l;
	int rc;

	*preserve = 0;
	if ((rc = sd_gallra_kommun_check(ctx, kommun)))
		return rc;
	l = strlen(kommun);
	snprintf(name, sizeof name, "%s", kommun);
	if (l > 7 && strcmp(name + l - 7, " kommun") == 0)
		name[l -= 7] = '\0';
	if (!(list = sd_list_load(ctx, "bevara-alla.txt")))
		return ctx->err.code;
	*preserve = sd_list_has(list, name);
	if (!*preserve && l > 1 && name[l - 1] == 's') {
		name[l - 1] = '\0';
		if (!(*preserve = sd_list_has(list, name)))
			name[l - 1] = 's';
	}
	sd_list_free(list);
	if ((rc = sd_setting_set(ctx, "kommun", kommun)))
		return rc;
	return *preserve ? sd_setting_set(ctx, "preserve_all", "1") : 0;
}

/* A rule's unit (rules.tsv keeps it in English) in the user's language. */
static const char *
unit_words(const char *unit)
{
	if (strcmp(unit, "years") == 0)
		return _("years");
	if (strcmp(unit, "months") == 0)
		return _("months");
	if (strcmp(unit, "weeks") == 0)
		return _("weeks");
	if (strcmp(unit, "days") == 0)
		return _("days");
	return unit;
}

int
sd_gallra_config(struct sd_ctx *ctx, int preserve_all, int handover,
		 const char *namnd, FILE *f)
{
	struct sd_gallra_plan p;
	char kommun[128];
	int rc;

	int change = preserve_all >= 0 || handover >= 0 || namnd;

	if (change && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(
			ctx, EX_NOPERM,
			_("only an administrator may change the gallring "
			  "settings (you are %s)"),
			sd_role_name(ctx->me.role));
	if ((preserve_all >= 0 &&
	     (rc = sd_setting_set(ctx, "preserve_all",
				  preserve_all ? "1" : "0"))) ||
	    (handover >= 0 && (rc = sd_setting_set(ctx, "preserve_handover",
						   handover ? "1" : "0"))))
		return rc;
	if (namnd) {
		size_t l = strlen(namnd);
		if (!l || l >= sizeof p.namnd || !sd_utf8_valid(namnd, l) ||
		    strpbrk(namnd, "\t\n\r"))
			return sd_fail(ctx, EX_USAGE,
				       _("--namnd needs the nämnd's name, one "
					 "line of UTF-8"));
		if ((rc = sd_setting_set(ctx, "namnd", namnd)))
			return rc;
	}
	if ((rc = load_rule(ctx, &p)))
		return rc;
	if (sd_setting_get(ctx, "kommun", kommun, sizeof kommun))
		snprintf(kommun, sizeof kommun, "-");
	fprintf(f, _("kommun:        %s\n"), kommun);
	fprintf(f, _("provider:      %s\n"), p.provider);
	fprintf(f, _("nämnd:         %s\n"), *p.namnd ? p.namnd : "-");
	for (int i = 0; i < 2; i++) {
		const struct sd_gallra_rule *r = i ? &p.lss : &p.sol;
		const char *regime = i ? "LSS" : "SoL";
		if (!r->found)
			fprintf(f, _("rule %s:      none: preserved\n"),
				regime);
		else if (rule_keeps(r))
			fprintf(f, _("rule %s:      %s (preserved)\n"), regime,
				r->id);
		else
			fprintf(f,
				_("rule %s:      %s (%d %s after the last "
				  "note)\n"),
				regime, r->id, r->amount, unit_words(r->unit));
	}
	fprintf(f,
		_("preserve-all:  %s\n"
		  "handover:      %s\n"),
		p.preserve_all ? _("yes") : _("no"),
		p.handover ? _("yes") : _("no"));
	if (change) {
		char what[256];
		snprintf(what, sizeof what,
			 "gallring settings: preserve-all %s, handover %s, "
			 "nämnd %s",
			 p.preserve_all ? "yes" : "no",
			 p.handover ? "yes" : "no", *p.namnd ? p.namnd : "-");
		return sd_log_access(ctx, 0, what);
	}
	return 0;
}
