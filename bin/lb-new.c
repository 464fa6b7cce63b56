/*
 * lb-new - write a new version of the person's levnadsberättelse: from
 * a file, standard input, or $EDITOR on the latest version or the
 * template of the guide's headings.  Nothing is required; every
 * version is kept.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "gp.h"
#include "lb.h"
#include "text-src.h"

static void
usage(int status)
{
	fputs(_("usage: lb-new [-d DB] AKT [-F FILE | -] [-e] [--date DATE] "
		"[--template]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

static int
template_text(struct sd_ctx *ctx, const struct sd_akt *a, void *arg,
	      struct sd_buf *b)
{
	(void)arg;
	return sd_lb_template(ctx, a, b);
}

/* Store text as the akt's new levnadsberättelse; print its id. */
static int
store(struct sd_ctx *ctx, const struct sd_akt *a, const char *text, void *arg)
{
	struct sd_lb_in *in = arg;
	long long id = 0, version = 0;
	int rc;

	in->akt = a->id;
	in->text = text;
	if ((rc = sd_begin(ctx)) || (rc = sd_lb_new(ctx, in, &id, &version)) ||
	    (rc = sd_print_id(ctx, id)) || (rc = sd_commit(ctx)))
		sd_rollback(ctx);
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
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt a;
	struct sd_text_src src = {0};
	struct sd_lb_in in = {0};
	struct sd_cli_doc d = {"lb-new",
			       "read the levnadsberättelse to edit",
			       sd_lb_current_text,
			       template_text,
			       store,
			       &in};
	int c, rc, template = 0;

	sd_ctx_init(&ctx, "lb-new");
	while ((c = getopt_long(argc, argv, "d:hF:e", opts, NULL)) != -1) {
		switch (c) {
		case 'F': src.file = optarg; break;
		case 'e': src.edit = 1; break;
		case 'D': in.date = optarg; break;
		case 'T': template = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && strcmp(argv[1], "-") == 0 && !src.file)
		src.file = "-";
	else if (argc != 1 || (template && (src.file || src.edit)))
		usage(1);

	/* Find the akt first: refuse before anyone writes a whole story. */
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_gp_akt_for_write(&ctx, argv[0], &a)))
		rc = sd_cli_doc_write(&ctx, &a, argv[0], &src, template, &d);
	return sd_finish(&ctx, rc);
}
