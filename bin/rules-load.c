/*
 * rules-load - replace the deadline rules in force with those of a TSV
 * file (share/rules.tsv is the default set).  All or nothing: a bad line
 * is refused with its number and the rules stay as they were.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "rules.h"

static void
usage(int status)
{
	fputs(_("usage: rules-load [-d DB] FILE\n"), status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {SD_COMMON_OPTIONS,
					     {NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	int c, rc, n = 0;
	char what[4200];

	sd_ctx_init(&ctx, "rules-load");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	if ((rc = sd_cli_open(&ctx, &cli, 0)))
		return sd_finish(&ctx, rc);
	if (ctx.me.role != SD_ROLE_ADMIN && ctx.me.role != SD_ROLE_ENHETSCHEF) {
		sd_fail(&ctx, EX_NOPERM,
			_("only an enhetschef or an administrator may change "
			  "the "
			  "rules; ask one of them"));
		return sd_finish(&ctx, EX_NOPERM);
	}
	if (!(rc = sd_begin(&ctx)) &&
	    !(rc = sd_rules_load(&ctx, argv[0], &n))) {
		snprintf(what, sizeof what, "loaded %d rules from '%s'", n,
			 argv[0]);
		if (!(rc = sd_log_access(&ctx, 0, what)) &&
		    !(rc = sd_commit(&ctx)))
			fprintf(stderr,
				_("rules-load: loaded %d rules from '%s'\n"), n,
				argv[0]);
	}
	return sd_finish(&ctx, rc);
}
