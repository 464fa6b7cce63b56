/*
 * staff-list - the staff register: login, name, title, role, units.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "staff.h"

static void
usage(int status)
{
	fputs(_("usage: staff-list [-d DB] [--unit UNIT] "
		"[--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

static const char *unit;

static int
list(struct sd_ctx *ctx, struct sd_table **t)
{
	return sd_staff_list_unit(ctx, unit, t);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	int c;

	sd_ctx_init(&ctx, "staff-list");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if (c == 'u')
			unit = optarg;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	if (argc != optind)
		usage(1);
	return sd_cli_table(&ctx, &cli, 0, list);
}
