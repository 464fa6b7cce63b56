#!/bin/sh
# The time a record is written at (issue 18, "Clock"): read once per
# transaction, after the write lock is taken, so that every record of a
# command carries one time and records are in time order with their ids
# even when writers wait for each other.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" >/dev/null
'

test_expect_success 'every record of one command carries one time' '
	SOCDOK_USER=sara journal-add 1 -m "Besök." >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT written_at FROM note ORDER BY id
		DESC LIMIT 1) = (SELECT at FROM access_log ORDER BY id DESC
		LIMIT 1) AND (SELECT at FROM access_log ORDER BY id DESC LIMIT 1)
		= (SELECT at FROM head_chain ORDER BY seq DESC LIMIT 1)" >got &&
	echo 1 >expect && test_cmp expect got
'

test_expect_success 'a writer that waited for the lock stamps the time it got it' '
	cat >slow-editor.sh <<-\EOF &&
	#!/bin/sh
	# holds journal-add (and its write lock) for 3 seconds
	touch "$T_DIR/editing" && sleep 3 &&
	{ echo "Långsamt skrivet."; cat "$1"; } >"$1.new" && mv "$1.new" "$1" &&
	date -u +%Y-%m-%dT%H:%M:%SZ >"$T_DIR/released"
	EOF
	chmod +x slow-editor.sh &&
	(EDITOR="$PWD/slow-editor.sh" SOCDOK_USER=sara journal-add 1 --edit \
		</dev/null >first.out 2>first.err &) &&
	n=0; while test ! -e editing && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	SOCDOK_USER=erik journal-add 1 -m "Snabbt skrivet." >/dev/null &&
	n=0; while test ! -s first.out && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	sqlite3 "$SOCDOK_DB" "SELECT author_login FROM note ORDER BY id" >got &&
	printf "sara\nsara\nerik\n" >expect && test_cmp expect got &&
	erik=$(sqlite3 "$SOCDOK_DB" "SELECT written_at FROM note WHERE author_login = '\''erik'\''") &&
	test ! "$erik" \< "$(cat released)" &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note a JOIN note b ON
		b.id > a.id WHERE b.written_at < a.written_at" >got &&
	echo 0 >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log a JOIN access_log
		b ON b.id > a.id WHERE b.at < a.at" >got &&
	test_cmp expect got
'

# A record's written-at time may not be earlier than the newest already
# in the database, less a minute for NTP: a clock moved back is refused
# (75, EX_TEMPFAIL) before anything is written.
count_rows() {
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT count(*) FROM note) || ' ' ||
		(SELECT count(*) FROM access_log) || ' ' || (SELECT count(*)
		FROM head_chain) || ' ' || (SELECT newest FROM clock)"
}

test_expect_success 'a clock ten minutes back is refused, the database unchanged' '
	SOCDOK_USER=sara journal-add 1 -m "Nu." >/dev/null &&
	count_rows >before &&
	db_snapshot before.sql &&
	test_must_fail 75 faketime -f "-10m" env SOCDOK_USER=sara \
		journal-add 1 -m "Tio minuter sen." >out 2>err &&
	test ! -s out &&
	test "$(wc -l <err)" = 1 &&
	grep "^journal-add: the clock says 20[0-9-]*T[0-9:]*+0[12]:00, earlier than the newest record in the database (20[0-9-]*T[0-9:]*+0[12]:00): records are written in time order; set the system clock right and run the command again\$" err &&
	count_rows >after &&
	test_cmp before after &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success 'a read is refused too: its log line would be out of order' '
	count_rows >before &&
	test_must_fail 75 faketime -f "-10m" env SOCDOK_USER=sara akt-show 1 \
		>out 2>err &&
	test ! -s out &&
	grep -q "^akt-show: the clock says" err &&
	count_rows >after &&
	test_cmp before after
'

test_expect_success 'in Swedish' '
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 test_must_fail 75 faketime -f "-10m" env SOCDOK_USER=sara \
		journal-add 1 -m "Tio minuter sen." 2>err) &&
	grep -q "^journal-add: klockan visar .*, tidigare än den senaste posten i databasen (.*): poster skrivs i tidsordning; ställ systemklockan rätt och kör kommandot igen\$" err
'

test_expect_success 'thirty seconds back (an NTP step) is written' '
	SOCDOK_USER=sara journal-add 1 -m "Nu igen." >/dev/null &&
	newest=$(sqlite3 "$SOCDOK_DB" "SELECT newest FROM clock") &&
	faketime -f "-30s" env SOCDOK_USER=sara journal-add 1 \
		-m "Trettio sekunder sen." >out &&
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note") &&
	echo "1:$n" >expect && test_cmp expect out &&
	written=$(sqlite3 "$SOCDOK_DB" "SELECT written_at FROM note ORDER BY id DESC LIMIT 1") &&
	test "$written" \< "$newest" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT newest FROM clock")" = "$newest"
'

test_expect_success 'the newest time never goes back, not even by sqlite3' '
	! sqlite3 "$SOCDOK_DB" "UPDATE clock SET newest = '\''2020-01-01T00:00:00Z'\''" 2>err &&
	grep -q "cannot go back" err &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM clock" 2>err &&
	grep -q "cannot be deleted" err
'

test_expect_success 'concurrent writers never trip it' '
	n0=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note") &&
	for i in 1 2 3 4 5 6 7 8; do
		(SOCDOK_USER=sara journal-add 1 -m "Samtidigt $i." >w$i.out \
			2>w$i.err; echo $? >w$i.rc) &
	done &&
	wait &&
	cat w?.rc | sort -u >got &&
	echo 0 >expect && test_cmp expect got &&
	cat w?.err >errs && test ! -s errs &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note")" = $((n0 + 8)) &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note a JOIN note b ON
		b.id > a.id WHERE b.written_at < a.written_at AND a.id > $n0" >got &&
	echo 0 >expect && test_cmp expect got
'

# A clock that runs a thousand times too fast: a time read anywhere but
# at BEGIN IMMEDIATE differs from the access log's.  Each program runs a
# day ahead of the one before, so that the fast clock of one never puts
# the next behind the newest record; last, since it leaves the
# database's newest time days ahead.
test_expect_success 'socdok-import and handlaggare-notify stamp the time after the lock' '
	cat >j.csv <<-EOF &&
	pnr;date;author;text
	$P1;2026-03-02;Kalle Gammal;Importerad anteckning.
	EOF
	faketime -f "+1d x1000" socdok-import journal j.csv 2>/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT imported_at FROM import_file ORDER
		BY rowid DESC LIMIT 1) = (SELECT at FROM access_log ORDER BY id
		DESC LIMIT 1) AND (SELECT written_at FROM chain_record WHERE kind
		= '\''note'\'' ORDER BY id DESC LIMIT 1) = (SELECT at FROM
		access_log ORDER BY id DESC LIMIT 1)" >got &&
	echo 1 >expect && test_cmp expect got &&
	SOCDOK_USER=sara faketime -f "+2d" insats-add 1 --kind hemtjänst --decided 2026-03-02 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >/dev/null &&
	SOCDOK_USER=sara faketime -f "+2d" insats-start 1 --date 2026-03-02 &&
	SOCDOK_USER=sara faketime -f "+3d x1000" handlaggare-notify \
		--format mail >out.mbox &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT sent_at FROM notice_sent) =
		(SELECT at FROM access_log ORDER BY id DESC LIMIT 1)" >got &&
	test_cmp expect got
'

test_done
