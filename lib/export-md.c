/*
 * export-md.c - the human formats of an export.  One Markdown document
 * is their source: HTML is that document rendered by cmark in its safe
 * default (here), PDF is that document laid out by render.c.  Note and
 * plan texts are embedded in fenced blocks, so they show byte for byte
 * as written and no heading, list or raw HTML in them can break the
 * document's structure.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "journal.h"

/* ------------------------------------------------------------- Markdown */

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

void
sd_export_md_fence(struct sd_buf *b, const char *info, const char *body)
{
	md_fence(b, info, body);
}

/* "2026-02-03T10:12:00Z" as Swedish local time, "2026-02-03 11:12". */
static void
md_time(struct sd_buf *b, const char *t)
{
	char at[SD_LOCAL_SIZE];

	/* Swedish local time; the export's JSON keeps the hashed UTC form */
	if (strlen(t) == 20 && t[10] == 'T' && t[19] == 'Z')
		sd_buf_puts(b, sd_time_local(t, at));
	else
		sd_export_md_inline(b, t);
}

static void
md_person(struct sd_buf *b, const char *name, const char *title)
{
	sd_buf_puts(b, "**");
	sd_export_md_inline(b, name);
	sd_buf_puts(b, "**");
	sd_export_md_paren(b, title);
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

/*
 * The heading of a correction or objection shown under the note it
 * corrects (t): the same words in Markdown and in cmark's tree.
 */
static void
note_heading_nested(struct sd_buf *b, const struct xnote *n,
		    const struct xnote *t)
{
	sd_buf_printf(b,
		      sd_note_is_objection(n->category)
			      ? "Den enskildes invändning mot anteckning %lld "
				"· %s · anteckning %lld"
			      : "Rättelse av anteckning %lld · %s · "
				"anteckning %lld",
		      t->seq, n->event_date, n->seq);
}

/*
 * After a note's hash: the note it corrects when that one is not in
 * this selection, and the notes that correct it or object to it.
 */
static void
note_relations(struct sd_buf *b, const struct xdoc *d, const struct xnote *n,
	       const struct xnote *t, int nested)
{
	if (t && !nested)
		sd_buf_printf(b,
			      sd_note_is_objection(n->category)
				      ? " Den enskildes invändning mot "
					"anteckning %lld (%s), som inte ingår "
					"i detta urval."
				      : " Rättelse av anteckning %lld (%s), "
					"som inte ingår i detta urval.",
			      t->seq, t->event_date);
	for (size_t i = 0; n->ncorrections && i < d->nnotes; i++)
		if (d->notes[i].corrects == n->id)
			sd_buf_printf(
				b,
				sd_note_is_objection(d->notes[i].category)
					? " Den enskilde invänder i "
					  "anteckning %lld."
					: " Rättad genom anteckning %lld.",
				d->notes[i].seq);
}

/* The note n itself, not the notes that correct it. */
static void
md_note_self(struct sd_buf *b, struct xdoc *d, struct xnote **byid,
	     struct xnote *n, int level)
{
	struct xnote *t =
		n->corrects ? sd_export_find_note(byid, d->nnotes, n->corrects)
			    : NULL;
	int nested = t && t->included;

	for (int i = 0; i < level; i++)
		sd_buf_add(b, "#", 1);
	if (nested) {
		sd_buf_puts(b, " ");
		note_heading_nested(b, n, t);
		sd_buf_puts(b, "\n\n");
	} else {
		sd_buf_printf(b, " %s · ", n->event_date);
		sd_export_md_inline(b, n->category);
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
		sd_export_md_inline(b, n->category);
	}
	sd_buf_printf(b, "; hash `%.12s`.", n->hash);
	note_relations(b, d, n, t, nested);
	if (n->masked)
		sd_buf_puts(b, " *Texten är maskerad i denna kopia (OSL 26 "
			       "kap.); anteckningens hash finns kvar, så "
			       "kedjan kan fortfarande kontrolleras.*");
	sd_buf_puts(b, "\n\n");
	md_fence(b, "anteckning", n->masked ? SD_EXPORT_MASKED : n->body);
}

static void
md_note(struct sd_buf *b, struct xdoc *d, struct xnote **byid, struct xnote *n,
	int level)
{
	n->shown = 1;
	md_note_self(b, d, byid, n, level);
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
	sd_export_md_inline(b, d->a.name);
	sd_buf_puts(b, "\n\n**Personnummer:** ");
	sd_buf_puts(b, sd_pnr_display(d->a.pnr, pnr));
	sd_buf_puts(b, "\\\n**Enhet:** ");
	sd_export_md_inline(b, d->a.unit);
	sd_buf_printf(b, " (%s)\\\n**Kontaktperson:** ", d->a.regime);
	if (d->a.kp_login[0])
		sd_export_md_inline(b, d->a.kp_name);
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
	if (o->for_person || o->nmask)
		sd_buf_puts(b, "\\\n**Kopia:** till den enskilde");
	if (o->nmask) {
		sd_buf_puts(b, "\\\n**Maskerade anteckningar:** ");
		for (size_t i = 0; i < o->nmask; i++)
			sd_buf_printf(b, "%s%lld", i ? ", " : "", o->mask[i]);
		sd_buf_puts(b, " (OSL 26 kap.)");
	}
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
		sd_export_md_inline(b, s->kind);
		sd_buf_printf(b, "**: beslut %s", s->decided);
		if (s->ordered)
			sd_buf_printf(b, ", beställd %s", s->ordered);
		sd_buf_printf(b, ", verkställd %s",
			      s->started ? s->started : "ännu inte");
		if (s->ended) {
			sd_buf_printf(b, ", avslutad %s", s->ended);
			sd_export_md_paren(b, s->end_reason);
		}
		if ((s->goal && *s->goal) ||
		    (s->handlaggare && *s->handlaggare)) {
			sd_buf_puts(b, "\\\n  ");
			if (s->goal && *s->goal) {
				sd_buf_puts(b, "Mål: ");
				sd_export_md_inline(b, s->goal);
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
				sd_export_md_inline(b, s->handlaggare);
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

/*
 * Where the Markdown goes: handed on piece by piece: at every heading (the PDF,
 * laid out as it comes), or once b holds at least min bytes (the md export,
 * written as it is built instead of held whole).
 */
struct md_out {
	struct sd_buf *b;
	void (*piece)(void *arg, const char *md, size_t len);
	void *arg;
	size_t min;
	/* HTML (html_stream): the blocks not yet rendered, and about how
	 * many bytes of Markdown they stand for; piece then takes HTML. */
	cmark_node *doc;
	size_t pending;
};

static void html_cut(struct md_out *w, int all);

/* What b holds handed on, when pieces are asked for; called only where
 * a heading of ours begins next, which ends every block before it. */
static void
cut(struct md_out *w)
{
	if (w->doc) {
		html_cut(w, 0);
		return;
	}
	if (!w->piece || !w->b->len || w->b->len < w->min)
		return;
	w->piece(w->arg, w->b->s, w->b->len);
	w->b->len = 0;
	w->b->s[0] = '\0';
}

static void
md_plans(struct md_out *w, struct xdoc *d)
{
	struct sd_buf *b = w->b;
	int any = 0;

	sd_buf_puts(b, "## Genomförandeplaner\n\n");
	for (size_t i = 0; i < d->nplans; i++) {
		const struct xplan *p = &d->plans[i];
		if (!p->included)
			continue;
		any = 1;
		cut(w);
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

static void html_note(struct md_out *w, struct xdoc *d, struct xnote **byid,
		      struct xnote *n, int level);

static void
md_journal(struct md_out *w, struct xdoc *d, struct xnote **byid)
{
	struct sd_buf *b = w->b;
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
		t = n->corrects
			    ? sd_export_find_note(byid, d->nnotes, n->corrects)
			    : NULL;
		if (!t || !t->included)
			order[k++] = n;
	}
	sd_sort(order, k, sizeof *order, cmp_chrono);
	for (size_t i = 0; i < k; i++) {
		cut(w);
		if (w->doc)
			html_note(w, d, byid, order[i], 3);
		else
			md_note(b, d, byid, order[i], 3);
	}
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
		sd_export_md_inline(b, v->what);
		sd_buf_puts(b, ".\n\n");
	}
	if (d->o->nmask) {
		sd_buf_puts(b, "**Maskerade anteckningar:** ");
		for (size_t i = 0; i < d->o->nmask; i++)
			sd_buf_printf(b, "%s%lld", i ? ", " : "",
				      d->o->mask[i]);
		sd_buf_puts(b, ": texten är ersatt med \"" SD_EXPORT_MASKED
			       "\" i denna kopia. Deras hash finns kvar, så "
			       "kedjan kan kontrolleras (JSON-exporten bär "
			       "hashen i stället för texten).\n\n");
	}
	sd_buf_puts(b, "Varje anteckning bär SHA-256 av sitt innehåll och av "
		       "föregående antecknings hash (formatet beskrivs i "
		       "socdok:s dokumentation, hash-format). JSON-exporten "
		       "av akten innehåller alla hashvärden; `akt-verify "
		       "--export FIL.json` kontrollerar kedjan utan "
		       "databasen.\n");
}

static void
md_build(struct md_out *w, struct xdoc *d, const struct sd_ctx *ctx)
{
	struct sd_buf *b = w->b;
	struct xnote **byid = d->byid;

	/* md_note marks the notes it has shown: a PDF builds twice. */
	for (size_t i = 0; i < d->nnotes; i++)
		d->notes[i].shown = 0;
	/* A protected identity: visible before anything else. */
	if (d->a.protected)
		sd_buf_puts(b, "> **" SD_EXPORT_BANNER_HEAD
			       "** " SD_EXPORT_BANNER_TEXT "\n\n");
	md_title(b, d, ctx);
	cut(w);
	if (d->o->only == SD_EXPORT_ALL)
		md_insatser(b, d);
	cut(w);
	if (d->o->only == SD_EXPORT_ALL && d->consents)
		sd_buf_printf(b, "## Samtycken\n\n%s\n", d->consents);
	cut(w);
	if (d->o->only == SD_EXPORT_ALL && d->informed)
		sd_buf_printf(b, "## Rätten att läsa akten\n\n%s\n",
			      d->informed);
	cut(w);
	if (d->o->only == SD_EXPORT_ALL && d->lb)
		sd_buf_printf(b, "## Levnadsberättelse\n\n%s", d->lb);
	cut(w);
	if (d->o->only != SD_EXPORT_JOURNAL)
		md_plans(w, d);
	cut(w);
	if (d->o->only != SD_EXPORT_GP)
		md_journal(w, d, byid);
	cut(w);
	md_verification(b, d);
	/* The rest, whatever its length. */
	if (w->doc)
		html_cut(w, 1);
	else if (w->piece && b->len)
		w->piece(w->arg, b->s, b->len);
}

void
sd_export_md_pieces(struct xdoc *d, const struct sd_ctx *ctx, size_t min,
		    void (*piece)(void *arg, const char *md, size_t len),
		    void *arg)
{
	struct sd_buf b;
	struct md_out w = {&b, piece, arg, min, NULL, 0};

	sd_buf_init(&b);
	md_build(&w, d, ctx);
	sd_buf_free(&b);
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

/* A protected identity: the banner stands out, and repeats on every
 * printed page. */
static const char html_style_protected[] =
	"body>blockquote:first-of-type{border:3px solid #b00000;color:#b00000;"
	"padding:.4em .8em;margin:0 0 1em}\n"
	".sekretess{display:none}\n"
	"@media print{.sekretess{display:block;position:fixed;top:0;left:0;"
	"right:0;text-align:center;color:#b00000;font-size:8pt}}\n";

/* The page around the body: head (with the title and style) or tail. */
static void
html_page(struct sd_buf *b, struct xdoc *d, int head)
{
	char pnr[14];

	if (!head) {
		sd_buf_puts(b, "</body>\n</html>\n");
		return;
	}
	sd_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" "
		       "content=\"default-src 'none'; style-src "
		       "'unsafe-inline'\">\n"
		       "<meta name=\"generator\" content=\"socdok " SD_VERSION
		       "\">\n<title>Personakt");
	/* A printed page shows the title: a protected identity's is the
	 * akt id alone. */
	if (d->a.protected)
		sd_buf_printf(b, " %lld (sekretessmarkering)", d->a.id);
	else {
		sd_buf_puts(b, ": ");
		html_escape(b, d->a.name);
		sd_buf_printf(b, " (%s)", sd_pnr_display(d->a.pnr, pnr));
	}
	sd_buf_printf(b, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
		      html_style, d->a.protected ? html_style_protected : "");
	/* The banner of a protected identity, on every printed page too. */
	if (d->a.protected)
		sd_buf_puts(b, "<div class=\"sekretess\">" SD_EXPORT_BANNER_PAGE
			       "</div>\n");
}

/*
 * The body is what cmark renders of the Markdown document, in its safe
 * default (CMARK_OPT_DEFAULT: raw HTML is omitted).  The notes, most of
 * it, are not written as Markdown for cmark to parse again: each is
 * built as the tree cmark's parser makes of its Markdown -- a heading, a
 * paragraph of text, strong emphasis and code, a fenced block -- when
 * every text in it is plain (html_plain): nothing the parser would read
 * as markup.  Everything else (what comes before the journal and after
 * it, a note with other text) is Markdown parsed by cmark, its blocks
 * moved into the same tree.  The tree is rendered and handed on in
 * pieces of whole top-level blocks, each of whose HTML ends a line: the
 * pieces are the whole document's HTML.  bench/export-compare checks the
 * result against the Markdown parsed whole.
 */

/* The Markdown in w->b parsed, its blocks appended to w->doc. */
static void
html_parse(struct md_out *w)
{
	cmark_node *p, *c;

	if (!w->b->len)
		return;
	p = cmark_parse_document(w->b->s, w->b->len, CMARK_OPT_DEFAULT);
	while ((c = cmark_node_first_child(p))) {
		cmark_node_unlink(c);
		cmark_node_append_child(w->doc, c);
	}
	cmark_node_free(p);
	w->pending += w->b->len;
	w->b->len = 0;
	w->b->s[0] = '\0';
}

/* Parse what is written; render the tree and hand its HTML on when it
 * stands for at least w->min bytes of Markdown, or with all. */
static void
html_cut(struct md_out *w, int all)
{
	cmark_node *c;
	char *html;

	html_parse(w);
	if (!all && w->pending < w->min)
		return;
	html = cmark_render_html(w->doc, CMARK_OPT_DEFAULT);
	w->piece(w->arg, html, strlen(html));
	free(html);
	while ((c = cmark_node_first_child(w->doc)))
		cmark_node_free(c);
	w->pending = 0;
}

/*
 * 1 when s, inside a line of our Markdown (escaped or not), is text the
 * parser keeps as it is: not empty; no control character and nothing
 * sd_export_md_inline escapes (emphasis, code, links, raw HTML,
 * entities, headings' closing #); and not beginning or ending with a
 * space (ASCII or Unicode, cmark_utf8proc_is_space: the flanking of the
 * ** around a name, the trimming of a heading).
 */
static int
html_plain(const char *s)
{
	static const char *const spaces[] = {
		"\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
		"\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85",
		"\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
		"\xe2\x80\x8a", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80"};
	/* 1 for a byte that is not plain. */
	static unsigned char bad[256];
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	if (!bad[0]) {
		for (int c = 0; c < 0x20; c++)
			bad[c] = 1;
		bad[0x7f] = 1;
		for (const char *e = "\\`*_[]<>&#!~|"; *e; e++)
			bad[(unsigned char)*e] = 1;
	}
	if (!s || !*s || *s == ' ')
		return 0;
	for (; *p; p++)
		if (bad[*p])
			return 0;
	len = (size_t)(p - (const unsigned char *)s);
	if (s[len - 1] == ' ')
		return 0;
	if ((unsigned char)s[0] < 0x80 && (unsigned char)s[len - 1] < 0x80)
		return 1;
	for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++) {
		size_t n = strlen(spaces[i]);
		if (!strncmp(s, spaces[i], n) ||
		    (len >= n && !memcmp(s + len - n, spaces[i], n)))
			return 0;
	}
	return 1;
}

/* md_time's text when it is plain, else NULL. */
static const char *
html_time(const char *t, char at[SD_LOCAL_SIZE])
{
	const char *s = t;

	if (strlen(t) == 20 && t[10] == 'T' && t[19] == 'Z')
		s = sd_time_local(t, at);
	return html_plain(s) ? s : NULL;
}

/* 1 when md_note_self's Markdown of n is plain text in a heading, a
 * paragraph of text, strong names and a code span, and a fenced block. */
static int
html_note_plain(const struct xnote *n, const struct xnote *t,
		char w[SD_LOCAL_SIZE])
{
	size_t h = 0;

	if (!html_plain(n->event_date) || !html_plain(n->category) ||
	    !html_time(n->written_at, w) || !html_plain(n->author_name) ||
	    (n->author_title && *n->author_title &&
	     !html_plain(n->author_title)) ||
	    (t && !html_plain(t->event_date)))
		return 0;
	if (n->behalf_login && (!html_plain(n->behalf_name) ||
				(n->behalf_title && *n->behalf_title &&
				 !html_plain(n->behalf_title))))
		return 0;
	/* "hash `%.12s`": hex digits, not none. */
	while (h < 12 && n->hash[h] && strchr("0123456789abcdef", n->hash[h]))
		h++;
	return h && (h == 12 || !n->hash[h]);
}

static cmark_node *
html_add(cmark_node *parent, cmark_node_type type, const char *literal)
{
	cmark_node *c = cmark_node_new(type);

	if (literal)
		cmark_node_set_literal(c, literal);
	cmark_node_append_child(parent, c);
	return c;
}

/* The text gathered in b as a text node of para, if any. */
static void
html_text(cmark_node *para, struct sd_buf *b)
{
	if (!b->len)
		return;
	html_add(para, CMARK_NODE_TEXT, b->s);
	b->len = 0;
	b->s[0] = '\0';
}

/* **name** (title), as md_person writes it. */
static void
html_person(cmark_node *para, struct sd_buf *b, const char *name,
	    const char *title)
{
	html_text(para, b);
	html_add(html_add(para, CMARK_NODE_STRONG, NULL), CMARK_NODE_TEXT,
		 name);
	if (title && *title)
		sd_buf_printf(b, " (%s)", title);
}

/*
 * A fenced block's text as the parser keeps it: each line ended by a
 * line feed (a carriage return, alone or before a line feed, ends a
 * line too), the last one included.
 */
static void
html_code(cmark_node *doc, struct sd_buf *b, const char *body)
{
	cmark_node *c = cmark_node_new(CMARK_NODE_CODE_BLOCK);
	size_t len = strlen(body);
	const char *p = body, *cr;

	if (!memchr(body, '\r', len) && (!len || body[len - 1] == '\n')) {
		cmark_node_set_literal(c, body);
		goto done;
	}
	while ((cr = strchr(p, '\r'))) {
		sd_buf_add(b, p, (size_t)(cr - p));
		if (cr[1] != '\n')
			sd_buf_add(b, "\n", 1);
		p = cr + 1;
	}
	sd_buf_puts(b, p);
	if (b->len && b->s[b->len - 1] != '\n')
		sd_buf_add(b, "\n", 1);
	cmark_node_set_literal(c, b->len ? b->s : "");
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
done:
	cmark_node_set_fence_info(c, "anteckning");
	cmark_node_append_child(doc, c);
}

/* md_note for HTML: n and the notes that correct it, as trees when
 * plain, else as Markdown parsed. */
static void
html_note(struct md_out *w, struct xdoc *d, struct xnote **byid,
	  struct xnote *n, int level)
{
	struct xnote *t =
		n->corrects ? sd_export_find_note(byid, d->nnotes, n->corrects)
			    : NULL;
	int nested = t && t->included;
	char at[SD_LOCAL_SIZE];
	cmark_node *h, *para;
	struct sd_buf b;
	const char *body = n->masked ? SD_EXPORT_MASKED : n->body;

	n->shown = 1;
	if (!html_note_plain(n, t, at)) {
		md_note_self(w->b, d, byid, n, level);
		html_parse(w);
		goto corrections;
	}
	html_parse(w);
	sd_buf_init(&b);
	h = html_add(w->doc, CMARK_NODE_HEADING, NULL);
	cmark_node_set_heading_level(h, level);
	if (nested)
		note_heading_nested(&b, n, t);
	else
		sd_buf_printf(&b, "%s · %s · anteckning %lld", n->event_date,
			      n->category, n->seq);
	html_text(h, &b);

	para = html_add(w->doc, CMARK_NODE_PARAGRAPH, NULL);
	sd_buf_printf(&b, "Skriven %s av ", at);
	html_person(para, &b, n->author_name, n->author_title);
	if (n->behalf_login) {
		sd_buf_puts(&b, " på uppdrag av ");
		html_person(para, &b, n->behalf_name, n->behalf_title);
	}
	if (nested)
		sd_buf_printf(&b, "; händelsedatum %s; kategori %s",
			      n->event_date, n->category);
	sd_buf_puts(&b, "; hash ");
	html_text(para, &b);
	sd_buf_printf(&b, "%.12s", n->hash);
	html_add(para, CMARK_NODE_CODE, b.s);
	b.len = 0;
	b.s[0] = '\0';
	sd_buf_puts(&b, ".");
	note_relations(&b, d, n, t, nested);
	if (n->masked) {
		sd_buf_puts(&b, " ");
		html_text(para, &b);
		html_add(html_add(para, CMARK_NODE_EMPH, NULL), CMARK_NODE_TEXT,
			 "Texten är maskerad i denna kopia (OSL 26 kap.); "
			 "anteckningens hash finns kvar, så kedjan kan "
			 "fortfarande kontrolleras.");
	}
	html_text(para, &b);
	html_code(w->doc, &b, body);
	sd_buf_free(&b);
	w->pending += strlen(body) + 256;
corrections:
	for (size_t i = 0; n->ncorrections && i < d->nnotes; i++) {
		struct xnote *c = &d->notes[i];
		if (c->corrects == n->id && c->included && !c->shown)
			html_note(w, d, byid, c, level < 6 ? level + 1 : 6);
	}
}

void
sd_export_html_stream(struct xdoc *d, const struct sd_ctx *ctx, size_t min,
		      void (*piece)(void *arg, const char *html, size_t len),
		      void *arg)
{
	struct sd_buf b;
	struct md_out w = {
		&b, piece, arg, min, cmark_node_new(CMARK_NODE_DOCUMENT), 0};

	sd_buf_init(&b);
	html_page(&b, d, 1);
	piece(arg, b.s, b.len);
	b.len = 0;
	b.s[0] = '\0';
	md_build(&w, d, ctx);
	cmark_node_free(w.doc);
	html_page(&b, d, 0);
	piece(arg, b.s, b.len);
	sd_buf_free(&b);
}
