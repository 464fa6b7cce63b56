-- 0170-levnadsberattelse.sql: the person's own story (issue 19, seed 002).
--
-- Seed 002: the individual planning results in two documents, the
-- genomförandeplan and the person's levnadsberättelse, "att lära känna
-- brukaren för att kunna ge stöd och hjälp på bästa sätt.  Brukaren
-- avgör vad den tycker är viktigt att dela med sig av."  Like a plan it
-- is a Markdown document kept in versions: a new version (lb-new)
-- supersedes the one before, and none is ever changed or deleted except
-- by gallra, which purges or preserves it with the akt (the foreign key
-- to akt).  Every version is a record of the akt's chain (kind lb,
-- docs/hash-format.md) and is exported with the akt.
CREATE TABLE lb (
	id           INTEGER PRIMARY KEY,
	akt_id       INTEGER NOT NULL REFERENCES akt(id),
	version      INTEGER NOT NULL,
	lb_date      TEXT NOT NULL,   -- the day it was told or written down
	body         TEXT NOT NULL,   -- Markdown, the template's hints removed
	written_at   TEXT NOT NULL,
	author_login TEXT NOT NULL,
	author_name  TEXT NOT NULL,
	author_title TEXT NOT NULL,
	uid          INTEGER,         -- the real uid of the writer (0130)
	UNIQUE (akt_id, version)
) STRICT;
CREATE TRIGGER lb_no_update BEFORE UPDATE ON lb
BEGIN SELECT RAISE(ABORT, 'a levnadsberättelse cannot be changed; write a new version (lb-new)'); END;
CREATE TRIGGER lb_no_delete BEFORE DELETE ON lb WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'a levnadsberättelse cannot be deleted except by gallra'); END;
CREATE TRIGGER chain_lb_new AFTER INSERT ON lb
BEGIN INSERT INTO chain_pending(akt_id, kind, ref)
	VALUES (NEW.akt_id, 'lb', NEW.id); END;
