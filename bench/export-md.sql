-- bench/export-md.sql - the anchor of akt-export --format md (issue 17):
-- the same akt printed as Markdown by the sqlite3 shell, reading what
-- the export reads (the akt, its insatser, every plan with its
-- signatures, every note in event-date order).  bench/run replaces AKT.
-- Not byte-identical to the export (no rättelse grouping, no chain
-- check): the least a program must do to print the same document.
.headers off
.mode list
SELECT '# Personakt: ' || p.name || char(10) || char(10) ||
       '**Personnummer:** ' || p.pnr || '\' || char(10) ||
       '**Enhet:** ' || u.name || ' (' || a.regime || ')\' || char(10) ||
       '**Kontaktperson:** ' || coalesce(k.name, '-') || '\' || char(10) ||
       '**Akt:** ' || a.id || ', öppnad ' || a.opened || char(10) ||
       char(10) || '## Insatser' || char(10)
  FROM akt a JOIN person p ON p.id = a.person_id
  JOIN unit u ON u.id = a.unit_id LEFT JOIN staff k ON k.id = a.kontaktperson
 WHERE a.id = AKT;
SELECT '- **' || kind || '**: beslut ' || decided || ', beställd ' ||
       coalesce(ordered, '-') || ', verkställd ' || coalesce(started, '-') ||
       '\' || char(10) || '  Mål: ' || coalesce(goal, '') ||
       ' Handläggare: ' || coalesce(handlaggare, '')
  FROM insats WHERE akt_id = AKT ORDER BY decided, id;
SELECT char(10) || '## Genomförandeplaner' || char(10);
SELECT '### Version ' || g.version || ' · ' || g.plan_date || char(10) ||
       char(10) || 'Skriven ' || g.written_at || ' av **' || g.author_name ||
       '**\' || char(10) || '**Underskrifter:** ' ||
       coalesce((SELECT group_concat(s.signer || ' ' || s.sign_date || ' (' ||
       coalesce(s.name, '') || ')', '; ') FROM gp_signature s
       WHERE s.gp_id = g.id), '') || char(10) || char(10) || '~~~ plan' ||
       char(10) || g.body || char(10) || '~~~' || char(10)
  FROM gp g WHERE g.akt_id = AKT ORDER BY g.version DESC;
SELECT '## Journal' || char(10);
SELECT '### ' || event_date || ' · ' || category || ' · anteckning ' || seq ||
       char(10) || char(10) || 'Skriven ' || written_at || ' av **' ||
       author_name || '** (' || author_title || '); hash `' ||
       substr(hash, 1, 12) || '`.' || char(10) || char(10) ||
       '~~~ anteckning' || char(10) || body || char(10) || '~~~' || char(10)
  FROM note WHERE akt_id = AKT ORDER BY event_date, seq;
SELECT '## Verifiering' || char(10) || char(10) ||
       '**Antal anteckningar i akten:** ' || count(*) || '\' || char(10) ||
       '**Kedjans sista hash:** `' || max(hash) || '`'
  FROM note WHERE akt_id = AKT;
