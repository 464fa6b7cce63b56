/*
 * file.h - the one way a program writes a file: atomically for a regular
 * file (a temporary file beside it, fsync, rename), and into the thing
 * itself for a character device, FIFO or terminal (as cp does), so that
 * --notify /dev/stdout or a named pipe keeps working.
 */
#ifndef SD_FILE_H
#define SD_FILE_H

#include <stddef.h>

#include "socdok.h"

/* A file being written; fill it with sd_file_open. */
struct sd_file {
	int fd;          /* -1 when not open */
	int replace;     /* 1: writing tmp, renamed onto path at commit */
	int error;       /* errno of the last failure, 0 when none */
	size_t len;      /* bytes written so far */
	char path[4096]; /* where the file goes */
	char tmp[4200];  /* the temporary file beside it, or "" */
};

/*
 * Start writing path.  A regular file (or a path not there yet) is
 * written as a new file beside it, mode 0600 whatever the umask, that
 * sd_file_commit renames into place; an existing character device,
 * FIFO or terminal is opened and written into.  EX_CANTCREAT with
 * ctx->err set ("cannot create a file beside 'path': reason") and
 * f->error when it cannot be opened.
 */
int sd_file_open(struct sd_ctx *ctx, struct sd_file *f, const char *path);

/*
 * Write all n bytes of s, retrying short writes and EINTR.  EX_IOERR with
 * ctx->err and f->error set on failure; a temporary file is then cut back
 * to what was written before this call.
 */
int sd_file_write(struct sd_ctx *ctx, struct sd_file *f, const void *s,
		  size_t n);

/*
 * Finish: fsync and close, and rename the temporary file onto the path.
 * On failure the temporary file is removed, EX_IOERR (fsync) or
 * EX_CANTCREAT (close, rename) is returned with ctx->err set.
 */
int sd_file_commit(struct sd_ctx *ctx, struct sd_file *f);

/* Give up: close, and remove the temporary file; the path is untouched. */
void sd_file_abort(struct sd_file *f);

/* Open, write data and commit in one call; nothing is left on failure. */
int sd_file_write_all(struct sd_ctx *ctx, const char *path, const void *data,
		      size_t n);

/*
 * The SHA-256 of the file at path, in hex, into hex (as sha256sum(1)
 * prints it), read in chunks and opened with the user's ids: the one
 * file hash (gallra's packages, socdok-export-all, socdok-import).
 * EX_NOINPUT or EX_IOERR with ctx->err set when it cannot be read.
 */
int sd_file_sha256(struct sd_ctx *ctx, const char *path,
		   char hex[SD_HASH_HEX_SIZE]);

/*
 * dir/SHA256SUMS: the SHA-256 of each of the n files names[] in dir, in
 * the format of sha256sum(1), so that `sha256sum -c` checks them (an
 * archive package, socdok-export-all).  Written with sd_file_write_all.
 */
int sd_file_sums(struct sd_ctx *ctx, const char *dir, const char *const *names,
		 size_t n);

#endif
