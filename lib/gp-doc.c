/*
 * gp-doc.c - what the genomförandeplan (gp.c) and the levnadsberättelse
 * (lb.c) share as documents of an akt kept in versions: the akt open
 * and writable by the actor, the date of a new version, the latest
 * version.
 */
#include <stdio.h>
#include <string.h>

#include "gp.h"

int
sd_gp_akt_for_write(struct sd_ctx *ctx, const char *ref, struct sd_akt *a)
{
	int rc;

	if ((rc = sd_akt_find(ctx, ref, a)) ||
	    (rc = sd_akt_check_write(ctx, a)))
		return rc;
	return sd_akt_check_open(ctx, a);
}

int
sd_gp_doc_date(struct sd_ctx *ctx, const struct sd_akt *a, const char *what,
	       const char *date)
{
	int rc, day, opened;

	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s %s is in the future (today is %s)"), what,
			       date, ctx->today_s);
	sd_date_parse(a->opened, &opened);
	if (day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s %s is before akt %lld was opened (%s); "
				 "check the date"),
			       what, date, a->id, a->opened);
	return 0;
}

int
sd_gp_doc_latest(struct sd_ctx *ctx, const char *sql, long long akt,
		 long long *next, char date[SD_DATE_SIZE], struct sd_buf *body)
{
	sqlite3_stmt *st;
	int rc;

	*next = 1;
	date[0] = '\0';
	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*next = sqlite3_column_int64(st, 0) + 1;
		snprintf(date, SD_DATE_SIZE, "%s", sd_col(st, 1));
		sd_buf_puts(body, sd_col(st, 2));
	}
	sd_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the latest version"));
}
