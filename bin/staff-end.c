/*
 * staff-end - mark a staff member as gone.  The record stays: old notes
 * keep their author.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "staff.h"

static void
usage(int status)
{
	fputs("usage: staff-end [-d DB] LOGIN [--date DATE]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'D'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *date = NULL;
	int c, rc, day;
	char what[128];

	sd_ctx_init(&ctx, "staff-end");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'D')
			date = optarg;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	snprintf(what, sizeof what, "ended staff '%s'", argv[0]);
	if (!(rc = sd_cli_open(&ctx, &cli, 0)) &&
	    !(rc = date ? sd_date_opt(&ctx, "--date", date, &day) : 0) &&
	    !(rc = sd_begin(&ctx)) &&
	    !(rc = sd_staff_end(&ctx, argv[0], date)) &&
	    !(rc = sd_log_access(&ctx, 0, what)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
