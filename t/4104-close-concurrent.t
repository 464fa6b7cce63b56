#!/bin/sh
# Two akt-close of the same akt at once: the checks run inside the
# write transaction, so exactly one closes it and the other is told it
# is already closed; the journal gets one closing note, not two.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: akter with a running insats' '
	setup_world &&
	for n in 1 2 3 4 5; do
		SOCDOK_USER=sara akt-new "$(t_pnr 1940010$n 12$n)" \
			--name "Person $n" --unit "Hemtjänst Norr" \
			--opened 2026-01-15 >/dev/null &&
		SOCDOK_USER=sara insats-add $n --kind hemtjänst \
			--decided 2026-01-10 >/dev/null &&
		SOCDOK_USER=sara insats-start $n --date 2026-01-20 || return 1
	done
'

# Hold the write lock until both closes wait for it, then let go.
test_expect_success 'two closes waiting on one lock: one wins, the other is told' '
	rm -f locked &&
	sqlite3 "$SOCDOK_DB" "BEGIN IMMEDIATE;" ".system touch locked" \
		".system sleep 1" "COMMIT;" &
	n=0 &&
	while [ ! -e locked ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done &&
	test -e locked &&
	for w in a b; do
		(
			SOCDOK_USER=sara akt-close 1 --end-insatser --format tsv \
				>out.$w 2>err.$w
			echo $? >rc.$w
		) &
	done &&
	wait &&
	cat rc.a rc.b | sort >got &&
	printf "0\n65\n" >expect &&
	test_cmp expect got &&
	cat err.a err.b >err &&
	echo "akt-close: akt 1 is already closed (since 2026-03-02, by Sara Samordnare); akt-reopen opens it again" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = 1 \
		AND category = '\''avslut'\''")" = 1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = 1 \
		AND category = '\''avslutad-insats'\''")" = 1
'

test_expect_success 'two batches over the same akter: each akt closed once' '
	printf "2\n3\n4\n5\n" >ids &&
	for w in a b; do
		(
			SOCDOK_USER=sara akt-close --end-insatser --format tsv \
				<ids >out.$w 2>err.$w
			echo $? >rc.$w
		) &
	done &&
	wait &&
	cat out.a out.b | grep -c "	closed	" >got &&
	echo 4 >expect &&
	test_cmp expect got &&
	cat out.a out.b | grep -c "	refused	.*is already closed" >got &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE category = \
		'\''avslut'\'' AND akt_id BETWEEN 2 AND 5" >got &&
	test_cmp expect got
'

test_done
