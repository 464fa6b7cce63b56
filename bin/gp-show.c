/*
 * gp-show - show an akt's genomförandeplan with its status (draft or
 * established, signatures, last follow-up), an earlier version, every
 * version, or the diff between two versions.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gp.h"

static void
usage(int status)
{
	fputs(_("usage: gp-show [-d DB] AKT|--akt AKT|--plan PLAN [--version "
		"N|--all] [--diff A B]\n"
		"               [--format text|md|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* A version number: a positive integer. */
static int
version_arg(struct sd_ctx *ctx, const char *opt, const char *s, int *v)
{
	long long n;

	if (sd_num_parse(NULL, opt, s, 1, 1000000, &n))
		return sd_fail(
			ctx, EX_USAGE,
			_("bad version '%s' for %s; give a number from 1"), s,
			opt);
	*v = (int)n;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"plan", required_argument, NULL, 'p'},
		{"akt", required_argument, NULL, 'A'},
		{"version", required_argument, NULL, 'V'},
		{"all", no_argument, NULL, 'a'},
		{"diff", required_argument, NULL, 'D'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt a;
	struct sd_gp_show_opts o = {0};
	const char *plan = NULL, *akt = NULL, *version = NULL, *diff_a = NULL,
		   *diff_b = NULL;
	long long pid = 0;
	int c, rc;

	sd_ctx_init(&ctx, "gp-show");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': plan = optarg; break;
		case 'A': akt = optarg; break;
		case 'V': version = optarg; break;
		case 'a': o.all = 1; break;
		case 'D':
			/* --diff A B: the second number is the next argument.
			 */
			if (optind >= argc)
				usage(1);
			diff_a = optarg;
			diff_b = argv[optind++];
			break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1) + !!akt + !!plan != 1 ||
	    (!!version + o.all + !!diff_a) > 1 || (plan && (o.all || diff_a)))
		usage(1);
	if (plan && (rc = sd_cli_id(&ctx, plan, N_("plan id"),
				    N_("gp-new prints it"), &pid)))
		return sd_finish(&ctx, rc);
	if ((rc = sd_format_parse(&ctx, cli.format,
				  (1u << SD_FMT_TEXT) | (1u << SD_FMT_MD) |
					  (1u << SD_FMT_JSON),
				  &o.fmt)) ||
	    (version &&
	     (rc = version_arg(&ctx, "--version", version, &o.version))) ||
	    (diff_a && ((rc = version_arg(&ctx, "--diff", diff_a, &o.diff_a)) ||
			(rc = version_arg(&ctx, "--diff", diff_b, &o.diff_b)))))
		return sd_finish(&ctx, rc);
	if (diff_a && o.fmt == SD_FMT_JSON) {
		sd_fail(&ctx, EX_USAGE,
			_("--diff prints a unified diff; leave out --format "
			  "json"));
		return sd_finish(&ctx, EX_USAGE);
	}
	/* (one plan, or one akt's plans: a few pages, each read once) */
	if ((rc = sd_cli_open(&ctx, &cli, SD_OPEN_FEW)) ||
	    (rc = sd_begin(&ctx)))
		return sd_finish(&ctx, rc);
	if (plan)
		rc = sd_gp_plan_akt(&ctx, pid, &a, &o.version);
	else
		rc = sd_akt_find(&ctx, akt ? akt : argv[0], &a);
	if (!rc && !(rc = sd_gp_show(&ctx, &a, &o, stdout)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
