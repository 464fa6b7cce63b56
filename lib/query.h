/*
 * query.h - SQL statements: prepared (cached per connection), bound,
 * run; one value, a list of ids, a write run and given back (query.c).
 */
#ifndef SD_QUERY_H
#define SD_QUERY_H

#include "socdok.h"

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

/*
 * The first column of sql's first row (sql takes one integer, id)
 * appended to out: 0, 1 when there is no row, or an error.
 */
int sd_query_buf(struct sd_ctx *ctx, struct sd_buf *out, const char *sql,
		 long long id);

#endif
