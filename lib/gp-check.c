/*
 * gp-check.c - checking a genomförandeplan before it is stored.
 *
 * A plan is Markdown written from share/gp-template.md, with the headings
 * of seed 004's document overview.  It is parsed with cmark: the required
 * sections present and not empty, how the person took part (or that they
 * declined), every delmål saying vad, när, hur and vem; and the
 * template's hints removed.
 */
#include <cmark.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gp.h"
#include "word.h"

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
		case CMARK_NODE_LINEBREAK: sd_buf_puts(b, "\n"); break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT)
				sd_buf_puts(b, "\n");
			break;
		default: break;
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
	f = sd_word_lower(line, strlen(line));
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

static void problem(struct sd_gp_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
problem(struct sd_gp_check *c, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->problems =
		sd_xrealloc(c->problems, (c->n + 2) * sizeof *c->problems);
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
static const char *const took_part_words[] = {"delaktig", "deltog",  "deltagit",
					      "medverka", "var med", NULL};
static const char *const declined_words[] = {"avböj",
					     "tackade nej",
					     "tackat nej",
					     "vill inte delta",
					     "ville inte delta",
					     "inte vill delta",
					     "inte ville delta",
					     "vill inte vara delaktig",
					     "ville inte vara delaktig",
					     NULL};

static int
has_word(const char *folded, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strstr(folded, words[i]))
			return 1;
	return 0;
}

static int
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Whether the word at w (folded text s) is a negation. */
static int
negation_at(const char *w)
{
	static const char *const neg[] = {"inte", "ej", "icke", "aldrig", NULL};
	for (int i = 0; neg[i]; i++) {
		size_t n = strlen(neg[i]);
		if (strncmp(w, neg[i], n) == 0 &&
		    !is_letter((unsigned char)w[n]))
			return 1;
	}
	return 0;
}

/*
 * Whether the took-part word found at hit in s is negated: "inte" (ej,
 * icke, aldrig) among the two words before it ("var inte delaktig", "har
 * inte deltagit") or right after its word ("deltog inte").
 */
static int
negated(const char *s, const char *hit)
{
	const char *p = hit;
	int words = 0;

	while (p > s && words < 2) {
		while (p > s && !is_letter((unsigned char)p[-1]))
			p--;
		const char *end = p;
		while (p > s && is_letter((unsigned char)p[-1]))
			p--;
		if (p == end)
			break;
		if (negation_at(p))
			return 1;
		words++;
	}
	for (p = hit; is_letter((unsigned char)*p); p++)
		;
	while (*p && !is_letter((unsigned char)*p))
		p++;
	return negation_at(p);
}

/*
 * Whether folded text says the person took part: a took-part word that
 * is not negated ("Anna var inte delaktig" says the opposite).
 */
static int
took_part_in(const char *folded)
{
	for (int i = 0; took_part_words[i]; i++)
		for (const char *h = strstr(folded, took_part_words[i]); h;
		     h = strstr(h + 1, took_part_words[i]))
			if (!negated(folded, h))
				return 1;
	return 0;
}

/* A date YYYY-MM-DD in s, into out; 0 when there is one. */
static int
find_date(const char *s, char out[SD_DATE_SIZE])
{
	for (const char *p = s; *p; p++) {
		int day;
		char d[SD_DATE_SIZE];
		if (strlen(p) < 10)
			break;
		snprintf(d, sizeof d, "%.10s", p);
		if ((p == s || !(p[-1] >= '0' && p[-1] <= '9')) &&
		    !(p[10] >= '0' && p[10] <= '9') &&
		    sd_date_parse(d, &day) == 0) {
			memcpy(out, d, SD_DATE_SIZE);
			return 0;
		}
	}
	return -1;
}

/* Planens framtagande: how the person took part, or that they declined. */
static void
check_participation(const char *text, struct sd_gp_check *c)
{
	static const char *const labels[] = {"delaktighet", "avböjt", "avböjer",
					     "uppföljning", NULL};
	char *copy = sd_strdup(text), *save = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *v = NULL, *scan = line;
		int l = label(line, labels, &v);
		char *f;
		if (l == 3) {
			/* The plan's own follow-up: a date, or said how. */
			if (sd_blank(v))
				problem(c, _("Planens framtagande: the line "
					     "'Uppföljning:' is empty; write "
					     "when the plan is followed up, "
					     "'Uppföljning: senast YYYY-MM-DD' "
					     "(Rutin för social "
					     "dokumentation)"));
			else if (!c->followup[0])
				find_date(v, c->followup);
			continue;
		}
		f = sd_word_lower(l >= 0 ? v : scan, strlen(l >= 0 ? v : scan));
		if (l >= 0) {
			scan = v;
			/* "Delaktighet: Anna var inte delaktig" is none. */
			if (!sd_blank(v)) {
				if (l == 0 && (took_part_in(f) ||
					       !has_word(f, took_part_words)))
					c->took_part = 1;
				else if (l != 0)
					c->declined = 1;
			}
		}
		if (has_word(f, declined_words))
			c->declined = 1;
		else if (took_part_in(f))
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
			_("Mål och insatser: '%s' does not say %s; write %s "
			  "(Handbok för verkställighet: vad, när, hur and "
			  "vem)"),
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
			secs[nsec].folded = sd_word_lower(
				secs[nsec].name, strlen(secs[nsec].name));
			secs[nsec].head = n;
			secs[nsec].nonempty = 0;
			nsec++;
		} else if (nsec && cmark_node_get_type(n) !=
					   CMARK_NODE_THEMATIC_BREAK) {
			struct sd_buf b;
			sd_buf_init(&b);
			node_text(n, &b);
			if (!sd_blank(b.s))
				secs[nsec - 1].nonempty = 1;
			sd_buf_free(&b);
		}
	}

	for (char **r = required; *r; r++) {
		char *f = sd_word_lower(*r, strlen(*r));
		size_t i;
		for (i = 0; i < nsec && strcmp(secs[i].folded, f) != 0; i++)
			;
		if (i == nsec)
			problem(c,
				_("%s: the section is missing; add the heading "
				  "'## %s' and write under it"),
				*r, *r);
		else if (!secs[i].nonempty)
			problem(c,
				_("%s: the section is empty; write what its "
				  "hint asks for (see gp-new --template)"),
				*r);
		free(f);
	}

	for (size_t i = 0; i < nsec; i++) {
		int framtagande =
			strcmp(secs[i].folded, "planens framtagande") == 0;
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
					_("Planens framtagande: does not say "
					  "how the person took part, or that "
					  "they declined; write 'Delaktighet: "
					  "how' or 'Avböjt: how it was "
					  "offered' (Rutin för social "
					  "dokumentation)"));
		} else {
			/* Delmål: headings of level 3 or more named so. */
			cmark_node *end =
				i + 1 < nsec ? secs[i + 1].head : NULL;
			for (n = cmark_node_next(secs[i].head); n && n != end;
			     n = cmark_node_next(n)) {
				int lvl;
				char *t, *ft;
				if (cmark_node_get_type(n) !=
				    CMARK_NODE_HEADING)
					continue;
				t = heading_text(n);
				ft = sd_word_lower(t, strlen(t));
				lvl = cmark_node_get_heading_level(n);
				if (strncmp(ft, "delmål", strlen("delmål")) ==
				    0) {
					struct sd_buf d;
					cmark_node *m;
					sd_buf_init(&d);
					sd_buf_puts(&d, "");
					for (m = cmark_node_next(n);
					     m && m != end &&
					     !(cmark_node_get_type(m) ==
						       CMARK_NODE_HEADING &&
					       cmark_node_get_heading_level(
						       m) <= lvl);
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
				_("Mål och insatser: no delmål; write each "
				  "under a heading '### Delmål ...' with Vad, "
				  "När, Hur and Vem, or say under Planens "
				  "framtagande that the person declined to "
				  "take part"));

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
	cmark_node *doc =
		cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
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
			/* cmark's end line of an HTML block can be short:
			 * count. */
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
