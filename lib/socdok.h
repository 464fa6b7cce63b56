/*
 * socdok.h - the core of libsocdok: the context of a command (sd_ctx) and
 * its errors, and the small modules every program uses (dates,
 * personnummer, strings, output formats).  It includes the headers of the
 * database (db.h), the actor (actor.h), the share directory (share.h)
 * and the access log (log.h), so most files need only this one.
 *
 * Every program in bin/ includes this header and cli.h, the command side.
 * Modules with a larger surface (journal, gp, rules, export, ...) have a
 * header of their own beside it.  Library code never exits and never
 * prints to stderr: it returns a status (0, or a <sysexits.h> code) and
 * leaves a one-line message in ctx->err for main() to print; only cli.c
 * prints and exits, on behalf of main().
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

#include "actor.h"
#include "i18n.h"

/* Sizes of the fixed-width strings, each with its NUL. */
#define SD_DATE_SIZE     11 /* "YYYY-MM-DD" */
#define SD_TIME_SIZE     21 /* "YYYY-MM-DDTHH:MM:SSZ" (sd_now) */
#define SD_LOCAL_SIZE    21 /* "YYYY-MM-DD HH:MM" (sd_time_local) */
#define SD_RFC3339_SIZE  26 /* "YYYY-MM-DDTHH:MM:SS+01:00" */
#define SD_HASH_HEX_SIZE 65 /* a SHA-256 in lower-case hex */

/* Everything a command needs: database, who, when, and the last error. */
struct sd_lint_names;
struct sd_ctx {
	const char *prog; /* program name for messages and the log */
	sqlite3 *db;      /* open database, or NULL */
	char path[4096];  /* database file */
	char login[64];   /* acting login (before registration check) */
	long long uid;    /* the real uid, stored with writes and log lines */
	unsigned server_gid; /* socdok-init --server: the group of the file */
	struct sd_actor me;  /* the registered actor, once known */
	int today; /* day number of "today" (--as-of / SOCDOK_TODAY) */
	char today_s[SD_DATE_SIZE]; /* the same as YYYY-MM-DD */
	char now[SD_TIME_SIZE];     /* the time every record of the transaction
				       is written at: the real clock read after
				       BEGIN IMMEDIATE (sd_begin, clock.c) */
	char newest[SD_TIME_SIZE];  /* the newest written-at time in the
				       database as the transaction began
				       ("" before it is read: clock.c) */
	int changes0;  /* sqlite3_total_changes as the transaction began */
	int migrating; /* sd_migrate: the clock's table may not exist yet */
	int purging;   /* set only by gallra: lets triggers allow DELETE */
	sqlite3_stmt *json_st; /* json_quote(?), prepared once per command */
	int damaged;           /* the file failed the check at open (check.c) */
	int check_pending;     /* its quick_check waits for a write (check.c) */
	int check_hook_rc;     /* the commit hook's check could not run */
	long long check_changes0; /* sqlite3_total_changes64 after the last
				     commit or rollback (check.c) */
	long long check_log;      /* of the changes since, the access log's
				     lines and the clock's (log.c, clock.c) */
	char damage[256];         /* what was found, for the messages */
	long long refused_akt;    /* the akt a refusal (77) was about, or 0 */
	char *scratch; /* chain-verify.c: one akt's records while it walks
			  them, kept from akt to akt (freed with
			  ctx: freeing it per akt costs more than
			  the walk) */
	size_t scratch_cap;
	struct sd_lint_names *names; /* lint-name.c: the name keys read into
					memory for a run of many notes, and
					what it counted (freed with ctx) */
	long long *chain_touched;    /* chain.c: akter whose notes' records
					were written beside them in this
					transaction (sd_chain_note_direct) */
	size_t chain_ntouched;
	/* head.c: the last link this transaction wrote in a log chain
	   (log_last_log, "" when none is known), forgotten at begin,
	   commit, rollback and the rollback of a savepoint */
	char log_last_log[16];
	long long log_last_seq;
	char log_last_hash[SD_HASH_HEX_SIZE];
	/* log.c: access_log's columns are the ones it renders (1), are not
	   (-1), not yet compared (0); compared in the transaction that
	   began with log_cols_changes0 */
	int log_cols;
	int log_cols_changes0;
	char *out;      /* new ids and note refs waiting for the commit
			   (sd_print_id); printed by cli.c once committed */
	size_t out_len; /* bytes in out */
	size_t out_cap;
	size_t out_done; /* bytes of out whose transaction has committed */
	struct sd_err err;
};

/* Set ctx to its empty state for program prog (a static string). */
void sd_ctx_init(struct sd_ctx *ctx, const char *prog);
/* Close the database if open and release everything ctx holds. */
void sd_ctx_free(struct sd_ctx *ctx);

/*
 * Keep a line of output (a new id, a note reference) until the
 * transaction that made it commits: sd_rollback drops it, and cli.c
 * prints it only after the commit (sd_cli_flush), so an id of a row
 * that was never stored is never printed.
 */
void sd_ctx_out_add(struct sd_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record an error in ctx and return code.  Always returns code. */
int sd_fail(struct sd_ctx *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record an error from the last SQLite call on ctx->db. */
int sd_fail_db(struct sd_ctx *ctx, const char *what);
/* Clear the error: it has been reported (a batch goes on with the next item).
 */
void sd_err_clear(struct sd_ctx *ctx);

/*
 * Parse s as a whole number from min to max (strtonum(3)): digits only,
 * a '-' first only when min < 0, no spaces, no overflow.  0 and the
 * number in *out, or EX_USAGE with "bad WHAT 'S'; give a whole number
 * from MIN to MAX" in ctx->err (no message when ctx is NULL).
 */
int sd_num_parse(struct sd_ctx *ctx, const char *what, const char *s,
		 long long min, long long max, long long *out);
/* An id of a row (akt, note, plan, insats): 1 or more. */
#define SD_ID_MIN 1
#define SD_ID_MAX 9223372036854775807LL

/*
 * Set "today": from asof when given, else SOCDOK_TODAY, else the local
 * date.  Returns 0 or EX_USAGE.
 */
int sd_set_today(struct sd_ctx *ctx, const char *asof);

/* ----------------------------------------------------------------- dates */

/* Day numbers count days since 1970-01-01 (proleptic Gregorian). */
int sd_days_from_civil(int y, int m, int d);
void sd_civil_from_days(int z, int *y, int *m, int *d);
/* Parse strict YYYY-MM-DD into a day number; 0 ok, -1 bad. */
int sd_date_parse(const char *s, int *day);
/* Format a day number as YYYY-MM-DD into buf (11 bytes). */
char *sd_date_fmt(int day, char buf[SD_DATE_SIZE]);
/* Add n calendar months, clamping to the month's end (Jan 31 + 1 = Feb 28). */
int sd_date_add_months(int day, int n);
/* 0 = Monday ... 6 = Sunday. */
int sd_weekday(int day);
int sd_days_in_month(int y, int m);
/*
 * The time a record is written at (ctx->now): the clock read by sd_begin
 * once the write lock is held, so that records are in time order with
 * their ids; before any transaction, the real clock then.
 */
const char *sd_clock(struct sd_ctx *ctx);
/*
 * Read the clock into ctx->now for the transaction sd_begin has begun,
 * and refuse it (EX_TEMPFAIL, nothing written) when it is more than
 * SD_CLOCK_BACK seconds before the newest written-at time already in the
 * database: a clock moved back would write history out of order.
 */
int sd_clock_take(struct sd_ctx *ctx);
/* The same check of ctx->now, for sd_migrate once the table exists. */
int sd_clock_check(struct sd_ctx *ctx);
/* Move the newest written-at time forward to ctx->now (sd_commit). */
int sd_clock_keep(struct sd_ctx *ctx);
/* How far back the clock may go (an NTP step), in seconds. */
#define SD_CLOCK_BACK 60
/* Current time, UTC, as YYYY-MM-DDTHH:MM:SSZ (the real clock). */
char *sd_now(char buf[SD_TIME_SIZE]);
/* Parse a user's date option (or fail naming opt: EX_USAGE when malformed,
 * EX_DATAERR for a day the calendar has not, 2026-02-30). */
int sd_date_opt(struct sd_ctx *ctx, const char *opt, const char *s, int *day);
/* Times shown to people are Swedish local time: sd_ctx_init sets the
 * process's zone to CET/CEST (sd_tz_init). */
void sd_tz_init(void);
/* A stored UTC time (YYYY-MM-DDTHH:MM:SSZ) as seconds since the epoch,
 * or -1 when it is not one. */
long long sd_time_secs(const char *utc);
/* A stored UTC time (YYYY-MM-DDTHH:MM:SSZ) as Swedish local time,
 * "YYYY-MM-DD HH:MM", into buf; anything else is copied as it is. */
char *sd_time_local(const char *utc, char buf[SD_LOCAL_SIZE]);
/* The same as RFC 3339 with the offset, "2026-03-02T09:58:50+01:00". */
char *sd_time_rfc3339(const char *utc, char buf[SD_RFC3339_SIZE]);

/* ------------------------------------------------------------ personnummer */

struct sd_pnr {
	char canon[13];       /* YYYYMMDDNNNN */
	int year, month, day; /* day as written (samordningsnummer: +60) */
	int birth_day;        /* real day of birth, 0 when unknown */
	int samordning;       /* 1 for a samordningsnummer */
	int reserv;           /* 1 for a reservnummer (YYYYMMDD-RNGC) */
};

/*
 * Parse a personnummer or samordningsnummer in one of YYYYMMDD-NNNN,
 * YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN (and YYMMDDNNNN).  The century of
 * a short form is chosen relative to today.  On error returns EX_DATAERR
 * with the reason in ctx->err.
 */
int sd_pnr_parse(struct sd_ctx *ctx, const char *s, struct sd_pnr *out);
/*
 * A reservnummer (a local number for a person without personnummer or
 * samordningsnummer, issue 19): YYYYMMDD-RNGC, the birth date, the
 * letter R, a serial digit N, a gender digit G (odd for a man, even for
 * a woman, as in a personnummer) and the Luhn digit C of YYMMDD0NG.
 * sd_pnr_parse reads one (out->reserv); this writes the canonical form
 * of y-m-d with serial n (0-9) and gender digit g into canon.
 */
void sd_pnr_reserv_make(int y, int m, int d, int n, int g, char canon[13]);
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
int sd_utf8_check_line(struct sd_ctx *ctx, const char *what, const char *s);
/* The most a text (a note, a plan, a message) may hold, in bytes. */
#define SD_TEXT_MAX (256 * 1024)
/*
 * Make pasted text (n bytes at s, named what in messages, e.g. "the
 * note") plain: a UTF-8 byte order mark is dropped and CRLF (or a lone
 * CR) becomes LF, in place, with s[*n] = '\0' after.  Refused (65), with
 * the line and column: UTF-16, a NUL byte, bytes that are not UTF-8,
 * control characters other than tab and line feed (ESC, BEL, C1) and
 * the bidirectional overrides and isolates (U+202A-E, U+2066-9) that
 * can hide text on a terminal; and text longer than SD_TEXT_MAX.
 */
int sd_text_clean(struct sd_ctx *ctx, const char *what, char *s, size_t *n);
/* sd_text_clean's refusals for a text that is not changed (an option). */
int sd_text_check(struct sd_ctx *ctx, const char *what, const char *s);
/* Display width in columns (code points, combining marks zero). */
int sd_utf8_width(const char *s);
/*
 * Decode the code point at s (n bytes left) into *cp: its length in
 * bytes, or 0 at the end or at a byte that starts no valid sequence.
 */
int sd_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* 1 when s holds nothing but spaces, tabs and line breaks. */
int sd_blank(const char *s);
/*
 * FNV-1a, the hash of socdok's tables in memory (never tamper evidence:
 * hash.h): the bytes of s folded into h, which starts as SD_FNV1A_BASIS;
 * a key of several strings is folded one after the other.
 */
#define SD_FNV1A_BASIS 2166136261u
static inline uint32_t
sd_fnv1a(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}
/* Compare two UTF-8 strings in Swedish order (... X Y Z Å Ä Ö). */
int sd_collate_sv(const char *a, int na, const char *b, int nb);
/* Read a whole stream into a malloc'd NUL-terminated buffer. */
char *sd_read_stream(FILE *f, size_t *len);
/* Read a whole file; NULL with ctx->err set on failure. */
char *sd_read_file(struct sd_ctx *ctx, const char *path, size_t *len);
/* Duplicate or abort on OOM (the one place we do not return). */
char *sd_strdup(const char *s);
void *sd_xmalloc(size_t n);
/*
 * qsort(3) that takes an empty array as NULL: qsort's pointer must not be
 * NULL even when n is 0 (UBSan's nonnull check), and empty lists are.
 */
void sd_sort(void *v, size_t n, size_t size,
	     int (*cmp)(const void *, const void *));
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
/* n in decimal, as SQLite writes an integer (without snprintf's cost). */
void sd_buf_add_int(struct sd_buf *b, long long n);
void sd_buf_printf(struct sd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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
	((1u << SD_FMT_TEXT) | (1u << SD_FMT_TSV) | (1u << SD_FMT_CSV) |       \
	 (1u << SD_FMT_JSON))

/* Column flags for a table. */
#define SD_COL_NUM   0x1 /* JSON: a number, not a string */
#define SD_COL_RIGHT 0x2 /* text: right-aligned */
#define SD_COL_TIME                                                            \
	0x4 /* a stored UTC time: text Swedish local time,                     \
	       JSON RFC 3339 with offset, TSV/CSV as stored */

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
/* The text of a cell (owned by t), or NULL for an empty one. */
const char *sd_table_cell(const struct sd_table *t, int row, int col);
/* Print the table to f; JSON quoting uses SQLite's json_quote on db. */
int sd_table_print(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
		   enum sd_format fmt);
/*
 * Print the rows added to t since the last call (the first call: the
 * header, or JSON's opening bracket, first) in fmt, and flush f: a
 * batch's result line as its transaction commits.  Text is aligned over
 * all rows, so it prints nothing until sd_table_stream_end, unless its
 * widths were fixed beforehand with sd_table_text_widths.
 */
int sd_table_stream(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
		    enum sd_format fmt);
/*
 * End a streamed table: its last rows and what follows them; the whole
 * table for text.  The output is sd_table_print's, byte for byte.
 */
int sd_table_stream_end(struct sd_ctx *ctx, struct sd_table *t, FILE *f,
			enum sd_format fmt);
/*
 * Let text stream too: each column at least w[c] wide (and its
 * heading's), fixed before the first row, so each line can be printed as
 * it comes; a longer value pushes the rest of its line to the right.
 */
void sd_table_text_widths(struct sd_table *t, const int *w);
void sd_table_free(struct sd_table *t);
/*
 * Print label l padded to the column of the values: the widest of the
 * n labels all (N_() strings, shown translated) and a space.
 */
void sd_table_label(FILE *f, const char *const *all, size_t n, const char *l);

/* Quote s as a JSON string into b (via SQLite's json_quote). */
int sd_json_quote(struct sd_ctx *ctx, struct sd_buf *b, const char *s);
/* Write one CSV record (libcsv quoting); sep is ',' or ';'. */
void sd_csv_write(FILE *f, int n, const char *const *vals, char sep);

#include "db.h"
#include "log.h"
#include "priv.h"
#include "share.h"

#endif
