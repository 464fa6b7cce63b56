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
 * Append a fact of kind ("avbrott", "avbrott-slut", "arkiv-overlamning")
 * on date to akt (insats 0 and note 0 for none), with its reason (NULL
 * for none), recorded now by the actor, inside the caller's transaction.
 */
int sd_fact_add(struct sd_ctx *ctx, long long akt, long long insats,
		const char *kind, const char *date, const char *reason,
		long long note);

#endif
