#!/bin/sh
# gallra --execute: only under a gallringsbeslut, only by an arkivarie or
# admin; preserved akter go into a verified archive package first; purged
# akter leave nothing behind in the database file or its WAL; the
# gallringslogg names no person.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

# holder_start / holder_stop: another program keeps the database open,
# so that closing gallra's connection does not itself fold and remove
# the WAL: what is left in the files is then gallra's own doing.
holder_start() {
	{ echo "SELECT count(*) FROM akt;"; sleep 20; } 2>/dev/null |
		sqlite3 "$SOCDOK_DB" >/dev/null 2>&1 &
	echo $! >holder.pid
	sleep 0.3
}
holder_stop() {
	test -f holder.pid || return 0
	kill "$(cat holder.pid)" 2>/dev/null
	rm -f holder.pid
}

# raw FILE...: how many of the files hold the marker, byte for byte.
raw_count() {
	t_m=$1
	shift
	cat "$@" 2>/dev/null | grep -c -a -F -- "$t_m"
}

PURGE=$(t_pnr 19400506 123)
KEEP=$(t_pnr 19400515 234)
HELD=$(t_pnr 19400507 345)
MARK=GALLRA-MARKER-c0ffee-9f1d
KEEPMARK=BEVARA-MARKER-51de-77aa

# Records are written in time order (issue 18, clock): the database and
# the old akter in 2019, then everything at noon on 2024-06-01 (t_clock
# below), when the held akt's person got a new akt and the akter the
# later runs purge were written.
t_clock "2024-06-01 12:00:00"
test_expect_success 'set up: one akt to purge, one to preserve, one held back' '
	setup_world "2019-04-01 12:00:00" &&
	new_akt "$PURGE" "Gallrasson, Märta" 2019-04-01 "$MARK" >id-purge &&
	new_akt "$KEEP" "Bevarasson, Kjell" 2019-04-01 "$KEEPMARK" >id-keep &&
	new_akt "$HELD" "Väntasson, Hilma" 2019-04-01 >id-held &&
	old 2024-06-01 env SOCDOK_USER=sara akt-new "$HELD" --name "Väntasson, Hilma" \
		--unit "Hemtjänst Norr" --opened 2024-06-01 >/dev/null &&
	SOCDOK_USER=arkiv gallra --format tsv | cut -f1,8 | sed 1d >got &&
	printf "1\tpurge\n2\tpreserve\n3\thold\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the marker is in the database or its WAL before the purge' '
	echo "ett två" | SOCDOK_USER=sara journal-lint - &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM person_name_key WHERE key = '\''märta gallrasson'\''")" = 1 &&
	test "$(raw_count "$MARK" socdok.db socdok.db-wal)" -ge 1
'

test_expect_success 'execute without --decision is refused (64), nothing changed' '
	test_refused 64 "no gallringsbeslut; give --decision REF" \
		env SOCDOK_USER=arkiv gallra --execute --preserve-dir .
'

test_expect_success 'execute by anyone but an arkivarie or admin is refused (77)' '
	test_refused 77 "only an arkivarie or an administrator may execute gallring (you are samordnare)" \
		env SOCDOK_USER=sara gallra --execute --decision "KS 2026/17" --preserve-dir . &&
	test_refused 77 "(you are enhetschef)" \
		env SOCDOK_USER=karin gallra --execute --decision "KS 2026/17" --preserve-dir .
'

test_expect_success 'akter to preserve need --preserve-dir, an existing directory' '
	test_refused 64 "1 akt is to be preserved; give --preserve-dir DIR" \
		env SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" &&
	test_refused 73 "--preserve-dir '\''nowhere'\'' is not a directory" \
		env SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" --preserve-dir nowhere
'

test_expect_success 'a planted symlink in the archive is refused, nothing written through it' '
	mkdir planted elsewhere &&
	sqlite3 "$SOCDOK_DB" "VACUUM INTO '\''copy.db'\''" && chmod 600 copy.db &&
	ln -s "$PWD/elsewhere" planted/akt-2 &&
	test_must_fail 73 env SOCDOK_USER=arkiv gallra -d copy.db --execute \
		--decision "KS 2026/17" --preserve-dir planted 2>err &&
	grep "^gallra: .*the package directory '\''planted/akt-2'\'' is a symbolic link or not a directory; remove it (nothing was purged)" err &&
	test -z "$(ls elsewhere)" &&
	test "$(sqlite3 copy.db "SELECT preserved IS NULL FROM akt WHERE id = 2")" = 1 &&
	rm planted/akt-2 copy.db && mkdir planted/akt-2 &&
	sqlite3 "$SOCDOK_DB" "VACUUM INTO '\''copy.db'\''" && chmod 600 copy.db &&
	ln -s "$PWD/elsewhere/stolen.json" planted/akt-2/package.json &&
	test_must_fail 73 env SOCDOK_USER=arkiv gallra -d copy.db --execute \
		--decision "KS 2026/17" --preserve-dir planted 2>err &&
	grep "^gallra: .*'\''planted/akt-2/package.json'\'' in the archive is a symbolic link or not a regular file; remove it (nothing was purged)" err &&
	test -z "$(ls elsewhere)" &&
	test "$(sqlite3 copy.db "SELECT preserved IS NULL FROM akt WHERE id = 2")" = 1 &&
	rm -r planted elsewhere copy.db*
'

test_expect_success 'execute: preserves, purges, holds back, and says so' '
	d="$HOME/.local/state/socdok/drafts" &&
	mkdir -p "$d" &&
	for f in gp-new-1-abc123.md journal-add-1-xyz789.md \
		journal-add-11-xyz789.md gp-new-2-abc123.md; do
		echo utkast >"$d/$f" || return 1
	done &&
	mkdir arkiv &&
	holder_start &&
	SOCDOK_USER=arkiv gallra --execute --vacuum full \
		--decision "KS 2026/17 (Stadsarkivet)" --preserve-dir arkiv >out 2>err &&
	test "$(sqlite3 "$SOCDOK_DB" "PRAGMA auto_vacuum")" = 2 &&
	test ! -s out &&
	echo "gallra: gallring 1 under '\''KS 2026/17 (Stadsarkivet)'\'': 1 akter purged, 1 preserved, 1 held back by the person rule" >expect &&
	test_cmp expect err
'

test_expect_success 'the running user'\''s drafts of the purged akt are removed, no others' '
	printf "gp-new-2-abc123.md\njournal-add-11-xyz789.md\n" >expect &&
	ls "$HOME/.local/state/socdok/drafts" >got &&
	test_cmp expect got
'

test_expect_success 'the purged akt is gone: notes, insatser, akt, person, access log' '
	cat >expect <<-\EOF &&
	note 0
	insats 0
	akt 0
	person 0
	access_log 0
	EOF
	for t in note insats akt person access_log; do
		echo "$t $(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM $t WHERE $(
			case $t in akt) echo id;; person) echo "pnr = '\''$(echo $PURGE | tr -d -)'\'' AND 1";; *) echo akt_id;; esac
		) = 1")"
	done >got &&
	test_cmp expect got
'

test_expect_success 'nothing of the purged akt remains in the database file or its WAL' '
	test -f socdok.db-wal &&
	test "$(raw_count "$MARK" socdok.db socdok.db-wal)" = 0 &&
	test "$(raw_count "Gallrasson" socdok.db socdok.db-wal)" = 0 &&
	test "$(raw_count "gallrasson" socdok.db socdok.db-wal)" = 0 &&
	test "$(raw_count "$(echo $PURGE | tr -d -)" socdok.db socdok.db-wal)" = 0 &&
	test ! -s socdok.db-wal &&
	holder_stop
'

test_expect_success 'the preserved akt stays, read-only, marked with the date' '
	test "$(sqlite3 "$SOCDOK_DB" "SELECT preserved FROM akt WHERE id = 2")" = 2026-03-02 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = 2")" = 3 &&
	SOCDOK_USER=arkiv gallra --format tsv | cut -f1,8 | sed 1d >got &&
	printf "3\thold\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the archive package: manifest checksums verify, the files are what they say' '
	ls arkiv/akt-2 >got &&
	test -f arkiv/akt-2/SHA256SUMS &&
	(cd arkiv/akt-2 && sha256sum -c --quiet SHA256SUMS) &&
	cut -c67- arkiv/akt-2/SHA256SUMS | sort >listed &&
	ls arkiv/akt-2 | grep -v "^SHA256SUMS$" | sort >present &&
	test_cmp present listed &&
	grep -q "akt-2.json" listed &&
	grep -q "package.json" listed &&
	jq -r .gallringsbeslut arkiv/akt-2/package.json >got &&
	echo "KS 2026/17 (Stadsarkivet)" >expect &&
	test_cmp expect got &&
	jq -r .reason arkiv/akt-2/package.json >got &&
	echo "born on day 15" >expect &&
	test_cmp expect got &&
	grep -q -F "$KEEPMARK" arkiv/akt-2/akt-2.json &&
	grep -q "akt-2.pdf" listed &&
	head -c 5 arkiv/akt-2/akt-2.pdf | grep -q "%PDF-" &&
	pdftotext arkiv/akt-2/akt-2.pdf - | tr -d - |
		grep -q -F "$(echo "$KEEPMARK" | tr -d -)"
'

test_expect_success GS 'with ghostscript the package PDF is PDF/A-2B' '
	grep -a -q "pdfaid:part>2<\|pdfaid:part=.2." arkiv/akt-2/akt-2.pdf
'

test_expect_success 'a changed file no longer matches the manifest' '
	cp -r arkiv/akt-2 tampered &&
	sed -i "s/$KEEPMARK/ANDRAT/" tampered/akt-2.json &&
	(cd tampered && ! sha256sum -c --quiet SHA256SUMS 2>/dev/null)
'

test_expect_success 'the gallringslogg: counts and akt ids with a year, no person' '
	SOCDOK_USER=arkiv gallra --log --format tsv | cut -f3- >got &&
	cat >expect <<-\EOF &&
	as_of	decision	login	purged	preserved	akter
	2026-03-02	KS 2026/17 (Stadsarkivet)	arkiv	1	1	1/2019 purge, 2/2019 preserve
	EOF
	test_cmp expect got &&
	SOCDOK_USER=arkiv gallra --log --format json >log.json &&
	jq -c ".[0].akter" log.json >got &&
	echo "[{\"akt\":1,\"year\":2019,\"decision\":\"purge\"},{\"akt\":2,\"year\":2019,\"decision\":\"preserve\"}]" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT * FROM gallring_log" >row &&
	SOCDOK_USER=arkiv gallra --log >>row &&
	for p in "$PURGE" "$KEEP" "$HELD"; do
		! grep -F "$p" row &&
		! grep -F "$(echo $p | tr -d -)" row &&
		! grep -F "$(echo $p | cut -c3-8)" row || return 1
	done &&
	! grep -e Gallrasson -e Bevarasson -e Väntasson -e Märta -e Kjell row
'

test_expect_success 'the gallringslogg is append-only' '
	! sqlite3 "$SOCDOK_DB" "DELETE FROM gallring_log" 2>err &&
	grep -q "the gallring log cannot be changed" err &&
	! sqlite3 "$SOCDOK_DB" "UPDATE gallring_log SET purged = 0" 2>err &&
	grep -q "the gallring log cannot be changed" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gallring_log WHERE purged = 1")" = 1
'

test_expect_success 'the execution leaves one access-log line, naming no akt' '
	sqlite3 "$SOCDOK_DB" "SELECT login, program, ifnull(akt_id, '\''-'\''), what FROM access_log WHERE what LIKE '\''gallring %'\'' ORDER BY id DESC LIMIT 1" >got &&
	echo "arkiv|gallra|-|gallring 1: 1 akter purged, 1 preserved" >expect &&
	test_cmp expect got
'

test_expect_success 'once the other akt is due, the held one goes too (person rule)' '
	old 2024-06-01 env SOCDOK_USER=sara akt-close 4 --date 2024-06-01 -m "Flyttat." >/dev/null &&
	SOCDOK_USER=arkiv gallra --as-of 2029-06-01 --format tsv | cut -f1,8 | sed 1d >got &&
	printf "3\tpurge\n4\tpurge\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=admin gallra --execute --as-of 2029-06-01 --decision "KS 2029/3" 2>err &&
	grep -q "2 akter purged, 0 preserved" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM person WHERE pnr = '\''$(echo $HELD | tr -d -)'\''")" = 0 &&
	test "$(raw_count "Väntasson" socdok.db socdok.db-wal)" = 0
'

test_expect_success 'handover: a preserved akt leaves the database once packaged' '
	new_akt "$(t_pnr 19410225 456)" "Lämnasson, Lo" 2024-06-01 HANDOVER-MARK-3e3e >id &&
	id=$(cat id) &&
	SOCDOK_USER=admin gallra-config --handover yes >/dev/null &&
	SOCDOK_USER=arkiv gallra --execute --as-of 2029-06-01 --decision "KS 2026/40" \
		--preserve-dir arkiv 2>err &&
	grep -q "0 akter purged, 1 preserved" err &&
	(cd arkiv/akt-$id && sha256sum -c --quiet SHA256SUMS) &&
	grep -q HANDOVER-MARK-3e3e arkiv/akt-$id/akt-$id.json &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = $id")" = 0 &&
	test "$(raw_count HANDOVER-MARK-3e3e socdok.db socdok.db-wal)" = 0
'

test_expect_success 'the default, incremental vacuum, erases as well, switching an older file' '
	sqlite3 "$SOCDOK_DB" "PRAGMA auto_vacuum=NONE; VACUUM" &&
	test "$(sqlite3 "$SOCDOK_DB" "PRAGMA auto_vacuum")" = 0 &&
	new_akt "$(t_pnr 19420304 567)" "Inkre, Mentell" 2024-06-01 INCR-MARK-7a7a >/dev/null &&
	test "$(raw_count INCR-MARK-7a7a socdok.db socdok.db-wal)" -ge 1 &&
	holder_start &&
	SOCDOK_USER=arkiv gallra --execute --as-of 2029-06-01 \
		--decision "KS 2026/41" 2>err &&
	grep -q "1 akter purged" err &&
	test "$(sqlite3 "$SOCDOK_DB" "PRAGMA auto_vacuum")" = 2 &&
	test -f socdok.db-wal &&
	test "$(raw_count INCR-MARK-7a7a socdok.db socdok.db-wal)" = 0 &&
	new_akt "$(t_pnr 19420307 567)" "Inkre, Andra" 2024-06-01 INCR-MARK-8b8b >/dev/null &&
	SOCDOK_USER=arkiv gallra --execute --as-of 2029-06-01 \
		--decision "KS 2026/42" --vacuum incremental 2>err &&
	test -f socdok.db-wal &&
	test "$(raw_count INCR-MARK-8b8b socdok.db socdok.db-wal)" = 0 &&
	holder_stop
'

test_expect_success 'a table whose trigger refuses gallra makes the purge roll back' '
	new_akt "$(t_pnr 19420308 567)" "Spärr, Sten" 2024-06-01 >id &&
	id=$(cat id) &&
	sqlite3 "$SOCDOK_DB" "CREATE TABLE extra(akt_id INTEGER REFERENCES akt(id), x TEXT);
		INSERT INTO extra VALUES ($id, '\''y'\'');
		CREATE TRIGGER extra_no_delete BEFORE DELETE ON extra BEGIN SELECT RAISE(ABORT, '\''no'\''); END;" &&
	test_refused 70 "cannot purge table '\''extra'\''" \
		env SOCDOK_USER=arkiv gallra --execute --as-of 2029-06-01 --decision "KS 2026/43" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = $id")" = 3
'

test_expect_success 'rows in a later table that names the akt are purged with it' '
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER extra_no_delete" &&
	SOCDOK_USER=arkiv gallra --execute --as-of 2029-06-01 --decision "KS 2026/44" 2>err &&
	grep -q "1 akter purged" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM extra")" = 0
'

holder_stop
test_expect_success 'a new akt never gets the id of a purged one, not even the highest' '
	high=$(sqlite3 "$SOCDOK_DB" "SELECT max(json_extract(j.value, '\''$.akt'\'')) FROM gallring_log, json_each(detail) j WHERE json_extract(j.value, '\''$.decision'\'') = '\''purge'\''") &&
	test -n "$high" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id >= $high")" = 0 &&
	id=$(SOCDOK_USER=sara akt-new "$(t_pnr 19500505 123)" --name "Ny, Nils" --unit "Hemtjänst Norr") &&
	test "$id" -gt "$high"
'

test_done
