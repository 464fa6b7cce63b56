-- 0140-person-facts.sql: facts about an akt and its insatser that can be
-- corrected without erasing (issue 19).
--
-- akt_fact is the one append-only record of every such fact: a change of
-- the akt (akt-set: name, kontaktperson, unit, företrädare, personnummer),
-- a correction of an insats (insats-correct), the cancellation of an
-- insats never started (insats-cancel), protection of identity
-- (akt-protect/akt-unprotect), information about the right to read
-- (akt-inform), consents (akt-consent) and copies given to the person.
-- Each row says who recorded it and when, the field changed with its old
-- and new value where there is one, and why (text).  The current value
-- lives where it always did (akt, person, insats); the history is here.
CREATE TABLE akt_fact (
	id          INTEGER PRIMARY KEY,
	akt_id      INTEGER NOT NULL REFERENCES akt(id),
	insats_id   INTEGER REFERENCES insats(id),
	kind        TEXT NOT NULL CHECK (kind IN
	              ('akt-set', 'insats-correct', 'insats-cancel',
	               'akt-protect', 'akt-unprotect', 'akt-inform',
	               'akt-consent', 'consent-withdraw', 'export-copy')),
	fdate       TEXT,          -- the date of the event, when it has one
	field       TEXT,          -- akt-set/insats-correct: what changed
	old_value   TEXT,
	new_value   TEXT,
	reason      TEXT,          -- insats-cancel: the reason code
	text        TEXT,          -- why (-m), or how
	ref_id      INTEGER REFERENCES akt_fact(id), -- consent-withdraw: the consent
	note_id     INTEGER REFERENCES note(id),
	recorded_at TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX akt_fact_akt ON akt_fact(akt_id, kind);
CREATE INDEX akt_fact_insats ON akt_fact(insats_id, kind)
	WHERE insats_id IS NOT NULL;
CREATE INDEX akt_fact_note ON akt_fact(note_id) WHERE note_id IS NOT NULL;
CREATE TRIGGER akt_fact_no_update BEFORE UPDATE ON akt_fact
BEGIN SELECT RAISE(ABORT, 'recorded facts cannot be changed'); END;
CREATE TRIGGER akt_fact_no_delete BEFORE DELETE ON akt_fact WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'recorded facts cannot be deleted except by gallra'); END;

-- insats-cancel: a beslut never carried out ends with a reason
-- (IVO: "avslutat utan att ha verkställts").  The insats table's own CHECK
-- ties ended to started, so a cancellation has its own columns; the fact
-- (kind insats-cancel) holds who, when and the text.
ALTER TABLE insats ADD COLUMN cancelled TEXT
	CHECK (cancelled IS NULL OR (started IS NULL AND ended IS NULL
	       AND cancelled >= decided));
ALTER TABLE insats ADD COLUMN cancel_reason TEXT
	CHECK (cancel_reason IS NULL OR cancel_reason IN
	       ('återkallat', 'avböjt', 'avliden', 'flyttat', 'annat'));
CREATE TRIGGER insats_cancelled_final BEFORE UPDATE OF started, ended,
	cancelled ON insats WHEN OLD.cancelled IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a cancelled insats cannot be started, ended or cancelled again'); END;

-- A cancelled insats no longer runs: the rules on an open insats stop,
-- and the journal-avslut rule counts from the last end or cancellation.
DROP TRIGGER akt_due_facts_insats;
DROP TRIGGER akt_due_facts_insats_end;
DROP TRIGGER akt_due_facts_insats_gone;
CREATE TRIGGER akt_due_facts_insats AFTER INSERT ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = open_insatser + (NEW.ended IS NULL AND
	  NEW.cancelled IS NULL),
	last_ended = CASE WHEN coalesce(NEW.ended, NEW.cancelled) IS NOT NULL
	  AND NOT coalesce(last_ended >= coalesce(NEW.ended, NEW.cancelled), 0)
	  THEN coalesce(NEW.ended, NEW.cancelled) ELSE last_ended END
	WHERE akt_id = NEW.akt_id; END;
CREATE TRIGGER akt_due_facts_insats_end AFTER UPDATE OF ended, cancelled,
	akt_id ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = (SELECT count(*) FROM insats i WHERE i.akt_id =
	  akt_due_facts.akt_id AND i.ended IS NULL AND i.cancelled IS NULL),
	last_ended = (SELECT max(coalesce(i.ended, i.cancelled)) FROM insats i
	  WHERE i.akt_id = akt_due_facts.akt_id)
	WHERE akt_id IN (OLD.akt_id, NEW.akt_id); END;
CREATE TRIGGER akt_due_facts_insats_gone AFTER DELETE ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = (SELECT count(*) FROM insats WHERE akt_id =
	  OLD.akt_id AND ended IS NULL AND cancelled IS NULL),
	last_ended = (SELECT max(coalesce(ended, cancelled)) FROM insats
	  WHERE akt_id = OLD.akt_id)
	WHERE akt_id = OLD.akt_id; END;
