/*
 * chain.c - the hash chain of the social journal: the SHA-256 of a note
 * in format v1 (docs/hash-format.md) and the one walker that checks a
 * chain link by link.  akt-verify (sd_chain_verify), the re-verification
 * of a JSON export and socdok-fixture --check all walk with it, so a
 * defect is named the same way wherever it is found.
 */
#include <limits.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "head.h"
#include "socdok.h"

/* One piece of what is hashed. */
struct part {
	const void *p;
	size_t n;
};

/*
 * The SHA-256 of the n parts one after the other, in lower-case hex
 * with its NUL, into out.  The implementation is fetched and the
 * context made once per process: OpenSSL 3 would look it up again, and
 * EVP_Digest allocate a context, for every hash (a tenth of akt-verify
 * --all each).
 */
static int
sha256_parts(const struct part *v, int n, char out[SD_HASH_HEX_SIZE])
{
	static EVP_MD *sha;
	static EVP_MD_CTX *md_ctx;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (!sha && !(sha = EVP_MD_fetch(NULL, "SHA256", NULL)))
		return -1;
	if (!md_ctx && !(md_ctx = EVP_MD_CTX_new()))
		return -1;
	if (!EVP_DigestInit_ex2(md_ctx, sha, NULL))
		return -1;
	for (int i = 0; i < n; i++)
		if (v[i].n && !EVP_DigestUpdate(md_ctx, v[i].p, v[i].n))
			return -1;
	if (!EVP_DigestFinal_ex(md_ctx, md, &mdlen) || mdlen != 32)
		return -1;
	/* (a table, not 32 snprintf calls: every export hashes every note) */
	for (unsigned i = 0; i < mdlen; i++) {
		out[2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

int
sd_sha256_hex(const struct sd_buf *b, char out[SD_HASH_HEX_SIZE])
{
	struct part p = {b->s, b->len};

	return sha256_parts(&p, 1, out);
}

/*
 * A hashed header (docs/hash-format.md), built on the stack while it
 * fits: the body is hashed where it lies, after it, not copied.
 */
struct hdr {
	char *s; /* small or big.s */
	size_t len;
	struct sd_buf big; /* once it does not fit in small */
	char small[1024];
};

static void
hdr_init(struct hdr *h)
{
	h->s = h->small;
	h->len = 0;
	sd_buf_init(&h->big);
}

static void
hdr_add(struct hdr *h, const char *s, size_t n)
{
	if (h->s == h->small && h->len + n <= sizeof h->small) {
		memcpy(h->small + h->len, s, n);
		h->len += n;
		return;
	}
	if (h->s == h->small)
		sd_buf_add(&h->big, h->small, h->len);
	sd_buf_add(&h->big, s, n);
	h->s = h->big.s;
	h->len = h->big.len;
}

/*
 * One "name: value\n" line of a hashed header (docs/hash-format.md); a
 * NULL value is empty.  Appended by hand: printf was a tenth of
 * akt-verify --all.
 */
static void
field(struct hdr *b, const char *name, size_t nlen, const char *value)
{
	hdr_add(b, name, nlen);
	hdr_add(b, ": ", 2);
	if (value)
		hdr_add(b, value, strlen(value));
	hdr_add(b, "\n", 1);
}

static void
field_num(struct hdr *b, const char *name, size_t nlen, long long v)
{
	char num[24], *p = num + sizeof num;
	unsigned long long u =
		v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	hdr_add(b, name, nlen);
	hdr_add(b, ": ", 2);
	hdr_add(b, p, (size_t)(num + sizeof num - p));
	hdr_add(b, "\n", 1);
}

/* A field whose name is a string literal. */
#define FIELD(b, name, v)     field(b, name, sizeof name - 1, v)
#define FIELD_NUM(b, name, v) field_num(b, name, sizeof name - 1, v)

/* The same lines into an sd_buf, for the other hashed texts (head.c). */
void
sd_hash_field(struct sd_buf *b, const char *name, const char *value)
{
	sd_buf_puts(b, name);
	sd_buf_add(b, ": ", 2);
	if (value)
		sd_buf_puts(b, value);
	sd_buf_add(b, "\n", 1);
}

void
sd_hash_field_num(struct sd_buf *b, const char *name, long long v)
{
	char num[24], *p = num + sizeof num;
	unsigned long long u =
		v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	sd_buf_puts(b, name);
	sd_buf_add(b, ": ", 2);
	sd_buf_add(b, p, (size_t)(num + sizeof num - p));
	sd_buf_add(b, "\n", 1);
}

/* The SHA-256 of the header h and then body (blen bytes) into out. */
static int
hash_hdr_body(struct hdr *h, const char *body, size_t blen,
	      char out[SD_HASH_HEX_SIZE])
{
	struct part v[2] = {{h->s, h->len}, {body, blen}};
	int rc = sha256_parts(v, 2, out);

	sd_buf_free(&h->big);
	return rc;
}

int
sd_note_hash(const struct sd_note *n, char out[SD_HASH_HEX_SIZE])
{
	struct hdr b;
	size_t blen = strlen(n->body);

	hdr_init(&b);
	hdr_add(&b, "socdok-note-v1\n", 15);
	FIELD_NUM(&b, "akt", n->akt);
	FIELD_NUM(&b, "seq", n->seq);
	FIELD(&b, "event_date", n->event_date);
	FIELD(&b, "written_at", n->written_at);
	FIELD(&b, "author_login", n->author_login);
	FIELD(&b, "author_name", n->author_name);
	FIELD(&b, "author_title", n->author_title);
	FIELD(&b, "behalf_login", n->behalf_login);
	FIELD(&b, "behalf_name", n->behalf_name);
	FIELD(&b, "behalf_title", n->behalf_title);
	FIELD(&b, "category", n->category);
	if (n->corrects_seq > 0)
		FIELD_NUM(&b, "corrects", n->corrects_seq);
	else
		FIELD(&b, "corrects", "");
	FIELD(&b, "prev", n->prev_hash);
	FIELD_NUM(&b, "body_bytes", (long long)blen);
	hdr_add(&b, "\n", 1);
	return hash_hdr_body(&b, n->body, blen, out);
}

/* A short form of a hash for messages. */
static const char *
short_hash(const char *h, char buf[17])
{
	snprintf(buf, 17, "%.12s…", h);
	return buf;
}

/* A hash into a 65-byte buffer, cut at 64 characters (not printf). */
static void
copy_hash(char to[SD_HASH_HEX_SIZE], const char *h)
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
	copy_hash(c->head, stored);
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
	/* A masked note's text is not in the export: its link is checked,
	 * its hash is taken as stored (and found in a record). */
	if (n->masked)
		c->masked++;
	else if (sd_note_hash(n, hash) != 0)
		return -1;
	if (!n->masked && strcmp(hash, stored) != 0)
		return broken(c, SD_CHAIN_HASH, n->seq,
			      "its content hashes to %s, not to the stored %s: "
			      "the note was changed after it was written",
			      short_hash(hash, h1), short_hash(stored, h2));
	if (n->seq != c->seq + 1)
		c->complete = 0;
	c->seq = n->seq;
	copy_hash(c->prev, stored);
	return 0;
}

static int verify_records(struct sd_ctx *ctx, long long akt,
			  struct sd_chain_result *r);
static int verify_fast(struct sd_ctx *ctx, long long akt,
		       struct sd_chain_result *r, int *whole,
		       sd_chain_note_fn fn, void *arg);

/*
 * The notes of akt and what sd_chain_step needs of them, in the order of
 * seq; with record set, each note's row as its record holds it too
 * (columns 16 on, render_row).
 */
#define SQL_NOTES(record)                                                      \
	"SELECT n.seq, n.event_date, n.written_at, "                           \
	"n.author_login, n.author_name, n.author_title, "                      \
	"n.behalf_login, n.behalf_name, n.behalf_title, "                      \
	"n.category, n.body, n.corrects, c.seq, "                              \
	"n.hash_version, n.prev_hash, n.hash" record                           \
	" FROM note n LEFT JOIN note c ON c.id = n.corrects "                  \
	"AND c.akt_id = n.akt_id WHERE n.akt_id = ? ORDER BY n.seq"
#define NOTE_RECORD_COLUMN 16

/* The note st stands on (SQL_NOTES) into *n. */
static void
note_from_row(sqlite3_stmt *st, long long akt, struct sd_note *n)
{
	memset(n, 0, sizeof *n);
	n->akt = akt;
	n->seq = sqlite3_column_int64(st, 0);
	n->event_date = sd_col(st, 1);
	n->written_at = sd_col(st, 2);
	n->author_login = sd_col(st, 3);
	n->author_name = sd_col(st, 4);
	n->author_title = sd_col(st, 5);
	/* (NULL when there is none: hashed as empty, shown as none) */
	n->behalf_login = (const char *)sqlite3_column_text(st, 6);
	n->behalf_name = (const char *)sqlite3_column_text(st, 7);
	n->behalf_title = (const char *)sqlite3_column_text(st, 8);
	n->category = sd_col(st, 9);
	n->body = sd_col(st, 10);
	n->corrects_id = sqlite3_column_int64(st, 11);
	n->corrects_seq = sqlite3_column_int64(st, 12);
	n->hash_version = sqlite3_column_int(st, 13);
	n->prev_hash = sd_col(st, 14);
	n->hash = sd_col(st, 15);
}

/* The walk along akt's notes, into r (the notes' half of it). */
static int
walk_notes(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	struct sd_chain c;
	sqlite3_stmt *st;
	int rc;

	sd_chain_init(&c, akt, 0);
	if (!(st = sd_prepare(ctx, SQL_NOTES(""))))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n;

		note_from_row(st, akt, &n);
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

int
sd_chain_verify_notes(struct sd_ctx *ctx, long long akt,
		      struct sd_chain_result *r, sd_chain_note_fn fn, void *arg)
{
	int rc, whole = 0;

	memset(r, 0, sizeof *r);
	/* What this transaction queued is chained before it is checked. */
	if (!ctx->damaged && !sqlite3_get_autocommit(ctx->db) &&
	    (rc = sd_chain_flush(ctx)))
		return rc;
	/* One pass that can only say "intact" (the usual answer)... */
	if ((rc = verify_fast(ctx, akt, r, &whole, fn, arg)) || whole)
		return rc;
	/* ...else the walk that names the first defect, check by check. */
	memset(r, 0, sizeof *r);
	if ((rc = walk_notes(ctx, akt, r)))
		return rc;
	return verify_records(ctx, akt, r);
}

int
sd_chain_verify(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	return sd_chain_verify_notes(ctx, akt, r, NULL, NULL);
}

/* ------------------------------------------------ records (hash_version 2) */

int
sd_record_hash(const struct sd_record *r, char out[SD_HASH_HEX_SIZE])
{
	struct hdr b;
	size_t blen = strlen(r->body);

	hdr_init(&b);
	hdr_add(&b, "socdok-record-v2\n", 17);
	FIELD_NUM(&b, "akt", r->akt);
	FIELD_NUM(&b, "seq", r->seq);
	FIELD(&b, "kind", r->kind);
	FIELD_NUM(&b, "ref", r->ref);
	FIELD(&b, "written_at", r->written_at);
	FIELD(&b, "login", r->login);
	FIELD(&b, "prev", r->prev_hash);
	FIELD_NUM(&b, "body_bytes", (long long)blen);
	hdr_add(&b, "\n", 1);
	return hash_hdr_body(&b, r->body, blen, out);
}

/*
 * The kinds of record an akt holds: the rows of each in one akt (?1),
 * what akt-verify expects to find in the chain (the id, then the row as
 * its record holds it -- record_columns -- in the order of id: one
 * statement, compiled once, no list of ids made per akt); and every row of the
 * kind as (akt, ref, order, time), what sd_chain_backfill queues (the
 * first line names these columns a, r, o, t for all).  A new
 * table that belongs to an akt gets a line here and its writer calls
 * sd_chain_record (or a trigger queues it).
 */
static const struct record_kind {
	const char *kind;
	const char *rows;
	const char *all;
} kinds[] = {
	{"akt", "SELECT id, * FROM akt WHERE id = ?1",
	 "SELECT id AS a, id AS r, 0 AS o, created_at AS t FROM akt"},
	{"person",
	 "SELECT id, * FROM person WHERE id = (SELECT person_id FROM akt "
	 "WHERE id = ?1)",
	 "SELECT id, person_id, 1, created_at FROM akt"},
	{"insats", "SELECT id, * FROM insats WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 2, created_at FROM insats"},
	{"note",
	 "SELECT id, id, akt_id, seq, hash_version, prev_hash, hash FROM note "
	 "WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM note"},
	{"gp", "SELECT id, * FROM gp WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM gp"},
	{"gp_signature",
	 "SELECT s.id, s.* FROM gp g JOIN gp_signature s ON s.gp_id = g.id "
	 "WHERE g.akt_id = ?1 ORDER BY s.id",
	 "SELECT g.akt_id, s.id, 3, s.recorded_at FROM gp_signature s JOIN gp "
	 "g ON g.id = s.gp_id"},
	{"followup", "SELECT id, * FROM followup WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM followup"},
	{"fact", "SELECT id, * FROM fact WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM fact"},
	{"never_purge_note",
	 "SELECT id, * FROM never_purge_note WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, at FROM never_purge_note"},
	{"akt_fact", "SELECT id, * FROM akt_fact WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, recorded_at FROM akt_fact"},
	{"lb", "SELECT id, * FROM lb WHERE akt_id = ?1 ORDER BY id",
	 "SELECT akt_id, id, 3, written_at FROM lb"},
};

int
sd_chain_requeue(struct sd_ctx *ctx, const char *table)
{
	struct sd_buf sql;
	int rc;

	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		if (strcmp(kinds[k].kind, table) != 0)
			continue;
		/* (no chains yet: sd_chain_backfill records every row) */
		if (sd_query_int(ctx,
				 "SELECT count(*) FROM sqlite_schema WHERE "
				 "name = 'chain_pending'",
				 SD_END) < 1)
			return 0;
		sd_buf_init(&sql);
		sd_buf_printf(&sql,
			      "WITH x(a, r, o, t) AS (%s) INSERT INTO "
			      "chain_pending(akt_id, kind, ref) SELECT a, ?, "
			      "r FROM x ORDER BY a, o, t, r",
			      kinds[k].all);
		rc = sd_exec(ctx, sql.s, kinds[k].kind, SD_END);
		sd_buf_free(&sql);
		return rc;
	}
	return 0;
}

int
sd_chain_backfill(struct sd_ctx *ctx)
{
	struct sd_buf sql;
	int rc;

	/*
	 * Per akt: the akt, the person, the insatser, then the rest in the
	 * order it was made; a row already recorded or queued is left out.
	 */
	sd_buf_init(&sql);
	sd_buf_puts(&sql, "INSERT INTO chain_pending(akt_id, kind, ref) "
			  "SELECT x.a, x.k, x.r FROM (");
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		sd_buf_printf(&sql, "%sSELECT '%s' AS k, * FROM (%s)",
			      k ? " UNION ALL " : "", kinds[k].kind,
			      kinds[k].all);
	sd_buf_puts(&sql,
		    ") x WHERE NOT EXISTS (SELECT 1 FROM chain_record c WHERE "
		    "c.akt_id = x.a AND c.kind = x.k AND c.ref = x.r) AND NOT "
		    "EXISTS (SELECT 1 FROM chain_pending p WHERE p.akt_id = "
		    "x.a AND p.kind = x.k AND p.ref = x.r) ORDER BY x.a, x.o, "
		    "x.t, x.k, x.r");
	rc = sd_exec(ctx, sql.s, SD_END);
	sd_buf_free(&sql);
	if (rc || (rc = sd_chain_flush(ctx)))
		return rc;
	/* The logs' rows not chained yet, in the order they were written. */
	if (!(rc = sd_head_log_new(ctx, "access", "access_log")) &&
	    !(rc = sd_head_log_new(ctx, "gallring", "gallring_log")))
		rc = sd_head_log_new(ctx, "gallring", "gallring_tombstone");
	return rc ? rc : sd_head_sync(ctx, NULL, 0, 1);
}

const char *
sd_chain_kinds(void)
{
	return "akt, person, insats, note, gp, gp_signature, followup, fact, "
	       "never_purge_note, akt_fact, lb";
}

/* The columns of a kind's row as its record holds them. */
static const char *
record_columns(const char *kind)
{
	/* A note's own hash (format 1) stands for its content. */
	return strcmp(kind, "note") == 0
		       ? "id, akt_id, seq, hash_version, prev_hash, hash"
		       : "*";
}

void
sd_record_from_row(sqlite3_stmt *st, long long akt, struct sd_record *x)
{
	memset(x, 0, sizeof *x);
	x->akt = akt;
	x->seq = sqlite3_column_int64(st, 0);
	x->kind = sd_col(st, 1);
	x->ref = sqlite3_column_int64(st, 2);
	x->written_at = sd_col(st, 3);
	x->login = sd_col(st, 4);
	x->body = sd_col(st, 5);
	x->hash_version = sqlite3_column_int(st, 6);
	x->prev_hash = sd_col(st, 7);
	x->hash = sd_col(st, 8);
}

/* The row st stands on, from column first on, as a record's body. */
static void
render_row(sqlite3_stmt *st, int first, struct sd_buf *out)
{
	for (int i = first; i < sqlite3_column_count(st); i++) {
		const unsigned char *v;
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		sd_buf_puts(out, sqlite3_column_name(st, i));
		sd_buf_add(out, ": ", 2);
		v = sqlite3_column_text(st, i);
		/* Runs without a backslash or newline go in whole. */
		while (v && *v) {
			size_t run = strcspn((const char *)v, "\\\n");
			sd_buf_add(out, (const char *)v, run);
			v += run;
			if (*v == '\\')
				sd_buf_add(out, "\\\\", 2);
			else if (*v == '\n')
				sd_buf_add(out, "\\n", 2);
			if (*v)
				v++;
		}
		sd_buf_add(out, "\n", 1);
	}
}

int
sd_record_render(struct sd_ctx *ctx, const char *kind, long long ref,
		 struct sd_buf *out, int *found)
{
	sqlite3_stmt *st;
	char *sql;
	int rc;

	*found = 0;
	sql = sqlite3_mprintf("SELECT %s FROM \"%w\" WHERE id = ?",
			      record_columns(kind), kind);
	st = sd_prepare(ctx, sql);
	sqlite3_free(sql);
	if (!st)
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, ref);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		render_row(st, 0, out);
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read a record of the chain");
	return 0;
}

int
sd_chain_record(struct sd_ctx *ctx, long long akt, const char *kind,
		long long ref)
{
	char a[24], r[24];

	snprintf(a, sizeof a, "%lld", akt);
	snprintf(r, sizeof r, "%lld", ref);
	return sd_exec(ctx,
		       "INSERT INTO chain_pending(akt_id, kind, ref) "
		       "VALUES (CAST(?1 AS INTEGER), ?2, CAST(?3 AS INTEGER))",
		       a, kind, r, SD_END);
}

/* The last record of akt: its seq (0: none) and hash. */
static int
last_record(struct sd_ctx *ctx, sqlite3_stmt *st, long long akt, long long *seq,
	    char hash[SD_HASH_HEX_SIZE])
{
	int rc;

	*seq = 0;
	memcpy(hash, SD_HASH_ZERO, 65);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, akt);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, 65, "%s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the chain");
	return 0;
}

/* The body of the last record of (akt, kind, ref) into *b; 0: none. */
static int
last_body(struct sd_ctx *ctx, sqlite3_stmt *st, long long akt, const char *kind,
	  long long ref, struct sd_buf *b, long long *seq)
{
	int rc;

	*seq = 0;
	b->len = 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, ref);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		sd_buf_puts(b, sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the chain");
	return 0;
}

#define SQL_LAST_RECORD                                                        \
	"SELECT seq, hash FROM chain_record WHERE akt_id = ? ORDER BY seq "    \
	"DESC LIMIT 1"
#define SQL_LAST_BODY                                                          \
	"SELECT seq, body FROM chain_record WHERE akt_id = ? AND kind = ? "    \
	"AND ref = ? ORDER BY seq DESC LIMIT 1"

int
sd_chain_flush(struct sd_ctx *ctx)
{
	sqlite3_stmt *q = NULL, *last = NULL, *lastb = NULL, *ins = NULL;
	struct sd_buf body, old;
	const char *now;
	const char *login;
	int rc = 0, step;

	long long *touched = NULL, memo_akt = 0, memo_seq = 0;
	char memo_hash[SD_HASH_HEX_SIZE];
	size_t ntouched = 0;

	if (ctx->damaged)
		return 0;
	if (sd_query_int(ctx, "SELECT EXISTS (SELECT 1 FROM chain_pending)",
			 SD_END) <= 0)
		return sd_head_sync(ctx, NULL, 0, 0);
	sd_buf_init(&body);
	sd_buf_init(&old);
	now = sd_clock(ctx);
	login = ctx->me.login[0] ? ctx->me.login : ctx->login;
	if (!(q = sd_prepare(ctx, "SELECT p.akt_id, p.kind, p.ref, min(p.id) "
				  "AS m FROM chain_pending p JOIN akt a ON "
				  "a.id = p.akt_id GROUP BY p.akt_id, p.kind, "
				  "p.ref ORDER BY m")) ||
	    !(last = sd_prepare(ctx, SQL_LAST_RECORD)) ||
	    !(lastb = sd_prepare(ctx, SQL_LAST_BODY)) ||
	    !(ins = sd_prepare(ctx, "INSERT INTO chain_record(akt_id, seq, "
				    "kind, ref, written_at, login, body, "
				    "hash_version, prev_hash, hash) VALUES "
				    "(?,?,?,?,?,?,?,?,?,?)"))) {
		rc = ctx->err.code;
		goto out;
	}
	while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
		struct sd_record r = {0};
		char prev[SD_HASH_HEX_SIZE], hash[SD_HASH_HEX_SIZE];
		long long seq, oseq;
		int found;

		r.akt = sqlite3_column_int64(q, 0);
		r.kind = sd_col(q, 1);
		r.ref = sqlite3_column_int64(q, 2);
		body.len = 0;
		sd_buf_puts(&body, "");
		if ((rc = sd_record_render(ctx, r.kind, r.ref, &body, &found)))
			break;
		if (!found)
			continue;
		if ((rc = last_body(ctx, lastb, r.akt, r.kind, r.ref, &old,
				    &oseq)))
			break;
		/* Unchanged since its last record: nothing to add. */
		if (oseq && old.len == body.len &&
		    memcmp(old.s, body.s, body.len) == 0)
			continue;
		/* The last record of the akt this flush just wrote: known. */
		if (memo_akt && memo_akt == r.akt) {
			seq = memo_seq;
			memcpy(prev, memo_hash, sizeof prev);
		} else if ((rc = last_record(ctx, last, r.akt, &seq, prev))) {
			break;
		}
		r.seq = seq + 1;
		r.written_at = now;
		r.login = login;
		r.prev_hash = prev;
		r.body = body.s;
		if (sd_record_hash(&r, hash) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, r.akt);
		sqlite3_bind_int64(ins, 2, r.seq);
		sqlite3_bind_text(ins, 3, r.kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, r.ref);
		sqlite3_bind_text(ins, 5, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, body.s, (int)body.len, SQLITE_STATIC);
		sqlite3_bind_int(ins, 8, SD_RECORD_VERSION);
		sqlite3_bind_text(ins, 9, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 10, hash, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = sd_fail_db(ctx, "cannot write the chain");
			memo_akt = 0;
		} else {
			memo_akt = r.akt;
			memo_seq = r.seq;
			memcpy(memo_hash, hash, sizeof memo_hash);
		}
		if (!ntouched || touched[ntouched - 1] != r.akt) {
			touched = sd_xrealloc(touched,
					      (ntouched + 1) * sizeof *touched);
			touched[ntouched++] = r.akt;
		}
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = sd_fail_db(ctx, "cannot read the chain's queue");
	if (!rc)
		rc = sd_exec(ctx, "DELETE FROM chain_pending", SD_END);
	/* The heads that moved, into the chain of heads (head.c). */
	if (!rc)
		rc = sd_head_sync(ctx, touched, ntouched, 0);
out:
	free(touched);
	sd_finalize(q);
	sd_finalize(last);
	sd_finalize(lastb);
	sd_finalize(ins);
	sd_buf_free(&body);
	sd_buf_free(&old);
	return rc;
}

/* Whether the row a record of kind names is still there (*found). */
static int
record_exists(struct sd_ctx *ctx, const char *kind, long long ref, int *found)
{
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE id = ?", kind);
	sqlite3_stmt *st = sd_prepare(ctx, sql);
	int step;

	sqlite3_free(sql);
	if (!st)
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, ref);
	step = sqlite3_step(st);
	*found = step == SQLITE_ROW;
	sd_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read a record of the chain");
	return 0;
}

/* Record a defect of the records' chain in r (the first one only). */
static void __attribute__((format(printf, 3, 4)))
record_broken(struct sd_chain_result *r, long long seq, const char *fmt, ...)
{
	va_list ap;

	if (!r->ok)
		return;
	r->ok = 0;
	r->broken_record = seq;
	va_start(ap, fmt);
	vsnprintf(r->what, sizeof r->what, fmt, ap);
	va_end(ap);
}

/* The last record of a row, as phase one of the walk kept it. */
struct last_rec {
	int k;         /* the index of its kind in kinds[], or -1 */
	long long ref; /* the row */
	long long seq; /* the record */
	size_t len;    /* the length of its body */
	union {
		size_t off;       /* while walking: its body in ctx->scratch */
		const char *body; /* then: the body */
	} u;
};

static int
cmp_last(const void *pa, const void *pb)
{
	const struct last_rec *a = pa, *b = pb;

	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	if (a->ref != b->ref)
		return a->ref < b->ref ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* kinds[]'s index of kind, or -1 for a kind no table answers to. */
static int
kind_index(const char *kind)
{
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		if (strcmp(kinds[k].kind, kind) == 0)
			return (int)k;
	return -1;
}

/* Keep text (a record's body) for l in ctx->scratch, from *used on. */
static void
keep_body(struct sd_ctx *ctx, struct last_rec *l, const char *text,
	  size_t *used)
{
	size_t len = strlen(text) + 1;

	if (*used + len > ctx->scratch_cap) {
		ctx->scratch_cap = 2 * ctx->scratch_cap > *used + len
					   ? 2 * ctx->scratch_cap
					   : *used + len;
		ctx->scratch = sd_xrealloc(ctx->scratch, ctx->scratch_cap);
	}
	memcpy(ctx->scratch + *used, text, len);
	l->u.off = *used;
	l->len = len - 1;
	*used += len;
}

/* Note in *gone a removed row, when it is the lowest record so far. */
static void
note_gone(struct last_rec *gone, const struct last_rec *l)
{
	if (!gone->seq || l->seq < gone->seq)
		*gone = *l;
}

/*
 * Every row of kind k that belongs to akt (by id) beside the last record
 * of each row of the kind, last[0..n) (by ref), merged: a row with no
 * record was added outside socdok, a row unlike its last record was
 * changed after it was recorded (both into r), and a recorded row that
 * is no longer the akt's and no longer anywhere was removed (the one
 * with the lowest record number into *gone).
 */
static int
kind_against_records(struct sd_ctx *ctx, long long akt, size_t k,
		     const struct last_rec *last, size_t n,
		     struct sd_chain_result *r, struct last_rec *gone,
		     struct sd_buf *body)
{
	const char *kind = kinds[k].kind;
	sqlite3_stmt *cur;
	size_t j = 0;
	int rc = 0, hc;

	if (!(cur = sd_prepare(ctx, kinds[k].rows)))
		return ctx->err.code;
	sqlite3_bind_int64(cur, 1, akt);
	hc = sqlite3_step(cur);
	while (r->ok && (hc == SQLITE_ROW || j < n)) {
		long long id = hc == SQLITE_ROW ? sqlite3_column_int64(cur, 0)
						: LLONG_MAX;
		long long ref = j < n ? last[j].ref : LLONG_MAX;
		if (id < ref) {
			record_broken(r, 0,
				      "%s %lld of akt %lld is in no record "
				      "of its chain: it was added outside "
				      "socdok",
				      kind, id, akt);
			break;
		}
		if (ref < id) {
			int found = 0;
			if (gone->seq && last[j].seq > gone->seq)
				found = 1; /* a lower one is reported */
			else if ((rc = record_exists(ctx, kind, ref, &found)))
				break;
			if (!found)
				note_gone(gone, &last[j]);
			j++;
			continue;
		}
		body->len = 0;
		render_row(cur, 1, body);
		if (last[j].len != body->len ||
		    memcmp(last[j].u.body, body->s, body->len) != 0)
			record_broken(r, last[j].seq,
				      "%s %lld differs from its record "
				      "%lld:%lld: it was changed after it was "
				      "recorded",
				      kind, id, akt, last[j].seq);
		hc = sqlite3_step(cur);
		j++;
	}
	if (!rc && r->ok && hc != SQLITE_ROW && hc != SQLITE_DONE)
		rc = sd_fail_db(ctx, "cannot read the chain");
	sd_finalize(cur);
	return rc;
}

/*
 * recs[0..n) sorted by kind, row and record, then only the last record
 * of each row kept: how many are left.
 */
static size_t
last_of_each(struct last_rec *recs, size_t n)
{
	size_t m = 0;

	qsort(recs, n, sizeof *recs, cmp_last);
	for (size_t a = 0; a < n; a++)
		if (a + 1 == n || recs[a + 1].k != recs[a].k ||
		    recs[a + 1].ref != recs[a].ref)
			recs[m++] = recs[a];
	return m;
}

/*
 * Every row of the akt as its last record (of recs[0..n), sorted here)
 * holds it, and every recorded row still there, kind by kind; the first
 * defect into r.
 */
static int
rows_against_records(struct sd_ctx *ctx, long long akt,
		     struct sd_chain_result *r, struct last_rec *recs, size_t n)
{
	struct last_rec gone = {0};
	struct sd_buf body;
	size_t m = 0, i = 0;
	int rc = 0;

	m = last_of_each(recs, n);
	sd_buf_init(&body);
	/* Records of a kind no table answers to: the row cannot be there. */
	for (; i < m && recs[i].k < 0; i++)
		note_gone(&gone, &recs[i]);
	for (size_t k = 0; !rc && r->ok && k < sizeof kinds / sizeof *kinds;
	     k++) {
		size_t from = i;
		while (i < m && recs[i].k == (int)k)
			i++;
		rc = kind_against_records(ctx, akt, k, recs + from, i - from, r,
					  &gone, &body);
	}
	sd_buf_free(&body);
	if (!rc && r->ok && gone.seq)
		record_broken(r, gone.seq,
			      "%s %lld of record %lld:%lld is gone: it was "
			      "removed",
			      gone.k >= 0 ? kinds[gone.k].kind : gone.u.body,
			      gone.ref, akt, gone.seq);
	return rc;
}

/*
 * Walk the records of akt: numbering, version, links and hashes; then
 * every row of the akt against its last record, and every recorded row
 * still there.
 */
static int
verify_records(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r)
{
	sqlite3_stmt *st = NULL;
	char prev[SD_HASH_HEX_SIZE], h1[17], h2[17];
	struct last_rec *recs = NULL;
	size_t nrecs = 0, cap = 0, used = 0;
	long long seq = 0;
	int rc = 0, step;

	memcpy(prev, SD_HASH_ZERO, sizeof prev);
	memcpy(r->akt_head, SD_HASH_ZERO, sizeof r->akt_head);
	if (!(st = sd_prepare(ctx, "SELECT seq, kind, ref, written_at, login, "
				   "body, hash_version, prev_hash, hash FROM "
				   "chain_record WHERE akt_id = ? ORDER BY "
				   "seq"))) {
		rc = ctx->err.code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, akt);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_record x;
		char hash[SD_HASH_HEX_SIZE];

		sd_record_from_row(st, akt, &x);
		r->records++;
		snprintf(r->akt_head, sizeof r->akt_head, "%s", x.hash);
		if (!r->ok)
			continue;
		/* Kept for the rows' check: no second read of the chain. */
		if (nrecs == cap) {
			cap = cap ? 2 * cap : 64;
			recs = sd_xrealloc(recs, cap * sizeof *recs);
		}
		struct last_rec *l = &recs[nrecs++];
		l->k = kind_index(x.kind);
		l->ref = x.ref;
		l->seq = x.seq;
		/* (an unknown kind keeps its name, for the message) */
		keep_body(ctx, l, l->k < 0 ? x.kind : x.body, &used);
		if (x.seq != seq + 1) {
			record_broken(r, seq + 1,
				      "record %lld:%lld is missing (the next "
				      "is %lld:%lld): a record was removed",
				      akt, seq + 1, akt, x.seq);
			continue;
		}
		if (x.hash_version != SD_RECORD_VERSION)
			record_broken(r, x.seq,
				      "record %lld:%lld has hash format "
				      "version %d, not %d",
				      akt, x.seq, x.hash_version,
				      SD_RECORD_VERSION);
		else if (strcmp(x.prev_hash, prev) != 0)
			record_broken(r, x.seq,
				      "record %lld:%lld (%s %lld): its prev is "
				      "%s, not the hash %s of the record "
				      "before: a record before it was changed "
				      "or removed",
				      akt, x.seq, x.kind, x.ref,
				      short_hash(x.prev_hash, h1),
				      short_hash(prev, h2));
		else if (sd_record_hash(&x, hash) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			goto out;
		} else if (strcmp(hash, x.hash) != 0)
			record_broken(r, x.seq,
				      "record %lld:%lld (%s %lld) hashes to "
				      "%s, not to the stored %s: the record "
				      "was changed after it was written",
				      akt, x.seq, x.kind, x.ref,
				      short_hash(hash, h1),
				      short_hash(x.hash, h2));
		seq = x.seq;
		snprintf(prev, sizeof prev, "%s", x.hash);
	}
	if (step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, "cannot read the chain");
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	if (!r->ok)
		goto out;
	for (size_t i = 0; i < nrecs; i++)
		recs[i].u.body = ctx->scratch + recs[i].u.off;
	rc = rows_against_records(ctx, akt, r, recs, nrecs);
out:
	sd_finalize(st);
	free(recs);
	return rc;
}

/* The last record of note ref among last[0..n) (sorted by ref), or NULL. */
static struct last_rec *
find_note(struct last_rec *last, size_t n, size_t *hint, long long ref)
{
	size_t lo = 0, hi = n;

	/* The notes come in order of seq, which is mostly that of id. */
	if (*hint < n && last[*hint].ref == ref)
		return &last[(*hint)++];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (last[mid].ref < ref)
			lo = mid + 1;
		else if (last[mid].ref > ref)
			hi = mid;
		else {
			*hint = mid + 1;
			return &last[mid];
		}
	}
	return NULL;
}

/*
 * The check of sd_chain_verify in fewer passes: the akt's records
 * (numbering, version, links, hashes), then its notes (the same walk,
 * sd_chain_step) each beside its last record in the same pass, then the
 * other kinds of row beside theirs.  It only tells an intact akt: at the
 * first thing that is not as it should be it stops with *whole 0 and
 * the caller walks again, check by check, to name it in the usual words.
 * With *whole 1, r holds the answer.  Each note goes to fn (when not
 * NULL), once, whatever is found.
 */
static int
verify_fast(struct sd_ctx *ctx, long long akt, struct sd_chain_result *r,
	    int *whole, sd_chain_note_fn fn, void *arg)
{
	sqlite3_stmt *st = NULL;
	struct last_rec *recs = NULL, gone = {0};
	struct sd_buf body;
	struct sd_chain c;
	char prev[SD_HASH_HEX_SIZE];
	size_t nrecs = 0, cap = 0, used = 0, m, i, from, hint = 0, hits = 0;
	long long seq = 0;
	int rc = 0, step, bad = 0;
	const int note_k = kind_index("note");

	*whole = 0;
	sd_buf_init(&body);
	memcpy(prev, SD_HASH_ZERO, sizeof prev);
	memcpy(r->akt_head, SD_HASH_ZERO, sizeof r->akt_head);
	if (!(st = sd_prepare(ctx, "SELECT seq, kind, ref, written_at, login, "
				   "body, hash_version, prev_hash, hash FROM "
				   "chain_record WHERE akt_id = ? ORDER BY "
				   "seq"))) {
		rc = ctx->err.code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, akt);
	while (!bad && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_record x;
		char hash[SD_HASH_HEX_SIZE];

		sd_record_from_row(st, akt, &x);
		r->records++;
		copy_hash(r->akt_head, x.hash);
		if (nrecs == cap) {
			cap = cap ? 2 * cap : 64;
			recs = sd_xrealloc(recs, cap * sizeof *recs);
		}
		struct last_rec *l = &recs[nrecs++];
		l->k = kind_index(x.kind);
		l->ref = x.ref;
		l->seq = x.seq;
		if (l->k < 0 || x.seq != seq + 1 ||
		    x.hash_version != SD_RECORD_VERSION ||
		    strcmp(x.prev_hash, prev) != 0) {
			bad = 1;
			break;
		}
		if (sd_record_hash(&x, hash) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			goto out;
		}
		if (strcmp(hash, x.hash) != 0) {
			bad = 1;
			break;
		}
		keep_body(ctx, l, x.body, &used);
		seq = x.seq;
		copy_hash(prev, x.hash);
	}
	if (!bad && step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, "cannot read the chain");
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	/* (the notes are still read for fn) */
	if (bad && !fn)
		goto out;
	m = 0;
	if (!bad) {
		for (i = 0; i < nrecs; i++)
			recs[i].u.body = ctx->scratch + recs[i].u.off;
		m = last_of_each(recs, nrecs);
	}

	/* The notes: the chain, and each row against its last record. */
	for (from = 0; from < m && recs[from].k < note_k; from++)
		;
	for (i = from; i < m && recs[i].k == note_k; i++)
		;
	sd_chain_init(&c, akt, 0);
	if (!(st = sd_prepare(ctx,
			      SQL_NOTES(", n.id AS id, n.akt_id AS akt_id, "
					"n.seq AS seq, n.hash_version AS "
					"hash_version, n.prev_hash AS "
					"prev_hash, n.hash AS hash")))) {
		rc = ctx->err.code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, akt);
	while ((!bad || fn) && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n;
		struct last_rec *l;

		note_from_row(st, akt, &n);
		n.id = sqlite3_column_int64(st, NOTE_RECORD_COLUMN);
		if (fn && (rc = fn(arg, &n)))
			goto out;
		if (bad)
			continue;
		if ((step = sd_chain_step(&c, &n)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
			goto out;
		}
		l = find_note(recs + from, i - from, &hint, n.id);
		if (step || !l) {
			bad = 1;
			continue;
		}
		body.len = 0;
		render_row(st, NOTE_RECORD_COLUMN, &body);
		if (l->len != body.len || memcmp(l->u.body, body.s, body.len))
			bad = 1;
		hits++;
	}
	if ((!bad || fn) && step != SQLITE_DONE) {
		rc = sd_fail_db(ctx, "cannot read the journal");
		goto out;
	}
	sd_finalize(st);
	st = NULL;
	/* (a recorded note that is no longer the akt's) */
	if (bad || hits != i - from)
		goto out;

	/* The other kinds, each beside its records. */
	r->ok = 1;
	for (size_t k = 0, j = 0;
	     !rc && r->ok && k < sizeof kinds / sizeof *kinds; k++) {
		size_t first = j;
		while (j < m && recs[j].k == (int)k)
			j++;
		if ((int)k != note_k)
			rc = kind_against_records(ctx, akt, k, recs + first,
						  j - first, r, &gone, &body);
	}
	if (rc || !r->ok || gone.seq)
		goto out;
	r->notes = c.notes;
	copy_hash(r->head, c.head);
	*whole = 1;
out:
	sd_finalize(st);
	sd_buf_free(&body);
	free(recs);
	return rc;
}
