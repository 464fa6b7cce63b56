-- 0160-protected-log.sql: reads of a protected akt flagged in the access
-- log (issue 19, skyddade personuppgifter).
--
-- access_log.protected is 1 on every line written about an akt that was
-- protected (akt-protect) when the line was written, and NULL otherwise,
-- so `audit-log --protected` lists them for review.  NULL keeps the
-- lines written before this migration as their log-chain entries hold
-- them (a record's body leaves NULL columns out; docs/hash-format.md).
ALTER TABLE access_log ADD COLUMN protected INTEGER
	CHECK (protected IS NULL OR protected = 1);
CREATE INDEX access_log_protected ON access_log(id) WHERE protected = 1;
