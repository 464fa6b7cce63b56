#!/bin/sh
# Runs every C unit test in t/unit/ as one TAP stream per program.
. "$(dirname "$0")/lib.sh"

for u in "$T_TOP"/t/unit/*.c; do
	prog=${u%.c}
	name=${prog##*/}
	test_expect_success "unit tests: $name" "
		\"$prog\" >out 2>&1 || { cat out; false; } &&
		! grep '^not ok' out
	"
done
test_done
