/*
 * socdok-fixture - create a new database holding a synthetic
 * municipality, for demos, tests and benchmarks; or (--check) verify the
 * personnummer and every hash chain of a database.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fixture.h"

static void
usage(int status)
{
	fputs("usage: socdok-fixture [-d DB] [--small|--large] [--persons N] "
	      "[--insatser N] [--notes N]\n"
	      "                      [--seed N] [--as-of DATE] "
	      "[--provider kommunal|enskild] [--admin LOGIN] [--check]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/* A non-negative number option, or a usage error. */
static long long
number(struct sd_ctx *ctx, const char *opt, const char *s, int *bad)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0) {
		sd_fail(ctx, EX_USAGE, "%s '%s' is not a number; write digits",
			opt, s);
		*bad = 1;
	}
	return v;
}

static void
remove_db(const char *path)
{
	char p[4200];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-journal", path);
	unlink(p);
}

static double
seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"small", no_argument, NULL, 's'},
		{"large", no_argument, NULL, 'l'},
		{"persons", required_argument, NULL, 'p'},
		{"insatser", required_argument, NULL, 'i'},
		{"notes", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 'S'},
		{"provider", required_argument, NULL, 'P'},
		{"admin", required_argument, NULL, 'a'},
		{"check", no_argument, NULL, 'c'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_fixture_opts o = {0};
	struct sd_fixture_stats s;
	struct stat sb;
	long long persons = -1, insatser = -1, notes = -1;
	int c, rc, bad = 0, check = 0;
	double t0;

	sd_ctx_init(&ctx, "socdok-fixture");
	sd_fixture_size(&o, "small");
	o.seed = 1;
	o.admin = "admin";
	o.provider = "kommunal";
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': sd_fixture_size(&o, "small"); break;
		case 'l': sd_fixture_size(&o, "large"); break;
		case 'p':
			persons = number(&ctx, "--persons", optarg, &bad);
			break;
		case 'i':
			insatser = number(&ctx, "--insatser", optarg, &bad);
			break;
		case 'n': notes = number(&ctx, "--notes", optarg, &bad); break;
		case 'S':
			o.seed = (unsigned long long)number(&ctx, "--seed",
							    optarg, &bad);
			break;
		case 'P': o.provider = optarg; break;
		case 'a': o.admin = optarg; break;
		case 'c': check = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	if (argc != optind)
		usage(1);
	if (bad)
		return sd_report(&ctx);
	/* --persons alone scales the rest as the sizes do. */
	if (persons >= 0) {
		if (insatser < 0)
			insatser = persons * 12 / 5;
		if (notes < 0)
			notes = persons * 60;
		o.persons = persons;
	}
	if (insatser >= 0)
		o.insatser = insatser;
	if (notes >= 0)
		o.notes = notes;
	if (o.persons < 1) {
		sd_fail(&ctx, EX_USAGE, "--persons must be at least 1");
		return sd_report(&ctx);
	}
	if (strcmp(o.provider, "kommunal") && strcmp(o.provider, "enskild")) {
		sd_fail(&ctx, EX_USAGE,
			"unknown provider '%s'; use kommunal or enskild",
			o.provider);
		return sd_report(&ctx);
	}

	if (check) {
		long long akter, n;
		if ((rc = sd_set_today(&ctx, cli.asof)) ||
		    (rc = sd_open(&ctx, cli.db, SD_OPEN_NOUSER)) ||
		    (rc = sd_fixture_check(&ctx, &akter, &n)))
			return sd_finish(&ctx, rc);
		printf("ok: %lld journals, %lld notes, every chain intact\n",
		       akter, n);
		return sd_finish(&ctx, 0);
	}

	if ((rc = sd_set_today(&ctx, cli.asof)) ||
	    (rc = sd_db_path(&ctx, cli.db)))
		return sd_finish(&ctx, rc);
	if (stat(ctx.path, &sb) == 0) {
		sd_fail(&ctx, EX_CANTCREAT,
			"'%s' already exists; socdok-fixture writes only a new "
			"database: remove it or name another with -d",
			ctx.path);
		return sd_finish(&ctx, EX_CANTCREAT);
	}
	t0 = seconds();
	if ((rc = sd_open(&ctx, cli.db, SD_OPEN_CREATE | SD_OPEN_NOUSER)) ||
	    (rc = sd_fixture_generate(&ctx, &o, &s))) {
		char path[sizeof ctx.path];
		memcpy(path, ctx.path, sizeof path);
		rc = sd_finish(&ctx, rc);
		remove_db(path);
		return rc;
	}
	fprintf(stderr,
		"socdok-fixture: created '%s' as of %s in %.1f s: %lld units, "
		"%lld staff, %lld persons, %lld akter (%lld closed), %lld "
		"insatser, %lld notes, %lld plans, %lld signatures, %lld "
		"follow-ups; akt %lld has the most notes (%lld)\n",
		ctx.path, ctx.today_s, seconds() - t0, s.units, s.staff,
		s.persons, s.akter, s.closed, s.insatser, s.notes, s.gp,
		s.signatures, s.followups, s.big_akt, s.big_notes);
	return sd_finish(&ctx, 0);
}
