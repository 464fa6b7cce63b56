#!/bin/sh
# journal-lint: the documentation rules of seeds 002 and 004, each
# warning naming the rule, the word and its line:column; the lists are
# plain files a unit edits.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
P3=$(t_pnr 19500505 789)

test_expect_success 'set up: three persons' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P3" --name "von Essen, Karl Gustav" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null
'

test_expect_success 'a clean note: no output, exit 0' '
	echo "Åsa gick till affären och köpte mjölk. Hon bar hem kassen själv." >clean &&
	SOCDOK_USER=sara journal-lint clean >out &&
	test ! -s out
'

test_expect_success 'a value word: rule, word, line:column counted in characters' '
	printf "Åsa åt frukost.\nÄven idag var Åsa väldigt lat.\n" >t1 &&
	echo "t1:2:27: vardeord '\''lat'\'': a value-laden word; beskriv vad personen gjorde eller inte gjorde" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t1 >out &&
	test_cmp expect out
'

test_expect_success 'value words: any case, inflections by prefix, whole words only' '
	printf "Hon var AGGRESSIVT högljudd.\nBesvärliga dagar.\nHon drack latte i platt glas.\n" >t2 &&
	cat >expect <<-\EOF &&
	<stdin>:1:9: vardeord '\''AGGRESSIVT'\'': a value-laden word; beskriv vad personen gjorde och sa, till exempel "höjde rösten och slog i bordet"
	<stdin>:2:1: vardeord '\''Besvärliga'\'': a value-laden word; beskriv vad som hände och vad som sades
	EOF
	test_must_fail 1 env SOCDOK_USER=sara journal-lint - <t2 >out &&
	test_cmp expect out
'

test_expect_success 'an internal abbreviation, with what to write' '
	printf "Samtal med KP och\nhandläggaren om gp.\n" >t3 &&
	cat >expect <<-\EOF &&
	<stdin>:1:12: forkortning '\''KP'\'': an internal abbreviation; write "kontaktperson"
	<stdin>:2:17: forkortning '\''gp'\'': an internal abbreviation; write "genomförandeplan"
	EOF
	test_must_fail 1 env SOCDOK_USER=sara journal-lint <t3 >out &&
	test_cmp expect out
'

test_expect_success 'another client: first and last name, either order, any case' '
	printf "Örjan Öberg kom på besök.\nSedan ringde ÖBERG, ÖRJAN igen.\nöberg örjan.\n" >t4 &&
	cat >expect <<-\EOF &&
	t4:1:1: annan-kund '\''Örjan Öberg'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	t4:2:14: annan-kund '\''ÖBERG, ÖRJAN'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	t4:3:1: annan-kund '\''öberg örjan'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	EOF
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t4 >out &&
	test_cmp expect out
'

test_expect_success 'a first name alone, or names in two sentences, are no client name' '
	printf "Örjan ringde. Öberg är ett vanligt namn.\nEn man som hette Örjan. Öberg var hans efternamn.\n" >t5 &&
	SOCDOK_USER=sara journal-lint t5 >out &&
	test ! -s out
'

test_expect_success 'a last name of several words, with any of the first names' '
	echo "Vi mötte Gustav von Essen i trapphuset." >t6 &&
	echo "t6:1:10: annan-kund '\''Gustav von Essen'\'': the name of another client; never write other clients'\'' names in a journal (write \"en annan kund\")" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t6 >out &&
	test_cmp expect out
'

test_expect_success 'with --akt the person of the akt is no other client' '
	echo "Åsa Åberg och Örjan Öberg fikade." >t7 &&
	SOCDOK_USER=sara journal-lint t7 --akt 1 >out
	test $? = 1 &&
	grep -c annan-kund out >n && echo 1 >expect && test_cmp expect n &&
	grep -q "1:15: annan-kund '\''Örjan Öberg'\''" out
'

test_expect_success 'a long sentence: where it starts, its first words' '
	printf "Kort mening.\n  Åsa gick ut och sedan gick hon till affären och sedan köpte hon mjölk och bröd och sedan gick hon hem igen och sedan satte hon sig och drack kaffe.\n" >t8 &&
	echo "t8:2:3: lang-mening '\''Åsa gick ut och sedan…'\'': a sentence of 30 words (more than 25); write shorter sentences" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t8 >out &&
	test_cmp expect out
'

test_expect_success '--max-words sets the threshold; so does the share file' '
	echo "Ett två tre fyra fem sex." >t9 &&
	SOCDOK_USER=sara journal-lint t9 >out && test ! -s out &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t9 --max-words 5 >out &&
	grep -q "t9:1:1: lang-mening '\''Ett två tre fyra fem…'\'': a sentence of 6 words (more than 5)" out &&
	mkdir share && cp -r "$T_TOP/share/." share/ &&
	echo 4 >share/meningslangd.txt &&
	test_must_fail 1 env SOCDOK_SHARE=$PWD/share SOCDOK_USER=sara journal-lint t9 >out &&
	grep -q "more than 4" out
'

test_expect_success 'list items, headings and blank lines end sentences' '
	printf "# Rubrik ett två tre\n- ett två tre fyra\n- fem sex sju åtta\n\nnio tio elva tolv\n" >t10 &&
	SOCDOK_USER=sara journal-lint t10 --max-words 4 >out &&
	test ! -s out
'

test_expect_success 'a note with no words is empty of content' '
	printf "\n  ...\n" >t11 &&
	echo "t11:2:3: tom-anteckning '\''...'\'': the note says nothing about what happened; write what was seen, what was done and the result, or write no note" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t11 >out &&
	test_cmp expect out
'

test_expect_success 'a note that is only "allt som vanligt" is empty of content' '
	echo "Allt som vanligt!" >t12 &&
	echo "t12:1:1: tom-anteckning '\''Allt som vanligt'\'': the note says nothing about what happened; write what was seen, what was done and the result, or write no note" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t12 >out &&
	test_cmp expect out &&
	echo "Allt som vanligt. Åsa fyllde år och fick blommor." >t13 &&
	SOCDOK_USER=sara journal-lint t13 >out && test ! -s out
'

test_expect_success 'several warnings come in order of place' '
	printf "KP sa att Åsa var lat.\nÖrjan Öberg ringde.\n" >t14 &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t14 >out &&
	cut -d" " -f1,2 out >got &&
	printf "t14:1:1: forkortning\nt14:1:19: vardeord\nt14:2:1: annan-kund\n" >expect &&
	test_cmp expect got
'

test_expect_success 'columns count characters: emoji and letters with accents' '
	printf "😀 é lat\n" >t15 &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t15 >out &&
	grep -q "^t15:1:5: vardeord '\''lat'\''" out
'

test_expect_success 'the lists are data: a unit adds its own words' '
	echo 25 >share/meningslangd.txt &&
	echo "snäll* = beskriv vad personen gjorde" >>share/vardeord.txt &&
	echo "LSS-hl = LSS-handläggare" >>share/forkortningar.txt &&
	echo "Snälla Åsa ringde sin LSS-hl." >t16 &&
	test_must_fail 1 env SOCDOK_SHARE=$PWD/share SOCDOK_USER=sara journal-lint t16 >out &&
	cat >expect <<-\EOF &&
	t16:1:1: vardeord '\''Snälla'\'': a value-laden word; beskriv vad personen gjorde
	t16:1:23: forkortning '\''LSS-hl'\'': an internal abbreviation; write "LSS-handläggare"
	EOF
	test_cmp expect out
'

test_expect_success 'text that is not UTF-8 is refused (65); a missing file 66' '
	printf "lat \344\n" >latin1 &&
	test_must_fail 65 env SOCDOK_USER=sara journal-lint latin1 2>err &&
	grep -q "not valid UTF-8" err &&
	test_must_fail 66 env SOCDOK_USER=sara journal-lint nofile 2>err &&
	grep -q "cannot open '\''nofile'\''" err
'

test_expect_success 'bad --max-words is a usage error' '
	test_must_fail 64 env SOCDOK_USER=sara journal-lint t1 --max-words 0
'

test_expect_success 'a client added after notes were linted is found too (name keys, 0120)' '
	echo "Vi mötte Märta Ek i hallen." >t20 &&
	SOCDOK_USER=sara journal-lint t20 >out &&
	test ! -s out &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19600606 246)" --name "Ek, Märta Lisa" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	echo "t20:1:10: annan-kund '\''Märta Ek'\'': the name of another client; never write other clients'\'' names in a journal (write \"en annan kund\")" >expect &&
	test_must_fail 1 env SOCDOK_USER=olle journal-lint t20 >out &&
	test_cmp expect out &&
	sqlite3 "$SOCDOK_DB" "SELECT key FROM person_name_key k JOIN person p ON p.id = k.person_id WHERE p.name = '\''Ek, Märta Lisa'\'' ORDER BY key" >got &&
	printf "ek lisa\nek märta\nlisa ek\nmärta ek\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a renamed client is found by the new name, not the old' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19600606 246)" --name "Ek, Märta Stina" \
		--unit "Hemtjänst Norr" --opened 2026-01-20 >/dev/null &&
	echo "Stina Ek och Lisa Ek." >t21 &&
	echo "t21:1:1: annan-kund '\''Stina Ek'\'': the name of another client; never write other clients'\'' names in a journal (write \"en annan kund\")" >expect &&
	test_must_fail 1 env SOCDOK_USER=sara journal-lint t21 >out &&
	test_cmp expect out
'

test_expect_success 'a client of another unit is never named to the writer' '
	echo "Lars Lind kom förbi." >t30 &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19550505 135)" --name "Lind, Lars" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-lint t30 >out &&
	test ! -s out &&
	SOCDOK_USER=sara journal-add 1 -m "Lars Lind kom förbi." >/dev/null \
		2>err &&
	! grep -e Lind -e annan-kund err &&
	test_must_fail 1 env SOCDOK_USER=olle journal-lint t30 >out &&
	grep -q "annan-kund '\''Lars Lind'\''" out &&
	test_must_fail 1 env SOCDOK_USER=admin journal-lint t30 >out &&
	grep -q "annan-kund '\''Lars Lind'\''" out
'

test_expect_success 'a protected identity is named only to those who may open it' '
	SOCDOK_USER=karin akt-protect 2 --reason "Sekretessmarkering" &&
	echo "Örjan Öberg ringde." >t31 &&
	SOCDOK_USER=erik journal-lint t31 >out &&
	test ! -s out &&
	SOCDOK_USER=erik journal-add 1 -m "Örjan Öberg ringde." >/dev/null \
		2>err &&
	! grep -e Öberg -e annan-kund err &&
	test_must_fail 1 env SOCDOK_USER=karin journal-lint t31 >out &&
	grep -q "annan-kund '\''Örjan Öberg'\''" out &&
	test_must_fail 1 env SOCDOK_USER=admin journal-lint t31 >out &&
	grep -q "annan-kund '\''Örjan Öberg'\''" out
'

test_done
