/*
 * gallra-archive.c - the archive package of a preserved akt (seed 002:
 * urvalsbevarande): PDF/A and JSON with a package.json and a SHA256SUMS,
 * written, checked, and found again after a killed run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt.h"
#include "chain.h"
#include "export.h"
#include "file.h"
#include "gallra-int.h"
#include "gallra.h"
#include "gallralog.h"
#include "head.h"
#include "priv.h"
#include "unit.h"

/*
 * dir/name into path (n bytes), or fail naming the path when it does not
 * fit: a package is never written or checked under a cut-off name.
 */
static int
package_path(struct sd_ctx *ctx, char *path, size_t n, const char *dir,
	     const char *name)
{
	int len = snprintf(path, n, "%s/%s", dir, name);

	if (len < 0 || (size_t)len >= n)
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("the path '%s/%s' is too long (over %zu bytes); "
			  "choose a shorter --preserve-dir"),
			dir, name, n - 1);
	return 0;
}

/* The files of a package, written into dir; names into names[]. */
static int
export_files(struct sd_ctx *ctx, long long akt, const char *dir,
	     char names[][64], int *count)
{
	char path[4096 + 64];
	int rc;

	*count = 0;
	static const enum sd_export_fmt fmts[] = {SD_EXPORT_PDF,
						  SD_EXPORT_JSON};
	for (int i = 0; i < 2; i++) {
		/* PDF/A-2B when ghostscript is installed (seed 002:
		 * arkivbeständig). */
		/* Built outside the write: the purge's transaction logs it. */
		struct sd_export_opts o = {.unlogged = 1};
		if (fmts[i] == SD_EXPORT_PDF)
			o.pdfa = SD_PDFA_IF_AVAILABLE;
		sd_export_name(akt, fmts[i], names[i], 64);
		if ((rc = package_path(ctx, path, sizeof path, dir,
				       names[i])) ||
		    (rc = sd_export_file(ctx, akt, fmts[i], &o, path)))
			return rc;
		(*count)++;
	}
	return 0;
}

/*
 * Check a package against its manifest: every file listed is there with
 * its checksum, JSON files parse, PDF files start as PDF.
 */
int
verify_package(struct sd_ctx *ctx, const char *dir)
{
	char path[4096 + 64], hex[SD_HASH_HEX_SIZE], *man, *line, *save = NULL;
	int rc = 0, files = 0;

	if ((rc = package_path(ctx, path, sizeof path, dir, "SHA256SUMS")))
		return rc;
	if (!(man = sd_read_file(ctx, path, NULL)))
		return ctx->err.code;
	for (line = strtok_r(man, "\n", &save); line && !rc;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ') {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("package '%s': bad manifest line"), dir);
			break;
		}
		const char *name = line + 66;
		if ((rc = package_path(ctx, path, sizeof path, dir, name)) ||
		    (rc = sd_file_sha256(ctx, path, hex)))
			break;
		if (strncmp(hex, line, 64) != 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("package '%s': checksum of '%s' differs "
				       "from its manifest; nothing was purged"),
				     dir, name);
			break;
		}
		size_t l = strlen(name);
		if (l > 5 && strcmp(name + l - 5, ".json") == 0) {
			char *doc = sd_read_file(ctx, path, NULL);
			if (!doc)
				return free(man), ctx->err.code;
			long long ok = sd_query_int(ctx, "SELECT json_valid(?)",
						    doc, SD_END);
			free(doc);
			if (ok != 1)
				rc = sd_fail(
					ctx, EX_SOFTWARE,
					_("package '%s': '%s' is not valid "
					  "JSON"),
					dir, name);
		} else if (l > 4 && strcmp(name + l - 4, ".pdf") == 0) {
			FILE *f = fopen(path, "rb");
			char head[5] = "";
			if (!f || fread(head, 1, 5, f) != 5 ||
			    memcmp(head, "%PDF-", 5) != 0)
				rc = sd_fail(
					ctx, EX_SOFTWARE,
					_("package '%s': '%s' is not a PDF"),
					dir, name);
			if (f)
				fclose(f);
		}
		files++;
	}
	free(man);
	if (!rc && files < 3)
		rc = sd_fail(
			ctx, EX_SOFTWARE,
			ngettext("package '%s': the manifest lists %d file",
				 "package '%s': the manifest lists %d files",
				 files),
			dir, files);
	return rc;
}

/* The directory of an akt's archive package into dir (dn bytes). */
int
package_dir(struct sd_ctx *ctx, const struct sd_gallra_exec *o, long long akt,
	    char *dir, size_t dn)
{
	int len = snprintf(dir, dn, "%s/akt-%lld", o->preserve_dir, akt);
	if (len < 0 || (size_t)len >= dn)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("the --preserve-dir '%s' is too long for a "
				 "package directory; choose a shorter one"),
			       o->preserve_dir);
	return 0;
}

/*
 * Whether name (in a package directory) is what a killed run left of the
 * writing of one of the package's files: the atomic writer's NAME.tmp.X
 * (file.c) or ghostscript's intermediates NAME.in.X, NAME.def.X and
 * NAME.pdfa.X (export-pdfa.c), X six characters of mkstemp.
 */
static int
leftover(const char *name, char files[][64], int nfiles)
{
	static const char *const tags[] = {".tmp.", ".in.", ".def.", ".pdfa."};

	for (int i = 0; i < nfiles; i++) {
		size_t n = strlen(files[i]);
		if (strncmp(name, files[i], n) != 0)
			continue;
		for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
			size_t k = strlen(tags[t]);
			if (strncmp(name + n, tags[t], k) == 0 &&
			    strlen(name + n + k) == 6)
				return 1;
		}
	}
	return 0;
}

/*
 * Remove from dir the half-written files a run killed while it wrote the
 * package left (the package itself is written anew over what is there):
 * they hold the akt, and nothing would ever take them away.
 */
static void
leftovers_remove(const char *dir, char files[][64], int nfiles)
{
	char path[4096 + 64];
	struct dirent *d;
	struct stat sb;
	DIR *dp;

	sd_priv_user();
	if ((dp = opendir(dir))) {
		while ((d = readdir(dp)))
			if (leftover(d->d_name, files, nfiles) &&
			    snprintf(path, sizeof path, "%s/%s", dir,
				     d->d_name) < (int)sizeof path &&
			    lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
				unlink(path);
		closedir(dp);
	}
	sd_priv_restore();
}

/*
 * The package directory dir, made with the user's ids, must be a
 * directory of its own and each file of the package a regular file or
 * none: a symbolic link planted there (akt-38 -> elsewhere, or
 * akt-38/package.json -> elsewhere) would make gallra write outside the
 * archive, or into a device or FIFO it points at.
 */
static int
package_dir_make(struct sd_ctx *ctx, long long akt, const char *dir)
{
	static const char *const fixed[] = {"package.json", "SHA256SUMS",
					    "etikett.txt"};
	char name[5][64], path[4096 + 64];
	struct stat sb;
	int rc = 0, e = 0, bad;

	sd_priv_user();
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		e = errno;
	bad = !e && (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode));
	sd_priv_restore();
	if (e)
		return sd_fail(
			ctx, EX_CANTCREAT,
			_("cannot create the package directory '%s': %s"), dir,
			strerror(e));
	if (bad)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("the package directory '%s' is a symbolic "
				 "link or not a directory; remove it (nothing "
				 "was purged)"),
			       dir);
	for (int i = 0; i < 5 && !rc; i++) {
		if (i < 2)
			sd_export_name(akt, i ? SD_EXPORT_JSON : SD_EXPORT_PDF,
				       name[i], sizeof name[i]);
		else
			snprintf(name[i], sizeof name[i], "%s", fixed[i - 2]);
		if ((rc = package_path(ctx, path, sizeof path, dir, name[i])))
			break;
		sd_priv_user();
		bad = lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
		sd_priv_restore();
		if (bad)
			rc = sd_fail(ctx, EX_CANTCREAT,
				     _("'%s' in the archive is a symbolic link "
				       "or not a regular file; remove it "
				       "(nothing was purged)"),
				     path);
	}
	if (!rc)
		leftovers_remove(dir, name, 5);
	return rc;
}

/*
 * The label of the package (seed 002, Handbok för verkställighet: what
 * the fascikelomslag of a preserved akt says): kommun, nämnd or
 * provider, unit, "Personakter, födda dag 5, 15, 25" (or why the akt is
 * kept), the avställningsår (the year the akt was closed), personnummer
 * (ÅÅÅÅ-MM-DD-NNNN) and name, one per line, into b.  A protected
 * identity (akt-protect, issue 19): the box is seen by more than the
 * people working with the person, so the label begins with
 * LABEL_SECRET and names no one: "Personnummer: -" and the person as
 * every list shows them, in Swedish as the rest of the label.
 */
#define LABEL_SECRET                                                           \
	"Sekretessmarkering: skyddade personuppgifter, lämnas inte ut utan "  \
	"sekretessprövning"

static int
label(struct sd_ctx *ctx, const struct sd_gallra_item *it, struct sd_buf *b)
{
	char akt[32], kommun[128], namnd[128], provider[16];
	sqlite3_stmt *st;
	int rc;

	if (sd_setting_get(ctx, "kommun", kommun, sizeof kommun))
		kommun[0] = '\0';
	if (sd_setting_get(ctx, "namnd", namnd, sizeof namnd))
		namnd[0] = '\0';
	if (sd_setting_get(ctx, "provider", provider, sizeof provider))
		provider[0] = '\0';
	snprintf(akt, sizeof akt, "%lld", it->akt);
	if (!(st = sd_prepare(ctx, "SELECT p.pnr, p.name, u.name, "
				   "substr(a.closed, 1, 4) FROM akt a "
				   "JOIN person p ON p.id = a.person_id "
				   "JOIN unit u ON u.id = a.unit_id "
				   "WHERE a.id = CAST(? AS INTEGER)")))
		return ctx->err.code;
	sd_bind_text(st, 1, akt);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *pnr = sd_col(st, 0);
		if (it->protected)
			sd_buf_puts(b, LABEL_SECRET "\n");
		sd_buf_printf(b, "%s\n", *kommun ? kommun : "-");
		sd_buf_printf(b, "%s\n",
			      *namnd ? namnd
			      : strcmp(provider, "enskild") == 0
				      ? "Enskild utförare"
				      : "Kommunal utförare");
		sd_buf_printf(b, "%s\n", sd_col(st, 2));
		if (it->birth_day == 5 || it->birth_day == 15 ||
		    it->birth_day == 25)
			sd_buf_printf(b, "Personakter, födda dag 5, 15, 25\n");
		else
			sd_buf_printf(b, "Personakter, bevarade: %s\n",
				      it->reason);
		sd_buf_printf(b, "Avställd år: %s\n", sd_col(st, 3));
		if (it->protected)
			sd_buf_printf(
				b,
				"Personnummer: -\nNamn: Skyddad identitet "
				"(akt %lld)\n",
				it->akt);
		else {
			sd_buf_printf(b, "Personnummer: %.4s-%.2s-%.2s-%s\n",
				      pnr, pnr + 4, pnr + 6, pnr + 8);
			sd_buf_printf(b, "Namn: %s\n", sd_col(st, 1));
		}
		if (it->handover)
			sd_buf_printf(b, "Överlämnad till: %s\n",
				      *namnd ? namnd : "arkivet");
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx,
				    _("cannot read the akt for its label"));
}

/*
 * Write, checksum and verify the archive package of one akt.  A package
 * left by a run that was killed before its transaction committed is
 * replaced file by file (each written beside and renamed into place).
 */
int
write_package(struct sd_ctx *ctx, const struct sd_gallra_exec *o,
	      const struct sd_gallra_item *it, char *dir, size_t dn)
{
	char names[5][64], path[4096 + 64];
	struct sd_buf meta;
	int count, rc;

	if ((rc = package_dir(ctx, o, it->akt, dir, dn)) ||
	    (rc = package_dir_make(ctx, it->akt, dir)))
		return rc;
	if ((rc = export_files(ctx, it->akt, dir, names, &count)))
		return rc;
	/* The package's own description, as JSON from SQLite. */
	sd_buf_init(&meta);
	{
		char akt[32], bd[8];
		snprintf(akt, sizeof akt, "%lld", it->akt);
		snprintf(bd, sizeof bd, "%d", it->birth_day);
		char *doc = NULL;
		sqlite3_stmt *st = sd_prepare(
			ctx,
			"SELECT json_object('akt', CAST(?1 AS INTEGER), "
			"'gallringsbeslut', ?2, 'preserved', ?3, 'reason', ?4, "
			"'last_note', ?5, 'obligation', ?6, 'born_day', "
			"nullif(CAST(?7 AS INTEGER), 0), 'socdok', ?8, "
			"'overlamnad_till', CASE WHEN ?9 THEN coalesce(("
			"SELECT value FROM setting WHERE key = 'namnd'), "
			"'arkivet') END, 'avstalld_ar', (SELECT "
			"CAST(substr(closed, 1, 4) AS INTEGER) FROM akt "
			"WHERE id = CAST(?1 AS INTEGER)))");
		if (!st) {
			sd_buf_free(&meta);
			return ctx->err.code;
		}
		sd_bind_text(st, 1, akt);
		sd_bind_text(st, 2, o->decision);
		sd_bind_text(st, 3, ctx->today_s);
		sd_bind_text(st, 4, it->reason);
		sd_bind_text(st, 5, it->last);
		sd_bind_text(st, 6, it->obligation);
		sd_bind_text(st, 7, bd);
		sd_bind_text(st, 8, SD_VERSION);
		sqlite3_bind_int(st, 9, it->handover);
		if (sqlite3_step(st) == SQLITE_ROW)
			doc = sd_strdup(sd_col(st, 0));
		sd_finalize(st);
		if (!doc) {
			sd_buf_free(&meta);
			return sd_fail_db(ctx,
					  _("cannot describe the package"));
		}
		sd_buf_printf(&meta, "%s\n", doc);
		free(doc);
	}
	snprintf(names[count], 64, "package.json");
	if (!(rc = package_path(ctx, path, sizeof path, dir, names[count])))
		rc = sd_file_write_all(ctx, path, meta.s, meta.len);
	sd_buf_free(&meta);
	if (rc)
		return rc;
	count++;
	/* The label, as seed 002 asks it on the fascikelomslag. */
	sd_buf_init(&meta);
	snprintf(names[count], 64, "etikett.txt");
	if (!(rc = label(ctx, it, &meta)) &&
	    !(rc = package_path(ctx, path, sizeof path, dir, names[count])))
		rc = sd_file_write_all(ctx, path, meta.s, meta.len);
	sd_buf_free(&meta);
	if (rc)
		return rc;
	count++;
	/* The manifest in sha256sum(1) format, so `sha256sum -c` checks it. */
	const char *list[5];
	for (int i = 0; i < count; i++)
		list[i] = names[i];
	rc = sd_file_sums(ctx, dir, list, (size_t)count);
	return rc ? rc : verify_package(ctx, dir);
}

/* ------------------------------------------------ the list of the boxes */

struct entry {
	char year[8], pnr[32], name[256], unit[256], dir[64];
};

static int
by_year_pnr(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->year, b->year);
	return c                              ? c
	       : (c = strcmp(a->pnr, b->pnr)) ? c
					      : strcmp(a->dir, b->dir);
}

/* The value of "Key: value" in a label's text, into out. */
static void
label_value(const char *text, const char *key, char *out, size_t n)
{
	size_t k = strlen(key);
	out[0] = '\0';
	for (const char *l = text; l && *l;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, key, k) == 0) {
			const char *e = strchr(l + k, '\n');
			snprintf(out, n, "%.*s",
				 (int)(e ? e - (l + k)
					 : (ptrdiff_t)strlen(l + k)),
				 l + k);
			return;
		}
}

/*
 * The list of the packages in dir, forteckning.txt: by avställningsår,
 * then personnummer (Handbok för verkställighet: the akter "sorteras i
 * personnummerordning och läggs ner i arkivkartong per avställningsår",
 * the box marked with the year and the first and last year of birth),
 * read from each package's label; written anew after each run.
 */
int
write_index(struct sd_ctx *ctx, const char *dir)
{
	struct entry *v = NULL;
	size_t nv = 0;
	struct dirent *d;
	struct sd_buf b;
	char path[4096 + 64];
	DIR *dp;
	int rc = 0;

	sd_priv_user();
	dp = opendir(dir);
	sd_priv_restore();
	if (!dp)
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot read the archive directory '%s': %s"),
			       dir, strerror(errno));
	while ((d = readdir(dp))) {
		char *text;
		struct entry e;
		size_t len;
		if (strncmp(d->d_name, "akt-", 4) != 0 ||
		    strlen(d->d_name) >= sizeof e.dir)
			continue;
		if (package_path(ctx, path, sizeof path, dir, d->d_name) ||
		    strlen(path) + sizeof "/etikett.txt" > sizeof path)
			continue;
		strcat(path, "/etikett.txt");
		sd_priv_user();
		text = sd_read_file(ctx, path, &len);
		sd_priv_restore();
		if (!text) { /* a package from before labels: not listed */
			sd_err_clear(ctx);
			continue;
		}
		memset(&e, 0, sizeof e);
		snprintf(e.dir, sizeof e.dir, "%.*s", (int)sizeof e.dir - 1,
			 d->d_name);
		label_value(text, "Avställd år: ", e.year, sizeof e.year);
		label_value(text, "Personnummer: ", e.pnr, sizeof e.pnr);
		label_value(text, "Namn: ", e.name, sizeof e.name);
		/* the unit is the label's third line, after the
		 * Sekretessmarkering of a protected identity */
		const char *l = text;
		if (strncmp(l, LABEL_SECRET, strlen(LABEL_SECRET)) == 0)
			l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL;
		for (int i = 0; i < 2 && l; i++)
			l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL;
		if (l)
			snprintf(e.unit, sizeof e.unit, "%.*s",
				 (int)strcspn(l, "\n"), l);
		free(text);
		v = sd_xrealloc(v, (nv + 1) * sizeof *v);
		v[nv++] = e;
	}
	closedir(dp);
	sd_sort(v, nv, sizeof *v, by_year_pnr);
	sd_buf_init(&b);
	sd_buf_puts(&b,
		    "# Arkivpaket per avställningsår, i personnummerordning "
		    "(Handbok för verkställighet: en arkivkartong per "
		    "avställningsår)\n");
	for (size_t i = 0, j; i < nv; i = j) {
		/* The years of birth on the box: of the known personnummer
		 * ("-", a protected identity's, sorts first). */
		size_t k0 = i;
		for (j = i; j < nv && strcmp(v[j].year, v[i].year) == 0; j++)
			if (strcmp(v[j].pnr, "-") == 0)
				k0 = j + 1;
		if (k0 < j)
			sd_buf_printf(&b, "\nAvställda %s, födda %.4s - %.4s\n",
				      v[i].year, v[k0].pnr, v[j - 1].pnr);
		else
			sd_buf_printf(&b, "\nAvställda %s\n", v[i].year);
		for (size_t k = i; k < j; k++)
			sd_buf_printf(&b, "%s\t%s\t%s\t%s\n", v[k].pnr,
				      v[k].name, v[k].unit, v[k].dir);
	}
	free(v);
	if (!(rc = package_path(ctx, path, sizeof path, dir,
				"forteckning.txt")))
		rc = sd_file_write_all(ctx, path, b.s, b.len);
	sd_buf_free(&b);
	return rc;
}
