/*
 * gallralog.c - the gallringslogg file beside the backups (see
 * gallralog.h): appended by gallra --execute, read by socdok-restore.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gallralog.h"

#define HEADER                                                                 \
	"# socdok gallringslogg v1: written_at as_of action akt decision\n"

struct sd_gallralog {
	int fd;
	char path[4096];
	struct sd_buf pending;
};

int
sd_gallralog_default(struct sd_ctx *ctx, char *buf, size_t n)
{
	char dir[4096] = "";

	if (sd_setting_get(ctx, "backup_dir", dir, sizeof dir) != 0 ||
	    !dir[0]) {
		char tmp[4096];
		snprintf(tmp, sizeof tmp, "%s", ctx->path);
		snprintf(dir, sizeof dir, "%s", dirname(tmp));
	}
	if ((size_t)snprintf(buf, n, "%s/%s", dir, SD_GALLRALOG_NAME) >= n)
		return sd_fail(ctx, EX_USAGE,
			       _("the path of the gallringslogg "
				 "is too long; give --log-file"));
	return 0;
}

int
sd_gallralog_open(struct sd_ctx *ctx, const char *path,
		  struct sd_gallralog **out)
{
	struct sd_gallralog *g;
	struct stat st;
	int fd;

	*out = NULL;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		  0600);
	if (fd < 0)
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("cannot open the gallringslogg '%s': %s; give "
			  "--log-file FILE in a directory you may write"),
			path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("the gallringslogg '%s' is not a regular file; "
			  "give --log-file FILE"),
			path);
	}
	g = sd_xmalloc(sizeof *g);
	g->fd = fd;
	snprintf(g->path, sizeof g->path, "%s", path);
	sd_buf_init(&g->pending);
	if (st.st_size == 0)
		sd_buf_puts(&g->pending, HEADER);
	*out = g;
	return 0;
}

void
sd_gallralog_add(struct sd_gallralog *g, const char *as_of, const char *action,
		 long long akt, const char *decision)
{
	char now[SD_TIME_SIZE];

	if (!g)
		return;
	sd_buf_printf(&g->pending, "%s\t%s\t%s\t%lld\t", sd_now(now), as_of,
		      action, akt);
	/* One line, one field: a tab or line break becomes a space. */
	for (const char *p = decision; *p; p++) {
		char c = (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p;
		sd_buf_add(&g->pending, &c, 1);
	}
	sd_buf_add(&g->pending, "\n", 1);
}

int
sd_gallralog_sync(struct sd_ctx *ctx, struct sd_gallralog *g)
{
	size_t off = 0;

	if (!g)
		return 0;
	while (off < g->pending.len) {
		ssize_t w =
			write(g->fd, g->pending.s + off, g->pending.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return sd_fail(
				ctx, EX_IOERR,
				_("cannot write the gallringslogg '%s': %s; "
				  "nothing was purged"),
				g->path, strerror(errno ? errno : EIO));
		off += (size_t)w;
	}
	g->pending.len = 0;
	if (fsync(g->fd) != 0)
		return sd_fail(ctx, EX_IOERR,
			       _("cannot write the gallringslogg '%s': %s; "
				 "nothing was purged"),
			       g->path, strerror(errno));
	return 0;
}

void
sd_gallralog_drop(struct sd_gallralog *g)
{
	if (g)
		g->pending.len = 0;
}

void
sd_gallralog_close(struct sd_gallralog *g)
{
	if (!g)
		return;
	close(g->fd);
	sd_buf_free(&g->pending);
	free(g);
}

/* Split a line at tabs into at most n fields; returns the count. */
static int
split_tabs(char *s, char **f, int n)
{
	int k = 0;

	f[k++] = s;
	while (k < n && (s = strchr(s, '\t'))) {
		*s++ = '\0';
		f[k++] = s;
	}
	return k;
}

int
sd_gallralog_read(struct sd_ctx *ctx, const char *path,
		  int (*fn)(struct sd_ctx *ctx, void *arg,
			    const struct sd_gallralog_line *l),
		  void *arg)
{
	char *text, *line, *next;
	int rc = 0, num = 0;

	if (!(text = sd_read_file(ctx, path, NULL)))
		return ctx->err.code;
	for (line = text; line && *line && !rc; line = next) {
		char *f[5];
		struct sd_gallralog_line l;

		num++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!*line || *line == '#')
			continue;
		if (split_tabs(line, f, 5) != 5 ||
		    (strcmp(f[2], "purge") && strcmp(f[2], "preserve") &&
		     strcmp(f[2], "handover"))) {
			rc = sd_fail(
				ctx, EX_DATAERR,
				_("%s: line %d is not a gallringslogg line "
				  "(written_at, as_of, action, akt, "
				  "decision); check the file"),
				path, num);
			break;
		}
		if (sd_num_parse(NULL, "akt", f[3], 1, LLONG_MAX, &l.akt)) {
			rc = sd_fail(
				ctx, EX_DATAERR,
				_("%s: line %d: bad akt id '%s'; check the "
				  "file"),
				path, num, f[3]);
			break;
		}
		l.line = num;
		l.at = f[0];
		l.as_of = f[1];
		l.action = f[2];
		l.decision = f[4];
		rc = fn(ctx, arg, &l);
	}
	free(text);
	return rc;
}
