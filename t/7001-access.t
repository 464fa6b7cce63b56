#!/bin/sh
# The access log: one line for every read or change of a person's data,
# written with the real clock, unchangeable, and reviewed with audit-log.
# Also: who may see which akt, and the database's own permissions.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

# The last line of the access log, without its id.
last_log() {
	sqlite3 "$SOCDOK_DB" "SELECT at, login, program, ifnull(akt_id, '-'), what FROM access_log ORDER BY id DESC LIMIT 1"
}
log_count() {
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log"
}
# Run a command with the real clock stopped at 09:00 (Stockholm, CET: 08:00Z).
at_nine() {
	faketime -f "2026-03-02 09:00:00" "$@"
}

# Records are written in time order (issue 18, clock): the staff in
# 2025 (audit-log --since below), the akter on 2026-03-02 at 09:00, the
# reads that follow later.
test_expect_success 'set up: staff in two units' '
	setup_world "2025-06-01 12:00:00"
'

test_expect_success 'every read or change writes exactly one log line' '
	while IFS="#" read user expect_line cmd; do
		n=$(log_count) &&
		at_nine env SOCDOK_USER=$user sh -c "$cmd" >/dev/null &&
		test "$(log_count)" = $((n + 1)) &&
		last_log >got &&
		echo "2026-03-02T08:00:00Z|$user|$expect_line" >expect &&
		test_cmp expect got || return 1
	done <<-EOF
	sara#akt-new|1|opened akt at unit '\''Hemtjänst Norr'\''#akt-new $P1 --name "Åberg, Åsa" --unit "Hemtjänst Norr" --opened 2026-01-15
	sara#akt-show|1|read akt#akt-show 1
	erik#akt-show|1|read akt#akt-show $P1 --format json
	sara#akt-list|-|listed 1 akter#akt-list
	sara#akt-list|-|listed 0 akter (closed) of unit '\''Hemtjänst Norr'\''#akt-list --closed --unit "Hemtjänst Norr"
	sara#insats-add|1|added insats 1 (hemtjänst, beslut 2026-01-10)#insats-add 1 --kind hemtjänst --decided 2026-01-10
	sara#insats-start|1|started insats 1 on 2026-01-20#insats-start 1 --date 2026-01-20
	sara#insats-end|1|ended insats 1 on 2026-02-20#insats-end 1 --date 2026-02-20
	olle#akt-new|2|opened akt at unit '\''Boendestöd Väst'\''#akt-new $P2 --name "Öberg, Örjan" --unit "Boendestöd Väst"
	karin#audit-log|1|read the access log#audit-log --akt 1
	karin#audit-log|-|read the access log#audit-log --user sara
	admin#staff-add|-|registered staff '\''nina'\''#staff-add nina --name "Nina N" --title vårdbiträde --unit "Hemtjänst Norr"
	admin#staff-end|-|ended staff '\''nina'\''#staff-end nina
	EOF
'

test_expect_success 'the log time is the real clock, not SOCDOK_TODAY' '
	faketime -f "2026-03-03 09:00:00" env SOCDOK_USER=sara SOCDOK_TODAY=2026-03-02 \
		akt-show 1 >/dev/null &&
	last_log >got &&
	echo "2026-03-03T08:00:00Z|sara|akt-show|1|read akt" >expect &&
	test_cmp expect got
'

test_expect_success 'a refused read or write is logged, and changes nothing else' '
	n=$(log_count) &&
	faketime -f "2026-03-03 10:00:00" env SOCDOK_USER=sara akt-show 2 \
		>/dev/null 2>err; test $? = 77 &&
	test "$(log_count)" = $((n + 1)) &&
	last_log >got &&
	echo "2026-03-03T09:00:00Z|sara|akt-show|2|refused: $(sed "s/^akt-show: //" err)" >expect &&
	test_cmp expect got &&
	faketime -f "2026-03-03 10:00:00" env SOCDOK_USER=sara journal-add 2 \
		-m "Försök." 2>err; test $? = 77 &&
	last_log | cut -d"|" -f2-4 >got &&
	echo "sara|journal-add|2" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = 2")" = 0 &&
	test_refused 77 "akt 2 belongs to unit" env SOCDOK_USER=sara akt-show 2
'

test_expect_success 'an unregistered user is logged; other refusals and a dry run are not' '
	n=$(log_count) &&
	env SOCDOK_USER=mallory akt-show 1 2>/dev/null; test $? = 77 &&
	last_log | cut -d"|" -f2-4 >got &&
	echo "mallory|akt-show|-" >expect &&
	test_cmp expect got &&
	n=$(log_count) &&
	test_refused 66 "no akt 9" env SOCDOK_USER=sara akt-show 9 &&
	echo 2 | SOCDOK_USER=sara akt-close --dry-run -m x >/dev/null 2>&1; test $? = 77 &&
	test "$(log_count)" = "$n"
'

test_expect_success 'a plain sqlite3 UPDATE of the log is refused' '
	db_snapshot before &&
	! sqlite3 "$SOCDOK_DB" "UPDATE access_log SET login = '\''x'\'' WHERE id = 1" 2>err &&
	grep "the access log cannot be changed" err &&
	db_snapshot after &&
	test_cmp before after
'

test_expect_success 'a plain sqlite3 DELETE from the log is refused' '
	db_snapshot before &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM access_log WHERE login = '\''sara'\''" &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM access_log" &&
	db_snapshot after &&
	test_cmp before after
'

test_expect_success 'audit-log: an enhetschef sees the lines of her units' '
	SOCDOK_USER=karin audit-log --format tsv >out &&
	cut -f2-5 out >got &&
	cat >expect <<-\EOF &&
	login	program	akt	what
	sara	akt-new	1	opened akt at unit '\''Hemtjänst Norr'\''
	sara	akt-show	1	read akt
	erik	akt-show	1	read akt
	sara	akt-list		listed 1 akter
	sara	insats-add	1	added insats 1 (hemtjänst, beslut 2026-01-10)
	sara	insats-start	1	started insats 1 on 2026-01-20
	sara	insats-end	1	ended insats 1 on 2026-02-20
	karin	audit-log	1	read the access log
	karin	audit-log		read the access log
	sara	akt-show	1	read akt
	EOF
	test_cmp expect got
'

test_expect_success 'audit-log --user and --akt (by id or personnummer)' '
	SOCDOK_USER=karin audit-log --user erik --format tsv >out &&
	printf "at\tlogin\tprogram\takt\twhat\n2026-03-02T08:00:00Z\terik\takt-show\t1\tread akt\n" >expect &&
	test_cmp expect out &&
	audit-log --akt 2 --format tsv | cut -f3,5 | cut -d" " -f1-3 >got &&
	printf "program\twhat\nakt-new\topened akt at\nakt-show\trefused: akt 2\njournal-add\trefused: akt 2\nakt-show\trefused: akt 2\n" >expect &&
	test_cmp expect got &&
	audit-log --akt "$P2" --format tsv | cut -f3 >got2 &&
	printf "program\nakt-new\nakt-show\njournal-add\nakt-show\naudit-log\n" >expect &&
	test_cmp expect got2
'

test_expect_success 'audit-log --since and --until take dates' '
	audit-log --since 2025-01-01 --until 2025-12-31 --format tsv >out &&
	cat >expect <<-\EOF &&
	at	login	program	akt	what
	2025-06-01T10:00:00Z	admin	socdok-init		created the database
	2025-06-01T10:00:00Z	admin	staff-add		registered staff '\''sara'\''
	2025-06-01T10:00:00Z	admin	staff-add		registered staff '\''erik'\''
	2025-06-01T10:00:00Z	admin	staff-add		registered staff '\''karin'\''
	2025-06-01T10:00:00Z	admin	staff-add		registered staff '\''olle'\''
	2025-06-01T10:00:00Z	admin	staff-add		registered staff '\''arkiv'\''
	EOF
	test_cmp expect out &&
	audit-log --since 2026-03-03 --until 2026-03-03 --format tsv |
		cut -f1-4 >out &&
	cat >expect <<-\EOF &&
	at	login	program	akt
	2026-03-03T08:00:00Z	sara	akt-show	1
	2026-03-03T09:00:00Z	sara	akt-show	2
	2026-03-03T09:00:00Z	sara	journal-add	2
	EOF
	test_cmp expect out &&
	test_refused 65 "there is no date '\''2025-13-01'\'' (--since)" \
		audit-log --since 2025-13-01
'

test_expect_success 'audit-log --format csv and json read back' '
	SOCDOK_USER=karin audit-log --user erik --format csv >out.csv &&
	python3 -c "
import csv
for r in csv.reader(open(\"out.csv\", newline=\"\", encoding=\"utf-8\")):
    print(\"|\".join(r))
" >got &&
	printf "at|login|program|akt|what\n2026-03-02T08:00:00Z|erik|akt-show|1|read akt\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=karin audit-log --user erik --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r ".[] | [.login, .akt, .what] | @tsv" out.json >got &&
	printf "erik\t1\tread akt\n" >expect &&
	test_cmp expect got
'

test_expect_success 'audit-log is not for personal or samordnare (77)' '
	test_refused 77 "only an enhetschef, arkivarie, granskare or administrator may read the access log" \
		env SOCDOK_USER=sara audit-log &&
	test_refused 77 "only an enhetschef, arkivarie, granskare or administrator may read the access log" \
		env SOCDOK_USER=erik audit-log
'

test_expect_success 'audit-log --akt of another unit is refused (77)' '
	test_refused 77 "akt 2 belongs to unit '\''Boendestöd Väst'\''" \
		env SOCDOK_USER=karin audit-log --akt 2
'

test_expect_success 'a database readable by others is refused by every program' '
	chmod o+r "$SOCDOK_DB" &&
	n=$(log_count) &&
	for cmd in "akt-show 1" "akt-list" "audit-log" "staff-list" \
		"insats-add 1 --kind hemtjänst --decided 2026-01-10"; do
		test_must_fail 77 env SOCDOK_USER=sara $cmd 2>err &&
		grep "is open to other users (mode 0604); run '\''chmod o-rwx $SOCDOK_DB'\''" err ||
		{ chmod o-r "$SOCDOK_DB"; return 1; }
	done &&
	chmod o-r "$SOCDOK_DB" &&
	test "$(log_count)" = "$n"
'

test_expect_success 'a database writable by others is refused too' '
	chmod o+w "$SOCDOK_DB" &&
	test_must_fail 77 env SOCDOK_USER=sara akt-show 1 2>err;
	rc=$?; chmod o-w "$SOCDOK_DB"; test $rc = 0 &&
	grep "mode 0602" err
'

test_expect_success 'a group may share the database; others may pass its directory' '
	chmod 660 "$SOCDOK_DB" &&
	chmod 711 . &&
	SOCDOK_USER=sara akt-show 1 >/dev/null;
	rc=$?; chmod 600 "$SOCDOK_DB"; chmod 700 .; test $rc = 0
'

test_expect_success 'a directory others may list is refused, naming the chmod' '
	chmod 755 . &&
	test_must_fail 77 env SOCDOK_USER=sara akt-show 1 2>err;
	rc=$?; chmod 700 .; test $rc = 0 &&
	grep "the directory '\''$T_DIR'\'' of the database is open to other users (mode 0755); run '\''chmod o-rwx $T_DIR'\''" err
'

test_done
