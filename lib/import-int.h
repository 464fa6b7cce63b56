/*
 * import-int.h - what the files of socdok-import share inside the
 * library: the run (import.c) and what each row becomes (import-row.c).
 */
#ifndef SD_IMPORT_INT_H
#define SD_IMPORT_INT_H

#include <stdio.h>

#include "import.h"
#include "socdok.h"

#define MAXCOLS 10

/* The bytes of a journal row's key kept in import_note (0240). */
#define SD_IMPORT_KEY_SIZE 16

/* The columns of a kind of row, required ones first, with how many. */
struct import_kind {
	const char *name;
	int required;
	const char *cols[MAXCOLS + 1];
};

/* Column indexes of the journal, as in kinds[]. */
enum { J_PNR, J_DATE, J_AUTHOR, J_TEXT, J_UNIT, J_TITLE, J_CAT, J_WRITTEN };

struct imp {
	struct sd_ctx *ctx;
	const struct sd_import_opts *o;
	struct sd_import_result *r;
	const struct import_kind *k;
	int ncols;
	int col[MAXCOLS]; /* field index of each column, -1: absent */
	int header;       /* 1 once the header is read */
	char sep;
	char file_sha[SD_HASH_HEX_SIZE];
	const char *source;
	long long run_start; /* import_row ids above this are this run's */
	char **categories;
	sqlite3_stmt *ins_row, *find_row, *note_st, *find_akt, *last_note;
	sqlite3_stmt *last_rec, *ins_rec;
	/* A journal row's mark (0240): import_note, its file's row. */
	sqlite3_stmt *ins_mark, *find_mark;
	long long file_id; /* import_file's row of this run, 0: none yet */
	int legacy;        /* journal rows marked in import_row (before 0240) */
	long long next_note;
	long long first_note; /* the first note id of this run */
	/* The chain link of the last akt written to. */
	long long akt;
	char akt_opened[SD_DATE_SIZE];
	long long seq;
	char prev[SD_HASH_HEX_SIZE];
	/* Its chain of records: the last record's seq and hash. */
	long long rec_seq;
	char rec_prev[SD_HASH_HEX_SIZE];
	struct sd_buf rec_body; /* a note's record, made here */
	long long *touched;     /* the akter whose chains moved, in order */
	size_t ntouched;
	/* The last personnummer looked up, and its akt. */
	char last_pnr[13], last_unit[128];
	long long last_akt;
	FILE *rej; /* the bad rows, as CSV (open_memstream) */
	char *rej_buf;
	size_t rej_len;
	char **header_fields;
	int nheader;
	int row_rc; /* what the last row's callback returned */
};

/*
 * The stable key of a row: SHA-256 over its kind and values (and "#dup"
 * for the dup-th of identical rows in one file, from 2 on; 0 or 1: the
 * first), its 32 bytes.
 */
void import_row_key(struct imp *im, const char **v, int dup,
		    unsigned char out[32]);

/* A journal row made into a chained note (or skipped: imported before). */
int import_note(struct imp *im, const char **v, const unsigned char *key,
		int line);

/*
 * The imported notes' records are in their akter's chains already
 * (import_note writes each): take them out of the queue the note
 * trigger filled, and bring the akter's heads up to date.
 */
int import_notes_chained(struct imp *im);

/* A staff, akter or insatser row, through the library's own functions. */
int import_other(struct imp *im, const char **v, const char *key, int line);

#endif
