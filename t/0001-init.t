#!/bin/sh
# socdok-init: creating the database, its mode, provider and first admin.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init creates a 0600 database with the admin' '
	socdok-init --name "Ada Admin" 2>err &&
	grep "created" err &&
	test "$(stat -c %a "$SOCDOK_DB")" = 600 &&
	staff-list --format tsv >out &&
	printf "login\tname\ttitle\trole\tunits\temail\tactive\nadmin\tAda Admin\tadministratör\tadmin\t\t\t1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'init records the provider and loads the rules' '
	test "$(sqlite3 "$SOCDOK_DB" "SELECT value FROM setting WHERE key = '\''provider'\''")" = kommunal &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM rule")" -ge 10
'

test_expect_success 'init again is harmless and says so' '
	db_snapshot before &&
	socdok-init --provider enskild 2>err &&
	grep "already exists" err &&
	db_snapshot after &&
	test_cmp before after
'

test_expect_code 64 'an unknown provider is refused' '
	socdok-init -d other.db --provider privat
'

test_expect_success 'an enskild provider with a group-readable database' '
	socdok-init -d g.db --provider enskild --group --admin boss 2>err &&
	test "$(stat -c %a g.db)" = 660 &&
	test "$(sqlite3 g.db "SELECT value FROM setting WHERE key = '\''provider'\''")" = enskild &&
	SOCDOK_USER=boss staff-list -d g.db --format tsv | grep "^boss	"
'

test_expect_success 'a world-readable database is refused with the chmod' '
	chmod o+r "$SOCDOK_DB" &&
	test_must_fail 77 staff-list 2>err &&
	grep "chmod o-rwx" err &&
	chmod o-r "$SOCDOK_DB" &&
	staff-list >/dev/null
'

test_expect_success 'a database in a world-readable directory is refused' '
	mkdir -m 755 open && socdok-init -d open/x.db 2>err;
	test $? = 77 && grep "directory" err && grep "chmod o-rwx" err
'

test_expect_success 'a database from a newer socdok is refused' '
	cp "$SOCDOK_DB" new.db &&
	sqlite3 new.db "PRAGMA user_version = 9999" &&
	test_must_fail 78 staff-list -d new.db 2>err &&
	grep "newer than this socdok" err
'

test_expect_success 'an older database is upgraded on open' '
	sqlite3 old.db "PRAGMA user_version = 0" && chmod 600 old.db &&
	SOCDOK_USER=root socdok-init -d old.db --admin root 2>/dev/null &&
	test "$(sqlite3 old.db "PRAGMA user_version")" -ge 1
'

test_expect_success 'a column migration numbered below the version is applied late' '
	cp "$SOCDOK_DB" late.db && chmod 600 late.db &&
	v=$(sqlite3 late.db "PRAGMA user_version") &&
	test "$v" -gt 130 &&
	sqlite3 late.db "ALTER TABLE access_log DROP COLUMN uid;
		ALTER TABLE note DROP COLUMN uid; ALTER TABLE gp DROP COLUMN uid;
		DROP TABLE schema_migration" &&
	staff-list -d late.db >/dev/null &&
	test "$(sqlite3 late.db "SELECT count(*) FROM pragma_table_info('\''note'\'') WHERE name = '\''uid'\''")" = 1 &&
	test "$(sqlite3 late.db "SELECT count(*) FROM schema_migration WHERE num = 130")" = 1 &&
	test "$(sqlite3 late.db "PRAGMA user_version")" = "$v"
'

test_expect_success 'the default location follows XDG_DATA_HOME' '
	(unset SOCDOK_DB; socdok-init 2>err) &&
	test -f "$XDG_DATA_HOME/socdok/socdok.db" &&
	test "$(stat -c %a "$XDG_DATA_HOME/socdok")" = 700
'

test_expect_success '--version and --help' '
	socdok-init --version | grep "^socdok " &&
	socdok-init --help | grep "^usage: socdok-init"
'

test_done
