/*
 * akt-export - an akt as one document for auditors, IVO and the person
 * themself: Markdown, HTML, PDF (optionally PDF/A-2B) or JSON, ending
 * with the verification block of the journal's hash chain.  Several
 * akter (or ids on stdin) go into --dir, one file per akt, named by the
 * akt id only.  Every export is written to the access log.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "cli.h"
#include "export.h"
#include "priv.h"

static void
usage(int status)
{
	fputs(_("usage: akt-export [-d DB] AKT ... [--format md|html|pdf|json] "
		"[-o FILE | --dir DIR] [--since DATE] [--until DATE] "
		"[--only journal|gp] [--pdfa] [--confirm-protected] "
		"[--for-person] [--mask NOTE]...\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* Remove the files written before a failure: nothing half-done stays. */
static void
unlink_all(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		unlink(paths[i]);
}

/* Resolve the akt an item names into the next of l->arg's ids. */
static int
resolve(struct sd_ctx *ctx, const char *item, struct sd_loop *l)
{
	long long *ids = l->arg;
	struct sd_akt a;
	int rc;

	if (!(rc = sd_akt_find(ctx, item, &a)))
		ids[l->total - 1] = a.id;
	return rc;
}

static int
run(struct sd_ctx *ctx, char **items, enum sd_export_fmt fmt,
    struct sd_export_opts *o, const char *out, const char *dir, char **masks)
{
	long long *seqs = NULL;
	size_t n = 0, done = 0;
	long long *ids;
	char **paths;
	int rc = 0;

	while (items[n])
		n++;
	ids = sd_xmalloc(n * sizeof *ids);
	paths = sd_xmalloc(n * sizeof *paths);
	/* Resolve every akt before writing anything. */
	struct sd_loop l = {.item = resolve, .arg = ids};
	rc = sd_cli_loop(ctx, items, &l);
	/* The notes to mask, of the one akt (main checked there is one). */
	if (!rc && masks[0] &&
	    !(rc = sd_export_mask_parse(ctx, ids[0], masks, &seqs, &o->nmask)))
		o->mask = seqs;
	/* The user's directory, made with the user's ids (set-gid). */
	int err = 0;
	if (!rc && dir) {
		sd_priv_user();
		if (mkdir(dir, 0700) != 0)
			err = errno;
		sd_priv_restore();
	}
	if (err && err != EEXIST)
		rc = sd_fail(ctx, EX_CANTCREAT, _("cannot create '%s': %s"),
			     dir, strerror(err));
	for (size_t i = 0; i < n && !rc; i++) {
		char name[64];
		struct sd_buf p;
		int dup = 0;

		for (size_t j = 0; j < i; j++)
			dup |= ids[j] == ids[i];
		if (dup)
			continue;
		sd_buf_init(&p);
		if (dir)
			sd_buf_printf(
				&p, "%s/%s", dir,
				sd_export_name(ids[i], fmt, name, sizeof name));
		else
			sd_buf_puts(&p, out ? out : "-");
		if (!(rc = sd_export_file(ctx, ids[i], fmt, o, p.s)) &&
		    strcmp(p.s, "-") != 0)
			paths[done++] = p.s;
		else
			sd_buf_free(&p);
	}
	/* Name the files, then commit: a full stdout undoes the export. */
	for (size_t i = 0; !rc && i < done; i++)
		if (puts(paths[i]) < 0 || fflush(stdout) != 0)
			rc = sd_stdout_fail(ctx);
	if (!rc)
		rc = sd_commit(ctx);
	if (rc)
		unlink_all(paths, done);
	for (size_t i = 0; i < done; i++)
		free(paths[i]);
	free(paths);
	free(ids);
	free(seqs);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		SD_COMMON_OPTIONS,
		{"output", required_argument, NULL, 'o'},
		{"dir", required_argument, NULL, 'D'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"only", required_argument, NULL, 'O'},
		{"pdfa", no_argument, NULL, 'P'},
		{"confirm-protected", no_argument, NULL, 'C'},
		{"for-person", no_argument, NULL, 'F'},
		{"mask", required_argument, NULL, 'M'},
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_export_opts o = {.ask_protected = 1};
	enum sd_export_fmt fmt;
	const char *out = NULL, *dir = NULL, *only = NULL;
	char **items, **masks;
	size_t nmasks = 0;
	int c, rc;

	sd_ctx_init(&ctx, "akt-export");
	masks = sd_xmalloc((size_t)argc * sizeof *masks);
	masks[0] = NULL;
	while ((c = getopt_long(argc, argv, "d:ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'D': dir = optarg; break;
		case 's': o.since = optarg; break;
		case 'u': o.until = optarg; break;
		case 'O': only = optarg; break;
		case 'P': o.pdfa = SD_PDFA_REQUIRE; break;
		case 'C': o.ask_protected = 0; break;
		case 'F': o.for_person = 1; break;
		case 'M':
			masks[nmasks++] = optarg;
			masks[nmasks] = NULL;
			break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if ((rc = sd_export_fmt_parse(&ctx, cli.format, &fmt))) {
		free(masks);
		return sd_finish(&ctx, rc);
	}
	if (only && strcmp(only, "journal") == 0)
		o.only = SD_EXPORT_JOURNAL;
	else if (only && strcmp(only, "gp") == 0)
		o.only = SD_EXPORT_GP;
	else if (only) {
		sd_fail(&ctx, EX_USAGE,
			_("unknown --only '%s'; use journal or gp"), only);
		free(masks);
		return sd_finish(&ctx, EX_USAGE);
	}
	if (out && dir) {
		sd_fail(&ctx, EX_USAGE, _("give either -o FILE or --dir DIR"));
		free(masks);
		return sd_finish(&ctx, EX_USAGE);
	}
	items = sd_cli_items(argc, argv);
	if (!items[0]) {
		sd_list_free(items);
		free(masks);
		usage(1);
	}
	if (masks[0] && items[1])
		rc = sd_fail(
			&ctx, EX_USAGE,
			_("--mask names notes of one akt; export the akter "
			  "one at a time"));
	else if (items[1] && !dir)
		rc = sd_fail(
			&ctx, EX_USAGE,
			_("several akter go into a directory; add --dir DIR"));
	else if (!out && !dir && fmt == SD_EXPORT_PDF && isatty(STDOUT_FILENO))
		rc = sd_fail(&ctx, EX_USAGE,
			     _("a PDF is not for a terminal; add -o FILE"));
	if (!rc && !(rc = sd_cli_begin(&ctx, &cli)))
		rc = run(&ctx, items, fmt, &o, out, dir, masks);
	sd_list_free(items);
	free(masks);
	return sd_finish(&ctx, rc);
}
