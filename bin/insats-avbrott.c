/*
 * insats-avbrott - record that a running insats stopped being carried
 * out (with the reason, for IVO), or that it was resumed; each with its
 * journal note.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

static void
usage(int status)
{
	fputs("usage: insats-avbrott [-d DB] INSATS [--date DATE] "
	      "(-m REASON | --resumed)\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		{"message", required_argument, NULL, 'm'},
		{"resumed", no_argument, NULL, 'R'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *date = NULL, *reason = NULL;
	long long id;
	int c, rc, resumed = 0;

	sd_ctx_init(&ctx, "insats-avbrott");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'D': date = optarg; break;
		case 'm': reason = optarg; break;
		case 'R': resumed = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (resumed && reason))
		usage(1);
	if ((rc = sd_cli_id(&ctx, argv[0], "insats id", "see akt-show", &id)))
		return sd_finish(&ctx, rc);
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = resumed ? sd_insats_resume(&ctx, id, date)
			   : sd_insats_avbrott(&ctx, id, date, reason)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
