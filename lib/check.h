/*
 * check.h - is the database sound?  The cheap check every program makes
 * when it opens the file (a damaged file is opened for reading only),
 * the schema version's plausibility, and the nightly health check of
 * socdok-check: integrity, foreign keys, chains, backups, disk space,
 * the access log's growth and the schema version.
 */
#ifndef SD_CHECK_H
#define SD_CHECK_H

#include "socdok.h"

/*
 * Up to this many pages the check at open is a full PRAGMA quick_check
 * (about 30 ms for 32 MiB); a larger file gets only its header and
 * schema read at open, and the full check from socdok-check at night.
 */
#define SD_QUICK_CHECK_PAGES 8192

/*
 * The check at open, on ctx->db before any pragma or migration writes:
 * reads the schema and, for a file of up to SD_QUICK_CHECK_PAGES pages,
 * runs PRAGMA quick_check.  A damaged file sets ctx->damaged and
 * ctx->damage and is switched to query_only, so that reads go on where
 * SQLite can and every write is refused.  Returns 0, EX_DATAERR when
 * nothing at all can be read, or another error code (busy, I/O).
 */
int sd_db_damage_check(struct sd_ctx *ctx);

/*
 * Mark ctx's database damaged (what: SQLite's words) and fail with the
 * one line every program gives for it: EX_DATAERR.
 */
int sd_fail_damaged(struct sd_ctx *ctx, const char *what);

/*
 * Refuse (EX_CONFIG) a user_version that no socdok ever wrote: one that
 * is neither 0 (a new file) nor the number of one of the n migration
 * files in names ("NNNN-name.sql", sorted); versions above known are
 * left to the caller's "newer than this socdok" message.
 */
int sd_schema_version_check(struct sd_ctx *ctx, long long have, int known,
			    char *const *names, size_t n);

#endif
