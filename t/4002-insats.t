#!/bin/sh
# insats-add, insats-start, insats-end: decided services, their dates and
# the journal notes that verkställighet and ending write.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: staff and two akter, one per unit' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null
'

test_expect_success 'insats-add prints the new id alone on stdout' '
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--ordered 2026-01-12 --handlaggare "Hanna Handläggare" \
		--goal "Klara vardagen, \"själv\" när det går" >out 2>err &&
	echo 1 >expect &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'insats-add names the akt by personnummer too' '
	SOCDOK_USER=sara insats-add "$P1" --kind trygghetslarm \
		--decided 2026-02-01 >out &&
	echo 2 >expect &&
	test_cmp expect out
'

test_expect_success 'akt-show lists the insatser with their dates' '
	cat >expect <<-EOF &&
	akt:            1
	person:         Åberg, Åsa
	personnummer:   $P1
	unit:           Hemtjänst Norr
	regime:         SoL
	kontaktperson:  -
	opened:         2026-01-15
	closed:         -

	insats  kind           decided     ordered     started  ended  handlaggare        goal
	     1  hemtjänst      2026-01-10  2026-01-12                  Hanna Handläggare  Klara vardagen, "själv" när det går
	     2  trygghetslarm  2026-02-01
	EOF
	SOCDOK_USER=sara akt-show 1 >out &&
	test_cmp expect out
'

test_expect_success 'insats-add refuses an unknown kind, listing the kinds' '
	test_refused 65 "unknown insats kind '\''städning'\''; use one of: hemtjänst, boendestöd, daglig verksamhet, korttidsvistelse, bostad med särskild service, särskilt boende, trygghetslarm, personlig assistans, ledsagning, avlösarservice, kontaktperson" \
		env SOCDOK_USER=sara insats-add 1 --kind städning --decided 2026-01-10
'

test_expect_success 'the insats kinds are data: a unit can add one' '
	mkdir share && cp -r "$T_TOP/share/." share/ &&
	echo "dagverksamhet för äldre" >>share/insatser.txt &&
	SOCDOK_SHARE=$PWD/share SOCDOK_USER=sara insats-add 1 \
		--kind "dagverksamhet för äldre" --decided 2026-02-02 >out &&
	echo 3 >expect &&
	test_cmp expect out
'

test_expect_success 'insats-add refuses a decision in the future' '
	test_refused 65 "--decided 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-03-03
'

test_expect_success 'insats-add refuses an order before the decision' '
	test_refused 65 "--ordered 2026-01-09 is before the decision (2026-01-10)" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 --ordered 2026-01-09
'

test_expect_success 'insats-add refuses an order in the future' '
	test_refused 65 "--ordered 2026-04-01 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 --ordered 2026-04-01
'

test_expect_success 'insats-add refuses a malformed (64) or impossible date (65)' '
	test_refused 65 "there is no date '\''2026-02-29'\'' (--decided); write a day of the calendar as YYYY-MM-DD" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-02-29 &&
	test_refused 64 "bad date '\''10/1/2026'\'' for --ordered" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 --ordered 10/1/2026
'

test_expect_success 'insats-add without --decided is refused (64)' '
	test_refused 64 "the decision date is missing; give --decided YYYY-MM-DD" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst
'

test_expect_success 'insats-add in another unit'\''s akt is refused (77)' '
	test_refused 77 "akt 2 belongs to unit '\''Boendestöd Väst'\'', which is not yours" \
		env SOCDOK_USER=sara insats-add 2 --kind boendestöd --decided 2026-01-10
'

test_expect_success 'insats-add in an unknown akt is refused (66)' '
	test_refused 66 "no akt 42; see akt-list" \
		env SOCDOK_USER=sara insats-add 42 --kind hemtjänst --decided 2026-01-10
'

test_expect_success 'an arkivarie may read but not add, start or end (77)' '
	test_refused 77 "an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv insats-add 1 --kind hemtjänst --decided 2026-01-10 &&
	test_refused 77 "an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=arkiv akt-show 1 >/dev/null
'

test_expect_success 'insats-start refuses a start before the decision' '
	test_refused 65 "start 2026-01-09 is before the decision (2026-01-10); an insats cannot start before its beslut" \
		env SOCDOK_USER=sara insats-start 1 --date 2026-01-09
'

test_expect_success 'insats-start refuses a start in the future' '
	test_refused 65 "start 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara insats-start 1 --date 2026-03-03
'

test_expect_success 'insats-start refuses a start before the akt was opened' '
	test_refused 65 "event date 2026-01-12 is before akt 1 was opened (2026-01-15)" \
		env SOCDOK_USER=sara insats-start 1 --date 2026-01-12
'

test_expect_success 'insats-start refuses a malformed date, an unknown insats' '
	test_refused 65 "there is no date '\''2026-01-32'\'' (--date)" \
		env SOCDOK_USER=sara insats-start 1 --date 2026-01-32 &&
	test_refused 66 "no insats 99; see akt-show" \
		env SOCDOK_USER=sara insats-start 99 &&
	test_refused 64 "bad insats id '\''x'\''" \
		env SOCDOK_USER=sara insats-start x
'

test_expect_success 'insats-start records verkställighet and a journal note' '
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT started FROM insats WHERE id = 1" >got &&
	echo 2026-01-20 >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT akt_id, seq, event_date, author_login, category, body FROM note" >got &&
	echo "1|1|2026-01-20|sara|påbörjad-insats|Insatsen hemtjänst (insats 1, beslut 2026-01-10) verkställdes 2026-01-20." >expect &&
	test_cmp expect got
'

test_expect_success 'insats-start defaults to today' '
	SOCDOK_USER=sara insats-start 2 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT started FROM insats WHERE id = 2")" = 2026-03-02
'

test_expect_success 'insats-start twice is refused' '
	test_refused 65 "insats 1 was already started on 2026-01-20" \
		env SOCDOK_USER=sara insats-start 1 --date 2026-01-21
'

test_expect_success 'insats-end refuses an insats never started' '
	test_refused 65 "insats 3 was never started; record its start with insats-start first, or end a beslut never carried out with insats-cancel" \
		env SOCDOK_USER=sara insats-end 3 --date 2026-02-20
'

test_expect_success 'insats-end refuses an end before the start' '
	test_refused 65 "end 2026-01-19 is before the start (2026-01-20); check the date" \
		env SOCDOK_USER=sara insats-end 1 --date 2026-01-19
'

test_expect_success 'insats-end refuses an end in the future' '
	test_refused 65 "end 2026-03-10 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara insats-end 1 --date 2026-03-10
'

test_expect_success 'insats-end in another unit'\''s akt is refused (77)' '
	SOCDOK_USER=olle insats-add 2 --kind boendestöd --decided 2026-01-10 >id &&
	SOCDOK_USER=olle insats-start "$(cat id)" --date 2026-01-20 &&
	test_refused 77 "akt 2 belongs to unit '\''Boendestöd Väst'\''" \
		env SOCDOK_USER=sara insats-end "$(cat id)" --date 2026-02-01
'

test_expect_success 'insats-end records the end, the reason and a note' '
	SOCDOK_USER=sara insats-end 1 --date 2026-02-20 \
		--reason "Flyttat till särskilt boende" &&
	sqlite3 "$SOCDOK_DB" "SELECT ended, end_reason FROM insats WHERE id = 1" >got &&
	echo "2026-02-20|Flyttat till särskilt boende" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT seq, category, body FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1" >got &&
	echo "3|avslutad-insats|Insatsen hemtjänst (insats 1, verkställd 2026-01-20) avslutades 2026-02-20. Skäl: Flyttat till särskilt boende" >expect &&
	test_cmp expect got
'

test_expect_success 'the notes of an akt are hash-chained' '
	sqlite3 "$SOCDOK_DB" "SELECT n.seq FROM note n JOIN note p ON p.akt_id = n.akt_id AND p.seq = n.seq - 1 WHERE n.akt_id = 1 AND n.prev_hash = p.hash ORDER BY n.seq" >got &&
	printf "2\n3\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT prev_hash FROM note WHERE akt_id = 1 AND seq = 1")" = \
		0000000000000000000000000000000000000000000000000000000000000000
'

test_expect_success 'insats-end twice is refused' '
	test_refused 65 "insats 1 already ended on 2026-02-20" \
		env SOCDOK_USER=sara insats-end 1 --date 2026-02-21
'

test_expect_success 'akt-show --format tsv and csv: the insatser' '
	SOCDOK_USER=sara akt-show 1 --format tsv >out &&
	sed -n 1,2p out >got &&
	printf "insats\tkind\tdecided\tordered\tstarted\tended\thandlaggare\tgoal\n1\themtjänst\t2026-01-10\t2026-01-12\t2026-01-20\t2026-02-20\tHanna Handläggare\tKlara vardagen, \"själv\" när det går\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-show 1 --format csv >out.csv &&
	python3 -c "
import csv
rows = list(csv.reader(open(\"out.csv\", newline=\"\", encoding=\"utf-8\")))
print(rows[1][7])
print(len(rows))
" >got &&
	printf "%s\n4\n" "Klara vardagen, \"själv\" när det går" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-show --format json: the insatser with null dates' '
	SOCDOK_USER=sara akt-show 1 --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r ".insatser[] | [.insats, .kind, (.started // \"null\"), (.ended // \"null\")] | @tsv" out.json >got &&
	cat >expect <<-\EOF &&
	1	hemtjänst	2026-01-20	2026-02-20
	2	trygghetslarm	2026-03-02	null
	3	dagverksamhet för äldre	null	null
	EOF
	test_cmp expect got
'

test_expect_success 'nothing changes in a closed akt' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-01'\'', closed_by = 1 WHERE id = 1" &&
	test_refused 65 "akt 1 is closed (since 2026-03-01)" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-02-01 &&
	test_refused 65 "akt 1 is closed (since 2026-03-01)" \
		env SOCDOK_USER=sara insats-end 2
'

test_done
