/*
 * insats-end - end an insats; writes its avslutad-insats journal note in the
 * same transaction.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

/* The options of insats-end. */
struct args {
	const char *date, *reason;
};

static int
end(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *a = r->arg;

	(void)item;
	return sd_insats_end(ctx, r->id, a->date, a->reason);
}

static void
usage(int status)
{
	fputs(_("usage: insats-end [-d DB] INSATS [--date DATE] [--reason "
		"TEXT]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		{"reason", required_argument, NULL, 'r'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args a = {0};
	struct sd_cli_run r = {
		.what = N_("insats id"), .hint = N_("see akt-show"), .arg = &a};

	sd_ctx_init(&ctx, "insats-end");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){
			      {'D', &a.date}, {'r', &a.reason}, {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], end, &r);
}
