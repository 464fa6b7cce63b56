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

/*
 * A fact of issue 19's table akt_fact (0140): a change of an akt or
 * insats that keeps the old value, a cancellation, a protection, a
 * consent.  Fields NULL (ids 0) for none.  Recorded now by the actor,
 * inside the caller's transaction; *id (may be NULL) gets its id.
 */
struct sd_akt_fact {
	long long akt;
	long long insats;
	const char *kind;
	const char *date;
	const char *field;
	const char *old_value;
	const char *new_value;
	const char *reason;
	const char *text;
	long long ref;
	long long note;
	const char *consent_to;    /* a consent: to whom, */
	const char *consent_about; /* about what, */
	const char *consent_until; /* until when (lib/consent.c) */
};
int sd_fact_akt_add(struct sd_ctx *ctx, const struct sd_akt_fact *f,
		    long long *id);

#endif
