/*
 * akt-protect.h - protected identity (skyddade personuppgifter, issue 19):
 * akt-protect and akt-unprotect.
 */
#ifndef SD_PROTECT_H
#define SD_PROTECT_H

#include "socdok.h"

/*
 * Protect (on 1) or unprotect (on 0) akt ref, saying why: the state in
 * akt.protected and an akt-protect/akt-unprotect fact in akt_fact, in
 * the akt's chain, and a line in the access log.  For an enhetschef of
 * the akt's unit or an administrator.  *akt gets the akt's id.  Inside
 * the caller's transaction.
 */
int sd_akt_protect(struct sd_ctx *ctx, const char *ref, int on, const char *why,
		   long long *akt);

#endif
