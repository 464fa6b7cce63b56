/*
 * handlaggare-notify - tell the handläggare what seed 003 says they are
 * told: an insats started, an insats ended, the first genomförandeplan
 * established.  Lists what is not yet told; with --format mail writes
 * one message each, to the handläggare of the insats, and records it as
 * told, so that each is told once (for cron, like followup-due).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notice.h"

static void
usage(int status)
{
	fputs(_("usage: handlaggare-notify [-d DB] [--unit UNIT] [--dry-run] "
		"[--format text|tsv|csv|json|mail]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	enum { O_UNIT = 1, O_DRY };
	static const struct option opts[] = {
		{"unit", required_argument, NULL, O_UNIT},
		{"dry-run", no_argument, NULL, O_DRY},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_notice_opts o = {0};
	struct sd_buf warn;
	int c, rc;

	sd_ctx_init(&ctx, "handlaggare-notify");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case O_UNIT: o.unit = optarg; break;
		case O_DRY: o.dry_run = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind)
		usage(1);
	o.mail = cli.format && strcmp(cli.format, "mail") == 0;
	sd_buf_init(&warn);
	if (!(rc = o.mail ? 0
			  : sd_format_parse(&ctx, cli.format, SD_FMTS_LIST,
					    &o.fmt)) &&
	    !(rc = sd_cli_begin(&ctx, &cli))) {
		rc = sd_notice_run(&ctx, &o, stdout, &warn);
		/*
		 * Every message is out before a notice is recorded as
		 * given: a notice may be given twice, never lost.
		 */
		if ((!rc || rc == EX_UNAVAILABLE) && fflush(stdout) == EOF)
			rc = sd_fail(&ctx, EX_IOERR,
				     _("cannot write the notices (%s); none is "
				       "recorded as given; run again"),
				     strerror(errno));
		/* what was told is recorded, even when some could not be */
		if (!rc || rc == EX_UNAVAILABLE) {
			struct sd_err saved = ctx.err;
			int crc = sd_commit(&ctx);
			if (!crc)
				ctx.err = saved;
			else
				rc = crc;
		}
	}
	for (const char *p = warn.s, *e; p && *p; p = e + 1) {
		e = strchr(p, '\n');
		fprintf(stderr, "%s: %.*s\n", ctx.prog, (int)(e - p), p);
	}
	sd_buf_free(&warn);
	return sd_finish(&ctx, rc);
}
