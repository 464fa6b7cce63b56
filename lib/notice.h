/*
 * notice.h - the notices to the handläggare (Administrativa rutiner för
 * handläggare och utförare): an insats was started, it ended, the first
 * genomförandeplan was established.  Each is worked out from the events
 * themselves and given once (the table notice_sent, migration 0210).
 */
#ifndef SD_NOTICE_H
#define SD_NOTICE_H

#include <stdio.h>

#include "socdok.h"

/* What handlaggare-notify does. */
struct sd_notice_opts {
	const char *unit;   /* only this unit's akter, or NULL */
	int mail;           /* write them as mail and record them as given */
	int dry_run;        /* with mail: record nothing */
	enum sd_format fmt; /* without mail: the list format */
};

/*
 * The notices not yet given in the akter the actor may see, inside the
 * caller's transaction: listed on f in o->fmt, or with o->mail written
 * to f as an mbox stream, one message to each handläggare's address,
 * and recorded as given (unless o->dry_run).  A notice that reaches no
 * address is said in warn (one line each, ending in a newline), left to
 * come again, and the return is EX_UNAVAILABLE.
 */
int sd_notice_run(struct sd_ctx *ctx, const struct sd_notice_opts *o, FILE *f,
		  struct sd_buf *warn);

#endif
