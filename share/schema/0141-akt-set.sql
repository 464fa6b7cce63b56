-- 0141-akt-set.sql: the företrädare of an akt (issue 19, akt-set).
--
-- A god man, förvaltare or ombud signs the plan for the person
-- (gp-sign --by foretradare) and is told what the person is told.  The
-- akt holds the current one as one line "Name, relation, contact";
-- every change, with the old value, who, when and why, is an akt-set
-- fact in akt_fact (0140), like a change of name, kontaktperson or unit.
ALTER TABLE akt ADD COLUMN foretradare TEXT;
