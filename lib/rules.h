/*
 * rules.h - deadline rules as data: loading share/rules.tsv (or a unit's
 * own file) into the database and showing the rules in force.
 */
#ifndef SD_RULES_H
#define SD_RULES_H

#include "socdok.h"

/* The base events a rule may count from (NULL-terminated). */
extern const char *const sd_rule_bases[];
/* The facts that may satisfy a rule, '-' for none (NULL-terminated). */
extern const char *const sd_rule_dones[];

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
