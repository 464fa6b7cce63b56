/*
 * chain-int.h - what the files of the chain share inside the library
 * (hash.c, chain.c, chain-walk.c, chain-verify.c).
 */
#ifndef SD_CHAIN_INT_H
#define SD_CHAIN_INT_H

#include "chain.h"
#include "socdok.h"

/*
 * A kind of record (chain.c): its table, the statement of its rows in
 * one akt (?1), the id first, in the order of id, and every row of the
 * kind as (akt, ref, order, time) for the backfill.
 */
struct chain_kind {
	const char *kind;
	const char *rows;
	const char *all;
};
extern const struct chain_kind chain_kinds[];
extern const size_t chain_nkinds;

/* The row st stands on, from column first on, as a record's body. */
void chain_render_row(sqlite3_stmt *st, int first, struct sd_buf *out);

/* A short form of a hash for messages, into buf. */
const char *chain_short_hash(const char *h, char buf[17]);

/* A hash into a 65-byte buffer, cut at 64 characters (not printf). */
void chain_copy_hash(char to[SD_HASH_HEX_SIZE], const char *h);

#endif
