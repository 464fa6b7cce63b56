/*
 * gp-new - write a new version of an akt's genomförandeplan: from a
 * file, standard input, or $EDITOR on the template prefilled from the
 * database.  The plan is checked before it is stored; a refused plan
 * written in the editor is kept in a file, so nothing is lost.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "editor.h"
#include "gp.h"

static void
usage(int status)
{
	fputs("usage: gp-new [-d DB] AKT [-F FILE | -] [-e] [--date DATE] "
	      "[--template]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* Print each problem of a refused plan as its own "gp-new: " line. */
static void
print_problems(const struct sd_gp_check *c)
{
	for (size_t i = 0; i < c->n; i++)
		fprintf(stderr, "gp-new: %s\n", c->problems[i]);
}

/* Write text to a new private file under $TMPDIR; its path into path. */
static int
write_draft(struct sd_ctx *ctx, long long akt, const char *text,
	    char *path, size_t n)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, n, "%s/gp-new-%lld-XXXXXX.md",
		 dir && *dir ? dir : "/tmp", akt);
	if ((fd = mkstemps(path, 3)) < 0)
		return sd_fail(ctx, EX_CANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		unlink(path);
		return sd_fail(ctx, EX_CANTCREAT, "cannot write '%s': %s",
			       path, strerror(errno));
	}
	if (fputs(text, f) < 0 || fclose(f) != 0) {
		unlink(path);
		return sd_fail(ctx, EX_IOERR, "cannot write '%s': %s", path,
			       strerror(errno));
	}
	return 0;
}

/* 1 when path is a draft that an earlier refused gp-new kept. */
static int
is_kept_draft(const char *path, long long akt)
{
	const char *dir = getenv("TMPDIR");
	char prefix[4096];
	size_t n;

	n = (size_t)snprintf(prefix, sizeof prefix, "%s/gp-new-%lld-",
			     dir && *dir ? dir : "/tmp", akt);
	return strncmp(path, prefix, n) == 0 && strlen(path) == n + 9 &&
	       strcmp(path + n + 6, ".md") == 0;
}

/* Check and store text as the akt's new plan; print its id. */
static int
store(struct sd_ctx *ctx, long long akt, const char *text, const char *date,
      struct sd_gp_check *chk, size_t *removed, long long *version)
{
	struct sd_gp_in in = {akt, date, text};
	long long id = 0;
	int rc;

	if (!(rc = sd_begin(ctx)) &&
	    !(rc = sd_gp_new(ctx, &in, chk, &id, version, removed)) &&
	    !(rc = sd_print_id(ctx, id)))
		rc = sd_commit(ctx);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"file", required_argument, NULL, 'F'},
	    {"edit", no_argument, NULL, 'e'},
	    {"date", required_argument, NULL, 'D'},
	    {"template", no_argument, NULL, 'T'},
	    SD_COMMON_OPTIONS,
	    {NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt a;
	struct sd_gp_check chk = {0};
	struct sd_buf text;
	const char *file = NULL, *date = NULL;
	char draft[4096] = "";
	int c, rc, edit = 0, template = 0;
	size_t removed = 0;
	long long version = 0;

	sd_ctx_init(&ctx, "gp-new");
	sd_buf_init(&text);
	while ((c = getopt_long(argc, argv, "d:hF:e", opts, NULL)) != -1) {
		switch (c) {
		case 'F': file = optarg; break;
		case 'e': edit = 1; break;
		case 'D': date = optarg; break;
		case 'T': template = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && strcmp(argv[1], "-") == 0 && !file)
		file = "-";
	else if (argc != 1)
		usage(1);
	if (template && (file || edit))
		usage(1);
	if (!file && !template && isatty(STDIN_FILENO))
		edit = 1;

	/* Find the akt first: refuse before anyone writes a whole plan. */
	if ((rc = sd_cli_open(&ctx, &cli, 0)) || (rc = sd_begin(&ctx)) ||
	    (rc = sd_gp_akt_for_write(&ctx, argv[0], &a)))
		return sd_finish(&ctx, rc);

	if (template) {
		if (!(rc = sd_gp_template(&ctx, &a, date, &text))) {
			fputs(text.s, stdout);
			rc = sd_commit(&ctx);
		}
		sd_buf_free(&text);
		return sd_finish(&ctx, rc);
	}

	if (!edit) {
		char *s;
		if ((rc = sd_commit(&ctx)))
			return sd_finish(&ctx, rc);
		if (!(s = sd_read_file(&ctx, file ? file : "-", NULL)))
			return sd_finish(&ctx, ctx.err.code);
		rc = store(&ctx, a.id, s, date, &chk, &removed, &version);
		free(s);
		if (rc == EX_DATAERR && chk.n)
			print_problems(&chk);
		goto done;
	}

	/* The editor starts from -F FILE, the current plan, or the template. */
	if (file) {
		char *s = sd_read_file(&ctx, file, NULL);
		if (!s)
			return sd_finish(&ctx, ctx.err.code);
		sd_buf_puts(&text, s);
		free(s);
	} else if ((rc = sd_gp_current_text(&ctx, a.id, &text)) == 0) {
		rc = sd_log_access(&ctx, a.id, "read the current plan to edit");
	} else if (rc == 1) {
		rc = sd_gp_template(&ctx, &a, date, &text);
	}
	if (rc || (rc = sd_commit(&ctx)) ||
	    (rc = write_draft(&ctx, a.id, text.s ? text.s : "", draft,
			      sizeof draft))) {
		sd_buf_free(&text);
		return sd_finish(&ctx, rc);
	}
	if ((rc = sd_editor_run(&ctx, draft))) {
		char *s = sd_read_file(&ctx, draft, NULL);
		char why[sizeof ctx.err.msg];
		snprintf(why, sizeof why, "%s", ctx.err.msg);
		if (s && strcmp(s, text.s ? text.s : "") != 0) {
			sd_fail(&ctx, rc, "%s; nothing was saved, your text is "
					  "kept in '%s'",
				why, draft);
		} else {
			unlink(draft);
			sd_fail(&ctx, rc, "%s; nothing was saved", why);
		}
		free(s);
		sd_buf_free(&text);
		return sd_finish(&ctx, rc);
	}
	sd_buf_free(&text);
	{
		char *s = sd_read_file(&ctx, draft, NULL);
		if (!s)
			return sd_finish(&ctx, ctx.err.code);
		rc = store(&ctx, a.id, s, date, &chk, &removed, &version);
		free(s);
	}
	if (rc) {
		char why[sizeof ctx.err.msg];
		sd_rollback(&ctx);
		if (rc == EX_DATAERR && chk.n)
			print_problems(&chk);
		snprintf(why, sizeof why, "%s", ctx.err.msg);
		sd_fail(&ctx, rc,
			"%s; your text is kept in '%s' (go on with: gp-new "
			"%s -e -F '%s')",
			why, draft, argv[0], draft);
	} else {
		unlink(draft);
		if (file && is_kept_draft(file, a.id))
			unlink(file);
	}
done:
	if (!rc && removed)
		fprintf(stderr,
			"gp-new: note: version %lld no longer has %zu line%s "
			"of version %lld; see gp-show %lld --diff %lld %lld "
			"(seed 002: a correction must not remove information)\n",
			version, removed, removed == 1 ? "" : "s", version - 1,
			a.id, version - 1, version);
	sd_gp_check_free(&chk);
	return sd_finish(&ctx, rc);
}
