#!/bin/sh
# journal-object: the person's objection (invändning) to a note, its own
# kind of note beside the note, chained, shown and exported; it and a
# rättelse are the only notes a closed akt takes.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt with two notes' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Åsa var arg vid besöket." \
		--event-date 2026-02-10 >/dev/null &&
	SOCDOK_USER=erik journal-add 1 -m "Åsa gick ut." >/dev/null
'

test_expect_success 'journal-object writes an invändning pointing at the note' '
	SOCDOK_USER=sara journal-object 1:1 \
		-m "Åsa säger att hon inte sa så." >out 2>err &&
	echo 1:3 >expect && test_cmp expect out && test ! -s err &&
	echo "invändning|1|Åsa säger att hon inte sa så.|sara" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT n.category, c.seq, n.body, n.author_login FROM note n JOIN note c ON c.id = n.corrects WHERE n.akt_id = 1 AND n.seq = 3" >got &&
	test_cmp expect got &&
	echo "sara|journal-object|1|wrote note 1:3 (invändning of 1:1)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'the objection is chained like every note' '
	SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: intact, 3 notes" out
'

test_expect_success 'journal-show shows it beside the note, distinct from a rättelse' '
	SOCDOK_USER=erik journal-correct 1:1 -m "Skrivet av misstag om fel dag." >/dev/null &&
	LANGUAGE=sv SOCDOK_USER=sara journal-show 1 >out &&
	grep "den enskildes invändning 1:3" out &&
	grep "rättelse 1:4" out &&
	SOCDOK_USER=sara journal-show 1 --format md >out &&
	grep "The person.s objection 1:3\|enskildes invändning 1:3" out &&
	SOCDOK_USER=sara journal-show 1 --format tsv >out &&
	grep "invändning	1:1	" out
'

test_expect_success 'every export format shows the objection' '
	SOCDOK_USER=sara akt-export 1 --format md -o x.md &&
	grep "Den enskildes invändning mot anteckning 1 " x.md &&
	grep "Den enskilde invänder i anteckning 3\." x.md &&
	grep "Rättad genom anteckning 4\." x.md &&
	SOCDOK_USER=sara akt-export 1 --format html -o x.html &&
	grep "Den enskildes invändning mot anteckning 1 " x.html &&
	SOCDOK_USER=sara akt-export 1 --format json -o x.json &&
	grep "\"category\": *\"invändning\"" x.json
'

test_expect_success 'a closed akt takes an objection and a rättelse, and stays closed' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-01'\'' WHERE id = 1" &&
	SOCDOK_USER=sara journal-object 1:2 -m "Åsa säger att hon var hemma." >out &&
	echo 1:5 >expect && test_cmp expect out &&
	SOCDOK_USER=sara journal-correct 1:2 -m "Fel dag." >out &&
	echo 1:6 >expect && test_cmp expect out &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT closed FROM akt WHERE id = 1")" = 2026-03-01 &&
	SOCDOK_USER=sara akt-verify 1 >out && grep "^akt 1: intact, 6 notes" out
'

test_expect_success 'nothing else is written in a closed akt' '
	test_refused 65 "akt 1 is closed" \
		env SOCDOK_USER=sara journal-add 1 -m "Text."
'

test_expect_success 'refusals: reference, missing note, other unit, arkivarie, empty, future' '
	test_refused 64 "bad note reference" \
		env SOCDOK_USER=sara journal-object 12 -m "Text." &&
	test_refused 66 "akt 1 has no note 99" \
		env SOCDOK_USER=sara journal-object 1:99 -m "Text." &&
	SOCDOK_USER=olle journal-add 2 -m "Örjan städade." >/dev/null &&
	test_refused 77 "" env SOCDOK_USER=sara journal-object 2:1 -m "Text." &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv journal-object 1:1 -m "Text." &&
	test_refused 65 "the note is empty" \
		env SOCDOK_USER=sara journal-object 1:1 -m "" &&
	test_refused 65 "in the future" \
		env SOCDOK_USER=sara journal-object 1:1 -m "Text." --event-date 2026-04-01
'

test_done
