#!/bin/sh
# Issue 19: a word typed from a closed list is the same word without å,
# ä, ö and in any case.  journal-add --category (and journal-show
# --category, and the batch form) take "avbojt", "Händelse" or
# "RATTELSE" for the list's sökord, and the note keeps the list's
# spelling; a word that is in no spelling of the list is still refused.
# So are a role (staff-add --role), a provider (socdok-init), a rule id
# (followup-due --rule), a regime (akt-new --regime), a unit's name
# (--unit of every program, socdok-import's unit column), socdok-import's
# journal category, gp-followup --kind and gp-sign --by.  One folding
# for all (word.h; sd_fold in SQL).
#
# Each case starts from its own database (fresh): any of them may run
# alone or in any order.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

# fresh NAME: a new database NAME.db with the world of t/lib.sh and akt
# 1 of "Åberg, Åsa" at Hemtjänst Norr, opened 2026-01-15, kontaktperson
# sara.  (Each test runs in a subshell: the database is the test's own.)
fresh() {
	export SOCDOK_DB="$T_DIR/$1.db" &&
	setup_world >/dev/null 2>&1 &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-15 >/dev/null
}

t_plan "Åsa deltog." >"$T_DIR/plan.md"

test_expect_success 'a category typed without å, ä, ö or in capitals is the list word' '
	fresh cat &&
	SOCDOK_USER=sara journal-add 1 --category erbjudande-avbojt -m "Tackade nej." >out &&
	echo 1:1 >expect && test_cmp expect out &&
	SOCDOK_USER=sara journal-add 1 --category "HÄNDELSE" -m "Åsa åt." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category Forandring -m "Nytt behov." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category "synpunkt-KLAGOMAL" -m "Klagomål." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category Uppfoljning -m "Samtal." >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT category FROM note ORDER BY seq" >got &&
	printf "erbjudande-avböjt\nhändelse\nförändring\nsynpunkt-klagomål\nuppföljning\n" >expect &&
	test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'the batch form folds the category too' '
	fresh batch &&
	printf "1\tpaborjad-insats\t2026-03-01\tStartade.\n" |
		SOCDOK_USER=sara journal-add --batch >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT category FROM note" >got &&
	echo påbörjad-insats >expect && test_cmp expect got
'

test_expect_success 'journal-show --category takes the folded word' '
	fresh show &&
	SOCDOK_USER=sara journal-add 1 --category händelse -m "Åsa åt." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category förändring -m "Nytt behov." >/dev/null &&
	SOCDOK_USER=sara journal-show 1 --category FORANDRING --format tsv >out &&
	cut -f1,8 out >got &&
	printf "note\tcategory\n1:2\tförändring\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a word of no spelling of the list is refused, naming the list' '
	fresh refused &&
	test_refused 65 "unknown category '\''handelser'\''; use one of: avvikelse" \
		env SOCDOK_USER=sara journal-add 1 --category handelser -m x &&
	test_refused 65 "unknown category" \
		env SOCDOK_USER=sara journal-show 1 --category nej
'

test_expect_success 'in Swedish the refusal is translated' '
	fresh sv &&
	test_must_fail 65 env LANGUAGE=sv SOCDOK_USER=sara \
		journal-add 1 --category nej -m x 2>err &&
	grep -q "okänd kategori" err
'

test_expect_success 'a role and a provider typed in capitals are the list words' '
	fresh role &&
	staff-add kalle --name "Kalle Chef" --title enhetschef \
		--unit "Hemtjänst Norr" --role Enhetschef &&
	sqlite3 "$SOCDOK_DB" "SELECT role FROM staff WHERE login = \"kalle\"" >got &&
	echo enhetschef >expect && test_cmp expect got &&
	test_refused 64 "unknown role '"'"'chef'"'"'" staff-add nils --name N --title t \
		--unit "Hemtjänst Norr" --role chef &&
	SOCDOK_USER=admin socdok-init -d other.db --provider Enskild --name "Ada" \
		>/dev/null 2>&1 &&
	sqlite3 other.db "SELECT value FROM setting WHERE key = \"provider\"" >got &&
	echo enskild >expect && test_cmp expect got
'

test_expect_success 'followup-due --rule takes a rule id typed with å, ä, ö or capitals' '
	fresh rule &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjanst --decided 2025-11-01 \
		>/dev/null &&
	followup-due --rule ej-verkstallt --format tsv >expect &&
	test $(wc -l <expect) = 2 &&
	followup-due --rule EJ-VERKSTÄLLT --format tsv >got &&
	test_cmp expect got &&
	followup-due --rule Handläggare-Uppföljning --format tsv >got &&
	cut -f1 got | tail -n +2 >rules &&
	echo handlaggare-uppfoljning >expect && test_cmp expect rules &&
	test_refused 65 "no rule '"'"'ej-verkstalld'"'"' in force; see rules-show" \
		followup-due --rule ej-verkstalld
'

test_expect_success 'insats-end of a beslut never carried out points to insats-cancel' '
	fresh cancel &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjanst --decided 2026-02-01 >/dev/null &&
	test_refused 65 "or end a beslut never carried out with insats-cancel" \
		env SOCDOK_USER=sara insats-end 1 --reason "Beslutet återkallat"
'

test_expect_success 'akt-new --regime in any case is SoL or LSS' '
	fresh regime &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500101 111)" --name "Berg, Bo" \
		--unit "Hemtjänst Norr" --regime lss --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500102 222)" --name "Dahl, Dan" \
		--unit "Hemtjänst Norr" --regime SOL --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500103 333)" --name "Ek, Eva" \
		--unit "Hemtjänst Norr" --regime Lss --opened 2026-01-15 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT regime FROM akt ORDER BY id" >got &&
	printf "SoL\nLSS\nSoL\nLSS\n" >expect && test_cmp expect got &&
	test_refused 64 "unknown regime '"'"'lsss'"'"'; use SoL or LSS" \
		env SOCDOK_USER=sara akt-new "$(t_pnr 19500104 444)" --name "F, F" \
		--unit "Hemtjänst Norr" --regime lsss
'

test_expect_success 'a unit typed without å, ä, ö or in capitals is the unit' '
	fresh unit &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500101 111)" --name "Berg, Bo" \
		--unit "hemtjanst norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19500102 222)" --name "Dahl, Dan" \
		--unit "BOENDESTOD VAST" --opened 2026-01-15 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT u.name FROM akt a JOIN unit u ON u.id = a.unit_id ORDER BY a.id" >got &&
	printf "Hemtjänst Norr\nHemtjänst Norr\nBoendestöd Väst\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM unit")" = 2 &&
	akt-list --unit "Hemtjanst Norr" --format ids | sort -n >got &&
	printf "1\n2\n" >expect && test_cmp expect got &&
	akt-list --unit "HEMTJÄNST NORR" --format ids | sort -n >got &&
	test_cmp expect got &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjanst --decided 2025-11-01 >/dev/null &&
	followup-due --unit "hemtjanst norr" --format tsv >got &&
	followup-due --unit "Hemtjänst Norr" --format tsv >expect &&
	test_cmp expect got && test $(wc -l <got) -gt 1 &&
	staff-add nils --name "Nils N" --title usk --unit "boendestod väst" &&
	sqlite3 "$SOCDOK_DB" "SELECT u.name FROM staff_unit su JOIN unit u ON u.id = su.unit_id JOIN staff s ON s.id = su.staff_id WHERE s.login = \"nils\"" >got &&
	echo "Boendestöd Väst" >expect && test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM unit")" = 2
'

test_expect_success 'socdok-import: a journal category and a unit of either spelling' '
	fresh import &&
	cat >journal.csv <<-EOF &&
	pnr;unit;date;author;title;category;text
	$P1;hemtjanst norr;2026-01-20;Kalle Gammal;usk;erbjudande-avbojt;Tackade nej till dusch.
	$P1;HEMTJÄNST NORR;2026-01-21;Kalle Gammal;usk;Forandring;Behöver mer hjälp.
	$P1;Hemtjänst Norr;2026-01-22;Kalle Gammal;usk;UPPFOLJNING;Samtal.
	EOF
	socdok-import journal journal.csv 2>err &&
	grep -q "3 journal rows imported" err &&
	sqlite3 "$SOCDOK_DB" "SELECT category FROM note ORDER BY seq" >got &&
	printf "erbjudande-avböjt\nförändring\nuppföljning\n" >expect &&
	test_cmp expect got &&
	akt-verify 1 >/dev/null &&
	printf "pnr;date;author;category;text\n%s;2026-01-23;K;avbojd;x\n" "$P1" >bad.csv &&
	test_must_fail 65 socdok-import journal bad.csv 2>err &&
	grep -q "unknown category '"'"'avbojd'"'"'" err
'

test_expect_success 'gp-followup --kind and gp-sign --by of either spelling' '
	fresh gp &&
	SOCDOK_USER=sara akt-set 1 --foretradare "Gun Godman, god man, 070-123" \
		-m "God man förordnad." >/dev/null &&
	SOCDOK_USER=sara gp-new 1 -F "$T_DIR/plan.md" --date 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara gp-followup --akt 1 --kind Uppföljningssamtal --date 2026-02-10 &&
	SOCDOK_USER=sara gp-followup --akt 1 --kind uppfoljningssamtal --date 2026-02-11 &&
	SOCDOK_USER=sara gp-followup --akt 1 --kind PLANERINGSSAMTAL --date 2026-02-12 &&
	sqlite3 "$SOCDOK_DB" "SELECT kind FROM followup ORDER BY id" >got &&
	printf "uppfoljningssamtal\nuppfoljningssamtal\nplaneringssamtal\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara gp-sign --akt 1 --by företrädare --date 2026-02-01 &&
	SOCDOK_USER=sara gp-sign --akt 1 --by Brukare --date 2026-02-01 &&
	test_refused 65 "already has the foretradare'"'"'s signature" \
		env SOCDOK_USER=sara gp-sign --akt 1 --by FORETRADARE &&
	sqlite3 "$SOCDOK_DB" "SELECT signer, name FROM gp_signature ORDER BY rowid" >got &&
	printf "foretradare|Gun Godman\nbrukare|Åberg, Åsa\n" >expect &&
	test_cmp expect got &&
	test_refused 64 "unknown kind '"'"'uppfoljningsamtal'"'"'" \
		env SOCDOK_USER=sara gp-followup --akt 1 --kind uppfoljningsamtal
'

test_done
