/*
 * insats-cancel - end an insats that was never started (a beslut
 * återkallat, avböjt, ...), with its reason, a fact and a journal note.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

/* The options of insats-cancel. */
struct args {
	const char *date, *reason, *text;
};

static int
cancel(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *a = r->arg;

	(void)item;
	return sd_insats_cancel(ctx, r->id, a->date, a->reason, a->text);
}

static void
usage(int status)
{
	fputs(_("usage: insats-cancel [-d DB] INSATS [--date DATE] --reason "
		"REASON -m TEXT\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		{"reason", required_argument, NULL, 'r'},
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args a = {0};
	struct sd_cli_run r = {
		.what = N_("insats id"), .hint = N_("see akt-show"), .arg = &a};

	sd_ctx_init(&ctx, "insats-cancel");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'D', &a.date},
						  {'r', &a.reason},
						  {'m', &a.text},
						  {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], cancel, &r);
}
