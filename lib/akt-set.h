/*
 * akt-set.h - facts of an akt that can be corrected without erasing:
 * the person's name and personnummer, the kontaktperson, the unit and
 * the företrädare (akt-set), and the history of every such fact (akt-show
 * --history).
 */
#ifndef SD_AKT_SET_H
#define SD_AKT_SET_H

#include "socdok.h"

/* What akt-set changes: NULL leaves a value as it is. */
struct sd_akt_set_in {
	const char *ref;           /* akt id or personnummer */
	const char *name;          /* the person's name */
	const char *kontaktperson; /* a login of the unit; "" for none */
	const char *unit;          /* another unit's name */
	const char *foretradare;   /* "Name, relation, contact"; "" for none */
	const char *personnummer;  /* the person's personnummer or
				      samordningsnummer, for a reservnummer
				      or a wrong one */
	const char *why;           /* -m: required */
};

/*
 * Change the open akt in->ref: each changed value a fact in akt_fact
 * with the old and new value, who, when and why, and a line in the
 * access log.  For the akt's unit (not an arkivarie); a move to another
 * unit for an enhetschef of both units or an admin.  A personnummer
 * is the person's: the fact is written in each of their akter.  *akt
 * gets the
 * akt's id.  Inside the caller's transaction.
 */
int sd_akt_set(struct sd_ctx *ctx, const struct sd_akt_set_in *in,
	       long long *akt);

/*
 * The facts of akt, oldest first, as a table (recorded, by, kind,
 * insats, field, old, new, date, reason, why); the caller frees it.
 */
int sd_akt_history(struct sd_ctx *ctx, long long akt, struct sd_table **out);

#endif
