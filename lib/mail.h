/*
 * mail.h - writing RFC 5322 messages (plain text, UTF-8, 8bit) as an
 * mbox stream, so that one program can print many messages and a small
 * tool (tools/mail-digest) hands each to `sendmail -t`.
 *
 * Used by followup-due --format mail (one digest per responsible person)
 * and by akt-close --notify.
 */
#ifndef SD_MAIL_H
#define SD_MAIL_H

#include <stdio.h>
#include <time.h>

/* One message.  All strings UTF-8; NULL where optional. */
struct sd_mail {
	const char *from;       /* address, required (e.g. socdok@localhost) */
	const char *from_name;  /* display name, or NULL */
	const char *to;         /* address, required */
	const char *to_name;    /* display name, or NULL */
	const char *subject;    /* RFC 2047-encoded when not ASCII */
	const char *body;       /* plain text, lines ended by '\n' */
	time_t date;            /* the Date: header; 0 means now */
	const char *message_id; /* without <>; NULL: generated, unique */
	int auto_submitted;     /* 1: "Auto-Submitted: auto-generated" (cron) */
};

/*
 * Write m to f as one mbox message: a "From " separator line, the
 * headers (From, To, Subject, Date, Message-ID, MIME-Version,
 * Content-Type text/plain; charset=UTF-8, Content-Transfer-Encoding 8bit),
 * a blank line, the body with lines starting ">*From " quoted by one more
 * '>' (mboxrd), and a blank line.  Returns 0, EX_DATAERR when an address
 * is missing or holds a line break, or EX_IOERR on a write error.
 */
int sd_mail_write(FILE *f, const struct sd_mail *m);

/*
 * 1 when a is one RFC 5322 addr-spec (local@domain, both dot-atoms; UTF-8
 * allowed as in RFC 6531): no name, no list, no blanks, no line break.
 */
int sd_mail_addr_ok(const char *a);

/*
 * Split a sender given as "addr" or "Display Name <addr>" (the name may
 * be quoted) into name (empty when none) and addr.  Returns 0, or -1
 * when the address is not one addr-spec or a part does not fit.
 */
int sd_mail_parse_from(const char *spec, char *name, size_t nn, char *addr,
		       size_t an);

/*
 * The default sender: socdok@ the host's full name (hostname -f).  0, or
 * EX_CONFIG when that name has no domain (mail from it would bounce).
 */
struct sd_ctx;
int sd_mail_default_from(struct sd_ctx *ctx, char *buf, size_t n);

/*
 * The sender of mail from spec (SOCDOK_MAIL_FROM: "addr" or "Name
 * <addr>"), or the default when spec is NULL or empty; the name is
 * "socdok" when spec has none.  0, or EX_CONFIG with the reason.
 */
int sd_mail_sender(struct sd_ctx *ctx, const char *spec, char *name, size_t nn,
		   char *addr, size_t an);

/*
 * Append s to the NUL-terminated buffer out (size n) as RFC 2047
 * encoded-words (=?UTF-8?B?...?=) when it is not printable ASCII, else as
 * it is; words are at most 75 characters and never split a character,
 * separated by "\n " (folded).  Returns 0, or -1 when out is too small.
 */
int sd_mail_encode_header(const char *s, char *out, size_t n);

/* Format t as an RFC 5322 date in local time ("Thu, 26 Nov 2026 07:00:00
 * +0100"). */
char *sd_mail_date(time_t t, char buf[40]);

#endif
