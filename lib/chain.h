/*
 * chain.h - the hash chain of an akt's journal (docs/hash-format.md):
 * the hash of one note, and the one walker that checks a chain note by
 * note, wherever the notes come from (the database, a JSON export, the
 * fixture check), naming the first defect in one wording per kind.
 */
#ifndef SD_CHAIN_H
#define SD_CHAIN_H

#include "socdok.h"

#define SD_HASH_VERSION 1
#define SD_HASH_ZERO                                                           \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* A stored note, all fields as text, as hashed. */
struct sd_note {
	long long id;
	long long akt;
	long long seq;
	const char *event_date;
	const char *written_at;
	const char *author_login, *author_name, *author_title;
	const char *behalf_login, *behalf_name, *behalf_title;
	const char *category;
	long long corrects_seq; /* 0 for none */
	const char *prev_hash;
	const char *body;
	/* For checking only (sd_chain_step); hashing ignores them. */
	long long corrects_id; /* the database id it corrects, 0: none or
				  not known (an export) */
	int hash_version;      /* as stored */
	const char *hash;      /* the stored hash */
	int masked; /* an export's masked note (akt-export --mask): its
		       text is not there, only its stored hash */
};

/* The SHA-256 (hex, 65 bytes with NUL) of a note in format v1. */
int sd_hash_note(const struct sd_note *n, char out[SD_HASH_HEX_SIZE]);

/* What is wrong with the first broken note of a chain. */
enum sd_chain_defect {
	SD_CHAIN_INTACT = 0,
	SD_CHAIN_ORDER,    /* seq not above the note before it */
	SD_CHAIN_GAP,      /* a seq is missing: a note was removed */
	SD_CHAIN_VERSION,  /* unknown hash format version */
	SD_CHAIN_FIRST,    /* the first note's prev is not 64 zeros */
	SD_CHAIN_LINK,     /* prev is not the hash of the note before */
	SD_CHAIN_CORRECTS, /* it corrects a note of another akt */
	SD_CHAIN_HASH      /* the content does not hash to the stored hash */
};

/* A walk along one akt's chain, in order of seq. */
struct sd_chain {
	long long akt;
	int gaps_ok;                 /* a selection: notes may be left out */
	int complete;                /* no note was left out so far */
	long long notes;             /* notes stepped */
	long long seq;               /* seq of the last good note, 0 before */
	char prev[SD_HASH_HEX_SIZE]; /* stored hash of the last good note */
	char head[SD_HASH_HEX_SIZE]; /* stored hash of the last note stepped */
	enum sd_chain_defect defect; /* the first defect, or INTACT */
	long long broken_seq;        /* the first broken note, 0 while intact */
	char what[512];              /* what differs there, one line */
	long long masked; /* masked notes stepped: linked, not hashed */
};

/*
 * Start a walk along akt's chain.  With gaps_ok (the notes are a
 * selection) a seq may be skipped: the link is then not checked, every
 * hash still is.
 */
void sd_chain_init(struct sd_chain *c, long long akt, int gaps_ok);

/*
 * Check the next note n (its prev_hash, hash_version and hash as
 * stored): seq order (no gap unless gaps_ok), hash format version, the
 * link to the note before, the corrected note being in the akt, and the
 * hash of its content (not of a masked note's: its text is not there;
 * an export's records still hold its hash).  After the first defect the notes
 * are only counted.  Returns 0 when the chain is intact so far, 1 when it is
 * broken (c->defect, c->broken_seq and c->what say where and how), -1
 * when SHA-256 cannot be computed.
 */
int sd_chain_step(struct sd_chain *c, const struct sd_note *n);

struct sd_ctx;

/* The answer of sd_chain_verify for one akt. */
struct sd_chain_result {
	int ok;                      /* 1: the chain is intact */
	long long notes;             /* notes in the akt */
	char head[SD_HASH_HEX_SIZE]; /* hash of the last note (64 zeros when
					none) */
	long long broken_seq;        /* the first broken note, 0 when intact */
	char what[512];              /* what differs there, one line */
	/* The akt's chain of every record (hash_version 2). */
	long long records;               /* records in the akt's chain */
	char akt_head[SD_HASH_HEX_SIZE]; /* hash of the last record (zeros:
					    none) */
	long long broken_record; /* the first broken record's seq, 0: none
				    (the notes' chain may still be broken) */
};

/*
 * Recompute the hash chain of akt's notes (format in
 * docs/hash-format.md) and compare every link: numbering without gaps,
 * each note's prev equal to the hash of the note before, each stored
 * hash equal to the hash of its content.  Returns 0 with *r filled
 * (r->ok says whether it is intact), or an error code.  Then the akt's
 * chain of every record (hash_version 2): the same checks, every row of
 * the akt equal to its last record, every recorded row still there
 * (r->records, r->akt_head, r->broken_record).  Inside a write
 * transaction it first chains what is queued.  No access check and no
 * log: callers do both.
 */
int sd_chain_verify(struct sd_ctx *ctx, long long akt,
		    struct sd_chain_result *r);

/*
 * sd_chain_verify, giving each note of the akt to fn as the walk reads
 * it, in the order of seq (n->id set; the strings are valid until fn
 * returns): one read of the notes for an export that shows them too.
 * fn returns 0, or an error code, which stops the walk and is returned.
 */
typedef int (*sd_chain_note_fn)(void *arg, const struct sd_note *n);
int sd_chain_verify_notes(struct sd_ctx *ctx, long long akt,
			  struct sd_chain_result *r, sd_chain_note_fn fn,
			  void *arg);

/*
 * sd_chain_verify of every akt in ids[0..n), each answer given to fn in
 * the order of ids (r valid until fn returns; fn returns 0 or an error
 * code, which stops it and is returned).  One pass over each table in
 * the order of rowid, with a state per akt, tells the intact akter; the
 * others are checked again by sd_chain_verify, so each answer, and the
 * wording of each defect, is sd_chain_verify's.  No access check and no
 * log: callers do both.
 */
typedef int (*sd_chain_result_fn)(void *arg, long long akt,
				  const struct sd_chain_result *r);
int sd_chain_verify_all(struct sd_ctx *ctx, const long long *ids, size_t n,
			sd_chain_result_fn fn, void *arg);

/* ---------------------------------------- records (hash_version 2) */

#define SD_RECORD_VERSION 2

struct sd_buf;

/* A record of the akt's chain, as hashed (docs/hash-format.md). */
struct sd_record {
	long long akt;
	long long seq;
	const char *kind; /* the table of the row: "gp", "insats", ... */
	long long ref;    /* the row's id */
	const char *written_at;
	const char *login;
	const char *prev_hash;
	const char *body; /* the row: "column: value" lines */
	/* For checking only. */
	int hash_version;
	const char *hash;
};

/*
 * One "name: value\n" line of a hashed header (docs/hash-format.md),
 * appended without printf; a NULL value is empty.
 */
void sd_hash_field(struct sd_buf *b, const char *name, const char *value);
void sd_hash_field_num(struct sd_buf *b, const char *name, long long v);

/* The SHA-256 of b's bytes, in lower-case hex with its NUL, into out. */
int sd_sha256_hex(const struct sd_buf *b, char out[SD_HASH_HEX_SIZE]);

/* The SHA-256 of b's bytes, the 32 bytes themselves, into out. */
int sd_sha256_raw(const struct sd_buf *b, unsigned char out[32]);

/* The SHA-256 (hex, 65 bytes with NUL) of a record in format v2. */
int sd_record_hash(const struct sd_record *r, char out[SD_HASH_HEX_SIZE]);

/*
 * The record of akt in st's current row, whose columns are seq, kind,
 * ref, written_at, login, body, hash_version, prev_hash, hash (as
 * chain_record stores them and the JSON export carries them); the
 * strings are st's, valid until its next step.
 */
void sd_record_from_row(sqlite3_stmt *st, long long akt, struct sd_record *x);

/* A walk along one akt's chain of records, in order of seq. */
struct sd_record_walk {
	long long akt;
	long long seq;               /* seq of the last good record, 0 before */
	char prev[SD_HASH_HEX_SIZE]; /* its stored hash */
	long long broken; /* the first broken record, 0 while intact */
	char what[512];   /* what differs there, one line */
};

/* Start a walk along akt's chain of records. */
void sd_record_walk_init(struct sd_record_walk *w, long long akt);

/*
 * Check the next record x (from chain_record or an export): numbering
 * without gaps, hash format version, the link to the record before and
 * the hash of its content, each defect in one wording (akt-verify and
 * the JSON export's check).  After the first defect it returns 1 at
 * once.  Returns 0 while intact, 1 when broken (w->broken and w->what
 * say where and how), -1 when SHA-256 cannot be computed.
 */
int sd_record_step(struct sd_record_walk *w, const struct sd_record *x);

/*
 * The body of the row ref of table kind as a record holds it: one line
 * "column: value" per non-NULL column in the table's order, the value's
 * backslashes and line feeds written as \\ and \n.  Appends to *out
 * (the caller's buffer); *found is 0 when the row does not exist.
 */
int sd_record_render(struct sd_ctx *ctx, const char *kind, long long ref,
		     struct sd_buf *out, int *found);

/*
 * One column's line of such a body, "name: value": an integer in
 * decimal, a text with its escapes.  A NULL column has no line.
 */
void sd_record_field_int(struct sd_buf *out, const char *name, long long n);
void sd_record_field_text(struct sd_buf *out, const char *name, const char *v);

/*
 * Queue the row ref of table kind, which belongs to akt, for the akt's
 * chain: the one way a record kind gets chained (the triggers of
 * migration 0080 queue the tables they know the same way).  The record
 * is made at sd_chain_flush, which sd_commit calls, holding the row as
 * it is then.  Call it after the row is written, inside the
 * transaction.
 */
int sd_chain_record(struct sd_ctx *ctx, long long akt, const char *kind,
		    long long ref);

/*
 * A migration added a column to table: queue every row of it, when it
 * is a kind of record, so the next commit records each row as it now
 * renders (sd_chain_flush skips the rows that render as their last
 * record).  Without it an upgraded database would verify as changed: the
 * new column (with its default) is in the row but not in its record.
 */
int sd_chain_requeue(struct sd_ctx *ctx, const char *table);

/*
 * Append a record for every queued row that differs from its last
 * record (a row of a purged akt is skipped), and empty the queue.
 * Inside the caller's write transaction.
 */
int sd_chain_flush(struct sd_ctx *ctx);

/*
 * Queue every row of every record kind that is in no record of its akt
 * and not queued (per akt: the akt, the person, the insatser, then the
 * rest in the order it was made), chain them, chain the log rows not in
 * the log chains yet and bring every head up to date: after a
 * migration, so that a new record kind, or a database from before the
 * chains, is chained whole.
 */
int sd_chain_backfill(struct sd_ctx *ctx);

/* The record kinds akt-verify checks, as a list for people. */
const char *sd_chain_kinds(void);

#endif
