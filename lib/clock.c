/*
 * clock.c - the time records are written at (issue 18, "Clock"): read
 * once per transaction after the write lock is taken, so that records
 * are in time order with their ids and concurrent writers never trip
 * over each other.  Every record of one transaction has the same time.
 *
 * That time may not be earlier than the newest written-at time already
 * in the database, less SD_CLOCK_BACK (an NTP step): a clock moved back,
 * by faketime or a wrong server clock, is refused with EX_TEMPFAIL
 * before anything is written, rather than stored as history.  The
 * newest time is the one row of the table clock (0235), read here and
 * moved forward by every commit (sd_clock_keep), one look-up and at
 * most one row written per transaction.
 */
#include <string.h>

#include "check.h"
#include "socdok.h"

const char *
sd_clock(struct sd_ctx *ctx)
{
	if (!ctx->now[0])
		sd_now(ctx->now);
	return ctx->now;
}

int
sd_clock_check(struct sd_ctx *ctx)
{
	sqlite3_stmt *st;
	char *newest = ctx->newest;
	char was[SD_RFC3339_SIZE], is[SD_RFC3339_SIZE];
	long long n, t;

	newest[0] = '\0';
	if (!(st = sd_prepare(ctx, "SELECT newest FROM clock")))
		return ctx->err.code;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(newest, sizeof ctx->newest, "%s", sd_col(st, 0));
	sd_finalize(st);
	if (!newest[0] || (n = sd_time_secs(newest)) < 0)
		return 0;
	t = sd_time_secs(ctx->now);
	if (t >= n - SD_CLOCK_BACK)
		return 0;
	return sd_fail(ctx, EX_TEMPFAIL,
		       _("the clock says %s, earlier than the newest record "
			 "in the database (%s): records are written in time "
			 "order; set the system clock right and run the "
			 "command again"),
		       sd_time_rfc3339(ctx->now, is),
		       sd_time_rfc3339(newest, was));
}

int
sd_clock_take(struct sd_ctx *ctx)
{
	sd_now(ctx->now);
	ctx->newest[0] = '\0';
	ctx->changes0 = sqlite3_total_changes(ctx->db);
	/* (a migration checks once its table is there: sd_migrate) */
	return ctx->migrating ? 0 : sd_clock_check(ctx);
}

int
sd_clock_keep(struct sd_ctx *ctx)
{
	/*
	 * The write lock is held since newest was read: only a later
	 * second is written (at most one row a second, not one a commit),
	 * and only by a transaction that wrote something (a refused
	 * command that commits nothing leaves the file as it was).
	 */
	if (!ctx->now[0] || strcmp(ctx->now, ctx->newest) <= 0 ||
	    sqlite3_total_changes(ctx->db) == ctx->changes0)
		return 0;
	long long before = sqlite3_total_changes64(ctx->db);
	int rc = sd_exec(ctx, "UPDATE clock SET newest = ?1 WHERE newest < ?1",
			 ctx->now, SD_END);
	/* (the clock moved by a read's log line is not a record) */
	sd_check_log_since(ctx, before);
	return rc;
}
