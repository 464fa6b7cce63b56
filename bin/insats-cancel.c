/*
 * insats-cancel - end an insats that was never started (a beslut
 * återkallat, avböjt, ...), with its reason, a fact and a journal note.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

static void
usage(int status)
{
	fputs("usage: insats-cancel [-d DB] INSATS [--date DATE] --reason "
	      "REASON -m TEXT\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		{"reason", required_argument, NULL, 'r'},
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *date = NULL, *reason = NULL, *text = NULL;
	long long id;
	int c, rc;

	sd_ctx_init(&ctx, "insats-cancel");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'D': date = optarg; break;
		case 'r': reason = optarg; break;
		case 'm': text = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	if (sd_num_parse(NULL, "insats id", argv[0], SD_ID_MIN, SD_ID_MAX,
			 &id)) {
		sd_fail(&ctx, EX_USAGE, "bad insats id '%s'; see akt-show",
			argv[0]);
		return sd_finish(&ctx, EX_USAGE);
	}
	if (!(rc = sd_cli_open(&ctx, &cli, 0)) && !(rc = sd_begin(&ctx)) &&
	    !(rc = sd_insats_cancel(&ctx, id, date, reason, text)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
