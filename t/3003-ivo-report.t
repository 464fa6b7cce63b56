#!/bin/sh
# ivo-report: a quarter with carried-out, still-waiting and interrupted
# decisions; pseudonyms where the format leaves the unit.
# (Interruptions are recorded with sqlite3 until a program records them.)
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
	sqlite3 "$SOCDOK_DB" "INSERT INTO fact(akt_id, insats_id, kind, fdate, reason, recorded_at, recorded_by) VALUES (2, 5, '\''avbrott'\'', '\''2025-12-01'\'', '\''sjukhusvistelse'\'', '\''2025-12-01T00:00:00Z'\'', 1)"
'

test_expect_success 'text: waiting, carried out in the quarter, interrupted' '
	ivo-report --quarter 2026Q1 | cut -c1-200 >out &&
	awk -F "  +" "NR > 1 { print \$1, \$5, \$6, \$8, \$9, \$10 }" out >got &&
	cat >expect <<-EOF &&
	$P2 avbrott 5 2025-05-01 2025-12-01 120
	$P1 ej-verkstallt 2 2025-09-15 2025-09-15 148
	$P1 ej-verkstallt 1 2025-10-01 2025-10-01 181
	EOF
	sort expect >e && sort got >g && test_cmp e g &&
	grep "2026-02-10" out | grep -q trygghetslarm &&
	grep -q "LSS 28 f §" out
'

test_expect_success 'carried out in an earlier quarter: reported there, not after' '
	ivo-report --quarter 2025Q4 --format csv >q4.csv &&
	python3 -c "
import csv
rows = list(csv.DictReader(open(\"q4.csv\", encoding=\"utf-8\")))
got = sorted((r[\"insats\"], r[\"carried_out\"]) for r in rows)
assert (\"3\", \"2025-11-01\") in got, got
assert (\"2\", \"\") in got, got
" &&
	ivo-report --quarter 2026Q1 --format csv | grep -c ",\"3\"," | grep -q "^0$"
'

test_expect_success 'json: pseudonyms, stable, never the personnummer or name' '
	ivo-report --quarter 2026Q1 --format json >a.json &&
	ivo-report --quarter 2026Q1 --format json >b.json &&
	test_cmp a.json b.json &&
	jq -e "length == 3" a.json &&
	jq -r ".[].person" a.json | sort -u >p && test "$(wc -l <p)" = 2 &&
	! grep -e "19450312" -e "Åberg" a.json
'

test_expect_success 'a bad quarter is refused' '
	test_refused 64 "bad quarter '\''2026Q5'\''; write it as YYYYQn" \
		ivo-report --quarter 2026Q5
'

test_done
