-- 0235-clock.sql: the newest time a record was written at (issue 18,
-- "Clock").
--
-- A record's written-at time may not be earlier than the newest one
-- already in the database, less a minute for NTP (lib/clock.c): a clock
-- moved back, by faketime or a wrong server clock, is refused rather
-- than stored as history.  One row, read after BEGIN IMMEDIATE and
-- moved forward by every commit (sd_commit), so that the check costs one
-- look-up however large the database is.
--
-- Started from what is already there: the chain of heads (a row for
-- every commit since 0082), the access log (indexed by time) and the
-- notes (from before 0082, or written by socdok-fixture).
CREATE TABLE clock (
	one    INTEGER PRIMARY KEY CHECK (one = 1),
	newest TEXT NOT NULL -- YYYY-MM-DDTHH:MM:SSZ, or '' in a new file
) STRICT;
INSERT INTO clock(one, newest) SELECT 1, max(
	ifnull((SELECT max(at) FROM head_chain), ''),
	ifnull((SELECT max(at) FROM access_log), ''),
	ifnull((SELECT max(written_at) FROM note), ''));
CREATE TRIGGER clock_no_delete BEFORE DELETE ON clock
BEGIN SELECT RAISE(ABORT, 'the clock row cannot be deleted'); END;
CREATE TRIGGER clock_no_back BEFORE UPDATE ON clock
	WHEN NEW.newest < OLD.newest OR NEW.one <> OLD.one
BEGIN SELECT RAISE(ABORT, 'the newest written-at time cannot go back'); END;
