/*
 * share.h - the share directory of run-time data and its word lists.
 */
#ifndef SD_SHARE_H
#define SD_SHARE_H

#include "socdok.h"

/*
 * The directory of run-time data: SOCDOK_SHARE, else ../share/socdok or
 * ../share beside the running program, else the compiled-in SD_SHAREDIR.
 */
const char *sd_sharedir(void);
/* Path of a file under the share dir, into buf. */
char *sd_share_path(const char *name, char *buf, size_t n);
/*
 * Read a word list from the share dir: one entry per line, '#' starts a
 * comment, blank lines skipped.  Returns a NULL-terminated malloc'd array
 * (free with sd_list_free) or NULL with ctx->err set.
 */
char **sd_list_load(struct sd_ctx *ctx, const char *name);
void sd_list_free(char **list);
int sd_list_has(char **list, const char *s);
/*
 * The insats kinds of share/insatser.txt, each line's name without its
 * flags ("name [flag flag]"); with flag non-NULL only the kinds that carry
 * it (e.g. "ivo-undantag").  As sd_list_load: free with sd_list_free.
 */
char **sd_kinds_load(struct sd_ctx *ctx, const char *flag);
/* Join a list with sep into buf (truncating). */
char *sd_list_join(char **list, const char *sep, char *buf, size_t n);

#endif
