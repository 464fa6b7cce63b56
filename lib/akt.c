/*
 * akt.c - akter (akt-new, akt-list, akt-show, akt-overlamna) and the
 * persons they are about.
 *
 * An akt is the case file of one person at one unit, under SoL or LSS,
 * from the day it is opened until it is closed (close.c) and, later,
 * handed to the archive or purged (gallra.c).  A person has one row
 * whatever their akter; an akt is named by its id or, where that is
 * unambiguous, by the personnummer.  Access: a user works with the akter
 * of their own unit(s); an admin or arkivarie may see all, an arkivarie
 * only reads (sd_akt_check_read, sd_akt_check_write).  Every refusal
 * names the reason.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "akt-set.h"
#include "akt.h"
#include "consent.h"
#include "fact.h"
#include "i18n.h"
#include "inform.h"
#include "insats.h"
#include "unit.h"
#include "word.h"

#define AKT_SELECT                                                             \
	"SELECT a.id, a.person_id, a.unit_id, a.kontaktperson, p.pnr, "        \
	"p.name, p.birth_day, u.name, a.regime, k.login, k.name, a.opened, "   \
	"a.closed, a.foretradare, a.protected FROM akt a JOIN person p ON "    \
	"p.id = "                                                              \
	"a.person_id "                                                         \
	"JOIN unit u ON u.id = a.unit_id "                                     \
	"LEFT JOIN staff k ON k.id = a.kontaktperson "

static void
akt_from_row(sqlite3_stmt *st, struct sd_akt *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->person_id = sqlite3_column_int64(st, 1);
	a->unit_id = sqlite3_column_int64(st, 2);
	a->kontaktperson = sqlite3_column_int64(st, 3);
	snprintf(a->pnr, sizeof a->pnr, "%s", sd_col(st, 4));
	snprintf(a->name, sizeof a->name, "%s", sd_col(st, 5));
	a->birth_day = sqlite3_column_int(st, 6);
	snprintf(a->unit, sizeof a->unit, "%s", sd_col(st, 7));
	snprintf(a->regime, sizeof a->regime, "%s", sd_col(st, 8));
	snprintf(a->kp_login, sizeof a->kp_login, "%s", sd_col(st, 9));
	snprintf(a->kp_name, sizeof a->kp_name, "%s", sd_col(st, 10));
	snprintf(a->opened, sizeof a->opened, "%s", sd_col(st, 11));
	snprintf(a->closed, sizeof a->closed, "%s", sd_col(st, 12));
	snprintf(a->foretradare, sizeof a->foretradare, "%s", sd_col(st, 13));
	a->protected = sqlite3_column_int(st, 14);
}

int
sd_akt_load(struct sd_ctx *ctx, long long id, struct sd_akt *out)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, AKT_SELECT "WHERE a.id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		akt_from_row(st, out);
	sd_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read akt"));
	return sd_fail(ctx, EX_NOINPUT, _("no akt %lld; see akt-list"), id);
}

/*
 * A protected akt (skyddade personuppgifter): only the people working
 * with the person - the kontaktperson, an enhetschef of the unit - and
 * an administrator open it.
 */
static int
may_see_protected(struct sd_ctx *ctx, const struct sd_akt *a)
{
	return ctx->me.role == SD_ROLE_ADMIN ||
	       ctx->me.role == SD_ROLE_GRANSKARE ||
	       (a->kontaktperson && a->kontaktperson == ctx->me.id) ||
	       (ctx->me.role == SD_ROLE_ENHETSCHEF &&
		sd_unit_works_at(ctx, a->unit_id));
}

/*
 * The unit first: to a user of another unit an akt of a protected
 * identity is refused in the words of any akt of that unit, so that the
 * refusal does not tell them that the person is protected (issue 19).
 */
int
sd_akt_check_read(struct sd_ctx *ctx, const struct sd_akt *a)
{
	if (!sd_unit_may_see(ctx, a->unit_id)) {
		ctx->refused_akt = a->id;
		return sd_fail(
			ctx, EX_NOPERM,
			_("akt %lld belongs to unit '%s', which is not yours; "
			  "ask an administrator to add you to it"),
			a->id, a->unit);
	}
	if (a->protected && !may_see_protected(ctx, a)) {
		ctx->refused_akt = a->id;
		return sd_fail(ctx, EX_NOPERM,
			       _("akt %lld has a protected identity; only its "
				 "kontaktperson, an enhetschef of its unit or "
				 "an administrator may open it"),
			       a->id);
	}
	return 0;
}

int
sd_akt_check_write(struct sd_ctx *ctx, const struct sd_akt *a)
{
	int rc;

	if ((rc = sd_akt_check_read(ctx, a)))
		return rc;
	if (ctx->me.role == SD_ROLE_ARKIVARIE ||
	    ctx->me.role == SD_ROLE_GRANSKARE) {
		ctx->refused_akt = a->id;
		return sd_fail(ctx, EX_NOPERM,
			       _("%s may read akt %lld but not change "
				 "it; ask the staff of unit '%s'"),
			       ctx->me.role == SD_ROLE_ARKIVARIE
				       ? _("an arkivarie")
				       : _("a granskare"),
			       a->id, a->unit);
	}
	return 0;
}

/*
 * An akt by id (any), or the one open (closed 0) or closed (closed 1) akt
 * of a personnummer that the actor may see.
 */
static int
akt_find(struct sd_ctx *ctx, const char *ref, int closed, struct sd_akt *out)
{
	long long id;
	struct sd_pnr p;
	sqlite3_stmt *st;
	int rc, n = 0;

	if (strlen(ref) < 10 &&
	    sd_num_parse(NULL, "akt id", ref, SD_ID_MIN, SD_ID_MAX, &id) == 0) {
		if ((rc = sd_akt_load(ctx, id, out)))
			return rc;
		return sd_akt_check_read(ctx, out);
	}
	if ((rc = sd_pnr_parse(ctx, ref, &p))) {
		/* The reason is in ctx->err.msg, which sd_fail overwrites. */
		char why[sizeof ctx->err.msg];
		snprintf(why, sizeof why, "%s", ctx->err.msg);
		return sd_fail(ctx, EX_USAGE,
			       _("'%s' is neither an akt id nor a valid "
				 "personnummer (%s)"),
			       ref, why);
	}
	if (!(st = sd_prepare(ctx, closed ? AKT_SELECT "WHERE p.pnr = ? AND "
						       "a.closed IS NOT NULL "
						       "ORDER BY a.id"
					  : AKT_SELECT "WHERE p.pnr = ? AND "
						       "a.closed IS NULL ORDER "
						       "BY a.id")))
		return ctx->err.code;
	sd_bind_text(st, 1, p.canon);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_akt a;
		akt_from_row(st, &a);
		if (!sd_unit_may_see(ctx, a.unit_id) ||
		    (a.protected && !may_see_protected(ctx, &a)))
			continue;
		if (n++ == 0)
			*out = a;
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot find akt"));
	if (n == 1)
		return 0;
	if (n > 1 && closed)
		return sd_fail(ctx, EX_USAGE,
			       _("%s has %d closed akter; name one by its id "
				 "(see akt-list --closed)"),
			       ref, n);
	if (n > 1)
		return sd_fail(ctx, EX_USAGE,
			       _("%s has %d open akter; name one by its id "
				 "(see akt-list)"),
			       ref, n);
	/*
	 * No existence oracle (issue 18): an akt in a unit the actor may
	 * not see is answered exactly as no akt at all, so that a
	 * personnummer cannot be probed for being a client elsewhere.
	 */
	if (closed)
		return sd_fail(ctx, EX_NOINPUT,
			       _("no closed akt for %s; see akt-list --closed"),
			       ref);
	return sd_fail(ctx, EX_NOINPUT, _("no open akt for %s; see akt-list"),
		       ref);
}

int
sd_akt_find(struct sd_ctx *ctx, const char *ref, struct sd_akt *out)
{
	return akt_find(ctx, ref, 0, out);
}

int
sd_akt_find_closed(struct sd_ctx *ctx, const char *ref, struct sd_akt *out)
{
	return akt_find(ctx, ref, 1, out);
}

int
sd_akt_check_open(struct sd_ctx *ctx, const struct sd_akt *a)
{
	if (!a->closed[0])
		return 0;
	return sd_fail(ctx, EX_DATAERR,
		       _("akt %lld is closed (since %s); reopen it with "
			 "akt-reopen or write in another akt"),
		       a->id, a->closed);
}

/*
 * A new reservnummer (issue 19): the first of YYYYMMDD-RNGC, serial N
 * 0-9 and a gender digit G of the gender's parity, that no person holds
 * (a person once purged by gallra may leave theirs free again).
 */
static int
reserv_new(struct sd_ctx *ctx, const char *born, const char *gender,
	   struct sd_pnr *p)
{
	static const char *const genders[] = {"kvinna", "man", NULL};
	const char *g;
	int day, y, m, d;

	memset(p, 0, sizeof *p);
	if (!born || !gender)
		return sd_fail(ctx, EX_USAGE,
			       _("--reservnummer needs --born DATE and "
				 "--gender kvinna|man"));
	if (!(g = sd_word_find(gender, genders)))
		return sd_fail(ctx, EX_USAGE,
			       _("unknown --gender '%s'; use kvinna or man"),
			       gender);
	if (sd_date_opt(ctx, "--born", born, &day))
		return ctx->err.code;
	sd_civil_from_days(day, &y, &m, &d);
	if (day > ctx->today || y < 1850)
		return sd_fail(ctx, EX_DATAERR,
			       _("--born %s is in the future or before 1850"),
			       born);
	for (int n = 0; n < 10; n++)
		for (int k = strcmp(g, "man") == 0; k < 10; k += 2) {
			sd_pnr_reserv_make(y, m, d, n, k, p->canon);
			long long taken = sd_query_int(
				ctx,
				"SELECT count(*) FROM person WHERE pnr = ?",
				p->canon, SD_END);
			if (taken < 0)
				return ctx->err.code;
			if (taken)
				continue;
			p->year = y;
			p->month = m;
			p->day = p->birth_day = d;
			p->reserv = 1;
			return 0;
		}
	return sd_fail(
		ctx, EX_DATAERR,
		_("every reservnummer of %s (%s) is taken; check whether "
		  "the person already has one (akt-list)"),
		born, g);
}

int
sd_akt_name_form(const char *name)
{
	const char *comma = strchr(name, ',');

	if (!comma || strchr(comma + 1, ','))
		return 0;
	/* (blanks only is nothing) */
	return strspn(name, " \t") < (size_t)(comma - name) &&
	       comma[1 + strspn(comma + 1, " \t")] != '\0';
}

int
sd_akt_new(struct sd_ctx *ctx, const struct sd_akt_in *in, long long *id)
{
	struct sd_pnr p;
	long long unit = 0, person, kp = 0;
	const char *regime = in->regime ? in->regime : "SoL";
	/* --regime lss, sol, Lss: as in the law's own abbreviation (a typed
	 * word, word.h). */
	static const char *const regimes[] = {"SoL", "LSS", NULL};
	const char *known = sd_word_find(regime, regimes);
	if (known)
		regime = known;
	const char *opened = in->opened ? in->opened : ctx->today_s;
	char bd[8], buf[256], old[256] = "";
	sqlite3_stmt *st;
	int rc, day, renamed = 0;

	if ((rc = in->pnr ? sd_pnr_parse(ctx, in->pnr, &p)
			  : reserv_new(ctx, in->born, in->gender, &p)) ||
	    (rc = sd_utf8_check_line(ctx, "--name", in->name)))
		return rc;
	if (in->reserv)
		sd_pnr_display(p.canon, in->reserv);
	if (strcmp(regime, "SoL") && strcmp(regime, "LSS"))
		return sd_fail(ctx, EX_USAGE,
			       _("unknown regime '%s'; use SoL or LSS"),
			       regime);
	if ((rc = sd_date_opt(ctx, "--opened", opened, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--opened %s is in the future (today is %s)"),
			       opened, ctx->today_s);
	/* (a day of birth unknown, 00: the first of the month) */
	int born = sd_days_from_civil(p.year, p.month > 0 ? p.month : 1,
				      p.birth_day > 0 ? p.birth_day : 1);
	if (day < born) {
		char bs[SD_DATE_SIZE], pd[14];
		sd_date_fmt(born, bs);
		return sd_fail(ctx, EX_DATAERR,
			       _("--opened %s is before %s was born (%s); "
				 "check the date or the personnummer"),
			       opened, sd_pnr_display(p.canon, pd), bs);
	}
	if ((rc = sd_unit_find(ctx, in->unit, &unit)))
		return rc;
	if (!sd_unit_may_see(ctx, unit) || ctx->me.role == SD_ROLE_ARKIVARIE)
		return sd_fail(ctx, EX_NOPERM,
			       _("you may not open akter at unit '%s'; ask an "
				 "administrator to add you to it"),
			       in->unit);
	if (in->kontaktperson) {
		char u[32];
		snprintf(u, sizeof u, "%lld", unit);
		kp = sd_query_int(ctx,
				  "SELECT s.id FROM staff s JOIN staff_unit su "
				  "ON su.staff_id = s.id WHERE s.login = ? AND "
				  "su.unit_id = ? AND s.active",
				  in->kontaktperson, u, SD_END);
		if (kp <= 0)
			return sd_fail(
				ctx, EX_DATAERR,
				_("kontaktperson '%s' is not active staff "
				  "at unit '%s'; see staff-list"),
				in->kontaktperson, in->unit);
	}
	/*
	 * One person, one row.  A new akt for a person already recorded
	 * does not overwrite their name from another unit (issue 18): a
	 * different name given is taken only when every akt of the person
	 * is one the actor may see, and kept as history (an akt-set fact);
	 * otherwise the recorded name stays (akt-set changes it, with
	 * history, from an akt of theirs).
	 */
	snprintf(bd, sizeof bd, "%d", p.birth_day);
	if ((rc = sd_exec(ctx,
			  "INSERT INTO person(pnr, name, birth_day) VALUES "
			  "(?, ?, ?) ON CONFLICT(pnr) DO NOTHING",
			  p.canon, in->name, bd, SD_END)))
		return rc;
	person = sd_query_int(ctx, "SELECT id FROM person WHERE pnr = ?",
			      p.canon, SD_END);
	{
		char pid[32], sid[32];
		snprintf(pid, sizeof pid, "%lld", person);
		snprintf(sid, sizeof sid, "%lld", ctx->me.id);
		if (sd_query_text(
			    ctx, old, sizeof old,
			    "SELECT name FROM person WHERE id = ?1 AND name <> "
			    "?2 AND NOT EXISTS (SELECT 1 FROM akt a WHERE "
			    "a.person_id = ?1 AND NOT ?3 AND a.unit_id NOT IN "
			    "(SELECT unit_id FROM staff_unit WHERE staff_id = "
			    "?4))",
			    pid, in->name, sd_actor_all_units(ctx) ? "1" : "0",
			    sid, SD_END) > 1)
			return ctx->err.code;
		if (old[0] && (rc = sd_exec(ctx,
					    "UPDATE person SET name = ? WHERE "
					    "id = ?",
					    in->name, pid, SD_END)))
			return rc;
		renamed = old[0] != '\0';
	}
	if (!(st = sd_prepare(ctx,
			      "SELECT id, opened FROM akt WHERE person_id = "
			      "? AND unit_id = ? AND closed IS NULL")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, unit);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, sizeof buf,
			 _("%s already has an open akt at '%s': akt %lld "
			   "(opened %s); write in it, or close it first with "
			   "akt-close"),
			 sd_pnr_display(p.canon, (char[14]){0}), in->unit,
			 (long long)sqlite3_column_int64(st, 0), sd_col(st, 1));
		sd_finalize(st);
		return sd_fail(ctx, EX_DATAERR, "%s", buf);
	}
	sd_finalize(st);
	/*
	 * Never the id of an akt that gallra purged: the gallringslogg names
	 * purged akter by id, and SQLite would hand the highest one out again.
	 */
	if (!(st = sd_prepare(ctx, "INSERT INTO akt(id, person_id, unit_id, "
				   "regime, kontaktperson, opened, created_at, "
				   "created_by) VALUES (max(coalesce((SELECT "
				   "max(id) FROM akt), 0), coalesce((SELECT "
				   "CAST(value AS INTEGER) FROM setting WHERE "
				   "key = 'akt_id_purged'), 0)) + 1, "
				   "?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, unit);
	sd_bind_text(st, 3, regime);
	if (kp)
		sqlite3_bind_int64(st, 4, kp);
	sd_bind_text(st, 5, opened);
	sd_bind_text(st, 6, sd_clock(ctx));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	if ((rc = sd_step_done(ctx, st, _("cannot create akt"))))
		return rc;
	*id = sqlite3_last_insert_rowid(ctx->db);
	if (renamed) {
		/* The name change, kept as history like akt-set's. */
		struct sd_akt_fact f = {0};
		f.akt = *id;
		f.kind = "akt-set";
		f.date = ctx->today_s;
		f.field = "name";
		f.old_value = old;
		f.new_value = in->name;
		f.text = "akt-new";
		if ((rc = sd_fact_akt_add(ctx, &f, NULL)))
			return rc;
	}
	snprintf(buf, sizeof buf, "opened akt at unit '%s'", in->unit);
	return sd_log_access(ctx, *id, buf);
}

int
sd_akt_list(struct sd_ctx *ctx, const char *unit, int open,
	    struct sd_table **out)
{
	static const char *cols[] = {
		N_("akt"),    N_("personnummer"),  N_("name"),   N_("unit"),
		N_("regime"), N_("kontaktperson"), N_("opened"), N_("closed")};
	static const int flags[] = {
		SD_COL_NUM | SD_COL_RIGHT, 0, 0, 0, 0, 0, 0, 0};
	long long uid = 0;
	sqlite3_stmt *st;
	int rc;
	char sid[32], what[256];

	if (unit && (rc = sd_unit_filter(ctx, unit, &uid, NULL, 0)))
		return rc;
	snprintf(sid, sizeof sid, "%lld", ctx->me.id);
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT a.id, iif(a.protected, '', substr(p.pnr, 1, 8) "
		      "|| '-' || substr(p.pnr, 9)), "
		      "sd_person(a.protected, a.id, p.name), u.name, a.regime, "
		      "k.login, a.opened, a.closed "
		      "FROM akt a JOIN person p ON p.id = a.person_id "
		      "JOIN unit u ON u.id = a.unit_id "
		      "LEFT JOIN staff k ON k.id = a.kontaktperson "
		      "WHERE (?1 = 0 OR a.unit_id = ?1) "
		      "AND (?2 < 0 OR (?2 = 1) = (a.closed IS NULL)) "
		      "AND (?3 OR a.unit_id IN (SELECT unit_id FROM staff_unit "
		      "WHERE staff_id = ?4)) "
		      "ORDER BY 3 COLLATE sv, a.id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int(st, 2, open);
	sd_actor_bind(ctx, st, 3);
	*out = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	(void)sid;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot list akter"));
	snprintf(what, sizeof what, "listed %d akter%s%s%s%s",
		 sd_table_rows(*out),
		 open < 0 ? ""
		 : open   ? " (open)"
			  : " (closed)",
		 unit ? " of unit '" : "", unit ? unit : "", unit ? "'" : "");
	return sd_log_shown_table(ctx, what, *out, 0);
}

int
sd_akt_show(struct sd_ctx *ctx, const struct sd_akt *a, unsigned flags,
	    enum sd_format fmt, FILE *f)
{
	struct sd_table *ins = NULL, *hist = NULL, *cons = NULL, *inf = NULL;
	char pnr[14], akt[32];
	int rc;

	if ((rc = sd_insats_table(ctx, a->id, &ins)))
		return rc;
	if ((rc = sd_consent_table(ctx, a->id, &cons)) ||
	    (rc = sd_inform_table(ctx, a->id, &inf))) {
		sd_table_free(ins);
		sd_table_free(cons);
		return rc;
	}
	if ((flags & SD_AKT_HISTORY) &&
	    (rc = sd_akt_history(ctx, a->id, &hist))) {
		sd_table_free(ins);
		sd_table_free(cons);
		sd_table_free(inf);
		return rc;
	}
	sd_pnr_display(a->pnr, pnr);
	snprintf(akt, sizeof akt, "%lld", a->id);
	if (fmt == SD_FMT_JSON) {
		struct sd_buf b;
		sd_buf_init(&b);
		sd_buf_printf(&b, "{\"akt\": %lld, \"personnummer\": ", a->id);
		sd_json_quote(ctx, &b, pnr);
		sd_buf_puts(&b, ", \"name\": ");
		sd_json_quote(ctx, &b, a->name);
		sd_buf_puts(&b, ", \"unit\": ");
		sd_json_quote(ctx, &b, a->unit);
		sd_buf_puts(&b, ", \"regime\": ");
		sd_json_quote(ctx, &b, a->regime);
		sd_buf_puts(&b, ", \"kontaktperson\": ");
		sd_json_quote(ctx, &b, a->kp_login[0] ? a->kp_login : NULL);
		sd_buf_puts(&b, ", \"opened\": ");
		sd_json_quote(ctx, &b, a->opened);
		sd_buf_puts(&b, ", \"closed\": ");
		sd_json_quote(ctx, &b, a->closed[0] ? a->closed : NULL);
		if (a->foretradare[0]) {
			sd_buf_puts(&b, ", \"foretradare\": ");
			sd_json_quote(ctx, &b, a->foretradare);
		}
		sd_buf_puts(&b, ", \"insatser\": ");
		fputs(b.s, f);
		sd_buf_free(&b);
		rc = sd_table_print(ctx, ins, f, SD_FMT_JSON);
		if (!rc && cons) {
			fputs(", \"consents\": ", f);
			rc = sd_table_print(ctx, cons, f, SD_FMT_JSON);
		}
		if (!rc && inf) {
			fputs(", \"right_to_read\": ", f);
			rc = sd_table_print(ctx, inf, f, SD_FMT_JSON);
		}
		if (!rc && hist) {
			fputs(", \"history\": ", f);
			rc = sd_table_print(ctx, hist, f, SD_FMT_JSON);
		}
		fputs("}\n", f);
	} else if (fmt == SD_FMT_TEXT) {
		fprintf(f, _("akt:            %lld\n"), a->id);
		fprintf(f, _("person:         %s\n"), a->name);
		fprintf(f, _("personnummer:   %s\n"), pnr);
		fprintf(f, _("unit:           %s\n"), a->unit);
		fprintf(f, _("regime:         %s\n"), a->regime);
		if (a->kp_login[0])
			fprintf(f, _("kontaktperson:  %s (%s)\n"), a->kp_name,
				a->kp_login);
		else
			fprintf(f, _("kontaktperson:  -\n"));
		fprintf(f, _("opened:         %s\n"), a->opened);
		fprintf(f, _("closed:         %s\n"),
			a->closed[0] ? a->closed : "-");
		if (a->foretradare[0])
			fprintf(f, _("företrädare:    %s\n"), a->foretradare);
		if (sd_table_rows(ins)) {
			fputc('\n', f);
			rc = sd_table_print(ctx, ins, f, SD_FMT_TEXT);
		}
		if (!rc && cons) {
			fprintf(f, "\n%s\n", _("Consents:"));
			rc = sd_table_print(ctx, cons, f, SD_FMT_TEXT);
		}
		if (!rc && inf) {
			fprintf(f, "\n%s\n",
				_("Right to read (informed, copies given):"));
			rc = sd_table_print(ctx, inf, f, SD_FMT_TEXT);
		}
		if (!rc && hist) {
			fprintf(f, "\n%s\n", _("History:"));
			rc = sd_table_print(ctx, hist, f, SD_FMT_TEXT);
		}
	} else {
		/* TSV/CSV: the insatser, one per line, with the akt id first;
		 * with --history the facts instead. */
		rc = sd_table_print(ctx, hist ? hist : ins, f, fmt);
	}
	sd_table_free(ins);
	sd_table_free(hist);
	sd_table_free(cons);
	sd_table_free(inf);
	if (rc)
		return rc;
	return sd_log_access(ctx, a->id, "read akt");
}

int
sd_akt_handover(struct sd_ctx *ctx, const char *ref, const char *date,
		long long *akt)
{
	struct sd_akt a;
	char id[32], have[SD_DATE_SIZE], what[80];
	int rc, day;

	date = date ? date : ctx->today_s;
	if ((rc = sd_date_opt(ctx, "--date", date, &day)) ||
	    (rc = sd_akt_find(ctx, ref, &a)))
		return rc;
	*akt = a.id;
	if (ctx->me.role != SD_ROLE_ENHETSCHEF &&
	    ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(
			ctx, EX_NOPERM,
			_("only an enhetschef, arkivarie or administrator "
			  "hands akter to the archive"));
	if (!a.closed[0])
		return sd_fail(
			ctx, EX_DATAERR,
			_("akt %lld is open; close it first (akt-close)"),
			a.id);
	if (strcmp(date, a.closed) < 0)
		return sd_fail(
			ctx, EX_DATAERR,
			_("hand-over %s is before akt %lld was closed (%s)"),
			date, a.id, a.closed);
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("%s is in the future (today is %s)"), date,
			       ctx->today_s);
	snprintf(id, sizeof id, "%lld", a.id);
	rc = sd_query_text(ctx, have, sizeof have,
			   "SELECT fdate FROM fact WHERE akt_id = ? AND kind = "
			   "'arkiv-overlamning'",
			   id, SD_END);
	if (rc == 0)
		return sd_fail(ctx, EX_DATAERR,
			       _("akt %lld was already handed over on %s"),
			       a.id, have);
	if (rc != 1)
		return rc;
	if ((rc = sd_fact_add(ctx, a.id, 0, "arkiv-overlamning", date, NULL,
			      0)))
		return rc;
	snprintf(what, sizeof what, "handed akt to the archive on %s", date);
	return sd_log_access(ctx, a.id, what);
}

int
sd_akt_ids_visible(struct sd_ctx *ctx, long long **ids, size_t *n)
{
	sqlite3_stmt *st;

	*ids = NULL;
	*n = 0;
	if (!(st = sd_prepare(ctx, "SELECT id FROM akt WHERE ?1 OR unit_id IN "
				   "(SELECT unit_id FROM staff_unit WHERE "
				   "staff_id = ?2) ORDER BY id")))
		return ctx->err.code;
	sd_actor_bind(ctx, st, 1);
	return sd_query_ids(ctx, st, _("cannot list akter"), ids, n);
}
