/*
 * head.h - the database head (docs/hash-format.md, "The database
 * head"): the access log and the gallringslogg as chains, the chain of
 * heads over every akt's chain and both logs, and checking the database
 * against an anchored head.
 */
#ifndef SD_HEAD_H
#define SD_HEAD_H

#include "socdok.h"

#define SD_ANCHOR_VERSION 1

/*
 * The hash (hex, 65 bytes with NUL) of entry seq of log chain log
 * ("access" or "gallring"): row ref of table kind, whose body (the row
 * as sd_record_render gives it) is body (docs/hash-format.md,
 * "socdok-log-v2").
 */
int sd_head_log_hash(const char *log, long long seq, const char *kind,
		     long long ref, const char *prev, const struct sd_buf *body,
		     char out[SD_HASH_HEX_SIZE]);

/*
 * The hash (hex, 65 bytes with NUL) of entry seq of the chain of heads:
 * chain ("akt", "access" or "gallring"), akt (0 for a log), its length
 * count and head (docs/hash-format.md, "socdok-head-v2").
 */
int sd_head_entry_hash(long long seq, const char *at, const char *chain,
		       long long akt, long long count, const char *head,
		       const char *prev, char out[SD_HASH_HEX_SIZE]);

/*
 * Append the row ref of table kind ("access_log", "gallring_log",
 * "gallring_tombstone") to the log chain log ("access" or "gallring")
 * now, inside the caller's transaction.
 */
int sd_head_log(struct sd_ctx *ctx, const char *log, const char *kind,
		long long ref);

/*
 * sd_head_log of a row whose body (the row as sd_record_render would
 * give it) the caller has made from what it wrote: not read again.
 */
int sd_head_log_body(struct sd_ctx *ctx, const char *log, const char *kind,
		     long long ref, const struct sd_buf *body);

/*
 * Append every row of table kind that is in no entry of the log chains
 * yet to the log chain log, in the order of their ids.
 */
int sd_head_log_new(struct sd_ctx *ctx, const char *log, const char *kind);

/*
 * Append to the chain of heads every head that moved: of the n akter in
 * akter[] (all akter when all is set) and of both logs.  sd_chain_flush
 * calls it at every commit.
 */
int sd_head_sync(struct sd_ctx *ctx, const long long *akter, size_t n, int all);

/* The database head now. */
struct sd_head {
	char at[SD_TIME_SIZE];       /* when it was read (UTC) */
	long long heads;             /* entries in the chain of heads */
	long long akter;             /* akter in the database */
	long long records;           /* records in all akter's chains */
	long long access;            /* entries of the access-log chain */
	long long gallring;          /* entries of the gallringslogg chain */
	char root[SD_HASH_HEX_SIZE]; /* the last head's hash: the head */
};

/* Read the database head into *h (inside a transaction). */
int sd_head_get(struct sd_ctx *ctx, struct sd_head *h);

/*
 * The head as one self-describing line (no newline) into buf:
 * "socdok-anchor v1 at=... heads=N akter=N records=N access=N
 * gallring=N root=HEX".
 */
void sd_head_line(const struct sd_head *h, char *buf, size_t n);

/*
 * Check both log chains and the chain of heads (every link and hash,
 * every head against the chain it names, the last heads against the
 * chains as they are now), and, with anchor (a line of sd_head_line,
 * or NULL), that the database extends the anchored state.  Returns 0
 * with *ok and what (the first problem, one line) set, or an error
 * code (a malformed anchor is EX_DATAERR).  The akter's own chains are
 * sd_chain_verify's.
 */
int sd_head_verify(struct sd_ctx *ctx, const char *anchor, int *ok,
		   char what[512]);

/* The anchor line read, signed, its signature checked (anchor.c). */
#include "anchor.h"

#endif
