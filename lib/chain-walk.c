/*
 * chain-walk.c - the one walker of a journal's hash chain: it checks a
 * chain note by note, wherever the notes come from (the database in
 * chain-verify.c, a JSON export, the fixture check), and names the
 * first defect in one wording per kind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chain-int.h"
#include "i18n.h"

/* A short form of a hash for messages. */
const char *
chain_short_hash(const char *h, char buf[17])
{
	snprintf(buf, 17, "%.12s…", h);
	return buf;
}

/* A hash into a 65-byte buffer, cut at 64 characters (not printf). */
void
chain_copy_hash(char to[SD_HASH_HEX_SIZE], const char *h)
{
	size_t n = strnlen(h, SD_HASH_HEX_SIZE - 1);

	memcpy(to, h, n);
	to[n] = '\0';
}

void
sd_chain_init(struct sd_chain *c, long long akt, int gaps_ok)
{
	memset(c, 0, sizeof *c);
	c->akt = akt;
	c->gaps_ok = gaps_ok;
	c->complete = 1;
	memcpy(c->prev, SD_HASH_ZERO, sizeof c->prev);
	memcpy(c->head, SD_HASH_ZERO, sizeof c->head);
}

/* Record the first defect: kind at note seq. */
static int __attribute__((format(printf, 4, 5)))
broken(struct sd_chain *c, enum sd_chain_defect kind, long long seq,
       const char *fmt, ...)
{
	va_list ap;

	c->defect = kind;
	c->broken_seq = seq;
	va_start(ap, fmt);
	vsnprintf(c->what, sizeof c->what, fmt, ap);
	va_end(ap);
	return 1;
}

int
sd_chain_step(struct sd_chain *c, const struct sd_note *n)
{
	char hash[SD_HASH_HEX_SIZE], h1[17], h2[17];
	const char *stored = n->hash ? n->hash : "";
	long long akt = c->akt;

	c->notes++;
	chain_copy_hash(c->head, stored);
	if (c->defect)
		return 1;
	if (n->seq <= c->seq)
		return broken(
			c, SD_CHAIN_ORDER, n->seq,
			_("note %lld:%lld comes after note %lld:%lld: the "
			  "notes are out of order"),
			akt, n->seq, akt, c->seq);
	if (n->seq != c->seq + 1 && !c->gaps_ok)
		return broken(c, SD_CHAIN_GAP, c->seq + 1,
			      _("note %lld:%lld is missing (the next is "
				"%lld:%lld): a note was removed"),
			      akt, c->seq + 1, akt, n->seq);
	if (n->hash_version != SD_HASH_VERSION)
		return broken(
			c, SD_CHAIN_VERSION, n->seq,
			_("hash format version %d is unknown (this socdok "
			  "knows %d)"),
			n->hash_version, SD_HASH_VERSION);
	if (n->seq == c->seq + 1 && strcmp(n->prev_hash, c->prev) != 0) {
		if (n->seq == 1)
			return broken(
				c, SD_CHAIN_FIRST, n->seq,
				_("its prev is %s, but the first note's "
				  "prev is 64 zeros: notes before it were "
				  "removed"),
				chain_short_hash(n->prev_hash, h1));
		return broken(c, SD_CHAIN_LINK, n->seq,
			      _("its prev is %s, but note %lld:%lld hashes to "
				"%s: that note or this link was changed after "
				"it was written"),
			      chain_short_hash(n->prev_hash, h1), akt, c->seq,
			      chain_short_hash(c->prev, h2));
	}
	if (n->corrects_id && !n->corrects_seq)
		return broken(c, SD_CHAIN_CORRECTS, n->seq,
			      _("it corrects note id %lld, which is not in akt "
				"%lld"),
			      n->corrects_id, akt);
	/* A masked note's text is not in the export: its link is checked,
	 * its hash is taken as stored (and found in a record). */
	if (n->masked)
		c->masked++;
	else if (sd_hash_note(n, hash) != 0)
		return -1;
	if (!n->masked && strcmp(hash, stored) != 0)
		return broken(
			c, SD_CHAIN_HASH, n->seq,
			_("its content hashes to %s, not to the stored %s: "
			  "the note was changed after it was written"),
			chain_short_hash(hash, h1),
			chain_short_hash(stored, h2));
	if (n->seq != c->seq + 1)
		c->complete = 0;
	c->seq = n->seq;
	chain_copy_hash(c->prev, stored);
	return 0;
}

void
sd_record_walk_init(struct sd_record_walk *w, long long akt)
{
	memset(w, 0, sizeof *w);
	w->akt = akt;
	memcpy(w->prev, SD_HASH_ZERO, sizeof w->prev);
}

/* Record the first defect of a walk of records at seq. */
static int __attribute__((format(printf, 3, 4)))
record_broken(struct sd_record_walk *w, long long seq, const char *fmt, ...)
{
	va_list ap;

	w->broken = seq;
	va_start(ap, fmt);
	vsnprintf(w->what, sizeof w->what, fmt, ap);
	va_end(ap);
	return 1;
}

int
sd_record_step(struct sd_record_walk *w, const struct sd_record *x)
{
	char hash[SD_HASH_HEX_SIZE], h1[17], h2[17];
	long long akt = w->akt;

	if (w->broken)
		return 1;
	if (x->seq != w->seq + 1)
		return record_broken(w, w->seq + 1,
				     _("record %lld:%lld is missing (the next "
				       "is %lld:%lld): a record was removed"),
				     akt, w->seq + 1, akt, x->seq);
	if (x->hash_version != SD_RECORD_VERSION)
		return record_broken(w, x->seq,
				     _("record %lld:%lld has hash format "
				       "version %d, not %d"),
				     akt, x->seq, x->hash_version,
				     SD_RECORD_VERSION);
	if (strcmp(x->prev_hash, w->prev) != 0)
		return record_broken(
			w, x->seq,
			_("record %lld:%lld (%s %lld): its prev is %s, not the "
			  "hash %s of the record before: a record before it "
			  "was changed or removed"),
			akt, x->seq, x->kind, x->ref,
			chain_short_hash(x->prev_hash, h1),
			chain_short_hash(w->prev, h2));
	if (sd_record_hash(x, hash) != 0)
		return -1;
	if (strcmp(hash, x->hash) != 0)
		return record_broken(
			w, x->seq,
			_("record %lld:%lld (%s %lld) hashes to %s, not to the "
			  "stored %s: the record was changed after it was "
			  "written"),
			akt, x->seq, x->kind, x->ref,
			chain_short_hash(hash, h1),
			chain_short_hash(x->hash, h2));
	w->seq = x->seq;
	chain_copy_hash(w->prev, x->hash);
	return 0;
}
