/*
 * chain-int.h - what the files of the chain share inside the library
 * (hash.c, chain.c, chain-walk.c, chain-verify.c).
 */
#ifndef SD_CHAIN_INT_H
#define SD_CHAIN_INT_H

#include "chain.h"
#include "socdok.h"

/* Whose a row of a kind is, in column 0 of chain_kind's every. */
enum chain_owner {
	CHAIN_OWNER_AKT,   /* the akt's id */
	CHAIN_OWNER_GP,    /* the id of a gp, whose akt it is */
	CHAIN_OWNER_PERSON /* (nothing there) every akt of the person */
};

/*
 * A kind of record (chain.c): its table, the statement of its rows in
 * one akt (?1), the id first, in the order of id, and every row of the
 * kind as (akt, ref, order, time) for the backfill; for akt-verify
 * --all every row of the table in the order of id as (owner, id, the
 * row as rows gives it), and whose the row is (NULL for note, which has
 * a pass of its own: its chain).
 */
struct chain_kind {
	const char *kind;
	const char *rows;
	const char *all;
	const char *every;
	enum chain_owner owner;
};
extern const struct chain_kind chain_kinds[];
extern const size_t chain_nkinds;

/*
 * The columns of a note that chain_note_from_row reads (0-15), and the
 * table they come from as n, the corrected note as c.
 */
#define CHAIN_NOTE_COLUMNS                                                     \
	"n.seq, n.event_date, n.written_at, "                                  \
	"n.author_login, n.author_name, n.author_title, "                      \
	"n.behalf_login, n.behalf_name, n.behalf_title, "                      \
	"n.category, n.body, n.corrects, c.seq, "                              \
	"n.hash_version, n.prev_hash, n.hash"
#define CHAIN_NOTE_FROM                                                        \
	" FROM note n LEFT JOIN note c ON c.id = n.corrects "                  \
	"AND c.akt_id = n.akt_id"

/* The note st stands on (CHAIN_NOTE_COLUMNS first) into *n, of akt. */
void chain_note_from_row(sqlite3_stmt *st, long long akt, struct sd_note *n);

/* The row st stands on, from column first on, as a record's body. */
void chain_render_row(sqlite3_stmt *st, int first, struct sd_buf *out);

/* A short form of a hash for messages, into buf. */
const char *chain_short_hash(const char *h, char buf[17]);

/* A hash into a 65-byte buffer, cut at 64 characters (not printf). */
void chain_copy_hash(char to[SD_HASH_HEX_SIZE], const char *h);

#endif
