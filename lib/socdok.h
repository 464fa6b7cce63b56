/*
 * socdok.h - the core of libsocdok: errors, the acting context, the
 * database, dates, personnummer, output formats and the access log.
 *
 * Every program in bin/ includes this header.  Modules with a larger
 * surface (journal, gp, rules, export, ...) have a header of their own
 * beside it.  Library code never exits and never prints to stderr: it
 * returns a status (0, or a <sysexits.h> code) and leaves a one-line
 * message in ctx->err for main() to print.
 */
#ifndef SOCDOK_H
#define SOCDOK_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>

#define SD_VERSION "0.1.0"

/* Exit status for "the chain is broken" style answers (like diff, grep). */
#define SD_EX_FALSE 1

/* ---------------------------------------------------------------- errors */

/* The last error: a sysexits code and a one-line message, no "prog:". */
struct sd_err {
	int code;
	char msg[1024];
};

/* ------------------------------------------------------------ the actor */

enum sd_role {
	SD_ROLE_NONE = 0,
	SD_ROLE_PERSONAL,
	SD_ROLE_SAMORDNARE,
	SD_ROLE_ENHETSCHEF,
	SD_ROLE_ARKIVARIE,
	SD_ROLE_ADMIN
};

/* The registered staff member who runs the command. */
struct sd_actor {
	long long id;
	char login[64];
	char name[128];
	char title[128];
	enum sd_role role;
};

/* Everything a command needs: database, who, when, and the last error. */
struct sd_ctx {
	const char *prog;     /* program name for messages and the log */
	sqlite3 *db;          /* open database, or NULL */
	char path[4096];      /* database file */
	char login[64];       /* acting login (before registration check) */
	struct sd_actor me;   /* the registered actor, once known */
	int today;            /* day number of "today" (--as-of / SOCDOK_TODAY) */
	char today_s[11];     /* the same as YYYY-MM-DD */
	int purging;          /* set only by gallra: lets triggers allow DELETE */
	sqlite3_stmt *json_st; /* json_quote(?), prepared once per command */
	struct sd_err err;
};

/* Flags for sd_open(). */
#define SD_OPEN_CREATE 0x1 /* create the file (socdok-init only) */
#define SD_OPEN_GROUP 0x2  /* with CREATE: mode 0660 instead of 0600 */
#define SD_OPEN_NOUSER 0x4 /* do not require a registered actor */

/* Set ctx to its empty state for program prog (a static string). */
void sd_ctx_init(struct sd_ctx *ctx, const char *prog);
/* Close the database if open and release everything ctx holds. */
void sd_ctx_free(struct sd_ctx *ctx);

/* Record an error in ctx and return code.  Always returns code. */
int sd_fail(struct sd_ctx *ctx, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record an error from the last SQLite call on ctx->db. */
int sd_fail_db(struct sd_ctx *ctx, const char *what);
/* Print "prog: message" on stderr and return the error code. */
int sd_report(struct sd_ctx *ctx);

/*
 * Set "today": from asof when given, else SOCDOK_TODAY, else the local
 * date.  Returns 0 or EX_USAGE.
 */
int sd_set_today(struct sd_ctx *ctx, const char *asof);

/*
 * Resolve the database path: path when non-NULL, else SOCDOK_DB, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/socdok/socdok.db.
 */
int sd_db_path(struct sd_ctx *ctx, const char *path);

/*
 * Open (and with SD_OPEN_CREATE create) the database, check its
 * permissions, set the pragmas, run pending migrations and, unless
 * SD_OPEN_NOUSER, look up the acting user as registered staff.
 */
int sd_open(struct sd_ctx *ctx, const char *path, int flags);

/* Look up the acting login as registered, active staff (EX_NOPERM if not). */
int sd_actor_load(struct sd_ctx *ctx);

/* Load login as the actor (socdok-init, after registering the admin). */
int sd_actor_load_as(struct sd_ctx *ctx, const char *login);

/* The acting login: SOCDOK_USER (unless set-id) or the real user's name. */
int sd_login(struct sd_ctx *ctx);

/* Role names and parsing. */
const char *sd_role_name(enum sd_role r);
enum sd_role sd_role_parse(const char *s);

/* ----------------------------------------------------------- transactions */

/* BEGIN IMMEDIATE: a writer waits for another writer (busy timeout). */
int sd_begin(struct sd_ctx *ctx);
int sd_commit(struct sd_ctx *ctx);
/* Roll back if a transaction is open; keeps ctx->err as it was. */
void sd_rollback(struct sd_ctx *ctx);

/* ------------------------------------------------------------ statements */

/*
 * Prepare sql on ctx->db; on failure set ctx->err and return NULL.
 * The caller finalizes the statement.
 */
sqlite3_stmt *sd_prepare(struct sd_ctx *ctx, const char *sql);
/* Ends the parameter list of sd_exec/sd_query_*: NULL is a value there. */
extern const char sd_end[];
#define SD_END sd_end

/* Bind text or NULL. */
void sd_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Run sql (no rows expected) with text parameters (NULL binds NULL), then SD_END. */
int sd_exec(struct sd_ctx *ctx, const char *sql, ...);
/* Column text or "" (never NULL); valid until the next step. */
const char *sd_col(sqlite3_stmt *st, int i);
/* A single integer from sql with text params ending in SD_END; -1 if no row. */
long long sd_query_int(struct sd_ctx *ctx, const char *sql, ...);
/* Copy a single text value; returns 0 found, 1 no row, or an error code. */
/* Params as for sd_exec, ending in SD_END. */
int sd_query_text(struct sd_ctx *ctx, char *buf, size_t n, const char *sql, ...);

/* Settings (key/value in the database). */
int sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n);
int sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value);

/* ----------------------------------------------------------------- dates */

/* Day numbers count days since 1970-01-01 (proleptic Gregorian). */
int sd_days_from_civil(int y, int m, int d);
void sd_civil_from_days(int z, int *y, int *m, int *d);
/* Parse strict YYYY-MM-DD into a day number; 0 ok, -1 bad. */
int sd_date_parse(const char *s, int *day);
/* Format a day number as YYYY-MM-DD into buf (11 bytes). */
char *sd_date_fmt(int day, char buf[11]);
/* Add n calendar months, clamping to the month's end (Jan 31 + 1 = Feb 28). */
int sd_date_add_months(int day, int n);
/* 0 = Monday ... 6 = Sunday. */
int sd_weekday(int day);
int sd_days_in_month(int y, int m);
/* Current time, UTC, as YYYY-MM-DDTHH:MM:SSZ (the real clock). */
char *sd_now(char buf[21]);
/* Parse a user's date option (or fail with EX_USAGE naming opt). */
int sd_date_opt(struct sd_ctx *ctx, const char *opt, const char *s, int *day);

/* ------------------------------------------------------------ personnummer */

struct sd_pnr {
	char canon[13];  /* YYYYMMDDNNNN */
	int year, month, day; /* day as written (samordningsnummer: +60) */
	int birth_day;   /* real day of birth, 0 when unknown */
	int samordning;  /* 1 for a samordningsnummer */
};

/*
 * Parse a personnummer or samordningsnummer in one of YYYYMMDD-NNNN,
 * YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN (and YYMMDDNNNN).  The century of
 * a short form is chosen relative to today.  On error returns EX_DATAERR
 * with the reason in ctx->err.
 */
int sd_pnr_parse(struct sd_ctx *ctx, const char *s, struct sd_pnr *out);
/* The Luhn control digit for the nine digits YYMMDDNNN. */
int sd_pnr_luhn(const char *nine);
/* Format canonical 12 digits as YYYYMMDD-NNNN (14 bytes). */
char *sd_pnr_display(const char *canon, char buf[14]);

/* --------------------------------------------------------------- strings */

/* 1 when s is valid UTF-8 (no overlongs, no surrogates). */
int sd_utf8_valid(const char *s, size_t n);
/*
 * 0 when s (named what in the message) is a non-empty line of valid
 * UTF-8 without control characters; else EX_USAGE or EX_DATAERR.
 */
int sd_check_line(struct sd_ctx *ctx, const char *what, const char *s);
/* Display width in columns (code points, combining marks zero). */
int sd_utf8_width(const char *s);
/*
 * Decode the code point at s (n bytes left) into *cp: its length in
 * bytes, or 0 at the end or at a byte that starts no valid sequence.
 */
int sd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* 1 when s holds nothing but spaces, tabs and line breaks. */
int sd_blank(const char *s);
/* Compare two UTF-8 strings in Swedish order (... X Y Z Å Ä Ö). */
int sd_collate_sv(const char *a, int na, const char *b, int nb);
/* Read a whole stream into a malloc'd NUL-terminated buffer. */
char *sd_read_stream(FILE *f, size_t *len);
/* Read a whole file; NULL with ctx->err set on failure. */
char *sd_read_file(struct sd_ctx *ctx, const char *path, size_t *len);
/* Duplicate or abort on OOM (the one place we do not return). */
char *sd_strdup(const char *s);
void *sd_xmalloc(size_t n);
void *sd_xrealloc(void *p, size_t n);
/*
 * Room for one more element in v, an array of n elements of size bytes
 * with *cap allocated: v, doubled (first elements at first) when full.
 */
void *sd_grow(void *v, size_t n, size_t *cap, size_t size, size_t first);

/* A growable string buffer. */
struct sd_buf {
	char *s;
	size_t len, cap;
};
void sd_buf_init(struct sd_buf *b);
void sd_buf_free(struct sd_buf *b);

/*
 * Strings copied one after the other into large blocks and freed
 * together: for lists of hundreds of thousands of values, where one
 * malloc and free each costs more than the work.  Zero-initialize.
 */
struct sd_strpool_block;
struct sd_strpool {
	struct sd_strpool_block *head;
};
char *sd_strpool_dup(struct sd_strpool *p, const char *s);
void sd_strpool_free(struct sd_strpool *p);
void sd_buf_add(struct sd_buf *b, const char *s, size_t n);
void sd_buf_puts(struct sd_buf *b, const char *s);
void sd_buf_printf(struct sd_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------- share dir */

/*
 * The directory of run-time data: SOCDOK_SHARE, else ../share/socdok or
 * ../share beside the running program, else the compiled-in SD_SHAREDIR.
 */
const char *sd_sharedir(void);
/* Path of a file under the share dir, into buf. */
char *sd_share_path(const char *name, char *buf, size_t n);
/*
 * Read a word list from the share dir: one entry per line, '#' starts a
 * comment, blank lines skipped.  Returns a NULL-terminated malloc'd array
 * (free with sd_list_free) or NULL with ctx->err set.
 */
char **sd_list_load(struct sd_ctx *ctx, const char *name);
void sd_list_free(char **list);
int sd_list_has(char **list, const char *s);
/* Join a list with sep into buf (truncating). */
char *sd_list_join(char **list, const char *sep, char *buf, size_t n);

/* --------------------------------------------------------------- output */

enum sd_format {
	SD_FMT_TEXT = 0,
	SD_FMT_TSV,
	SD_FMT_CSV,
	SD_FMT_JSON,
	SD_FMT_IDS,
	SD_FMT_MD,
	SD_FMT_OTHER
};

/* Parse a --format value among those allowed (bit set of 1 << fmt). */
int sd_format_parse(struct sd_ctx *ctx, const char *s, unsigned allowed,
		    enum sd_format *out);
#define SD_FMTS_LIST                                                           \
	((1u << SD_FMT_TEXT) | (1u << SD_FMT_TSV) | (1u << SD_FMT_CSV) |           \
	 (1u << SD_FMT_JSON))

/* Column flags for a table. */
#define SD_COL_NUM 0x1   /* JSON: a number, not a string */
#define SD_COL_RIGHT 0x2 /* text: right-aligned */

/* An in-memory table, printed in one of the list formats. */
struct sd_table;

/* New table with ncols columns; names are the header (static strings). */
struct sd_table *sd_table_new(int ncols, const char *const *names,
			      const int *flags);
/* Add a row: ncols values, copied; NULL means empty / JSON null. */
void sd_table_add(struct sd_table *t, const char *const *vals);
/* Add a row from the current row of a statement (columns 0..ncols-1). */
void sd_table_add_stmt(struct sd_table *t, sqlite3_stmt *st);
int sd_table_rows(const struct sd_table *t);
/* Print the table to f; JSON quoting uses SQLite's json_quote on db. */
int sd_table_print(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
		   enum sd_format fmt);
void sd_table_free(struct sd_table *t);

/* Quote s as a JSON string into b (via SQLite's json_quote). */
int sd_json_quote(struct sd_ctx *ctx, struct sd_buf *b, const char *s);
/* Write one CSV record (libcsv quoting); sep is ',' or ';'. */
void sd_csv_write(FILE *f, int n, const char *const *vals, char sep);

/* Flush stdout; on failure report "write error" and return EX_IOERR. */
int sd_stdout_close(struct sd_ctx *ctx, int status);

/* ----------------------------------------------------------- access log */

/*
 * Append one line to the access log: the actor, the program, the akt
 * (0 for none) and what was done.  Runs inside the caller's transaction.
 */
int sd_log_access(struct sd_ctx *ctx, long long akt, const char *what);

/* ------------------------------------------------------------- commands */

/* Options every program shares, filled by sd_cli_common(). */
struct sd_cli {
	const char *db;
	const char *asof;
	const char *format;
};

/* The getopt_long entries shared by every program (ids 1000..). */
#define SD_OPT_DB 'd'
#define SD_OPT_ASOF 1000
#define SD_OPT_FORMAT 1001
#define SD_OPT_VERSION 1002
#define SD_OPT_HELP 'h'
#define SD_COMMON_OPTIONS                                                      \
	{"db", required_argument, NULL, SD_OPT_DB},                            \
	    {"as-of", required_argument, NULL, SD_OPT_ASOF},                   \
	    {"format", required_argument, NULL, SD_OPT_FORMAT},                \
	    {"version", no_argument, NULL, SD_OPT_VERSION},                    \
	    {"help", no_argument, NULL, SD_OPT_HELP}

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
 * on stdin.  Returns a NULL-terminated malloc'd array (sd_list_free).
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
