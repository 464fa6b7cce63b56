/*
 * export-note - a test and benchmark helper of akt-export: append journal
 * notes through the library (sd_journal_append), so export tests and
 * bench/export have real hash-chained notes to render.
 *
 *   export-note AKT CATEGORY [--event-date D] [--on-behalf-of LOGIN]
 *               [--corrects NOTE] [--repeat N]  < TEXT
 *
 * Prints the new note id(s).  With --repeat N the same text is written N
 * times (with " (N)" appended) in one transaction.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "cli.h"
#include "journal.h"

static void
usage(int status)
{
	fputs("usage: export-note [-d DB] AKT CATEGORY [--event-date DATE] "
	      "[--on-behalf-of LOGIN] [--corrects NOTE] [--repeat N]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		SD_COMMON_OPTIONS,
		{"event-date", required_argument, NULL, 'e'},
		{"on-behalf-of", required_argument, NULL, 'b'},
		{"corrects", required_argument, NULL, 'c'},
		{"repeat", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_note_in in = {0};
	long long id, seq, repeat = 1;
	char *body;
	int c, rc;

	sd_ctx_init(&ctx, "export-note");
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (sd_cli_common(&cli, c, optarg, usage))
			continue;
		switch (c) {
		case 'e': in.event_date = optarg; break;
		case 'b': in.behalf_login = optarg; break;
		case 'c':
			if (sd_num_parse(NULL, "--corrects", optarg, SD_ID_MIN,
					 SD_ID_MAX, &in.corrects))
				usage(1);
			break;
		case 'r':
			if (sd_num_parse(NULL, "--repeat", optarg, SD_ID_MIN,
					 SD_ID_MAX, &repeat))
				usage(1);
			break;
		default: usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || sd_num_parse(NULL, "akt id", argv[0], SD_ID_MIN,
				      SD_ID_MAX, &in.akt))
		usage(1);
	in.category = argv[1];
	if (!(body = sd_read_stream(stdin, NULL)))
		return EX_IOERR;
	if (!(rc = sd_cli_open(&ctx, &cli, 0)) && !(rc = sd_begin(&ctx))) {
		struct sd_buf b;
		sd_buf_init(&b);
		for (long long i = 1; !rc && i <= repeat; i++) {
			b.len = 0;
			sd_buf_puts(&b, body);
			if (repeat > 1)
				sd_buf_printf(&b, " (%lld)", i);
			in.body = b.s;
			if (!(rc = sd_journal_append(&ctx, &in, &id, &seq)))
				printf("%lld\n", id);
		}
		sd_buf_free(&b);
		if (!rc)
			rc = sd_commit(&ctx);
	}
	free(body);
	return sd_finish(&ctx, rc);
}
