/*
 * mail.c - RFC 5322 messages as an mbox stream (see mail.h).
 *
 * Headers are ASCII: a subject or display name with other characters is
 * written as RFC 2047 "B" encoded-words (base64 by lib/hash.c), each
 * at most 75 characters and holding whole UTF-8 characters only.  The
 * body is sent as it is (8bit); lines are ended by LF, as `sendmail -t`
 * expects of a local submission.
 */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sysexits.h>
#include <unistd.h>

#include "hash.h"
#include "mail.h"
#include "socdok.h"

static int
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

static int
append(char *out, size_t n, size_t *len, const char *s, size_t sl)
{
	if (*len + sl + 1 > n)
		return -1;
	memcpy(out + *len, s, sl);
	*len += sl;
	out[*len] = '\0';
	return 0;
}

int
sd_mail_encode_header(const char *s, char *out, size_t n)
{
	size_t len = strlen(out), sl = strlen(s), i = 0;
	/* "=?UTF-8?B?" + base64 + "?=" <= 75: 60 base64 chars, 45 bytes. */
	const size_t max_raw = 45;

	if (plain_ascii(s))
		return append(out, n, &len, s, sl);
	/* The first word shares its line with what out already holds. */
	const char *line = strrchr(out, '\n');
	size_t used = line ? strlen(line + 1) : len;
	size_t first = used + 12 + 8 < 76 ? (76 - used - 12) / 4 * 3 : 6;
	while (i < sl) {
		size_t lim = i ? max_raw : (first < max_raw ? first : max_raw);
		size_t take = sl - i < lim ? sl - i : lim;
		/* Never split a UTF-8 character: back up over continuations. */
		while (i + take < sl && take > 0 &&
		       ((unsigned char)s[i + take] & 0xc0) == 0x80)
			take--;
		if (take == 0)
			take = 1;
		char b64[SD_BASE64_LENGTH(45) + 1];
		size_t bl = sd_base64(b64, s + i, take);
		if ((i && append(out, n, &len, "\n ", 2)) ||
		    append(out, n, &len, "=?UTF-8?B?", 10) ||
		    append(out, n, &len, b64, bl) ||
		    append(out, n, &len, "?=", 2))
			return -1;
		i += take;
	}
	return 0;
}

char *
sd_mail_date(time_t t, char buf[40])
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed",
					 "Thu", "Fri", "Sat"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr",
					 "May", "Jun", "Jul", "Aug",
					 "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf, 40, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
		 wd[tm.tm_wday], tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		 labs(off) / 60 % 100, labs(off) % 60);
	return buf;
}

/* An address line: "Name <addr>" with the name quoted or encoded. */
static int
address(FILE *f, const char *field, const char *name, const char *addr)
{
	char enc[2048];

	if (!name || !*name)
		return fprintf(f, "%s: %s\n", field, addr) < 0 ? -1 : 0;
	if (plain_ascii(name)) {
		fprintf(f, "%s: \"", field);
		for (const char *p = name; *p; p++) {
			if (*p == '"' || *p == '\\')
				fputc('\\', f);
			fputc(*p, f);
		}
		return fprintf(f, "\" <%s>\n", addr) < 0 ? -1 : 0;
	}
	snprintf(enc, sizeof enc, "%s: ", field);
	if (sd_mail_encode_header(name, enc, sizeof enc))
		return fprintf(f, "%s: %s\n", field, addr) < 0 ? -1 : 0;
	return fprintf(f, "%s <%s>\n", enc, addr) < 0 ? -1 : 0;
}

/* A dot-atom (RFC 5322 3.2.3) from s to e; UTF-8 allowed (RFC 6531). */
static int
dot_atom(const char *s, const char *e)
{
	static const char special[] = "!#$%&'*+-/=?^_`{|}~";

	if (s == e || *s == '.' || e[-1] == '.')
		return 0;
	for (const char *p = s; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.' && p[1] == '.')
			return 0;
		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || strchr(special, c)))
			return 0;
	}
	return 1;
}

int
sd_mail_addr_ok(const char *a)
{
	const char *at = a ? strrchr(a, '@') : NULL;

	return at && strlen(a) <= 254 && dot_atom(a, at) &&
	       dot_atom(at + 1, at + strlen(at));
}

int
sd_mail_parse_from(const char *spec, char *name, size_t nn, char *addr,
		   size_t an)
{
	const char *lt = strrchr(spec, '<');
	size_t l = strlen(spec);

	name[0] = '\0';
	if (!lt) {
		if ((size_t)snprintf(addr, an, "%s", spec) >= an)
			return -1;
		return sd_mail_addr_ok(addr) ? 0 : -1;
	}
	/* Name <addr>: the name unquoted, blanks around it dropped. */
	while (l > 0 && (spec[l - 1] == ' ' || spec[l - 1] == '\t'))
		l--;
	if (l == 0 || spec[l - 1] != '>' || lt > spec + l - 1)
		return -1;
	if ((size_t)snprintf(addr, an, "%.*s", (int)(spec + l - 1 - lt - 1),
			     lt + 1) >= an)
		return -1;
	const char *s = spec, *e = lt;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - s >= 2 && *s == '"' && e[-1] == '"')
		s++, e--;
	if ((size_t)(e - s) >= nn || memchr(s, '\n', (size_t)(e - s)) ||
	    memchr(s, '\r', (size_t)(e - s)))
		return -1;
	memcpy(name, s, (size_t)(e - s));
	name[e - s] = '\0';
	return sd_mail_addr_ok(addr) ? 0 : -1;
}

int
sd_mail_default_from(struct sd_ctx *ctx, char *buf, size_t n)
{
	char host[256] = "";
	struct addrinfo hints = {.ai_flags = AI_CANONNAME}, *ai = NULL;
	const char *fqdn = host;

	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	/* hostname -f: the canonical name the resolver gives. */
	if (*host && getaddrinfo(host, NULL, &hints, &ai) == 0 && ai &&
	    ai->ai_canonname)
		fqdn = ai->ai_canonname;
	int w = snprintf(buf, n, "socdok@%s", fqdn);
	int ok = w > 0 && (size_t)w < n && strchr(fqdn, '.') &&
		 sd_mail_addr_ok(buf);
	if (ai)
		freeaddrinfo(ai);
	if (!ok)
		return sd_fail(ctx, EX_CONFIG,
			       _("this host's name '%s' has no domain, so "
				 "mail from it would bounce; set "
				 "SOCDOK_MAIL_FROM, e.g. 'Hemtjänst Norr "
				 "<noreply@kommun.se>'"),
			       host);
	return 0;
}

int
sd_mail_sender(struct sd_ctx *ctx, const char *spec, char *name, size_t nn,
	       char *addr, size_t an)
{
	char def[320];
	int rc;

	if (!spec || !*spec) {
		if ((rc = sd_mail_default_from(ctx, def, sizeof def)))
			return rc;
		spec = def;
	}
	if (sd_mail_parse_from(spec, name, nn, addr, an))
		return sd_fail(ctx, EX_CONFIG,
			       _("SOCDOK_MAIL_FROM '%s' is not a sender; give "
				 "one address, with a name or not: "
				 "'Hemtjänst Norr <noreply@kommun.se>'"),
			       spec);
	if (!*name)
		snprintf(name, nn, "socdok");
	return 0;
}

static int
bad_address(const char *a)
{
	return !sd_mail_addr_ok(a);
}

int
sd_mail_write(FILE *f, const struct sd_mail *m)
{
	static unsigned counter;
	char date[40], subj[4096] = "", host[256] = "localhost";
	time_t t = m->date ? m->date : time(NULL);
	struct tm tm;
	char sep[32];

	if (bad_address(m->from) || bad_address(m->to))
		return EX_DATAERR;
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	if (!*host || host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
					"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"0123456789-.")])
		strcpy(host, "localhost");
	/* The mbox separator: "From addr asctime", always in UTC. */
	gmtime_r(&t, &tm);
	strftime(sep, sizeof sep, "%a %b %e %H:%M:%S %Y", &tm);
	fprintf(f, "From %s %s\n", m->from, sep);
	if (address(f, "From", m->from_name, m->from) ||
	    address(f, "To", m->to_name, m->to))
		return EX_IOERR;
	strcpy(subj, "Subject: ");
	if (sd_mail_encode_header(m->subject ? m->subject : "", subj,
				  sizeof subj))
		return EX_DATAERR;
	fprintf(f, "%s\n", subj);
	fprintf(f, "Date: %s\n", sd_mail_date(t, date));
	/*
	 * A generated id is in the sender's domain (issue 15): a host
	 * name without a domain ("vm") makes an id that spam filters
	 * score; the host stays in the left part, for uniqueness.
	 */
	if (m->message_id)
		fprintf(f, "Message-ID: <%s>\n", m->message_id);
	else
		fprintf(f, "Message-ID: <socdok.%lld.%ld.%u.%s@%s>\n",
			(long long)t, (long)getpid(), ++counter, host,
			strrchr(m->from, '@') + 1);
	fputs("MIME-Version: 1.0\n"
	      "Content-Type: text/plain; charset=UTF-8\n"
	      "Content-Transfer-Encoding: 8bit\n",
	      f);
	if (m->auto_submitted)
		fputs("Auto-Submitted: auto-generated\n", f);
	fputc('\n', f);

	/* The body, mboxrd-quoted, every line ended. */
	const char *p = m->body ? m->body : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		size_t q = strspn(p, ">");
		if (l >= q + 5 && strncmp(p + q, "From ", 5) == 0)
			fputc('>', f);
		fwrite(p, 1, l, f);
		fputc('\n', f);
		p += l + (nl ? 1 : 0);
	}
	fputc('\n', f);
	return ferror(f) ? EX_IOERR : 0;
}
