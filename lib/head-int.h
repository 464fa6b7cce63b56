/*
 * head-int.h - what head.c shares with head-verify.c: the last entry of
 * a log chain, of a chain's heads, of an akt's records.
 */
#ifndef SD_HEAD_INT_H
#define SD_HEAD_INT_H

#include "socdok.h"

#define SQL_LAST_LOG                                                           \
	"SELECT seq, hash FROM log_chain WHERE log = ?1 AND ?2 = ?2 ORDER BY " \
	"seq DESC LIMIT 1"
#define SQL_LAST_HEAD                                                          \
	"SELECT count, head FROM head_chain WHERE chain = ?1 AND akt = ?2 "    \
	"ORDER BY seq DESC LIMIT 1"
#define SQL_LAST_RECORD                                                        \
	"SELECT seq, hash FROM chain_record WHERE ?1 = ?1 AND akt_id = ?2 "    \
	"ORDER BY seq DESC LIMIT 1"

/*
 * The last (seq, hash) of sql (one of SQL_LAST_*, parameters p1 and
 * p2), or (0, the zero hash) when there is none.
 */
int sd_head_last_of(struct sd_ctx *ctx, const char *sql, const char *p1,
		    long long p2, long long *seq, char hash[SD_HASH_HEX_SIZE]);

#endif
