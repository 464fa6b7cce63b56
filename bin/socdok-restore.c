/*
 * socdok-restore - put a backup in place of the database, purging again
 * everything the gallringslogg says was purged since, so that a restore
 * never brings back what the law required to be gone.
 */
#include <getopt.h>
#include <stdlib.h>

#include "backup.h"
#include "cli.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-restore [-d DB] [-v] [--gallringslogg FILE] "
		"BACKUP\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"gallringslogg", required_argument, NULL, 'g'},
		{"verbose", no_argument, NULL, 'v'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_restore_opts o = {NULL, NULL};
	struct sd_restore_result r;
	int c, rc, verbose = 0;

	sd_ctx_init(&ctx, "socdok-restore");
	while ((c = getopt_long(argc, argv, "d:hv", opts, NULL)) != -1) {
		switch (c) {
		case 'g': o.gallringslogg = optarg; break;
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
	o.backup = argv[0];
	if (!(rc = sd_set_today(&ctx, cli.asof)) &&
	    !(rc = sd_db_path(&ctx, cli.db)) &&
	    !(rc = sd_restore(&ctx, &o, &r)))
		fprintf(stderr,
			_("socdok-restore: restored '%s' into '%s' (%lld "
			  "akter, %lld notes); %d purges and %d preserve "
			  "marks re-applied from '%s'\n"),
			o.backup, ctx.path, r.akter, r.notes, r.purged,
			r.preserved, r.log);
	if (!rc && verbose)
		printf("%s %s\n", ctx.path, r.head);
	return sd_finish(&ctx, rc);
}
