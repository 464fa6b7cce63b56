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
 * reads the schema (a file whose schema cannot be read fails with
 * EX_DATAERR).  For a file of up to SD_QUICK_CHECK_PAGES pages the full
 * PRAGMA quick_check runs now when now is set (socdok-check, backup,
 * restore), else it waits (ctx->check_pending) for the first of: a
 * commit that wrote anything but the access log and the clock (the
 * commit hook runs it, and a damaged file's commit becomes a rollback),
 * a migration, a command that fails (sd_check_on_failure) -- so a read
 * does not pay for it (docs/security.md says what that risks).  A file
 * found damaged sets ctx->damaged and ctx->damage and is switched to
 * query_only, so that reads go on where SQLite can and every write is
 * refused.  Returns 0 or an error code (damaged schema, busy, I/O).
 */
int sd_check_damage(struct sd_ctx *ctx, int now);

/*
 * Run the quick_check that waits, if one does (see sd_check_damage).
 * Returns 0 (ctx->damaged set if it found damage) or an error code.
 */
int sd_check_now(struct sd_ctx *ctx);

/*
 * A log line (rc, the error of writing it) that could not be written
 * because the file is damaged, in a transaction that wrote nothing
 * else: the read goes on, unlogged, with the file marked damaged and
 * read-only (returns 0).  Any other rc is returned as it is.
 */
int sd_check_log_failed(struct sd_ctx *ctx, int rc);

/*
 * The changes made since before (sqlite3_total_changes64 then) were the
 * access log's or the clock's, not a record's (see sd_check_damage).
 */
void sd_check_log_since(struct sd_ctx *ctx, long long before);

/*
 * A command failed (rc) while the check of its file waits: the check
 * runs, and a damaged file is what the command reports (EX_DATAERR)
 * instead of rc -- never an internal error for a damaged file.
 */
int sd_check_on_failure(struct sd_ctx *ctx, int rc);

/*
 * Mark ctx's database damaged (what: SQLite's words) and fail with the
 * one line every program gives for it: EX_DATAERR.
 */
int sd_fail_damaged(struct sd_ctx *ctx, const char *what);

/*
 * After socdok's own statement failed to prepare: when SQLite says a
 * table, column or view of the schema is missing or malformed, the
 * schema is not what the migrations made (a damaged or hand-changed
 * file, not a bug of a tested socdok), so ctx->err becomes the damaged
 * file's message (EX_DATAERR) instead of an internal error.
 */
void sd_check_schema_error(struct sd_ctx *ctx);

/*
 * Refuse (EX_CONFIG) a user_version that no socdok ever wrote: one that
 * is neither 0 (a new file) nor the number of one of the n migration
 * files in names ("NNNN-name.sql", sorted); versions above known are
 * left to the caller's "newer than this socdok" message.
 */
int sd_schema_version_check(struct sd_ctx *ctx, long long have, int known,
			    char *const *names, size_t n);

#endif

/* What sd_check_db found. */
struct sd_db_verified {
	char integrity[256]; /* "" when PRAGMA integrity_check said ok */
	long long fk;        /* rows that break a foreign key */
	long long akter;     /* akter whose chain was verified */
	long long notes;
	long long broken;            /* akter whose chain is broken */
	long long first_broken;      /* the first of them, 0 when none */
	char broken_what[600];       /* "note AKT:SEQ: what differs" */
	char head[SD_HASH_HEX_SIZE]; /* SHA-256 over every akt's chain head */
};

/*
 * Verify the database on ctx->db the way a restore must trust it:
 * PRAGMA integrity_check, foreign_key_check, and every akt's hash chain
 * (as akt-verify --all).  head is the SHA-256 of the lines "AKT HEAD\n"
 * of every akt in id order: one value that changes with any note (until
 * the database head of socdok-anchor exists).  Returns 0 with *v filled
 * (problems are in *v, not errors), or an error code.  No log.
 */
int sd_check_db(struct sd_ctx *ctx, struct sd_db_verified *v);

/* 1 when sd_check_db found nothing wrong. */
int sd_check_verified_ok(const struct sd_db_verified *v);

/*
 * One line saying what is wrong, for an error message: the first of
 * integrity, foreign keys, chains.
 */
void sd_check_verified_problem(const struct sd_db_verified *v, char *buf,
			       size_t n);

/* What socdok-check looks at, besides the file itself. */
struct sd_check_opts {
	const char *backup_dir; /* NULL: the setting backup_dir */
	long long max_age;      /* seconds the newest backup may be old */
	double min_free;        /* free disk at least this × the database */
	double log_factor;      /* the last day's access log at most this ×
				   the average day of the 30 before */
	const char *anchor;     /* a file of socdok-anchor lines, or NULL */
	const char *signers;    /* with anchor: its allowed signers, or NULL */
};

/*
 * The nightly check of socdok-check on ctx's open database: integrity
 * and foreign keys, every hash chain, the age of the newest backup, free
 * disk beside the database and the backups, the access log's growth
 * and the schema version.  *problems is a NULL-terminated list (free
 * with sd_list_free) of lines "KIND: what is wrong and what to do", one
 * per problem, empty when all is well; KIND is integrity, foreign-keys,
 * chain, backup, disk, access-log or schema.  Writes one access log line.
 */
int sd_check_run(struct sd_ctx *ctx, const struct sd_check_opts *o,
		 char ***problems);
