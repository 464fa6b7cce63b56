#!/bin/sh
# socdok-check: silent with exit 0 on a good database; one line naming
# each injected problem, exit 1.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: an akt with notes and a backup' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Första" >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Andra" >/dev/null &&
	mkdir -m 700 bk && socdok-backup bk
'

test_expect_success 'a good database: nothing printed, exit 0' '
	socdok-check >out 2>err &&
	test ! -s out && test ! -s err
'

test_expect_success 'no backup ever made is a problem' '
	cp "$SOCDOK_DB" nob.db &&
	sqlite3 nob.db "DELETE FROM setting WHERE key = '\''backup_dir'\''" &&
	test_must_fail 1 socdok-check -d nob.db >out &&
	grep "^backup: no backup has been made; run socdok-backup" out &&
	test $(wc -l <out) = 1
'

test_expect_success 'an old backup is named with its age' '
	touch -d "3 days ago" bk/socdok-*.db &&
	test_must_fail 1 socdok-check >out &&
	grep "^backup: the newest backup .*bk/socdok-.*\.db'\'' is 72 hours old (more than 26)" out &&
	socdok-check --max-backup-age 100 &&
	socdok-backup bk && socdok-check
'

test_expect_success 'a changed note: the chain' '
	cp "$SOCDOK_DB" chain.db &&
	sqlite3 chain.db "DROP TRIGGER note_no_update; UPDATE note SET body = '\''Ändrad'\'' WHERE seq = 1" &&
	test_must_fail 1 socdok-check -d chain.db >out &&
	grep "^chain: 1 of 1 akter have a broken hash chain, the first at note 1:1: " out
'

test_expect_success 'a row pointing nowhere: foreign-keys' '
	cp "$SOCDOK_DB" fk.db &&
	sqlite3 fk.db "INSERT INTO staff_unit VALUES (1, 999)" &&
	test_must_fail 1 socdok-check -d fk.db >out &&
	grep "^foreign-keys: 1 rows point at rows that do not exist" out
'

test_expect_success 'a flood of reads in the access log' '
	cp "$SOCDOK_DB" flood.db &&
	sqlite3 flood.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
		INSERT INTO access_log(at, login, program, akt_id, what)
		SELECT strftime('\''%Y-%m-%dT%H:%M:%SZ'\'', '\''now'\''), '\''erik'\'', '\''akt-show'\'', 1, '\''read'\'' FROM n" &&
	test_must_fail 1 socdok-check -d flood.db >out &&
	grep "^access-log: 15[0-9][0-9] lines in the last day, more than 10 x" out
'

test_expect_success 'a damaged page: integrity, and nothing else is tried' '
	cp "$SOCDOK_DB" dmg.db &&
	root=$(sqlite3 dmg.db "SELECT rootpage FROM sqlite_schema WHERE name = '\''access_log_at'\''") &&
	printf "\377\377\377\377\377\377\377\377" |
		dd of=dmg.db bs=1 seek=$(( (root - 1) * 4096 )) conv=notrunc 2>/dev/null &&
	test_must_fail 1 socdok-check -d dmg.db >out &&
	grep "^integrity: the database '\''dmg.db'\'' is damaged (" out
'

test_expect_success 'a schema version no socdok wrote: 78 on stderr' '
	cp "$SOCDOK_DB" v61.db && sqlite3 v61.db "PRAGMA user_version = 61" &&
	test_must_fail 78 socdok-check -d v61.db >out 2>err &&
	grep "^socdok-check: database '\''v61.db'\'' .*schema version 61.* restore the latest backup" err &&
	cp "$SOCDOK_DB" v50.db && sqlite3 v50.db "PRAGMA user_version = 50" &&
	test_must_fail 78 socdok-check -d v50.db >out 2>err &&
	grep "^socdok-check: database '\''v50.db'\'' has schema version 50, which no socdok wrote" err
'

test_expect_success 'only an administrator' '
	test_refused 77 "only an administrator may check" env SOCDOK_USER=karin socdok-check
'

test_done
