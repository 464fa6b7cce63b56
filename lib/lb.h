/*
 * lb.h - the person's levnadsberättelse (life story, seed 002): a
 * Markdown document kept in versions like the genomförandeplan, every
 * version kept, chained, exported and purged or preserved with the akt.
 */
#ifndef SD_LB_H
#define SD_LB_H

#include "akt.h"
#include "socdok.h"

/*
 * The template share/lb-template.md with the person's name filled in,
 * appended to out.  Nothing of the akt but the name is read.
 */
int sd_lb_template(struct sd_ctx *ctx, const struct sd_akt *a,
		   struct sd_buf *out);

/* The text of the akt's latest version appended to out; 1 when none. */
int sd_lb_current_text(struct sd_ctx *ctx, long long akt, struct sd_buf *out);

/* A new version (lb-new). */
struct sd_lb_in {
	long long akt;
	const char *date; /* the day it was told; NULL: today */
	const char *text; /* Markdown; the template's hints are removed */
};

/*
 * Store text as a new version of the levnadsberättelse of the open akt
 * in->akt (the akt's unit, not an arkivarie): the template's hints and
 * the headings left empty removed, nothing else required; a text with
 * nothing in it, or the same as the latest version, is refused.  Inside
 * the caller's transaction; sets *id and *version.
 */
int sd_lb_new(struct sd_ctx *ctx, const struct sd_lb_in *in, long long *id,
	      long long *version);

/* What lb-show shows. */
struct sd_lb_show_opts {
	int version;        /* 0: the latest */
	int all;            /* every version, oldest first */
	enum sd_format fmt; /* text, md or json */
};

/* Print the levnadsberättelse of akt a to f; logs the read. */
int sd_lb_show(struct sd_ctx *ctx, const struct sd_akt *a,
	       const struct sd_lb_show_opts *o, FILE *f);

/*
 * Every version of akt's levnadsberättelse as the Markdown of an export
 * (a heading and fenced text per version) into *out, malloc'd; NULL
 * when there is none.
 */
int sd_lb_markdown(struct sd_ctx *ctx, long long akt, char **out);

#endif
