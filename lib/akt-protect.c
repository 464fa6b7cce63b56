/*
 * akt-protect.c - protected identity (skyddade personuppgifter, issue 19).
 *
 * When the Skatteverket has marked a person's identity as protected,
 * the akt is marked too: akt.protected (0142) is the current state and
 * every change is a fact (akt-protect, akt-unprotect) in akt_fact with
 * who, when and why, chained like every record of the akt.  Who may
 * open a protected akt is decided in sd_akt_check_read (akt.c).
 */
#include <string.h>

#include "akt-protect.h"
#include "akt.h"
#include "fact.h"
#include "unit.h"

int
sd_akt_protect(struct sd_ctx *ctx, const char *ref, int on, const char *why,
	       long long *akt)
{
	struct sd_akt a;
	struct sd_akt_fact f = {0};
	char idbuf[32];
	int rc;

	if (!why || sd_blank(why) || !sd_utf8_valid(why, strlen(why)))
		return sd_fail(ctx, EX_USAGE,
			       _("say why with --reason TEXT (UTF-8); the "
				 "reason is kept with the fact"));
	if ((rc = sd_akt_find(ctx, ref, &a)) ||
	    (rc = sd_akt_check_read(ctx, &a)))
		return rc;
	*akt = a.id;
	if (ctx->me.role != SD_ROLE_ADMIN &&
	    !(ctx->me.role == SD_ROLE_ENHETSCHEF &&
	      sd_unit_works_at(ctx, a.unit_id))) {
		ctx->refused_akt = a.id;
		return sd_fail(ctx, EX_NOPERM,
			       _("protecting the identity of akt %lld needs "
				 "an enhetschef of unit '%s' or an "
				 "administrator"),
			       a.id, a.unit);
	}
	if (a.protected == on)
		return sd_fail(ctx, EX_DATAERR,
			       on ? _("akt %lld is already protected; nothing "
				      "was changed")
				  : _("akt %lld is not protected; nothing was "
				      "changed"),
			       a.id);
	snprintf(idbuf, sizeof idbuf, "%lld", a.id);
	f.akt = a.id;
	f.kind = on ? "akt-protect" : "akt-unprotect";
	f.date = ctx->today_s;
	f.text = why;
	/* The log line is written while the akt is protected: flagged. */
	if ((!on && (rc = sd_log_access(ctx, a.id, "unprotected identity"))) ||
	    (rc = sd_exec(ctx,
			  on ? "UPDATE akt SET protected = 1 WHERE id = ?"
			     : "UPDATE akt SET protected = 0 WHERE id = ?",
			  idbuf, SD_END)) ||
	    (rc = sd_fact_akt_add(ctx, &f, NULL)))
		return rc;
	return on ? sd_log_access(ctx, a.id, "protected identity") : 0;
}
