/*
 * journal-int.h - what journal.c gives journal-batch.c: the checks of
 * sd_journal_prepare in two parts, and the note written and logged once
 * its akt is prepared.
 */
#ifndef SD_JOURNAL_INT_H
#define SD_JOURNAL_INT_H

#include "journal.h"

/* The akt's part of sd_journal_prepare: found, readable, writable. */
int sd_journal_prepare_akt(struct sd_ctx *ctx, const char *aktref,
			   const struct sd_note_in *in, struct sd_akt *a);
/* The note's part of sd_journal_prepare, for the akt a. */
int sd_journal_prepare_note(struct sd_ctx *ctx, struct sd_note_in *in,
			    const struct sd_akt *a);
/*
 * Check, lint, append and log a note whose akt is prepared in a; also is
 * added to the log line ("of AKT:SEQ" for a correction), b is the batch
 * writing it (NULL for one note): it keeps the last note written.
 */
int sd_journal_add_note(struct sd_ctx *ctx, const struct sd_akt *a,
			struct sd_note_in *in, int strict, struct sd_lint *lint,
			const char *also, struct sd_journal_batch *b,
			long long *seq);

/* A note of the batch b written: akt, seq and category, for its log line. */
void sd_journal_batch_logged(struct sd_journal_batch *b, long long akt,
			     long long seq, const char *category);

#endif
