/*
 * anchor.h - the anchor line of socdok-anchor: read from its file,
 * signed and checked with ssh-keygen (anchor.c).
 */
#ifndef SD_ANCHOR_H
#define SD_ANCHOR_H

#include "socdok.h"

/*
 * The last line of socdok-anchor in file (a file may collect one a day)
 * into line (n bytes), without its newline.
 */
int sd_anchor_read(struct sd_ctx *ctx, const char *file, char *line, size_t n);

/*
 * The same, and the armored SSH signature that follows the line in the
 * file (as socdok-anchor -k prints it) appended to sig (nothing when
 * the line is not signed).
 */
int sd_anchor_read_signed(struct sd_ctx *ctx, const char *file, char *line,
			  size_t n, struct sd_buf *sig);

/*
 * Check the signature sig of line against the allowed-signers file
 * allowed (ssh-keygen(1) ALLOWED SIGNERS: "principal key" a line):
 * *ok 1 and the principal whose key made it into principal (pn bytes),
 * or *ok 0 and why, one line, into what (a missing signature too).
 * Returns 0, or EX_UNAVAILABLE when ssh-keygen cannot be run (ctx->err).
 */
int sd_anchor_check_sig(struct sd_ctx *ctx, const char *line,
			const struct sd_buf *sig, const char *allowed,
			char *principal, size_t pn, int *ok, char what[512]);

/*
 * Sign line (and its newline) with the SSH private key file key, as
 * 'ssh-keygen -Y sign -n socdok-anchor' does, appending the armored
 * signature to sig (the caller's).
 */
int sd_anchor_sign(struct sd_ctx *ctx, const char *line, const char *key,
		   struct sd_buf *sig);

#endif
