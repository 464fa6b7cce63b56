/*
 * text-src.h - where the text of a note comes from: -m TEXT, -F FILE,
 * standard input, or $VISUAL/$EDITOR on a temporary file with a
 * commented guide below a scissors line (as git commit does).
 */
#ifndef SD_EDITOR_H
#define SD_EDITOR_H

#include "socdok.h"

/* The line that ends the text in the editor; it and all below are dropped. */
#define SD_SCISSORS "# ------------------------ >8 ------------------------"

/* Where to take the text from; the first that is set wins. */
struct sd_text_src {
	const char *message; /* -m TEXT */
	const char *file;    /* -F FILE ("-": standard input) */
	int use_stdin;       /* "-": standard input */
	int edit;            /* --edit: the editor even without a terminal */
	int named;           /* how many of -m, -F and "-" were given */
	const char *guide;   /* lines shown below the scissors (no '#') */
	const char *what;    /* the text in messages, N_("the note"); NULL:
				"the text" */
	/*
	 * A document edited from a start (gp-new): the editor opens on
	 * initial as it is (no scissors line), whatever else is set, and
	 * the text comes back byte for byte; the file is kept after a
	 * refusal, and after a failed editor when it was changed.
	 */
	const char *initial; /* the text the editor starts on, or NULL */
	const char *draft;   /* the file's name prefix ("socdok-note-") */
	const char *again;   /* with initial: the command that goes on from
				a kept file, named after a refusal */
};

/*
 * Get the text of a note into *out (malloc'd, the caller frees): from
 * -m, -F, "-", or, when none is given, the editor if standard input is
 * a terminal (or src->edit) and standard input otherwise.  When the
 * text came from the editor and is not empty, its temporary file is
 * kept and named in keep (else keep is ""): the caller removes it with
 * sd_text_keep_done() once the text is safely stored, or leaves it for
 * the user to take the text from after a refusal.  The text is made
 * plain by sd_text_clean (CRLF, a byte order mark) or refused (NUL, not
 * UTF-8, terminal control characters, too long).
 */
int sd_text_get(struct sd_ctx *ctx, const struct sd_text_src *src, char **out,
		char keep[4096]);

/*
 * After the command: rc 0 removes the kept file; otherwise the error
 * message is extended with where the text was kept.
 */
void sd_text_keep_done(struct sd_ctx *ctx, int rc, char keep[4096]);

/*
 * The same for src: after a refusal the message also says how to go on
 * (src->again); after success, src->file is removed too when it is a
 * file that an earlier refusal kept (src->draft prefix in the private
 * directory of drafts, $XDG_STATE_HOME/socdok/drafts).
 */
void sd_text_done(struct sd_ctx *ctx, const struct sd_text_src *src, int rc,
		  char keep[4096]);

/* 1 when sd_text_get would open the editor for src. */
int sd_text_will_edit(const struct sd_text_src *src);

/*
 * Run $VISUAL (unless TERM is dumb), else $EDITOR, else vi on path and
 * wait for it.  EX_UNAVAILABLE when it cannot run or fails.
 */
int sd_text_editor_run(struct sd_ctx *ctx, const char *path);

/*
 * Remove the running user's drafts of akt (PROG-AKT-XXXXXX.md in
 * $XDG_STATE_HOME/socdok/drafts), for gallra once the akt is purged:
 * another user's drafts are in their own home, out of reach.  Returns
 * how many were removed.
 */
int sd_drafts_remove(long long akt);

#endif
