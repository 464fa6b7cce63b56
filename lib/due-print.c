/*
 * due-print.c - the due list as people and programs read it: text
 * grouped by responsible person, TSV, CSV and JSON, an iCalendar feed,
 * and one mail digest per responsible person (sd_due_print, due.h).
 * The list itself is computed in due.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "due.h"
#include "holiday.h"
#include "mail.h"
#include "rules.h"

/* snprintf(b, 24, "%lld", v), by hand: three numbers per item */
static void
fmt_int(char b[24], long long v)
{
	char t[24];
	int n = 0, i = 0;
	unsigned long long u =
		v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		t[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		b[i++] = '-';
	while (n)
		b[i++] = t[--n];
	b[i] = '\0';
}

static struct sd_table *
list_table(const struct sd_due_list *l, int from, int to, int for_text)
{
	static const char *const cols[] = {
		N_("rule"),    N_("akt"),         N_("personnummer"),
		N_("person"),  N_("unit"),        N_("insats"),
		N_("kind"),    N_("base"),        N_("due"),
		N_("overdue"), N_("responsible"), N_("responsible_name"),
		N_("source")};
	static const int flags[] = {0, SD_COL_NUM | SD_COL_RIGHT, 0, 0,
				    0, SD_COL_NUM | SD_COL_RIGHT, 0, 0,
				    0, SD_COL_NUM | SD_COL_RIGHT, 0, 0,
				    0};
	/* Text leaves out unit and the responsible, said in the heading. */
	static const char *const tcols[] = {
		N_("rule"),    N_("akt"),   N_("personnummer"), N_("person"),
		N_("insats"),  N_("kind"),  N_("base"),         N_("due"),
		N_("overdue"), N_("source")};
	static const int tflags[] = {0, SD_COL_RIGHT, 0, 0, SD_COL_RIGHT, 0, 0,
				     0, SD_COL_RIGHT, 0};
	struct sd_table *t = for_text ? sd_table_new(10, tcols, tflags)
				      : sd_table_new(13, cols, flags);

	for (int i = from; i < to; i++) {
		const struct sd_due_item *it = &l->items[i];
		char akt[24], ins[24], days[24];
		fmt_int(akt, it->akt);
		fmt_int(ins, it->insats);
		fmt_int(days, it->days);
		const char *insv = it->insats ? ins : NULL;
		const char *kind = *it->kind ? it->kind : NULL;
		const char *resp = *it->resp_login   ? it->resp_login
				   : it->handlaggare ? "handläggare"
						     : NULL;
		const char *rname = *it->resp_name ? it->resp_name : NULL;
		if (for_text) {
			const char *v[] = {it->rule, it->akt ? akt : NULL,
					   it->pnr,  it->person,
					   insv,     kind,
					   it->base, it->due,
					   days,     it->source};
			sd_table_add(t, v);
		} else {
			const char *v[] = {it->rule,  akt,  it->pnr, it->person,
					   it->unit,  insv, kind,    it->base,
					   it->due,   days, resp,    rname,
					   it->source};
			sd_table_add(t, v);
		}
	}
	return t;
}

static int
same_resp(const struct sd_due_item *a, const struct sd_due_item *b)
{
	return sd_due_resp_cmp(a, b) == 0;
}

/* The end of the group of items that starts at i. */
static int
group_end(const struct sd_due_list *l, int i)
{
	int j = i + 1;
	while (j < l->n && same_resp(&l->items[i], &l->items[j]))
		j++;
	return j;
}

static void
counts(const struct sd_due_list *l, int from, int to, int *over, int *soon)
{
	*over = *soon = 0;
	for (int i = from; i < to; i++)
		(l->items[i].days > 0 ? (*over)++ : (*soon)++);
}

/* The counts of a subject or heading: "N overdue, M due within D days". */
static void
count_text(struct sd_buf *b, int over, int soon, int within)
{
	sd_buf_printf(b, ngettext("%d overdue", "%d overdue", over), over);
	sd_buf_puts(b, ", ");
	/* TRANSLATORS: "3 due within 14 days"; the plural is the days'. */
	sd_buf_printf(b,
		      ngettext("%d due within %d day", "%d due within %d days",
			       within),
		      soon, within);
}

static int
print_text(struct sd_ctx *ctx, const struct sd_due_list *l, FILE *f)
{
	for (int i = 0, j; i < l->n; i = j) {
		const struct sd_due_item *it = &l->items[i];
		int over, soon, rc;
		j = group_end(l, i);
		counts(l, i, j, &over, &soon);
		if (i)
			fputc('\n', f);
		if (*it->resp_login)
			fprintf(f, "%s (%s)", it->resp_name, it->resp_login);
		else if (it->handlaggare)
			/* TRANSLATORS: the handläggare's name and mail. */
			fprintf(f, _("handläggare %s <%s>, a notice to them"),
				*it->resp_name ? it->resp_name : _("(no name)"),
				*it->resp_email ? it->resp_email
						: _("no mail address"));
		else
			fputs(_("no one responsible (no kontaktperson, "
				"enhetschef or arkivarie registered)"),
			      f);
		struct sd_buf b;
		sd_buf_init(&b);
		count_text(&b, over, soon, l->within);
		fprintf(f, ": %s\n", b.s);
		sd_buf_free(&b);
		struct sd_table *t = list_table(l, i, j, 1);
		rc = sd_table_print(ctx, t, f, SD_FMT_TEXT);
		sd_table_free(t);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------- iCalendar */

/* Write one content line, escaped value already in v, folded at 75 octets. */
static void
ics_line(FILE *f, const char *name, const char *v)
{
	struct sd_buf b;
	size_t col = 0;

	sd_buf_init(&b);
	sd_buf_puts(&b, name);
	sd_buf_puts(&b, v);
	for (size_t i = 0; i < b.len;) {
		size_t cl = 1;
		unsigned char c = (unsigned char)b.s[i];
		if (c >= 0xf0)
			cl = 4;
		else if (c >= 0xe0)
			cl = 3;
		else if (c >= 0xc0)
			cl = 2;
		if (col + cl > 75) {
			fputs("\r\n ", f);
			col = 1;
		}
		fwrite(b.s + i, 1, cl, f);
		col += cl;
		i += cl;
	}
	fputs("\r\n", f);
	sd_buf_free(&b);
}

/* RFC 5545 TEXT escaping: backslash, semicolon, comma, newline. */
static void
ics_text(struct sd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			sd_buf_add(b, "\\", 1);
		if (*s == '\n')
			sd_buf_puts(b, "\\n");
		else if (*s != '\r')
			sd_buf_add(b, s, 1);
	}
}

static void
ics_date(char out[9], const char *d)
{
	snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
}

static int
print_ics(const struct sd_due_list *l, FILE *f)
{
	char now[SD_TIME_SIZE], stamp[17];
	sd_now(now);
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now,
		 now + 5, now + 8, now + 11, now + 14, now + 17);
	ics_line(f, "BEGIN:", "VCALENDAR");
	ics_line(f, "VERSION:", "2.0");
	ics_line(f, "PRODID:", "-//socdok//followup-due " SD_VERSION "//SV");
	ics_line(f, "CALSCALE:", "GREGORIAN");
	ics_line(f, "METHOD:", "PUBLISH");
	ics_line(f, "X-WR-CALNAME:", "socdok followup-due");
	for (int i = 0; i < l->n; i++) {
		const struct sd_due_item *it = &l->items[i];
		struct sd_buf b;
		char d[9], uid[200], seq[24];
		int due, base;

		/* One UID per rule, akt and insats: a later run with a moved
		 * date updates the event (SEQUENCE grows with the base). */
		snprintf(uid, sizeof uid, "%s.akt%lld.insats%lld@socdok",
			 it->rule, it->akt, it->insats);
		sd_date_parse(it->base, &base);
		sd_date_parse(it->due, &due);
		snprintf(seq, sizeof seq, "%d", base > 0 ? base : 0);
		ics_line(f, "BEGIN:", "VEVENT");
		ics_line(f, "UID:", uid);
		ics_line(f, "DTSTAMP:", stamp);
		ics_line(f, "SEQUENCE:", seq);
		ics_date(d, it->due);
		ics_line(f, "DTSTART;VALUE=DATE:", d);
		char end[SD_DATE_SIZE];
		sd_date_fmt(due + 1, end);
		ics_date(d, end);
		ics_line(f, "DTEND;VALUE=DATE:", d);
		sd_buf_init(&b);
		sd_buf_printf(&b, "%s: ", it->rule);
		ics_text(&b, it->person);
		/* (a protected identity's mask names the akt already) */
		if (!it->protected)
			sd_buf_printf(&b, " (akt %lld)", it->akt);
		ics_line(f, "SUMMARY:", b.s);
		b.len = 0;
		b.s[0] = '\0';
		struct sd_buf t;
		sd_buf_init(&t);
		sd_buf_printf(&t, "%s.\n", it->description);
		if (it->insats)
			sd_buf_printf(&t, _("Insats %lld (%s).\n"), it->insats,
				      it->kind);
		sd_buf_printf(&t, _("Base %s, due %s.\nUnit: %s.\n"), it->base,
			      it->due, it->unit);
		if (*it->resp_login)
			sd_buf_printf(&t, _("Responsible: %s (%s).\n"),
				      it->resp_name, it->resp_login);
		sd_buf_printf(&t, _("Source: %s."), it->source);
		ics_text(&b, t.s);
		ics_line(f, "DESCRIPTION:", b.s);
		b.len = 0;
		ics_text(&b, it->rule);
		ics_line(f, "CATEGORIES:", b.s);
		ics_line(f, "TRANSP:", "TRANSPARENT");
		ics_line(f, "END:", "VEVENT");
		sd_buf_free(&b);
		sd_buf_free(&t);
	}
	ics_line(f, "END:", "VCALENDAR");
	return 0;
}

/* ------------------------------------------------------------------- mail */

/* The items from i to j (only those of the enhetschef chef, when not
 * NULL) as a mail body, grouped by akt, the most urgent akt first. */
static void
mail_items(struct sd_buf *body, const struct sd_due_list *l, int i, int j,
	   const char *chef)
{
	for (int a = i; a < j; a++) {
		int seen = 0;
		if (chef && strcmp(l->items[a].chef_login, chef) != 0)
			continue;
		for (int b = i; b < a && !seen; b++)
			seen = l->items[b].akt == l->items[a].akt;
		if (seen)
			continue;
		/* a protected person's mask names the akt itself */
		if (l->items[a].protected)
			sd_buf_printf(body, "\n%s  (%s)\n", l->items[a].person,
				      l->items[a].unit);
		else
			sd_buf_printf(body, "\nakt %lld  %s  (%s)\n",
				      l->items[a].akt, l->items[a].person,
				      l->items[a].unit);
		for (int b = a; b < j; b++) {
			const struct sd_due_item *it = &l->items[b];
			if (it->akt != l->items[a].akt)
				continue;
			/* TRANSLATORS: a rule id, then its due date. */
			sd_buf_printf(body, _("  %-24s due %s  "), it->rule,
				      it->due);
			if (it->days > 0)
				sd_buf_printf(body,
					      ngettext("%d day overdue\n",
						       "%d days overdue\n",
						       it->days),
					      it->days);
			else if (it->days == 0)
				sd_buf_puts(body, _("due today\n"));
			else
				sd_buf_printf(body,
					      ngettext("in %d day\n",
						       "in %d days\n",
						       -it->days),
					      -it->days);
			sd_buf_printf(body, "      %s", it->description);
			if (it->insats)
				sd_buf_printf(body, _("; insats %lld (%s)"),
					      it->insats, it->kind);
			sd_buf_printf(body, _("; since %s\n      source: %s\n"),
				      it->base, it->source);
		}
	}
}

/*
 * One digest: body signed, written to f as a message from from to to,
 * subject and body freed.  0, EX_DATAERR (an address that cannot be
 * mailed), or a write error.
 */
static int
write_mail(struct sd_ctx *ctx, FILE *f, const char *from, const char *from_name,
	   const char *to, const char *to_name, struct sd_buf *subject,
	   struct sd_buf *body)
{
	sd_buf_printf(body, "\n-- \nfollowup-due (socdok %s)\n", SD_VERSION);
	struct sd_mail m = {.from = from,
			    .from_name = from_name,
			    .to = to,
			    .to_name = to_name,
			    .subject = subject->s,
			    .body = body->s,
			    .auto_submitted = 1};
	int rc = sd_mail_write(f, &m);
	sd_buf_free(subject);
	sd_buf_free(body);
	return rc && rc != EX_DATAERR ? sd_fail(ctx, rc, _("write error")) : rc;
}

/*
 * The items of a responsible person who cannot be mailed (why says why)
 * to the enhetschef of each item's unit; a line in warn for each item
 * that reaches no one.
 */
static int
mail_to_chefs(struct sd_ctx *ctx, const struct sd_due_list *l, int i, int j,
	      const char *from, const char *from_name, FILE *f, const char *why,
	      struct sd_buf *warn, int *lostp)
{
	const struct sd_due_item *g = &l->items[i];
	int lost = 0, rc;

	for (int a = i; a < j; a++) {
		const struct sd_due_item *c = &l->items[a];
		int seen = 0, n = 0;
		for (int b = i; b < a && !seen; b++)
			seen = strcmp(l->items[b].chef_login, c->chef_login) ==
			       0;
		if (seen)
			continue;
		for (int b = a; b < j; b++)
			n += strcmp(l->items[b].chef_login, c->chef_login) == 0;
		if (!*c->chef_login ||
		    strcmp(c->chef_login, g->resp_login) == 0 ||
		    !sd_mail_addr_ok(c->chef_email)) {
			lost += n;
			continue;
		}
		struct sd_buf subj, body;
		sd_buf_init(&subj);
		sd_buf_init(&body);
		const char *who = *g->resp_login || g->handlaggare
					  ? g->resp_name
					  : _("no one");
		sd_buf_printf(&subj,
			      ngettext("socdok: %d item of %s, who cannot be "
				       "mailed (%s)",
				       "socdok: %d items of %s, who cannot be "
				       "mailed (%s)",
				       n),
			      n, who, l->today);
		sd_buf_printf(&body,
			      _("These items, due or overdue as of %s, reach "
				"you as enhetschef because their responsible "
				"cannot be mailed: %s.\nPlease see that they "
				"are done, and that the address is "
				"corrected.\n"),
			      l->today, why);
		mail_items(&body, l, i, j, c->chef_login);
		rc = write_mail(ctx, f, from, from_name, c->chef_email,
				c->chef_name, &subj, &body);
		if (rc == EX_DATAERR)
			lost += n;
		else if (rc)
			return rc;
	}
	*lostp = lost;
	if (lost)
		sd_buf_printf(warn,
			      ngettext("%d item reaches no one: the unit has "
				       "no enhetschef with a mail address\n",
				       "%d items reach no one: the unit has "
				       "no enhetschef with a mail address\n",
				       lost),
			      lost);
	return 0;
}

/*
 * One digest per responsible person.  Those who cannot be mailed are
 * said in warn, one line each, and their items go to the enhetschef;
 * *unmailed is set then, for the exit status.
 */
static int
print_mail(struct sd_ctx *ctx, const struct sd_due_list *l, const char *from,
	   const char *from_name, FILE *f, struct sd_buf *warn, int *unmailed)
{
	for (int i = 0, j; i < l->n; i = j) {
		const struct sd_due_item *g = &l->items[i];
		int over, soon, rc;
		struct sd_buf body, subj, why;

		j = group_end(l, i);
		sd_buf_init(&why);
		if (g->handlaggare && !sd_mail_addr_ok(g->resp_email))
			sd_buf_printf(
				&why,
				_("the handläggare %s has no mail address "
				  "(insats %lld); their notices went to the "
				  "enhetschef; record it "
				  "with insats-correct %lld "
				  "--handlaggare-email "
				  "ADDRESS -m WHY"),
				*g->resp_name ? g->resp_name : "-", g->insats,
				g->insats);
		else if (g->handlaggare)
			;
		else if (!*g->resp_login)
			sd_buf_printf(
				&why,
				ngettext("%d item has no one responsible; "
					 "register a kontaktperson or an "
					 "enhetschef for the unit",
					 "%d items have no one responsible; "
					 "register a kontaktperson or an "
					 "enhetschef for the unit",
					 j - i),
				j - i);
		else if (!*g->resp_email)
			sd_buf_printf(&why,
				      _("%s has no mail address; add one with "
					"staff-add %s --email ADDRESS"),
				      g->resp_login, g->resp_login);
		else if (!sd_mail_addr_ok(g->resp_email))
			sd_buf_printf(&why,
				      _("cannot mail %s at '%s', which is not "
					"one mail address; correct it with "
					"staff-add %s --email ADDRESS"),
				      g->resp_login, g->resp_email,
				      g->resp_login);
		if (why.len) {
			int lost = 0;
			sd_buf_printf(warn, "%s\n", why.s);
			rc = mail_to_chefs(ctx, l, i, j, from, from_name, f,
					   why.s, warn, &lost);
			/*
			 * A handläggare without an address: the enhetschef
			 * passes the notice on (Administrativa rutiner:
			 * the unit tells the handläggare), said above but
			 * no failure unless it reached no one.
			 */
			if (!g->handlaggare || lost)
				*unmailed = 1;
			sd_buf_free(&why);
			if (rc)
				return rc;
			continue;
		}
		sd_buf_free(&why);
		counts(l, i, j, &over, &soon);
		sd_buf_init(&subj);
		sd_buf_puts(&subj, "socdok: ");
		count_text(&subj, over, soon, l->within);
		sd_buf_printf(&subj, " (%s)", l->today);
		sd_buf_init(&body);
		if (g->handlaggare)
			sd_buf_printf(
				&body,
				_("A notice for the handläggare %s, as of "
				  "%s: these are yours, not the "
				  "kontaktperson's: "),
				g->resp_name, l->today);
		else
			sd_buf_printf(
				&body,
				_("Due or overdue as of %s for %s (%s): "),
				l->today, g->resp_name, g->resp_login);
		count_text(&body, over, soon, l->within);
		sd_buf_puts(&body, ".\n");
		mail_items(&body, l, i, j, NULL);
		rc = write_mail(ctx, f, from, from_name, g->resp_email,
				g->resp_name, &subj, &body);
		if (rc)
			return rc;
	}
	return 0;
}

int
sd_due_print(struct sd_ctx *ctx, const struct sd_due_list *l,
	     enum sd_due_format fmt, const char *from_name,
	     const char *from_addr, FILE *f, struct sd_buf *warn)
{
	struct sd_table *t;
	int rc;

	switch (fmt) {
	case SD_DUE_TEXT: return print_text(ctx, l, f);
	case SD_DUE_ICS: return print_ics(l, f);
	case SD_DUE_MAIL: {
		int unmailed = 0;
		if ((rc = print_mail(ctx, l, from_addr, from_name, f, warn,
				     &unmailed)))
			return rc;
		return unmailed ? sd_fail(ctx, EX_UNAVAILABLE,
					  _("not everyone responsible could "
					    "be mailed (said above); their "
					    "items went to the enhetschef"))
				: 0;
	}
	default: break;
	}
	t = list_table(l, 0, l->n, 0);
	rc = sd_table_print(ctx, t, f,
			    fmt == SD_DUE_TSV   ? SD_FMT_TSV
			    : fmt == SD_DUE_CSV ? SD_FMT_CSV
						: SD_FMT_JSON);
	sd_table_free(t);
	return rc;
}
