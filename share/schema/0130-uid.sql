-- 0130: the real uid (the operating system's answer to who acted) with
-- every access-log line and every note and plan written from now on
-- (issue 18).  NULL for rows written before.
ALTER TABLE access_log ADD COLUMN uid INTEGER;
ALTER TABLE note ADD COLUMN uid INTEGER;
ALTER TABLE gp ADD COLUMN uid INTEGER;
