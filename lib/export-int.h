/*
 * export-int.h - what the parts of the export share inside the library
 * (not for bin/): the akt loaded into memory with what an export shows
 * of it (export-load.c), and the builders of each format: Markdown and
 * HTML (export-md.c), JSON and its verification (export-json.c), PDF/A
 * through ghostscript (export-pdfa.c).  export.c drives them (sd_export_file).
 */
#ifndef SD_EXPORT_INT_H
#define SD_EXPORT_INT_H

#include "akt.h"
#include "export.h"

/* The banner of a protected identity: at the top of the document, and
 * under the header of every page of a PDF. */
#define SD_EXPORT_BANNER_HEAD "Sekretessmarkering:"
#define SD_EXPORT_BANNER_TEXT                                                  \
	"personen har skyddade personuppgifter. Lämna inte ut handlingen "    \
	"eller uppgifter ur den utan sekretessprövning; namn, personnummer "  \
	"och uppgifter som kan röja var personen finns får inte spridas."
#define SD_EXPORT_BANNER_PAGE                                                  \
	"Sekretessmarkering · skyddade personuppgifter · lämnas inte ut "   \
	"utan sekretessprövning"

struct xnote {
	long long id, seq, corrects, corrects_seq;
	int hash_version;
	char *event_date, *written_at, *author_login, *author_name,
		*author_title, *behalf_login, *behalf_name, *behalf_title,
		*category, *body, *prev_hash, *hash; /* all in mem */
	char *mem;
	int included, shown;
	int ncorrections; /* notes that correct this one */
	int masked;       /* its text masked in this copy (--mask) */
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
	char *consents;  /* samtycken, Markdown list lines, or NULL */
	char *informed;  /* right to read: informed, copies; Markdown list
			    lines, or NULL */
	char *lb; /* the levnadsberättelse's versions, Markdown, or NULL */
	struct sd_export_check v;
	long long mask_record; /* --mask: the seq of the chain record of the
				  copy's export-copy fact, which holds the
				  masked notes (docs/hash-format.md) */
	char now[SD_TIME_SIZE];
	long long nincluded;
	struct xnote **byid; /* the notes sorted by id, for lookups */
};

/*
 * Load akt d->a (already loaded by sd_akt_load) with its notes, plans,
 * insatser, follow-ups and facts, verify its chain into d->v and mark
 * what d->o selects.  Free with sd_export_doc_free, also on failure.
 */
int sd_export_doc_load(struct sd_ctx *ctx, struct xdoc *d);
void sd_export_doc_free(struct xdoc *d);

/* The note with this id in byid (n notes sorted by id), or NULL. */
struct xnote *sd_export_find_note(struct xnote **byid, size_t n, long long id);

/* Text from the database inside a line of our own Markdown, escaped. */
void sd_export_md_inline(struct sd_buf *b, const char *s);

/* body as a fenced block (~~~ info), fenced longer than any run in it. */
void sd_export_md_fence(struct sd_buf *b, const char *info, const char *body);

/* " (s)" after what went before, when s is not empty. */
void sd_export_md_paren(struct sd_buf *b, const char *s);

/*
 * The Markdown document of d handed to piece in pieces, each whole
 * blocks ending where a heading begins and at least min bytes long but
 * for the last: min 0 gives every heading its own piece (the PDF lays
 * out each as it comes, render.c); the md export writes pieces of 64
 * KiB.  The pieces are freed after the call.
 */
void sd_export_md_pieces(struct xdoc *d, const struct sd_ctx *ctx, size_t min,
			 void (*piece)(void *arg, const char *md, size_t len),
			 void *arg);

/*
 * The HTML page of the Markdown document (cmark's rendering of it,
 * sd_export_md_pieces) handed to piece in pieces of whole blocks, each
 * standing for at least min bytes of Markdown but for the last.
 */
void sd_export_html_stream(struct xdoc *d, const struct sd_ctx *ctx, size_t min,
			   void (*piece)(void *arg, const char *html,
					 size_t len),
			   void *arg);

/* The JSON export of d appended to b (built by SQLite's JSON functions). */
int sd_export_json_build(struct sd_ctx *ctx, struct sd_buf *b, struct xdoc *d);

/* "journal", "gp", or NULL for everything. */
const char *sd_export_only_name(enum sd_export_only o);

/*
 * Convert the PDF in pdf to PDF/A-2B with ghostscript, temporary files
 * beside path; on success its contents are replaced with the result.
 */
int sd_export_pdfa_convert(struct sd_ctx *ctx, struct sd_buf *pdf,
			   const char *path);

/* EX_UNAVAILABLE with the message that ghostscript is missing. */
int sd_export_pdfa_missing(struct sd_ctx *ctx);

#endif
