#!/bin/sh
# akt-new, akt-show, akt-list: opening a case file, the personnummer
# refusals, who may see which akt, naming an akt by personnummer, Swedish
# name order and every list format.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)   # Åberg, Åsa
P2=$(t_pnr 19380101 456)   # Öberg, Örjan
P3=$(t_pnr 19500101 111)   # Zetterberg, Zeke
P4=$(t_pnr 19500102 111)   # Ärlig, Ärna
P5=$(t_pnr 19500103 111)   # Andersson, Anna

test_expect_success 'set up: an admin and staff in two units' '
	setup_world
'

test_expect_success 'akt-new prints the new id alone on stdout' '
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" >out 2>err &&
	echo 1 >expect &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'akt-show: person, unit, kontaktperson, dates' '
	cat >expect <<-EOF &&
	akt:            1
	person:         Åberg, Åsa
	personnummer:   $P1
	unit:           Hemtjänst Norr
	regime:         SoL
	kontaktperson:  -
	opened:         2026-03-02
	closed:         -
	EOF
	SOCDOK_USER=sara akt-show 1 >out &&
	test_cmp expect out
'

test_expect_success 'Swedish text is stored byte for byte' '
	printf "Åberg, Åsa" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT name FROM person WHERE id = 1" | tr -d "\n" >got &&
	cmp expect got
'

test_expect_success 'each form of a personnummer is stored as 12 digits' '
	SOCDOK_USER=sara akt-new 380101-4568 --name "Öberg, Örjan" \
		--unit "Hemtjänst Norr" >id2 &&
	SOCDOK_USER=sara akt-new 5001011112 --name "Zetterberg, Zeke" \
		--unit "Hemtjänst Norr" >id3 &&
	SOCDOK_USER=sara akt-new 195001021111 --name "Ärlig, Ärna" \
		--unit "Hemtjänst Norr" >id4 &&
	SOCDOK_USER=sara akt-new 260302+0005 --name "Hundra, Hulda" \
		--unit "Hemtjänst Norr" >id5 &&
	SOCDOK_USER=sara akt-new 19450372-1237 --name "Samordning, Sam" \
		--unit "Hemtjänst Norr" >id6 &&
	sqlite3 "$SOCDOK_DB" "SELECT pnr || '\'' '\'' || birth_day FROM person ORDER BY id" >got &&
	cat >expect <<-\EOF &&
	194503121230 12
	193801014568 1
	195001011112 1
	195001021111 2
	192603020005 2
	194503721237 12
	EOF
	test_cmp expect got
'

test_expect_success 'a wrong personnummer is refused (65) with its reason' '
	while IFS="|" read pnr why; do
		test_refused 65 "personnummer '\''$pnr'\''$why" \
			env SOCDOK_USER=sara akt-new "$pnr" --name "Fel, Fia" \
			--unit "Hemtjänst Norr" || return 1
	done <<-\EOF
	19450312-1234| is not valid: control digit should be 0
	450312-1237| is not valid: control digit should be 0
	19450230-1230| has day 30, but 1945-02 has 28 days
	19230229-1230| has day 29, but 1923-02 has 28 days
	19451312-1230| has month 13; it must be 01-12
	19450312-123| has 11 digits, not 10 or 12
	1945031212345| has too many digits
	19450312-12a4| has a stray '\''a'\''
	19450312+1230|: '\''+'\'' goes only with a two-digit year
	20270101-1234| is a birth date in the future (2027-01-01)
	450312+1230| is a birth date before 1850
	EOF
'

test_expect_success 'an open akt at the same unit is refused (65), naming it' '
	test_refused 65 "$P1 already has an open akt at '\''Hemtjänst Norr'\'': akt 1 (opened 2026-03-02)" \
		env SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" &&
	test_refused 65 "already has an open akt at '\''Hemtjänst Norr'\'': akt 1" \
		env SOCDOK_USER=sara akt-new 4503121230 --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr"
'

test_expect_success 'the same person may have an akt at another unit' '
	SOCDOK_USER=olle akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Boendestöd Väst" --regime LSS --kontaktperson olle \
		--opened 2026-01-15 >out &&
	echo 7 >expect &&
	test_cmp expect out
'

test_expect_success 'a closed akt does not stop a new one at the same unit' '
	SOCDOK_USER=sara akt-new "$P5" --name "Andersson, Anna" \
		--unit "Hemtjänst Norr" --opened 2026-01-02 >id8 &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-01'\'', closed_by = 1 WHERE id = $(cat id8)" &&
	SOCDOK_USER=sara akt-new "$P5" --name "Andersson, Anna" \
		--unit "Hemtjänst Norr" >id9 &&
	test "$(cat id9)" = 9
'

test_expect_success 'akt-new refuses an unknown unit, naming the known ones' '
	test_refused 65 "unknown unit '\''Hemtjänst Nord'\''; known units: Boendestöd Väst, Hemtjänst Norr" \
		env SOCDOK_USER=sara akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Hemtjänst Nord"
'

test_expect_success 'akt-new refuses an unknown regime (64)' '
	test_refused 64 "unknown regime '\''HSL'\''; use SoL or LSS" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst" --regime HSL
'

test_expect_success 'akt-new refuses a future or malformed --opened' '
	test_refused 65 "--opened 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst" --opened 2026-03-03 &&
	test_refused 64 "bad date '\''2026-3-1'\'' for --opened; write it as YYYY-MM-DD" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst" --opened 2026-3-1
'

test_expect_success 'akt-new: the kontaktperson must be active staff of the unit' '
	test_refused 65 "kontaktperson '\''sara'\'' is not active staff at unit '\''Boendestöd Väst'\''" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst" --kontaktperson sara &&
	test_refused 65 "kontaktperson '\''nobody'\'' is not active staff" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst" --kontaktperson nobody
'

test_expect_success 'akt-new at a unit that is not yours is refused (77)' '
	test_refused 77 "you may not open akter at unit '\''Boendestöd Väst'\''" \
		env SOCDOK_USER=sara akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Boendestöd Väst"
'

test_expect_success 'an arkivarie may not open akter (77)' '
	test_refused 77 "you may not open akter at unit '\''Hemtjänst Norr'\''" \
		env SOCDOK_USER=arkiv akt-new "$P3" --name "Zetterberg, Zeke" \
		--unit "Hemtjänst Norr"
'

test_expect_success 'akt-new refuses a name that is not UTF-8, or two lines' '
	test_refused 65 "is not valid UTF-8" \
		env SOCDOK_USER=olle akt-new "$P3" --name "$(printf "\345berg, \305sa")" \
		--unit "Boendestöd Väst" &&
	test_refused 65 "--name must be one line" \
		env SOCDOK_USER=olle akt-new "$P3" --name "Åberg,
Åsa" --unit "Boendestöd Väst"
'

test_expect_success 'akt-new without --unit is a usage error (64)' '
	test_must_fail 64 env SOCDOK_USER=olle akt-new "$P3" --name X 2>err &&
	grep "^usage: akt-new" err
'

test_expect_success 'akt-show: an LSS akt with a kontaktperson' '
	cat >expect <<-EOF &&
	akt:            7
	person:         Åberg, Åsa
	personnummer:   $P1
	unit:           Boendestöd Väst
	regime:         LSS
	kontaktperson:  Olle Öst (olle)
	opened:         2026-01-15
	closed:         -
	EOF
	SOCDOK_USER=olle akt-show 7 >out &&
	test_cmp expect out
'

test_expect_success 'akt-show --format json is valid and complete' '
	SOCDOK_USER=olle akt-show 7 --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r "[.akt, .personnummer, .name, .unit, .regime, .kontaktperson, .opened, (.closed == null), (.insatser | length)] | @tsv" out.json >got &&
	printf "7\t%s\tÅberg, Åsa\tBoendestöd Väst\tLSS\tolle\t2026-01-15\ttrue\t0\n" "$P1" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-show names an akt by a personnummer with one open akt' '
	SOCDOK_USER=sara akt-show "$P2" >out &&
	grep "^akt:            2$" out &&
	SOCDOK_USER=sara akt-show 380101-4568 >out &&
	grep "^akt:            2$" out &&
	SOCDOK_USER=olle akt-show "$P1" >out &&
	grep "^akt:            7$" out
'

test_expect_success 'a personnummer with two open akter the user sees is refused' '
	test_refused 64 "$P1 has 2 open akter; name one by its id" \
		akt-show "$P1"
'

test_expect_success 'a personnummer with no open akt is refused (66)' '
	test_refused 66 "no open akt for 19600101-" \
		env SOCDOK_USER=sara akt-show "$(t_pnr 19600101 222)"
'

test_expect_success 'no existence oracle: an akt in a unit not yours is answered as none' '
	test_refused 66 "akt-show: no open akt for $P2; see akt-list" \
		env SOCDOK_USER=olle akt-show "$P2" &&
	sed "s/$P2/PNR/" .refused-err >hidden &&
	P9=$(t_pnr 19600101 222) &&
	test_refused 66 "akt-show: no open akt for $P9; see akt-list" \
		env SOCDOK_USER=olle akt-show "$P9" &&
	sed "s/$P9/PNR/" .refused-err >none &&
	test_cmp hidden none
'

test_expect_success 'an unknown akt is refused (66)' '
	test_refused 66 "no akt 99; see akt-list" env SOCDOK_USER=sara akt-show 99
'

test_expect_success 'another unit'\''s akt is refused (77), naming the unit' '
	test_refused 77 "akt 7 belongs to unit '\''Boendestöd Väst'\'', which is not yours" \
		env SOCDOK_USER=sara akt-show 7 &&
	test_refused 77 "akt 1 belongs to unit '\''Hemtjänst Norr'\''" \
		env SOCDOK_USER=olle akt-show 1
'

test_expect_success 'a reference that is neither id nor personnummer (64)' '
	test_refused 64 "'\''4503121238'\'' is neither an akt id nor a valid personnummer (personnummer '\''4503121238'\'' is not valid: control digit should be 0)" \
		env SOCDOK_USER=sara akt-show 4503121238
'

test_expect_success 'a closed akt is still shown by its id' '
	SOCDOK_USER=sara akt-show 8 >out &&
	grep "^closed:         2026-02-01$" out
'

test_expect_success 'an admin and an arkivarie see every unit'\''s akt' '
	akt-show 7 >/dev/null &&
	SOCDOK_USER=arkiv akt-show 7 >/dev/null &&
	SOCDOK_USER=arkiv akt-show 1 >/dev/null
'

test_expect_success 'akt-list: Swedish name order, Z before Å Ä Ö' '
	cat >expect <<-EOF &&
	akt  personnummer   name              unit            regime  kontaktperson  opened      closed
	  8  $P5  Andersson, Anna   Hemtjänst Norr  SoL                    2026-01-02  2026-02-01
	  9  $P5  Andersson, Anna   Hemtjänst Norr  SoL                    2026-03-02
	  5  19260302-0005  Hundra, Hulda     Hemtjänst Norr  SoL                    2026-03-02
	  6  19450372-1237  Samordning, Sam   Hemtjänst Norr  SoL                    2026-03-02
	  3  $P3  Zetterberg, Zeke  Hemtjänst Norr  SoL                    2026-03-02
	  1  $P1  Åberg, Åsa        Hemtjänst Norr  SoL                    2026-03-02
	  4  $P4  Ärlig, Ärna       Hemtjänst Norr  SoL                    2026-03-02
	  2  $P2  Öberg, Örjan      Hemtjänst Norr  SoL                    2026-03-02
	EOF
	SOCDOK_USER=sara akt-list >out &&
	test_cmp expect out
'

test_expect_success 'akt-list --open and --closed' '
	SOCDOK_USER=sara akt-list --closed --format ids >out &&
	echo 8 >expect &&
	test_cmp expect out &&
	SOCDOK_USER=sara akt-list --open --format ids >out &&
	printf "9\n5\n6\n3\n1\n4\n2\n" >expect &&
	test_cmp expect out
'

test_expect_success 'akt-list shows only the units the user works in' '
	SOCDOK_USER=olle akt-list --format ids >out &&
	echo 7 >expect &&
	test_cmp expect out
'

test_expect_success 'akt-list --unit, for an admin who sees all' '
	akt-list --unit "Boendestöd Väst" --format ids >out &&
	echo 7 >expect &&
	test_cmp expect out &&
	test "$(akt-list --format ids | wc -l)" = 9
'

test_expect_success 'akt-list --unit refuses an unknown unit' '
	test_refused 65 "unknown unit '\''Nowhere'\''; known units: Boendestöd Väst, Hemtjänst Norr" \
		akt-list --unit Nowhere
'

test_expect_success 'akt-list prints nothing when there is nothing' '
	SOCDOK_USER=olle akt-list --closed >out &&
	test ! -s out
'

test_expect_success 'akt-list --format tsv' '
	SOCDOK_USER=olle akt-list --format tsv >out &&
	printf "akt\tpersonnummer\tname\tunit\tregime\tkontaktperson\topened\tclosed\n7\t%s\tÅberg, Åsa\tBoendestöd Väst\tLSS\tolle\t2026-01-15\t\n" "$P1" >expect &&
	test_cmp expect out
'

test_expect_success 'akt-list --format csv reads back with a CSV parser' '
	SOCDOK_USER=sara akt-list --format csv >out.csv &&
	python3 -c "
import csv
for r in csv.reader(open(\"out.csv\", newline=\"\", encoding=\"utf-8\")):
    print(\"|\".join(r))
" >got &&
	sed -n "1p;/Zetterberg/p;/Öberg/p" got >three &&
	cat >expect <<-EOF &&
	akt|personnummer|name|unit|regime|kontaktperson|opened|closed
	3|$P3|Zetterberg, Zeke|Hemtjänst Norr|SoL||2026-03-02|
	2|$P2|Öberg, Örjan|Hemtjänst Norr|SoL||2026-03-02|
	EOF
	test_cmp expect three &&
	test "$(wc -l <got)" = 9
'

test_expect_success 'akt-list --format json: valid, in the same order' '
	SOCDOK_USER=sara akt-list --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r ".[] | [.akt, .name, (.closed // \"-\")] | @tsv" out.json >got &&
	cat >expect <<-\EOF &&
	8	Andersson, Anna	2026-02-01
	9	Andersson, Anna	-
	5	Hundra, Hulda	-
	6	Samordning, Sam	-
	3	Zetterberg, Zeke	-
	1	Åberg, Åsa	-
	4	Ärlig, Ärna	-
	2	Öberg, Örjan	-
	EOF
	test_cmp expect got
'

test_expect_success 'akt-list and akt-show refuse an unknown --format (64)' '
	test_refused 64 "unknown format '\''yaml'\''; use one of: text, tsv, csv, json, ids" \
		akt-list --format yaml &&
	test_refused 64 "unknown format '\''ids'\''; use one of: text, tsv, csv, json" \
		akt-show 1 --format ids
'

test_expect_success '--help prints the usage line; a bad option is 64' '
	akt-new --help >out &&
	head -1 out | grep "^usage: akt-new \[-d DB\] PNR --name" &&
	test_must_fail 64 akt-list --bogus 2>err &&
	grep "^usage: akt-list" err
'

test_expect_success 'CSV: a cell a spreadsheet would run as a formula is prefixed' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19600101 222)" --name "=HYPERLINK(1), Eva" \
		--unit "Hemtjänst Norr" >/dev/null &&
	akt-list --format csv >out.csv &&
	grep "'\''=HYPERLINK(1), Eva" out.csv &&
	! grep "[,\"]=HYPERLINK" out.csv &&
	akt-list --format tsv | grep "	=HYPERLINK(1), Eva	"
'

test_expect_success 'a new akt elsewhere does not overwrite the name; history when it may' '
	P6=$(t_pnr 19550505 333) &&
	SOCDOK_USER=sara akt-new "$P6" --name "Rätt, Rut" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >id_a &&
	name6() { sqlite3 "$SOCDOK_DB" "SELECT name FROM person WHERE pnr = '\''$(echo $P6 | tr -d -)'\''"; } &&
	SOCDOK_USER=olle akt-new "$P6" --name "Fel, Falsk" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >id_b &&
	test "$(name6)" = "Rätt, Rut" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt_fact WHERE akt_id IN ($(cat id_a), $(cat id_b))")" = 0 &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-01'\'', closed_by = 1 WHERE id = $(cat id_b)" &&
	SOCDOK_USER=admin akt-new "$P6" --name "Rätt-Lind, Rut" \
		--unit "Boendestöd Väst" >id_c &&
	test "$(name6)" = "Rätt-Lind, Rut" &&
	echo "akt-set|name|Rätt, Rut|Rätt-Lind, Rut|akt-new" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT kind, field, old_value, new_value, text FROM akt_fact WHERE akt_id = $(cat id_c)" >got &&
	test_cmp expect got &&
	SOCDOK_USER=admin akt-verify "$(cat id_c)" >/dev/null
'

test_done
