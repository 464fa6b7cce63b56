#!/bin/sh
# followup-due: the text report, silence for cron, -q, and each format
# read back by a real parser; the mail digest, one message per person.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

export SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>"

# (The introduktionssamtal rule is left out here: this is the report's
# shape; t/3001 and t/3007 hold the rule.)
test_expect_success 'set up: one akt for sara, one without kontaktperson' '
	setup_world &&
	grep -v "^introduktionssamtal	" "$T_TOP/share/rules.tsv" >rules.tsv &&
	rules-load rules.tsv 2>/dev/null &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-05 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara akt-new "$P2" --name "Berg, Bo" --unit "Hemtjänst Norr" \
		--opened 2025-11-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind boendestöd --decided 2025-11-20 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >/dev/null
'

test_expect_success 'text: grouped by person, the most overdue first, by due date' '
	cat >expect <<-EOF &&
	Sara Samordnare (sara): 1 overdue, 0 due within 14 days
	rule          akt  personnummer   person      insats  kind       base        due         overdue  source
	gp-upprattad    1  $P1  Åberg, Åsa       1  hemtjänst  2026-01-20  2026-02-17       13  Rutin för genomförandeplan; Administrativa rutiner (Handbok för verkställighet: 30 dagar efter beslut)

	Karin Chef (karin): 1 overdue, 0 due within 14 days
	rule           akt  personnummer   person    insats  kind        base        due         overdue  source
	ej-verkstallt    2  $P2  Berg, Bo       2  boendestöd  2025-11-20  2026-02-20       10  Administrativa rutiner; SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §), LSS 28 f §

	handläggare Hanna Hand <hanna@kommun.se>, a notice to them: 2 overdue, 0 due within 14 days
	rule                     akt  personnummer   person      insats  kind        base        due         overdue  source
	handlaggare-uppfoljning    2  $P2  Berg, Bo         2  boendestöd  2025-11-20  2025-12-30       62  Handbok för verkställighet
	handlaggare-uppfoljning    1  $P1  Åberg, Åsa       1  hemtjänst   2026-01-10  2026-02-19       11  Handbok för verkställighet
	EOF
	SOCDOK_USER=karin followup-due >out 2>err &&
	test_cmp expect out && test ! -s err
'

test_expect_success '--for, --rule, --unit and --overdue filter' '
	SOCDOK_USER=karin followup-due --for sara --format tsv | cut -f1,2 >got &&
	printf "rule\takt\ngp-upprattad\t1\n" >expect &&
	test_cmp expect got &&
	followup-due --rule ej-verkstallt --format tsv | cut -f1,2 >got &&
	printf "rule\takt\nej-verkstallt\t2\n" >expect && test_cmp expect got &&
	followup-due --as-of 2026-02-18 --overdue --format tsv | cut -f1,10 >got &&
	printf "rule\toverdue\ngp-upprattad\t1\nhandlaggare-uppfoljning\t50\n" >expect &&
	test_cmp expect got
'

test_expect_success '--within: what falls due in the window, days left negative' '
	followup-due --as-of 2026-02-10 --within 7 --format tsv | cut -f1,2,10 >got &&
	printf "rule\takt\toverdue\ngp-upprattad\t1\t-7\nhandlaggare-uppfoljning\t2\t42\n" >expect &&
	test_cmp expect got
'

test_expect_success 'nothing due: silence and exit 0' '
	followup-due --as-of 2025-11-21 >out 2>err &&
	test ! -s out && test ! -s err &&
	followup-due --unit "Boendestöd Väst" --format mail >out 2>err &&
	test ! -s out && test ! -s err
'

test_expect_success 'a samordnare sees only the units of her own' '
	SOCDOK_USER=olle followup-due >out && test ! -s out
'

test_expect_success '-q: exit 1 and nothing printed when something is overdue' '
	test_expect_code_q() { followup-due "$@" >out 2>&1; echo $?; } &&
	test "$(test_expect_code_q -q)" = 1 && test ! -s out &&
	test "$(test_expect_code_q -q --as-of 2025-12-01)" = 0 && test ! -s out &&
	test "$(test_expect_code_q -q --as-of 2026-02-10)" = 1 &&
	test "$(test_expect_code_q -q --as-of 2026-02-10 --for sara)" = 0
'

test_expect_success 'bad options are refused' '
	test_refused 64 "unknown format '\''xml'\''; use one of: text, tsv, csv, json, ics, mail" \
		followup-due --format xml &&
	test_refused 64 "bad --within '\''x'\''" followup-due --within x &&
	test_refused 64 "bad --within '\''4294967301'\''; give a whole number from 0 to 3660" \
		followup-due --within 4294967301 &&
	test_refused 64 "bad --within '\''-1'\''" followup-due --within -1 &&
	test_refused 64 "bad --within '\'' 5'\''" followup-due --within " 5" &&
	test_refused 65 "no rule '\''nosuch'\'' in force; see rules-show" followup-due --rule nosuch &&
	test_refused 65 "unknown unit '\''Nowhere'\''" followup-due --unit Nowhere &&
	test_refused 65 "no staff member '\''nobody'\''; see staff-list" followup-due --for nobody
'

test_expect_success 'json: one array of objects, read back by jq and python3' '
	followup-due --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r ".[] | [.rule, .akt, .insats, .overdue, .responsible] | @tsv" out.json >got &&
	printf "gp-upprattad\t1\t1\t13\tsara\nej-verkstallt\t2\t2\t10\tkarin\nhandlaggare-uppfoljning\t2\t2\t62\thandläggare\nhandlaggare-uppfoljning\t1\t1\t11\thandläggare\n" >expect &&
	test_cmp expect got &&
	test "$(jq -r ".[1].person" out.json)" = "Berg, Bo" &&
	test "$(jq -r ".[2].responsible_name" out.json)" = "Hanna Hand" &&
	test "$(jq -r ".[0].akt | type" out.json)" = number &&
	followup-due --as-of 2025-11-21 --format json >empty.json &&
	test "$(jq length empty.json)" = 0
'

test_expect_success 'csv: a header line, quoting read back by a CSV parser' '
	followup-due --format csv >out.csv &&
	python3 -c "
import csv, sys
rows = list(csv.reader(open(\"out.csv\", newline=\"\", encoding=\"utf-8\")))
assert rows[0][:4] == [\"rule\", \"akt\", \"personnummer\", \"person\"], rows[0]
assert len(rows) == 5, rows
assert all(len(r) == len(rows[0]) for r in rows)
assert rows[2][12] == \"Administrativa rutiner; SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §), LSS 28 f §\", rows[2]
assert rows[1][3] == \"Åberg, Åsa\"
" &&
	followup-due --format tsv | head -1 >got &&
	printf "rule\takt\tpersonnummer\tperson\tunit\tinsats\tkind\tbase\tdue\toverdue\tresponsible\tresponsible_name\tsource\n" >expect &&
	test_cmp expect got
'

test_expect_success 'ics: required properties, CRLF, folding at 75 octets' '
	followup-due --format ics >out.ics &&
	test "$(head -1 out.ics)" = "$(printf "BEGIN:VCALENDAR\r")" &&
	test "$(tail -1 out.ics)" = "$(printf "END:VCALENDAR\r")" &&
	! grep -v "$(printf "\r")\$" out.ics &&
	LC_ALL=C awk "{ if (length(\$0) > 76) exit 1 }" out.ics &&
	grep -q "^ " out.ics &&
	python3 -c "
import re
raw = open(\"out.ics\", \"rb\").read().decode(\"utf-8\")
lines = re.sub(r\"\r\n[ \t]\", \"\", raw).split(\"\r\n\")
assert \"VERSION:2.0\" in lines and any(l.startswith(\"PRODID:\") for l in lines)
events = raw.count(\"BEGIN:VEVENT\")
assert events == 4, events
for prop in (\"UID:\", \"DTSTAMP:\", \"DTSTART;VALUE=DATE:\", \"SUMMARY:\"):
    assert sum(l.startswith(prop) for l in lines) == events, prop
uids = [l for l in lines if l.startswith(\"UID:\")]
assert len(set(uids)) == events
assert \"SUMMARY:gp-upprattad: Åberg\\\\, Åsa (akt 1)\" in lines
assert \"DTSTART;VALUE=DATE:20260217\" in lines
assert \"19450312\" not in raw, \"no personnummer in a calendar\"
"
'

test_expect_success 'ics: UIDs are stable from run to run' '
	sleep 1 &&
	followup-due --format ics >again.ics &&
	grep "^UID:" out.ics >a && grep "^UID:" again.ics >b && test_cmp a b &&
	followup-due --as-of 2026-03-05 --format ics | grep "^UID:" >c && test_cmp a c
'

test_expect_success 'mail: no default sender on a host without a domain' '
	case $(hostname -f 2>/dev/null) in
	*.*) env -u SOCDOK_MAIL_FROM followup-due --format mail |
		grep "^From: \"socdok\" <socdok@.*\\..*>$" ;;
	*) test_refused 78 "has no domain" env -u SOCDOK_MAIL_FROM \
		followup-due --format mail ;;
	esac
'

test_expect_success 'mail: one message per responsible person, a digest' '
	followup-due --format mail >out.mbox 2>err &&
	grep "^From: =?UTF-8?B?" out.mbox | head -1 | grep "<noreply@kommun.se>$" &&
	grep -q "^From noreply@kommun.se " out.mbox &&
	test ! -s err &&
	test "$(grep -c "^From " out.mbox)" = 3 &&
	grep "^To: " out.mbox >got &&
	printf "To: \"Sara Samordnare\" <sara@example.org>\nTo: \"Karin Chef\" <karin@example.org>\nTo: \"Hanna Hand\" <hanna@kommun.se>\n" >expect &&
	test_cmp expect got &&
	grep -q "^Subject: socdok: 1 overdue, 0 due within 14 days (2026-03-02)" out.mbox &&
	grep -q "^Subject: socdok: 2 overdue, 0 due within 14 days (2026-03-02)" out.mbox &&
	grep -q "A notice for the handläggare Hanna Hand" out.mbox &&
	grep -q "^Content-Type: text/plain; charset=UTF-8" out.mbox &&
	! grep -q "19450312" out.mbox
'

test_expect_success 'mail-digest: splits the stream, one message per sendmail' '
	mail-digest --dir msgs <out.mbox &&
	ls msgs >got && printf "001.eml\n002.eml\n003.eml\n" >expect && test_cmp expect got &&
	head -1 msgs/001.eml | grep "^From: " &&
	python3 -c "
import email, sys
for f in (\"msgs/001.eml\", \"msgs/002.eml\"):
    m = email.message_from_binary_file(open(f, \"rb\"))
    assert m[\"To\"] and m[\"Subject\"] and m[\"Date\"] and m[\"Message-ID\"]
    assert \"akt \" in m.get_payload(decode=True).decode(\"utf-8\")
" &&
	cat >sendmail <<-\EOF &&
	#!/bin/sh
	test "$1" = -t || exit 1
	n=$(ls sent 2>/dev/null | wc -l)
	cat >sent/$n
	EOF
	chmod +x sendmail && mkdir sent &&
	SENDMAIL="./sendmail -t" mail-digest <out.mbox &&
	test "$(ls sent | wc -l)" = 3 &&
	mail-digest --dry-run <out.mbox >got &&
	test "$(wc -l <got)" = 3
'

test_expect_success 'the report is logged, once' '
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = '\''followup-due'\'' ORDER BY id DESC LIMIT 1" >got &&
	echo "listed 4 due items as of 2026-03-02" >expect &&
	test_cmp expect got
'

test_expect_success 'mail: a person without an address is named, the others mailed' '
	staff-add nils --name "Nils Nord" --title "vårdbiträde" \
		--unit "Hemtjänst Norr" --role samordnare &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500505 789)" --name "Ceder, Cai" \
		--unit "Hemtjänst Norr" --kontaktperson nils --opened 2026-01-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 3 --kind hemtjänst --decided 2026-01-01 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-01-15 &&
	test_must_fail 69 followup-due --format mail >out.mbox 2>err &&
	test "$(grep -c "^From " out.mbox)" = 4 &&
	grep "^followup-due: nils has no mail address" err &&
	grep "not everyone responsible could be mailed" err &&
	python3 -c "
import mailbox
subj = [m[\"Subject\"] for m in mailbox.mbox(\"out.mbox\")]
assert \"socdok: 1 item of Nils Nord, who cannot be mailed (2026-03-02)\" in subj, subj
" &&
	grep -A3 "reach you as enhetschef" out.mbox | grep "nils has no mail address"
'

test_expect_success 'mail: a bad address is found, its items go to the enhetschef' '
	sqlite3 "$SOCDOK_DB" "PRAGMA trusted_schema=1; UPDATE staff SET email = '\''not an address'\'' WHERE login = '\''nils'\''" &&
	test_must_fail 69 followup-due --format mail >out.mbox 2>err &&
	grep "cannot mail nils at .not an address., which is not one mail address" err &&
	test "$(grep -c "^From " out.mbox)" = 4
'

test_expect_success 'SOCDOK_MAIL_FROM that is not a sender is refused' '
	SOCDOK_MAIL_FROM="a@b.se, evil@x.se" test_refused 78 "is not a sender" \
		followup-due --format mail
'

test_expect_success 'the mail in Swedish' '
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 followup-due --as-of 2026-03-02 --for sara --format mail >sv.mbox) &&
	python3 -c "
import mailbox, email.header
m = list(mailbox.mbox(\"sv.mbox\"))[0]
s = str(email.header.make_header(email.header.decode_header(m[\"Subject\"])))
assert s.startswith(\"socdok: \") and \"försenad\" in s and \"inom 14 dagar\" in s, s
b = m.get_payload(decode=True).decode()
assert \"Att göra eller försenat per 2026-03-02\" in b, b
"
'

test_done
