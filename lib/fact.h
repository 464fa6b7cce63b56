/*
 * fact.h - dated facts that are neither notes nor follow-ups: the
 * interruption of an insats and its end (for ivo-report), and the
 * hand-over of a closed akt to the intermediate archive (for the rule
 * arkiv-overlamning).  Append-only, like the journal.
 */
#ifndef SD_FACT_H
#define SD_FACT_H

#include "socdok.h"

/*
 * Record that the running insats stopped being carried out on date
 * (NULL: today), with the reason, and its journal note (sökord
 * ej-verkställt), inside the caller's transaction.
 */
int sd_insats_avbrott(struct sd_ctx *ctx, long long insats, const char *date,
		      const char *reason);
/* Record that an interrupted insats is carried out again from date. */
int sd_insats_resume(struct sd_ctx *ctx, long long insats, const char *date);
/*
 * Record that the closed akt (a reference as for sd_akt_find) was
 * handed over to the intermediate archive on date (seed 002); for an
 * enhetschef, arkivarie or administrator.
 */
int sd_akt_handover(struct sd_ctx *ctx, const char *ref, const char *date,
		    long long *akt);

#endif
