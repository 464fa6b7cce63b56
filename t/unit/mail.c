/* Unit tests for lib/mail.c: RFC 2047 subjects, mbox quoting, headers. */
#include <nettle/base64.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "socdok.h"
#include "tap.h"

/* Decode a folded run of =?UTF-8?B?...?= words back to UTF-8. */
static void
decode(const char *enc, char *out)
{
	const char *p = enc;
	*out = '\0';
	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		const char *e = strstr(p, "?=");
		uint8_t buf[128];
		size_t n = sizeof buf;
		struct base64_decode_ctx b;

		/* (Nettle's decoder, not lib/hash.c's encoder undone) */
		base64_decode_init(&b);
		if (!base64_decode_update(&b, &n, buf, (size_t)(e - p), p) ||
		    !base64_decode_final(&b))
			n = 0;
		strncat(out, (char *)buf, n);
		p = e + 2;
	}
}

int
main(void)
{
	char enc[4096], dec[4096];
	const char *long_sv = "Uppföljning: 3 försenade, 2 inom 14 dagar — "
			      "Åsa Öberg, Ärlig Ängsbacke, Örjan Ålund";

	enc[0] = '\0';
	ok(sd_mail_encode_header("plain subject", enc, sizeof enc) == 0 &&
		   strcmp(enc, "plain subject") == 0,
	   "an ASCII subject is left as it is");
	enc[0] = '\0';
	sd_mail_encode_header("Åsa", enc, sizeof enc);
	is_str(enc, "=?UTF-8?B?w4VzYQ==?=", "non-ASCII becomes a B word");
	enc[0] = '\0';
	sd_mail_encode_header(long_sv, enc, sizeof enc);
	decode(enc, dec);
	is_str(dec, long_sv, "a long subject decodes back whole");
	int maxw = 0, words = 0;
	for (char *w = strtok(enc, "\n "); w; w = strtok(NULL, "\n ")) {
		int l = (int)strlen(w);
		maxw = l > maxw ? l : maxw;
		words++;
	}
	ok(words > 1, "a long subject is split into %d words", words);
	ok(maxw <= 75, "no encoded-word is longer than 75 (%d)", maxw);

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sd_mail m = {.from = "socdok@example.org",
			    .to = "sara@example.org",
			    .to_name = "Sara Samordnare",
			    .from_name = "socdok på Hemtjänst",
			    .subject = long_sv,
			    .body = "Hej\nFrom here\n>From there\nslut",
			    .date = 1795680000,
			    .message_id = "x@y",
			    .auto_submitted = 1};
	is_int(sd_mail_write(f, &m), 0, "a message is written");
	m.subject = "Att göra";
	is_int(sd_mail_write(f, &m), 0, "a second message, short subject");
	fclose(f);
	int longest = 0;
	for (char *p = buf, *e; *p; p = e + 1) {
		if (!(e = strchr(p, '\n')))
			break;
		if (e == p)
			break; /* end of the first headers */
		longest = e - p > longest ? (int)(e - p) : longest;
	}
	ok(longest <= 76, "header lines are at most 76 characters (%d)",
	   longest);
	ok(strstr(buf, "\nSubject: =?UTF-8?B?") &&
		   strstr(buf, "?=\n =?UTF-8?B?"),
	   "a long subject is folded");
	ok(strncmp(buf, "From socdok@example.org ", 24) == 0,
	   "it starts with an mbox From line");
	ok(strstr(buf, "\nTo: \"Sara Samordnare\" <sara@example.org>\n") !=
		   NULL,
	   "an ASCII display name is quoted");
	ok(strstr(buf, "\nFrom: =?UTF-8?B?") != NULL,
	   "a Swedish display name is encoded");
	ok(strstr(buf, "\nSubject: =?UTF-8?B?") != NULL, "subject encoded");
	ok(strstr(buf, "\nMessage-ID: <x@y>\n") != NULL, "message id");

	ok(strstr(buf,
		  "\nMIME-Version: 1.0\nContent-Type: text/plain; "
		  "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n") != NULL,
	   "MIME headers for UTF-8 plain text");
	ok(strstr(buf, "\nDate: ") != NULL, "a Date header");
	ok(strstr(buf, "\n\nHej\n>From here\n>>From there\nslut\n\n") != NULL,
	   "body lines starting From are quoted (mboxrd)");
	free(buf);

	/* A generated id: in the sender's domain (issue 15). */
	buf = NULL;
	f = open_memstream(&buf, &len);
	m.message_id = NULL;
	m.from = "noreply@kommun.se";
	is_int(sd_mail_write(f, &m), 0, "a message with a generated id");
	fclose(f);
	char *id = strstr(buf, "\nMessage-ID: <socdok.");
	char *eol = id ? strchr(id + 1, '\n') : NULL;
	ok(eol && eol - id > 13 && strncmp(eol - 11, "@kommun.se>", 11) == 0,
	   "a generated message id is in the From address's domain");
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	m.to = "no address";
	is_int(sd_mail_write(f, &m), EX_DATAERR, "a bad address is refused");
	fclose(f);
	free(buf);
	return done_testing();
}
