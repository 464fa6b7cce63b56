/*
 * ivo.h - the quarterly report to IVO of beslut not carried out within
 * three months, of interruptions of three months or more, and of those
 * ended without being carried out; and the statistics report to
 * kommunfullmäktige and the revisorer (SoL 2001:453 16 kap. 6 f and
 * 6 h §§, LSS 28 f and 28 h §§; the citations in share/lagrum.tsv).
 */
#ifndef SD_IVO_H
#define SD_IVO_H

#include "socdok.h"

enum sd_ivo_view {
	/* for the unit: personnummer and name, the paragraph cited */
	SD_IVO_UNIT,
	/* IVO's individrapport: no name; the person as IVO asks,
	 * ÅÅÅÅMMDD-T and three digits, the last odd for a man and even for
	 * a woman, stable for the person (HMAC under a per-database secret
	 * kept in setting 'pseudonym_secret', created on first use) */
	SD_IVO_FORM,
	/* anonymised counts by law, case, kind and time waited (3-6, 6-12,
	 * more than 12 months), women and men */
	SD_IVO_STATISTIK
};

/*
 * The report for quarter q ("YYYYQn") as of its last day, as a table in
 * the view asked for (the caller frees *out with sd_table_free).
 * *enskild is set to 1 when the database is a private provider's: the
 * list is then a notice to the beställande nämnd, whose the report is.
 * One line is written to the access log.
 */
int sd_ivo_report(struct sd_ctx *ctx, const char *quarter,
		  enum sd_ivo_view view, struct sd_table **out, int *enskild);
/* The same for the akter of one unit (NULL: every unit seen); 77 for a
 * unit the actor does not see. */
int sd_ivo_report_unit(struct sd_ctx *ctx, const char *quarter,
		       const char *uname, enum sd_ivo_view view,
		       struct sd_table **out, int *enskild);

#endif
