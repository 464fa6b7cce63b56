/*
 * socdok-export-all - the way out of socdok: every akt of the database
 * as JSON and PDF/A into one directory, with the chain of heads and the
 * log chains, so that whoever receives it can check every akt and
 * recompute the database head from the files alone.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "export-all.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-export-all [-d DB] [--no-pdf | --no-pdfa] "
		"DIR\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"no-pdf", no_argument, NULL, 'N'},
		{"no-pdfa", no_argument, NULL, 'A'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_export_all_opts o = {.pdf = 1, .pdfa = SD_PDFA_REQUIRE};
	struct sd_export_all_result res;
	int c, rc;

	sd_ctx_init(&ctx, "socdok-export-all");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'N')
			o.pdf = 0;
		else if (c == 'A')
			o.pdfa = SD_PDFA_NO;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	}
	if (optind + 1 != argc || cli.format)
		usage(1);
	o.dir = argv[optind];
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_export_all(&ctx, &o, &res)) && !(rc = sd_commit(&ctx)))
		printf(_("%s: %lld akter, %lld files; database head %s\n"),
		       o.dir, res.akter, res.files, res.root);
	return sd_finish(&ctx, rc);
}
