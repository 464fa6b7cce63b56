/*
 * holiday.h - the Swedish calendar of working days, and due dates.
 *
 * Public holidays (lag 1989:253 om allmänna helgdagar) are computed, not
 * listed: Easter by the Gregorian computus, midsommardagen as the
 * Saturday in 20-26 June, alla helgons dag as the Saturday in
 * 31 October - 6 November.  A deadline that falls on a Saturday, Sunday,
 * public holiday, midsommarafton, julafton or nyårsafton moves to the
 * next working day (lag 1930:173 om beräkning av lagstadgad tid).
 */
#ifndef SD_HOLIDAY_H
#define SD_HOLIDAY_H

#include "socdok.h"

/* Easter Sunday of year y as a day number. */
int sd_easter(int y);

/*
 * The name of the holiday (or afton) on day, or NULL for an ordinary
 * day.  Saturdays and Sundays are not named unless they are holidays.
 */
const char *sd_holiday_name(int day);

/* 1 when day is a working day: Monday-Friday and not a holiday/afton. */
int sd_is_workday(int day);

/* day itself when a working day, else the next working day. */
int sd_next_workday(int day);

/*
 * base plus amount of unit ("days", "weeks", "months" or "years";
 * months and years are calendar months, clamped at the month's end),
 * moved to the next working day when workday is set.  -1 for a bad unit.
 */
int sd_holiday_due_day(int base, int amount, const char *unit, int workday);

/*
 * Register the SQL functions sd_due(base, amount, unit, workday) (a date
 * or NULL), sd_due_last(horizon, amount, unit, workday) (the last base
 * date due by horizon, or NULL), sd_workday(date) (the date or the next
 * working day) and sd_holiday(date) (its name or NULL) on ctx->db.
 */
int sd_holiday_register(struct sd_ctx *ctx);

#endif
