#!/bin/sh
# Lists are reads too: akt-list, followup-due, ivo-report, gallra and
# audit-log log which akter they showed (issue 18), one access-log line
# per run and a row per akt in access_shown, so that audit-log --akt N
# answers who saw N, through which program and when, in lists too.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
P3=$(t_pnr 19520716 789)

# The akter the last access-log line showed, one a line.
last_shown() {
	sqlite3 "$SOCDOK_DB" "SELECT akt_id FROM access_shown WHERE log_id =
		(SELECT max(id) FROM access_log) ORDER BY akt_id"
}
# audit-log --akt N as admin: login and program of each line.
who_saw() {
	SOCDOK_USER=admin audit-log --akt "$1" --format tsv | sed 1d | cut -f2,3
}

test_expect_success 'set up: akter in two units, decisions not carried out' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2025-09-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2025-09-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P3" --name "Lind, Lisa" \
		--unit "Hemtjänst Norr" --opened 2025-09-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=olle insats-add 2 --kind boendestöd --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=sara journal-add 3 -m "Besök." >/dev/null &&
	SOCDOK_USER=sara akt-close 3 -m "Flyttat." >/dev/null
'

test_expect_success 'akt-list logs the akter it showed, and only those' '
	SOCDOK_USER=sara akt-list --format ids >out &&
	printf "1\n3\n" >expect && sort out >got && test_cmp expect got &&
	last_shown >got && test_cmp expect got &&
	who_saw 1 >got && grep -qx "sara	akt-list" got &&
	who_saw 3 >got && grep -qx "sara	akt-list" got &&
	who_saw 2 >got && ! grep -q "akt-list" got
'

test_expect_success 'audit-log --akt names the akt on the list line' '
	SOCDOK_USER=admin audit-log --akt 1 --format tsv >out &&
	grep "	sara	akt-list	1	listed 2 akter$" out &&
	SOCDOK_USER=karin audit-log --akt "$P1" --format tsv | grep -q "	akt-list	1	"
'

test_expect_success 'followup-due logs the akter of its items; -q logs none' '
	SOCDOK_USER=sara followup-due --format tsv >out &&
	sed 1d out | cut -f2 | sort -u >expect &&
	test -s expect &&
	last_shown >got && test_cmp expect got &&
	who_saw 1 >got && grep -qx "sara	followup-due" got &&
	SOCDOK_USER=sara followup-due -q; test $? = 1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT program FROM access_log ORDER BY id DESC LIMIT 1")" = followup-due &&
	last_shown >got && test ! -s got
'

test_expect_success 'followup-due --format mail (cron) logs them too' '
	SOCDOK_MAIL_FROM=socdok@example.org SOCDOK_USER=admin \
		followup-due --format mail >mbox 2>/dev/null; test -s mbox &&
	last_shown >got &&
	printf "1\n2\n" >expect && test_cmp expect got
'

test_expect_success 'ivo-report logs the akter of its rows; the statistik none' '
	SOCDOK_USER=karin ivo-report --quarter 2026Q1 --format tsv >out &&
	test $(sed 1d out | wc -l) = 1 &&
	echo 1 >expect && last_shown >got && test_cmp expect got &&
	who_saw 1 >got && grep -qx "karin	ivo-report" got &&
	SOCDOK_USER=admin ivo-report --quarter 2026Q1 --statistik >/dev/null &&
	last_shown >got && test ! -s got
'

test_expect_success 'gallra (the plan) logs the akter it listed' '
	SOCDOK_USER=arkiv gallra --as-of 2035-01-01 --format tsv >out &&
	sed 1d out | cut -f1 | sort >expect && test -s expect &&
	last_shown >got && test_cmp expect got &&
	who_saw 3 >got && grep -qx "arkiv	gallra" got
'

test_expect_success 'audit-log logs the akter whose lines it showed' '
	SOCDOK_USER=karin audit-log --format tsv >out &&
	sed 1d out | cut -f4 | grep . | sort -u >expect &&
	last_shown >got && test_cmp expect got &&
	who_saw 1 >got && grep -qx "karin	audit-log" got
'

test_expect_success 'an enhetschef sees a list once, if it showed an akt of her units' '
	SOCDOK_USER=olle akt-list >/dev/null &&
	olle_line=$(sqlite3 "$SOCDOK_DB" "SELECT max(id) FROM access_log") &&
	SOCDOK_USER=karin audit-log --format tsv >out &&
	test $(grep -c "	sara	akt-list		listed 2 akter$" out) = 1 &&
	! grep -q "	olle	akt-list	" out &&
	SOCDOK_USER=admin audit-log --akt 2 --format tsv >out &&
	grep -q "	olle	akt-list	2	listed 1 akter$" out
'

test_expect_success 'audit-log --unit names each akt of the unit a list showed' '
	SOCDOK_USER=admin audit-log --unit "Hemtjänst Norr" --format tsv >out &&
	grep -q "	sara	akt-list	1	listed 2 akter$" out &&
	grep -q "	sara	akt-list	3	listed 2 akter$" out &&
	! grep -q "	olle	akt-list	" out
'

test_expect_success 'a list showing a protected akt is read for audit-log --protected' '
	SOCDOK_USER=karin akt-protect 1 --reason "Skyddad identitet" >/dev/null &&
	SOCDOK_USER=erik akt-list >/dev/null &&
	SOCDOK_USER=karin audit-log --protected --format tsv >out &&
	grep -q "	erik	akt-list	1	listed " out &&
	! grep -q "	sara	akt-list	" out
'

test_expect_success 'the rows are kept by the day of their line (0245)' '
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown s JOIN
		access_log l ON l.id = s.log_id WHERE s.day <> unixepoch(l.at) / 86400" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'a database from before 0245 keeps every row, each under its day' '
	cp "$SOCDOK_DB" before.db && rm -f before.db-wal before.db-shm &&
	sqlite3 "$SOCDOK_DB" "SELECT akt_id, log_id, protected FROM access_shown
		ORDER BY 1, 2" >expect &&
	sqlite3 before.db "CREATE TABLE s0 (akt_id INTEGER NOT NULL, log_id
		INTEGER NOT NULL, protected INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (akt_id, log_id)) STRICT, WITHOUT ROWID;
		INSERT INTO s0 SELECT akt_id, log_id, protected FROM access_shown;
		DROP TABLE access_shown; ALTER TABLE s0 RENAME TO access_shown;
		DELETE FROM schema_migration WHERE num = 245" &&
	v=$(sqlite3 before.db "SELECT max(num) FROM schema_migration") &&
	sqlite3 before.db "PRAGMA user_version = $v" &&
	SOCDOK_DB=$PWD/before.db SOCDOK_USER=admin audit-log --akt 2 >/dev/null &&
	test "$(sqlite3 before.db "SELECT count(*) FROM schema_migration
		WHERE num = 245")" = 1 &&
	sqlite3 before.db "SELECT akt_id, log_id, protected FROM access_shown
		ORDER BY 1, 2" | grep -Fxf expect >got &&
	test_cmp expect got &&
	sqlite3 before.db "SELECT count(*) FROM access_shown s JOIN access_log l
		ON l.id = s.log_id WHERE s.day <> unixepoch(l.at) / 86400" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'the rows cannot be changed or removed but by gallra' '
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown") &&
	test "$n" -gt 10 &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM access_shown" 2>err &&
	! sqlite3 "$SOCDOK_DB" "UPDATE access_shown SET akt_id = 2" 2>err &&
	grep -q "the access log cannot be changed" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown")" = "$n"
'

test_expect_success 'gallra --execute erases the rows of the akt it purges' '
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown WHERE akt_id = 3")" -gt 0 &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" \
		--as-of 2035-01-01 --preserve-dir . >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = 3")" = 0 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown WHERE akt_id = 3")" = 0 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_shown WHERE akt_id = 1")" -gt 0 &&
	akt-verify --all >/dev/null
'

test_expect_success 'one statement per list, however long' '
	grep -c "INSERT OR IGNORE INTO access_shown" "$T_TOP/lib/log.c" >n &&
	echo 1 >expect && test_cmp expect n
'

test_done
