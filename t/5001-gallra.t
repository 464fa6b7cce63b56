#!/bin/sh
# gallra (dry run): which akter are due for gallring, when, and what is
# decided for each: the period from the provider (5 years kommunal, SoL
# 12 kap 1 §; 2 years enskild, 7 kap 3 §), the deadline (31 December of
# the following year), urvalsbevarande (day 5, 15, 25), unknown birth
# days, preserve-all, never-purge, the person rule, open akter.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"
GALLRA_USER=vera

# The dry run as "akt decision" lines, as of DATE.
decisions() {
	SOCDOK_USER=arkiv gallra --as-of "$1" --format tsv | cut -f1,8 | sed 1d
}

# Records are written in time order (issue 18, clock): the database on
# the day of the first akt, each later akt on a later day, and each test
# that writes old akter runs at the time of its last (t_clock, for that
# test alone), its reads too.
test_expect_success 'set up' '
	t_clock "2021-03-02 12:00:00" &&
	setup_world &&
	staff-add vera --name "Vera Väst" --title stödpedagog \
		--unit "Boendestöd Väst" --unit "Hemtjänst Norr" --role samordnare
'

test_expect_success 'nothing due: the text list is empty, TSV has its header' '
	t_clock "2021-03-02 12:00:00" &&
	SOCDOK_USER=arkiv gallra >out &&
	test ! -s out &&
	SOCDOK_USER=arkiv gallra --format tsv >out &&
	printf "akt\tborn\tlast_note\trule\tperiod\tobligation\tdeadline\tdecision\treason\n" >expect &&
	test_cmp expect out
'

test_expect_success 'kommunal: due exactly five years after the last note' '
	t_clock "2021-03-02 12:00:00" &&
	a=$(new_akt "$(t_pnr 19400506 123)" "Ek, Anna" 2021-03-02) &&
	test "$a" = 1 &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-01 >out &&
	test ! -s out &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv >out &&
	printf "1\t6\t2021-03-02\tgallring\t5 years\t2026-03-02\t2027-12-31\tpurge\t\n" >expect &&
	sed 1d out >got &&
	test_cmp expect got
'

test_expect_success 'the text list: aligned, with the rule id' '
	t_clock "2021-03-02 12:00:00" &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 >out &&
	cat >expect <<-\EOF &&
	akt  born  last_note   rule      period   obligation  deadline    decision  reason
	  1     6  2021-03-02  gallring  5 years  2026-03-02  2027-12-31  purge
	EOF
	test_cmp expect out
'

test_expect_success 'the deadline is 31 December of the year after the obligation' '
	t_clock "2022-01-01 12:00:00" &&
	b=$(new_akt "$(t_pnr 19410107 123)" "Ek, Bo" 2021-12-31) &&
	c=$(new_akt "$(t_pnr 19410108 123)" "Ek, Cia" 2022-01-01) &&
	SOCDOK_USER=arkiv gallra --as-of 2027-06-01 --format tsv | cut -f1,3,6,7 >out &&
	cat >expect <<-EOF &&
	akt	last_note	obligation	deadline
	1	2021-03-02	2026-03-02	2027-12-31
	$b	2021-12-31	2026-12-31	2027-12-31
	$c	2022-01-01	2027-01-01	2028-12-31
	EOF
	test_cmp expect out &&
	SOCDOK_USER=arkiv gallra --as-of 2026-12-30 --format tsv | cut -f1 | sed 1d >out &&
	echo 1 >expect &&
	test_cmp expect out
'

test_expect_success 'the last note is what was written last, not the event date' '
	t_clock "2022-09-01 12:00:00" &&
	d=$(new_akt "$(t_pnr 19420109 123)" "Ek, Dan" 2022-06-01) &&
	echo $d >akt-d &&
	old 2022-09-01 sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = NULL WHERE id = $d" &&
	old 2022-09-01 env SOCDOK_USER=sara insats-add $d --kind trygghetslarm --decided 2022-06-01 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2022-06-01'\'' WHERE id = $d" &&
	SOCDOK_USER=arkiv gallra --as-of 2027-08-31 --format tsv | cut -f1 >out &&
	! grep -x $d out &&
	SOCDOK_USER=arkiv gallra --as-of 2027-09-01 --format tsv | cut -f1,3 | grep -x "$d	2022-09-01"
'

test_expect_success 'born on day 5, 15, 25: preserve (urvalsbevarande)' '
	t_clock "2022-09-01 12:00:00" &&
	for d in 05 15 25 04 16 26 31; do
		new_akt "$(t_pnr 195001$d 234)" "Dag, $d" 2022-09-01 >>ids || return 1
	done &&
	SOCDOK_USER=arkiv gallra --as-of 2027-09-01 --format tsv >out &&
	for id in $(cat ids); do
		grep "^$id	" out | cut -f2,8,9
	done >got &&
	cat >expect <<-\EOF &&
	5	preserve	born on day 5
	15	preserve	born on day 15
	25	preserve	born on day 25
	4	purge	
	16	purge	
	26	purge	
	31	purge	
	EOF
	test_cmp expect got
'

test_expect_success 'samordningsnummer: the day minus 60 decides' '
	t_clock "2022-09-01 12:00:00" &&
	s1=$(new_akt "$(t_pnr 19500175 345)" "Samord, Femton" 2022-09-01) &&
	s2=$(new_akt "$(t_pnr 19500176 345)" "Samord, Sexton" 2022-09-01) &&
	s3=$(new_akt "$(t_pnr 19500165 345)" "Samord, Fem" 2022-09-01) &&
	SOCDOK_USER=arkiv gallra --as-of 2027-09-01 --format tsv >out &&
	for id in $s1 $s2 $s3; do grep "^$id	" out | cut -f2,8,9; done >got &&
	cat >expect <<-\EOF &&
	15	preserve	born on day 15 (samordningsnummer)
	16	purge	
	5	preserve	born on day 5 (samordningsnummer)
	EOF
	test_cmp expect got
'

test_expect_success 'born on 29 February: purged; a last note on 29 February' '
	t_clock "2024-02-29 12:00:00" &&
	f2=$(new_akt "$(t_pnr 19400289 456)" "Skott, Samord" 2023-02-28) &&
	f1=$(new_akt "$(t_pnr 19400229 456)" "Skott, Dag" 2024-02-29) &&
	SOCDOK_USER=arkiv gallra --as-of 2029-02-28 --format tsv >out &&
	for id in $f1 $f2; do grep "^$id	" out | cut -f2,3,6,8; done >got &&
	cat >expect <<-\EOF &&
	29	2024-02-29	2029-02-28	purge
	29	2023-02-28	2028-02-28	purge
	EOF
	test_cmp expect got &&
	SOCDOK_USER=arkiv gallra --as-of 2029-02-27 --format tsv | cut -f1 >out &&
	! grep -x "$f1" out
'

test_expect_success 'an unknown day of birth: preserve, never purged automatically' '
	t_clock "2024-02-29 12:00:00" &&
	u=$(new_akt "$(t_pnr 19500160 567)" "Okänd, Dag" 2024-02-29) &&
	SOCDOK_USER=arkiv gallra --as-of 2029-03-01 --format json >out.json &&
	jq -c ".[] | select(.akt == $u) | [.born, .decision, .reason]" out.json >got &&
	echo "[null,\"preserve\",\"day of birth unknown\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'open akter are never purged nor listed' '
	t_clock "2024-02-29 12:00:00" &&
	o=$(old 2024-02-29 env SOCDOK_USER=sara akt-new "$(t_pnr 19300101 678)" \
		--name "Öppen, Olle" --unit "Hemtjänst Norr" --opened 2015-01-10) &&
	SOCDOK_USER=arkiv gallra --as-of 2040-01-01 --format tsv | cut -f1 >out &&
	! grep -x "$o" out &&
	grep -x 1 out
'

test_expect_success 'person rule: no akt purged while another akt of the person is not due' '
	t_clock "2024-05-01 12:00:00" &&
	P=$(t_pnr 19350303 789) &&
	h1=$(new_akt "$P" "Två, Akter" 2024-02-29) &&
	h2=$(new_akt "$P" "Två, Akter" 2024-05-01 slut "Boendestöd Väst") &&
	echo "$h1 $h2" >pair &&
	SOCDOK_USER=arkiv gallra --as-of 2029-03-01 --format tsv >out &&
	grep "^$h1	" out | cut -f8,9 >got &&
	printf "hold\tperson rule: another akt of the person is not due until 2029-05-01\n" >expect &&
	test_cmp expect got &&
	! grep "^$h2	" out &&
	decisions 2029-05-01 | grep -E "^($h1|$h2)	" >got &&
	printf "%s\tpurge\n%s\tpurge\n" $h1 $h2 >expect &&
	test_cmp expect got
'

test_expect_success 'person rule: an open akt of the person holds the old one back' '
	t_clock "2024-05-01 12:00:00" &&
	P=$(t_pnr 19350304 789) &&
	k1=$(new_akt "$P" "Öppen, Igen" 2024-05-01) &&
	old 2024-05-01 env SOCDOK_USER=sara akt-new "$P" --name "Öppen, Igen" \
		--unit "Hemtjänst Norr" --opened 2024-05-01 >/dev/null &&
	SOCDOK_USER=arkiv gallra --as-of 2029-06-01 --format tsv | grep "^$k1	" | cut -f8,9 >got &&
	printf "hold\tperson rule: the person has an open akt\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a unit sees only its own akter; the person rule names no other akt' '
	SOCDOK_USER=karin gallra --as-of 2026-03-02 --format tsv | cut -f1 | sed 1d >got &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | cut -f1 | sed 1d >all &&
	test -s got &&
	test "$(wc -l <got)" -le "$(wc -l <all)" &&
	SOCDOK_USER=olle gallra --as-of 2029-05-01 --format tsv | cut -f1 | sed 1d >got &&
	echo "$(cut -d" " -f2 pair)" >expect &&
	test_cmp expect got
'

test_expect_success 'never-purge: only an arkivarie or admin, with a reason' '
	test_refused 77 "only an arkivarie or an administrator may mark an akt never-purge (you are samordnare)" \
		env SOCDOK_USER=sara akt-never-purge 1 -m "tvist" &&
	test_refused 64 "no reason; give -m REASON" \
		env SOCDOK_USER=arkiv akt-never-purge 1 &&
	test_refused 66 "no akt 999" \
		env SOCDOK_USER=arkiv akt-never-purge 999 -m x &&
	test_refused 65 "akt 1 is not marked never-purge" \
		env SOCDOK_USER=arkiv akt-never-purge 1 --clear -m x
'

test_expect_success 'never-purge: the akt is preserved, the reason shown' '
	SOCDOK_USER=arkiv akt-never-purge 1 -m "Begärd av JO, dnr 123-2026" >out &&
	test ! -s out &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | grep "^1	" | cut -f8,9 >got &&
	printf "preserve\tnever-purge: Begärd av JO, dnr 123-2026\n" >expect &&
	test_cmp expect got &&
	test_refused 65 "akt 1 is already marked never-purge" \
		env SOCDOK_USER=arkiv akt-never-purge 1 -m "igen" &&
	sqlite3 "$SOCDOK_DB" "SELECT akt_id, login, flag, reason FROM never_purge_note" >got &&
	echo "1|arkiv|1|Begärd av JO, dnr 123-2026" >expect &&
	test_cmp expect got
'

test_expect_success 'never-purge --clear: purged again, the history kept' '
	SOCDOK_USER=admin akt-never-purge 1 --clear -m "JO klar" &&
	decisions 2026-03-02 | grep "^1	" >got &&
	printf "1\tpurge\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM never_purge_note WHERE akt_id = 1")" = 2 &&
	test_must_fail 1 sqlite3 "$SOCDOK_DB" "DELETE FROM never_purge_note" 2>/dev/null
'

test_expect_success 'preserve-all (gallra-config): every due akt is preserved' '
	test_refused 77 "only an administrator may change the gallring settings" \
		env SOCDOK_USER=arkiv gallra-config --preserve-all yes &&
	SOCDOK_USER=admin gallra-config --preserve-all yes >out &&
	grep -x "preserve-all:  yes" out &&
	decisions 2026-03-02 | cut -f2 | sort -u >got &&
	echo preserve >expect &&
	test_cmp expect got &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | grep "^1	" | cut -f9 >got &&
	echo "the database preserves every akt (preserve-all)" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=admin gallra-config --preserve-all no >/dev/null &&
	decisions 2026-03-02 | grep -c purge
'

test_expect_success 'socdok-init --preserve-all sets it from the start' '
	SOCDOK_DB=$PWD/all.db socdok-init --preserve-all 2>/dev/null &&
	SOCDOK_DB=$PWD/all.db gallra-config >out &&
	grep -x "preserve-all:  yes" out
'

test_expect_success 'enskild: due two years after the last note (SoL 7 kap 3 §)' '
	t_clock "2024-03-02 12:00:00" &&
	export SOCDOK_DB=$PWD/enskild.db &&
	socdok-init --provider enskild 2>/dev/null &&
	staff-add sara --name "Sara S" --title usk --unit "Hemtjänst Norr" --role samordnare &&
	staff-add vera --name "Vera V" --title usk --unit "Hemtjänst Norr" --role samordnare &&
	staff-add arkiv --name "Arne A" --title arkivarie --role arkivarie &&
	e=$(new_akt "$(t_pnr 19400506 123)" "Ek, Anna" 2024-03-02) &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-01 >out &&
	test ! -s out &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | sed 1d >got &&
	printf "$e\t6\t2024-03-02\tgallring-enskild\t2 years\t2026-03-02\t2027-12-31\tpurge\t\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the period is data: a rules file may change it' '
	export SOCDOK_DB=$PWD/enskild.db &&
	sed "s/^\(gallring-enskild\t[^\t]*\t[^\t]*\t\)2\t/\13\t/" "$T_TOP/share/rules.tsv" >rules.tsv &&
	grep -q "^gallring-enskild	.*	3	years" rules.tsv &&
	sqlite3 "$SOCDOK_DB" "UPDATE rule SET amount = 3 WHERE id = '\''gallring-enskild'\''" &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 >out &&
	test ! -s out &&
	SOCDOK_USER=arkiv gallra --as-of 2027-03-02 --format tsv | cut -f5,6 | sed 1d >got &&
	printf "3 years\t2027-03-02\n" >expect &&
	test_cmp expect got
'

# (the clock's row, the newest written-at time, moves with the log line)
test_expect_success 'the dry run changes nothing but one access-log line and the akter it listed' '
	sqlite3 "$SOCDOK_DB" ".dump" | grep -Ev "INSERT INTO (access_log|access_list|log_chain|head_chain|clock) " >before &&
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log") &&
	SOCDOK_USER=arkiv gallra --as-of 2030-01-01 --format json >out.json &&
	due=$(jq length out.json) &&
	test "$due" -gt 10 &&
	sqlite3 "$SOCDOK_DB" ".dump" | grep -Ev "INSERT INTO (access_log|access_list|log_chain|head_chain|clock) " >after &&
	test_cmp before after &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_list x,
		json_each(x.akter) WHERE x.log_id = (SELECT max(id) FROM
		access_log)")" = "$due" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log")" = $((n + 1)) &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, ifnull(akt_id, '\''-'\''), what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	echo "arkiv|gallra|-|listed $due akter due for gallring as of 2030-01-01" >expect &&
	test_cmp expect got
'

test_expect_success 'bad options are refused with a one-line reason' '
	test_refused 64 "unknown format '\''xml'\''" env SOCDOK_USER=arkiv gallra --format xml &&
	test_refused 64 "--decision, --preserve-dir and --vacuum go with --execute" \
		env SOCDOK_USER=arkiv gallra --decision X &&
	test_refused 65 "there is no date" env SOCDOK_USER=arkiv gallra --as-of 2026-02-30
'

test_done
