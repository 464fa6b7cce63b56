/*
 * staff.h - staff members: who may log in, with which role, at which units.
 */
#ifndef SD_STAFF_H
#define SD_STAFF_H

#include "socdok.h"

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
 * added by socdok-init with ctx->me unset).  A new member needs name and
 * title; for one who exists, what in leaves NULL is kept.  Units are
 * created on first use.  Staff are never deleted.
 */
int sd_staff_add(struct sd_ctx *ctx, const struct sd_staff_in *in);
/* Mark a staff member gone from date (kept for old notes' authors). */
int sd_staff_end(struct sd_ctx *ctx, const char *login, const char *date);
/* All staff as a table: login, name, title, role, units, email, active. */
int sd_staff_list(struct sd_ctx *ctx, struct sd_table **out);
/* The same for the staff of one unit (NULL: all); 77 for a unit not seen. */
int sd_staff_list_unit(struct sd_ctx *ctx, const char *unit,
		       struct sd_table **out);

#endif
