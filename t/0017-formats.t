#!/bin/sh
# --format tsv, csv and json on every program that prints a list (issue
# 15): the same column names in each, a header in TSV and CSV, a JSON
# array of objects; and every program whose help offers --format text
# offers all three (gp-show and lb-show show a document, akt-export
# writes one: their formats are the document's).
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: staff, akter, an insats, notes' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 121)" --name "Person, Ett" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19400102 122)" --name "Person, Två" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara journal-add 1 -m "Ett besök, enl. personalen." >/dev/null 2>&1 &&
	echo "Hon var aggressiv." >lint.txt
'

# The list programs, each with who runs it, one a line.
cat >lists <<'EOF2'
sara akt-list
sara akt-close --dry-run 2
sara akt-verify 1
karin audit-log
sara followup-due
arkiv gallra
arkiv gallra --log
sara handlaggare-notify --dry-run
karin ivo-report --quarter 2025Q4
sara journal-show 1
sara journal-lint lint.txt
sara rules-show
sara staff-list
EOF2

# check FORMAT FILE: FILE is FORMAT with a header (TSV, CSV) or a JSON array.
check() {
	python3 - "$1" "$2" <<'PY'
import csv, json, sys
fmt, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8", newline="").read()
if fmt == "json":
    v = json.loads(text)
    assert isinstance(v, list), "not an array"
    assert all(isinstance(o, dict) for o in v), "not objects"
    print(",".join(v[0].keys()) if v else "")
else:
    rows = list(csv.reader(text.splitlines(), delimiter="\t" if fmt == "tsv" else ","))
    assert rows, "no header"
    assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
    print(",".join(rows[0]))
PY
}

test_expect_success 'every list program prints TSV, CSV and JSON, with the same columns' '
	while read -r user cmd; do
		for f in tsv csv json; do
			SOCDOK_USER=$user $cmd --format $f >out.$f 2>err
			rc=$?
			case $rc in 0 | 1 | 65) ;; *) echo "$cmd --format $f: exit $rc"; cat err; return 1 ;; esac
			check $f out.$f >cols.$f || { echo "$cmd --format $f"; cat out.$f; return 1; }
		done
		test_cmp cols.tsv cols.csv || { echo "$cmd: CSV columns differ"; return 1; }
		# (akt-close: the closing summary is in JSON alone)
		case $cmd in akt-close*) sed -i "s/,summary\$//" cols.json ;; esac
		if [ -s cols.json ] && [ "$(cat cols.json)" != "" ]; then
			test_cmp cols.tsv cols.json || { echo "$cmd: JSON keys differ"; return 1; }
		fi
	done <lists
'

test_expect_success 'every program that offers --format text offers tsv, csv and json' '
	for c in "$T_TOP"/bin/*.c; do
		p=${c%.c} n=${p##*/}
		[ -x "$p" ] || { echo "$n is not built"; return 1; }
		case $n in gp-show | lb-show | akt-export) continue ;; esac
		"$p" --help >help || return 1
		grep -q -- "--format text" help || continue
		for f in tsv csv json; do
			grep -q -- "--format text|[a-z|]*$f" help ||
			{ echo "$n: no --format $f"; return 1; }
		done
	done
'

test_expect_success 'akt-close --format csv: the columns of TSV, one record per akt' '
	SOCDOK_USER=sara akt-close --dry-run --format csv 1 2 >got 2>err
	test $? = 65 &&
	cat >expect <<-EOF &&
	"akt","status","date","ended","note","reason"
	"1","refused","","","","akt 1 has a running insats: 1 hemtjänst (since 2026-01-20); end it with insats-end, or close with --end-insatser"
	"2","would-close","2026-03-02","","",""
	EOF
	tr -d "\r" <got >got.lf &&
	test_cmp expect got.lf
'

test_expect_success 'journal-lint --format tsv: one warning a row' '
	journal-lint --format tsv lint.txt >got
	test $? = 1 &&
	printf "file\tline\tcolumn\trule\tword\n" >expect &&
	cut -f1-5 got | head -n 1 >head &&
	test_cmp expect head &&
	grep -q "^lint.txt	1	9	vardeord	aggressiv	" got
'

test_done
