-- The last record written in an akt, as a local date: what the gallring
-- period counts from.  One definition for gallra, which decides, and
-- followup-due, which tells the arkivarie when a decision is due.
-- Notes, plans, signatures, follow-ups, insatser, the akt itself, and
-- its closing; NULL while the akt is open (open akter are never purged).
CREATE VIEW akt_last_record(akt_id, last) AS
SELECT a.id,
       CASE WHEN a.closed IS NOT NULL THEN max(date(max(
	   ifnull((SELECT max(written_at) FROM note WHERE akt_id = a.id), ''),
	   ifnull((SELECT max(written_at) FROM gp WHERE akt_id = a.id), ''),
	   ifnull((SELECT max(s.recorded_at) FROM gp_signature s
		   JOIN gp g ON g.id = s.gp_id WHERE g.akt_id = a.id), ''),
	   ifnull((SELECT max(recorded_at) FROM followup
		   WHERE akt_id = a.id), ''),
	   ifnull((SELECT max(created_at) FROM insats WHERE akt_id = a.id), ''),
	   a.created_at), 'localtime'), a.closed) END
FROM akt a;
