/*
 * export-all.h - every akt of the database into one directory, with the
 * chains that make its database head recomputable (socdok-export-all).
 */
#ifndef SD_EXPORT_ALL_H
#define SD_EXPORT_ALL_H

#include "export.h"
#include "socdok.h"

struct sd_export_all_opts {
	const char *dir;          /* a new or empty directory */
	int pdf;                  /* 1: a PDF of each akt beside its JSON */
	enum sd_export_pdfa pdfa; /* for the PDFs */
};

struct sd_export_all_result {
	long long akter;             /* akter exported */
	long long files;             /* files written, SHA256SUMS too */
	char root[SD_HASH_HEX_SIZE]; /* the database head they hold */
};

/*
 * Export every akt (open and closed) into o->dir as akt-N.json (and
 * akt-N.pdf), then heads.json (the chain of heads and both log chains
 * with their rows), ANCHOR (the head as socdok-anchor prints it) and
 * SHA256SUMS, inside the caller's transaction: every export is in the
 * access log, and the head written is the one the commit leaves.  Only
 * an admin or an arkivarie.  On failure every file written is removed
 * (and the directory, when this call made it).  Returns 0 or a sysexits
 * code with ctx->err set.
 */
int sd_export_all(struct sd_ctx *ctx, const struct sd_export_all_opts *o,
		  struct sd_export_all_result *res);

#endif
