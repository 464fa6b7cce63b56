/*
 * journal.h - the social journal: appending notes to an akt's hash chain
 * (the hash and the chain walker are in chain.h), showing them.
 */
#ifndef SD_JOURNAL_H
#define SD_JOURNAL_H

#include "akt.h"
#include "chain.h"
#include "lint.h"
#include "socdok.h"

/*
 * The category of the person's own objection to a note (journal-object,
 * SoL 11 kap. 6 §): like a rättelse a note pointing at the note it
 * concerns, but the person's word, not the writer's.  Both may be
 * written in a closed akt; nothing else may.
 */
#define SD_OBJECTION "invändning"

/* Is category the person's objection (SD_OBJECTION)? */
int sd_note_is_objection(const char *category);

/* A note to append. */
struct sd_note_in {
	long long akt;
	const char *event_date;   /* NULL: today */
	const char *category;     /* a sökord from share/sokord.txt */
	const char *body;         /* Markdown, UTF-8 */
	const char *behalf_login; /* written on behalf of, or NULL */
	long long corrects;       /* note id this corrects, or 0 */
};

/*
 * Append a note inside the caller's transaction: checks the category,
 * UTF-8, the event date (not in the future, not before the akt opened)
 * and that the akt is open; chains the hash.  Sets *id and *seq.
 */
int sd_journal_append(struct sd_ctx *ctx, const struct sd_note_in *in,
		      long long *id, long long *seq);

/*
 * A note the library writes as part of a change (a plan, a follow-up,
 * closing an akt, an insats's start or end): sd_journal_append of the
 * note in akt of category with body on date (NULL: today); sets *id
 * unless id is NULL.
 */
int sd_journal_note(struct sd_ctx *ctx, long long akt, const char *date,
		    const char *category, const char *body, long long *id);

/*
 * Insert the note n (every field of it hashed, its corrects_id as the
 * corrects column; id 0: the database numbers it) with its hash into
 * note, inside the caller's transaction, and put the hash into hash.
 * No checks: sd_journal_append checks, socdok-fixture builds valid
 * notes.  *st caches the statement for the next call (NULL at first);
 * the caller finalizes it.  Sets *id when id is not NULL.
 */
int sd_journal_insert(struct sd_ctx *ctx, sqlite3_stmt **st,
		      const struct sd_note *n, char hash[SD_HASH_HEX_SIZE],
		      long long *id);

/*
 * sd_journal_insert of a note whose hash (sd_hash_note) the caller has
 * computed already: socdok-import writes the note's record first.
 */
int sd_journal_insert_hashed(struct sd_ctx *ctx, sqlite3_stmt **st,
			     const struct sd_note *n, const char *hash,
			     long long *id);

/* Categories (sökord) allowed, from share/sokord.txt. */
char **sd_journal_categories(struct sd_ctx *ctx);
/*
 * The sökord *category names, as the list (share/sokord.txt) spells it:
 * typed without å, ä, ö or with capitals it is the same word (word.h);
 * *category is set to the list's spelling (owned by the library).
 * EX_DATAERR naming the known ones when it is none of them.
 */
int sd_journal_category(struct sd_ctx *ctx, const char **category);

/*
 * Check, before any text is asked for, that the actor may write a note
 * in the akt named by aktref (id or personnummer) with the category,
 * event date and on-behalf-of of in: sets in->akt and fills *a.
 * Does not log.
 */
int sd_journal_prepare(struct sd_ctx *ctx, const char *aktref,
		       struct sd_note_in *in, struct sd_akt *a);

/* A short guide for the editor (lines, no comment marks) into b. */
void sd_journal_guide(struct sd_ctx *ctx, const struct sd_akt *a,
		      const struct sd_note_in *in, struct sd_buf *b);

/*
 * Write a note as the actor, inside the caller's transaction: prepare,
 * check the documentation rules into *lint (when not NULL; with strict
 * a warning refuses the note, EX_DATAERR), append and log.  Sets *seq
 * (the note's number within the akt).
 */
int sd_journal_add(struct sd_ctx *ctx, const char *aktref,
		   struct sd_note_in *in, int strict, struct sd_lint *lint,
		   long long *seq);

/*
 * Before the editor: find the note NOTE ("AKT:SEQ") and check that a
 * rättelse of it may be written (as sd_journal_prepare).  Sets
 * in->corrects and in->category, fills *a and *of_seq.
 */
int sd_journal_correct_prepare(struct sd_ctx *ctx, const char *noteref,
			       struct sd_note_in *in, struct sd_akt *a,
			       long long *of_seq);

/* The editor's guide for a rättelse, with the corrected note's text. */
void sd_journal_correct_guide(struct sd_ctx *ctx, const struct sd_akt *a,
			      long long of_seq, const struct sd_note_in *in,
			      struct sd_buf *b);

/*
 * Write a rättelse of the note noteref ("AKT:SEQ"): a new note of
 * category rättelse pointing at it; the note itself stays as written
 * (SoL 11 kap. 6 §).  As sd_journal_add otherwise.
 */
int sd_journal_correct(struct sd_ctx *ctx, const char *noteref,
		       struct sd_note_in *in, int strict, struct sd_lint *lint,
		       long long *seq);

/*
 * Parse a note reference "AKT:SEQ" (AKT an id or personnummer); finds
 * the akt with the actor's access and the note's id.  EX_USAGE when
 * malformed, EX_NOINPUT when there is no such note.
 */
int sd_note_ref(struct sd_ctx *ctx, const char *ref, struct sd_akt *a,
		long long *seq, long long *id);

/* The ids of the akter the actor may see, ascending (malloc'd). */
int sd_akt_ids_visible(struct sd_ctx *ctx, long long **ids, size_t *n);

/* Which notes journal-show prints (NULL: no limit). */
struct sd_journal_filter {
	const char *since, *until; /* event dates, inclusive */
	const char *category;
};

/*
 * Print the journal of akt a to f in fmt (text wrapped to width
 * columns, tsv, csv, json or md), chronologically by event date; each
 * note is followed by the rättelser that concern it.  Logs the read.
 */
int sd_journal_show(struct sd_ctx *ctx, const struct sd_akt *a,
		    const struct sd_journal_filter *flt, enum sd_format fmt,
		    int width, FILE *f);

struct sd_text_src;
struct sd_cli;

/* A journal-add or journal-correct between its two steps below. */
struct sd_journal_write {
	struct sd_lint lint;     /* the documentation warnings of the text */
	struct sd_note_in *in;   /* the note */
	long long seq;           /* its number in the akt, once written */
	int written;             /* the note was added (not committed yet) */
	char keep[4096];         /* where the editor's text is kept */
	struct sd_text_src *src; /* where the text came from */
	int correct;             /* journal-correct (or journal-object) */
	char draft[64];          /* the draft's name prefix, PROG-AKT- */
	char *text;
	struct sd_buf guide;
};

/*
 * What journal-add (correct 0, ref an akt) and journal-correct (correct
 * 1, ref "AKT:SEQ"; journal-object the same with in->category
 * SD_OBJECTION) do once their options are parsed: open the database;
 * when the editor will be asked, refuse first and give it the guide; get
 * the text from src; write the note, leaving its transaction open, and
 * its lint warnings in w->lint.  Then sd_cli_journal_finish (cli.c), with
 * the code returned, always.
 */
int sd_journal_write_cmd(struct sd_ctx *ctx, const struct sd_cli *cli,
			 struct sd_text_src *src, const char *ref,
			 struct sd_note_in *in, int strict, int correct,
			 struct sd_journal_write *w);

/*
 * A line of journal-add --batch, "AKT<TAB>CATEGORY<TAB>EVENT-DATE<TAB>TEXT"
 * (TEXT with the escapes \n, \t and \\; an empty category or date
 * takes the default), parsed in place: *aktref and in->category,
 * event_date and body point into line.  EX_DATAERR naming the problem.
 */
int sd_journal_batch_parse(struct sd_ctx *ctx, char *line, const char **aktref,
			   struct sd_note_in *in);

/* Before the first note of a batch, outside a transaction. */
int sd_journal_batch_start(struct sd_ctx *ctx);

/*
 * sd_journal_add for one note of a batch, inside the caller's
 * transaction (one per akt): when it is refused, only this note is
 * undone (by the savepoint of its group of notes, the others of the
 * group written again).  When b->broken is set after an error, the
 * notes of the group could not be written again: roll the transaction
 * back and stop.  b (zeroed before the first line)
 * keeps the akt found and checked for the lines that follow; call
 * sd_journal_batch_end when the transaction ends.
 */
struct sd_journal_done;
struct sd_journal_logged;
struct sd_journal_batch {
	char ref[64];      /* the akt as the lines name it */
	struct sd_akt akt; /* found and checked for ref */
	int ok;            /* akt holds for ref */
	/*
	 * The last note this transaction wrote with its record beside it
	 * (last_id 0: none, read them): the next note's id, seq and
	 * previous hash, and the akt's last record, without reading them
	 * back; forgotten when a note is undone or the transaction ends.
	 */
	long long last_akt, last_id, last_seq, rec_seq;
	char last_hash[SD_HASH_HEX_SIZE], rec_hash[SD_HASH_HEX_SIZE];
	/*
	 * The notes written since the savepoint of a group of notes began
	 * (group: it is open), to be written again when a later note of
	 * the group fails after writing and the group is undone; broken:
	 * they could not be, and the transaction is to be rolled back.
	 */
	int group, broken;
	struct sd_journal_done *done;
	size_t ndone;
	/*
	 * The notes this transaction wrote, for its access-log lines at
	 * commit (sd_journal_batch_commit): one line for an akt's notes in
	 * a row, not one a note; log_mark: nlogged when the group's
	 * savepoint began (an undone group is forgotten back to it).
	 */
	struct sd_journal_logged *logged;
	size_t nlogged, log_mark;
};
int sd_journal_add_batched(struct sd_ctx *ctx, struct sd_journal_batch *b,
			   const char *aktref, struct sd_note_in *in,
			   int strict, struct sd_lint *lint, long long *seq);

/*
 * The transaction of b's notes committed, their access-log lines first:
 * one for the notes of one akt in a row ("wrote notes 7:12-7:75 (64
 * notes)"; one note's says what journal-add's says).
 */
int sd_journal_batch_commit(struct sd_ctx *ctx, struct sd_journal_batch *b);

/*
 * The transaction of b's akt has ended (or is to be rolled back: broken):
 * find and check the akt again; what b holds is freed.
 */
void sd_journal_batch_end(struct sd_journal_batch *b);

#endif
