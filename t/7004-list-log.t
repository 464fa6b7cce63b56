#!/bin/sh
# Lists are reads too: akt-list, followup-due, ivo-report, gallra and
# audit-log log which akter they showed (issue 18), one access-log line
# per run and the akter in access_list (a row per bucket of 128 ids since
# 0260, a row per akt in access_shown before), so that audit-log --akt N
# answers who saw N, through which program and when, in lists too.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
P3=$(t_pnr 19520716 789)

# The akter the last access-log line showed, one a line.
last_shown() {
	sqlite3 "$SOCDOK_DB" "SELECT j.value FROM access_list x,
		json_each(x.akter) j WHERE x.log_id = (SELECT max(id) FROM
		access_log) ORDER BY 1"
}
# Every akt a list showed in database $1: akt, line, protected.
shown_rows() {
	sqlite3 "$1" "SELECT j.value, x.log_id, ifnull(instr(',' ||
		trim(x.protected, '[]') || ',', ',' || j.value || ','), 0) > 0
		FROM access_list x, json_each(x.akter) j ORDER BY 1, 2"
}
# What audit-log answers in database $1, at one time, in every form:
# each akt as admin, --protected, --unit, an enhetschef's whole log.
audit_all() {
	for a in 1 2 3; do
		t_at "2030-01-01 12:00:00" env SOCDOK_DB="$1" SOCDOK_USER=admin \
			audit-log --akt $a --format tsv || return 1
	done
	t_at "2030-01-01 12:00:00" env SOCDOK_DB="$1" SOCDOK_USER=admin \
		audit-log --protected --format json &&
	t_at "2030-01-01 12:00:00" env SOCDOK_DB="$1" SOCDOK_USER=admin \
		audit-log --unit "Hemtjänst Norr" --format csv &&
	t_at "2030-01-01 12:00:00" env SOCDOK_DB="$1" SOCDOK_USER=karin \
		audit-log &&
	t_at "2030-01-01 12:00:00" env SOCDOK_DB="$1" SOCDOK_USER=admin \
		audit-log --format tsv
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

test_expect_success 'a list writes a row per bucket of 128 akter, ascending (0260)' '
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM (SELECT x.bucket, j.value AS v,
		lag(j.value) OVER (PARTITION BY x.id ORDER BY j.key) AS p FROM
		access_list x, json_each(x.akter) j) WHERE v >> 7 <> bucket OR
		v <= p" >got &&
	echo 0 >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_list
		WHERE akter GLOB '\''*[^0-9,[]]*'\'' OR protected = '\''[]'\''" >got &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_list x JOIN
		access_list y ON y.log_id = x.log_id AND y.bucket = x.bucket AND
		y.id <> x.id" >got &&
	test_cmp expect got
'

test_expect_success 'a database from before 0260: every row kept, the same answers' '
	cp "$SOCDOK_DB" new.db && rm -f new.db-wal new.db-shm &&
	shown_rows new.db >expect &&
	test "$(sed -n "/|1\$/p" expect | wc -l)" -gt 0 &&
	cp new.db old.db &&
	sqlite3 old.db "CREATE TABLE access_shown (day INTEGER NOT NULL,
		akt_id INTEGER NOT NULL, log_id INTEGER NOT NULL, protected
		INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
		PRIMARY KEY (day, akt_id, log_id)) STRICT, WITHOUT ROWID;
		INSERT INTO access_shown SELECT ifnull(unixepoch(l.at) / 86400, 0),
		j.value, x.log_id, ifnull(instr(\",\" || trim(x.protected, \"[]\")
		|| \",\", \",\" || j.value || \",\"), 0) > 0 FROM access_list x
		JOIN json_each(x.akter) j LEFT JOIN access_log l ON l.id = x.log_id;
		DROP TABLE access_list;
		DELETE FROM schema_migration WHERE num = 260" &&
	v=$(sqlite3 old.db "SELECT max(num) FROM schema_migration") &&
	sqlite3 old.db "PRAGMA user_version = $v" &&
	test "$(sqlite3 old.db "SELECT count(*) FROM access_shown")" = \
		"$(wc -l <expect)" &&
	audit_all new.db >want &&
	audit_all old.db >got &&
	test "$(sqlite3 old.db "SELECT count(*) FROM schema_migration
		WHERE num = 260")" = 1 &&
	test_cmp want got &&
	grep -q "	akt-list	1	listed " want &&
	shown_rows old.db >got &&
	shown_rows new.db >want &&
	test_cmp want got
'

test_expect_success 'the rows cannot be changed or removed but by gallra' '
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_list") &&
	test "$n" -gt 3 &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM access_list" 2>err &&
	! sqlite3 "$SOCDOK_DB" "UPDATE access_list SET akter = '\''[2]'\''" 2>err &&
	# (gallra alone may: outside socdok the trigger finds no sd_purging)
	grep -q "no such function: sd_purging" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_list")" = "$n"
'

test_expect_success 'gallra --execute erases the rows of the akt it purges' '
	shown_rows "$SOCDOK_DB" >before &&
	grep -q "^3|" before &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" \
		--as-of 2035-01-01 --preserve-dir . >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE id = 3")" = 0 &&
	shown_rows "$SOCDOK_DB" >after &&
	grep -v "^3|" before >expect &&
	test_cmp expect after &&
	grep -q "^1|" after &&
	akt-verify --all >/dev/null
'

test_expect_success 'one prepared statement per list, however long' '
	grep -c "INSERT INTO access_list" "$T_TOP/lib/log.c" >n &&
	echo 1 >expect && test_cmp expect n
'

test_done
