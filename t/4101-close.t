#!/bin/sh
# akt-close and akt-reopen: closing one akt, with its closing note, the
# summary for the handläggare, --end-insatser, the lock on a closed akt,
# and reopening after a mistake.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt whose insatser have ended, one still running' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-end 1 --date 2026-02-27 --reason "Flyttar" &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-02-01 \
		--handlaggare "Hugo Handläggare" >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-01-20
'

test_expect_success 'a single close prints its record and the summary for the handläggare' '
	cat >expect <<-EOF &&
	akt  status   date        ended  note  reason
	  1  closed   2026-02-28            4

	Till: Hanna Handläggare, Hugo Handläggare
	Ämne: Akt 1 avslutad: Åberg, Åsa

	Akten för Åberg, Åsa ($P1) vid Hemtjänst Norr avslutades 2026-02-28.

	Insatser:
	- hemtjänst (insats 1, beslut 2026-01-10): verkställd 2026-01-20, avslutad 2026-02-27
	- trygghetslarm (insats 2, beslut 2026-02-01): verkställdes aldrig

	Den sociala dokumentationen är sammanställd: 3 journalanteckningar och 0 genomförandeplaner.
	Exportera den med: akt-export 1

	Sara Samordnare
	undersköterska, Hemtjänst Norr
	EOF
	SOCDOK_USER=sara akt-close 1 --date 2026-02-28 \
		-m "Åsa flyttar till särskilt boende." >out 2>err &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'the akt is closed on the date, by the user' '
	echo "2026-02-28|sara" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT a.closed, s.login FROM akt a JOIN staff s \
		ON s.id = a.closed_by WHERE a.id = 1" >out &&
	test_cmp expect out &&
	SOCDOK_USER=sara akt-show 1 | grep "^closed:" >out &&
	echo "closed:         2026-02-28" >expect &&
	test_cmp expect out
'

test_expect_success 'the closing note is category avslut, dated the closing day, with the text' '
	cat >expect <<-EOF &&
	4|2026-02-28|avslut|sara|Akten avslutas 2026-02-28.

	Åsa flyttar till särskilt boende.

	Insatser:
	- hemtjänst (insats 1, beslut 2026-01-10): verkställd 2026-01-20, avslutad 2026-02-27
	- trygghetslarm (insats 2, beslut 2026-02-01): verkställdes aldrig
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, event_date, category, author_login, \
		body FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >out &&
	test_cmp expect out
'

test_expect_success 'the closing note continues the hash chain' '
	sqlite3 "$SOCDOK_DB" "SELECT n.prev_hash = p.hash FROM note n JOIN note p \
		ON p.akt_id = n.akt_id AND p.seq = n.seq - 1 \
		WHERE n.akt_id = 1 AND n.seq = 3" >out &&
	echo 1 >expect &&
	test_cmp expect out
'

test_expect_success 'the close is in the access log' '
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log \
		WHERE program = '\''akt-close'\''" >out &&
	echo "sara|akt-close|1|closed akt on 2026-02-28" >expect &&
	test_cmp expect out
'

test_expect_success 'notes and insats changes are refused after closing, naming the date' '
	test_refused 65 "akt 1 is closed (since 2026-02-28); reopen it with akt-reopen" \
		env SOCDOK_USER=sara insats-add 1 --kind ledsagning --decided 2026-02-01 &&
	test_refused 65 "akt 1 is closed (since 2026-02-28)" \
		env SOCDOK_USER=sara insats-start 2 --date 2026-02-28 &&
	test_refused 65 "akt 1 is closed (since 2026-02-28)" \
		env SOCDOK_USER=sara insats-end 1 --date 2026-02-28
'

test_expect_success 'journal-add and gp-new are refused after closing, naming the date' '
	test_refused 65 "akt 1 is closed (since 2026-02-28); reopen it with akt-reopen or write in another akt" \
		env SOCDOK_USER=sara journal-add 1 -m "Ringde anhörig." \
		--category kontakt &&
	cp "$SOCDOK_SHARE/gp-template.md" plan.md &&
	test_refused 65 "akt 1 is closed (since 2026-02-28)" \
		env SOCDOK_USER=sara gp-new 1 -F plan.md
'

test_expect_success 'without --end-insatser a running insats is refused' '
	SOCDOK_USER=sara akt-close 2 >out 2>err
	test $? = 65 &&
	echo "akt-close: akt 2 has a running insats: 3 hemtjänst (since 2026-01-20); end it with insats-end, or close with --end-insatser" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT closed IS NULL FROM akt WHERE id = 2")" = 1
'

test_expect_success '--end-insatser ends the running insats on the closing date, with its note' '
	cat >expect <<-EOF &&
	akt	status	date	ended	note	reason
	2	closed	2026-03-02	3	6	
	EOF
	SOCDOK_USER=karin akt-close 2 --end-insatser --format tsv >out 2>err &&
	test_cmp expect out &&
	test ! -s err &&
	cat >expect <<-EOF &&
	3|2026-01-20|2026-03-02|akten avslutas
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, started, ended, end_reason FROM insats \
		WHERE id = 3" >out &&
	test_cmp expect out &&
	cat >expect <<-EOF &&
	3|påbörjad-insats|2026-01-20
	5|avslutad-insats|2026-03-02
	6|avslut|2026-03-02
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, category, event_date FROM note \
		WHERE akt_id = 2 ORDER BY seq" >out &&
	test_cmp expect out
'

test_expect_success 'a closed akt is no longer found by its personnummer' '
	test_must_fail 66 env SOCDOK_USER=sara akt-close "$P2" >out 2>err &&
	grep "^akt-close: no open akt for $P2; see akt-list$" err
'

test_expect_success 'akt-reopen needs a reason' '
	test_must_fail 64 env SOCDOK_USER=sara akt-reopen 1 2>err &&
	grep "^usage: akt-reopen" err &&
	test_refused 64 "say why akt 1 is reopened with -m REASON" \
		env SOCDOK_USER=sara akt-reopen 1 -m "  "
'

test_expect_success 'akt-reopen refuses an open akt, and a user who may not close it' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19500505 789)" --name "Ek, Eva" \
		--unit "Hemtjänst Norr" >/dev/null &&
	test_refused 65 "akt 3 is open; there is nothing to reopen" \
		env SOCDOK_USER=sara akt-reopen 3 -m "fel" &&
	test_refused 77 "akt 1 is not yours to reopen" \
		env SOCDOK_USER=erik akt-reopen 1 -m "fel" &&
	test_refused 77 "akt 1 belongs to unit '\''Hemtjänst Norr'\'', which is not yours" \
		env SOCDOK_USER=olle akt-reopen 1 -m "fel"
'

test_expect_success 'akt-reopen opens the akt again, and says why in a note' '
	SOCDOK_USER=sara akt-reopen 1 -m "Stängdes av misstag; Åsa bor kvar." >out 2>err &&
	test ! -s out && test ! -s err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT closed IS NULL AND closed_by IS NULL \
		FROM akt WHERE id = 1")" = 1 &&
	cat >expect <<-EOF &&
	4|2026-03-02|avslut|Akten öppnas igen (avslutad 2026-02-28).

	Skäl: Stängdes av misstag; Åsa bor kvar.
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT seq, event_date, category, body FROM note \
		WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >out &&
	test_cmp expect out &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = \
		'\''akt-reopen'\'' AND what NOT LIKE '\''refused:%'\''" >out &&
	echo "reopened akt (closed 2026-02-28)" >expect &&
	test_cmp expect out
'

test_expect_success 'a reopened akt takes notes and insats changes again' '
	SOCDOK_USER=sara journal-add 1 -m "Åsa bor kvar hemma." \
		--category händelse >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-03-02
'

test_expect_success 'akt-reopen by personnummer finds the one closed akt' '
	SOCDOK_USER=sara akt-reopen "$P2" -m "Ny insats beviljad" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT closed IS NULL FROM akt WHERE id = 2")" = 1
'

test_expect_success 'akt-reopen refuses when the person has another open akt at the unit' '
	SOCDOK_USER=sara akt-close 2 --end-insatser >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Hemtjänst Norr" >/dev/null &&
	test_refused 65 "Öberg, Örjan already has an open akt at '\''Hemtjänst Norr'\'': akt 4; write in it instead of reopening akt 2" \
		env SOCDOK_USER=sara akt-reopen 2 -m "fel"
'

test_expect_success 'a closing date before the reopening note is refused' '
	SOCDOK_USER=sara akt-close 1 --date 2026-03-01 --end-insatser >out 2>err
	test $? = 65 &&
	echo "akt-close: closing date 2026-03-01 is before insats 2 (trygghetslarm) started (2026-03-02); close on 2026-03-02 or later" >expect &&
	test_cmp expect err
'

test_expect_success 'an akt preserved by gallra is not reopened' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET preserved = '\''2026-03-02'\'' WHERE id = 2" &&
	test_refused 65 "akt 2 was preserved by gallra (2026-03-02); open a new akt with akt-new instead" \
		env SOCDOK_USER=sara akt-reopen 2 -m "fel"
'

test_expect_success 'akt-reopen: --help, and the usage line' '
	akt-reopen --help >out &&
	echo "usage: akt-reopen [-d DB] AKT -m REASON" >expect &&
	test_cmp expect out
'

test_done
