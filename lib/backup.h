/*
 * backup.h - consistent, verified, rotated copies of the database
 * (socdok-backup), and putting one back (socdok-restore) without
 * bringing back what gallring erased since.
 */
#ifndef SD_BACKUP_H
#define SD_BACKUP_H

#include "socdok.h"

struct sd_backup_opts {
	const char *dir; /* an existing directory */
	int keep;        /* keep the newest N backups there, 0: all */
};

struct sd_backup_result {
	char path[4096];             /* the new backup */
	char head[SD_HASH_HEX_SIZE]; /* its chain head (check.h, sd_check_db)
				      */
	long long akter, notes;
	int removed; /* older backups removed by --keep */
};

/*
 * Copy ctx's open database (an administrator only) into dir with
 * SQLite's online backup API, while others read and write: one read
 * transaction, so the copy is one consistent moment.  The copy is
 * written 0600 under a temporary name, verified (integrity check,
 * foreign keys, every chain), synced and renamed to
 * socdok-YYYYMMDDTHHMMSSZ.db; then the oldest beyond keep are removed,
 * the gallringslogg file is created in dir if missing, and the backup
 * directory is remembered (setting backup_dir) for gallra and
 * socdok-check.  Manages its own transactions.
 */
int sd_backup(struct sd_ctx *ctx, const struct sd_backup_opts *o,
	      struct sd_backup_result *r);

/*
 * 1 when name is a backup's file name (socdok-YYYYMMDDTHHMMSSZ.db, or
 * with -N before .db when two were made in the same second).
 */
int sd_backup_name(const char *name);

/*
 * The newest backup in dir into path (n bytes) and its age in seconds;
 * 1 when there is none, 0 when found, or an error code.
 */
int sd_backup_newest(struct sd_ctx *ctx, const char *dir, char *path, size_t n,
		     long long *age);

struct sd_restore_opts {
	const char *backup;        /* the backup file */
	const char *gallringslogg; /* NULL: gallringslogg.tsv beside it */
};

struct sd_restore_result {
	char head[SD_HASH_HEX_SIZE]; /* the chain head after the restore */
	long long akter, notes;
	int purged;     /* purges re-applied from the gallringslogg */
	int preserved;  /* preserve marks re-applied */
	char log[4096]; /* the gallringslogg read */
};

/*
 * Put the backup in place of the database at ctx->path (resolved with
 * sd_db_path, not opened): refused while another program has the
 * database open (EX_UNAVAILABLE).  The backup is copied beside the
 * database, migrated, verified, and every purge in the gallringslogg
 * whose akt it still holds is done again (and preserve marks set), with
 * a gallring_log row saying so, then vacuumed so that nothing purged is
 * left in the file; only then does it replace the database.  The actor
 * must be an administrator in the backup.
 */
int sd_restore(struct sd_ctx *ctx, const struct sd_restore_opts *o,
	       struct sd_restore_result *r);

#endif
