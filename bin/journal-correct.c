/*
 * journal-correct - record a rättelse: the person (or the author) says a
 * note is wrong.  A new note of category rättelse points at the note;
 * the note itself stays as written (SoL 11 kap. 6 §: "antecknas").
 * Prints the new note's reference alone on stdout.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "editor.h"
#include "journal.h"

static void
usage(int status)
{
	fputs("usage: journal-correct [-d DB] NOTE [-m TEXT | -F FILE | -] "
	      "[-e] [--event-date DATE]\n"
	      "                       [--on-behalf-of LOGIN] [--strict]\n",
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

	sd_ctx_init(&ctx, "journal-correct");
	while ((c = getopt_long(argc, argv, "d:hm:F:e", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			src.message = optarg;
			sources++;
			break;
		case 'F':
			src.file = optarg;
			sources++;
			break;
		case 'e': src.edit = 1; break;
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
				  strict, 1, &w);
	snprintf(prefix, sizeof prefix, "%s: warning: ", ctx.prog);
	sd_lint_print(&w.lint, stderr, prefix);
	rc = sd_journal_write_finish(&ctx, rc, &w);
	return sd_finish(&ctx, rc);
}
