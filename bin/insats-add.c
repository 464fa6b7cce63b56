/*
 * insats-add - register a decided service (insats) in an akt; prints the
 * new insats id alone on stdout.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"
#include "insats.h"

static void
usage(int status)
{
	fputs(_("usage: insats-add [-d DB] AKT --kind KIND --decided DATE "
		"[--ordered DATE]\n"
		"                  [--handlaggare NAME] [--handlaggare-email "
		"ADDRESS]\n"
		"                  [--goal TEXT]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"kind", required_argument, NULL, 'k'},
		{"decided", required_argument, NULL, 'D'},
		{"ordered", required_argument, NULL, 'o'},
		{"handlaggare", required_argument, NULL, 'H'},
		{"handlaggare-email", required_argument, NULL, 'E'},
		{"goal", required_argument, NULL, 'g'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_insats_in in = {0};
	struct sd_akt a;
	long long id = 0;
	int rc;

	sd_ctx_init(&ctx, "insats-add");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){{'k', &in.kind},
						  {'D', &in.decided},
						  {'o', &in.ordered},
						  {'H', &in.handlaggare},
						  {'E', &in.handlaggare_email},
						  {'g', &in.goal},
						  {0, NULL}},
		      usage);
	if (argc != 1 || !in.kind)
		usage(1);
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_akt_find(&ctx, argv[0], &a))) {
		in.akt = a.id;
		if (!(rc = sd_insats_add(&ctx, &in, &id)) &&
		    !(rc = sd_print_id(&ctx, id)))
			rc = sd_commit(&ctx);
	}
	return sd_finish(&ctx, rc);
}
