#!/bin/sh
# staff-add, staff-list, staff-end: the staff register, who is acting
# (SOCDOK_USER), and the refusal of users who are not active staff.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: an admin and staff in two units' '
	setup_world
'

test_expect_success 'staff-list: aligned text in Swedish name order' '
	cat >expect <<-\EOF &&
	login  name             title           role        units            email              active
	admin  Ada Admin        administratör   admin                                           1
	arkiv  Arne Arkiv       arkivarie       arkivarie                                       1
	erik   Erik Ek          vårdbiträde     personal    Hemtjänst Norr                      1
	karin  Karin Chef       enhetschef      enhetschef  Hemtjänst Norr   karin@example.org  1
	olle   Olle Öst         stödpedagog     samordnare  Boendestöd Väst                     1
	sara   Sara Samordnare  undersköterska  samordnare  Hemtjänst Norr   sara@example.org   1
	EOF
	staff-list >out &&
	test_cmp expect out
'

test_expect_success 'staff-list --format tsv: one line per staff member' '
	printf "login\tname\ttitle\trole\tunits\temail\tactive\n" >expect &&
	printf "olle\tOlle Öst\tstödpedagog\tsamordnare\tBoendestöd Väst\t\t1\n" >>expect &&
	staff-list --format tsv >out &&
	sed -n "1p;/^olle/p" out >got &&
	test_cmp expect got
'

test_expect_success 'staff-list --format csv reads back with a CSV parser' '
	staff-list --format csv >out.csv &&
	python3 -c "
import csv, sys
rows = list(csv.reader(open(\"out.csv\", newline=\"\", encoding=\"utf-8\")))
for r in rows:
    print(\"|\".join(r))
" >got &&
	sed -n "1p;/^olle/p" got >two &&
	printf "login|name|title|role|units|email|active\nolle|Olle Öst|stödpedagog|samordnare|Boendestöd Väst||1\n" >expect &&
	test_cmp expect two &&
	test "$(wc -l <got)" = 7
'

test_expect_success 'staff-list --format json is valid, with null and numbers' '
	staff-list --format json >out.json &&
	python3 -m json.tool out.json >/dev/null &&
	jq -r ".[] | select(.login == \"olle\") | [.name, .units, (.email == null), .active] | @tsv" out.json >got &&
	printf "Olle Öst\tBoendestöd Väst\ttrue\t1\n" >expect &&
	test_cmp expect got
'

test_expect_success 'staff-list refuses an unknown format' '
	test_must_fail 64 staff-list --format xml 2>err &&
	grep "unknown format .xml.; use one of: text, tsv, csv, json" err
'

test_expect_success 'only an administrator may add staff' '
	test_refused 77 "only an administrator may add staff" \
		env SOCDOK_USER=karin staff-add nina --name "Nina N" \
		--title vårdbiträde --unit "Hemtjänst Norr"
'

test_expect_success 'staff-add refuses an unknown role, naming the roles' '
	test_refused 64 "unknown role '\''chef'\''; use personal, samordnare, enhetschef, arkivarie, admin or granskare" \
		staff-add nina --name "Nina N" --title x --role chef
'

test_expect_success 'staff-add refuses a login with a space' '
	test_refused 65 "login '\''nina n'\'' must not contain spaces" \
		staff-add "nina n" --name "Nina N" --title x
'

test_expect_success 'staff-add refuses an empty name' '
	test_refused 64 "--name must not be empty" \
		staff-add nina --name "" --title x
'

test_expect_success 'staff-add refuses a name of two lines' '
	test_refused 65 "--name must be one line" \
		staff-add nina --name "Nina
N" --title x
'

test_expect_success 'a new login without --title is a usage error, naming both' '
	msg="staff-add: '\''nina'\'' is not staff yet; give --name and --title to add them" &&
	test_refused 64 "$msg" staff-add nina --name "Nina N" &&
	test_refused 64 "$msg" staff-add nina
'

test_expect_success 'staff-add again updates the member and adds a unit' '
	staff-add erik --name "Erik Ek" --title undersköterska \
		--unit "Boendestöd Väst" &&
	staff-list --format tsv | grep "^erik" >got &&
	printf "erik\tErik Ek\tundersköterska\tpersonal\tHemtjänst Norr,Boendestöd Väst\t\t1\n" >expect &&
	test_cmp expect got
'

test_expect_success 'staff-add of an existing login changes only what is given' '
	staff-add olle --role samordnare &&
	staff-list --format tsv | grep "^olle" | cut -f1-4 >before &&
	staff-add olle --email olle@kommun.se &&
	staff-list --format tsv | grep "^olle" | cut -f1-4 >after &&
	test_cmp before after &&
	test "$(staff-list --format tsv | grep "^olle" | cut -f4,6)" = "samordnare	olle@kommun.se" &&
	staff-add olle --role personal &&
	test "$(staff-list --format tsv | grep "^olle" | cut -f4,6)" = "personal	olle@kommun.se"
'

test_expect_success 'staff-add --unit creates a new unit on first use' '
	staff-add nina --name "Nina Nilsson" --title vårdbiträde \
		--unit "Daglig verksamhet Syd" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM unit WHERE name = '\''Daglig verksamhet Syd'\''")" = 1
'

test_expect_success 'staff-end marks a member gone, and keeps the record' '
	staff-end nina --date 2026-02-27 &&
	staff-list --format tsv | grep "^nina" >got &&
	printf "nina\tNina Nilsson\tvårdbiträde\tpersonal\tDaglig verksamhet Syd\t\t0\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT ended FROM staff WHERE login = '\''nina'\''")" = 2026-02-27
'

test_expect_success 'an inactive member is refused (77), naming the administrator' '
	for cmd in "staff-list" "akt-list" "audit-log"; do
		test_refused 77 "user '\''nina'\'' is no longer active staff; ask an administrator (admin)" \
			env SOCDOK_USER=nina $cmd || return 1
	done
'

test_expect_success 'staff-add re-activates a member who had ended' '
	staff-add nina --name "Nina Nilsson" --title vårdbiträde &&
	SOCDOK_USER=nina staff-list >/dev/null &&
	test -z "$(sqlite3 "$SOCDOK_DB" "SELECT ended FROM staff WHERE login = '\''nina'\''")"
'

test_expect_success 'staff-add --inactive registers someone already gone' '
	staff-add ulla --name "Ulla Förr" --title vårdbiträde \
		--unit "Hemtjänst Norr" --inactive &&
	staff-list --format tsv | grep "^ulla" | cut -f7 >got &&
	echo 0 >expect &&
	test_cmp expect got &&
	test_must_fail 77 env SOCDOK_USER=ulla akt-list
'

test_expect_success 'staff-end: an unknown login, a bad date, a non-admin' '
	test_refused 65 "no staff with login '\''nobody'\''; see staff-list" \
		staff-end nobody &&
	test_refused 65 "there is no date '\''2026-02-30'\'' (--date)" \
		staff-end erik --date 2026-02-30 &&
	test_refused 77 "only an administrator may end staff" \
		env SOCDOK_USER=karin staff-end erik
'

test_expect_success 'the last administrator cannot be ended or demoted' '
	test_refused 65 "'\''admin'\'' is the last active administrator" \
		staff-end admin &&
	test_refused 65 "'\''admin'\'' is the last active administrator" \
		staff-add admin --name "Ada Admin" --title x --inactive &&
	test_refused 65 "'\''admin'\'' is the last active administrator" \
		staff-add admin --name "Ada Admin" --title x --role personal
'

test_expect_success 'with a second administrator the first may leave' '
	staff-add bo --name "Bo Boss" --title "IT" --role admin &&
	staff-end admin &&
	test_must_fail 77 staff-list 2>err &&
	grep "ask an administrator (bo)" err &&
	SOCDOK_USER=bo staff-add admin --name "Ada Admin" \
		--title administratör --role admin &&
	staff-list >/dev/null
'

test_expect_success 'an unregistered user is refused (77) by every program' '
	for cmd in "staff-list" "akt-list" "akt-show 1" "audit-log" \
		"staff-add x --name X --title x" "staff-end erik" \
		"akt-new 19450312-1230 --name X --unit Hemtjänst" \
		"insats-add 1 --kind hemtjänst --decided 2026-01-01" \
		"insats-start 1" "insats-end 1"; do
		test_refused 77 "user '\''mallory'\'' is not registered staff; ask an administrator (admin, bo) to add you with '\''staff-add mallory" \
			env SOCDOK_USER=mallory $cmd || return 1
	done
'

test_expect_success 'SOCDOK_USER names the acting user' '
	SOCDOK_USER=sara akt-list >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	echo "sara|akt-list" >expect &&
	test_cmp expect got
'

test_expect_success 'without SOCDOK_USER the acting user is the real login' '
	me=$(id -un) &&
	(unset SOCDOK_USER; test_must_fail 77 staff-list 2>err) &&
	grep "user '\''$me'\'' is not registered staff" err
'

# Only root can make a program set-user-id to somebody else; and
# LeakSanitizer cannot work in a set-id process, so not in check-sanitize.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 &&
	! grep -qa __asan_init "$T_TOP/bin/staff-list"; then
test_expect_success 'a set-user-id program ignores SOCDOK_USER' '
	d=$(mktemp -d "$T_DIR/suid.XXXXXX") &&
	chmod 711 "$T_DIR" "$d" &&
	cp "$T_TOP/bin/staff-list" "$d/" &&
	mkdir -m 700 "$d/db" &&
	cp "$SOCDOK_DB" "$d/db/s.db" &&
	chown -R nobody "$d/db" "$d/staff-list" &&
	chmod 4755 "$d/staff-list" &&
	SOCDOK_USER=admin test_must_fail 77 "$d/staff-list" -d "$d/db/s.db" 2>err &&
	grep "runs set-id but was built without a server database" err
'
chmod 700 "$T_DIR"
fi

test_expect_success 'staff-add takes one mail address, nothing else' '
	test_refused 65 "bad --email '\''not an address'\''" \
		staff-add bad --name "Bo Bad" --title x --email "not an address" &&
	test_refused 65 "give one address" \
		staff-add bad --name "Bo Bad" --title x --email "a@b.se, evil@x.se" &&
	test_refused 65 "bad --email" \
		staff-add bad --name "Bo Bad" --title x --email "Bo <bo@kommun.se>" &&
	test_refused 65 "bad --email" staff-add bad --name "Bo Bad" --title x --email "bo@" &&
	staff-add bo --name "Bo Bra" --title x --email "bo.bra+hemtjanst@kommun.se" &&
	staff-list --format tsv | grep "^bo	.*bo.bra+hemtjanst@kommun.se"
'

test_done
