/*
 * close-batch.c - akt-close's run over several akter, one transaction
 * each (sd_cli_loop): its options checked, one row per akt, and the
 * summaries for the handläggare, as text or mail, on stdout or in the
 * --notify file (seed 003: the handläggare is told at once).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "close.h"
#include "i18n.h"
#include "insats.h"
#include "journal.h"
#include "mail.h"
#include "unit.h"

/*
 * The closing mail's sender: the user who closed it (the handläggare
 * answers them), else SOCDOK_MAIL_FROM ('Name <addr>' too), else socdok@
 * the host's full name, never a name without a domain (78).
 */
static int
close_sender(struct sd_ctx *ctx, char *from, size_t n)
{
	char id[32], name[256];

	snprintf(id, sizeof id, "%lld", ctx->me.id);
	if (sd_query_text(ctx, from, n,
			  "SELECT email FROM staff WHERE id = ? AND email "
			  "IS NOT NULL",
			  id, SD_END) == 0 &&
	    from[0])
		return 0;
	sd_err_clear(ctx);
	return sd_mail_sender(ctx, secure_getenv("SOCDOK_MAIL_FROM"), name,
			      sizeof name, from, n);
}

int
sd_close_notify(struct sd_ctx *ctx, const struct sd_close_res *res,
		const char *mail_to, FILE *f)
{
	char from[320] = "";
	int rc;

	if (!mail_to) {
		if (fprintf(f, "Till: %s\nÄmne: %s\n\n%s", res->to.s,
			    res->subject.s, res->summary.s) < 0 ||
		    fflush(f) != 0)
			return sd_fail(ctx, EX_IOERR, _("write error"));
		return 0;
	}
	if ((rc = close_sender(ctx, from, sizeof from)))
		return rc;
	struct sd_mail m = {
		.from = from,
		.from_name = ctx->me.name,
		.to = mail_to,
		.to_name = strcmp(res->to.s, "handläggaren") ? res->to.s : NULL,
		.subject = res->subject.s,
		.body = res->summary.s,
	};
	rc = sd_mail_write(f, &m);
	if (rc == EX_DATAERR)
		return sd_fail(ctx, rc,
			       _("cannot mail from '%s' to '%s'; check the "
				 "addresses"),
			       from, mail_to);
	if (rc || fflush(f) != 0)
		return sd_fail(ctx, EX_IOERR, _("write error"));
	return 0;
}

void
sd_close_batch_init(struct sd_close_batch *b)
{
	memset(b, 0, sizeof *b);
	sd_buf_init(&b->out);
	b->nf.fd = -1;
	b->o.export_fmt = SD_EXPORT_PDF;
	sd_close_res_init(&b->r);
}

/* What sd_mail_write accepts: one address, no name, no line break. */
static int
bad_address(const char *a)
{
	const char *at = strchr(a, '@');
	return !at || at == a || !at[1] || strpbrk(a, "\r\n<> \t,\"");
}

int
sd_close_batch_check(struct sd_ctx *ctx, struct sd_close_batch *b,
		     const struct sd_text_src *src)
{
	const char *text;
	char keep[4096];
	int rc, day;

	/* (CSV as TSV: the summary is JSON's alone; issue 15) */
	if ((rc = sd_format_parse(ctx, b->format, SD_FMTS_LIST, &b->fmt)))
		return rc;
	if (src->file && !strcmp(src->file, "-") && b->on_stdin)
		return sd_fail(ctx, EX_USAGE,
			       _("-F - reads the text from stdin, which then "
				 "cannot also give the akter; name them as "
				 "arguments"));
	if (b->o.date && (rc = sd_date_opt(ctx, "--date", b->o.date, &day)))
		return rc;
	if (b->xfmt &&
	    (rc = sd_export_fmt_parse(ctx, b->xfmt, &b->o.export_fmt)))
		return rc;
	if (b->o.export_dir && access(b->o.export_dir, W_OK | X_OK) != 0)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot write into --export-dir '%s': %s"),
			       b->o.export_dir, strerror(errno));
	if (b->mail_to && bad_address(b->mail_to))
		return sd_fail(ctx, EX_USAGE,
			       _("--mail-to '%s' is not a mail address; give "
				 "one address such as "
				 "hanna.handlaggare@kommun.se"),
			       b->mail_to);
	b->o.mail = b->mail_to != NULL;
	if (b->mail_to && !b->notify)
		b->notify = "-"; /* mail asked for is never silently dropped */
	if (b->dry)
		b->o.export_dir = NULL; /* a dry run writes nothing anywhere */
	/* Without -m or -F the closing note has no text of the user's. */
	if (!src->message && !src->file)
		return 0;
	if ((rc = sd_text_get(ctx, src, &b->text, keep)))
		return rc;
	text = b->o.text = b->text;
	if (!sd_utf8_valid(text, strlen(text)))
		return sd_fail(ctx, EX_DATAERR,
			       _("the closing text is not valid UTF-8; "
				 "save it as UTF-8 and try again"));
	if (!text[strspn(text, " \t\r\n")])
		return sd_fail(ctx, EX_USAGE,
			       _("the closing text is empty; write it "
				 "with -m or -F, or leave both out"));
	return 0;
}

int
sd_close_batch_start(struct sd_ctx *ctx, struct sd_close_batch *b,
		     char *const *items)
{
	static const char *cols[] = {N_("akt"),    N_("status"), N_("date"),
				     N_("ended"),  N_("note"),   N_("reason"),
				     N_("summary")};
	static const int flags[] = {
		SD_COL_RIGHT, 0, 0, 0, SD_COL_NUM | SD_COL_RIGHT, 0, 0};

	char from[320];
	int rc;

	/* A mail that cannot be sent is refused before anything is closed. */
	if (b->mail_to && !b->dry &&
	    (rc = close_sender(ctx, from, sizeof from)))
		return rc;
	if (b->notify && !b->dry) {
		if (!strcmp(b->notify, "-"))
			b->to_stdout = 1;
		else if (sd_file_open(ctx, &b->nf, b->notify))
			return sd_fail(ctx, EX_CANTCREAT,
				       _("cannot open '%s' for --notify: %s"),
				       b->notify, strerror(b->nf.error));
		else
			b->to_file = 1;
	}
	b->t = sd_table_new(b->fmt == SD_FMT_JSON ? 7 : 6, cols, flags);
	if (b->fmt == SD_FMT_TEXT) {
		/*
		 * Text streams too, in widths fixed now (akt as wide as the
		 * widest item, the status as its longest word, a date): a
		 * killed batch has printed a line for every akt it closed.
		 */
		int w[6] = {0, b->dry ? 11 : 7, 10, 0, 0, 0};
		for (char *const *it = items; *it; it++)
			if ((int)strlen(*it) > w[0] && strlen(*it) < 12)
				w[0] = (int)strlen(*it);
		sd_table_text_widths(b->t, w);
	}
	return 0;
}

/*
 * Append the summary of r to buf: plain text (a blank line between two)
 * or, with mail_to, one mail of an mbox stream.
 */
static int
add_summary(struct sd_ctx *ctx, struct sd_buf *buf,
	    const struct sd_close_res *r, const char *mail_to, int *count)
{
	char *s = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&s, &n);
	int rc;

	if (!m)
		return sd_fail(ctx, EX_OSERR, _("out of memory"));
	if (!mail_to && (*count)++)
		fputc('\n', m);
	rc = sd_close_notify(ctx, r, mail_to, m);
	fclose(m);
	if (!rc)
		sd_buf_add(buf, s, n);
	free(s);
	return rc;
}

int
sd_close_loop_item(struct sd_ctx *ctx, const char *item, struct sd_loop *l)
{
	struct sd_close_batch *b = l->arg;

	sd_close_res_free(&b->r);
	sd_close_res_init(&b->r);
	return sd_close_akt(ctx, item, &b->o, &b->r);
}

/* Write r's summary to the --notify file; on failure stop the loop. */
static int
summary_to_file(struct sd_ctx *ctx, struct sd_close_batch *b, struct sd_loop *l)
{
	char why[sizeof ctx->err.msg] = "";
	struct sd_buf one;

	sd_buf_init(&one);
	if (add_summary(ctx, &one, &b->r, b->mail_to, &b->nsum))
		snprintf(why, sizeof why, "%s", ctx->err.msg);
	else if (sd_file_write(ctx, &b->nf, one.s, one.len))
		snprintf(why, sizeof why, "%s", strerror(b->nf.error));
	sd_buf_free(&one);
	if (!why[0])
		return 0;
	l->stop = 1;
	return sd_fail(ctx, EX_IOERR,
		       _("akt %lld was closed, but its summary could not be "
			 "written to '%s': %s; no further akter were tried"),
		       b->r.akt, b->notify, why);
}

int
sd_close_loop_done(struct sd_ctx *ctx, const char *item, int rc,
		   struct sd_loop *l)
{
	struct sd_close_batch *b = l->arg;
	struct sd_close_res *r = &b->r;
	char akt[32], note[32];
	const char *row[7];

	if (r->akt)
		snprintf(akt, sizeof akt, "%lld", r->akt);
	else
		snprintf(akt, sizeof akt, "%s", item);
	snprintf(note, sizeof note, "%lld", r->note);
	row[0] = akt;
	row[1] = rc ? "refused" : b->dry ? "would-close" : "closed";
	row[2] = rc ? NULL : r->date;
	row[3] = rc ? NULL : r->ended.s;
	row[4] = rc || b->dry ? NULL : note;
	row[5] = rc ? ctx->err.msg : NULL;
	row[6] = rc || b->dry ? NULL : r->summary.s;
	sd_table_add(b->t, row);
	if (rc || b->dry)
		return 0;
	if (b->to_file)
		return summary_to_file(ctx, b, l);
	if (b->to_stdout || b->fmt == SD_FMT_TEXT)
		return add_summary(ctx, &b->out, r, b->mail_to, &b->nsum);
	return 0;
}

int
sd_close_batch_end(struct sd_ctx *ctx, struct sd_close_batch *b, int status)
{
	if (b->to_file && sd_file_commit(ctx, &b->nf) && !status)
		status = sd_fail(ctx, EX_IOERR, _("write error on '%s': %s"),
				 b->notify, strerror(b->nf.error));
	sd_table_free(b->t);
	sd_close_res_free(&b->r);
	sd_buf_free(&b->out);
	free(b->text);
	return status;
}
