#!/bin/sh
# The person's right to read their file (issue 19): akt-inform records
# that the person was informed, when and how; akt-export --for-person
# records the copy handed over; --mask replaces the text of notes that
# concern others with "Maskerad (OSL 26 kap.)" in the copy, which still
# verifies with akt-verify --export (the masked note's hash kept).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt with three notes, one per unit' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" --unit "Boendestöd Väst" \
		--opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Åsa åt frukost." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Grannen berättade om sin sjukdom." \
		>/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Åsa promenerade." >/dev/null
'

test_expect_success 'akt-inform refusals record nothing' '
	test_refused 64 "with --how TEXT" env SOCDOK_USER=sara akt-inform 1 &&
	test_refused 64 "with --how TEXT" env SOCDOK_USER=sara \
		akt-inform 1 --how " " &&
	test_refused 64 "--date" env SOCDOK_USER=sara \
		akt-inform 1 --date 2026-2-1 --how x &&
	test_refused 65 "in the future" env SOCDOK_USER=sara \
		akt-inform 1 --date 2026-03-03 --how x &&
	test_refused 65 "before akt 1 was opened" env SOCDOK_USER=sara \
		akt-inform 1 --date 2026-01-14 --how x &&
	test_refused 66 "no akt 9" env SOCDOK_USER=sara akt-inform 9 --how x &&
	test_refused 77 "not yours" env SOCDOK_USER=olle akt-inform 1 --how x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv akt-inform 1 --how x &&
	test_refused 64 "usage" env SOCDOK_USER=sara akt-inform --how x
'

test_expect_success 'akt-inform: a chained fact, shown by akt-show and the exports' '
	SOCDOK_USER=sara akt-inform 1 --date 2026-02-01 \
		--how "Muntligt vid inskrivningen, och en broschyr" >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.fdate, f.text, s.login FROM akt_fact f
		JOIN staff s ON s.id = f.recorded_by" >got &&
	echo "akt-inform|2026-02-01|Muntligt vid inskrivningen, och en broschyr|sara" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE akt_id = 1
		AND kind = \"akt_fact\"" >got &&
	echo 1 >expect && test_cmp expect got &&
	SOCDOK_USER=sara akt-show 1 >show &&
	grep -q "^Right to read" show &&
	grep -q "^akt-inform  *2026-02-01  *Muntligt vid inskrivningen" show &&
	SOCDOK_USER=sara akt-show 1 --format json | jq -r ".right_to_read[0].how" >got &&
	echo "Muntligt vid inskrivningen, och en broschyr" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-export 1 >x.md &&
	grep -q "^## Rätten att läsa akten" x.md &&
	grep -q "Informerad om rätten att läsa akten\*\* 2026-02-01: Muntligt" x.md &&
	SOCDOK_USER=sara akt-export 1 --format json | jq -r ".informed[0].date" >got &&
	echo 2026-02-01 >expect && test_cmp expect got &&
	SOCDOK_USER=sara akt-verify 1 >/dev/null
'

test_expect_success 'akt-inform on a closed akt is refused' '
	SOCDOK_USER=olle akt-close 2 >/dev/null &&
	test_refused 65 "is closed" env SOCDOK_USER=olle akt-inform 2 --how x
'

test_expect_success 'akt-export --for-person: the copy is a fact, shown in akt-show' '
	SOCDOK_USER=sara akt-export 1 --for-person --format pdf -o copy.pdf >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT kind, fdate, new_value, coalesce(text, \"-\")
		FROM akt_fact WHERE kind = \"export-copy\"" >got &&
	echo "export-copy|2026-03-02|pdf|-" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-show 1 >show &&
	grep -q "^export-copy  *2026-03-02  *pdf " show &&
	SOCDOK_USER=karin audit-log --akt 1 --format tsv >log &&
	grep -q "exported akt as pdf, a copy for the person" log &&
	SOCDOK_USER=sara akt-export 1 --for-person >x.md &&
	grep -q "^\*\*Kopia:\*\* till den enskilde" x.md &&
	grep -q "Kopia lämnad till den enskilde\*\* 2026-03-02 (pdf)" x.md &&
	SOCDOK_USER=olle akt-export 2 --for-person >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt_fact WHERE akt_id = 2" >got &&
	echo 1 >expect && test_cmp expect got &&
	akt-verify --all >/dev/null
'

test_expect_success 'a plain export records no copy' '
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt_fact WHERE kind = \"export-copy\"" >before &&
	SOCDOK_USER=sara akt-export 1 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt_fact WHERE kind = \"export-copy\"" >after &&
	test_cmp before after
'

test_expect_success '--mask refusals write nothing' '
	test_refused 64 "bad --mask" env SOCDOK_USER=sara akt-export 1 --mask x &&
	test_refused 66 "akt 1 has no note 9" env SOCDOK_USER=sara \
		akt-export 1 --mask 9 &&
	test_refused 64 "names a note of akt 2, not of akt 1" \
		env SOCDOK_USER=admin akt-export 1 --mask 2:1 &&
	test_refused 64 "--mask names notes of one akt" env SOCDOK_USER=admin \
		akt-export 1 2 --dir d --mask 2 &&
	test_refused 64 "--mask needs an export of the whole akt" \
		env SOCDOK_USER=sara akt-export 1 --mask 2 --since 2026-03-01 &&
	test_refused 77 "not yours" env SOCDOK_USER=olle akt-export 1 --mask 2
'

test_expect_success '--mask: the text replaced in every format, the chain still verifiable' '
	SOCDOK_USER=sara akt-export 1 --for-person --mask 2 --format json \
		-o copy.json >/dev/null &&
	! grep -q "Grannen" copy.json &&
	jq -r ".notes[1].masked, (.notes[1] | has(\"body\")), .verification.masked[0], .notes[0].body" \
		copy.json >got &&
	printf "Maskerad (OSL 26 kap.)\nfalse\n2\nÅsa åt frukost.\n" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT hash FROM note WHERE akt_id = 1 AND seq = 2" >want &&
	jq -r ".notes[1].hash" copy.json >got && test_cmp want got &&
	akt-verify --export copy.json >out &&
	grep -q "^copy.json: akt 1: intact, 3 notes (1 masked" out &&
	for f in md html; do
		SOCDOK_USER=sara akt-export 1 --mask 1:2 --format $f >copy.$f &&
		! grep -q "Grannen" copy.$f &&
		grep -q "Maskerad (OSL 26 kap.)" copy.$f &&
		grep -q "Åsa promenerade" copy.$f || return 1
	done &&
	grep -q "^\*\*Maskerade anteckningar:\*\* 2 (OSL 26 kap.)" copy.md &&
	grep -q "^\*\*Maskerade anteckningar:\*\* 2: texten är ersatt" copy.md &&
	sqlite3 "$SOCDOK_DB" "SELECT text FROM akt_fact WHERE kind = \"export-copy\"
		ORDER BY id DESC LIMIT 1" >got &&
	echo 2 >expect && test_cmp expect got
'

test_expect_success PDFTOOLS '--mask: the PDF holds no masked text' '
	SOCDOK_USER=sara akt-export 1 --mask 2,3 --format pdf -o m.pdf >/dev/null &&
	pdftotext m.pdf - >m.txt &&
	! grep -q -e Grannen -e promenerade m.txt &&
	grep -q "Maskerad (OSL 26 kap.)" m.txt &&
	grep -q "Åsa åt frukost" m.txt
'

test_expect_success 'a masked export that was tampered with does not verify' '
	jq ".notes[1].hash |= (if startswith(\"0\") then \"1\" else \"0\" end) + .[1:]" \
		copy.json >t1.json &&
	! cmp -s copy.json t1.json &&
	test_must_fail 1 akt-verify --export t1.json >out &&
	grep -q "broken" out &&
	jq ".records = [] | .verification.records = 0" copy.json >t2.json &&
	test_must_fail 1 akt-verify --export t2.json >out &&
	grep -q "broken" out &&
	jq ".selection.since = \"2026-01-01\" | del(.records)" copy.json >t3.json &&
	test_must_fail 1 akt-verify --export t3.json >out &&
	grep -q "masks 1 notes but is a selection" out
'

test_expect_success 'the list of masked notes is held by the copy'"'"'s chained record' '
	jq -r ".verification.masked_record" copy.json >seq &&
	jq -r --argjson s "$(cat seq)" ".records[] | select(.seq == \$s) | .kind, .body" \
		copy.json >rec &&
	head -1 rec >got && echo akt_fact >expect && test_cmp expect got &&
	grep -q "^kind: export-copy$" rec &&
	grep -q "^text: 2$" rec &&
	jq -r ".verification.akt_head" copy.json >got &&
	jq -r ".records[-1].hash" copy.json >expect && test_cmp expect got
'

test_expect_success 'akt-verify --export detects a changed list of masked notes' '
	jq ".verification.masked = [2, 3]" copy.json >m1.json &&
	test_must_fail 1 akt-verify --export m1.json >out &&
	grep -q "lists the masked notes \[2, 3\], the file masks \[2\]" out &&
	jq "del(.verification.masked)" copy.json >m2.json &&
	test_must_fail 1 akt-verify --export m2.json >out &&
	grep -q "broken" out &&
	jq ".verification.masked = [] " copy.json >m3.json &&
	test_must_fail 1 akt-verify --export m3.json >out &&
	grep -q "broken" out &&
	jq ".notes[2] |= (del(.body) | .masked = \"Maskerad (OSL 26 kap.)\") |
		.verification.masked = [2, 3]" copy.json >m4.json &&
	test_must_fail 1 akt-verify --export m4.json >out &&
	grep -q "is not the one that record 1:[0-9]* (the copy.s fact) holds" out &&
	jq "del(.verification.masked_record)" copy.json >m5.json &&
	test_must_fail 1 akt-verify --export m5.json >out &&
	grep -q "broken" out &&
	jq ".verification.masked_record = 1" copy.json >m6.json &&
	test_must_fail 1 akt-verify --export m6.json >out &&
	grep -q "broken" out &&
	SOCDOK_USER=sara akt-export 1 --format json -o plain.json >/dev/null &&
	akt-verify --export plain.json >/dev/null &&
	jq ".verification.masked = [1]" plain.json >m7.json &&
	test_must_fail 1 akt-verify --export m7.json >out &&
	grep -q "broken" out &&
	LANGUAGE=sv akt-verify --export m1.json >out;
	grep -q "maskerade anteckningarna" out
'

test_expect_success 'a masked copy is recorded as a copy handed out, without --for-person too' '
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt_fact WHERE kind = \"export-copy\"" >before &&
	SOCDOK_USER=sara akt-export 1 --mask 3 --format json -o m3copy.json >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) - 1, (SELECT text FROM akt_fact
		ORDER BY id DESC LIMIT 1) FROM akt_fact WHERE kind = \"export-copy\"" >got &&
	echo "$(cat before)|3" >expect && test_cmp expect got &&
	jq -r ".copy_for_person" m3copy.json >got && echo true >expect && test_cmp expect got &&
	akt-verify --export m3copy.json >/dev/null &&
	SOCDOK_USER=sara akt-verify 1 >/dev/null
'

test_done
