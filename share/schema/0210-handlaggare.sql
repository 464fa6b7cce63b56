-- 0210-handlaggare.sql: the handläggare's part (issue 14; Handbok för
-- verkställighet, Administrativa rutiner för handläggare och utförare).
--
-- The handläggare of an insats is recorded with a mail address, so that
-- what is theirs reaches them: the follow-up 40 days after beslut
-- (handlaggare-uppfoljning, now responsible 'handlaggare', a notice to
-- them and no longer the kontaktperson's item), and the notices that an
-- insats started, ended, and that the first genomförandeplan was
-- established (handlaggare-notify), each sent once.
ALTER TABLE insats ADD COLUMN handlaggare_email TEXT;

-- The plan's own follow-up date ("Uppföljning: senast DATE" in Planens
-- framtagande), read by gp-new; gp-uppfoljning is due then when it is
-- earlier than the rule's six months.
ALTER TABLE gp ADD COLUMN followup TEXT;

-- The follow-up date of each akt's latest plan, kept beside the other
-- derived dates of akt_due_facts (0071).
ALTER TABLE akt_due_facts ADD COLUMN gp_followup TEXT;
UPDATE akt_due_facts SET gp_followup = (SELECT g.followup FROM gp g
	WHERE g.akt_id = akt_due_facts.akt_id
	ORDER BY g.plan_date DESC, g.id DESC LIMIT 1);
CREATE TRIGGER akt_due_facts_gp_followup AFTER INSERT ON gp
BEGIN UPDATE akt_due_facts SET gp_followup = (SELECT g.followup FROM gp g
	WHERE g.akt_id = NEW.akt_id ORDER BY g.plan_date DESC, g.id DESC
	LIMIT 1) WHERE akt_id = NEW.akt_id; END;
CREATE TRIGGER akt_due_facts_gp_followup_gone AFTER DELETE ON gp
BEGIN UPDATE akt_due_facts SET gp_followup = (SELECT g.followup FROM gp g
	WHERE g.akt_id = OLD.akt_id ORDER BY g.plan_date DESC, g.id DESC
	LIMIT 1) WHERE akt_id = OLD.akt_id; END;

-- The notices to the handläggare already given, one row each (akt-level
-- notices have insats_id 0): handlaggare-notify lists the events that
-- have none, and with --format mail writes them and records them here.
CREATE TABLE notice_sent (
	akt_id    INTEGER NOT NULL REFERENCES akt(id),
	insats_id INTEGER NOT NULL DEFAULT 0,
	kind      TEXT NOT NULL
		CHECK (kind IN ('insats-start', 'insats-slut', 'forsta-gp')),
	event     TEXT NOT NULL, -- the date of the event told
	sent_at   TEXT NOT NULL, -- when it was written, or 'före 0210'
	sent_by   INTEGER REFERENCES staff(id),
	PRIMARY KEY (akt_id, insats_id, kind)
) STRICT;
-- What happened before there were notices was told by other means: the
-- events already recorded are marked as told, so that the first run does
-- not mail a handläggare about years of old events.
INSERT INTO notice_sent(akt_id, insats_id, kind, event, sent_at)
	SELECT akt_id, id, 'insats-start', started, 'före 0210' FROM insats
	WHERE started IS NOT NULL;
INSERT INTO notice_sent(akt_id, insats_id, kind, event, sent_at)
	SELECT akt_id, id, 'insats-slut', ended, 'före 0210' FROM insats
	WHERE ended IS NOT NULL;
INSERT INTO notice_sent(akt_id, insats_id, kind, event, sent_at)
	SELECT g.akt_id, 0, 'forsta-gp', min(g.plan_date), 'före 0210' FROM gp g
	WHERE EXISTS (SELECT 1 FROM gp_signature s WHERE s.gp_id = g.id
		AND s.signer IN ('brukare', 'foretradare'))
	GROUP BY g.akt_id;

-- The rule table anew, as SQLite cannot change a CHECK: a rule may be
-- the handläggare's.
CREATE TABLE rule_0210 (
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
		CHECK (responsible IN ('kontaktperson', 'enhetschef', 'arkivarie',
			'handlaggare')),
	deadline    TEXT NOT NULL DEFAULT 'exact'
		CHECK (deadline IN ('exact', 'next-year-end')),
	base_code   INTEGER NOT NULL DEFAULT 0,
	done_code   INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO rule_0210(id, description, base, amount, unit, applies, workday,
	source, done, responsible, deadline, base_code, done_code)
	SELECT id, description, base, amount, unit, applies, workday, source,
	done, responsible, deadline, base_code, done_code FROM rule;
DROP TABLE rule;
ALTER TABLE rule_0210 RENAME TO rule;

-- The rules loaded before: the handläggare's follow-up is theirs.
UPDATE rule SET responsible = 'handlaggare',
	description = 'handläggarens uppföljning efter beslut: meddelande till handläggaren'
	WHERE id = 'handlaggare-uppfoljning' AND responsible = 'kontaktperson';
-- The introduction talk "omgående" from verkställighet (Handbok för
-- verkställighet: introduktionssamtalet genomförs omgående, kontaktperson
-- utses omgående), so that the planeringssamtal has its beginning: the
-- individuella vård- och omsorgsplanering of hemtjänst and särskilt
-- boende, whose three talks the handbook describes.
INSERT INTO rule(id, description, base, amount, unit, applies, workday,
	source, done, responsible, deadline, base_code, done_code)
	SELECT 'introduktionssamtal',
	'introduktionssamtal omgående efter verkställighet (kontaktperson utses omgående)',
	'verkstallighet', 0, 'days', 'hemtjänst,särskilt boende', 1,
	'Handbok för verkställighet (introduktionssamtalet genomförs omgående)',
	'introduktionssamtal', 'kontaktperson', 'exact', 2, 6
	WHERE EXISTS (SELECT 1 FROM rule WHERE id = 'handlaggare-uppfoljning')
	AND NOT EXISTS (SELECT 1 FROM rule WHERE id = 'introduktionssamtal');
