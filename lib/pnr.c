/*
 * pnr.c - Swedish personnummer and samordningsnummer (SKV 704).
 *
 * Accepted: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN and
 * YYMMDD+NNNN (the person is 100 years or older).  The control digit is
 * the Luhn digit of YYMMDDNNN.  A samordningsnummer has 60 added to the
 * day; day 60 (or 00) means the day of birth is unknown.
 */
#include <ctype.h>
#include <string.h>

#include "socdok.h"

int
sd_pnr_luhn(const char *nine)
{
	int sum = 0;

	for (int i = 0; i < 9; i++) {
		int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return (10 - sum % 10) % 10;
}

char *
sd_pnr_display(const char *canon, char buf[14])
{
	if (strlen(canon) != 12) {
		snprintf(buf, 14, "%s", canon);
		return buf;
	}
	snprintf(buf, 14, "%.8s-%.4s", canon, canon + 8);
	return buf;
}

static int
num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int
sd_pnr_parse(struct sd_ctx *ctx, const char *s, struct sd_pnr *out)
{
	char digits[13];
	size_t nd = 0;
	int sep = 0, y, m, d, ty, tm, td;

	memset(out, 0, sizeof *out);
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd >= 12)
				return sd_fail(ctx, EX_DATAERR,
					       "personnummer '%s' has too many "
					       "digits; write YYYYMMDD-NNNN",
					       s);
			digits[nd++] = *p;
		} else if ((*p == '-' || *p == '+') && !sep &&
			   (nd == 6 || nd == 8)) {
			sep = *p;
		} else {
			return sd_fail(ctx, EX_DATAERR,
				       "personnummer '%s' has a stray '%c'; "
				       "write YYYYMMDD-NNNN",
				       s, *p);
		}
	}
	digits[nd] = '\0';
	if (nd != 10 && nd != 12)
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' has %zu digits, not 10 or "
			       "12; write YYYYMMDD-NNNN",
			       s, nd);
	if (nd == 12 && sep == '+')
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s': '+' goes only with a "
			       "two-digit year (YYMMDD+NNNN)",
			       s);
	if (sep && ((nd == 12 && s[8] != sep) || (nd == 10 && s[6] != sep)))
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s': the separator must stand "
			       "before the last four digits",
			       s);

	const char *ten = nd == 12 ? digits + 2 : digits;
	m = num(ten + 2, 2);
	d = num(ten + 4, 2);
	sd_civil_from_days(ctx->today, &ty, &tm, &td);
	if (nd == 12) {
		y = num(digits, 4);
	} else {
		int yy = num(ten, 2);
		y = ty - ((ty - yy) % 100 + 100) % 100;
		/* Born later this year than today would be in the future. */
		int dd = d > 60 ? d - 60 : d;
		if (y == ty && (m > tm || (m == tm && dd > td)))
			y -= 100;
		if (sep == '+')
			y -= 100;
	}
	if (m < 1 || m > 12)
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' has month %02d; it must be "
			       "01-12",
			       s, m);
	out->samordning = d >= 60;
	int bd = d >= 60 ? d - 60 : d;
	if (bd > sd_days_in_month(y, m))
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' has day %02d, but %04d-%02d "
			       "has %d days",
			       s, d, y, m, sd_days_in_month(y, m));
	if (y < 1850)
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' is a birth date before 1850 "
			       "(%04d-%02d-%02d); check the year and the "
			       "'-' or '+'",
			       s, y, m, bd ? bd : 1);
	if ((bd > 0 && sd_days_from_civil(y, m, bd) > ctx->today) ||
	    (bd == 0 && sd_days_from_civil(y, m, 1) > ctx->today))
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' is a birth date in the "
			       "future (%04d-%02d-%02d)",
			       s, y, m, bd ? bd : 1);
	int want = sd_pnr_luhn(ten);
	if (ten[9] - '0' != want)
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' is not valid: control digit "
			       "should be %d",
			       s, want);
	if (y < 0 || y > 9999)
		return sd_fail(ctx, EX_DATAERR,
			       "personnummer '%s' gives the year %d; write "
			       "the year with four digits",
			       s, y);
	snprintf(out->canon, sizeof out->canon, "%04d%.8s", y, ten + 2);
	out->year = y;
	out->month = m;
	out->day = d;
	out->birth_day = bd;
	return 0;
}
