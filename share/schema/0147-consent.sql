-- 0147-consent.sql: consents (samtycken) of the person (issue 19, seeds
-- 002 and 004).
--
-- A consent is an akt_fact of kind akt-consent: to whom (consent_to),
-- about what (consent_about), from fdate until consent_until (NULL: until
-- withdrawn), how it was given (text), who recorded it and when.  Its
-- withdrawal is a fact of kind consent-withdraw whose ref_id is the
-- consent: the consent stays, shown as withdrawn.  A consent is withdrawn
-- once.
ALTER TABLE akt_fact ADD COLUMN consent_to TEXT;
ALTER TABLE akt_fact ADD COLUMN consent_about TEXT;
ALTER TABLE akt_fact ADD COLUMN consent_until TEXT
	CHECK (consent_until IS NULL OR consent_until >= fdate);
CREATE UNIQUE INDEX akt_fact_consent_withdrawn ON akt_fact(ref_id)
	WHERE kind = 'consent-withdraw';
