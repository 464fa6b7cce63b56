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
	fputs("usage: insats-correct [-d DB] INSATS [--decided DATE] [--kind "
	      "KIND] [--started DATE]\n"
	      "                     [--handlaggare NAME] [--handlaggare-email "
	      "ADDRESS] -m WHY\n",
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
	struct sd_cli_run r = {
		.what = "insats id", .hint = "see akt-show", .arg = &in};
	int c;

	sd_ctx_init(&ctx, "insats-correct");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'D': in.decided = optarg; break;
		case 'k': in.kind = optarg; break;
		case 'S': in.started = optarg; break;
		case 'H': in.handlaggare = optarg; break;
		case 'E': in.handlaggare_email = optarg; break;
		case 'm': in.why = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], run, &r);
}
