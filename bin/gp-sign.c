/*
 * gp-sign - record a signature of a genomförandeplan by the person, a
 * representative or the kontaktperson, or that the person declined to
 * sign and why.  The plan is established when the person (or a
 * representative) has signed or declined.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "gp.h"

/* The options of gp-sign. */
struct args {
	struct sd_gp_ref ref;
	struct sd_gp_sign_in in;
};

static int
sign(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *x = r->arg;
	long long id = 0;
	int rc;

	(void)item;
	if ((rc = sd_gp_ref_resolve(ctx, &x->ref, &x->in.akt, &x->in.plan)))
		return rc;
	return sd_gp_sign(ctx, &x->in, &id);
}

static void
usage(int status)
{
	fputs(_("usage: gp-sign [-d DB] AKT|--akt AKT|--plan PLAN --by "
		"brukare|foretradare|kontaktperson\n"
		"               [--date DATE] [--name NAME] [--declined "
		"REASON]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"plan", required_argument, NULL, 'p'},
		{"by", required_argument, NULL, 'b'},
		{"date", required_argument, NULL, 'D'},
		{"name", required_argument, NULL, 'n'},
		{"declined", required_argument, NULL, 'x'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args x = {.ref.legacy_plan = 1};
	struct sd_gp_sign_in *in = &x.in;
	struct sd_cli_run r = {.arg = &x};
	int c;

	sd_ctx_init(&ctx, "gp-sign");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': x.ref.akt = optarg; break;
		case 'p': x.ref.plan = optarg; break;
		case 'b': in->by = optarg; break;
		case 'D': in->date = optarg; break;
		case 'n': in->name = optarg; break;
		case 'x': in->declined = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1) + !!x.ref.akt + !!x.ref.plan != 1 ||
	    !in->by)
		usage(1);
	/* The akt's current plan, or with --plan that plan. */
	x.ref.arg = argc ? argv[0] : NULL;
	return sd_cli_run(&ctx, &cli, NULL, sign, &r);
}
