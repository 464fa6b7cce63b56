/*
 * share.c - the directory of run-time data (schema, word lists, rules)
 * and the word lists read from it.
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socdok.h"

#ifndef SD_SHAREDIR
#define SD_SHAREDIR "/usr/local/share/socdok"
#endif

static int
is_dir_with(const char *dir, const char *entry)
{
	char p[4096];
	struct stat st;
	int n = snprintf(p, sizeof p, "%s/%s", dir, entry);

	/* A directory whose path does not fit is not the one we look for. */
	if (n < 0 || (size_t)n >= sizeof p)
		return 0;
	return stat(p, &st) == 0;
}

const char *
sd_sharedir(void)
{
	static char dir[4096];
	char exe[4096], cand[4096];
	/* Set-id, the schema a user wrote would run with the group. */
	const char *env = sd_priv_getenv("SOCDOK_SHARE");
	ssize_t n;

	if (dir[0])
		return dir;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *bindir = dirname(exe);
		snprintf(cand, sizeof cand, "%s/../share/socdok", bindir);
		if (is_dir_with(cand, "schema")) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
		snprintf(cand, sizeof cand, "%s/../share", bindir);
		if (is_dir_with(cand, "schema")) {
			snprintf(dir, sizeof dir, "%s", cand);
			return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", SD_SHAREDIR);
	return dir;
}

char *
sd_share_path(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", sd_sharedir(), name);
	return buf;
}

char **
sd_list_load(struct sd_ctx *ctx, const char *name)
{
	char path[4096];
	char *text, *line, *save = NULL;
	char **list = NULL;
	size_t n = 0;

	sd_share_path(name, path, sizeof path);
	if (!(text = sd_read_file(ctx, path, NULL))) {
		sd_fail(ctx, EX_CONFIG,
			_("cannot read '%s' of the share directory; set "
			  "SOCDOK_SHARE or reinstall socdok"),
			path);
		return NULL;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		size_t l = strlen(line);
		while (l > 0 && (line[l - 1] == ' ' || line[l - 1] == '\t' ||
				 line[l - 1] == '\r'))
			line[--l] = '\0';
		if (!l)
			continue;
		list = sd_xrealloc(list, (n + 2) * sizeof *list);
		list[n++] = sd_strdup(line);
	}
	free(text);
	if (!list)
		list = sd_xmalloc(sizeof *list);
	list[n] = NULL;
	return list;
}

void
sd_list_free(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

int
sd_list_has(char **list, const char *s)
{
	for (char **p = list; p && *p; p++)
		if (strcmp(*p, s) == 0)
			return 1;
	return 0;
}

char **
sd_kinds_load(struct sd_ctx *ctx, const char *flag)
{
	char **list = sd_list_load(ctx, "insatser.txt");
	size_t n = 0, fl = flag ? strlen(flag) : 0;

	for (char **p = list; p && *p; p++) {
		char *b = strchr(*p, '[');
		int keep = !flag;
		/* Every [...] group after the name holds flags. */
		for (char *g = b; g && fl && !keep; g = strchr(g, '[')) {
			char *e = strchr(g, ']');
			size_t end = e ? (size_t)(e - g) : strlen(g);
			for (size_t i = 1; i < end && !keep;) {
				size_t l = strcspn(g + i, " \t,]");
				if (l > end - i)
					l = end - i;
				keep = l == fl && strncmp(g + i, flag, fl) == 0;
				i += l + strspn(g + i + l, " \t,");
				if (!l)
					i++;
			}
			g = e ? e + 1 : g + end;
		}
		if (b) {
			while (b > *p && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			*b = '\0';
		}
		if (keep)
			list[n++] = *p;
		else
			free(*p);
	}
	if (list)
		list[n] = NULL;
	return list;
}

char *
sd_list_join(char **list, const char *sep, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (char **p = list; p && *p; p++) {
		int w = snprintf(buf + used, n - used, "%s%s",
				 p == list ? "" : sep, *p);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}
