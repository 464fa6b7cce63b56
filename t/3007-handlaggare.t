#!/bin/sh
# The handläggare's part (issue 14; Handbok för verkställighet,
# Administrativa rutiner för handläggare och utförare): the handläggare
# recorded per insats with a mail address, handlaggare-uppfoljning a
# notice to them and not the kontaktperson's item; the introduction talk
# "omgående" from verkställighet; a plan agreed the day before the start
# is within gp-upprattad; the plan's own follow-up date drives
# gp-uppfoljning; "var inte delaktig" is no participation.
. "$(dirname "$0")/lib.sh"

due() { # RULE AKT ASOF: "due overdue responsible responsible_name"
	followup-due --as-of "$3" --within 0 --rule "$1" --format tsv |
		awk -F'\t' -v a="$2" 'NR > 1 && $2 == a { print $9, $10, $11, $12 }'
}
plan() { # FILE DELAKTIGHET UPPFOLJNING: a plan text
	cat >"$1" <<-EOF
	## Planens framtagande
	- Delaktighet: $2
	- Uppföljning: $3
	## Mål och insatser
	### Delmål 1
	Vad: handla
	När: tisdagar
	Hur: tillsammans
	Vem: kontaktpersonen
	## Riskbedömning
	Inga.
	EOF
}

test_expect_success 'set up: an insats with its handläggare and mail address' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 101)" --name "Ahl, Anna" \
		--unit "Hemtjänst Norr" --kontaktperson sara --opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >id &&
	test "$(cat id)" = 1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT handlaggare_email FROM insats WHERE id = 1")" = hanna@kommun.se
'

test_expect_success 'handlaggare-uppfoljning: the handläggare'\''s, 40 days after beslut' '
	due handlaggare-uppfoljning 1 2026-02-18 >got && test ! -s got &&
	due handlaggare-uppfoljning 1 2026-02-19 >got &&
	echo "2026-02-19 0 handläggare Hanna Hand" >expect && test_cmp expect got &&
	due handlaggare-uppfoljning 1 2026-02-20 >got &&
	echo "2026-02-19 1 handläggare Hanna Hand" >expect && test_cmp expect got
'

test_expect_success 'not the kontaktperson'\''s: --for sara does not list it' '
	followup-due --as-of 2026-02-20 --within 0 --for sara --format tsv |
		cut -f1 | grep -x handlaggare-uppfoljning >got ; test ! -s got &&
	SOCDOK_USER=sara followup-due --as-of 2026-02-20 --within 0 >out &&
	grep "^handläggare Hanna Hand <hanna@kommun.se>, a notice to them: 1 overdue" out
'

test_expect_success '--format mail: the notice is mailed to the handläggare' '
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		followup-due --as-of 2026-02-20 --within 0 --rule handlaggare-uppfoljning \
		--format mail >out.mbox 2>err &&
	test ! -s err &&
	test "$(grep -c "^From " out.mbox)" = 1 &&
	grep "^To: \"Hanna Hand\" <hanna@kommun.se>$" out.mbox &&
	grep "A notice for the handläggare Hanna Hand" out.mbox
'

test_expect_success 'a handläggare without an address: to the enhetschef, said, exit 0' '
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-01-10 \
		--handlaggare "Per Utan" >/dev/null &&
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		followup-due --as-of 2026-02-20 --within 0 --rule handlaggare-uppfoljning \
		--format mail >out.mbox 2>err &&
	grep "^followup-due: the handläggare Per Utan has no mail address (insats 2)" err &&
	grep "^To: \"Hanna Hand\" <hanna@kommun.se>$" out.mbox &&
	grep "^To: \"Karin Chef\" <karin@example.org>$" out.mbox
'

test_expect_success 'insats-correct records the address, kept with the old value' '
	SOCDOK_USER=sara insats-correct 2 --handlaggare-email per@kommun.se \
		-m "Adressen saknades" &&
	sqlite3 "$SOCDOK_DB" "SELECT field, coalesce(old_value, '\''-'\''), new_value FROM akt_fact
		WHERE kind = '\''insats-correct'\'' AND insats_id = 2" >got &&
	printf "handlaggare_email||per@kommun.se\n" >expect && test_cmp expect got &&
	journal-show 1 --format tsv | grep -q "Handläggarens e-post (ingen) rättad till per@kommun.se" &&
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		followup-due --as-of 2026-02-20 --within 0 --rule handlaggare-uppfoljning \
		--format mail >out.mbox 2>err &&
	test ! -s err && grep "^To: \"Per Utan\" <per@kommun.se>$" out.mbox
'

test_expect_success 'bad addresses and rules are refused' '
	test_refused 65 "--handlaggare-email '\''x y'\'' is not one mail address" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare-email "x y" &&
	sed "s/^\(journal-avslut\t.*\t\)kontaktperson\t/\1handlaggare\t/" \
		"$T_TOP/share/rules.tsv" >bad.tsv &&
	grep -q "^journal-avslut.*handlaggare" bad.tsv &&
	test_refused 65 "rule '\''journal-avslut'\'' is the handläggare'\''s, who is recorded per insats" \
		rules-load bad.tsv
'

test_expect_success 'introduktionssamtal: omgående, from verkställighet' '
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	due introduktionssamtal 1 2026-01-19 >got && test ! -s got &&
	due introduktionssamtal 1 2026-01-20 >got &&
	echo "2026-01-20 0 sara Sara Samordnare" >expect && test_cmp expect got &&
	due introduktionssamtal 1 2026-01-21 >got &&
	echo "2026-01-20 1 sara Sara Samordnare" >expect && test_cmp expect got
'

test_expect_success 'introduktionssamtal: once per person, at any date, then the planeringssamtal' '
	SOCDOK_USER=sara gp-followup --akt 1 --kind introduktionssamtal --date 2026-01-19 &&
	due introduktionssamtal 1 2026-01-22 >got && test ! -s got &&
	due planeringssamtal 1 2026-02-18 >got &&
	echo "2026-02-18 0 sara Sara Samordnare" >expect && test_cmp expect got
'

test_expect_success 'no kontaktperson yet: the enhetschef answers for the talk' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 102)" --name "Berg, Bo" \
		--unit "Hemtjänst Norr" --opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-01-20 &&
	due introduktionssamtal 2 2026-01-20 >got &&
	echo "2026-01-20 0 karin Karin Chef" >expect && test_cmp expect got
'

test_expect_success 'a plan agreed the day before the start is within gp-upprattad' '
	plan p.md "Anna deltog och valde sina delmål." "senast 2026-04-15" &&
	SOCDOK_USER=sara gp-new 1 -F p.md --date 2026-01-19 >/dev/null &&
	SOCDOK_USER=sara gp-sign --akt 1 --by brukare --date 2026-01-19 &&
	due gp-upprattad 1 2026-02-18 >got && test ! -s got
'

test_expect_success 'a plan from before the beslut is not' '
	SOCDOK_USER=sara gp-new 2 -F p.md --date 2026-01-05 >/dev/null &&
	SOCDOK_USER=sara gp-sign --akt 2 --by brukare --date 2026-01-05 &&
	due gp-upprattad 2 2026-02-18 >got &&
	echo "2026-02-17 1 karin Karin Chef" >expect && test_cmp expect got
'

test_expect_success 'the plan'\''s own follow-up date drives gp-uppfoljning when earlier' '
	due gp-uppfoljning 1 2026-04-14 >got && test ! -s got &&
	due gp-uppfoljning 1 2026-04-15 >got &&
	echo "2026-04-15 0 sara Sara Samordnare" >expect && test_cmp expect got &&
	due gp-uppfoljning 1 2026-04-16 >got &&
	echo "2026-04-15 1 sara Sara Samordnare" >expect && test_cmp expect got &&
	followup-due --as-of 2026-04-01 --within 14 --rule gp-uppfoljning --format tsv |
		cut -f2,9 | grep -x "1	2026-04-15"
'

test_expect_success 'a later date than six months: the rule'\''s six months' '
	plan late.md "Anna deltog." "senast 2027-06-01" &&
	SOCDOK_USER=sara gp-new 1 -F late.md --date 2026-02-01 >/dev/null &&
	due gp-uppfoljning 1 2026-08-03 >got &&
	echo "2026-08-03 0 sara Sara Samordnare" >expect && test_cmp expect got
'

test_expect_success 'a follow-up of the plan: six months from it again' '
	SOCDOK_USER=sara gp-followup --akt 2 --kind uppfoljning --date 2026-02-01 &&
	due gp-uppfoljning 2 2026-04-15 >got && test ! -s got
'

test_expect_success 'an empty follow-up line is refused, naming the fix' '
	plan empty.md "Anna deltog." "" &&
	test_refused 65 "the line '\''Uppföljning:'\'' is empty" \
		env SOCDOK_USER=sara gp-new 1 -F empty.md --date 2026-03-01 &&
	plan before.md "Anna deltog." "senast 2026-02-01" &&
	test_refused 65 "the plan'\''s follow-up date 2026-02-01 is before its plan date 2026-03-01" \
		env SOCDOK_USER=sara gp-new 1 -F before.md --date 2026-03-01
'

test_expect_success '"var inte delaktig" is no participation' '
	for d in "Anna var inte delaktig." "Anna deltog inte." \
		"Anna har inte deltagit i planeringen."; do
		plan neg.md "$d" "senast 2026-05-01" &&
		test_refused 65 "does not say how the person took part" \
			env SOCDOK_USER=sara gp-new 1 -F neg.md --date 2026-03-01 || return 1
	done &&
	plan pos.md "Anna deltog, men ville inte skriva under." "senast 2026-05-01" &&
	SOCDOK_USER=sara gp-new 1 -F pos.md --date 2026-03-01 >/dev/null
'

test_done
