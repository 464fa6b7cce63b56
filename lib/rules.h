/*
 * rules.h - deadline rules as data: loading share/rules.tsv (or a unit's
 * own file) into the database and showing the rules in force; and the
 * one vocabulary of rules: the base events and satisfying facts.
 */
#ifndef SD_RULES_H
#define SD_RULES_H

#include "socdok.h"

/*
 * The base events a rule may count from.  The value is the code that
 * sd_rules_load stores beside the name (rule.base_code, migration 0072)
 * and that followup-due's SQL reads; the order is that of the names in
 * messages.  See docs/followup-due.1 for what each means.
 */
enum sd_rule_base {
	SD_BASE_BESLUT = 1,            /* beslut: the insats's decision date */
	SD_BASE_VERKSTALLIGHET,        /* verkstallighet: the insats's start */
	SD_BASE_SENASTE_GP,            /* the latest plan or gp follow-up */
	SD_BASE_SENASTE_SAMTAL,        /* senaste-uppfoljningssamtal */
	SD_BASE_INTRODUKTION,          /* introduktionssamtal */
	SD_BASE_SISTA_INSATS_SLUT,     /* the last running insats ended */
	SD_BASE_AKT_AVSLUTAD,          /* the akt was closed */
	SD_BASE_SISTA_ANTECKNING,      /* the last note in the akt */
	SD_BASE_SENASTE_TRYGGHETSLARM, /* start or last alarm follow-up */
	SD_BASE_END
};

/*
 * The facts that may satisfy a rule (rule.done_code).  SD_DONE_NONE ('-')
 * is a recurring rule, whose base itself moves when the next event is
 * recorded; the follow-up kinds are satisfied by a follow-up of that
 * kind on or after the base.
 */
enum sd_rule_done {
	SD_DONE_NONE = 0,       /* - */
	SD_DONE_VERKSTALLIGHET, /* the insats started */
	SD_DONE_GP,             /* an established plan on/after the base */
	SD_DONE_UPPFOLJNING,    /* follow-ups of these kinds */
	SD_DONE_UPPFOLJNINGSSAMTAL,
	SD_DONE_PLANERINGSSAMTAL,
	SD_DONE_INTRODUKTIONSSAMTAL,
	SD_DONE_HANDLAGGARE_UPPFOLJNING,
	SD_DONE_TRYGGHETSLARM,
	SD_DONE_AKT_AVSLUTAD,      /* the akt was closed */
	SD_DONE_ARKIV_OVERLAMNING, /* handed to the intermediate archive */
	SD_DONE_END
};

/*
 * The names, as written in rules files and the rule table, indexed by
 * the codes above, NULL-terminated (sd_rule_bases[0] is unused: a base
 * code is never 0).
 */
extern const char *const sd_rule_bases[SD_BASE_END + 1];
extern const char *const sd_rule_dones[SD_DONE_END + 1];

/* The code of a name, or -1 when it is none of them. */
int sd_rule_base_code(const char *name);
int sd_rule_done_code(const char *name);

/*
 * Whether a rule applies, by its applies column: '*' or a comma-separated
 * list of words of three sorts, the regimes SoL and LSS (the akt's), the
 * providers kommunal and enskild (the database's) and insats kinds.
 * Words of one sort are alternatives; every sort named must hold:
 * "kommunal,SoL" is an SoL akt of a municipal provider, "SoL,LSS" an akt
 * of either regime.  A NULL kind (a rule on the akt) matches no kind.
 */
int sd_rule_applies(const char *applies, const char *kind, const char *regime,
		    const char *provider);

/*
 * Replace the rules in force with those of the TSV file at path (header
 * id, description, base, amount, unit, done, applies, workday,
 * responsible, deadline, source), inside
 * the caller's transaction.  A bad line is refused with its line number.
 * Sets *count to the number of rules loaded.
 */
int sd_rules_load(struct sd_ctx *ctx, const char *path, int *count);
/* The default rules file, share/rules.tsv, into buf. */
char *sd_rules_default(char *buf, size_t n);
/* The rules in force as a table. */
int sd_rules_table(struct sd_ctx *ctx, struct sd_table **out);

#endif
