-- 0245-access-shown-day.sql: the akter a list showed, kept together by
-- the day of the list (issue 18's measurement, bench/README.md).
--
-- With the key (akt_id, log_id) of 0230 every list put each of its rows
-- beside the earlier rows of the same akt, on a page of its own: after
-- a year of lists on the large synthetic municipality (16.8 M rows,
-- 220 MB) one akt-list of every akt dirtied nearly every page of the
-- table and wrote 1.8 GB through the WAL.  Keyed by the day first, a
-- list's rows go among that day's rows only.  Nothing logged changes:
-- the same rows, with the day of their access_log line (UTC, as days
-- since 1970-01-01: two bytes a row, not four as YYYYMMDD; 0 when the
-- line is gone).  A look-up by akt (gallra's purge) makes
-- one search per day that has rows.
CREATE TABLE access_shown_day (
	day       INTEGER NOT NULL, -- the day of access_log.at: unixepoch / 86400
	akt_id    INTEGER NOT NULL,
	log_id    INTEGER NOT NULL, -- access_log.id (no foreign key: gallra
	                            -- may erase the line of another akt)
	protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
	PRIMARY KEY (day, akt_id, log_id)
) STRICT, WITHOUT ROWID;
INSERT INTO access_shown_day(day, akt_id, log_id, protected)
	SELECT ifnull(unixepoch(l.at) / 86400, 0),
	       s.akt_id, s.log_id, s.protected
	FROM access_shown s LEFT JOIN access_log l ON l.id = s.log_id
	ORDER BY 1, 2, 3;
DROP TABLE access_shown;
ALTER TABLE access_shown_day RENAME TO access_shown;
CREATE INDEX access_shown_protected ON access_shown(log_id)
	WHERE protected = 1;
CREATE TRIGGER access_shown_no_update BEFORE UPDATE ON access_shown
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
CREATE TRIGGER access_shown_no_delete BEFORE DELETE ON access_shown
	WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
