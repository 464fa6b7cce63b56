/*
 * sql.c - the SQL functions and the collation every connection gets
 * (sd_add_months, sd_rfc3339, sd_person, sd_purging, sd_fold, COLLATE
 * sv), and an SQL function's date argument and result.
 */
#include <stdlib.h>
#include <string.h>

#include "socdok.h"
#include "word.h"

/* SQL function sd_purging(): true only inside gallra's purge. */
static void
fn_purging(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct sd_ctx *ctx = sqlite3_user_data(c);
	(void)argc;
	(void)argv;
	sqlite3_result_int(c, ctx->purging);
}

int
sd_sql_date(sqlite3_value *v, int *day)
{
	const char *s = (const char *)sqlite3_value_text(v);

	return s && sd_date_parse(s, day) == 0 ? 0 : -1;
}

void
sd_sql_date_result(sqlite3_context *c, int day)
{
	char buf[SD_DATE_SIZE];

	sqlite3_result_text(c, sd_date_fmt(day, buf), 10, SQLITE_TRANSIENT);
}

/* SQL function sd_add_months(date, n): calendar months, clamped. */
static void
fn_add_months(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	int day;
	(void)argc;

	if (sd_sql_date(argv[0], &day))
		sqlite3_result_null(c);
	else
		sd_sql_date_result(
			c, sd_date_add_months(day, sqlite3_value_int(argv[1])));
}

/* SQL function sd_rfc3339(utc): a stored time with Swedish time's offset
 * (JSON for people's tools; the stored and hashed form stays UTC). */
static void
fn_rfc3339(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char buf[SD_RFC3339_SIZE];
	(void)argc;

	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_text(c, sd_time_rfc3339(s, buf), -1, SQLITE_TRANSIENT);
}

/*
 * SQL function sd_person(protected, akt, name): the name as lists, mail,
 * ics and reports show it - "Protected identity (akt N)" for a
 * protected akt (skyddade personuppgifter, akt-protect), never the name.
 */
static void
fn_person(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	char buf[128];
	(void)argc;

	if (sqlite3_value_int(argv[0])) {
		snprintf(buf, sizeof buf, _("Protected identity (akt %lld)"),
			 (long long)sqlite3_value_int64(argv[1]));
		sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_result_value(c, argv[2]);
}

/*
 * SQL function sd_fold(text): the text folded as a typed word is
 * (word.h), so that a word looked up in a table (a rule id, a unit's
 * name) is found typed without å, ä, ö or in other case.  NULL stays
 * NULL.
 */
static void
fn_fold(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	(void)argc;

	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_text(c, sd_word_fold(s), -1, free);
}

static int
coll_sv(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	return sd_collate_sv(a, na, b, nb);
}

int
sd_sql_register(struct sd_ctx *ctx)
{
	int flags = SQLITE_UTF8;

	if (sqlite3_create_function(ctx->db, "sd_purging", 0, flags, ctx,
				    fn_purging, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_add_months", 2,
				    flags | SQLITE_DETERMINISTIC, NULL,
				    fn_add_months, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_rfc3339", 1, flags, NULL,
				    fn_rfc3339, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_person", 3, flags, NULL,
				    fn_person, NULL, NULL) ||
	    sqlite3_create_function(ctx->db, "sd_fold", 1,
				    flags | SQLITE_DETERMINISTIC, NULL, fn_fold,
				    NULL, NULL) ||
	    sqlite3_create_collation(ctx->db, "sv", SQLITE_UTF8, NULL, coll_sv))
		return sd_fail_db(ctx, _("cannot register functions"));
	return 0;
}
