/*
 * close.h - closing an akt (akt-close) and opening it again (akt-reopen):
 * who may, when it is refused, the closing note and the summary for the
 * handläggare (seed 003, "Avslut av insats" and "Avslut av uppdrag").
 */
#ifndef SD_CLOSE_H
#define SD_CLOSE_H

#include <stdio.h>

#include "akt.h"
#include "cli.h"
#include "export.h"
#include "file.h"
#include "text-src.h"

/* What to do when closing an akt. */
struct sd_close_opts {
	const char *date; /* closing date, NULL: today */
	const char *text; /* the user's closing text, or NULL */
	int end_insatser; /* 1: end running insatser on the closing date */
	const char *export_dir;        /* compile the documentation here */
	enum sd_export_fmt export_fmt; /* ... in this format */
	int mail; /* 1: the summary leaves the unit: no personnummer */
};

/* What a close did (or, rolled back, would have done). */
struct sd_close_res {
	long long akt;           /* 0 until the reference names an akt */
	char date[SD_DATE_SIZE]; /* the closing date */
	struct sd_buf ended;     /* ids of the insatser it ended, "1,2" */
	long long note;          /* the closing note's id */
	struct sd_buf summary;   /* the message for the handläggare */
	struct sd_buf to;        /* the handläggare named by the insatser */
	struct sd_buf subject;   /* one line saying which akt closed */
	struct sd_buf export;    /* the export's path, when one was written */
};

/* Set res empty; sd_close_res_free releases what a close put in it. */
void sd_close_res_init(struct sd_close_res *res);
void sd_close_res_free(struct sd_close_res *res);

/*
 * Close the akt named by ref (id or personnummer) inside the caller's
 * transaction: checks who may close it, that it is open, the date, and
 * the running insatser (ending them with their avslutad-insats notes
 * when o->end_insatser); writes the closing note (category avslut),
 * marks the akt closed and logs it; fills res, including the summary.
 * Run it inside BEGIN IMMEDIATE so two closes of one akt cannot both win.
 */
int sd_close_akt(struct sd_ctx *ctx, const char *ref,
		 const struct sd_close_opts *o, struct sd_close_res *res);

/*
 * Write the summary of a close to f: as plain text ("Till:", "Ämne:",
 * the message), or with mail_to as one RFC 5322 message in an mbox
 * stream, from the user (their registered address, else
 * SOCDOK_MAIL_FROM, else socdok@host).  Returns 0, or EX_DATAERR for a
 * bad address, EX_IOERR when f cannot be written (ctx->err set).
 */
int sd_close_notify(struct sd_ctx *ctx, const struct sd_close_res *res,
		    const char *mail_to, FILE *f);

/*
 * Open a closed akt again (after a mistake), inside the caller's
 * transaction: the same people as may close it; reason is written as a
 * note of category avslut dated today.  Sets *akt and *note.
 */
int sd_close_reopen(struct sd_ctx *ctx, const char *ref, const char *reason,
		    long long *akt, long long *note);

/*
 * 0 when the actor may close or reopen a: a samordnare at its unit, its
 * kontaktperson, the enhetschef of its unit, or an admin; else
 * EX_NOPERM with the reason in ctx->err.
 */
int sd_close_allowed(struct sd_ctx *ctx, const struct sd_akt *a);

/*
 * akt-close's run over several akter, one transaction each: the options
 * as given (fill the first block), then what sd_close_batch_check and
 * sd_close_batch_start set.
 */
struct sd_close_batch {
	struct sd_close_opts o;
	const char *xfmt;    /* --export-format, or NULL */
	const char *notify;  /* --notify FILE or "-", or NULL */
	const char *mail_to; /* --mail-to ADDRESS, or NULL */
	int dry;             /* --dry-run: nothing stays, nothing is sent */
	const char *format;  /* --format, or NULL (text) */
	int on_stdin;        /* no AKT arguments: the akter come on stdin */
	enum sd_format fmt;  /* the table's format */
	char *text;          /* the closing text read (o.text points here) */
	struct sd_table *t;  /* one row per akt */
	struct sd_buf out;   /* summaries for stdout, after the table */
	struct sd_file nf;   /* --notify FILE, written atomically */
	int to_file, to_stdout, nsum;
	struct sd_close_res r; /* the akt being closed */
};

/* Set b empty (all options unset); sd_close_batch_end releases it. */
void sd_close_batch_init(struct sd_close_batch *b);

/*
 * Check b's options before the database is opened: the format, -F -
 * (stdin) not also the akter, the date, the export format and
 * directory, the mail address; read the closing
 * text from src (-m or -F, when either is set) and check it.  A mail
 * asked for goes to stdout unless --notify names a file; a dry run
 * exports nothing.  0, or a status with ctx->err set.
 */
int sd_close_batch_check(struct sd_ctx *ctx, struct sd_close_batch *b,
			 const struct sd_text_src *src);

/*
 * With the database open: open the --notify file, make the table (as
 * text, in widths fixed for the items, so that it streams).
 */
int sd_close_batch_start(struct sd_ctx *ctx, struct sd_close_batch *b,
			 char *const *items);

/*
 * The callbacks of sd_cli_loop (l->arg is the batch): close one akt;
 * then add its row, and write its summary (to the --notify file at
 * once, since the akt is closed whatever happens next; or kept for
 * stdout).  A summary that cannot be written to the file stops the
 * loop: the rest would close untold.
 */
int sd_close_loop_item(struct sd_ctx *ctx, const char *item, struct sd_loop *l);
int sd_close_loop_done(struct sd_ctx *ctx, const char *item, int rc,
		       struct sd_loop *l);

/*
 * End the batch: commit the --notify file (the summaries of the akter
 * closed, also after a failure) and free b.  Returns status, or
 * EX_IOERR when the file cannot be written and status was 0.
 */
int sd_close_batch_end(struct sd_ctx *ctx, struct sd_close_batch *b,
		       int status);

#endif
