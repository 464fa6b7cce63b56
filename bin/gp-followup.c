/*
 * gp-followup - record a follow-up of a genomförandeplan, or one of the
 * kontaktperson's conversations, as a dated event with its journal note.
 * The follow-up report computes the next due dates from these events.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "gp.h"

/* The options of gp-followup. */
struct args {
	struct sd_gp_ref ref;
	struct sd_gp_followup_in in;
};

static int
followup(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct args *x = r->arg;
	long long id = 0;
	int rc;

	(void)item;
	if ((rc = sd_gp_ref_resolve(ctx, &x->ref, &x->in.akt, &x->in.plan)))
		return rc;
	return sd_gp_followup(ctx, &x->in, &id);
}

static void
usage(int status)
{
	fputs(_("usage: gp-followup [-d DB] AKT|--akt AKT|--plan PLAN [--date "
		"DATE] [-m TEXT]\n"
		"               [--kind KIND]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"plan", required_argument, NULL, 'p'},
		{"date", required_argument, NULL, 'D'},
		{"message", required_argument, NULL, 'm'},
		{"kind", required_argument, NULL, 'k'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct args x = {.ref.legacy_plan = 1};
	struct sd_gp_followup_in *in = &x.in;
	struct sd_cli_run r = {.arg = &x};
	int c;

	sd_ctx_init(&ctx, "gp-followup");
	while ((c = getopt_long(argc, argv, "d:hm:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': x.ref.akt = optarg; break;
		case 'p': x.ref.plan = optarg; break;
		case 'D': in->date = optarg; break;
		case 'm': in->text = optarg; break;
		case 'k': in->kind = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1) + !!x.ref.akt + !!x.ref.plan != 1)
		usage(1);
	/* The akt's current plan, or with --plan that plan. */
	x.ref.arg = argc ? argv[0] : NULL;
	return sd_cli_run(&ctx, &cli, NULL, followup, &r);
}
