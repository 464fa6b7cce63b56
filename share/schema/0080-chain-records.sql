-- 0080-chain-records.sql: every record of an akt in the akt's chain
-- (hash_version 2, docs/hash-format.md).
--
-- Notes were chained alone (hash_version 1, note.hash).  Plans,
-- signatures, follow-ups, insatser, facts, the akt itself and the
-- person's name were not: a changed plan body or insats date went
-- unnoticed.  chain_record is the akt's chain of every record: each
-- insert or change of a row that belongs to an akt appends a record
-- holding the row as it then was (its non-NULL columns, "name: value"
-- lines), linked by hash to the record before it.  A note enters as a
-- record too (its v1 hash among its columns), so the last record's hash,
-- the akt head, stands for the whole akt.
--
-- The triggers below only queue the changed row in chain_pending; the
-- records are made in C (lib/chain.c, sd_chain_flush) when the command
-- commits (a change made by hand in a sqlite3 shell with these triggers
-- in place is chained by the next command that writes).  Another table
-- that belongs to an akt gets two triggers like these (and a line in
-- lib/chain.c's kinds), or its writer calls sd_chain_record().
CREATE TABLE chain_record (
	id           INTEGER PRIMARY KEY,
	akt_id       INTEGER NOT NULL, -- akt.id (no foreign key: gallra
	                               -- erases both together)
	seq          INTEGER NOT NULL, -- 1, 2, 3, ... within the akt
	kind         TEXT NOT NULL,    -- the table of the row
	ref          INTEGER NOT NULL, -- the row's id in that table
	written_at   TEXT NOT NULL,
	login        TEXT NOT NULL,    -- who made the change
	body         TEXT NOT NULL,    -- the row, as hashed
	hash_version INTEGER NOT NULL DEFAULT 2,
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL,
	UNIQUE (akt_id, seq)
) STRICT;
CREATE INDEX chain_record_ref ON chain_record(akt_id, kind, ref, seq);

CREATE TABLE chain_pending (
	id     INTEGER PRIMARY KEY,
	akt_id INTEGER NOT NULL,
	kind   TEXT NOT NULL,
	ref    INTEGER NOT NULL
) STRICT;

CREATE TRIGGER chain_record_no_update BEFORE UPDATE ON chain_record
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed'); END;
CREATE TRIGGER chain_record_no_delete BEFORE DELETE ON chain_record
WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed except by gallra'); END;

CREATE TRIGGER chain_note_new AFTER INSERT ON note
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'note', NEW.id); END;
CREATE TRIGGER chain_gp_new AFTER INSERT ON gp
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'gp', NEW.id); END;
CREATE TRIGGER chain_gp_signature_new AFTER INSERT ON gp_signature
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	SELECT g.akt_id, 'gp_signature', NEW.id FROM gp g
	WHERE g.id = NEW.gp_id; END;
CREATE TRIGGER chain_followup_new AFTER INSERT ON followup
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'followup', NEW.id); END;
CREATE TRIGGER chain_fact_new AFTER INSERT ON fact
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'fact', NEW.id); END;
CREATE TRIGGER chain_never_purge_note_new AFTER INSERT ON never_purge_note
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'never_purge_note', NEW.id); END;
CREATE TRIGGER chain_insats_new AFTER INSERT ON insats
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'insats', NEW.id); END;
CREATE TRIGGER chain_insats_changed AFTER UPDATE ON insats
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'insats', NEW.id); END;
CREATE TRIGGER chain_akt_new AFTER INSERT ON akt
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.id, 'akt', NEW.id), (NEW.id, 'person', NEW.person_id); END;
CREATE TRIGGER chain_akt_changed AFTER UPDATE ON akt
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.id, 'akt', NEW.id); END;
CREATE TRIGGER chain_person_changed AFTER UPDATE ON person
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	SELECT a.id, 'person', NEW.id FROM akt a WHERE a.person_id = NEW.id; END;

-- Every akt already there gets its records at the first command that
-- opens it: after the migrations, sd_chain_backfill (lib/chain.c) queues
-- every row of every record kind that is in no record yet, and the
-- migration's commit chains them.
