-- 0020-gp.sql: genomförandeplaner as versions with their state.
--
-- A plan row is never changed (0001's triggers), so what happens to it
-- later is derived, not stored: it is replaced on the plan date of the
-- next version of the same akt (seed 001: "Alla genomförandeplaner som
-- är inaktuella skall sparas"), established on the first signature, or
-- recorded refusal to sign, of the person or a representative (seed 000,
-- 002), and followed up on the dates in followup.

CREATE INDEX followup_gp ON followup(gp_id) WHERE gp_id IS NOT NULL;

CREATE VIEW gp_version AS
SELECT g.id, g.akt_id, g.version, g.plan_date, g.written_at,
       g.author_login, g.author_name, g.author_title, g.note_id,
       (SELECT max(x.version) FROM gp x WHERE x.akt_id = g.akt_id)
           AS versions,
       n.id AS replaced_by,
       n.version AS replaced_by_version,
       n.plan_date AS replaced,
       (SELECT min(s.sign_date) FROM gp_signature s WHERE s.gp_id = g.id
            AND s.signer IN ('brukare', 'foretradare')) AS established,
       (SELECT max(f.fdate) FROM followup f WHERE f.gp_id = g.id)
           AS last_followup
FROM gp g
LEFT JOIN gp n ON n.akt_id = g.akt_id AND n.version = g.version + 1;
