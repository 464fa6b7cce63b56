/*
 * followup-due - everything due or overdue as of a date, by rule, unit
 * and responsible person: text, TSV, CSV, JSON, iCalendar or one mail
 * digest per person.  Silent when nothing is due, for cron.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "due.h"
#include "mail.h"

static void
usage(int status)
{
	fputs(_("usage: followup-due [-d DB] [--as-of DATE] [--within DAYS] "
		"[--overdue] [--unit UNIT]\n"
		"                    [--for LOGIN] [--rule ID] [-q] "
		"[--format text|tsv|csv|json|ics|mail]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"within", required_argument, NULL, 'w'},
		{"overdue", no_argument, NULL, 'o'},
		{"unit", required_argument, NULL, 'u'},
		{"for", required_argument, NULL, 'f'},
		{"rule", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_due_opts o = {.within = 14};
	struct sd_due_list l = {0};
	struct sd_buf warn;
	enum sd_due_format fmt;
	char from[256], from_name[256];
	int c, rc, quiet = 0;
	long long n;

	sd_ctx_init(&ctx, "followup-due");
	sd_buf_init(&warn);
	while ((c = getopt_long(argc, argv, "d:hq", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (sd_num_parse(&ctx, "--within", optarg, 0, 3660, &n))
				return sd_finish(&ctx, EX_USAGE);
			o.within = (int)n;
			break;
		case 'o': o.overdue_only = 1; break;
		case 'u': o.unit = optarg; break;
		case 'f': o.for_login = optarg; break;
		case 'r': o.rule = optarg; break;
		case 'q': quiet = o.unshown = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind)
		usage(1);
	if (!(rc = sd_due_format_parse(&ctx, cli.format, &fmt)) &&
	    !(rc = fmt == SD_DUE_MAIL
			   ? sd_mail_sender(&ctx, getenv("SOCDOK_MAIL_FROM"),
					    from_name, sizeof from_name, from,
					    sizeof from)
			   : 0) &&
	    !(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_due_compute(&ctx, &o, &l)) && !(rc = sd_commit(&ctx))) {
		if (quiet)
			rc = sd_due_overdue(&l) ? SD_EX_FALSE : 0;
		else if (l.n || (fmt != SD_DUE_TEXT && fmt != SD_DUE_MAIL))
			rc = sd_due_print(&ctx, &l, fmt, from_name, from,
					  stdout, &warn);
	}
	/* the people mail did not reach */
	for (const char *p = warn.s, *e; p && *p; p = e + 1) {
		e = strchr(p, '\n');
		fprintf(stderr, "%s: %.*s\n", ctx.prog, (int)(e - p), p);
	}
	sd_buf_free(&warn);
	sd_due_list_free(&l);
	if (rc == SD_EX_FALSE) {
		sd_ctx_free(&ctx);
		return sd_stdout_close(&ctx, SD_EX_FALSE);
	}
	return sd_finish(&ctx, rc);
}
