/*
 * date.c - calendar dates as day numbers.
 *
 * Day numbers count days since 1970-01-01 in the proleptic Gregorian
 * calendar (Howard Hinnant's civil_from_days / days_from_civil).  Months
 * are calendar months with end-of-month clamping (DESIGN.md: 2026-01-31
 * + 1 month = 2026-02-28).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "socdok.h"

int
sd_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 +
		       (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void
sd_civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

int
sd_days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

int
sd_date_parse(const char *s, int *day)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > sd_days_in_month(y, m))
		return -2;
	*day = sd_days_from_civil(y, m, d);
	return 0;
}

char *
sd_date_fmt(int day, char buf[SD_DATE_SIZE])
{
	int y, m, d;

	sd_civil_from_days(day, &y, &m, &d);
	y %= 10000;
	if (y < 0) {
		/* Not a real date: "-YYY-MM-DD" keeps it to the 10 bytes. */
		snprintf(buf, 11, "-%03u-%02u-%02u", (unsigned)-y % 1000u,
			 (unsigned)m % 100u, (unsigned)d % 100u);
		return buf;
	}
	/* (by hand: the due-date report formats a few hundred thousand) */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int
sd_date_add_months(int day, int n)
{
	int y, m, d;

	sd_civil_from_days(day, &y, &m, &d);
	int idx = y * 12 + (m - 1) + n;
	y = idx / 12;
	m = idx % 12 + 1;
	if (d > sd_days_in_month(y, m))
		d = sd_days_in_month(y, m);
	return sd_days_from_civil(y, m, d);
}

int
sd_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}

char *
sd_now(char buf[SD_TIME_SIZE])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, SD_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

int
sd_date_opt(struct sd_ctx *ctx, const char *opt, const char *s, int *day)
{
	int rc = sd_date_parse(s, day);

	/* socdok(7): a malformed date is a usage error (64), a date that
	 * is written right but does not exist (2026-02-30) bad data (65). */
	if (rc == -2)
		return sd_fail(ctx, EX_DATAERR,
			       _("there is no date '%s' (%s); write a day of "
				 "the calendar as YYYY-MM-DD"),
			       s, opt);
	if (rc != 0)
		return sd_fail(
			ctx, EX_USAGE,
			_("bad date '%s' for %s; write it as YYYY-MM-DD"), s,
			opt);
	return 0;
}

/*
 * Swedish time: CET, CEST from the last Sunday of March to the last
 * Sunday of October (the EU's rule, Sweden's since 1996), as a POSIX
 * TZ string so that no time zone file is needed.
 */
#define SD_TZ_SWEDEN "CET-1CEST,M3.5.0,M10.5.0/3"

void
sd_tz_init(void)
{
	setenv("TZ", SD_TZ_SWEDEN, 1);
	tzset();
}

/* "YYYY-MM-DDTHH:MM:SSZ" to seconds since the epoch; -1 if malformed. */
static int
utc_parse(const char *s, time_t *t)
{
	int day, h, mi, se;
	char date[SD_DATE_SIZE];

	if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (sd_date_parse(date, &day) ||
	    sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &se) != 3 || h > 23 ||
	    mi > 59 || se > 60)
		return -1;
	*t = (time_t)day * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

long long
sd_time_secs(const char *utc)
{
	time_t t;

	return utc_parse(utc, &t) ? -1 : (long long)t;
}

char *
sd_time_local(const char *utc, char buf[SD_LOCAL_SIZE])
{
	struct tm tm;
	time_t t;

	if (utc_parse(utc, &t) || !localtime_r(&t, &tm) ||
	    !strftime(buf, SD_LOCAL_SIZE, "%Y-%m-%d %H:%M", &tm))
		snprintf(buf, SD_LOCAL_SIZE, "%s", utc ? utc : "");
	return buf;
}

char *
sd_time_rfc3339(const char *utc, char buf[SD_RFC3339_SIZE])
{
	struct tm tm;
	time_t t;
	char z[8];

	if (utc_parse(utc, &t) || !localtime_r(&t, &tm) ||
	    !strftime(z, sizeof z, "%z", &tm) || strlen(z) != 5 ||
	    !strftime(buf, SD_RFC3339_SIZE, "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, SD_RFC3339_SIZE, "%s", utc ? utc : "");
		return buf;
	}
	/* %z is "+0100"; RFC 3339 wants "+01:00". */
	snprintf(buf + 19, SD_RFC3339_SIZE - 19, "%.3s:%.2s", z, z + 3);
	return buf;
}

int
sd_set_today(struct sd_ctx *ctx, const char *asof)
{
	const char *src = "--as-of";

	if (!asof || !*asof) {
		asof = secure_getenv("SOCDOK_TODAY");
		src = "SOCDOK_TODAY";
	}
	if (asof && *asof) {
		if (sd_date_opt(ctx, src, asof, &ctx->today))
			return ctx->err.code;
	} else {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		ctx->today = sd_days_from_civil(tm.tm_year + 1900,
						tm.tm_mon + 1, tm.tm_mday);
	}
	sd_date_fmt(ctx->today, ctx->today_s);
	return 0;
}
