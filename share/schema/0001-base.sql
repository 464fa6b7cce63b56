-- 0001-base.sql: the first schema of socdok.
--
-- Dates are TEXT 'YYYY-MM-DD'; times when something was written are TEXT
-- 'YYYY-MM-DDTHH:MM:SSZ' (UTC, the real clock).  Journal notes, plans,
-- signatures, follow-ups and the access log are append-only: triggers
-- refuse UPDATE and DELETE, except inside gallra's purge, which alone
-- registers sd_purging() as true.  (In a plain sqlite3 shell the function
-- does not exist, so the trigger fails there too.)

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE unit (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE staff (
	id     INTEGER PRIMARY KEY,
	login  TEXT NOT NULL UNIQUE,
	name   TEXT NOT NULL,
	title  TEXT NOT NULL,
	role   TEXT NOT NULL CHECK (role IN
	         ('personal', 'samordnare', 'enhetschef', 'arkivarie', 'admin')),
	email  TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	added  TEXT NOT NULL,
	ended  TEXT
) STRICT;

CREATE TABLE staff_unit (
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	unit_id  INTEGER NOT NULL REFERENCES unit(id),
	PRIMARY KEY (staff_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX staff_unit_unit ON staff_unit(unit_id);

-- A person: canonical 12-digit personnummer; birth_day 0 = unknown.
CREATE TABLE person (
	id        INTEGER PRIMARY KEY,
	pnr       TEXT NOT NULL UNIQUE CHECK (length(pnr) = 12),
	name      TEXT NOT NULL,
	birth_day INTEGER NOT NULL
) STRICT;

CREATE TABLE akt (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER NOT NULL REFERENCES person(id),
	unit_id       INTEGER NOT NULL REFERENCES unit(id),
	regime        TEXT NOT NULL CHECK (regime IN ('SoL', 'LSS')),
	kontaktperson INTEGER REFERENCES staff(id),
	opened        TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	created_by    INTEGER NOT NULL REFERENCES staff(id),
	closed        TEXT,
	closed_by     INTEGER REFERENCES staff(id),
	never_purge   INTEGER NOT NULL DEFAULT 0,
	preserved     TEXT
) STRICT;
CREATE UNIQUE INDEX akt_one_open ON akt(person_id, unit_id) WHERE closed IS NULL;
CREATE INDEX akt_unit ON akt(unit_id, closed);
CREATE INDEX akt_person ON akt(person_id);

CREATE TABLE insats (
	id          INTEGER PRIMARY KEY,
	akt_id      INTEGER NOT NULL REFERENCES akt(id),
	kind        TEXT NOT NULL,
	decided     TEXT NOT NULL,
	ordered     TEXT,
	handlaggare TEXT,
	goal        TEXT,
	started     TEXT,
	ended       TEXT,
	end_reason  TEXT,
	created_at  TEXT NOT NULL,
	created_by  INTEGER NOT NULL REFERENCES staff(id),
	CHECK (ordered IS NULL OR ordered >= decided),
	CHECK (started IS NULL OR started >= decided),
	CHECK (ended IS NULL OR (started IS NOT NULL AND ended >= started))
) STRICT;
CREATE INDEX insats_akt ON insats(akt_id);

-- The social journal.  seq numbers the notes of one akt from 1; hash is
-- SHA-256 over the note's canonical content and prev_hash (the previous
-- note's hash in the same akt, or 64 zeros), see docs/hash-format.md.
CREATE TABLE note (
	id           INTEGER PRIMARY KEY,
	akt_id       INTEGER NOT NULL REFERENCES akt(id),
	seq          INTEGER NOT NULL,
	event_date   TEXT NOT NULL,
	written_at   TEXT NOT NULL,
	author_login TEXT NOT NULL,
	author_name  TEXT NOT NULL,
	author_title TEXT NOT NULL,
	behalf_login TEXT,
	behalf_name  TEXT,
	behalf_title TEXT,
	category     TEXT NOT NULL,
	body         TEXT NOT NULL,
	corrects     INTEGER REFERENCES note(id),
	hash_version INTEGER NOT NULL DEFAULT 1,
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL,
	UNIQUE (akt_id, seq)
) STRICT;
CREATE INDEX note_akt_date ON note(akt_id, event_date);
CREATE INDEX note_corrects ON note(corrects) WHERE corrects IS NOT NULL;

-- Genomförandeplaner: every version kept; a newer version of the same
-- akt supersedes (never deletes) the older one.
CREATE TABLE gp (
	id           INTEGER PRIMARY KEY,
	akt_id       INTEGER NOT NULL REFERENCES akt(id),
	version      INTEGER NOT NULL,
	plan_date    TEXT NOT NULL,
	body         TEXT NOT NULL,
	written_at   TEXT NOT NULL,
	author_login TEXT NOT NULL,
	author_name  TEXT NOT NULL,
	author_title TEXT NOT NULL,
	note_id      INTEGER REFERENCES note(id),
	UNIQUE (akt_id, version)
) STRICT;

CREATE TABLE gp_signature (
	id          INTEGER PRIMARY KEY,
	gp_id       INTEGER NOT NULL REFERENCES gp(id),
	signer      TEXT NOT NULL CHECK (signer IN
	              ('brukare', 'foretradare', 'kontaktperson')),
	sign_date   TEXT NOT NULL,
	name        TEXT,
	declined    TEXT,
	recorded_at TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX gp_signature_gp ON gp_signature(gp_id);

-- Follow-ups and conversations, as dated events (deadlines are computed
-- from these at report time, never stored).
CREATE TABLE followup (
	id          INTEGER PRIMARY KEY,
	akt_id      INTEGER NOT NULL REFERENCES akt(id),
	gp_id       INTEGER REFERENCES gp(id),
	kind        TEXT NOT NULL CHECK (kind IN ('uppfoljning',
	              'uppfoljningssamtal', 'planeringssamtal',
	              'introduktionssamtal', 'handlaggare-uppfoljning',
	              'trygghetslarm')),
	fdate       TEXT NOT NULL,
	note_id     INTEGER REFERENCES note(id),
	recorded_at TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX followup_akt ON followup(akt_id, kind, fdate);

-- Deadline rules, loaded from share/rules.tsv (rules-load).
CREATE TABLE rule (
	id          TEXT PRIMARY KEY,
	description TEXT NOT NULL,
	base        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount >= 0),
	unit        TEXT NOT NULL CHECK (unit IN ('days', 'weeks', 'months', 'years')),
	applies     TEXT NOT NULL DEFAULT '*',
	workday     INTEGER NOT NULL DEFAULT 1 CHECK (workday IN (0, 1)),
	source      TEXT NOT NULL
) STRICT;

-- Who read or changed what.  Append-only.
CREATE TABLE access_log (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	login   TEXT NOT NULL,
	program TEXT NOT NULL,
	akt_id  INTEGER,
	what    TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_akt ON access_log(akt_id);
CREATE INDEX access_log_at ON access_log(at);

-- Purges done: no personal data, only counts and akt ids with a year.
CREATE TABLE gallring_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	as_of     TEXT NOT NULL,
	decision  TEXT NOT NULL,
	login     TEXT NOT NULL,
	purged    INTEGER NOT NULL,
	preserved INTEGER NOT NULL,
	detail    TEXT NOT NULL
) STRICT;

CREATE TRIGGER note_no_update BEFORE UPDATE ON note
BEGIN SELECT RAISE(ABORT, 'journal notes cannot be changed; write a correction (journal-correct)'); END;
CREATE TRIGGER note_no_delete BEFORE DELETE ON note WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'journal notes cannot be deleted except by gallra'); END;
CREATE TRIGGER gp_no_update BEFORE UPDATE ON gp
BEGIN SELECT RAISE(ABORT, 'plans cannot be changed; write a new version (gp-new)'); END;
CREATE TRIGGER gp_no_delete BEFORE DELETE ON gp WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'plans cannot be deleted except by gallra'); END;
CREATE TRIGGER gp_signature_no_update BEFORE UPDATE ON gp_signature
BEGIN SELECT RAISE(ABORT, 'signatures cannot be changed'); END;
CREATE TRIGGER gp_signature_no_delete BEFORE DELETE ON gp_signature WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'signatures cannot be deleted except by gallra'); END;
CREATE TRIGGER followup_no_update BEFORE UPDATE ON followup
BEGIN SELECT RAISE(ABORT, 'follow-ups cannot be changed'); END;
CREATE TRIGGER followup_no_delete BEFORE DELETE ON followup WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'follow-ups cannot be deleted except by gallra'); END;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log WHEN NOT sd_purging()
BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
CREATE TRIGGER gallring_log_no_update BEFORE UPDATE ON gallring_log
BEGIN SELECT RAISE(ABORT, 'the gallring log cannot be changed'); END;
CREATE TRIGGER gallring_log_no_delete BEFORE DELETE ON gallring_log
BEGIN SELECT RAISE(ABORT, 'the gallring log cannot be changed'); END;
