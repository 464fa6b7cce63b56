/*
 * core.c - the context of a command and its last error.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "i18n.h"
#include "lint.h"
#include "socdok.h"

void
sd_ctx_init(struct sd_ctx *ctx, const char *prog)
{
	/*
	 * No count of SQLite's memory (nothing reads it): otherwise every
	 * allocation of SQLite takes a global mutex, a twentieth of
	 * journal-add --batch.  Before SQLite is first used; later calls
	 * (a second context) are refused by SQLite and change nothing.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/*
	 * No first bulk of 20 pages for each page cache (the file's, and
	 * that of each temporary b-tree, such as the one an IN list's
	 * values go into): SQLite writes a header into every one of them at
	 * once, 86 KB of fresh memory and a page fault each 4 KB (about
	 * 13 us apiece on the bench machine), for an IN list of two values.
	 * Pages are allocated as they are needed instead (issue 17).
	 */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
	memset(ctx, 0, sizeof *ctx);
	ctx->prog = prog;
	ctx->uid = (long long)getuid();
	sd_i18n_init();
	sd_tz_init();
	/*
	 * Past a file size limit (ulimit -f) a write must fail with EFBIG
	 * and end in "write error" (74), not kill the program silently.
	 */
	signal(SIGXFSZ, SIG_IGN);
}

void
sd_ctx_free(struct sd_ctx *ctx)
{
	sd_finalize(ctx->json_st);
	ctx->json_st = NULL;
	free(ctx->scratch);
	ctx->scratch = NULL;
	ctx->scratch_cap = 0;
	sd_lint_names_free(ctx->names);
	ctx->names = NULL;
	free(ctx->out);
	free(ctx->chain_touched);
	ctx->out = NULL;
	ctx->out_len = ctx->out_cap = ctx->out_done = 0;
	if (ctx->db) {
		sd_stcache_drop(ctx->db);
		sqlite3_close(ctx->db);
		ctx->db = NULL;
	}
}

void
sd_ctx_out_add(struct sd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ctx->out = sd_grow(ctx->out, ctx->out_len + (size_t)n + 1,
			   &ctx->out_cap, 1, 64);
	va_start(ap, fmt);
	vsnprintf(ctx->out + ctx->out_len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ctx->out_len += (size_t)n;
}

int
sd_fail(struct sd_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->err.msg, sizeof ctx->err.msg, fmt, ap);
	va_end(ap);
	ctx->err.code = code;
	return code;
}

int
sd_fail_db(struct sd_ctx *ctx, const char *what)
{
	int rc = ctx->db ? sqlite3_extended_errcode(ctx->db) : SQLITE_ERROR;
	const char *msg = ctx->db ? sqlite3_errmsg(ctx->db) : _("no database");
	int code = EX_SOFTWARE;

	/* (the commit hook could not check the file: its error stands) */
	if (rc == SQLITE_CONSTRAINT_COMMITHOOK && ctx->check_hook_rc)
		return ctx->check_hook_rc;
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ||
	    (ctx->damaged && ((rc & 0xff) == SQLITE_READONLY ||
			      rc == SQLITE_CONSTRAINT_COMMITHOOK)))
		return sd_fail_damaged(ctx, msg);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return sd_fail(
			ctx, EX_UNAVAILABLE,
			_("database '%s' is busy; try again when the other "
			  "command has finished"),
			ctx->path);
	if ((rc & 0xff) == SQLITE_AUTH)
		return sd_fail(ctx, EX_NOPERM,
			       _("%s: a granskare may read but not change "
				 "anything; ask the staff of the unit"),
			       what);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = EX_DATAERR;
	else if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL)
		return sd_fail(
			ctx, EX_IOERR,
			_("%s: %s; nothing was written: check the free "
			  "disk space and the file size limit (ulimit -f)"),
			what, msg);
	else if ((rc & 0xff) == SQLITE_CANTOPEN ||
		 (rc & 0xff) == SQLITE_READONLY)
		code = EX_IOERR;
	return sd_fail(ctx, code, "%s: %s", what, msg);
}

void
sd_err_clear(struct sd_ctx *ctx)
{
	ctx->err.code = 0;
	ctx->err.msg[0] = '\0';
}

int
sd_num_parse(struct sd_ctx *ctx, const char *what, const char *s, long long min,
	     long long max, long long *out)
{
	const char *d = s && *s == '-' && min < 0 ? s + 1 : s;
	char *end;
	long long v = 0;

	/* strtoll alone would take " 5", "+5" and 4294967301 (as an int: 5). */
	if (d && isdigit((unsigned char)*d)) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end && v >= min && v <= max) {
			*out = v;
			return 0;
		}
	}
	if (!ctx)
		return EX_USAGE;
	if (max == LLONG_MAX)
		return sd_fail(
			ctx, EX_USAGE,
			_("bad %s '%s'; give a whole number, %lld or more"),
			what, s ? s : "", min);
	return sd_fail(ctx, EX_USAGE,
		       _("bad %s '%s'; give a whole number from %lld to %lld"),
		       what, s ? s : "", min, max);
}
