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
	fputs("usage: rules-show [-d DB] [--format text|tsv|csv|json]\n",
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
	struct sd_table *t = NULL;
	enum sd_format fmt;
	int c, rc;

	sd_ctx_init(&ctx, "rules-show");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	if (argc != optind)
		usage(1);
	if (!(rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)) &&
	    !(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_rules_table(&ctx, &t)) && !(rc = sd_commit(&ctx)))
		rc = sd_table_print(&ctx, t, stdout, fmt);
	sd_table_free(t);
	return sd_finish(&ctx, rc);
}
