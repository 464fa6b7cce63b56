-- 0150-granskare.sql: the role granskare (issue 18), an auditor who
-- reads every akt and the access log and writes nothing (lib/actor.c
-- refuses every write of theirs as SQLite prepares it).
--
-- Only the CHECK of staff.role changes, and it only widens: the rows on
-- disk stay as they are, so the table's text in the schema is edited in
-- place (the SQLite documentation's way for a CHECK) instead of copying
-- the table that every record refers to.  The empty table made and
-- dropped after it moves the schema cookie, so another connection
-- reads the new text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
	'''arkivarie'', ''admin'')',
	'''arkivarie'', ''admin'', ''granskare'')')
	WHERE type = 'table' AND name = 'staff';
PRAGMA writable_schema = RESET;
CREATE TABLE granskare_cookie (x INTEGER) STRICT;
DROP TABLE granskare_cookie;
