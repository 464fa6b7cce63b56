/*
 * gallra-purge.c - the purge of an akt and its person: the DELETEs worked
 * out from the schema's own foreign keys (and every akt_id column), so
 * tables added by later migrations are purged too; a table whose
 * append-only trigger does not allow gallra's DELETE makes the purge fail
 * and roll back rather than leave personal data behind unnoticed; the
 * tombstone that keeps the purged akt's last head in the gallringslogg.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "chain.h"
#include "export.h"
#include "file.h"
#include "gallra-int.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"
#include "unit.h"

/* A foreign key pointing at a table: (child table, child column, parent
 * column). */
struct fk {
	char *table, *from, *to;
};

void
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
			       _("the foreign keys to table '%s' nest too deep "
				 "to purge; check the schema"),
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
	char a[24], n[24];
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
			  sd_clock(ctx), ctx->today_s, a, action,
			  decision ? decision : "", ctx->me.login, n, head,
			  SD_END)) ||
	    (rc = sd_head_log(ctx, "gallring", "gallring_tombstone",
			      sqlite3_last_insert_rowid(ctx->db))))
		return rc;
	return sd_exec(ctx, "DELETE FROM temp.access_erased", SD_END);
}

/* Work out the DELETEs of an akt and of a person from the schema. */
int
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
	/*
	 * The lists that showed the akt (access_list, 0260): the akt taken
	 * out of the arrays of its bucket's rows that hold it, and a row
	 * left with none dropped.
	 */
	if (!rc) {
		purge_sql_add(
			&ps->akt, &ps->nakt, "access_list",
			sqlite3_mprintf(
				"%s",
				"UPDATE access_list SET akter = (SELECT "
				"json_group_array(value) FROM json_each(akter) "
				"WHERE value <> ?1), protected = (SELECT "
				"nullif(json_group_array(value), '[]') FROM "
				"json_each(protected) WHERE value <> ?1) WHERE "
				"bucket = ?1 >> 7 AND " SD_ACCESS_LIST_HOLDS(
					"akter", "?1")));
		purge_sql_add(&ps->akt, &ps->nakt, "access_list",
			      sqlite3_mprintf("%s",
					      "DELETE FROM access_list WHERE "
					      "bucket = ?1 >> 7 AND akter = "
					      "'[]'"));
	}
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
					 _("cannot purge table '%s': %s"),
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
int
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
