-- 0061-gallra-index.sql: indexes for the purge.

-- The purge deletes notes and plans one akt at a time; with foreign keys
-- on, SQLite looks up every deleted parent row in the tables that point
-- at it, and without an index on the pointing column that is a scan of
-- the whole table per row.  (SQLite's advice: index child keys.)
CREATE INDEX gp_note ON gp(note_id) WHERE note_id IS NOT NULL;
CREATE INDEX followup_note ON followup(note_id) WHERE note_id IS NOT NULL;
CREATE INDEX fact_note ON fact(note_id) WHERE note_id IS NOT NULL;
