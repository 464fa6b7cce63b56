/*
 * akt-close - close akter, one transaction each: end running insatser
 * (when told), write the closing note, lock the akt, and tell the
 * handläggare.  Akter come as arguments or, with none, one per line on
 * stdin, so that "akt-list --unit X --format ids | akt-close --dry-run"
 * works.  Prints one record per akt; the exit status is that of the
 * first akt refused (0 when none was).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "close.h"
#include "file.h"

static void
usage(int status)
{
	fputs("usage: akt-close [-d DB] [AKT ...] [--date DATE] "
	      "[-m TEXT | -F FILE] [--end-insatser] [--dry-run] "
	      "[--export-dir DIR [--export-format md|html|pdf|json]] "
	      "[--notify FILE|-] [--mail-to ADDRESS] "
	      "[--format text|tsv|json]\n",
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

/*
 * Append the summary of r to b: plain text (a blank line between two) or,
 * with mail_to, one mail of an mbox stream.
 */
static int
add_summary(struct sd_ctx *ctx, struct sd_buf *b, const struct sd_close_res *r,
	    const char *mail_to, int *count)
{
	char *s = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&s, &n);
	int rc;

	if (!m)
		return sd_fail(ctx, EX_OSERR, "out of memory");
	if (!mail_to && (*count)++)
		fputc('\n', m);
	rc = sd_close_notify(ctx, r, mail_to, m);
	fclose(m);
	if (!rc)
		sd_buf_add(b, s, n);
	free(s);
	return rc;
}

/* What sd_mail_write accepts: one address, no name, no line break. */
static int
bad_address(const char *a)
{
	const char *at = strchr(a, '@');
	return !at || at == a || !at[1] || strpbrk(a, "\r\n<> \t,\"");
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
	static const char *cols[] = {N_("akt"),    N_("status"), N_("date"),
				     N_("ended"),  N_("note"),   N_("reason"),
				     N_("summary")};
	static const int flags[] = {
		SD_COL_RIGHT, 0, 0, 0, SD_COL_NUM | SD_COL_RIGHT, 0, 0};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	struct sd_close_opts o = {0};
	struct sd_table *t = NULL;
	struct sd_buf out;
	const char *msg = NULL, *file = NULL, *notify = NULL, *xfmt = NULL;
	const char *mail_to = NULL;
	char *text = NULL, **items = NULL;
	struct sd_file nf = {.fd = -1}; /* --notify FILE, written atomically */
	int to_file = 0, to_stdout = 0;
	enum sd_format fmt;
	int c, rc, dry = 0, first = 0, refused = 0, total = 0, nsum = 0, day;

	sd_ctx_init(&ctx, "akt-close");
	sd_buf_init(&out);
	while ((c = getopt_long(argc, argv, "d:hm:F:", opts, NULL)) != -1) {
		switch (c) {
		case O_DATE: o.date = optarg; break;
		case 'm': msg = optarg; break;
		case 'F': file = optarg; break;
		case O_END: o.end_insatser = 1; break;
		case O_DRY: dry = 1; break;
		case O_NOTIFY: notify = optarg; break;
		case O_XDIR: o.export_dir = optarg; break;
		case O_XFMT: xfmt = optarg; break;
		case O_MAIL: mail_to = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if ((msg && file) || (xfmt && !o.export_dir))
		usage(1);
	if (argc == 0 && isatty(STDIN_FILENO))
		usage(1);
	if ((rc = sd_format_parse(&ctx, cli.format,
				  (1u << SD_FMT_TEXT) | (1u << SD_FMT_TSV) |
					  (1u << SD_FMT_JSON),
				  &fmt)))
		return sd_finish(&ctx, rc);
	if (file && !strcmp(file, "-") && argc == 0) {
		sd_fail(&ctx, EX_USAGE,
			"-F - reads the text from stdin, which "
			"then cannot also give the akter; name them as "
			"arguments");
		return sd_finish(&ctx, EX_USAGE);
	}
	if (o.date && (rc = sd_date_opt(&ctx, "--date", o.date, &day)))
		return sd_finish(&ctx, rc);
	o.export_fmt = SD_EXPORT_PDF;
	if (xfmt && (rc = sd_export_fmt_parse(&ctx, xfmt, &o.export_fmt)))
		return sd_finish(&ctx, rc);
	if (o.export_dir && access(o.export_dir, W_OK | X_OK) != 0) {
		sd_fail(&ctx, EX_CANTCREAT,
			"cannot write into --export-dir '%s': %s", o.export_dir,
			strerror(errno));
		return sd_finish(&ctx, EX_CANTCREAT);
	}
	if (mail_to && bad_address(mail_to)) {
		sd_fail(&ctx, EX_USAGE,
			"--mail-to '%s' is not a mail address; give one "
			"address such as hanna.handlaggare@kommun.se",
			mail_to);
		return sd_finish(&ctx, EX_USAGE);
	}
	o.mail = mail_to != NULL;
	if (mail_to && !notify)
		notify = "-"; /* mail asked for is never silently dropped */
	if (dry)
		o.export_dir = NULL; /* a dry run writes nothing anywhere */
	if (file && !strcmp(file, "-"))
		text = sd_read_stream(stdin, NULL);
	else if (file && !(text = sd_read_file(&ctx, file, NULL)))
		return sd_finish(&ctx, ctx.err.code);
	o.text = text ? text : msg;
	if (o.text && !sd_utf8_valid(o.text, strlen(o.text))) {
		free(text);
		sd_fail(&ctx, EX_DATAERR,
			"the closing text is not valid UTF-8; "
			"save it as UTF-8 and try again");
		return sd_finish(&ctx, EX_DATAERR);
	}
	if (o.text && !o.text[strspn(o.text, " \t\r\n")]) {
		free(text);
		sd_fail(&ctx, EX_USAGE,
			"the closing text is empty; write it "
			"with -m or -F, or leave both out");
		return sd_finish(&ctx, EX_USAGE);
	}
	items = sd_cli_items(argc, argv);
	if ((rc = sd_cli_open(&ctx, &cli, 0)))
		goto done;
	if (notify && !dry) {
		if (!strcmp(notify, "-"))
			to_stdout = 1;
		else if (sd_file_open(&ctx, &nf, notify)) {
			rc = sd_fail(&ctx, EX_CANTCREAT,
				     "cannot open '%s' for --notify: %s",
				     notify, strerror(nf.error));
			goto done;
		} else
			to_file = 1;
	}

	t = sd_table_new(fmt == SD_FMT_JSON ? 7 : 6, cols, flags);
	/* A TSV header ("akt", from akt-list or akt-close) is not an akt. */
	for (char **it = items +
			 (argc == 0 && items[0] && !strcmp(items[0], "akt"));
	     *it; it++) {
		struct sd_close_res r;
		char akt[32], note[32];
		const char *row[7];
		int arc;

		total++;
		sd_close_res_init(&r);
		if (!(arc = sd_begin(&ctx)))
			arc = sd_akt_close(&ctx, *it, &o, &r);
		if (!arc && !dry)
			arc = sd_commit(&ctx);
		sd_rollback(&ctx);
		if (r.akt)
			snprintf(akt, sizeof akt, "%lld", r.akt);
		else
			snprintf(akt, sizeof akt, "%s", *it);
		snprintf(note, sizeof note, "%lld", r.note);
		row[0] = akt;
		row[1] = arc ? "refused" : dry ? "would-close" : "closed";
		row[2] = arc ? NULL : r.date;
		row[3] = arc ? NULL : r.ended.s;
		row[4] = arc || dry ? NULL : note;
		row[5] = arc ? ctx.err.msg : NULL;
		row[6] = arc || dry ? NULL : r.summary.s;
		sd_table_add(t, row);
		if (arc) {
			sd_report(&ctx);
			if (!first)
				first = arc;
			refused++;
			ctx.err.code = 0;
			ctx.err.msg[0] = '\0';
		} else if (!dry && to_file) {
			/* At once: the akt is closed whatever happens next. */
			struct sd_buf one;
			const char *why = NULL;
			sd_buf_init(&one);
			if (add_summary(&ctx, &one, &r, mail_to, &nsum))
				why = ctx.err.msg;
			else if (sd_file_write(&ctx, &nf, one.s, one.len))
				why = strerror(nf.error);
			sd_buf_free(&one);
			if (why) {
				/* The rest would close untold: stop here. */
				fprintf(stderr,
					"akt-close: akt %lld was closed, but "
					"its summary could not be written to "
					"'%s': %s; no further akter were "
					"tried\n",
					r.akt, notify, why);
				first = first ? first : EX_IOERR;
				ctx.err.code = 0;
				sd_close_res_free(&r);
				break;
			}
		} else if (!dry && (to_stdout || fmt == SD_FMT_TEXT)) {
			if (add_summary(&ctx, &out, &r, mail_to, &nsum)) {
				sd_report(&ctx);
				first = first ? first : ctx.err.code;
				ctx.err.code = 0;
			}
		}
		sd_close_res_free(&r);
	}
	if ((rc = sd_table_print(&ctx, t, stdout, fmt)))
		goto done;
	if (out.len)
		printf("\n%s", out.s);
	if (refused && total > 1)
		fprintf(stderr, "akt-close: %d of %d akter %s\n", refused,
			total,
			dry ? "would be refused"
			    : "refused; the others were closed");
	rc = first;
	ctx.err.code = 0; /* each refusal was reported with its akt */
done:
	/* The summaries of the akter closed, also after a failure. */
	if (to_file && sd_file_commit(&ctx, &nf) && !rc)
		rc = sd_fail(&ctx, EX_IOERR, "write error on '%s': %s", notify,
			     strerror(nf.error));
	sd_table_free(t);
	sd_list_free(items);
	free(text);
	sd_buf_free(&out);
	return sd_finish(&ctx, rc);
}
