/*
 * chain.c - the hash chain of the social journal: the SHA-256 of a note
 * in format v1 (docs/hash-format.md) and the one walker that checks a
 * chain link by link.  akt-verify (sd_chain_verify), the re-verification
 * of a JSON export and socdok-fixture --check all walk with it, so a
 * defect is named the same way wherever it is found.
 */
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "socdok.h"

int
sd_note_hash(const struct sd_note *n, char out[SD_HASH_HEX_SIZE])
{
	struct sd_buf b;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char corr[32] = "";

	if (n->corrects_seq > 0)
		snprintf(corr, sizeof corr, "%lld", n->corrects_seq);
	sd_buf_init(&b);
	sd_buf_printf(&b,
		      "socdok-note-v1\n"
		      "akt: %lld\n"
		      "seq: %lld\n"
		      "event_date: %s\n"
		      "written_at: %s\n"
		      "author_login: %s\n"
		      "author_name: %s\n"
		      "author_title: %s\n"
		      "behalf_login: %s\n"
		      "behalf_name: %s\n"
		      "behalf_title: %s\n"
		      "category: %s\n"
		      "corrects: %s\n"
		      "prev: %s\n"
		      "body_bytes: %zu\n"
		      "\n",
		      n->akt, n->seq, n->event_date, n->written_at,
		      n->author_login, n->author_name, n->author_title,
		      n->behalf_login ? n->behalf_login : "",
		      n->behalf_name ? n->behalf_name : "",
		      n->behalf_title ? n->behalf_title : "", n->category, corr,
		      n->prev_hash, strlen(n->body));
	sd_buf_puts(&b, n->body);
	int ok = EVP_Digest(b.s, b.len, md, &mdlen, EVP_sha256(), NULL);
	sd_buf_free(&b);
	if (!ok || mdlen != 32)
		return -1;
	/* (a table, not 32 snprintf calls: every export hashes every note) */
	for (unsigned i = 0; i < mdlen; i++) {
		out[2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

/* A short form of a hash for messages. */
static const char *
short_hash(const char *h, char buf[17])
{
	snprintf(buf, 17, "%.12s…", h);
	return buf;
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
	snprintf(c->head, sizeof c->head, "%s", stored);
	if (c->defect)
		return 1;
	if (n->seq <= c->seq)
		return broken(c, SD_CHAIN_ORDER, n->seq,
			      "note %lld:%lld comes after note %lld:%lld: the "
			      "notes are out of order",
			      akt, n->seq, akt, c->seq);
	if (n->seq != c->seq + 1 && !c->gaps_ok)
		return broken(c, SD_CHAIN_GAP, c->seq + 1,
			      "note %lld:%lld is missing (the next is "
			      "%lld:%lld): a note was removed",
			      akt, c->seq + 1, akt, n->seq);
	if (n->hash_version != SD_HASH_VERSION)
		return broken(c, SD_CHAIN_VERSION, n->seq,
			      "hash format version %d is unknown (this socdok "
			      "knows %d)",
			      n->hash_version, SD_HASH_VERSION);
	if (n->seq == c->seq + 1 && strcmp(n->prev_hash, c->prev) != 0) {
		if (n->seq == 1)
			return broken(c, SD_CHAIN_FIRST, n->seq,
				      "its prev is %s, but the first note's "
				      "prev is 64 zeros: notes before it were "
				      "removed",
				      short_hash(n->prev_hash, h1));
		return broken(c, SD_CHAIN_LINK, n->seq,
			      "its prev is %s, but note %lld:%lld hashes to "
			      "%s: that note or this link was changed after "
			      "it was written",
			      short_hash(n->prev_hash, h1), akt, c->seq,
			      short_hash(c->prev, h2));
	}
	if (n->corrects_id && !n->corrects_seq)
		return broken(c, SD_CHAIN_CORRECTS, n->seq,
			      "it corrects note id %lld, which is not in akt "
			      "%lld",
			      n->corrects_id, akt);
	if (sd_note_hash(n, hash) != 0)
		return -1;
	if (strcmp(hash, stored) != 0)
		return broken(c, SD_CHAIN_HASH, n->seq,
			      "its content hashes to %s, not to the stored %s: "
			      "the note was changed after it was written",
			      short_hash(hash, h1), short_hash(stored, h2));
	if (n->seq != c->seq + 1)
		c->complete = 0;
	c->seq = n->seq;
	snprintf(c->prev, sizeof c->prev, "%s", stored);
	return 0;
}

int
sd_chain_verify(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	struct sd_chain c;
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	sd_chain_init(&c, akt, 0);
	if (!(st = sd_prepare(
		      ctx, "SELECT n.seq, n.event_date, n.written_at, "
			   "n.author_login, n.author_name, n.author_title, "
			   "n.behalf_login, n.behalf_name, n.behalf_title, "
			   "n.category, n.body, n.corrects, c.seq, "
			   "n.hash_version, n.prev_hash, n.hash "
			   "FROM note n LEFT JOIN note c ON c.id = n.corrects "
			   "AND c.akt_id = n.akt_id "
			   "WHERE n.akt_id = ? ORDER BY n.seq")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n = {0};

		n.akt = akt;
		n.seq = sqlite3_column_int64(st, 0);
		n.event_date = sd_col(st, 1);
		n.written_at = sd_col(st, 2);
		n.author_login = sd_col(st, 3);
		n.author_name = sd_col(st, 4);
		n.author_title = sd_col(st, 5);
		n.behalf_login = sd_col(st, 6);
		n.behalf_name = sd_col(st, 7);
		n.behalf_title = sd_col(st, 8);
		n.category = sd_col(st, 9);
		n.body = sd_col(st, 10);
		n.corrects_id = sqlite3_column_int64(st, 11);
		n.corrects_seq = sqlite3_column_int64(st, 12);
		n.hash_version = sqlite3_column_int(st, 13);
		n.prev_hash = sd_col(st, 14);
		n.hash = sd_col(st, 15);
		if (sd_chain_step(&c, &n) < 0) {
			sd_finalize(st);
			return sd_fail(ctx, EX_SOFTWARE,
				       "cannot compute SHA-256");
		}
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the journal");
	/* The head is the last note's stored hash, intact or not. */
	r->ok = !c.defect;
	r->notes = c.notes;
	r->broken_seq = c.broken_seq;
	snprintf(r->head, sizeof r->head, "%s", c.head);
	snprintf(r->what, sizeof r->what, "%s", c.what);
	return 0;
}
