/*
 * cli.h - the command side of libsocdok, for bin/: the shared options,
 * opening the database for a command, the items a command works on,
 * reporting the error and ending the command.  cli.c is the one library
 * module that prints or exits; it does so on behalf of main().
 */
#ifndef SD_CLI_H
#define SD_CLI_H

#include <getopt.h>

#include "akt.h"
#include "socdok.h"

/* Print "prog: message" on stderr and return the error code. */
int sd_report(struct sd_ctx *ctx);

/* Flush stdout; on failure report "write error" and return EX_IOERR. */
int sd_stdout_close(struct sd_ctx *ctx, int status);

/* Options every program shares, filled by sd_cli_common(). */
struct sd_cli {
	const char *db;
	const char *asof;
	const char *format;
};

/* The getopt_long entries shared by every program (ids 1000..). */
#define SD_OPT_DB      'd'
#define SD_OPT_ASOF    1000
#define SD_OPT_FORMAT  1001
#define SD_OPT_VERSION 1002
#define SD_OPT_HELP    'h'
#define SD_COMMON_OPTIONS                                                      \
	{"db", required_argument, NULL, SD_OPT_DB},                            \
		{"as-of", required_argument, NULL, SD_OPT_ASOF},               \
		{"format", required_argument, NULL, SD_OPT_FORMAT},            \
		{"version", no_argument, NULL, SD_OPT_VERSION},                \
	{                                                                      \
		"help", no_argument, NULL, SD_OPT_HELP                         \
	}

/*
 * Handle a shared option c (from getopt_long).  Returns 1 when handled,
 * 0 when c is not a shared option.  --version prints and exits 0; --help
 * calls usage(0).
 */
int sd_cli_common(struct sd_cli *cli, int c, const char *arg,
		  void (*usage)(int status));

/* An option that takes a value: its getopt code and where optarg goes. */
struct sd_cli_val {
	int code;
	const char **to;
};

/*
 * getopt_long over *argc, *argv with shortopts and opts (which hold
 * SD_COMMON_OPTIONS): an option of vals (ending in {0, NULL}) stores
 * its value, a common one goes to sd_cli_common, any other is
 * usage(1).  Then *argc and *argv are the operands.
 */
void sd_cli_getopt(struct sd_cli *cli, int *argc, char ***argv,
		   const char *shortopts, const struct option *opts,
		   const struct sd_cli_val *vals, void (*usage)(int status));

/* Set today from cli->asof (or SOCDOK_TODAY) and open cli->db. */
int sd_cli_open(struct sd_ctx *ctx, const struct sd_cli *cli, int flags);

struct sd_text_src;

/*
 * The text options of a program that writes a note: -m TEXT, -F FILE and
 * -e (from getopt_long) into src.  Returns 1 when c was one of them.
 */
int sd_cli_text_opt(struct sd_text_src *src, int c, const char *arg);

/*
 * After the options: a last argument "-" (AKT -) means the text comes on
 * standard input; it is taken off.  Returns 0, or -1 when the text is
 * named more than once or both named and --edit (a usage error).
 */
int sd_cli_text_args(struct sd_text_src *src, int *argc, char **argv);

/* sd_cli_open for writing, then begin the command's one transaction. */
int sd_cli_begin(struct sd_ctx *ctx, const struct sd_cli *cli);

/*
 * Parse the id a program names on its command line (an insats, a plan):
 * what names it in the error ("insats id"), hint tells where the user
 * finds one ("see akt-show").  Returns 0, or EX_USAGE with the error set.
 */
int sd_cli_id(struct sd_ctx *ctx, const char *arg, const char *what,
	      const char *hint, long long *id);

/*
 * End a command: on rc != 0 roll back and print the error; close the
 * database; flush stdout ("write error" on failure).  Returns the exit
 * status for main.
 */
int sd_finish(struct sd_ctx *ctx, int rc);

/*
 * The akter of a command of several (cli-items.c): from argv or, with
 * none and stdin not a terminal, stdin: bare ids, personnummer, note
 * references (AKT:NOTE, the akt), several on a line ("29 34"), or a list
 * program's output with its header (TSV or CSV: the akt column, else
 * the note column; text: the first column; JSON: an array of ids or of
 * objects with "akt" or "note").  Each akt once.  Sets *items to a
 * NULL-terminated malloc'd array (sd_list_free) and returns 0, or
 * returns EX_DATAERR (ctx->err set, *items NULL) for input it cannot
 * read, naming the line: nothing is done with half a list.
 */
int sd_cli_items(struct sd_ctx *ctx, int argc, char **argv, char ***items);

/* Flags of struct sd_loop. */
#define SD_LOOP_EACH 0x1 /* each item its own transaction; report, go on */
#define SD_LOOP_DRY  0x2 /* with EACH: roll each item back (--dry-run) */

/* The command loop: what to do with each item of sd_cli_items. */
struct sd_loop {
	int flags; /* SD_LOOP_* */
	/*
	 * Work on one item: 0, or a status with ctx->err set.  With
	 * SD_LOOP_EACH inside the item's own transaction, else inside the
	 * caller's.
	 */
	int (*item)(struct sd_ctx *ctx, const char *item, struct sd_loop *l);
	/*
	 * SD_LOOP_EACH, optional: after the item's commit or roll-back, with
	 * its status rc (ctx->err still holds its message).  Returns 0, or
	 * a status with ctx->err set that counts as a failure (reported,
	 * not counted in failed); setting l->stop ends the loop.
	 */
	int (*done)(struct sd_ctx *ctx, const char *item, int rc,
		    struct sd_loop *l);
	void *arg;  /* the caller's, for item and done */
	int stop;   /* set by done: try no further items */
	int total;  /* items tried (set by the loop) */
	int failed; /* items whose own status was not 0 */
	int status; /* the first failure's status, 0 when none */
};

/*
 * Run l over the NULL-terminated items (like mblaze's blaze822_loop).
 * Without SD_LOOP_EACH the first failure stops the loop and is returned
 * (the caller's transaction, which the caller ends).  With SD_LOOP_EACH
 * each item is begun and committed on its own (rolled back with
 * SD_LOOP_DRY), a failure is reported on stderr and the loop goes on;
 * returns the first failure's status, 0 when none, with ctx->err clear.
 */
int sd_cli_loop(struct sd_ctx *ctx, char **items, struct sd_loop *l);

/*
 * A new id, to be printed alone on stdout once the transaction that
 * made it commits (sd_ctx_out_add): a roll-back drops it, so no id of a row
 * that was never stored is printed.  Returns 0.
 */
int sd_print_id(struct sd_ctx *ctx, long long id);
/*
 * A warning on stderr when name (of --name) is not in the form
 * "Efternamn, Förnamn" (sd_akt_name_form): it is stored as given, the
 * command goes on and exits 0 (issue 15).
 */
void sd_cli_name_warn(struct sd_ctx *ctx, long long akt, const char *name);
/* A note's reference "AKT:SEQ", printed as sd_print_id's id is. */
int sd_print_note(struct sd_ctx *ctx, long long akt, long long seq);

struct sd_journal_write;

/*
 * The end of journal-add, journal-correct and journal-object, after
 * sd_journal_write_cmd (rc its code): print the lint warnings on stderr
 * ("PROG: warning: ..."); when rc is 0, print the note's reference
 * (sd_print_note) and commit; keep the editor's text when it failed;
 * free w.  Returns the code for sd_finish.
 */
int sd_cli_journal_finish(struct sd_ctx *ctx, int rc,
			  struct sd_journal_write *w);

/*
 * Print what committed transactions made (sd_ctx_out_add) on stdout and
 * flush it.  Returns 0, or EX_IOERR ("write error: ...; the write was
 * committed all the same: IDS") when stdout cannot take it: the rows
 * stay stored.  sd_finish and sd_cli_loop call it after each commit.
 */
int sd_cli_flush(struct sd_ctx *ctx);
/*
 * Right after a write to stdout failed: EX_IOERR with errno's reason,
 * and stdout cleared so that sd_finish does not report it a second time.
 */
int sd_stdout_fail(struct sd_ctx *ctx);

/* Flags of struct sd_cli_run. */
#define SD_RUN_AKT 0x1 /* the item names an akt: sd_akt_find into r->akt */
#define SD_RUN_FEW 0x2 /* it reads a few pages: SD_OPEN_FEW (db.h) */

/*
 * A command that does one thing in one transaction, on the one item its
 * command line names (an id, an akt, a login, a file), for sd_cli_run.
 * The caller fills what, hint, fmts, flags and arg; sd_cli_run fills id,
 * fmt and akt for work.
 */
struct sd_cli_run {
	const char *what;   /* the item is an id: "insats id" (sd_cli_id); NULL:
			       the item is passed as it is */
	const char *hint;   /* with what: where the user finds one */
	unsigned fmts;      /* the formats --format may name, or 0 */
	int flags;          /* SD_RUN_* */
	void *arg;          /* the caller's, for work */
	long long id;       /* set: the id, with what */
	enum sd_format fmt; /* set: the format named, with fmts */
	struct sd_akt akt;  /* set: the akt, with SD_RUN_AKT (else zero) */
};

/* The work of a command: 0, or a status with ctx->err set. */
typedef int sd_cli_work(struct sd_ctx *ctx, const char *item,
			struct sd_cli_run *r);

/*
 * The whole of a command that does one thing, after its options (like
 * mblaze's blaze822_loop for one item).  In this order, the first
 * failure ending it: with r->what, parse item as an id (sd_cli_id, an
 * EX_USAGE before the database is opened); with r->fmts, parse
 * cli->format (sd_format_parse); open cli->db and begin (sd_cli_begin);
 * with SD_RUN_AKT, find the akt item names (sd_akt_find); work(ctx,
 * item, r); commit.  Then sd_finish: a failure rolled back and reported
 * on stderr.  item may be NULL (a command naming none).  r stays the
 * caller's.  Returns the exit status for main.
 */
int sd_cli_run(struct sd_ctx *ctx, const struct sd_cli *cli, const char *item,
	       sd_cli_work *work, struct sd_cli_run *r);

/* Flags of sd_cli_table. */
#define SD_TABLE_TX 0x1 /* list inside a transaction (sd_cli_begin) */

/*
 * The whole of a program that lists one table with --format (text, TSV,
 * CSV, JSON): parse cli->format, open cli->db (and, with SD_TABLE_TX,
 * begin), list(ctx, &t) (and commit), print t on stdout, free it and
 * sd_finish.  Returns the exit status for main.
 */
int sd_cli_table(struct sd_ctx *ctx, const struct sd_cli *cli, int flags,
		 int (*list)(struct sd_ctx *ctx, struct sd_table **t));

/*
 * A new version of an akt's document written from a program (gp-new,
 * lb-new): its name and what it calls to read the current version, make
 * the template, and store the text (in its own transaction, rolled back
 * on failure; arg is the program's).
 */
struct sd_cli_doc {
	const char *prog; /* "gp-new": drafts' prefix, the hint's command */
	const char *read_what; /* the access log's words for reading it */
	int (*current)(struct sd_ctx *ctx, long long akt, struct sd_buf *b);
	int (*template_text)(struct sd_ctx *ctx, const struct sd_akt *a,
			     void *arg, struct sd_buf *b);
	int (*store)(struct sd_ctx *ctx, const struct sd_akt *a,
		     const char *text, void *arg);
	void *arg;
};

/*
 * Write a new version for akt a (found in the open transaction; ref as
 * the user named it): with template, print the template and commit.
 * Else the text from src (on a terminal with no file, the editor on -F
 * FILE, the current version or the template), with the transaction
 * committed first, so no lock is held while the user writes; then
 * d->store, and the draft kept or removed.  Returns 0 or a status.
 */
int sd_cli_doc_write(struct sd_ctx *ctx, const struct sd_akt *a,
		     const char *ref, struct sd_text_src *src, int template,
		     const struct sd_cli_doc *d);

#endif
