-- 0082-chain-logs.sql: the access log and the gallringslogg as chains,
-- the tombstones of purged akter, and the chain of heads whose last hash
-- is the database head (docs/hash-format.md, "The database head").
--
-- None of these tables has an akt_id column: gallra erases every row of
-- a table with one, and these must outlive the akt (they hold no
-- personal data: ids, counts and hashes).

-- The gallringslogg's row per purged or handed-over akt, written in the
-- purge's own transaction: the akt id, its chain's final length and head,
-- the decision, and the access-log rows the purge erased with it.
CREATE TABLE gallring_tombstone (
	id            INTEGER PRIMARY KEY,
	at            TEXT NOT NULL,
	as_of         TEXT NOT NULL,
	akt           INTEGER NOT NULL,
	action        TEXT NOT NULL,   -- purge | handover | restore
	decision      TEXT NOT NULL,   -- the decision reference (beslut)
	login         TEXT NOT NULL,
	records       INTEGER NOT NULL, -- records in the akt's chain
	final_head    TEXT NOT NULL,    -- the hash of the last one
	access_erased TEXT NOT NULL DEFAULT '' -- access_log ids, "1,5,9"
) STRICT;
CREATE INDEX gallring_tombstone_akt ON gallring_tombstone(akt);
CREATE TRIGGER gallring_tombstone_no_update BEFORE UPDATE ON gallring_tombstone
BEGIN SELECT RAISE(ABORT, 'the gallring log cannot be changed'); END;
CREATE TRIGGER gallring_tombstone_no_delete BEFORE DELETE ON gallring_tombstone
BEGIN SELECT RAISE(ABORT, 'the gallring log cannot be changed'); END;

-- The two database-wide chains: log 'access' (access_log rows) and log
-- 'gallring' (gallring_log and gallring_tombstone rows).  An entry holds
-- the hash of its row; the row itself stays where it is.
CREATE TABLE log_chain (
	id        INTEGER PRIMARY KEY,
	log       TEXT NOT NULL CHECK (log IN ('access', 'gallring')),
	seq       INTEGER NOT NULL,
	kind      TEXT NOT NULL,
	ref       INTEGER NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL,
	UNIQUE (log, seq)
) STRICT;
CREATE INDEX log_chain_ref ON log_chain(kind, ref);
CREATE TRIGGER log_chain_no_update BEFORE UPDATE ON log_chain
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed'); END;
CREATE TRIGGER log_chain_no_delete BEFORE DELETE ON log_chain
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed'); END;

-- The chain of heads: each time an akt's chain or a log chain grows, the
-- new length and head, linked by hash.  Its last hash is the database
-- head that socdok-anchor prints.
CREATE TABLE head_chain (
	seq       INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	chain     TEXT NOT NULL,   -- akt | access | gallring
	akt       INTEGER NOT NULL, -- the akt (0 for a log)
	count     INTEGER NOT NULL,
	head      TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;
CREATE INDEX head_chain_akt ON head_chain(chain, akt, seq);
CREATE TRIGGER head_chain_no_update BEFORE UPDATE ON head_chain
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed'); END;
CREATE TRIGGER head_chain_no_delete BEFORE DELETE ON head_chain
BEGIN SELECT RAISE(ABORT, 'the chain cannot be changed'); END;
