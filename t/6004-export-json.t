#!/bin/sh
# akt-export --format json: everything, machine-readable, with the hash
# chain, so that a script re-verifies the journal from the file alone.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

# test_expect_code_of CODE CMD...: run CMD, fail unless it exits CODE.
test_expect_code_of() {
	t_want=$1
	shift
	"$@"
	t_got=$?
	[ "$t_got" = "$t_want" ] || { echo "exit $t_got, expected $t_want" >&2; return 1; }
}

test_expect_success 'set up: an akt with notes, a correction and two plans' '
	export_world
'

HEAD=$(sqlite3 "$SOCDOK_DB" "SELECT hash FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1")

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

test_expect_success 'follow-ups and recorded facts are there too' '
	sqlite3 "$SOCDOK_DB" "INSERT INTO followup(akt_id, gp_id, kind, fdate,
		recorded_at, recorded_by) VALUES
		(1, 2, '\''uppfoljning'\'', '\''2026-02-25'\'', '\''2026-02-25T10:00:00Z'\'', 2),
		(1, NULL, '\''handlaggare-uppfoljning'\'', '\''2026-02-14'\'', '\''2026-02-14T10:00:00Z'\'', 2)" &&
	SOCDOK_USER=sara akt-export 1 --format json >f.json &&
	jq -c "[.followups[] | [.gp_id, .kind, .date]], .plans[1].followups[0].date, .facts" f.json >got &&
	cat >expect <<-\EOF &&
	[[null,"handlaggare-uppfoljning","2026-02-14"],[2,"uppfoljning","2026-02-25"]]
	"2026-02-25"
	[]
	EOF
	test_cmp expect got &&
	SOCDOK_USER=sara akt-export 1 >f.md &&
	grep -F "**Uppföljningar:** uppföljning 2026-02-25" f.md &&
	grep -F "**Uppföljningar utan plan:** handläggarens uppföljning 2026-02-14" f.md
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

test_expect_success 'akt-verify --export re-verifies the JSON alone, without the database' '
	SOCDOK_DB=/nonexistent/socdok.db akt-verify --export akt.json >got &&
	echo "akt.json: akt 1: intact, 5 notes, head $HEAD" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-verify --export: an altered note is found (exit 1)' '
	jq ".notes[1].body |= sub(\"frukost|besök\"; \"middag\")" akt.json >bad.json &&
	test_expect_code_of 1 akt-verify --export bad.json >got &&
	grep "^bad.json: akt 1: broken at note 1:2: its content hashes to [0-9a-f]\{12\}…, not to the stored [0-9a-f]\{12\}…: the note was changed after it was written$" got
'

test_expect_success 'akt-verify --export: a removed note is found' '
	jq "del(.notes[2])" akt.json >bad.json &&
	test_expect_code_of 1 akt-verify --export bad.json >got &&
	grep "^bad.json: akt 1: broken at note 1:3: note 1:3 is missing (the next is 1:4): a note was removed$" got
'

test_expect_success 'akt-verify --export: the last note removed, and the head with it' '
	jq "del(.notes[4])" akt.json >bad.json &&
	test_expect_code_of 1 akt-verify --export bad.json >got &&
	grep "broken at note 1:5: the file holds 4 notes, its verification block counts 5" got &&
	jq "del(.notes[4]) | .verification.notes = 4" akt.json >bad.json &&
	test_expect_code_of 1 akt-verify --export bad.json >got &&
	grep "broken at note 1:4: the last note.s hash is not the head hash" got
'

test_expect_success 'akt-verify --export: a re-hashed forgery still differs in its head' '
	jq "del(.notes[4]) | .verification.notes = 4 | .verification.head_hash = .notes[3].hash" akt.json >forged.json &&
	akt-verify --export forged.json >got &&
	! grep -F "$HEAD" got
'

test_expect_success 'akt-verify --export: a selection is partial, its links hold' '
	SOCDOK_USER=sara akt-export 1 --format json --since 2026-01-12 --until 2026-01-14 >part.json &&
	akt-verify --export part.json --format tsv >got &&
	printf "akt\tnotes\tstatus\thead\tnote\tproblem\n1\t3\tpartial\t%s\t\t\n" "$HEAD" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-verify --export: not an export (65), no file (66), with akter (64)' '
	echo "{}" >other.json &&
	test_refused 65 "is not a JSON export of akt-export" akt-verify --export other.json &&
	test_refused 66 "nothing.json" akt-verify --export nothing.json &&
	test_refused 64 "" akt-verify 1 --export akt.json
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
