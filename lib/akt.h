/*
 * akt.h - akter (case files) and their persons: finding, opening,
 * listing, showing, access checks, and the hand-over to the archive.
 * Staff, units, insatser and the access log have their own modules
 * (staff.h, unit.h, insats.h, audit.h).
 */
#ifndef SD_AKT_H
#define SD_AKT_H

#include "socdok.h"

/* One akt as the programs show it (strings empty when unknown). */
struct sd_akt {
	long long id;
	long long person_id;
	long long unit_id;
	long long kontaktperson; /* staff id, 0 for none */
	char pnr[13];
	char name[256];
	int birth_day;
	char unit[128];
	char regime[4];
	char kp_login[64];
	char kp_name[128];
	char opened[SD_DATE_SIZE];
	char closed[SD_DATE_SIZE];
	char foretradare[256]; /* "Name, relation, contact", "" for none */
	int protected;         /* skyddade personuppgifter (akt-protect) */
};

/*
 * Find an akt by id or by a personnummer with exactly one open akt the
 * actor may see.  EX_NOINPUT (66) when none, EX_NOPERM (77) when it
 * belongs to another unit.  Does not log the read: callers do.
 */
int sd_akt_find(struct sd_ctx *ctx, const char *ref, struct sd_akt *out);
/* The same for closed akter: by id, or the one closed akt of a pnr. */
int sd_akt_find_closed(struct sd_ctx *ctx, const char *ref, struct sd_akt *out);
/* Load an akt by id without any access check (internal use). */
int sd_akt_load(struct sd_ctx *ctx, long long id, struct sd_akt *out);
/* EX_DATAERR naming the closing date when the akt is closed. */
int sd_akt_check_open(struct sd_ctx *ctx, const struct sd_akt *a);
/*
 * EX_NOPERM naming the unit unless the actor may see akt a
 * (sd_unit_may_see); a protected akt (akt-protect) only by its
 * kontaktperson, an enhetschef of its unit or an administrator.
 */
int sd_akt_check_read(struct sd_ctx *ctx, const struct sd_akt *a);
/*
 * EX_NOPERM unless the actor may change akt a: its unit's staff or an
 * admin; an arkivarie only reads.
 */
int sd_akt_check_write(struct sd_ctx *ctx, const struct sd_akt *a);

/* A new akt (akt-new). */
struct sd_akt_in {
	const char *pnr;
	const char *name;
	const char *unit;
	const char *regime;        /* NULL: SoL */
	const char *kontaktperson; /* login or NULL */
	const char *opened;        /* NULL: today */
	/*
	 * No personnummer (pnr NULL): a reservnummer is given, the first
	 * free one of the birth date born (YYYY-MM-DD) and gender
	 * ("kvinna" or "man", folded as word.h does), written into
	 * reserv (YYYYMMDD-RNGC) when reserv is not NULL.
	 */
	const char *born;
	const char *gender;
	char *reserv; /* 14 bytes, or NULL */
};
int sd_akt_new(struct sd_ctx *ctx, const struct sd_akt_in *in, long long *id);

/*
 * Whether a person's name is in the form "Efternamn, Förnamn" that the
 * help asks for and lists sort by: one comma, something on each side.
 */
int sd_akt_name_form(const char *name);

/* List akter the actor may see; unit NULL for all, open -1/0/1
 * (any/closed/open). */
int sd_akt_list(struct sd_ctx *ctx, const char *unit, int open,
		struct sd_table **out);
/*
 * Print an akt (person, unit, kontaktperson, företrädare, insatser) and
 * log the read; with SD_AKT_HISTORY its facts too (text and JSON: after
 * the insatser; TSV and CSV: instead of them).
 */
#define SD_AKT_HISTORY 0x1
int sd_akt_show(struct sd_ctx *ctx, const struct sd_akt *a, unsigned flags,
		enum sd_format fmt, FILE *f);

/*
 * Record that the closed akt (a reference as for sd_akt_find) was
 * handed over to the intermediate archive on date (seed 002); for an
 * enhetschef, arkivarie or administrator.
 */
int sd_akt_handover(struct sd_ctx *ctx, const char *ref, const char *date,
		    long long *akt);

#endif
