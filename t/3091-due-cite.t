#!/bin/sh
# Rule sources for people (issue 15): followup-due's text, mail and
# iCalendar name the routine or the provision (share/lagrum.tsv), never
# the seed files; TSV, CSV and JSON keep the rules file's source field.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a synthetic municipality' '
	socdok-fixture --small --seed 3 --as-of 2026-03-02 2>/dev/null
'

test_expect_success 'text: the routine or provision, no seed numbers' '
	followup-due --within 800 >out &&
	! grep -q "seed" out &&
	grep -q "Rutin för social dokumentation (sex månader)" out &&
	grep -q "SoL (2025:400) .*(tidigare 12 kap. 1 §)" out
'

test_expect_success 'mail and ics: the same' '
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		followup-due --within 800 --format mail >out.mbox &&
	! grep -q "seed" out.mbox &&
	grep -q "source: Rutin för social dokumentation" out.mbox &&
	followup-due --within 800 --format ics | sed -n "/^DESCRIPTION/,/^[A-Z]/p" |
		tr -d "\r\n " >ics &&
	! grep -q "seed" ics &&
	grep -q "Rutin" ics
'

test_expect_success 'the ej-verkstallt item cites the law of its akt (SoL or LSS)' '
	akt-list --format tsv | awk -F"\t" "NR > 1 { print \$1, \$5 }" >regimes &&
	followup-due --within 800 --rule ej-verkstallt >out &&
	awk "\$1 == \"ej-verkstallt\" { print \$2 }" out >akter &&
	test -s akter &&
	while read a; do
		r=$(awk -v a=$a "\$1 == a { print \$2 }" regimes) &&
		grep "^ej-verkstallt *$a " out | grep -q "  $r (" || return 1
	done <akter
'

test_expect_success 'machine formats keep the rules file source' '
	followup-due --within 800 --format tsv | head -1 | grep -q "	source$" &&
	followup-due --within 800 --format tsv | sed 1d | cut -f13 | grep -q "^seed "
'

test_done
