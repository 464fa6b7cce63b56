/*
 * Unit tests for the cryptography of lib/hash.h against published
 * vectors, so that a change of the library under it (OpenSSL, then GNU
 * Nettle) cannot change a hash, a pseudonym or a mail header:
 * SHA-256 from FIPS 180-2, HMAC-SHA256 from RFC 4231, base64 from
 * RFC 4648 section 10; and what akt-verify --all relies on of sd_mac64.
 */
#include <string.h>

#include "hash.h"
#include "tap.h"

static void
hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[d[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The SHA-256 of s, whole or in pieces of step bytes, in hex. */
static const char *
sha(const char *s, size_t len, size_t step)
{
	static char out[65];
	unsigned char d[32];
	struct sd_sha256 h;

	sd_sha256_init(&h);
	for (size_t i = 0; i < len; i += step)
		sd_sha256_update(&h, s + i, len - i < step ? len - i : step);
	sd_sha256_final(&h, d);
	hex(d, sizeof d, out);
	return out;
}

int
main(void)
{
	static const char *const b64[][2] = {
		{"", ""},
		{"f", "Zg=="},
		{"fo", "Zm8="},
		{"foo", "Zm9v"},
		{"foob", "Zm9vYg=="},
		{"fooba", "Zm9vYmE="},
		{"foobar", "Zm9vYmFy"},
	};
	const char *abcdbc =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
		"nopq";
	static char million[1000000];
	unsigned char mac[32];
	char out[65];
	unsigned char rnd[64], zero[64] = {0};

	is_str(sha("abc", 3, 3),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a"
	       "d",
	       "SHA-256 of \"abc\" (FIPS 180-2 B.1)");
	is_str(sha(abcdbc, strlen(abcdbc), 7),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c"
	       "1",
	       "SHA-256 of the 448-bit message in pieces (FIPS 180-2 B.2)");
	memset(million, 'a', sizeof million);
	is_str(sha(million, sizeof million, 65536),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd"
	       "0",
	       "SHA-256 of a million 'a' (FIPS 180-2 B.3)");
	is_str(sha("", 0, 1),
	       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"
	       "5",
	       "SHA-256 of nothing");
	sd_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	hex(mac, sizeof mac, out);
	is_str(out,
	       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384"
	       "3",
	       "HMAC-SHA256, RFC 4231 test case 2");
	{
		unsigned char key[131];
		const char *msg = "Test Using Larger Than Block-Size Key - "
				  "Hash Key First";
		memset(key, 0xaa, sizeof key);
		sd_hmac_sha256(key, sizeof key, msg, strlen(msg), mac);
		hex(mac, sizeof mac, out);
		is_str(out,
		       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040"
		       "f0ee37f54",
		       "HMAC-SHA256, RFC 4231 test case 6 (a key longer "
		       "than a block)");
	}
	for (size_t i = 0; i < sizeof b64 / sizeof b64[0]; i++) {
		char enc[16];
		size_t n = sd_base64(enc, b64[i][0], strlen(b64[i][0]));
		ok(n == strlen(b64[i][1]) && strcmp(enc, b64[i][1]) == 0,
		   "base64 of \"%s\" is \"%s\" (RFC 4648)", b64[i][0],
		   b64[i][1]);
	}
	memset(rnd, 0, sizeof rnd);
	ok(sd_random(rnd, sizeof rnd) == 0 && memcmp(rnd, zero, sizeof rnd),
	   "random bytes come from the kernel");
	ok(SD_BASE64_LENGTH(45) == 60, "45 bytes are 60 base64 characters");
	{
		static struct sd_mac64 m1, m2;
		char big[3000];
		uint64_t a, b;

		memset(big, 'x', sizeof big);
		ok(sd_mac64_init(&m1) == 0 && sd_mac64_init(&m2) == 0,
		   "sd_mac64 keys drawn");
		a = sd_mac64(&m1, "kind: note\nbody", 16);
		b = sd_mac64(&m1, "kind: note\nbody", 16);
		ok(a == b, "sd_mac64: equal texts, equal digests, one after "
			   "the other");
		ok(sd_mac64(&m1, big, sizeof big) ==
				   sd_mac64(&m1, big, sizeof big) &&
			   sd_mac64(&m1, "", 0) == sd_mac64(&m1, "", 0),
		   "sd_mac64: the same for a text longer than a block, and "
		   "an empty one");
		ok(sd_mac64(&m1, "kind: note\nbodz", 16) != a &&
			   sd_mac64(&m1, "kind: note\nbody ", 17) != a,
		   "sd_mac64: a byte changed or added changes the digest");
		ok(sd_mac64(&m2, "kind: note\nbody", 16) != a,
		   "sd_mac64: another run's key, another digest");
	}
	return done_testing();
}
