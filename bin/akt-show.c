/*
 * akt-show - one akt: the person, the unit, the kontaktperson and the
 * insatser with their dates; with --history every change of its facts
 * (akt-set, insats-correct, ...).  The read is logged.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"

static void
usage(int status)
{
	fputs("usage: akt-show [-d DB] AKT [--history] [--format "
	      "text|tsv|csv|json]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"history", no_argument, NULL, 'H'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt a;
	enum sd_format fmt;
	unsigned flags = 0;
	int c, rc;

	sd_ctx_init(&ctx, "akt-show");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'H')
			flags |= SD_AKT_HISTORY;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	if (!(rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)) &&
	    !(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_akt_find(&ctx, argv[0], &a)) &&
	    !(rc = sd_akt_show(&ctx, &a, flags, fmt, stdout)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
