#!/bin/sh
# Damaged and hostile files: a damaged database is refused for writing
# with one line (65) while reads go on; schema versions no socdok wrote
# are 78, not 70; missing share files are 78; a file size limit is a
# write error (74), never a silent SIGXFSZ death.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
DAMAGED="is damaged ("

test_expect_success 'set up: an akt with a note' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Första" >/dev/null &&
	sqlite3 "$SOCDOK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp "$SOCDOK_DB" good.db
'

# damage_index DB: overwrite the first bytes of the access log's time
# index: the b-tree is broken, the tables that akt-show reads are not.
damage_index() {
	root=$(sqlite3 "$1" "SELECT rootpage FROM sqlite_schema WHERE name = 'access_log_at'") &&
	printf "\377\377\377\377\377\377\377\377" |
		dd of="$1" bs=1 seek=$(( (root - 1) * 4096 )) conv=notrunc 2>/dev/null
}

test_expect_success 'a damaged file: journal-add refused with one line, 65, file unchanged' '
	cp good.db d.db && damage_index d.db && cp d.db d.orig &&
	test_must_fail 65 env SOCDOK_USER=sara journal-add -d d.db 1 -m "Ny" >out 2>err &&
	test ! -s out &&
	test $(wc -l <err) = 1 &&
	grep "^journal-add: the database '\''d.db'\'' is damaged (.*): restore the latest backup with socdok-restore; see socdok-check$" err &&
	cmp d.db d.orig
'

test_expect_success 'every writing program is refused the same way' '
	for cmd in "insats-add 1 --kind hemtjänst --decided 2026-01-10" \
		"akt-close 1 -m Slut" "akt-never-purge 1 -m Forskning" \
		"journal-correct 1:1 -m Fel" "staff-add nils --name N --title T"; do
		test_must_fail 65 env SOCDOK_USER=admin $cmd -d d.db >out 2>err &&
		grep -q "$DAMAGED" err && cmp d.db d.orig || { echo "$cmd"; return 1; }
	done
'

test_expect_success 'reads go on where SQLite can, saying the file is damaged' '
	SOCDOK_USER=sara akt-show -d d.db 1 >out 2>err &&
	grep "Åberg, Åsa" out &&
	grep "^akt-show: warning: the database '\''d.db'\'' is damaged (.*); this read was not logged" err &&
	cmp d.db d.orig
'

test_expect_success 'a file that is not a database at all: 65, not 70' '
	head -c 8192 /dev/urandom >junk.db && chmod 600 junk.db &&
	test_must_fail 65 journal-add -d junk.db 1 -m x 2>err &&
	grep "is damaged (file is not a database)" err &&
	test_must_fail 65 akt-list -d junk.db 2>err
'

test_expect_success 'schema versions no socdok wrote, or newer: 78, never 70' '
	for v in 1 50 61 78 9999; do
		cp good.db v$v.db && sqlite3 v$v.db "PRAGMA user_version = $v" &&
		test_must_fail 78 akt-list -d v$v.db >out 2>err &&
		grep "^akt-list: database '\''v$v.db'\'' .*schema version $v" err ||
		return 1
	done
'

test_expect_success 'a missing share file or schema directory: 78' '
	cp -r "$SOCDOK_SHARE" share2 && rm share2/sokord.txt &&
	test_must_fail 78 env SOCDOK_SHARE="$T_DIR/share2" SOCDOK_USER=sara \
		journal-add 1 -m x 2>err &&
	grep "sokord.txt.*set SOCDOK_SHARE or reinstall" err &&
	rm -r share2/schema &&
	test_must_fail 78 env SOCDOK_SHARE="$T_DIR/share2" akt-list 2>err &&
	grep "schema directory" err
'

test_expect_success 'ulimit -f: the database write is a write error, 74' '
	head -c 250000 /dev/zero | tr "\0" "a" >big.txt &&
	db_snapshot before &&
	(ulimit -f 160; SOCDOK_USER=sara journal-add 1 -F big.txt >out 2>err; echo $? >rc) &&
	test "$(cat rc)" = 74 &&
	grep "^journal-add: .*nothing was written: check the free disk space and the file size limit" err &&
	db_snapshot after && test_cmp before after
'

test_expect_success 'ulimit -f: output to a file is a write error, 74' '
	SOCDOK_USER=sara journal-add 1 -F big.txt >/dev/null &&
	(ulimit -f 160; SOCDOK_USER=sara akt-export 1 --format md >out.md 2>err; echo $? >rc) &&
	test "$(cat rc)" = 74 &&
	grep "^akt-export: write error: File too large" err
'

test_done
