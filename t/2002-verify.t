#!/bin/sh
# akt-verify and the hash chain: intact chains, the documented format
# recomputed with the shell, and a chain broken behind the program's back
# (triggers dropped, a row altered, a note removed) named exactly.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

at_nine() {
	faketime -f "2026-03-02 09:00:00" "$@"
}
hash_of() {
	sqlite3 "$SOCDOK_DB" "SELECT hash FROM note WHERE akt_id = $1 AND seq = $2"
}
# Work on a copy, so each tampering starts from the intact journal.
tamper() {
	cp intact.db "$SOCDOK_DB" && chmod 600 "$SOCDOK_DB" &&
	rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER note_no_update; DROP TRIGGER note_no_delete; $1"
}

test_expect_success 'set up: two akter with notes' '
	setup_world "2026-03-02 09:00:00" &&
	at_nine env SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	at_nine env SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	at_nine env SOCDOK_USER=sara journal-add 1 -m "Åsa gick ut." >/dev/null &&
	at_nine env SOCDOK_USER=sara journal-add 1 -m "Sonen ringde." \
		--category kontakt --on-behalf-of erik >/dev/null &&
	at_nine env SOCDOK_USER=sara journal-add 1 -m "Åsa åt lunch." >/dev/null &&
	at_nine env SOCDOK_USER=olle journal-add 2 -m "Örjan städade." >/dev/null
'

test_expect_success 'an intact chain: exit 0, the number of notes and the head' '
	echo "akt 1: intact, 3 notes, head $(hash_of 1 3)" >expect &&
	SOCDOK_USER=sara akt-verify 1 >out &&
	test_cmp expect out
'

test_expect_success 'akt-list TSV and CSV pipe into akt-verify, akt-export and akt-close' '
	SOCDOK_USER=sara akt-list --format tsv >list.tsv &&
	SOCDOK_USER=sara akt-verify 1 >expect &&
	SOCDOK_USER=sara akt-verify <list.tsv >out &&
	test_cmp expect out &&
	SOCDOK_USER=sara akt-export --format md --dir xdir <list.tsv >out &&
	echo xdir/akt-1.md >expect &&
	test_cmp expect out &&
	SOCDOK_USER=sara akt-list --format csv >list.csv &&
	SOCDOK_USER=sara akt-close --dry-run --format tsv <list.csv >out &&
	cut -f1,2 out >got &&
	printf "akt\tstatus\n1\twould-close\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the first hash is the documented format, recomputed by the shell' '
	printf "socdok-note-v1\nakt: 1\nseq: 1\nevent_date: 2026-03-02\nwritten_at: 2026-03-02T08:00:00Z\nauthor_login: sara\nauthor_name: Sara Samordnare\nauthor_title: undersköterska\nbehalf_login: \nbehalf_name: \nbehalf_title: \ncategory: händelse\ncorrects: \nprev: %s\nbody_bytes: 13\n\n%s" \
		0000000000000000000000000000000000000000000000000000000000000000 \
		"Åsa gick ut." | sha256sum | cut -d" " -f1 >expect &&
	hash_of 1 1 >got &&
	test_cmp expect got
'

test_expect_success 'each note links to the hash of the one before' '
	test "$(sqlite3 "$SOCDOK_DB" "SELECT prev_hash FROM note WHERE akt_id = 1 AND seq = 2")" = "$(hash_of 1 1)" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT prev_hash FROM note WHERE akt_id = 1 AND seq = 3")" = "$(hash_of 1 2)"
'

test_expect_success 'an akt without notes is intact' '
	sqlite3 "$SOCDOK_DB" ".backup intact.db" &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19600606 111)" --name "Ny, Nils" \
		--unit "Boendestöd Väst" --opened 2026-02-01 >/dev/null &&
	echo "akt 3: intact, 0 notes, head 0000000000000000000000000000000000000000000000000000000000000000" >expect &&
	SOCDOK_USER=olle akt-verify 3 >out &&
	test_cmp expect out
'

test_expect_success '--all verifies every akt the user may see; TSV' '
	printf "akt\tnotes\tstatus\thead\tnote\tproblem\n1\t3\tintact\t%s\t\t\n2\t1\tintact\t%s\t\t\n3\t0\tintact\t%s\t\t\n" \
		"$(hash_of 1 3)" "$(hash_of 2 1)" \
		0000000000000000000000000000000000000000000000000000000000000000 >expect &&
	akt-verify --all --format tsv >out &&
	test_cmp expect out &&
	SOCDOK_USER=sara akt-verify --all >out &&
	test $(wc -l <out) = 1
'

test_expect_success 'akter may come on standard input' '
	printf "1\n2\n" | akt-verify >out &&
	test $(wc -l <out) = 2
'

test_expect_success 'the verification is logged' '
	SOCDOK_USER=sara akt-verify 1 >/dev/null &&
	echo "sara|akt-verify|1|verified the journal chain (3 notes, intact)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'an akt of another unit is refused; no such akt is 66' '
	test_refused 77 "" env SOCDOK_USER=sara akt-verify 2 &&
	test_refused 66 "no akt 9" env SOCDOK_USER=sara akt-verify 9
'

test_expect_success 'a text changed behind the back breaks the chain at that note' '
	tamper "UPDATE note SET body = '\''Sonen ringde inte.'\'' WHERE akt_id = 1 AND seq = 2" &&
	test_must_fail 1 env SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: broken at note 1:2: its content hashes to [0-9a-f]\{12\}…, not to the stored [0-9a-f]\{12\}…: the note was changed after it was written$" out
'

test_expect_success 'a changed author or date breaks it too' '
	tamper "UPDATE note SET author_name = '\''Någon Annan'\'' WHERE akt_id = 1 AND seq = 1" &&
	test_must_fail 1 env SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: broken at note 1:1: its content hashes" out &&
	tamper "UPDATE note SET event_date = '\''2026-02-01'\'' WHERE akt_id = 1 AND seq = 3" &&
	test_must_fail 1 env SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: broken at note 1:3: " out
'

test_expect_success 'a change with its hash recomputed breaks the next link' '
	new=$(printf "socdok-note-v1\nakt: 1\nseq: 1\nevent_date: 2026-03-02\nwritten_at: 2026-03-02T08:00:00Z\nauthor_login: sara\nauthor_name: Sara Samordnare\nauthor_title: undersköterska\nbehalf_login: \nbehalf_name: \nbehalf_title: \ncategory: händelse\ncorrects: \nprev: %s\nbody_bytes: 13\n\n%s" \
		0000000000000000000000000000000000000000000000000000000000000000 \
		"Åsa gick in." | sha256sum | cut -d" " -f1) &&
	tamper "UPDATE note SET body = '\''Åsa gick in.'\'', hash = '\''$new'\'' WHERE akt_id = 1 AND seq = 1" &&
	test_must_fail 1 env SOCDOK_USER=sara akt-verify 1 >out &&
	grep "^akt 1: broken at note 1:2: its prev is [0-9a-f]\{12\}…, but note 1:1 hashes to ${new%????????????????????????????????????????????????????}…: that note or this link was changed after it was written$" out
'

test_expect_success 'a removed note is named' '
	tamper "DELETE FROM note WHERE akt_id = 1 AND seq = 2" &&
	test_must_fail 1 env SOCDOK_USER=sara akt-verify 1 >out &&
	echo "akt 1: broken at note 1:2: note 1:2 is missing (the next is 1:3): a note was removed" >expect &&
	test_cmp expect out
'

test_expect_success 'one broken akt among intact ones: exit 1, the others said intact' '
	tamper "DELETE FROM note WHERE akt_id = 1 AND seq = 1" &&
	test_must_fail 1 akt-verify --all --format csv >out &&
	grep "^\"1\",\"2\",\"broken\",\"[0-9a-f]*\",\"1:1\",\"note 1:1 is missing (the next is 1:2): a note was removed\"" out &&
	grep "^\"2\",\"1\",\"intact\"" out
'

test_expect_success 'a note moved to another akt: the new akt is broken (the old one only shorter, see its head)' '
	tamper "UPDATE note SET akt_id = 2, seq = 2 WHERE akt_id = 1 AND seq = 3" &&
	test_must_fail 1 akt-verify 1 2 >out &&
	grep "^akt 1: intact, 2 notes" out &&
	grep "^akt 2: broken at note 2:2: its prev is" out
'

test_done
