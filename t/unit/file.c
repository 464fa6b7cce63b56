/*
 * Unit tests for lib/file.c: a regular file is replaced atomically, mode
 * 0600 whatever the umask; a FIFO is written into, never replaced; a
 * failed write leaves no temporary file behind.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file.h"
#include "socdok.h"
#include "tap.h"

static char dir[4096];

/* The number of entries in dir other than . and .. */
static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 &&
		     strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static char *
slurp(const char *path)
{
	struct sd_ctx ctx;
	char *s;

	sd_ctx_init(&ctx, "file-test");
	s = sd_read_file(&ctx, path, NULL);
	sd_ctx_free(&ctx);
	return s;
}

static void
test_regular(void)
{
	struct sd_ctx ctx;
	struct stat sb;
	char path[4200];
	char *s;

	sd_ctx_init(&ctx, "file-test");
	snprintf(path, sizeof path, "%s/out.txt", dir);
	is_int(sd_file_write_all(&ctx, path, "first\n", 6), 0,
	       "a new regular file is written");
	s = slurp(path);
	is_str(s, "first\n", "it holds what was written");
	free(s);
	is_int(sd_file_write_all(&ctx, path, "second\n", 7), 0,
	       "an existing file is replaced");
	s = slurp(path);
	is_str(s, "second\n", "it holds only the new text");
	free(s);
	is_int(entries(), 1, "no temporary file is left beside it");

	unlink(path);
	umask(0);
	is_int(sd_file_write_all(&ctx, path, "x", 1), 0,
	       "written under umask 0");
	umask(022);
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	   "the file is mode 0600 under umask 0");
	unlink(path);
	sd_ctx_free(&ctx);
}

static void
test_fifo(void)
{
	struct sd_ctx ctx;
	struct stat sb;
	char path[4200], got[64] = "";
	int p[2], status = 0;
	pid_t pid;

	sd_ctx_init(&ctx, "file-test");
	snprintf(path, sizeof path, "%s/pipe", dir);
	if (mkfifo(path, 0600) != 0 || pipe(p) != 0) {
		ok(0, "mkfifo: %s", strerror(errno));
		sd_ctx_free(&ctx);
		return;
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		/* The reader: what comes through the FIFO goes to the pipe. */
		int fd = open(path, O_RDONLY);
		char buf[64];
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf);
		if (n > 0 && write(p[1], buf, (size_t)n) != n)
			_exit(2);
		_exit(n > 0 ? 0 : 1);
	}
	close(p[1]);
	is_int(sd_file_write_all(&ctx, path, "through\n", 8), 0,
	       "a FIFO is written into");
	waitpid(pid, &status, 0);
	ssize_t n = read(p[0], got, sizeof got - 1);
	close(p[0]);
	got[n > 0 ? n : 0] = '\0';
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the reader read from it");
	is_str(got, "through\n", "the reader got what was written");
	ok(lstat(path, &sb) == 0 && S_ISFIFO(sb.st_mode),
	   "the FIFO is still a FIFO, not replaced by a file");
	is_int(entries(), 1, "no temporary file beside the FIFO");
	unlink(path);
	sd_ctx_free(&ctx);
}

static void
test_failure(void)
{
	struct sd_ctx ctx;
	struct sd_file f;
	char path[4200];
	int rc;

	sd_ctx_init(&ctx, "file-test");
	/* A directory in the way: the rename fails after the write. */
	snprintf(path, sizeof path, "%s/taken", dir);
	mkdir(path, 0700);
	rc = sd_file_write_all(&ctx, path, "data", 4);
	is_int(rc, EX_CANTCREAT, "renaming onto a directory fails");
	ok(strstr(ctx.err.msg, "taken") != NULL, "the message names it: %s",
	   ctx.err.msg);
	is_int(entries(), 1, "no temporary file is left after the failure");
	rmdir(path);

	/* An abort after writing leaves nothing, and no file at path. */
	snprintf(path, sizeof path, "%s/never", dir);
	is_int(sd_file_open(&ctx, &f, path), 0, "a file is opened");
	is_int(sd_file_write(&ctx, &f, "half", 4), 0, "part is written");
	sd_file_abort(&f);
	is_int(entries(), 0, "an aborted file leaves nothing behind");

	/* A write that fails (a closed descriptor) cleans up on abort. */
	is_int(sd_file_open(&ctx, &f, path), 0, "opened again");
	close(f.fd);
	rc = sd_file_write(&ctx, &f, "x", 1);
	is_int(rc, EX_IOERR, "a failing write is reported");
	ok(f.error == EBADF, "with its errno");
	f.fd = -1;
	sd_file_abort(&f);
	is_int(entries(), 0, "no temporary file after a failed write");

	/* A directory that does not exist: nothing is created. */
	snprintf(path, sizeof path, "%s/nodir/x", dir);
	rc = sd_file_write_all(&ctx, path, "x", 1);
	is_int(rc, EX_CANTCREAT, "a missing directory cannot take a file");
	ok(strstr(ctx.err.msg, "No such file or directory") != NULL,
	   "the message says why: %s", ctx.err.msg);
	sd_ctx_free(&ctx);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/socdok-file-XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(dir)) {
		printf("Bail out! cannot make a temporary directory\n");
		return 1;
	}
	test_regular();
	test_fifo();
	test_failure();
	rmdir(dir);
	return done_testing();
}
