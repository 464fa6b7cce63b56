/*
 * gallra - gallring: list the akter whose purge is due and what is
 * decided for each (the default, a dry run), execute it under the
 * archive authority's gallringsbeslut, or show the gallringslogg.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gallra.h"

static void
usage(int status)
{
	fputs(_("usage: gallra [-d DB] [--as-of DATE] [--format "
		"text|tsv|csv|json]\n"
		"       gallra [-d DB] --execute --decision REF "
		"[--preserve-dir "
		"DIR]\n"
		"              [--as-of DATE] [--vacuum full|incremental] "
		"[--log-file FILE]\n"
		"       gallra [-d DB] --log [--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"execute", no_argument, NULL, 'x'},
		{"decision", required_argument, NULL, 'D'},
		{"preserve-dir", required_argument, NULL, 'P'},
		{"vacuum", required_argument, NULL, 'V'},
		{"log", no_argument, NULL, 'l'},
		{"log-file", required_argument, NULL, 'L'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_gallra_exec ex = {0};
	struct sd_gallra_result res;
	struct sd_gallra_plan plan;
	struct sd_table *t = NULL;
	enum sd_format fmt;
	int c, rc, execute = 0, log = 0;
	const char *vacuum = NULL;

	sd_ctx_init(&ctx, "gallra");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'x': execute = 1; break;
		case 'D': ex.decision = optarg; break;
		case 'P': ex.preserve_dir = optarg; break;
		case 'V': vacuum = optarg; break;
		case 'l': log = 1; break;
		case 'L': ex.log_file = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (optind != argc || (execute && log))
		usage(1);
	if (!execute && ex.log_file) {
		sd_fail(&ctx, EX_USAGE, _("--log-file goes with --execute"));
		return sd_finish(&ctx, EX_USAGE);
	}
	if (!execute && (ex.decision || ex.preserve_dir || vacuum)) {
		sd_fail(&ctx, EX_USAGE,
			_("--decision, --preserve-dir and --vacuum go with "
			  "--execute; without it gallra only lists"));
		return sd_finish(&ctx, EX_USAGE);
	}
	if (vacuum && strcmp(vacuum, "full") == 0)
		ex.vacuum = SD_VACUUM_FULL;
	else if (vacuum && strcmp(vacuum, "incremental") == 0)
		ex.vacuum = SD_VACUUM_INCREMENTAL;
	else if (vacuum) {
		sd_fail(&ctx, EX_USAGE,
			_("unknown --vacuum '%s'; use full or incremental"),
			vacuum);
		return sd_finish(&ctx, EX_USAGE);
	}
	if (execute && !ex.decision) {
		sd_fail(&ctx, EX_USAGE,
			_("no gallringsbeslut; give --decision REF naming the "
			  "archive authority's decision (Handbok för "
			  "verkställighet: nothing is purged without one)"));
		return sd_finish(&ctx, EX_USAGE);
	}
	if ((rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)))
		return sd_finish(&ctx, rc);
	if (execute && cli.format) {
		sd_fail(&ctx, EX_USAGE,
			_("--format goes with the list, not --execute"));
		return sd_finish(&ctx, EX_USAGE);
	}
	if ((rc = sd_cli_open(&ctx, &cli, 0)))
		return sd_finish(&ctx, rc);
	if (log) {
		if (!(rc = sd_begin(&ctx)) &&
		    !(rc = sd_gallra_log_print(&ctx, fmt, stdout)))
			rc = sd_commit(&ctx);
	} else if (execute) {
		if (!(rc = sd_gallra_execute(&ctx, &ex, &res)))
			fprintf(stderr,
				_("gallra: gallring %lld under '%s': %d akter "
				  "purged, %d preserved, %d held back by the "
				  "person rule\n"),
				res.log_id, ex.decision, res.purged,
				res.preserved, res.held);
	} else {
		if (!(rc = sd_begin(&ctx)) &&
		    !(rc = sd_gallra_plan(&ctx, 0, &plan))) {
			if (!(rc = sd_gallra_table(&ctx, &plan, &t)) &&
			    !(rc = sd_table_print(&ctx, t, stdout, fmt)))
				rc = sd_commit(&ctx);
			sd_table_free(t);
			sd_gallra_plan_free(&plan);
		}
	}
	return sd_finish(&ctx, rc);
}
