-- 0030-followup.sql: what followup-due and ivo-report need.
--
-- A rule now also says which fact satisfies it ("done"), who answers for
-- it ("responsible") and whether its deadline is the computed day or the
-- end of the following calendar year ("deadline", for gallring: SoL
-- 12 kap 1 §, "avslutad senast kalenderåret efter").  Deadlines are still
-- computed at report time, never stored.

ALTER TABLE rule ADD COLUMN done TEXT NOT NULL DEFAULT '-';
ALTER TABLE rule ADD COLUMN responsible TEXT NOT NULL DEFAULT 'kontaktperson'
	CHECK (responsible IN ('kontaktperson', 'enhetschef', 'arkivarie'));
ALTER TABLE rule ADD COLUMN deadline TEXT NOT NULL DEFAULT 'exact'
	CHECK (deadline IN ('exact', 'next-year-end'));

-- Rules loaded before this migration get what share/rules.tsv now says.
UPDATE rule SET done = CASE id
	WHEN 'gp-upprattad' THEN 'gp'
	WHEN 'planeringssamtal' THEN 'planeringssamtal'
	WHEN 'handlaggare-uppfoljning' THEN 'handlaggare-uppfoljning'
	WHEN 'ej-verkstallt' THEN 'verkstallighet'
	WHEN 'journal-avslut' THEN 'akt-avslutad'
	WHEN 'arkiv-overlamning' THEN 'arkiv-overlamning'
	ELSE '-' END;
UPDATE rule SET responsible = 'enhetschef' WHERE id = 'arkiv-overlamning';
UPDATE rule SET responsible = 'arkivarie', deadline = 'next-year-end'
	WHERE base = 'sista-anteckning';

-- Dated facts that are neither notes nor follow-ups: the hand-over of a
-- closed akt to the intermediate archive (seed 002), and interruptions
-- of an insats and their end (SoL 16 kap 6 f §, LSS 28 f §).  Append-only
-- like the journal; each has its journal note.
CREATE TABLE fact (
	id          INTEGER PRIMARY KEY,
	akt_id      INTEGER NOT NULL REFERENCES akt(id),
	insats_id   INTEGER REFERENCES insats(id),
	kind        TEXT NOT NULL CHECK (kind IN
	              ('arkiv-overlamning', 'avbrott', 'avbrott-slut')),
	fdate       TEXT NOT NULL,
	reason      TEXT,
	note_id     INTEGER REFERENCES note(id),
	recorded_at TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX fact_akt ON fact(akt_id, kind, fdate);
CREATE INDEX fact_insats ON fact(insats_id, kind, fdate)
	WHERE insats_id IS NOT NULL;
CREATE TRIGGER fact_no_update BEFORE UPDATE ON fact
BEGIN SELECT RAISE(ABORT, 'recorded facts cannot be changed'); END;
CREATE TRIGGER fact_no_delete BEFORE DELETE ON fact WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'recorded facts cannot be deleted except by gallra'); END;

-- followup-due reads, per akt, the latest plan and the latest insats
-- events; these make each a short index search.
CREATE INDEX gp_akt_date ON gp(akt_id, plan_date);
CREATE INDEX insats_akt_dates ON insats(akt_id, ended, started);
