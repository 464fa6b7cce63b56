#!/bin/sh
# akt-close refuses, with a clear reason and the database unchanged: an
# akt already closed, running insatser, a closing date before the last
# note or an insats's dates, and a user whose akt it is not to close.
. "$(dirname "$0")/lib.sh"

# close_refused CODE TEXT [env ...] akt-close ...: exits CODE, says
# "akt-close: TEXT" on stderr, prints a "refused" record with the same
# reason on stdout (TSV), and leaves the database as it was (a refusal
# of access, 77, is one line more in the access log, which says so).
close_refused() {
	c_want=$1 c_text=$2
	shift 2
	db_snapshot before.sql &&
	cp "$SOCDOK_DB" before.db &&
	"$@" --format tsv >out 2>err
	c_got=$?
	cat err >&2
	test "$c_got" = "$c_want" || {
		echo "exit $c_got, expected $c_want" >&2
		return 1
	}
	printf "akt-close: %s\n" "$c_text" >expect &&
	test_cmp expect err &&
	tail -n 1 out | cut -f 2 >status &&
	echo refused >expect &&
	test_cmp expect status &&
	tail -n 1 out | cut -f 6 >reason &&
	printf "%s\n" "$c_text" >expect &&
	test_cmp expect reason &&
	db_snapshot after.sql &&
	if [ "$c_want" = 77 ]; then
		# A refusal of access changes nothing but the access log (and
		# the newest written-at time, which its line moves).
		logs="^INSERT INTO \\(access_log\\|log_chain\\|head_chain\\|clock\\) "
		grep -v "$logs" before.sql >before.rest &&
		grep -v "$logs" after.sql >after.rest &&
		test_cmp before.rest after.rest &&
		grep "^INSERT INTO access_log " after.sql | tail -n 1 |
			grep -F "'refused: " | grep -qF ",'akt-close',"
	else
		test_cmp before.sql after.sql &&
		cmp before.db "$SOCDOK_DB"
	fi
}

test_expect_success 'set up: staff, akter and insatser' '
	setup_world &&
	staff-add bo --name "Bo Chef" --title "enhetschef" \
		--unit "Boendestöd Väst" --role enhetschef &&
	for n in 1 2 3 4 5 6; do
		SOCDOK_USER=sara akt-new "$(t_pnr 1940010$n 12$n)" \
			--name "Person $n" --unit "Hemtjänst Norr" \
			--kontaktperson erik --opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-02-02 &&
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-02-01 &&
	SOCDOK_USER=sara insats-end 3 --date 2026-02-05
'

test_expect_success 'running insatser without --end-insatser, each named' '
	close_refused 65 "akt 1 has running insatser: 1 hemtjänst (since 2026-01-20), 2 trygghetslarm (since 2026-02-02); end them with insats-end, or close with --end-insatser" \
		env SOCDOK_USER=sara akt-close 1
'

test_expect_success 'a closing date before an insats started' '
	close_refused 65 "closing date 2026-01-31 is before insats 3 (hemtjänst) started (2026-02-01); close on 2026-02-01 or later" \
		env SOCDOK_USER=sara akt-close 2 --date 2026-01-31
'

test_expect_success 'a closing date before an insats ended' '
	close_refused 65 "closing date 2026-02-03 is before insats 3 (hemtjänst) ended (2026-02-05); close on 2026-02-05 or later" \
		env SOCDOK_USER=sara akt-close 2 --date 2026-02-03
'

test_expect_success 'a closing date before an insats started, even with --end-insatser' '
	close_refused 65 "closing date 2026-02-01 is before insats 2 (trygghetslarm) started (2026-02-02); close on 2026-02-02 or later" \
		env SOCDOK_USER=sara akt-close 1 --date 2026-02-01 --end-insatser
'

test_expect_success 'a closing date before the last note' '
	SOCDOK_USER=sara akt-close 3 --date 2026-02-10 --as-of 2026-02-10 >/dev/null &&
	SOCDOK_USER=sara akt-reopen 3 -m "Fel akt" --as-of 2026-02-20 &&
	close_refused 65 "closing date 2026-02-15 is before the last note of akt 3 (2026-02-20, avslut); close on 2026-02-20 or later" \
		env SOCDOK_USER=sara akt-close 3 --date 2026-02-15
'

test_expect_success 'a closing date before the last journal note' '
	SOCDOK_USER=sara journal-add 6 -m "Besök av dottern." --category händelse \
		--event-date 2026-02-25 >/dev/null &&
	close_refused 65 "closing date 2026-02-24 is before the last note of akt 6 (2026-02-25, händelse); close on 2026-02-25 or later" \
		env SOCDOK_USER=sara akt-close 6 --date 2026-02-24
'

test_expect_success 'a closing date in the future, or before the akt opened' '
	close_refused 65 "closing date 2026-03-03 is in the future (today is 2026-03-02); close an akt when support has ended" \
		env SOCDOK_USER=sara akt-close 4 --date 2026-03-03 &&
	close_refused 65 "closing date 2026-01-14 is before akt 4 was opened (2026-01-15); check the date" \
		env SOCDOK_USER=sara akt-close 4 --date 2026-01-14
'

test_expect_success 'an akt already closed, naming when and by whom' '
	SOCDOK_USER=karin akt-close 5 --date 2026-02-01 >/dev/null &&
	close_refused 65 "akt 5 is already closed (since 2026-02-01, by Karin Chef); akt-reopen opens it again" \
		env SOCDOK_USER=sara akt-close 5
'

test_expect_success 'not the user'\''s to close: staff who is neither kontaktperson nor samordnare' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19400201 333)" --name "Person 7" \
		--unit "Hemtjänst Norr" >/dev/null &&
	close_refused 77 "akt 7 is not yours to close: its kontaktperson, a samordnare or the enhetschef of unit '\''Hemtjänst Norr'\'', or an administrator may close it" \
		env SOCDOK_USER=erik akt-close 7
'

test_expect_success 'not the user'\''s to close: an arkivarie' '
	close_refused 77 "akt 4 is not yours to close: its kontaktperson, a samordnare or the enhetschef of unit '\''Hemtjänst Norr'\'', or an administrator may close it" \
		env SOCDOK_USER=arkiv akt-close 4
'

test_expect_success 'not the user'\''s to close: a samordnare or enhetschef of another unit' '
	close_refused 77 "akt 4 belongs to unit '\''Hemtjänst Norr'\'', which is not yours; ask an administrator to add you to it" \
		env SOCDOK_USER=olle akt-close 4 &&
	close_refused 77 "akt 4 belongs to unit '\''Hemtjänst Norr'\'', which is not yours; ask an administrator to add you to it" \
		env SOCDOK_USER=bo akt-close 4
'

test_expect_success 'no such akt, or not an akt at all' '
	close_refused 66 "no akt 99; see akt-list" \
		env SOCDOK_USER=sara akt-close 99 &&
	close_refused 64 "'\''hej'\'' is neither an akt id nor a valid personnummer (personnummer '\''hej'\'' has a stray '\''h'\''; write YYYYMMDD-NNNN)" \
		env SOCDOK_USER=sara akt-close hej
'

test_expect_success 'the akt'\''s kontaktperson may close it, even without a role' '
	SOCDOK_USER=erik akt-close 4 --format tsv >out &&
	cut -f 2 out | tail -n 1 >status &&
	echo closed >expect &&
	test_cmp expect status
'

test_expect_success 'an enhetschef of the unit and an admin may close' '
	SOCDOK_USER=karin akt-close 6 >/dev/null &&
	SOCDOK_USER=admin akt-close 7 >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT group_concat(s.login) FROM akt a \
		JOIN staff s ON s.id = a.closed_by WHERE a.id IN (6, 7) \
		ORDER BY a.id")" = karin,admin
'

test_expect_success 'an insats that never started does not hold the akt open' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19400301 444)" --name "Person 8" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 8 --kind ledsagning --decided 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara akt-close 8 >out &&
	grep "^- ledsagning (insats 4, beslut 2026-02-01): verkställdes aldrig$" out
'

test_expect_success 'usage errors change nothing' '
	db_snapshot before.sql &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 -m a -F b 2>err &&
	grep "^usage: akt-close " err &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 --format xml 2>err &&
	grep "^akt-close: .*xml" err &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 --date 2026-2-1 2>err &&
	grep "^akt-close: .*--date" err &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 -m "  " 2>err &&
	echo "akt-close: the closing text is empty; write it with -m or -F, or leave both out" >expect &&
	test_cmp expect err &&
	echo 1 | test_must_fail 64 env SOCDOK_USER=sara akt-close -F - 2>err &&
	grep "^akt-close: -F - reads the text from stdin" err &&
	printf "\377\n" >bad &&
	test_must_fail 65 env SOCDOK_USER=sara akt-close 1 -F bad 2>err &&
	grep "^akt-close: the closing text has a byte that is not UTF-8" err &&
	test_must_fail 66 env SOCDOK_USER=sara akt-close 1 -F nosuchfile 2>err &&
	grep "^akt-close: .*nosuchfile" err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success '--notify to a file that cannot be written: nothing closed' '
	db_snapshot before.sql &&
	test_must_fail 73 env SOCDOK_USER=sara akt-close 1 --end-insatser \
		--notify nodir/summary.txt >out 2>err &&
	grep "^akt-close: cannot open '\''nodir/summary.txt'\'' for --notify: No such file or directory$" err &&
	test ! -s out &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success '-F FILE gives the closing text; -F - reads it from stdin' '
	echo "Avslutad efter eget önskemål." >text &&
	SOCDOK_USER=sara akt-close 2 -F text >/dev/null &&
	SOCDOK_USER=sara akt-reopen 2 -m "prov" &&
	echo "Text från stdin." | SOCDOK_USER=sara akt-close 2 -F - >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 2 AND \
		category = '\''avslut'\'' ORDER BY seq" >out &&
	grep -x "Avslutad efter eget önskemål." out &&
	grep -x "Text från stdin." out
'

test_done
