-- 0240-import-note.sql: an imported journal note marked by a 16-byte
-- key, the file it came from once per file, and no queue row for a note
-- whose record is already written (issue 16: socdok-import at half the
-- raw insert rate).
--
-- import_row (0110) marked every imported note with a 64-hex-digit key
-- in a UNIQUE index, two more indexes, and the file's SHA-256, source,
-- time and importer repeated on every row: the costliest of the four
-- rows an imported note wrote.  A journal row is now marked in
-- import_note: keyed by its note (the table's rowid, so rows are
-- appended in order and gallra erases a note's mark through the foreign
-- key), with the first 16 bytes of the row's SHA-256 as its stable key,
-- and the file in import_file, one row per file imported.  Staff, akter
-- and insatser stay in import_row; so do the journal rows imported
-- before this migration, which socdok-import still looks in, so that a
-- file imported then is not imported twice now.  import_file holds no
-- personal data (a source name, a SHA-256, a time, a login).
CREATE TABLE import_file (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN
	              ('staff', 'akter', 'insatser', 'journal')),
	source      TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE import_note (
	note_id INTEGER PRIMARY KEY REFERENCES note(id),
	key     BLOB NOT NULL UNIQUE, -- SHA-256 of the row's values, 16 bytes
	file_id INTEGER NOT NULL REFERENCES import_file(id),
	line    INTEGER NOT NULL
) STRICT;

CREATE TRIGGER import_file_no_update BEFORE UPDATE ON import_file
BEGIN SELECT RAISE(ABORT, 'imported rows cannot be changed'); END;
CREATE TRIGGER import_file_no_delete BEFORE DELETE ON import_file
BEGIN SELECT RAISE(ABORT, 'imported files cannot be deleted'); END;
CREATE TRIGGER import_note_no_update BEFORE UPDATE ON import_note
BEGIN SELECT RAISE(ABORT, 'imported rows cannot be changed'); END;
CREATE TRIGGER import_note_no_delete BEFORE DELETE ON import_note WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'imported rows cannot be deleted except by gallra'); END;

-- A note whose record its writer made before the note (socdok-import:
-- lib/import-row.c) is in its akt's chain already: it is not queued for
-- sd_chain_flush, which would read it back only to find it recorded.
-- Every other note is queued as before (0080).
DROP TRIGGER chain_note_new;
CREATE TRIGGER chain_note_new AFTER INSERT ON note
WHEN NOT EXISTS (SELECT 1 FROM chain_record r WHERE r.akt_id = NEW.akt_id
	AND r.kind = 'note' AND r.ref = NEW.id)
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'note', NEW.id); END;
