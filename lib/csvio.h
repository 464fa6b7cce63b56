/*
 * csvio.h - reading CSV and TSV through libcsv, in strict mode.
 */
#ifndef SD_CSVIO_H
#define SD_CSVIO_H

#include "socdok.h"

/*
 * Called once per record with its fields (NUL-terminated, never NULL)
 * and the line on which the record started.  Return 0 to go on, or an
 * error code (with ctx->err set) to stop.
 */
typedef int (*sd_csv_record_fn)(struct sd_ctx *ctx, void *arg, int line,
				int nfields, char **fields);

/*
 * Parse text (len bytes) as records separated by sep (',' ';' or '\t').
 * A UTF-8 BOM is skipped; broken quoting is an error naming the line.
 * For '\t' no quoting is recognised (plain TSV).
 */
int sd_csv_parse(struct sd_ctx *ctx, const char *text, size_t len, char sep,
		 sd_csv_record_fn fn, void *arg);

#endif

/* How the bytes of a file are encoded. */
enum sd_csv_encoding {
	SD_CSV_DETECT = 0, /* UTF-8 when the first 64 KiB are, else 1252 */
	SD_CSV_UTF8,
	SD_CSV_CP1252 /* Windows-1252, Excel's default in Sweden */
};

/* What sd_csv_stream saw. */
struct sd_csv_info {
	char sep;                 /* the separator used */
	enum sd_csv_encoding enc; /* the encoding used */
	unsigned char sha256[32]; /* of the file's bytes, as read */
};

/*
 * Parse the file f as sd_csv_parse does, but in chunks, so memory does
 * not grow with the file: sep 0 detects ';', ',' or tab from the first
 * line (the most frequent), enc SD_CSV_DETECT detects the encoding;
 * Windows-1252 is converted to UTF-8 (iconv) before parsing, and a UTF-8
 * file with a byte sequence that is not UTF-8 fails naming the line.
 * Fills *info when not NULL.
 */
int sd_csv_stream(struct sd_ctx *ctx, FILE *f, char sep,
		  enum sd_csv_encoding enc, sd_csv_record_fn fn, void *arg,
		  struct sd_csv_info *info);
