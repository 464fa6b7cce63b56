/*
 * akt-show - one akt: the person, the unit, the kontaktperson and the
 * insatser with their dates; with --history every change of its facts
 * (akt-set, insats-correct, ...).  The read is logged.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"

static int
show(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	unsigned *flags = r->arg;

	(void)item;
	return sd_akt_show(ctx, &r->akt, *flags, r->fmt, stdout);
}

static void
usage(int status)
{
	fputs(_("usage: akt-show [-d DB] AKT [--history] [--format "
		"text|tsv|csv|json]\n"),
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
	unsigned flags = 0;
	struct sd_cli_run r = {.fmts = SD_FMTS_LIST,
			       .flags = SD_RUN_AKT | SD_RUN_FEW,
			       .arg = &flags};
	int c;

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
	return sd_cli_run(&ctx, &cli, argv[0], show, &r);
}
