/*
 * cli.c - the command side of the library: shared options, opening the
 * database for a command, reading items, reporting the error and ending
 * the command.  This is the one library module that prints (to stdout
 * and stderr) or exits; every other module returns a status and leaves
 * its message in ctx->err.
 */
#include <errno.h>
#include <locale.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "akt.h"
#include "check.h"
#include "cli.h"
#include "i18n.h"
#include "journal.h"
#include "lint.h"
#include "log.h"
#include "text-src.h"

#ifndef SD_LOCALEDIR
#define SD_LOCALEDIR "/usr/local/share/socdok/locale"
#endif

const char *
sd_localedir(void)
{
	static char dir[4096];

	if (dir[0])
		return dir;
	/* A set-id program trusts no directory the caller can point at. */
	if (getuid() != geteuid() || getgid() != getegid())
		snprintf(dir, sizeof dir, "%s", SD_LOCALEDIR);
	else
		snprintf(dir, sizeof dir, "%s/locale", sd_sharedir());
	return dir;
}

void
sd_i18n_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	if (!setlocale(LC_CTYPE, ""))
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!setlocale(LC_MESSAGES, "")) {
		/*
		 * LANG=sv_SE.UTF-8 on a server where that locale was never
		 * generated: the messages are still wanted in Swedish, and
		 * gettext needs no generated locale for them, only a
		 * language (LANGUAGE works under C.UTF-8).
		 */
		const char *l = getenv("LC_ALL");
		if (!l || !*l)
			l = getenv("LC_MESSAGES");
		if (!l || !*l)
			l = getenv("LANG");
		if (l && *l && setlocale(LC_MESSAGES, "C.UTF-8"))
			setenv("LANGUAGE", l, 0);
	}
	bindtextdomain(SD_TEXTDOMAIN, sd_localedir());
	bind_textdomain_codeset(SD_TEXTDOMAIN, "UTF-8");
	textdomain(SD_TEXTDOMAIN);
}

int
sd_report(struct sd_ctx *ctx)
{
	if (ctx->err.code && ctx->err.msg[0])
		fprintf(stderr, "%s: %s\n", ctx->prog, ctx->err.msg);
	return ctx->err.code;
}

/* At exit after --help or --version: a full disk is a write error. */
static void
exit_check_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("%s: write error: %s\n"),
			program_invocation_short_name,
			strerror(errno ? errno : EIO));
		_exit(EX_IOERR);
	}
}

int
sd_cli_common(struct sd_cli *cli, int c, const char *arg,
	      void (*usage)(int status))
{
	switch (c) {
	case SD_OPT_DB: cli->db = arg; return 1;
	case SD_OPT_ASOF: cli->asof = arg; return 1;
	case SD_OPT_FORMAT: cli->format = arg; return 1;
	case SD_OPT_VERSION:
		printf("socdok %s\n", SD_VERSION);
		exit_check_stdout();
		exit(0);
	case SD_OPT_HELP:
		/* usage() exits by itself, with 0. */
		atexit(exit_check_stdout);
		usage(0);
		return 1;
	default: return 0;
	}
}

int
sd_cli_loop(struct sd_ctx *ctx, char **items, struct sd_loop *l)
{
	l->total = l->failed = l->status = l->stop = 0;
	for (char **it = items; *it && !l->stop; it++) {
		int rc, drc = 0;

		l->total++;
		if (!(l->flags & SD_LOOP_EACH)) {
			/* The caller's transaction: the first failure ends it.
			 */
			if ((rc = l->item(ctx, *it, l)))
				return rc;
			continue;
		}
		if (!(rc = sd_begin(ctx)))
			rc = l->item(ctx, *it, l);
		if (!rc && !(l->flags & SD_LOOP_DRY))
			rc = sd_commit(ctx);
		sd_rollback(ctx);
		/* A refusal of access, into the log (not for a dry run). */
		if (rc == EX_NOPERM && !(l->flags & SD_LOOP_DRY))
			sd_log_refusal(ctx);
		ctx->refused_akt = 0;
		if (rc)
			l->failed++;
		if (l->done)
			drc = l->done(ctx, *it, rc, l);
		if (rc || drc)
			sd_report(ctx);
		/* What the item's commit made, printed only now. */
		if (sd_cli_flush(ctx)) {
			sd_report(ctx);
			drc = drc ? drc : EX_IOERR;
		}
		if (rc || drc) {
			/* Each failure reported with its item, once (above). */
			if (!l->status)
				l->status = rc ? rc : drc;
		}
		sd_err_clear(ctx);
	}
	return l->status;
}

int
sd_stdout_close(struct sd_ctx *ctx, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("%s: write error: %s\n"), ctx->prog,
			strerror(errno ? errno : EIO));
		return status ? status : EX_IOERR;
	}
	return status;
}

int
sd_cli_open(struct sd_ctx *ctx, const struct sd_cli *cli, int flags)
{
	int rc;

	if ((rc = sd_set_today(ctx, cli->asof)))
		return rc;
	return sd_open(ctx, cli->db, flags);
}

int
sd_cli_begin(struct sd_ctx *ctx, const struct sd_cli *cli)
{
	int rc;

	if ((rc = sd_cli_open(ctx, cli, 0)))
		return rc;
	return sd_begin(ctx);
}

int
sd_cli_text_opt(struct sd_text_src *src, int c, const char *arg)
{
	switch (c) {
	case 'm': src->message = arg; break;
	case 'F': src->file = arg; break;
	case 'e': src->edit = 1; return 1;
	default: return 0;
	}
	src->named++;
	return 1;
}

int
sd_cli_text_args(struct sd_text_src *src, int *argc, char **argv)
{
	if (*argc >= 2 && !strcmp(argv[*argc - 1], "-")) {
		src->use_stdin = 1;
		src->named++;
		--*argc;
	}
	return src->named > 1 || (src->edit && src->named) ? -1 : 0;
}

int
sd_cli_id(struct sd_ctx *ctx, const char *arg, const char *what,
	  const char *hint, long long *id)
{
	if (!sd_num_parse(NULL, what, arg, SD_ID_MIN, SD_ID_MAX, id))
		return 0;
	/* what and hint come marked N_() from the caller. */
	return sd_fail(ctx, EX_USAGE, _("bad %s '%s'; %s"), _(what), arg,
		       *hint ? _(hint) : hint);
}

int
sd_finish(struct sd_ctx *ctx, int rc)
{
	if (rc) {
		sd_rollback(ctx);
		/* A failure in a file not yet checked: the damage, if any. */
		rc = sd_check_on_failure(ctx, rc);
		/* A refusal changes nothing but the access log. */
		if (rc == EX_NOPERM)
			sd_log_refusal(ctx);
		sd_report(ctx);
	}
	/* Ids and references are printed once their rows are committed. */
	if (sd_cli_flush(ctx)) {
		sd_report(ctx);
		rc = rc ? rc : EX_IOERR;
	} else if (!rc && ctx->damaged) {
		fprintf(stderr,
			_("%s: warning: the database '%s' is damaged (%s); "
			  "this read was not logged; restore the latest backup "
			  "with socdok-restore; see socdok-check\n"),
			ctx->prog, ctx->path, ctx->damage);
	}
	sd_ctx_free(ctx);
	return sd_stdout_close(ctx, rc);
}

void
sd_cli_name_warn(struct sd_ctx *ctx, long long akt, const char *name)
{
	if (!name || sd_akt_name_form(name))
		return;
	fprintf(stderr,
		_("%s: warning: the name '%s' is not in the form "
		  "\"Efternamn, Förnamn\" that lists sort by; it is stored "
		  "as given; correct it with akt-set %lld --name "
		  "\"Efternamn, Förnamn\" -m WHY\n"),
		ctx->prog, name, akt);
}

int
sd_print_id(struct sd_ctx *ctx, long long id)
{
	sd_ctx_out_add(ctx, "%lld\n", id);
	return 0;
}

int
sd_cli_flush(struct sd_ctx *ctx)
{
	size_t n = ctx->out_done;
	int e;

	if (!n)
		return 0;
	ctx->out_done = 0;
	ctx->out_len -= n;
	if (fwrite(ctx->out, 1, n, stdout) == n && fflush(stdout) == 0) {
		memmove(ctx->out, ctx->out + n, ctx->out_len);
		return 0;
	}
	e = errno ? errno : EIO;
	__fpurge(stdout);
	clearerr(stdout);
	/* The rows are stored: say which, since the ids were not seen. */
	for (size_t i = 0; i + 1 < n; i++)
		if (ctx->out[i] == '\n')
			ctx->out[i] = ' ';
	ctx->out[n - 1] = '\0';
	sd_fail(ctx, EX_IOERR,
		_("write error: %s; the write was committed all the same: %s"),
		strerror(e), ctx->out);
	memmove(ctx->out, ctx->out + n, ctx->out_len);
	return EX_IOERR;
}

int
sd_print_note(struct sd_ctx *ctx, long long akt, long long seq)
{
	sd_ctx_out_add(ctx, "%lld:%lld\n", akt, seq);
	return 0;
}

int
sd_cli_journal_finish(struct sd_ctx *ctx, int rc, struct sd_journal_write *w)
{
	char prefix[64];

	snprintf(prefix, sizeof prefix, "%s: warning: ", ctx->prog);
	sd_lint_print(&w->lint, stderr, prefix);
	if (!rc && w->written && !(rc = sd_print_note(ctx, w->in->akt, w->seq)))
		rc = sd_commit(ctx);
	/*
	 * A kept draft given back with -F is removed once its text is
	 * stored, like the editor's file.
	 */
	if (w->src && !w->src->draft && w->in->akt > 0) {
		snprintf(w->draft, sizeof w->draft, "%s-%lld-", ctx->prog,
			 w->in->akt);
		w->src->draft = w->draft;
	}
	sd_text_done(ctx, w->src, rc, w->keep);
	sd_lint_free(&w->lint);
	sd_buf_free(&w->guide);
	free(w->text);
	w->text = NULL;
	return rc;
}

int
sd_stdout_fail(struct sd_ctx *ctx)
{
	int e = errno ? errno : EIO;

	/* Report it once: sd_finish must not find the same error again. */
	__fpurge(stdout);
	clearerr(stdout);
	return sd_fail(ctx, EX_IOERR, _("write error: %s"), strerror(e));
}

int
sd_cli_run(struct sd_ctx *ctx, const struct sd_cli *cli, const char *item,
	   sd_cli_work *work, struct sd_cli_run *r)
{
	int rc = 0;

	if (r->what)
		rc = sd_cli_id(ctx, item, r->what, r->hint, &r->id);
	if (!rc && r->fmts)
		rc = sd_format_parse(ctx, cli->format, r->fmts, &r->fmt);
	if (!rc)
		rc = sd_cli_open(ctx, cli,
				 (r->flags & SD_RUN_FEW) ? SD_OPEN_FEW : 0);
	if (!rc)
		rc = sd_begin(ctx);
	if (!rc && (r->flags & SD_RUN_AKT))
		rc = sd_akt_find(ctx, item, &r->akt);
	if (!rc)
		rc = work(ctx, item, r);
	if (!rc)
		rc = sd_commit(ctx);
	return sd_finish(ctx, rc);
}

int
sd_cli_table(struct sd_ctx *ctx, const struct sd_cli *cli, int flags,
	     int (*list)(struct sd_ctx *ctx, struct sd_table **t))
{
	struct sd_table *t = NULL;
	enum sd_format fmt;
	int rc;

	if (!(rc = sd_format_parse(ctx, cli->format, SD_FMTS_LIST, &fmt)) &&
	    !(rc = (flags & SD_TABLE_TX) ? sd_cli_begin(ctx, cli)
					 : sd_cli_open(ctx, cli, 0)) &&
	    !(rc = list(ctx, &t)) &&
	    !(rc = (flags & SD_TABLE_TX) ? sd_commit(ctx) : 0))
		rc = sd_table_print(ctx, t, stdout, fmt);
	sd_table_free(t);
	return sd_finish(ctx, rc);
}

/* The text the editor starts from: -F FILE, the current version, or the
 * template; the refusal names how to go on. */
static int
doc_start(struct sd_ctx *ctx, const struct sd_akt *a, const char *ref,
	  struct sd_text_src *src, const struct sd_cli_doc *d,
	  struct sd_buf *text)
{
	static char draft[64], again[4200];
	int rc = 0;

	if (src->file) {
		char *s = sd_read_file(ctx, src->file, NULL);
		if (!s)
			return ctx->err.code;
		sd_buf_puts(text, s);
		free(s);
	} else if ((rc = d->current(ctx, a->id, text)) == 0) {
		rc = sd_log_access(ctx, a->id, d->read_what);
	} else if (rc == 1) {
		rc = d->template_text(ctx, a, d->arg, text);
	}
	sd_buf_puts(text, "");
	snprintf(draft, sizeof draft, "%s-%lld-", d->prog, a->id);
	snprintf(again, sizeof again, "%s %s -e -F", d->prog, ref);
	src->initial = text->s;
	src->draft = draft;
	src->again = again;
	return rc;
}

int
sd_cli_doc_write(struct sd_ctx *ctx, const struct sd_akt *a, const char *ref,
		 struct sd_text_src *src, int template,
		 const struct sd_cli_doc *d)
{
	struct sd_buf start;
	char keep[4096] = "", *text = NULL;
	int rc;

	sd_buf_init(&start);
	if (template) {
		if (!(rc = d->template_text(ctx, a, d->arg, &start))) {
			fputs(start.s, stdout);
			rc = sd_commit(ctx);
		}
		goto done;
	}
	/* On a terminal with no file the editor opens, on the template. */
	if (!src->file && isatty(STDIN_FILENO))
		src->edit = 1;
	if ((src->edit && (rc = doc_start(ctx, a, ref, src, d, &start))) ||
	    (rc = sd_commit(ctx)) || (rc = sd_text_get(ctx, src, &text, keep)))
		goto done;
	rc = d->store(ctx, a, text, d->arg);
	sd_text_done(ctx, src, rc, keep);
done:
	sd_buf_free(&start);
	free(text);
	return rc;
}

void
sd_cli_getopt(struct sd_cli *cli, int *argc, char ***argv,
	      const char *shortopts, const struct option *opts,
	      const struct sd_cli_val *vals, void (*usage)(int status))
{
	int c;

	while ((c = getopt_long(*argc, *argv, shortopts, opts, NULL)) != -1) {
		const struct sd_cli_val *v = vals;
		while (v->to && v->code != c)
			v++;
		if (v->to)
			*v->to = optarg;
		else if (!sd_cli_common(cli, c, optarg, usage))
			usage(1);
	}
	*argc -= optind;
	*argv += optind;
}
