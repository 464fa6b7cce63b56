-- 0110-import.sql: what socdok-import brought in, and from where.
--
-- One row per imported row of a file: its kind, a stable key (SHA-256
-- of the row's values, so that running the same file again imports
-- nothing twice), the source system, the SHA-256 of the file and the
-- line, and what it became.  An imported journal note is marked here:
-- its author and date are the old system's, its chain link was made at
-- import time.  No personal data but through the keys of rows that are
-- themselves purged with their akt (akt_id), like every row of an akt.
CREATE TABLE import_row (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN
	              ('staff', 'akter', 'insatser', 'journal')),
	key         TEXT NOT NULL,
	akt_id      INTEGER REFERENCES akt(id),
	note_id     INTEGER REFERENCES note(id) DEFERRABLE INITIALLY DEFERRED,
	target      INTEGER,  -- staff, akt or insats id
	source      TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	line        INTEGER NOT NULL,
	imported_at TEXT NOT NULL,
	imported_by TEXT NOT NULL,
	UNIQUE (kind, key)
) STRICT;
CREATE INDEX import_row_akt ON import_row(akt_id) WHERE akt_id IS NOT NULL;
CREATE INDEX import_row_note ON import_row(note_id) WHERE note_id IS NOT NULL;

CREATE TRIGGER import_row_no_update BEFORE UPDATE ON import_row
BEGIN SELECT RAISE(ABORT, 'imported rows cannot be changed'); END;
CREATE TRIGGER import_row_no_delete BEFORE DELETE ON import_row WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'imported rows cannot be deleted except by gallra'); END;
