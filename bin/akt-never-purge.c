/*
 * akt-never-purge - an arkivarie keeps an akt from gallring (or lets it
 * go again), with a reason that is kept with the akt.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "gallra.h"

/* The options of akt-never-purge. */
struct args {
	const char *reason;
	int clear;
};

static int
never_purge(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *a = r->arg;

	return sd_gallra_never_purge(ctx, item, a->reason, a->clear, NULL);
}

static void
usage(int status)
{
	fputs(_("usage: akt-never-purge [-d DB] AKT -m REASON [--clear]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"message", required_argument, NULL, 'm'},
		{"clear", no_argument, NULL, 'c'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args a = {0};
	struct sd_cli_run r = {.arg = &a};
	int c;

	sd_ctx_init(&ctx, "akt-never-purge");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'm': a.reason = optarg; break;
		case 'c': a.clear = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], never_purge, &r);
}
