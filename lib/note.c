/*
 * note.c - note references "AKT:SEQ": parsing one (sd_note_ref); cli.c
 * prints one (sd_print_note); whether a category is the objection kind.
 */
#include <stdio.h>
#include <string.h>

#include "akt.h"
#include "cli.h"
#include "journal.h"

int
sd_note_ref(struct sd_ctx *ctx, const char *ref, struct sd_akt *a,
	    long long *seq, long long *id)
{
	const char *colon = strrchr(ref, ':');
	char aktref[64];
	int rc;

	if (!colon || colon == ref || (size_t)(colon - ref) >= sizeof aktref ||
	    sd_num_parse(NULL, "note", colon + 1, SD_ID_MIN, SD_ID_MAX, seq))
		return sd_fail(ctx, EX_USAGE,
			       _("bad note reference '%s'; write AKT:NOTE, for "
				 "example 42:17 (see journal-show)"),
			       ref);
	memcpy(aktref, ref, (size_t)(colon - ref));
	aktref[colon - ref] = '\0';
	if ((rc = sd_akt_find(ctx, aktref, a)))
		return rc;
	char sbuf[32], abuf[32];
	snprintf(sbuf, sizeof sbuf, "%lld", *seq);
	snprintf(abuf, sizeof abuf, "%lld", a->id);
	*id = sd_query_int(ctx,
			   "SELECT id FROM note WHERE akt_id = ? AND seq = ?",
			   abuf, sbuf, SD_END);
	if (*id < 0)
		return sd_fail(
			ctx, EX_NOINPUT,
			_("akt %lld has no note %lld; see journal-show %lld"),
			a->id, *seq, a->id);
	return 0;
}

int
sd_note_is_objection(const char *category)
{
	return category && strcmp(category, SD_OBJECTION) == 0;
}
