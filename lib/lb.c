/*
 * lb.c - the levnadsberättelse (lb-new, lb-show, and its part of an
 * export).
 *
 * Seed 002: the individual planning results in two documents, the
 * genomförandeplan and the person's levnadsberättelse, whose purpose is
 * to know the person so as to support them well; the person decides
 * what to share, and a guide of questions helps the kontaktperson.  So
 * unlike a plan nothing is required: the template's headings and
 * questions are hints, removed with the headings left empty when a
 * version is stored.  Versions are rows of lb (0170) that are never
 * changed; each is a record of the akt's chain (trigger chain_lb_new,
 * kind lb in chain.c), and gallra purges or preserves them with the akt
 * (lb.akt_id references akt).
 */
#include <stdlib.h>
#include <string.h>

#include "export-int.h"
#include "gp.h"
#include "lb.h"
#include "share.h"

int
sd_lb_template(struct sd_ctx *ctx, const struct sd_akt *a, struct sd_buf *out)
{
	char path[4096], *tmpl, *p, *o;

	sd_share_path("lb-template.md", path, sizeof path);
	if (!(tmpl = sd_read_file(ctx, path, NULL)))
		return sd_fail(ctx, EX_CONFIG,
			       _("cannot read the template '%s'; set "
				 "SOCDOK_SHARE or reinstall"),
			       path);
	for (p = tmpl; (o = strstr(p, "{{namn}}")); p = o + 8) {
		sd_buf_add(out, p, (size_t)(o - p));
		sd_buf_puts(out, a->name);
	}
	sd_buf_puts(out, p);
	free(tmpl);
	return 0;
}

int
sd_lb_current_text(struct sd_ctx *ctx, long long akt, struct sd_buf *out)
{
	return sd_query_buf(ctx, out,
			    "SELECT body FROM lb WHERE akt_id = ? ORDER BY "
			    "version DESC LIMIT 1",
			    akt);
}

/* 1 when line (up to its end) holds nothing but spaces and tabs. */
static int
blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* 1 when the line is an ATX heading ("#", "##", ... and a space). */
static int
heading(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 6 && s[i] == '#')
		i++;
	return i > 0 && (i == n || s[i] == ' ' || s[i] == '\t');
}

/*
 * text without the headings that have nothing under them (up to the
 * next heading or the end), malloc'd; *content is 1 when any line but a
 * heading holds something.
 */
static char *
drop_empty_headings(const char *text, int *content)
{
	struct sd_buf out;
	const char *p = text;
	int fence = 0;

	*content = 0;
	sd_buf_init(&out);
	sd_buf_puts(&out, "");
	while (*p) {
		size_t n = strcspn(p, "\n");
		const char *next = p[n] ? p + n + 1 : p + n;
		if (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3))
			fence = !fence;
		if (!fence && heading(p, n)) {
			/* Look past the blank lines below it. */
			const char *q = next;
			while (*q) {
				size_t m = strcspn(q, "\n");
				if (!blank_line(q, m))
					break;
				q = q[m] ? q + m + 1 : q + m;
			}
			size_t m = strcspn(q, "\n");
			if (!*q || (heading(q, m) && strncmp(q, "```", 3))) {
				/* An empty section: keep a top heading
				 * only when something follows it. */
				if (p[0] == '#' && p[1] != '#' && *q) {
					sd_buf_add(&out, p, (size_t)(next - p));
					sd_buf_add(&out, next,
						   (size_t)(q - next));
				}
				p = q;
				continue;
			}
		} else if (!blank_line(p, n))
			*content = 1;
		sd_buf_add(&out, p, (size_t)(next - p));
		p = next;
	}
	return out.s;
}

/*
 * text without the blank lines at its start and end, ending in one line
 * feed (or empty), malloc'd.
 */
static char *
trim_blank_lines(const char *text)
{
	size_t start = 0, n = strlen(text), end;
	char *out;

	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n')
			start = i + 1;
		else if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			break;
	}
	end = n;
	while (end > start && (text[end - 1] == '\n' || text[end - 1] == ' ' ||
			       text[end - 1] == '\t' || text[end - 1] == '\r'))
		end--;
	out = sd_xmalloc(end - start + 2);
	memcpy(out, text + start, end - start);
	out[end - start] = '\0';
	if (end > start) {
		out[end - start] = '\n';
		out[end - start + 1] = '\0';
	}
	return out;
}

int
sd_lb_new(struct sd_ctx *ctx, const struct sd_lb_in *in, long long *id,
	  long long *version)
{
	struct sd_akt a;
	char ref[32], prev_date[SD_DATE_SIZE] = "", what[96];
	const char *date = in->date ? in->date : ctx->today_s;
	char *stripped, *dropped, *text;
	struct sd_buf prev;
	long long ver;
	sqlite3_stmt *st;
	int rc, content, same = 0;

	snprintf(ref, sizeof ref, "%lld", in->akt);
	if ((rc = sd_gp_akt_for_write(ctx, ref, &a)) ||
	    (rc = sd_gp_doc_date(ctx, &a, "--date", date)))
		return rc;
	if (!sd_utf8_valid(in->text, strlen(in->text)))
		return sd_fail(ctx, EX_DATAERR,
			       _("the levnadsberättelse is not valid UTF-8; "
				 "save it as UTF-8 and try again"));
	stripped = sd_gp_strip_hints(in->text);
	dropped = drop_empty_headings(stripped, &content);
	free(stripped);
	text = trim_blank_lines(dropped);
	free(dropped);
	if (!content) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("the levnadsberättelse is empty; nothing was "
				 "saved (write what the person wants to "
				 "tell under any heading)"));
	}
	sd_buf_init(&prev);
	if ((rc = sd_gp_doc_latest(ctx,
				   "SELECT version, lb_date, body FROM lb "
				   "WHERE akt_id = ? ORDER BY version DESC "
				   "LIMIT 1",
				   a.id, &ver, prev_date, &prev))) {
		free(text);
		sd_buf_free(&prev);
		return rc;
	}
	same = ver > 1 && strcmp(prev.s, text) == 0;
	sd_buf_free(&prev);
	if (same) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("version %lld of the levnadsberättelse of akt "
				 "%lld has this text already; nothing was "
				 "saved"),
			       ver - 1, a.id);
	}
	if (prev_date[0] && strcmp(date, prev_date) < 0) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is before the date of version %lld "
				 "(%s); a new version follows the one before"),
			       date, ver - 1, prev_date);
	}
	if (!(st = sd_prepare(ctx, "INSERT INTO lb(akt_id, version, lb_date, "
				   "body, written_at, author_login, "
				   "author_name, author_title, uid) "
				   "VALUES (?,?,?,?,?,?,?,?,?)"))) {
		free(text);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a.id);
	sqlite3_bind_int64(st, 2, ver);
	sd_bind_text(st, 3, date);
	sd_bind_text(st, 4, text);
	sd_actor_bind_author(ctx, st, 5);
	sqlite3_bind_int64(st, 9, ctx->uid);
	rc = sqlite3_step(st);
	sd_finalize(st);
	free(text);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot write the levnadsberättelse"));
	*id = sqlite3_last_insert_rowid(ctx->db);
	*version = ver;
	snprintf(what, sizeof what,
		 "wrote levnadsberättelse %lld (version %lld)", *id, ver);
	return sd_log_access(ctx, a.id, what);
}

/* The columns of a version as lb-show and the export read them. */
#define LB_SELECT                                                              \
	"SELECT l.id, l.version, l.lb_date, l.written_at, l.author_login, "    \
	"l.author_name, l.author_title, l.body, (SELECT max(version) FROM lb " \
	"x WHERE x.akt_id = l.akt_id), n.lb_date, n.version FROM lb l LEFT "   \
	"JOIN lb n ON n.akt_id = l.akt_id AND n.version = l.version + 1 "      \
	"WHERE l.akt_id = ?1 AND (?2 = 0 OR l.version = ?2) "

/* "label:" padded to the width of the longest label of the language. */
static void
label(FILE *f, const char *l)
{
	static const char *const all[] = {N_("akt:"), N_("version:"),
					  N_("date:"), N_("written:"),
					  N_("replaced:")};
	sd_table_label(f, all, sizeof all / sizeof *all, l);
}

static void
show_text(sqlite3_stmt *st, long long akt, FILE *f)
{
	char at[SD_LOCAL_SIZE];

	label(f, _("akt:"));
	fprintf(f, "%lld\n", akt);
	label(f, _("version:"));
	fprintf(f, _("%lld of %lld\n"), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 8));
	label(f, _("date:"));
	fprintf(f, "%s\n", sd_col(st, 2));
	label(f, _("written:"));
	fprintf(f, _("%s by %s (%s)\n"), sd_time_local(sd_col(st, 3), at),
		sd_col(st, 5), sd_col(st, 6));
	if (*sd_col(st, 9)) {
		label(f, _("replaced:"));
		fprintf(f, _("%s by version %lld\n"), sd_col(st, 9),
			sqlite3_column_int64(st, 10));
	}
	fputc('\n', f);
	fputs(sd_col(st, 7), f);
	if (*sd_col(st, 7) && sd_col(st, 7)[strlen(sd_col(st, 7)) - 1] != '\n')
		fputc('\n', f);
}

static int
show_json(struct sd_ctx *ctx, long long akt, int version, int all, FILE *f)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(
		      ctx, "SELECT CASE WHEN ?3 THEN json_group_array(json(o)) "
			   "ELSE max(o) END FROM (SELECT json_object('id', "
			   "id, 'akt', ?1, 'version', version, 'versions', "
			   "versions, 'date', d, 'written_at', "
			   "sd_rfc3339(w), 'author', json_object('login', "
			   "al, 'name', an, 'title', at), 'replaced', rd, "
			   "'replaced_by', rv, 'body', body) AS o FROM ("
			   "SELECT l.id, l.version, l.lb_date AS d, "
			   "l.written_at AS w, l.author_login AS al, "
			   "l.author_name AS an, l.author_title AS at, "
			   "l.body, (SELECT max(version) FROM lb x WHERE "
			   "x.akt_id = l.akt_id) AS versions, n.lb_date AS "
			   "rd, n.version AS rv FROM lb l LEFT JOIN lb n ON "
			   "n.akt_id = l.akt_id AND n.version = l.version + "
			   "1 WHERE l.akt_id = ?1 AND (?2 = 0 OR l.version "
			   "= ?2) ORDER BY l.version))")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_int(st, 3, all);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fputs(sd_col(st, 0), f);
		fputc('\n', f);
	}
	sd_finalize(st);
	return rc == SQLITE_ROW
		       ? 0
		       : sd_fail_db(ctx,
				    _("cannot read the levnadsberättelse"));
}

int
sd_lb_show(struct sd_ctx *ctx, const struct sd_akt *a,
	   const struct sd_lb_show_opts *o, FILE *f)
{
	char ak[32], what[96];
	long long n, latest;
	int version = o->version, rc;
	sqlite3_stmt *st;

	snprintf(ak, sizeof ak, "%lld", a->id);
	n = sd_query_int(ctx, "SELECT count(*) FROM lb WHERE akt_id = ?", ak,
			 SD_END);
	if (n <= 0)
		return sd_fail(ctx, EX_NOINPUT,
			       _("akt %lld has no levnadsberättelse yet; write "
				 "one with lb-new %lld"),
			       a->id, a->id);
	latest = sd_query_int(ctx,
			      "SELECT max(version) FROM lb WHERE akt_id = ?",
			      ak, SD_END);
	if (version > latest)
		return sd_fail(ctx, EX_NOINPUT,
			       _("akt %lld has no version %d of its "
				 "levnadsberättelse (it has %lld)"),
			       a->id, version, latest);
	if (!o->all && !version)
		version = (int)latest;
	if (o->all)
		snprintf(what, sizeof what,
			 "read levnadsberättelse (every version)");
	else
		snprintf(what, sizeof what,
			 "read levnadsberättelse (version %d)", version);
	if ((rc = sd_log_access(ctx, a->id, what)))
		return rc;
	if (o->fmt == SD_FMT_JSON)
		return show_json(ctx, a->id, o->all ? 0 : version, o->all, f);
	if (!(st = sd_prepare(ctx, LB_SELECT "ORDER BY l.version")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int(st, 2, o->all ? 0 : version);
	for (int first = 1; (rc = sqlite3_step(st)) == SQLITE_ROW; first = 0) {
		if (o->fmt == SD_FMT_MD && !o->all) {
			fputs(sd_col(st, 7), f);
			continue;
		}
		if (!first)
			fputc('\n', f);
		if (o->fmt == SD_FMT_MD) {
			fprintf(f, "<!-- version %lld, %s -->\n",
				sqlite3_column_int64(st, 1), sd_col(st, 2));
			fputs(sd_col(st, 7), f);
		} else
			show_text(st, a->id, f);
	}
	sd_finalize(st);
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx,
				    _("cannot read the levnadsberättelse"));
}

int
sd_lb_markdown(struct sd_ctx *ctx, long long akt, char **out)
{
	sqlite3_stmt *st;
	struct sd_buf b;
	char at[SD_LOCAL_SIZE];
	int rc;

	*out = NULL;
	if (!(st = sd_prepare(ctx, LB_SELECT "ORDER BY l.version")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_int(st, 2, 0);
	sd_buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*sd_col(st, 9))
			sd_buf_printf(&b,
				      "### Version %lld · %s · ersatt %s\n\n",
				      sqlite3_column_int64(st, 1),
				      sd_col(st, 2), sd_col(st, 9));
		else
			sd_buf_printf(
				&b, "### Version %lld · %s · gällande\n\n",
				sqlite3_column_int64(st, 1), sd_col(st, 2));
		sd_buf_printf(&b, "Skriven %s av **",
			      sd_time_local(sd_col(st, 3), at));
		sd_export_md_inline(&b, sd_col(st, 5));
		sd_buf_puts(&b, "**");
		sd_export_md_paren(&b, sd_col(st, 6));
		sd_buf_puts(&b, "\n\n");
		sd_export_md_fence(&b, "levnadsberättelse", sd_col(st, 7));
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		sd_buf_free(&b);
		return sd_fail_db(ctx, _("cannot read the levnadsberättelse"));
	}
	if (b.len)
		*out = b.s;
	else
		sd_buf_free(&b);
	return 0;
}
