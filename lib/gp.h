/*
 * gp.h - genomförandeplaner: checking a plan (gp-check.c); the template,
 * versions that supersede and never delete, signatures, follow-ups as
 * dated events (gp.c); showing a plan, its versions and their diff
 * (gp-show.c).
 */
#ifndef SD_GP_H
#define SD_GP_H

#include "akt.h"
#include "socdok.h"

/* What checking a plan found. */
struct sd_gp_check {
	char **problems; /* one line each: "section: what is missing; fix" */
	size_t n;
	int declined;  /* the person declined to take part (seed 004) */
	int took_part; /* the plan says how the person took part */
	int delmal;    /* number of delmål under Mål och insatser */
	/* "Uppföljning: senast DATE" in Planens framtagande, or "" */
	char followup[SD_DATE_SIZE];
};

/*
 * Check plan text (after its hints are removed): the sections of
 * share/gp-required.txt present and not empty, Planens framtagande saying
 * how the person took part or that they declined, and every delmål under
 * Mål och insatser saying vad, när, hur and vem.  Fills out (free with
 * sd_gp_check_free); returns 0 even when problems are found, or an error
 * code when the check itself could not run.
 */
int sd_gp_check(struct sd_ctx *ctx, const char *text, struct sd_gp_check *out);
void sd_gp_check_free(struct sd_gp_check *c);

/*
 * The text with the template's hints removed: top-level HTML comments
 * (<!-- ... -->) standing alone on their lines.  Returns malloc'd text.
 */
char *sd_gp_strip_hints(const char *text);

/*
 * Find the akt for a new plan: it must exist, be open, belong to one of
 * the user's units, and the user must not be an arkivarie.
 */
int sd_gp_akt_for_write(struct sd_ctx *ctx, const char *ref, struct sd_akt *a);

/*
 * The date of a new version of akt a's document kept in versions (the
 * plan, the levnadsberättelse), named what in messages ("--date", or
 * the plan date): well formed, not in the future, not before the akt
 * was opened.
 */
int sd_gp_doc_date(struct sd_ctx *ctx, const struct sd_akt *a, const char *what,
		   const char *date);

/*
 * The latest version of an akt's document kept in versions (the plan,
 * the levnadsberättelse): sql selects version, date and body of the
 * akt ?1, the latest first.  *next is its version + 1 (1 when there is
 * none), date its date ("" when none); its body is appended to body.
 */
int sd_gp_doc_latest(struct sd_ctx *ctx, const char *sql, long long akt,
		     long long *next, char date[SD_DATE_SIZE],
		     struct sd_buf *body);

/*
 * The template share/gp-template.md prefilled from the database (person,
 * unit, kontaktperson, the insatser not ended with their goals, the plan
 * date and the follow-up date of rule gp-uppfoljning) appended to out.
 * The read is logged.
 */
int sd_gp_template(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
		   struct sd_buf *out);

/*
 * The text of the akt's current plan appended to out; 1 when there is
 * none.  Not logged (the caller logs what it does with it).
 */
int sd_gp_current_text(struct sd_ctx *ctx, long long akt, struct sd_buf *out);

/* A new plan version (gp-new). */
struct sd_gp_in {
	long long akt;
	const char *date; /* plan date; NULL: today */
	const char *text; /* Markdown, hints are removed */
};

/*
 * Check and store a new version of the akt's plan with its journal note
 * (category genomförandeplan), inside the caller's transaction.  When the
 * check finds problems, chk lists them and EX_DATAERR is returned with a
 * summary in ctx->err; chk is filled either way (sd_gp_check_free).
 * Sets *id and *version; *removed to the lines of the previous version
 * that the new one no longer has (0 for a first plan).
 */
int sd_gp_new(struct sd_ctx *ctx, const struct sd_gp_in *in,
	      struct sd_gp_check *chk, long long *id, long long *version,
	      size_t *removed);

/*
 * What a gp program works on, named the same way by every one of them
 * (gp-new, gp-show, gp-sign, gp-followup): a bare AKT (an akt id or a
 * personnummer), --akt AKT, or --plan PLAN (a plan id).  gp-sign and
 * gp-followup took a bare plan id before; for them (legacy_plan) a bare
 * number that names no akt but a plan is still that plan, and one that
 * names an akt and a plan that is not its current plan is refused as
 * ambiguous.
 */
struct sd_gp_ref {
	const char *arg;  /* the bare argument, or NULL */
	const char *akt;  /* --akt AKT, or NULL */
	const char *plan; /* --plan PLAN, or NULL */
	int legacy_plan;  /* a bare number may still be a plan id */
};

/* A signature, or a refusal to sign (gp-sign). */
struct sd_gp_sign_in {
	struct sd_gp_ref ref; /* the plan, or the akt's current plan */
	const char *by;       /* brukare, foretradare or kontaktperson */
	const char *date;     /* NULL: today */
	const char *name;     /* NULL: from the akt where known */
	const char *declined; /* the reason the person declined, or NULL */
};
int sd_gp_sign(struct sd_ctx *ctx, const struct sd_gp_sign_in *in,
	       long long *id);

/* A follow-up or conversation (gp-followup). */
struct sd_gp_followup_in {
	struct sd_gp_ref ref; /* the plan, or the akt's current plan, if any */
	const char *kind;     /* NULL: uppfoljning */
	const char *date;     /* NULL: today */
	const char *text;     /* what was said, for the journal note, or NULL */
};
int sd_gp_followup(struct sd_ctx *ctx, const struct sd_gp_followup_in *in,
		   long long *id);

/*
 * Resolve r: *akt to the akt's id (found with sd_akt_find, read access
 * checked) and *plan to 0, or *plan to the plan id named and *akt to 0.
 * EX_USAGE for a malformed or ambiguous reference.
 */
int sd_gp_ref_resolve(struct sd_ctx *ctx, const struct sd_gp_ref *r,
		      long long *akt, long long *plan);

/*
 * The operands of gp-sign and gp-followup into r: at most one bare AKT
 * (r->arg), and exactly one of it, --akt and --plan.  0, or -1 for a
 * usage error.
 */
int sd_gp_ref_args(struct sd_gp_ref *r, int argc, char **argv);

/* Resolve --plan PLAN to its akt (read access checked) and version. */
int sd_gp_plan_akt(struct sd_ctx *ctx, long long plan, struct sd_akt *a,
		   int *version);

/* What gp-show shows. */
struct sd_gp_show_opts {
	int version;        /* 0: the current one */
	int all;            /* every version, oldest first */
	int diff_a, diff_b; /* both set: the diff from version a to b */
	enum sd_format fmt; /* text, md or json */
};

/* Print a plan (or versions, or a diff) of akt a to f; logs the read. */
int sd_gp_show(struct sd_ctx *ctx, const struct sd_akt *a,
	       const struct sd_gp_show_opts *o, FILE *f);

#endif
