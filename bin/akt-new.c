/*
 * akt-new - open a case file (akt) for a person at a unit; prints the
 * new akt id alone on stdout.  With --reservnummer (a person without
 * personnummer or samordningsnummer) the number given is said on
 * stderr.
 */
#include <getopt.h>
#include <stdlib.h>

#include "akt.h"
#include "cli.h"

static int new (struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	long long id = 0;
	int rc;

	struct sd_akt_in *in = r->arg;
	(void)item;
	if (!(rc = sd_akt_new(ctx, in, &id)))
		rc = sd_print_id(ctx, id);
	if (!rc)
		sd_cli_name_warn(ctx, id, in->name);
	if (!rc && in->reserv)
		fprintf(stderr,
			_("%s: akt %lld: reservnummer %s; when the person's "
			  "personnummer is known, set it with akt-set "
			  "--personnummer\n"),
			ctx->prog, id, in->reserv);
	return rc;
}

static void
usage(int status)
{
	fputs(_("usage: akt-new [-d DB] PNR --name \"Efternamn, Förnamn\" "
		"--unit "
		"UNIT\n"
		"               [--regime SoL|LSS] [--kontaktperson LOGIN] "
		"[--opened DATE]\n"
		"       akt-new [-d DB] --reservnummer --born DATE --gender "
		"kvinna|man\n"
		"               --name \"Efternamn, Förnamn\" --unit UNIT "
		"[--regime SoL|LSS]\n"
		"               [--kontaktperson LOGIN] [--opened DATE]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"unit", required_argument, NULL, 'u'},
		{"regime", required_argument, NULL, 'r'},
		{"kontaktperson", required_argument, NULL, 'k'},
		{"opened", required_argument, NULL, 'o'},
		{"reservnummer", no_argument, NULL, 'R'},
		{"born", required_argument, NULL, 'b'},
		{"gender", required_argument, NULL, 'g'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_akt_in in = {0};
	struct sd_cli_run r = {.arg = &in};
	char reserv[14];
	int c, rn = 0;

	sd_ctx_init(&ctx, "akt-new");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': in.name = optarg; break;
		case 'u': in.unit = optarg; break;
		case 'r': in.regime = optarg; break;
		case 'k': in.kontaktperson = optarg; break;
		case 'o': in.opened = optarg; break;
		case 'R': rn = 1; break;
		case 'b': in.born = optarg; break;
		case 'g': in.gender = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != !rn || !in.name || !in.unit ||
	    (!rn && (in.born || in.gender)))
		usage(1);
	if (rn)
		in.reserv = reserv;
	else
		in.pnr = argv[0];
	return sd_cli_run(&ctx, &cli, rn ? "" : argv[0], new, &r);
}
