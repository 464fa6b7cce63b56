/*
 * socdok-import - bring staff, akter, insatser or journal notes in from
 * the CSV/TSV files of the system a provider leaves behind: all or
 * nothing per file, each bad row named by its line, each row once.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "import.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-import [-d DB] staff|akter|insatser|journal "
		"FILE "
		"[--map MAP]\n"
		"                     [--encoding utf-8|windows-1252] "
		"[--source NAME] [--dry-run]\n"
		"                     [--skip-bad [--reject FILE]]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"map", required_argument, NULL, 'm'},
		{"encoding", required_argument, NULL, 'e'},
		{"source", required_argument, NULL, 's'},
		{"dry-run", no_argument, NULL, 'n'},
		{"skip-bad", no_argument, NULL, 'k'},
		{"reject", required_argument, NULL, 'r'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_import_opts o = {0};
	struct sd_import_result r = {0};
	const char *enc = NULL;
	int c, rc, kind;

	sd_ctx_init(&ctx, "socdok-import");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': o.map = optarg; break;
		case 'e': enc = optarg; break;
		case 's': o.source = optarg; break;
		case 'n': o.dry_run = 1; break;
		case 'k': o.skip_bad = 1; break;
		case 'r': o.reject = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || cli.format || (o.reject && !o.skip_bad))
		usage(1);
	if ((kind = sd_import_kind_parse(argv[0])) < 0) {
		sd_fail(&ctx, EX_USAGE,
			_("unknown kind '%s'; import staff, akter, insatser or "
			  "journal"),
			argv[0]);
		return sd_finish(&ctx, EX_USAGE);
	}
	o.kind = (enum sd_import_kind)kind;
	o.file = argv[1];
	if (!enc)
		o.enc = SD_CSV_DETECT;
	else if (strcmp(enc, "utf-8") == 0 || strcmp(enc, "UTF-8") == 0)
		o.enc = SD_CSV_UTF8;
	else if (strcmp(enc, "windows-1252") == 0 || strcmp(enc, "cp1252") == 0)
		o.enc = SD_CSV_CP1252;
	else {
		sd_fail(&ctx, EX_USAGE,
			_("unknown --encoding '%s'; use utf-8 or windows-1252"),
			enc);
		return sd_finish(&ctx, EX_USAGE);
	}
	rc = sd_cli_open(&ctx, &cli, 0);
	if (!rc)
		rc = sd_import(&ctx, &o, &r);
	for (size_t i = 0; i < r.nbad; i++)
		fprintf(stderr, _("socdok-import: %s:%d: %s\n"), o.file,
			r.bad[i].line, r.bad[i].why);
	if (!rc)
		fprintf(stderr,
			_("socdok-import: %s%lld %s rows imported, %lld "
			  "already there, %zu bad%s%s\n"),
			o.dry_run ? _("dry run: ") : "", r.imported, argv[0],
			r.skipped, r.nbad,
			r.nbad && !o.dry_run ? _(", written to ") : "",
			r.nbad && !o.dry_run ? r.reject : "");
	sd_import_result_free(&r);
	return sd_finish(&ctx, rc);
}
