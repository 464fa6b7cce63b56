/*
 * fact.c - the one writer of the fact table.
 *
 * A fact is a dated event that is neither a note nor a follow-up: an
 * insats interrupted or resumed (insats.c, for ivo-report) or an akt
 * handed over to the intermediate archive (akt.c, for the rule
 * arkiv-overlamning).  Facts are only ever appended, like notes; the
 * programs that record them check the rules, this module only writes.
 */
#include "fact.h"
#include "chain.h"
#include "i18n.h"

int
sd_fact_add(struct sd_ctx *ctx, long long akt, long long insats,
	    const char *kind, const char *date, const char *reason,
	    long long note)
{
	sqlite3_stmt *st;

	if (!(st = sd_prepare(ctx, "INSERT INTO fact(akt_id, insats_id, kind, "
				   "fdate, reason, note_id, recorded_at, "
				   "recorded_by) VALUES (?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, akt);
	if (insats)
		sqlite3_bind_int64(st, 2, insats);
	sd_bind_text(st, 3, kind);
	sd_bind_text(st, 4, date);
	sd_bind_text(st, 5, reason);
	if (note)
		sqlite3_bind_int64(st, 6, note);
	sd_bind_text(st, 7, sd_clock(ctx));
	sqlite3_bind_int64(st, 8, ctx->me.id);
	return sd_step_done(ctx, st, _("cannot record"));
}

int
sd_fact_akt_add(struct sd_ctx *ctx, const struct sd_akt_fact *f, long long *id)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = sd_prepare(ctx,
			      "INSERT INTO akt_fact(akt_id, insats_id, kind, "
			      "fdate, field, old_value, new_value, reason, "
			      "text, ref_id, note_id, recorded_at, "
			      "recorded_by, consent_to, consent_about, "
			      "consent_until) VALUES "
			      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
		return ctx->err.code;
	sqlite3_bind_int64(st, 1, f->akt);
	if (f->insats)
		sqlite3_bind_int64(st, 2, f->insats);
	sd_bind_text(st, 3, f->kind);
	sd_bind_text(st, 4, f->date);
	sd_bind_text(st, 5, f->field);
	sd_bind_text(st, 6, f->old_value);
	sd_bind_text(st, 7, f->new_value);
	sd_bind_text(st, 8, f->reason);
	sd_bind_text(st, 9, f->text);
	if (f->ref)
		sqlite3_bind_int64(st, 10, f->ref);
	if (f->note)
		sqlite3_bind_int64(st, 11, f->note);
	sd_bind_text(st, 12, sd_clock(ctx));
	sqlite3_bind_int64(st, 13, ctx->me.id);
	sd_bind_text(st, 14, f->consent_to);
	sd_bind_text(st, 15, f->consent_about);
	sd_bind_text(st, 16, f->consent_until);
	rc = sd_step_done(ctx, st, _("cannot record the fact"));
	if (rc)
		return rc;
	long long fid = sqlite3_last_insert_rowid(ctx->db);
	if (id)
		*id = fid;
	/* In the akt's chain (hash_version 2, lib/chain.c). */
	return sd_chain_record(ctx, f->akt, "akt_fact", fid);
}
