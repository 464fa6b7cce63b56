/*
 * log.h - the access log.
 */
#ifndef SD_LOG_H
#define SD_LOG_H

#include "socdok.h"

/*
 * Append one line to the access log: the actor, the program, the akt
 * (0 for none) and what was done.  Runs inside the caller's transaction.
 */
int sd_log_access(struct sd_ctx *ctx, long long akt, const char *what);

/*
 * SQL: the JSON array of akt ids arr (access_list's akter or protected,
 * 0260: ascending, no spaces, as log.c writes it) holds the id id, i.e.
 * ",id," is in it with its brackets made commas.  The one test of the
 * form, for audit-log and gallra.
 */
#define SD_ACCESS_LIST_HOLDS(arr, id)                                          \
	"instr(',' || trim(" arr ", '[]') || ',', ',' || " id " || ',')"

/*
 * Log a list: one line (what, about no one akt) and the akter the
 * list showed (ids, n; repeats are one) in access_list, a row per
 * bucket of 128 ids by one prepared INSERT, so that audit-log --akt N
 * finds the list among the reads of N.  In the caller's transaction.
 */
int sd_log_shown(struct sd_ctx *ctx, const char *what, const long long *ids,
		 size_t n);
/* The same with the akter in column col of table t (an id, or empty). */
int sd_log_shown_table(struct sd_ctx *ctx, const char *what,
		       const struct sd_table *t, int col);

/*
 * After a command was refused (77) and rolled back: the refusal into the
 * access log in its own small transaction ("refused: " and the message,
 * with the akt it was about, ctx->refused_akt), so that the log also
 * answers who tried to see what they may not.  ctx->err is kept as it
 * was; a failure to log is not reported over the refusal.  Returns 0 or
 * the error of the write.
 */
int sd_log_refusal(struct sd_ctx *ctx);

#endif
