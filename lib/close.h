/*
 * close.h - closing an akt (akt-close) and opening it again (akt-reopen):
 * who may, when it is refused, the closing note and the summary for the
 * handläggare (seed 003, "Avslut av insats" and "Avslut av uppdrag").
 */
#ifndef SD_CLOSE_H
#define SD_CLOSE_H

#include <stdio.h>

#include "akt.h"
#include "export.h"

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
	long long akt;         /* 0 until the reference names an akt */
	char date[11];         /* the closing date */
	struct sd_buf ended;   /* ids of the insatser it ended, "1,2" */
	long long note;        /* the closing note's id */
	struct sd_buf summary; /* the message for the handläggare */
	struct sd_buf to;      /* the handläggare named by the insatser */
	struct sd_buf subject; /* one line saying which akt closed */
	struct sd_buf export;  /* the export's path, when one was written */
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
int sd_akt_close(struct sd_ctx *ctx, const char *ref,
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
int sd_akt_reopen(struct sd_ctx *ctx, const char *ref, const char *reason,
		  long long *akt, long long *note);

/*
 * 0 when the actor may close or reopen a: a samordnare at its unit, its
 * kontaktperson, the enhetschef of its unit, or an admin; else
 * EX_NOPERM with the reason in ctx->err.
 */
int sd_akt_may_close(struct sd_ctx *ctx, const struct sd_akt *a);

#endif
