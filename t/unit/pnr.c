/*
 * Unit tests for lib/pnr.c: the accepted forms of a personnummer, the
 * century of a short form relative to a fixed today, samordningsnummer,
 * unknown day of birth, the Luhn control digit, reservnummer and every
 * refusal.
 */
#include <string.h>

#include "socdok.h"
#include "tap.h"

static struct sd_ctx ctx;

/* Parse s with today fixed at today; returns the canonical form or NULL. */
static const char *
canon(const char *today, const char *s)
{
	static struct sd_pnr p;

	sd_set_today(&ctx, today);
	sd_err_clear(&ctx);
	if (sd_pnr_parse(&ctx, s, &p) != 0)
		return NULL;
	return p.canon;
}

/* Parse s (today 2026-03-02), expecting EX_DATAERR and part in the message. */
static void
refused(const char *s, const char *part, const char *what)
{
	struct sd_pnr p;
	int rc;

	sd_set_today(&ctx, "2026-03-02");
	sd_err_clear(&ctx);
	rc = sd_pnr_parse(&ctx, s, &p);
	ok(rc == EX_DATAERR && strstr(ctx.err.msg, part) != NULL,
	   "refused: %s (%s)", what, s);
	if (rc != EX_DATAERR || !strstr(ctx.err.msg, part))
		printf("#   rc %d, message '%s', want '%s'\n", rc, ctx.err.msg,
		       part);
}

static void
test_luhn(void)
{
	/* Skatteverket's own example: 811218-9876. */
	is_int(sd_pnr_luhn("811218987"), 6, "Luhn digit of 811218-987x is 6");
	is_int(sd_pnr_luhn("450312123"), 0, "Luhn digit of 450312-123x is 0");
	is_int(sd_pnr_luhn("000000000"), 0, "Luhn digit of all zeros is 0");
	/* A digit doubled to 18 counts as 1 + 8 = 9. */
	is_int(sd_pnr_luhn("900000000"), 1, "a doubled 9 counts as 9");
	is_int(sd_pnr_luhn("090000000"), 1, "an undoubled 9 counts as 9");
	is_int(sd_pnr_luhn("121212121"), 2, "Luhn digit of 121212-121x is 2");
}

static void
test_forms(void)
{
	const char *t = "2026-03-02";

	is_str(canon(t, "19450312-1230"), "194503121230", "YYYYMMDD-NNNN");
	is_str(canon(t, "194503121230"), "194503121230", "YYYYMMDDNNNN");
	is_str(canon(t, "450312-1230"), "194503121230", "YYMMDD-NNNN");
	is_str(canon(t, "4503121230"), "194503121230", "YYMMDDNNNN");
	is_str(canon(t, "811218-9876"), "198112189876",
	       "Skatteverket's example 811218-9876");
	is_str(canon(t, "20121212-1212"), "201212121212",
	       "born in this century, long form");
	is_str(canon(t, "121212-1212"), "201212121212",
	       "short form: the century is the latest one in the past");
}

static void
test_century(void)
{
	/* The same six digits are born today, or 100 years ago. */
	is_str(canon("2026-03-02", "260302-0005"), "202603020005",
	       "a short form of today's date is born today");
	is_str(canon("2026-03-01", "260302-0005"), "192603020005",
	       "a short form of tomorrow's date is a century back");
	is_str(canon("2026-03-02", "260302+0005"), "192603020005",
	       "'+' means 100 years or older");
	is_str(canon("2026-03-02", "991231+1231"), "189912311231",
	       "'+' on a date in the 1890s");
	is_str(canon("2026-03-02", "991231-1231"), "199912311231",
	       "'-' on the same date is the 1990s");
	is_str(canon("2000-01-01", "991231-1231"), "199912311231",
	       "the century follows today (today 2000-01-01)");
	is_str(canon("2000-01-01", "000101-0008"), "200001010008",
	       "born on the fixed today itself");
	is_str(canon("1999-12-31", "000101-0008"), "190001010008",
	       "the day after the fixed today is a century back");
	is_str(canon("2026-03-02", "19260302-0005"), "192603020005",
	       "the long form is never moved a century");
	ok(canon("2026-03-01", "260302+0005") == NULL,
	   "'+' on a date later this year would be 1826: refused");
	ok(strstr(ctx.err.msg, "before 1850") != NULL,
	   "... as a birth year before 1850, not as one in the future");
}

static void
test_samordning(void)
{
	struct sd_pnr p;

	sd_set_today(&ctx, "2026-03-02");
	ok(sd_pnr_parse(&ctx, "19450372-1237", &p) == 0,
	   "samordningsnummer: day 72 is day 12 + 60");
	is_int(p.samordning, 1, "... is a samordningsnummer");
	is_int(p.day, 72, "... the day as written is kept");
	is_int(p.birth_day, 12, "... the real day of birth is 12");
	is_str(p.canon, "194503721237", "... stored with the 60 added");
	ok(sd_pnr_parse(&ctx, "450391-1234", &p) == 0 && p.birth_day == 31,
	   "samordningsnummer short form, day 91 = 31 March");
	is_str(p.canon, "194503911234", "... in the 1900s");
	refused("19450292-1234", "has day 92",
		"samordningsnummer day 92 (32 February)");
	refused("19450289-1231", "has 28 days",
		"samordningsnummer 29 February in a non-leap year");
	ok(sd_pnr_parse(&ctx, "19440289-1230", &p) == 0 && p.birth_day == 29,
	   "samordningsnummer 29 February in a leap year");
}

static void
test_unknown_day(void)
{
	struct sd_pnr p;

	sd_set_today(&ctx, "2026-03-02");
	ok(sd_pnr_parse(&ctx, "19450360-1238", &p) != 0 &&
		   strstr(ctx.err.msg, "control digit should be 1"),
	   "a wrong control digit on an unknown day is still refused");
	ok(sd_pnr_parse(&ctx, "19450360-1231", &p) == 0,
	   "samordningsnummer with day 60: day of birth unknown");
	is_int(p.birth_day, 0, "... birth_day is 0 (unknown)");
	is_int(p.samordning, 1, "... and it is a samordningsnummer");
	ok(sd_pnr_parse(&ctx, "19450300-1234", &p) == 0 && p.birth_day == 0,
	   "day 00: day of birth unknown");
	is_int(p.samordning, 0, "... and it is not a samordningsnummer");
	is_str(p.canon, "194503001234", "... kept as written");
}

static void
test_refusals(void)
{
	refused("19450312-1234", "control digit should be 0",
		"wrong control digit, with the expected one");
	refused("450312-1237", "control digit should be 0",
		"wrong control digit in the short form");
	refused("19450230-1230", "has day 30, but 1945-02 has 28 days",
		"30 February");
	refused("19450431-1234", "has day 31, but 1945-04 has 30 days",
		"31 April");
	refused("19230229-1230", "has day 29, but 1923-02 has 28 days",
		"29 February in a non-leap year");
	refused("19000229-1234", "has day 29, but 1900-02 has 28 days",
		"29 February 1900 (not a leap year)");
	refused("19451312-1230", "has month 13; it must be 01-12", "month 13");
	refused("19450012-1230", "has month 00", "month 00");
	refused("19450312-123", "has 11 digits, not 10 or 12",
		"too few digits");
	refused("1945031212301", "too many digits", "too many digits");
	refused("", "has 0 digits", "empty");
	refused("19450312-123x", "stray 'x'", "a letter");
	refused("19450312 1230", "stray ' '", "a space");
	refused("1945-03-12-1230", "stray '-'", "a date with dashes");
	refused("19450312--1230", "stray '-'", "two separators");
	refused("194503-121230", "separator must stand before the last four",
		"separator in the wrong place");
	refused("19450312+1230", "'+' goes only with a two-digit year",
		"'+' with a four-digit year");
	refused("20270101-1234", "in the future (2027-01-01)",
		"a birth date in the future");
	refused("20260303-1234", "in the future (2026-03-03)", "born tomorrow");
	refused("18491231-1234", "before 1850", "a birth year before 1850");
	refused("450312+1230", "before 1850",
		"'+' on a date that would be 1845");
}

static void
test_reserv(void)
{
	struct sd_pnr p;
	char c[13];

	sd_set_today(&ctx, "2026-03-02");
	/* Luhn of 800101 0 0 1 is 9: the R counts as 0. */
	sd_pnr_reserv_make(1980, 1, 1, 0, 1, c);
	is_str(c, "19800101R019", "reservnummer made: date, R, N, G, C");
	sd_pnr_reserv_make(1980, 1, 1, 0, 0, c);
	is_str(c, "19800101R001", "... serial 0, a woman's gender digit 0");
	ok(sd_pnr_parse(&ctx, "19800101-R019", &p) == 0 && p.reserv,
	   "reservnummer YYYYMMDD-RNGC parsed");
	is_str(p.canon, "19800101R019", "... stored as 12 characters");
	is_int(p.birth_day, 1, "... its day of birth");
	is_int(p.samordning, 0, "... not a samordningsnummer");
	ok(canon("2026-03-02", "19800101r019") &&
		   strcmp(canon("2026-03-02", "19800101r019"),
			  "19800101R019") == 0,
	   "reservnummer without '-', lower-case r");
	ok(sd_pnr_parse(&ctx, "19450312-1230", &p) == 0 && !p.reserv,
	   "a personnummer is not a reservnummer");
	refused("19800101-R010", "control digit should be 9",
		"reservnummer with a wrong control digit");
	refused("19800101-R01", "stray 'R'", "reservnummer too short");
	refused("19800132-R019", "no valid birth date",
		"reservnummer on 32 January");
	refused("20270101-R019", "no valid birth date",
		"reservnummer born in the future");
	refused("1980010-1R019", "not of the form YYYYMMDD-RNGC",
		"reservnummer with the '-' misplaced");
}

static void
test_display(void)
{
	char buf[14];

	is_str(sd_pnr_display("194503121230", buf), "19450312-1230",
	       "display puts the '-' before the last four digits");
	is_str(sd_pnr_display("12345", buf), "12345",
	       "display leaves a non-canonical string as it is");
}

int
main(void)
{
	sd_ctx_init(&ctx, "pnr-test");
	test_luhn();
	test_forms();
	test_century();
	test_samordning();
	test_unknown_day();
	test_refusals();
	test_reserv();
	test_display();
	sd_ctx_free(&ctx);
	return done_testing();
}
