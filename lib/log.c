/*
 * log.c - the access log: who read or changed which akt, and how; a
 * line about a protected akt carries the flag protected (0160); a list
 * logs the akter it showed (access_list, 0260: a row per bucket of ids).
 */
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "check.h"
#include "head.h"
#include "socdok.h"

/*
 * The columns of access_log in their order (every one, generated or
 * hidden included), as log_line makes a line's body: checked against
 * the table once per transaction (a migration may have changed them;
 * none runs inside a transaction that logs), and never while migrating.
 * When they differ the body is read back from the row, as before.
 */
#define LOG_COLUMNS "id,at,login,program,akt_id,what,uid,protected"

static int
columns_known(struct sd_ctx *ctx)
{
	sqlite3_stmt *st;
	int known = 0;

	if (ctx->migrating)
		return 0;
	if (ctx->log_cols && ctx->log_cols_changes0 == ctx->changes0)
		return ctx->log_cols > 0;
	if ((st = sd_prepare(ctx, "SELECT group_concat(name, ',') "
				  "FROM (SELECT name FROM "
				  "pragma_table_xinfo('access_log') "
				  "ORDER BY cid)"))) {
		known = sqlite3_step(st) == SQLITE_ROW &&
			strcmp(sd_col(st, 0), LOG_COLUMNS) == 0;
		sd_finalize(st);
	} else {
		sd_err_clear(ctx); /* (read back, as before) */
	}
	ctx->log_cols = known ? 1 : -1;
	ctx->log_cols_changes0 = ctx->changes0;
	return known;
}

static int
log_line(struct sd_ctx *ctx, long long akt, const char *what)
{
	struct sd_buf body;
	sqlite3_stmt *st;
	const char *at, *login;
	int rc, prot = 0;

	/* Nothing is written to a damaged file; sd_finish says so. */
	if (ctx->damaged)
		return 0;
	at = sd_clock(ctx);
	login = ctx->me.login[0] ? ctx->me.login : ctx->login;
	/*
	 * A line about a protected akt (akt-protect) is flagged, so that
	 * audit-log --protected lists every read of it for review.
	 */
	if (akt > 0) {
		if (!(st = sd_prepare(ctx, "SELECT 1 FROM akt WHERE id = ? "
					   "AND protected = 1")))
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, akt);
		prot = sqlite3_step(st) == SQLITE_ROW;
		sd_finalize(st);
	}
	if (!(st = sd_prepare(ctx, "INSERT INTO access_log(at, login, "
				   "program, akt_id, what, uid, protected) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?)")))
		return ctx->err.code;
	sd_bind_text(st, 1, at);
	sd_bind_text(st, 2, login);
	sd_bind_text(st, 3, ctx->prog);
	if (akt > 0)
		sqlite3_bind_int64(st, 4, akt);
	sd_bind_text(st, 5, what);
	sqlite3_bind_int64(st, 6, ctx->uid);
	if (prot)
		sqlite3_bind_int(st, 7, 1);
	rc = sqlite3_step(st) == SQLITE_DONE
		     ? 0
		     : sd_fail_db(ctx, _("cannot write the access log"));
	sd_finalize(st);
	if (rc)
		return rc;
	/*
	 * In the access log's chain (head.c): the line's body made from
	 * what was written, as sd_record_render would read it back (a
	 * batch logs every note).
	 */
	long long id = sqlite3_last_insert_rowid(ctx->db);
	if (!columns_known(ctx))
		return sd_head_log(ctx, "access", "access_log", id);
	sd_buf_init(&body);
	sd_record_field_int(&body, "id", id);
	sd_record_field_text(&body, "at", at);
	sd_record_field_text(&body, "login", login);
	sd_record_field_text(&body, "program", ctx->prog);
	if (akt > 0)
		sd_record_field_int(&body, "akt_id", akt);
	sd_record_field_text(&body, "what", what);
	sd_record_field_int(&body, "uid", ctx->uid);
	if (prot)
		sd_record_field_int(&body, "protected", 1);
	rc = sd_head_log_body(ctx, "access", "access_log", id, &body);
	sd_buf_free(&body);
	return rc;
}

int
sd_log_access(struct sd_ctx *ctx, long long akt, const char *what)
{
	long long before = ctx->db ? sqlite3_total_changes64(ctx->db) : 0;
	int rc = log_line(ctx, akt, what);

	/* (a log line is not a record: no check of the file for it) */
	if (ctx->db)
		sd_check_log_since(ctx, before);
	return sd_check_log_failed(ctx, rc);
}

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* id after the JSON array's opening bracket or a comma. */
static void
put_id(struct sd_buf *b, long long id)
{
	if (b->len > 1)
		sd_buf_add(b, ",", 1);
	sd_buf_add_int(b, id);
}

/*
 * The line (what) and the akter in ids (n of them, sorted here; repeats
 * once), as shown: a row of access_list (0260) per bucket of 128 ids.
 */
static int
log_shown_ids(struct sd_ctx *ctx, const char *what, long long *ids, size_t n)
{
	sqlite3_stmt *ins, *sel;
	struct sd_buf ak, pr;
	int rc;

	if ((rc = sd_log_access(ctx, 0, what)) || ctx->damaged)
		return rc;
	if (n == 0)
		return 0;
	/*
	 * A row a bucket, by one prepared INSERT: the akter of the bucket
	 * that exist, in ascending order, and those protected now (the
	 * JSON arrays of 0260), read from akt in the order of its key
	 * between the bucket's first and last id; appended, so a list
	 * writes a few rows at the end of the table and of its index,
	 * however many lists came before.
	 */
	if (!(ins = sd_prepare(ctx, "INSERT INTO access_list(bucket, log_id, "
				    "akter, protected) VALUES (?1, (SELECT "
				    "max(id) FROM access_log), ?2, ?3)")))
		return ctx->err.code;
	if (!(sel = sd_prepare(ctx,
			       "SELECT id, protected IS 1 FROM akt "
			       "WHERE id BETWEEN ?1 AND ?2 ORDER BY id"))) {
		sd_finalize(ins);
		return ctx->err.code;
	}
	qsort(ids, n, sizeof *ids, id_cmp);
	long long before = sqlite3_total_changes64(ctx->db);
	sd_buf_init(&ak);
	sd_buf_init(&pr);
	for (size_t i = 0, end; i < n && !rc; i = end) {
		long long bucket = ids[i] >> 7;
		for (end = i; end < n && ids[end] >> 7 == bucket; end++)
			;
		ak.len = pr.len = 0;
		sd_buf_add(&ak, "[", 1);
		sd_buf_add(&pr, "[", 1);
		sqlite3_bind_int64(sel, 1, ids[i]);
		sqlite3_bind_int64(sel, 2, ids[end - 1]);
		size_t k = i;
		while (k < end && sqlite3_step(sel) == SQLITE_ROW) {
			long long id = sqlite3_column_int64(sel, 0);
			while (k < end && ids[k] < id)
				k++; /* (no such akt) */
			if (k == end || ids[k] != id)
				continue;
			put_id(&ak, id);
			if (sqlite3_column_int(sel, 1))
				put_id(&pr, id);
			while (k < end && ids[k] == id)
				k++;
		}
		sqlite3_reset(sel);
		if (ak.len == 1)
			continue;
		sd_buf_add(&ak, "]", 1);
		sd_buf_add(&pr, "]", 1);
		sqlite3_bind_int64(ins, 1, bucket);
		sqlite3_bind_text(ins, 2, ak.s, (int)ak.len, SQLITE_STATIC);
		if (pr.len > 2)
			sqlite3_bind_text(ins, 3, pr.s, (int)pr.len,
					  SQLITE_STATIC);
		else
			sqlite3_bind_null(ins, 3);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = sd_fail_db(ctx, _("cannot write the access log"));
		sqlite3_reset(ins);
	}
	sd_buf_free(&ak);
	sd_buf_free(&pr);
	sd_finalize(sel);
	sd_finalize(ins);
	sd_check_log_since(ctx, before);
	return sd_check_log_failed(ctx, rc);
}

int
sd_log_shown(struct sd_ctx *ctx, const char *what, const long long *ids,
	     size_t n)
{
	long long *v = NULL;
	size_t k = 0;
	int rc;

	if (n)
		v = sd_xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		if (ids[i] > 0)
			v[k++] = ids[i];
	rc = log_shown_ids(ctx, what, v, k);
	free(v);
	return rc;
}

int
sd_log_shown_table(struct sd_ctx *ctx, const char *what,
		   const struct sd_table *t, int col)
{
	int rows = sd_table_rows(t);
	long long *v = NULL;
	size_t k = 0;
	int rc;

	if (rows > 0)
		v = sd_xmalloc((size_t)rows * sizeof *v);
	for (int i = 0; i < rows; i++) {
		const char *s = sd_table_cell(t, i, col);
		long long id = 0;
		/* (an id is digits only, and not too many of them) */
		if (!s || !*s || s[strspn(s, "0123456789")] || strlen(s) > 18)
			continue;
		for (; *s; s++)
			id = id * 10 + (*s - '0');
		if (id > 0)
			v[k++] = id;
	}
	rc = log_shown_ids(ctx, what, v, k);
	free(v);
	return rc;
}

int
sd_log_refusal(struct sd_ctx *ctx)
{
	struct sd_err keep = ctx->err;
	char what[sizeof ctx->err.msg + 16];
	int rc;

	/*
	 * Nothing is written to a damaged file, nor without a database;
	 * a loop has logged (and reported) each item's refusal already.
	 */
	if (!ctx->db || ctx->damaged || !sqlite3_get_autocommit(ctx->db) ||
	    !keep.msg[0])
		return 0;
	snprintf(what, sizeof what, "refused: %s", keep.msg);
	if (!(rc = sd_begin(ctx)) &&
	    !(rc = sd_log_access(ctx, ctx->refused_akt, what)))
		rc = sd_commit(ctx);
	if (rc)
		sd_rollback(ctx);
	ctx->err = keep;
	return rc;
}
