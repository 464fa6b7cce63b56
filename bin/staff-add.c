/*
 * staff-add - register (or update) a staff member: login, name, title,
 * units and role.  Staff are never deleted; --inactive marks them gone.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "staff.h"

static int
add(struct sd_ctx *ctx, const char *item, struct sd_cli_run *r)
{
	struct sd_staff_in *in = r->arg;
	char what[128];
	int rc;

	(void)item;
	snprintf(what, sizeof what, "%s staff '%s'",
		 in->inactive ? "registered inactive" : "registered",
		 in->login);
	if (!(rc = sd_staff_add(ctx, in)))
		rc = sd_log_access(ctx, 0, what);
	return rc;
}

static void
usage(int status)
{
	fputs(_("usage: staff-add [-d DB] LOGIN --name NAME --title TITLE "
		"[--unit UNIT ...]\n"
		"                 [--role personal|samordnare|enhetschef|"
		"arkivarie|admin|granskare]\n"
		"                 [--email ADDRESS] [--inactive]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"title", required_argument, NULL, 't'},
		{"unit", required_argument, NULL, 'u'},
		{"role", required_argument, NULL, 'r'},
		{"email", required_argument, NULL, 'e'},
		{"inactive", no_argument, NULL, 'i'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_staff_in in = {0};
	const char **units = calloc((size_t)argc + 1, sizeof *units);
	struct sd_cli_run r = {.arg = &in};
	int c, nu = 0, rc;

	sd_ctx_init(&ctx, "staff-add");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': in.name = optarg; break;
		case 't': in.title = optarg; break;
		case 'u': units[nu++] = optarg; break;
		case 'r': in.role = optarg; break;
		case 'e': in.email = optarg; break;
		case 'i': in.inactive = 1; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(1);
	in.login = argv[0];
	in.units = units;
	rc = sd_cli_run(&ctx, &cli, argv[0], add, &r);
	free(units);
	return rc;
}
