/*
 * import.h - socdok-import: staff, akter, insatser and journal notes
 * from the CSV or TSV files of the system a provider leaves behind.
 */
#ifndef SD_IMPORT_H
#define SD_IMPORT_H

#include "csvio.h"
#include "socdok.h"

enum sd_import_kind {
	SD_IMPORT_STAFF = 0,
	SD_IMPORT_AKTER,
	SD_IMPORT_INSATSER,
	SD_IMPORT_JOURNAL
};

struct sd_import_opts {
	enum sd_import_kind kind;
	const char *file;   /* the file to read */
	const char *map;    /* "Header=column,..." or NULL */
	const char *source; /* the source system's name, NULL: the file's */
	enum sd_csv_encoding enc;
	int dry_run;        /* check and count, write nothing */
	int skip_bad;       /* write the good rows, bad ones to reject */
	const char *reject; /* reject file, NULL: FILE.rejects.csv */
};

/* A bad row, reported by line. */
struct sd_import_bad {
	int line;
	char why[400];
};

struct sd_import_result {
	long long rows;     /* data rows read */
	long long imported; /* rows written (or that would be, dry run) */
	long long skipped;  /* rows already imported by an earlier run */
	struct sd_import_bad *bad; /* the bad rows, in file order */
	size_t nbad;
	char reject[4096]; /* where the bad rows went, with --skip-bad */
};

/* Parse a kind's name (staff, akter, insatser, journal); -1 if none. */
int sd_import_kind_parse(const char *s);

/*
 * Import o->file as an administrator, in one transaction: every row
 * checked (personnummer, unit, staff, category, dates and their order),
 * and nothing written if any row is bad (EX_DATAERR, the rows in r->bad)
 * unless o->skip_bad, which writes the good rows and the bad ones, with
 * their reason, to the reject file.  A row imported before (its stable
 * key) is skipped.  Journal notes keep their author (as text) and date,
 * are chained at import time, and are marked in import_row with the
 * source and the file's SHA-256.  Reads the file in chunks: memory does
 * not grow with it.  Free r with sd_import_result_free.
 */
int sd_import(struct sd_ctx *ctx, const struct sd_import_opts *o,
	      struct sd_import_result *r);
void sd_import_result_free(struct sd_import_result *r);

#endif
