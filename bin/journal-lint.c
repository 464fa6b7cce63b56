/*
 * journal-lint - check a text against the documentation rules of the
 * unit's routines (seeds 002, 004), as journal-add does: other clients'
 * names, value-laden words, internal abbreviations, long sentences and
 * notes that say nothing.  One warning per line; exit 1 when any.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "journal.h"
#include "lint.h"

static void
usage(int status)
{
	fputs(_("usage: journal-lint [-d DB] [FILE | -] [--akt AKT] "
		"[--max-words N] [--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"akt", required_argument, NULL, 'a'},
		{"max-words", required_argument, NULL, 'w'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_lint lint = {0};
	struct sd_akt a = {0};
	const char *aktref = NULL, *path = "-";
	char *text = NULL, prefix[4200];
	long long self = 0, n;
	enum sd_format fmt;
	int c, rc, max = 0;

	sd_ctx_init(&ctx, "journal-lint");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': aktref = optarg; break;
		case 'w':
			if (sd_num_parse(&ctx, "--max-words", optarg, 1,
					 INT_MAX, &n))
				return sd_finish(&ctx, EX_USAGE);
			max = (int)n;
			break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage(1);
	if (argc == 1)
		path = argv[0];
	snprintf(prefix, sizeof prefix,
		 "%s:", strcmp(path, "-") == 0 ? "<stdin>" : path);
	if ((rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)))
		return sd_finish(&ctx, rc);
	if (!(rc = sd_cli_begin(&ctx, &cli))) {
		if (aktref && !(rc = sd_akt_find(&ctx, aktref, &a)))
			self = a.person_id;
		if (!rc && !(text = sd_read_file(&ctx, path, NULL)))
			rc = ctx.err.code;
		if (!rc && !sd_utf8_valid(text, strlen(text)))
			rc = sd_fail(&ctx, EX_DATAERR,
				     _("'%s' is not valid UTF-8; save it as "
				       "UTF-8 and try again"),
				     path);
		if (!rc)
			rc = sd_lint_check(&ctx, text, self, max, &lint);
		if (!rc)
			rc = sd_commit(&ctx);
	}
	if (!rc && fmt == SD_FMT_TEXT)
		sd_lint_print(&lint, stdout, prefix);
	else if (!rc) {
		/* (machine output: an empty list is still a list) */
		struct sd_table *t = sd_lint_table(
			&lint, strcmp(path, "-") == 0 ? "<stdin>" : path);
		rc = sd_table_print(&ctx, t, stdout, fmt);
		sd_table_free(t);
	}
	int found = lint.n > 0;
	sd_lint_free(&lint);
	free(text);
	rc = sd_finish(&ctx, rc);
	return rc ? rc : found ? SD_EX_FALSE : 0;
}
