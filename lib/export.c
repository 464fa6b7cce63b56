/*
 * export.c - an akt as one document that auditors, IVO and the person
 * can read outside the toolkit, and verify.
 *
 * One Markdown document is the source of the human formats: HTML is that
 * document rendered by cmark in its safe default, PDF is that document
 * laid out by render.c.  Note and plan texts are embedded in fenced
 * blocks, so they show byte for byte as written and no heading, list or
 * raw HTML in them can break the document's structure.  JSON is built by
 * SQLite's JSON functions and carries every hashed field, so a script
 * (or akt-verify --export) can recompute the chain from the file alone.
 */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "akt.h"
#include "cli.h"
#include "export.h"
#include "journal.h"
#include "render.h"

extern char **environ;

/* ------------------------------------------------------------ the data */

struct xnote {
	long long id, seq, corrects, corrects_seq;
	int hash_version;
	char *event_date, *written_at, *author_login, *author_name,
		*author_title, *behalf_login, *behalf_name, *behalf_title,
		*category, *body, *prev_hash, *hash;
	int included, shown;
	int ncorrections; /* notes that correct this one */
};

struct xplan {
	long long id, version;
	char *plan_date, *body, *written_at, *author_name, *author_title;
	char *replaced; /* plan date of the next version, or NULL */
	char *signatures, *followups; /* Markdown lines, or NULL */
	int included;
};

struct xinsats {
	char *kind, *decided, *ordered, *started, *ended, *end_reason,
		*handlaggare, *goal;
};

struct xdoc {
	struct sd_akt a;
	const struct sd_export_opts *o;
	struct xnote *notes;
	size_t nnotes;
	struct xplan *plans;
	size_t nplans;
	struct xinsats *ins;
	size_t nins;
	char *followups; /* follow-ups of no plan, Markdown, or NULL */
	char *facts;     /* avbrott, arkiv-överlämning, Markdown, or NULL */
	struct sd_export_check v;
	char now[21];
	long long nincluded;
};

static char *
dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? sd_strdup((const char *)s) : NULL;
}

static void
doc_free(struct xdoc *d)
{
	for (size_t i = 0; i < d->nnotes; i++) {
		struct xnote *n = &d->notes[i];
		char **f[] = {
			&n->event_date,  &n->written_at,   &n->author_login,
			&n->author_name, &n->author_title, &n->behalf_login,
			&n->behalf_name, &n->behalf_title, &n->category,
			&n->body,        &n->prev_hash,    &n->hash};
		for (size_t j = 0; j < sizeof f / sizeof *f; j++)
			free(*f[j]);
	}
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
}

static int
load_notes(struct sd_ctx *ctx, struct xdoc *d)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT n.id, n.seq, n.corrects, c.seq, "
			      "n.hash_version, n.event_date, n.written_at, "
			      "n.author_login, n.author_name, n.author_title, "
			      "n.behalf_login, n.behalf_name, n.behalf_title, "
			      "n.category, n.body, n.prev_hash, n.hash "
			      "FROM note n LEFT JOIN note c ON c.id = "
			      "n.corrects WHERE n.akt_id = ? ORDER BY n.seq")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, d->a.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->notes = sd_grow(d->notes, d->nnotes, &cap, sizeof *d->notes,
				   64);
		struct xnote *n = &d->notes[d->nnotes++];
		memset(n, 0, sizeof *n);
		n->id = sqlite3_column_int64(st, 0);
		n->seq = sqlite3_column_int64(st, 1);
		n->corrects = sqlite3_column_int64(st, 2);
		n->corrects_seq = sqlite3_column_int64(st, 3);
		n->hash_version = sqlite3_column_int(st, 4);
		n->event_date = dup_col(st, 5);
		n->written_at = dup_col(st, 6);
		n->author_login = dup_col(st, 7);
		n->author_name = dup_col(st, 8);
		n->author_title = dup_col(st, 9);
		n->behalf_login = dup_col(st, 10);
		n->behalf_name = dup_col(st, 11);
		n->behalf_title = dup_col(st, 12);
		n->category = dup_col(st, 13);
		n->body = dup_col(st, 14);
		n->prev_hash = dup_col(st, 15);
		n->hash = dup_col(st, 16);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, "cannot read the journal");
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

static void md_inline(struct sd_buf *b, const char *s);
static void md_paren(struct sd_buf *b, const char *s);

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
		md_inline(&b, followup_word(sd_col(st, 0)));
		sd_buf_printf(&b, " %s", sd_col(st, 1));
	}
	sqlite3_finalize(st);
	*out = b.s;
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, "cannot read the follow-ups");
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
		d->plans = sd_grow(d->plans, d->nplans, &cap, sizeof *d->plans,
				   8);
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
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the plans");

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
			md_inline(&b, signer_word(sd_col(st, 0)));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
				sd_buf_printf(&b, " avböjde %s (",
					      sd_col(st, 1));
				md_inline(&b, sd_col(st, 3));
				sd_buf_puts(&b, ")");
			} else {
				sd_buf_printf(&b, " %s", sd_col(st, 1));
				md_paren(&b, sd_col(st, 2));
			}
		}
		sqlite3_finalize(st);
		p->signatures = b.s;
		if (rc != SQLITE_DONE)
			return sd_fail_db(ctx, "cannot read the signatures");

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
			md_inline(&b, sd_col(st, 3));
		}
		sd_buf_printf(&b, " %s", sd_col(st, 1));
		md_paren(&b, sd_col(st, 2));
	}
	sqlite3_finalize(st);
	d->facts = b.s;
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, "cannot read the facts");
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
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read insatser");
	return load_events(ctx, d);
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

	memset(v, 0, sizeof *v);
	if ((rc = sd_chain_verify(ctx, d->a.id, &r)))
		return rc;
	v->ok = r.ok;
	v->complete = 1;
	v->notes = v->total = r.notes;
	v->broken_seq = r.ok ? 0 : r.broken_seq;
	snprintf(v->head, sizeof v->head, "%s", r.head);
	snprintf(v->what, sizeof v->what, "%s", r.ok ? "" : r.what);
	return 0;
}

/* ------------------------------------------------------------ selection */

static int
cmp_id(const void *a, const void *b)
{
	const struct xnote *const *x = a, *const *y = b;
	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

static struct xnote *
find_note(struct xnote **byid, size_t n, long long id)
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
		    (t = find_note(byid, d->nnotes, n->corrects)))
			t->ncorrections++;
		if (o->only == SD_EXPORT_GP)
			continue;
		n->included =
			(!o->since || strcmp(n->event_date, o->since) >= 0) &&
			(!o->until || strcmp(n->event_date, o->until) <= 0);
		if (!n->included && n->corrects) {
			t = find_note(byid, d->nnotes, n->corrects);
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

/* ------------------------------------------------------------- Markdown */

/*
 * Text from the database inside a line of our own Markdown: escape what
 * could start emphasis, code, a link, raw HTML, an entity or close a
 * heading, and fold line breaks.
 */
static void
md_inline(struct sd_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			sd_buf_add(b, " ", 1);
			continue;
		}
		if (strchr("\\`*_[]<>&#!~|", *s))
			sd_buf_add(b, "\\", 1);
		sd_buf_add(b, s, 1);
	}
}

/* " (s)" after what went before, when s is not empty. */
static void
md_paren(struct sd_buf *b, const char *s)
{
	if (!s || !*s)
		return;
	sd_buf_puts(b, " (");
	md_inline(b, s);
	sd_buf_puts(b, ")");
}

/*
 * A text as written, in a fenced block whose fence is longer than any
 * run of tildes in it, so that nothing in the text can end the block.
 */
static void
md_fence(struct sd_buf *b, const char *info, const char *body)
{
	size_t run = 0, max = 0, len = strlen(body);

	for (const char *p = body; *p; p++) {
		run = *p == '~' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	max = max < 3 ? 3 : max + 1;
	for (size_t i = 0; i < max; i++)
		sd_buf_add(b, "~", 1);
	sd_buf_printf(b, " %s\n", info);
	sd_buf_add(b, body, len);
	if (len && body[len - 1] != '\n')
		sd_buf_add(b, "\n", 1);
	for (size_t i = 0; i < max; i++)
		sd_buf_add(b, "~", 1);
	sd_buf_puts(b, "\n\n");
}

/* "2026-02-03T10:12:00Z" as "2026-02-03 10:12 UTC". */
static void
md_time(struct sd_buf *b, const char *t)
{
	if (strlen(t) == 20 && t[10] == 'T' && t[19] == 'Z')
		sd_buf_printf(b, "%.10s %.5s UTC", t, t + 11);
	else
		md_inline(b, t);
}

static void
md_person(struct sd_buf *b, const char *name, const char *title)
{
	sd_buf_puts(b, "**");
	md_inline(b, name);
	sd_buf_puts(b, "**");
	md_paren(b, title);
}

static void md_note(struct sd_buf *b, struct xdoc *d, struct xnote **byid,
		    struct xnote *n, int level);

static void
md_note_corrections(struct sd_buf *b, struct xdoc *d, struct xnote **byid,
		    struct xnote *n, int level)
{
	for (size_t i = 0; n->ncorrections && i < d->nnotes; i++) {
		struct xnote *c = &d->notes[i];
		if (c->corrects == n->id && c->included && !c->shown)
			md_note(b, d, byid, c, level < 6 ? level + 1 : 6);
	}
}

static void
md_note(struct sd_buf *b, struct xdoc *d, struct xnote **byid, struct xnote *n,
	int level)
{
	struct xnote *t =
		n->corrects ? find_note(byid, d->nnotes, n->corrects) : NULL;
	int nested = t && t->included;

	n->shown = 1;
	for (int i = 0; i < level; i++)
		sd_buf_add(b, "#", 1);
	if (nested)
		sd_buf_printf(b,
			      " Rättelse av anteckning %lld · %s · anteckning "
			      "%lld\n\n",
			      t->seq, n->event_date, n->seq);
	else {
		sd_buf_printf(b, " %s · ", n->event_date);
		md_inline(b, n->category);
		sd_buf_printf(b, " · anteckning %lld\n\n", n->seq);
	}
	sd_buf_puts(b, "Skriven ");
	md_time(b, n->written_at);
	sd_buf_puts(b, " av ");
	md_person(b, n->author_name, n->author_title);
	if (n->behalf_login) {
		sd_buf_puts(b, " på uppdrag av ");
		md_person(b, n->behalf_name, n->behalf_title);
	}
	if (nested) {
		sd_buf_printf(b, "; händelsedatum %s; kategori ",
			      n->event_date);
		md_inline(b, n->category);
	}
	sd_buf_printf(b, "; hash `%.12s`.", n->hash);
	if (t && !nested)
		sd_buf_printf(b,
			      " Rättelse av anteckning %lld (%s), som inte "
			      "ingår i detta urval.",
			      t->seq, t->event_date);
	for (size_t i = 0; n->ncorrections && i < d->nnotes; i++)
		if (d->notes[i].corrects == n->id)
			sd_buf_printf(b, " Rättad genom anteckning %lld.",
				      d->notes[i].seq);
	sd_buf_puts(b, "\n\n");
	md_fence(b, "anteckning", n->body);
	md_note_corrections(b, d, byid, n, level);
}

static int
cmp_chrono(const void *a, const void *b)
{
	const struct xnote *const *x = a, *const *y = b;
	int c = strcmp((*x)->event_date, (*y)->event_date);
	if (c)
		return c;
	return (*x)->seq < (*y)->seq ? -1 : (*x)->seq > (*y)->seq;
}

static void
md_title(struct sd_buf *b, struct xdoc *d, const struct sd_ctx *ctx)
{
	const struct sd_export_opts *o = d->o;
	char pnr[14];

	sd_buf_puts(b, "# Personakt: ");
	md_inline(b, d->a.name);
	sd_buf_puts(b, "\n\n**Personnummer:** ");
	sd_buf_puts(b, sd_pnr_display(d->a.pnr, pnr));
	sd_buf_puts(b, "\\\n**Enhet:** ");
	md_inline(b, d->a.unit);
	sd_buf_printf(b, " (%s)\\\n**Kontaktperson:** ", d->a.regime);
	if (d->a.kp_login[0])
		md_inline(b, d->a.kp_name);
	else
		sd_buf_puts(b, "ingen angiven");
	sd_buf_printf(b, "\\\n**Akt:** %lld, öppnad %s", d->a.id, d->a.opened);
	if (d->a.closed[0])
		sd_buf_printf(b, ", avslutad %s", d->a.closed);
	else
		sd_buf_puts(b, ", pågående");
	sd_buf_puts(b, "\\\n**Urval:** ");
	if (!o->since && !o->until)
		sd_buf_puts(b, "hela akten");
	else
		sd_buf_puts(b, "anteckningar med händelsedatum");
	if (o->since)
		sd_buf_printf(b, " från och med %s", o->since);
	if (o->until)
		sd_buf_printf(b, " till och med %s", o->until);
	if (o->only == SD_EXPORT_JOURNAL)
		sd_buf_puts(b, ", endast journalen");
	else if (o->only == SD_EXPORT_GP)
		sd_buf_puts(b, ", endast genomförandeplaner");
	sd_buf_puts(b, "\\\n**Exporterad:** ");
	md_time(b, d->now);
	sd_buf_puts(b, " av ");
	md_person(b, ctx->me.name, ctx->me.title);
	sd_buf_puts(b, "\n\n");
}

static void
md_insatser(struct sd_buf *b, struct xdoc *d)
{
	sd_buf_puts(b, "## Insatser\n\n");
	if (!d->nins) {
		sd_buf_puts(b, "Inga insatser är registrerade.\n\n");
		return;
	}
	for (size_t i = 0; i < d->nins; i++) {
		const struct xinsats *s = &d->ins[i];
		sd_buf_puts(b, "- **");
		md_inline(b, s->kind);
		sd_buf_printf(b, "**: beslut %s", s->decided);
		if (s->ordered)
			sd_buf_printf(b, ", beställd %s", s->ordered);
		sd_buf_printf(b, ", verkställd %s",
			      s->started ? s->started : "ännu inte");
		if (s->ended) {
			sd_buf_printf(b, ", avslutad %s", s->ended);
			md_paren(b, s->end_reason);
		}
		if ((s->goal && *s->goal) ||
		    (s->handlaggare && *s->handlaggare)) {
			sd_buf_puts(b, "\\\n  ");
			if (s->goal && *s->goal) {
				sd_buf_puts(b, "Mål: ");
				md_inline(b, s->goal);
				if (s->handlaggare && *s->handlaggare)
					sd_buf_puts(
						b,
						strchr(".!?",
						       s->goal[strlen(s->goal) -
							       1])
							? " "
							: ". ");
			}
			if (s->handlaggare && *s->handlaggare) {
				sd_buf_puts(b, "Handläggare: ");
				md_inline(b, s->handlaggare);
			}
		}
		sd_buf_puts(b, "\n");
	}
	sd_buf_puts(b, "\n");
	if (d->facts && *d->facts)
		sd_buf_printf(b, "**Avbrott och arkiv:** %s\n\n", d->facts);
	if (d->followups && *d->followups)
		sd_buf_printf(b, "**Uppföljningar utan plan:** %s\n\n",
			      d->followups);
}

static void
md_plans(struct sd_buf *b, struct xdoc *d)
{
	int any = 0;

	sd_buf_puts(b, "## Genomförandeplaner\n\n");
	for (size_t i = 0; i < d->nplans; i++) {
		const struct xplan *p = &d->plans[i];
		if (!p->included)
			continue;
		any = 1;
		if (p->replaced)
			sd_buf_printf(b,
				      "### Version %lld · %s · ersatt %s\n\n",
				      p->version, p->plan_date, p->replaced);
		else
			sd_buf_printf(b, "### Version %lld · %s · gällande\n\n",
				      p->version, p->plan_date);
		if (p->replaced)
			sd_buf_printf(b,
				      "*Inaktuell: ersatt av version %lld "
				      "den %s.*\\\n",
				      p->version + 1, p->replaced);
		sd_buf_puts(b, "Skriven ");
		md_time(b, p->written_at);
		sd_buf_puts(b, " av ");
		md_person(b, p->author_name, p->author_title);
		sd_buf_puts(b, "\\\n**Underskrifter:** ");
		sd_buf_puts(b, p->signatures && *p->signatures ? p->signatures
							       : "inga");
		if (p->followups && *p->followups) {
			sd_buf_puts(b, "\\\n**Uppföljningar:** ");
			sd_buf_puts(b, p->followups);
		}
		sd_buf_puts(b, "\n\n");
		md_fence(b, "plan", p->body);
	}
	if (!any)
		sd_buf_puts(b, d->nplans
				       ? "Ingen genomförandeplan gällde under "
					 "urvalets period.\n\n"
				       : "Ingen genomförandeplan är "
					 "upprättad.\n\n");
}

static void
md_journal(struct sd_buf *b, struct xdoc *d, struct xnote **byid)
{
	struct xnote **order;
	size_t k = 0;

	sd_buf_puts(b, "## Journal\n\n");
	if (!d->nincluded) {
		sd_buf_puts(b,
			    d->nnotes ? "Inga anteckningar i urvalet.\n\n"
				      : "Journalen har inga anteckningar.\n\n");
		return;
	}
	order = sd_xmalloc(d->nnotes * sizeof *order);
	for (size_t i = 0; i < d->nnotes; i++) {
		struct xnote *n = &d->notes[i], *t;
		if (!n->included)
			continue;
		t = n->corrects ? find_note(byid, d->nnotes, n->corrects)
				: NULL;
		if (!t || !t->included)
			order[k++] = n;
	}
	qsort(order, k, sizeof *order, cmp_chrono);
	for (size_t i = 0; i < k; i++)
		md_note(b, d, byid, order[i], 3);
	free(order);
}

static void
md_verification(struct sd_buf *b, struct xdoc *d)
{
	const struct sd_export_check *v = &d->v;

	sd_buf_puts(b, "## Verifiering\n\n");
	sd_buf_printf(b, "**Antal anteckningar i akten:** %lld", v->total);
	if (d->nincluded != v->total)
		sd_buf_printf(b, " (i detta utdrag: %lld)", d->nincluded);
	sd_buf_printf(b, "\\\n**Kedjans sista hash:** `%s`\\\n", v->head);
	sd_buf_printf(b, "**Hashformat:** socdok-note-v%d (version %d)\\\n",
		      SD_HASH_VERSION, SD_HASH_VERSION);
	sd_buf_puts(b, "**Verifierad vid exporten:** ");
	md_time(b, d->now);
	if (v->ok)
		sd_buf_puts(b, ": kedjan är obruten, ingen anteckning är "
			       "ändrad eller borttagen.\n\n");
	else {
		sd_buf_printf(b, ": **KEDJAN ÄR BRUTEN** vid anteckning %lld: ",
			      v->broken_seq);
		md_inline(b, v->what);
		sd_buf_puts(b, ".\n\n");
	}
	sd_buf_puts(b, "Varje anteckning bär SHA-256 av sitt innehåll och av "
		       "föregående antecknings hash (formatet beskrivs i "
		       "socdok:s dokumentation, hash-format). JSON-exporten "
		       "av akten innehåller alla hashvärden; `akt-verify "
		       "--export FIL.json` kontrollerar kedjan utan "
		       "databasen.\n");
}

static void
build_md(struct sd_buf *b, struct xdoc *d, struct xnote **byid,
	 const struct sd_ctx *ctx)
{
	md_title(b, d, ctx);
	if (d->o->only == SD_EXPORT_ALL)
		md_insatser(b, d);
	if (d->o->only != SD_EXPORT_JOURNAL)
		md_plans(b, d);
	if (d->o->only != SD_EXPORT_GP)
		md_journal(b, d, byid);
	md_verification(b, d);
}

/* ----------------------------------------------------------------- HTML */

static void
html_escape(struct sd_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': sd_buf_puts(b, "&lt;"); break;
		case '>': sd_buf_puts(b, "&gt;"); break;
		case '&': sd_buf_puts(b, "&amp;"); break;
		case '"': sd_buf_puts(b, "&quot;"); break;
		default: sd_buf_add(b, s, 1);
		}
	}
}

static const char html_style[] =
	"body{font-family:\"DejaVu Sans\",Verdana,sans-serif;font-size:11pt;"
	"line-height:1.45;max-width:46em;margin:2em auto;padding:0 1em;"
	"color:#111;background:#fff}\n"
	"h1{font-size:1.6em;border-bottom:2px solid #333;padding-bottom:.2em}\n"
	"h2{font-size:1.3em;border-bottom:1px solid #999;margin-top:2em}\n"
	"h3{font-size:1.05em;margin:1.6em 0 .2em}\n"
	"h4,h5,h6{font-size:1em;margin:1em 0 .2em 1.5em;color:#7a2e00}\n"
	"h4+p,h4+p+pre,h5+p,h5+p+pre,h6+p,h6+p+pre{margin-left:1.5em}\n"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;"
	"font-size:1em;background:#f6f6f3;border-left:3px solid #999;"
	"padding:.5em .8em;margin:.3em 0 1em}\n"
	"code{font-family:\"DejaVu Sans Mono\",monospace;font-size:.9em;"
	"overflow-wrap:anywhere}\n"
	"pre code{font-family:inherit;font-size:1em}\n"
	"p{margin:.3em 0}\n"
	"@media print{@page{size:A4;margin:2cm 2cm 2.2cm}"
	"body{max-width:none;margin:0;padding:0;font-size:10pt}"
	"h1,h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}"
	"h3+p,h4+p{break-after:avoid;page-break-after:avoid}"
	"pre{background:none;border-left:2px solid #666}}\n";

static void
build_html(struct sd_buf *b, const char *md, struct xdoc *d)
{
	/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML is omitted. */
	char *body = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	char pnr[14];

	sd_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" "
		       "content=\"default-src 'none'; style-src "
		       "'unsafe-inline'\">\n"
		       "<meta name=\"generator\" content=\"socdok " SD_VERSION
		       "\">\n<title>Personakt: ");
	html_escape(b, d->a.name);
	sd_buf_printf(b,
		      " (%s)</title>\n<style>\n%s</style>\n</head>\n"
		      "<body>\n",
		      sd_pnr_display(d->a.pnr, pnr), html_style);
	sd_buf_puts(b, body);
	sd_buf_puts(b, "</body>\n</html>\n");
	free(body);
}

/* ----------------------------------------------------------------- JSON */

/* The ids of the notes (or plans) the export shows, as a JSON array. */
static void
ids_json(struct sd_buf *b, struct xdoc *d, int plans)
{
	size_t n = plans ? d->nplans : d->nnotes, k = 0;

	sd_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		int included = plans ? d->plans[i].included
				     : d->notes[i].included;
		long long id = plans ? d->plans[i].id : d->notes[i].id;
		if (included)
			sd_buf_printf(b, "%s%lld", k++ ? "," : "", id);
	}
	sd_buf_puts(b, "]");
}

static const char *
only_name(enum sd_export_only o)
{
	return o == SD_EXPORT_JOURNAL ? "journal"
	       : o == SD_EXPORT_GP    ? "gp"
				      : NULL;
}

static int
build_json(struct sd_ctx *ctx, struct sd_buf *b, struct xdoc *d)
{
	static const char sql[] =
		"SELECT json_object("
		"'format', 'socdok-export', 'format_version', 1, "
		"'generator', 'socdok ' || ?10, "
		"'exported_at', ?1, "
		"'exported_by', json_object('login', ?2, 'name', ?3, 'title', "
		"?4), "
		"'selection', json_object('since', ?5, 'until', ?6, 'only', "
		"?7), "
		"'akt', json((SELECT json_object('id', a.id, 'personnummer', "
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
		"?8)), "
		"'insatser', json((SELECT json_group_array(json_object('id', "
		"id, "
		"  'kind', kind, 'decided', decided, 'ordered', ordered, "
		"  'started', started, 'ended', ended, 'end_reason', "
		"end_reason, "
		"  'handlaggare', handlaggare, 'goal', goal)) FROM (SELECT * "
		"FROM "
		"  insats WHERE akt_id = ?8 AND ?7 IS NULL ORDER BY decided, "
		"id))), "
		"'plans', json((SELECT json_group_array(json_object('id', "
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
		"  json_each(?12)) ORDER BY version) g)), "
		"'notes', json((SELECT json_group_array(json_object('id', "
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
		"  'hash', n.hash)) FROM (SELECT * FROM note WHERE id IN "
		"(SELECT "
		"  value FROM json_each(?11)) ORDER BY seq) n)), "
		"'followups', json((SELECT json_group_array(json_object('id', "
		"  f.id, 'gp_id', f.gp_id, 'kind', f.kind, 'date', f.fdate, "
		"  'note_id', f.note_id, 'recorded_at', f.recorded_at)) FROM "
		"  (SELECT * FROM followup WHERE akt_id = ?8 AND ?7 IS NULL "
		"  ORDER BY fdate, id) f)), "
		"'facts', json((SELECT json_group_array(json_object('id', "
		"x.id, "
		"  'insats_id', x.insats_id, 'kind', x.kind, 'date', x.fdate, "
		"  'reason', x.reason, 'note_id', x.note_id, 'recorded_at', "
		"  x.recorded_at)) FROM (SELECT * FROM fact WHERE akt_id = ?8 "
		"  AND ?7 IS NULL ORDER BY fdate, id) x)), "
		"'verification', json(?9))";
	struct sd_buf notes, plans, ver;
	sqlite3_stmt *st;
	const struct sd_export_check *v = &d->v;
	int rc;

	sd_buf_init(&notes);
	sd_buf_init(&plans);
	sd_buf_init(&ver);
	ids_json(&notes, d, 0);
	ids_json(&plans, d, 1);
	sd_buf_printf(&ver,
		      "{\"notes\": %lld, \"notes_exported\": %lld, "
		      "\"head_hash\": \"%s\", \"hash_format\": "
		      "\"socdok-note-v%d\", \"hash_version\": %d, "
		      "\"verified_at\": \"%s\", \"result\": \"%s\", "
		      "\"first_broken_seq\": ",
		      v->total, d->nincluded, v->head, SD_HASH_VERSION,
		      SD_HASH_VERSION, d->now, v->ok ? "intact" : "broken");
	if (v->ok)
		sd_buf_puts(&ver, "null, \"detail\": null}");
	else {
		sd_buf_printf(&ver, "%lld, \"detail\": ", v->broken_seq);
		sd_json_quote(ctx, &ver, v->what);
		sd_buf_puts(&ver, "}");
	}
	rc = 0;
	if (!(st = sd_prepare(ctx, sql)))
		rc = ctx->err.code;
	else {
		sd_bind_text(st, 1, d->now);
		sd_bind_text(st, 2, ctx->me.login);
		sd_bind_text(st, 3, ctx->me.name);
		sd_bind_text(st, 4, ctx->me.title);
		sd_bind_text(st, 5, d->o->since);
		sd_bind_text(st, 6, d->o->until);
		sd_bind_text(st, 7, only_name(d->o->only));
		sqlite3_bind_int64(st, 8, d->a.id);
		sd_bind_text(st, 9, ver.s);
		sd_bind_text(st, 10, SD_VERSION);
		sd_bind_text(st, 11, notes.s);
		sd_bind_text(st, 12, plans.s);
		if (sqlite3_step(st) == SQLITE_ROW) {
			sd_buf_puts(b, sd_col(st, 0));
			sd_buf_puts(b, "\n");
		} else
			rc = sd_fail_db(ctx, "cannot build the JSON export");
		sqlite3_finalize(st);
	}
	sd_buf_free(&notes);
	sd_buf_free(&plans);
	sd_buf_free(&ver);
	return rc;
}

/* --------------------------------------------------------------- PDF/A */

static const char *
gs_program(void)
{
	const char *g = getenv("SOCDOK_GS");
	return g && *g ? g : "gs";
}

static int
no_gs(struct sd_ctx *ctx)
{
	return sd_fail(ctx, EX_UNAVAILABLE,
		       "--pdfa needs ghostscript ('%s'), which is not "
		       "installed; install it (apt-get install ghostscript) "
		       "or export without --pdfa",
		       gs_program());
}

int
sd_export_pdfa_available(void)
{
	const char *g = gs_program(), *path;
	char buf[4096];

	if (strchr(g, '/'))
		return access(g, X_OK) == 0;
	if (!(path = getenv("PATH")))
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? path : ".", g);
		if (access(buf, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

/* The sRGB profile PDF/A's output intent needs, from ghostscript. */
static int
find_icc(char *buf, size_t n)
{
	const char *env = getenv("SOCDOK_ICC");
	glob_t g;

	if (env && *env && access(env, R_OK) == 0) {
		snprintf(buf, n, "%s", env);
		return 0;
	}
	if (access("/usr/share/color/icc/ghostscript/srgb.icc", R_OK) == 0) {
		snprintf(buf, n, "%s",
			 "/usr/share/color/icc/ghostscript/srgb.icc");
		return 0;
	}
	if (glob("/usr/share/ghostscript/*/iccprofiles/srgb.icc", 0, NULL,
		 &g) == 0 &&
	    g.gl_pathc > 0) {
		snprintf(buf, n, "%s", g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
		return 0;
	}
	globfree(&g);
	return -1;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A new temporary file beside path (mode 0600), or -1 with ctx->err set. */
static int
temp_beside(struct sd_ctx *ctx, const char *path, const char *tag, char *tmp,
	    size_t n)
{
	int fd;

	if (!path || strcmp(path, "-") == 0) {
		const char *dir = getenv("TMPDIR");
		snprintf(tmp, n, "%s/socdok-export-%s.XXXXXX",
			 dir && *dir ? dir : "/tmp", tag);
	} else
		snprintf(tmp, n, "%s.%s.XXXXXX", path, tag);
	if ((fd = mkstemp(tmp)) < 0)
		sd_fail(ctx, EX_CANTCREAT,
			"cannot create a file beside '%s': %s",
			path ? path : "-", strerror(errno));
	return fd;
}

/*
 * Convert the PDF in pdf to PDF/A-2B with ghostscript; on success replace
 * its contents with the converted file.
 */
static int
to_pdfa(struct sd_ctx *ctx, struct sd_buf *pdf, const char *path)
{
	char in[4200], out[4200], def[4200], icc[4096];
	char a_permit[4200], a_out[4300];
	struct sd_buf ps;
	pid_t pid;
	int fd, status, rc = 0;
	posix_spawn_file_actions_t fa;

	if (!sd_export_pdfa_available())
		return no_gs(ctx);
	if (find_icc(icc, sizeof icc) != 0 || strpbrk(icc, "()\\"))
		return sd_fail(ctx, EX_UNAVAILABLE,
			       "--pdfa needs ghostscript's sRGB profile "
			       "(srgb.icc), which was not found; set "
			       "SOCDOK_ICC to its path");
	if ((fd = temp_beside(ctx, path, "in", in, sizeof in)) < 0)
		return ctx->err.code;
	rc = write_all(fd, pdf->s, pdf->len);
	close(fd);
	if (rc) {
		unlink(in);
		return sd_fail(ctx, EX_IOERR, "cannot write '%s': %s", in,
			       strerror(errno));
	}
	if ((fd = temp_beside(ctx, path, "def", def, sizeof def)) < 0) {
		unlink(in);
		return ctx->err.code;
	}
	sd_buf_init(&ps);
	sd_buf_printf(&ps,
		      "%%!\n"
		      "/ICCProfile (%s) def\n"
		      "[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark\n"
		      "[{icc_PDFA} <</N 3>> /PUT pdfmark\n"
		      "[{icc_PDFA} ICCProfile (r) file /PUT pdfmark\n"
		      "[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark\n"
		      "[{OutputIntent_PDFA} <<\n"
		      "  /Type /OutputIntent /S /GTS_PDFA1\n"
		      "  /DestOutputProfile {icc_PDFA}\n"
		      "  /OutputConditionIdentifier (sRGB)\n"
		      ">> /PUT pdfmark\n"
		      "[{Catalog} <</OutputIntents [ {OutputIntent_PDFA} ]>> "
		      "/PUT pdfmark\n",
		      icc);
	rc = write_all(fd, ps.s, ps.len);
	sd_buf_free(&ps);
	close(fd);
	if (rc || (fd = temp_beside(ctx, path, "pdfa", out, sizeof out)) < 0) {
		unlink(in);
		unlink(def);
		return rc ? sd_fail(ctx, EX_IOERR, "cannot write '%s'", def)
			  : ctx->err.code;
	}
	close(fd);

	snprintf(a_permit, sizeof a_permit, "--permit-file-read=%s", icc);
	snprintf(a_out, sizeof a_out, "-sOutputFile=%s", out);
	char *argv[] = {(char *)gs_program(),
			"-q",
			"-dSAFER",
			"-dPDFA=2",
			"-dBATCH",
			"-dNOPAUSE",
			"-dNOOUTERSAVE",
			"-dPDFACompatibilityPolicy=1",
			"-sColorConversionStrategy=RGB",
			"-sDEVICE=pdfwrite",
			a_permit,
			a_out,
			def,
			in,
			NULL};
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0)
		rc = sd_fail(ctx, EX_UNAVAILABLE, "cannot run ghostscript '%s'",
			     argv[0]);
	else if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		 WEXITSTATUS(status) != 0)
		rc = sd_fail(ctx, EX_SOFTWARE,
			     "ghostscript could not convert the export to "
			     "PDF/A-2B (run '%s' by hand on a plain PDF export "
			     "to see why)",
			     argv[0]);
	posix_spawn_file_actions_destroy(&fa);
	unlink(in);
	unlink(def);
	if (!rc) {
		size_t len;
		char *s = sd_read_file(ctx, out, &len);
		if (!s || len < 8 || memcmp(s, "%PDF-", 5) != 0)
			rc = s ? sd_fail(ctx, EX_SOFTWARE,
					 "ghostscript wrote no PDF")
			       : ctx->err.code;
		else {
			pdf->len = 0;
			sd_buf_add(pdf, s, len);
		}
		free(s);
	}
	unlink(out);
	return rc;
}

/* ----------------------------------------------------------- the export */

int
sd_export_fmt_parse(struct sd_ctx *ctx, const char *s, enum sd_export_fmt *out)
{
	static const char *names[] = {"md", "html", "pdf", "json"};

	if (!s) {
		*out = SD_EXPORT_MD;
		return 0;
	}
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum sd_export_fmt)i;
			return 0;
		}
	return sd_fail(ctx, EX_USAGE,
		       "unknown format '%s'; use one of: md, html, pdf, json",
		       s);
}

const char *
sd_export_ext(enum sd_export_fmt fmt)
{
	switch (fmt) {
	case SD_EXPORT_HTML: return "html";
	case SD_EXPORT_PDF: return "pdf";
	case SD_EXPORT_JSON: return "json";
	default: return "md";
	}
}

char *
sd_export_name(long long akt, enum sd_export_fmt fmt, char *buf, size_t n)
{
	snprintf(buf, n, "akt-%lld.%s", akt, sd_export_ext(fmt));
	return buf;
}

/* Write data to path ("-": stdout) through a temporary file and rename. */
static int
write_file(struct sd_ctx *ctx, const char *path, const struct sd_buf *data)
{
	char tmp[4200];
	int fd;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data->s, 1, data->len, stdout) == data->len &&
		    fflush(stdout) == 0)
			return 0;
		return sd_stdout_fail(ctx);
	}
	if ((fd = temp_beside(ctx, path, "tmp", tmp, sizeof tmp)) < 0)
		return ctx->err.code;
	if (write_all(fd, data->s, data->len) != 0 || fsync(fd) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return sd_fail(ctx, EX_IOERR, "cannot write '%s': %s", path,
			       strerror(e));
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return sd_fail(ctx, EX_CANTCREAT, "cannot write '%s': %s", path,
			       strerror(e));
	}
	return 0;
}

static int
check_opts(struct sd_ctx *ctx, const struct sd_export_opts *o,
	   enum sd_export_fmt fmt)
{
	int d1, d2;

	if (o->since && sd_date_opt(ctx, "--since", o->since, &d1))
		return ctx->err.code;
	if (o->until && sd_date_opt(ctx, "--until", o->until, &d2))
		return ctx->err.code;
	if (o->since && o->until && d1 > d2)
		return sd_fail(ctx, EX_USAGE,
			       "--since %s is after --until %s; swap them",
			       o->since, o->until);
	if (o->pdfa != SD_PDFA_NO && fmt != SD_EXPORT_PDF)
		return sd_fail(ctx, EX_USAGE,
			       "--pdfa applies to --format pdf only");
	return 0;
}

int
sd_export_file(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
	       const struct sd_export_opts *o, const char *path)
{
	static const struct sd_export_opts none;
	struct xdoc d;
	struct xnote **byid = NULL;
	struct sd_buf md, out;
	char what[256];
	int rc, pdfa = 0;

	if (!o)
		o = &none;
	if ((rc = check_opts(ctx, o, fmt)))
		return rc;
	memset(&d, 0, sizeof d);
	d.o = o;
	sd_now(d.now);
	if ((rc = sd_akt_load(ctx, akt, &d.a)))
		return rc;
	if (!sd_may_see_unit(ctx, d.a.unit_id))
		return sd_fail(ctx, EX_NOPERM,
			       "akt %lld belongs to unit '%s', which is not "
			       "yours; ask an administrator to add you to it",
			       akt, d.a.unit);
	if (fmt == SD_EXPORT_PDF && o->pdfa != SD_PDFA_NO)
		pdfa = sd_export_pdfa_available() || o->pdfa == SD_PDFA_REQUIRE;
	if (pdfa && !sd_export_pdfa_available())
		return no_gs(ctx);

	sd_buf_init(&md);
	sd_buf_init(&out);
	if ((rc = load_notes(ctx, &d)) || (rc = load_plans(ctx, &d)) ||
	    (rc = load_insatser(ctx, &d)))
		goto done;
	byid = sd_xmalloc((d.nnotes ? d.nnotes : 1) * sizeof *byid);
	for (size_t i = 0; i < d.nnotes; i++)
		byid[i] = &d.notes[i];
	qsort(byid, d.nnotes, sizeof *byid, cmp_id);
	if ((rc = verify_chain(ctx, &d)))
		goto done;
	select_parts(&d, byid);

	snprintf(what, sizeof what, "exported akt as %s%s%s%s%s%s%s",
		 pdfa ? "PDF/A-2B" : sd_export_ext(fmt),
		 o->since ? ", notes from " : "", o->since ? o->since : "",
		 o->until ? ", notes until " : "", o->until ? o->until : "",
		 o->only ? ", only " : "", o->only ? only_name(o->only) : "");
	if ((rc = sd_log_access(ctx, akt, what)))
		goto done;

	if (fmt == SD_EXPORT_JSON)
		rc = build_json(ctx, &out, &d);
	else {
		build_md(&md, &d, byid, ctx);
		if (fmt == SD_EXPORT_MD)
			sd_buf_add(&out, md.s, md.len);
		else if (fmt == SD_EXPORT_HTML)
			build_html(&out, md.s, &d);
		else {
			struct sd_pdf_meta m;
			char left[512], right[64], title[64], pnr[14];
			snprintf(left, sizeof left, "%s · %s", d.a.name,
				 sd_pnr_display(d.a.pnr, pnr));
			snprintf(right, sizeof right, "Exporterad %.10s",
				 d.now);
			/* ASCII: PDF/A conversion drops other letters here. */
			snprintf(title, sizeof title, "Personakt %lld", akt);
			m.header_left = left;
			m.header_right = right;
			m.title = title;
			m.author = ctx->me.login;
			m.created = d.now;
			rc = sd_render_pdf(ctx, md.s, &m, &out);
			if (!rc && pdfa)
				rc = to_pdfa(ctx, &out, path);
		}
	}
	if (!rc)
		rc = write_file(ctx, path, &out);
done:
	free(byid);
	sd_buf_free(&md);
	sd_buf_free(&out);
	doc_free(&d);
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

int
sd_export_verify_json(struct sd_ctx *ctx, const char *path,
		      struct sd_export_check *v)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *text;
	size_t len;
	char prev[65] = SD_HASH_ZERO, h[65];
	long long prev_seq = 0;
	int rc = 0, step, full;

	memset(v, 0, sizeof *v);
	if (!(text = sd_read_file(ctx, path, &len)))
		return ctx->err.code;
	if (sqlite3_open_v2(":memory:", &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		rc = sd_fail(ctx, EX_OSERR, "cannot open SQLite in memory");
		goto done;
	}
	if (sqlite3_prepare_v2(db,
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
			       -1, &st, NULL) != SQLITE_OK) {
		rc = sd_fail(ctx, EX_SOFTWARE, "%s", sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0) ||
	    strcmp(sd_col(st, 1), "socdok-export") != 0 ||
	    strcmp(sd_col(st, 4), "array") != 0 ||
	    strlen(sd_col(st, 3)) != 64) {
		rc = sd_fail(ctx, EX_DATAERR,
			     "'%s' is not a JSON export of akt-export; export "
			     "it with akt-export --format json",
			     path);
		goto done;
	}
	v->total = sqlite3_column_int64(st, 2);
	v->akt = sqlite3_column_int64(st, 5);
	full = sqlite3_column_int(st, 6);
	snprintf(v->head, sizeof v->head, "%s", sd_col(st, 3));
	sqlite3_finalize(st);
	st = NULL;

	if (sqlite3_prepare_v2(db,
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
			       "json_extract(value, '$.hash') "
			       "FROM json_each(?1, '$.notes') ORDER BY key",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = sd_fail(ctx, EX_SOFTWARE, "%s", sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	v->ok = v->complete = 1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sd_note n = {0};
		const char *hash = sd_col(st, 15);

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
		v->notes++;
		if (n.seq <= prev_seq)
			snprintf(v->what, sizeof v->what,
				 "note %lld comes after note %lld in the file",
				 n.seq, prev_seq);
		else if (full && n.seq != prev_seq + 1) {
			snprintf(v->what, sizeof v->what,
				 "note %lld is missing (the next in the file "
				 "is %lld): a note was removed",
				 prev_seq + 1, n.seq);
			n.seq = prev_seq + 1;
		} else if (n.seq == prev_seq + 1 &&
			   strcmp(n.prev_hash, prev) != 0)
			snprintf(v->what, sizeof v->what,
				 "note %lld does not link to note %lld "
				 "(prev_hash differs)",
				 n.seq, prev_seq);
		else if (sqlite3_column_int(st, 14) != SD_HASH_VERSION)
			snprintf(v->what, sizeof v->what,
				 "note %lld has unknown hash format version %d",
				 n.seq, sqlite3_column_int(st, 14));
		else if (sd_note_hash(&n, h) != 0 || strcmp(h, hash) != 0)
			snprintf(v->what, sizeof v->what,
				 "note %lld does not match its hash (its "
				 "content differs from what was written)",
				 n.seq);
		if (v->what[0]) {
			v->ok = 0;
			v->broken_seq = n.seq;
			break;
		}
		if (n.seq != prev_seq + 1)
			v->complete = 0;
		prev_seq = n.seq;
		snprintf(prev, sizeof prev, "%s", hash);
	}
	if (v->ok && step != SQLITE_DONE) {
		rc = sd_fail(ctx, EX_DATAERR, "cannot read the notes of '%s'",
			     path);
		goto done;
	}
	/*
	 * An export of the whole akt must hold every note up to the head;
	 * a selection is checked as far as it goes (and at the head when
	 * it holds the last note).
	 */
	if (v->ok && full && v->notes != v->total) {
		v->ok = 0;
		v->broken_seq = prev_seq + 1;
		snprintf(v->what, sizeof v->what,
			 "the file holds %lld notes, its verification block "
			 "counts %lld: notes were removed",
			 v->notes, v->total);
	} else if (v->ok && (full || prev_seq == v->total) &&
		   strcmp(prev, v->head) != 0) {
		v->ok = 0;
		v->broken_seq = prev_seq;
		snprintf(v->what, sizeof v->what,
			 "the last note's hash is not the head hash of the "
			 "verification block");
	}
	v->complete = v->ok && full;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(text);
	return rc;
}
