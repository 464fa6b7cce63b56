/*
 * export-load.c - an akt read into memory for an export: its notes,
 * plans with their signatures and follow-ups, insatser and facts, the
 * chain verified (by the journal's sd_chain_verify_notes, which hands
 * over the notes as it reads them), and what the
 * export's selection (--since, --until, --only) shows of it.
 */
#include <stdlib.h>
#include <string.h>

#include "consent.h"
#include "export-int.h"
#include "i18n.h"
#include "inform.h"
#include "journal.h"
#include "lb.h"

static char *
dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? sd_strdup((const char *)s) : NULL;
}

void
sd_export_doc_free(struct xdoc *d)
{
	free(d->byid);
	for (size_t i = 0; i < d->nnotes; i++)
		free(d->notes[i].mem);
	free(d->notes);
	for (size_t i = 0; i < d->nplans; i++) {
		struct xplan *p = &d->plans[i];
		free(p->plan_date);
		free(p->body);
		free(p->written_at);
		free(p->author_name);
		free(p->author_title);
		free(p->replaced);
		free(p->signatures);
		free(p->followups);
	}
	free(d->plans);
	for (size_t i = 0; i < d->nins; i++) {
		struct xinsats *s = &d->ins[i];
		free(s->kind);
		free(s->decided);
		free(s->ordered);
		free(s->started);
		free(s->ended);
		free(s->end_reason);
		free(s->handlaggare);
		free(s->goal);
	}
	free(d->ins);
	free(d->followups);
	free(d->facts);
	free(d->consents);
	free(d->informed);
	free(d->lb);
}

/* The notes as the chain's walk reads them (verify_chain). */
struct note_taker {
	struct xdoc *d;
	size_t cap;
};

static int
take_note(void *arg, const struct sd_note *n)
{
	struct note_taker *t = arg;
	struct xdoc *d = t->d;
	struct xnote *x;
	size_t len[12], total = 0;
	char *p;

	d->notes = sd_grow(d->notes, d->nnotes, &t->cap, sizeof *d->notes, 64);
	x = &d->notes[d->nnotes++];
	memset(x, 0, sizeof *x);
	x->id = n->id;
	x->seq = n->seq;
	x->corrects = n->corrects_id;
	x->corrects_seq = n->corrects_seq;
	x->hash_version = n->hash_version;
	/* The texts copied into one allocation (NULL stays NULL), not
	 * twelve: a long akt's notes are most of an export's memory. */
	const char *src[12] = {n->event_date,  n->written_at,   n->author_login,
			       n->author_name, n->author_title, n->behalf_login,
			       n->behalf_name, n->behalf_title, n->category,
			       n->body,        n->prev_hash,    n->hash};
	char **dst[12] = {&x->event_date,  &x->written_at,   &x->author_login,
			  &x->author_name, &x->author_title, &x->behalf_login,
			  &x->behalf_name, &x->behalf_title, &x->category,
			  &x->body,        &x->prev_hash,    &x->hash};
	for (size_t i = 0; i < 12; i++)
		total += len[i] = src[i] ? strlen(src[i]) + 1 : 0;
	p = x->mem = sd_xmalloc(total ? total : 1);
	for (size_t i = 0; i < 12; i++) {
		if (!src[i])
			continue;
		*dst[i] = memcpy(p, src[i], len[i]);
		p += len[i];
	}
	return 0;
}

static const char *
signer_word(const char *s)
{
	if (strcmp(s, "foretradare") == 0)
		return "företrädare";
	return s;
}

static const char *
followup_word(const char *s)
{
	static const char *const map[][2] = {
		{"uppfoljning", "uppföljning"},
		{"uppfoljningssamtal", "uppföljningssamtal"},
		{"handlaggare-uppfoljning", "handläggarens uppföljning"},
		{"trygghetslarm", "uppföljning av trygghetslarm"}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(s, map[i][0]) == 0)
			return map[i][1];
	return s;
}

/*
 * The follow-ups that sql selects (kind, date; one id to bind) as one
 * Markdown line "kind date; kind date" into *out (NULL for none).
 */
static int
followup_line(struct sd_ctx *ctx, const char *sql, long long id, char **out)
{
	sqlite3_stmt *st;
	struct sd_buf b;
	int rc;

	if (!(st = sd_prepare(ctx, sql)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	sd_buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_puts(&b, b.len ? "; " : "");
		sd_export_md_inline(&b, followup_word(sd_col(st, 0)));
		sd_buf_printf(&b, " %s", sd_col(st, 1));
	}
	sd_finalize(st);
	*out = b.s;
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the follow-ups"));
}

static int
load_plans(struct sd_ctx *ctx, struct xdoc *d)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT g.id, g.version, g.plan_date, "
			      "g.body, g.written_at, g.author_name, "
			      "g.author_title, (SELECT h.plan_date FROM gp h "
			      "WHERE h.akt_id = g.akt_id AND h.version > "
			      "g.version ORDER BY h.version LIMIT 1) "
			      "FROM gp g WHERE g.akt_id = ? ORDER BY "
			      "g.version DESC")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, d->a.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->plans =
			sd_grow(d->plans, d->nplans, &cap, sizeof *d->plans, 8);
		struct xplan *p = &d->plans[d->nplans++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->version = sqlite3_column_int64(st, 1);
		p->plan_date = dup_col(st, 2);
		p->body = dup_col(st, 3);
		p->written_at = dup_col(st, 4);
		p->author_name = dup_col(st, 5);
		p->author_title = dup_col(st, 6);
		p->replaced = dup_col(st, 7);
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the plans"));

	for (size_t i = 0; i < d->nplans; i++) {
		struct xplan *p = &d->plans[i];
		struct sd_buf b;

		if (!(st = sd_prepare(ctx, "SELECT signer, sign_date, name, "
					   "declined FROM gp_signature WHERE "
					   "gp_id = ? ORDER BY sign_date, id")))
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, p->id);
		sd_buf_init(&b);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sd_buf_puts(&b, b.len ? "; " : "");
			sd_export_md_inline(&b, signer_word(sd_col(st, 0)));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
				sd_buf_printf(&b, " avböjde %s (",
					      sd_col(st, 1));
				sd_export_md_inline(&b, sd_col(st, 3));
				sd_buf_puts(&b, ")");
			} else {
				sd_buf_printf(&b, " %s", sd_col(st, 1));
				sd_export_md_paren(&b, sd_col(st, 2));
			}
		}
		sd_finalize(st);
		p->signatures = b.s;
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, _("cannot read the signatures"));

		if ((rc = followup_line(ctx,
					"SELECT kind, fdate FROM followup "
					"WHERE gp_id = ? ORDER BY fdate, id",
					p->id, &p->followups)))
			return rc;
	}
	return 0;
}

/* Follow-ups of no plan, and recorded facts, as Markdown lines. */
static int
load_events(struct sd_ctx *ctx, struct xdoc *d)
{
	sqlite3_stmt *st;
	struct sd_buf b;
	int rc;

	if ((rc = followup_line(ctx,
				"SELECT kind, fdate FROM followup WHERE "
				"akt_id = ? AND gp_id IS NULL ORDER BY "
				"fdate, id",
				d->a.id, &d->followups)))
		return rc;

	if (!(st = sd_prepare(ctx, "SELECT f.kind, f.fdate, f.reason, i.kind "
				   "FROM fact f LEFT JOIN insats i ON i.id = "
				   "f.insats_id WHERE f.akt_id = ? ORDER BY "
				   "f.fdate, f.id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, d->a.id);
	sd_buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = sd_col(st, 0);
		sd_buf_puts(&b, b.len ? "; " : "");
		sd_buf_puts(&b, strcmp(k, "avbrott") == 0 ? "avbrott"
				: strcmp(k, "avbrott-slut") == 0
					? "avbrottet slut"
					: "överlämnad till arkiv");
		if (*sd_col(st, 3)) {
			sd_buf_puts(&b, " i ");
			sd_export_md_inline(&b, sd_col(st, 3));
		}
		sd_buf_printf(&b, " %s", sd_col(st, 1));
		sd_export_md_paren(&b, sd_col(st, 2));
	}
	sd_finalize(st);
	d->facts = b.s;
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot read the facts"));
}

static int
load_insatser(struct sd_ctx *ctx, struct xdoc *d)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT kind, decided, ordered, started, "
				   "ended, end_reason, handlaggare, goal FROM "
				   "insats WHERE akt_id = ? ORDER BY decided, "
				   "id")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, d->a.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->ins = sd_grow(d->ins, d->nins, &cap, sizeof *d->ins, 8);
		struct xinsats *s = &d->ins[d->nins++];
		s->kind = dup_col(st, 0);
		s->decided = dup_col(st, 1);
		s->ordered = dup_col(st, 2);
		s->started = dup_col(st, 3);
		s->ended = dup_col(st, 4);
		s->end_reason = dup_col(st, 5);
		s->handlaggare = dup_col(st, 6);
		s->goal = dup_col(st, 7);
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read insatser"));
	if ((rc = load_events(ctx, d)) ||
	    (rc = sd_consent_markdown(ctx, d->a.id, &d->consents)))
		return rc;
	if ((rc = sd_inform_markdown(ctx, d->a.id, &d->informed)))
		return rc;
	return sd_lb_markdown(ctx, d->a.id, &d->lb);
}

/* --------------------------------------------------------- verification */

/*
 * Verify the whole chain of the akt with the journal's one
 * implementation (sd_chain_verify), whatever the export shows of it.
 */
static int
verify_chain(struct sd_ctx *ctx, struct xdoc *d)
{
	struct sd_export_check *v = &d->v;
	struct sd_chain_result r;
	int rc;

	struct note_taker t = {d, 0};

	memset(v, 0, sizeof *v);
	/* The notes are loaded in the same pass (one read of them). */
	if ((rc = sd_chain_verify_notes(ctx, d->a.id, &r, take_note, &t)))
		return rc;
	v->ok = r.ok;
	v->complete = 1;
	v->notes = v->total = r.notes;
	v->broken_seq = r.ok ? 0 : r.broken_seq;
	snprintf(v->head, sizeof v->head, "%s", r.head);
	snprintf(v->what, sizeof v->what, "%s", r.ok ? "" : r.what);
	v->records = r.records;
	v->broken_record = r.ok ? 0 : r.broken_record;
	snprintf(v->akt_head, sizeof v->akt_head, "%s", r.akt_head);
	return 0;
}

/* ------------------------------------------------------------ selection */

static int
cmp_id(const void *a, const void *b)
{
	const struct xnote *const *x = a, *const *y = b;
	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

struct xnote *
sd_export_find_note(struct xnote **byid, size_t n, long long id)
{
	struct xnote key = {.id = id}, *k = &key, **r;

	r = bsearch(&k, byid, n, sizeof *byid, cmp_id);
	return r ? *r : NULL;
}

/*
 * Mark what the export shows: notes whose event date is in the range
 * (and the corrections of those, whatever their date: a correction
 * belongs with its note), plans in force during some of the range.
 */
static void
select_parts(struct xdoc *d, struct xnote **byid)
{
	const struct sd_export_opts *o = d->o;

	for (size_t i = 0; i < d->nnotes; i++) {
		struct xnote *n = &d->notes[i], *t;
		if (n->corrects &&
		    (t = sd_export_find_note(byid, d->nnotes, n->corrects)))
			t->ncorrections++;
		if (o->only == SD_EXPORT_GP)
			continue;
		n->included =
			(!o->since || strcmp(n->event_date, o->since) >= 0) &&
			(!o->until || strcmp(n->event_date, o->until) <= 0);
		if (!n->included && n->corrects) {
			t = sd_export_find_note(byid, d->nnotes, n->corrects);
			n->included = t && t->included;
		}
		d->nincluded += n->included;
	}
	for (size_t i = 0; i < d->nplans; i++) {
		struct xplan *p = &d->plans[i];
		if (o->only == SD_EXPORT_JOURNAL)
			continue;
		p->included =
			(!o->until || strcmp(p->plan_date, o->until) <= 0) &&
			(!o->since || !p->replaced ||
			 strcmp(p->replaced, o->since) > 0);
	}
}

int
sd_export_doc_load(struct sd_ctx *ctx, struct xdoc *d)
{
	int rc;

	/*
	 * The file read through a memory map: SQLite then reads each page
	 * where it lies in the system's page cache instead of copying it
	 * into a page of its own, which on a long akt were a third of the
	 * export's page faults (issue 17).  Pages in the WAL, and those the
	 * transaction changed, are read as before; a failure only leaves
	 * the reading as it was.
	 */
	sqlite3_exec(ctx->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);

	if ((rc = verify_chain(ctx, d)) || (rc = load_plans(ctx, d)) ||
	    (rc = load_insatser(ctx, d)))
		return rc;
	d->byid = sd_xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *d->byid);
	for (size_t i = 0; i < d->nnotes; i++)
		d->byid[i] = &d->notes[i];
	sd_sort(d->byid, d->nnotes, sizeof *d->byid, cmp_id);
	select_parts(d, d->byid);
	/* The notes whose text this copy masks (seqs, ascending). */
	for (size_t i = 0, k = 0; i < d->nnotes && k < d->o->nmask; i++) {
		while (k < d->o->nmask && d->o->mask[k] < d->notes[i].seq)
			k++;
		d->notes[i].masked =
			k < d->o->nmask && d->o->mask[k] == d->notes[i].seq;
	}
	return 0;
}
