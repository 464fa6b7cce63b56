#!/bin/sh
# socdok-fixture: a synthetic municipality that the programs accept as
# their own - valid personnummer, intact hash chains, the same database
# for the same seed - and that refuses to overwrite a database.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 "$SOCDOK_DB" "$1"; }

test_expect_success 'the small fixture is created through the normal migrations' '
	socdok-fixture --small --seed 7 --as-of 2026-03-02 2>err &&
	grep "^socdok-fixture: created .* 200 persons" err &&
	test "$(stat -c %a "$SOCDOK_DB")" = 600 &&
	ls "$T_TOP"/share/schema/*.sql | wc -l >expect &&
	q "PRAGMA user_version" >v &&
	test "$(cat v)" = "$(ls "$T_TOP"/share/schema/ | sed -n "\$s/-.*//p" | sed "s/^0*//")" &&
	q "PRAGMA journal_mode" >mode && echo wal >expect && test_cmp expect mode
'

test_expect_success 'counts: 200 persons, 480 insatser, about 12 000 notes' '
	test "$(q "SELECT count(*) FROM person")" = 200 &&
	test "$(q "SELECT count(*) FROM insats")" = 480 &&
	n=$(q "SELECT count(*) FROM note") &&
	test "$n" -ge 11000 && test "$n" -le 14000 &&
	test "$(q "SELECT count(*) >= 200 FROM akt")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM akt WHERE closed IS NOT NULL")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM akt WHERE closed IS NULL")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM gp")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM gp_signature")" = 1 &&
	test "$(q "SELECT count(DISTINCT kind) FROM followup")" = 6 &&
	test "$(q "SELECT count(*) > 0 FROM insats WHERE started IS NULL")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM note WHERE corrects IS NOT NULL")" = 1 &&
	test "$(q "SELECT count(*) > 0 FROM note WHERE behalf_login IS NOT NULL")" = 1 &&
	test "$(q "SELECT count(*) FROM rule")" -gt 0 &&
	test "$(q "SELECT value FROM setting WHERE key = \"provider\"")" = kommunal
'

test_expect_success 'every unit has a chef, samordnare and personal with example.org mail' '
	test "$(q "SELECT count(*) FROM unit")" -ge 7 &&
	q "SELECT count(*) FROM unit u WHERE NOT EXISTS (SELECT 1 FROM staff s
		JOIN staff_unit su ON su.staff_id = s.id WHERE su.unit_id = u.id
		AND s.role = \"enhetschef\")" >n && echo 0 >expect && test_cmp expect n &&
	q "SELECT count(*) FROM staff WHERE email NOT LIKE \"%@example.org\"
		OR email IS NULL" >n && test_cmp expect n &&
	q "SELECT DISTINCT role FROM staff ORDER BY role" >roles &&
	printf "admin\narkivarie\nenhetschef\npersonal\nsamordnare\n" >expect &&
	test_cmp expect roles &&
	test "$(q "SELECT login FROM staff WHERE role = \"admin\"")" = admin
'

test_expect_success 'every personnummer has its Luhn digit (checked here, not by socdok)' '
	q "SELECT pnr FROM person" >pnrs &&
	test "$(wc -l <pnrs)" = 200 &&
	awk "{
		s = 0
		for (i = 3; i <= 11; i++) {
			v = substr(\$0, i, 1) * ((i - 3) % 2 == 0 ? 2 : 1)
			s += v > 9 ? v - 9 : v
		}
		if ((10 - s % 10) % 10 != substr(\$0, 12, 1)) { print \"bad \" \$0; bad = 1 }
	} END { exit bad }" pnrs &&
	test "$(q "SELECT count(*) > 0 FROM person WHERE substr(pnr, 7, 2) > \"60\"")" = 1 &&
	q "SELECT count(*) FROM person WHERE birth_day NOT BETWEEN 0 AND 31" >n &&
	echo 0 >expect && test_cmp expect n
'

test_expect_success 'kinds and sökord are those of share/' '
	q "SELECT DISTINCT kind FROM insats" | while read -r k; do
		sed "s/ *\[.*//" "$T_TOP/share/insatser.txt" | grep -qx "$k" || { echo "kind $k"; exit 1; }
	done &&
	sed "s/#.*//; s/[ \t]*\$//; /^\$/d" "$T_TOP/share/sokord.txt" >cats &&
	q "SELECT DISTINCT category FROM note" | while read -r c; do
		grep -qx "$c" cats || { echo "category $c"; exit 1; }
	done
'

test_expect_success 'the data keep the schema: foreign keys and date order' '
	q "PRAGMA foreign_key_check" >fk && test ! -s fk &&
	q "SELECT count(*) FROM note n JOIN akt a ON a.id = n.akt_id
		WHERE n.event_date < a.opened OR n.event_date > \"2026-03-02\"
		OR (a.closed IS NOT NULL AND n.event_date > a.closed)" >n &&
	echo 0 >expect && test_cmp expect n &&
	q "SELECT count(*) FROM (SELECT person_id, unit_id FROM akt
		WHERE closed IS NULL GROUP BY 1, 2 HAVING count(*) > 1)" >n &&
	test_cmp expect n
'

test_expect_success 'every hash chain is intact (recomputed with the library)' '
	socdok-fixture --check >out &&
	grep "^ok: [0-9]* journals, [0-9]* notes, every chain intact\$" out
'

test_expect_success 'akt-verify accepts the chains' '
	for a in 1 2 $(q "SELECT id FROM akt WHERE closed IS NOT NULL LIMIT 1"); do
		akt-verify "$a" || exit 1
	done
'

test_expect_success 'a changed note is found by --check' '
	cp "$SOCDOK_DB" bad.db &&
	sqlite3 bad.db "DROP TRIGGER note_no_update;
		UPDATE note SET body = body || \" \" WHERE akt_id = 3 AND seq = 2" &&
	test_must_fail 1 socdok-fixture -d bad.db --check 2>err &&
	grep "^socdok-fixture: akt 3: broken at note 3:2: its content hashes to [0-9a-f]\{12\}…, not to the stored [0-9a-f]\{12\}…: the note was changed after it was written$" err
'

test_expect_success 'the programs take the fixture as their own: a new note chains on' '
	SOCDOK_USER=admin insats-add 1 --kind ledsagning --decided 2026-02-20 >id &&
	SOCDOK_USER=admin insats-start "$(cat id)" --date 2026-02-25 &&
	q "SELECT category FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >c &&
	echo påbörjad-insats >expect && test_cmp expect c &&
	socdok-fixture --check >out && grep "^ok:" out &&
	akt-list --open --format ids >ids && test "$(wc -l <ids)" -gt 150
'

test_expect_success 'the same seed gives the same database, another seed another' '
	socdok-fixture -d a.db --seed 7 --as-of 2026-03-02 2>/dev/null &&
	socdok-fixture -d b.db --seed 7 --as-of 2026-03-02 2>/dev/null &&
	socdok-fixture -d c.db --seed 8 --as-of 2026-03-02 2>/dev/null &&
	# (the records of the akter'"'"'s chains, the heads and the newest
	# written-at time carry the real time they were made)
	for x in a b c; do
		sqlite3 $x.db .dump |
		grep -Ev "^INSERT INTO (chain_record|head_chain|log_chain|clock) " >$x ||
		return 1
	done &&
	test_cmp a b &&
	! cmp -s a c
'

test_expect_success '--persons scales a custom size; --as-of moves every date' '
	socdok-fixture -d p.db --persons 30 --notes 900 --as-of 2020-06-30 2>/dev/null &&
	test "$(sqlite3 p.db "SELECT count(*) FROM person")" = 30 &&
	test "$(sqlite3 p.db "SELECT max(event_date) <= \"2020-06-30\" FROM note")" = 1 &&
	test "$(sqlite3 p.db "SELECT min(opened) >= \"2010-07-01\" FROM akt")" = 1
'

test_expect_success 'the demo municipality keeps its routines: followup-due shows recent work' '
	socdok-fixture -d demo.db --small --seed 1 --as-of 2026-03-02 2>/dev/null &&
	SOCDOK_USER=admin followup-due -d demo.db --as-of 2026-03-02 --format tsv >due &&
	n=$(($(wc -l <due) - 1)) &&
	echo "# $n items" >&2 &&
	test "$n" -ge 15 && test "$n" -le 120 &&
	awk -F"\t" "NR > 1 && \$10 > 365 { print; bad = 1 } END { exit bad }" due &&
	awk -F"\t" "NR > 1 && \$10 > 0 { over++ } NR > 1 && \$10 > 90 { old++ }
		END { exit !(over >= 5 && old * 10 <= over) }" due &&
	for r in gp-upprattad gp-uppfoljning uppfoljningssamtal planeringssamtal \
		handlaggare-uppfoljning ej-verkstallt journal-avslut \
		arkiv-overlamning; do
		cut -f1 due | grep -qx "$r" || { echo "no $r item"; exit 1; }
	done &&
	SOCDOK_USER=admin followup-due -d demo.db --as-of 2026-03-02 \
		--rule gallring --within 730 --format tsv | cut -f1 |
		grep -qx gallring &&
	cut -f11 due | sed 1d | sort | uniq -c | sort -rn | head -n 1 >most &&
	test "$(awk "{ print \$1 }" most)" -le 12
'

test_expect_success 'the demo has a few akter due for gallring and a few IVO cases' '
	SOCDOK_USER=admin gallra -d demo.db --as-of 2026-03-02 --format tsv >g &&
	n=$(($(wc -l <g) - 1)) && test "$n" -ge 2 && test "$n" -le 20 &&
	SOCDOK_USER=admin ivo-report -d demo.db --quarter 2026Q1 --format csv >i &&
	n=$(($(wc -l <i) - 1)) && test "$n" -ge 1 && test "$n" -le 20 &&
	q2() { sqlite3 demo.db "$1"; } &&
	test "$(q2 "SELECT count(*) > 0 FROM fact WHERE kind = \"arkiv-overlamning\"")" = 1 &&
	test "$(q2 "SELECT count(*) FROM fact f JOIN akt a ON a.id = f.akt_id
		WHERE f.kind = \"arkiv-overlamning\" AND (a.closed IS NULL
		OR f.fdate < a.closed)")" = 0 &&
	test "$(q2 "SELECT count(*) FROM fact WHERE note_id IS NULL AND kind <> \"arkiv-overlamning\"")" = 0
'

test_expect_success 'an existing database is never touched' '
	test_refused 73 "already exists; socdok-fixture writes only a new database" \
		socdok-fixture --small
'

test_expect_success 'bad sizes are usage errors, and no file is left' '
	test_must_fail 64 socdok-fixture -d x.db --persons many 2>err &&
	grep "^socdok-fixture: --persons .many. is not a number" err &&
	test_must_fail 64 socdok-fixture -d x.db --persons 0 &&
	test_must_fail 64 socdok-fixture -d x.db --provider privat &&
	test ! -e x.db
'

test_done
