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
	fputs("usage: lb-new [-d DB] AKT [-F FILE | -] [-e] [--date DATE] "
	      "[--template]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/*
 * The text the editor starts from: -F FILE (a kept draft, say), the
 * latest version, or the template; the refusal names how to go on.
 */
static int
start_text(struct sd_ctx *ctx, const struct sd_akt *a, const char *ref,
	   struct sd_buf *text, struct sd_text_src *src)
{
	static char draft[64], again[4200];
	int rc = 0;

	if (src->file) {
		char *s = sd_read_file(ctx, src->file, NULL);
		if (!s)
			return ctx->err.code;
		sd_buf_puts(text, s);
		free(s);
	} else if ((rc = sd_lb_current_text(ctx, a->id, text)) == 0) {
		rc = sd_log_access(ctx, a->id,
				   "read the levnadsberättelse to edit");
	} else if (rc == 1) {
		rc = sd_lb_template(ctx, a, text);
	}
	sd_buf_puts(text, "");
	snprintf(draft, sizeof draft, "lb-new-%lld-", a->id);
	snprintf(again, sizeof again, "lb-new %s -e -F", ref);
	src->initial = text->s;
	src->draft = draft;
	src->again = again;
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
	struct sd_buf start;
	struct sd_lb_in in = {0};
	char keep[4096] = "", *text = NULL;
	int c, rc, template = 0;
	long long id = 0, version = 0;

	sd_ctx_init(&ctx, "lb-new");
	sd_buf_init(&start);
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
	if ((rc = sd_cli_begin(&ctx, &cli)) ||
	    (rc = sd_gp_akt_for_write(&ctx, argv[0], &a)))
		return sd_finish(&ctx, rc);
	if (template) {
		if (!(rc = sd_lb_template(&ctx, &a, &start))) {
			fputs(start.s, stdout);
			rc = sd_commit(&ctx);
		}
		goto done;
	}
	if (!src.file && isatty(STDIN_FILENO))
		src.edit = 1;
	if ((src.edit && (rc = start_text(&ctx, &a, argv[0], &start, &src))) ||
	    (rc = sd_commit(&ctx)) ||
	    (rc = sd_text_get(&ctx, &src, &text, keep)))
		goto done;
	in.akt = a.id;
	in.text = text;
	if ((rc = sd_begin(&ctx)) ||
	    (rc = sd_lb_new(&ctx, &in, &id, &version)) ||
	    (rc = sd_print_id(&ctx, id)) || (rc = sd_commit(&ctx)))
		sd_rollback(&ctx);
	sd_text_done(&ctx, &src, rc, keep);
done:
	sd_buf_free(&start);
	free(text);
	return sd_finish(&ctx, rc);
}
