/*
 * journal-add - append a note to the social journal of an akt and print
 * its reference (AKT:NOTE) alone on stdout.  The text comes from -m,
 * -F, standard input, or the editor; the documentation rules are
 * checked and their warnings printed (--strict refuses instead).
 * With --batch, one note a line from standard input (scripts, imports).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "journal.h"
#include "text-src.h"

static void
usage(int status)
{
	fputs(_("usage: journal-add [-d DB] AKT [-m TEXT | -F FILE | -] [-e] "
		"[--category SÖKORD]\n"
		"                   [--event-date DATE] [--on-behalf-of LOGIN] "
		"[--strict]\n"
		"       journal-add [-d DB] --batch [--on-behalf-of LOGIN] "
		"[--strict] < LINES\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/*
 * --batch: each line "AKT<TAB>CATEGORY<TAB>EVENT-DATE<TAB>TEXT", linted
 * and chained like one note; the lines of one akt in a row are one
 * transaction.  A refused line is reported with its number and the
 * others are written; the references of the notes written on stdout.
 */
static int
batch(struct sd_ctx *ctx, const struct sd_cli *cli, const char *behalf,
      int strict)
{
	struct sd_lint lint = {0};
	struct sd_journal_batch b = {0};
	char *line = NULL, cur[64] = "", prefix[64];
	long long seq, lineno = 0;
	size_t cap = 0;
	ssize_t len;
	int rc, bad = 0, first_bad = 0, open_tx = 0;

	if ((rc = sd_cli_open(ctx, cli, 0)) ||
	    (rc = sd_journal_batch_start(ctx)))
		return rc;
	while (!rc && (len = getline(&line, &cap, stdin)) != -1) {
		struct sd_note_in in = {.behalf_login = behalf};
		const char *ref;
		int lrc;

		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		if ((lrc = sd_journal_batch_parse(ctx, line, &ref, &in)) == 0 &&
		    (!open_tx || strcmp(ref, cur) != 0)) {
			/*
			 * A new akt: the notes of the last one are done, and
			 * their references printed once committed.
			 */
			if (open_tx && !(rc = sd_journal_batch_commit(ctx, &b)))
				rc = sd_cli_flush(ctx);
			open_tx = 0;
			sd_journal_batch_end(&b);
			if (rc || (rc = sd_begin(ctx)))
				break;
			open_tx = 1;
			snprintf(cur, sizeof cur, "%s", ref);
		}
		if (!lrc)
			lrc = sd_journal_add_batched(ctx, &b, ref, &in, strict,
						     &lint, &seq);
		if (lint.n) {
			snprintf(prefix, sizeof prefix,
				 _("%s: line %lld: warning: "), ctx->prog,
				 lineno);
			sd_lint_print(&lint, stderr, prefix);
		}
		sd_lint_free(&lint);
		if (lrc && b.broken) {
			/* (this akt's notes are rolled back by sd_finish) */
			rc = lrc;
			break;
		}
		if (lrc) {
			fprintf(stderr, _("%s: line %lld: %s\n"), ctx->prog,
				lineno, ctx->err.msg);
			bad++;
			if (!first_bad)
				first_bad = lrc;
			continue;
		}
		sd_print_note(ctx, in.akt, seq);
	}
	if (!rc && open_tx && !(rc = sd_journal_batch_commit(ctx, &b)))
		rc = sd_cli_flush(ctx);
	sd_journal_batch_end(&b);
	free(line);
	if (!rc && bad)
		rc = sd_fail(ctx, first_bad,
			     ngettext("%d line not written (see above); the "
				      "other notes were",
				      "%d lines not written (see above); the "
				      "other notes were",
				      (unsigned long)bad),
			     bad);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"message", required_argument, NULL, 'm'},
		{"file", required_argument, NULL, 'F'},
		{"edit", no_argument, NULL, 'e'},
		{"category", required_argument, NULL, 'c'},
		{"event-date", required_argument, NULL, 'E'},
		{"on-behalf-of", required_argument, NULL, 'b'},
		{"strict", no_argument, NULL, 's'},
		{"batch", no_argument, NULL, 'B'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_text_src src = {.what = N_("the note")};
	struct sd_note_in in = {0};
	struct sd_journal_write w;
	int c, rc, strict = 0, many = 0;

	sd_ctx_init(&ctx, "journal-add");
	while ((c = getopt_long(argc, argv, "d:hm:F:e", opts, NULL)) != -1) {
		switch (c) {
		case 'c': in.category = optarg; break;
		case 'E': in.event_date = optarg; break;
		case 'b': in.behalf_login = optarg; break;
		case 's': strict = 1; break;
		case 'B': many = 1; break;
		default:
			if (!sd_cli_text_opt(&src, c, optarg) &&
			    !sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (many) {
		if (argc || src.named || src.edit || in.category ||
		    in.event_date)
			usage(1);
		return sd_finish(&ctx,
				 batch(&ctx, &cli, in.behalf_login, strict));
	}
	if (sd_cli_text_args(&src, &argc, argv) || argc != 1)
		usage(1);
	rc = sd_journal_write_cmd(&ctx, &cli, &src, argv[0], &in, strict, 0,
				  &w);
	rc = sd_cli_journal_finish(&ctx, rc, &w);
	return sd_finish(&ctx, rc);
}
