/*
 * ivo.h - the quarterly report to IVO of beslut not carried out within
 * three months, and of interruptions of three months or more
 * (SoL 16 kap 6 f §, LSS 28 f §).
 */
#ifndef SD_IVO_H
#define SD_IVO_H

#include "socdok.h"

/*
 * The report for quarter q ("YYYYQn") as of its last day, as a table:
 * person (personnummer and name when pseudo is 0, else a stable
 * pseudonym: HMAC-SHA-256 of the personnummer under a per-database
 * secret kept in setting 'pseudonym_secret', created on first use),
 * regime, law, kind of case (ej-verkstallt or avbrott), insats, kind,
 * decision date, from, days waited, the reason noted in the journal
 * (sökord ej-verkställt) and when it was carried out, if it has been.
 */
int sd_ivo_report(struct sd_ctx *ctx, const char *quarter, int pseudo,
		  struct sd_table **out);

#endif
