#!/bin/sh
# socdok-import: a semicolon CSV in Windows-1252 with Swedish letters,
# a column map, all or nothing (one bad row: nothing written, the line
# named), --skip-bad with its reject file, journal notes keeping their
# author and date, chained and marked imported, and a re-run importing
# nothing twice.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19500607 456)

test_expect_success 'set up: an administrator and a unit' '
	setup_world
'

test_expect_success 'akter from a semicolon CSV in Windows-1252, with a map' '
	printf "Personnummer;Namn;Enhet;Öppnad\r\n%s;Åberg, Åsa;Hemtjänst Norr;2018-01-10\r\n%s;Östen Ödmark;Hemtjänst Norr;2017-05-02\r\n" \
		"$P1" "$P2" | iconv -f UTF-8 -t WINDOWS-1252 >akter.csv &&
	! iconv -f UTF-8 -t UTF-8 akter.csv >/dev/null 2>&1 &&
	socdok-import akter akter.csv \
		--map "Personnummer=pnr,Namn=name,Enhet=unit,Öppnad=opened" 2>err &&
	echo "socdok-import: 2 akter rows imported, 0 already there, 0 bad" >expect &&
	test_cmp expect err &&
	akt-list --format tsv | cut -f2-5 >actual &&
	printf "personnummer\tname\tunit\tregime\n%s\tÅberg, Åsa\tHemtjänst Norr\tSoL\n%s\tÖsten Ödmark\tHemtjänst Norr\tSoL\n" \
		"$P1" "$P2" >expect &&
	test_cmp expect actual
'

test_expect_success 'the same file again imports nothing twice' '
	db_snapshot before &&
	socdok-import akter akter.csv --encoding windows-1252 \
		--map "Personnummer=pnr,Namn=name,Enhet=unit,Öppnad=opened" 2>err &&
	grep "0 akter rows imported, 2 already there" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 2
'

cat >journal.csv <<EOF
pnr;date;author;title;category;text;written_at
$P1;2020-05-01;Kalle Gammal;undersköterska;händelse;Första anteckningen i det gamla systemet;2020-05-01 14:30
$P1;2020-05-02;Kalle Gammal;undersköterska;;"Andra; med ""citat"" och
två rader";
$P2;2019-01-01;Eva Förr;;kontakt;Ringde dottern;
EOF

test_expect_success 'one bad row: nothing written, its line and reason named' '
	sed "s/^$P2;2019-01-01/$P2;2019-02-30/" journal.csv >bad.csv &&
	db_snapshot before &&
	test_must_fail 65 socdok-import journal bad.csv 2>err &&
	grep "^socdok-import: bad.csv:5: bad date '\''2019-02-30'\''" err &&
	grep "^socdok-import: 1 bad row in '\''bad.csv'\'', on line 5: nothing was imported" err &&
	db_snapshot after && test_cmp before after
'

test_expect_success 'date order, unknown person and bad personnummer are bad rows' '
	printf "pnr;date;author;text\n%s;2016-01-01;A;Före öppnandet\n%s;2020-01-01;A;Okänd\n19450312-1234;2020-01-01;A;Fel kontrollsiffra\n" \
		"$P1" "$(t_pnr 19990101 111)" >order.csv &&
	test_must_fail 65 socdok-import journal order.csv 2>err &&
	grep "order.csv:2: date 2016-01-01 is before akt 1 was opened (2018-01-10): the order of the dates is wrong" err &&
	grep "order.csv:3: no akt for " err &&
	grep "order.csv:4: .*19450312-1234" err
'

test_expect_success '--dry-run checks and counts, writes nothing' '
	db_snapshot before &&
	socdok-import journal journal.csv --dry-run 2>err &&
	grep "dry run: 3 journal rows imported" err &&
	db_snapshot after && test_cmp before after
'

test_expect_success 'journal notes keep author and date, are chained and marked' '
	socdok-import journal journal.csv --source "Treserva" 2>err &&
	grep "3 journal rows imported" err &&
	sqlite3 -separator "|" "$SOCDOK_DB" "SELECT akt_id, seq, event_date, written_at, author_login, author_name, author_title, category FROM note ORDER BY id" >actual &&
	printf "%s\n" "1|1|2020-05-01|2020-05-01T14:30:00Z||Kalle Gammal|undersköterska|händelse" \
		"1|2|2020-05-02|2020-05-02T12:00:00Z||Kalle Gammal|undersköterska|händelse" \
		"2|1|2019-01-01|2019-01-01T12:00:00Z||Eva Förr||kontakt" >expect &&
	test_cmp expect actual &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 1 AND seq = 2")" = "$(printf "Andra; med \"citat\" och\ntvå rader")" &&
	sha=$(sha256sum journal.csv | cut -d" " -f1) &&
	sqlite3 "$SOCDOK_DB" "SELECT DISTINCT f.source, f.file_sha256 FROM import_note n JOIN import_file f ON f.id = n.file_id WHERE f.kind = '\''journal'\''" >actual &&
	echo "Treserva|$sha" >expect &&
	test_cmp expect actual &&
	akt-verify --all >verify &&
	grep "akt 1: intact, 2 notes" verify &&
	grep "akt 2: intact, 1 note" verify
'

test_expect_success 'the journal file again: nothing twice; new notes chain on' '
	socdok-import journal journal.csv 2>err &&
	grep "0 journal rows imported, 3 already there" err &&
	SOCDOK_USER=sara journal-add 1 -m "Skriven i socdok" >/dev/null &&
	akt-verify 1 >verify && grep "akt 1: intact, 3 notes" verify
'

test_expect_success 'imported notes are recorded once and not queued; twins are two notes, once' '
	printf "pnr;date;author;text\n%s;2020-07-01;A;Tvilling\n%s;2020-07-01;A;Tvilling\n" \
		"$P2" "$P2" >twins.csv &&
	socdok-import journal twins.csv 2>err &&
	grep "2 journal rows imported, 0 already there" err &&
	socdok-import journal twins.csv 2>err &&
	grep "0 journal rows imported, 2 already there" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_pending")" = 0 &&
	sqlite3 "$SOCDOK_DB" "SELECT ref FROM chain_record WHERE kind = '\''note'\'' GROUP BY akt_id, ref HAVING count(*) > 1" >dups &&
	test ! -s dups &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*), length(min(key)) FROM import_note")" = "5|16" &&
	akt-verify 2 >verify && grep "akt 2: intact, 3 notes" verify
'

test_expect_success 'a journal row marked in import_row (before 0240) is not imported again' '
	printf "pnr;date;author;text\n%s;2021-01-01;Lena Förr;Gammal anteckning\n" "$P1" >legacy.csv &&
	key=$(printf "journal\037%s\0372021-01-01\037Lena Förr\037Gammal anteckning\037\037\037\037" "$P1" |
		sha256sum | cut -d" " -f1) &&
	sqlite3 "$SOCDOK_DB" "INSERT INTO import_row(kind, key, akt_id, line, source, file_sha256, imported_at, imported_by) VALUES ('\''journal'\'', '\''$key'\'', 1, 2, '\''old'\'', '\''x'\'', '\''2021-01-01T00:00:00Z'\'', '\''admin'\'')" &&
	socdok-import journal legacy.csv 2>err &&
	grep "0 journal rows imported, 1 already there" err &&
	sed "s/Gammal anteckning/Ny anteckning/" legacy.csv >new.csv &&
	socdok-import journal new.csv 2>err &&
	grep "1 journal rows imported, 0 already there" err
'

test_expect_success '--skip-bad writes the good rows and rejects the bad' '
	printf "pnr;date;author;text\n%s;2020-06-01;A;Bra rad\n%s;2020-06-31;A;Dålig rad\n" \
		"$P1" "$P1" >mixed.csv &&
	socdok-import journal mixed.csv --skip-bad 2>err &&
	grep "mixed.csv:3: bad date" err &&
	grep "1 journal rows imported, 0 already there, 1 bad, written to mixed.csv.rejects.csv" err &&
	printf "pnr;date;author;text;socdok_line;socdok_reason\n" >expect &&
	head -1 mixed.csv.rejects.csv | tr -d "\"\r" >actual && test_cmp expect actual &&
	grep "Dålig rad" mixed.csv.rejects.csv &&
	test "$(stat -c %a mixed.csv.rejects.csv)" = 600
'

test_expect_success 'staff and insatser' '
	printf "login,name,title,role,unit\nnisse,Nils Äng,stödpedagog,personal,Boendestöd Väst\n" >staff.csv &&
	socdok-import staff staff.csv 2>err && grep "1 staff rows imported" err &&
	staff-list --format tsv | grep "^nisse	Nils Äng	stödpedagog" &&
	printf "pnr\tkind\tdecided\tstarted\n%s\themtjänst\t2018-01-05\t2018-01-12\n" "$P1" >ins.tsv &&
	socdok-import insatser ins.tsv 2>err && grep "1 insatser rows imported" err &&
	socdok-import insatser ins.tsv 2>err && grep "0 insatser rows imported, 1 already" err
'

test_expect_success 'refused: not an administrator, no such kind, missing column' '
	test_refused 77 "only an administrator may import" \
		env SOCDOK_USER=sara socdok-import journal journal.csv &&
	test_refused 64 "unknown kind '\''notes'\''" socdok-import notes journal.csv &&
	printf "pnr;datum;author;text\n" >nocol.csv &&
	test_refused 65 "no column '\''date'\''" socdok-import journal nocol.csv
'

test_done
