/*
 * hash.c - the hashes of docs/hash-format.md: a note in format v1, a
 * record of an akt's chain in format v2, the "name: value" lines the
 * other hashed texts (head.c) are made of, and SHA-256 in hex, all
 * without printf (a tenth of akt-verify --all each, once).
 */
#include <dlfcn.h>
#include <openssl/sha.h> /* (SHA256_CTX's size: libcrypto is not linked) */
#include <string.h>

#include "chain.h"
#include "sha256.h"
#include "socdok.h"

/* ------------------------------------------------------------- SHA-256 */

/*
 * After this many bytes hashed in a process, libcrypto is loaded for
 * the rest: its SHA-256 (with the CPU's SHA instructions where there
 * are) is several times faster than the code below, which is for the
 * programs that hash a few short texts.
 */
#define LIB_AFTER 65536

_Static_assert(sizeof(SHA256_CTX) <= sizeof(((struct sd_sha256 *)0)->u.ssl),
	       "SHA256_CTX fits in struct sd_sha256");

static struct {
	int tried;
	size_t hashed;
	int (*init)(SHA256_CTX *);
	int (*update)(SHA256_CTX *, const void *, size_t);
	int (*final)(unsigned char *, SHA256_CTX *);
} lib;

/* libcrypto's SHA256_*, once; without it, hash.c's own code goes on. */
static int
lib_load(void)
{
	void *dl;

	if (lib.tried)
		return lib.init != NULL;
	lib.tried = 1;
	if (!(dl = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL)))
		return 0;
	*(void **)&lib.init = dlsym(dl, "SHA256_Init");
	*(void **)&lib.update = dlsym(dl, "SHA256_Update");
	*(void **)&lib.final = dlsym(dl, "SHA256_Final");
	if (!lib.init || !lib.update || !lib.final) {
		lib.init = NULL;
		return 0;
	}
	return 1;
}

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One 64-byte block into the state h (FIPS 180-4, 6.2.2). */
static void
own_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], v[8];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
			      (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof v);
	for (int i = 0; i < 64; i++) {
		uint32_t e = v[4], a = v[0];
		uint32_t t1 = v[7] + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
			      ((e & v[5]) ^ (~e & v[6])) + K[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
			      ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof *v);
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

void
sd_sha256_init(struct sd_sha256 *c)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
				       0xa54ff53a, 0x510e527f, 0x9b05688c,
				       0x1f83d9ab, 0x5be0cd19};

	c->lib = lib.hashed >= LIB_AFTER && lib_load();
	if (c->lib) {
		lib.init((SHA256_CTX *)(void *)c->u.ssl);
		return;
	}
	memcpy(c->u.own.h, h0, sizeof h0);
	c->u.own.bytes = 0;
}

void
sd_sha256_update(struct sd_sha256 *c, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t have;

	lib.hashed += n;
	if (c->lib) {
		lib.update((SHA256_CTX *)(void *)c->u.ssl, p, n);
		return;
	}
	have = (size_t)(c->u.own.bytes % 64);
	c->u.own.bytes += n;
	if (have) {
		size_t take = 64 - have < n ? 64 - have : n;
		memcpy(c->u.own.buf + have, s, take);
		s += take;
		n -= take;
		if (have + take < 64)
			return;
		own_block(c->u.own.h, c->u.own.buf);
	}
	for (; n >= 64; s += 64, n -= 64)
		own_block(c->u.own.h, s);
	memcpy(c->u.own.buf, s, n);
}

void
sd_sha256_final(struct sd_sha256 *c, unsigned char *out)
{
	unsigned char pad[72] = {0x80};
	uint64_t bits = c->u.own.bytes * 8;
	size_t have, padn;

	if (c->lib) {
		lib.final(out, (SHA256_CTX *)(void *)c->u.ssl);
		return;
	}
	have = (size_t)(c->u.own.bytes % 64);
	padn = (have < 56 ? 56 : 120) - have;
	for (int i = 0; i < 8; i++)
		pad[padn + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	lib.hashed -= padn + 8; /* (the padding is not what was hashed) */
	sd_sha256_update(c, pad, padn + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->u.own.h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->u.own.h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->u.own.h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->u.own.h[i];
	}
}

void
sd_sha256_hmac(const void *key, size_t keylen, const void *msg, size_t n,
	       unsigned char *out)
{
	unsigned char k[64] = {0}, pad[64], inner[SD_SHA256_LEN];
	struct sd_sha256 c;

	if (keylen > sizeof k) {
		sd_sha256_init(&c);
		sd_sha256_update(&c, key, keylen);
		sd_sha256_final(&c, k);
	} else if (keylen) {
		memcpy(k, key, keylen);
	}
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sd_sha256_init(&c);
	sd_sha256_update(&c, pad, sizeof pad);
	sd_sha256_update(&c, msg, n);
	sd_sha256_final(&c, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sd_sha256_init(&c);
	sd_sha256_update(&c, pad, sizeof pad);
	sd_sha256_update(&c, inner, sizeof inner);
	sd_sha256_final(&c, out);
}

/* ------------------------------------------------ the hashes of socdok */

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
		if (v[i].n)
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
