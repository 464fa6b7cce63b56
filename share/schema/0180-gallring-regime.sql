-- 0180-gallring-regime.sql: gallring by the akt's regime and the
-- provider (issue 14).  A rule's unit may be 'preserve': an akt the rule
-- applies to is never purged (LSS has no gallring rule for a
-- municipality's own activity; SoL 12 kap 1 § does not apply to it).
-- The rule table is made anew, as SQLite cannot change a CHECK.
CREATE TABLE rule_0180 (
	id          TEXT PRIMARY KEY,
	description TEXT NOT NULL,
	base        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount >= 0),
	unit        TEXT NOT NULL
		CHECK (unit IN ('days', 'weeks', 'months', 'years', 'preserve')),
	applies     TEXT NOT NULL DEFAULT '*',
	workday     INTEGER NOT NULL DEFAULT 1 CHECK (workday IN (0, 1)),
	source      TEXT NOT NULL,
	done        TEXT NOT NULL DEFAULT '-',
	-- ('handlaggare' since 0210: a database whose migrations are
	-- inferred from its version runs this file again, over 0210's rules)
	responsible TEXT NOT NULL DEFAULT 'kontaktperson'
		CHECK (responsible IN ('kontaktperson', 'enhetschef', 'arkivarie',
			'handlaggare')),
	deadline    TEXT NOT NULL DEFAULT 'exact'
		CHECK (deadline IN ('exact', 'next-year-end')),
	base_code   INTEGER NOT NULL DEFAULT 0,
	done_code   INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO rule_0180(id, description, base, amount, unit, applies, workday,
	source, done, responsible, deadline, base_code, done_code)
	SELECT id, description, base, amount, unit, applies, workday, source,
	done, responsible, deadline, base_code, done_code FROM rule;
DROP TABLE rule;
ALTER TABLE rule_0180 RENAME TO rule;

-- The rules loaded before: the municipal gallring rule was for every
-- akt; from here it is SoL's, and LSS akter of a municipality are
-- preserved (a kommun whose archive authority decided otherwise edits
-- rules.tsv and loads it).
UPDATE rule SET applies = 'kommunal,SoL'
	WHERE id = 'gallring' AND applies = 'kommunal';
INSERT INTO rule(id, description, base, amount, unit, applies, workday,
	source, done, responsible, deadline, base_code, done_code)
	SELECT 'gallring-lss',
	'LSS-akter hos kommunal utförare bevaras (LSS saknar gallringsregel för kommunens egen verksamhet)',
	'sista-anteckning', 0, 'preserve', 'kommunal,LSS', 0,
	'LSS (1993:387); arkivmyndighetens beslut', '-', 'arkivarie',
	'next-year-end', 8, 0
	WHERE EXISTS (SELECT 1 FROM rule WHERE id = 'gallring'
		AND applies = 'kommunal,SoL')
	AND NOT EXISTS (SELECT 1 FROM rule WHERE id = 'gallring-lss');

-- The sources of the rules loaded before: the routines by name and the
-- law as socialtjänstlagen (2025:400) with the former provision (the new
-- numbers not checked against SFS: "ej verifierat"), never "seed 00N".
UPDATE rule SET source = 'Rutin för genomförandeplan; Administrativa rutiner (Handbok för verkställighet: 30 dagar efter beslut)'
	WHERE id = 'gp-upprattad' AND source = 'seed 001, 003 (000: en månad; 002: 30 dagar efter beslut)';
UPDATE rule SET source = 'Rutin för genomförandeplan (Rutin för social dokumentation: minst årligen)'
	WHERE id = 'gp-uppfoljning' AND source = 'seed 001 (004: minst årligen)';
UPDATE rule SET source = 'Handbok för verkställighet'
	WHERE id = 'uppfoljningssamtal' AND source = 'seed 002';
UPDATE rule SET source = 'Handbok för verkställighet'
	WHERE id = 'planeringssamtal' AND source = 'seed 002';
UPDATE rule SET source = 'Handbok för verkställighet'
	WHERE id = 'handlaggare-uppfoljning' AND source = 'seed 002';
UPDATE rule SET source = 'Administrativa rutiner; SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §), LSS 28 f §'
	WHERE id = 'ej-verkstallt' AND source = 'seed 003; SoL 16 kap 6 f §, LSS 28 f §';
UPDATE rule SET source = 'Administrativa rutiner; SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §), LSS 28 f §'
	WHERE id = 'ej-verkstallt-enskild' AND source = 'seed 003; SoL 16 kap 6 f §, LSS 28 f §';
UPDATE rule SET source = 'Administrativa rutiner'
	WHERE id = 'journal-avslut' AND source = 'seed 003';
UPDATE rule SET source = 'Handbok för verkställighet'
	WHERE id = 'arkiv-overlamning' AND source = 'seed 002';
UPDATE rule SET source = 'Handbok för verkställighet; SoL (2025:400) ej verifierat (tidigare 12 kap. 1 §)'
	WHERE id = 'gallring' AND source = 'seed 002; SoL 12 kap 1 §';
UPDATE rule SET source = 'LSS (1993:387): ingen gallringsregel för kommunal verksamhet; arkivmyndighetens beslut' WHERE id = 'gallring-lss';
UPDATE rule SET source = 'SoL (2025:400) ej verifierat (tidigare 7 kap. 3 §), LSS 23 c § (ej verifierat)'
	WHERE id = 'gallring-enskild' AND source = 'seed 002; SoL 7 kap 3 §';
UPDATE rule SET source = 'Handbok för verkställighet'
	WHERE id = 'trygghetslarm' AND source = 'seed 002';
