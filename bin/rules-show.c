/*
 * rules-show - the deadline rules in force: what each counts from, how
 * long, what satisfies it, whom it concerns and its source.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "rules.h"

static void
usage(int status)
{
	fputs(_("usage: rules-show [-d DB] [--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {SD_COMMON_OPTIONS,
					     {NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	int c;

	sd_ctx_init(&ctx, "rules-show");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	if (argc != optind)
		usage(1);
	return sd_cli_table(&ctx, &cli, SD_TABLE_TX, sd_rules_table);
}
