-- 0142-protect.sql: protected identity (skyddade personuppgifter, issue 19).
--
-- akt.protected is the current state; every change of it, who, when and
-- why, is an akt-protect or akt-unprotect fact in akt_fact (0140), in the
-- akt's hash chain.  Only akt-protect/akt-unprotect (lib/protect.c) write
-- it, in the same transaction as the fact.  A protected akt is opened
-- only by its kontaktperson, an enhetschef of its unit and an
-- administrator (sd_akt_check_read).  No address of a person is stored
-- anywhere (t/4012 checks that no table has an address-like column).
ALTER TABLE akt ADD COLUMN protected INTEGER NOT NULL DEFAULT 0
	CHECK (protected IN (0, 1));
