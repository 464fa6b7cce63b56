/*
 * gallra.c - gallring and urvalsbevarande of akter (seed 002; SoL 12 kap
 * 1 §, 7 kap 3 §): the plan (which akter are due, purge or preserve),
 * the archive package, the purge, and the gallringslogg.
 *
 * The purge deletes every row that belongs to an akt by following the
 * schema's own foreign keys (and every akt_id column), so tables added
 * by later migrations are purged too; a table whose append-only trigger
 * does not allow gallra's DELETE makes the purge fail and roll back
 * rather than leave personal data behind unnoticed.
 */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "chain.h"
#include "export.h"
#include "file.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"
#include "unit.h"

const char *
sd_gallra_decision_name(enum sd_gallra_decision d)
{
	switch (d) {
	case SD_GALLRA_PURGE: return "purge";
	case SD_GALLRA_PRESERVE: return "preserve";
	case SD_GALLRA_HOLD: return "hold";
	}
	return "?";
}

void
sd_gallra_plan_free(struct sd_gallra_plan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

/* Add the rule's period to a day number. */
static int
add_period(const struct sd_gallra_plan *p, int day)
{
	if (strcmp(p->unit, "years") == 0)
		return sd_date_add_months(day, 12 * p->amount);
	if (strcmp(p->unit, "months") == 0)
		return sd_date_add_months(day, p->amount);
	if (strcmp(p->unit, "weeks") == 0)
		return day + 7 * p->amount;
	return day + p->amount;
}

/* Provider, settings and the gallring rule for the provider. */
static int
load_rule(struct sd_ctx *ctx, struct sd_gallra_plan *p)
{
	char v[16];
	sqlite3_stmt *st;
	int rc;

	if (sd_setting_get(ctx, "provider", p->provider, sizeof p->provider))
		return sd_fail(ctx, EX_CONFIG,
			       "database '%s' has no provider setting; create "
			       "it with socdok-init --provider",
			       ctx->path);
	p->preserve_all =
		sd_setting_get(ctx, "preserve_all", v, sizeof v) == 0 &&
		strcmp(v, "1") == 0;
	p->handover =
		sd_setting_get(ctx, "preserve_handover", v, sizeof v) == 0 &&
		strcmp(v, "1") == 0;
	/* The rule counted from the last note that applies to the provider. */
	if (!(st = sd_prepare(ctx,
			      "SELECT id, amount, unit FROM rule WHERE "
			      "base = 'sista-anteckning' AND applies IN "
			      "(?, '*') ORDER BY applies = '*', id LIMIT 1")))
		return ctx->err.code;
	sd_bind_text(st, 1, p->provider);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(p->rule, sizeof p->rule, "%s", sd_col(st, 0));
		p->amount = sqlite3_column_int(st, 1);
		snprintf(p->unit, sizeof p->unit, "%s", sd_col(st, 2));
	}
	sd_finalize(st);
	if (rc != SQLITE_ROW)
		return sd_fail(ctx, EX_CONFIG,
			       "no gallring rule (base sista-anteckning) for "
			       "provider %s in the rules in force; add one to "
			       "the rules file and load it",
			       p->provider);
	return 0;
}

/* One akt of a person, as read for the plan. */
struct row {
	struct sd_gallra_item it;
	int open, preserved, due;
	int obligation_day;
	char np_reason[256];
};

/*
 * The person rule (SoL 12 kap 1 § andra meningen): an akt is not purged
 * while another akt of the same person is open or not yet due.  Fills
 * why with the reason, returns 1 when the group is held back.
 */
static int
person_held(struct row *g, size_t n, size_t self, char *why, size_t wn)
{
	int open = 0, until = 0;
	char d[SD_DATE_SIZE];

	for (size_t i = 0; i < n; i++) {
		if (i == self || g[i].preserved)
			continue;
		if (g[i].open)
			open = 1;
		else if (!g[i].due && g[i].obligation_day > until)
			until = g[i].obligation_day;
	}
	if (open)
		snprintf(why, wn, "person rule: the person has an open akt");
	else if (until)
		snprintf(why, wn,
			 "person rule: another akt of the person is not due "
			 "until %s",
			 sd_date_fmt(until, d));
	return open || until;
}

static void
add_reason(char *buf, size_t n, const char *s)
{
	size_t l = strlen(buf);
	snprintf(buf + l, n - l, "%s%s", l ? "; " : "", s);
}

/* Decide for the due akter of one person's group. */
static void
decide(const struct sd_gallra_plan *p, struct row *g, size_t n,
       struct sd_gallra_item **items, size_t *count, size_t *cap)
{
	for (size_t i = 0; i < n; i++) {
		struct sd_gallra_item *it = &g[i].it;
		char why[256];

		if (g[i].open || g[i].preserved || !g[i].due)
			continue;
		it->reason[0] = '\0';
		if (it->birth_day == 5 || it->birth_day == 15 ||
		    it->birth_day == 25) {
			snprintf(why, sizeof why, "born on day %d%s",
				 it->birth_day,
				 it->samordning ? " (samordningsnummer)" : "");
			add_reason(it->reason, sizeof it->reason, why);
		}
		if (it->birth_day == 0)
			add_reason(it->reason, sizeof it->reason,
				   "day of birth unknown");
		if (p->preserve_all)
			add_reason(it->reason, sizeof it->reason,
				   "the database preserves every akt "
				   "(preserve-all)");
		if (it->never_purge) {
			snprintf(why, sizeof why, "never-purge: %s",
				 g[i].np_reason);
			add_reason(it->reason, sizeof it->reason, why);
		}
		if (it->reason[0])
			it->decision = SD_GALLRA_PRESERVE;
		else if (person_held(g, n, i, why, sizeof why)) {
			it->decision = SD_GALLRA_HOLD;
			add_reason(it->reason, sizeof it->reason, why);
		} else
			it->decision = SD_GALLRA_PURGE;
		*items = sd_grow(*items, *count, cap, sizeof **items, 64);
		(*items)[(*count)++] = *it;
	}
}

static int
cmp_item(const void *a, const void *b)
{
	const struct sd_gallra_item *x = a, *y = b;
	int c = strcmp(x->obligation, y->obligation);
	if (c)
		return c;
	return (x->akt > y->akt) - (x->akt < y->akt);
}

/*
 * The last record written in a closed akt, as a local date (the view in
 * share/schema/0062-last-record.sql, shared with followup-due).  Per
 * akt through the primary key, so that planning one person reads only
 * that person's rows.
 */
#define LAST_SQL "(SELECT last FROM akt_last_record WHERE akt_id = a.id)"

int
sd_gallra_plan(struct sd_ctx *ctx, long long person, struct sd_gallra_plan *p)
{
	sqlite3_stmt *st;
	struct row *g = NULL;
	size_t n = 0, gcap = 0, cap = 0;
	long long cur = -1;
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = load_rule(ctx, p)))
		return rc;
#define PLAN_SQL                                                               \
	"SELECT a.id, a.person_id, a.unit_id, p.birth_day, "                   \
	"CAST(substr(p.pnr, 7, 2) AS INTEGER) >= 60, a.never_purge, "          \
	"a.closed, a.preserved, " LAST_SQL ", "                                \
	"(SELECT reason FROM never_purge_note n WHERE n.akt_id = a.id "        \
	"AND n.flag = 1 ORDER BY n.id DESC LIMIT 1) "                          \
	"FROM akt a JOIN person p ON p.id = a.person_id "
	/* Two statements, so that one person's plan uses the akt_person index.
	 */
	if (!(st = sd_prepare(ctx, person ? PLAN_SQL "WHERE a.person_id = ? "
						     "ORDER BY a.id"
					  : PLAN_SQL
					   "ORDER BY a.person_id, a.id")))
		return ctx->err.code;
	if (person)
		sqlite3_bind_int64(st, 1, person);
	for (;;) {
		rc = sqlite3_step(st);
		long long pid =
			rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : -2;
		if (pid != cur && n) {
			decide(p, g, n, &p->items, &p->n, &cap);
			n = 0;
		}
		cur = pid;
		if (rc != SQLITE_ROW)
			break;
		g = sd_grow(g, n, &gcap, sizeof *g, 8);
		struct row *r = &g[n++];
		int last;
		memset(r, 0, sizeof *r);
		r->it.akt = sqlite3_column_int64(st, 0);
		r->it.person = pid;
		r->it.unit = sqlite3_column_int64(st, 2);
		r->it.birth_day = sqlite3_column_int(st, 3);
		r->it.samordning = sqlite3_column_int(st, 4);
		r->it.never_purge = sqlite3_column_int(st, 5);
		r->open = sqlite3_column_type(st, 6) == SQLITE_NULL;
		r->preserved = sqlite3_column_type(st, 7) != SQLITE_NULL;
		snprintf(r->np_reason, sizeof r->np_reason, "%s",
			 sd_col(st, 9));
		if (r->open)
			continue;
		snprintf(r->it.last, sizeof r->it.last, "%s", sd_col(st, 8));
		if (sd_date_parse(r->it.last, &last) != 0) {
			sd_fail(ctx, EX_DATAERR,
				"akt %lld has no readable date of its last "
				"note "
				"('%s'); check the database",
				r->it.akt, r->it.last);
			sd_finalize(st);
			free(g);
			sd_gallra_plan_free(p);
			return EX_DATAERR;
		}
		r->obligation_day = add_period(p, last);
		r->due = r->obligation_day <= ctx->today;
		sd_date_fmt(r->obligation_day, r->it.obligation);
		int y, m, d;
		sd_civil_from_days(r->obligation_day, &y, &m, &d);
		sd_date_fmt(sd_days_from_civil(y + 1, 12, 31), r->it.deadline);
	}
	sd_finalize(st);
	free(g);
	if (rc != SQLITE_DONE) {
		sd_gallra_plan_free(p);
		return sd_fail_db(ctx, "cannot read the akter for gallring");
	}
	if (p->n)
		qsort(p->items, p->n, sizeof *p->items, cmp_item);
	return 0;
}

int
sd_gallra_table(struct sd_ctx *ctx, const struct sd_gallra_plan *p,
		struct sd_table **out)
{
	static const char *cols[] = {
		N_("akt"),      N_("born"),     N_("last_note"),
		N_("rule"),     N_("period"),   N_("obligation"),
		N_("deadline"), N_("decision"), N_("reason")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0,
				    0,
				    0,
				    0};
	char akt[32], born[8], period[32], what[128];
	int shown = 0;

	*out = sd_table_new(9, cols, flags);
	snprintf(period, sizeof period, "%d %s", p->amount, p->unit);
	for (size_t i = 0; i < p->n; i++) {
		const struct sd_gallra_item *it = &p->items[i];
		if (!sd_unit_may_see(ctx, it->unit))
			continue;
		snprintf(akt, sizeof akt, "%lld", it->akt);
		snprintf(born, sizeof born, "%d", it->birth_day);
		const char *row[] = {
			akt,          it->birth_day ? born : NULL,
			it->last,     p->rule,
			period,       it->obligation,
			it->deadline, sd_gallra_decision_name(it->decision),
			it->reason};
		sd_table_add(*out, row);
		shown++;
	}
	snprintf(what, sizeof what, "listed %d akter due for gallring as of %s",
		 shown, ctx->today_s);
	return sd_log_access(ctx, 0, what);
}

/* ------------------------------------------------------------ the purge */

/* A foreign key pointing at a table: (child table, child column, parent
 * column). */
struct fk {
	char *table, *from, *to;
};

/*
 * The DELETE statements of a purge, in order, each with the akt's or the
 * person's id as ?1: worked out once per gallra run from the schema (the
 * foreign-key graph is read once, not per akt) and compiled once by the
 * statement cache (issue 17).
 */
struct purge_del {
	char *table, *sql;
};
struct purge_sql {
	struct purge_del *akt, *person;
	size_t nakt, nperson;
};

static void
purge_sql_free(struct purge_sql *ps)
{
	for (size_t i = 0; i < ps->nakt; i++) {
		free(ps->akt[i].table);
		free(ps->akt[i].sql);
	}
	for (size_t i = 0; i < ps->nperson; i++) {
		free(ps->person[i].table);
		free(ps->person[i].sql);
	}
	free(ps->akt);
	free(ps->person);
	memset(ps, 0, sizeof *ps);
}

static void
purge_sql_add(struct purge_del **list, size_t *n, const char *table, char *sql)
{
	*list = sd_xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[*n].table = sd_strdup(table);
	(*list)[(*n)++].sql = sd_strdup(sql);
	sqlite3_free(sql);
}

/*
 * Add the DELETE of the rows of table matching where to list, after first
 * the DELETEs (in the same way) of every row of another table that points
 * at them.
 */
static int
purge_where(struct sd_ctx *ctx, struct purge_del **list, size_t *nl,
	    const char *table, const char *where, int depth)
{
	sqlite3_stmt *st;
	struct fk *fks = NULL;
	size_t n = 0;
	int rc = 0;

	if (depth > 8)
		return sd_fail(ctx, EX_SOFTWARE,
			       "the foreign keys to table '%s' nest too deep "
			       "to purge; check the schema",
			       table);
	if (!(st = sd_prepare(ctx,
			      "SELECT m.name, f.\"from\", "
			      "ifnull(f.\"to\", 'rowid') FROM sqlite_schema m, "
			      "pragma_foreign_key_list(m.name) f "
			      "WHERE m.type = 'table' AND f.\"table\" = ?1 "
			      "COLLATE NOCASE AND m.name <> ?1 COLLATE NOCASE "
			      "ORDER BY m.name, f.id")))
		return ctx->err.code;
	sd_bind_text(st, 1, table);
	while (sqlite3_step(st) == SQLITE_ROW) {
		fks = sd_xrealloc(fks, (n + 1) * sizeof *fks);
		fks[n].table = sd_strdup(sd_col(st, 0));
		fks[n].from = sd_strdup(sd_col(st, 1));
		fks[n].to = sd_strdup(sd_col(st, 2));
		n++;
	}
	sd_finalize(st);
	for (size_t i = 0; i < n && !rc; i++) {
		char *sub =
			sqlite3_mprintf("\"%w\" IN (SELECT \"%w\" FROM "
					"\"%w\" WHERE %s)",
					fks[i].from, fks[i].to, table, where);
		rc = purge_where(ctx, list, nl, fks[i].table, sub, depth + 1);
		sqlite3_free(sub);
	}
	for (size_t i = 0; i < n; i++) {
		free(fks[i].table);
		free(fks[i].from);
		free(fks[i].to);
	}
	free(fks);
	if (!rc)
		purge_sql_add(list, nl, table,
			      sqlite3_mprintf("DELETE FROM \"%w\" WHERE %s",
					      table, where));
	return rc;
}

/*
 * The akt's tombstone in the gallringslogg chain, in the purge's own
 * transaction: its id, the length and final head of its chain, the
 * decision, and the access-log rows erased with it (temp.access_erased,
 * filled before they were deleted).  No personal data.
 */
static int
tombstone(struct sd_ctx *ctx, long long akt, long long records,
	  const char *head, const char *action, const char *decision)
{
	char now[SD_TIME_SIZE], a[24], n[24];
	int rc;

	snprintf(a, sizeof a, "%lld", akt);
	snprintf(n, sizeof n, "%lld", records);
	if ((rc = sd_exec(ctx,
			  "INSERT INTO gallring_tombstone(at, as_of, akt, "
			  "action, decision, login, records, final_head, "
			  "access_erased) VALUES (?, ?, CAST(? AS INTEGER), ?, "
			  "?, ?, CAST(? AS INTEGER), ?, (SELECT "
			  "ifnull(group_concat(id, ','), '') FROM (SELECT id "
			  "FROM temp.access_erased ORDER BY id)))",
			  sd_now(now), ctx->today_s, a, action,
			  decision ? decision : "", ctx->me.login, n, head,
			  SD_END)) ||
	    (rc = sd_head_log(ctx, "gallring", "gallring_tombstone",
			      sqlite3_last_insert_rowid(ctx->db))))
		return rc;
	return sd_exec(ctx, "DELETE FROM temp.access_erased", SD_END);
}

/* Work out the DELETEs of an akt and of a person from the schema. */
static int
purge_sql_make(struct sd_ctx *ctx, struct purge_sql *ps)
{
	sqlite3_stmt *st;
	char **tables = NULL;
	size_t n = 0;
	int rc = 0;

	memset(ps, 0, sizeof *ps);
	/* Every table that names the akt, by foreign key or not. */
	if (!(st = sd_prepare(ctx,
			      "SELECT m.name FROM sqlite_schema m, "
			      "pragma_table_info(m.name) c WHERE m.type = "
			      "'table' AND c.name = 'akt_id' ORDER BY m.name")))
		return ctx->err.code;
	while (sqlite3_step(st) == SQLITE_ROW) {
		tables = sd_xrealloc(tables, (n + 1) * sizeof *tables);
		tables[n++] = sd_strdup(sd_col(st, 0));
	}
	sd_finalize(st);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = purge_where(ctx, &ps->akt, &ps->nakt, tables[i],
					 "akt_id = ?1", 0);
		free(tables[i]);
	}
	free(tables);
	if (!rc)
		rc = purge_where(ctx, &ps->akt, &ps->nakt, "akt", "id = ?1", 0);
	if (!rc)
		rc = purge_where(ctx, &ps->person, &ps->nperson, "person",
				 "id = ?1", 0);
	if (rc)
		purge_sql_free(ps);
	return rc;
}

/* Run the n DELETEs of del with id as ?1. */
static int
purge_run(struct sd_ctx *ctx, const struct purge_del *del, size_t n,
	  long long id)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = sd_prepare(ctx, del[i].sql);
		int step;

		if (!st)
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, id);
		step = sqlite3_step(st);
		if (step != SQLITE_DONE) {
			int rc = sd_fail(ctx, EX_SOFTWARE,
					 "cannot purge table '%s': %s",
					 del[i].table, sqlite3_errmsg(ctx->db));
			sd_finalize(st);
			return rc;
		}
		sd_finalize(st);
	}
	return 0;
}

/*
 * Erase everything of one akt, then the person when no akt is left;
 * leave its tombstone (action, decision) in the gallringslogg chain.
 */
static int
purge_akt(struct sd_ctx *ctx, const struct purge_sql *ps, long long akt,
	  long long person, const char *action, const char *decision)
{
	sqlite3_stmt *st;
	char where[64], pnr[13] = "", disp[14], name[256] = "";
	char head[SD_HASH_HEX_SIZE] = SD_HASH_ZERO;
	long long records = 0;
	int rc;

	/* The akt's chain as it ends: what its tombstone holds. */
	if ((rc = sd_chain_flush(ctx)) ||
	    (rc = sd_exec(ctx,
			  "CREATE TEMP TABLE IF NOT EXISTS access_erased("
			  "id INTEGER PRIMARY KEY)",
			  SD_END)))
		return rc;
	snprintf(where, sizeof where, "%lld", akt);
	if (!(st = sd_prepare(ctx, "SELECT seq, hash FROM chain_record WHERE "
				   "akt_id = ? ORDER BY seq DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if (sqlite3_step(st) == SQLITE_ROW) {
		records = sqlite3_column_int64(st, 0);
		snprintf(head, sizeof head, "%s", sd_col(st, 1));
	}
	sd_finalize(st);
	if ((rc = sd_exec(ctx,
			  "INSERT OR IGNORE INTO temp.access_erased SELECT id "
			  "FROM access_log WHERE akt_id = CAST(? AS INTEGER)",
			  where, SD_END)))
		return rc;
	if ((rc = purge_run(ctx, ps->akt, ps->nakt, akt)))
		return rc;
	/* akt-new never gives this id to another akt (see lib/akt.c). */
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", akt);
	if ((rc = sd_exec(ctx,
			  "INSERT INTO setting(key, value) VALUES "
			  "('akt_id_purged', ?1) ON CONFLICT(key) DO UPDATE "
			  "SET value = CAST(max(CAST(value AS INTEGER), "
			  "CAST(?1 AS INTEGER)) AS TEXT)",
			  idtext, SD_END)))
		return rc;
	if (sd_query_int(ctx, "SELECT count(*) FROM akt WHERE person_id = ?",
			 (snprintf(where, sizeof where, "%lld", person), where),
			 SD_END) != 0)
		return tombstone(ctx, akt, records, head, action, decision);
	/* The person is gone: so are log lines that name them in words. */
	if (sd_query_text(ctx, pnr, sizeof pnr,
			  "SELECT pnr FROM person WHERE id = ?", where,
			  SD_END) == 0 &&
	    sd_query_text(ctx, name, sizeof name,
			  "SELECT name FROM person WHERE id = ?", where,
			  SD_END) == 0 &&
	    ((rc = sd_exec(ctx,
			   "INSERT OR IGNORE INTO temp.access_erased SELECT "
			   "id FROM access_log WHERE instr(what, ?1) OR "
			   "instr(what, ?2) OR (length(?3) > 2 AND "
			   "instr(what, ?3))",
			   pnr, sd_pnr_display(pnr, disp), name, SD_END)) ||
	     (rc = sd_exec(ctx,
			   "DELETE FROM access_log WHERE instr(what, ?1) OR "
			   "instr(what, ?2) OR (length(?3) > 2 AND "
			   "instr(what, ?3))",
			   pnr, sd_pnr_display(pnr, disp), name, SD_END))))
		return rc;
	if ((rc = purge_run(ctx, ps->person, ps->nperson, person)))
		return rc;
	return tombstone(ctx, akt, records, head, action, decision);
}

/* ------------------------------------------------------ archive package */

/*
 * dir/name into path (n bytes), or fail naming the path when it does not
 * fit: a package is never written or checked under a cut-off name.
 */
static int
package_path(struct sd_ctx *ctx, char *path, size_t n, const char *dir,
	     const char *name)
{
	int len = snprintf(path, n, "%s/%s", dir, name);

	if (len < 0 || (size_t)len >= n)
		return sd_fail(ctx, EX_CANTCREAT,
			       "the path '%s/%s' is too long (over %zu bytes); "
			       "choose a shorter --preserve-dir",
			       dir, name, n - 1);
	return 0;
}

static int
sha256_file(struct sd_ctx *ctx, const char *path, char hex[SD_HASH_HEX_SIZE])
{
	size_t len;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *data = sd_read_file(ctx, path, &len);

	if (!data)
		return ctx->err.code;
	int ok = EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	free(data);
	if (!ok || mdlen != 32)
		return sd_fail(ctx, EX_SOFTWARE, "cannot compute SHA-256");
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* The files of a package, written into dir; names into names[]. */
static int
export_files(struct sd_ctx *ctx, long long akt, const char *dir,
	     char names[][64], int *count)
{
	char path[4096 + 64];
	int rc;

	*count = 0;
	static const enum sd_export_fmt fmts[] = {SD_EXPORT_PDF,
						  SD_EXPORT_JSON};
	for (int i = 0; i < 2; i++) {
		/* PDF/A-2B when ghostscript is installed (seed 002:
		 * arkivbeständig). */
		/* Built outside the write: the purge's transaction logs it. */
		struct sd_export_opts o = {.unlogged = 1};
		if (fmts[i] == SD_EXPORT_PDF)
			o.pdfa = SD_PDFA_IF_AVAILABLE;
		sd_export_name(akt, fmts[i], names[i], 64);
		if ((rc = package_path(ctx, path, sizeof path, dir,
				       names[i])) ||
		    (rc = sd_export_file(ctx, akt, fmts[i], &o, path)))
			return rc;
		(*count)++;
	}
	return 0;
}

/*
 * Check a package against its manifest: every file listed is there with
 * its checksum, JSON files parse, PDF files start as PDF.
 */
static int
verify_package(struct sd_ctx *ctx, const char *dir)
{
	char path[4096 + 64], hex[SD_HASH_HEX_SIZE], *man, *line, *save = NULL;
	int rc = 0, files = 0;

	if ((rc = package_path(ctx, path, sizeof path, dir, "SHA256SUMS")))
		return rc;
	if (!(man = sd_read_file(ctx, path, NULL)))
		return ctx->err.code;
	for (line = strtok_r(man, "\n", &save); line && !rc;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ') {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "package '%s': bad manifest line", dir);
			break;
		}
		const char *name = line + 66;
		if ((rc = package_path(ctx, path, sizeof path, dir, name)) ||
		    (rc = sha256_file(ctx, path, hex)))
			break;
		if (strncmp(hex, line, 64) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "package '%s': checksum of '%s' differs "
				     "from its manifest; nothing was purged",
				     dir, name);
			break;
		}
		size_t l = strlen(name);
		if (l > 5 && strcmp(name + l - 5, ".json") == 0) {
			char *doc = sd_read_file(ctx, path, NULL);
			if (!doc)
				return free(man), ctx->err.code;
			long long ok = sd_query_int(ctx, "SELECT json_valid(?)",
						    doc, SD_END);
			free(doc);
			if (ok != 1)
				rc = sd_fail(ctx, EX_SOFTWARE,
					     "package '%s': '%s' is not valid "
					     "JSON",
					     dir, name);
		} else if (l > 4 && strcmp(name + l - 4, ".pdf") == 0) {
			FILE *f = fopen(path, "rb");
			char head[5] = "";
			if (!f || fread(head, 1, 5, f) != 5 ||
			    memcmp(head, "%PDF-", 5) != 0)
				rc = sd_fail(ctx, EX_SOFTWARE,
					     "package '%s': '%s' is not a PDF",
					     dir, name);
			if (f)
				fclose(f);
		}
		files++;
	}
	free(man);
	if (!rc && files < 3)
		rc = sd_fail(ctx, EX_SOFTWARE,
			     "package '%s': the manifest lists %d files", dir,
			     files);
	return rc;
}

/* The directory of an akt's archive package into dir (dn bytes). */
static int
package_dir(struct sd_ctx *ctx, const struct sd_gallra_exec *o, long long akt,
	    char *dir, size_t dn)
{
	int len = snprintf(dir, dn, "%s/akt-%lld", o->preserve_dir, akt);
	if (len < 0 || (size_t)len >= dn)
		return sd_fail(ctx, EX_CANTCREAT,
			       "the --preserve-dir '%s' is too long for a "
			       "package directory; choose a shorter one",
			       o->preserve_dir);
	return 0;
}

/*
 * Write, checksum and verify the archive package of one akt.  A package
 * left by a run that was killed before its transaction committed is
 * replaced file by file (each written beside and renamed into place).
 */
static int
write_package(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	      const struct sd_gallra_item *it, char *dir, size_t dn)
{
	char names[4][64], path[4096 + 64], hex[SD_HASH_HEX_SIZE];
	struct sd_buf meta, man;
	int count, rc;

	if ((rc = package_dir(ctx, o, it->akt, dir, dn)))
		return rc;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return sd_fail(ctx, EX_CANTCREAT,
			       "cannot create the package directory '%s': %s",
			       dir, strerror(errno));
	if ((rc = export_files(ctx, it->akt, dir, names, &count)))
		return rc;
	/* The package's own description, as JSON from SQLite. */
	sd_buf_init(&meta);
	{
		char akt[32], bd[8];
		snprintf(akt, sizeof akt, "%lld", it->akt);
		snprintf(bd, sizeof bd, "%d", it->birth_day);
		char *doc = NULL;
		sqlite3_stmt *st = sd_prepare(
			ctx,
			"SELECT json_object('akt', CAST(?1 AS INTEGER), "
			"'gallringsbeslut', ?2, 'preserved', ?3, 'reason', ?4, "
			"'last_note', ?5, 'obligation', ?6, 'born_day', "
			"nullif(CAST(?7 AS INTEGER), 0), 'socdok', ?8)");
		if (!st) {
			sd_buf_free(&meta);
			return ctx->err.code;
		}
		sd_bind_text(st, 1, akt);
		sd_bind_text(st, 2, o->decision);
		sd_bind_text(st, 3, ctx->today_s);
		sd_bind_text(st, 4, it->reason);
		sd_bind_text(st, 5, it->last);
		sd_bind_text(st, 6, it->obligation);
		sd_bind_text(st, 7, bd);
		sd_bind_text(st, 8, SD_VERSION);
		if (sqlite3_step(st) == SQLITE_ROW)
			doc = sd_strdup(sd_col(st, 0));
		sd_finalize(st);
		if (!doc) {
			sd_buf_free(&meta);
			return sd_fail_db(ctx, "cannot describe the package");
		}
		sd_buf_printf(&meta, "%s\n", doc);
		free(doc);
	}
	snprintf(names[count], 64, "package.json");
	if (!(rc = package_path(ctx, path, sizeof path, dir, names[count])))
		rc = sd_file_write_all(ctx, path, meta.s, meta.len);
	sd_buf_free(&meta);
	if (rc)
		return rc;
	count++;
	/* The manifest in sha256sum(1) format, so `sha256sum -c` checks it. */
	sd_buf_init(&man);
	for (int i = 0; i < count && !rc; i++) {
		if (!(rc = package_path(ctx, path, sizeof path, dir,
					names[i])) &&
		    !(rc = sha256_file(ctx, path, hex)))
			sd_buf_printf(&man, "%s  %s\n", hex, names[i]);
	}
	if (!rc &&
	    !(rc = package_path(ctx, path, sizeof path, dir, "SHA256SUMS")))
		rc = sd_file_write_all(ctx, path, man.s, man.len);
	sd_buf_free(&man);
	return rc ? rc : verify_package(ctx, dir);
}

/* ------------------------------------------------------------- execute */

static int
record(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
       const struct sd_gallra_item *it, const char *what)
{
	char akt[32], year[5];

	sd_gallralog_add(o->log, ctx->today_s, what, it->akt, o->decision);

	snprintf(akt, sizeof akt, "%lld", it->akt);
	snprintf(year, sizeof year, "%.4s", it->last);
	return sd_exec(ctx,
		       "INSERT INTO temp.gallra_done(akt, year, decision) "
		       "VALUES (CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), ?3)",
		       akt, year, what, SD_END);
}

/* An akt's archive package, written before its purge's transaction. */
struct package {
	long long akt;
	long long records;           /* its chain's length then */
	char head[SD_HASH_HEX_SIZE]; /* and its head */
};

/* The length and head of akt's chain into *records and head. */
static int
akt_head(struct sd_ctx *ctx, long long akt, long long *records,
	 char head[SD_HASH_HEX_SIZE])
{
	sqlite3_stmt *st;
	int step;

	*records = 0;
	snprintf(head, SD_HASH_HEX_SIZE, "%s", SD_HASH_ZERO);
	if (!(st = sd_prepare(ctx, "SELECT seq, hash FROM chain_record WHERE "
				   "akt_id = ? ORDER BY seq DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*records = sqlite3_column_int64(st, 0);
		snprintf(head, SD_HASH_HEX_SIZE, "%s", sd_col(st, 1));
		step = SQLITE_DONE;
	}
	sd_finalize(st);
	return step == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, "cannot read the chain of an akt");
}

/*
 * The archive packages of the akter of person to preserve, written and
 * verified in a read transaction (no write lock while PDFs are built),
 * each with the head of its akt then, into *pk.
 */
static int
write_packages(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	       long long person, struct package **pk, size_t *npk)
{
	struct sd_gallra_plan p;
	char dir[4096 + 64];
	int rc;

	*pk = NULL;
	*npk = 0;
	if ((rc = sd_exec(ctx, "BEGIN", SD_END)))
		return rc;
	if ((rc = sd_gallra_plan(ctx, person, &p))) {
		sd_rollback(ctx);
		return rc;
	}
	for (size_t i = 0; i < p.n && !rc; i++) {
		const struct sd_gallra_item *it = &p.items[i];
		if (it->decision != SD_GALLRA_PRESERVE)
			continue;
		*pk = sd_xrealloc(*pk, (*npk + 1) * sizeof **pk);
		(*pk)[*npk].akt = it->akt;
		if (!(rc = akt_head(ctx, it->akt, &(*pk)[*npk].records,
				    (*pk)[*npk].head)) &&
		    !(rc = write_package(ctx, o, it, dir, sizeof dir)))
			(*npk)++;
	}
	sd_gallra_plan_free(&p);
	/* Nothing was written: the read transaction is let go. */
	sd_rollback(ctx);
	return rc;
}

/*
 * Whether the package written for akt before the transaction is still
 * its package: written for the akt as it is now, and intact on disk.
 */
static int
package_holds(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	      const struct package *pk, size_t npk, long long akt)
{
	char dir[4096 + 64], head[SD_HASH_HEX_SIZE];
	long long records;
	size_t i;
	int rc;

	for (i = 0; i < npk && pk[i].akt != akt; i++)
		;
	if ((rc = package_dir(ctx, o, akt, dir, sizeof dir)) ||
	    (rc = akt_head(ctx, akt, &records, head)))
		return rc;
	if (i == npk || pk[i].records != records ||
	    strcmp(pk[i].head, head) != 0)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("akt %lld changed while its archive package "
				 "'%s' was written; nothing of its person "
				 "was purged or marked; run 'gallra "
				 "--execute' again"),
			       akt, dir);
	return verify_package(ctx, dir);
}

/*
 * One person: the archive packages first, outside the write; then, in
 * one transaction, re-plan, check each package, mark the akter
 * preserved and purge, with the tombstones and the gallringslogg line.
 */
static int
execute_person(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	       const struct purge_sql *ps, long long person,
	       struct sd_gallra_result *r)
{
	struct sd_gallra_plan p;
	struct package *pk;
	size_t npk;
	char id[32];
	int rc, purged = 0, preserved = 0;

	if ((rc = write_packages(ctx, o, person, &pk, &npk))) {
		free(pk);
		return rc;
	}
	if ((rc = sd_begin(ctx))) {
		free(pk);
		return rc;
	}
	if ((rc = sd_gallra_plan(ctx, person, &p))) {
		free(pk);
		sd_rollback(ctx);
		return rc;
	}
	ctx->purging = 1;
	for (size_t i = 0; i < p.n && !rc; i++) {
		const struct sd_gallra_item *it = &p.items[i];
		if (it->decision == SD_GALLRA_HOLD) {
			continue;
		} else if (it->decision == SD_GALLRA_PRESERVE) {
			snprintf(id, sizeof id, "%lld", it->akt);
			if (!(rc = package_holds(ctx, o, pk, npk, it->akt)) &&
			    !(rc = sd_log_access(ctx, it->akt,
						 "exported akt as an archive "
						 "package (pdf, json)")) &&
			    !(rc = sd_exec(ctx,
					   "UPDATE akt SET preserved = ? WHERE "
					   "id = ?",
					   ctx->today_s, id, SD_END)) &&
			    !(rc = record(ctx, o, it,
					  p.handover && !it->never_purge
						  ? "handover"
						  : "preserve")) &&
			    p.handover && !it->never_purge)
				rc = purge_akt(ctx, ps, it->akt, it->person,
					       "handover", o->decision);
			preserved++;
		} else {
			if (!(rc = purge_akt(ctx, ps, it->akt, it->person,
					     "purge", o->decision)))
				rc = record(ctx, o, it, "purge");
			purged++;
		}
	}
	ctx->purging = 0;
	sd_gallra_plan_free(&p);
	free(pk);
	/* The file outside first: a purge is never without its line. */
	if (!rc && !(rc = sd_gallralog_sync(ctx, o->log)))
		rc = sd_commit(ctx);
	if (rc) {
		sd_gallralog_drop(o->log);
		sd_rollback(ctx);
		return rc;
	}
	r->purged += purged;
	r->preserved += preserved;
	return 0;
}

/* The gallringslogg line: counts, and per akt only its id and a year. */
static int
write_log(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	  struct sd_gallra_result *r)
{
	char now[SD_TIME_SIZE], np[16], nv[16], what[256];
	int rc;

	snprintf(np, sizeof np, "%d", r->purged);
	snprintf(nv, sizeof nv, "%d", r->preserved);
	if ((rc = sd_begin(ctx)))
		return rc;
	if ((rc = sd_exec(
		     ctx,
		     "INSERT INTO gallring_log(at, as_of, decision, login, "
		     "purged, "
		     "preserved, detail) SELECT ?, ?, ?, ?, CAST(? AS "
		     "INTEGER), "
		     "CAST(? AS INTEGER), (SELECT json_group_array(json_object("
		     "'akt', akt, 'year', year, 'decision', decision)) FROM "
		     "(SELECT "
		     "* FROM temp.gallra_done ORDER BY akt))",
		     sd_now(now), ctx->today_s, o->decision, ctx->me.login, np,
		     nv, SD_END))) {
		sd_rollback(ctx);
		return rc;
	}
	r->log_id = sqlite3_last_insert_rowid(ctx->db);
	if ((rc = sd_head_log(ctx, "gallring", "gallring_log", r->log_id))) {
		sd_rollback(ctx);
		return rc;
	}
	snprintf(what, sizeof what,
		 "gallring %lld: %d akter purged, %d preserved", r->log_id,
		 r->purged, r->preserved);
	if ((rc = sd_log_access(ctx, 0, what)) || (rc = sd_commit(ctx)))
		sd_rollback(ctx);
	return rc;
}

/* Nothing purged may stay in the WAL or in free pages of the file. */
static int
erase_traces(struct sd_ctx *ctx, enum sd_gallra_vacuum how)
{
	int rc;
	long long busy;

	busy = sd_query_int(ctx, "PRAGMA wal_checkpoint(TRUNCATE)", SD_END);
	if (busy == 0 && how == SD_VACUUM_INCREMENTAL) {
		if (sd_query_int(ctx, "PRAGMA auto_vacuum", SD_END) != 2) {
			/* Switching the mode takes one full VACUUM. */
			if ((rc = sd_exec(ctx, "PRAGMA auto_vacuum=INCREMENTAL",
					  SD_END)) ||
			    (rc = sd_exec(ctx, "VACUUM", SD_END)))
				return rc;
		} else if ((rc = sd_exec(ctx, "PRAGMA incremental_vacuum",
					 SD_END)))
			return rc;
	} else if (busy == 0 && (rc = sd_exec(ctx, "VACUUM", SD_END)))
		return rc;
	if (busy == 0)
		busy = sd_query_int(ctx, "PRAGMA wal_checkpoint(TRUNCATE)",
				    SD_END);
	if (busy != 0)
		return sd_fail(ctx, EX_UNAVAILABLE,
			       "the purge is done, but another program has "
			       "the database open, so its WAL could not be "
			       "cleared; run 'gallra --execute' again when "
			       "it has finished");
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static int execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		   struct sd_gallra_result *r);

int
sd_gallra_execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
		  struct sd_gallra_result *r)
{
	struct sd_gallra_exec with_log = *o;
	char path[4096];
	int rc;

	memset(r, 0, sizeof *r);
	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return execute(ctx, o, r); /* refuses, naming the role */
	if (!o->log_file && (rc = sd_gallralog_default(ctx, path, sizeof path)))
		return rc;
	if ((rc = sd_gallralog_open(ctx, o->log_file ? o->log_file : path,
				    &with_log.log)))
		return rc;
	rc = execute(ctx, &with_log, r);
	sd_gallralog_close(with_log.log);
	return rc;
}

int
sd_gallra_purge_akt(struct sd_ctx *ctx, long long akt, const char *decision)
{
	char id[32];
	long long person;
	int rc;

	snprintf(id, sizeof id, "%lld", akt);
	if ((person =
		     sd_query_int(ctx, "SELECT person_id FROM akt WHERE id = ?",
				  id, SD_END)) <= 0)
		return 0;
	struct purge_sql ps;
	if ((rc = purge_sql_make(ctx, &ps)))
		return rc;
	ctx->purging = 1;
	rc = purge_akt(ctx, &ps, akt, person, "restore", decision);
	ctx->purging = 0;
	purge_sql_free(&ps);
	return rc;
}

static int
execute(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	struct sd_gallra_result *r)
{
	struct sd_gallra_plan p;
	long long *persons = NULL;
	size_t np = 0;
	int rc, need_dir = 0;
	struct stat sb;

	memset(r, 0, sizeof *r);
	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       "only an arkivarie or an administrator may "
			       "execute gallring (you are %s); the dry run "
			       "'gallra' shows what is due",
			       sd_role_name(ctx->me.role));
	if (!o->decision || !*o->decision)
		return sd_fail(ctx, EX_USAGE,
			       "no gallringsbeslut; give --decision REF naming "
			       "the archive authority's decision (seed 002)");
	if (!sd_utf8_valid(o->decision, strlen(o->decision)) ||
	    strchr(o->decision, '\n'))
		return sd_fail(ctx, EX_USAGE,
			       "--decision must be one line of UTF-8 text");
	if ((rc = sd_gallra_plan(ctx, 0, &p)))
		return rc;
	for (size_t i = 0; i < p.n; i++) {
		if (p.items[i].decision == SD_GALLRA_PRESERVE)
			need_dir++;
		if (p.items[i].decision == SD_GALLRA_HOLD) {
			r->held++;
			continue;
		}
		persons = sd_xrealloc(persons, (np + 1) * sizeof *persons);
		persons[np++] = p.items[i].person;
	}
	sd_gallra_plan_free(&p);
	if (need_dir && !o->preserve_dir) {
		free(persons);
		return sd_fail(ctx, EX_USAGE,
			       "%d akter are to be preserved; give "
			       "--preserve-dir DIR for their archive packages",
			       need_dir);
	}
	if (need_dir &&
	    (stat(o->preserve_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		free(persons);
		return sd_fail(ctx, EX_CANTCREAT,
			       "--preserve-dir '%s' is not a directory; create "
			       "it first",
			       o->preserve_dir);
	}
	/* One transaction per person, in the order of their ids. */
	if (np > 1) {
		size_t k = 1;
		qsort(persons, np, sizeof *persons, cmp_id);
		for (size_t i = 1; i < np; i++)
			if (persons[i] != persons[k - 1])
				persons[k++] = persons[i];
		np = k;
	}
	if ((rc = sd_exec(ctx,
			  "CREATE TEMP TABLE IF NOT EXISTS gallra_done("
			  "akt INTEGER, year INTEGER, decision TEXT)",
			  SD_END))) {
		free(persons);
		return rc;
	}
	struct purge_sql ps;
	if ((rc = purge_sql_make(ctx, &ps))) {
		free(persons);
		return rc;
	}
	for (size_t i = 0; i < np && !rc; i++)
		rc = execute_person(ctx, o, &ps, persons[i], r);
	purge_sql_free(&ps);
	free(persons);
	/* Log what was done even when a later person failed. */
	if (!rc || r->purged || r->preserved) {
		struct sd_err saved = ctx->err;
		int lrc = write_log(ctx, o, r);
		if (rc)
			ctx->err = saved;
		else
			rc = lrc;
	}
	if (!rc)
		rc = erase_traces(ctx, o->vacuum);
	return rc;
}

/* ----------------------------------------------------------- the log */

int
sd_gallra_log_print(struct sd_ctx *ctx, enum sd_format fmt, FILE *f)
{
	static const char *cols[] = {N_("id"),        N_("at"),    N_("as_of"),
				     N_("decision"),  N_("login"), N_("purged"),
				     N_("preserved"), N_("akter")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_TIME,
				    0,
				    0,
				    0,
				    SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0};
	sqlite3_stmt *st;
	struct sd_table *t;
	int rc;

	if (fmt == SD_FMT_JSON) {
		char *doc = NULL;
		if (!(st = sd_prepare(
			      ctx,
			      "SELECT json_group_array(json_object('id', id, "
			      "'at', sd_rfc3339(at), 'as_of', as_of, "
			      "'decision', "
			      "decision, "
			      "'login', login, 'purged', purged, 'preserved', "
			      "preserved, 'akter', json(detail))) FROM (SELECT "
			      "* FROM gallring_log ORDER BY id)")))
			return ctx->err.code;
		if (sqlite3_step(st) == SQLITE_ROW)
			doc = sd_strdup(sd_col(st, 0));
		sd_finalize(st);
		if (!doc)
			return sd_fail_db(ctx, "cannot read the gallringslogg");
		fprintf(f, "%s\n", doc);
		free(doc);
		return 0;
	}
	if (!(st = sd_prepare(
		      ctx, "SELECT id, at, as_of, decision, login, purged, "
			   "preserved, "
			   "(SELECT group_concat(json_extract(value, '$.akt') "
			   "|| '/' "
			   "|| json_extract(value, '$.year') || ' ' || "
			   "json_extract(value, '$.decision'), ', ') FROM "
			   "json_each(detail)) FROM gallring_log ORDER BY id")))
		return ctx->err.code;
	t = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(t, st);
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		sd_table_free(t);
		return sd_fail_db(ctx, "cannot read the gallringslogg");
	}
	rc = sd_table_print(ctx, t, f, fmt);
	sd_table_free(t);
	return rc;
}

/* ------------------------------------------------------- never-purge */

int
sd_gallra_never_purge(struct sd_ctx *ctx, const char *ref, const char *reason,
		      int clear, long long *akt)
{
	struct sd_akt a;
	char id[32], now[SD_TIME_SIZE], what[64];
	int rc;

	if (ctx->me.role != SD_ROLE_ARKIVARIE && ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       "only an arkivarie or an administrator may mark "
			       "an akt never-purge (you are %s)",
			       sd_role_name(ctx->me.role));
	if (!reason || !*reason)
		return sd_fail(ctx, EX_USAGE,
			       "no reason; give -m REASON saying why the akt "
			       "%s kept",
			       clear ? "need no longer be" : "must be");
	if (!sd_utf8_valid(reason, strlen(reason)))
		return sd_fail(ctx, EX_DATAERR,
			       "the reason is not valid UTF-8");
	if ((rc = sd_akt_find(ctx, ref, &a)))
		return rc;
	snprintf(id, sizeof id, "%lld", a.id);
	long long flag = sd_query_int(ctx,
				      "SELECT never_purge FROM akt WHERE "
				      "id = ?",
				      id, SD_END);
	if (flag == !clear)
		return sd_fail(
			ctx, EX_DATAERR,
			clear ? "akt %lld is not marked never-purge"
			      : "akt %lld is already marked never-purge; "
				"see 'gallra'",
			a.id);
	if ((rc = sd_exec(ctx, "UPDATE akt SET never_purge = ? WHERE id = ?",
			  clear ? "0" : "1", id, SD_END)) ||
	    (rc = sd_exec(
		     ctx,
		     "INSERT INTO never_purge_note(akt_id, at, login, flag, "
		     "reason) VALUES (?, ?, ?, ?, ?)",
		     id, sd_now(now), ctx->me.login, clear ? "0" : "1", reason,
		     SD_END)))
		return rc;
	snprintf(what, sizeof what, "%s never-purge",
		 clear ? "cleared" : "marked");
	if (akt)
		*akt = a.id;
	return sd_log_access(ctx, a.id, what);
}

/* ------------------------------------------------------------ settings */

int
sd_gallra_config(struct sd_ctx *ctx, int preserve_all, int handover, FILE *f)
{
	struct sd_gallra_plan p;
	int rc;

	if ((preserve_all >= 0 || handover >= 0) &&
	    ctx->me.role != SD_ROLE_ADMIN)
		return sd_fail(ctx, EX_NOPERM,
			       "only an administrator may change the gallring "
			       "settings (you are %s)",
			       sd_role_name(ctx->me.role));
	if ((preserve_all >= 0 &&
	     (rc = sd_setting_set(ctx, "preserve_all",
				  preserve_all ? "1" : "0"))) ||
	    (handover >= 0 && (rc = sd_setting_set(ctx, "preserve_handover",
						   handover ? "1" : "0"))))
		return rc;
	if ((rc = load_rule(ctx, &p)))
		return rc;
	fprintf(f,
		"provider:      %s\n"
		"rule:          %s (%d %s after the last note)\n"
		"preserve-all:  %s\n"
		"handover:      %s\n",
		p.provider, p.rule, p.amount, p.unit,
		p.preserve_all ? "yes" : "no", p.handover ? "yes" : "no");
	if (preserve_all >= 0 || handover >= 0) {
		char what[128];
		snprintf(what, sizeof what,
			 "gallring settings: preserve-all %s, handover %s",
			 p.preserve_all ? "yes" : "no",
			 p.handover ? "yes" : "no");
		return sd_log_access(ctx, 0, what);
	}
	return 0;
}
