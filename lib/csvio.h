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
