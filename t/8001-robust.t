#!/bin/sh
# Robustness: a full disk, concurrent writers, the conventions every
# program keeps (--help, --version, bad options, SOCDOK_TODAY, -d), and
# text that must come back byte for byte.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

PROGS="socdok-init staff-add staff-list staff-end akt-new akt-list akt-show
insats-add insats-start insats-end audit-log"

test_expect_success 'set up: staff and an akt with an insats' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 >/dev/null
'

test_expect_success 'a list to a full disk: "write error", exit 74' '
	for cmd in "akt-list" "akt-list --format csv" "akt-list --format json" \
		"akt-list --format tsv" "akt-list --format ids" "akt-show 1" \
		"akt-show 1 --format json" "staff-list" "staff-list --format csv" \
		"audit-log" "audit-log --format json"; do
		test_must_fail 74 env SOCDOK_USER=karin $cmd >/dev/full 2>err &&
		grep "^${cmd%% *}: write error: No space left on device$" err ||
		return 1
	done
'

test_expect_success 'a new akt whose id cannot be written: stored, and said so (74)' '
	test_must_fail 74 env SOCDOK_USER=sara akt-new "$(t_pnr 19600101 222)" \
		--name "Full, Disk" --unit "Hemtjänst Norr" >/dev/full 2>err &&
	echo "akt-new: write error: No space left on device; the write was committed all the same: 2" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT name FROM person p JOIN akt a ON a.person_id = p.id WHERE a.id = 2")" = "Full, Disk"
'

test_expect_success 'a new insats whose id cannot be written: stored, and said so (74)' '
	test_must_fail 74 env SOCDOK_USER=sara insats-add 1 --kind boendestöd \
		--decided 2026-01-10 >/dev/full 2>err &&
	echo "insats-add: write error: No space left on device; the write was committed all the same: 2" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT kind FROM insats WHERE id = 2")" = boendestöd
'

test_expect_success 'a new id is printed only after the commit: a failed commit prints none' '
	db_snapshot before &&
	sqlite3 "$SOCDOK_DB" "CREATE TRIGGER t_fail BEFORE INSERT ON insats BEGIN SELECT RAISE(ABORT, '\''full disk'\''); END" &&
	test_must_fail 65 env SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-10 >out 2>err &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER t_fail" &&
	db_snapshot after &&
	test_cmp before after
'

test_expect_success '--help and --version to a full disk: exit 74' '
	for p in $PROGS; do
		test_must_fail 74 $p --help >/dev/full 2>err &&
		grep "^$p: write error" err &&
		test_must_fail 74 $p --version >/dev/full 2>err &&
		grep "^$p: write error" err || return 1
	done
'

test_expect_success 'every program: --help, --version, a bad option' '
	for p in $PROGS; do
		$p --help >out 2>err &&
		test ! -s err &&
		head -1 out | grep "^usage: $p " &&
		$p --version >out &&
		echo "socdok 0.1.0" >expect &&
		test_cmp expect out &&
		test_must_fail 64 $p --no-such-option 2>err &&
		grep "^usage: $p " err || return 1
	done
'

test_expect_success 'two writers at once both succeed' '
	for w in 1 2; do
		(
			i=0
			while [ $i -lt 15 ]; do
				i=$((i + 1))
				SOCDOK_USER=sara akt-new "$(t_pnr 197${w}0101 $((100 + i)))" \
					--name "Skrivare $w, Nr $i" \
					--unit "Hemtjänst Norr" >/dev/null || echo "akt-new $w $i" >>failed
				SOCDOK_USER=sara insats-add 1 --kind trygghetslarm \
					--decided 2026-02-01 >/dev/null || echo "insats-add $w $i" >>failed
			done
		) &
	done &&
	wait &&
	test ! -e failed &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE unit_id = 1")" = 32 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM insats WHERE akt_id = 1")" = 32 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(DISTINCT name) FROM person WHERE name LIKE '\''Skrivare %'\''")" = 30
'

test_expect_success 'a writer waits for another transaction instead of failing' '
	rm -f locked &&
	sqlite3 "$SOCDOK_DB" "BEGIN IMMEDIATE;" ".system touch locked" \
		".system sleep 1" "COMMIT;" &
	n=0 &&
	while [ ! -e locked ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done &&
	test -e locked &&
	SOCDOK_USER=sara insats-add 1 --kind ledsagning --decided 2026-02-01 >id &&
	wait &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT kind FROM insats WHERE id = $(cat id)")" = ledsagning
'

test_expect_success 'text comes back byte for byte, in every format' '
	name="Ödegård-Łukasiewicz, Zoë Ångström 😀" &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19700101 333)" --name "$name" \
		--unit "Hemtjänst Norr" >id &&
	printf "%s\n" "$name" >expect &&
	SOCDOK_USER=sara akt-show "$(cat id)" --format json | jq -r .name >got &&
	cmp expect got &&
	SOCDOK_USER=sara akt-show "$(cat id)" | sed -n "s/^person:         //p" >got &&
	cmp expect got &&
	SOCDOK_USER=sara akt-list --format tsv | grep "Zoë" | cut -f3 >got &&
	cmp expect got
'

test_expect_success 'SOCDOK_TODAY and --as-of move today' '
	SOCDOK_USER=sara SOCDOK_TODAY=2026-02-01 akt-new "$(t_pnr 19700101 444)" \
		--name "Idag, Ida" --unit "Hemtjänst Norr" >id &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT opened FROM akt WHERE id = $(cat id)")" = 2026-02-01 &&
	test_refused 65 "--opened 2026-02-02 is in the future (today is 2026-02-01)" \
		env SOCDOK_USER=sara akt-new "$(t_pnr 19700101 555)" --name "X, Y" \
		--unit "Hemtjänst Norr" --opened 2026-02-02 --as-of 2026-02-01
'

test_expect_success 'an impossible SOCDOK_TODAY (65) or a malformed --as-of (64) is refused' '
	test_refused 65 "there is no date '\''2026-02-30'\'' (SOCDOK_TODAY)" \
		env SOCDOK_TODAY=2026-02-30 akt-list &&
	test_refused 64 "bad date '\''tomorrow'\'' for --as-of" \
		akt-list --as-of tomorrow
'

test_expect_success '-d names the database, before SOCDOK_DB' '
	mv "$SOCDOK_DB" moved.db &&
	mv "$SOCDOK_DB-wal" moved.db-wal 2>/dev/null;
	mv "$SOCDOK_DB-shm" moved.db-shm 2>/dev/null;
	akt-list -d moved.db --format ids >out &&
	test -s out &&
	test_must_fail 66 akt-list 2>err &&
	grep "no database at '\''$SOCDOK_DB'\''; create it with socdok-init or name another with -d FILE" err &&
	test ! -e "$SOCDOK_DB"
'

test_done
