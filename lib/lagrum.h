/*
 * lagrum.h - the law (or local routine) behind each rule, from
 * share/lagrum.tsv: the provision of socialtjänstlagen (2025:400), LSS or
 * SoF in force and the former one of socialtjänstlagen (2001:453).
 */
#ifndef SD_LAGRUM_H
#define SD_LAGRUM_H

#include "socdok.h"

/*
 * The citation for rule under regime ("SoL", "LSS"; rows with regime '*'
 * match any) into buf: "LAG NY (tidigare TIDIGARE)", e.g.
 * "SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §)", or the routine
 * when the rule rests on no law.  An empty string when lagrum.tsv has no
 * row for it.  Returns 0, or EX_CONFIG with ctx->err set when the file
 * cannot be read.
 */
int sd_lagrum_cite(struct sd_ctx *ctx, const char *rule, const char *regime,
		   char *buf, size_t n);

#endif
