/*
 * journal-show.c - showing a journal: each note with its rättelser, as
 * wrapped text, Markdown, TSV, CSV or JSON (sd_journal_show).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "journal.h"

/* A note as journal-show prints it. */
struct shown {
	long long id, seq;
	char *event_date, *written_at, *author_name, *author_title;
	char *behalf_name, *behalf_title, *category, *body, *corrects;
	char *corrected_by; /* "A:S A:T" */
};

static void
shown_free(struct shown *n)
{
	free(n->event_date);
	free(n->written_at);
	free(n->author_name);
	free(n->author_title);
	free(n->behalf_name);
	free(n->behalf_title);
	free(n->category);
	free(n->body);
	free(n->corrects);
	free(n->corrected_by);
}

#define SHOWN_SELECT                                                           \
	"SELECT n.id, n.seq, n.event_date, n.written_at, n.author_name, "      \
	"n.author_title, n.behalf_name, n.behalf_title, n.category, n.body, "  \
	"c.seq, (SELECT group_concat(r.seq, ' ') FROM (SELECT seq FROM note "  \
	"WHERE corrects = n.id ORDER BY seq) r) FROM note n "                  \
	"LEFT JOIN note c ON c.id = n.corrects "

static void
shown_load(sqlite3_stmt *st, long long akt, struct shown *n)
{
	char buf[64];

	n->id = sqlite3_column_int64(st, 0);
	n->seq = sqlite3_column_int64(st, 1);
	n->event_date = sd_strdup(sd_col(st, 2));
	n->written_at = sd_strdup(sd_col(st, 3));
	n->author_name = sd_strdup(sd_col(st, 4));
	n->author_title = sd_strdup(sd_col(st, 5));
	n->behalf_name = sd_strdup(sd_col(st, 6));
	n->behalf_title = sd_strdup(sd_col(st, 7));
	n->category = sd_strdup(sd_col(st, 8));
	n->body = sd_strdup(sd_col(st, 9));
	n->corrects = NULL;
	if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
		snprintf(buf, sizeof buf, "%lld:%lld", akt,
			 sqlite3_column_int64(st, 10));
		n->corrects = sd_strdup(buf);
	}
	n->corrected_by = NULL;
	if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
		/* "2 5" -> "42:2 42:5" */
		struct sd_buf b;
		const char *p = sd_col(st, 11);
		sd_buf_init(&b);
		while (*p) {
			size_t l = strcspn(p, " ");
			sd_buf_printf(&b, "%s%lld:%.*s", b.len ? " " : "", akt,
				      (int)l, p);
			p += l + (p[l] == ' ');
		}
		n->corrected_by = b.s;
	}
}

/*
 * Write word for a terminal: a control character (ESC, BEL, CR, C1) or a
 * bidirectional override that an older note may hold is shown as \xHH
 * or <U+HHHH>, so a note cannot clear the screen or hide a line.  The
 * characters shown as they are go out in runs, one fwrite each.
 */
static void
put_safe(FILE *f, const char *word)
{
	const unsigned char *p = (const unsigned char *)word, *run = p;
	size_t n = strlen(word);
	uint32_t cp;

	while (n) {
		int l;
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			n--;
			continue;
		}
		l = sd_utf8_decode(p, n, &cp);
		if (l != 0 && !((cp < 0x20 && cp != '\t') || cp == 0x7f) &&
		    !((cp >= 0x80 && cp < 0xa0) ||
		      (cp >= 0x202a && cp <= 0x202e) ||
		      (cp >= 0x2066 && cp <= 0x2069))) {
			p += l;
			n -= (size_t)l;
			continue;
		}
		fwrite(run, 1, (size_t)(p - run), f);
		if (l == 0)
			fprintf(f, "\\x%02x", *p), l = 1;
		else if (cp < 0x80)
			fprintf(f, "\\x%02x", (unsigned)cp);
		else
			fprintf(f, "<U+%04X>", (unsigned)cp);
		p += l;
		n -= (size_t)l;
		run = p;
	}
	fwrite(run, 1, (size_t)(p - run), f);
}

/* n spaces (an indent, the spaces before a word). */
static void
spaces(FILE *f, int n)
{
	static const char sp[] = "                                ";

	for (; n > 0; n -= (int)sizeof sp - 1)
		fwrite(sp, 1,
		       n < (int)sizeof sp - 1 ? (size_t)n : sizeof sp - 1, f);
}

/* Write text indented and wrapped at width columns, line by line. */
static void
wrap(FILE *f, const char *text, int indent, int width)
{
	const char *p = text;
	char small[512];

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = len < sizeof small ? small : sd_xmalloc(len + 1);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		/* Continuation lines keep the line's own indent and list mark.
		 */
		size_t lead = strspn(line, " \t");
		if ((line[lead] == '-' || line[lead] == '*' ||
		     line[lead] == '+') &&
		    line[lead + 1] == ' ')
			lead += 2;
		int col = 0, hang = indent + (int)lead;
		const char *w = line;
		spaces(f, indent);
		col = indent;
		if (lead) {
			fwrite(line, 1, lead, f);
			col += (int)lead;
			w = line + lead;
		}
		int first = 1;
		while (*w) {
			size_t sp = strspn(w, " ");
			size_t wl = strcspn(w + sp, " ");
			char *word = (char *)w + sp;
			if (!wl) /* trailing spaces: the text is shown, not kept
				  */
				break;
			char save = word[wl];
			word[wl] = '\0';
			int ww = sd_utf8_width(word), pad = (int)sp;
			if (!first && col + pad + ww > width) {
				fputc('\n', f);
				spaces(f, hang);
				col = hang;
				pad = 0;
			}
			spaces(f, pad);
			put_safe(f, word);
			col += pad + ww;
			word[wl] = save;
			w = word + wl;
			first = 0;
		}
		fputc('\n', f);
		if (line != small)
			free(line);
	}
}

static void
show_text_note(FILE *f, const struct shown *n, long long akt, int width)
{
	struct sd_buf b;

	char at[SD_LOCAL_SIZE];

	fprintf(f, "%lld:%lld  %s  %s", akt, n->seq, n->event_date,
		n->category);
	if (n->corrects)
		/* TRANSLATORS: "rättelse of 42:3", the note corrected */
		fprintf(f, _(" of %s"), n->corrects);
	fputc('\n', f);
	sd_buf_init(&b);
	/* TRANSLATORS: when (Swedish local time), author's name, title */
	sd_buf_printf(&b, _("written %s by %s (%s)"),
		      sd_time_local(n->written_at, at), n->author_name,
		      n->author_title);
	if (n->behalf_name[0])
		sd_buf_printf(&b, _("\non behalf of %s (%s)"), n->behalf_name,
			      n->behalf_title);
	wrap(f, b.s, 5, width);
	sd_buf_free(&b);
	fputc('\n', f);
	wrap(f, n->body, 5, width);
}

static int
load_corrections(struct sd_ctx *ctx, long long akt, long long id,
		 struct shown **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = sd_prepare(ctx, SHOWN_SELECT "WHERE n.corrects = ? "
						"ORDER BY n.seq")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
		shown_load(st, akt, &(*out)[(*n)++]);
	}
	sd_finalize(st);
	return rc == SQLITE_DONE
		       ? 0
		       : sd_fail_db(ctx, _("cannot read the journal"));
}

/* Markdown: a quoted block, every line prefixed. */
static void
md_quote(FILE *f, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t l = strcspn(p, "\n");
		fprintf(f, l ? "> %.*s\n" : ">%.*s\n", (int)l, p);
		p += l + (p[l] == '\n');
	}
}

static int
show_one(struct sd_ctx *ctx, const struct sd_akt *a, const struct shown *n,
	 enum sd_format fmt, int width, FILE *f, struct sd_table *t)
{
	struct shown *corr;
	size_t nc;
	char ref[64], at[SD_RFC3339_SIZE];
	int rc;

	snprintf(ref, sizeof ref, "%lld:%lld", a->id, n->seq);
	if (fmt != SD_FMT_TEXT && fmt != SD_FMT_MD) {
		/* JSON: RFC 3339 with the offset of Swedish time; TSV and
		 * CSV keep the stored UTC form, which scripts compare. */
		const char *row[] = {
			ref,
			n->event_date,
			fmt == SD_FMT_JSON ? sd_time_rfc3339(n->written_at, at)
					   : n->written_at,
			n->author_name,
			n->author_title,
			n->behalf_name[0] ? n->behalf_name : NULL,
			n->behalf_name[0] ? n->behalf_title : NULL,
			n->category,
			n->corrects,
			n->corrected_by,
			n->body};
		sd_table_add(t, row);
		return 0;
	}
	/* (a note no other corrects, most of them, needs no query) */
	corr = NULL;
	nc = 0;
	if (n->corrected_by &&
	    (rc = load_corrections(ctx, a->id, n->id, &corr, &nc)))
		return rc;
	if (fmt == SD_FMT_TEXT) {
		show_text_note(f, n, a->id, width);
		for (size_t i = 0; i < nc; i++) {
			struct sd_buf h;
			sd_buf_init(&h);
			sd_buf_printf(&h,
				      sd_note_is_objection(corr[i].category)
					      ? _("the person's objection "
						  "%lld:%lld (%s, recorded by "
						  "%s, %s):")
					      : _("rättelse %lld:%lld (%s, %s, "
						  "%s):"),
				      a->id, corr[i].seq, corr[i].event_date,
				      corr[i].author_name,
				      corr[i].author_title);
			fputc('\n', f);
			wrap(f, h.s, 5, width);
			sd_buf_free(&h);
			wrap(f, corr[i].body, 7, width);
		}
		fputc('\n', f);
	} else {
		fprintf(f, "## %s · %s · %s", ref, n->event_date, n->category);
		if (n->corrects)
			fprintf(f, _(" of %s"), n->corrects);
		fprintf(f, _("\n\n*Written %s by %s, %s"),
			sd_time_local(n->written_at, at), n->author_name,
			n->author_title);
		if (n->behalf_name[0])
			fprintf(f, _(", on behalf of %s, %s"), n->behalf_name,
				n->behalf_title);
		fprintf(f, ".*\n\n%s", n->body);
		if (!*n->body || n->body[strlen(n->body) - 1] != '\n')
			fputc('\n', f);
		for (size_t i = 0; i < nc; i++) {
			fprintf(f,
				sd_note_is_objection(corr[i].category)
					? _("\n> **The person's objection "
					    "%lld:%lld** (%s, recorded by %s, "
					    "%s):\n>\n")
					: _("\n> **Rättelse %lld:%lld** (%s, "
					    "%s, %s):\n>\n"),
				a->id, corr[i].seq, corr[i].event_date,
				corr[i].author_name, corr[i].author_title);
			md_quote(f, corr[i].body);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < nc; i++)
		shown_free(&corr[i]);
	free(corr);
	return 0;
}

int
sd_journal_show(struct sd_ctx *ctx, const struct sd_akt *a,
		const struct sd_journal_filter *flt, enum sd_format fmt,
		int width, FILE *f)
{
	static const char *cols[] = {
		N_("note"),         N_("event_date"), N_("written_at"),
		N_("author"),       N_("title"),      N_("on_behalf_of"),
		N_("behalf_title"), N_("category"),   N_("corrects"),
		N_("corrected_by"), N_("text")};
	static const int flags[11] = {0};
	struct sd_table *t = NULL;
	sqlite3_stmt *st;
	char what[128];
	const char *category = flt->category;
	int rc, day, count = 0;

	if (flt->since && (rc = sd_date_opt(ctx, "--since", flt->since, &day)))
		return rc;
	if (flt->until && (rc = sd_date_opt(ctx, "--until", flt->until, &day)))
		return rc;
	if (flt->category && (rc = sd_journal_category(ctx, &category)))
		return rc;
	if (!(st = sd_prepare(ctx, SHOWN_SELECT
			      "WHERE n.akt_id = ?1 AND (?2 IS NULL OR "
			      "n.event_date >= ?2) AND (?3 IS NULL OR "
			      "n.event_date <= ?3) AND (?4 IS NULL OR "
			      "n.category = ?4) ORDER BY n.event_date, n.seq")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a->id);
	sd_bind_text(st, 2, flt->since);
	sd_bind_text(st, 3, flt->until);
	sd_bind_text(st, 4, category);
	if (fmt != SD_FMT_TEXT && fmt != SD_FMT_MD)
		t = sd_table_new(11, cols, flags);
	if (fmt == SD_FMT_MD)
		fprintf(f, _("# Journal, akt %lld: %s\n\n"), a->id, a->name);
	rc = 0;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct shown n;
		shown_load(st, a->id, &n);
		rc = show_one(ctx, a, &n, fmt, width, f, t);
		shown_free(&n);
		count++;
	}
	if (!rc && sqlite3_errcode(ctx->db) != SQLITE_DONE &&
	    sqlite3_errcode(ctx->db) != SQLITE_OK &&
	    sqlite3_errcode(ctx->db) != SQLITE_ROW)
		rc = sd_fail_db(ctx, _("cannot read the journal"));
	sd_finalize(st);
	if (!rc && t)
		rc = sd_table_print(ctx, t, f, fmt);
	sd_table_free(t);
	if (rc)
		return rc;
	snprintf(what, sizeof what, "read journal (%d note%s)", count,
		 count == 1 ? "" : "s");
	return sd_log_access(ctx, a->id, what);
}
