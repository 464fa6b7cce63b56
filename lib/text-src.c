/*
 * text-src.c - the text of a note: from an option, a file, standard input
 * or the user's editor.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "priv.h"
#include "text-src.h"

int
sd_text_editor_run(struct sd_ctx *ctx, const char *path)
{
	const char *ed = getenv("VISUAL"), *term = getenv("TERM");
	struct sigaction ign, oint, oquit;
	char cmd[4096];
	pid_t pid;
	int status;

	if (!ed || !*ed || (term && strcmp(term, "dumb") == 0))
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	/* As git: the editor may carry arguments, the file comes last. */
	snprintf(cmd, sizeof cmd, "%s \"$@\"", ed);
	fflush(NULL);
	if ((pid = fork()) < 0)
		return sd_fail(ctx, EX_OSERR, _("cannot start the editor: %s"),
			       strerror(errno));
	if (pid == 0) {
		/* id=$(journal-add 1): the editor still draws on the terminal.
		 */
		if (!isatty(STDOUT_FILENO)) {
			int fd = open("/dev/tty", O_WRONLY | O_NOCTTY);
			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				close(fd);
			}
		}
		/* The user's editor runs with the user's ids, not the group. */
		if (sd_priv_child() != 0)
			_exit(126);
		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	/* Ctrl-C belongs to the editor while it runs. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("the editor '%s' failed (%s %d)"), ed,
			       WIFEXITED(status) ? _("exit") : _("signal"),
			       WIFEXITED(status) ? WEXITSTATUS(status)
						 : WTERMSIG(status));
	return 0;
}

/*
 * The user's private directory of drafts, made 0700 with the user's own
 * ids: $XDG_STATE_HOME/socdok/drafts, or ~/.local/state/socdok/drafts.
 * A note being written, and one kept after a refusal, is about a person:
 * it never goes to a shared /tmp.  Returns 0, or -1 with errno set.
 */
static int
drafts_path(char *dir, size_t n)
{
	const char *state = sd_priv_getenv("XDG_STATE_HOME");
	const char *home = sd_priv_getenv("HOME");
	struct passwd *pw;
	int len;

	if (state && *state == '/')
		len = snprintf(dir, n, "%s/socdok/drafts", state);
	else {
		if ((!home || *home != '/') && (pw = getpwuid(getuid())))
			home = pw->pw_dir;
		if (!home || *home != '/') {
			errno = ENOENT;
			return -1;
		}
		len = snprintf(dir, n, "%s/.local/state/socdok/drafts", home);
	}
	if (len < 0 || (size_t)len >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* drafts_path, each missing directory made, the last one private. */
static int
drafts_dir(char *dir, size_t n)
{
	int rc;

	if ((rc = drafts_path(dir, n)))
		return rc;
	sd_priv_user();
	/* Each missing directory on the way, then the last one private. */
	for (char *p = strchr(dir + 1, '/'); !rc; p = strchr(p + 1, '/')) {
		if (p)
			*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = -1;
		if (!p)
			break;
		*p = '/';
	}
	if (!rc)
		rc = chmod(dir, 0700);
	sd_priv_restore();
	return rc;
}

/*
 * The editor failed on a document edited from a start: keep what was
 * written in it, say where; nothing is saved.
 */
static int
draft_failed(struct sd_ctx *ctx, int rc, const struct sd_text_src *src,
	     const char *path)
{
	char why[sizeof ctx->err.msg];
	char *s = sd_read_file(ctx, path, NULL);

	snprintf(why, sizeof why, "%s", ctx->err.msg);
	if (s && strcmp(s, src->initial) != 0) {
		sd_fail(ctx, rc,
			_("%s; nothing was saved, your text is kept in '%s'"),
			why, path);
	} else {
		unlink(path);
		sd_fail(ctx, rc, _("%s; nothing was saved"), why);
	}
	free(s);
	return rc;
}

static int
from_editor(struct sd_ctx *ctx, const struct sd_text_src *src, char **out,
	    char keep[4096])
{
	char tmp[4000], path[4096];
	struct sd_buf b;
	FILE *f;
	int fd, rc;
	char *text, *cut;

	if (drafts_dir(tmp, sizeof tmp) != 0)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot make the directory of drafts '%s': "
				 "%s; set XDG_STATE_HOME to a directory of "
				 "yours"),
			       tmp, strerror(errno));
	snprintf(path, sizeof path, "%s/%sXXXXXX.md", tmp,
		 src->draft ? src->draft : "socdok-note-");
	/* mkstemps: mode 0600, the text is about a person. */
	sd_priv_user();
	fd = mkstemps(path, 3);
	sd_priv_restore();
	if (fd < 0)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot create a temporary file in '%s': %s"),
			       tmp, strerror(errno));
	sd_buf_init(&b);
	if (src->initial) {
		sd_buf_puts(&b, src->initial);
	} else {
		sd_buf_printf(&b, "\n%s\n", SD_SCISSORS);
		sd_buf_puts(&b,
			    "# Allt från linjen ovan och nedåt tas bort.\n");
	}
	if (!src->initial && src->guide) {
		const char *p = src->guide;
		while (*p) {
			size_t n = strcspn(p, "\n");
			sd_buf_puts(&b, n ? "# " : "#");
			sd_buf_add(&b, p, n);
			sd_buf_puts(&b, "\n");
			p += n + (p[n] == '\n');
		}
	}
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		unlink(path);
		sd_buf_free(&b);
		return sd_fail(ctx, EX_IOERR, _("cannot write '%s'"), path);
	}
	if (b.len && fwrite(b.s, 1, b.len, f) != b.len) {
		fclose(f);
		f = NULL;
	}
	sd_buf_free(&b);
	if (!f || fclose(f) != 0) {
		unlink(path);
		return sd_fail(ctx, EX_IOERR, _("cannot write '%s': %s"), path,
			       strerror(errno));
	}
	if ((rc = sd_text_editor_run(ctx, path))) {
		if (src->initial)
			return draft_failed(ctx, rc, src, path);
		unlink(path);
		char why[sizeof ctx->err.msg];
		snprintf(why, sizeof why, "%s", ctx->err.msg);
		return sd_fail(
			ctx, rc,
			_("%s; nothing was written (set VISUAL or EDITOR, "
			  "or give the text with -m, -F or on standard "
			  "input)"),
			why);
	}
	if (!(text = sd_read_file(ctx, path, NULL))) {
		unlink(path);
		return ctx->err.code;
	}
	if (src->initial) {
		/* A document comes back as written, and is kept till stored. */
		snprintf(keep, 4096, "%s", path);
		*out = text;
		return 0;
	}
	/* The scissors line at the start of a line ends the text. */
	for (cut = text; (cut = strstr(cut, SD_SCISSORS)); cut++)
		if (cut == text || cut[-1] == '\n') {
			*cut = '\0';
			break;
		}
	/* Trailing blank lines are the editor's, not the writer's. */
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ' ||
			 text[n - 1] == '\t' || text[n - 1] == '\r'))
		text[--n] = '\0';
	if (n > 0) {
		text = sd_xrealloc(text, n + 2);
		text[n] = '\n';
		text[n + 1] = '\0';
	}
	if (sd_blank(text))
		unlink(path);
	else
		snprintf(keep, 4096, "%s", path);
	*out = text;
	return 0;
}

static int
text_get(struct sd_ctx *ctx, const struct sd_text_src *src, char **out,
	 size_t *len, char keep[4096])
{
	int rc;

	if (src->initial || (!src->message && !src->file && !src->use_stdin &&
			     (src->edit || isatty(STDIN_FILENO)))) {
		if (!(rc = from_editor(ctx, src, out, keep)))
			*len = strlen(*out);
		return rc;
	}
	if (src->message) {
		*out = sd_strdup(src->message);
		*len = strlen(*out);
		return 0;
	}
	if (!(*out = sd_read_file(ctx, src->file ? src->file : "-", len)))
		return ctx->err.code;
	return 0;
}

int
sd_text_get(struct sd_ctx *ctx, const struct sd_text_src *src, char **out,
	    char keep[4096])
{
	size_t len = 0;
	int rc;

	keep[0] = '\0';
	*out = NULL;
	if ((rc = text_get(ctx, src, out, &len, keep)))
		return rc;
	if ((rc = sd_text_clean(ctx, src->what ? _(src->what) : _("the text"),
				*out, &len))) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int
sd_text_will_edit(const struct sd_text_src *src)
{
	if (src->initial)
		return 1;
	if (src->message || src->file || src->use_stdin)
		return 0;
	return src->edit || isatty(STDIN_FILENO);
}

/* 1 when path is a file that an earlier refusal kept (prefix draft). */
static int
is_kept_draft(const char *path, const char *draft)
{
	char dir[4000], prefix[4096];
	int n;

	if (drafts_dir(dir, sizeof dir) != 0)
		return 0;
	n = snprintf(prefix, sizeof prefix, "%s/%s", dir, draft);

	return n > 0 && (size_t)n < sizeof prefix &&
	       strncmp(path, prefix, (size_t)n) == 0 &&
	       strlen(path) == (size_t)n + 9 &&
	       strcmp(path + n + 6, ".md") == 0;
}

void
sd_text_done(struct sd_ctx *ctx, const struct sd_text_src *src, int rc,
	     char keep[4096])
{
	if (!rc && src && src->draft && src->file &&
	    is_kept_draft(src->file, src->draft))
		unlink(src->file);
	if (!keep[0])
		return;
	if (rc == 0) {
		unlink(keep);
	} else {
		size_t l = strlen(ctx->err.msg);
		if (src && src->again)
			snprintf(ctx->err.msg + l, sizeof ctx->err.msg - l,
				 _("; your text is kept in '%s' (go on with: "
				   "%s '%s')"),
				 keep, src->again, keep);
		else
			snprintf(ctx->err.msg + l, sizeof ctx->err.msg - l,
				 _(" (your text is kept in %s)"), keep);
	}
	keep[0] = '\0';
}

void
sd_text_keep_done(struct sd_ctx *ctx, int rc, char keep[4096])
{
	sd_text_done(ctx, NULL, rc, keep);
}

/* 1 when name is "PROG-AKT-XXXXXX.md" (a draft of akt, see draft). */
static int
is_draft_of(const char *name, long long akt)
{
	char mid[40];
	size_t l = strlen(name), m;

	m = (size_t)snprintf(mid, sizeof mid, "-%lld-", akt);
	if (l < m + 10 || strcmp(name + l - 3, ".md") != 0 || name[0] < 'a' ||
	    name[0] > 'z')
		return 0;
	return strncmp(name + l - 9 - m, mid, m) == 0;
}

int
sd_drafts_remove(long long akt)
{
	char dir[4000], path[4096 + 256];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (drafts_path(dir, sizeof dir) != 0)
		return 0;
	/* The user's own directory, with the user's ids. */
	sd_priv_user();
	if ((d = opendir(dir))) {
		while ((de = readdir(d)))
			if (is_draft_of(de->d_name, akt) &&
			    snprintf(path, sizeof path, "%s/%s", dir,
				     de->d_name) < (int)sizeof path &&
			    unlink(path) == 0)
				n++;
		closedir(d);
	}
	sd_priv_restore();
	return n;
}
