#!/bin/sh
# make demo and make bench: the demo shows its report with a line saying
# what it is; the bench driver times every report, and generates its
# database only once.
. "$(dirname "$0")/lib.sh"

test_expect_success 'tools/demo builds a demo database and prints the main report' '
	DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >out 2>err &&
	test -f demo/demo.db &&
	test "$(stat -c %a demo)" = 700 &&
	head -n 1 out >first &&
	grep "^# followup-due --as-of 2026-03-02: " first
'

test_expect_success 'tools/demo starts afresh each time and shows the same' '
	DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >again 2>/dev/null &&
	test_cmp out again
'

test_expect_success 'tools/demo speaks Swedish when no language is asked for (issue 15)' '
	(unset LC_ALL LC_MESSAGES LANGUAGE LANG &&
	 DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >sv 2>sv.err) &&
	grep "^# followup-due --as-of 2026-03-02: det som ska göras" sv &&
	grep "^regel  *akt  *personnummer  " sv &&
	grep "^# demodatabasen är " sv.err &&
	(unset LC_ALL LC_MESSAGES LANGUAGE &&
	 LANG=C.UTF-8 DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >sv2 2>/dev/null) &&
	test_cmp sv sv2
'

test_expect_success 'tools/demo follows the language the user asks for' '
	(unset LC_ALL LC_MESSAGES LANG &&
	 LANGUAGE=en DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >en 2>/dev/null) &&
	grep "^# followup-due --as-of 2026-03-02: what is due" en &&
	grep "^rule  *akt  *personnummer  " en &&
	(unset LC_MESSAGES LANGUAGE &&
	 LC_ALL=C.UTF-8 DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >en2 2>/dev/null) &&
	test_cmp en en2 &&
	(unset LC_ALL LC_MESSAGES LANGUAGE &&
	 LANG=sv_SE.UTF-8 DEMO_DIR="$T_DIR/demo" "$T_TOP/tools/demo" >sv3 2>/dev/null) &&
	grep "^# followup-due --as-of 2026-03-02: det som ska göras" sv3
'

test_expect_success 'bench/run times the reports on a generated database' '
	BENCH_ONLY=steps BENCH_DIR="$T_DIR/bench" "$T_TOP/bench/run" --persons 40 --notes 800 >out 2>err &&
	cat out &&
	grep "^socdok-fixture --persons 40 --notes 800  *[0-9.]* s  generated" out &&
	grep "^akt-list  *[0-9.]* s  [0-9]* lines" out &&
	grep "^socdok-fixture --check (all chains)  *[0-9.]* s  1 lines" out &&
	! grep FAILED out &&
	for p in followup-due journal-show akt-export akt-verify gallra; do
		grep "^$p.* s  " out || exit 1
	done
'

test_expect_success 'bench/run generates the database only once' '
	BENCH_ONLY=steps BENCH_DIR="$T_DIR/bench" "$T_TOP/bench/run" --persons 40 --notes 800 >out &&
	grep "^socdok-fixture --persons 40 --notes 800  *-  cached: " out &&
	ls bench/*.db | wc -l >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'bench/run prints socdok, its anchor and the ratio for each goal (issue 17)' '
	BENCH_ONLY=anchors BENCH_ROUNDS=1 BENCH_GALLRA_ROUNDS=1 BENCH_LOOP=2 \
		BENCH_SMALL=10 BENCH_EXPORT_NOTES=200 BENCH_PDF_NOTES=300 \
		SOCDOK_GS=/nonexistent/gs BENCH_GALLRA_AS_OF=2040-12-31 \
		BENCH_DIR="$T_DIR/bench" "$T_TOP/bench/run" --persons 40 --notes 800 >out 2>err &&
	cat out &&
	! grep FAILED out &&
	for r in "gallra --execute" "journal-add, one note" \
		"journal-add, one note, small db" "10 000 notes" \
		"akt-export --format md" "akt-export --format html" \
		"akt-export --format json" "akt-show, small db" \
		"  the anchor with issue 16.s check" \
		"followup-due, cold cache" "akt-verify --all (issue 13)"; do
		grep "^$r.* [0-9.]*x  " out || exit 1
	done &&
	grep "^akt-export --format pdf, 300 notes .*peak RSS [0-9]* MB" out
'

test_done
