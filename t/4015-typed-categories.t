#!/bin/sh
# Issue 19: a word typed from a closed list is the same word without å,
# ä, ö and in any case.  journal-add --category (and journal-show
# --category, and the batch form) take "avbojt", "Händelse" or
# "RATTELSE" for the list's sökord, and the note keeps the list's
# spelling; a word that is in no spelling of the list is still refused.
# So are a role (staff-add --role), a provider (socdok-init) and a rule
# id (followup-due --rule).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: an akt' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 >/dev/null
'

test_expect_success 'a category typed without å, ä, ö or in capitals is the list word' '
	SOCDOK_USER=sara journal-add 1 --category erbjudande-avbojt -m "Tackade nej." >out &&
	echo 1:1 >expect && test_cmp expect out &&
	SOCDOK_USER=sara journal-add 1 --category "HÄNDELSE" -m "Åsa åt." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category Forandring -m "Nytt behov." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category "synpunkt-KLAGOMAL" -m "Klagomål." >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT category FROM note ORDER BY seq" >got &&
	printf "erbjudande-avböjt\nhändelse\nförändring\nsynpunkt-klagomål\n" >expect &&
	test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'the batch form folds the category too' '
	printf "1\tpaborjad-insats\t2026-03-01\tStartade.\n" |
		SOCDOK_USER=sara journal-add --batch >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT category FROM note WHERE seq = 5" >got &&
	echo påbörjad-insats >expect && test_cmp expect got
'

test_expect_success 'journal-show --category takes the folded word' '
	SOCDOK_USER=sara journal-show 1 --category forandring --format tsv >out &&
	cut -f1,8 out >got &&
	printf "note\tcategory\n1:3\tförändring\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a word of no spelling of the list is refused, naming the list' '
	test_refused 65 "unknown category '\''handelser'\''; use one of: avvikelse" \
		env SOCDOK_USER=sara journal-add 1 --category handelser -m x &&
	test_refused 65 "unknown category" \
		env SOCDOK_USER=sara journal-show 1 --category nej
'

test_expect_success 'in Swedish the refusal is translated' '
	test_must_fail 65 env LANGUAGE=sv SOCDOK_USER=sara \
		journal-add 1 --category nej -m x 2>err &&
	grep -q "okänd kategori" err
'

test_expect_success 'a role and a provider typed in capitals are the list words' '
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
	SOCDOK_USER=sara insats-add 1 --kind hemtjanst --decided 2026-02-01 >/dev/null &&
	test_refused 65 "or end a beslut never carried out with insats-cancel" \
		env SOCDOK_USER=sara insats-end 1 --reason "Beslutet återkallat"
'

test_done
