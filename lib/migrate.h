/*
 * migrate.h - the schema migrations (migrate.c), run by sd_open.
 */
#ifndef SD_MIGRATE_H
#define SD_MIGRATE_H

#include "socdok.h"

/*
 * Run every migration in share/schema/NNNN-*.sql that the database does
 * not hold yet, in order of number, in one transaction, and record it in
 * schema_migration; user_version is the highest number held.  A
 * database newer than the highest known migration is refused.
 */
int sd_migrate(struct sd_ctx *ctx);

#endif
