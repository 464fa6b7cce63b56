/*
 * query.c - SQL statements: prepared (and cached per connection),
 * bound, run; one value, a list of ids, a write run and given back.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "socdok.h"

const char sd_end[] = "";

/*
 * The statement cache: a statement sd_prepare made is kept when
 * sd_finalize is done with it (reset, bindings cleared) and handed out
 * again for the same SQL text on the same connection, so a command that
 * runs the same SQL per item (journal-add --batch, gallra, the exports)
 * compiles it once.  Keyed by the text, not the pointer: SQL built in a
 * buffer may reuse its address.  A statement still in use when its text
 * is asked for again (a nested use) is not shared: a fresh one is
 * prepared and finalized as before.  sd_ctx_free finalizes the cache
 * before closing (sd_stcache_drop).
 *
 * A text is kept from the second time it is asked for: the first time
 * its statement is finalized after use, as most of a one-off command's
 * statements are used once (akt-show's 30), and a statement kept holds
 * its program in memory to the end, each one fresh pages (page faults)
 * where a finalized one's memory is used again by the next (issue 17).
 * seen[] remembers the texts asked for once (their hash; a collision
 * only keeps a statement early).
 */
#define STC_N 96
static struct stc_ent {
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned hash;
	int busy;
	unsigned long used;
	const char *text; /* where the SQL was when last asked for */
} stc[STC_N];
static unsigned long stc_clock;
#define SEEN_N 256
static struct {
	sqlite3 *db;
	unsigned hash;
} seen[SEEN_N];
static unsigned seen_next;

/* Has this text been asked for on db before?  If not, remember it. */
static int
seen_before(sqlite3 *db, unsigned h)
{
	for (int i = 0; i < SEEN_N; i++)
		if (seen[i].hash == h && seen[i].db == db)
			return 1;
	seen[seen_next].db = db;
	seen[seen_next].hash = h;
	seen_next = (seen_next + 1) % SEEN_N;
	return 0;
}

static unsigned
stc_hash(const char *s)
{
	return sd_fnv1a(SD_FNV1A_BASIS, s);
}

void
sd_stcache_drop(sqlite3 *db)
{
	for (int i = 0; i < STC_N; i++)
		if (stc[i].st && stc[i].db == db) {
			sqlite3_finalize(stc[i].st);
			memset(&stc[i], 0, sizeof stc[i]);
		}
	/* (a later connection may have the same address) */
	for (int i = 0; i < SEEN_N; i++)
		if (seen[i].db == db)
			memset(&seen[i], 0, sizeof seen[i]);
}

int
sd_finalize(sqlite3_stmt *st)
{
	if (!st)
		return SQLITE_OK;
	for (int i = 0; i < STC_N; i++)
		if (stc[i].st == st) {
			int rc = sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			stc[i].busy = 0;
			return rc;
		}
	return sqlite3_finalize(st);
}

sqlite3_stmt *
sd_prepare(struct sd_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	unsigned h;
	int victim = -1, shared = 0;

	/*
	 * Asked for again from the same place (a string constant, as
	 * nearly always): the text compared, not hashed -- a batch asks
	 * for some twenty statements a note.  The text decides, not the
	 * pointer (a buffer may hold other SQL now).
	 */
	for (int i = 0; i < STC_N; i++) {
		struct stc_ent *e = &stc[i];
		if (e->text == sql && e->st && e->db == ctx->db && !e->busy &&
		    strcmp(sqlite3_sql(e->st), sql) == 0) {
			e->busy = 1;
			e->used = ++stc_clock;
			return e->st;
		}
	}
	h = stc_hash(sql);
	for (int i = 0; i < STC_N; i++) {
		struct stc_ent *e = &stc[i];
		if (e->st && e->db == ctx->db && e->hash == h &&
		    strcmp(sqlite3_sql(e->st), sql) == 0) {
			if (e->busy) {
				shared = 1;
				continue;
			}
			e->busy = 1;
			e->used = ++stc_clock;
			e->text = sql;
			return e->st;
		}
		if (!e->st) {
			if (victim < 0 || stc[victim].st)
				victim = i;
		} else if (!e->busy &&
			   (victim < 0 ||
			    (stc[victim].st && e->used < stc[victim].used)))
			victim = i;
	}
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sd_fail_db(ctx, _("cannot prepare statement"));
		sd_check_schema_error(ctx);
		return NULL;
	}
	/*
	 * One statement (several ';'-separated are not cached), not shared,
	 * asked for before.
	 */
	if (!st || shared || victim < 0 || strcmp(sqlite3_sql(st), sql) != 0 ||
	    !seen_before(ctx->db, h))
		return st;
	if (stc[victim].st)
		sqlite3_finalize(stc[victim].st);
	stc[victim] = (struct stc_ent){ctx->db, st, h, 1, ++stc_clock, sql};
	return st;
}

void
sd_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *
sd_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

/* Prepare sql and bind the NULL-terminated text arguments in ap. */
static sqlite3_stmt *
prepare_va(struct sd_ctx *ctx, const char *sql, va_list ap)
{
	sqlite3_stmt *st = sd_prepare(ctx, sql);
	const char *arg;
	int i = 1;

	if (!st)
		return NULL;
	while ((arg = va_arg(ap, const char *)) != SD_END)
		sd_bind_text(st, i++, arg);
	return st;
}

/*
 * Run sql with the text arguments in ap: with buf, its first row's
 * first column into buf (0, or 1 and "" for no row); without, to its
 * end (0).  Else an error.
 */
static int
run_va(struct sd_ctx *ctx, char *buf, size_t n, const char *sql, va_list ap)
{
	sqlite3_stmt *st = prepare_va(ctx, sql, ap);
	int rc;

	if (!st)
		return ctx->err.code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !buf)
		;
	if (rc == SQLITE_ROW) {
		snprintf(buf, n, "%s", sd_col(st, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		if (buf)
			buf[0] = '\0';
		rc = buf ? 1 : 0;
	} else {
		rc = sd_fail_db(ctx, _("database error"));
	}
	sd_finalize(st);
	return rc;
}

int
sd_exec(struct sd_ctx *ctx, const char *sql, ...)
{
	va_list ap;
	int rc;

	va_start(ap, sql);
	rc = run_va(ctx, NULL, 0, sql, ap);
	va_end(ap);
	return rc;
}

long long
sd_query_int(struct sd_ctx *ctx, const char *sql, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	long long v = -1;

	va_start(ap, sql);
	st = prepare_va(ctx, sql, ap);
	va_end(ap);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sd_finalize(st);
	return v;
}

int
sd_step_done(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sd_fail_db(ctx, fail);

	sd_finalize(st);
	return rc;
}

int
sd_query_ids(struct sd_ctx *ctx, sqlite3_stmt *st, const char *fail,
	     long long **ids, size_t *n)
{
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = sd_grow(*ids, *n, &cap, sizeof **ids, 64);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	rc = rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, fail);
	sd_finalize(st);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int
sd_query_text(struct sd_ctx *ctx, char *buf, size_t n, const char *sql, ...)
{
	va_list ap;
	int rc;

	va_start(ap, sql);
	rc = run_va(ctx, buf, n, sql, ap);
	va_end(ap);
	return rc;
}

int
sd_query_buf(struct sd_ctx *ctx, struct sd_buf *out, const char *sql,
	     long long id)
{
	sqlite3_stmt *st;
	int found;

	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		sd_buf_puts(out, sd_col(st, 0));
	sd_finalize(st);
	return found ? 0 : 1;
}
