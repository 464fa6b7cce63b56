/*
 * rules.c - the deadline rules: a TSV file parsed with libcsv, validated
 * line by line, loaded into the rule table in one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "rules.h"

const char *const sd_rule_bases[] = {
	"beslut",	      /* the insats's decision date */
	"verkstallighet",     /* the insats's start */
	"senaste-gp",	      /* the latest plan or gp follow-up */
	"senaste-uppfoljningssamtal",
	"introduktionssamtal",
	"sista-insats-slut",  /* the last running insats ended */
	"akt-avslutad",	      /* the akt was closed */
	"sista-anteckning",   /* the last note in the akt */
	"senaste-trygghetslarm", /* start or last alarm follow-up */
	NULL};

static const char *const columns[] = {"id",    "description", "base",
				      "amount", "unit",	     "applies",
				      "workday", "source"};

struct load {
	int count;
	sqlite3_stmt *ins;
};

static int
known_base(const char *b)
{
	for (const char *const *p = sd_rule_bases; *p; p++)
		if (strcmp(*p, b) == 0)
			return 1;
	return 0;
}

static int
on_rule(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct load *l = arg;
	char *end;

	if (n != 8)
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: %d fields, expected 8 (id, description, "
			       "base, amount, unit, applies, workday, source)",
			       line, n);
	if (line == 1 || (l->count == 0 && strcmp(f[0], "id") == 0)) {
		for (int i = 0; i < 8; i++)
			if (strcmp(f[i], columns[i]) != 0)
				return sd_fail(ctx, EX_DATAERR,
					       "line %d: column %d is '%s', "
					       "expected '%s'",
					       line, i + 1, f[i], columns[i]);
		return 0;
	}
	if (!*f[0] || strspn(f[0], "abcdefghijklmnopqrstuvwxyz0123456789-") !=
			      strlen(f[0]))
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: rule id '%s' must be lower-case "
			       "letters, digits and '-'",
			       line, f[0]);
	if (!*f[1] || !sd_utf8_valid(f[1], strlen(f[1])))
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: rule %s needs a description (UTF-8)",
			       line, f[0]);
	if (!known_base(f[2])) {
		struct sd_buf b;
		sd_buf_init(&b);
		for (const char *const *p = sd_rule_bases; *p; p++)
			sd_buf_printf(&b, "%s%s", p == sd_rule_bases ? "" : ", ",
				      *p);
		sd_fail(ctx, EX_DATAERR,
			"line %d: unknown base event '%s'; use one of: %s", line,
			f[2], b.s);
		sd_buf_free(&b);
		return EX_DATAERR;
	}
	long amount = strtol(f[3], &end, 10);
	if (!*f[3] || *end || amount < 0 || amount > 1000)
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: amount '%s' must be a whole number "
			       "0-1000",
			       line, f[3]);
	if (strcmp(f[4], "days") && strcmp(f[4], "weeks") &&
	    strcmp(f[4], "months") && strcmp(f[4], "years"))
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: unit '%s' must be days, weeks, months "
			       "or years",
			       line, f[4]);
	if (!*f[5])
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: applies is empty; write '*' for every "
			       "insats",
			       line);
	if (strcmp(f[6], "0") && strcmp(f[6], "1"))
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: workday '%s' must be 1 (move to the "
			       "next working day) or 0",
			       line, f[6]);
	if (!*f[7])
		return sd_fail(ctx, EX_DATAERR,
			       "line %d: rule %s needs a source (seed or law "
			       "paragraph)",
			       line, f[0]);
	sqlite3_reset(l->ins);
	for (int i = 0; i < 8; i++)
		sd_bind_text(l->ins, i + 1, f[i]);
	sqlite3_bind_int(l->ins, 4, (int)amount);
	sqlite3_bind_int(l->ins, 7, f[6][0] == '1');
	if (sqlite3_step(l->ins) != SQLITE_DONE) {
		if ((sqlite3_errcode(ctx->db) & 0xff) == SQLITE_CONSTRAINT)
			return sd_fail(ctx, EX_DATAERR,
				       "line %d: rule '%s' is defined twice",
				       line, f[0]);
		return sd_fail_db(ctx, "cannot store rule");
	}
	l->count++;
	return 0;
}

char *
sd_rules_default(char *buf, size_t n)
{
	return sd_share_path("rules.tsv", buf, n);
}

int
sd_rules_load(struct sd_ctx *ctx, const char *path, int *count)
{
	struct load l = {0, NULL};
	size_t len;
	char *text;
	int rc;

	if (!(text = sd_read_file(ctx, path, &len)))
		return ctx->err.code;
	if ((rc = sd_exec(ctx, "DELETE FROM rule", SD_END)))
		goto out;
	if (!(l.ins = sd_prepare(ctx, "INSERT INTO rule(id, description, base, "
				     "amount, unit, applies, workday, source) "
				     "VALUES (?,?,?,?,?,?,?,?)"))) {
		rc = ctx->err.code;
		goto out;
	}
	if ((rc = sd_csv_parse(ctx, text, len, '\t', on_rule, &l)))
		goto out;
	if (l.count == 0)
		rc = sd_fail(ctx, EX_DATAERR, "'%s' holds no rules", path);
	if (count)
		*count = l.count;
out:
	if (rc == EX_DATAERR) {
		char msg[sizeof ctx->err.msg];
		snprintf(msg, sizeof msg, "%s", ctx->err.msg);
		sd_fail(ctx, rc, "'%s' %s", path, msg);
	}
	sqlite3_finalize(l.ins);
	free(text);
	return rc;
}

int
sd_rules_table(struct sd_ctx *ctx, struct sd_table **out)
{
	static const char *cols[] = {"id",	"description", "base",
				     "amount", "unit",	      "applies",
				     "workday", "source"};
	static const int flags[] = {0, 0, 0, SD_COL_NUM | SD_COL_RIGHT,
				    0, 0, SD_COL_NUM, 0};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx, "SELECT id, description, base, amount, unit, "
				   "applies, workday, source FROM rule ORDER BY id")))
		return ctx->err.code;
	*out = sd_table_new(8, cols, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, "cannot list rules");
}
