# t/lib.sh - a small TAP library for socdok's command tests.
#
# Each test script sources this file: it gets a fresh scratch directory
# (removed at exit), the built programs first on PATH, a fixed locale,
# time zone and "today", and its own database in $SOCDOK_DB.  Tests are
# written as in git's t/: expected output first, each test a && chain.
#
#   test_expect_success 'what a user relies on' '
#           echo expected >expect &&
#           some-command >actual &&
#           test_cmp expect actual
#   '
#   test_expect_code 65 'bad personnummer is refused' 'akt-new 1 ...'
#   test_expect_success GS 'needs ghostscript' '...'
#   test_done
#
# A test that names prerequisites (GS, PDFTOOLS, SSHKEYGEN, BASH, BASHCOMP
# (the bash-completion package); several joined by ",")
# (ROOT: running as root with useradd and setpriv, for the server tests)
# runs only when they are met, and otherwise prints "ok N # skip ..." so
# prove counts it as skipped: a test never passes without running.
#
# With SOCDOK_VALGRIND=1 every program runs under valgrind, and any
# error or leak fails the test (exit 99).

set -u
T_TOP=$(cd "$(dirname "$0")/.." && pwd)
T_NAME=$(basename "$0" .t)
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/socdok-$T_NAME.XXXXXX")
chmod 700 "$T_DIR"
trap 'cd / && rm -rf "$T_DIR"' EXIT
cd "$T_DIR" || exit 1

export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=Europe/Stockholm
unset LANGUAGE VISUAL SOCDOK_DB SOCDOK_USER SOCDOK_TODAY
export HOME="$T_DIR" XDG_DATA_HOME="$T_DIR/xdg"
export SOCDOK_SHARE="$T_TOP/share"
export SOCDOK_DB="$T_DIR/socdok.db"
export SOCDOK_TODAY=2026-03-02
export SOCDOK_USER=admin
export EDITOR=false
export ASAN_OPTIONS="detect_leaks=1:verify_asan_link_order=0:abort_on_error=0"
# Under libfaketime LeakSanitizer's exit-time check now and then aborts
# ("The futex facility returned an unexpected error code"): a program
# run with a faked clock is checked by ASan and UBSan, not for leaks
# (the same programs are leak-checked in the tests that use the clock).
T_ASAN_NOFAKE=$ASAN_OPTIONS
T_ASAN_FAKETIME="$ASAN_OPTIONS:detect_leaks=0"
export LSAN_OPTIONS="suppressions=$T_TOP/t/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# faketime -f SPEC COMMAND...: COMMAND with libfaketime preloaded, as the
# faketime program runs it, but without the program's shared semaphore:
# the program names it by its own pid and fails ("sem_open: File exists")
# when a killed run left one of a pid now reused, so tests failed by
# chance under load.  Every process starts at SPEC, as with the program.
T_FAKETIME_LIB=
for l in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -r "$l" ] && T_FAKETIME_LIB=$l && break
done
if [ -n "$T_FAKETIME_LIB" ]; then
	faketime() {
		[ "$1" = -f ] || { echo "t/lib.sh: faketime: give -f SPEC" >&2; return 64; }
		_spec=$2
		shift 2
		env FAKETIME="$_spec" ASAN_OPTIONS="$T_ASAN_FAKETIME" \
			LD_PRELOAD="$T_FAKETIME_LIB${LD_PRELOAD:+:$LD_PRELOAD}" "$@"
	}
fi

PATH="$T_TOP/bin:$T_TOP/tools:$PATH"
# The bash-completion package's loader (BASHCOMP), moved for a test run.
T_BASHCOMP=${SOCDOK_BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}
if [ "${SOCDOK_VALGRIND:-}" = 1 ]; then
	mkdir -p "$T_DIR/.vg"
	for p in "$T_TOP"/bin/*; do
		case $p in *.c) continue ;; esac
		[ -x "$p" ] || continue
		cat >"$T_DIR/.vg/${p##*/}" <<VG
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect \
  --suppressions="$T_TOP/t/valgrind.supp" "$p" "\$@"
VG
		chmod +x "$T_DIR/.vg/${p##*/}"
	done
	PATH="$T_DIR/.vg:$PATH"
fi
export PATH

t_count=0
t_failed=0

# Print text as TAP diagnostics.
t_diag() {
	sed 's/^/# /' "$@" >&2
}

# test_have_prereq NAME[,NAME...]: every named prerequisite is there.
test_have_prereq() {
	t_old_ifs=$IFS
	IFS=,
	set -- $1
	IFS=$t_old_ifs
	for t_p; do
		case $t_p in
		GS) command -v "${SOCDOK_GS:-gs}" >/dev/null 2>&1 ;;
		SSHKEYGEN) command -v ssh-keygen >/dev/null 2>&1 ;;
		DEVFULL) test -w /dev/full ;;
		BASH) command -v bash >/dev/null 2>&1 ;;
		BASHCOMP) command -v bash >/dev/null 2>&1 &&
			test -f "$T_BASHCOMP" ;;
		ROOT) [ "$(id -u)" = 0 ] && command -v useradd >/dev/null &&
			command -v setpriv >/dev/null &&
			command -v sqlite3 >/dev/null ;;
		PDFTOOLS) command -v pdftotext >/dev/null 2>&1 &&
			command -v pdfinfo >/dev/null 2>&1 &&
			command -v pdffonts >/dev/null 2>&1 ;;
		*) echo "test_have_prereq: unknown prerequisite $t_p" >&2
			return 2 ;;
		esac || { t_missing=$t_p; return 1; }
	done
	return 0
}

# test_expect_success [PREREQ] DESC SCRIPT
test_expect_success() {
	t_count=$((t_count + 1))
	if [ $# = 3 ]; then
		t_rc=0
		test_have_prereq "$1" || t_rc=$?
		if [ $t_rc = 1 ]; then
			echo "ok $t_count # skip $2 (missing $t_missing)"
			return 0
		elif [ $t_rc != 0 ]; then
			echo "not ok $t_count - $2 (bad prerequisite $1)"
			t_failed=$((t_failed + 1))
			return 0
		fi
		shift
	fi
	if (eval "$2") >"$T_DIR/.out" 2>&1; then
		echo "ok $t_count - $1"
	else
		echo "not ok $t_count - $1"
		t_diag "$T_DIR/.out"
		t_failed=$((t_failed + 1))
	fi
}

# test_expect_code CODE DESC SCRIPT: the script's last command exits CODE.
test_expect_code() {
	t_count=$((t_count + 1))
	(eval "$3") >"$T_DIR/.out" 2>&1
	t_rc=$?
	if [ "$t_rc" = "$1" ]; then
		echo "ok $t_count - $2"
	else
		echo "not ok $t_count - $2 (exit $t_rc, expected $1)"
		t_diag "$T_DIR/.out"
		t_failed=$((t_failed + 1))
	fi
}

test_cmp() {
	diff -u "$1" "$2"
}

# test_must_fail CODE cmd...: the command exits with exactly CODE.
test_must_fail() {
	t_want=$1
	shift
	"$@"
	t_got=$?
	if [ "$t_got" != "$t_want" ]; then
		echo "exit $t_got, expected $t_want: $*" >&2
		return 1
	fi
	return 0
}

# Copy the database (with its WAL folded in) to compare later.
db_snapshot() {
	sqlite3 "$SOCDOK_DB" .dump >"$1"
}

# A valid synthetic personnummer: t_pnr YYYYMMDD NNN -> YYYYMMDD-NNNC.
t_pnr() {
	t_d=$(printf '%s%s' "$(printf %s "$1" | cut -c3-8)" "$2")
	t_sum=0
	t_i=0
	while [ $t_i -lt 9 ]; do
		t_c=$(printf %s "$t_d" | cut -c$((t_i + 1)))
		if [ $((t_i % 2)) = 0 ]; then t_v=$((t_c * 2)); else t_v=$t_c; fi
		[ $t_v -gt 9 ] && t_v=$((t_v - 9))
		t_sum=$((t_sum + t_v))
		t_i=$((t_i + 1))
	done
	printf '%s-%s%s\n' "$1" "$2" $(((10 - t_sum % 10) % 10))
}

# A standard small world: an admin, two units, staff in roles.
# t_at TIME cmd...: cmd - a program or a function of the test - with the
# clock stopped at TIME, "YYYY-MM-DD hh:mm:ss" local time (faketime -f);
# an empty TIME is the real clock.  A record's written-at time may not
# be earlier than the newest already in the database (issue 18, lib/
# clock.c): a test that needs old records writes them in time order and
# starts the database itself at the earliest (setup_world TIME).
t_at() {
	t_when=$1
	shift
	if [ -z "$t_when" ]; then
		"$@"
		return
	fi
	(t_clock "$t_when" && "$@")
}

# t_clock TIME: every command from here on runs with the clock stopped
# at TIME (for a script whose records are all of one time, or the first
# part of one); t_clock "" goes back to the real clock.
t_clock() {
	if [ -z "$1" ]; then
		unset LD_PRELOAD FAKETIME
		export ASAN_OPTIONS="$T_ASAN_NOFAKE"
		return
	fi
	# The library faketime preloads, so that functions run under it too;
	# found without running the faketime wrapper where it can be: the
	# wrapper refuses to run under it, and fails now and then when a
	# killed run left a semaphore named with a pid now used again.
	if [ -z "${t_preload:-}" ]; then
		case ${LD_PRELOAD:-} in
		*faketime*) t_preload=$LD_PRELOAD ;;
		*) if [ -n "$T_FAKETIME_LIB" ]; then
			t_preload=$T_FAKETIME_LIB
		else
			t_preload=$(faketime -f "$1" printenv LD_PRELOAD) ||
				return
		fi ;;
		esac
	fi
	export LD_PRELOAD="$t_preload" FAKETIME="$1" ASAN_OPTIONS="$T_ASAN_FAKETIME"
}

# setup_world [TIME]: a database with the staff most tests use, made at
# TIME (t_at) or now.
setup_world() {
	t_at "${1:-}" t_world
}

t_world() {
	SOCDOK_USER=admin socdok-init --name "Ada Admin" >/dev/null 2>&1 &&
	staff-add sara --name "Sara Samordnare" --title "undersköterska" \
		--unit "Hemtjänst Norr" --role samordnare --email sara@example.org &&
	staff-add erik --name "Erik Ek" --title "vårdbiträde" \
		--unit "Hemtjänst Norr" &&
	staff-add karin --name "Karin Chef" --title "enhetschef" \
		--unit "Hemtjänst Norr" --role enhetschef --email karin@example.org &&
	staff-add olle --name "Olle Öst" --title "stödpedagog" \
		--unit "Boendestöd Väst" --role samordnare &&
	staff-add arkiv --name "Arne Arkiv" --title "arkivarie" --role arkivarie
}

test_done() {
	echo "1..$t_count"
	[ "$t_failed" = 0 ]
}

# t_plan PARTICIPATION [VEM]: the smallest genomförandeplan gp-new takes,
# on stdout: "Delaktighet: PARTICIPATION", one delmål done by VEM
# (kontaktpersonen when not given), a risk assessment.
t_plan() {
	printf '%s\n' "## Planens framtagande" "Delaktighet: $1" \
		"## Mål och insatser" "### Delmål" "Vad: handla" \
		"När: tisdagar" "Hur: tillsammans" \
		"Vem: ${2:-kontaktpersonen}" "## Riskbedömning" "Inga."
}

# test_refused CODE TEXT cmd...: the command exits CODE, says TEXT in its
# "prog: message" on stderr, prints nothing on stdout, and leaves the
# database byte for byte as it was - except that a refusal of access
# (77) may be one more line of the access log, which says so (t/7001
# tests that it is).  (Set the user
# with env SOCDOK_USER=.)
test_refused() {
	t_want=$1 t_text=$2
	shift 2
	db_snapshot "$T_DIR/.refused-before" || return 1
	"$@" >"$T_DIR/.refused-out" 2>"$T_DIR/.refused-err"
	t_got=$?
	cat "$T_DIR/.refused-err" >&2
	if [ "$t_got" != "$t_want" ]; then
		echo "exit $t_got, expected $t_want: $*" >&2
		return 1
	fi
	grep -q '^[a-z-]*: ' "$T_DIR/.refused-err" || {
		echo "no 'prog: message' on stderr" >&2
		return 1
	}
	grep -qF -- "$t_text" "$T_DIR/.refused-err" || {
		echo "stderr does not say: $t_text" >&2
		return 1
	}
	test ! -s "$T_DIR/.refused-out" || {
		echo "a refused command printed on stdout:" >&2
		cat "$T_DIR/.refused-out" >&2
		return 1
	}
	db_snapshot "$T_DIR/.refused-after" || return 1
	if [ "$t_want" != 77 ]; then
		test_cmp "$T_DIR/.refused-before" "$T_DIR/.refused-after"
		return
	fi
	# A refusal (77) changes nothing but the access log (and its chain,
	# the chain of heads and the newest written-at time, clock): one line
	# more, saying what was refused.
	t_logs='^INSERT INTO "\{0,1\}\(access_log\|log_chain\|head_chain\|clock\)"\{0,1\} '
	for t_f in before after; do
		grep -v "$t_logs" "$T_DIR/.refused-$t_f" >"$T_DIR/.refused-$t_f.rest"
		grep '^INSERT INTO "\{0,1\}access_log"\{0,1\} ' \
			"$T_DIR/.refused-$t_f" >"$T_DIR/.refused-$t_f.log"
	done
	test_cmp "$T_DIR/.refused-before.rest" "$T_DIR/.refused-after.rest" ||
		return 1
	# (None when it was refused before the database was open.)
	test_cmp "$T_DIR/.refused-before.log" "$T_DIR/.refused-after.log" \
		>/dev/null 2>&1 && return 0
	test "$(($(wc -l <"$T_DIR/.refused-before.log") + 1))" = \
		"$(wc -l <"$T_DIR/.refused-after.log")" || {
		echo "the refusal is not one more line of the access log" >&2
		return 1
	}
	tail -1 "$T_DIR/.refused-after.log" | grep -qF "'refused: " || {
		echo "the access log does not say what was refused" >&2
		return 1
	}
}
