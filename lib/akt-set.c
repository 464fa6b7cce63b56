/*
 * akt-set.c - the facts of an akt that can be corrected without erasing
 * (akt-set, akt-show --history).
 *
 * The name and personnummer of the person, the kontaktperson, the unit
 * and the företrädare of an akt are current values in person and akt; each
 * change is also a fact in akt_fact (0140) that keeps the old value and
 * says who changed it, when and why.  Nothing is erased: the history of
 * an akt is the list of its facts (sd_akt_history), and every change
 * is in the access log.  Moving an akt to another unit is a matter for
 * the managers: an enhetschef of both units, or an administrator.
 * Only an open akt is changed; a closed one takes only a rättelse or
 * the person's objection (journal.c).
 */
#include <stdlib.h>
#include <string.h>

#include "akt-set.h"
#include "akt.h"
#include "fact.h"
#include "i18n.h"
#include "unit.h"

/* 1 when the actor is an enhetschef working at unit. */
static int
chef_of(struct sd_ctx *ctx, long long unit)
{
	return ctx->me.role == SD_ROLE_ENHETSCHEF &&
	       sd_unit_works_at(ctx, unit);
}

/* The id of active staff login at unit, or 0. */
static long long
staff_at(struct sd_ctx *ctx, const char *login, long long unit)
{
	char u[32];
	long long id;

	snprintf(u, sizeof u, "%lld", unit);
	id = sd_query_int(ctx,
			  "SELECT s.id FROM staff s JOIN staff_unit su ON "
			  "su.staff_id = s.id WHERE s.login = ? AND "
			  "su.unit_id = ? AND s.active",
			  login, u, SD_END);
	return id > 0 ? id : 0;
}

/* One akt-set fact: field changed from old to new (either may be ""). */
static int
set_fact(struct sd_ctx *ctx, long long akt, const char *field, const char *old,
	 const char *new, const char *why)
{
	struct sd_akt_fact f = {0};

	f.akt = akt;
	f.kind = "akt-set";
	f.date = ctx->today_s;
	f.field = field;
	f.old_value = old && *old ? old : NULL;
	f.new_value = new &&*new ? new : NULL;
	f.text = why;
	return sd_fact_akt_add(ctx, &f, NULL);
}

/*
 * The person's personnummer set (a reservnummer replaced by the real
 * one, or a wrong one corrected): the number belongs to the person, so
 * the change, with the old number, is a fact in every akt of theirs,
 * and the person's record is chained anew in each (0080's trigger).
 * Two records of one person are not joined: a number already recorded
 * for another person is refused.
 */
static int
set_pnr(struct sd_ctx *ctx, const struct sd_akt *a, const char *typed,
	const char *why, int *changed)
{
	struct sd_pnr p;
	char old[14], new[14], pid[32], bd[8];
	long long *akter = NULL;
	sqlite3_stmt *st;
	size_t n = 0;
	int rc;

	if ((rc = sd_pnr_parse(ctx, typed, &p)))
		return rc;
	if (p.reserv)
		return sd_fail(ctx, EX_DATAERR,
			       _("--personnummer %s is a reservnummer; give "
				 "the person's personnummer or "
				 "samordningsnummer"),
			       typed);
	if (strcmp(p.canon, a->pnr) == 0)
		return 0;
	sd_pnr_display(a->pnr, old);
	sd_pnr_display(p.canon, new);
	if (sd_query_int(ctx, "SELECT count(*) FROM person WHERE pnr = ?",
			 p.canon, SD_END) != 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("personnummer %s is already recorded for "
				 "another person; check the number (akt-set "
				 "does not join the records of two persons)"),
			       new);
	snprintf(pid, sizeof pid, "%lld", a->person_id);
	snprintf(bd, sizeof bd, "%d", p.birth_day);
	if ((rc = sd_exec(ctx,
			  "UPDATE person SET pnr = ?, birth_day = ? WHERE "
			  "id = ?",
			  p.canon, bd, pid, SD_END)))
		return rc;
	if (!(st = sd_prepare(ctx, "SELECT id FROM akt WHERE person_id = ? "
				   "ORDER BY id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a->person_id);
	if ((rc = sd_query_ids(ctx, st, _("cannot read the person's akter"),
			       &akter, &n)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = set_fact(ctx, akter[i], "personnummer", old, new, why);
	free(akter);
	if (!rc)
		(*changed)++;
	return rc;
}

/* The unit move: who may, and whether the person has an akt there. */
static int
check_move(struct sd_ctx *ctx, const struct sd_akt *a, long long to,
	   const char *unit)
{
	char pid[32], uid[32];
	long long other;

	if (ctx->me.role != SD_ROLE_ADMIN &&
	    !(chef_of(ctx, a->unit_id) && chef_of(ctx, to)))
		return sd_fail(ctx, EX_NOPERM,
			       _("moving akt %lld from '%s' to '%s' needs an "
				 "enhetschef of both units or an "
				 "administrator"),
			       a->id, a->unit, unit);
	snprintf(pid, sizeof pid, "%lld", a->person_id);
	snprintf(uid, sizeof uid, "%lld", to);
	other = sd_query_int(ctx,
			     "SELECT id FROM akt WHERE person_id = ? AND "
			     "unit_id = ? AND closed IS NULL",
			     pid, uid, SD_END);
	if (other > 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("the person of akt %lld already has an open "
				 "akt at '%s' (akt %lld); write in that one, "
				 "or close one of them"),
			       a->id, unit, other);
	return 0;
}

int
sd_akt_set(struct sd_ctx *ctx, const struct sd_akt_set_in *in, long long *akt)
{
	struct sd_akt a;
	long long to, kp;
	const char *kp_login;
	char idbuf[32], val[32];
	struct sd_buf what;
	int rc, changed = 0;

	if (!in->name && !in->kontaktperson && !in->unit && !in->foretradare &&
	    !in->personnummer)
		return sd_fail(ctx, EX_USAGE,
			       _("nothing to change; give --name, "
				 "--kontaktperson, --unit, --foretradare or "
				 "--personnummer"));
	if (!in->why || sd_blank(in->why) ||
	    !sd_utf8_valid(in->why, strlen(in->why)))
		return sd_fail(ctx, EX_USAGE,
			       _("say why with -m WHY (UTF-8); the reason is "
				 "kept beside the old value"));
	if ((rc = sd_akt_find(ctx, in->ref, &a)) ||
	    (rc = sd_akt_check_write(ctx, &a)) ||
	    (rc = sd_akt_check_open(ctx, &a)))
		return rc;
	*akt = a.id;
	if (in->name && (rc = sd_utf8_check_line(ctx, "--name", in->name)))
		return rc;
	if (in->foretradare && *in->foretradare &&
	    (rc = sd_utf8_check_line(ctx, "--foretradare", in->foretradare)))
		return rc;
	to = a.unit_id;
	if (in->unit) {
		if ((rc = sd_unit_find(ctx, in->unit, &to)))
			return rc;
		if (to != a.unit_id && (rc = check_move(ctx, &a, to, in->unit)))
			return rc;
	}
	/* The kontaktperson works at the akt's unit, after a move too. */
	kp = a.kontaktperson;
	kp_login = a.kp_login;
	if (in->kontaktperson && !*in->kontaktperson) {
		kp = 0;
		kp_login = "";
	} else if (in->kontaktperson) {
		if (!(kp = staff_at(ctx, in->kontaktperson, to)))
			return sd_fail(ctx, EX_DATAERR,
				       _("kontaktperson '%s' is not active "
					 "staff at unit '%s'; see staff-list"),
				       in->kontaktperson,
				       in->unit ? in->unit : a.unit);
		kp_login = in->kontaktperson;
	} else if (kp && to != a.unit_id && !staff_at(ctx, a.kp_login, to))
		return sd_fail(ctx, EX_DATAERR,
			       _("kontaktperson '%s' does not work at unit "
				 "'%s'; give --kontaktperson LOGIN of that "
				 "unit, or --kontaktperson '' for none"),
			       a.kp_login, in->unit);
	snprintf(idbuf, sizeof idbuf, "%lld", a.id);
	sd_buf_init(&what);
	sd_buf_printf(&what, "changed akt:");
	if (in->name && strcmp(in->name, a.name)) {
		char pid[32];
		snprintf(pid, sizeof pid, "%lld", a.person_id);
		if ((rc = sd_exec(ctx,
				  "UPDATE person SET name = ? WHERE id = ?",
				  in->name, pid, SD_END)) ||
		    (rc = set_fact(ctx, a.id, "name", a.name, in->name,
				   in->why)))
			goto out;
		sd_buf_puts(&what, " name");
		changed++;
	}
	if (to != a.unit_id) {
		snprintf(val, sizeof val, "%lld", to);
		if ((rc = sd_exec(ctx,
				  "UPDATE akt SET unit_id = ? WHERE id = ?",
				  val, idbuf, SD_END)) ||
		    (rc = set_fact(ctx, a.id, "unit", a.unit, in->unit,
				   in->why)))
			goto out;
		sd_buf_printf(&what, " unit (from '%s' to '%s')", a.unit,
			      in->unit);
		changed++;
	}
	if (kp != a.kontaktperson) {
		snprintf(val, sizeof val, "%lld", kp);
		if ((rc = sd_exec(ctx,
				  "UPDATE akt SET kontaktperson = nullif(?, "
				  "'0') WHERE id = ?",
				  val, idbuf, SD_END)) ||
		    (rc = set_fact(ctx, a.id, "kontaktperson", a.kp_login,
				   kp_login, in->why)))
			goto out;
		sd_buf_printf(&what, " kontaktperson");
		changed++;
	}
	if (in->foretradare && strcmp(in->foretradare, a.foretradare)) {
		if ((rc = sd_exec(ctx,
				  "UPDATE akt SET foretradare = nullif(?, '') "
				  "WHERE id = ?",
				  in->foretradare, idbuf, SD_END)) ||
		    (rc = set_fact(ctx, a.id, "foretradare", a.foretradare,
				   in->foretradare, in->why)))
			goto out;
		sd_buf_puts(&what, " foretradare");
		changed++;
	}
	if (in->personnummer) {
		int before = changed;
		if ((rc = set_pnr(ctx, &a, in->personnummer, in->why,
				  &changed)))
			goto out;
		if (changed > before)
			sd_buf_puts(&what, " personnummer");
	}
	if (!changed)
		rc = sd_fail(ctx, EX_DATAERR,
			     _("akt %lld already has these values; nothing "
			       "was changed"),
			     a.id);
	else
		rc = sd_log_access(ctx, a.id, what.s);
out:
	sd_buf_free(&what);
	return rc;
}

int
sd_akt_history(struct sd_ctx *ctx, long long akt, struct sd_table **out)
{
	static const char *cols[] = {N_("recorded"), N_("by"),    N_("kind"),
				     N_("insats"),   N_("field"), N_("old"),
				     N_("new"),      N_("date"),  N_("reason"),
				     N_("why")};
	static const int flags[] = {0, 0, 0, SD_COL_NUM | SD_COL_RIGHT, 0, 0, 0,
				    0, 0, 0};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT f.recorded_at, s.login, f.kind, "
			      "f.insats_id, f.field, f.old_value, "
			      "f.new_value, f.fdate, f.reason, f.text FROM "
			      "akt_fact f JOIN staff s ON s.id = "
			      "f.recorded_by WHERE f.akt_id = ? ORDER BY "
			      "f.id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	*out = sd_table_new(10, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the history"));
}
