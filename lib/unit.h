/*
 * unit.h - units (enheter): the named groups of staff that own akter.
 */
#ifndef SD_UNIT_H
#define SD_UNIT_H

#include "socdok.h"

/* Look up a unit by name: its id, or EX_DATAERR naming the known units. */
int sd_unit_find(struct sd_ctx *ctx, const char *name, long long *id);
/*
 * The id of the unit name, created when it is new (staff-add creates
 * units on first use); EX_USAGE/EX_DATAERR when name is not one line.
 */
int sd_unit_add(struct sd_ctx *ctx, const char *name, long long *id);
/*
 * A --unit filter: the unit named (sd_unit_find: exact or but for case)
 * into *id and its own name into canon (n bytes; may be NULL); EX_NOPERM
 * (77) when the actor may not see it, so that a filter on someone
 * else's unit is refused, never an empty list that reads "nothing due".
 */
int sd_unit_filter(struct sd_ctx *ctx, const char *name, long long *id,
		   char *canon, size_t n);
/* 1 when the actor may see akter of unit_id (own unit, admin, arkivarie). */
int sd_unit_may_see(struct sd_ctx *ctx, long long unit_id);
/* 1 when the actor works at unit_id (staff_unit), whatever the role. */
int sd_unit_works_at(struct sd_ctx *ctx, long long unit_id);

#endif
