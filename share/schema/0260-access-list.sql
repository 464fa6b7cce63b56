-- 0260-access-list.sql: the akter a list showed, a row per list and
-- bucket of akt ids instead of a row per akt (issue 17).
--
-- access_shown (0230, 0245) had a row per akt a list showed: one
-- akt-list of 224 akter wrote 224 rows, among the rows of the earlier
-- lists of the day, dirtying every page of the day's rows (on the
-- small bench database 2.7 M of akt-list's 16 M instructions and 3 ms
-- of its CPU time); audit-log --akt scanned the whole table.
--
-- Here a list writes one row per bucket of 128 akt ids (akt_id >> 7)
-- it showed an akt of, appended: the bucket, the list's access_log
-- line, the akter shown as a JSON array of ids in ascending order
-- ("[1,2,3]", no spaces: `instr` finds ",N," in it) and those of them
-- protected as shown (akt-protect), the same form, NULL for none.  A
-- bucket's row stays within a page (128 ids of up to six digits).
-- `audit-log --akt N` seeks the rows of N's bucket; a list of every
-- akt of a municipality of 57 000 akter is 446 rows, not 57 000.
--
-- Not in the access log's chain (the line is, with its count): gallra
-- takes the akter it purges out of the arrays (and drops a row left
-- empty), as it erased their rows before.
CREATE TABLE access_list (
	id        INTEGER PRIMARY KEY,
	bucket    INTEGER NOT NULL, -- akt_id >> 7 of every akt in akter
	log_id    INTEGER NOT NULL, -- access_log.id (no foreign key: gallra
	                            -- may erase the line of another akt)
	akter     TEXT NOT NULL,    -- JSON array of akt ids, ascending
	protected TEXT              -- the protected ones, the same; or NULL
) STRICT;
CREATE INDEX access_list_bucket ON access_list(bucket);
CREATE INDEX access_list_protected ON access_list(log_id)
	WHERE protected IS NOT NULL;
-- Every earlier row, in the order of its line and bucket (the window
-- orders each array; DISTINCT keeps one row per list and bucket).
INSERT INTO access_list(bucket, log_id, akter, protected)
	SELECT DISTINCT akt_id >> 7, log_id,
	       json_group_array(akt_id) OVER w,
	       nullif(json_group_array(akt_id) FILTER (WHERE protected = 1)
	              OVER w, '[]')
	FROM access_shown
	WINDOW w AS (PARTITION BY log_id, akt_id >> 7 ORDER BY akt_id
	             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
	ORDER BY log_id, akt_id >> 7;
DROP TABLE access_shown;
CREATE TRIGGER access_list_no_update BEFORE UPDATE ON access_list
	WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
CREATE TRIGGER access_list_no_delete BEFORE DELETE ON access_list
	WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
