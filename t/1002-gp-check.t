#!/bin/sh
# gp-new checks a plan before it is stored: the required sections (data
# in share/gp-required.txt), how the person took part or that they
# declined (Rutin för social dokumentation), vad/när/hur/vem for every delmål (seed 002).  A
# refused plan exits 65 with one line per problem and changes nothing.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: an akt' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	cat >good.md <<-\EOF
	# Genomförandeplan

	## Planens framtagande

	Delaktighet: Åsa var med på mötet och valde sina mål.

	## Mål och insatser

	### Delmål: Handla själv

	- Vad: handla mat
	- När: tisdagar 10-12
	- Hur: personalen följer med till affären
	- Vem: kontaktpersonen Sara

	## Riskbedömning

	Halkrisk vintertid: broddar.
	EOF
'

# gp-new with the plan in a file, as sara; stderr into err.
plan() {
	env SOCDOK_USER=sara gp-new 1 -F "$1"
}

test_expect_success 'a missing required section is named, with the fix' '
	sed "/^## Riskbedömning/,\$d" good.md >p.md &&
	test_refused 65 "gp-new: Riskbedömning: the section is missing; add the heading '\''## Riskbedömning'\'' and write under it" plan p.md &&
	grep -x "gp-new: the plan was not saved: 1 problem to fix" .refused-err
'

test_expect_success 'an empty required section, or one with only its hint' '
	sed "s/^Halkrisk.*//" good.md >p.md &&
	test_refused 65 "gp-new: Riskbedömning: the section is empty; write what its hint asks for" plan p.md &&
	sed "s/^Halkrisk.*/<!-- Risker och hur de förebyggs. -->/" good.md >p.md &&
	test_refused 65 "gp-new: Riskbedömning: the section is empty" plan p.md
'

test_expect_success 'Planens framtagande must say how the person took part' '
	sed "s/^Delaktighet:.*/Delaktighet: /" good.md >p.md &&
	test_refused 65 "gp-new: Planens framtagande: does not say how the person took part, or that they declined; write '\''Delaktighet: how'\'' or '\''Avböjt: how it was offered'\'' (Rutin för social dokumentation)" plan p.md
'

test_expect_success 'participation may be said in words too' '
	sed "s/^Delaktighet:.*/Mötet hölls hemma hos Åsa, som deltog hela tiden./" good.md >p.md &&
	plan p.md >out &&
	echo 1 >expect && test_cmp expect out
'

test_expect_success 'a person who declined: no delmål needed, a routine description' '
	cat >declined.md <<-\EOF &&
	## Planens framtagande

	Avböjt: Åsa erbjöds att vara med vid planeringen den 1 mars men ville inte delta.

	## Mål och insatser

	Hemtjänst enligt beslut: inköp tisdagar, städning varannan fredag.

	## Riskbedömning

	Inga kända risker.
	EOF
	plan declined.md >out &&
	echo 2 >expect && test_cmp expect out &&
	SOCDOK_USER=sara gp-show 1 >show &&
	grep -x "participation:  declined" show &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE category = '\''genomförandeplan'\'' ORDER BY id DESC LIMIT 1" >note &&
	grep -F "Den enskilde har avböjt att delta; planen är en rutin- och arbetsbeskrivning." note
'

test_expect_success 'a delmål must say vad, när, hur and vem' '
	sed "/^- När:/d; /^- Vem:/d" good.md >p.md &&
	test_refused 65 "gp-new: Mål och insatser: '\''Delmål: Handla själv'\'' does not say när, vem; write '\''När: ...'\'', '\''Vem: ...'\'' (Handbok för verkställighet: vad, när, hur and vem)" plan p.md
'

test_expect_success 'a label with nothing after it is missing too' '
	sed "s/^- Hur:.*/- Hur: /" good.md >p.md &&
	test_refused 65 "'\''Delmål: Handla själv'\'' does not say hur;" plan p.md
'

test_expect_success 'each delmål is checked on its own' '
	cat good.md >p.md &&
	sed -i "/^## Riskbedömning/i ### Delmål 2: Laga mat\n\n- Vad: laga lunch\n" p.md &&
	test_refused 65 "'\''Delmål 2: Laga mat'\'' does not say när, hur, vem;" plan p.md &&
	! grep "Handla själv" .refused-err
'

test_expect_success 'Mål och insatser without any delmål' '
	sed "/^### Delmål/,/^- Vem/d" good.md >p.md &&
	sed -i "/^## Riskbedömning/i Hemtjänst enligt beslut.\n" p.md &&
	test_refused 65 "gp-new: Mål och insatser: no delmål; write each under a heading '\''### Delmål ...'\'' with Vad, När, Hur and Vem, or say under Planens framtagande that the person declined to take part" plan p.md
'

test_expect_success 'labels in any case, in bold, and going on below' '
	cat >p.md <<-\EOF &&
	## Planens framtagande
	- DELAKTIGHET: Åsa skrev själv sina mål.
	## Mål och insatser
	### delmål – promenera
	**VAD:** promenad
	**När**: varje dag
	Hur:
	Med rollator, personalen går bredvid.
	Vem (utför): Erik
	## Riskbedömning
	Fall.
	EOF
	plan p.md >out &&
	echo 3 >expect && test_cmp expect out
'

test_expect_success 'the template as it is: one line per problem, nothing saved' '
	SOCDOK_USER=sara gp-new 1 --template >tmpl &&
	cat >expect <<-\EOF &&
	gp-new: Riskbedömning: the section is empty; write what its hint asks for (see gp-new --template)
	gp-new: Planens framtagande: does not say how the person took part, or that they declined; write '\''Delaktighet: how'\'' or '\''Avböjt: how it was offered'\'' (Rutin för social dokumentation)
	gp-new: Mål och insatser: '\''Delmål 1'\'' does not say vad, när, hur, vem; write '\''Vad: ...'\'', '\''När: ...'\'', '\''Hur: ...'\'', '\''Vem: ...'\'' (Handbok för verkställighet: vad, när, hur and vem)
	gp-new: the plan was not saved: 3 problems to fix
	EOF
	test_refused 65 "3 problems" plan tmpl &&
	test_cmp expect .refused-err
'

test_expect_success 'the required sections are data: a unit may add one' '
	mkdir share && cp -r "$T_TOP/share/." share/ &&
	echo "Hälsa" >>share/gp-required.txt &&
	test_refused 65 "gp-new: Hälsa: the section is missing" \
		env SOCDOK_SHARE=$PWD/share SOCDOK_USER=sara gp-new 1 -F good.md
'

test_expect_success 'an empty plan, or one that is not UTF-8, is refused' '
	printf "\n  \n" >empty.md &&
	test_refused 65 "gp-new: the plan is empty; nothing was saved" plan empty.md &&
	printf "<!-- bara en ledtext -->\n" >empty.md &&
	test_refused 65 "gp-new: the plan is empty; nothing was saved" plan empty.md &&
	printf "## Riskbedömning\n\n\377\n" >latin1.md &&
	test_refused 65 "gp-new: the plan is not valid UTF-8; save it as UTF-8 and try again" plan latin1.md
'

test_expect_success 'a plan date in the future or before the akt was opened' '
	test_refused 65 "gp-new: plan date 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara gp-new 1 -F good.md --date 2026-03-03 &&
	test_refused 65 "gp-new: plan date 2026-01-14 is before akt 1 was opened (2026-01-15); check the date" \
		env SOCDOK_USER=sara gp-new 1 -F good.md --date 2026-01-14
'

test_expect_success 'a missing file is refused (66)' '
	test_refused 66 "gp-new: cannot open '\''nosuch.md'\'': No such file or directory" plan nosuch.md
'

test_expect_success 'the plan on standard input, with - or without' '
	SOCDOK_USER=sara gp-new 1 - <good.md >out &&
	SOCDOK_USER=sara gp-new "$P1" <good.md >>out &&
	printf "4\n5\n" >expect && test_cmp expect out
'

test_expect_success 'hints are removed from the stored plan, the rest kept byte for byte' '
	printf "<!-- ledtext -->\n# Plan\n\n## Planens framtagande\n<!-- ledtext\n     på två rader -->\n\nDelaktighet: ja, <!-- inte en ledtext --> hon var med.\n" >p.md &&
	sed -n "/^## Mål/,\$p" good.md >>p.md &&
	plan p.md >out &&
	printf "# Plan\n\n## Planens framtagande\n\nDelaktighet: ja, <!-- inte en ledtext --> hon var med.\n" >expect &&
	sed -n "/^## Mål/,\$p" good.md >>expect &&
	SOCDOK_USER=sara gp-show 1 --format md >got &&
	test_cmp expect got
'

test_done
