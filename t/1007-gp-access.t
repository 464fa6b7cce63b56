#!/bin/sh
# Plans and the access log: every read and change of a plan is logged
# once, other units' plans are not shown, and a plan, its note and its
# follow-ups are written in one transaction or not at all.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

log_count() {
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log"
}
last_log() {
	sqlite3 "$SOCDOK_DB" "SELECT at, login, program, ifnull(akt_id, '-'), what FROM access_log ORDER BY id DESC LIMIT 1"
}
at_nine() {
	faketime -f "2026-03-02 09:00:00" "$@"
}

test_expect_success 'set up: two akter in two units' '
	setup_world "2026-03-02 09:00:00" &&
	at_nine env SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 \
		--kontaktperson sara >/dev/null &&
	at_nine env SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md
'

test_expect_success 'every read or change of a plan writes exactly one log line' '
	while IFS="#" read user expect_line cmd; do
		n=$(log_count) &&
		at_nine env SOCDOK_USER=$user sh -c "$cmd" >/dev/null &&
		test "$(log_count)" = $((n + 1)) &&
		last_log >got &&
		echo "2026-03-02T08:00:00Z|$user|$expect_line" >expect &&
		test_cmp expect got || return 1
	done <<-EOF
	sara#gp-new|1|read akt for a plan template#gp-new 1 --template
	sara#gp-new|1|wrote plan 1 (version 1)#gp-new 1 -F plan.md --date 2026-02-01
	sara#gp-new|1|wrote plan 2 (version 2)#gp-new $P1 -F plan.md
	sara#gp-show|1|read plan 2#gp-show 1
	erik#gp-show|1|read plan 1#gp-show $P1 --version 1 --format json
	sara#gp-show|1|read plan 1#gp-show --plan 1 --format md
	sara#gp-show|1|read every plan version (2)#gp-show 1 --all
	sara#gp-show|1|read plan versions 1 and 2 (diff)#gp-show 1 --diff 1 2
	arkiv#gp-show|1|read plan 2#gp-show 1
	sara#gp-sign|1|signed plan 2 for brukare on 2026-03-02#gp-sign --plan 2 --by brukare
	sara#gp-followup|1|recorded uppfoljning of plan 2 on 2026-03-02#gp-followup --plan 2
	EOF
'

test_expect_success 'the editor path logs the read of the current plan, then the write' '
	cat >ed <<-EOF &&
	#!/bin/sh
	cp "$T_DIR/plan.md" "\$1"
	EOF
	chmod +x ed &&
	n=$(log_count) &&
	at_nine env SOCDOK_USER=sara EDITOR="$T_DIR/ed" gp-new 1 -e </dev/null >/dev/null &&
	cat >expect <<-\EOF &&
	2026-03-02T08:00:00Z|sara|gp-new|1|read the current plan to edit
	2026-03-02T08:00:00Z|sara|gp-new|1|wrote plan 3 (version 3)
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT at, login, program, akt_id, what FROM access_log WHERE id > $n ORDER BY id" >got &&
	test_cmp expect got
'

test_expect_success 'another unit'\''s plan is not shown, and the refusal is not a read' '
	test_refused 77 "gp-show: akt 1 belongs to unit '\''Hemtjänst Norr'\'', which is not yours" \
		env SOCDOK_USER=olle gp-show 1 &&
	test_refused 77 "gp-show: akt 1 belongs to unit '\''Hemtjänst Norr'\'', which is not yours" \
		env SOCDOK_USER=olle gp-show --plan 1 &&
	test_refused 66 "gp-show: no open akt for $P1; see akt-list" \
		env SOCDOK_USER=olle gp-show "$P1"
'

test_expect_success 'a user who is not staff is refused' '
	test_refused 77 "nobody" env SOCDOK_USER=nobody gp-show 1
'

test_expect_success 'the plan and its journal note are one transaction' '
	sqlite3 "$SOCDOK_DB" "CREATE TRIGGER t_fail BEFORE INSERT ON gp BEGIN SELECT RAISE(ABORT, '\''disk on fire'\''); END" &&
	db_snapshot before &&
	test_must_fail 65 env SOCDOK_USER=sara gp-new 1 -F plan.md 2>err &&
	grep "disk on fire" err &&
	db_snapshot after &&
	test_cmp before after &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER t_fail"
'

test_expect_success 'a follow-up and its journal note are one transaction' '
	sqlite3 "$SOCDOK_DB" "CREATE TRIGGER t_fail BEFORE INSERT ON followup BEGIN SELECT RAISE(ABORT, '\''disk on fire'\''); END" &&
	db_snapshot before &&
	test_must_fail 65 env SOCDOK_USER=sara gp-followup 3 2>err &&
	db_snapshot after &&
	test_cmp before after &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER t_fail"
'

test_expect_success DEVFULL 'a plan id that cannot be printed: the plan is kept, its id named (74)' '
	test_must_fail 74 env SOCDOK_USER=sara gp-new 1 -F plan.md >/dev/full 2>err &&
	id=$(sqlite3 "$SOCDOK_DB" "SELECT max(id) FROM gp") &&
	grep "^gp-new: write error: No space left on device; the write was committed all the same: $id\$" err
'

test_done
