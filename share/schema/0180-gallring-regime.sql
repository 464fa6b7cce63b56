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
	responsible TEXT NOT NULL DEFAULT 'kontaktperson'
		CHECK (responsible IN ('kontaktperson', 'enhetschef', 'arkivarie')),
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
