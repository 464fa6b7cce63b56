#!/bin/sh
# akt-export --format json: everything, machine-readable, with the hash
# chain, so that a script re-verifies the journal from the file alone.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

test_expect_success 'set up: an akt with notes, a correction and two plans' '
	export_world
'

test_expect_success 'the JSON export is valid JSON of the socdok-export format' '
	SOCDOK_USER=sara akt-export 1 --format json -o akt.json >out &&
	jq -r ".format, .format_version, .akt.id, .akt.name, .akt.personnummer" akt.json >got &&
	cat >expect <<-EOF &&
	socdok-export
	1
	1
	Öberg-Ärlig, Åsa
	$(echo "$EX_P1" | tr -d -)
	EOF
	test_cmp expect got
'

test_expect_success 'it holds the insatser, both plans and every note as written' '
	jq -r ".insatser[0].kind, .insatser[0].started, (.plans | length),
		.plans[0].replaced, .plans[1].replaced, (.notes | length)" akt.json >got &&
	printf "hemtjänst\n2026-01-10\n2\n2026-02-15\nnull\n5\n" >expect &&
	test_cmp expect got &&
	for i in 2 3 4 5; do
		jq -j ".notes[$((i - 1))].body" akt.json >body &&
		test_cmp note-$i.txt body || return 1
	done &&
	jq -j ".plans[0].body" akt.json >body && test_cmp plan-1.md body
'

test_expect_success 'corrections and on-behalf-of are in the notes' '
	jq -c ".notes[2] | [.behalf_login, .behalf_name, .behalf_title]" akt.json >got &&
	echo "[\"erik\",\"Erik Ek\",\"vårdbiträde\"]" >expect &&
	test_cmp expect got &&
	jq -c ".notes[3] | [.category, .corrects, .corrects_seq]" akt.json >got &&
	echo "[\"rättelse\",3,3]" >expect &&
	test_cmp expect got
'

test_expect_success 'the hashes are the database'\''s' '
	jq -r ".notes[] | [.seq, .prev_hash, .hash] | @tsv" akt.json >got &&
	sqlite3 -separator "	" "$SOCDOK_DB" \
		"SELECT seq, prev_hash, hash FROM note WHERE akt_id = 1 ORDER BY seq" >expect &&
	test_cmp expect got
'

test_expect_success 'the verification block' '
	head=$(sqlite3 "$SOCDOK_DB" "SELECT hash FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1") &&
	jq -c ".verification | [.notes, .notes_exported, .head_hash, .hash_format, .hash_version, .result, .first_broken_seq]" akt.json >got &&
	echo "[5,5,\"$head\",\"socdok-note-v1\",1,\"intact\",null]" >expect &&
	test_cmp expect got
'

test_expect_success 'a script re-verifies the chain from the JSON alone' '
	head=$(jq -r ".notes[4].hash" akt.json) &&
	reverify akt.json >got &&
	echo "intact 5 $head" >expect &&
	test_cmp expect got
'

test_expect_success 'an altered note in the JSON no longer verifies' '
	jq ".notes[1].body |= sub(\"frukost|besök\"; \"middag\")" akt.json >bad.json &&
	reverify bad.json >got &&
	echo "broken 2" >expect &&
	test_cmp expect got
'

test_expect_success 'a removed note in the JSON no longer verifies' '
	jq "del(.notes[2])" akt.json >bad.json &&
	reverify bad.json >got &&
	echo "broken 4" >expect &&
	test_cmp expect got
'

test_expect_success 'a selection exports its notes and says how many the akt has' '
	SOCDOK_USER=sara akt-export 1 --format json --since 2026-02-10 >sel.json &&
	jq -c "[.selection.since, .selection.until, (.notes | map(.seq)), .verification.notes, .verification.notes_exported]" sel.json >got &&
	echo "[\"2026-02-10\",null,[5],5,1]" >expect &&
	test_cmp expect got
'

test_expect_success 'a broken chain is reported in the JSON' '
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER note_no_update;
		UPDATE note SET author_title = \"chef\" WHERE akt_id = 1 AND seq = 2" &&
	SOCDOK_USER=sara akt-export 1 --format json >broken.json &&
	jq -c ".verification | [.result, .first_broken_seq]" broken.json >got &&
	echo "[\"broken\",2]" >expect &&
	test_cmp expect got
'

test_done
