/*
 * insats-correct - correct a wrongly typed beslut date, kind or date of
 * verkställighet of an insats: each change kept with its old value, who,
 * when and why (akt-show --history), and a note in the journal.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

static int
run(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct sd_insats_correct_in *in = r->arg;

	(void)item;
	in->id = r->id;
	return sd_insats_correct(ctx, in);
}

static void
usage(int status)
{
	fputs(_("usage: insats-correct [-d DB] INSATS [--decided DATE] [--kind "
		"KIND] [--started DATE]\n"
		"                     [--handlaggare NAME] "
		"[--handlaggare-email "
		"ADDRESS] -m WHY\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"decided", required_argument, NULL, 'D'},
		{"kind", required_argument, NULL, 'k'},
		{"started", required_argument, NULL, 'S'},
		{"handlaggare", required_argument, NULL, 'H'},
		{"handlaggare-email", required_argument, NULL, 'E'},
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_insats_correct_in in = {0};
	struct sd_cli_run r = {.what = N_("insats id"),
			       .hint = N_("see akt-show"),
			       .arg = &in};

	sd_ctx_init(&ctx, "insats-correct");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'D', &in.decided},
						  {'k', &in.kind},
						  {'S', &in.started},
						  {'H', &in.handlaggare},
						  {'E', &in.handlaggare_email},
						  {'m', &in.why},
						  {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], run, &r);
}
