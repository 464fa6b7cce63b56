/*
 * hash.c - the hashes of docs/hash-format.md: a note in format v1, a
 * record of an akt's chain in format v2, the "name: value" lines the
 * other hashed texts (head.c) are made of, and SHA-256 in hex, all
 * without printf (a tenth of akt-verify --all each, once); and the
 * cryptography of hash.h (SHA-256, HMAC, base64, random bytes), which
 * is GNU Nettle's and the kernel's.
 */
#include <errno.h>
#include <nettle/base64.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <nettle/umac.h>
#include <string.h>
#include <sys/random.h>

#include "chain.h"
#include "hash.h"
#include "socdok.h"

/*
 * The cryptography is GNU Nettle's (docs/hacking.md says why Nettle and
 * not OpenSSL's libcrypto: 2 ms and 120 page faults less for every
 * process); this file is the only one that names it.
 */
_Static_assert(sizeof(struct sha256_ctx) <= sizeof(struct sd_sha256),
	       "struct sd_sha256 holds Nettle's sha256_ctx");

static struct sha256_ctx *
ctx_of(struct sd_sha256 *h)
{
	return (struct sha256_ctx *)(void *)h->u.bytes;
}

void
sd_sha256_init(struct sd_sha256 *h)
{
	sha256_init(ctx_of(h));
}

void
sd_sha256_update(struct sd_sha256 *h, const void *p, size_t n)
{
	if (n)
		sha256_update(ctx_of(h), n, p);
}

void
sd_sha256_final(struct sd_sha256 *h, unsigned char out[32])
{
	sha256_digest(ctx_of(h), SHA256_DIGEST_SIZE, out);
}

void
sd_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
	       unsigned char out[32])
{
	struct hmac_sha256_ctx c;

	hmac_sha256_set_key(&c, keylen, key);
	hmac_sha256_update(&c, len, msg);
	hmac_sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}

size_t
sd_base64(char *out, const void *p, size_t n)
{
	size_t len = BASE64_ENCODE_RAW_LENGTH(n);

	base64_encode_raw(out, n, p);
	out[len] = '\0';
	return len;
}

int
sd_random(void *p, size_t n)
{
	unsigned char *b = p;

	while (n > 0) {
		ssize_t got = getrandom(b, n, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		b += got;
		n -= (size_t)got;
	}
	return 0;
}

_Static_assert(sizeof(struct umac64_ctx) <= sizeof(((struct sd_mac64 *)0)->u),
	       "struct sd_mac64 holds Nettle's umac64_ctx");

static struct umac64_ctx *
umac_of(struct sd_mac64 *m)
{
	return (struct umac64_ctx *)(void *)m->u.bytes;
}

int
sd_mac64_init(struct sd_mac64 *m)
{
	unsigned char key[UMAC_KEY_SIZE];

	if (sd_random(key, sizeof key) != 0 ||
	    sd_random(m->nonce, sizeof m->nonce) != 0)
		return -1;
	umac64_set_key(umac_of(m), key);
	return 0;
}

uint64_t
sd_mac64(struct sd_mac64 *m, const void *p, size_t n)
{
	struct umac64_ctx *c = umac_of(m);
	uint8_t d[8];
	uint64_t v;

	/* (the digest moves the nonce on: set it again for every text) */
	umac64_set_nonce(c, sizeof m->nonce, m->nonce);
	umac64_update(c, n, p);
	umac64_digest(c, sizeof d, d);
	memcpy(&v, d, sizeof v);
	return v;
}

/* One piece of what is hashed. */
struct part {
	const void *p;
	size_t n;
};

/* The SHA-256 of the n parts one after the other, its 32 bytes into md. */
static int
sha256_raw_parts(const struct part *v, int n, unsigned char md[32])
{
	struct sd_sha256 c;

	sd_sha256_init(&c);
	for (int i = 0; i < n; i++)
		sd_sha256_update(&c, v[i].p, v[i].n);
	sd_sha256_final(&c, md);
	return 0;
}

/* The same in lower-case hex with its NUL, into out. */
static int
sha256_parts(const struct part *v, int n, char out[SD_HASH_HEX_SIZE])
{
	unsigned char md[32];

	if (sha256_raw_parts(v, n, md) != 0)
		return -1;
	/* (a table, not 32 snprintf calls: every export hashes every note) */
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

int
sd_sha256_raw(const struct sd_buf *b, unsigned char out[32])
{
	struct part p = {b->s, b->len};

	return sha256_raw_parts(&p, 1, out);
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

/* The header outgrew small: on in big. */
static void
hdr_add_big(struct hdr *h, const char *s, size_t n)
{
	if (h->s == h->small)
		sd_buf_add(&h->big, h->small, h->len);
	sd_buf_add(&h->big, s, n);
	h->s = h->big.s;
	h->len = h->big.len;
}

static inline void
hdr_add(struct hdr *h, const char *s, size_t n)
{
	if (h->s == h->small && h->len + n <= sizeof h->small) {
		memcpy(h->small + h->len, s, n);
		h->len += n;
		return;
	}
	hdr_add_big(h, s, n);
}

/*
 * One "name: value\n" line of a hashed header (docs/hash-format.md); a
 * NULL value is empty; name ends in ": " (FIELD adds it).  Appended by
 * hand: printf was a tenth of akt-verify --all.
 */
static inline void
field(struct hdr *b, const char *name, size_t nlen, const char *value)
{
	hdr_add(b, name, nlen);
	if (value)
		hdr_add(b, value, strlen(value));
	hdr_add(b, "\n", 1);
}

static void
field_num(struct hdr *b, const char *name, size_t nlen, long long v)
{
	/* (": ", the digits and the line's end, in one piece) */
	char num[26], *p = num + sizeof num - 1;
	unsigned long long u =
		v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	*p = '\n';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	*--p = ' ';
	*--p = ':';
	hdr_add(b, name, nlen);
	hdr_add(b, p, (size_t)(num + sizeof num - p));
}

/* A field whose name is a string literal ("name: " given whole). */
#define FIELD(b, name, v)     field(b, name ": ", sizeof name + 1, v)
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
sd_hash_note(const struct sd_note *n, char out[SD_HASH_HEX_SIZE])
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
