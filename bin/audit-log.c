/*
 * audit-log - review the access log: who read or changed which akt, when
 * and with which program; with --protected only the lines about
 * protected akter, for review.  For an enhetschef (own units) or admin.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "audit.h"
#include "cli.h"
#include "db.h"

static void
usage(int status)
{
	fputs(_("usage: audit-log [-d DB] [--since DATE] [--until DATE] "
		"[--user LOGIN] [--akt AKT]\n"
		"                 [--protected] [--unit UNIT] "
		"[--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"user", required_argument, NULL, 'U'},
		{"akt", required_argument, NULL, 'a'},
		{"protected", no_argument, NULL, 'p'},
		{"unit", required_argument, NULL, 'n'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_table *t = NULL;
	const char *since = NULL, *until = NULL, *user = NULL, *akt = NULL,
		   *unit = NULL;
	struct sd_akt a;
	enum sd_format fmt;
	int c, rc, day, prot = 0;

	sd_ctx_init(&ctx, "audit-log");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': since = optarg; break;
		case 'u': until = optarg; break;
		case 'U': user = optarg; break;
		case 'a': akt = optarg; break;
		case 'p': prot = 1; break;
		case 'n': unit = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind)
		usage(1);
	if ((rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)) ||
	    (since && (rc = sd_date_opt(&ctx, "--since", since, &day))) ||
	    (until && (rc = sd_date_opt(&ctx, "--until", until, &day))))
		return sd_finish(&ctx, rc);
	/* --akt names an akt as everywhere: an id or a personnummer. */
	/* --akt reads a few pages, each about once: a small page cache */
	if (!(rc = sd_cli_open(&ctx, &cli, akt ? SD_OPEN_FEW : 0)) &&
	    !(rc = sd_begin(&ctx)) &&
	    !(rc = akt ? sd_akt_find(&ctx, akt, &a) : 0) &&
	    !(rc = sd_audit_list_unit(&ctx, since, until, user, akt ? a.id : 0,
				      prot, unit, &t)) &&
	    !(rc = sd_commit(&ctx)))
		rc = sd_table_print(&ctx, t, stdout, fmt);
	sd_table_free(t);
	return sd_finish(&ctx, rc);
}
