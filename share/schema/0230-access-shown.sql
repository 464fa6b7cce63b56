-- 0230-access-shown.sql: the akter a list showed (issue 18).
--
-- A list program (akt-list, followup-due, ivo-report, gallra, audit-log)
-- writes one access_log line per run ("listed 37 akter") and here one
-- row per akt it showed, so that `audit-log --akt N` answers who saw N,
-- through which program and when, in lists too.  protected is 1 when
-- the akt was protected (akt-protect) as it was shown, like
-- access_log.protected, for `audit-log --protected`.
--
-- The rows are not in the access log's chain (the line is, with its
-- count): gallra erases the rows of the akter it purges, as it erases
-- every row of a table with an akt_id column.
CREATE TABLE access_shown (
	akt_id    INTEGER NOT NULL,
	log_id    INTEGER NOT NULL, -- access_log.id (no foreign key: gallra
	                            -- may erase the line of another akt)
	protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
	PRIMARY KEY (akt_id, log_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX access_shown_protected ON access_shown(log_id)
	WHERE protected = 1;
CREATE TRIGGER access_shown_no_update BEFORE UPDATE ON access_shown
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
CREATE TRIGGER access_shown_no_delete BEFORE DELETE ON access_shown
	WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
