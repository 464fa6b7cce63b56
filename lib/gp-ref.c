/*
 * gp-ref.c - how every gp program names what it works on (issue 19):
 * a bare AKT, --akt AKT or --plan PLAN, one meaning for a bare argument
 * (an akt, as everywhere else in socdok).  gp-sign and gp-followup once
 * took a bare plan id: where a bare number can only be read one way it
 * still works, where the two readings differ it is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gp.h"

/* 1 when s is a short run of digits: an id, not a personnummer. */
static int
short_number(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && n < 10 && s[n] == '\0';
}

int
sd_gp_ref_resolve(struct sd_ctx *ctx, const struct sd_gp_ref *r, long long *akt,
		  long long *plan)
{
	struct sd_akt a;
	int rc;

	*akt = *plan = 0;
	if (!!r->arg + !!r->akt + !!r->plan != 1)
		return sd_fail(ctx, EX_USAGE,
			       _("name one akt or plan: AKT, --akt AKT or "
				 "--plan PLAN"));
	if (r->plan)
		return sd_cli_id(ctx, r->plan, _("plan id"),
				 _("gp-new prints it, gp-show shows it"), plan);
	if (r->arg && r->legacy_plan && short_number(r->arg)) {
		long long has_akt, plan_akt, current;
		has_akt = sd_query_int(ctx,
				       "SELECT count(*) FROM akt WHERE "
				       "id = CAST(? AS INTEGER)",
				       r->arg, SD_END);
		plan_akt = sd_query_int(ctx,
					"SELECT coalesce((SELECT akt_id FROM "
					"gp WHERE id = CAST(? AS INTEGER)), 0)",
					r->arg, SD_END);
		current = sd_query_int(ctx,
				       "SELECT coalesce((SELECT id FROM gp "
				       "WHERE akt_id = CAST(?1 AS INTEGER) "
				       "ORDER BY version DESC LIMIT 1), 0)",
				       r->arg, SD_END);
		if (has_akt < 0 || plan_akt < 0 || current < 0)
			return ctx->err.code ? ctx->err.code : EX_SOFTWARE;
		/* The old reading is the only one. */
		if (!has_akt && plan_akt > 0)
			return sd_cli_id(
				ctx, r->arg, _("plan id"),
				_("gp-new prints it, gp-show shows it"), plan);
		if (has_akt && plan_akt > 0 && current != atoll(r->arg))
			return sd_fail(ctx, EX_USAGE,
				       _("'%s' names akt %s and also plan %s, "
					 "which is not that akt's current "
					 "plan; say --akt %s or --plan %s (a "
					 "bare number is an akt)"),
				       r->arg, r->arg, r->arg, r->arg, r->arg);
	}
	if ((rc = sd_akt_find(ctx, r->arg ? r->arg : r->akt, &a)))
		return rc;
	*akt = a.id;
	return 0;
}

int
sd_gp_ref_args(struct sd_gp_ref *r, int argc, char **argv)
{
	if (argc > 1 || (argc == 1) + !!r->akt + !!r->plan != 1)
		return -1;
	/* The akt's current plan, or with --plan that plan. */
	r->arg = argc ? argv[0] : NULL;
	return 0;
}
