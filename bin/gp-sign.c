/*
 * gp-sign - record a signature of a genomförandeplan by the person, a
 * representative or the kontaktperson, or that the person declined to
 * sign and why.  The plan is established when the person (or a
 * representative) has signed or declined.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "gp.h"

static int
sign(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct sd_gp_sign_in *in = r->arg;
	long long id = 0;

	(void)item;
	in->plan = r->id;
	in->akt = r->akt.id;
	return sd_gp_sign(ctx, in, &id);
}

static void
usage(int status)
{
	fputs("usage: gp-sign [-d DB] PLAN|--akt AKT --by "
	      "brukare|foretradare|kontaktperson\n"
	      "               [--date DATE] [--name NAME] [--declined "
	      "REASON]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"by", required_argument, NULL, 'b'},
		{"date", required_argument, NULL, 'D'},
		{"name", required_argument, NULL, 'n'},
		{"declined", required_argument, NULL, 'x'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_gp_sign_in in = {0};
	struct sd_cli_run r = {.arg = &in};
	const char *akt = NULL;
	int c;

	sd_ctx_init(&ctx, "gp-sign");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': akt = optarg; break;
		case 'b': in.by = optarg; break;
		case 'D': in.date = optarg; break;
		case 'n': in.name = optarg; break;
		case 'x': in.declined = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if ((akt ? argc != 0 : argc != 1) || !in.by)
		usage(1);
	/* The plan, or with --akt the akt's current plan. */
	r.flags = akt ? SD_RUN_AKT : 0;
	r.what = akt ? NULL : "plan id";
	r.hint = "gp-new prints it, gp-show shows it (or name the akt with "
		 "--akt)";
	return sd_cli_run(&ctx, &cli, akt ? akt : argv[0], sign, &r);
}
