/*
 * render.h - turning an export's Markdown into a paginated PDF with
 * cairo and pango (used by export.c; not a public interface).
 */
#ifndef SD_RENDER_H
#define SD_RENDER_H

#include "socdok.h"

/* What goes around the text of every page, and into the PDF metadata. */
struct sd_pdf_meta {
	const char *header_left;  /* running header, left: the person */
	const char *header_right; /* running header, right: the export date */
	const char *title;        /* document title (metadata) */
	const char *author;       /* who exported (metadata) */
	const char *created;      /* ISO 8601 time of the export */
	const char *banner; /* a warning under the header of every page, in
			       red (a protected identity), or NULL */
};

/* A PDF being laid out (render-int.h). */
struct sd_render;

/*
 * What writes the document: called with r, it hands the CommonMark text
 * over piece by piece with sd_render_md, in order.  It is called once
 * or twice and must write the same text each time.
 */
typedef void sd_render_source(void *arg, struct sd_render *r);

/*
 * One piece of the document, md[0..len): whole blocks, cut where a
 * heading begins (cmark parses each piece on its own).  It is laid out
 * and placed on the pages; in a long document every page that is full
 * is drawn and its layouts freed, so memory holds a few pages, not the
 * document.
 */
void sd_render_md(struct sd_render *r, const char *md, size_t len);

/*
 * Where the PDF's bytes go, in order, as cairo writes them: 0, or a
 * sysexits code with ctx->err set (the PDF is then given up).
 */
typedef int sd_render_sink(void *arg, const void *data, size_t len);

/*
 * Render the CommonMark text that source writes as an A4 PDF, its
 * bytes to sink (sink_arg given back).  Headings become bookmarks;
 * pages carry the running header and "sida N av M".  The first pass
 * lays the text out and counts the pages (M); a document of more than
 * KEEP_PAGES pages is not kept but laid out again, each page drawn as
 * it is full.  Returns 0 or a sysexits code with ctx->err set (the
 * sink's, when it failed).
 */
int sd_render_pdf(struct sd_ctx *ctx, sd_render_source *source, void *arg,
		  const struct sd_pdf_meta *meta, sd_render_sink *sink,
		  void *sink_arg);

#endif
