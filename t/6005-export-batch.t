#!/bin/sh
# akt-export with several akter: ids as arguments or on stdin, one file
# per akt in --dir with a stable name that holds no personnummer; who
# may export what; the access log; refusals that leave nothing behind.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

log_lines() {
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log WHERE program = 'akt-export' ORDER BY id"
}

test_expect_success 'set up: three akter in two units' '
	export_world
'

test_expect_success 'several akter go into --dir, one file each, named by the akt id' '
	SOCDOK_USER=sara akt-export 1 2 --dir out --format pdf >got &&
	printf "out/akt-1.pdf\nout/akt-2.pdf\n" >expect &&
	test_cmp expect got &&
	ls out >got &&
	printf "akt-1.pdf\nakt-2.pdf\n" >expect &&
	test_cmp expect got &&
	test "$(stat -c %a out)" = 700
'

test_expect_success 'ids come on stdin too, as akt-list prints them' '
	printf "1\n2\n" | SOCDOK_USER=sara akt-export --dir md >got &&
	printf "md/akt-1.md\nmd/akt-2.md\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-list --format tsv | sed 1d |
		SOCDOK_USER=sara akt-export --dir tsv --format json | sort >got &&
	printf "tsv/akt-1.json\ntsv/akt-2.json\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the TSV and CSV of akt-list go in whole: header skipped, first column taken' '
	SOCDOK_USER=sara akt-list --format tsv |
		SOCDOK_USER=sara akt-export --dir whole-tsv | sort >got &&
	printf "whole-tsv/akt-1.md\nwhole-tsv/akt-2.md\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-list --format csv |
		SOCDOK_USER=sara akt-export --dir whole-csv | sort >got &&
	printf "whole-csv/akt-1.md\nwhole-csv/akt-2.md\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-list --format tsv |
		SOCDOK_USER=sara akt-verify --format tsv | cut -f1,3 | sort >got &&
	printf "1\tintact\n2\tintact\nakt\tstatus\n" >expect &&
	test_cmp expect got
'

test_expect_success 'an akt named by personnummer gets the same stable name' '
	SOCDOK_USER=sara akt-export "$EX_P1" --dir byp >got &&
	echo byp/akt-1.md >expect &&
	test_cmp expect got &&
	! ls byp | grep -q "$(echo "$EX_P1" | cut -c3-8)"
'

test_expect_success 'a second export replaces the file under the same name' '
	SOCDOK_USER=sara akt-export 1 --dir md >/dev/null &&
	ls md >got &&
	printf "akt-1.md\nakt-2.md\n" >expect &&
	test_cmp expect got
'

test_expect_success 'every export writes one access-log line naming the format' '
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE program = '\''akt-export'\''") &&
	SOCDOK_USER=sara akt-export 1 --format html --since 2026-01-13 --only journal >/dev/null &&
	log_lines | tail -n 1 >got &&
	echo "sara|akt-export|1|exported akt as html, notes from 2026-01-13, only journal" >expect &&
	test_cmp expect got &&
	test "$(log_lines | wc -l)" = $((n + 1))
'

test_expect_success GS 'a PDF/A export is logged as such' '
	SOCDOK_USER=sara akt-export 1 --format pdf --pdfa -o a.pdf >/dev/null &&
	log_lines | tail -n 1 >got &&
	echo "sara|akt-export|1|exported akt as PDF/A-2B" >expect &&
	test_cmp expect got
'

test_expect_success 'an akt of another unit is refused, the others are written (issue 15)' '
	SOCDOK_USER=sara akt-export 1 3 --dir other >got.out 2>err
	test $? = 77 &&
	echo other/akt-1.md >expect &&
	test_cmp expect got.out &&
	grep "^akt-export: .*which is not yours" err &&
	ls other >got &&
	echo akt-1.md >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = '\''akt-export'\'' ORDER BY id DESC LIMIT 2" >log &&
	grep "^refused: akt 3 " log &&
	grep "^exported akt as md" log
'

test_expect_success 'an arkivarie exports every akt' '
	SOCDOK_USER=arkiv akt-export 1 3 --dir arkiv --format json >got &&
	printf "arkiv/akt-1.json\narkiv/akt-3.json\n" >expect &&
	test_cmp expect got
'

test_expect_success 'refusals: usage, unknown akt, bad dates' '
	SOCDOK_USER=sara test_refused 64 "several akter go into a directory" \
		akt-export 1 2 &&
	SOCDOK_USER=sara test_refused 64 "give either -o FILE or --dir DIR" \
		akt-export 1 -o x --dir y &&
	SOCDOK_USER=sara test_refused 64 "unknown format '\''docx'\''" \
		akt-export 1 --format docx &&
	SOCDOK_USER=sara test_refused 64 "unknown --only '\''plans'\''" \
		akt-export 1 --only plans &&
	SOCDOK_USER=sara test_refused 65 "--since" \
		akt-export 1 --since 2026-13-01 &&
	SOCDOK_USER=sara test_refused 64 "--since 2026-02-01 is after --until 2026-01-01" \
		akt-export 1 --since 2026-02-01 --until 2026-01-01 &&
	SOCDOK_USER=sara test_refused 66 "no akt 99" akt-export 99 &&
	test ! -e x && test ! -e y
'

test_expect_success 'a batch with a bad akt: it is reported, the others written, exit 66 (issue 15)' '
	printf "1\n99\n2\n" | SOCDOK_USER=sara akt-export --dir partial --format md >got.out 2>err
	test $? = 66 &&
	printf "partial/akt-1.md\npartial/akt-2.md\n" >expect &&
	test_cmp expect got.out &&
	cat >expect <<-EOF &&
	akt-export: no akt 99; see akt-list
	akt-export: 1 of 3 akter could not be exported; the others were written
	EOF
	test_cmp expect err &&
	test -s partial/akt-1.md && test -s partial/akt-2.md &&
	test ! -e partial/akt-99.md
'

test_expect_success 'when every akt fails, no file and a word for the batch' '
	SOCDOK_USER=sara akt-export 98 99 --dir none >got.out 2>err
	test $? = 66 &&
	test ! -s got.out &&
	tail -n 1 err >got &&
	echo "akt-export: none of the 2 akter could be exported" >expect &&
	test_cmp expect got &&
	test -z "$(ls none)"
'

test_expect_success 'a directory that cannot be written: exit 73, nothing written' '
	echo "not a directory" >plain &&
	SOCDOK_USER=sara test_refused 73 "cannot create a file beside" \
		akt-export 1 2 --dir plain &&
	echo "not a directory" >expect &&
	test_cmp expect plain
'

test_expect_success 'a full stdout: exit 74, one message, no files, no log line' '
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log") &&
	test_must_fail 74 env SOCDOK_USER=sara akt-export 1 >/dev/full 2>err &&
	echo "akt-export: write error: No space left on device" >expect &&
	test_cmp expect err &&
	test_must_fail 74 env SOCDOK_USER=sara akt-export 1 2 --dir full >/dev/full 2>err &&
	test_cmp expect err &&
	test -z "$(ls full)" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log")" = "$n"
'

test_expect_success 'no file is left half-written beside the target' '
	! ls out md | grep "\.tmp\."
'

test_done
