/*
 * akt-list - the akter the user may see, in Swedish name order.
 * --format ids prints one id per line, for piping into akt-close.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"
#include "db.h"

static void
usage(int status)
{
	fputs(_("usage: akt-list [-d DB] [--unit UNIT] [--open|--closed] "
		"[--format text|tsv|csv|json|ids]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		{"open", no_argument, NULL, 'o'},
		{"closed", no_argument, NULL, 'c'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_table *t = NULL;
	const char *unit = NULL;
	enum sd_format fmt;
	int c, rc, open = -1;

	sd_ctx_init(&ctx, "akt-list");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'u': unit = optarg; break;
		case 'o': open = 1; break;
		case 'c': open = 0; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind)
		usage(1);
	if (!(rc = sd_format_parse(&ctx, cli.format,
				   SD_FMTS_LIST | (1u << SD_FMT_IDS), &fmt)) &&
	    /* (each page read about once: a small page cache, db.h) */
	    !(rc = sd_cli_open(&ctx, &cli, SD_OPEN_FEW)) &&
	    !(rc = sd_begin(&ctx)) &&
	    !(rc = sd_akt_list(&ctx, unit, open, &t)) &&
	    !(rc = sd_commit(&ctx)))
		rc = sd_table_print(&ctx, t, stdout, fmt);
	sd_table_free(t);
	return sd_finish(&ctx, rc);
}
