#!/bin/sh
# Issue 19: a protected identity (akt-protect) shows in the gallra list
# as in every list meant for more than the people working with the
# person: "Protected identity (akt N)" (Skyddad identitet), and neither
# the day of birth nor a reason that names it.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

P1=$(t_pnr 19400515 123)
P2=$(t_pnr 19400505 456)

test_expect_success 'set up: two closed akter due, one protected, both born on day 5 or 15' '
	setup_world "2020-03-02 12:00:00" &&
	a=$(new_akt "$P1" "Ek, Anna" 2020-03-02) && test "$a" = 1 &&
	a=$(new_akt "$P2" "Berg, Bo" 2020-03-02) && test "$a" = 2 &&
	old 2020-03-02 env SOCDOK_USER=karin akt-protect 1 \
		--reason "Skyddad folkbokföring" >/dev/null
'

test_expect_success 'gallra lists the protected akt without its day of birth' '
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv >out &&
	cut -f1,2,8,9 out >got &&
	printf "akt\tborn\tdecision\treason\n" >expect &&
	printf "1\t\tpreserve\tProtected identity (akt 1); born on day 5, 15 or 25\n" >>expect &&
	printf "2\t5\tpreserve\tborn on day 5\n" >>expect &&
	test_cmp expect got &&
	for f in text csv json; do
		SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format $f >g.$f &&
		grep -q "Protected identity (akt 1)" g.$f &&
		! grep -n -e "Anna" -e "19400515" -e "day 15" g.$f || return 1
	done &&
	jq -r ".[0].born" g.json >got && echo null >expect && test_cmp expect got &&
	LANGUAGE=sv SOCDOK_USER=arkiv gallra --as-of 2026-03-02 >g.sv &&
	grep -q "Skyddad identitet (akt 1)" g.sv
'

test_done
