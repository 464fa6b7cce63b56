#!/bin/sh
# followup-due: the report, its formats, silence and -q.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt with a running and a waiting insats' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-05 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara akt-new "$P2" --name "Berg, Bo" --unit "Hemtjänst Norr" \
		--opened 2025-11-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind boendestöd --decided 2025-11-20 >/dev/null
'

test_expect_success 'text: grouped by person, most overdue first' '
	SOCDOK_USER=karin followup-due >out &&
	cat out >&2
'
test_expect_success "formats" q{
	SOCDOK_USER=karin followup-due --format json >&2 && SOCDOK_USER=karin followup-due --format ics >&2; SOCDOK_USER=karin followup-due --format mail >&2;SOCDOK_USER=karin followup-due --format csv >&2
}
test_done
