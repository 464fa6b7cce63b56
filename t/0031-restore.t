#!/bin/sh
# socdok-restore: a backup put back never brings back what gallring
# erased after it was taken; refused while another program holds the
# database; a missing or damaged database is replaced.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19500607 456)

test_expect_success 'set up: an akt due for gallring, one open, a backup' '
	old 2015-01-10 sh -c "SOCDOK_USER=admin socdok-init --name \"Ada Admin\" >/dev/null &&
	staff-add sara --name \"Sara Samordnare\" --title undersköterska \
		--unit \"Hemtjänst Norr\" --role samordnare &&
	staff-add arkiv --name \"Arne Arkiv\" --title arkivarie --role arkivarie" &&
	old=$(new_akt "$P1" "Purgesson, Petra" 2015-02-01 "MARKÖR-GALLRAD") &&
	test "$old" = 1 &&
	SOCDOK_USER=sara akt-new "$P2" --name "Kvar, Karl" \
		--unit "Hemtjänst Norr" >/dev/null &&
	mkdir -m 700 bk pkg &&
	socdok-backup bk &&
	ls bk/socdok-*.db >backups &&
	grep -c MARKÖR-GALLRAD "$(cat backups)"
'

test_expect_success 'gallra --execute appends its purge to the gallringslogg beside the backups' '
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" \
		--preserve-dir pkg 2>err &&
	printf "purge\t1\tKS 2026/17\n" >expect &&
	grep -v "^#" bk/gallringslogg.tsv | cut -f3- >actual &&
	test_cmp expect actual &&
	test "$(stat -c %a bk/gallringslogg.tsv)" = 600 &&
	! grep -q "$P1\|Purgesson\|19450312" bk/gallringslogg.tsv
'

test_expect_success 'restore the older backup: the purged akt stays gone, in every byte' '
	socdok-restore "$(cat backups)" 2>err &&
	grep "1 purges and 0 preserve marks re-applied" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = 1")" = 0 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM person WHERE pnr = '\''${P1%-*}${P1#*-}'\''")" = 0 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = 2")" = 1 &&
	for f in "$SOCDOK_DB" "$SOCDOK_DB-wal"; do
		test ! -f "$f" || ! grep -a -q "MARKÖR-GALLRAD\|Purgesson\|${P1%-*}${P1#*-}" "$f" ||
		{ echo "purged text in $f"; return 1; }
	done &&
	! ls .socdok-restore-* 2>/dev/null
'

test_expect_success 'the restored gallringslogg and access log say what was done' '
	sqlite3 "$SOCDOK_DB" "SELECT decision, purged, preserved, detail FROM gallring_log" >log &&
	grep "^socdok-restore of bk/socdok-.*re-applied: KS 2026/17|1|0|\[{\"akt\":1,\"year\":2015,\"decision\":\"purge\"}\]$" log &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = '\''socdok-restore'\''" >alog &&
	grep "^restored the backup .*1 purges" alog &&
	akt-verify --all >v && grep "akt 2: intact" v &&
	socdok-check >problems || { cat problems; return 1; }
'

test_expect_success 'a second restore of the same backup does the same, nothing twice' '
	socdok-restore "$(cat backups)" 2>err &&
	grep "1 purges" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 1
'

test_expect_success 'refused while another program has the database open' '
	(echo "SELECT count(*) FROM akt;"; sleep 4) | sqlite3 "$SOCDOK_DB" >/dev/null &
	sleep 1 &&
	test_refused 69 "is open in another program" socdok-restore "$(cat backups)"
	rc=$?; wait; return $rc
'

test_expect_success 'refused without a gallringslogg, or a backup' '
	mkdir -m 700 lone && cp "$(cat backups)" lone/b.db &&
	test_refused 66 "cannot read the gallringslogg" socdok-restore lone/b.db &&
	test_refused 66 "no backup file" socdok-restore lone/none.db &&
	test_refused 77 "only an administrator may restore" \
		env SOCDOK_USER=sara socdok-restore "$(cat backups)"
'

test_expect_success 'a missing or damaged database is replaced' '
	rm -f "$SOCDOK_DB" "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	socdok-restore "$(cat backups)" 2>err &&
	test "$(stat -c %a "$SOCDOK_DB")" = 600 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 1 &&
	printf "garbage garbage garbage garbage" |
		dd of="$SOCDOK_DB" bs=1 seek=0 conv=notrunc 2>/dev/null &&
	test_must_fail 65 journal-add 2 -m x 2>/dev/null &&
	socdok-restore "$(cat backups)" 2>err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 1
'

test_done
