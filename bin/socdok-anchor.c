/*
 * socdok-anchor - the database head as one short, self-describing line
 * (date, counts, root), for keeping outside the database: mailed by
 * cron, printed, or appended to a write-once store; with a key, signed
 * by ssh-keygen.  akt-verify --anchor and socdok-check --anchor check
 * the database against a kept line.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "head.h"

static void
usage(int status)
{
	fputs(_("usage: socdok-anchor [-d DB] [-k KEY]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"key", required_argument, NULL, 'k'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_head h;
	struct sd_buf sig;
	const char *key = secure_getenv("SOCDOK_ANCHOR_KEY");
	char line[512];
	int c, rc;

	sd_ctx_init(&ctx, "socdok-anchor");
	while ((c = getopt_long(argc, argv, "d:hk:", opts, NULL)) != -1) {
		if (c == 'k')
			key = optarg;
		else if (!sd_cli_common(&cli, c, optarg, usage))
			usage(1);
	}
	if (optind != argc || cli.format)
		usage(1);
	if (key && !*key)
		key = NULL;
	sd_buf_init(&sig);
	if (!(rc = sd_cli_begin(&ctx, &cli)) && !(rc = sd_head_get(&ctx, &h)) &&
	    !(rc = sd_commit(&ctx))) {
		sd_head_line(&h, line, sizeof line);
		/* The signature first: nothing is printed when it fails. */
		if (!key || !(rc = sd_anchor_sign(&ctx, line, key, &sig)))
			printf("%s\n%.*s", line, (int)sig.len,
			       sig.s ? sig.s : "");
	}
	sd_buf_free(&sig);
	return sd_finish(&ctx, rc);
}
