/*
 * db.h - the database: opening it (location, permissions, pragmas, SQL
 * functions, migrations), transactions, statement helpers and settings.
 * Every SQL statement of socdok lives in lib/ and goes through these.
 */
#ifndef SD_DB_H
#define SD_DB_H

#include "socdok.h"

/* Flags for sd_open(). */
#define SD_OPEN_CREATE 0x1 /* create the file (socdok-init only) */
#define SD_OPEN_GROUP  0x2 /* with CREATE: mode 0660 instead of 0600 */
#define SD_OPEN_NOUSER 0x4 /* do not require a registered actor */
#define SD_OPEN_SERVER                                                         \
	0x8 /* with CREATE: the compiled-in server database,                   \
	       root:GROUP 0660 in a 2770 directory (as root) */

/*
 * Resolve the database path: path when non-NULL, else SOCDOK_DB, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/socdok/socdok.db.
 */
int sd_db_path(struct sd_ctx *ctx, const char *path);

/*
 * Open (and with SD_OPEN_CREATE create) the database, check its
 * permissions, set the pragmas, run pending migrations and, unless
 * SD_OPEN_NOUSER, look up the acting user as registered staff.
 */
int sd_open(struct sd_ctx *ctx, const char *path, int flags);

/* ----------------------------------------------------------- transactions */

/* BEGIN IMMEDIATE: a writer waits for another writer (busy timeout). */
int sd_begin(struct sd_ctx *ctx);
int sd_commit(struct sd_ctx *ctx);
/* Roll back if a transaction is open; keeps ctx->err as it was. */
void sd_rollback(struct sd_ctx *ctx);

/* ------------------------------------------------------------ statements */

/*
 * Prepare sql on ctx->db; on failure set ctx->err and return NULL.
 * The caller gives it back with sd_finalize (never sqlite3_finalize):
 * statements are cached per connection, so the same SQL text is compiled
 * once per command.
 */
sqlite3_stmt *sd_prepare(struct sd_ctx *ctx, const char *sql);
/*
 * Done with st: a cached statement is reset (bindings cleared) for the
 * next sd_prepare of its text, any other finalized.  Returns what
 * sqlite3_finalize would.  NULL is a no-op.
 */
int sd_finalize(sqlite3_stmt *st);
/* Finalize every cached statement of db (before closing it). */
void sd_stcache_drop(sqlite3 *db);
/* Ends the parameter list of sd_exec/sd_query_*: NULL is a value there. */
extern const char sd_end[];
#define SD_END sd_end

/* Bind text or NULL. */
void sd_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Run sql (no rows expected) with text parameters (NULL binds NULL), then
 * SD_END. */
int sd_exec(struct sd_ctx *ctx, const char *sql, ...);
/* Column text or "" (never NULL); valid until the next step. */
const char *sd_col(sqlite3_stmt *st, int i);
/* A single integer from sql with text params ending in SD_END; -1 if no row. */
long long sd_query_int(struct sd_ctx *ctx, const char *sql, ...);
/*
 * Run st (an INSERT, UPDATE or DELETE, prepared and bound by the caller)
 * and give it back.  Returns 0, or an error (fail names what was not
 * done).
 */
int sd_step_done(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail);
/*
 * Step st (prepared and bound by the caller) to its end, the first
 * column of each row into *ids (malloc'd, *n of them), and give st back.
 * Returns 0, or an error (fail names what could not be read; *ids NULL).
 */
int sd_query_ids(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail,
		 long long **ids, size_t *n);
/* Copy a single text value; returns 0 found, 1 no row, or an error code. */
/* Params as for sd_exec, ending in SD_END. */
int sd_query_text(struct sd_ctx *ctx, char *buf, size_t n, const char *sql,
		  ...);

/* An SQL function's date argument v as a day number: 0, or -1 (NULL or
 * not a date). */
int sd_sql_date(sqlite3_value *v, int *day);
/* Set an SQL function's result to day as "YYYY-MM-DD". */
void sd_sql_date_result(sqlite3_context *c, int day);

/* Settings (key/value in the database). */
int sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n);
int sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value);

#endif
