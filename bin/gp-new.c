/*
 * gp-new - write a new version of an akt's genomförandeplan: from a
 * file, standard input, or $EDITOR on the template prefilled from the
 * database.  The plan is checked before it is stored; a refused plan
 * written in the editor is kept in a file, so nothing is lost.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "gp.h"
#include "text-src.h"

static void
usage(int status)
{
	fputs(_("usage: gp-new [-d DB] AKT|--akt AKT|--plan PLAN [-F FILE | -] "
		"[-e]\n"
		"              [--date DATE] [--template]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/*
 * Print each problem of a refused plan as its own "gp-new: " line, or
 * the lines a stored version dropped from the one before.
 */
static void
report(int rc, const struct sd_gp_check *c, size_t removed, long long version,
       long long akt)
{
	for (size_t i = 0; rc == EX_DATAERR && i < c->n; i++)
		fprintf(stderr, _("gp-new: %s\n"), c->problems[i]);
	if (!rc && removed)
		fprintf(stderr,
			ngettext(
				"gp-new: note: version %lld no longer has %zu "
				"line of version %lld; see gp-show %lld --diff "
				"%lld %lld (Handbok för verkställighet: a "
				"correction must not remove information)\n",
				"gp-new: note: version %lld no longer has %zu "
				"lines of version %lld; see gp-show %lld "
				"--diff "
				"%lld %lld (Handbok för verkställighet: a "
				"correction must not remove information)\n",
				(unsigned long)removed),
			version, removed, version - 1, akt, version - 1,
			version);
}

/* What gp-new gives sd_cli_doc_write, and what a stored plan reports. */
struct gp {
	const char *date;
	struct sd_gp_check chk;
	size_t removed;
	long long version;
};

static int
template_text(struct sd_ctx *ctx, const struct sd_akt *a, void *arg,
	      struct sd_buf *b)
{
	return sd_gp_template(ctx, a, ((struct gp *)arg)->date, b);
}

/* Check and store text as the akt's new plan; print its id. */
static int
store(struct sd_ctx *ctx, const struct sd_akt *a, const char *text, void *arg)
{
	struct gp *g = arg;
	struct sd_gp_in in = {a->id, g->date, text};
	long long id = 0;
	int rc;

	if (!(rc = sd_begin(ctx)) &&
	    !(rc = sd_gp_new(ctx, &in, &g->chk, &id, &g->version,
			     &g->removed)) &&
	    !(rc = sd_print_id(ctx, id)))
		rc = sd_commit(ctx);
	if (rc)
		sd_rollback(ctx);
	report(rc, &g->chk, g->removed, g->version, a->id);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"file", required_argument, NULL, 'F'},
		{"edit", no_argument, NULL, 'e'},
		{"date", required_argument, NULL, 'D'},
		{"template", no_argument, NULL, 'T'},
		{"akt", required_argument, NULL, 'A'},
		{"plan", required_argument, NULL, 'p'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt a;
	struct gp g = {0};
	struct sd_cli_doc d = {"gp-new",
			       "read the current plan to edit",
			       sd_gp_current_text,
			       template_text,
			       store,
			       &g};
	struct sd_text_src src = {.what = N_("the plan")};
	struct sd_gp_ref gref = {0};
	char ref[32];
	long long gakt, gplan;
	int c, rc, template = 0, template_v = 0;

	sd_ctx_init(&ctx, "gp-new");
	while ((c = getopt_long(argc, argv, "d:hF:e", opts, NULL)) != -1) {
		switch (c) {
		case 'F': src.file = optarg; break;
		case 'e': src.edit = 1; break;
		case 'D': g.date = optarg; break;
		case 'T': template = 1; break;
		case 'A': gref.akt = optarg; break;
		case 'p': gref.plan = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	/* AKT, --akt AKT or --plan PLAN (a new version of its akt's plan) */
	if (argc && !gref.akt && !gref.plan) {
		gref.arg = argv[0];
		argc--;
		argv++;
	}
	if (argc == 1 && strcmp(argv[0], "-") == 0 && !src.file)
		src.file = "-";
	else if (argc != 0 || (template && (src.file || src.edit)) ||
		 !!gref.arg + !!gref.akt + !!gref.plan != 1)
		usage(1);

	/* Find the akt first: refuse before anyone writes a whole plan. */
	if ((rc = sd_cli_begin(&ctx, &cli)) ||
	    (rc = sd_gp_ref_resolve(&ctx, &gref, &gakt, &gplan)) ||
	    (gplan && (rc = sd_gp_plan_akt(&ctx, gplan, &a, &template_v))))
		return sd_finish(&ctx, rc);
	snprintf(ref, sizeof ref, "%lld", gplan ? a.id : gakt);
	if (!(rc = sd_gp_akt_for_write(&ctx, ref, &a)))
		rc = sd_cli_doc_write(&ctx, &a, ref, &src, template, &d);
	sd_gp_check_free(&g.chk);
	return sd_finish(&ctx, rc);
}
