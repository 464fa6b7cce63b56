/*
 * export-json.c - the JSON export, built by SQLite's JSON functions; it
 * carries every hashed field, so a script (or akt-verify --export) can
 * recompute the chain from the file alone, which sd_export_verify_json
 * does.
 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "i18n.h"
#include "inform.h"
#include "journal.h"

/* ----------------------------------------------------------------- JSON */

/* The ids of the notes (or plans) the export shows, as a JSON array. */
static void
ids_json(struct sd_buf *b, struct xdoc *d, int plans)
{
	size_t n = plans ? d->nplans : d->nnotes, k = 0;

	sd_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		int included =
			plans ? d->plans[i].included : d->notes[i].included;
		long long id = plans ? d->plans[i].id : d->notes[i].id;
		if (included)
			sd_buf_printf(b, "%s%lld", k++ ? "," : "", id);
	}
	sd_buf_puts(b, "]");
}

const char *
sd_export_only_name(enum sd_export_only o)
{
	return o == SD_EXPORT_JOURNAL ? "journal"
	       : o == SD_EXPORT_GP    ? "gp"
				      : NULL;
}

/*
 * The export, one part at a time: the head's object (json_head, its
 * closing brace left off), then for each part its key and its value
 * (JSON text from SQLite's JSON functions, or NULL for null), then the
 * verification.  The parts are joined here, not by an outer
 * json_object(), which would parse every part again through json()
 * (half of the export's SQL on a long journal) to write it out as it
 * was.
 */
static const char json_head[] =
	"SELECT json_object("
	"'format', 'socdok-export', 'format_version', 1, "
	"'generator', 'socdok ' || ?10, "
	"'exported_at', ?1, "
	"'exported_by', json_object('login', ?2, 'name', ?3, 'title', "
	"?4), "
	"'selection', json_object('since', ?5, 'until', ?6, 'only', "
	"?7))";
static const char json_akt[] =
	"SELECT json_object('id', a.id, 'personnummer', "
	"  p.pnr, 'name', p.name, 'unit', u.name, 'regime', a.regime, "
	"  'kontaktperson', CASE WHEN k.id IS NULL THEN NULL ELSE "
	"  json_object('login', k.login, 'name', k.name, 'title', "
	"k.title) "
	"  END, 'opened', a.opened, 'closed', a.closed, 'closed_by', "
	"  (SELECT login FROM staff WHERE id = a.closed_by), "
	"  'never_purge', a.never_purge, 'preserved', a.preserved) "
	"  FROM akt a JOIN person p ON p.id = a.person_id "
	"  JOIN unit u ON u.id = a.unit_id "
	"  LEFT JOIN staff k ON k.id = a.kontaktperson WHERE a.id = "
	"?8";
static const char json_insatser[] =
	"SELECT json_group_array(json_object('id', "
	"id, "
	"  'kind', kind, 'decided', decided, 'ordered', ordered, "
	"  'started', started, 'ended', ended, 'end_reason', "
	"end_reason, "
	"  'handlaggare', handlaggare, 'goal', goal)) FROM (SELECT * "
	"FROM "
	"  insats WHERE akt_id = ?8 AND ?7 IS NULL ORDER BY decided, "
	"id)";
static const char json_plans[] =
	"SELECT json_group_array(json_object('id', "
	"g.id, "
	"  'version', g.version, 'plan_date', g.plan_date, "
	"  'replaced', (SELECT h.plan_date FROM gp h WHERE h.akt_id = "
	"    g.akt_id AND h.version > g.version ORDER BY h.version "
	"LIMIT 1), "
	"  'written_at', g.written_at, 'author', json_object('login', "
	"  g.author_login, 'name', g.author_name, 'title', "
	"g.author_title), "
	"  'note_id', g.note_id, 'body', g.body, "
	"  'signatures', json((SELECT json_group_array(json_object("
	"    'signer', s.signer, 'date', s.sign_date, 'name', s.name, "
	"    'declined', s.declined, 'recorded_at', s.recorded_at)) "
	"FROM "
	"    (SELECT * FROM gp_signature WHERE gp_id = g.id ORDER BY "
	"    sign_date, id) s)), "
	"  'followups', json((SELECT json_group_array(json_object("
	"    'kind', f.kind, 'date', f.fdate, 'note_id', f.note_id)) "
	"FROM "
	"    (SELECT * FROM followup WHERE gp_id = g.id ORDER BY "
	"fdate, "
	"    id) f)))) "
	"  FROM (SELECT * FROM gp WHERE id IN (SELECT value FROM "
	"  json_each(?12)) ORDER BY version) g";
/* The notes: "SELECT json_group_array(" json_note ") FROM" json_notes */
static const char json_note[] =
	"json_object('id', "
	"n.id, "
	"  'akt', n.akt_id, 'seq', n.seq, 'event_date', n.event_date, "
	"  'written_at', n.written_at, 'author_login', n.author_login, "
	"  'author_name', n.author_name, 'author_title', "
	"n.author_title, "
	"  'behalf_login', n.behalf_login, 'behalf_name', "
	"n.behalf_name, "
	"  'behalf_title', n.behalf_title, 'category', n.category, "
	"  'corrects', n.corrects, 'corrects_seq', (SELECT c.seq FROM "
	"note "
	"  c WHERE c.id = n.corrects), 'body', n.body, "
	"  'hash_version', n.hash_version, 'prev_hash', n.prev_hash, "
	"  'hash', n.hash)";
static const char json_notes[] = ") FROM (SELECT * FROM note WHERE id IN "
				 "(SELECT "
				 "  value FROM json_each(?11)) ORDER BY seq) n";
static const char json_followups[] =
	"SELECT json_group_array(json_object('id', "
	"  f.id, 'gp_id', f.gp_id, 'kind', f.kind, 'date', f.fdate, "
	"  'note_id', f.note_id, 'recorded_at', f.recorded_at)) FROM "
	"  (SELECT * FROM followup WHERE akt_id = ?8 AND ?7 IS NULL "
	"  ORDER BY fdate, id) f";
static const char json_facts[] =
	"SELECT json_group_array(json_object('id', "
	"x.id, "
	"  'insats_id', x.insats_id, 'kind', x.kind, 'date', x.fdate, "
	"  'reason', x.reason, 'note_id', x.note_id, 'recorded_at', "
	"  x.recorded_at)) FROM (SELECT * FROM fact WHERE akt_id = ?8 "
	"  AND ?7 IS NULL ORDER BY fdate, id) x";
static const char json_consents[] =
	"SELECT json_group_array(json_object('id', "
	"  c.id, 'to', c.consent_to, 'about', c.consent_about, 'from', "
	"  c.fdate, 'until', c.consent_until, 'how', c.text, "
	"  'recorded_at', c.recorded_at, 'recorded_by', (SELECT login "
	"  FROM staff WHERE id = c.recorded_by), 'withdrawn', "
	"  json((SELECT json_object('date', w.fdate, 'why', w.text, "
	"  'recorded_at', w.recorded_at, 'recorded_by', (SELECT login "
	"  FROM staff WHERE id = w.recorded_by)) FROM akt_fact w WHERE "
	"  w.kind = 'consent-withdraw' AND w.ref_id = c.id)))) FROM "
	"  (SELECT * FROM akt_fact WHERE akt_id = ?8 AND kind = "
	"  'akt-consent' AND ?7 IS NULL ORDER BY fdate, id) c";
static const char json_lb[] =
	"SELECT json_group_array(json_object("
	"  'id', l.id, 'version', l.version, 'date', l.lb_date, "
	"  'written_at', l.written_at, 'author', json_object('login', "
	"  l.author_login, 'name', l.author_name, 'title', "
	"  l.author_title), 'body', l.body)) FROM (SELECT * FROM lb "
	"  WHERE akt_id = ?8 AND ?7 IS NULL ORDER BY version) l";
static const char json_records[] =
	"SELECT json_group_array(json_object('seq', "
	"  r.seq, 'kind', r.kind, 'ref', r.ref, 'written_at', "
	"  r.written_at, 'login', r.login, 'body', r.body, "
	"  'hash_version', r.hash_version, 'prev_hash', r.prev_hash, "
	"  'hash', r.hash)) FROM (SELECT * FROM chain_record WHERE "
	"  akt_id = ?8 AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL "
	"  ORDER BY seq) r";
/* (the verification is made with spaces: json() writes it without) */
static const char json_verification[] = "SELECT json(?9)";

/* The bindings every part's statement may use (by number). */
struct json_args {
	struct sd_ctx *ctx;
	struct xdoc *d;
	const char *ver, *notes, *plans, *mask;
};

/*
 * Append ,"key": and the value of sql's one row (null for NULL, or
 * for no row) to b; key NULL: the value alone.
 */
static int
json_part(const struct json_args *a, struct sd_buf *b, const char *key,
	  const char *sql)
{
	struct sd_ctx *ctx = a->ctx;
	struct xdoc *d = a->d;
	sqlite3_stmt *st;
	int n, step;

	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	n = sqlite3_bind_parameter_count(st);
	/* (each part uses a few of the numbers; the rest are not bound) */
#define BIND_TEXT(i, v)                                                        \
	do {                                                                   \
		if ((i) <= n)                                                  \
			sd_bind_text(st, i, v);                                \
	} while (0)
	BIND_TEXT(1, d->now);
	BIND_TEXT(2, ctx->me.login);
	BIND_TEXT(3, ctx->me.name);
	BIND_TEXT(4, ctx->me.title);
	BIND_TEXT(5, d->o->since);
	BIND_TEXT(6, d->o->until);
	BIND_TEXT(7, sd_export_only_name(d->o->only));
	if (8 <= n)
		sqlite3_bind_int64(st, 8, d->a.id);
	BIND_TEXT(9, a->ver);
	BIND_TEXT(10, SD_VERSION);
	BIND_TEXT(11, a->notes);
	BIND_TEXT(12, a->plans);
	if (d->o->nmask) {
		BIND_TEXT(13, a->mask);
		BIND_TEXT(14, "{\"body\": null, \"masked\": "
			      "\"" SD_EXPORT_MASKED "\"}");
	}
#undef BIND_TEXT
	if (key) {
		sd_buf_puts(b, ",\"");
		sd_buf_puts(b, key);
		sd_buf_puts(b, "\":");
	}
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		sd_buf_add(b, v, (size_t)sqlite3_column_bytes(st, 0));
	} else if (step == SQLITE_ROW || step == SQLITE_DONE) {
		sd_buf_puts(b, "null");
	} else {
		sd_finalize(st);
		return sd_fail_db(ctx, _("cannot build the JSON export"));
	}
	sd_finalize(st);
	return 0;
}

/* The whole document, as one json_object() of the parts would be. */
static int
json_doc(const struct json_args *a, struct sd_buf *b, const char *notes_sql)
{
	static const struct {
		const char *key, *sql;
	} parts[] = {
		{"akt", json_akt},
		{"insatser", json_insatser},
		{"plans", json_plans},
		{"notes", NULL},
		{"followups", json_followups},
		{"facts", json_facts},
		{"consents", json_consents},
		{"levnadsberattelse", json_lb},
		{"records", json_records},
		{"verification", json_verification},
	};
	int rc;

	if ((rc = json_part(a, b, NULL, json_head)))
		return rc;
	/* (the head's object goes on: its closing brace comes last) */
	if (!b->len || b->s[b->len - 1] != '}')
		return sd_fail(a->ctx, EX_SOFTWARE,
			       _("cannot build the JSON export"));
	b->s[--b->len] = '\0';
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if ((rc = json_part(a, b, parts[i].key,
				    parts[i].sql ? parts[i].sql : notes_sql)))
			return rc;
	sd_buf_puts(b, "}");
	return 0;
}

int
sd_export_json_build(struct sd_ctx *ctx, struct sd_buf *b, struct xdoc *d)
{
	struct sd_buf sql, notes, plans, ver, mask, extra;
	const struct sd_export_check *v = &d->v;
	int rc;

	sd_buf_init(&sql);
	sd_buf_init(&notes);
	sd_buf_init(&plans);
	sd_buf_init(&ver);
	sd_buf_init(&mask);
	/* A masked note (--mask) keeps every field but its text. */
	sd_buf_puts(&sql, "SELECT json_group_array(");
	if (d->o->nmask)
		sd_buf_printf(&sql,
			      "CASE WHEN n.seq IN (SELECT value FROM "
			      "json_each(?13)) THEN json_patch(%s, ?14) ELSE "
			      "%s END",
			      json_note, json_note);
	else
		sd_buf_puts(&sql, json_note);
	sd_buf_puts(&sql, json_notes);
	sd_buf_puts(&mask, "[");
	for (size_t i = 0; i < d->o->nmask; i++)
		sd_buf_printf(&mask, "%s%lld", i ? "," : "", d->o->mask[i]);
	sd_buf_puts(&mask, "]");
	ids_json(&notes, d, 0);
	ids_json(&plans, d, 1);
	sd_buf_printf(&ver,
		      "{\"notes\": %lld, \"notes_exported\": %lld, "
		      "\"head_hash\": \"%s\", \"hash_format\": "
		      "\"socdok-note-v%d\", \"hash_version\": %d, "
		      "\"verified_at\": \"%s\", \"result\": \"%s\", ",
		      v->total, d->nincluded, v->head, SD_HASH_VERSION,
		      SD_HASH_VERSION, d->now, v->ok ? "intact" : "broken");
	/* What the records' chain covers, for whoever reads the file. */
	sd_buf_printf(&ver,
		      "\"records\": %lld, \"records_exported\": %s, "
		      "\"akt_head\": \"%s\", \"record_format\": "
		      "\"socdok-record-v%d\", \"covers\": \"every note (hash "
		      "format 1) and every row of the akt as recorded, in one "
		      "chain of records: %s\", \"first_broken_record\": ",
		      v->records,
		      d->o->since || d->o->until || d->o->only ? "false"
							       : "true",
		      v->akt_head, SD_RECORD_VERSION, sd_chain_kinds());
	if (v->broken_record)
		sd_buf_printf(&ver, "%lld, ", v->broken_record);
	else
		sd_buf_puts(&ver, "null, ");
	/* Which notes this copy masks (akt-export --mask, OSL 26 kap.). */
	if (d->o->nmask)
		sd_buf_printf(&ver, "\"masked\": %s, \"masked_record\": %lld, ",
			      mask.s, d->mask_record);
	sd_buf_puts(&ver, "\"first_broken_seq\": ");
	if (v->ok)
		sd_buf_puts(&ver, "null, \"detail\": null}");
	else {
		sd_buf_printf(&ver, "%lld, \"detail\": ", v->broken_seq);
		sd_json_quote(ctx, &ver, v->what);
		sd_buf_puts(&ver, "}");
	}
	struct json_args args = {ctx, d, ver.s, notes.s, plans.s, mask.s};
	struct sd_buf doc;

	sd_buf_init(&doc);
	if (!(rc = json_doc(&args, &doc, sql.s))) {
		const char *j = doc.s;
		/* A protected identity: the banner is the first key. */
		if (d->a.protected && *j == '{') {
			sd_buf_puts(b, "{\"sekretessmarkering\":");
			sd_json_quote(ctx, b,
				      SD_EXPORT_BANNER_HEAD
				      " " SD_EXPORT_BANNER_TEXT);
			sd_buf_puts(b, ",");
			j++;
		}
		/* The right to read, when there is something to say
		 * (before the object's last brace). */
		size_t len = strlen(j);
		sd_buf_init(&extra);
		if (d->o->for_person || d->o->nmask)
			sd_buf_puts(&extra, ",\"copy_for_person\":true");
		rc = sd_inform_json(ctx, d->a.id, &extra);
		if (extra.len && len && j[len - 1] == '}') {
			sd_buf_add(b, j, len - 1);
			sd_buf_add(b, extra.s, extra.len);
			sd_buf_puts(b, "}");
		} else
			sd_buf_puts(b, j);
		sd_buf_puts(b, "\n");
		sd_buf_free(&extra);
	}
	sd_buf_free(&doc);
	sd_buf_free(&sql);
	sd_buf_free(&notes);
	sd_buf_free(&plans);
	sd_buf_free(&ver);
	sd_buf_free(&mask);
	return rc;
}

/* ------------------------------------------------- re-verifying a JSON */

static const char *
col_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? NULL
		       : (const char *)sqlite3_column_text(st, i);
}

/* A query of the JSON file's text (bound to ?1) in the scratch db. */
static sqlite3_stmt *
json_query(struct sd_ctx *ctx, sqlite3 *db, const char *sql, const char *text,
	   size_t len)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sd_fail(ctx, EX_SOFTWARE, "%s", sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	return st;
}

/*
 * The records of a whole export (hash_version 2): numbering, links and
 * hashes, the last hash and the count against the verification block,
 * and each exported note's hash in the last record of that note.
 */
static int
verify_records_json(struct sd_ctx *ctx, sqlite3 *db, const char *text,
		    size_t len, struct sd_export_check *v)
{
	sqlite3_stmt *st = NULL;
	struct sd_record_walk w;
	char head[SD_HASH_HEX_SIZE] = "";
	long long want = -1;
	int rc = 0, step, bad;

	if (!(st = json_query(
		      ctx, db,
		      "SELECT json_extract(?1, '$.verification.records'), "
		      "json_extract(?1, '$.verification.akt_head'), "
		      "json_type(?1, '$.records')",
		      text, len)))
		return ctx->err.code;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		want = sqlite3_column_int64(st, 0);
		snprintf(head, sizeof head, "%s", sd_col(st, 1));
	}
	sqlite3_finalize(st);
	st = NULL;
	/* An export made before hash_version 2 has no records. */
	if (want < 0)
		return 0;
	if (!(st = json_query(
		      ctx, db,
		      "SELECT json_extract(r.value, '$.seq'), "
		      "json_extract(r.value, '$.kind'), "
		      "json_extract(r.value, '$.ref'), "
		      "json_extract(r.value, '$.written_at'), "
		      "json_extract(r.value, '$.login'), "
		      "json_extract(r.value, '$.body'), "
		      "json_extract(r.value, '$.hash_version'), "
		      "json_extract(r.value, '$.prev_hash'), "
		      "json_extract(r.value, '$.hash') "
		      "FROM json_each(?1, '$.records') r ORDER BY r.key",
		      text, len)))
		return ctx->err.code;
	sd_record_walk_init(&w, v->akt);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_record x;

		sd_record_from_row(st, v->akt, &x);
		v->records++;
		if ((bad = sd_record_step(&w, &x)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			break;
		}
		if (bad) {
			v->ok = 0;
			v->broken_record = w.broken;
			snprintf(v->what, sizeof v->what, "%s", w.what);
			break;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || !v->ok)
		return rc;
	if (w.seq != want || strcmp(w.prev, head) != 0) {
		v->ok = 0;
		v->broken_record = w.seq + 1;
		snprintf(v->what, sizeof v->what,
			 _("the file holds %lld records ending in %.12s…, its "
			   "verification block %lld ending in %.12s…: records "
			   "were removed or changed"),
			 w.seq, w.prev, want, head);
		return 0;
	}
	/* Every note of the file is the note its last record holds. */
	if (!(st = json_query(
		      ctx, db,
		      "SELECT json_extract(n.value, '$.seq') FROM "
		      "json_each(?1, "
		      "'$.notes') n WHERE NOT EXISTS (SELECT 1 FROM "
		      "json_each(?1, '$.records') r WHERE "
		      "json_extract(r.value, "
		      "'$.kind') = 'note' AND json_extract(r.value, '$.ref') = "
		      "json_extract(n.value, '$.id') AND instr(json_extract("
		      "r.value, '$.body'), char(10) || 'hash: ' || "
		      "json_extract(n.value, '$.hash') || char(10)) > 0) "
		      "ORDER BY 1 LIMIT 1",
		      text, len)))
		return ctx->err.code;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v->ok = 0;
		v->broken_seq = sqlite3_column_int64(st, 0);
		snprintf(v->what, sizeof v->what,
			 _("note %lld:%lld is in no record of the akt's chain "
			   "with its hash: the note was changed and its chain "
			   "recomputed"),
			 v->akt, v->broken_seq);
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * The list of masked notes (verification.masked) of a whole export: the
 * notes the file masks, no more and no fewer, and the list that the
 * export-copy fact of record verification.masked_record holds (its text
 * line), a record the chain up to the akt head covers
 * (docs/hash-format.md).
 */
static int
verify_masked_json(struct sd_ctx *ctx, sqlite3 *db, const char *text,
		   size_t len, struct sd_export_check *v)
{
	sqlite3_stmt *st;
	char *in_notes = NULL, *listed = NULL, *line = NULL;
	const char *body;
	long long rec;
	int has_record, rc = 0;

	if (!(st = json_query(
		      ctx, db,
		      "SELECT (SELECT group_concat(seq, ', ') FROM (SELECT "
		      "json_extract(value, '$.seq') AS seq FROM json_each(?1, "
		      "'$.notes') WHERE json_type(value, '$.masked') IS NOT "
		      "NULL AND json_type(value, '$.body') IS NULL ORDER BY "
		      "key)), (SELECT group_concat(value, ', ') FROM (SELECT "
		      "value FROM json_each(?1, '$.verification.masked') "
		      "ORDER BY key)), json_extract(?1, "
		      "'$.verification.masked_record'), (SELECT "
		      "json_extract(r.value, '$.body') FROM json_each(?1, "
		      "'$.records') r WHERE json_extract(r.value, '$.seq') = "
		      "json_extract(?1, '$.verification.masked_record') AND "
		      "json_extract(r.value, '$.kind') = 'akt_fact'), "
		      "json_type(?1, '$.verification.masked') IS NOT NULL OR "
		      "json_type(?1, '$.verification.masked_record') IS NOT "
		      "NULL",
		      text, len)))
		return ctx->err.code;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = sd_fail(ctx, EX_DATAERR,
			     _("cannot read the masked notes of the export"));
		goto out;
	}
	in_notes = sd_strdup(sd_col(st, 0));
	listed = sd_strdup(sd_col(st, 1));
	rec = sqlite3_column_int64(st, 2);
	body = sd_col(st, 3);
	has_record = sqlite3_column_int(st, 4);
	if (!*in_notes && !*listed && !has_record)
		goto out;
	v->ok = 0;
	if (strcmp(in_notes, listed) != 0) {
		snprintf(v->what, sizeof v->what,
			 _("the verification block lists the masked notes "
			   "[%s], the file masks [%s]: the list or a note "
			   "was changed"),
			 listed, in_notes);
		goto out;
	}
	/* The record's text line is the list, as sd_inform_copy wrote it. */
	line = sd_xmalloc(strlen(listed) + sizeof "\ntext: \n");
	sprintf(line, "\ntext: %s\n", listed);
	if (!rec || !*body || !strstr(body, "\nkind: export-copy\n") ||
	    !strstr(body, line)) {
		snprintf(v->what, sizeof v->what,
			 _("the list of masked notes [%s] is not the one that "
			   "record %lld:%lld (the copy's fact) holds: the list "
			   "was changed"),
			 listed, v->akt, rec);
		goto out;
	}
	v->ok = 1;
out:
	sqlite3_finalize(st);
	free(in_notes);
	free(listed);
	free(line);
	return rc;
}

int
sd_export_verify_json(struct sd_ctx *ctx, const char *path,
		      struct sd_export_check *v)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *text;
	size_t len;
	struct sd_chain c;
	int rc = 0, step, full;

	memset(v, 0, sizeof *v);
	if (!(text = sd_read_file(ctx, path, &len)))
		return ctx->err.code;
	if (sqlite3_open_v2(":memory:", &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		rc = sd_fail(ctx, EX_OSERR, _("cannot open SQLite in memory"));
		goto done;
	}
	if (!(st = json_query(ctx, db,
			      "SELECT json_valid(?1), "
			      "json_extract(?1, '$.format'), "
			      "json_extract(?1, '$.verification.notes'), "
			      "json_extract(?1, '$.verification.head_hash'), "
			      "json_type(?1, '$.notes'), "
			      "json_extract(?1, '$.akt.id'), "
			      "json_extract(?1, '$.selection.since') IS NULL "
			      "AND json_extract(?1, '$.selection.until') IS "
			      "NULL AND json_extract(?1, '$.selection.only') "
			      "IS NULL",
			      text, len))) {
		rc = ctx->err.code;
		goto done;
	}
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0) ||
	    strcmp(sd_col(st, 1), "socdok-export") != 0 ||
	    strcmp(sd_col(st, 4), "array") != 0 ||
	    strlen(sd_col(st, 3)) != 64) {
		rc = sd_fail(
			ctx, EX_DATAERR,
			_("'%s' is not a JSON export of akt-export; export "
			  "it with akt-export --format json"),
			path);
		goto done;
	}
	v->total = sqlite3_column_int64(st, 2);
	v->akt = sqlite3_column_int64(st, 5);
	full = sqlite3_column_int(st, 6);
	snprintf(v->head, sizeof v->head, "%s", sd_col(st, 3));
	sd_finalize(st);
	st = NULL;

	if (!(st = json_query(ctx, db,
			      "SELECT json_extract(value, '$.akt'), "
			      "json_extract(value, '$.seq'), "
			      "json_extract(value, '$.event_date'), "
			      "json_extract(value, '$.written_at'), "
			      "json_extract(value, '$.author_login'), "
			      "json_extract(value, '$.author_name'), "
			      "json_extract(value, '$.author_title'), "
			      "json_extract(value, '$.behalf_login'), "
			      "json_extract(value, '$.behalf_name'), "
			      "json_extract(value, '$.behalf_title'), "
			      "json_extract(value, '$.category'), "
			      "json_extract(value, '$.corrects_seq'), "
			      "json_extract(value, '$.prev_hash'), "
			      "json_extract(value, '$.body'), "
			      "json_extract(value, '$.hash_version'), "
			      "json_extract(value, '$.hash'), "
			      "json_type(value, '$.masked') IS NOT NULL AND "
			      "json_type(value, '$.body') IS NULL "
			      "FROM json_each(?1, '$.notes') ORDER BY key",
			      text, len))) {
		rc = ctx->err.code;
		goto done;
	}
	/* A selection leaves notes out: each link is checked where the
	 * notes on both sides of it are in the file. */
	sd_chain_init(&c, v->akt, !full);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n = {0};

		n.akt = sqlite3_column_int64(st, 0);
		n.seq = sqlite3_column_int64(st, 1);
		n.event_date = sd_col(st, 2);
		n.written_at = sd_col(st, 3);
		n.author_login = sd_col(st, 4);
		n.author_name = sd_col(st, 5);
		n.author_title = sd_col(st, 6);
		n.behalf_login = col_or_null(st, 7);
		n.behalf_name = col_or_null(st, 8);
		n.behalf_title = col_or_null(st, 9);
		n.category = sd_col(st, 10);
		n.corrects_seq = sqlite3_column_int64(st, 11);
		n.prev_hash = sd_col(st, 12);
		n.body = sd_col(st, 13);
		n.hash_version = sqlite3_column_int(st, 14);
		n.hash = sd_col(st, 15);
		/* Masked (--mask): no text; its hash is checked against the
		 * records below. */
		n.masked = sqlite3_column_int(st, 16);
		if ((rc = sd_chain_step(&c, &n)) < 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("cannot compute SHA-256"));
			goto done;
		}
		if (rc)
			break;
	}
	rc = 0;
	v->notes = c.notes;
	v->masked = c.masked;
	v->ok = !c.defect;
	v->broken_seq = c.broken_seq;
	snprintf(v->what, sizeof v->what, "%s", c.what);
	if (v->ok && step != SQLITE_DONE) {
		rc = sd_fail(ctx, EX_DATAERR,
			     _("cannot read the notes of '%s'"), path);
		goto done;
	}
	/*
	 * An export of the whole akt must hold every note up to the head;
	 * a selection is checked as far as it goes (and at the head when
	 * it holds the last note).
	 */
	/* A masked note's hash is bound only by the records of a whole
	 * export (akt-export refuses --mask with a selection). */
	if (v->ok && v->masked && !full) {
		v->ok = 0;
		snprintf(
			v->what, sizeof v->what,
			_("the file masks %lld notes but is a selection, which "
			  "holds no records: their hashes cannot be checked"),
			v->masked);
	} else if (v->ok && full && v->notes != v->total) {
		v->ok = 0;
		v->broken_seq = c.seq + 1;
		snprintf(v->what, sizeof v->what,
			 _("the file holds %lld notes, its verification block "
			   "counts %lld: notes were removed"),
			 v->notes, v->total);
	} else if (v->ok && (full || c.seq == v->total) &&
		   strcmp(c.prev, v->head) != 0) {
		v->ok = 0;
		v->broken_seq = c.seq;
		snprintf(v->what, sizeof v->what,
			 _("the last note's hash is not the head hash of the "
			   "verification block"));
	}
	v->complete = v->ok && full;
	if (v->ok && full)
		rc = verify_records_json(ctx, db, text, len, v);
	if (!rc && v->ok && full)
		rc = verify_masked_json(ctx, db, text, len, v);
done:
	sd_finalize(st);
	sqlite3_close(db);
	free(text);
	return rc;
}
