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

#endif
