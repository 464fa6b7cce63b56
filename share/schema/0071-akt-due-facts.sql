-- 0071-akt-due-facts.sql: the latest dated facts of each akt, for
-- followup-due.
--
-- followup-due needs, for every open akt, the latest plan, the latest
-- established plan, the latest follow-up of each kind and whether an
-- insats is still running: about ten index look-ups per akt, most of the
-- time of a report over a whole municipality.  This table holds those
-- maxima, one row per akt, kept by the triggers below whenever a plan,
-- signature, follow-up or insats is written, changed or purged.  It is
-- derived data only: every column is a max() over the stored facts, so
-- it can be rebuilt at any time (the INSERT at the end does), and it
-- holds no deadline -- due dates are still computed at report time from
-- these dates and the rules in force.
CREATE TABLE akt_due_facts (
	akt_id                  INTEGER PRIMARY KEY, -- akt.id
	est_gp                  TEXT, -- plan date of the latest plan signed
	                              -- by the brukare or a företrädare
	last_gp                 TEXT, -- max(gp.plan_date)
	uppfoljning             TEXT, -- max(followup.fdate) of each kind
	uppfoljningssamtal      TEXT,
	planeringssamtal        TEXT,
	introduktionssamtal     TEXT,
	handlaggare_uppfoljning TEXT,
	trygghetslarm           TEXT,
	open_insatser           INTEGER NOT NULL DEFAULT 0, -- not ended
	last_ended              TEXT  -- max(insats.ended)
) STRICT;

CREATE TRIGGER akt_due_facts_akt AFTER INSERT ON akt
BEGIN INSERT INTO akt_due_facts(akt_id) VALUES (NEW.id); END;
CREATE TRIGGER akt_due_facts_akt_gone AFTER DELETE ON akt
BEGIN DELETE FROM akt_due_facts WHERE akt_id = OLD.id; END;

-- (An UPDATE, never an INSERT: when gallra purges an akt this row goes
-- first, and what is deleted after it must not bring it back.)
--
-- What is written adds to a maximum, one look-up: the generator writes
-- millions of rows.  What is changed or deleted (an insats ended, a
-- purge) recomputes the maximum from what is left.
CREATE TRIGGER akt_due_facts_gp AFTER INSERT ON gp
BEGIN UPDATE akt_due_facts SET
	last_gp = CASE WHEN last_gp >= NEW.plan_date THEN last_gp
	  ELSE NEW.plan_date END,
	est_gp = CASE WHEN coalesce(est_gp >= NEW.plan_date, 0) OR NOT EXISTS
	  (SELECT 1 FROM gp_signature s WHERE s.gp_id = NEW.id
	   AND s.signer IN ('brukare', 'foretradare'))
	  THEN est_gp ELSE NEW.plan_date END
	WHERE akt_id = NEW.akt_id; END;
CREATE TRIGGER akt_due_facts_gp_gone AFTER DELETE ON gp
BEGIN UPDATE akt_due_facts SET
	est_gp = (SELECT max(g.plan_date) FROM gp g WHERE g.akt_id = OLD.akt_id
	  AND EXISTS (SELECT 1 FROM gp_signature s WHERE s.gp_id = g.id
	  AND s.signer IN ('brukare', 'foretradare'))),
	last_gp = (SELECT max(plan_date) FROM gp WHERE akt_id = OLD.akt_id)
	WHERE akt_id = OLD.akt_id; END;
CREATE TRIGGER akt_due_facts_sign AFTER INSERT ON gp_signature
WHEN NEW.signer IN ('brukare', 'foretradare')
BEGIN UPDATE akt_due_facts SET
	est_gp = coalesce((SELECT CASE WHEN akt_due_facts.est_gp >= g.plan_date
	  THEN akt_due_facts.est_gp ELSE g.plan_date END FROM gp g
	  WHERE g.id = NEW.gp_id), est_gp)
	WHERE akt_id = (SELECT akt_id FROM gp WHERE id = NEW.gp_id); END;
CREATE TRIGGER akt_due_facts_sign_gone AFTER DELETE ON gp_signature
BEGIN UPDATE akt_due_facts SET
	est_gp = (SELECT max(g.plan_date) FROM gp g WHERE g.akt_id =
	  akt_due_facts.akt_id AND EXISTS (SELECT 1 FROM gp_signature s
	  WHERE s.gp_id = g.id AND s.signer IN ('brukare', 'foretradare')))
	WHERE akt_id = (SELECT akt_id FROM gp WHERE id = OLD.gp_id); END;

CREATE TRIGGER akt_due_facts_followup AFTER INSERT ON followup
BEGIN UPDATE akt_due_facts SET
	uppfoljning = CASE WHEN NEW.kind = 'uppfoljning' AND NOT coalesce(
	  uppfoljning >= NEW.fdate, 0) THEN NEW.fdate ELSE uppfoljning END,
	uppfoljningssamtal = CASE WHEN NEW.kind = 'uppfoljningssamtal' AND NOT coalesce(
	  uppfoljningssamtal >= NEW.fdate, 0) THEN NEW.fdate ELSE uppfoljningssamtal END,
	planeringssamtal = CASE WHEN NEW.kind = 'planeringssamtal' AND NOT coalesce(
	  planeringssamtal >= NEW.fdate, 0) THEN NEW.fdate ELSE planeringssamtal END,
	introduktionssamtal = CASE WHEN NEW.kind = 'introduktionssamtal' AND NOT coalesce(
	  introduktionssamtal >= NEW.fdate, 0) THEN NEW.fdate ELSE introduktionssamtal END,
	handlaggare_uppfoljning = CASE WHEN NEW.kind = 'handlaggare-uppfoljning' AND NOT coalesce(
	  handlaggare_uppfoljning >= NEW.fdate, 0) THEN NEW.fdate ELSE handlaggare_uppfoljning END,
	trygghetslarm = CASE WHEN NEW.kind = 'trygghetslarm' AND NOT coalesce(
	  trygghetslarm >= NEW.fdate, 0) THEN NEW.fdate ELSE trygghetslarm END
	WHERE akt_id = NEW.akt_id; END;
CREATE TRIGGER akt_due_facts_followup_gone AFTER DELETE ON followup
BEGIN UPDATE akt_due_facts SET
	uppfoljning = (SELECT max(fdate) FROM followup WHERE akt_id =
	  OLD.akt_id AND kind = 'uppfoljning'),
	uppfoljningssamtal = (SELECT max(fdate) FROM followup WHERE akt_id =
	  OLD.akt_id AND kind = 'uppfoljningssamtal'),
	planeringssamtal = (SELECT max(fdate) FROM followup WHERE akt_id =
	  OLD.akt_id AND kind = 'planeringssamtal'),
	introduktionssamtal = (SELECT max(fdate) FROM followup WHERE akt_id =
	  OLD.akt_id AND kind = 'introduktionssamtal'),
	handlaggare_uppfoljning = (SELECT max(fdate) FROM followup WHERE
	  akt_id = OLD.akt_id AND kind = 'handlaggare-uppfoljning'),
	trygghetslarm = (SELECT max(fdate) FROM followup WHERE akt_id =
	  OLD.akt_id AND kind = 'trygghetslarm')
	WHERE akt_id = OLD.akt_id; END;

CREATE TRIGGER akt_due_facts_insats AFTER INSERT ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = open_insatser + (NEW.ended IS NULL),
	last_ended = CASE WHEN NEW.ended IS NOT NULL AND NOT coalesce(
	  last_ended >= NEW.ended, 0) THEN NEW.ended ELSE last_ended END
	WHERE akt_id = NEW.akt_id; END;
CREATE TRIGGER akt_due_facts_insats_end AFTER UPDATE OF ended, akt_id ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = (SELECT count(*) FROM insats i WHERE i.akt_id =
	  akt_due_facts.akt_id AND i.ended IS NULL),
	last_ended = (SELECT max(i.ended) FROM insats i WHERE i.akt_id =
	  akt_due_facts.akt_id)
	WHERE akt_id IN (OLD.akt_id, NEW.akt_id); END;
CREATE TRIGGER akt_due_facts_insats_gone AFTER DELETE ON insats
BEGIN UPDATE akt_due_facts SET
	open_insatser = (SELECT count(*) FROM insats WHERE akt_id =
	  OLD.akt_id AND ended IS NULL),
	last_ended = (SELECT max(ended) FROM insats WHERE akt_id = OLD.akt_id)
	WHERE akt_id = OLD.akt_id; END;

-- The facts already recorded.
INSERT INTO akt_due_facts
SELECT a.id,
       (SELECT max(g.plan_date) FROM gp g WHERE g.akt_id = a.id AND EXISTS
	 (SELECT 1 FROM gp_signature s WHERE s.gp_id = g.id
	  AND s.signer IN ('brukare', 'foretradare'))),
       (SELECT max(plan_date) FROM gp WHERE akt_id = a.id),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'uppfoljning'),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'uppfoljningssamtal'),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'planeringssamtal'),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'introduktionssamtal'),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'handlaggare-uppfoljning'),
       (SELECT max(fdate) FROM followup WHERE akt_id = a.id
	AND kind = 'trygghetslarm'),
       (SELECT count(*) FROM insats WHERE akt_id = a.id AND ended IS NULL),
       (SELECT max(ended) FROM insats WHERE akt_id = a.id)
FROM akt a;
