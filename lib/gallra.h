/*
 * gallra.h - gallring (purging) and urvalsbevarande (preservation) of
 * akter, SoL 12 kap 1 § and 7 kap 3 § (seed 002, "Arkivering"): which
 * akter are due, what is decided for each, the archive package of a
 * preserved akt, the purge that really erases, and the gallringslogg.
 */
#ifndef SD_GALLRA_H
#define SD_GALLRA_H

#include "socdok.h"

/* What happens to an akt whose gallring is due. */
enum sd_gallra_decision {
	SD_GALLRA_PURGE = 1, /* erase it */
	SD_GALLRA_PRESERVE,  /* archive package; never purged */
	SD_GALLRA_HOLD       /* person rule: another akt is not yet due */
};

/* One akt whose gallring is due (its obligation date is not after today). */
struct sd_gallra_item {
	long long akt;
	long long person;
	long long unit;
	int birth_day;                 /* real day of birth, 0 when unknown */
	int samordning;                /* 1 for a samordningsnummer */
	int never_purge;               /* the arkivarie's flag */
	int protected;                 /* skyddade personuppgifter: the list
					  shows neither day of birth nor who */
	char regime[4];                /* SoL or LSS */
	char rule[64];                 /* the gallring rule of its regime */
	char period[24];               /* the rule's period, e.g. "5 years" */
	char last[SD_DATE_SIZE];       /* the last record written in the akt */
	char obligation[SD_DATE_SIZE]; /* last + period: gallringsskyldigheten
					  inträder */
	char deadline[SD_DATE_SIZE];   /* 31 December of the following year;
					  under the person rule, of the
					  person's latest obligation, as
					  followup-due counts it */
	enum sd_gallra_decision decision;
	int handover; /* preserved and handed over (to the nämnd, or the
			 archive): removed from the database once packaged */
	char reason[512];
};

/*
 * The gallring rule of a regime (base sista-anteckning, applying to the
 * regime and the provider): a period, or preserve (never purged, as an
 * LSS akt of a municipal provider), or none in the rules in force (kept
 * too: what cannot be classified is preserved).
 */
struct sd_gallra_rule {
	char id[64];   /* the rule id, e.g. gallring, gallring-lss */
	int amount;    /* the period, e.g. 5 */
	char unit[16]; /* years, months, weeks, days, or preserve */
	int found;     /* 0: no rule applies */
};
/* The gallring plan as of ctx->today. */
struct sd_gallra_plan {
	char provider[16];              /* kommunal or enskild */
	struct sd_gallra_rule sol, lss; /* the rules by the akt's regime */
	int preserve_all;               /* setting preserve_all */
	int handover;    /* setting preserve_handover; unset: yes for a private
			    provider (SoL 7 kap. 3 §, LSS 23 c §), no for a
			    municipal one */
	char namnd[128]; /* setting namnd: the (beställande) nämnd */
	struct sd_gallra_item *items;
	size_t n;
};

/*
 * Compute which akter are due and the decision for each, as of
 * ctx->today; person 0 for all persons, else only that person's akter.
 * Open and already preserved akter are never listed.  The caller frees
 * the plan with sd_gallra_plan_free.
 */
int sd_gallra_plan(struct sd_ctx *ctx, long long person,
		   struct sd_gallra_plan *out);
void sd_gallra_plan_free(struct sd_gallra_plan *p);
/* The name of a decision: purge, preserve, hold. */
const char *sd_gallra_decision_name(enum sd_gallra_decision d);

/*
 * The dry run: the plan's akter that the actor may see, as a table
 * (akt, born, last_note, rule, period, obligation, deadline, decision,
 * reason); the listing is written to the access log.
 */
int sd_gallra_table(struct sd_ctx *ctx, const struct sd_gallra_plan *p,
		    struct sd_table **out);

/* How to free the space of purged rows. */
enum sd_gallra_vacuum {
	SD_VACUUM_INCREMENTAL =
		0,     /* auto_vacuum=INCREMENTAL, incremental_vacuum */
	SD_VACUUM_FULL /* VACUUM: rewrite the whole file */
};

struct sd_gallralog;

struct sd_gallra_exec {
	const char *decision;     /* the archive authority's gallringsbeslut */
	const char *preserve_dir; /* where archive packages go */
	enum sd_gallra_vacuum vacuum;
	const char *log_file;     /* gallringslogg file, NULL: the default */
	struct sd_gallralog *log; /* set by sd_gallra_execute itself */
};

struct sd_gallra_result {
	int purged, preserved, held;
	long long log_id;
};

/*
 * Execute the plan (an arkivarie or admin only): archive packages for
 * the akter to preserve, then the purge, one transaction per person,
 * the gallringslogg line, and a WAL checkpoint and vacuum so nothing
 * purged remains in the file.  Manages its own transactions: call it
 * outside one.
 */
int sd_gallra_execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		      struct sd_gallra_result *r);

/*
 * Erase akt and everything of it (and its person when no akt of theirs
 * is left) inside the caller's transaction, as gallra --execute does:
 * for socdok-restore, re-applying a purge recorded after a backup.
 */
int sd_gallra_purge_akt(struct sd_ctx *ctx, long long akt,
			const char *decision);

/* Print the gallringslogg in fmt (text, tsv, csv or json) to f. */
int sd_gallra_log_print(struct sd_ctx *ctx, enum sd_format fmt, FILE *f);

/*
 * Mark an akt never-purge with reason (or clear the mark with --clear),
 * an arkivarie or admin only, inside the caller's transaction.
 */
int sd_gallra_never_purge(struct sd_ctx *ctx, const char *ref,
			  const char *reason, int clear, long long *akt);

/*
 * Change the gallring settings (-1, or namnd NULL, leaves one as it is;
 * an admin only) and print them to f.  namnd: the nämnd preserved akter
 * are handed over to (a private provider's beställande nämnd), printed
 * on the archive package's label.
 */
/*
 * The kommun the database serves (socdok-init --kommun), stored as given
 * in the setting kommun (the archive package's label names it, e.g.
 * "Örebro kommun"); when it is one
 * of share/bevara-alla.txt (SoF 7 kap. 2 §: every akt preserved), the
 * setting preserve_all too.  "Linköpings kommun" is Linköping.  Sets
 * *preserve to 1 when the list names it.  Inside the caller's
 * transaction.
 */
int sd_gallra_kommun(struct sd_ctx *ctx, const char *kommun, int *preserve);
/* Whether kommun is a name --kommun takes: EX_USAGE with ctx->err if not. */
int sd_gallra_kommun_check(struct sd_ctx *ctx, const char *kommun);
int sd_gallra_config(struct sd_ctx *ctx, int preserve_all, int handover,
		     const char *namnd, FILE *f);

#endif
