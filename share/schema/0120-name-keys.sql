-- 0120-name-keys.sql: an index of client names for journal-add's lint.
--
-- The lint warns when a note holds another client's first and last name
-- side by side ("Skriv aldrig namn på andra kunder i en journal", seed
-- 002).  It read and tokenized every person's name for every note: 94 %
-- of journal-add's time on a municipality of 50 000 persons, growing
-- with it.  person_name_key holds, for each person, the pairs of
-- case-folded words the lint looks for -- "first last" (a first name
-- before the first word of the last name) and "last first" (the last
-- word of the last name before a first name) -- so a note costs one
-- look-up per pair of adjacent words in it, whatever the size of the
-- municipality.  The words are cut and folded in C (lib/lint.c, the
-- same code that reads the note), so the triggers below only queue a
-- new or renamed person in person_name_pending; the lint adds the keys
-- of what is queued before it looks.  A purged person (gallra) takes
-- their keys with them: the names are personal data.
CREATE TABLE person_name_key (
	key       TEXT NOT NULL,    -- two folded words, one space between
	person_id INTEGER NOT NULL, -- person.id
	PRIMARY KEY (key, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_name_key_person ON person_name_key(person_id);

CREATE TABLE person_name_pending (
	person_id INTEGER PRIMARY KEY -- person.id, keys not yet made
) STRICT;

-- (No OR IGNORE: an outer statement's conflict clause overrides a
-- trigger's, so an upsert on person would turn it into an abort.)
CREATE TRIGGER person_name_new AFTER INSERT ON person
BEGIN INSERT INTO person_name_pending SELECT NEW.id WHERE NOT EXISTS
	(SELECT 1 FROM person_name_pending WHERE person_id = NEW.id); END;
CREATE TRIGGER person_name_changed AFTER UPDATE OF name ON person
BEGIN
	DELETE FROM person_name_key WHERE person_id = OLD.id;
	INSERT INTO person_name_pending SELECT NEW.id WHERE NOT EXISTS
		(SELECT 1 FROM person_name_pending WHERE person_id = NEW.id);
END;
CREATE TRIGGER person_name_gone AFTER DELETE ON person
BEGIN
	DELETE FROM person_name_key WHERE person_id = OLD.id;
	DELETE FROM person_name_pending WHERE person_id = OLD.id;
END;

-- Every person already there is queued; the first lint makes their keys.
INSERT INTO person_name_pending SELECT id FROM person;
