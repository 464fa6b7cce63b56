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
	long long id = 0;

	(void)item;
	return sd_gp_followup(ctx, r->arg, &id);
}

static void
usage(int status)
{
	fputs(_("usage: gp-followup [-d DB] AKT|--akt AKT|--plan PLAN [--date "
		"DATE] [-m TEXT]\n"
		"               [--kind KIND]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"plan", required_argument, NULL, 'p'},
		{"date", required_argument, NULL, 'D'},
		{"message", required_argument, NULL, 'm'},
		{"kind", required_argument, NULL, 'k'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_gp_followup_in in = {.ref.legacy_plan = 1};
	struct sd_cli_run r = {.arg = &in};

	sd_ctx_init(&ctx, "gp-followup");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'a', &in.ref.akt},
						  {'p', &in.ref.plan},
						  {'D', &in.date},
						  {'m', &in.text},
						  {'k', &in.kind},
						  {0, NULL}},
		      usage);
	if (sd_gp_ref_args(&in.ref, argc, argv))
		usage(1);
	return sd_cli_run(&ctx, &cli, NULL, followup, &r);
}
