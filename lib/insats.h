/*
 * insats.h - insatser: the decided interventions of an akt, from beslut
 * through verkställighet (and interruptions) to their end.
 */
#ifndef SD_INSATS_H
#define SD_INSATS_H

#include "akt.h"

/* The insatser of an akt as a table. */
int sd_insats_table(struct sd_ctx *ctx, long long akt, struct sd_table **out);

/* A new insats (insats-add). */
struct sd_insats_in {
	long long akt;
	const char *kind;
	const char *decided;
	const char *ordered;
	const char *handlaggare;
	const char *goal;
};
int sd_insats_add(struct sd_ctx *ctx, const struct sd_insats_in *in,
		  long long *id);
/* Record verkställighet (with its påbörjad-insats note); date NULL = today. */
int sd_insats_start(struct sd_ctx *ctx, long long id, const char *date);
/* End an insats (with its avslutad-insats note); date NULL = today. */
int sd_insats_end(struct sd_ctx *ctx, long long id, const char *date,
		  const char *reason);
/* The akt an insats belongs to (access checked for the actor). */
int sd_insats_akt(struct sd_ctx *ctx, long long insats, struct sd_akt *out);

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
 * End an insats that was never started (insats-cancel): on date (NULL:
 * today), with reason one of återkallat, avböjt, avliden, flyttat,
 * annat, and text saying more; a fact, its journal note (sökord
 * avslutad-insats) and the access log, inside the caller's transaction.
 */
int sd_insats_cancel(struct sd_ctx *ctx, long long id, const char *date,
		     const char *reason, const char *text);

#endif
