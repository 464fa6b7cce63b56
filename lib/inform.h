/*
 * inform.h - the person's right to read their file (issue 19): that the
 * person was informed of it, and how (akt-inform), and the copies of the
 * file handed to them (akt-export --for-person); both chained facts of
 * the akt (akt_fact, kinds akt-inform and export-copy).
 */
#ifndef SD_INFORM_H
#define SD_INFORM_H

#include "socdok.h"

/*
 * Record that the person of akt ref was informed of the right to read
 * the file on date (NULL: today), and how.  For those who may write in
 * the akt's journal, on an open akt.  *akt gets the akt's id.  Chained
 * and logged, inside the caller's transaction.
 */
int sd_inform_akt(struct sd_ctx *ctx, const char *ref, const char *date,
		  const char *how, long long *akt);

/*
 * Record that a copy of akt in format fmt ("md", "pdf", ...) was handed
 * to the person today, masking the notes seqs[0..n) (none: n 0): an
 * export-copy fact whose text is the masked seqs as "2, 5" (what
 * akt-verify --export checks a JSON copy's list of masked notes
 * against), its id in *id when id is not NULL.  Chained, inside the
 * caller's transaction (the export logs the read).
 */
int sd_inform_copy(struct sd_ctx *ctx, long long akt, const char *fmt,
		   const long long *seqs, size_t n, long long *id);

/*
 * The information and copies of akt, oldest first, as a table (date,
 * what, how, recorded, by); *out is NULL when the akt has none.
 */
int sd_inform_table(struct sd_ctx *ctx, long long akt, struct sd_table **out);

/* The same as Markdown list lines for the export (*out malloc'ed, NULL
 * when none). */
int sd_inform_markdown(struct sd_ctx *ctx, long long akt, char **out);

/*
 * The same as the JSON members "informed" and "copies" (arrays of
 * objects) appended to b, each preceded by ","; nothing when none.
 */
int sd_inform_json(struct sd_ctx *ctx, long long akt, struct sd_buf *b);

#endif
