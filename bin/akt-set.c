/*
 * akt-set - correct or change an akt's facts (the person's name and
 * personnummer, the kontaktperson, the unit, the företrädare), each
 * change kept with its old value, who, when and why (akt-show
 * --history).
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt-set.h"
#include "cli.h"

static int
set(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct sd_akt_set_in *in = r->arg;
	long long akt;
	int rc;

	(void)item;
	if (!(rc = sd_akt_set(ctx, in, &akt)))
		sd_cli_name_warn(ctx, akt, in->name);
	return rc;
}

static void
usage(int status)
{
	fputs(_("usage: akt-set [-d DB] AKT [--name NAME] [--kontaktperson "
		"LOGIN] [--unit UNIT]\n"
		"               [--foretradare \"NAME, RELATION, CONTACT\"] "
		"[--personnummer PNR]\n"
		"               -m WHY\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"kontaktperson", required_argument, NULL, 'k'},
		{"unit", required_argument, NULL, 'u'},
		{"foretradare", required_argument, NULL, 'f'},
		{"f\xc3\xb6retr\xc3\xa4"
		 "dare",
		 required_argument, NULL, 'f'},
		{"personnummer", required_argument, NULL, 'p'},
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt_set_in in = {0};
	struct sd_cli_run r = {.arg = &in};

	sd_ctx_init(&ctx, "akt-set");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'n', &in.name},
						  {'k', &in.kontaktperson},
						  {'u', &in.unit},
						  {'f', &in.foretradare},
						  {'p', &in.personnummer},
						  {'m', &in.why},
						  {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	in.ref = argv[0];
	return sd_cli_run(&ctx, &cli, argv[0], set, &r);
}
