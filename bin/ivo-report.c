/*
 * ivo-report - per quarter, the beslut not carried out within three
 * months, the interruptions of three months or more and those ended
 * without being carried out, to report to IVO; or the statistics report
 * to kommunfullmäktige and the revisorer (--statistik).
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "ivo.h"

static void
usage(int status)
{
	fputs(_("usage: ivo-report [-d DB] --quarter YYYYQn [--statistik] "
		"[--unit UNIT]\n"
		"                  [--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quarter", required_argument, NULL, 'Q'},
		{"statistik", no_argument, NULL, 'S'},
		{"unit", required_argument, NULL, 'u'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_table *t = NULL;
	const char *quarter = NULL, *unit = NULL;
	enum sd_format fmt;
	enum sd_ivo_view view;
	int c, rc, statistik = 0, enskild = 0;

	sd_ctx_init(&ctx, "ivo-report");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'Q': quarter = optarg; break;
		case 'S': statistik = 1; break;
		case 'u': unit = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind || !quarter)
		usage(1);
	/* Text is for the unit; TSV, CSV and JSON are IVO's form, which
	 * leaves the unit: no name, the person as IVO asks. */
	if ((rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)))
		return sd_finish(&ctx, rc);
	view = statistik            ? SD_IVO_STATISTIK
	       : fmt == SD_FMT_TEXT ? SD_IVO_UNIT
				    : SD_IVO_FORM;
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_ivo_report_unit(&ctx, quarter, unit, view, &t,
				      &enskild)) &&
	    !(rc = sd_commit(&ctx))) {
		if (enskild && fmt == SD_FMT_TEXT && sd_table_rows(t))
			printf(_("To the beställande nämnd: beslut not carried "
				 "out within three months, for the nämnd's "
				 "report to IVO (%s)\n\n"),
			       quarter);
		rc = sd_table_print(&ctx, t, stdout, fmt);
	}
	sd_table_free(t);
	return sd_finish(&ctx, rc);
}
