/*
 * gallra-config - show or change the gallring settings: preserve every
 * akt (some counties and Göteborg keep all files), and whether preserved
 * akter are handed over (removed once their package is verified).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gallra.h"

static void
usage(int status)
{
	fputs(_("usage: gallra-config [-d DB] [--preserve-all yes|no] "
		"[--handover yes|no]\n"
		"                     [--namnd NAME]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* yes/no to 1/0, or -2 for anything else. */
static int
yesno(const char *s)
{
	return strcmp(s, "yes") == 0 ? 1 : strcmp(s, "no") == 0 ? 0 : -2;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"preserve-all", required_argument, NULL, 'P'},
		{"handover", required_argument, NULL, 'H'},
		{"namnd", required_argument, NULL, 'N'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	int c, rc, all = -1, handover = -1;
	const char *namnd = NULL;

	sd_ctx_init(&ctx, "gallra-config");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'P': all = yesno(optarg); break;
		case 'H': handover = yesno(optarg); break;
		case 'N': namnd = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (optind != argc)
		usage(1);
	if (all == -2 || handover == -2) {
		sd_fail(&ctx, EX_USAGE,
			_("--preserve-all and --handover take yes or no"));
		return sd_finish(&ctx, EX_USAGE);
	}
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_gallra_config(&ctx, all, handover, namnd, stdout)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
