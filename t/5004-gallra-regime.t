#!/bin/sh
# Gallring by the akt's regime and the provider, as rows of rules.tsv
# (issue 14): an SoL akt of a municipal provider is purged 5 years after
# its last note (SoL 12 kap. 1 § (2001:453)); an LSS akt of a municipal
# provider is never purged (LSS has no gallring rule for a municipality's
# own activity: rule gallring-lss, unit preserve); a private provider's
# akter, SoL and LSS, 2 years (SoL 7 kap. 3 § (2001:453), LSS 23 c §).
# Under the person rule gallra and followup-due print one deadline.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

# akt_r PNR NAME DATE REGIME: an akt of REGIME opened, written in and
# closed on DATE by sara; prints its id.
akt_r() {
	old "$3" env SOCDOK_USER=sara sh -c '
		id=$(akt-new "$1" --name "$2" --unit "Hemtjänst Norr" --opened "$3" --regime "$4") &&
		ins=$(insats-add "$id" --kind korttidsvistelse --decided "$3") &&
		insats-start "$ins" --date "$3" &&
		insats-end "$ins" --date "$3" --reason slut &&
		akt-close "$id" --date "$3" -m "Insatsen har upphört." >/dev/null &&
		echo "$id"' sh "$1" "$2" "$3" "$4"
}

plan() {
	SOCDOK_USER=arkiv gallra --as-of "$1" --format tsv | sed 1d | cut -f1,4,5,6,7,8
}

# Records are written in time order (issue 18, clock): each database is
# made no later than its first akt, and a test that writes old akter
# into a database runs at their time (t_clock, for that test alone).
test_expect_success 'kommunal: an SoL akt and an LSS akt, both five years old' '
	setup_world "2021-03-02 12:00:00" &&
	s=$(akt_r "$(t_pnr 19400506 123)" "Ek, Anna" 2021-03-02 SoL) &&
	l=$(akt_r "$(t_pnr 19400507 123)" "Ek, Bo" 2021-03-02 LSS) &&
	echo "$s $l" >ids &&
	printf "$s\tgallring\t5 years\t2026-03-02\t2027-12-31\tpurge\n" >expect &&
	plan 2026-03-02 >got &&
	test_cmp expect got
'

test_expect_success 'kommunal LSS: never listed, never due in followup-due, not even after 30 years' '
	l=$(cut -d" " -f2 ids) &&
	plan 2051-03-02 | cut -f1 >got &&
	! grep -x "$l" got &&
	SOCDOK_USER=arkiv followup-due --as-of 2051-03-02 --rule gallring-lss --format tsv | sed 1d >got &&
	test_cmp /dev/null got &&
	SOCDOK_USER=arkiv followup-due --as-of 2026-03-02 --within 800 --format tsv |
		awk -F"\t" -v a=$l "\$2 == a && \$1 ~ /^gallring/" >got &&
	test_cmp /dev/null got
'

test_expect_success 'gallra --execute purges the SoL akt and leaves the LSS akt' '
	l=$(cut -d" " -f2 ids) &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute \
		--decision "Arkivmyndighetens beslut 2025-01-01" >/dev/null 2>&1 &&
	sqlite3 "$SOCDOK_DB" "SELECT id FROM akt" >got &&
	echo "$l" >expect &&
	test_cmp expect got
'

test_expect_success 'gallra-config names the rule of each regime' '
	SOCDOK_USER=admin gallra-config >out &&
	grep -x "rule SoL:      gallring (5 years after the last note)" out &&
	grep -x "rule LSS:      gallring-lss (preserved)" out
'

test_expect_success 'enskild: SoL and LSS akter both two years' '
	t_clock "2024-03-02 12:00:00" &&
	export SOCDOK_DB=$PWD/enskild.db &&
	SOCDOK_USER=admin socdok-init --provider enskild --name "Ada Admin" >/dev/null 2>&1 &&
	staff-add sara --name "Sara S" --title usk --unit "Hemtjänst Norr" --role samordnare &&
	staff-add arkiv --name "Arne A" --title arkivarie --role arkivarie &&
	s=$(akt_r "$(t_pnr 19400506 123)" "Ek, Anna" 2024-03-02 SoL) &&
	l=$(akt_r "$(t_pnr 19400507 123)" "Ek, Bo" 2024-03-02 LSS) &&
	plan 2026-03-01 >got &&
	test_cmp /dev/null got &&
	printf "$s\tgallring-enskild\t2 years\t2026-03-02\t2027-12-31\tpurge\n$l\tgallring-enskild\t2 years\t2026-03-02\t2027-12-31\tpurge\n" >expect &&
	plan 2026-03-02 >got &&
	test_cmp expect got
'

test_expect_success 'a kommun whose archive authority decided otherwise edits the rules file' '
	export SOCDOK_DB=$PWD/socdok.db &&
	l=$(cut -d" " -f2 ids) &&
	sed "s/^gallring-lss\t\([^\t]*\)\tsista-anteckning\t0\tpreserve\t/gallring-lss\t\1\tsista-anteckning\t10\tyears\t/" \
		"$T_TOP/share/rules.tsv" >ours.tsv &&
	SOCDOK_USER=admin rules-load ours.tsv >/dev/null &&
	printf "$l\tgallring-lss\t10 years\t2031-03-02\t2032-12-31\tpurge\n" >expect &&
	plan 2031-03-02 >got &&
	test_cmp expect got &&
	SOCDOK_USER=admin rules-load "$T_TOP/share/rules.tsv" >/dev/null
'

test_expect_success 'rules-load: preserve only for a gallring rule, applies by sort' '
	sed "s/^gp-upprattad\t\([^\t]*\)\tverkstallighet\t28\tdays\t/gp-upprattad\t\1\tverkstallighet\t0\tpreserve\t/" \
		"$T_TOP/share/rules.tsv" >bad.tsv &&
	test_refused 65 "unit preserve is for a gallring rule only (base sista-anteckning)" \
		env SOCDOK_USER=admin rules-load bad.tsv
'

test_expect_success 'a database from before: its gallring rule becomes SoL, LSS akter are kept' '
	cp "$SOCDOK_DB" before.db &&
	sqlite3 before.db "UPDATE rule SET applies = '\''kommunal'\'' WHERE id = '\''gallring'\''; DELETE FROM rule WHERE id = '\''gallring-lss'\''; DELETE FROM schema_migration WHERE num = 180" &&
	v=$(sqlite3 before.db "SELECT max(num) FROM schema_migration") &&
	sqlite3 before.db "PRAGMA user_version = $v" &&
	SOCDOK_DB=$PWD/before.db SOCDOK_USER=admin gallra-config >out &&
	grep -x "rule LSS:      gallring-lss (preserved)" out &&
	sqlite3 before.db "SELECT applies FROM rule WHERE id = '\''gallring'\''" >got &&
	echo kommunal,SoL >expect &&
	test_cmp expect got
'

test_expect_success 'person rule: gallra and followup-due print the same deadline' '
	export SOCDOK_DB=$PWD/person.db &&
	setup_world "2021-03-02 12:00:00" >/dev/null 2>&1 &&
	p=$(t_pnr 19400508 123) &&
	a=$(akt_r "$p" "Ek, Cia" 2021-03-02 SoL) &&
	old 2023-06-01 env SOCDOK_USER=sara sh -c "
		id=\$(akt-new $p --name \"Ek, Cia\" --unit \"Hemtjänst Norr\" --opened 2023-06-01) &&
		akt-close \$id --date 2023-06-01 -m Slut. >/dev/null" &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | awk -F"\t" -v a=$a "\$1 == a { print \$6, \$7, \$8 }" >got &&
	echo "2028-06-01 2029-12-31 hold" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=arkiv followup-due --as-of 2026-03-02 --within 1500 --rule gallring --format tsv |
		awk -F"\t" -v a=$a "\$2 == a { print \$9 }" >got &&
	echo 2029-12-31 >expect &&
	test_cmp expect got
'

test_expect_success 'socdok-init --kommun: a kommun of bevara-alla.txt preserves every akt' '
	t_clock "2021-03-02 12:00:00" &&
	SOCDOK_DB=$PWD/lkpg.db SOCDOK_USER=admin socdok-init --kommun "Linköpings kommun" 2>err &&
	grep "every akt is preserved: Linköpings kommun is named in bevara-alla.txt" err &&
	SOCDOK_DB=$PWD/lkpg.db SOCDOK_USER=admin gallra-config >out &&
	grep -x "kommun:        Linköpings kommun" out &&
	grep -x "preserve-all:  yes" out &&
	SOCDOK_DB=$PWD/gbg.db SOCDOK_USER=admin socdok-init --kommun Göteborg 2>/dev/null &&
	SOCDOK_DB=$PWD/gbg.db SOCDOK_USER=admin gallra-config | grep -x "preserve-all:  yes" &&
	SOCDOK_DB=$PWD/orebro.db SOCDOK_USER=admin socdok-init --kommun Örebro 2>err &&
	! grep "preserved" err &&
	SOCDOK_DB=$PWD/orebro.db SOCDOK_USER=admin gallra-config >out &&
	grep -x "kommun:        Örebro" out &&
	grep -x "preserve-all:  no" out
'

test_expect_success 'a preserve-all kommun: a due SoL akt is preserved, not purged' '
	t_clock "2021-03-02 12:00:00" &&
	export SOCDOK_DB=$PWD/lkpg.db &&
	staff-add sara --name "Sara S" --title usk --unit "Hemtjänst Norr" --role samordnare &&
	staff-add arkiv --name "Arne A" --title arkivarie --role arkivarie &&
	a=$(akt_r "$(t_pnr 19400506 123)" "Ek, Anna" 2021-03-02 SoL) &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --format tsv | sed 1d | cut -f1,8,9 >got &&
	printf "$a\tpreserve\tthe database preserves every akt (preserve-all)\n" >expect &&
	test_cmp expect got
'

test_expect_success 'socdok-init --kommun refuses an empty name' '
	test_refused 64 "--kommun needs the kommun'\''s name" \
		env SOCDOK_DB=$PWD/none.db SOCDOK_USER=admin socdok-init --kommun "" &&
	test ! -e none.db
'

test_expect_success 'enskild: preserved akter are handed over to the beställande nämnd, by default' '
	t_clock "2024-03-02 12:00:00" &&
	export SOCDOK_DB=$PWD/enskild.db &&
	d=$(akt_r "$(t_pnr 19400505 123)" "Ek, Dag" 2024-03-02 SoL) &&
	echo $d >day5 &&
	SOCDOK_USER=admin gallra-config >out &&
	grep -x "handover:      yes" out &&
	grep -x "nämnd:         -" out &&
	mkdir -m 700 arkiv &&
	test_refused 78 "no beställande nämnd to hand 1 preserved akter over to; name it with gallra-config --namnd NAME" \
		env SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "Avtal 2024/3" --preserve-dir arkiv &&
	SOCDOK_USER=admin gallra-config --handover no --namnd "Vård- och omsorgsnämnden öster" >/dev/null &&
	test_refused 78 "1 preserved akter would stay with a private provider, which hands them over to the beställande nämnd" \
		env SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "Avtal 2024/3" --preserve-dir arkiv &&
	SOCDOK_USER=admin gallra-config --handover yes >out &&
	grep -x "nämnd:         Vård- och omsorgsnämnden öster" out &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "Avtal 2024/3" --preserve-dir arkiv >/dev/null 2>&1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 0 &&
	jq -r .overlamnad_till arkiv/akt-$d/package.json >got &&
	echo "Vård- och omsorgsnämnden öster" >expect &&
	test_cmp expect got &&
	grep -x "Överlämnad till: Vård- och omsorgsnämnden öster" arkiv/akt-$d/etikett.txt &&
	(cd arkiv/akt-$d && sha256sum -c --quiet SHA256SUMS) &&
	SOCDOK_USER=arkiv gallra --log --format tsv | cut -f8 | grep "$d/2024 handover"
'

test_expect_success 'a private provider may keep an akt with a reason (never-purge)' '
	t_clock "2024-03-02 12:00:00" &&
	export SOCDOK_DB=$PWD/enskild.db &&
	e=$(akt_r "$(t_pnr 19400515 123)" "Ek, Eva" 2024-03-02 SoL) &&
	SOCDOK_USER=admin gallra-config --handover no >/dev/null &&
	SOCDOK_USER=arkiv akt-never-purge $e -m "Tvist om ersättning pågår" &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "Avtal 2024/3" --preserve-dir arkiv >/dev/null 2>&1 &&
	sqlite3 "$SOCDOK_DB" "SELECT id, preserved IS NOT NULL FROM akt" >got &&
	echo "$e|1" >expect &&
	test_cmp expect got
'

test_expect_success 'the archive package label: what the routine asks on the fascikelomslag' '
	t_clock "2020-11-30 12:00:00" &&
	export SOCDOK_DB=$PWD/label.db &&
	SOCDOK_USER=admin socdok-init --kommun "Örebro kommun" 2>/dev/null &&
	SOCDOK_USER=admin gallra-config --namnd "Vård- och omsorgsnämnd väster" >/dev/null &&
	staff-add sara --name "Sara S" --title usk --unit "Hemtjänst Norr" --role samordnare &&
	staff-add arkiv --name "Arne A" --title arkivarie --role arkivarie &&
	a=$(akt_r "$(t_pnr 19100105 111)" "Andersson, Anders" 2020-11-30 SoL) &&
	mkdir -m 700 pk &&
	SOCDOK_USER=arkiv gallra --as-of 2026-03-02 --execute --decision "KS 2026/17" --preserve-dir pk >/dev/null 2>&1 &&
	p=$(sqlite3 "$SOCDOK_DB" "SELECT pnr FROM person") &&
	cat >expect <<-EOF &&
	Örebro kommun
	Vård- och omsorgsnämnd väster
	Hemtjänst Norr
	Personakter, födda dag 5, 15, 25
	Avställd år: 2020
	Personnummer: 1910-01-05-$(echo $p | cut -c9-12)
	Namn: Andersson, Anders
	EOF
	test_cmp expect pk/akt-$a/etikett.txt &&
	grep -q "etikett.txt" pk/akt-$a/SHA256SUMS &&
	test "$(jq .avstalld_ar pk/akt-$a/package.json)" = 2020 &&
	test "$(jq .overlamnad_till pk/akt-$a/package.json)" = null
'

test_expect_success 'gallra-config --namnd refuses an empty name' '
	test_refused 64 "--namnd needs the nämnd'\''s name" \
		env SOCDOK_DB=$PWD/label.db SOCDOK_USER=admin gallra-config --namnd ""
'

test_done
