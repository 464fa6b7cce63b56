/*
 * inform.c - the person's right to read their file (issue 19; SoL on
 * the person's access to the documentation, seed 002): akt-inform
 * records that the person was told of the right and how, akt-export
 * --for-person that a copy was handed over (masking, where some notes
 * concern others, what OSL 26 kap. keeps secret).  Each is a fact of
 * the akt (akt_fact: akt-inform with its date and how; export-copy with
 * its format and the notes masked), in the akt's chain; akt-show and
 * the export show them.
 */
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "export-int.h"
#include "fact.h"
#include "inform.h"

int
sd_inform_akt(struct sd_ctx *ctx, const char *ref, const char *date,
	      const char *how, long long *akt)
{
	struct sd_akt_fact f = {0};
	struct sd_akt a;
	int rc, day, opened;

	date = date ? date : ctx->today_s;
	if (!how || sd_blank(how) || !sd_utf8_valid(how, strlen(how)))
		return sd_fail(ctx, EX_USAGE,
			       _("say how the person was informed with --how "
				 "TEXT (UTF-8), e.g. \"muntligt vid "
				 "inskrivningen\""));
	if ((rc = sd_date_opt(ctx, "--date", date, &day)) ||
	    (rc = sd_akt_find(ctx, ref, &a)) ||
	    (rc = sd_akt_check_write(ctx, &a)) ||
	    (rc = sd_akt_check_open(ctx, &a)))
		return rc;
	*akt = a.id;
	if (day > ctx->today)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is in the future (today is %s)"),
			       date, ctx->today_s);
	if (sd_date_parse(a.opened, &opened) == 0 && day < opened)
		return sd_fail(ctx, EX_DATAERR,
			       _("--date %s is before akt %lld was opened "
				 "(%s); give the day the person was informed"),
			       date, a.id, a.opened);
	f.akt = a.id;
	f.kind = "akt-inform";
	f.date = date;
	f.text = how;
	if ((rc = sd_fact_akt_add(ctx, &f, NULL)))
		return rc;
	return sd_log_access(ctx, a.id,
			     "recorded information on the right "
			     "to read the file");
}

int
sd_inform_copy(struct sd_ctx *ctx, long long akt, const char *fmt,
	       const long long *seqs, size_t n, long long *id)
{
	struct sd_akt_fact f = {0};
	struct sd_buf masked;
	int rc;

	sd_buf_init(&masked);
	for (size_t i = 0; i < n; i++)
		sd_buf_printf(&masked, "%s%lld", i ? ", " : "", seqs[i]);
	f.akt = akt;
	f.kind = "export-copy";
	f.date = ctx->today_s;
	f.field = "format";
	f.new_value = fmt;
	f.text = n ? masked.s : NULL;
	rc = sd_fact_akt_add(ctx, &f, id);
	sd_buf_free(&masked);
	return rc;
}

/* The facts, oldest first: kind, date, how (or format), masked notes,
 * recorded at, login, name, title. */
#define INFORM_SELECT                                                          \
	"SELECT f.kind, f.fdate, CASE f.kind WHEN 'akt-inform' THEN f.text "   \
	"ELSE f.new_value END, CASE f.kind WHEN 'export-copy' THEN f.text "    \
	"END, f.recorded_at, s.login, s.name, s.title FROM akt_fact f JOIN "   \
	"staff s ON s.id = f.recorded_by WHERE f.akt_id = ? AND f.kind IN "    \
	"('akt-inform', 'export-copy') ORDER BY f.fdate, f.id"

int
sd_inform_table(struct sd_ctx *ctx, long long akt, struct sd_table **out)
{
	static const char *cols[] = {N_("what"),     N_("date"),
				     N_("how"),      N_("masked notes"),
				     N_("recorded"), N_("by")};
	static const int flags[] = {0, 0, 0, 0, SD_COL_TIME, 0};
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (!(st = sd_prepare(ctx, INFORM_SELECT)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row[6];
		for (int i = 0; i < 6; i++)
			row[i] = (const char *)sqlite3_column_text(st, i);
		if (!*out)
			*out = sd_table_new(6, cols, flags);
		sd_table_add(*out, row);
	}
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot read the "
						     "information facts"));
}

int
sd_inform_markdown(struct sd_ctx *ctx, long long akt, char **out)
{
	sqlite3_stmt *st;
	struct sd_buf b;
	char t[SD_LOCAL_SIZE];
	int rc;

	*out = NULL;
	if (!(st = sd_prepare(ctx, INFORM_SELECT)))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	sd_buf_init(&b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp(sd_col(st, 0), "akt-inform") == 0) {
			sd_buf_printf(&b,
				      "- **Informerad om rätten att läsa "
				      "akten** %s: ",
				      sd_col(st, 1));
			sd_export_md_inline(&b, sd_col(st, 2));
		} else {
			sd_buf_printf(&b,
				      "- **Kopia lämnad till den enskilde** "
				      "%s (",
				      sd_col(st, 1));
			sd_export_md_inline(&b, sd_col(st, 2));
			if (*sd_col(st, 3)) {
				sd_buf_puts(&b, "; maskerade anteckningar ");
				sd_export_md_inline(&b, sd_col(st, 3));
			}
			sd_buf_puts(&b, ")");
		}
		sd_buf_printf(&b, "\\\n  registrerat %s av **",
			      sd_time_local(sd_col(st, 4), t));
		sd_export_md_inline(&b, sd_col(st, 6));
		sd_buf_puts(&b, "**");
		sd_export_md_paren(&b, sd_col(st, 7));
		sd_buf_puts(&b, "\n");
	}
	sd_finalize(st);
	if (rc != SQLITE_DONE) {
		sd_buf_free(&b);
		return sd_fail_db(ctx, _("cannot read the information facts"));
	}
	if (b.len)
		*out = b.s;
	else
		sd_buf_free(&b);
	return 0;
}

int
sd_inform_json(struct sd_ctx *ctx, long long akt, struct sd_buf *b)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(
		      ctx,
		      "SELECT (SELECT json_group_array(json_object('date', "
		      "f.fdate, 'how', f.text, 'recorded_at', f.recorded_at, "
		      "'recorded_by', (SELECT login FROM staff WHERE id = "
		      "f.recorded_by))) FROM (SELECT * FROM akt_fact WHERE "
		      "akt_id = ?1 AND kind = 'akt-inform' ORDER BY fdate, "
		      "id) f), (SELECT json_group_array(json_object('date', "
		      "f.fdate, 'format', f.new_value, 'masked', json('[' || "
		      "coalesce(f.text, '') || ']'), 'recorded_at', "
		      "f.recorded_at, 'recorded_by', (SELECT login FROM staff "
		      "WHERE id = f.recorded_by))) FROM (SELECT * FROM "
		      "akt_fact WHERE akt_id = ?1 AND kind = 'export-copy' "
		      "ORDER BY fdate, id) f)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp(sd_col(st, 0), "[]") != 0)
			sd_buf_printf(b, ", \"informed\": %s", sd_col(st, 0));
		if (strcmp(sd_col(st, 1), "[]") != 0)
			sd_buf_printf(b, ", \"copies\": %s", sd_col(st, 1));
		rc = SQLITE_DONE;
	}
	sd_finalize(st);
	return rc == SQLITE_DONE ? 0
				 : sd_fail_db(ctx, _("cannot read the "
						     "information facts"));
}
