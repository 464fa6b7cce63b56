#!/bin/sh
# followup-due around a close: journal-avslut is due 30 days after the
# last insats ended while the akt is still open and goes away when it is
# closed; arkiv-overlamning comes a year after the closing and goes away
# when the akt is reopened (seed 002, seed 003).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

due() {
	followup-due --format tsv "$@" | cut -f 1,2,8,9,11
}

test_expect_success 'set up: an akt whose only insats has ended' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --kontaktperson sara \
		--opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		>/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-end 1 --date 2026-01-26
'

test_expect_success 'journal-avslut is due 30 days after the last insats ended' '
	cat >expect <<-EOF &&
	rule	akt	base	due	responsible
	journal-avslut	1	2026-01-26	2026-02-25	sara
	EOF
	SOCDOK_USER=sara due --rule journal-avslut >out &&
	test_cmp expect out
'

test_expect_success 'no arkiv-overlamning while the akt is open' '
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-12-31 >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out
'

test_expect_success 'after akt-close, journal-avslut is gone' '
	SOCDOK_USER=sara akt-close 1 --date 2026-02-27 >/dev/null &&
	SOCDOK_USER=sara due --rule journal-avslut >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out
'

test_expect_success 'arkiv-overlamning: not yet within two weeks of a year' '
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-02-12 >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out
'

test_expect_success 'arkiv-overlamning is due a year after the closing, for the enhetschef' '
	cat >expect <<-EOF &&
	rule	akt	base	due	responsible
	arkiv-overlamning	1	2026-02-27	2027-03-01	karin
	EOF
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-02-27 >out &&
	test_cmp expect out
'

test_expect_success 'after akt-reopen, arkiv-overlamning is gone and journal-avslut is back' '
	SOCDOK_USER=sara akt-reopen 1 -m "Stängdes av misstag" &&
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-02-27 >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out &&
	cat >expect <<-EOF &&
	rule	akt	base	due	responsible
	journal-avslut	1	2026-01-26	2026-02-25	sara
	EOF
	SOCDOK_USER=sara due --rule journal-avslut >out &&
	test_cmp expect out
'

test_expect_success 'recording the hand-over (akt-overlamna) ends arkiv-overlamning' '
	SOCDOK_USER=sara akt-close 1 --date 2026-03-02 >/dev/null &&
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-03-01 >out &&
	test "$(wc -l <out)" = 2 &&
	SOCDOK_USER=karin akt-overlamna 1 --as-of 2027-03-01 &&
	SOCDOK_USER=karin due --rule arkiv-overlamning --as-of 2027-03-01 >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out
'

test_expect_success 'an akt handed to the archive is not reopened' '
	test_refused 65 "akt 1 was handed to the archive on 2027-03-01; open a new akt with akt-new instead" \
		env SOCDOK_USER=sara akt-reopen 1 -m "fel" --as-of 2027-03-02
'

test_expect_success 'a close with --end-insatser leaves nothing for journal-avslut' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19500505 789)" --name "Ek, Eva" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind trygghetslarm --decided 2026-03-01 \
		>/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-03-01 &&
	SOCDOK_USER=sara akt-close 2 --end-insatser >/dev/null &&
	SOCDOK_USER=sara due --rule journal-avslut --as-of 2026-06-01 >out &&
	printf "rule\takt\tbase\tdue\tresponsible\n" >expect &&
	test_cmp expect out
'

test_done
