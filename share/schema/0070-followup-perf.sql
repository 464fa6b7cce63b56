-- 0070-followup-perf.sql: indexes that make followup-due over a whole
-- municipality a matter of index look-ups (bench/README.md has figures).

-- The gallring branch asks, for every closed akt of a person whose akter
-- are all closed, when anything was last written in it (the view
-- akt_last_record, shared with gallra).  Without an index that ends in
-- the written-at column, max() reads every note of the akt from the
-- table; with one, it is a single look-up.  The same holds for plans,
-- signatures, follow-ups and insatser.
CREATE INDEX IF NOT EXISTS note_akt_written ON note(akt_id, written_at);
CREATE INDEX IF NOT EXISTS gp_akt_written ON gp(akt_id, written_at);
CREATE INDEX IF NOT EXISTS gp_signature_recorded ON gp_signature(gp_id, recorded_at);
CREATE INDEX IF NOT EXISTS followup_akt_recorded ON followup(akt_id, recorded_at);
CREATE INDEX IF NOT EXISTS insats_akt_created ON insats(akt_id, created_at);

-- Databases made before 0030 got its indexes in their first form: make
-- sure the open insatser and the signers are read from the index alone.
DROP INDEX IF EXISTS insats_akt_dates;
CREATE INDEX insats_akt_dates ON insats(akt_id, ended, started, decided, kind);
CREATE INDEX IF NOT EXISTS gp_signature_signer ON gp_signature(gp_id, signer);
