/*
 * Unit tests for lib/holiday.c against the published Swedish calendar
 * 2024-2030 (röda dagar per lag 1989:253, plus midsommarafton, julafton
 * and nyårsafton which lag 1930:173 treats alike), as printed in the
 * almanac (e.g. kalender.se, Svenska dagar).
 */
#include <stdlib.h>
#include <string.h>

#include "holiday.h"
#include "tap.h"

static const char *const table[] = {
	"2024: 01-01 01-06 03-29 03-31 04-01 05-01 05-09 05-19 06-06 06-21 "
	"06-22 11-02 12-24 12-25 12-26 12-31",
	"2025: 01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-06 06-08 06-20 "
	"06-21 11-01 12-24 12-25 12-26 12-31",
	"2026: 01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-06 06-19 "
	"06-20 10-31 12-24 12-25 12-26 12-31",
	"2027: 01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-06 06-25 "
	"06-26 11-06 12-24 12-25 12-26 12-31",
	"2028: 01-01 01-06 04-14 04-16 04-17 05-01 05-25 06-04 06-06 06-23 "
	"06-24 11-04 12-24 12-25 12-26 12-31",
	"2029: 01-01 01-06 03-30 04-01 04-02 05-01 05-10 05-20 06-06 06-22 "
	"06-23 11-03 12-24 12-25 12-26 12-31",
	"2030: 01-01 01-06 04-19 04-21 04-22 05-01 05-30 06-06 06-09 06-21 "
	"06-22 11-02 12-24 12-25 12-26 12-31",
};

static int
day_of(const char *s)
{
	int d = 0;
	sd_date_parse(s, &d);
	return d;
}

static const char *
fmt(int day)
{
	static char buf[4][SD_DATE_SIZE];
	static int i;
	i = (i + 1) % 4;
	return sd_date_fmt(day, buf[i]);
}

static const char *
due(const char *base, int n, const char *unit, int wd)
{
	return fmt(sd_holiday_due_day(day_of(base), n, unit, wd));
}

int
main(void)
{
	for (size_t t = 0; t < sizeof table / sizeof *table; t++) {
		int y = atoi(table[t]);
		char got[256] = "", want[256];
		snprintf(want, sizeof want, "%s", table[t]);
		snprintf(got, sizeof got, "%d:", y);
		for (int d = sd_days_from_civil(y, 1, 1);
		     d < sd_days_from_civil(y + 1, 1, 1); d++)
			if (sd_holiday_name(d)) {
				const char *s = fmt(d);
				strcat(got, " ");
				strcat(got, s + 5);
			}
		is_str(got, want, "the holidays of %d", y);
	}
	is_str(fmt(sd_easter(2026)), "2026-04-05", "Easter 2026");
	is_str(fmt(sd_easter(2038)), "2038-04-25", "Easter 2038, the latest");
	is_str(fmt(sd_easter(2285)), "2285-03-22", "Easter 2285, the earliest");
	is_str(sd_holiday_name(day_of("2026-06-19")), "midsommarafton",
	       "midsommarafton is named");
	ok(!sd_holiday_name(day_of("2026-04-02")),
	   "skärtorsdagen is not a holiday");
	ok(sd_is_workday(day_of("2026-04-02")),
	   "skärtorsdagen is a working day");
	ok(!sd_is_workday(day_of("2026-03-07")), "a Saturday is not");

	is_str(fmt(sd_next_workday(day_of("2026-12-25"))), "2026-12-28",
	       "juldagen 2026 (Friday) moves to Monday 28 December");
	is_str(fmt(sd_next_workday(day_of("2026-12-24"))), "2026-12-28",
	       "julafton moves over the whole Christmas weekend");
	is_str(fmt(sd_next_workday(day_of("2026-12-31"))), "2027-01-04",
	       "nyårsafton 2026 moves past nyårsdagen and the weekend");
	is_str(fmt(sd_next_workday(day_of("2026-06-19"))), "2026-06-22",
	       "midsommarafton moves to Monday");
	is_str(fmt(sd_next_workday(day_of("2026-04-03"))), "2026-04-07",
	       "långfredagen moves past Easter Monday");
	is_str(fmt(sd_next_workday(day_of("2026-03-02"))), "2026-03-02",
	       "a working day stays");

	is_str(due("2026-01-31", 1, "months", 0), "2026-02-28",
	       "a month from 31 January clamps to 28 February");
	is_str(due("2028-01-31", 1, "months", 0), "2028-02-29",
	       "in a leap year to the 29th");
	is_str(due("2026-08-31", 6, "months", 0), "2027-02-28",
	       "six months from 31 August");
	is_str(due("2028-02-29", 1, "years", 0), "2029-02-28",
	       "a year from 29 February");
	is_str(due("2026-01-31", 1, "months", 1), "2026-03-02",
	       "clamped to Saturday 28 February, then moved to Monday");
	is_str(due("2026-11-27", 4, "weeks", 1), "2026-12-28",
	       "four weeks to juldagen, moved to the 28th");
	is_str(due("2026-11-25", 30, "days", 1), "2026-12-28",
	       "30 days to Friday 25 December, moved");
	is_str(due("2026-11-25", 30, "days", 0), "2026-12-25",
	       "not moved when the rule says so");
	ok(sd_holiday_due_day(0, 1, "fortnights", 0) == -1, "an unknown unit");
	return done_testing();
}
