#!/bin/sh
# akt_due_facts (migration 0071) is derived data only: after the
# synthetic municipality is generated, after plans, signatures,
# follow-ups and insatser are written or changed, and after gallra
# purges an akt, each row is what the stored facts say, and
# followup-due follows a new fact at once.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

q() { sqlite3 "$SOCDOK_DB" "$1"; }

recomputed="SELECT a.id,
	(SELECT max(g.plan_date) FROM gp g WHERE g.akt_id = a.id AND EXISTS
	 (SELECT 1 FROM gp_signature s WHERE s.gp_id = g.id
	  AND s.signer IN ('brukare', 'foretradare'))),
	(SELECT max(plan_date) FROM gp WHERE akt_id = a.id),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'uppfoljning'),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'uppfoljningssamtal'),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'planeringssamtal'),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'introduktionssamtal'),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'handlaggare-uppfoljning'),
	(SELECT max(fdate) FROM followup WHERE akt_id = a.id AND kind = 'trygghetslarm'),
	(SELECT count(*) FROM insats WHERE akt_id = a.id AND ended IS NULL),
	(SELECT max(ended) FROM insats WHERE akt_id = a.id),
	(SELECT g.followup FROM gp g WHERE g.akt_id = a.id
	 ORDER BY g.plan_date DESC, g.id DESC LIMIT 1)
	FROM akt a"
stored="SELECT * FROM akt_due_facts"

# same: the stored rows are exactly the recomputed ones, both ways.
same() {
	q "$recomputed EXCEPT $stored" >only-recomputed &&
	q "$stored EXCEPT $recomputed" >only-stored &&
	test_cmp /dev/null only-recomputed &&
	test_cmp /dev/null only-stored
}

test_expect_success 'the generated municipality: one row per akt, as the facts say' '
	socdok-fixture --small --seed 5 --as-of 2026-03-02 2>/dev/null &&
	same &&
	test "$(q "SELECT count(*) FROM akt_due_facts")" = "$(q "SELECT count(*) FROM akt")" &&
	test "$(q "SELECT count(*) > 0 FROM akt_due_facts WHERE est_gp IS NOT NULL
		AND uppfoljningssamtal IS NOT NULL AND open_insatser > 0")" = 1
'

test_expect_success 'an uppföljningssamtal recorded: the row and the report follow at once' '
	followup-due --as-of 2026-03-02 --rule uppfoljningssamtal --format tsv >before &&
	awk -F"\t" "NR == 2 { print \$2 }" before >akt &&
	AKT=$(cat akt) && test -n "$AKT" &&
	q "INSERT INTO followup(akt_id, kind, fdate, recorded_at, recorded_by)
		VALUES ($AKT, '\''uppfoljningssamtal'\'', '\''2026-03-01'\'',
		'\''2026-03-01T10:00:00Z'\'', 1)" &&
	same &&
	test "$(q "SELECT uppfoljningssamtal FROM akt_due_facts WHERE akt_id = $AKT")" = 2026-03-01 &&
	followup-due --as-of 2026-03-02 --rule uppfoljningssamtal --format tsv >after &&
	test "$(wc -l <after)" = "$(($(wc -l <before) - 1))" &&
	! awk -F"\t" "{ print \$2 }" after | grep -qx "$AKT"
'

test_expect_success 'a plan, its signature, an insats begun and ended: the row follows' '
	AKT=$(cat akt) && test -n "$AKT" &&
	q "INSERT INTO gp(akt_id, version, plan_date, body, written_at, author_login,
		author_name, author_title) SELECT $AKT, max(version) + 1, '\''2026-03-01'\'',
		'\''plan'\'', '\''2026-03-01T10:00:00Z'\'', '\''admin'\'', '\''A'\'', '\''T'\''
		FROM gp WHERE akt_id = $AKT" &&
	same &&
	test "$(q "SELECT last_gp FROM akt_due_facts WHERE akt_id = $AKT")" = 2026-03-01 &&
	q "INSERT INTO gp_signature(gp_id, signer, sign_date, recorded_at, recorded_by)
		SELECT max(id), '\''brukare'\'', '\''2026-03-01'\'', '\''2026-03-01T10:00:00Z'\'', 1
		FROM gp WHERE akt_id = $AKT" &&
	same &&
	test "$(q "SELECT est_gp FROM akt_due_facts WHERE akt_id = $AKT")" = 2026-03-01 &&
	q "INSERT INTO insats(akt_id, kind, decided, created_at, created_by)
		VALUES ($AKT, '\''hemtjänst'\'', '\''2026-02-01'\'', '\''2026-02-01T10:00:00Z'\'', 1)" &&
	same &&
	q "UPDATE insats SET started = '\''2026-02-02'\'', ended = '\''2026-02-20'\''
		WHERE akt_id = $AKT" &&
	same &&
	test "$(q "SELECT open_insatser || last_ended FROM akt_due_facts WHERE akt_id = $AKT")" = 02026-02-20
'

test_expect_success 'gallra purges an akt: its row goes, the others stay right' '
	export SOCDOK_DB="$PWD/world.db" &&
	setup_world "2019-04-01 12:00:00" &&
	PURGE=$(t_pnr 19400506 123) &&
	new_akt "$PURGE" "Gallrasson, Märta" 2019-04-01 >id &&
	same &&
	test "$(q "SELECT count(*) FROM akt_due_facts WHERE akt_id = $(cat id)")" = 1 &&
	mkdir arkiv &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" \
		--preserve-dir arkiv 2>err &&
	test "$(q "SELECT count(*) FROM akt WHERE id = $(cat id)")" = 0 &&
	test "$(q "SELECT count(*) FROM akt_due_facts WHERE akt_id = $(cat id)")" = 0 &&
	same
'

test_done
