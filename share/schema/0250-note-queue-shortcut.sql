-- 0250-note-queue-shortcut.sql: the note trigger of 0240 looks for the
-- note's record only for an imported note.
--
-- 0240 made every note insert look in chain_record (an index seek)
-- for the record of the note about to be queued, about 4 600
-- instructions a note; only socdok-import writes a note's record before
-- the note, and an imported note has no login of its own (its author
-- is the old system's, as text).  A note with a login is queued at
-- once, as before 0240; should one be recorded already, the flush finds
-- its record unchanged and adds none.
DROP TRIGGER chain_note_new;
CREATE TRIGGER chain_note_new AFTER INSERT ON note
WHEN NEW.author_login <> '' OR NOT EXISTS (SELECT 1 FROM chain_record r
	WHERE r.akt_id = NEW.akt_id AND r.kind = 'note' AND r.ref = NEW.id)
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'note', NEW.id); END;
