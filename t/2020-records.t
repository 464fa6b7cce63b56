#!/bin/sh
# The akt's chain of every record (hash_version 2, docs/hash-format.md):
# plans, signatures, insatser, the person's name, follow-ups and notes
# are chained; akt-verify names a change made behind the programs' back;
# the JSON export carries the records, akt-verify --export checks them,
# and an independent script (t/record-check.py) recomputes them.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

# Work on a copy, so each tampering starts from the intact akt.
tamper() {
	cp intact.db "$SOCDOK_DB" && chmod 600 "$SOCDOK_DB" &&
	rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER IF EXISTS gp_no_update;
		DROP TRIGGER IF EXISTS gp_signature_no_update;
		DROP TRIGGER IF EXISTS chain_insats_changed;
		DROP TRIGGER IF EXISTS chain_person_changed;
		DROP TRIGGER IF EXISTS chain_akt_changed;
		DROP TRIGGER IF EXISTS chain_record_no_update;
		DROP TRIGGER IF EXISTS chain_record_no_delete;
		DROP TRIGGER IF EXISTS akt_fact_no_update;
		DROP TRIGGER IF EXISTS insats_cancelled_final; $1"
}

test_expect_success 'set up: an akt with an insats, a plan, signatures and notes' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Åsa gick ut." >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md &&
	SOCDOK_USER=sara gp-new 1 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=sara gp-sign 1 --by brukare --date 2026-02-12 &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-cancel 2 --date 2026-02-15 --reason avböjt \
		-m "Åsa vill inte ha larm." >/dev/null &&
	cp "$SOCDOK_DB" intact.db
'

test_expect_success 'every kind of row of the akt is in its chain' '
	sqlite3 "$SOCDOK_DB" "SELECT DISTINCT kind FROM chain_record WHERE akt_id = 1 ORDER BY 1" >out &&
	printf "%s\n" akt akt_fact gp gp_signature insats note person >expect &&
	test_cmp expect out &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_pending")" = 0
'

test_expect_success 'akt-verify: intact' '
	SOCDOK_USER=sara akt-verify 1 >out &&
	grep -q "^akt 1: intact" out
'

test_expect_success 'the export carries the records; akt-verify --export and an independent script agree' '
	SOCDOK_USER=sara akt-export 1 --format json -o e.json &&
	akt-verify --export e.json >out &&
	grep -q "intact" out &&
	python3 "$T_TOP/t/record-check.py" e.json >py &&
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE akt_id = 1") &&
	head=$(sqlite3 "$SOCDOK_DB" "SELECT hash FROM chain_record WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1") &&
	echo "intact $n $head" >expect &&
	test_cmp expect py &&
	grep -q "\"akt_head\":\"$head\"" e.json &&
	grep -q "\"covers\":\"every note" e.json
'

for case in \
	"a plan body|UPDATE gp SET body = replace(body, 'handla', 'vila') WHERE id = 1|gp 1 differs" \
	"a signature|UPDATE gp_signature SET sign_date = '2026-02-01'|gp_signature 1 differs" \
	"an insats date|UPDATE insats SET started = '2026-01-19' WHERE id = 1|insats 1 differs" \
	"the name|UPDATE person SET name = 'Annan, Anna'|person 1 differs" \
	"a cancellation date|UPDATE insats SET cancelled = '2026-02-16' WHERE id = 2|insats 2 differs" \
	"a cancellation's fact|UPDATE akt_fact SET reason = 'annat'|akt_fact 1 differs" \
	"a fact added by hand|INSERT INTO akt_fact(akt_id, kind, text, recorded_at, recorded_by) VALUES (1, 'akt-inform', 'x', '2026-02-20T10:00:00Z', 2)|akt_fact 2 of akt 1 is in no record" \
	"a record rewritten|UPDATE chain_record SET body = 'x' WHERE seq = 2|record 1:2" \
	"a record removed|DELETE FROM chain_record WHERE seq = 3|record 1:3 is missing" \
	"a signature removed|DROP TRIGGER gp_signature_no_delete; DELETE FROM gp_signature|gp_signature 1 of record 1:"
do
	name=${case%%|*} rest=${case#*|} sql=${rest%%|*} want=${rest#*|}
	test_expect_success "akt-verify names a changed $name" "
		tamper \"$sql\" &&
		{ env SOCDOK_USER=sara akt-verify 1 >out; test \$? = 1; } &&
		{ grep -qF \"$want\" out || { cat out >&2; false; }; }
	"
done

test_expect_success 'the cancellation is in the chain: the insats as cancelled and its fact' '
	sqlite3 "$SOCDOK_DB" "SELECT body FROM chain_record WHERE akt_id = 1 AND kind = '\''insats'\'' AND ref = 2 ORDER BY seq DESC LIMIT 1" >out &&
	grep -qx "cancelled: 2026-02-15" out &&
	grep -qx "cancel_reason: avböjt" out &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM chain_record WHERE akt_id = 1 AND kind = '\''akt_fact'\''" >out &&
	grep -qx "kind: insats-cancel" out
'

test_expect_success 'a database from before the chains, at a later version, gets them on open' '
	cp intact.db old.db && chmod 600 old.db &&
	sqlite3 old.db "$(sqlite3 intact.db "SELECT '\''DROP TRIGGER '\'' || name || '\'';'\'' FROM sqlite_schema WHERE type = '\''trigger'\'' AND name LIKE '\''chain%'\''")
		DROP TABLE chain_record; DROP TABLE chain_pending;
		DROP TABLE schema_migration;" &&
	test "$(sqlite3 old.db "PRAGMA user_version")" -gt 80 &&
	SOCDOK_USER=sara akt-verify -d old.db 1 >out &&
	grep -q "^akt 1: intact" out &&
	sqlite3 old.db "SELECT kind || '\'' '\'' || ref FROM chain_record WHERE akt_id = 1 ORDER BY seq" >out &&
	printf "%s\n" "akt 1" "person 1" "insats 1" "insats 2" >expect &&
	head -4 out >out4 && test_cmp expect out4 &&
	grep -qx "akt_fact 1" out &&
	grep -qx "note 2" out &&
	test "$(sqlite3 old.db "SELECT count(*) FROM schema_migration WHERE num = 80")" = 1
'

test_expect_success 'a database from before a column was added verifies intact after the upgrade' '
	cp intact.db old.db && chmod 600 old.db &&
	# The akt as a socdok before 0142 recorded it: no protected column.
	sqlite3 old.db "DROP TRIGGER chain_record_no_update;
		ALTER TABLE akt DROP COLUMN protected;
		DELETE FROM schema_migration WHERE num = 142;" &&
	python3 - old.db "$T_TOP" <<-\PY &&
	import importlib.util, os, sqlite3, sys
	spec = importlib.util.spec_from_file_location(
	    "rc", os.path.join(sys.argv[2], "t", "record-check.py"))
	rc = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(rc)
	db = sqlite3.connect(sys.argv[1])
	seq, prev = db.execute("SELECT seq, hash FROM chain_record WHERE "
	    "akt_id = 1 ORDER BY seq DESC LIMIT 1").fetchone()
	body = db.execute("SELECT body FROM chain_record WHERE akt_id = 1 AND "
	    "kind = ? ORDER BY seq DESC LIMIT 1", ("akt",)).fetchone()[0]
	r = {"seq": seq + 1, "kind": "akt", "ref": 1, "login": "sara",
	     "written_at": "2026-03-02T10:00:00Z", "prev_hash": prev,
	     "body": body.replace("protected: 0\n", "")}
	db.execute("INSERT INTO chain_record(akt_id, seq, kind, ref, written_at, "
	    "login, body, hash_version, prev_hash, hash) VALUES "
	    "(1, ?, ?, 1, ?, ?, ?, 2, ?, ?)",
	    (r["seq"], "akt", r["written_at"], "sara", r["body"], prev,
	     rc.record_hash(1, r)))
	db.commit()
	PY
	last_akt="SELECT body FROM chain_record WHERE akt_id = 1 AND kind = '\''akt'\'' ORDER BY seq DESC LIMIT 1" &&
	! sqlite3 old.db "$last_akt" | grep -q "^protected:" &&
	SOCDOK_USER=sara akt-verify -d old.db 1 >out &&
	grep -q "^akt 1: intact" out &&
	sqlite3 old.db "$last_akt" | grep -qx "protected: 0"
'

test_expect_success 'a changed record in an export is named by akt-verify --export and the script' '
	sed "s/\"kind\":\"insats\",\"ref\":1,/&\"x\":1,/; s/decided: 2026-01-10/decided: 2026-01-11/" e.json >bad.json &&
	{ akt-verify --export bad.json >out; test $? = 1; } &&
	grep -q "broken" out &&
	{ python3 "$T_TOP/t/record-check.py" bad.json >py; test $? = 1; } &&
	grep -q "^broken: record 1:" py
'

test_done
