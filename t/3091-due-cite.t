#!/bin/sh
# Rule sources for people (issue 15): followup-due's text, mail and
# iCalendar name the routine or the provision (the rules' sources, issue
# 14), never the seed files.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a synthetic municipality' '
	socdok-fixture --small --seed 3 --as-of 2026-03-02 2>/dev/null
'

test_expect_success 'text: the routine or provision, no seed numbers' '
	followup-due --within 800 >out &&
	! grep -q "seed" out &&
	grep -q "Rutin" out
'

test_expect_success 'mail and ics: the same' '
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		followup-due --within 800 --format mail >out.mbox &&
	! grep -q "seed" out.mbox &&
	grep -q "source: Rutin" out.mbox &&
	followup-due --within 800 --format ics | sed -n "/^DESCRIPTION/,/^[A-Z]/p" |
		tr -d "\r\n " >ics &&
	! grep -q "seed" ics &&
	grep -q "Rutin" ics
'

test_expect_success 'machine formats keep their source column' '
	followup-due --within 800 --format tsv | head -1 | grep -q "	source$"
'

test_done
