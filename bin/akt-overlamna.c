/*
 * akt-overlamna - record that a closed akt was handed over to the
 * intermediate archive (seed 002: kept a year by the enhetschef, then
 * sent on), which satisfies the rule arkiv-overlamning.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"

static int
handover(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	long long akt = 0;

	return sd_akt_handover(ctx, item, *(const char **)r->arg, &akt);
}

static void
usage(int status)
{
	fputs(_("usage: akt-overlamna [-d DB] AKT [--date DATE]\n"),
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
	const char *date = NULL;
	struct sd_cli_run r = {.arg = &date};

	sd_ctx_init(&ctx, "akt-overlamna");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){{'D', &date}, {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], handover, &r);
}
