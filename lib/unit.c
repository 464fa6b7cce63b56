/*
 * unit.c - units (enheter).
 *
 * A unit is a name that groups staff and owns akter; it is created the
 * first time an administrator puts staff in it (staff-add --unit) and
 * never deleted.  Who works at which unit decides who sees which akter:
 * sd_unit_may_see is the one place that rule is written down (admin and
 * arkivarie see every unit).
 */
#include "unit.h"

/*
 * The id of the unit called name, or -1 when there is none: the exact
 * name, else the one unit whose name is the same typed word (word.h,
 * sd_fold in SQL: "hemtjänst norr", "HEMTJÄNST NORR", "Hemtjanst
 * Norr").
 */
static int
unit_get(struct sd_ctx *ctx, const char *name, long long *id)
{
	long long v = sd_query_int(ctx, "SELECT id FROM unit WHERE name = ?",
				   name, SD_END);
	sqlite3_stmt *st;
	int n = 0;

	if (v > 0) {
		*id = v;
		return 0;
	}
	if (!(st = sd_prepare(ctx, "SELECT id FROM unit WHERE sd_fold(name) = "
				   "sd_fold(?)")))
		return -1;
	sd_bind_text(st, 1, name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		n++;
	}
	sd_finalize(st);
	if (n != 1)
		return -1;
	*id = v;
	return 0;
}

int
sd_unit_add(struct sd_ctx *ctx, const char *name, long long *id)
{
	int rc;

	if (unit_get(ctx, name, id) == 0)
		return 0;
	if ((rc = sd_utf8_check_line(ctx, "unit", name)) ||
	    (rc = sd_exec(ctx, "INSERT INTO unit(name) VALUES (?)", name,
			  SD_END)))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	return 0;
}

int
sd_unit_find(struct sd_ctx *ctx, const char *name, long long *id)
{
	char list[1024];

	if (unit_get(ctx, name, id) == 0)
		return 0;
	if (sd_query_text(ctx, list, sizeof list,
			  "SELECT group_concat(name, ', ') FROM "
			  "(SELECT name FROM unit ORDER BY name COLLATE sv)",
			  SD_END) > 1)
		return ctx->err.code;
	return sd_fail(ctx, EX_DATAERR,
		       _("unknown unit '%s'; known units: %s (an administrator "
			 "adds units with staff-add --unit)"),
		       name, list[0] ? list : "none");
}

int
sd_unit_filter(struct sd_ctx *ctx, const char *name, long long *id, char *canon,
	       size_t n)
{
	char ids[32], own[256];
	int rc;

	if (!canon)
		canon = own, n = sizeof own;
	if ((rc = sd_unit_find(ctx, name, id)))
		return rc;
	snprintf(ids, sizeof ids, "%lld", *id);
	if ((rc = sd_query_text(ctx, canon, n,
				"SELECT name FROM unit WHERE id = ?", ids,
				SD_END)))
		return rc > 1 ? rc
			      : sd_fail(ctx, EX_SOFTWARE,
					_("cannot read unit %lld"), *id);
	if (!sd_unit_may_see(ctx, *id))
		return sd_fail(ctx, EX_NOPERM,
			       _("unit '%s' is not yours; ask an "
				 "administrator to add you to it, or leave "
				 "--unit out for your own units"),
			       canon);
	return 0;
}

int
sd_unit_may_see(struct sd_ctx *ctx, long long unit_id)
{
	return sd_actor_all_units(ctx) || sd_unit_works_at(ctx, unit_id);
}

int
sd_unit_works_at(struct sd_ctx *ctx, long long unit_id)
{
	char uid[32], sid[32];

	snprintf(uid, sizeof uid, "%lld", unit_id);
	snprintf(sid, sizeof sid, "%lld", ctx->me.id);
	return sd_query_int(ctx,
			    "SELECT 1 FROM staff_unit WHERE staff_id = ? AND "
			    "unit_id = ?",
			    sid, uid, SD_END) == 1;
}
