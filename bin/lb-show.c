/*
 * lb-show - show the person's levnadsberättelse: the latest version,
 * an earlier one, or every version, as text, Markdown or JSON.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "lb.h"

static void
usage(int status)
{
	fputs(_("usage: lb-show [-d DB] AKT [--version N|--all] "
		"[--format text|md|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

struct args {
	const char *version;
	struct sd_lb_show_opts o;
};

static int
show(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *x = r->arg;
	long long n;

	(void)item;
	if (x->version) {
		if (sd_num_parse(NULL, "--version", x->version, 1, 1000000, &n))
			return sd_fail(ctx, EX_USAGE,
				       _("bad version '%s' for --version; give "
					 "a number from 1"),
				       x->version);
		x->o.version = (int)n;
	}
	x->o.fmt = r->fmt;
	return sd_lb_show(ctx, &r->akt, &x->o, stdout);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"version", required_argument, NULL, 'V'},
		{"all", no_argument, NULL, 'a'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args x = {0};
	struct sd_cli_run r = {.fmts = (1u << SD_FMT_TEXT) | (1u << SD_FMT_MD) |
				       (1u << SD_FMT_JSON),
			       .flags = SD_RUN_AKT,
			       .arg = &x};
	int c;

	sd_ctx_init(&ctx, "lb-show");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'V': x.version = optarg; break;
		case 'a': x.o.all = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (x.version && x.o.all))
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], show, &r);
}
