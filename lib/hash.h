/*
 * hash.h - the cryptography socdok uses, behind one small API so that
 * the library doing it (GNU Nettle) is named in lib/hash.c alone:
 * SHA-256 in one go or piece by piece, HMAC-SHA256, base64 (RFC 4648),
 * and random bytes from the kernel.  Nothing here is implemented by
 * socdok itself.
 */
#ifndef SD_HASH_H
#define SD_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * A SHA-256 computed piece by piece: sd_sha256_init, any number of
 * sd_sha256_update, sd_sha256_final.  Plain storage the caller owns (on
 * the stack), large enough for Nettle's context (checked in hash.c).
 */
struct sd_sha256 {
	union {
		unsigned long long align;
		unsigned char bytes[128];
	} u;
};

void sd_sha256_init(struct sd_sha256 *h);
void sd_sha256_update(struct sd_sha256 *h, const void *p, size_t n);
/* The 32 bytes of the digest into out; h may be initialized again. */
void sd_sha256_final(struct sd_sha256 *h, unsigned char out[32]);

/* The HMAC-SHA256 (RFC 2104) of msg under key, its 32 bytes into out. */
void sd_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		    unsigned char out[32]);

/* The base64 of n bytes, padded with '=', as long as this, NUL excluded. */
#define SD_BASE64_LENGTH(n) (((n) + 2) / 3 * 4)

/*
 * The base64 (RFC 4648, with padding) of the n bytes at p into out,
 * which holds SD_BASE64_LENGTH(n) + 1 bytes; NUL-terminated; returns
 * the length.
 */
size_t sd_base64(char *out, const void *p, size_t n);

/*
 * A keyed 64-bit digest of short texts, for telling within one process
 * whether two texts are the same without keeping them (akt-verify
 * --all): UMAC-64 (RFC 4418) under a key and a nonce drawn from the
 * kernel by sd_mac64_init, the same nonce for every text, so that equal
 * texts have equal digests.  Sound only while the digests stay in the
 * process: see lib/chain-verify-all.c.
 */
struct sd_mac64 {
	union {
		unsigned long long align;
		unsigned char bytes[2560];
	} u;
	unsigned char nonce[8];
};

/* A new key and nonce into m; 0, or -1 when the kernel gives no bytes. */
int sd_mac64_init(struct sd_mac64 *m);

/* The digest of the n bytes at p under m's key and nonce. */
uint64_t sd_mac64(struct sd_mac64 *m, const void *p, size_t n);

/*
 * n random bytes from the kernel's CSPRNG (getrandom(2)) into p; 0, or
 * -1 with errno set when the kernel gives none.
 */
int sd_random(void *p, size_t n);

#endif
