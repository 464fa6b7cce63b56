#!/bin/sh
# The database head kept outside (socdok-anchor) and the check of the
# database against it (akt-verify --anchor, socdok-check --anchor): every
# record that existed at the anchor is still there unchanged, or was
# purged by gallra with a tombstone.  Each direct edit of the issue
# (note text, plan, signature, insats date, name, access-log delete,
# truncation, rewrite-and-recompute) is caught after an anchor.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

P1=$(t_pnr 19450312 123)
PURGE=$(t_pnr 19400506 123)

# check_broken WANT: akt-verify --anchor says the database is broken,
# naming WANT, and exits 1.
check_broken() {
	{ env SOCDOK_USER=admin akt-verify --anchor anchor >out 2>err; test $? = 1; } &&
	{ grep -F "$1" out >/dev/null || { cat out err >&2; false; }; }
}

# tamper SQL: the anchored copy with SQL applied behind the programs
# (their triggers dropped, as someone with the file can).
tamper() {
	cp anchored.db "$SOCDOK_DB" && chmod 600 "$SOCDOK_DB" &&
	rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	sqlite3 "$SOCDOK_DB" "$(sqlite3 "$SOCDOK_DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger' AND (name LIKE '%no_update' OR name LIKE '%no_delete' OR name LIKE 'chain_%' OR name = 'insats_cancelled_final')") $1"
}

# recompute.py: rewrite every hash after an edit, as an attacker would
# (t/record-check.py's formats), keeping the chains themselves intact.
# (the database made when the old akt was written: records in time order)
test_expect_success 'set up: an akt with everything, an old akt to purge' '
	setup_world "2019-04-01 12:00:00" &&
	GALLRA_USER=sara new_akt "$PURGE" "Gallrasson, Märta" 2019-04-01 >id-purge &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-01-20 &&
	SOCDOK_USER=sara journal-add 2 -m "Åsa gick ut." >/dev/null &&
	SOCDOK_USER=sara journal-add 2 -m "Åsa handlade." >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md &&
	SOCDOK_USER=sara gp-new 2 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=sara gp-sign --plan 1 --by brukare --date 2026-02-12 &&
	SOCDOK_USER=sara akt-show 2 >/dev/null
'

test_expect_success 'socdok-anchor: one self-describing line' '
	SOCDOK_USER=karin socdok-anchor >anchor &&
	test "$(wc -l <anchor)" = 1 &&
	grep -Eq "^socdok-anchor v1 at=[0-9-]{10}T[0-9:]{8}Z heads=[0-9]+ akter=2 records=[0-9]+ access=[0-9]+ gallring=0 root=[0-9a-f]{64}$" anchor &&
	root=$(sqlite3 "$SOCDOK_DB" "SELECT hash FROM head_chain ORDER BY seq DESC LIMIT 1") &&
	grep -q "root=$root$" anchor &&
	cp "$SOCDOK_DB" anchored.db
'

test_expect_success SSHKEYGEN 'socdok-anchor --key: the line signed as ssh-keygen -Y sign does' '
	ssh-keygen -q -t ed25519 -N "" -C socdok -f key &&
	SOCDOK_USER=karin socdok-anchor --key key >signed &&
	head -1 signed >line &&
	sed 1d signed >line.sig &&
	sed -n 1p line.sig | grep -q "^-----BEGIN SSH SIGNATURE-----$" &&
	echo "socdok $(cat key.pub)" >allowed &&
	ssh-keygen -Y verify -f allowed -I socdok -n socdok-anchor -s line.sig <line >/dev/null &&
	echo "anders" >line &&
	! ssh-keygen -Y verify -f allowed -I socdok -n socdok-anchor -s line.sig <line >/dev/null 2>&1 &&
	SOCDOK_ANCHOR_KEY=key SOCDOK_USER=karin socdok-anchor >signed2 &&
	test "$(wc -l <signed2)" -gt 3 &&
	test_refused 65 "ssh-keygen could not sign with the key" env SOCDOK_USER=karin socdok-anchor -k nokey
'

test_expect_success SSHKEYGEN 'akt-verify --allowed-signers: the anchor signed by a trusted key, or not trusted' '
	cat signed2 signed >many &&
	SOCDOK_USER=admin akt-verify --anchor many --allowed-signers allowed >out &&
	grep -qx "anchor: good signature by socdok" out &&
	grep -q "^database: intact" out &&
	sed "1s/ at=[^ ]*/ at=2020-01-01T00:00:00Z/" signed >changed &&
	{ SOCDOK_USER=admin akt-verify --anchor changed --allowed-signers allowed >out; test $? = 1; } &&
	grep -q "^anchor: not trusted: the signature by socdok does not match the anchor line" out &&
	ssh-keygen -q -t ed25519 -N "" -C other -f other &&
	SOCDOK_USER=karin socdok-anchor --key other >by-other &&
	{ SOCDOK_USER=admin akt-verify --anchor by-other --allowed-signers allowed >out; test $? = 1; } &&
	grep -q "^anchor: not trusted: no key of .allowed. made the anchor" out &&
	head -1 signed >unsigned &&
	{ SOCDOK_USER=admin akt-verify --anchor unsigned --allowed-signers allowed >out; test $? = 1; } &&
	grep -q "^anchor: not trusted: the anchor is not signed" out &&
	{ SOCDOK_USER=admin socdok-check --anchor changed --allowed-signers allowed >out 2>&1; test $? != 0; } &&
	grep -q "anchor: the signature by socdok does not match" out &&
	{ SOCDOK_USER=admin socdok-check --anchor many --allowed-signers allowed >out 2>&1; true; } &&
	! grep -q "anchor:" out &&
	{ akt-verify --allowed-signers allowed 1 2>err; test $? = 64; }
'

test_expect_success 'the head chain is recomputable with sha256sum' '
	sqlite3 -separator " " "$SOCDOK_DB" "SELECT seq, at, chain, akt, count, head, prev_hash, hash FROM head_chain ORDER BY seq DESC LIMIT 1" >last &&
	read seq at chain akt count head prev hash <last &&
	got=$(printf "socdok-head-v2\nseq: %s\nat: %s\nchain: %s\nakt: %s\ncount: %s\nhead: %s\nprev: %s\n" \
		"$seq" "$at" "$chain" "$akt" "$count" "$head" "$prev" | sha256sum | cut -d" " -f1) &&
	test "$got" = "$hash"
'

test_expect_success 'the database extends its anchor; more work keeps it so' '
	SOCDOK_USER=admin akt-verify --anchor anchor >out &&
	grep -q "^database: intact, an extension of the anchor" out &&
	SOCDOK_USER=sara journal-add 2 -m "Ny anteckning." >/dev/null &&
	SOCDOK_USER=admin akt-verify --anchor anchor >out &&
	grep -q "^database: intact" out &&
	SOCDOK_USER=admin socdok-check --anchor anchor --max-backup-age 1 >out;
	! grep "^chain" out
'

test_expect_success 'a purge after the anchor still verifies: the tombstone accounts for it' '
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" --preserve-dir . >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = 1")" = 0 &&
	sqlite3 "$SOCDOK_DB" "SELECT akt, action, decision, records > 0, length(final_head) FROM gallring_tombstone" >got &&
	echo "1|purge|KS 2026/17|1|64" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=admin akt-verify --anchor anchor >out &&
	grep -q "^database: intact" out
'

test_expect_success 'only an administrator or arkivarie checks against an anchor; a bad anchor is refused' '
	test_refused 77 "only an administrator or arkivarie" env SOCDOK_USER=sara akt-verify --anchor anchor &&
	echo nonsense >bad &&
	test_refused 65 "holds no line of socdok-anchor" env SOCDOK_USER=admin akt-verify --anchor bad
'

for case in \
	"a note text|UPDATE note SET body = 'Åsa gick hem.' WHERE akt_id = 2 AND seq = 1|akt 2" \
	"a plan body|UPDATE gp SET body = replace(body, 'handla', 'vila')|gp 1 differs" \
	"a signature|UPDATE gp_signature SET sign_date = '2026-02-01'|gp_signature 1 differs" \
	"an insats date|UPDATE insats SET started = '2026-01-19' WHERE id = 2|insats 2 differs" \
	"the name|UPDATE person SET name = 'Annan, Anna' WHERE id = 2|person 2 differs" \
	"an access-log row deleted|DELETE FROM access_log WHERE id = (SELECT min(id) FROM access_log WHERE akt_id = 2)|is gone, and no gallring erased it" \
	"the last note truncated|DELETE FROM note WHERE akt_id = 2 AND seq = 2; DELETE FROM chain_record WHERE akt_id = 2 AND seq = (SELECT max(seq) FROM chain_record WHERE akt_id = 2)|akt 2"
do
	name=${case%%|*} rest=${case#*|} sql=${rest%%|*} want=${rest#*|}
	test_expect_success "after the anchor: $name is caught" "
		tamper \"$sql\" && check_broken \"$want\"
	"
done

test_expect_success 'after the anchor: rewritten and every hash recomputed is caught' '
	tamper "UPDATE note SET body = '\''Åsa gick hem.'\'' WHERE akt_id = 2 AND seq = 1" &&
	python3 "$T_TOP/t/recompute.py" "$SOCDOK_DB" &&
	SOCDOK_USER=admin akt-verify 2 >out &&
	grep -q "^akt 2: intact" out &&
	check_broken "not the anchored one"
'

test_done
