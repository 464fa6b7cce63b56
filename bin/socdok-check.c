/*
 * socdok-check - the nightly health check: silent with exit 0 when all
 * is well, one line per problem and exit 1 otherwise, so that cron
 * mails only when something is wrong.
 */
#include <getopt.h>
#include <stdlib.h>

#include "check.h"
#include "cli.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-check [-d DB] [--backup-dir DIR] "
		"[--max-backup-age HOURS] [--anchor FILE "
		"[--allowed-signers FILE]]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"backup-dir", required_argument, NULL, 'b'},
		{"max-backup-age", required_argument, NULL, 'a'},
		{"anchor", required_argument, NULL, 'A'},
		{"allowed-signers", required_argument, NULL, 'S'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_check_opts o = {NULL, 26 * 3600, 2.0, 10.0, NULL, NULL};
	const char *age = NULL;
	char **problems = NULL;
	int c, rc;

	sd_ctx_init(&ctx, "socdok-check");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': o.backup_dir = optarg; break;
		case 'a': age = optarg; break;
		case 'A': o.anchor = optarg; break;
		case 'S': o.signers = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (optind != argc || cli.format || (o.signers && !o.anchor))
		usage(1);
	if (age) {
		long long h;
		if ((rc = sd_num_parse(&ctx, "--max-backup-age", age, 1,
				       24 * 366, &h)))
			return sd_finish(&ctx, rc);
		o.max_age = h * 3600LL;
	}
	if (!(rc = sd_cli_open(&ctx, &cli, SD_OPEN_CHECK)) &&
	    ctx.me.role != SD_ROLE_ADMIN)
		rc = sd_fail(&ctx, EX_NOPERM,
			     _("only an administrator may check the whole "
			       "database (you are %s)"),
			     sd_role_name(ctx.me.role));
	if (!rc && !(rc = sd_check_run(&ctx, &o, &problems)) && problems[0]) {
		for (char **p = problems; *p; p++)
			printf("%s\n", *p);
		rc = SD_EX_FALSE;
	}
	sd_list_free(problems);
	/* The problems are the answer, not an error to report again. */
	if (rc == SD_EX_FALSE) {
		ctx.damaged = 0;
		sd_ctx_free(&ctx);
		return sd_stdout_close(&ctx, rc);
	}
	return sd_finish(&ctx, rc);
}
