#!/bin/sh
# bench/export runs: a small journal, one run, every format timed.
. "$(dirname "$0")/lib.sh"

test_expect_success 'bench/export times every format on a small akt' '
	TMPDIR="$T_DIR" "$T_TOP/bench/export" --notes 40 --runs 1 >out 2>err &&
	test ! -s err &&
	grep "akt 1 with [0-9]* notes" out &&
	for f in md html pdf json; do
		grep "^akt-export --format $f  *[0-9.]* s  " out || return 1
	done &&
	! grep FAILED out
'

test_done
