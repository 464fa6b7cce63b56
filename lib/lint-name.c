/*
 * lint-name.c - "Skriv aldrig namn på andra kunder i en journal": the
 * names of other persons found in a note's words, among the persons
 * the writer may see.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint-int.h"

static int
cmp_fold(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_word(char **sorted, size_t n, const char *w)
{
	return bsearch(&w, sorted, n, sizeof *sorted, cmp_fold) != NULL;
}

/* Does the text hold first then last (or last then first) at word i? */
static int
name_at(const struct toks *ts, size_t i, const struct toks *a,
	const struct toks *b, size_t *end)
{
	if (i + a->n + b->n > ts->n)
		return 0;
	for (size_t k = 0; k < a->n; k++)
		if (strcmp(ts->t[i + k].fold, a->t[k].fold) != 0)
			return 0;
	for (size_t k = 0; k < b->n; k++)
		if (strcmp(ts->t[i + a->n + k].fold, b->t[k].fold) != 0)
			return 0;
	/* Both in the same sentence, side by side. */
	if (ts->t[i].sentence != ts->t[i + a->n + b->n - 1].sentence)
		return 0;
	*end = i + a->n + b->n - 1;
	return 1;
}

/* A person's name cut into first names and last name ("Efternamn, Förnamn"). */
static void
split_name(const char *name, struct toks *first, struct toks *last)
{
	const char *comma = strchr(name, ',');

	if (comma) {
		char *l = sd_xmalloc((size_t)(comma - name) + 1);
		memcpy(l, name, (size_t)(comma - name));
		l[comma - name] = '\0';
		sd_lint_tokenize(l, last);
		sd_lint_tokenize(comma + 1, first);
		free(l);
		return;
	}
	/* "Förnamn Efternamn": the last word is the last name. */
	sd_lint_tokenize(name, first);
	last->n = 0;
	last->t = NULL;
	last->buf = NULL; /* (its word's fold is in first's buf) */
	if (first->n > 1) {
		last->t = sd_xmalloc(sizeof *last->t);
		last->t[0] = first->t[--first->n];
		last->n = 1;
	}
}

/* The warnings for one person's name found in the text. */
static void
check_person(const char *text, const struct toks *ts, char **sorted,
	     const char *name, struct sd_lint *out)
{
	struct toks last, first;

	split_name(name, &first, &last);
	if (last.n && first.n && has_word(sorted, ts->n, last.t[0].fold)) {
		for (size_t f = 0; f < first.n; f++) {
			struct toks one = {&first.t[f], 1, 0, NULL};
			if (!has_word(sorted, ts->n, one.t[0].fold))
				continue;
			for (size_t i = 0; i < ts->n; i++) {
				size_t end;
				if (name_at(ts, i, &one, &last, &end) ||
				    name_at(ts, i, &last, &one, &end))
					sd_lint_add(
						out, text, &ts->t[i],
						&ts->t[end], "annan-kund",
						_("the name of another client; "
						  "never write other clients' "
						  "names in a journal (write "
						  "\"en annan kund\")"),
						0);
			}
		}
	}
	sd_lint_toks_free(&first);
	sd_lint_toks_free(&last);
}

/*
 * Make the name keys (0120) of the persons queued in
 * person_name_pending: "first last" for each first name before the
 * first word of the last name, "last first" for the last word of the
 * last name before each first name -- the pairs of adjacent words
 * check_person can match.
 */
static int
index_pending(struct sd_ctx *ctx)
{
	sqlite3_stmt *st, *ins;
	struct sd_buf k;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT p.id, p.name FROM "
				   "person_name_pending q JOIN person p ON "
				   "p.id = q.person_id")))
		return ctx->err.code;
	if (!(ins = sd_prepare(ctx, "INSERT OR IGNORE INTO person_name_key"
				    "(key, person_id) VALUES (?, ?)"))) {
		sd_finalize(st);
		return ctx->err.code;
	}
	sd_buf_init(&k);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct toks first, last;
		long long id = sqlite3_column_int64(st, 0);

		split_name(sd_col(st, 1), &first, &last);
		for (size_t f = 0; last.n && f < first.n && rc == SQLITE_ROW;
		     f++)
			for (int order = 0; order < 2; order++) {
				k.len = 0;
				sd_buf_puts(&k, order ? last.t[last.n - 1].fold
						      : first.t[f].fold);
				sd_buf_puts(&k, " ");
				sd_buf_puts(&k, order ? first.t[f].fold
						      : last.t[0].fold);
				sd_bind_text(ins, 1, k.s);
				sqlite3_bind_int64(ins, 2, id);
				if (sqlite3_step(ins) != SQLITE_DONE)
					rc = SQLITE_ERROR;
				sqlite3_reset(ins);
			}
		sd_lint_toks_free(&first);
		sd_lint_toks_free(&last);
		if (rc != SQLITE_ROW)
			break;
	}
	sd_finalize(st);
	sd_finalize(ins);
	sd_buf_free(&k);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx,
				  _("cannot index the names of the persons"));
	return sd_exec(ctx, "DELETE FROM person_name_pending", SD_END);
}

/*
 * Other clients: a person's first name (any of them) and last name (all
 * of its words) next to each other, in either order.  Names are stored
 * "Efternamn, Förnamn".  Only the persons whose name keys (0120) match
 * a pair of adjacent words of the text are read: one look-up per pair,
 * however many persons the municipality has; and only those the writer
 * may see (issue 19: the lint told staff of another unit the name of a
 * client they may not know of).
 */
int
sd_lint_names(struct sd_ctx *ctx, const char *text, const struct toks *ts,
	      long long self, struct sd_lint *out)
{
	char **sorted;
	sqlite3_stmt *st;
	struct sd_buf keys;
	int rc;

	if (ts->n < 2)
		return 0;
	if ((rc = index_pending(ctx)))
		return rc;
	/* The folded words hold letters, digits and hyphens: no quoting. */
	sd_buf_init(&keys);
	sd_buf_puts(&keys, "[");
	for (size_t i = 0; i + 1 < ts->n; i++) {
		sd_buf_puts(&keys, i ? ",\"" : "\"");
		sd_buf_puts(&keys, ts->t[i].fold);
		sd_buf_puts(&keys, " ");
		sd_buf_puts(&keys, ts->t[i + 1].fold);
		sd_buf_puts(&keys, "\"");
	}
	sd_buf_puts(&keys, "]");
	/*
	 * (in person order, as when every person was read) Only the
	 * persons the writer may see: a client of another unit, or a
	 * protected identity the writer may not open, is never named to
	 * them (sd_akt_check_read's rule, in SQL).
	 */
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT p.name FROM person p WHERE p.id IN "
		      "(SELECT k.person_id FROM json_each(?1) j "
		      "JOIN person_name_key k ON k.key = j.value) "
		      "AND p.id != ?2 AND EXISTS (SELECT 1 FROM akt a WHERE "
		      "a.person_id = p.id AND (?3 OR a.unit_id IN (SELECT "
		      "unit_id FROM staff_unit WHERE staff_id = ?4)) AND "
		      "(a.protected = 0 OR ?5 OR a.kontaktperson = ?4 OR (?6 "
		      "AND a.unit_id IN (SELECT unit_id FROM staff_unit WHERE "
		      "staff_id = ?4)))) ORDER BY p.id"))) {
		sd_buf_free(&keys);
		return ctx->err.code;
	}
	sd_bind_text(st, 1, keys.s);
	sqlite3_bind_int64(st, 2, self);
	sqlite3_bind_int(st, 3,
			 ctx->me.role == SD_ROLE_ADMIN ||
				 ctx->me.role == SD_ROLE_ARKIVARIE);
	sqlite3_bind_int64(st, 4, ctx->me.id);
	sqlite3_bind_int(st, 5, ctx->me.role == SD_ROLE_ADMIN);
	sqlite3_bind_int(st, 6, ctx->me.role == SD_ROLE_ENHETSCHEF);
	sorted = sd_xmalloc(ts->n * sizeof *sorted);
	for (size_t i = 0; i < ts->n; i++)
		sorted[i] = ts->t[i].fold;
	sd_sort(sorted, ts->n, sizeof *sorted, cmp_fold);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		check_person(text, ts, sorted, sd_col(st, 0), out);
	sd_finalize(st);
	sd_buf_free(&keys);
	free(sorted);
	if (rc != SQLITE_DONE)
		return sd_fail_db(ctx, _("cannot read the persons"));
	return 0;
}
