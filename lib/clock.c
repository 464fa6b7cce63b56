/*
 * clock.c - the time records are written at (issue 18, "Clock"): read
 * once per transaction after the write lock is taken, so that records
 * are in time order with their ids and concurrent writers never trip
 * over each other.  Every record of one transaction has the same time.
 */
#include "socdok.h"

const char *
sd_clock(struct sd_ctx *ctx)
{
	if (!ctx->now[0])
		sd_now(ctx->now);
	return ctx->now;
}

int
sd_clock_take(struct sd_ctx *ctx)
{
	sd_now(ctx->now);
	return 0;
}
