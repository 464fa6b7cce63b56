/*
 * akt-inform - record that the person was informed of the right to read
 * their file, when and how; a chained fact shown by akt-show and the
 * export.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "inform.h"

static void
usage(int status)
{
	fputs(_("usage: akt-inform [-d DB] AKT [--date DATE] --how TEXT\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		{"how", required_argument, NULL, 'H'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *date = NULL, *how = NULL;
	long long akt;
	int rc;

	sd_ctx_init(&ctx, "akt-inform");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){
			      {'D', &date}, {'H', &how}, {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_inform_akt(&ctx, argv[0], date, how, &akt)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
