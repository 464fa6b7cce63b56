/*
 * insats-start - record verkställighet: the date an insats actually started;
 * writes its påbörjad-insats journal note in the same transaction.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

static int
start(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	(void)item;
	return sd_insats_start(ctx, r->id, r->arg);
}

static void
usage(int status)
{
	fputs(_("usage: insats-start [-d DB] INSATS [--date DATE]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_cli_run r = {.what = N_("insats id"),
			       .hint = N_("see akt-show")};
	int c;

	sd_ctx_init(&ctx, "insats-start");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'D': r.arg = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], start, &r);
}
