-- 0060-gallra.sql: why an akt is kept from gallring.
--
-- An arkivarie marks an akt never-purge (akt.never_purge) with a reason,
-- or clears the mark with a reason; each change is a row here, so the
-- history of the flag is kept.  The reasons belong to the akt: they go
-- when the akt itself is purged (gallra), and only then.

CREATE TABLE never_purge_note (
	id     INTEGER PRIMARY KEY,
	akt_id INTEGER NOT NULL REFERENCES akt(id),
	at     TEXT NOT NULL,
	login  TEXT NOT NULL,
	flag   INTEGER NOT NULL CHECK (flag IN (0, 1)),
	reason TEXT NOT NULL
) STRICT;
CREATE INDEX never_purge_note_akt ON never_purge_note(akt_id);

CREATE TRIGGER never_purge_note_no_update BEFORE UPDATE ON never_purge_note
BEGIN SELECT RAISE(ABORT, 'never-purge reasons cannot be changed; add a new one (akt-never-purge)'); END;
CREATE TRIGGER never_purge_note_no_delete BEFORE DELETE ON never_purge_note WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'never-purge reasons cannot be deleted except by gallra'); END;

