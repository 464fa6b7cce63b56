/*
 * audit.h - reading the access log (audit-log).
 */
#ifndef SD_AUDIT_H
#define SD_AUDIT_H

#include "socdok.h"

/*
 * The access log, filtered (NULLs and 0 for no filter; protected_only:
 * only the lines about an akt that was protected then), for an
 * enhetschef (own units) or admin (all).  The review itself is logged.
 * *out is the caller's to free with sd_table_free.
 */
int sd_audit_list(struct sd_ctx *ctx, const char *since, const char *until,
		  const char *user, long long akt, int protected_only,
		  struct sd_table **out);

#endif
