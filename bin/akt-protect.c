/*
 * akt-protect - mark an akt's identity as protected (skyddade personuppgifter);
 * a fact with who, when and why.
 *
 * This main serves akt-unprotect too: bin/akt-unprotect.c names the
 * program and the value and includes this file.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt-protect.h"
#include "cli.h"

#ifndef PROTECT_PROG
#define PROTECT_PROG  "akt-protect"
#define PROTECT_VALUE 1
#endif

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
		_("usage: %s [-d DB] AKT --reason TEXT\n"), PROTECT_PROG);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, 'r'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *why = NULL;
	long long akt;
	int rc;

	sd_ctx_init(&ctx, PROTECT_PROG);
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){{'r', &why}, {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_akt_protect(&ctx, argv[0], PROTECT_VALUE, why, &akt)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
