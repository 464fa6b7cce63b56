/*
 * lagrum.c - citations of the law behind each rule (lagrum.h), read from
 * share/lagrum.tsv (columns rule, regime, lag, ny, tidigare, rutin; '-'
 * for none).  A number not checked against the SFS text is written
 * "ej verifierat" there, and printed as it stands.
 */
#include <string.h>

#include "lagrum.h"

/* Split a TSV line in place into at most max fields; the count. */
static int
fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		if (!(line = strchr(line, '\t')))
			break;
		*line++ = '\0';
	}
	return n;
}

static int
none(const char *s)
{
	return !s || !*s || !strcmp(s, "-");
}

int
sd_lagrum_cite(struct sd_ctx *ctx, const char *rule, const char *regime,
	       char *buf, size_t n)
{
	char **list = sd_list_load(ctx, "lagrum.tsv");

	if (!list)
		return ctx->err.code;
	buf[0] = '\0';
	for (char **p = list; *p; p++) {
		char *f[6];
		if (fields(*p, f, 6) < 6 || strcmp(f[0], rule) ||
		    (strcmp(f[1], "*") && (!regime || strcmp(f[1], regime))))
			continue;
		if (none(f[2]))
			snprintf(buf, n, "%s", none(f[5]) ? "" : f[5]);
		else if (none(f[4]))
			snprintf(buf, n, "%s %s", f[2], none(f[3]) ? "" : f[3]);
		else
			snprintf(buf, n, "%s %s (tidigare %s)", f[2],
				 none(f[3]) ? "" : f[3], f[4]);
		break;
	}
	sd_list_free(list);
	return 0;
}
