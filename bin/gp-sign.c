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
	long long id = 0;

	(void)item;
	return sd_gp_sign(ctx, r->arg, &id);
}

static void
usage(int status)
{
	fputs(_("usage: gp-sign [-d DB] AKT|--akt AKT|--plan PLAN --by "
		"brukare|foretradare|kontaktperson\n"
		"               [--date DATE] [--name NAME] [--declined "
		"REASON]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"plan", required_argument, NULL, 'p'},
		{"by", required_argument, NULL, 'b'},
		{"date", required_argument, NULL, 'D'},
		{"name", required_argument, NULL, 'n'},
		{"declined", required_argument, NULL, 'x'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_gp_sign_in in = {.ref.legacy_plan = 1};
	struct sd_cli_run r = {.arg = &in};

	sd_ctx_init(&ctx, "gp-sign");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){{'a', &in.ref.akt},
						  {'p', &in.ref.plan},
						  {'b', &in.by},
						  {'D', &in.date},
						  {'n', &in.name},
						  {'x', &in.declined},
						  {0, NULL}},
		      usage);
	if (sd_gp_ref_args(&in.ref, argc, argv) || !in.by)
		usage(1);
	return sd_cli_run(&ctx, &cli, NULL, sign, &r);
}
