/*
 * gallralog.h - the gallringslogg outside the database: one line per
 * akt that gallra --execute purged or preserved, appended to a file that
 * lives beside the backups, so that socdok-restore can purge again what
 * a backup taken before the purge brings back.  No personal data: the
 * time, the as-of date, what was done, the akt id and the decision.
 *
 *   # socdok gallringslogg v1: written_at as_of action akt decision
 *   2026-12-05T09:18:00Z<TAB>2026-12-05<TAB>purge<TAB>42<TAB>GB 2026:1
 *
 * action is purge, preserve (an archive package was made; the akt is
 * kept), or handover (preserved, then purged after the hand-over).
 */
#ifndef SD_GALLRALOG_H
#define SD_GALLRALOG_H

#include "socdok.h"

/* The name of the file in the backup directory. */
#define SD_GALLRALOG_NAME "gallringslogg.tsv"

/* An open gallringslogg file (opaque). */
struct sd_gallralog;

/*
 * The default path: the backup directory socdok-backup last wrote to
 * (setting backup_dir), else the database's directory, with
 * SD_GALLRALOG_NAME.  Into buf.
 */
int sd_gallralog_default(struct sd_ctx *ctx, char *buf, size_t n);

/*
 * Open (create 0600 with its header line, or append to) the file at
 * path.  *out is freed with sd_gallralog_close.
 */
int sd_gallralog_open(struct sd_ctx *ctx, const char *path,
		      struct sd_gallralog **out);

/* Buffer one line (action purge, preserve or handover). */
void sd_gallralog_add(struct sd_gallralog *g, const char *as_of,
		      const char *action, long long akt, const char *decision);

/*
 * Write the buffered lines and fsync: called before the transaction
 * that purges commits, so that a purge is never in the database
 * without its line here (a line without its purge is harmless: the
 * restore purges an akt that was due anyway).
 */
int sd_gallralog_sync(struct sd_ctx *ctx, struct sd_gallralog *g);
/* Drop the buffered lines (the transaction rolled back). */
void sd_gallralog_drop(struct sd_gallralog *g);
void sd_gallralog_close(struct sd_gallralog *g);

/* One line read back. */
struct sd_gallralog_line {
	int line;       /* line number in the file */
	const char *at; /* when it was written */
	const char *as_of;
	const char *action; /* purge, preserve, handover */
	long long akt;
	const char *decision;
};

/*
 * Read the file at path, calling fn for each line (comments skipped);
 * a malformed line is EX_DATAERR naming its number.  fn returns 0 to
 * go on or an error code.
 */
int sd_gallralog_read(struct sd_ctx *ctx, const char *path,
		      int (*fn)(struct sd_ctx *ctx, void *arg,
				const struct sd_gallralog_line *l),
		      void *arg);

#endif
