/* Unit tests for lib/date.c: day numbers, parsing, month arithmetic. */
#include "socdok.h"
#include "tap.h"

static const char *
add(const char *d, int months)
{
	static char buf[SD_DATE_SIZE];
	int day;

	sd_date_parse(d, &day);
	return sd_date_fmt(sd_date_add_months(day, months), buf);
}

int
main(void)
{
	int day;
	char buf[SD_DATE_SIZE];

	is_int(sd_days_from_civil(1970, 1, 1), 0, "epoch is day 0");
	ok(sd_date_parse("2026-02-29", &day) != 0, "2026-02-29 does not exist");
	ok(sd_date_parse("2028-02-29", &day) == 0, "2028-02-29 exists");
	ok(sd_date_parse("2026-1-01", &day) != 0, "short month refused");
	ok(sd_date_parse("2026-13-01", &day) != 0, "month 13 refused");
	sd_date_parse("2026-12-25", &day);
	is_str(sd_date_fmt(day, buf), "2026-12-25", "round trip");
	is_int(sd_weekday(day), 4, "2026-12-25 is a Friday");
	is_str(add("2026-01-31", 1), "2026-02-28", "Jan 31 + 1 month clamps");
	is_str(add("2028-01-31", 1), "2028-02-29",
	       "leap year clamps to the 29th");
	is_str(add("2026-03-31", -1), "2026-02-28", "minus one month clamps");
	is_str(add("2026-08-15", 6), "2027-02-15",
	       "six months over a year end");
	is_str(add("2028-02-29", 12), "2029-02-28", "a year after 29 February");
	return done_testing();
}
