/*
 * akt.h - staff, units, persons, akter and insatser: the life of a case
 * file, and who may see which.
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
	char opened[11];
	char closed[11];
};

/* A staff member to register (staff-add). */
struct sd_staff_in {
	const char *login;
	const char *name;
	const char *title;
	const char *const *units; /* NULL-terminated, may be empty */
	const char *role;         /* NULL: personal */
	const char *email;        /* NULL: none */
	int inactive;             /* 1: register as gone (staff-end) */
};

/*
 * Add or update a staff member (only an admin may; the first admin is
 * added by socdok-init with ctx->me unset).  Units are created on first
 * use.  Staff are never deleted.
 */
int sd_staff_add(struct sd_ctx *ctx, const struct sd_staff_in *in);
/* Mark a staff member gone from date (kept for old notes' authors). */
int sd_staff_end(struct sd_ctx *ctx, const char *login, const char *date);
/* All staff as a table: login, name, title, role, units, email, active. */
int sd_staff_list(struct sd_ctx *ctx, struct sd_table **out);

/* 1 when the actor may see akter of unit_id (own unit, admin, arkivarie). */
int sd_may_see_unit(struct sd_ctx *ctx, long long unit_id);

/* Look up a unit by name: its id, or EX_DATAERR naming the known units. */
int sd_unit_find(struct sd_ctx *ctx, const char *name, long long *id);

/*
 * Find an akt by id or by a personnummer with exactly one open akt the
 * actor may see.  EX_NOINPUT (66) when none, EX_NOPERM (77) when it
 * belongs to another unit.  Does not log the read: callers do.
 */
int sd_akt_find(struct sd_ctx *ctx, const char *ref, struct sd_akt *out);
/* The same for closed akter: by id, or the one closed akt of a pnr. */
int sd_akt_find_closed(struct sd_ctx *ctx, const char *ref,
		       struct sd_akt *out);
/* Load an akt by id without any access check (internal use). */
int sd_akt_load(struct sd_ctx *ctx, long long id, struct sd_akt *out);
/* EX_DATAERR naming the closing date when the akt is closed. */
int sd_akt_check_open(struct sd_ctx *ctx, const struct sd_akt *a);
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
};
int sd_akt_new(struct sd_ctx *ctx, const struct sd_akt_in *in, long long *id);

/* List akter the actor may see; unit NULL for all, open -1/0/1 (any/closed/open). */
int sd_akt_list(struct sd_ctx *ctx, const char *unit, int open,
		struct sd_table **out);
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

/* Print an akt (person, unit, kontaktperson, insatser) and log the read. */
int sd_akt_show(struct sd_ctx *ctx, const struct sd_akt *a, enum sd_format fmt,
		FILE *f);

/*
 * The access log, filtered (NULLs and 0 for no filter), for an enhetschef
 * (own units) or admin (all).  The review itself is logged.
 */
int sd_audit_list(struct sd_ctx *ctx, const char *since, const char *until,
		  const char *user, long long akt, struct sd_table **out);


#endif
