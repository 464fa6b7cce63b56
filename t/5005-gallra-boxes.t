#!/bin/sh
# Gallring, the rest of issue 14: the archive packages listed by
# avställningsår and personnummer (Handbok för verkställighet: "Person-
# akterna sorteras i personnummerordning och läggs ner i arkivkartong per
# avställningsår"), in forteckning.txt beside them; and LSS 23 b § (SFS
# 2007:1313; the issue's 23 d §): a private LSS provider hands the akt of
# a child in bostad med särskild service over to the nämnd when gallring
# is due, born on any day.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

# akt_k PNR NAME DATE REGIME KIND [STARTED]: an akt with one insats of
# KIND decided on DATE (begun on STARTED, default DATE), ended and
# closed on DATE2 = the later of the two.
akt_k() {
	old "${6:-$3}" env SOCDOK_USER=sara sh -c '
		id=$(akt-new "$1" --name "$2" --unit "Hemtjänst Norr" --opened "$3" --regime "$4") &&
		ins=$(insats-add "$id" --kind "$5" --decided "$3") &&
		insats-start "$ins" --date "$6" &&
		insats-end "$ins" --date "$6" --reason slut &&
		akt-close "$id" --date "$6" -m "Insatsen har upphört." >/dev/null &&
		echo "$id"' sh "$1" "$2" "$3" "$4" "$5" "${6:-$3}"
}

# Records are written in time order (issue 18, clock): the database in
# 2019, each akt on its date, the first run of gallra in 2020 between
# them, so that the akt the later run adds is from 2020 too.
test_expect_success 'packages listed by avställningsår, then personnummer' '
	setup_world "2019-03-01 12:00:00" &&
	c=$(akt_k "$(t_pnr 19200115 333)" "Ceder, Cai" 2019-03-01 SoL hemtjänst) &&
	a=$(akt_k "$(t_pnr 19400525 111)" "Berg, Bo" 2020-06-01 SoL hemtjänst) &&
	b=$(akt_k "$(t_pnr 19300105 222)" "Alm, Ada" 2020-09-01 SoL hemtjänst) &&
	mkdir -m 700 arkiv &&
	t_at "2020-09-01 12:00:00" env SOCDOK_USER=arkiv gallra --as-of 2026-03-02 \
		--execute --decision "KS 2026/17" --preserve-dir arkiv >/dev/null 2>&1 &&
	grep -v "^#" arkiv/forteckning.txt | sed "/^$/d" | cut -f1,2,4 >got &&
	pa=$(t_pnr 19400525 111 | sed "s/^\(....\)\(..\)\(..\)-/\1-\2-\3-/") &&
	pb=$(t_pnr 19300105 222 | sed "s/^\(....\)\(..\)\(..\)-/\1-\2-\3-/") &&
	pc=$(t_pnr 19200115 333 | sed "s/^\(....\)\(..\)\(..\)-/\1-\2-\3-/") &&
	cat >expect <<-EOF &&
	Avställda 2019, födda 1920 - 1920
	$pc	Ceder, Cai	akt-$c
	Avställda 2020, födda 1930 - 1940
	$pb	Alm, Ada	akt-$b
	$pa	Berg, Bo	akt-$a
	EOF
	test_cmp expect got &&
	test "$(stat -c %a arkiv/forteckning.txt)" = 600 || test "$(stat -c %a arkiv/forteckning.txt)" = 640
'

test_expect_success 'a later run adds its packages to the list, in order' '
	d=$(akt_k "$(t_pnr 19350105 444)" "Dahl, Dan" 2020-10-15 SoL hemtjänst) &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "KS 2026/18" \
		--preserve-dir arkiv >/dev/null 2>&1 &&
	sed -n "/^Avställda 2020/,\$p" arkiv/forteckning.txt | cut -f2 >got &&
	printf "Avställda 2020, födda 1930 - 1940\nAlm, Ada\nDahl, Dan\nBerg, Bo\n" >expect &&
	test_cmp expect got
'

test_expect_success 'LSS 23 b §: a private provider hands a child'\''s akt in bostad med särskild service over' '
	export SOCDOK_DB=$PWD/enskild.db &&
	t_at "2021-03-01 12:00:00" env SOCDOK_USER=admin socdok-init \
		--provider enskild --name "Ada Admin" >/dev/null 2>&1 &&
	t_at "2021-03-01 12:00:00" staff-add sara --name "Sara S" --title usk \
		--unit "Hemtjänst Norr" --role samordnare &&
	t_at "2021-03-01 12:00:00" staff-add arkiv --name "Arne A" \
		--title arkivarie --role arkivarie &&
	t_at "2021-03-01 12:00:00" env SOCDOK_USER=admin \
		gallra-config --namnd "Socialnämnden" >/dev/null &&
	kid=$(akt_k "$(t_pnr 20100302 111)" "Ung, Ulf" 2021-03-01 LSS "bostad med särskild service") &&
	adult=$(akt_k "$(t_pnr 19900302 222)" "Vuxen, Vera" 2021-03-01 LSS "bostad med särskild service") &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | sed 1d | cut -f1,8 >got &&
	printf "$kid\tpreserve\n$adult\tpurge\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | grep "^$kid	" | grep -q "LSS 23 d § (ej verifierat; 23 b § as SFS 2007:1313 gives it)" &&
	mkdir -m 700 ark2 &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "Avtal 2021/1" \
		--preserve-dir ark2 >/dev/null 2>&1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 0 &&
	grep -x "Överlämnad till: Socialnämnden" ark2/akt-$kid/etikett.txt &&
	test ! -e ark2/akt-$adult
'

test_expect_success 'the same child at a municipal provider: LSS akter are kept there anyway' '
	export SOCDOK_DB=$PWD/kommunal.db &&
	setup_world "2021-03-01 12:00:00" >/dev/null 2>&1 &&
	k=$(akt_k "$(t_pnr 20100302 333)" "Ung, Uno" 2021-03-01 LSS "bostad med särskild service") &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | sed 1d | cut -f1 >got &&
	test ! -s got
'

test_done
