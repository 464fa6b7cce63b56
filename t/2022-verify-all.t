#!/bin/sh
# akt-verify --all checks every akt in one pass over each table (issue
# 13): whatever was done to the file behind socdok's back, its answer is
# the one akt-verify gives for each akt by itself, line for line, in
# the same words - rows moved to another akt, a person of two akter
# changed, records and notes out of the order of rowid, a row added,
# records removed - for an administrator and for an enhetschef, who
# sees one unit.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 "$SOCDOK_DB" "$1"; }

# tamper SQL: the intact copy, every trigger dropped, SQL run on it.
tamper() {
	cp intact.db "$SOCDOK_DB" && chmod 600 "$SOCDOK_DB" &&
	rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	q "$(q "SELECT group_concat('DROP TRIGGER ' || name, '; ') FROM
		sqlite_schema WHERE type = 'trigger'"); $1"
}

# same_answer USER: --all says what the akter one by one say (those of
# other units refused one by one, and left out of --all).
same_answer() {
	ids=$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM akt ORDER BY id)") &&
	{ SOCDOK_USER=$1 akt-verify --all --format tsv >all.tsv </dev/null
	  e1=$?; } &&
	{ SOCDOK_USER=$1 akt-verify --format tsv $ids >each.tsv \
		2>/dev/null </dev/null || :; } &&
	test $e1 -le 1 &&
	test_cmp each.tsv all.tsv
}

test_expect_success 'set up: a small municipality, every chain intact' '
	SOCDOK_USER=admin socdok-fixture --persons 40 --seed 3 \
		--as-of 2026-03-02 2>/dev/null &&
	q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp "$SOCDOK_DB" intact.db &&
	q "SELECT person_id FROM akt GROUP BY person_id HAVING count(*) > 1
		LIMIT 1" >shared && test -s shared &&
	q "SELECT s.login FROM staff s JOIN staff_unit u ON u.staff_id = s.id
		WHERE s.role = '"'"'enhetschef'"'"' LIMIT 1" >chef &&
	test -s chef &&
	SOCDOK_USER=admin akt-verify --all --format tsv >out &&
	test $(grep -c "	intact	" out) = $(q "SELECT count(*) FROM akt") &&
	same_answer admin
'

while read -r what sql; do
	test_expect_success "--all as each akt by itself: $what" '
		tamper "$sql" &&
		same_answer admin &&
		same_answer "$(cat chef)"
	'
done <<'EOF'
insats-moved UPDATE insats SET akt_id = 2 WHERE id = 1
shared-person UPDATE person SET name = name || 'x' WHERE id = (SELECT person_id FROM akt GROUP BY person_id HAVING count(*) > 1 LIMIT 1)
person-swapped UPDATE akt SET person_id = (SELECT b.person_id FROM akt b WHERE b.person_id NOT IN (SELECT c.person_id FROM akt c WHERE c.unit_id = akt.unit_id) LIMIT 1) WHERE id = 5
signature-moved UPDATE gp_signature SET gp_id = (SELECT max(id) FROM gp) WHERE id = 1
signature-gone DELETE FROM gp_signature WHERE id = (SELECT max(id) FROM gp_signature)
fact-added INSERT INTO fact(akt_id, kind, fdate, recorded_at, recorded_by) VALUES (3, 'avbrott', '2025-01-01', '2025-01-01T00:00:00Z', 1)
record-moved UPDATE chain_record SET akt_id = 9 WHERE id = 100
record-body UPDATE chain_record SET body = body || 'x' WHERE kind = 'note' AND id = (SELECT max(id) FROM chain_record WHERE kind = 'note' AND akt_id = 4)
record-last-gone DELETE FROM chain_record WHERE id = (SELECT max(id) FROM chain_record WHERE akt_id = 6)
record-unknown-kind UPDATE chain_record SET kind = 'nosuch' WHERE id = 77
record-no-row UPDATE chain_record SET ref = 99999 WHERE id = (SELECT min(id) FROM chain_record WHERE kind = 'insats')
record-out-of-order UPDATE chain_record SET id = (SELECT max(id) + 1 FROM chain_record) WHERE id = (SELECT min(id) FROM chain_record WHERE akt_id = 7)
note-out-of-order UPDATE note SET id = (SELECT max(id) + 1 FROM note) WHERE id = (SELECT min(id) FROM note WHERE akt_id = 8)
note-moved UPDATE note SET akt_id = 11, seq = (SELECT max(seq) + 1 FROM note WHERE akt_id = 11) WHERE id = (SELECT max(id) FROM note WHERE akt_id = 10)
note-last-gone DELETE FROM note WHERE id = (SELECT max(id) FROM note WHERE akt_id = 12)
note-corrects-elsewhere UPDATE note SET corrects = (SELECT min(id) FROM note WHERE akt_id = 2) WHERE id = (SELECT max(id) FROM note WHERE akt_id = 1)
akt-other-unit UPDATE akt SET unit_id = (SELECT max(unit_id) FROM akt) WHERE id = 1
EOF

test_done
