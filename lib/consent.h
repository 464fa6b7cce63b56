/*
 * consent.h - the person's consents (samtycken, seeds 002 and 004): to
 * whom, about what, from when and until when, how given; recorded and
 * withdrawn as chained facts of the akt (akt_fact, 0140 and 0147).
 */
#ifndef SD_CONSENT_H
#define SD_CONSENT_H

#include "socdok.h"

/* A consent to record (akt-consent AKT ...). */
struct sd_consent_in {
	const char *ref;   /* akt id or personnummer */
	const char *to;    /* --to WHOM */
	const char *about; /* --about WHAT */
	const char *from;  /* --from DATE */
	const char *until; /* --until DATE, or NULL: until withdrawn */
	const char *how;   /* -m HOW */
};

/*
 * Record a consent on the open akt in->ref, for those who may write in
 * its journal.  *akt gets the akt's id, *id the consent's.  Chained and
 * logged, inside the caller's transaction.
 */
int sd_consent_add(struct sd_ctx *ctx, const struct sd_consent_in *in,
		   long long *akt, long long *id);

/*
 * Withdraw consent id on date (NULL: today) because of why; the consent
 * stays, shown as withdrawn.  *akt gets the akt's id.
 */
int sd_consent_withdraw(struct sd_ctx *ctx, long long id, const char *date,
			const char *why, long long *akt);

/*
 * The consents of akt, oldest first, as a table (id, to, about, from,
 * until, how, recorded, by, withdrawn, withdrawn_by, why); *out is NULL
 * when the akt has none.
 */
int sd_consent_table(struct sd_ctx *ctx, long long akt, struct sd_table **out);

/* The consents of akt as Markdown list lines for the export (*out
 * malloc'ed, NULL when none). */
int sd_consent_markdown(struct sd_ctx *ctx, long long akt, char **out);

#endif
