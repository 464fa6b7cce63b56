/*
 * holiday.c - Swedish public holidays and working days (see holiday.h).
 */
#include <string.h>

#include "holiday.h"

int
sd_easter(int y)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return sd_days_from_civil(y, month, day);
}

/* The first day >= from (a day number) that is weekday wd (0 = Monday). */
static int
first_weekday(int from, int wd)
{
	return from + (wd - sd_weekday(from) + 7) % 7;
}

const char *
sd_holiday_name(int day)
{
	int y, m, d;

	sd_civil_from_days(day, &y, &m, &d);
	switch (m * 100 + d) {
	case 101: return "nyårsdagen";
	case 106: return "trettondedag jul";
	case 501: return "första maj";
	case 606: return "Sveriges nationaldag";
	case 1224: return "julafton";
	case 1225: return "juldagen";
	case 1226: return "annandag jul";
	case 1231: return "nyårsafton";
	}
	int e = sd_easter(y);
	if (day == e - 2)
		return "långfredagen";
	if (day == e)
		return "påskdagen";
	if (day == e + 1)
		return "annandag påsk";
	if (day == e + 39)
		return "Kristi himmelsfärds dag";
	if (day == e + 49)
		return "pingstdagen";
	int midsommar = first_weekday(sd_days_from_civil(y, 6, 20), 5);
	if (day == midsommar)
		return "midsommardagen";
	if (day == midsommar - 1)
		return "midsommarafton";
	if (day == first_weekday(sd_days_from_civil(y, 10, 31), 5))
		return "alla helgons dag";
	return NULL;
}

int
sd_is_workday(int day)
{
	return sd_weekday(day) < 5 && !sd_holiday_name(day);
}

int
sd_next_workday(int day)
{
	while (!sd_is_workday(day))
		day++;
	return day;
}

int
sd_holiday_due_day(int base, int amount, const char *unit, int workday)
{
	int day;

	if (strcmp(unit, "days") == 0)
		day = base + amount;
	else if (strcmp(unit, "weeks") == 0)
		day = base + 7 * amount;
	else if (strcmp(unit, "months") == 0)
		day = sd_date_add_months(base, amount);
	else if (strcmp(unit, "years") == 0)
		day = sd_date_add_months(base, 12 * amount);
	else
		return -1;
	return workday ? sd_next_workday(day) : day;
}

/* Is unit one a rule's interval is counted in? */
static int
is_unit(const char *unit)
{
	return unit && (!strcmp(unit, "days") || !strcmp(unit, "weeks") ||
			!strcmp(unit, "months") || !strcmp(unit, "years"));
}

static void
fn_due(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *unit = (const char *)sqlite3_value_text(argv[2]);
	int day;
	(void)argc;

	if (sd_sql_date(argv[0], &day) || !is_unit(unit))
		sqlite3_result_null(c);
	else
		sd_sql_date_result(
			c,
			sd_holiday_due_day(day, sqlite3_value_int(argv[1]),
					   unit, sqlite3_value_int(argv[3])));
}

/*
 * sd_due_last(horizon, amount, unit, workday): the last base date whose
 * due date (sd_due) is on or before horizon, or NULL if there is none.
 * The due date never moves back when the base moves forward (months are
 * clamped, a holiday moves it forward), so "sd_due(b) <= horizon" is
 * "b <= sd_due_last(horizon)": one call per rule lets the report skip,
 * with a string comparison, the events that are not yet due.
 */
static void
fn_due_last(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *unit = (const char *)sqlite3_value_text(argv[2]);
	int amount = sqlite3_value_int(argv[1]);
	int wd = sqlite3_value_int(argv[3]);
	int h, lo = sd_days_from_civil(1800, 1, 1);
	int hi = sd_days_from_civil(9999, 12, 31);
	(void)argc;

	if (sd_sql_date(argv[0], &h) || !is_unit(unit) ||
	    sd_holiday_due_day(lo, amount, unit, wd) > h) {
		sqlite3_result_null(c);
		return;
	}
	/* invariant: due(lo) <= h; find the last such day up to hi */
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		if (sd_holiday_due_day(mid, amount, unit, wd) <= h)
			lo = mid;
		else
			hi = mid - 1;
	}
	sd_sql_date_result(c, lo);
}

static void
fn_workday(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	int day;
	(void)argc;

	if (sd_sql_date(argv[0], &day))
		sqlite3_result_null(c);
	else
		sd_sql_date_result(c, sd_next_workday(day));
}

static void
fn_holiday(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *name;
	int day;
	(void)argc;

	if (sd_sql_date(argv[0], &day) || !(name = sd_holiday_name(day)))
		sqlite3_result_null(c);
	else
		sqlite3_result_text(c, name, -1, SQLITE_STATIC);
}

int
sd_holiday_register(struct sd_ctx *ctx)
{
	int fl = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	if (sqlite3_create_function(ctx->db, "sd_due", 4, fl, NULL, fn_due,
				    NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_due_last", 4, fl, NULL,
				    fn_due_last, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_workday", 1, fl, NULL,
				    fn_workday, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_holiday", 1, fl, NULL,
				    fn_holiday, NULL, NULL))
		return sd_fail_db(ctx,
				  _("cannot register the calendar functions"));
	return 0;
}
