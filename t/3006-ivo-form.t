#!/bin/sh
# ivo-report: IVO's individrapport (--format csv/tsv/json, its fields in
# Swedish), a beslut ended without being carried out (insats-cancel)
# reported once more with the ending date and the reason and then never
# again, the dates of offers and of the person declining, the
# statistics report (--statistik) and a private provider's notice to the
# beställande nämnd.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: beslut waiting, ended without being carried out, on and after the deadline' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Berg, Bo" --unit "Hemtjänst Norr" \
		--regime LSS --opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind ledsagning --decided 2025-12-10 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind korttidsvistelse --decided 2025-12-10 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2024-12-01 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category erbjudande --event-date 2025-11-03 \
		-m "Erbjöds hemtjänst från den 10 november." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 --category erbjudande-avböjt --event-date 2025-12-01 \
		-m "Tackade nej till erbjuden hemtjänst." >/dev/null &&
	SOCDOK_TODAY=2026-04-15 SOCDOK_USER=sara insats-cancel 1 --date 2026-04-15 \
		--reason avliden -m "Dödsfall." &&
	SOCDOK_TODAY=2026-03-10 SOCDOK_USER=sara insats-cancel 2 --date 2026-03-10 \
		--reason återkallat -m "Beslutet återkallades på dagen för fristen." &&
	SOCDOK_TODAY=2026-03-11 SOCDOK_USER=sara insats-cancel 3 --date 2026-03-11 \
		--reason avböjt -m "Ansökan återtogs."
'

test_expect_success 'the form: one row per insats, IVO'\''s fields in Swedish' '
	ivo-report --quarter 2026Q1 --format csv >q1.csv &&
	head -1 q1.csv | tr -d "\r" >got &&
	echo "\"individ\",\"födelsedatum\",\"kön\",\"lag\",\"lagrum\",\"ärende\",\"insats\",\"insatstyp\",\"beslutsdatum\",\"erbjudet\",\"tackat_nej\",\"avbrottsdatum\",\"verkställt\",\"avslutat\",\"avslutsorsak\",\"dagar\",\"skäl\"" >expect &&
	test_cmp expect got &&
	python3 - <<-\PY
	import csv
	rows = {r["insats"]: r for r in csv.DictReader(open("q1.csv", encoding="utf-8"))}
	assert sorted(rows) == ["1", "3", "4"], sorted(rows)
	h = rows["1"]
	assert h["individ"].startswith("19450312-T") and len(h["individ"]) == 13, h
	assert h["födelsedatum"] == "19450312" and h["kön"] == "man", h
	assert h["lag"] == "SoL" and h["lagrum"] == "SoL (2025:400) ej verifierat (tidigare 16 kap. 6 f §)", h
	assert h["beslutsdatum"] == "2025-10-01" and h["insatstyp"] == "hemtjänst", h
	assert h["erbjudet"] == "2025-11-03 2025-12-01" and h["tackat_nej"] == "2025-12-01", h
	assert h["avslutat"] == "" and h["dagar"] == "181", h
	k = rows["3"]
	assert k["lagrum"] == "LSS (1993:387) 28 f §" and k["kön"] == "kvinna", k
	assert k["avslutat"] == "2026-03-11" and k["avslutsorsak"] == "avböjt: Ansökan återtogs.", k
	assert k["dagar"] == "91", k
	assert "Berg" not in open("q1.csv", encoding="utf-8").read()
	PY
'

test_expect_success 'ended on its deadline: never reported; the day after: reported once, with the date and why' '
	for q in 2025Q4 2026Q1 2026Q2 2026Q3; do
		ivo-report --quarter $q --format tsv >$q.tsv || return 1
	done &&
	! grep -q "	ledsagning	" 2025Q4.tsv 2026Q1.tsv 2026Q2.tsv 2026Q3.tsv &&
	grep -c "	korttidsvistelse	" 2026Q1.tsv 2026Q2.tsv 2026Q3.tsv >got &&
	printf "2026Q1.tsv:1\n2026Q2.tsv:0\n2026Q3.tsv:0\n" >expect && test_cmp expect got
'

test_expect_success 'withdrawn after being reported: Q1 waiting, Q2 once more with the ending date and reason, Q3 never' '
	awk -F"\t" "\$7 == 1 { print \$14, \$15, \$16 }" 2025Q4.tsv 2026Q1.tsv >got &&
	echo "  181" >expect && test_cmp expect got &&
	awk -F"\t" "\$7 == 1 { print \$14 \"|\" \$15 \"|\" \$16 }" 2026Q2.tsv >got &&
	echo "2026-04-15|avliden: Dödsfall.|196" >expect && test_cmp expect got &&
	! awk -F"\t" "\$7 == 1" 2026Q3.tsv | grep -q . &&
	ivo-report --quarter 2026Q2 >text &&
	grep "hemtjänst" text | grep -q "2026-04-15  avliden: Dödsfall."
'

test_expect_success 'the person keeps the number every quarter' '
	cut -f1 2026Q1.tsv | sed -n "/^19450312/p" | sort -u >a &&
	cut -f1 2026Q2.tsv | sed -n "/^19450312/p" | sort -u >b &&
	test_cmp a b && test "$(wc -l <a)" = 1
'

test_expect_success 'interruption: its date in avbrottsdatum' '
	SOCDOK_TODAY=2026-01-05 SOCDOK_USER=sara insats-add 2 --kind avlösarservice \
		--decided 2025-05-01 >id-a &&
	SOCDOK_TODAY=2026-01-05 SOCDOK_USER=sara insats-start "$(cat id-a)" --date 2025-06-01 &&
	SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-avbrott "$(cat id-a)" --date 2025-12-01 -m "Personalbrist" &&
	ivo-report --quarter 2026Q1 --format csv >q1b.csv &&
	python3 - "$(cat id-a)" <<-\PY
	import csv, sys
	r = [r for r in csv.DictReader(open("q1b.csv", encoding="utf-8")) if r["insats"] == sys.argv[1]]
	assert len(r) == 1 and r[0]["ärende"] == "avbrott" and r[0]["avbrottsdatum"] == "2025-12-01", r
	assert r[0]["skäl"] == "Personalbrist" and r[0]["dagar"] == "120", r
	PY
'

test_expect_success '--statistik: anonymised counts by law, kind, months waited, women and men' '
	ivo-report --quarter 2026Q1 --statistik --format tsv >stat.tsv &&
	cat >expect <<-\EOF &&
	regime	case	kind	months_waited	women	men	total
	LSS	avbrott	avlösarservice	3-6	1	0	1
	LSS	ej-verkstallt	korttidsvistelse	3-6	1	0	1
	SoL	ej-verkstallt	hemtjänst	3-6	0	1	1
	SoL	ej-verkstallt	trygghetslarm	>12	0	1	1
	EOF
	test_cmp expect stat.tsv &&
	ivo-report --quarter 2026Q1 --statistik >stat.txt &&
	! grep -e "Åberg" -e "19450312" -e "Berg" stat.tsv stat.txt &&
	LANGUAGE=sv ivo-report --quarter 2026Q1 --statistik | head -1 | grep -q "kvinnor"
'

test_expect_success 'months waited until carried out: 6 months is 3-6, a day more 6-12; 12 months is 6-12, a day more >12' '
	SOCDOK_TODAY=2026-01-05 SOCDOK_USER=sara akt-new "$(t_pnr 19500505 222)" --name "Cedervall, Cecilia" \
		--unit "Hemtjänst Norr" --opened 2025-01-02 >/dev/null &&
	a=3 &&
	for p in 2025-09-15:2026-03-15 2025-09-15:2026-03-16 2025-03-15:2026-03-15 2025-03-15:2026-03-16; do
		SOCDOK_TODAY=2026-01-05 SOCDOK_USER=sara insats-add "$a" --kind boendestöd \
			--decided ${p%:*} >id &&
		SOCDOK_TODAY=2026-03-20 SOCDOK_USER=sara insats-start "$(cat id)" --date ${p#*:} || return 1
	done &&
	ivo-report --quarter 2026Q1 --statistik --format tsv | grep "boendestöd" | cut -f4,5 >got &&
	printf "3-6\t1\n6-12\t2\n>12\t1\n" >expect && test_cmp expect got
'

test_expect_success 'refused: a format ivo-report does not write' '
	test_refused 64 "ids" ivo-report --quarter 2026Q1 --format ids
'

test_expect_success 'private provider: the text is a notice to the beställande nämnd; the form the same' '
	E=$PWD/enskild.db &&
	SOCDOK_DB=$E socdok-init --provider enskild 2>/dev/null &&
	SOCDOK_DB=$E staff-add sara --name Sara --title usk --unit U --role samordnare &&
	SOCDOK_DB=$E SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit U --opened 2026-01-02 >/dev/null &&
	SOCDOK_DB=$E SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 >/dev/null &&
	SOCDOK_DB=$E ivo-report --quarter 2026Q2 >n.txt &&
	head -1 n.txt >got &&
	echo "To the beställande nämnd: beslut not carried out within three months, for the nämnd'\''s report to IVO (2026Q2)" >expect &&
	test_cmp expect got &&
	SOCDOK_DB=$E LANGUAGE=sv ivo-report --quarter 2026Q2 | head -1 | grep -q "^Till beställande nämnd" &&
	SOCDOK_DB=$E ivo-report --quarter 2026Q2 --format csv | grep -q "\"ej-verkstallt\",\"1\",\"hemtjänst\",\"2026-01-10\"" &&
	SOCDOK_DB=$E ivo-report --quarter 2026Q1 >none && test ! -s none
'

test_done
