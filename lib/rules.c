/*
 * rules.c - the deadline rules: a TSV file parsed with libcsv, validated
 * line by line, loaded into the rule table in one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "rules.h"

const char *const sd_rule_bases[SD_BASE_END + 1] = {
	[SD_BASE_BESLUT] = "beslut",
	[SD_BASE_VERKSTALLIGHET] = "verkstallighet",
	[SD_BASE_SENASTE_GP] = "senaste-gp",
	[SD_BASE_SENASTE_SAMTAL] = "senaste-uppfoljningssamtal",
	[SD_BASE_INTRODUKTION] = "introduktionssamtal",
	[SD_BASE_SISTA_INSATS_SLUT] = "sista-insats-slut",
	[SD_BASE_AKT_AVSLUTAD] = "akt-avslutad",
	[SD_BASE_SISTA_ANTECKNING] = "sista-anteckning",
	[SD_BASE_SENASTE_TRYGGHETSLARM] = "senaste-trygghetslarm",
	[SD_BASE_END] = NULL};

const char *const sd_rule_dones[SD_DONE_END + 1] = {
	[SD_DONE_NONE] = "-",
	[SD_DONE_VERKSTALLIGHET] = "verkstallighet",
	[SD_DONE_GP] = "gp",
	[SD_DONE_UPPFOLJNING] = "uppfoljning",
	[SD_DONE_UPPFOLJNINGSSAMTAL] = "uppfoljningssamtal",
	[SD_DONE_PLANERINGSSAMTAL] = "planeringssamtal",
	[SD_DONE_INTRODUKTIONSSAMTAL] = "introduktionssamtal",
	[SD_DONE_HANDLAGGARE_UPPFOLJNING] = "handlaggare-uppfoljning",
	[SD_DONE_TRYGGHETSLARM] = "trygghetslarm",
	[SD_DONE_AKT_AVSLUTAD] = "akt-avslutad",
	[SD_DONE_ARKIV_OVERLAMNING] = "arkiv-overlamning",
	[SD_DONE_END] = NULL};

static int
code_of(const char *const *list, int from, int end, const char *name)
{
	for (int i = from; i < end; i++)
		if (strcmp(list[i], name) == 0)
			return i;
	return -1;
}

int
sd_rule_base_code(const char *name)
{
	return code_of(sd_rule_bases, SD_BASE_BESLUT, SD_BASE_END, name);
}

int
sd_rule_done_code(const char *name)
{
	return code_of(sd_rule_dones, SD_DONE_NONE, SD_DONE_END, name);
}

#define NCOLS 11
static const char *const columns[NCOLS] = {
	N_("id"),          N_("description"), N_("base"),    N_("amount"),
	N_("unit"),        N_("done"),        N_("applies"), N_("workday"),
	N_("responsible"), N_("deadline"),    N_("source")};

struct load {
	int count;
	sqlite3_stmt *ins;
	char **kinds; /* insats kinds, for checking applies */
};

static int
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
one_of(struct sd_ctx *ctx, int line, const char *fmt, const char *v,
       const char *const *list)
{
	struct sd_buf b;

	if (in_list(list, v))
		return 0;
	sd_buf_init(&b);
	for (const char *const *p = list; *p; p++)
		sd_buf_printf(&b, "%s%s", p == list ? "" : ", ", *p);
	/* fmt: "line %d: unknown WHAT '%s'; use one of: %s", whole for the
	   translators */
	sd_fail(ctx, EX_DATAERR, fmt, line, v, b.s);
	sd_buf_free(&b);
	return EX_DATAERR;
}

/* The sort of a word of applies: 1 insats kind, 2 regime, 3 provider. */
static int
applies_sort(const char *w, size_t n)
{
	if (n == 3 && (!strncmp(w, "SoL", 3) || !strncmp(w, "LSS", 3)))
		return 2;
	if ((n == 8 && !strncmp(w, "kommunal", 8)) ||
	    (n == 7 && !strncmp(w, "enskild", 7)))
		return 3;
	return 1;
}

int
sd_rule_applies(const char *applies, const char *kind, const char *regime,
		const char *provider)
{
	const char *arg[4] = {NULL, kind, regime, provider};
	int named[4] = {0}, hit[4] = {0};

	if (!applies)
		return 0;
	if (strcmp(applies, "*") == 0)
		return 1;
	for (const char *p = applies; *p;) {
		size_t tl = strcspn(p, ",");
		int sort = applies_sort(p, tl);
		named[sort] = 1;
		if (arg[sort] && strlen(arg[sort]) == tl &&
		    strncmp(p, arg[sort], tl) == 0)
			hit[sort] = 1;
		p += tl + (p[tl] == ',');
	}
	for (int i = 1; i < 4; i++)
		if (named[i] && !hit[i])
			return 0;
	return 1;
}

/* applies: '*' or a comma-separated list of insats kinds, SoL/LSS and
 * kommunal/enskild (the provider set by socdok-init). */
static int
check_applies(struct sd_ctx *ctx, struct load *l, int line, const char *a)
{
	static const char *const other[] = {"SoL", "LSS", "kommunal", "enskild",
					    NULL};
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (!*a)
		return sd_fail(
			ctx, EX_DATAERR,
			_("line %d: applies is empty; write '*' for every "
			  "insats"),
			line);
	if (strcmp(a, "*") == 0)
		return 0;
	copy = sd_strdup(a);
	for (tok = strtok_r(copy, ",", &save); tok && !rc;
	     tok = strtok_r(NULL, ",", &save))
		if (!in_list((const char *const *)l->kinds, tok) &&
		    !in_list(other, tok))
			rc = sd_fail(ctx, EX_DATAERR,
				     _("line %d: applies names '%s', which is "
				       "neither an insats kind (share/"
				       "insatser.txt), SoL, LSS, kommunal nor "
				       "enskild"),
				     line, tok);
	free(copy);
	return rc;
}

static int
on_rule(struct sd_ctx *ctx, void *arg, int line, int n, char **f)
{
	struct load *l = arg;

	if (n != NCOLS)
		return sd_fail(
			ctx, EX_DATAERR,
			_("line %d: %d fields, expected %d (id, description, "
			  "base, amount, unit, done, applies, workday, "
			  "responsible, deadline, source)"),
			line, n, NCOLS);
	if (line == 1 || (l->count == 0 && strcmp(f[0], "id") == 0)) {
		for (int i = 0; i < NCOLS; i++)
			if (strcmp(f[i], columns[i]) != 0)
				return sd_fail(ctx, EX_DATAERR,
					       _("line %d: column %d is '%s', "
						 "expected '%s'"),
					       line, i + 1, f[i], columns[i]);
		return 0;
	}
	if (!*f[0] || strspn(f[0], "abcdefghijklmnopqrstuvwxyz0123456789-") !=
			      strlen(f[0]))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: rule id '%s' must be lower-case "
				 "letters, digits and '-'"),
			       line, f[0]);
	if (!*f[1] || !sd_utf8_valid(f[1], strlen(f[1])))
		return sd_fail(
			ctx, EX_DATAERR,
			_("line %d: rule %s needs a description (UTF-8)"), line,
			f[0]);
	if (one_of(ctx, line,
		   _("line %d: unknown base event '%s'; use one of: %s"), f[2],
		   sd_rule_bases + SD_BASE_BESLUT))
		return EX_DATAERR;
	long long amount;
	if (sd_num_parse(NULL, "amount", f[3], 0, 1000, &amount))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: amount '%s' must be a whole number "
				 "0-1000"),
			       line, f[3]);
	if (strcmp(f[4], "days") && strcmp(f[4], "weeks") &&
	    strcmp(f[4], "months") && strcmp(f[4], "years") &&
	    strcmp(f[4], "preserve"))
		return sd_fail(
			ctx, EX_DATAERR,
			_("line %d: unit '%s' must be days, weeks, months, "
			  "years or preserve"),
			line, f[4]);
	/* (preserve: the akter a gallring rule applies to are kept) */
	if (strcmp(f[4], "preserve") == 0 && strcmp(f[2], "sista-anteckning"))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: unit preserve is for a gallring "
				 "rule only (base sista-anteckning); give rule "
				 "'%s' a period"),
			       line, f[0]);
	if (one_of(ctx, line,
		   _("line %d: unknown done fact '%s'; use one of: %s"), f[5],
		   sd_rule_dones) ||
	    check_applies(ctx, l, line, f[6]))
		return EX_DATAERR;
	if (strcmp(f[7], "0") && strcmp(f[7], "1"))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: workday '%s' must be 1 (move to the "
				 "next working day) or 0"),
			       line, f[7]);
	/* (the time a beslut waited: ivo-report counts it the same way) */
	if (strcmp(f[2], "beslut") == 0 &&
	    strcmp(f[5], "verkstallighet") == 0 && strcmp(f[7], "0"))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: rule '%s' counts calendar months "
				 "from the beslut and is never moved to a "
				 "working day; set its workday to 0"),
			       line, f[0]);
	static const char *const resp[] = {"kontaktperson", "enhetschef",
					   "arkivarie", "handlaggare", NULL};
	static const char *const dl[] = {"exact", "next-year-end", NULL};
	if (one_of(ctx, line,
		   _("line %d: unknown responsible '%s'; use one of: %s"), f[8],
		   resp) ||
	    one_of(ctx, line,
		   _("line %d: unknown deadline '%s'; use one of: %s"), f[9],
		   dl))
		return EX_DATAERR;
	/* (the handläggare is known per insats only) */
	if (strcmp(f[8], "handlaggare") == 0 && strcmp(f[2], "beslut") &&
	    strcmp(f[2], "verkstallighet"))
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: rule '%s' is the handläggare's, "
				 "who is recorded per insats; count it from "
				 "beslut or verkstallighet"),
			       line, f[0]);
	if (!*f[10])
		return sd_fail(ctx, EX_DATAERR,
			       _("line %d: rule %s needs a source (seed or law "
				 "paragraph)"),
			       line, f[0]);
	sqlite3_reset(l->ins);
	for (int i = 0; i < NCOLS; i++)
		sd_bind_text(l->ins, i + 1, f[i]);
	sqlite3_bind_int(l->ins, 4, (int)amount);
	sqlite3_bind_int(l->ins, 8, f[7][0] == '1');
	sqlite3_bind_int(l->ins, 12, sd_rule_base_code(f[2]));
	sqlite3_bind_int(l->ins, 13, sd_rule_done_code(f[5]));
	if (sqlite3_step(l->ins) != SQLITE_DONE) {
		if ((sqlite3_errcode(ctx->db) & 0xff) == SQLITE_CONSTRAINT)
			return sd_fail(ctx, EX_DATAERR,
				       _("line %d: rule '%s' is defined twice"),
				       line, f[0]);
		return sd_fail_db(ctx, _("cannot store rule"));
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
	struct load l = {0, NULL, NULL};
	size_t len;
	char *text;
	int rc;

	if (!(text = sd_read_file(ctx, path, &len)))
		return ctx->err.code;
	if (!(l.kinds = sd_kinds_load(ctx, NULL))) {
		free(text);
		return ctx->err.code;
	}
	if ((rc = sd_exec(ctx, "DELETE FROM rule", SD_END)))
		goto out;
	if (!(l.ins = sd_prepare(ctx, "INSERT INTO rule(id, description, base, "
				      "amount, unit, done, applies, workday, "
				      "responsible, deadline, source, "
				      "base_code, done_code) "
				      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"))) {
		rc = ctx->err.code;
		goto out;
	}
	if ((rc = sd_csv_parse(ctx, text, len, '\t', on_rule, &l)))
		goto out;
	if (l.count == 0)
		rc = sd_fail(ctx, EX_DATAERR, _("'%s' holds no rules"), path);
	if (count)
		*count = l.count;
out:
	if (rc == EX_DATAERR) {
		char msg[sizeof ctx->err.msg];
		snprintf(msg, sizeof msg, "%s", ctx->err.msg);
		sd_fail(ctx, rc, "'%s' %s", path, msg);
	}
	sd_finalize(l.ins);
	sd_list_free(l.kinds);
	free(text);
	return rc;
}

int
sd_rules_table(struct sd_ctx *ctx, struct sd_table **out)
{
	static const int flags[NCOLS] = {0, 0, 0, SD_COL_NUM | SD_COL_RIGHT,
					 0, 0, 0, SD_COL_NUM,
					 0, 0, 0};
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT id, description, base, amount, unit, "
			      "done, applies, workday, responsible, "
			      "deadline, source FROM rule ORDER BY id")))
		return ctx->err.code;
	*out = sd_table_new(NCOLS, columns, flags);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sd_table_add_stmt(*out, st);
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0 : sd_fail_db(ctx, _("cannot list rules"));
}
