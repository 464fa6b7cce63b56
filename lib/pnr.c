/*
 * pnr.c - Swedish personnummer and samordningsnummer (SKV 704).
 *
 * Accepted: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN and
 * YYMMDD+NNNN (the person is 100 years or older).  The control digit is
 * the Luhn digit of YYMMDDNNN.  A samordningsnummer has 60 added to the
 * day; day 60 (or 00) means the day of birth is unknown.  A reservnummer
 * (YYYYMMDD-RNGC, socdok.h) stands in for a person who has neither.
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

void
sd_pnr_reserv_make(int y, int m, int d, int n, int g, char canon[13])
{
	unsigned v[] = {(unsigned)y / 1000 % 10, (unsigned)y / 100 % 10,
			(unsigned)y / 10 % 10,   (unsigned)y % 10,
			(unsigned)m / 10 % 10,   (unsigned)m % 10,
			(unsigned)d / 10 % 10,   (unsigned)d % 10};
	char nine[10];

	for (int i = 0; i < 8; i++)
		canon[i] = (char)('0' + v[i]);
	canon[8] = 'R';
	canon[9] = (char)('0' + (unsigned)n % 10);
	canon[10] = (char)('0' + (unsigned)g % 10);
	/* The control digit of YYMMDD0NG: the R counts as 0. */
	memcpy(nine, canon + 2, 6);
	nine[6] = '0';
	nine[7] = canon[9];
	nine[8] = canon[10];
	nine[9] = '\0';
	canon[11] = (char)('0' + sd_pnr_luhn(nine));
	canon[12] = '\0';
}

/* "YYYYMMDD-RNGC" or "YYYYMMDDRNGC" (R in any case): a reservnummer. */
static int
reserv_parse(struct sd_ctx *ctx, const char *s, struct sd_pnr *out)
{
	size_t n = strlen(s), off = n == 13 ? 1 : 0;
	int y, m, d;
	char want[13];

	for (size_t i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			goto bad;
	if (off && s[8] != '-')
		goto bad;
	for (size_t i = 9 + off; i < 12 + off; i++)
		if (!isdigit((unsigned char)s[i]))
			goto bad;
	y = num(s, 4);
	m = num(s + 4, 2);
	d = num(s + 6, 2);
	if (m < 1 || m > 12 || d < 1 || d > sd_days_in_month(y, m) ||
	    y < 1850 || sd_days_from_civil(y, m, d) > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("reservnummer '%s' has no valid birth date "
				 "(%.8s) that is not in the future"),
			       s, s);
	sd_pnr_reserv_make(y, m, d, s[9 + off] - '0', s[10 + off] - '0', want);
	if (want[11] != s[11 + off])
		return sd_fail(ctx, EX_DATAERR,
			       _("reservnummer '%s' is not valid: control "
				 "digit should be %c"),
			       s, want[11]);
	memcpy(out->canon, want, sizeof want);
	out->year = y;
	out->month = m;
	out->day = out->birth_day = d;
	out->reserv = 1;
	return 0;
bad:
	return sd_fail(ctx, EX_DATAERR,
		       _("reservnummer '%s' is not of the form YYYYMMDD-RNGC"),
		       s);
}

int
sd_pnr_parse(struct sd_ctx *ctx, const char *s, struct sd_pnr *out)
{
	char digits[13];
	size_t nd = 0;
	int sep = 0, y, m, d, ty, tm, td;

	memset(out, 0, sizeof *out);
	/* A reservnummer has its R where a personnummer's serial begins. */
	if ((strlen(s) == 12 && (s[8] == 'R' || s[8] == 'r')) ||
	    (strlen(s) == 13 && (s[9] == 'R' || s[9] == 'r')))
		return reserv_parse(ctx, s, out);
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd >= 12)
				return sd_fail(
					ctx, EX_DATAERR,
					_("personnummer '%s' has too many "
					  "digits; write YYYYMMDD-NNNN"),
					s);
			digits[nd++] = *p;
		} else if ((*p == '-' || *p == '+') && !sep &&
			   (nd == 6 || nd == 8)) {
			sep = *p;
		} else {
			return sd_fail(ctx, EX_DATAERR,
				       _("personnummer '%s' has a stray '%c'; "
					 "write YYYYMMDD-NNNN"),
				       s, *p);
		}
	}
	digits[nd] = '\0';
	if (nd != 10 && nd != 12)
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer '%s' has %zu digits, not 10 or "
				 "12; write YYYYMMDD-NNNN"),
			       s, nd);
	if (nd == 12 && sep == '+')
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer '%s': '+' goes only with a "
				 "two-digit year (YYMMDD+NNNN)"),
			       s);
	if (sep && ((nd == 12 && s[8] != sep) || (nd == 10 && s[6] != sep)))
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer '%s': the separator must stand "
				 "before the last four digits"),
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
			       _("personnummer '%s' has month %02d; it must be "
				 "01-12"),
			       s, m);
	out->samordning = d >= 60;
	int bd = d >= 60 ? d - 60 : d;
	if (bd > sd_days_in_month(y, m))
		return sd_fail(
			ctx, EX_DATAERR,
			_("personnummer '%s' has day %02d, but %04d-%02d "
			  "has %d days"),
			s, d, y, m, sd_days_in_month(y, m));
	if (y < 1850)
		return sd_fail(
			ctx, EX_DATAERR,
			_("personnummer '%s' is a birth date before 1850 "
			  "(%04d-%02d-%02d); check the year and the "
			  "'-' or '+'"),
			s, y, m, bd ? bd : 1);
	if ((bd > 0 && sd_days_from_civil(y, m, bd) > ctx->today) ||
	    (bd == 0 && sd_days_from_civil(y, m, 1) > ctx->today))
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer '%s' is a birth date in the "
				 "future (%04d-%02d-%02d)"),
			       s, y, m, bd ? bd : 1);
	int want = sd_pnr_luhn(ten);
	if (ten[9] - '0' != want)
		return sd_fail(
			ctx, EX_DATAERR,
			_("personnummer '%s' is not valid: control digit "
			  "should be %d"),
			s, want);
	if (y < 0 || y > 9999)
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer '%s' gives the year %d; write "
				 "the year with four digits"),
			       s, y);
	snprintf(out->canon, sizeof out->canon, "%04d%.8s", y, ten + 2);
	out->year = y;
	out->month = m;
	out->day = d;
	out->birth_day = bd;
	return 0;
}
