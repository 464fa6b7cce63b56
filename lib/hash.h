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
 * n random bytes from the kernel's CSPRNG (getrandom(2)) into p; 0, or
 * -1 with errno set when the kernel gives none.
 */
int sd_random(void *p, size_t n);

#endif
