#!/bin/sh
# insats-cancel: a beslut never carried out ends with a reason (IVO's
# "avslutat utan att ha verkställts"): a fact, a journal note, and the
# rules of a running insats stop counting for it.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt per unit, insatser waiting and running' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-01-20 &&
	SOCDOK_USER=olle insats-add 2 --kind boendestöd --decided 2026-01-10 >/dev/null
'

test_expect_success 'waiting: ej-verkstallt is due for insats 1 before' '
	followup-due --as-of 2026-05-01 --rule ej-verkstallt --format tsv >due &&
	grep -q "ej-verkstallt" due
'

test_expect_success 'refusals change nothing' '
	test_refused 64 "the reason is missing" env SOCDOK_USER=sara \
		insats-cancel 1 -m "Återkallat av nämnden" &&
	test_refused 64 "unknown reason" env SOCDOK_USER=sara \
		insats-cancel 1 --reason glömt -m x &&
	test_refused 64 "say what happened" env SOCDOK_USER=sara \
		insats-cancel 1 --reason annat &&
	test_refused 64 "bad insats id" env SOCDOK_USER=sara \
		insats-cancel x --reason annat -m x &&
	test_refused 66 "no insats 9" env SOCDOK_USER=sara \
		insats-cancel 9 --reason annat -m x &&
	test_refused 65 "was started on 2026-01-20" env SOCDOK_USER=sara \
		insats-cancel 2 --reason annat -m x &&
	test_refused 65 "before the decision" env SOCDOK_USER=sara \
		insats-cancel 1 --date 2026-01-01 --reason annat -m x &&
	test_refused 65 "in the future" env SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 \
		insats-cancel 1 --date 2026-03-02 --reason annat -m x &&
	test_refused 77 "" env SOCDOK_USER=olle \
		insats-cancel 1 --reason annat -m x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		insats-cancel 1 --reason annat -m x
'

test_expect_success 'cancel: a fact, a journal note, a log line' '
	SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 insats-cancel 1 --date 2026-02-20 \
		--reason återkallat -m "Nämnden återkallade beslutet" >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT cancelled, cancel_reason FROM insats WHERE id = 1" >got &&
	echo "2026-02-20|återkallat" >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.insats_id, f.fdate, f.reason, f.text, s.login,
		n.category FROM akt_fact f JOIN staff s ON s.id = f.recorded_by
		JOIN note n ON n.id = f.note_id" >got &&
	echo "insats-cancel|1|2026-02-20|återkallat|Nämnden återkallade beslutet|sara|avslutad-insats" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >got &&
	echo "Insatsen hemtjänst (insats 1, beslut 2026-01-10) avslutades 2026-02-20 utan att ha verkställts. Orsak: återkallat. Nämnden återkallade beslutet" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE what LIKE \"cancelled insats 1 %\"" >got &&
	echo 1 >expect && test_cmp expect got &&
	akt-verify 1
'

test_expect_success 'cancelled: no more ej-verkstallt, never again cancelled or started' '
	followup-due --as-of 2026-05-01 --rule ej-verkstallt --format tsv >due &&
	! grep -q "	1	hemtjänst" due &&
	test_refused 65 "already cancelled" env SOCDOK_USER=sara \
		insats-cancel 1 --reason annat -m x &&
	test_refused 65 "already cancelled (on 2026-02-20)" env SOCDOK_USER=sara \
		insats-start 1 --date 2026-02-25 &&
	test_refused 65 "already cancelled" env SOCDOK_USER=sara \
		insats-end 1 --date 2026-02-25
'

test_expect_success 'the reason typed without å, ä, ö; journal-avslut counts from the last end' '
	SOCDOK_USER=olle SOCDOK_TODAY=2026-03-01 insats-cancel 3 --date 2026-02-01 \
		--reason avbojt -m "Tackade nej vid hembesöket" &&
	sqlite3 "$SOCDOK_DB" "SELECT cancel_reason FROM insats WHERE id = 3" >got &&
	echo avböjt >expect && test_cmp expect got &&
	followup-due --as-of 2026-03-10 --rule journal-avslut --format tsv >due &&
	grep -q "journal-avslut" due && grep "journal-avslut" due | grep -q "2026-03-03"
'

test_expect_success 'the fact cannot be changed or deleted' '
	! sqlite3 "$SOCDOK_DB" "UPDATE akt_fact SET text = 1" 2>err &&
	grep -q "recorded facts cannot be changed" err &&
	! sqlite3 "$SOCDOK_DB" "UPDATE insats SET cancelled = NULL WHERE id = 1" 2>err &&
	grep -q "cannot be started, ended or cancelled again" err
'

test_done
