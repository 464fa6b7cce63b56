/*
 * journal-add - append a note to the social journal of an akt and print
 * its reference (AKT:NOTE) alone on stdout.  The text comes from -m,
 * -F, standard input, or the editor; the documentation rules are
 * checked and their warnings printed (--strict refuses instead).
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "editor.h"
#include "journal.h"

static void
usage(int status)
{
	fputs("usage: journal-add [-d DB] AKT [-m TEXT | -F FILE | -] [-e] "
	      "[--category SÖKORD]\n"
	      "                   [--event-date DATE] [--on-behalf-of LOGIN] "
	      "[--strict]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
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
	    SD_COMMON_OPTIONS,
	    {NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_text_src src = {0};
	struct sd_note_in in = {0};
	struct sd_journal_write w;
	char prefix[64];
	int c, rc, strict = 0, sources = 0;

	sd_ctx_init(&ctx, "journal-add");
	while ((c = getopt_long(argc, argv, "d:hm:F:e", opts, NULL)) != -1) {
		switch (c) {
		case 'm': src.message = optarg; sources++; break;
		case 'F': src.file = optarg; sources++; break;
		case 'e': src.edit = 1; break;
		case 'c': in.category = optarg; break;
		case 'E': in.event_date = optarg; break;
		case 'b': in.behalf_login = optarg; break;
		case 's': strict = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && argv[1][0] == '-' && !argv[1][1]) {
		src.use_stdin = 1;
		sources++;
		argc--;
	}
	if (argc != 1 || sources > 1 || (src.edit && sources))
		usage(1);
	rc = sd_journal_write_cmd(&ctx, &cli, &src, sources, argv[0], &in,
				  strict, 0, &w);
	snprintf(prefix, sizeof prefix, "%s: warning: ", ctx.prog);
	sd_lint_print(&w.lint, stderr, prefix);
	rc = sd_journal_write_finish(&ctx, rc, &w);
	return sd_finish(&ctx, rc);
}
