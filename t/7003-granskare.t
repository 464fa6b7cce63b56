#!/bin/sh
# The granskare (auditor): reads every akt of every unit and the whole
# access log, and writes nothing - every command that would change
# anything is refused with 77 and logged as a refusal.  An arkivarie
# reads the access log of the akter they handle (the closed ones).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: two units, a granskare, two akter, one closed' '
	setup_world &&
	staff-add greta --name "Greta Granskare" --title "inspektör" \
		--role granskare &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Besök." >/dev/null &&
	SOCDOK_USER=olle journal-add 2 -m "Samtal." >/dev/null &&
	SOCDOK_USER=olle akt-close 2 -m "Flyttat." >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT role FROM staff WHERE login = '\''greta'\''")" = granskare
'

test_expect_success 'staff-list shows the role' '
	SOCDOK_USER=admin staff-list --format tsv >out &&
	grep "^greta	.*granskare" out
'

test_expect_success 'a granskare reads every akt of every unit' '
	SOCDOK_USER=greta akt-list --all --format ids >out 2>err ||
	SOCDOK_USER=greta akt-list --format ids >out &&
	SOCDOK_USER=greta akt-show 1 >/dev/null &&
	SOCDOK_USER=greta akt-show 2 >/dev/null &&
	SOCDOK_USER=greta journal-show 2 >out &&
	grep "Samtal." out &&
	SOCDOK_USER=greta akt-export 1 --format json >/dev/null
'

test_expect_success 'what a granskare reads is logged' '
	SOCDOK_USER=greta akt-show 1 >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT login || '\''|'\'' || program || '\''|'\'' || akt_id FROM access_log ORDER BY id DESC LIMIT 1")" = "greta|akt-show|1"
'

test_expect_success 'a granskare reads the whole access log' '
	SOCDOK_USER=greta audit-log --format tsv >out &&
	grep "	olle	akt-new	2	" out &&
	grep "	sara	akt-new	1	" out &&
	SOCDOK_USER=greta audit-log --akt 2 --format tsv >out &&
	grep "	olle	journal-add	2	" out
'

test_expect_success 'every write of a granskare is refused (77) and logged as refused' '
	echo "# Plan" >plan.md &&
	while read cmd; do
		test_refused 77 "" env SOCDOK_USER=greta sh -c "$cmd" ||
		{ echo "not refused: $cmd" >&2; return 1; }
	done <<-EOF
	journal-add 1 -m "Granskat."
	akt-new $(t_pnr 19500505 789) --name "Lind, Lars" --unit "Hemtjänst Norr"
	insats-add 1 --kind boendestöd --decided 2026-01-10
	insats-start 1 --date 2026-01-20
	gp-new 1 -F plan.md
	akt-set 1 --name "Annan, Anna" -m "fel"
	journal-correct 1:1 -m "Rättelse."
	akt-reopen 2 -m "Fel."
	gallra --execute --decision "KS 1" --preserve-dir .
	akt-protect 1 --reason "skydd"
	EOF
	test_refused 77 "only an administrator may add staff" \
		env SOCDOK_USER=greta staff-add greta --name "Greta" --title "chef" --role admin &&
	test_refused 77 "only an administrator may add staff" \
		env SOCDOK_USER=greta staff-add nisse --name "Nisse" --title "x" --unit "Hemtjänst Norr" &&
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE closed IS NULL") &&
	test_must_fail 77 env SOCDOK_USER=greta akt-close 1 -m "Stängd." >/dev/null 2>err &&
	grep "^akt-close: a granskare may read akt 1 but not close it" err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE closed IS NULL")" = "$n"
'

test_expect_success 'a write through no check of its own is refused by the database (77)' '
	test_refused 77 "a granskare may read but not change anything" \
		env SOCDOK_USER=greta rules-load share/rules.tsv 2>/dev/null ||
	test_refused 77 "granskare" env SOCDOK_USER=greta akt-new \
		"$(t_pnr 19500505 789)" --name "Lind, Lars" --unit "Hemtjänst Norr"
'

test_expect_success 'an arkivarie reads the access log of closed akter only' '
	test_refused 77 "akt 1 is open; an arkivarie reads the access log of the closed akter they handle" \
		env SOCDOK_USER=arkiv audit-log --akt 1 &&
	SOCDOK_USER=arkiv audit-log --format tsv >out &&
	sed 1d out | cut -f 4 | sort -u >got &&
	# (and, about no one akt, the lists that showed akt 2)
	printf "\n2\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=arkiv audit-log --akt 2 --format tsv >out &&
	grep "	olle	akt-close	2	" out
'

test_done
