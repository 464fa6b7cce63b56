#!/bin/sh
# akt-export --format md: the title block, the insatser, every plan
# version (the replaced one marked), every note as written, corrections
# with the note they correct, and the verification block at the end.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

test_expect_success 'set up: an akt with notes, a correction and two plans' '
	export_world
'

test_expect_success 'Markdown is the default format, on stdout' '
	SOCDOK_USER=sara akt-export 1 >out.md 2>err &&
	test ! -s err &&
	head -n 1 out.md >got &&
	echo "# Personakt: Öberg-Ärlig, Åsa" >expect &&
	test_cmp expect got
'

test_expect_success 'the title block names person, unit, kontaktperson, period and exporter' '
	sed -n "3,8p" out.md | sed "s/^\(\*\*Exporterad:\*\*\) [0-9-]* [0-9:]*/\1 T/" >got &&
	cat >expect <<-EOF &&
	**Personnummer:** $EX_P1\\
	**Enhet:** Hemtjänst Norr (SoL)\\
	**Kontaktperson:** Sara Samordnare\\
	**Akt:** 1, öppnad 2026-01-05, pågående\\
	**Urval:** hela akten\\
	**Exporterad:** T av **Sara Samordnare** (undersköterska)
	EOF
	test_cmp expect got
'

test_expect_success 'the sections come in order, the verification block last' '
	md_headings out.md | grep "^## " >got &&
	cat >expect <<-\EOF &&
	## Insatser
	## Genomförandeplaner
	## Journal
	## Verifiering
	EOF
	test_cmp expect got
'

test_expect_success 'the insats is shown with its dates, goal and handläggare' '
	grep -A1 "^- \*\*hemtjänst" out.md >got &&
	cat >expect <<-\EOF &&
	- **hemtjänst**: beslut 2026-01-05, beställd 2026-01-06, verkställd 2026-01-10\
	  Mål: Att Åsa kan bo kvar hemma \& känna sig trygg. Handläggare: Hanna Handläggare
	EOF
	test_cmp expect got
'

test_expect_success 'both plan versions are there, the current first, the old one marked replaced' '
	grep "^### Version" out.md >got &&
	cat >expect <<-\EOF &&
	### Version 2 · 2026-02-15 · gällande
	### Version 1 · 2026-01-20 · ersatt 2026-02-15
	EOF
	test_cmp expect got &&
	grep -F "*Inaktuell: ersatt av version 2 den 2026-02-15.*" out.md &&
	contains out.md plan-1.md &&
	contains out.md plan-2.md
'

test_expect_success 'every note is there byte for byte' '
	for i in 1 2 3 4 5; do contains out.md note-$i.txt || return 1; done
'

test_expect_success 'notes come by event date; the correction follows the note it corrects' '
	md_headings out.md | grep "anteckning [0-9]*$" >got &&
	cat >expect <<-\EOF &&
	### 2026-01-10 · påbörjad-insats · anteckning 1
	### 2026-01-12 · händelse · anteckning 2
	### 2026-01-14 · kontakt · anteckning 3
	#### Rättelse av anteckning 3 · 2026-02-01 · anteckning 4
	### 2026-02-20 · avvikelse · anteckning 5
	EOF
	test_cmp expect got &&
	grep -F "Rättad genom anteckning 4." out.md
'

test_expect_success 'author, title and on-behalf-of are named' '
	grep -F "av **Sara Samordnare** (undersköterska) på uppdrag av **Erik Ek** (vårdbiträde)" out.md &&
	grep -F "av **Erik Ek** (vårdbiträde); hash" out.md
'

test_expect_success 'a note cannot break the structure: its text is fenced longer than any fence in it' '
	grep -q "^~~~~ anteckning$" out.md &&
	md_headings out.md >headings &&
	grep -q "^# Personakt" headings &&
	! grep "Ingen rubrik\|Planens framtagande\|Så här" headings
'

test_expect_success 'the verification block: count, head hash, format, result' '
	head=$(sqlite3 "$SOCDOK_DB" "SELECT hash FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1") &&
	sed -n "/^## Verifiering/,\$p" out.md | sed -n "3,6p" |
		sed "s/exporten:\*\* [0-9-]* [0-9:]*:/exporten:** T:/" >got &&
	cat >expect <<-EOF &&
	**Antal anteckningar i akten:** 5\\
	**Kedjans sista hash:** \`$head\`\\
	**Hashformat:** socdok-note-v1 (version 1)\\
	**Verifierad vid exporten:** T: kedjan är obruten, ingen anteckning är ändrad eller borttagen.
	EOF
	test_cmp expect got
'

test_expect_success '--since/--until select notes by event date, a correction stays with its note' '
	SOCDOK_USER=sara akt-export 1 --since 2026-01-13 --until 2026-01-31 >sel.md &&
	grep "^###* .*anteckning [0-9]*$" sel.md >got &&
	cat >expect <<-\EOF &&
	### 2026-01-14 · kontakt · anteckning 3
	#### Rättelse av anteckning 3 · 2026-02-01 · anteckning 4
	EOF
	test_cmp expect got &&
	grep -F "**Urval:** anteckningar med händelsedatum från och med 2026-01-13 till och med 2026-01-31" sel.md &&
	grep -F "**Antal anteckningar i akten:** 5 (i detta utdrag: 2)" sel.md
'

test_expect_success 'a correction whose note is outside the selection stands alone and names it' '
	SOCDOK_USER=sara akt-export 1 --since 2026-01-20 --until 2026-02-10 >sel.md &&
	md_headings sel.md | grep "anteckning [0-9]*$" >got &&
	echo "### 2026-02-01 · rättelse · anteckning 4" >expect &&
	test_cmp expect got &&
	grep -F "Rättelse av anteckning 3 (2026-01-14), som inte ingår i detta urval." sel.md &&
	contains sel.md note-4.txt
'

test_expect_success 'a closed akt is exported by its id' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-28'\'' WHERE id = 2" &&
	SOCDOK_USER=sara akt-export 2 >closed.md &&
	grep -F "**Akt:** 2, öppnad 2026-01-05, avslutad 2026-02-28" closed.md
'

test_expect_success '--since shows the plans in force during the period only' '
	SOCDOK_USER=sara akt-export 1 --since 2026-02-16 >sel.md &&
	grep "^### Version" sel.md >got &&
	echo "### Version 2 · 2026-02-15 · gällande" >expect &&
	test_cmp expect got
'

test_expect_success '--only journal and --only gp' '
	SOCDOK_USER=sara akt-export 1 --only journal >j.md &&
	md_headings j.md | grep "^## " >got &&
	printf "## Journal\n## Verifiering\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-export 1 --only gp >g.md &&
	md_headings g.md | grep "^## " >got &&
	printf "## Genomförandeplaner\n## Verifiering\n" >expect &&
	test_cmp expect got
'

test_expect_success 'an akt without notes or plans says so' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19700101 002)" --name "Tom, Tyra" \
		--unit "Hemtjänst Norr" --opened 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara akt-export 4 >empty.md &&
	grep -F "Journalen har inga anteckningar." empty.md &&
	grep -F "Ingen genomförandeplan är upprättad." empty.md &&
	grep -F "Inga insatser är registrerade." empty.md &&
	grep -F "**Antal anteckningar i akten:** 0" empty.md &&
	grep -F "0000000000000000000000000000000000000000000000000000000000000000" empty.md
'

test_expect_success 'a changed note shows as a broken chain in the export' '
	cp "$SOCDOK_DB" saved.db &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER note_no_update;
		UPDATE note SET body = replace(body, \"Märta\", \"Marta\") WHERE akt_id = 1 AND seq = 3" &&
	SOCDOK_USER=sara akt-export 1 >broken.md &&
	grep -F "**KEDJAN ÄR BRUTEN** vid anteckning 3: its content hashes to" broken.md &&
	cp saved.db "$SOCDOK_DB"
'

test_done
