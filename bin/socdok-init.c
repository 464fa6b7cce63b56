/*
 * socdok-init - create a socdok database: provider type, default rules
 * and the first administrator.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gallra.h"
#include "rules.h"
#include "socdok.h"
#include "staff.h"
#include "word.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-init [-d DB] [--provider kommunal|enskild] "
		"[--admin LOGIN]\n"
		"                   [--name NAME] [--title TITLE] [--group] "
		"[--preserve-all]\n"
		"                   [--kommun NAME]\n"
		"       socdok-init --server --admin LOGIN [--provider "
		"kommunal|enskild]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"provider", required_argument, NULL, 'p'},
		{"admin", required_argument, NULL, 'a'},
		{"name", required_argument, NULL, 'n'},
		{"title", required_argument, NULL, 't'},
		{"group", no_argument, NULL, 'g'},
		{"preserve-all", no_argument, NULL, 'P'},
		{"kommun", required_argument, NULL, 'k'},
		{"server", no_argument, NULL, 'S'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	const char *provider = "kommunal", *admin = NULL, *name = NULL;
	const char *title = "administratör", *kommun = NULL;
	int c, group = 0, preserve_all = 0, server = 0, rc, nrules = 0;
	int kommun_all = 0;
	char have[64], rules[4096];

	sd_ctx_init(&ctx, "socdok-init");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': provider = optarg; break;
		case 'a': admin = optarg; break;
		case 'n': name = optarg; break;
		case 't': title = optarg; break;
		case 'g': group = 1; break;
		case 'P': preserve_all = 1; break;
		case 'k': kommun = optarg; break;
		case 'S': server = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	if (argc != 0)
		usage(1);
	if (server && !admin) {
		sd_fail(&ctx, EX_USAGE,
			_("--server needs --admin LOGIN: the staff member who "
			  "administers socdok (root is not staff)"));
		return sd_report(&ctx);
	}
	/* (in any case, as every word of a closed list: word.h) */
	if (sd_word_eq(provider, "kommunal"))
		provider = "kommunal";
	else if (sd_word_eq(provider, "enskild"))
		provider = "enskild";
	if (strcmp(provider, "kommunal") && strcmp(provider, "enskild")) {
		sd_fail(&ctx, EX_USAGE,
			_("unknown provider '%s'; use kommunal (SoL 12 kap 1 "
			  "§) "
			  "or "
			  "enskild (SoL 7 kap 3 §)"),
			provider);
		return sd_report(&ctx);
	}
	if (kommun && sd_gallra_kommun_check(&ctx, kommun))
		return sd_report(&ctx);
	if ((rc = sd_set_today(&ctx, cli.asof)) ||
	    (rc = sd_open(&ctx, cli.db,
			  SD_OPEN_CREATE | SD_OPEN_NOUSER |
				  (group ? SD_OPEN_GROUP : 0) |
				  (server ? SD_OPEN_SERVER : 0))))
		goto fail;
	if (sd_setting_get(&ctx, "provider", have, sizeof have) == 0) {
		fprintf(stderr,
			_("socdok-init: database '%s' already exists "
			  "(provider %s); nothing changed\n"),
			ctx.path, have);
		sd_ctx_free(&ctx);
		return 0;
	}
	if (!admin)
		admin = ctx.login;
	if (!name)
		name = admin;
	struct sd_staff_in s = {.login = admin,
				.name = name,
				.title = title,
				.units = NULL,
				.role = "admin"};
	if ((rc = sd_begin(&ctx)) ||
	    (rc = sd_setting_set(&ctx, "provider", provider)) ||
	    (rc = sd_setting_set(&ctx, "preserve_all",
				 preserve_all ? "1" : "0")) ||
	    (rc = sd_setting_set(&ctx, "created", ctx.today_s)) ||
	    (kommun && (rc = sd_gallra_kommun(&ctx, kommun, &kommun_all))) ||
	    (rc = sd_rules_load(&ctx, sd_rules_default(rules, sizeof rules),
				&nrules)) ||
	    (rc = sd_staff_add(&ctx, &s)) ||
	    (rc = sd_actor_load_as(&ctx, admin)) ||
	    (rc = sd_log_access(&ctx, 0, "created the database")) ||
	    (rc = sd_commit(&ctx)))
		goto fail;
	fprintf(stderr,
		_("socdok-init: created '%s' (provider %s, %d rules, "
		  "administrator %s)\n"),
		ctx.path, provider, nrules, admin);
	if (kommun_all)
		fprintf(stderr,
			_("socdok-init: every akt is preserved: %s is named in "
			  "bevara-alla.txt (socialtjänstförordningen "
			  "(2001:937) 7 kap. 2 §)\n"),
			kommun);
	if (server)
		fprintf(stderr,
			_("socdok-init: server mode: staff reach the database "
			  "only through the set-group-id programs (group "
			  "%s)\n"),
			sd_priv_group());
	else
		fprintf(stderr,
			_("socdok-init: single-user mode: the database "
			  "is yours alone (mode 0600)%s\n"),
			group ? _(", shared with your group (--group)") : "");
	sd_ctx_free(&ctx);
	return sd_stdout_close(&ctx, 0);
fail:
	sd_rollback(&ctx);
	rc = sd_report(&ctx);
	sd_ctx_free(&ctx);
	return rc;
}
