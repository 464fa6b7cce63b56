/*
 * gp.c - genomförandeplaner.
 *
 * A plan is Markdown written from share/gp-template.md, with the headings
 * of seed 004's document overview.  It is parsed with cmark and checked
 * before it is stored; every version is kept (seed 001), a newer one
 * replaces it from its plan date, and signatures and follow-ups are dated
 * events beside it, never changes to it.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "gp.h"
#include "journal.h"

/* ------------------------------------------------------------- text help */

/*
 * Fold s to lower case into a malloc'd copy: ASCII and the Latin-1 capitals
 * (Å Ä Ö É Ü ...), enough to match Swedish headings and labels.
 */
static char *
fold(const char *s, size_t n)
{
	char *out = sd_xmalloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xc3 && i + 1 < n) {
			unsigned char d = (unsigned char)s[i + 1];
			out[i++] = (char)c;
			if (d >= 0x80 && d <= 0x9e && d != 0x97)
				d = (unsigned char)(d + 0x20);
			c = d;
		}
		out[i] = (char)c;
	}
	out[n] = '\0';
	return out;
}

/* Trim spaces, tabs and trailing colons in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == ':' ||
		     s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * The text of a node and its descendants, a line per paragraph, heading
 * or line break, with emphasis and links reduced to their words.
 */
static void
node_text(cmark_node *node, struct sd_buf *b)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (ev == CMARK_EVENT_ENTER &&
			    (lit = cmark_node_get_literal(n)))
				sd_buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sd_buf_puts(b, "\n");
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT)
				sd_buf_puts(b, "\n");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!b->s)
		sd_buf_puts(b, "");
}

/* The heading's text, trimmed, malloc'd. */
static char *
heading_text(cmark_node *h)
{
	struct sd_buf b;
	char *t;

	sd_buf_init(&b);
	node_text(h, &b);
	for (char *p = b.s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	t = sd_strdup(trim(b.s));
	sd_buf_free(&b);
	return t;
}

/*
 * When line starts with one of the labels (folded, followed by anything
 * but a letter, then ':'), return its index and set *value to what follows
 * the colon; else -1.
 */
static int
label(const char *line, const char *const *labels, const char **value)
{
	char *f;
	int found = -1;

	while (*line == ' ' || *line == '\t' || *line == '-' || *line == '*')
		line++;
	f = fold(line, strlen(line));
	for (int i = 0; labels[i]; i++) {
		size_t n = strlen(labels[i]);
		const char *colon;
		if (strncmp(f, labels[i], n) != 0)
			continue;
		if ((f[n] >= 'a' && f[n] <= 'z') || (unsigned char)f[n] >= 0x80)
			continue;
		if (!(colon = strchr(line + n, ':')))
			continue;
		/* Only a short aside between the label and its colon. */
		if (colon - (line + n) > 30)
			continue;
		*value = colon + 1;
		found = i;
		break;
	}
	free(f);
	return found;
}

/* ------------------------------------------------------------ the check */

static void
problem(struct sd_gp_check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct sd_gp_check *c, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->problems = sd_xrealloc(c->problems, (c->n + 2) * sizeof *c->problems);
	c->problems[c->n++] = sd_strdup(buf);
	c->problems[c->n] = NULL;
}

void
sd_gp_check_free(struct sd_gp_check *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->problems[i]);
	free(c->problems);
	memset(c, 0, sizeof *c);
}

/* Words that say the person took part, or declined (seed 004), folded. */
static const char *const took_part_words[] = {
    "delaktig", "deltog", "deltagit", "medverka", "var med", NULL};
static const char *const declined_words[] = {
    "avböj", "tackade nej", "tackat nej", "vill inte delta",
    "ville inte delta", "inte vill delta", "inte ville delta",
    "vill inte vara delaktig", "ville inte vara delaktig", NULL};

static int
has_word(const char *folded, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strstr(folded, words[i]))
			return 1;
	return 0;
}

/* Planens framtagande: how the person took part, or that they declined. */
static void
check_participation(const char *text, struct sd_gp_check *c)
{
	static const char *const labels[] = {"delaktighet", "avböjt",
					     "avböjer", NULL};
	char *copy = sd_strdup(text), *save = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *v = NULL, *scan = line;
		int l = label(line, labels, &v);
		char *f;
		if (l >= 0) {
			scan = v;
			if (!sd_blank(v)) {
				if (l == 0)
					c->took_part = 1;
				else
					c->declined = 1;
			}
		}
		f = fold(scan, strlen(scan));
		if (has_word(f, declined_words))
			c->declined = 1;
		else if (has_word(f, took_part_words))
			c->took_part = 1;
		free(f);
	}
	free(copy);
}

/* A delmål: its lines must give vad, när, hur and vem (seed 002). */
static void
check_delmal(const char *title, const char *text, struct sd_gp_check *c)
{
	static const char *const labels[] = {"vad", "när", "hur", "vem", NULL};
	static const char *const names[] = {"Vad", "När", "Hur", "Vem"};
	int seen[4] = {0, 0, 0, 0}, cur = -1;
	char *copy = sd_strdup(text), *save = NULL;
	char missing[128] = "", fix[256] = "";
	int nmiss = 0;

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *v = NULL;
		int l = label(line, labels, &v);
		if (l >= 0) {
			cur = l;
			if (!sd_blank(v))
				seen[l] = 1;
		} else if (cur >= 0 && !sd_blank(line)) {
			/* A label's text may go on in the lines below it. */
			seen[cur] = 1;
		}
	}
	free(copy);
	for (int i = 0; i < 4; i++) {
		if (seen[i])
			continue;
		char lower[8];
		snprintf(lower, sizeof lower, "%s", labels[i]);
		snprintf(missing + strlen(missing),
			 sizeof missing - strlen(missing), "%s%s",
			 nmiss ? ", " : "", lower);
		snprintf(fix + strlen(fix), sizeof fix - strlen(fix),
			 "%s'%s: ...'", nmiss ? ", " : "", names[i]);
		nmiss++;
	}
	if (nmiss)
		problem(c,
			"Mål och insatser: '%s' does not say %s; write %s "
			"(seed 002: vad, när, hur and vem)",
			title, missing, fix);
}

struct section {
	char *name;   /* heading text */
	char *folded; /* for matching */
	cmark_node *head;
	int nonempty;
};

int
sd_gp_check(struct sd_ctx *ctx, const char *text, struct sd_gp_check *c)
{
	char **required;
	cmark_node *doc, *n;
	struct section *secs = NULL;
	size_t nsec = 0;

	memset(c, 0, sizeof *c);
	if (!(required = sd_list_load(ctx, "gp-required.txt")))
		return ctx->err.code;
	doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);

	/* Sections: each heading of level 1 or 2 starts one. */
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) <= 2) {
			secs = sd_xrealloc(secs, (nsec + 1) * sizeof *secs);
			secs[nsec].name = heading_text(n);
			secs[nsec].folded =
			    fold(secs[nsec].name, strlen(secs[nsec].name));
			secs[nsec].head = n;
			secs[nsec].nonempty = 0;
			nsec++;
		} else if (nsec && cmark_node_get_type(n) != CMARK_NODE_THEMATIC_BREAK) {
			struct sd_buf b;
			sd_buf_init(&b);
			node_text(n, &b);
			if (!sd_blank(b.s))
				secs[nsec - 1].nonempty = 1;
			sd_buf_free(&b);
		}
	}

	for (char **r = required; *r; r++) {
		char *f = fold(*r, strlen(*r));
		size_t i;
		for (i = 0; i < nsec && strcmp(secs[i].folded, f) != 0; i++)
			;
		if (i == nsec)
			problem(c,
				"%s: the section is missing; add the heading "
				"'## %s' and write under it",
				*r, *r);
		else if (!secs[i].nonempty)
			problem(c,
				"%s: the section is empty; write what its hint "
				"asks for (see gp-new --template)",
				*r);
		free(f);
	}

	for (size_t i = 0; i < nsec; i++) {
		int framtagande = strcmp(secs[i].folded, "planens framtagande") == 0;
		int mal = strcmp(secs[i].folded, "mål och insatser") == 0;
		struct sd_buf b;

		if (!framtagande && !mal)
			continue;
		sd_buf_init(&b);
		sd_buf_puts(&b, "");
		if (framtagande) {
			for (n = cmark_node_next(secs[i].head);
			     n && !(i + 1 < nsec && n == secs[i + 1].head);
			     n = cmark_node_next(n))
				node_text(n, &b);
			check_participation(b.s, c);
			if (!c->declined && !c->took_part && secs[i].nonempty)
				problem(c,
					"Planens framtagande: does not say how "
					"the person took part, or that they "
					"declined; write 'Delaktighet: how' or "
					"'Avböjt: how it was offered' (seed "
					"004)");
		} else {
			/* Delmål: headings of level 3 or more named so. */
			cmark_node *end = i + 1 < nsec ? secs[i + 1].head : NULL;
			for (n = cmark_node_next(secs[i].head); n && n != end;
			     n = cmark_node_next(n)) {
				int lvl;
				char *t, *ft;
				if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
					continue;
				t = heading_text(n);
				ft = fold(t, strlen(t));
				lvl = cmark_node_get_heading_level(n);
				if (strncmp(ft, "delmål", strlen("delmål")) == 0) {
					struct sd_buf d;
					cmark_node *m;
					sd_buf_init(&d);
					sd_buf_puts(&d, "");
					for (m = cmark_node_next(n);
					     m && m != end &&
					     !(cmark_node_get_type(m) ==
						   CMARK_NODE_HEADING &&
					       cmark_node_get_heading_level(m) <=
						   lvl);
					     m = cmark_node_next(m))
						node_text(m, &d);
					c->delmal++;
					check_delmal(t, d.s, c);
					sd_buf_free(&d);
				}
				free(t);
				free(ft);
			}
		}
		sd_buf_free(&b);
	}

	/* Checked last: whether delmål are needed depends on participation. */
	for (size_t i = 0; i < nsec; i++)
		if (strcmp(secs[i].folded, "mål och insatser") == 0 &&
		    secs[i].nonempty && !c->delmal && !c->declined)
			problem(c,
				"Mål och insatser: no delmål; write each under "
				"a heading '### Delmål ...' with Vad, När, Hur "
				"and Vem, or say under Planens framtagande that "
				"the person declined to take part");

	for (size_t i = 0; i < nsec; i++) {
		free(secs[i].name);
		free(secs[i].folded);
	}
	free(secs);
	cmark_node_free(doc);
	sd_list_free(required);
	return 0;
}

char *
sd_gp_strip_hints(const char *text)
{
	cmark_node *doc = cmark_parse_document(text, strlen(text),
					       CMARK_OPT_DEFAULT);
	size_t nlines = 1;
	char *drop, *copy;
	struct sd_buf out;
	const char *p;
	int line, last_blank = 1, dropped = 0;

	for (p = text; *p; p++)
		nlines += *p == '\n';
	drop = calloc(nlines + 2, 1);
	if (!drop)
		abort();
	for (cmark_node *n = cmark_node_first_child(doc); n;
	     n = cmark_node_next(n)) {
		const char *lit;
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK ||
		    !(lit = cmark_node_get_literal(n)))
			continue;
		copy = sd_strdup(lit);
		char *t = copy;
		while (*t == ' ')
			t++;
		size_t l = strlen(t);
		while (l && (t[l - 1] == '\n' || t[l - 1] == ' ' ||
			     t[l - 1] == '\r'))
			t[--l] = '\0';
		/* Only a comment alone: nothing the writer wrote is lost. */
		if (strncmp(t, "<!--", 4) == 0 && l >= 7 &&
		    strstr(t + 4, "-->") == t + l - 3) {
			/* cmark's end line of an HTML block can be short: count. */
			int s = cmark_node_get_start_line(n), e = s;
			for (const char *q = t; *q; q++)
				e += *q == '\n';
			for (int k = s; k <= e && k <= (int)nlines; k++)
				drop[k] = 1;
		}
		free(copy);
	}
	cmark_node_free(doc);

	sd_buf_init(&out);
	sd_buf_puts(&out, "");
	for (p = text, line = 1; *p; line++) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
		int is_blank = strspn(p, " \t\r") == len - (e ? 1 : 0);
		if (drop[line]) {
			dropped = 1;
		} else if (dropped && is_blank && last_blank) {
			/* A blank line after a removed hint would double. */
			dropped = 0;
		} else {
			sd_buf_add(&out, p, len);
			last_blank = is_blank;
			dropped = 0;
		}
		p += len;
	}
	free(drop);
	return out.s;
}

/* ------------------------------------------------------------ database */

int
sd_gp_akt_for_write(struct sd_ctx *ctx, const char *ref, struct sd_akt *a)
{
	int rc;

	if ((rc = sd_akt_find(ctx, ref, a)) ||
	    (rc = sd_akt_check_write(ctx, a)))
		return rc;
	return sd_akt_check_open(ctx, a);
}

/* The same for an akt loaded by id (from a plan). */
static int
akt_writable(struct sd_ctx *ctx, long long akt, struct sd_akt *a)
{
	char ref[32];

	snprintf(ref, sizeof ref, "%lld", akt);
	return sd_gp_akt_for_write(ctx, ref, a);
}

/* Replace {{key}} in tmpl by values; unknown keys are kept as written. */
static void
fill(struct sd_buf *out, const char *tmpl, const char *const *kv)
{
	const char *p = tmpl, *o;

	while ((o = strstr(p, "{{"))) {
		const char *c = strstr(o + 2, "}}");
		int done = 0;
		sd_buf_add(out, p, (size_t)(o - p));
		if (c) {
			for (int i = 0; kv[i]; i += 2) {
				size_t n = strlen(kv[i]);
				if ((size_t)(c - o - 2) == n &&
				    strncmp(o + 2, kv[i], n) == 0) {
					sd_buf_puts(out, kv[i + 1]);
					done = 1;
					break;
				}
			}
		}
		if (done) {
			p = c + 2;
		} else {
			sd_buf_add(out, o, 2);
			p = o + 2;
		}
	}
	sd_buf_puts(out, p);
}

/* The date of the next follow-up by rule gp-uppfoljning, or "". */
static void
followup_date(struct sd_ctx *ctx, int day, char buf[11])
{
	sqlite3_stmt *st;
	int next = -1;

	buf[0] = '\0';
	if (!(st = sd_prepare(ctx, "SELECT amount, unit FROM rule WHERE id = "
				   "'gp-uppfoljning'")))
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int amount = sqlite3_column_int(st, 0);
		const char *unit = sd_col(st, 1);
		if (!strcmp(unit, "months"))
			next = sd_date_add_months(day, amount);
		else if (!strcmp(unit, "years"))
			next = sd_date_add_months(day, 12 * amount);
		else if (!strcmp(unit, "weeks"))
			next = day + 7 * amount;
		else
			next = day + amount;
	}
	sqlite3_finalize(st);
	if (next >= 0)
		sd_date_fmt(next, buf);
}

int
sd_gp_template(struct sd_ctx *ctx, const struct sd_akt *a, const char *date,
	       struct sd_buf *out)
{
	char path[4096], pnr[14], next[11], kp[300] = "(ingen utsedd)";
	char *tmpl;
	struct sd_buf ins;
	sqlite3_stmt *st;
	int rc, day;

	date = date ? date : ctx->today_s;
	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	sd_share_path("gp-template.md", path, sizeof path);
	if (!(tmpl = sd_read_file(ctx, path, NULL)))
		return sd_fail(ctx, EX_CONFIG,
			       "cannot read the plan template '%s'; set "
			       "SOCDOK_SHARE or reinstall",
			       path);
	if (a->kp_login[0]) {
		char title[128] = "";
		sd_query_text(ctx, title, sizeof title,
			      "SELECT title FROM staff WHERE login = ?",
			      a->kp_login, SD_END);
		snprintf(kp, sizeof kp, "%s (%s)", a->kp_name, title);
	}
	followup_date(ctx, day, next);

	sd_buf_init(&ins);
	sd_buf_puts(&ins, "");
	if (!(st = sd_prepare(ctx, "SELECT kind, decided, started, handlaggare, "
				   "goal FROM insats WHERE akt_id = ? AND ended "
				   "IS NULL ORDER BY decided, id"))) {
		free(tmpl);
		sd_buf_free(&ins);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sd_buf_printf(&ins, "- %s, beslut %s", sd_col(st, 0),
			      sd_col(st, 1));
		if (*sd_col(st, 2))
			sd_buf_printf(&ins, ", verkställd %s", sd_col(st, 2));
		else
			sd_buf_puts(&ins, ", ännu inte verkställd");
		if (*sd_col(st, 3))
			sd_buf_printf(&ins, " (handläggare %s)", sd_col(st, 3));
		sd_buf_printf(&ins, ".\n  Övergripande mål: %s\n",
			      *sd_col(st, 4) ? sd_col(st, 4)
					     : "(inget mål i beställningen)");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(tmpl);
		sd_buf_free(&ins);
		return sd_fail_db(ctx, "cannot read the insatser");
	}
	if (!ins.len)
		sd_buf_puts(&ins, "- (inga pågående insatser)\n");
	else
		ins.s[--ins.len] = '\0'; /* the template has the newline */
	{
		const char *kv[] = {"namn",	     a->name,
				    "personnummer", sd_pnr_display(a->pnr, pnr),
				    "enhet",	     a->unit,
				    "regim",	     a->regime,
				    "kontaktperson", kp,
				    "datum",	     date,
				    "uppfoljning",  next,
				    "insatser",     ins.s,
				    NULL};
		fill(out, tmpl, kv);
	}
	free(tmpl);
	sd_buf_free(&ins);
	return sd_log_access(ctx, a->id, "read akt for a plan template");
}

int
sd_gp_current_text(struct sd_ctx *ctx, long long akt, struct sd_buf *out)
{
	sqlite3_stmt *st;
	int found;

	if (!(st = sd_prepare(ctx, "SELECT body FROM gp WHERE akt_id = ? ORDER "
				   "BY version DESC LIMIT 1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		sd_buf_puts(out, sd_col(st, 0));
	sqlite3_finalize(st);
	return found ? 0 : 1;
}

int
sd_gp_new(struct sd_ctx *ctx, const struct sd_gp_in *in,
	  struct sd_gp_check *chk, long long *id, long long *version,
	  size_t *removed)
{
	struct sd_akt a;
	struct sd_note_in note = {0};
	struct sd_buf body, prev;
	char *text = NULL, prev_date[11] = "", now[21], what[128];
	const char *date = in->date ? in->date : ctx->today_s;
	long long note_id = 0, ver;
	sqlite3_stmt *st;
	int rc, day, opened;

	memset(chk, 0, sizeof *chk);
	*removed = 0;
	if ((rc = akt_writable(ctx, in->akt, &a)))
		return rc;
	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "plan date %s is in the future (today is %s)",
			       date, ctx->today_s);
	sd_date_parse(a.opened, &opened);
	if (day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       "plan date %s is before akt %lld was opened "
			       "(%s); check the date",
			       date, a.id, a.opened);
	if (!sd_utf8_valid(in->text, strlen(in->text)))
		return sd_fail(ctx, EX_DATAERR,
			       "the plan is not valid UTF-8; save it as UTF-8 "
			       "and try again");
	text = sd_gp_strip_hints(in->text);
	if (sd_blank(text)) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       "the plan is empty; nothing was saved");
	}
	if ((rc = sd_gp_check(ctx, text, chk))) {
		free(text);
		return rc;
	}
	if (chk->n) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       "the plan was not saved: %zu problem%s to fix",
			       chk->n, chk->n == 1 ? "" : "s");
	}

	/* The version it replaces, if any. */
	sd_buf_init(&prev);
	sd_buf_puts(&prev, "");
	ver = 1;
	if (!(st = sd_prepare(ctx, "SELECT version, plan_date, body FROM gp "
				   "WHERE akt_id = ? ORDER BY version DESC "
				   "LIMIT 1"))) {
		free(text);
		sd_buf_free(&prev);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		ver = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev_date, sizeof prev_date, "%s", sd_col(st, 1));
		sd_buf_puts(&prev, sd_col(st, 2));
	}
	sqlite3_finalize(st);
	if (prev_date[0] && strcmp(date, prev_date) < 0) {
		free(text);
		sd_buf_free(&prev);
		return sd_fail(ctx, EX_DATAERR,
			       "plan date %s is before the date of the current "
			       "plan, version %lld (%s); a new version "
			       "replaces it from a later date",
			       date, ver - 1, prev_date);
	}
	if (prev_date[0]) {
		struct sd_diff d;
		if (sd_diff_lines(prev.s, text, &d) == 0) {
			*removed = d.removed;
			sd_diff_free(&d);
		}
	}
	sd_buf_free(&prev);

	sd_buf_init(&body);
	sd_buf_printf(&body, "Genomförandeplan version %lld upprättad med "
			     "planeringsdatum %s.",
		      ver, date);
	if (ver > 1)
		sd_buf_printf(&body, " Den ersätter version %lld (%s), som "
				     "sparas.",
			      ver - 1, prev_date);
	if (chk->declined)
		sd_buf_puts(&body, " Den enskilde har avböjt att delta; planen "
				   "är en rutin- och arbetsbeskrivning.");
	note.akt = a.id;
	note.event_date = date;
	note.category = "genomförandeplan";
	note.body = body.s;
	rc = sd_journal_append(ctx, &note, &note_id, NULL);
	sd_buf_free(&body);
	if (rc) {
		free(text);
		return rc;
	}
	if (!(st = sd_prepare(ctx, "INSERT INTO gp(akt_id, version, plan_date, "
				   "body, written_at, author_login, "
				   "author_name, author_title, note_id) VALUES "
				   "(?,?,?,?,?,?,?,?,?)"))) {
		free(text);
		return ctx->err.code;
	}
	sqlite3_bind_int64(st, 1, a.id);
	sqlite3_bind_int64(st, 2, ver);
	sd_bind_text(st, 3, date);
	sd_bind_text(st, 4, text);
	sd_bind_text(st, 5, sd_now(now));
	sd_bind_text(st, 6, ctx->me.login);
	sd_bind_text(st, 7, ctx->me.name);
	sd_bind_text(st, 8, ctx->me.title);
	sqlite3_bind_int64(st, 9, note_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(text);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot write the plan");
	*id = sqlite3_last_insert_rowid(ctx->db);
	*version = ver;
	snprintf(what, sizeof what, "wrote plan %lld (version %lld)", *id, ver);
	return sd_log_access(ctx, a.id, what);
}

/* A plan row as the commands need it. */
struct plan {
	long long id, akt;
	int version, versions;
	char plan_date[11];
	char replaced[11];
};

static int
plan_load(struct sd_ctx *ctx, long long id, struct plan *p)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT id, akt_id, version, versions, "
				   "plan_date, replaced FROM gp_version WHERE "
				   "id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->akt = sqlite3_column_int64(st, 1);
		p->version = sqlite3_column_int(st, 2);
		p->versions = sqlite3_column_int(st, 3);
		snprintf(p->plan_date, sizeof p->plan_date, "%s", sd_col(st, 4));
		snprintf(p->replaced, sizeof p->replaced, "%s", sd_col(st, 5));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot read the plan");
	return sd_fail(ctx, EX_NOINPUT,
		       "no plan %lld; see gp-show AKT for an akt's plans", id);
}

/* The current plan of an akt; *p->id 0 when it has none. */
static int
plan_current(struct sd_ctx *ctx, long long akt, struct plan *p)
{
	char a[32];
	long long id;

	snprintf(a, sizeof a, "%lld", akt);
	memset(p, 0, sizeof *p);
	id = sd_query_int(ctx, "SELECT id FROM gp WHERE akt_id = ? ORDER BY "
			       "version DESC LIMIT 1",
			  a, SD_END);
	return id > 0 ? plan_load(ctx, id, p) : 0;
}

int
sd_gp_plan_akt(struct sd_ctx *ctx, long long plan, struct sd_akt *a,
	       int *version)
{
	struct plan p;
	char ref[32];
	int rc;

	if ((rc = plan_load(ctx, plan, &p)))
		return rc;
	snprintf(ref, sizeof ref, "%lld", p.akt);
	if ((rc = sd_akt_find(ctx, ref, a)))
		return rc;
	*version = p.version;
	return 0;
}

/*
 * The plan to sign or follow up, writable, current (not replaced): plan
 * by id, or the current plan of akt; need_plan 1: the akt must have one,
 * 0: it may not, -1: take no plan, only the akt.
 */
static int
plan_for_write(struct sd_ctx *ctx, long long plan, long long akt,
	       struct plan *p, struct sd_akt *a, int need_plan)
{
	int rc;

	if (plan) {
		if ((rc = plan_load(ctx, plan, p)) ||
		    (rc = akt_writable(ctx, p->akt, a)))
			return rc;
	} else {
		memset(p, 0, sizeof *p);
		if ((rc = akt_writable(ctx, akt, a)) ||
		    (need_plan >= 0 && (rc = plan_current(ctx, a->id, p))))
			return rc;
		if (!p->id && need_plan > 0)
			return sd_fail(ctx, EX_DATAERR,
				       "akt %lld has no plan yet; write one "
				       "with gp-new",
				       a->id);
	}
	if (p->id && p->replaced[0]) {
		struct plan cur;
		if ((rc = plan_current(ctx, p->akt, &cur)))
			return rc;
		return sd_fail(ctx, EX_DATAERR,
			       "plan %lld (version %d) was replaced on %s; "
			       "use the current plan %lld (version %d)",
			       p->id, p->version, p->replaced, cur.id,
			       cur.version);
	}
	return 0;
}

/* A one-line text option: valid UTF-8, no control characters. */
static int
one_line(struct sd_ctx *ctx, const char *opt, const char *s)
{
	if (!sd_utf8_valid(s, strlen(s)))
		return sd_fail(ctx, EX_DATAERR, "%s is not valid UTF-8", opt);
	for (const unsigned char *q = (const unsigned char *)s; *q; q++)
		if (*q < 0x20 || *q == 0x7f)
			return sd_fail(ctx, EX_DATAERR,
				       "%s must be one line without control "
				       "characters",
				       opt);
	if (sd_blank(s))
		return sd_fail(ctx, EX_USAGE, "%s must not be empty", opt);
	return 0;
}

/* A date option: well formed, not in the future, not before the plan. */
static int
event_date(struct sd_ctx *ctx, const char *date, const char *after,
	   const char *what)
{
	int rc, day;

	if ((rc = sd_date_opt(ctx, "--date", date, &day)))
		return rc;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       "--date %s is in the future (today is %s)", date,
			       ctx->today_s);
	if (after && strcmp(date, after) < 0)
		return sd_fail(ctx, EX_DATAERR,
			       "--date %s is before %s (%s); check the date",
			       date, what, after);
	return 0;
}

int
sd_gp_sign(struct sd_ctx *ctx, const struct sd_gp_sign_in *in, long long *id)
{
	struct plan p;
	struct sd_akt a;
	const char *date = in->date ? in->date : ctx->today_s;
	const char *name = in->name;
	char now[21], what[160], pid[32], prior[11] = "";
	sqlite3_stmt *st;
	int rc, person;

	if (!in->by || (strcmp(in->by, "brukare") &&
			strcmp(in->by, "foretradare") &&
			strcmp(in->by, "kontaktperson")))
		return sd_fail(ctx, EX_USAGE,
			       "unknown signer '%s'; use --by brukare, "
			       "foretradare or kontaktperson",
			       in->by ? in->by : "");
	person = strcmp(in->by, "kontaktperson") != 0;
	if ((rc = plan_for_write(ctx, in->plan, in->akt, &p, &a, 1)))
		return rc;
	if ((rc = event_date(ctx, date, p.plan_date, "the plan date")))
		return rc;
	if (in->declined && !person)
		return sd_fail(ctx, EX_USAGE,
			       "--declined is for the person or their "
			       "representative, not the kontaktperson");
	if (in->declined && (rc = one_line(ctx, "--declined", in->declined)))
		return rc;
	if (!name) {
		if (!strcmp(in->by, "brukare"))
			name = a.name;
		else if (!strcmp(in->by, "kontaktperson") && a.kp_login[0])
			name = a.kp_name;
		else
			return sd_fail(ctx, EX_USAGE,
				       "give the signer's --name (akt %lld has "
				       "no %s on record)",
				       a.id,
				       strcmp(in->by, "foretradare")
					   ? "kontaktperson"
					   : "företrädare");
	}
	if ((rc = one_line(ctx, "--name", name)))
		return rc;
	/* One signature per signer; a företrädare may be more than one. */
	snprintf(pid, sizeof pid, "%lld", p.id);
	rc = sd_query_text(ctx, prior, sizeof prior,
			   "SELECT sign_date FROM gp_signature WHERE gp_id = ? "
			   "AND signer = ? AND (signer <> 'foretradare' OR "
			   "name = ?) AND (declined IS NULL OR ? IS NOT NULL) "
			   "ORDER BY id LIMIT 1",
			   pid, in->by, name, in->declined, SD_END);
	if (rc > 1)
		return rc;
	if (rc == 0)
		return sd_fail(ctx, EX_DATAERR,
			       "plan %lld already has the %s's %s of %s; a "
			       "plan is signed once",
			       p.id, in->by,
			       in->declined ? "signature or refusal"
					    : "signature",
			       prior);
	if (!(st = sd_prepare(ctx, "INSERT INTO gp_signature(gp_id, signer, "
				   "sign_date, name, declined, recorded_at, "
				   "recorded_by) VALUES (?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, p.id);
	sd_bind_text(st, 2, in->by);
	sd_bind_text(st, 3, date);
	sd_bind_text(st, 4, name);
	sd_bind_text(st, 5, in->declined);
	sd_bind_text(st, 6, sd_now(now));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot record the signature");
	*id = sqlite3_last_insert_rowid(ctx->db);
	snprintf(what, sizeof what, "%s plan %lld for %s on %s",
		 in->declined ? "recorded a refusal to sign" : "signed", p.id,
		 in->by, date);
	return sd_log_access(ctx, a.id, what);
}

static const char *const followup_kinds[] = {
    "uppfoljning",	      "uppfoljningssamtal", "planeringssamtal",
    "introduktionssamtal",    "handlaggare-uppfoljning", "trygghetslarm",
    NULL};

/* How the journal note names a kind. */
static const char *
kind_words(const char *kind)
{
	if (!strcmp(kind, "uppfoljningssamtal"))
		return "Uppföljningssamtal";
	if (!strcmp(kind, "planeringssamtal"))
		return "Planeringssamtal";
	if (!strcmp(kind, "introduktionssamtal"))
		return "Introduktionssamtal";
	if (!strcmp(kind, "handlaggare-uppfoljning"))
		return "Handläggarens uppföljning";
	if (!strcmp(kind, "trygghetslarm"))
		return "Uppföljning av trygghetslarmet";
	return "Uppföljning av genomförandeplanen";
}

int
sd_gp_followup(struct sd_ctx *ctx, const struct sd_gp_followup_in *in,
	       long long *id)
{
	struct plan p;
	struct sd_akt a;
	struct sd_note_in note = {0};
	struct sd_buf body;
	const char *kind = in->kind ? in->kind : "uppfoljning";
	const char *date = in->date ? in->date : ctx->today_s;
	char now[21], what[160];
	long long note_id = 0;
	sqlite3_stmt *st;
	int rc, i, need;

	for (i = 0; followup_kinds[i] && strcmp(followup_kinds[i], kind); i++)
		;
	if (!followup_kinds[i])
		return sd_fail(ctx, EX_USAGE,
			       "unknown kind '%s'; use uppfoljning, "
			       "uppfoljningssamtal, planeringssamtal, "
			       "introduktionssamtal, handlaggare-uppfoljning "
			       "or trygghetslarm",
			       kind);
	/*
	 * The introduction and planning talks come before a plan, or before
	 * its next version (seed 002): under --akt they belong to the akt.
	 * So do the handläggare's follow-up after a beslut and the yearly
	 * follow-up of a trygghetslarm (rules handlaggare-uppfoljning and
	 * trygghetslarm), which need no plan.
	 */
	need = strcmp(kind, "uppfoljning") && strcmp(kind, "uppfoljningssamtal")
		   ? -1
		   : 1;
	if ((rc = plan_for_write(ctx, in->plan, in->akt, &p, &a, need)))
		return rc;
	if ((rc = event_date(ctx, date, p.id ? p.plan_date : NULL,
			     "the plan date")))
		return rc;
	if (in->text && !sd_utf8_valid(in->text, strlen(in->text)))
		return sd_fail(ctx, EX_DATAERR, "-m is not valid UTF-8");

	sd_buf_init(&body);
	sd_buf_printf(&body, "%s %s", kind_words(kind), date);
	if (p.id)
		sd_buf_printf(&body, " (genomförandeplan version %d, %s)",
			      p.version, p.plan_date);
	sd_buf_puts(&body, ".");
	if (in->text && !sd_blank(in->text))
		sd_buf_printf(&body, "\n\n%s", in->text);
	note.akt = a.id;
	note.event_date = date;
	note.category = "uppföljning";
	note.body = body.s;
	rc = sd_journal_append(ctx, &note, &note_id, NULL);
	sd_buf_free(&body);
	if (rc)
		return rc;
	if (!(st = sd_prepare(ctx, "INSERT INTO followup(akt_id, gp_id, kind, "
				   "fdate, note_id, recorded_at, recorded_by) "
				   "VALUES (?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, a.id);
	if (p.id)
		sqlite3_bind_int64(st, 2, p.id);
	sd_bind_text(st, 3, kind);
	sd_bind_text(st, 4, date);
	sqlite3_bind_int64(st, 5, note_id);
	sd_bind_text(st, 6, sd_now(now));
	sqlite3_bind_int64(st, 7, ctx->me.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, "cannot record the follow-up");
	*id = sqlite3_last_insert_rowid(ctx->db);
	if (p.id)
		snprintf(what, sizeof what, "recorded %s of plan %lld on %s",
			 kind, p.id, date);
	else
		snprintf(what, sizeof what, "recorded %s on %s", kind, date);
	return sd_log_access(ctx, a.id, what);
}

/* ---------------------------------------------------------------- show */

/* The id of version ver (0: the latest) of akt's plan, or 0. */
static long long
version_id(struct sd_ctx *ctx, long long akt, int ver)
{
	char a[32], v[32];
	long long id;

	snprintf(a, sizeof a, "%lld", akt);
	snprintf(v, sizeof v, "%d", ver);
	id = sd_query_int(ctx,
			  "SELECT id FROM gp WHERE akt_id = ?1 AND (CAST(?2 AS INTEGER) = 0 OR "
			  "version = CAST(?2 AS INTEGER)) ORDER BY version DESC LIMIT 1",
			  a, v, SD_END);
	return id > 0 ? id : 0;
}

static int
no_version(struct sd_ctx *ctx, long long akt, int ver)
{
	char a[32];
	long long n;

	snprintf(a, sizeof a, "%lld", akt);
	n = sd_query_int(ctx, "SELECT count(*) FROM gp WHERE akt_id = ?", a,
			 SD_END);
	if (n <= 0)
		return sd_fail(ctx, EX_NOINPUT,
			       "akt %lld has no plan yet; write one with gp-new",
			       akt);
	return sd_fail(ctx, EX_NOINPUT,
		       "akt %lld has no plan version %d (it has %lld)", akt,
		       ver, n);
}

/* took part / declined, read from the plan as gp-new checked it. */
static const char *
participation(struct sd_ctx *ctx, const char *body)
{
	struct sd_gp_check c;
	const char *r = "unknown";

	if (sd_gp_check(ctx, body, &c) == 0)
		r = c.declined ? "declined" : c.took_part ? "took part" : r;
	sd_gp_check_free(&c);
	return r;
}

static int
show_json(struct sd_ctx *ctx, long long id, FILE *f)
{
	char body_part[16];
	sqlite3_stmt *st;
	int rc;
	struct sd_buf body;

	sd_buf_init(&body);
	sd_buf_puts(&body, "");
	if (!(st = sd_prepare(ctx, "SELECT body FROM gp WHERE id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		sd_buf_puts(&body, sd_col(st, 0));
	sqlite3_finalize(st);
	snprintf(body_part, sizeof body_part, "%s",
		 participation(ctx, body.s));
	sd_buf_free(&body);
	if (!(st = sd_prepare(
		  ctx,
		  "SELECT json_object('plan', v.id, 'akt', v.akt_id, "
		  "'version', v.version, 'versions', v.versions, "
		  "'plan_date', v.plan_date, 'written_at', v.written_at, "
		  "'author', json_object('login', v.author_login, 'name', "
		  "v.author_name, 'title', v.author_title), "
		  "'status', CASE WHEN v.established IS NULL THEN 'draft' "
		  "ELSE 'established' END, 'established', v.established, "
		  "'replaced', v.replaced, 'replaced_by', v.replaced_by, "
		  "'participation', ?2, "
		  "'signatures', (SELECT json_group_array(json_object('by', "
		  "s.signer, 'name', s.name, 'date', s.sign_date, 'declined', "
		  "s.declined, 'recorded_at', s.recorded_at, 'recorded_by', "
		  "(SELECT login FROM staff WHERE id = s.recorded_by))) FROM "
		  "(SELECT * FROM gp_signature WHERE gp_id = v.id ORDER BY "
		  "sign_date, id) s), "
		  "'followups', (SELECT json_group_array(json_object('kind', "
		  "x.kind, 'date', x.fdate, 'note', x.note_id)) FROM (SELECT * "
		  "FROM followup WHERE gp_id = v.id ORDER BY fdate, id) x), "
		  "'last_followup', v.last_followup, "
		  "'note', v.note_id, 'body', g.body) "
		  "FROM gp_version v JOIN gp g ON g.id = v.id WHERE v.id = ?1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	sd_bind_text(st, 2, body_part);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fputs(sd_col(st, 0), f);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sd_fail_db(ctx, "cannot read the plan");
}

static int
show_text(struct sd_ctx *ctx, const struct sd_akt *a, long long id,
	  enum sd_format fmt, FILE *f)
{
	sqlite3_stmt *st;
	char pnr[14];
	int rc, first = 1;

	if (!(st = sd_prepare(ctx, "SELECT v.id, v.version, v.versions, "
				   "v.plan_date, v.written_at, v.author_name, "
				   "v.author_title, v.established, v.replaced, "
				   "v.replaced_by_version, v.replaced_by, g.body "
				   "FROM gp_version v JOIN gp g ON g.id = v.id "
				   "WHERE v.id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sd_fail_db(ctx, "cannot read the plan");
	}
	if (fmt == SD_FMT_MD) {
		fputs(sd_col(st, 11), f);
		sqlite3_finalize(st);
		return 0;
	}
	fprintf(f, "plan:           %lld\n", (long long)sqlite3_column_int64(st, 0));
	fprintf(f, "akt:            %lld (%s, %s)\n", a->id, a->name,
		sd_pnr_display(a->pnr, pnr));
	fprintf(f, "version:        %d of %d\n", sqlite3_column_int(st, 1),
		sqlite3_column_int(st, 2));
	fprintf(f, "plan date:      %s\n", sd_col(st, 3));
	fprintf(f, "written:        %s by %s (%s)\n", sd_col(st, 4),
		sd_col(st, 5), sd_col(st, 6));
	if (*sd_col(st, 7))
		fprintf(f, "status:         established %s\n", sd_col(st, 7));
	else
		fprintf(f, "status:         draft (not signed by the person)\n");
	if (*sd_col(st, 8))
		fprintf(f, "replaced:       %s by version %d (plan %lld)\n",
			sd_col(st, 8), sqlite3_column_int(st, 9),
			(long long)sqlite3_column_int64(st, 10));
	else
		fprintf(f, "replaced:       -\n");
	fprintf(f, "participation:  %s\n", participation(ctx, sd_col(st, 11)));

	sqlite3_stmt *s2;
	if (!(s2 = sd_prepare(ctx, "SELECT signer, name, sign_date, declined "
				   "FROM gp_signature WHERE gp_id = ? ORDER BY "
				   "sign_date, id"))) {
		sqlite3_finalize(st);
		return ctx->err.code;
	}
	sqlite3_bind_int64(s2, 1, id);
	while (sqlite3_step(s2) == SQLITE_ROW) {
		fprintf(f, "%s%s %s %s %s", first ? "signed:         " : "                ",
			sd_col(s2, 0), sd_col(s2, 1),
			*sd_col(s2, 3) ? "declined to sign" : "signed",
			sd_col(s2, 2));
		if (*sd_col(s2, 3))
			fprintf(f, ": %s", sd_col(s2, 3));
		fputc('\n', f);
		first = 0;
	}
	sqlite3_finalize(s2);
	if (first)
		fprintf(f, "signed:         -\n");
	if (!(s2 = sd_prepare(ctx, "SELECT fdate, kind FROM followup WHERE "
				   "gp_id = ? ORDER BY fdate DESC, id DESC "
				   "LIMIT 1"))) {
		sqlite3_finalize(st);
		return ctx->err.code;
	}
	sqlite3_bind_int64(s2, 1, id);
	if (sqlite3_step(s2) == SQLITE_ROW)
		fprintf(f, "last follow-up: %s (%s)\n", sd_col(s2, 0),
			sd_col(s2, 1));
	else
		fprintf(f, "last follow-up: -\n");
	sqlite3_finalize(s2);
	fputc('\n', f);
	fputs(sd_col(st, 11), f);
	sqlite3_finalize(st);
	return 0;
}

static int
show_diff(struct sd_ctx *ctx, const struct sd_akt *a, int va, int vb, FILE *f)
{
	long long ia = version_id(ctx, a->id, va), ib = version_id(ctx, a->id, vb);
	char *ta, *tb, da[11] = "", db[11] = "", from[64], to[64];
	struct sd_diff d;
	struct sd_buf out;
	sqlite3_stmt *st;
	int rc = 0;

	if (!ia)
		return no_version(ctx, a->id, va);
	if (!ib)
		return no_version(ctx, a->id, vb);
	if (!(st = sd_prepare(ctx, "SELECT body, plan_date FROM gp WHERE id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, ia);
	sqlite3_step(st);
	ta = sd_strdup(sd_col(st, 0));
	snprintf(da, sizeof da, "%s", sd_col(st, 1));
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, ib);
	sqlite3_step(st);
	tb = sd_strdup(sd_col(st, 0));
	snprintf(db, sizeof db, "%s", sd_col(st, 1));
	sqlite3_finalize(st);
	snprintf(from, sizeof from, "version %d (%s)", va, da);
	snprintf(to, sizeof to, "version %d (%s)", vb, db);
	if (sd_diff_lines(ta, tb, &d) != 0) {
		rc = sd_fail(ctx, EX_SOFTWARE,
			     "versions %d and %d are too long to compare", va,
			     vb);
	} else {
		sd_buf_init(&out);
		sd_diff_unified(&d, from, to, 3, &out);
		if (out.s)
			fputs(out.s, f);
		sd_buf_free(&out);
		sd_diff_free(&d);
	}
	free(ta);
	free(tb);
	return rc;
}

int
sd_gp_show(struct sd_ctx *ctx, const struct sd_akt *a,
	   const struct sd_gp_show_opts *o, FILE *f)
{
	char what[128];
	int rc = 0;

	if (o->diff_a || o->diff_b) {
		if ((rc = show_diff(ctx, a, o->diff_a, o->diff_b, f)))
			return rc;
		snprintf(what, sizeof what,
			 "read plan versions %d and %d (diff)", o->diff_a,
			 o->diff_b);
	} else if (o->all) {
		sqlite3_stmt *st;
		long long *ids = NULL;
		size_t n = 0;

		if (!(st = sd_prepare(ctx, "SELECT id FROM gp WHERE akt_id = ? "
					   "ORDER BY version")))
			return ctx->err.code;
		sqlite3_bind_int64(st, 1, a->id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			ids = sd_xrealloc(ids, (n + 1) * sizeof *ids);
			ids[n++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
		if (!n)
			return no_version(ctx, a->id, 1);
		if (o->fmt == SD_FMT_JSON)
			fputs("[", f);
		for (size_t i = 0; i < n && !rc; i++) {
			if (o->fmt == SD_FMT_JSON) {
				fputs(i ? ",\n" : "", f);
				rc = show_json(ctx, ids[i], f);
			} else {
				if (i)
					fputs(o->fmt == SD_FMT_MD
						  ? "\n---\n\n"
						  : "\n------------------------"
						    "------------------------\n\n",
					      f);
				rc = show_text(ctx, a, ids[i], o->fmt, f);
			}
		}
		if (o->fmt == SD_FMT_JSON && !rc)
			fputs("]\n", f);
		free(ids);
		if (rc)
			return rc;
		snprintf(what, sizeof what, "read every plan version (%zu)", n);
	} else {
		long long id = version_id(ctx, a->id, o->version);
		if (!id)
			return no_version(ctx, a->id, o->version);
		if (o->fmt == SD_FMT_JSON) {
			if ((rc = show_json(ctx, id, f)))
				return rc;
			fputc('\n', f);
		} else if ((rc = show_text(ctx, a, id, o->fmt, f))) {
			return rc;
		}
		snprintf(what, sizeof what, "read plan %lld", id);
	}
	return sd_log_access(ctx, a->id, what);
}
