-- bench/followup-hand.sql - the anchor of followup-due over the whole
-- municipality (issue 17): the due items as a person fluent in SQL would
-- write them for the sqlite3 shell, straight from the stored facts (no
-- akt_due_facts, no functions of socdok).  bench/run replaces TODAY and
-- HORIZON (today + 14 days).  Dates move with SQLite's date(): a month
-- past the 28th runs into the next month instead of being clamped, and
-- no due date is moved to a working day, so a few items differ from
-- followup-due's by a day or two; the rows read are the same.
.headers off
.mode tabs
WITH
r AS (SELECT id, base, done, applies, responsible, deadline,
        '+' || amount || ' ' || unit AS step FROM rule),
-- the latest facts of each open akt, from the stored facts
lf AS (SELECT a.id AS akt_id, a.regime,
        (SELECT max(g.plan_date) FROM gp g WHERE g.akt_id = a.id AND EXISTS
          (SELECT 1 FROM gp_signature s WHERE s.gp_id = g.id AND
           s.signer IN ('brukare', 'foretradare'))) AS est_gp,
        (SELECT max(plan_date) FROM gp WHERE akt_id = a.id) AS last_gp,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'uppfoljning') AS upp,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'uppfoljningssamtal') AS us,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'planeringssamtal') AS ps,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'introduktionssamtal') AS intro,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'handlaggare-uppfoljning') AS hu,
        (SELECT max(fdate) FROM followup WHERE akt_id = a.id AND
          kind = 'trygghetslarm') AS tl,
        (SELECT count(*) FROM insats WHERE akt_id = a.id AND
          ended IS NULL) AS running,
        (SELECT max(ended) FROM insats WHERE akt_id = a.id) AS last_end
      FROM akt a WHERE a.closed IS NULL),
ev AS (
  -- per insats not ended: beslut, verkställighet, senaste trygghetslarm
  SELECT i.akt_id, i.id AS insats_id, i.kind, lf.regime, 'beslut' AS base,
         i.decided AS bdate, i.started, lf.est_gp, lf.hu
    FROM insats i JOIN lf ON lf.akt_id = i.akt_id WHERE i.ended IS NULL
  UNION ALL
  SELECT i.akt_id, i.id, i.kind, lf.regime, 'verkstallighet', i.started,
         i.started, lf.est_gp, lf.hu
    FROM insats i JOIN lf ON lf.akt_id = i.akt_id
   WHERE i.ended IS NULL AND i.started IS NOT NULL
  UNION ALL
  SELECT i.akt_id, i.id, i.kind, lf.regime, 'senaste-trygghetslarm',
         max(i.started, coalesce(lf.tl, '')), i.started, lf.est_gp, lf.hu
    FROM insats i JOIN lf ON lf.akt_id = i.akt_id
   WHERE i.ended IS NULL AND i.started IS NOT NULL
  UNION ALL
  -- per open akt
  SELECT akt_id, NULL, NULL, regime, 'senaste-gp',
         CASE WHEN upp > last_gp THEN upp ELSE last_gp END, NULL, est_gp, hu
    FROM lf WHERE last_gp IS NOT NULL
  UNION ALL
  SELECT akt_id, NULL, NULL, regime, 'senaste-uppfoljningssamtal',
         max(coalesce(us, ''), coalesce(ps, '')), NULL, est_gp, hu
    FROM lf WHERE us IS NOT NULL OR ps IS NOT NULL
  UNION ALL
  SELECT akt_id, NULL, NULL, regime, 'introduktionssamtal', intro, NULL,
         est_gp, hu FROM lf WHERE intro IS NOT NULL
  UNION ALL
  SELECT akt_id, NULL, NULL, regime, 'sista-insats-slut', last_end, NULL,
         est_gp, hu FROM lf WHERE running = 0 AND last_end IS NOT NULL
  UNION ALL
  -- closed akter: hand-over to the archive, and gallring per person
  SELECT id, NULL, NULL, regime, 'akt-avslutad', closed, NULL, NULL, NULL
    FROM akt WHERE closed IS NOT NULL
  UNION ALL
  SELECT a.id, NULL, NULL, a.regime, 'sista-anteckning',
         (SELECT max(l.last) FROM akt o JOIN akt_last_record l
           ON l.akt_id = o.id WHERE o.person_id = a.person_id),
         NULL, NULL, NULL
    FROM akt a WHERE a.closed IS NOT NULL AND a.preserved IS NULL
     AND NOT EXISTS (SELECT 1 FROM akt o WHERE o.person_id = a.person_id
                     AND o.closed IS NULL)),
it AS (SELECT r.id AS rule, r.responsible, ev.akt_id, ev.insats_id,
         ev.bdate, CASE WHEN r.deadline = 'exact' THEN date(ev.bdate, r.step)
         ELSE (1 + substr(date(ev.bdate, r.step), 1, 4)) || '-12-31' END
         AS due
    FROM ev JOIN r ON r.base = ev.base
   WHERE (r.applies = '*' OR instr(',' || r.applies || ',',
          ',' || coalesce(ev.kind, '') || ',') OR instr(',' || r.applies ||
          ',', ',' || ev.regime || ',') OR instr(',' || r.applies || ',',
          ',' || (SELECT value FROM setting WHERE key = 'provider') || ','))
     AND date(ev.bdate, r.step) <= 'HORIZON'
     AND NOT CASE r.done
       WHEN '-' THEN 0
       WHEN 'verkstallighet' THEN ev.started IS NOT NULL
       WHEN 'gp' THEN coalesce(ev.est_gp >= ev.bdate, 0)
       WHEN 'handlaggare-uppfoljning' THEN coalesce(ev.hu >= ev.bdate, 0)
       WHEN 'akt-avslutad' THEN 0
       WHEN 'arkiv-overlamning' THEN EXISTS (SELECT 1 FROM fact f
         WHERE f.akt_id = ev.akt_id AND f.kind = 'arkiv-overlamning')
       ELSE EXISTS (SELECT 1 FROM followup f WHERE f.akt_id = ev.akt_id
         AND f.kind = r.done AND f.fdate >= ev.bdate) END)
SELECT it.rule, it.akt_id, p.pnr, p.name, u.name, it.insats_id, it.bdate,
       it.due, coalesce(k.login, c.login, ''),
       CAST(julianday('TODAY') - julianday(it.due) AS INTEGER) AS days
  FROM it JOIN akt a ON a.id = it.akt_id JOIN person p ON p.id = a.person_id
  JOIN unit u ON u.id = a.unit_id
  LEFT JOIN staff k ON k.id = a.kontaktperson AND k.active
   AND it.responsible = 'kontaktperson'
  LEFT JOIN staff c ON c.id = (SELECT min(su.staff_id) FROM staff_unit su
   JOIN staff s ON s.id = su.staff_id WHERE su.unit_id = a.unit_id
   AND s.role = 'enhetschef' AND s.active)
 ORDER BY 9, it.due, it.rule, it.akt_id;
