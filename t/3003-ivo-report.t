#!/bin/sh
# ivo-report: a quarter with carried-out, still-waiting and interrupted
# decisions; pseudonyms where the format leaves the unit.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Berg, Bo" --unit "Hemtjänst Norr" \
		--regime LSS --opened 2025-01-02 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2025-09-15 >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-02-10 &&
	SOCDOK_USER=sara insats-add 2 --kind ledsagning --decided 2025-06-01 >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2025-11-01 &&
	SOCDOK_USER=sara insats-add 2 --kind korttidsvistelse --decided 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind avlösarservice --decided 2025-05-01 >/dev/null &&
	SOCDOK_USER=sara insats-start 5 --date 2025-06-01 &&
	SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-avbrott 5 --date 2025-12-01 \
		-m "Sjukhusvistelse, personalbrist vid hemkomsten"
'

test_expect_success 'text: waiting, carried out in the quarter, interrupted' '
	ivo-report --quarter 2026Q1 >out &&
	awk -F "  +" "NR > 1 { print \$1, \$5, \$6, \$8, \$9, \$10 }" out >got &&
	cat >expect <<-EOF &&
	$P2 avbrott 5 2025-05-01 2025-12-01 120
	$P1 ej-verkstallt 2 2025-09-15 2025-09-15 148
	$P1 ej-verkstallt 1 2025-10-01 2025-10-01 181
	EOF
	sort expect >e && sort got >g && test_cmp e g &&
	grep "2026-02-10" out | grep -q trygghetslarm &&
	grep -q "LSS (1993:387) 28 f §" out &&
	grep "ej-verkstallt" out | grep -q "SoL (2025:400) .*(tidigare 16 kap. 6 f §)"
'

test_expect_success 'carried out in an earlier quarter: reported there, not after' '
	ivo-report --quarter 2025Q4 --format csv >q4.csv &&
	python3 -c "
import csv
rows = list(csv.DictReader(open(\"q4.csv\", encoding=\"utf-8\")))
got = sorted((r[\"insats\"], r[\"verkställt\"]) for r in rows)
assert (\"3\", \"2025-11-01\") in got, got
assert (\"2\", \"\") in got, got
" &&
	ivo-report --quarter 2026Q1 --format csv | grep -c ",\"3\"," | grep -q "^0$"
'

test_expect_success 'json: the person as IVO asks (ÅÅÅÅMMDD-T and three digits, gender by parity), stable, never the personnummer or name' '
	ivo-report --quarter 2026Q1 --format json >a.json &&
	ivo-report --quarter 2026Q1 --format json >b.json &&
	test_cmp a.json b.json &&
	jq -e "length == 3" a.json &&
	jq -r ".[].individ" a.json | sort -u >p && test "$(wc -l <p)" = 2 &&
	grep -q "^19450312-T[0-9][0-9][13579]\$" p &&
	grep -q "^19380101-T[0-9][0-9][02468]\$" p &&
	jq -r ".[] | [.individ[0:8], .[\"födelsedatum\"], .[\"kön\"]] | @tsv" a.json | sort -u >got &&
	printf "19380101\t19380101\tkvinna\n19450312\t19450312\tman\n" >expect &&
	test_cmp expect got &&
	! grep -e "19450312-$(echo $P1 | cut -c10-)" -e "Åberg" a.json
'

test_expect_success 'the reason noted in the journal is shown' '
	ivo-report --quarter 2026Q1 | grep avbrott | grep -q "Sjukhusvistelse, personalbrist"
'

test_expect_success 'the reason a beslut waits, from a journal note (sökord ej-verkställt)' '
	SOCDOK_USER=sara journal-add 1 --category ej-verkställt --event-date 2026-03-01 \
		-m "Ingen ledig plats i hemtjänstgruppen förrän i april." >/dev/null &&
	ivo-report --quarter 2026Q1 >out &&
	grep "hemtjänst" out | grep -q "Ingen ledig plats" &&
	ivo-report --quarter 2025Q4 >old &&
	grep -q trygghetslarm old && ! grep -q "Ingen ledig plats" old
'

test_expect_success 'resumed: reported once more, with the date, then no more' '
	SOCDOK_TODAY=2026-04-20 SOCDOK_USER=sara insats-avbrott 5 --resumed --date 2026-04-20 &&
	ivo-report --quarter 2026Q2 --format csv >q2.csv &&
	grep "\"avbrott\"" q2.csv | grep -q "\"2026-04-20\"" &&
	ivo-report --quarter 2026Q3 --format csv | grep -c "\"avbrott\"" | grep -q "^0$" &&
	sqlite3 "$SOCDOK_DB" "SELECT category, body FROM note WHERE akt_id = 2 ORDER BY seq DESC LIMIT 1" >got &&
	echo "påbörjad-insats|Verkställigheten av insatsen avlösarservice (insats 5) återupptogs 2026-04-20 efter avbrott sedan 2025-12-01." >expect &&
	test_cmp expect got
'

test_expect_success 'insats-avbrott refusals change nothing' '
	test_refused 64 "say why the insats is interrupted with -m REASON" \
		env SOCDOK_USER=sara insats-avbrott 5 &&
	test_refused 65 "insats 1 is not running" \
		env SOCDOK_USER=sara insats-avbrott 1 -m x &&
	test_refused 65 "insats 2 is not interrupted; nothing to resume" \
		env SOCDOK_USER=sara insats-avbrott 2 --resumed &&
	SOCDOK_USER=sara insats-avbrott 2 --date 2026-03-01 -m "Vistelse hos dottern" &&
	test_refused 65 "insats 2 is already interrupted since 2026-03-01" \
		env SOCDOK_USER=sara insats-avbrott 2 -m y &&
	test_refused 65 "resumption 2026-02-27 is before the interruption (2026-03-01)" \
		env SOCDOK_USER=sara insats-avbrott 2 --resumed --date 2026-02-27 &&
	test_refused 77 "an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv insats-avbrott 2 --resumed
'

test_expect_success 'a closed akt: reported in the quarter it closed, not after' '
	SOCDOK_TODAY=2026-05-05 SOCDOK_USER=sara akt-close 1 --date 2026-05-05 \
		--end-insatser >/dev/null &&
	ivo-report --quarter 2026Q2 --format csv | grep -c "\"ej-verkstallt\",\"1\"" | grep -q "^1$" &&
	ivo-report --quarter 2026Q3 --format csv | grep -c "\"ej-verkstallt\",\"1\"" | grep -q "^0$"
'

test_expect_success 'a bad quarter is refused' '
	test_refused 64 "bad quarter '\''2026Q5'\''; write it as YYYYQn" \
		ivo-report --quarter 2026Q5
'

test_done
