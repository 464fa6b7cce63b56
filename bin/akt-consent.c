/*
 * akt-consent - record the person's consent (samtycke): to whom, about
 * what, from when, until when and how it was given; or withdraw one.
 * A withdrawn consent stays, shown as withdrawn (akt-show, akt-export).
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "consent.h"

static void
usage(int status)
{
	fputs(_("usage: akt-consent [-d DB] AKT --to WHOM --about WHAT --from "
		"DATE [--until DATE] -m HOW\n"
		"       akt-consent [-d DB] --withdraw CONSENT [--date DATE] "
		"-m WHY\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, 't'},
		{"about", required_argument, NULL, 'a'},
		{"from", required_argument, NULL, 'f'},
		{"until", required_argument, NULL, 'u'},
		{"withdraw", required_argument, NULL, 'w'},
		{"date", required_argument, NULL, 'D'},
		{"message", required_argument, NULL, 'm'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_consent_in in = {0};
	const char *withdraw = NULL, *date = NULL;
	long long akt, id;
	int rc;

	sd_ctx_init(&ctx, "akt-consent");
	sd_cli_getopt(&cli, &argc, &argv, "d:hm:", opts,
		      (const struct sd_cli_val[]){{'t', &in.to},
						  {'a', &in.about},
						  {'f', &in.from},
						  {'u', &in.until},
						  {'w', &withdraw},
						  {'D', &date},
						  {'m', &in.how},
						  {0, NULL}},
		      usage);
	if (withdraw) {
		if (argc != 0 || in.to || in.about || in.from || in.until)
			usage(1);
		if (!(rc = sd_cli_id(&ctx, withdraw, N_("consent id"),
				     N_("see akt-show AKT"), &id)) &&
		    !(rc = sd_cli_begin(&ctx, &cli)) &&
		    !(rc = sd_consent_withdraw(&ctx, id, date, in.how, &akt)))
			rc = sd_commit(&ctx);
		return sd_finish(&ctx, rc);
	}
	if (argc != 1 || date)
		usage(1);
	in.ref = argv[0];
	if (!(rc = sd_cli_begin(&ctx, &cli)) &&
	    !(rc = sd_consent_add(&ctx, &in, &akt, &id)) &&
	    !(rc = sd_print_id(&ctx, id)))
		rc = sd_commit(&ctx);
	return sd_finish(&ctx, rc);
}
