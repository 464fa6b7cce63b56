#!/bin/sh
# journal-correct: a rättelse is a new note that points at the note said
# to be wrong; the note stays as written and the chain stays intact.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

note() {
	sqlite3 "$SOCDOK_DB" "SELECT $1 FROM note WHERE akt_id = $2 AND seq = $3"
}

test_expect_success 'set up: an akt with two notes' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Åsa tackade nej till dusch." \
		--category erbjudande-avböjt --event-date 2026-02-10 >/dev/null &&
	SOCDOK_USER=erik journal-add 1 -m "Åsa gick ut." >/dev/null &&
	sqlite3 "$SOCDOK_DB" .dump >before-notes
'

test_expect_success 'journal-correct prints the new note reference' '
	SOCDOK_USER=erik journal-correct 1:1 \
		-m "Åsa säger att hon inte erbjöds dusch den dagen." >out 2>err &&
	echo 1:3 >expect && test_cmp expect out && test ! -s err
'

test_expect_success 'the rättelse is a note of category rättelse pointing at the note' '
	echo "rättelse|1|Åsa säger att hon inte erbjöds dusch den dagen.|erik|2026-03-02" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT n.category, c.seq, n.body, n.author_login, n.event_date FROM note n JOIN note c ON c.id = n.corrects WHERE n.akt_id = 1 AND n.seq = 3" >got &&
	test_cmp expect got
'

test_expect_success 'the corrected note stays exactly as written' '
	echo "erbjudande-avböjt|Åsa tackade nej till dusch.|2026-02-10" >expect &&
	note "category, body, event_date" 1 1 >got &&
	test_cmp expect got
'

test_expect_success 'the chain stays intact and hashes the corrected seq' '
	SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: intact, 3 notes" out
'

test_expect_success 'a note may be corrected twice, and by personnummer' '
	SOCDOK_USER=sara journal-correct "$P1:1" -m "Sonen säger detsamma." \
		--event-date 2026-03-01 >out &&
	echo 1:4 >expect && test_cmp expect out &&
	echo "2026-03-01|1" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT n.event_date, c.seq FROM note n JOIN note c ON c.id = n.corrects WHERE n.akt_id = 1 AND n.seq = 4" >got &&
	test_cmp expect got
'

test_expect_success 'the access log names the corrected note' '
	echo "sara|journal-correct|1|wrote note 1:4 (rättelse of 1:1)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'the editor shows the corrected note below the line' '
	cat >ed.sh <<-\EOF &&
	#!/bin/sh
	cp "$1" offered
	{ echo "Åsa säger att hon gick in."; cat "$1"; } >"$1.n" && mv "$1.n" "$1"
	EOF
	chmod +x ed.sh &&
	EDITOR=./ed.sh SOCDOK_USER=sara journal-correct 1:2 -e </dev/null >out &&
	echo 1:5 >expect && test_cmp expect out &&
	grep "^# Anteckningen 1:2 (2026-03-02, Erik Ek, vårdbiträde, händelse):$" offered &&
	grep "^#   Åsa gick ut.$" offered &&
	test "$(note body 1 5)" = "Åsa säger att hon gick in."
'

test_expect_success 'a rättelse from standard input' '
	echo "Från stdin." | SOCDOK_USER=sara journal-correct 1:2 >out &&
	echo 1:6 >expect && test_cmp expect out
'

test_expect_success 'a malformed reference is a usage error' '
	test_refused 64 "bad note reference '\''12'\''; write AKT:NOTE, for example 42:17" \
		env SOCDOK_USER=sara journal-correct 12 -m "Text." &&
	test_refused 64 "bad note reference '\''1:x'\''" \
		env SOCDOK_USER=sara journal-correct 1:x -m "Text."
'

test_expect_success 'a note that does not exist is refused (66)' '
	test_refused 66 "akt 1 has no note 99; see journal-show 1" \
		env SOCDOK_USER=sara journal-correct 1:99 -m "Text." &&
	test_refused 66 "no akt 7" \
		env SOCDOK_USER=sara journal-correct 7:1 -m "Text."
'

test_expect_success 'a note of another unit is refused (77)' '
	SOCDOK_USER=olle journal-add 2 -m "Örjan städade." >/dev/null &&
	test_refused 77 "" env SOCDOK_USER=sara journal-correct 2:1 -m "Text."
'

test_expect_success 'an empty rättelse writes nothing' '
	test_refused 65 "the note is empty" \
		env SOCDOK_USER=sara journal-correct 1:1 -m ""
'

test_expect_success 'a rättelse in the future is refused' '
	test_refused 65 "in the future" \
		env SOCDOK_USER=sara journal-correct 1:1 -m "Text." --event-date 2026-04-01
'

test_expect_success 'a rättelse in a closed akt is written (t/2006-object.t)' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-01'\'' WHERE id = 1" &&
	SOCDOK_USER=sara journal-correct 1:1 -m "Text." >out &&
	echo 1:7 >expect && test_cmp expect out &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = NULL WHERE id = 1"
'

test_expect_success 'the documentation rules apply to a rättelse too' '
	SOCDOK_USER=sara journal-correct 1:1 -m "Hon var inte lat." >out 2>err &&
	echo "journal-correct: warning: 1:14: vardeord '\''lat'\'': a value-laden word; beskriv vad personen gjorde eller inte gjorde" >expect &&
	test_cmp expect err &&
	test_refused 65 "--strict" \
		env SOCDOK_USER=sara journal-correct 1:1 -m "Hon var inte lat." --strict
'

test_done
