/*
 * staff-end - mark a staff member as gone.  The record stays: old notes
 * keep their author.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "staff.h"

static int
end(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	const char *date = r->arg;
	char what[128];
	int rc, day;

	snprintf(what, sizeof what, "ended staff '%s'", item);
	if (!(rc = date ? sd_date_opt(ctx, "--date", date, &day) : 0) &&
	    !(rc = sd_staff_end(ctx, item, date)))
		rc = sd_log_access(ctx, 0, what);
	return rc;
}

static void
usage(int status)
{
	fputs(_("usage: staff-end [-d DB] LOGIN [--date DATE]\n"),
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
	struct sd_cli_run r = {0};
	int c;

	sd_ctx_init(&ctx, "staff-end");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'D')
			r.arg = optarg;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], end, &r);
}
