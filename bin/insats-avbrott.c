/*
 * insats-avbrott - record that a running insats stopped being carried
 * out (with the reason, for IVO), or that it was resumed; each with its
 * journal note.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "insats.h"

/* The options of insats-avbrott. */
struct args {
	const char *date, *reason;
	int resumed;
};

static int
avbrott(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *a = r->arg;

	(void)item;
	return a->resumed ? sd_insats_resume(ctx, r->id, a->date)
			  : sd_insats_avbrott(ctx, r->id, a->date, a->reason);
}

static void
usage(int status)
{
	fputs(_("usage: insats-avbrott [-d DB] INSATS [--date DATE] "
		"(-m REASON | --resumed)\n"),
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
	struct args a = {0};
	struct sd_cli_run r = {
		.what = N_("insats id"), .hint = N_("see akt-show"), .arg = &a};
	int c;

	sd_ctx_init(&ctx, "insats-avbrott");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'D': a.date = optarg; break;
		case 'm': a.reason = optarg; break;
		case 'R': a.resumed = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (a.resumed && a.reason))
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], avbrott, &r);
}
