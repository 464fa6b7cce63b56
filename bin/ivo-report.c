/*
 * ivo-report - per quarter, the beslut not carried out within three
 * months and the interruptions of three months or more, to report to
 * IVO (SoL 16 kap 6 f §, LSS 28 f §).
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "ivo.h"

static void
usage(int status)
{
	fputs("usage: ivo-report [-d DB] --quarter YYYYQn "
	      "[--format text|csv|json]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quarter", required_argument, NULL, 'Q'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_table *t = NULL;
	const char *quarter = NULL;
	enum sd_format fmt;
	int c, rc;

	sd_ctx_init(&ctx, "ivo-report");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'Q': quarter = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind || !quarter)
		usage(1);
	/* Text is for the unit; CSV and JSON leave it: pseudonyms there. */
	if (!(rc = sd_format_parse(&ctx, cli.format,
				   (1u << SD_FMT_TEXT) | (1u << SD_FMT_CSV) |
					   (1u << SD_FMT_JSON),
				   &fmt)) &&
	    !(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_ivo_report(&ctx, quarter, fmt != SD_FMT_TEXT, &t)) &&
	    !(rc = sd_commit(&ctx)))
		rc = sd_table_print(&ctx, t, stdout, fmt);
	sd_table_free(t);
	return sd_finish(&ctx, rc);
}
