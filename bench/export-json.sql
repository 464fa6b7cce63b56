-- bench/export-json.sql - the anchor of akt-export --format json (issue
-- 17): the same akt as one JSON document built by SQLite's JSON
-- functions in the sqlite3 shell, with every field of every note (hash
-- chain included), the insatser, the plans, the follow-ups and the
-- akt's chain of records (body and hashes: the export carries them, so
-- the anchor prints them too).  bench/run replaces AKT.
.headers off
.mode list
SELECT json_object(
  'format', 'socdok-export',
  'akt', (SELECT json_object('id', a.id, 'personnummer', p.pnr,
     'name', p.name, 'unit', u.name, 'regime', a.regime,
     'opened', a.opened, 'closed', a.closed)
     FROM akt a JOIN person p ON p.id = a.person_id
     JOIN unit u ON u.id = a.unit_id WHERE a.id = AKT),
  'insatser', (SELECT json_group_array(json_object('id', id, 'kind', kind,
     'decided', decided, 'ordered', ordered, 'started', started,
     'ended', ended, 'handlaggare', handlaggare, 'goal', goal))
     FROM insats WHERE akt_id = AKT),
  'plans', (SELECT json_group_array(json_object('id', id,
     'version', version, 'plan_date', plan_date, 'body', body,
     'written_at', written_at, 'author_login', author_login,
     'author_name', author_name, 'author_title', author_title,
     'signatures', (SELECT json_group_array(json_object('signer', s.signer,
        'date', s.sign_date, 'name', s.name)) FROM gp_signature s
        WHERE s.gp_id = gp.id)))
     FROM gp WHERE akt_id = AKT),
  'notes', (SELECT json_group_array(json_object('id', id, 'akt', akt_id,
     'seq', seq, 'event_date', event_date, 'written_at', written_at,
     'author_login', author_login, 'author_name', author_name,
     'author_title', author_title, 'behalf_login', behalf_login,
     'behalf_name', behalf_name, 'behalf_title', behalf_title,
     'category', category, 'corrects', corrects, 'body', body,
     'hash_version', hash_version, 'prev_hash', prev_hash, 'hash', hash))
     FROM (SELECT * FROM note WHERE akt_id = AKT ORDER BY seq)),
  'followups', (SELECT json_group_array(json_object('id', id, 'gp_id', gp_id,
     'kind', kind, 'date', fdate, 'note_id', note_id,
     'recorded_at', recorded_at))
     FROM followup WHERE akt_id = AKT),
  'records', (SELECT json_group_array(json_object('seq', seq, 'kind', kind,
     'ref', ref, 'written_at', written_at, 'login', login, 'body', body,
     'hash_version', hash_version, 'prev_hash', prev_hash, 'hash', hash))
     FROM (SELECT * FROM chain_record WHERE akt_id = AKT ORDER BY seq)));
