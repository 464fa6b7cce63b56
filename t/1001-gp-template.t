#!/bin/sh
# gp-new --template: seed 004's headings with a Swedish hint under each,
# prefilled with what the database knows of the akt.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt with a kontaktperson and insatser' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" --goal "Klara vardagen själv" >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind ledsagning --decided 2026-01-11 \
		--goal "Gå på bio" >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-01-21 &&
	SOCDOK_USER=sara insats-end 3 --date 2026-02-01 &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null
'

test_expect_success 'the template has seed 004 headings in order, and Riskbedömning' '
	cat >expect <<-\EOF &&
	# Genomförandeplan
	## Personuppgifter
	## Planens framtagande
	## Mål och insatser
	### Delmål 1:
	## Vanor och rutiner
	## Sociala aktiviteter
	## Kontakter
	## Hälsa
	## Måltidssituation
	## Personnära
	## Sköta hemmet
	## Övrigt
	## Förhållningssätt
	## Riskbedömning
	## Underskrift
	EOF
	SOCDOK_USER=sara gp-new 1 --template >tmpl &&
	grep "^#" tmpl | sed "s/ *$//" >got &&
	test_cmp expect got
'

test_expect_success 'every section has a Swedish hint right under its heading' '
	awk "/^## /{h=\$0; getline; if (\$0 !~ /^<!-- [A-ZÅÄÖ]/) {print h; bad=1}} END{exit bad}" tmpl
'

test_expect_success 'the person, unit and kontaktperson are prefilled' '
	cat >expect <<-EOF &&
	- Namn: Åberg, Åsa
	- Personnummer: $P1
	- Enhet: Hemtjänst Norr (SoL)
	- Kontaktperson: Sara Samordnare (undersköterska)
	EOF
	sed -n "/^## Personuppgifter/,/^## Planens/p" tmpl | grep "^- " >got &&
	test_cmp expect got
'

test_expect_success 'the plan date and the follow-up date of rule gp-uppfoljning' '
	cat >expect <<-\EOF &&
	- Datum för planering: 2026-03-02
	- Delaktighet: 
	- Deltagare: 
	- Uppföljning: senast 2026-09-02
	EOF
	sed -n "/^## Planens framtagande/,/^## Mål/p" tmpl | grep "^- " >got &&
	test_cmp expect got &&
	SOCDOK_USER=sara gp-new 1 --template --date 2026-02-28 >tmpl2 &&
	grep -F -e "- Datum för planering: 2026-02-28" -e "- Uppföljning: senast 2026-08-28" tmpl2 >got &&
	test_line_count=$(wc -l <got) && test "$test_line_count" = 2
'

test_expect_success 'the insatser not ended, with their goals from the beslut' '
	cat >expect <<-\EOF &&
	- hemtjänst, beslut 2026-01-10, verkställd 2026-01-20 (handläggare Hanna Handläggare).
	  Övergripande mål: Klara vardagen själv
	- trygghetslarm, beslut 2026-02-01, ännu inte verkställd.
	  Övergripande mål: (inget mål i beställningen)
	EOF
	sed -n "/^Insatser och mål enligt beslut:/,/^### Delmål/p" tmpl |
		sed "1,2d;\$d" | sed "/^$/d" >got &&
	test_cmp expect got
'

test_expect_success 'an akt without kontaktperson or insatser says so' '
	SOCDOK_USER=olle gp-new 2 --template >tmpl3 &&
	grep -x -e "- Kontaktperson: (ingen utsedd)" -e "- (inga pågående insatser)" tmpl3 >got &&
	test "$(wc -l <got)" = 2
'

test_expect_success 'the template is data: a unit may change it' '
	mkdir share && cp -r "$T_TOP/share/." share/ &&
	printf "# Plan för {{namn}} ({{okänd}})\n" >share/gp-template.md &&
	SOCDOK_SHARE=$PWD/share SOCDOK_USER=sara gp-new 1 --template >got &&
	echo "# Plan för Åberg, Åsa ({{okänd}})" >expect &&
	test_cmp expect got
'

test_expect_success 'the template read is logged' '
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log WHERE program = '\''gp-new'\'' ORDER BY id LIMIT 1" >got &&
	echo "sara|gp-new|1|read akt for a plan template" >expect &&
	test_cmp expect got
'

test_expect_success 'the template is refused for another unit, an arkivarie, a closed akt' '
	test_refused 77 "akt 2 belongs to unit '\''Boendestöd Väst'\'', which is not yours" \
		env SOCDOK_USER=sara gp-new 2 --template &&
	test_refused 77 "an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv gp-new 1 --template &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-20'\'' WHERE id = 2" &&
	test_refused 65 "akt 2 is closed (since 2026-02-20)" \
		env SOCDOK_USER=olle gp-new 2 --template
'

test_expect_success 'gp-new refuses a bad date and bad usage' '
	test_refused 65 "there is no date '\''2026-02-30'\'' (--date)" \
		env SOCDOK_USER=sara gp-new 1 --template --date 2026-02-30 &&
	test_expect_code_in() { "$@"; test $? = 64; } &&
	test_expect_code_in gp-new 2>err &&
	grep "^usage: gp-new" err &&
	test_expect_code_in gp-new 1 --template -F x.md 2>err
'

test_done
