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

/*
 * Render CommonMark text md as an A4 PDF into out (appended).  Headings
 * become bookmarks; pages carry the running header and "sida N av M".
 * Returns 0 or a sysexits code with ctx->err set.
 */
int sd_render_pdf(struct sd_ctx *ctx, const char *md,
		  const struct sd_pdf_meta *meta, struct sd_buf *out);

#endif
