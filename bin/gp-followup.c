/*
 * gp-followup - record a follow-up of a genomförandeplan, or one of the
 * kontaktperson's conversations, as a dated event with its journal note.
 * The follow-up report computes the next due dates from these events.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "gp.h"

static int
followup(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct sd_gp_followup_in *in = r->arg;
	long long id = 0;

	(void)item;
	in->plan = r->id;
	in->akt = r->akt.id;
	return sd_gp_followup(ctx, in, &id);
}

static void
usage(int status)
{
	fputs("usage: gp-followup [-d DB] PLAN|--akt AKT [--date DATE] [-m "
	      "TEXT]\n"
	      "               [--kind KIND]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"date", required_argument, NULL, 'D'},
		{"message", required_argument, NULL, 'm'},
		{"kind", required_argument, NULL, 'k'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_gp_followup_in in = {0};
	struct sd_cli_run r = {.arg = &in};
	const char *akt = NULL;
	int c;

	sd_ctx_init(&ctx, "gp-followup");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': akt = optarg; break;
		case 'D': in.date = optarg; break;
		case 'm': in.text = optarg; break;
		case 'k': in.kind = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (akt ? argc != 0 : argc != 1)
		usage(1);
	/* The plan, or with --akt the akt's current plan. */
	r.flags = akt ? SD_RUN_AKT : 0;
	r.what = akt ? NULL : "plan id";
	r.hint = "gp-new prints it, gp-show shows it (or name the akt with "
		 "--akt)";
	return sd_cli_run(&ctx, &cli, akt ? akt : argv[0], followup, &r);
}
