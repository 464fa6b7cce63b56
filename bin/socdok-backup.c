/*
 * socdok-backup - a consistent, verified copy of the database in a
 * directory, named by date and time, the oldest beyond --keep removed.
 * Silent on success, for cron.
 */
#include <getopt.h>
#include <stdlib.h>

#include "backup.h"
#include "cli.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-backup [-d DB] [-v] [--keep N] DIR\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"keep", required_argument, NULL, 'k'},
		{"verbose", no_argument, NULL, 'v'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_backup_opts o = {NULL, 0};
	struct sd_backup_result r;
	const char *keep = NULL;
	int c, rc, verbose = 0;

	sd_ctx_init(&ctx, "socdok-backup");
	while ((c = getopt_long(argc, argv, "d:hv", opts, NULL)) != -1) {
		switch (c) {
		case 'k': keep = optarg; break;
		case 'v': verbose = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || cli.format)
		usage(1);
	o.dir = argv[0];
	if (keep) {
		long long k;
		if ((rc = sd_num_parse(&ctx, "--keep", keep, 1, 100000, &k)))
			return sd_finish(&ctx, rc);
		o.keep = (int)k;
	}
	if (!(rc = sd_cli_open(&ctx, &cli, SD_OPEN_CHECK)) &&
	    !(rc = sd_backup(&ctx, &o, &r)) && verbose)
		printf("%s %s\n", r.path, r.head);
	return sd_finish(&ctx, rc);
}
