/*
 * insats.h - insatser: the decided interventions of an akt, from beslut
 * through verkställighet (and interruptions) to their end.
 */
#ifndef SD_INSATS_H
#define SD_INSATS_H

#include "akt.h"

/* The insatser of an akt as a table. */
int sd_insats_table(struct sd_ctx *ctx, long long akt, struct sd_table **out);

/* Room for an insats kind's name. */
#define SD_KIND_SIZE 64

/*
 * The handläggare of an insats as given (insats-add, insats-correct):
 * the name one line of UTF-8, the address one mail address; NULL is
 * not given.
 */
int sd_insats_handlaggare_check(struct sd_ctx *ctx, const char *name,
				const char *email);

/*
 * The insats kind typed (with or without å, ä, ö: word.h) as
 * share/insatser.txt spells it, into canon (n bytes), checked against
 * akt a's regime: a kind flagged [LSS] and not [SoL] is refused on an
 * akt that is not under LSS.
 */
int sd_insats_kind(struct sd_ctx *ctx, const char *typed,
		   const struct sd_akt *a, char *canon, size_t n);

/* A new insats (insats-add). */
struct sd_insats_in {
	long long akt;
	const char *kind;
	const char *decided;
	const char *ordered;
	const char *handlaggare;
	const char *goal;
	const char *handlaggare_email; /* where their notices go */
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

/* What insats-correct corrects: NULL leaves a value as it is. */
struct sd_insats_correct_in {
	long long id;                  /* the insats */
	const char *decided;           /* the beslut date */
	const char *kind;              /* the kind of insats */
	const char *started;           /* the date of verkställighet */
	const char *handlaggare;       /* the handläggare's name */
	const char *handlaggare_email; /* and mail address */
	const char *why;               /* -m: required */
};

/*
 * Correct the facts of insats in->id: each changed value written in the
 * insats, an insats-correct fact with the old and new value, who, when
 * and why, one journal note (sökord rättelse) saying what was corrected,
 * and the access log; deadlines that count from these dates follow, as
 * they are computed from the insats.  Inside the caller's transaction.
 */
int sd_insats_correct(struct sd_ctx *ctx,
		      const struct sd_insats_correct_in *in);

#endif
