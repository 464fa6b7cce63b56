#!/bin/sh
# Runs every C unit test in t/unit/ and holds each to its own TAP stream:
# exit 0, exactly one plan line, as many results as the plan says, none
# "not ok".  A unit binary that stops early (no plan, or fewer results)
# fails here, and its output is shown (indented) with the failure.
. "$(dirname "$0")/lib.sh"

# unit_check PROG: run PROG and check its TAP; say what is wrong.
unit_check() {
	"$1" >unit.out 2>unit.err
	u_rc=$?
	sed "s/^/    /" unit.out
	cat unit.err >&2
	awk -v rc="$u_rc" '
		/^1\.\.[0-9]+$/ { plans++; plan = substr($0, 4) + 0; next }
		/^ok [0-9]/ { n++; next }
		/^not ok [0-9]/ { n++; bad++; next }
		END {
			if (rc != 0) { print "exit " rc; err = 1 }
			if (plans != 1) { print plans + 0 " plan lines, want 1"; err = 1 }
			else if (n != plan) { print n + 0 " results, plan 1.." plan; err = 1 }
			if (bad) { print bad " not ok"; err = 1 }
			exit err
		}' unit.out
}

for u in "$T_TOP"/t/unit/*.c; do
	prog=${u%.c}
	name=${prog##*/}
	test_expect_success "unit tests: $name" "unit_check \"$prog\""
done

test_expect_success 'a unit test that stops early, or misses its plan, fails' '
	printf "#!/bin/sh\necho \"ok 1 - a\"\necho \"1..2\"\n" >short &&
	printf "#!/bin/sh\necho \"ok 1 - a\"\n" >noplan &&
	printf "#!/bin/sh\necho \"ok 1 - a\"\necho \"1..1\"\nexit 1\n" >exit1 &&
	printf "#!/bin/sh\necho \"not ok 1 - a\"\necho \"1..1\"\n" >notok &&
	printf "#!/bin/sh\necho \"ok 1 - a\"\necho \"1..1\"\n" >good &&
	chmod +x short noplan exit1 notok good &&
	unit_check ./good &&
	for p in short noplan exit1 notok; do
		! unit_check ./$p >/dev/null 2>&1 || { echo "$p passed"; exit 1; }
	done
'
test_done
