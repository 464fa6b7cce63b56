/*
 * sha256.h - SHA-256 itself, in hash.c: our own code for the few short
 * texts most programs hash (an access-log line's link), libcrypto's
 * SHA256 functions, loaded on demand, once a process has hashed enough
 * for its start-up (2.6 M instructions of symbol look-ups, about 4 ms)
 * to pay: no program is linked with libcrypto.
 */
#ifndef SD_SHA256_H
#define SD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SD_SHA256_LEN 32 /* bytes of a digest */

/* A digest being computed; on the stack, nothing to free. */
struct sd_sha256 {
	int lib; /* computed by libcrypto (1) or by hash.c (0) */
	union {
		struct {
			uint32_t h[8];
			uint64_t bytes;
			unsigned char buf[64];
		} own;
		unsigned char ssl[128]; /* libcrypto's SHA256_CTX */
		uint64_t align;
	} u;
};

/* Start a digest. */
void sd_sha256_init(struct sd_sha256 *c);
/* Add n bytes at p. */
void sd_sha256_update(struct sd_sha256 *c, const void *p, size_t n);
/* The digest into out (SD_SHA256_LEN bytes); c is spent. */
void sd_sha256_final(struct sd_sha256 *c, unsigned char *out);
/* HMAC-SHA-256 (RFC 2104) of msg under key, into out. */
void sd_sha256_hmac(const void *key, size_t keylen, const void *msg, size_t n,
		    unsigned char *out);

#endif
