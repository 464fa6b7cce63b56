#!/bin/sh
# insats-correct: a wrongly typed beslut date, kind or start is corrected
# without erasing: the old value kept as a fact (akt-show --history), a
# rättelse note in the journal, and every deadline counted from the
# corrected insats.  Insats kinds carry their regime (share/insatser.txt).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19800101 456)

test_expect_success 'set up: an SoL akt with a waiting and a running insats, an LSS akt' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-05 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" --regime LSS \
		--unit "Boendestöd Väst" --opened 2026-01-05 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-01-20
'

test_expect_success 'an LSS kind is refused on an SoL akt, taken on an LSS akt' '
	test_refused 65 "is an insats under LSS and akt 1 is an akt under SoL" \
		env SOCDOK_USER=sara insats-add 1 --kind "personlig assistans" \
		--decided 2026-01-10 &&
	test_refused 65 "is an insats under LSS" env SOCDOK_USER=sara \
		insats-add 1 --kind "daglig verksamhet" --decided 2026-01-10 &&
	SOCDOK_USER=olle insats-add 2 --kind "personlig assistans" \
		--decided 2026-01-10 >id &&
	echo 3 >expect && test_cmp expect id &&
	SOCDOK_USER=sara insats-add 1 --kind "sarskilt boende" \
		--decided 2026-01-12 >id &&
	sqlite3 "$SOCDOK_DB" "SELECT kind FROM insats WHERE id = 4" >got &&
	echo "särskilt boende" >expect && test_cmp expect got
'

test_expect_success 'before: ej-verkstallt and gp-upprattad from the typed dates' '
	followup-due --as-of 2026-06-01 --format tsv >due &&
	grep "^ej-verkstallt	1	.*	1	hemtjänst	2026-01-10	2026-04-10	" due &&
	grep "^gp-upprattad	1	" due | grep -q "	2026-01-20	2026-02-17	"
'

test_expect_success 'refusals change nothing' '
	test_refused 64 "nothing to correct" env SOCDOK_USER=sara \
		insats-correct 1 -m x &&
	test_refused 64 "say why with -m" env SOCDOK_USER=sara \
		insats-correct 1 --decided 2026-01-11 &&
	test_refused 64 "bad insats id" env SOCDOK_USER=sara \
		insats-correct x --decided 2026-01-11 -m x &&
	test_refused 66 "no insats 9" env SOCDOK_USER=sara \
		insats-correct 9 --decided 2026-01-11 -m x &&
	test_refused 65 "no date" env SOCDOK_USER=sara \
		insats-correct 1 --decided 2026-13-01 -m x &&
	test_refused 65 "in the future" env SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 \
		insats-correct 1 --decided 2026-03-02 -m x &&
	test_refused 65 "unknown insats kind" env SOCDOK_USER=sara \
		insats-correct 1 --kind kaffe -m x &&
	test_refused 65 "is an insats under LSS" env SOCDOK_USER=sara \
		insats-correct 1 --kind "personlig assistans" -m x &&
	test_refused 65 "was never started; record its start with insats-start" \
		env SOCDOK_USER=sara insats-correct 1 --started 2026-01-20 -m x &&
	test_refused 65 "would be before the beslut" env SOCDOK_USER=sara \
		insats-correct 2 --started 2026-01-05 -m x &&
	test_refused 65 "would be before the beslut" env SOCDOK_USER=sara \
		insats-correct 2 --decided 2026-01-21 -m x &&
	test_refused 65 "already has these values" env SOCDOK_USER=sara \
		insats-correct 1 --decided 2026-01-10 --kind hemtjanst -m x &&
	test_refused 77 "" env SOCDOK_USER=olle \
		insats-correct 1 --decided 2026-01-11 -m x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		insats-correct 1 --decided 2026-01-11 -m x
'

test_expect_success 'the beslut date corrected: a fact, a rättelse note, a log line' '
	SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 insats-correct 1 \
		--decided 2026-02-01 -m "Fel datum i beställningen" >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT decided FROM insats WHERE id = 1" >got &&
	echo 2026-02-01 >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.insats_id, f.field, f.old_value,
		f.new_value, f.text, s.login, n.category FROM akt_fact f
		JOIN staff s ON s.id = f.recorded_by JOIN note n ON n.id = f.note_id" >got &&
	echo "insats-correct|1|decided|2026-01-10|2026-02-01|Fel datum i beställningen|sara|rättelse" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT event_date, body FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >got &&
	echo "2026-03-01|Rättelse av insatsen hemtjänst (insats 1): Beslutsdatum 2026-01-10 rättat till 2026-02-01. Skäl: Fel datum i beställningen" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE what = \"corrected insats 1: decided\"" >got &&
	echo 1 >expect && test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'the deadline of the corrected beslut is recomputed (followup-due, ivo-report)' '
	followup-due --as-of 2026-06-01 --format tsv >due &&
	grep "^ej-verkstallt	1	.*	1	hemtjänst	2026-02-01	2026-05-01	" due &&
	! grep "	1	hemtjänst	" due | grep -q "2026-04-10" &&
	ivo-report --quarter 2026Q2 --format tsv >ivo &&
	grep "	ej-verkstallt	1	hemtjänst	" ivo | cut -f9 >got &&
	echo 2026-02-01 >expect && test_cmp expect got
'

test_expect_success 'kind and start corrected together (kind typed without å, ä, ö)' '
	SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 insats-correct 2 \
		--kind hemtjanst --started 2026-01-25 -m "Enligt beslutet" &&
	sqlite3 "$SOCDOK_DB" "SELECT kind, decided, started FROM insats WHERE id = 2" >got &&
	echo "hemtjänst|2026-01-10|2026-01-25" >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >got &&
	echo "Rättelse av insatsen trygghetslarm (insats 2): Insatstyp trygghetslarm rättad till hemtjänst. Verkställd 2026-01-20 rättat till 2026-01-25. Skäl: Enligt beslutet" >expect &&
	test_cmp expect got &&
	followup-due --as-of 2026-06-01 --format tsv >due &&
	grep "^gp-upprattad	1	" due | grep -q "	2026-01-25	2026-02-23	"
'

test_expect_success 'a later beslut and a later start in one correction' '
	SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 insats-correct 2 \
		--decided 2026-01-30 --started 2026-02-02 -m "Fel år" &&
	sqlite3 "$SOCDOK_DB" "SELECT decided, started FROM insats WHERE id = 2" >got &&
	echo "2026-01-30|2026-02-02" >expect && test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'the history shows every correction with the old value' '
	SOCDOK_USER=sara akt-show 1 --history --format tsv >hist &&
	grep "insats-correct" hist | cut -f3-7 >got &&
	cat >expect <<-\EOF &&
	insats-correct	1	decided	2026-01-10	2026-02-01
	insats-correct	2	kind	trygghetslarm	hemtjänst
	insats-correct	2	started	2026-01-20	2026-01-25
	insats-correct	2	started	2026-01-25	2026-02-02
	insats-correct	2	decided	2026-01-10	2026-01-30
	EOF
	test_cmp expect got
'

test_expect_success 'a closed akt takes no correction' '
	SOCDOK_USER=olle akt-close 2 --date 2026-03-01 --end-insatser \
		-m "Flyttat" >/dev/null 2>&1 || SOCDOK_USER=olle akt-close 2 \
		--date 2026-03-01 -m "Flyttat" >/dev/null 2>&1;
	sqlite3 "$SOCDOK_DB" "SELECT closed IS NOT NULL FROM akt WHERE id = 2" >got &&
	echo 1 >expect && test_cmp expect got &&
	test_refused 65 "closed" env SOCDOK_USER=olle \
		insats-correct 3 --decided 2026-01-11 -m x
'

test_done
