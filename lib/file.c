/*
 * file.c - writing a file so that a reader never sees half of it: a
 * temporary file in the same directory (so rename is atomic), synced,
 * then renamed over the path.  What is not a regular file (a character
 * device, FIFO or terminal) cannot be replaced that way and is written
 * into, as cp(1) does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "hash.h"
#include "i18n.h"
#include "priv.h"

/*
 * 1 when the last component of path is a symbolic link in a directory
 * others may write to (sticky /tmp, a shared drop): following it would
 * let them choose where the file goes (as fs.protected_symlinks).
 */
static int
shared_symlink(const char *path)
{
	struct stat sb;
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
		return 0;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (stat(dir, &sb) != 0)
		return 1;
	return (sb.st_mode & (S_IWOTH | S_ISVTX)) != 0 ||
	       ((sb.st_mode & S_IWGRP) && sb.st_gid != getgid());
}

static int
open_as_user(struct sd_ctx *ctx, struct sd_file *f, const char *path)
{
	struct stat sb;
	int n;

	memset(f, 0, sizeof *f);
	f->fd = -1;
	snprintf(f->path, sizeof f->path, "%s", path);
	if (shared_symlink(path)) {
		f->error = ELOOP;
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("cannot write '%s': it is a symbolic link in a "
			  "directory others can write to; name the file "
			  "it points to"),
			path);
	}
	if (stat(path, &sb) == 0 &&
	    (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
		if ((f->fd = open(path, O_WRONLY | O_NOCTTY)) < 0) {
			f->error = errno;
			return sd_fail(ctx, EX_CANTCREAT,
				       _("cannot open '%s': %s"), path,
				       strerror(f->error));
		}
		return 0;
	}
	f->replace = 1;
	n = snprintf(f->tmp, sizeof f->tmp, "%s.tmp.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof f->tmp) {
		f->error = ENAMETOOLONG;
		f->tmp[0] = '\0';
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create a file beside '%s': %s"), path,
			       strerror(f->error));
	}
	/* mkstemp creates the file 0600: the umask can only take away. */
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		f->error = errno;
		f->tmp[0] = '\0';
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create a file beside '%s': %s"), path,
			       strerror(f->error));
	}
	return 0;
}

int
sd_file_open(struct sd_ctx *ctx, struct sd_file *f, const char *path)
{
	int rc;

	/*
	 * The path is the user's: opened with the user's ids, so that a
	 * set-gid program cannot be made to write where only its group can
	 * (the database among them).
	 */
	sd_priv_user();
	rc = open_as_user(ctx, f, path);
	sd_priv_restore();
	return rc;
}

int
sd_file_write(struct sd_ctx *ctx, struct sd_file *f, const void *s, size_t n)
{
	const char *p = s;
	size_t left = n;

	while (left > 0) {
		ssize_t w = write(f->fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->error = w < 0 ? errno : EIO;
			/* No half record in what a commit would keep. */
			if (f->replace) {
				int e = ftruncate(f->fd, (off_t)f->len);
				(void)e;
			}
			return sd_fail(ctx, EX_IOERR,
				       _("cannot write '%s': %s"), f->path,
				       strerror(f->error));
		}
		p += w;
		left -= (size_t)w;
	}
	f->len += n;
	return 0;
}

static int
commit_as_user(struct sd_ctx *ctx, struct sd_file *f)
{
	int fd = f->fd;

	f->fd = -1;
	if (!f->replace)
		goto close_it;
	if (fsync(fd) != 0) {
		f->error = errno;
		close(fd);
		unlink(f->tmp);
		f->tmp[0] = '\0';
		return sd_fail(ctx, EX_IOERR, _("cannot write '%s': %s"),
			       f->path, strerror(f->error));
	}
close_it:
	if (close(fd) != 0 || (f->replace && rename(f->tmp, f->path) != 0)) {
		f->error = errno;
		if (f->replace)
			unlink(f->tmp);
		f->tmp[0] = '\0';
		return sd_fail(ctx, EX_CANTCREAT, _("cannot write '%s': %s"),
			       f->path, strerror(f->error));
	}
	f->tmp[0] = '\0';
	return 0;
}

int
sd_file_commit(struct sd_ctx *ctx, struct sd_file *f)
{
	int rc;

	sd_priv_user();
	rc = commit_as_user(ctx, f);
	sd_priv_restore();
	return rc;
}

void
sd_file_abort(struct sd_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->replace && f->tmp[0]) {
		sd_priv_user();
		unlink(f->tmp);
		sd_priv_restore();
	}
	f->tmp[0] = '\0';
}

int
sd_file_write_all(struct sd_ctx *ctx, const char *path, const void *data,
		  size_t n)
{
	struct sd_file f;
	int rc;

	if ((rc = sd_file_open(ctx, &f, path)))
		return rc;
	if ((rc = sd_file_write(ctx, &f, data, n))) {
		sd_file_abort(&f);
		return rc;
	}
	return sd_file_commit(ctx, &f);
}

int
sd_file_sha256(struct sd_ctx *ctx, const char *path, char hex[SD_HASH_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[32], buf[65536];
	size_t got;
	struct sd_sha256 md;
	FILE *f;
	int bad;

	/* A file the user named is opened with the user's ids. */
	sd_priv_user();
	f = fopen(path, "rb");
	sd_priv_restore();
	if (!f)
		return sd_fail(ctx, EX_NOINPUT, _("cannot open '%s': %s"), path,
			       strerror(errno));
	/* In chunks: an import file may be larger than memory likes. */
	sd_sha256_init(&md);
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sd_sha256_update(&md, buf, got);
	bad = ferror(f);
	fclose(f);
	sd_sha256_final(&md, d);
	if (bad)
		return sd_fail(ctx, EX_IOERR, _("cannot read '%s'"), path);
	for (unsigned i = 0; i < sizeof d; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

int
sd_file_sums(struct sd_ctx *ctx, const char *dir, const char *const *names,
	     size_t n)
{
	char hex[SD_HASH_HEX_SIZE];
	struct sd_buf man, path;
	int rc = 0;

	sd_buf_init(&man);
	sd_buf_init(&path);
	for (size_t i = 0; i <= n && !rc; i++) {
		const char *name = i < n ? names[i] : "SHA256SUMS";
		path.len = 0;
		sd_buf_printf(&path, "%s/%s", dir, name);
		if (path.len >= 4096)
			rc = sd_fail(ctx, EX_CANTCREAT,
				     _("the path '%s/%s' is too long; choose a "
				       "shorter directory"),
				     dir, name);
		else if (i == n)
			rc = sd_file_write_all(ctx, path.s, man.s, man.len);
		else if (!(rc = sd_file_sha256(ctx, path.s, hex)))
			sd_buf_printf(&man, "%s  %s\n", hex, name);
	}
	sd_buf_free(&path);
	sd_buf_free(&man);
	return rc;
}
