#!/bin/sh
# ivo-report and followup-due share one definition of a beslut not carried
# out in time: calendar months from the beslut, never moved to a working
# day (SoL 2025:400, tidigare 16 kap. 6 f §; LSS 28 f §).  Every beslut
# day of 2025-2027 is walked; interruptions are reported only when not
# resumed within the same three months (89/90/91 days); bostad med
# särskild service is left out by its flag in share/insatser.txt; a
# private provider's item is a notice to the beställande nämnd.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: an insats for every beslut day 2025-2027, unstarted, started on the deadline, the day after' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2024-12-01 >/dev/null &&
	python3 - "$P1" >ins.tsv <<-\PY &&
	import sys, datetime, calendar
	def addm(d, m):
	    y, mo = divmod(d.month - 1 + m, 12)
	    y += d.year; mo += 1
	    return datetime.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))
	print("pnr\tkind\tdecided\tstarted")
	d = datetime.date(2025, 1, 1)
	while d.year < 2028:
	    dl = addm(d, 3)
	    print("%s\themtjänst\t%s\t" % (sys.argv[1], d))
	    print("%s\themtjänst\t%s\t%s" % (sys.argv[1], d, dl))
	    print("%s\themtjänst\t%s\t%s" % (sys.argv[1], d, dl + datetime.timedelta(1)))
	    d += datetime.timedelta(1)
	PY
	SOCDOK_TODAY=2028-12-31 SOCDOK_USER=admin socdok-import insatser ins.tsv 2>err &&
	{ grep "3285 insatser rows imported" err || { sqlite3 "$SOCDOK_DB" "SELECT decided, count(*) FROM insats GROUP BY decided HAVING count(*) <> 3" >&2; false; }; }
'

test_expect_success 'followup-due: the deadline is beslut + 3 calendar months, never moved' '
	followup-due --as-of 2028-12-31 --within 0 --rule ej-verkstallt --format tsv >due.tsv &&
	python3 - <<-\PY
	import csv, datetime, calendar
	def addm(d, m):
	    y, mo = divmod(d.month - 1 + m, 12)
	    y += d.year; mo += 1
	    return datetime.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))
	rows = list(csv.DictReader(open("due.tsv", encoding="utf-8"), delimiter="\t"))
	assert len(rows) == 1095, len(rows)
	for r in rows:
	    b = datetime.date.fromisoformat(r["since"] if "since" in r else r["base"])
	    assert r["due"] == str(addm(b, 3)), r
	PY
'

test_expect_success 'ivo-report agrees with followup-due on every day, every quarter' '
	for q in 2025Q1 2025Q2 2025Q3 2025Q4 2026Q1 2026Q2 2026Q3 2026Q4 \
		2027Q1 2027Q2 2027Q3 2027Q4 2028Q1 2028Q2; do
		ivo-report --quarter $q --format csv >ivo-$q.csv || return 1
	done &&
	python3 - <<-\PY
	import csv, datetime
	due = {}
	for r in csv.DictReader(open("due.tsv", encoding="utf-8"), delimiter="\t"):
	    due[r["since"] if "since" in r else r["base"]] = r["due"]
	ins = list(csv.DictReader(open("ins.tsv", encoding="utf-8"), delimiter="\t"))
	bad = 0
	for y in (2025, 2026, 2027, 2028):
	    for n in range(1, 5):
	        q = "%dQ%d" % (y, n)
	        try:
	            f = open("ivo-%s.csv" % q, encoding="utf-8")
	        except FileNotFoundError:
	            continue
	        got = sorted(int(r["insats"]) for r in csv.DictReader(f))
	        qs = datetime.date(y, 3 * n - 2, 1).isoformat()
	        qe = (datetime.date(y + (n == 4), (3 * n) % 12 + 1, 1) - datetime.timedelta(1)).isoformat()
	        want = []
	        for i, r in enumerate(ins, 1):
	            dl, s = due[r["decided"]], r["started"] or None
	            if dl <= qe and (s is None or s > qe or (s >= qs and s > dl)):
	                want.append(i)
	        if got != want:
	            bad += 1
	            print(q, "extra", sorted(set(got) - set(want))[:5], "missing", sorted(set(want) - set(got))[:5])
	assert not bad
	PY
'

test_expect_success 'a beslut of 2025-10-01 started 2026-01-02 is late in both (not moved past nyårsdagen)' '
	python3 - <<-\PY &&
	import csv
	ins = list(csv.DictReader(open("ins.tsv", encoding="utf-8"), delimiter="\t"))
	i = [n for n, r in enumerate(ins, 1) if r["decided"] == "2025-10-01" and r["started"] == "2026-01-02"][0]
	rows = [r for r in csv.DictReader(open("ivo-2026Q1.csv", encoding="utf-8")) if r["insats"] == str(i)]
	assert len(rows) == 1 and rows[0]["verkställt"] == "2026-01-02", rows
	PY
	awk -F"\t" "\$8 == \"2025-10-01\" { print \$9 }" due.tsv >got &&
	echo 2026-01-01 >expect && test_cmp expect got
'

test_expect_success 'interruptions: reported only when not resumed within three months (89/90/91 days)' '
	for n in 89 90 91; do
		SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-add 1 --kind boendestöd \
			--decided 2025-11-20 >id-$n &&
		SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-start "$(cat id-$n)" --date 2025-12-01 &&
		SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara insats-avbrott "$(cat id-$n)" \
			--date 2026-01-10 -m "Sjukhusvistelse" &&
		r=$(date -d "2026-01-10 + $n days" +%F) &&
		SOCDOK_TODAY=$r SOCDOK_USER=sara insats-avbrott "$(cat id-$n)" --resumed --date "$r" ||
		return 1
	done &&
	ivo-report --quarter 2026Q1 --format csv | grep -c "\"avbrott\"" | grep -q "^0$" &&
	ivo-report --quarter 2026Q2 --format csv | grep "\"avbrott\"" | cut -d, -f7 >got &&
	echo "\"$(cat id-91)\"" >expect && test_cmp expect got &&
	ivo-report --quarter 2026Q3 --format csv | grep -c "\"avbrott\"" | grep -q "^0$"
'

test_expect_success 'an interruption from 2026-03-10 resumed 2026-04-01 is never reported' '
	SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-add 1 --kind ledsagning \
		--decided 2025-11-20 >id-x &&
	SOCDOK_TODAY=2025-12-01 SOCDOK_USER=sara insats-start "$(cat id-x)" --date 2025-12-01 &&
	SOCDOK_TODAY=2026-03-10 SOCDOK_USER=sara insats-avbrott "$(cat id-x)" --date 2026-03-10 -m "Resa" &&
	SOCDOK_TODAY=2026-04-01 SOCDOK_USER=sara insats-avbrott "$(cat id-x)" --resumed --date 2026-04-01 &&
	for q in 2026Q1 2026Q2 2026Q3; do
		ivo-report --quarter $q --format csv | grep "\"avbrott\"" | grep -c ",\"$(cat id-x)\"," | grep -q "^0$" || return 1
	done
'

test_expect_success 'bostad med särskild service: flagged [ivo-undantag], not reported; still due in followup-due' '
	grep -q "^bostad med särskild service *\[ivo-undantag\]" "$T_TOP/share/insatser.txt" &&
	SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara insats-add 1 --kind "bostad med särskild service" \
		--decided 2026-01-10 >id-b &&
	ivo-report --quarter 2026Q2 --format csv | grep -c ",\"$(cat id-b)\"," | grep -q "^0$" &&
	followup-due --as-of 2026-04-11 --within 0 --rule ej-verkstallt --format tsv |
		awk -F"\t" -v i="$(cat id-b)" "\$6 == i { print \$9 }" >got &&
	echo 2026-04-10 >expect && test_cmp expect got
'

test_expect_success 'private provider: the item is a notice to the beställande nämnd, for the enhetschef' '
	E=$PWD/enskild.db &&
	SOCDOK_DB=$E socdok-init --provider enskild 2>/dev/null &&
	SOCDOK_DB=$E staff-add sara --name Sara --title usk --unit U --role samordnare &&
	SOCDOK_DB=$E staff-add karin --name Karin --title ec --unit U --role enhetschef --email karin@example.org &&
	SOCDOK_DB=$E SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit U --opened 2026-01-02 >/dev/null &&
	SOCDOK_DB=$E SOCDOK_TODAY=2026-01-10 SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 >/dev/null &&
	SOCDOK_DB=$E followup-due --as-of 2026-04-11 --within 0 --format tsv >got.tsv &&
	awk -F"\t" "\$1 ~ /^ej-verkstallt/ { print \$1, \$9, \$11 }" got.tsv >got &&
	echo "ej-verkstallt-enskild 2026-04-10 karin" >expect && { test_cmp expect got || { cat got.tsv >&2; false; }; } &&
	SOCDOK_DB=$E SOCDOK_MAIL_FROM=socdok@kommun.se followup-due --as-of 2026-04-11 --within 0 --rule ej-verkstallt-enskild --format mail |
		grep -q "underrätta beställande nämnd" &&
	SOCDOK_DB=$E ivo-report --quarter 2026Q2 --format csv | grep -q "\"ej-verkstallt\",\"1\","
'

test_expect_success 'rules-load refuses ej-verkstallt moved to a working day' '
	awk -F"\t" -v OFS="\t" "\$1 == \"ej-verkstallt\" { \$8 = 1 } { print }" \
		"$T_TOP/share/rules.tsv" >bad.tsv &&
	test_refused 65 "rule '\''ej-verkstallt'\'' counts calendar months from the beslut and is never moved to a working day" \
		env SOCDOK_USER=admin rules-load bad.tsv
'

test_done
