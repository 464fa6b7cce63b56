/*
 * akt-reopen - open a closed akt again, after a mistake.  The reason is
 * written as a journal note (category avslut), so the closing and the
 * reopening both stay in the record.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "close.h"

static int
reopen(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	long long akt = 0, note = 0;

	return sd_close_reopen(ctx, item, *(const char **)r->arg, &akt, &note);
}

static void
usage(int status)
{
	fputs(_("usage: akt-reopen [-d DB] AKT -m REASON\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *reason = NULL;
	struct sd_cli_run r = {.arg = &reason};

	sd_ctx_init(&ctx, "akt-reopen");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'m', &reason}, {0, NULL}},
		      usage);
	if (argc != 1 || !reason)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], reopen, &r);
}
