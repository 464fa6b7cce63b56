/*
 * akt-close - close akter, one transaction each: end running insatser
 * (when told), write the closing note, lock the akt, and tell the
 * handläggare.  Akter come as arguments or, with none, one per line on
 * stdin, so that "akt-list --unit X --format ids | akt-close --dry-run"
 * works.  Prints one record per akt; the exit status is that of the
 * first akt refused (0 when none was).
 */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "close.h"

/*
 * After each akt's transaction: its result line, printed and flushed
 * at once (text, TSV, JSON), so that a killed batch has printed every
 * akt it closed.
 */
static int
done_print(struct sd_ctx *ctx, const char *item, int rc, struct sd_loop *l)
{
	struct sd_close_batch *b = l->arg;
	int drc = sd_close_loop_done(ctx, item, rc, l);

	sd_table_stream(ctx, b->t, stdout, b->fmt);
	return drc;
}

static void
usage(int status)
{
	fputs(_("usage: akt-close [-d DB] [AKT ...] [--date DATE] "
		"[-m TEXT | -F FILE] [--end-insatser] [--dry-run] "
		"[--export-dir DIR [--export-format md|html|pdf|json]] "
		"[--notify FILE|-] [--mail-to ADDRESS] "
		"[--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

int
main(int argc, char **argv)
{
	enum { O_DATE = 1, O_END, O_DRY, O_NOTIFY, O_XDIR, O_XFMT, O_MAIL };
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"message", required_argument, NULL, 'm'},
		{"file", required_argument, NULL, 'F'},
		{"end-insatser", no_argument, NULL, O_END},
		{"dry-run", no_argument, NULL, O_DRY},
		{"notify", required_argument, NULL, O_NOTIFY},
		{"export-dir", required_argument, NULL, O_XDIR},
		{"export-format", required_argument, NULL, O_XFMT},
		{"mail-to", required_argument, NULL, O_MAIL},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_close_batch b;
	struct sd_text_src src = {.what = N_("the closing text")};
	struct sd_loop l = {
		.item = sd_close_loop_item, .done = done_print, .arg = &b};
	char **items = NULL;
	int c, rc;

	sd_ctx_init(&ctx, "akt-close");
	sd_close_batch_init(&b);
	while ((c = getopt_long(argc, argv, "d:hm:F:", opts, NULL)) != -1) {
		switch (c) {
		case O_DATE: b.o.date = optarg; break;
		case 'm': src.message = optarg; break;
		case 'F': src.file = optarg; break;
		case O_END: b.o.end_insatser = 1; break;
		case O_DRY: b.dry = 1; break;
		case O_NOTIFY: b.notify = optarg; break;
		case O_XDIR: b.o.export_dir = optarg; break;
		case O_XFMT: b.xfmt = optarg; break;
		case O_MAIL: b.mail_to = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if ((src.message && src.file) || (b.xfmt && !b.o.export_dir) ||
	    (argc == 0 && isatty(STDIN_FILENO)))
		usage(1);
	l.flags = SD_LOOP_EACH | (b.dry ? SD_LOOP_DRY : 0);
	b.format = cli.format;
	b.on_stdin = argc == 0;
	if ((rc = sd_close_batch_check(&ctx, &b, &src)))
		goto done;
	if ((rc = sd_cli_items(&ctx, argc, argv, &items)) ||
	    (rc = sd_cli_open(&ctx, &cli, 0)) ||
	    (rc = sd_close_batch_start(&ctx, &b, items)))
		goto done;
	/* Each refusal is reported with its akt; rc is the first one's. */
	rc = sd_cli_loop(&ctx, items, &l);
	if (sd_table_stream_end(&ctx, b.t, stdout, b.fmt)) {
		rc = ctx.err.code;
		goto done;
	}
	if (b.out.len)
		printf("\n%s", b.out.s);
	if (l.failed && l.total > 1)
		fprintf(stderr,
			b.dry ? _("akt-close: %d of %d akter would be "
				  "refused\n")
			      : _("akt-close: %d of %d akter refused; the "
				  "others were closed\n"),
			l.failed, l.total);
done:
	rc = sd_close_batch_end(&ctx, &b, rc);
	sd_list_free(items);
	return sd_finish(&ctx, rc);
}
