/*
 * due.h - what is due or overdue: every deadline of the rules in
 * force, computed in SQL from the stored facts at report time, and its
 * output as text grouped by responsible person, list formats, an
 * iCalendar feed or one mail digest per person.
 */
#ifndef SD_DUE_H
#define SD_DUE_H

#include "socdok.h"

/* What to list (NULL / 0 for no filter). */
struct sd_due_opts {
	int within;            /* days ahead of today (default 14) */
	int overdue_only;      /* only items past their due date */
	const char *unit;      /* unit name */
	const char *for_login; /* responsible person's login */
	const char *rule;      /* rule id */
	int unshown;           /* the items are counted, not shown (-q): the
				  access log names no akt */
};

/* One due item.  Strings are owned by the list. */
struct sd_due_item {
	char *rule, *description, *source;
	long long akt, insats; /* insats 0 for an akt-level rule */
	char *pnr, *person, *unit, *kind;
	char base[SD_DATE_SIZE], due[SD_DATE_SIZE];
	int days; /* days overdue; negative = days left */
	char *resp_login, *resp_name, *resp_email; /* "" when no one */
	/* the enhetschef of the akt's unit, mailed when resp cannot be */
	char *chef_login, *chef_name, *chef_email;
	char *regime;  /* the akt's: SoL or LSS */
	int protected; /* akt-protect: person is sd_person's mask */
	/*
	 * A notice to the insats's handläggare (rule responsible
	 * 'handlaggare'): resp_login "", resp_name and resp_email theirs.
	 */
	int handlaggare;
};

/* The order of responsible persons: staff, handläggare, no one; 0 same. */
int sd_due_resp_cmp(const struct sd_due_item *a, const struct sd_due_item *b);

struct sd_due_list {
	struct sd_due_item *items;
	int n, cap;
	int within;
	char today[SD_DATE_SIZE];
	struct sd_strpool pool; /* the items' strings, freed together */
};

/* Output formats beyond the list formats of socdok.h. */
enum sd_due_format {
	SD_DUE_TEXT,
	SD_DUE_TSV,
	SD_DUE_CSV,
	SD_DUE_JSON,
	SD_DUE_ICS,
	SD_DUE_MAIL
};

/* Parse text|tsv|csv|json|ics|mail (EX_USAGE naming them otherwise). */
int sd_due_format_parse(struct sd_ctx *ctx, const char *s,
			enum sd_due_format *out);

/*
 * Compute the due items the actor may see, sorted: grouped by
 * responsible person, the group with the most overdue item first, then
 * by due date.  Logs one access-log line.  Free with sd_due_list_free.
 */
int sd_due_compute(struct sd_ctx *ctx, const struct sd_due_opts *o,
		   struct sd_due_list *out);
void sd_due_list_free(struct sd_due_list *l);

/* Number of items past their due date. */
int sd_due_overdue(const struct sd_due_list *l);

/*
 * Print the list to f in fmt.  Text, TSV, CSV and JSON are for the unit
 * itself and carry the personnummer; ics and mail leave the unit and
 * carry the name only.  from_name and from_addr are the sender of mail
 * (sd_mail_sender).  The people mail cannot reach (no one responsible,
 * no or a bad address) are added to warn (sd_buf_init'ed by the
 * caller), one line each ending in a newline, for the caller to print
 * as "PROG: LINE"; their items are mailed to the unit's enhetschef, and
 * the return is EX_UNAVAILABLE, so that cron tells the operator.
 */
int sd_due_print(struct sd_ctx *ctx, const struct sd_due_list *l,
		 enum sd_due_format fmt, const char *from_name,
		 const char *from_addr, FILE *f, struct sd_buf *warn);

#endif
