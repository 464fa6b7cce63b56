/*
 * journal-correct - record a rättelse: the person (or the author) says a
 * note is wrong.  A new note of category rättelse points at the note;
 * the note itself stays as written (SoL 11 kap. 6 §: "antecknas").
 * Prints the new note's reference alone on stdout.
 *
 * This main serves journal-object too: bin/journal-object.c names the
 * program and its category and includes this file.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "journal.h"
#include "text-src.h"

#ifndef NOTE_PROG
#define NOTE_PROG     "journal-correct"
#define NOTE_CATEGORY NULL /* rättelse, sd_journal_correct's default */
#endif

static void
usage(int status)
{
	const char *fmt = _("usage: %s [-d DB] NOTE [-m TEXT | -F FILE | -] "
			    "[-e] [--event-date DATE]\n"
			    "%*s[--on-behalf-of LOGIN] [--strict]\n");
	int indent = (int)strlen(NOTE_PROG " ");

	/* The second line starts under the first's options: count the
	 * characters (not the bytes) of the translated "usage: ". */
	for (const char *p = fmt; *p && *p != '%'; p++)
		indent += ((unsigned char)*p & 0xC0) != 0x80;
	fprintf(status ? stderr : stdout, fmt, NOTE_PROG, indent, "");
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"message", required_argument, NULL, 'm'},
		{"file", required_argument, NULL, 'F'},
		{"edit", no_argument, NULL, 'e'},
		{"event-date", required_argument, NULL, 'E'},
		{"on-behalf-of", required_argument, NULL, 'b'},
		{"strict", no_argument, NULL, 's'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_text_src src = {.what = N_("the note")};
	struct sd_note_in in = {.category = NOTE_CATEGORY};
	struct sd_journal_write w;
	int c, rc, strict = 0;

	sd_ctx_init(&ctx, NOTE_PROG);
	while ((c = getopt_long(argc, argv, "d:hm:F:e", opts, NULL)) != -1) {
		switch (c) {
		case 'E': in.event_date = optarg; break;
		case 'b': in.behalf_login = optarg; break;
		case 's': strict = 1; break;
		default:
			if (!sd_cli_text_opt(&src, c, optarg) &&
			    !sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (sd_cli_text_args(&src, &argc, argv) || argc != 1)
		usage(1);
	rc = sd_journal_write_cmd(&ctx, &cli, &src, argv[0], &in, strict, 1,
				  &w);
	rc = sd_cli_journal_finish(&ctx, rc, &w);
	return sd_finish(&ctx, rc);
}
