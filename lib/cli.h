/*
 * cli.h - the command side of libsocdok, for bin/: the shared options,
 * opening the database for a command, the items a command works on,
 * reporting the error and ending the command.  cli.c is the one library
 * module that prints or exits; it does so on behalf of main().
 */
#ifndef SD_CLI_H
#define SD_CLI_H

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

/* Set today from cli->asof (or SOCDOK_TODAY) and open cli->db. */
int sd_cli_open(struct sd_ctx *ctx, const struct sd_cli *cli, int flags);

/*
 * End a command: on rc != 0 roll back and print the error; close the
 * database; flush stdout ("write error" on failure).  Returns the exit
 * status for main.
 */
int sd_finish(struct sd_ctx *ctx, int rc);

/*
 * Items from argv or, with none and stdin not a terminal, one per line
 * on stdin: bare ids, personnummer, note references (AKT:NOTE), or the
 * output of a list program in text, TSV or CSV, of which the first
 * column is taken and the header line skipped.  Returns a
 * NULL-terminated malloc'd array (sd_list_free).
 */
char **sd_cli_items(int argc, char **argv);

/*
 * Print a new id alone on stdout and flush it, before the caller
 * commits: when it cannot be written (a full disk) this returns
 * EX_IOERR ("write error"), so the command rolls back instead of
 * leaving a row whose id nobody saw.
 */
int sd_print_id(struct sd_ctx *ctx, long long id);
/*
 * Right after a write to stdout failed: EX_IOERR with errno's reason,
 * and stdout cleared so that sd_finish does not report it a second time.
 */
int sd_stdout_fail(struct sd_ctx *ctx);

#endif
