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

/* What the loop over the akter exports, and where. */
struct job {
	enum sd_export_fmt fmt;
	struct sd_export_opts *o;
	const char *out, *dir;
	char **masks;
	long long *seqs; /* the --mask notes, of the one akt */
	long long *done; /* the akter exported, each once */
	size_t ndone;
	char *path; /* the file of the item in hand, until its commit */
};

/* The export of akt on stdout (neither -o nor --dir). */
static int
to_stdout(struct sd_ctx *ctx, struct job *j, long long akt, struct sd_buf *p)
{
	int rc;

	rc = sd_export_stream(ctx, akt, j->fmt, j->o, p->s, stdout);
	sd_buf_free(p);
	if (!rc && fflush(stdout) != 0)
		rc = sd_stdout_fail(ctx);
	if (rc)
		return rc;
	j->done = sd_xrealloc(j->done, (j->ndone + 1) * sizeof *j->done);
	j->done[j->ndone++] = akt;
	return 0;
}

/*
 * Export the akt an item names, in the item's own transaction: a
 * missing, refused or failing akt is reported and the others go on
 * (issue 15), each file named on stdout once its export is committed.
 */
static int
export_item(struct sd_ctx *ctx, const char *item, struct sd_loop *l)
{
	struct job *j = l->arg;
	struct sd_akt a;
	struct sd_buf p;
	char name[64];
	int rc;

	if ((rc = sd_akt_find(ctx, item, &a)))
		return rc;
	for (size_t i = 0; i < j->ndone; i++)
		if (j->done[i] == a.id)
			return 0;
	/* The notes to mask, of the one akt (main checked there is one). */
	if (j->masks[0] && !j->seqs &&
	    (rc = sd_export_mask_parse(ctx, a.id, j->masks, &j->seqs,
				       &j->o->nmask)))
		return rc;
	j->o->mask = j->seqs;
	sd_buf_init(&p);
	if (j->dir)
		sd_buf_printf(&p, "%s/%s", j->dir,
			      sd_export_name(a.id, j->fmt, name, sizeof name));
	else
		sd_buf_puts(&p, j->out ? j->out : "-");
	if (!strcmp(p.s, "-"))
		return to_stdout(ctx, j, a.id, &p);
	if ((rc = sd_export_file(ctx, a.id, j->fmt, j->o, p.s))) {
		sd_buf_free(&p);
		return rc;
	}
	j->done = sd_xrealloc(j->done, (j->ndone + 1) * sizeof *j->done);
	j->done[j->ndone++] = a.id;
	/*
	 * Named, then committed: a full stdout undoes the export (and
	 * ends the batch), so a file named is a file logged.
	 */
	j->path = p.s;
	if (puts(p.s) < 0 || fflush(stdout) != 0)
		return sd_stdout_fail(ctx);
	return 0;
}

/* After the item's commit or roll-back: a file not committed goes. */
static int
export_done(struct sd_ctx *ctx, const char *item, int rc, struct sd_loop *l)
{
	struct job *j = l->arg;

	(void)ctx;
	(void)item;
	if (rc && j->path) {
		unlink(j->path);
		if (j->ndone)
			j->ndone--;
	}
	free(j->path);
	j->path = NULL;
	/* Standard output is gone: the other files could not be named. */
	if (rc == EX_IOERR)
		l->stop = 1;
	return 0;
}

static int
run(struct sd_ctx *ctx, char **items, struct job *j)
{
	struct sd_loop l = {.flags = SD_LOOP_EACH,
			    .item = export_item,
			    .done = export_done,
			    .arg = j};
	int rc, err = 0;

	/* The user's directory, made with the user's ids (set-gid). */
	if (j->dir) {
		sd_priv_user();
		if (mkdir(j->dir, 0700) != 0)
			err = errno;
		sd_priv_restore();
	}
	if (err && err != EEXIST)
		return sd_fail(ctx, EX_CANTCREAT, _("cannot create '%s': %s"),
			       j->dir, strerror(err));
	rc = sd_cli_loop(ctx, items, &l);
	if (l.failed && l.failed == l.total && l.total > 1)
		fprintf(stderr,
			_("%s: none of the %d akter could be exported\n"),
			ctx->prog, l.total);
	else if (l.failed && l.total > 1)
		fprintf(stderr,
			_("%s: %d of %d akter could not be exported; the "
			  "others were written\n"),
			ctx->prog, l.failed, l.total);
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
	if ((rc = sd_cli_items(&ctx, argc, argv, &items))) {
		free(masks);
		return sd_finish(&ctx, rc);
	}
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
	struct job j = {fmt, &o, out, dir, masks, NULL, NULL, 0, NULL};
	if (!rc && !(rc = sd_cli_open(&ctx, &cli, 0)))
		rc = run(&ctx, items, &j);
	sd_list_free(items);
	free(masks);
	free(j.seqs);
	free(j.done);
	/* Each failure was reported with its akt: rc is the first one's. */
	return sd_finish(&ctx, rc);
}
