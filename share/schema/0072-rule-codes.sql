-- 0072-rule-codes.sql: each rule's base event and satisfying fact also
-- as a code, the number of its name in lib/rules.h (enum sd_rule_base,
-- enum sd_rule_done), stored by rules-load, so that followup-due's query
-- reads the code instead of mapping the names to numbers itself.
ALTER TABLE rule ADD COLUMN base_code INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rule ADD COLUMN done_code INTEGER NOT NULL DEFAULT 0;

-- Rules loaded before this migration: the codes of their names, as
-- sd_rule_base_code and sd_rule_done_code give them.
UPDATE rule SET base_code = CASE base
	WHEN 'beslut' THEN 1
	WHEN 'verkstallighet' THEN 2
	WHEN 'senaste-gp' THEN 3
	WHEN 'senaste-uppfoljningssamtal' THEN 4
	WHEN 'introduktionssamtal' THEN 5
	WHEN 'sista-insats-slut' THEN 6
	WHEN 'akt-avslutad' THEN 7
	WHEN 'sista-anteckning' THEN 8
	WHEN 'senaste-trygghetslarm' THEN 9
	ELSE 0 END,
    done_code = CASE done
	WHEN '-' THEN 0
	WHEN 'verkstallighet' THEN 1
	WHEN 'gp' THEN 2
	WHEN 'uppfoljning' THEN 3
	WHEN 'uppfoljningssamtal' THEN 4
	WHEN 'planeringssamtal' THEN 5
	WHEN 'introduktionssamtal' THEN 6
	WHEN 'handlaggare-uppfoljning' THEN 7
	WHEN 'trygghetslarm' THEN 8
	WHEN 'akt-avslutad' THEN 9
	WHEN 'arkiv-overlamning' THEN 10
	ELSE 0 END;
