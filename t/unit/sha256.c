/*
 * Unit tests for the SHA-256 of lib/hash.c (sha256.h): its own code for
 * short texts and libcrypto's, loaded after 64 KiB, give the digests of
 * FIPS 180-4's examples and agree with libcrypto on every length up to
 * two blocks and more (150 bytes for our own code, whose digests stay
 * under the 64 KiB of the switch; 300 for libcrypto's) fed in pieces
 * split anywhere; HMAC-SHA-256 gives RFC 4231's results.
 */
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"
#include "tap.h"

static void
hex(const unsigned char *d, char *out)
{
	for (int i = 0; i < SD_SHA256_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void
ours(const void *p, size_t n, size_t split, unsigned char *out)
{
	struct sd_sha256 c;

	sd_sha256_init(&c);
	if (split > n)
		split = n;
	sd_sha256_update(&c, p, split);
	sd_sha256_update(&c, (const char *)p + split, n - split);
	sd_sha256_final(&c, out);
}

/* Every length 0..max, split at 0, 1, 63 and n/2: equal to libcrypto's. */
static int
all_lengths(size_t max)
{
	unsigned char buf[300], a[SD_SHA256_LEN], b[SD_SHA256_LEN];
	static const size_t splits[] = {0, 1, 63, 150};

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	for (size_t n = 0; n <= max; n++)
		for (size_t s = 0; s < 4; s++) {
			ours(buf, n, splits[s] == 150 ? n / 2 : splits[s], a);
			SHA256(buf, n, b);
			if (memcmp(a, b, sizeof a) != 0) {
				printf("# differs at length %zu, split %zu\n",
				       n, splits[s]);
				return 0;
			}
		}
	return 1;
}

static void
fips(const char *what)
{
	static const char *const want[] = {"ba7816bf8f01cfea414140de5dae2223b00"
					   "361a396177a9cb410ff61f20015ad",
					   "248d6a61d20638b8e5c026930c3e6039a33"
					   "ce45964ff2167f6ecedd419db06c1"};
	static const char *const text[] = {
		"abc",
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
	unsigned char d[SD_SHA256_LEN];
	char h[65];

	for (int i = 0; i < 2; i++) {
		ours(text[i], strlen(text[i]), 1, d);
		hex(d, h);
		is_str(h, want[i], "%s: FIPS 180-4 example %d", what, i + 1);
	}
}

int
main(void)
{
	static unsigned char big[70000];
	unsigned char d[SD_SHA256_LEN], e[SD_SHA256_LEN];
	struct sd_sha256 c;
	char h[65];

	/* hash.c's own code first: nothing has been hashed yet */
	sd_sha256_init(&c);
	ok(!c.lib, "the first digest is computed by hash.c");
	fips("own");
	ok(all_lengths(150), "own: lengths 0-150 agree with libcrypto");
	sd_sha256_init(&c);
	ok(!c.lib, "still hash.c's own code");
	/* RFC 4231, test cases 1 and 6 (a key longer than the block) */
	sd_sha256_hmac("\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
		       "\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		       20, "Hi There", 8, d);
	hex(d, h);
	is_str(h,
	       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff"
	       "7",
	       "HMAC-SHA-256, RFC 4231 case 1");
	memset(big, 0xaa, 131);
	sd_sha256_hmac(big, 131,
		       "Test Using Larger Than Block-Size Key - Hash Key First",
		       54, d);
	hex(d, h);
	is_str(h,
	       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f5"
	       "4",
	       "HMAC-SHA-256, RFC 4231 case 6");
	/* 70 000 bytes, split across the switch: then libcrypto's code */
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i % 251);
	ours(big, sizeof big, 12345, d);
	SHA256(big, sizeof big, e);
	ok(memcmp(d, e, sizeof d) == 0, "70 000 bytes agree with libcrypto");
	sd_sha256_init(&c);
	ok(c.lib, "after 64 KiB the digest is libcrypto's");
	fips("libcrypto");
	ok(all_lengths(300), "libcrypto: lengths 0-300 agree");
	return done_testing();
}
