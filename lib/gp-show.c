/*
 * gp-show.c - showing an akt's genomförandeplan: a version with its
 * status, signatures and follow-ups (text, Markdown or JSON), every
 * version, or the diff between two.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "gp.h"

/* The id of version ver (0: the latest) of akt's plan, or 0. */
static long long
version_id(struct sd_ctx *ctx, long long akt, int ver)
{
	char a[32], v[32];
	long long id;

	snprintf(a, sizeof a, "%lld", akt);
	snprintf(v, sizeof v, "%d", ver);
	id = sd_query_int(
		ctx,
		"SELECT id FROM gp WHERE akt_id = ?1 AND (CAST(?2 AS INTEGER) "
		"= 0 OR "
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
		return sd_fail(
			ctx, EX_NOINPUT,
			_("akt %lld has no plan yet; write one with gp-new"),
			akt);
	return sd_fail(ctx, EX_NOINPUT,
		       _("akt %lld has no plan version %d (it has %lld)"), akt,
		       ver, n);
}

/* took part / declined, read from the plan as gp-new checked it. */
static const char *
participation(struct sd_ctx *ctx, const char *body)
{
	struct sd_gp_check c;
	const char *r = N_("unknown");

	if (sd_gp_check(ctx, body, &c) == 0)
		r = c.declined    ? N_("declined")
		    : c.took_part ? N_("took part")
				  : r;
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
	sd_finalize(st);
	snprintf(body_part, sizeof body_part, "%s", participation(ctx, body.s));
	sd_buf_free(&body);
	if (!(st = sd_prepare(
		      ctx,
		      "SELECT json_object('plan', v.id, 'akt', v.akt_id, "
		      "'version', v.version, 'versions', v.versions, "
		      "'plan_date', v.plan_date, 'written_at', "
		      "sd_rfc3339(v.written_at), "
		      "'author', json_object('login', v.author_login, 'name', "
		      "v.author_name, 'title', v.author_title), "
		      "'status', CASE WHEN v.established IS NULL THEN 'draft' "
		      "ELSE 'established' END, 'established', v.established, "
		      "'replaced', v.replaced, 'replaced_by', v.replaced_by, "
		      "'participation', ?2, "
		      "'signatures', (SELECT "
		      "json_group_array(json_object('by', "
		      "s.signer, 'name', s.name, 'date', s.sign_date, "
		      "'declined', "
		      "s.declined, 'recorded_at', sd_rfc3339(s.recorded_at), "
		      "'recorded_by', "
		      "(SELECT login FROM staff WHERE id = s.recorded_by))) "
		      "FROM "
		      "(SELECT * FROM gp_signature WHERE gp_id = v.id ORDER BY "
		      "sign_date, id) s), "
		      "'followups', (SELECT "
		      "json_group_array(json_object('kind', "
		      "x.kind, 'date', x.fdate, 'note', x.note_id)) FROM "
		      "(SELECT * "
		      "FROM followup WHERE gp_id = v.id ORDER BY fdate, id) "
		      "x), "
		      "'last_followup', v.last_followup, "
		      "'note', v.note_id, 'body', g.body) "
		      "FROM gp_version v JOIN gp g ON g.id = v.id WHERE v.id = "
		      "?1")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	sd_bind_text(st, 2, body_part);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fputs(sd_col(st, 0), f);
	sd_finalize(st);
	return rc == SQLITE_ROW ? 0
				: sd_fail_db(ctx, _("cannot read the plan"));
}

/* "label:" padded to the column of the values: the longest label of the
 * language and a space. */
static void
label(FILE *f, const char *l)
{
	static const char *const all[] = {
		N_("plan:"),          N_("akt:"),           N_("version:"),
		N_("plan date:"),     N_("written:"),       N_("status:"),
		N_("replaced:"),      N_("participation:"), N_("signed:"),
		N_("last follow-up:")};
	sd_table_label(f, all, sizeof all / sizeof *all, l);
}

static int
show_text(struct sd_ctx *ctx, const struct sd_akt *a, long long id,
	  enum sd_format fmt, FILE *f)
{
	char at[SD_LOCAL_SIZE];

	sqlite3_stmt *st;
	char pnr[14];
	int rc, first = 1;

	if (!(st = sd_prepare(ctx,
			      "SELECT v.id, v.version, v.versions, "
			      "v.plan_date, v.written_at, v.author_name, "
			      "v.author_title, v.established, v.replaced, "
			      "v.replaced_by_version, v.replaced_by, g.body "
			      "FROM gp_version v JOIN gp g ON g.id = v.id "
			      "WHERE v.id = ?")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sd_finalize(st);
		return sd_fail_db(ctx, _("cannot read the plan"));
	}
	if (fmt == SD_FMT_MD) {
		fputs(sd_col(st, 11), f);
		sd_finalize(st);
		return 0;
	}
	label(f, _("plan:"));
	fprintf(f, "%lld\n", (long long)sqlite3_column_int64(st, 0));
	label(f, _("akt:"));
	fprintf(f, "%lld (%s, %s)\n", a->id, a->name,
		sd_pnr_display(a->pnr, pnr));
	label(f, _("version:"));
	/* TRANSLATORS: "version 2 of 3" */
	fprintf(f, _("%d of %d\n"), sqlite3_column_int(st, 1),
		sqlite3_column_int(st, 2));
	label(f, _("plan date:"));
	fprintf(f, "%s\n", sd_col(st, 3));
	label(f, _("written:"));
	fprintf(f, _("%s by %s (%s)\n"), sd_time_local(sd_col(st, 4), at),
		sd_col(st, 5), sd_col(st, 6));
	label(f, _("status:"));
	if (*sd_col(st, 7))
		fprintf(f, _("established %s\n"), sd_col(st, 7));
	else
		fputs(_("draft (not signed by the person)\n"), f);
	label(f, _("replaced:"));
	if (*sd_col(st, 8))
		fprintf(f, _("%s by version %d (plan %lld)\n"), sd_col(st, 8),
			sqlite3_column_int(st, 9),
			(long long)sqlite3_column_int64(st, 10));
	else
		fputs("-\n", f);
	label(f, _("participation:"));
	fprintf(f, "%s\n", _(participation(ctx, sd_col(st, 11))));

	sqlite3_stmt *s2;
	if (!(s2 = sd_prepare(ctx, "SELECT signer, name, sign_date, declined "
				   "FROM gp_signature WHERE gp_id = ? ORDER BY "
				   "sign_date, id"))) {
		sd_finalize(st);
		return ctx->err.code;
	}
	sqlite3_bind_int64(s2, 1, id);
	while (sqlite3_step(s2) == SQLITE_ROW) {
		label(f, first ? _("signed:") : "");
		/* TRANSLATORS: signer (brukare, kontaktperson), name, date */
		fprintf(f,
			*sd_col(s2, 3) ? _("%s %s declined to sign %s")
				       : _("%s %s signed %s"),
			sd_col(s2, 0), sd_col(s2, 1), sd_col(s2, 2));
		if (*sd_col(s2, 3))
			fprintf(f, ": %s", sd_col(s2, 3));
		fputc('\n', f);
		first = 0;
	}
	sd_finalize(s2);
	if (first) {
		label(f, _("signed:"));
		fputs("-\n", f);
	}
	if (!(s2 = sd_prepare(ctx, "SELECT fdate, kind FROM followup WHERE "
				   "gp_id = ? ORDER BY fdate DESC, id DESC "
				   "LIMIT 1"))) {
		sd_finalize(st);
		return ctx->err.code;
	}
	sqlite3_bind_int64(s2, 1, id);
	label(f, _("last follow-up:"));
	if (sqlite3_step(s2) == SQLITE_ROW)
		fprintf(f, "%s (%s)\n", sd_col(s2, 0), sd_col(s2, 1));
	else
		fputs("-\n", f);
	sd_finalize(s2);
	fputc('\n', f);
	fputs(sd_col(st, 11), f);
	sd_finalize(st);
	return 0;
}

static int
show_diff(struct sd_ctx *ctx, const struct sd_akt *a, int va, int vb, FILE *f)
{
	long long ia = version_id(ctx, a->id, va),
		  ib = version_id(ctx, a->id, vb);
	char *ta, *tb, da[SD_DATE_SIZE] = "", db[SD_DATE_SIZE] = "", from[64],
		       to[64];
	struct sd_diff d;
	struct sd_buf out;
	sqlite3_stmt *st;
	int rc = 0;

	if (!ia)
		return no_version(ctx, a->id, va);
	if (!ib)
		return no_version(ctx, a->id, vb);
	if (!(st = sd_prepare(ctx,
			      "SELECT body, plan_date FROM gp WHERE id = ?")))
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
	sd_finalize(st);
	snprintf(from, sizeof from, "version %d (%s)", va, da);
	snprintf(to, sizeof to, "version %d (%s)", vb, db);
	if (sd_diff_lines(ta, tb, &d) != 0) {
		rc = sd_fail(ctx, EX_SOFTWARE,
			     _("versions %d and %d are too long to compare"),
			     va, vb);
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
		if ((rc = sd_query_ids(ctx, st, _("cannot list plan versions"),
				       &ids, &n)))
			return rc;
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
						      : "\n--------------------"
							"----"
							"----------------------"
							"--\n\n",
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
