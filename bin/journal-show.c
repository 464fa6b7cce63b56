/*
 * journal-show - the journal of an akt, in the order things happened,
 * each note with the rättelser that concern it.  The read is logged.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "journal.h"

static void
usage(int status)
{
	fputs(_("usage: journal-show [-d DB] AKT [--since DATE] [--until DATE] "
		"[--category SÖKORD]\n"
		"                    [--format text|tsv|csv|json|md]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* The width to wrap text at: $COLUMNS, the terminal's, or 80. */
static int
columns(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	long long w;

	if (env && !sd_num_parse(NULL, "COLUMNS", env, 20, INT_MAX, &w))
		return (int)w;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static int
show(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	(void)item;
	return sd_journal_show(ctx, &r->akt, r->arg, r->fmt, columns(), stdout);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"category", required_argument, NULL, 'c'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_journal_filter flt = {0};
	struct sd_cli_run r = {.fmts = SD_FMTS_LIST | (1u << SD_FMT_MD),
			       .flags = SD_RUN_AKT | SD_RUN_FEW,
			       .arg = &flt};

	sd_ctx_init(&ctx, "journal-show");
	sd_cli_getopt(&cli, &argc, &argv, "d:h", opts,
		      (const struct sd_cli_val[]){{'s', &flt.since},
						  {'u', &flt.until},
						  {'c', &flt.category},
						  {0, NULL}},
		      usage);
	if (argc != 1)
		usage(1);
	return sd_cli_run(&ctx, &cli, argv[0], show, &r);
}
