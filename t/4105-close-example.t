#!/bin/sh
# The scripted example of akt-close(1) works as printed: it refuses to
# start when the dry run finds an akt it cannot close, and closes every
# akt of the unit once it can.
. "$(dirname "$0")/lib.sh"

export SOCDOK_TODAY=2026-06-01

test_expect_success 'set up: a unit with three open akter' '
	setup_world &&
	staff-add kim --name "Kim Kort" --title "stödassistent" \
		--unit "Korttidsboende Ek" --role samordnare &&
	for n in 1 2 3; do
		SOCDOK_USER=kim akt-new "$(t_pnr 1950010$n 12$n)" \
			--name "Gäst $n" --unit "Korttidsboende Ek" \
			--opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=kim insats-add 1 --kind korttidsvistelse --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=kim insats-start 1 --date 2026-02-01 &&
	SOCDOK_USER=kim insats-add 3 --kind korttidsvistelse --decided 2026-05-20 \
		--handlaggare "Hugo Handläggare" >/dev/null &&
	SOCDOK_USER=kim insats-start 2 --date 2026-06-01
'

test_expect_success 'the example script, taken from the manual page' '
	groff -k -man -Tutf8 -rLL=1000n -P-cbou "$T_TOP/docs/akt-close.1" |
		sed -n "/#!\/bin\/sh/,/till-handlaggare/p" >close-unit.sh &&
	test "$(wc -l <close-unit.sh)" -gt 5 &&
	grep -q "akt-close --dry-run" close-unit.sh
'

test_expect_success 'the script stops before closing anything when the dry run refuses an akt' '
	state() {
		sqlite3 "$SOCDOK_DB" "SELECT * FROM akt; SELECT * FROM insats; \
			SELECT * FROM note"
	} &&
	state >before &&
	SOCDOK_USER=kim sh close-unit.sh >out 2>err
	test $? = 1 &&
	cat >expect <<-EOF &&
	akt-close: closing date 2026-05-31 is before insats 2 (korttidsvistelse) started (2026-06-01); close on 2026-06-01 or later
	akt-close: 1 of 3 akter would be refused
	some akter would be refused:
	3: closing date 2026-05-31 is before insats 2 (korttidsvistelse) started (2026-06-01); close on 2026-06-01 or later
	EOF
	test_cmp expect err &&
	test ! -e till-handlaggare.txt &&
	state >after &&
	test_cmp before after
'

test_expect_success 'once that akt is dealt with, the script closes the rest' '
	SOCDOK_USER=kim akt-close 3 --end-insatser >/dev/null &&
	SOCDOK_USER=kim sh close-unit.sh >out 2>err &&
	test ! -s err &&
	cat >expect <<-EOF &&
	akt	status	date	ended	note	reason
	1	closed	2026-05-31	1	6	
	2	closed	2026-05-31		7	
	EOF
	test_cmp expect out &&
	grep -c "^Till: " till-handlaggare.txt >got &&
	echo 2 >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE closed IS NULL")" = 0
'

test_done
