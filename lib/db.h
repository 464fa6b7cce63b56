/*
 * db.h - the database: opening it (location, permissions, pragmas, SQL
 * functions, migrations) and transactions; it includes the headers of
 * statements (query.h), SQL functions (sql.h) and settings (setting.h).
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
#define SD_OPEN_CHECK                                                          \
	0x10 /* the quick_check of a small file now, not at                    \
		its first write (check.c) */
#define SD_OPEN_FEW                                                            \
	0x20 /* the command reads a few pages, each about once: a              \
		small page cache (db.c) */

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

/*
 * Undo what was done since SAVEPOINT name (ROLLBACK TO name), with the
 * log chain's last link the undone part may have written (head.c), and
 * leave the savepoint; the error the caller is returning is kept.
 */
void sd_savepoint_undo(struct sd_ctx *ctx, const char *name);

/* Statements (query.c), SQL functions (sql.c), settings (setting.c). */
#include "query.h"
#include "setting.h"
#include "sql.h"

#endif
