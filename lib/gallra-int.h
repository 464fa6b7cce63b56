/*
 * gallra-int.h - what the files of gallring share inside the library
 * (gallra.c, gallra-purge.c, gallra-archive.c, gallra-exec.c).
 */
#ifndef SD_GALLRA_INT_H
#define SD_GALLRA_INT_H

#include "gallra.h"

/*
 * The DELETE statements of a purge, in order, each with the akt's or the
 * person's id as ?1: worked out once per gallra run from the schema (the
 * foreign-key graph is read once, not per akt) and compiled once by the
 * statement cache (issue 17).
 */
struct purge_del {
	char *table, *sql;
};
struct purge_sql {
	struct purge_del *akt, *person;
	size_t nakt, nperson;
};

/* Work out the DELETEs of an akt and of a person from the schema. */
int purge_sql_make(struct sd_ctx *ctx, struct purge_sql *ps);
void purge_sql_free(struct purge_sql *ps);

/*
 * Erase everything of one akt with the DELETEs of ps, then the person
 * when no akt is left; leave its tombstone (action, decision) in the
 * gallringslogg chain (gallra-purge.c).
 */
int purge_akt(struct sd_ctx *ctx, const struct purge_sql *ps, long long akt,
	      long long person, const char *action, const char *decision);

/* The directory of an akt's archive package into dir (dn bytes). */
/* forteckning.txt in dir: its packages by avställningsår and pnr. */
int write_index(struct sd_ctx *ctx, const char *dir);
int package_dir(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		long long akt, char *dir, size_t dn);

/* Write, checksum and verify the archive package of one akt. */
int write_package(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		  const struct sd_gallra_item *it, char *dir, size_t dn);

/* Check a package against its manifest. */
int verify_package(struct sd_ctx *ctx, const char *dir);

#endif
