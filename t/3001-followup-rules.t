#!/bin/sh
# followup-due: each rule with its boundary days (the day before, the
# day, the day after), month-end clamping, the weekend and holiday shift,
# the item disappearing once its fact is recorded, and rules-load.
#
# Plans, signatures and follow-ups are recorded with gp-new, gp-sign and
# gp-followup, closing with akt-close, hand-over with akt-overlamna.
. "$(dirname "$0")/lib.sh"

fu() { # AKT KIND DATE: a recorded follow-up or conversation
	SOCDOK_TODAY=$3 SOCDOK_USER=sara gp-followup --akt "$1" --kind "$2" \
		--date "$3" >/dev/null
}
gp_draft() { # AKT DATE: a plan of that date, nobody signed it yet
	SOCDOK_TODAY=$2 SOCDOK_USER=sara gp-new "$1" -F "$T_DIR/plan.md" \
		--date "$2" >/dev/null
}
gp_signed() { # AKT DATE: a plan of that date, signed by the person
	gp_draft "$1" "$2" &&
	SOCDOK_TODAY=$2 SOCDOK_USER=sara gp-sign --akt "$1" --by brukare \
		--date "$2" >/dev/null
}
t_plan "personen var med." >"$T_DIR/plan.md"
# due RULE AKT ASOF: "due overdue responsible" of the rule's item in the
# akt, as of ASOF, looking no day ahead.
due() {
	followup-due --as-of "$3" --within 0 --rule "$1" --format tsv |
		awk -F'\t' -v a="$2" 'NR > 1 && $2 == a { print $9, $10, $11 }'
}
# duew RULE AKT DATE: the same with a window of two years.
duew() {
	followup-due --as-of "$3" --within 730 --rule "$1" --format tsv |
		awk -F'\t' -v a="$2" 'NR > 1 && $2 == a { print $9, $10, $11 }'
}
# boundary RULE AKT DUE BEFORE AFTER RESP: nothing the day before, due
# on the day, one day overdue the day after.
boundary() {
	due "$1" "$2" "$4" >got && test ! -s got &&
	due "$1" "$2" "$3" >got && echo "$3 0 $6" >expect && test_cmp expect got &&
	due "$1" "$2" "$5" >got && echo "$3 1 $6" >expect && test_cmp expect got
}
akt() { # N NAME [KP]: akt N, new at Hemtjänst Norr, opened 2025-01-02
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 $((100 + $1)))" --name "$2" \
		--unit "Hemtjänst Norr" ${3:+--kontaktperson $3} \
		--opened 2025-01-02 >id && test "$(cat id)" = "$1"
}

# Akt 9 is closed in 2020 (gallring below), so everything before it is
# written then too: records are in time order (issue 18, clock).
t_clock "2020-06-15 10:00:00"

test_expect_success 'set up' '
	setup_world &&
	staff-add lisa --name "Lisa Lind" --title "undersköterska" \
		--unit "Hemtjänst Norr" --role samordnare --email lisa@example.org
'

test_expect_success 'gp-upprattad: 28 days after verkställighet' '
	akt 1 "Ahl, Anna" sara &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	boundary gp-upprattad 1 2026-02-17 2026-02-16 2026-02-18 sara
'

test_expect_success 'gp-upprattad: a draft does not satisfy it, a signed plan does' '
	gp_draft 1 2026-02-10 &&
	test "$(due gp-upprattad 1 2026-02-18)" = "2026-02-17 1 sara" &&
	gp_signed 1 2026-02-18 &&
	due gp-upprattad 1 2026-02-18 >got && test ! -s got
'

test_expect_success 'handlaggare-uppfoljning: 40 days after beslut' '
	boundary handlaggare-uppfoljning 1 2026-02-19 2026-02-18 2026-02-20 handläggare &&
	fu 1 handlaggare-uppfoljning 2026-02-19 &&
	due handlaggare-uppfoljning 1 2026-02-20 >got && test ! -s got
'

test_expect_success 'gp-uppfoljning: 6 calendar months, clamped (31 Oct -> 30 Apr)' '
	akt 2 "Berg, Bo" sara &&
	gp_signed 2 2025-10-31 &&
	boundary gp-uppfoljning 2 2026-04-30 2026-04-29 2026-05-01 sara
'

test_expect_success 'gp-uppfoljning: a follow-up moves the base' '
	fu 2 uppfoljning 2026-04-20 &&
	due gp-uppfoljning 2 2026-05-01 >got && test ! -s got &&
	test "$(due gp-uppfoljning 2 2026-10-20)" = "2026-10-20 0 sara"
'

test_expect_success 'ej-verkstallt: 3 calendar months after beslut, 28 Feb (Saturday) not moved' '
	akt 3 "Cederlund, Cilla" lisa &&
	SOCDOK_USER=sara insats-add 3 --kind boendestöd --decided 2025-11-28 >/dev/null &&
	boundary ej-verkstallt 3 2026-02-28 2026-02-27 2026-03-01 lisa
'

test_expect_success 'ej-verkstallt: month-end clamping (30 Nov + 3 months)' '
	SOCDOK_USER=sara insats-add 3 --kind ledsagning --decided 2025-11-30 >/dev/null &&
	followup-due --as-of 2026-03-02 --within 0 --rule ej-verkstallt --format tsv |
		awk -F"\t" "NR > 1 { print \$6, \$8, \$9 }" >got &&
	printf "2 2025-11-28 2026-02-28\n3 2025-11-30 2026-02-28\n" >expect &&
	test_cmp expect got
'

test_expect_success 'ej-verkstallt: gone once the insats starts' '
	SOCDOK_USER=sara insats-start 2 --date 2026-03-02 &&
	followup-due --as-of 2026-03-03 --within 0 --rule ej-verkstallt --format tsv |
		awk -F"\t" "NR > 1 { print \$6 }" >got &&
	echo 3 >expect && test_cmp expect got
'

test_expect_success 'a deadline on juldagen 2026-12-25 moves to 2026-12-28' '
	akt 4 "Dahl, Dan" sara &&
	SOCDOK_TODAY=2026-11-20 SOCDOK_USER=sara insats-add 4 --kind hemtjänst \
		--decided 2026-11-15 >id &&
	i=$(cat id) &&
	followup-due --as-of 2026-12-25 --within 0 --rule handlaggare-uppfoljning --format tsv |
		awk -F"\t" -v i=$i "NR > 1 && \$6 == i" >got && test ! -s got &&
	boundary handlaggare-uppfoljning 4 2026-12-28 2026-12-27 2026-12-29 handläggare
'

test_expect_success 'planeringssamtal: 30 days after the introduction talk' '
	akt 5 "Ek, Eva" sara &&
	fu 5 introduktionssamtal 2026-01-21 &&
	boundary planeringssamtal 5 2026-02-20 2026-02-19 2026-02-21 sara &&
	fu 5 planeringssamtal 2026-02-19 &&
	due planeringssamtal 5 2026-02-21 >got && test ! -s got
'

test_expect_success 'uppfoljningssamtal: 3 months after the planning talk, then the last' '
	boundary uppfoljningssamtal 5 2026-05-19 2026-05-18 2026-05-20 sara &&
	gp_signed 5 2026-02-19 &&
	fu 5 uppfoljningssamtal 2026-05-10 &&
	due uppfoljningssamtal 5 2026-05-20 >got && test ! -s got &&
	boundary uppfoljningssamtal 5 2026-08-10 2026-08-09 2026-08-11 sara
'

test_expect_success 'trygghetslarm: a year after the start, then after the follow-up' '
	akt 6 "Fors, Frida" lisa &&
	SOCDOK_TODAY=2025-03-05 SOCDOK_USER=sara insats-add 6 --kind trygghetslarm \
		--decided 2025-03-01 >id &&
	SOCDOK_TODAY=2025-03-05 SOCDOK_USER=sara insats-start "$(cat id)" --date 2025-03-05 &&
	boundary trygghetslarm 6 2026-03-05 2026-03-04 2026-03-06 lisa &&
	fu 6 trygghetslarm 2026-03-04 &&
	due trygghetslarm 6 2026-03-06 >got && test ! -s got &&
	test "$(due trygghetslarm 6 2027-03-04)" = "2027-03-04 0 lisa"
'

test_expect_success 'journal-avslut: 30 days after the last insats ended (Sunday -> Monday)' '
	akt 7 "Gran, Gun" sara &&
	SOCDOK_USER=sara insats-add 7 --kind hemtjänst --decided 2026-01-10 >id &&
	SOCDOK_USER=sara insats-start "$(cat id)" --date 2026-01-12 &&
	SOCDOK_USER=sara insats-end "$(cat id)" --date 2026-02-20 &&
	boundary journal-avslut 7 2026-03-23 2026-03-22 2026-03-24 sara
'

test_expect_success 'journal-avslut: gone once the akt is closed' '
	SOCDOK_TODAY=2026-03-20 SOCDOK_USER=sara akt-close 7 --date 2026-03-20 >/dev/null &&
	due journal-avslut 7 2026-03-24 >got && test ! -s got
'

test_expect_success 'arkiv-overlamning: a year after closing, for the enhetschef' '
	boundary arkiv-overlamning 7 2027-03-22 2027-03-21 2027-03-23 karin &&
	test_refused 77 "only an enhetschef, arkivarie or administrator" \
		env SOCDOK_TODAY=2027-03-22 SOCDOK_USER=sara akt-overlamna 7 &&
	test_refused 65 "hand-over 2026-03-19 is before akt 7 was closed (2026-03-20)" \
		env SOCDOK_TODAY=2027-03-22 SOCDOK_USER=karin akt-overlamna 7 --date 2026-03-19 &&
	SOCDOK_TODAY=2027-03-22 SOCDOK_USER=karin akt-overlamna 7 &&
	test_refused 65 "akt 7 was already handed over on 2027-03-22" \
		env SOCDOK_TODAY=2027-03-22 SOCDOK_USER=karin akt-overlamna 7 &&
	due arkiv-overlamning 7 2027-03-23 >got && test ! -s got
'

test_expect_success 'no kontaktperson: the enhetschef answers' '
	akt 8 "Hall, Hans" &&
	SOCDOK_USER=sara insats-add 8 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	test "$(due ej-verkstallt 8 2026-04-10)" = "2026-04-10 0 karin"
'

test_expect_success 'gallring: for the arkivarie, from the obligation to 31 Dec next year' '
	t_at "2020-06-15 10:00:00" env SOCDOK_TODAY=2020-06-15 SOCDOK_USER=sara \
		akt-new "$(t_pnr 19400101 109)" --name "Ivarsson, Ivar" \
		--unit "Hemtjänst Norr" --opened 2020-01-02 >id && test "$(cat id)" = 9 &&
	t_at "2020-06-15 10:00:00" env SOCDOK_TODAY=2020-06-15 SOCDOK_USER=sara \
		insats-add 9 --kind hemtjänst --decided 2020-06-01 >id &&
	t_at "2020-06-15 10:00:00" env SOCDOK_TODAY=2020-06-15 SOCDOK_USER=sara \
		insats-start "$(cat id)" --date 2020-06-15 &&
	t_at "2020-06-15 10:00:00" env SOCDOK_TODAY=2020-06-15 SOCDOK_USER=sara \
		akt-close 9 --date 2020-06-15 --end-insatser >/dev/null &&
	due gallring 9 2025-06-14 >got && test ! -s got &&
	test "$(duew gallring 9 2025-06-15)" = "2026-12-31 -564 arkiv" &&
	due gallring 9 2025-06-15 >got && test ! -s got &&
	due gallring 9 2026-12-30 >got && test ! -s got &&
	test "$(due gallring 9 2026-12-31)" = "2026-12-31 0 arkiv" &&
	test "$(due gallring 9 2027-01-01)" = "2026-12-31 1 arkiv"
'
t_clock ""

test_expect_success '--for gives each person exactly their part of the whole list' '
	followup-due --as-of 2027-01-01 --format tsv >all &&
	for who in sara lisa karin arkiv olle; do
		followup-due --as-of 2027-01-01 --for $who --format tsv >mine &&
		awk -F"\t" -v w=$who "NR == 1 || \$11 == w" all >expect &&
		test_cmp expect mine || return 1
	done &&
	test "$(wc -l <all)" -gt 10 &&
	grep -q "	arkiv	" all && grep -q "	karin	" all && grep -q "	lisa	" all
'

test_expect_success 'gallring: not while another akt of the person is open' '
	P=$(t_pnr 19400101 109) &&
	SOCDOK_USER=olle akt-new "$P" --name "Ivarsson, Ivar" --unit "Boendestöd Väst" \
		--opened 2026-01-02 >/dev/null &&
	due gallring 9 2027-01-01 >got && test ! -s got
'

test_expect_success 'gallring-enskild: 2 years for a private provider, not 5' '
	E=$PWD/enskild.db &&
	t_at "2020-06-15 10:00:00" env SOCDOK_DB=$E \
		socdok-init --provider enskild 2>/dev/null &&
	t_at "2020-06-15 10:00:00" env SOCDOK_DB=$E staff-add sara --name Sara \
		--title usk --unit U --role samordnare &&
	t_at "2020-06-15 10:00:00" env SOCDOK_DB=$E staff-add arkiv --name Arne \
		--title arkivarie --role arkivarie &&
	faketime -f "2020-06-15 10:00:00" env SOCDOK_DB=$E SOCDOK_TODAY=2020-06-15 \
		SOCDOK_USER=sara akt-new "$(t_pnr 19400101 200)" --name "Jansson, Jan" \
		--unit U --opened 2020-01-02 >/dev/null &&
	faketime -f "2020-06-15 10:00:00" env SOCDOK_DB=$E SOCDOK_TODAY=2020-06-15 \
		SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2020-06-01 >/dev/null &&
	faketime -f "2020-06-15 10:00:00" env SOCDOK_DB=$E SOCDOK_TODAY=2020-06-15 \
		SOCDOK_USER=sara insats-start 1 --date 2020-06-15 &&
	faketime -f "2020-06-15 10:00:00" env SOCDOK_DB=$E SOCDOK_TODAY=2020-06-15 \
		SOCDOK_USER=sara akt-close 1 --date 2020-06-15 --end-insatser >/dev/null &&
	SOCDOK_DB=$E due gallring-enskild 1 2022-06-14 >got && test ! -s got &&
	test "$(SOCDOK_DB=$E duew gallring-enskild 1 2022-06-15)" = "2023-12-31 -564 arkiv" &&
	test "$(SOCDOK_DB=$E due gallring-enskild 1 2024-01-01)" = "2023-12-31 1 arkiv" &&
	SOCDOK_DB=$E due gallring 1 2026-01-01 >got && test ! -s got
'

test_expect_success 'rules-load: a changed rule applies at once' '
	sed "s/^gp-upprattad\(\t[^\t]*\t[^\t]*\)\t28\tdays/gp-upprattad\1\t5\tweeks/" \
		"$T_TOP/share/rules.tsv" >ours.tsv &&
	grep -q "^gp-upprattad.*	5	weeks	" ours.tsv &&
	rules-load ours.tsv 2>err &&
	grep "loaded 14 rules" err &&
	gp_draft 8 2026-01-01 &&
	SOCDOK_USER=sara insats-start "$(sqlite3 "$SOCDOK_DB" "SELECT id FROM insats WHERE akt_id = 8")" --date 2026-01-20 &&
	test "$(due gp-upprattad 8 2026-02-24)" = "2026-02-24 0 karin"
'

test_expect_success 'rules-show shows the rule in force' '
	rules-show --format tsv | awk -F"\t" "\$1 == \"gp-upprattad\" { print \$4, \$5, \$6 }" >got &&
	echo "5 weeks gp" >expect && test_cmp expect got
'

test_expect_success 'rules-load refuses a bad line by number, changing nothing' '
	sed "4s/months/moons/" ours.tsv >bad.tsv &&
	test_refused 65 "'\''bad.tsv'\'' line 4: unit '\''moons'\'' must be days, weeks, months, years or preserve" \
		rules-load bad.tsv &&
	sed "6s/\tbeslut\t/\tbeslutet\t/" ours.tsv >bad.tsv &&
	test_refused 65 "line 6: unknown base event '\''beslutet'\''" rules-load bad.tsv &&
	sed "3s/\t\*\t/\themtjänsten\t/" ours.tsv >bad.tsv &&
	test_refused 65 "line 3: applies names '\''hemtjänsten'\''" rules-load bad.tsv &&
	head -3 ours.tsv >bad.tsv && sed -n 2p ours.tsv >>bad.tsv &&
	test_refused 65 "line 4: rule '\''gp-upprattad'\'' is defined twice" rules-load bad.tsv &&
	test_refused 66 "nosuch.tsv" rules-load nosuch.tsv
'

test_expect_success 'rules-load is for an enhetschef or administrator' '
	test_refused 77 "only an enhetschef or an administrator may change the rules" \
		env SOCDOK_USER=sara rules-load ours.tsv &&
	SOCDOK_USER=karin rules-load "$T_TOP/share/rules.tsv" 2>/dev/null &&
	test "$(due gp-upprattad 8 2026-02-17)" = "2026-02-17 0 karin"
'

test_done
