-- 0255-note-recorded-beside.sql: the note trigger queues no note whose
-- record exists, whoever wrote it.
--
-- journal-add writes a note's record in its akt's chain beside the note
-- (lib/journal.c, sd_chain_note_direct and sd_chain_note_record in
-- lib/chain.c), just before its INSERT, as socdok-import has done since
-- 0240, whenever nothing else is queued in the transaction (so the
-- records keep the queue's order).  0250 looked for the record only for
-- a note without a login; a note with one was queued at once, and the
-- commit read it back only to find it recorded.  The look-up is now for
-- every note again (0240's rule): a note whose record its writer made
-- is not queued; every other note (the fixture's, a hand-made one,
-- journal-add's when rows were queued before it) is queued as before.
DROP TRIGGER chain_note_new;
CREATE TRIGGER chain_note_new AFTER INSERT ON note
WHEN NOT EXISTS (SELECT 1 FROM chain_record r WHERE r.akt_id = NEW.akt_id
	AND r.kind = 'note' AND r.ref = NEW.id)
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'note', NEW.id); END;
