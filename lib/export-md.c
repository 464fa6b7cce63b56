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

static void
md_note(struct sd_buf *b, struct xdoc *d, struct xnote **byid, struct xnote *n,
	int level)
{
	struct xnote *t =
		n->corrects ? sd_export_find_note(byid, d->nnotes, n->corrects)
			    : NULL;
	int nested = t && t->included;

	n->shown = 1;
	for (int i = 0; i < level; i++)
		sd_buf_add(b, "#", 1);
	if (nested)
		sd_buf_printf(b,
			      sd_note_is_objection(n->category)
				      ? " Den enskildes invändning mot "
					"anteckning %lld · %s · anteckning "
					"%lld\n\n"
				      : " Rättelse av anteckning %lld · %s · "
					"anteckning %lld\n\n",
			      t->seq, n->event_date, n->seq);
	else {
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
	if (n->masked)
		sd_buf_puts(b, " *Texten är maskerad i denna kopia (OSL 26 "
			       "kap.); anteckningens hash finns kvar, så "
			       "kedjan kan fortfarande kontrolleras.*");
	sd_buf_puts(b, "\n\n");
	md_fence(b, "anteckning", n->masked ? SD_EXPORT_MASKED : n->body);
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
 * Where the Markdown goes: all of it into b (md, html), or, with piece
 * set, handed on piece by piece (the PDF, laid out as it comes).
 */
struct md_out {
	struct sd_buf *b;
	void (*piece)(void *arg, const char *md, size_t len);
	void *arg;
};

/* What b holds handed on, when pieces are asked for; called only where
 * a heading of ours begins next, which ends every block before it. */
static void
cut(const struct md_out *w)
{
	if (!w->piece || !w->b->len)
		return;
	w->piece(w->arg, w->b->s, w->b->len);
	w->b->len = 0;
	w->b->s[0] = '\0';
}

static void
md_plans(const struct md_out *w, struct xdoc *d)
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

static void
md_journal(const struct md_out *w, struct xdoc *d, struct xnote **byid)
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
md_build(const struct md_out *w, struct xdoc *d, const struct sd_ctx *ctx)
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
	cut(w);
}

void
sd_export_md_build(struct sd_buf *b, struct xdoc *d, const struct sd_ctx *ctx)
{
	struct md_out w = {b, NULL, NULL};

	md_build(&w, d, ctx);
}

void
sd_export_md_pieces(struct xdoc *d, const struct sd_ctx *ctx,
		    void (*piece)(void *arg, const char *md, size_t len),
		    void *arg)
{
	struct sd_buf b;
	struct md_out w = {&b, piece, arg};

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

void
sd_export_html_build(struct sd_buf *b, const char *md, struct xdoc *d)
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
	sd_buf_puts(b, body);
	sd_buf_puts(b, "</body>\n</html>\n");
	free(body);
}
