#!/bin/sh
# gp-followup: follow-ups and the kontaktperson's conversations (seed 002)
# are stored as dated events with a journal note each, never as
# precomputed deadlines: the follow-up report computes those.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt before its plan' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md
'

test_expect_success 'talks before the first plan belong to the akt' '
	SOCDOK_USER=sara gp-followup --akt 1 --kind introduktionssamtal \
		--date 2026-01-16 -m "Åsa berättade om sina vanor." >out &&
	test ! -s out &&
	SOCDOK_USER=sara gp-followup --akt "$P1" --kind planeringssamtal --date 2026-02-10 &&
	cat >expect <<-\EOF &&
	1|1||introduktionssamtal|2026-01-16|1|sara
	2|1||planeringssamtal|2026-02-10|2|sara
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT f.id, f.akt_id, f.gp_id, f.kind, f.fdate, f.note_id, s.login FROM followup f JOIN staff s ON s.id = f.recorded_by ORDER BY f.id" >got &&
	test_cmp expect got
'

test_expect_success 'a follow-up of the plan itself needs a plan' '
	test_refused 65 "gp-followup: akt 1 has no plan yet; write one with gp-new" \
		env SOCDOK_USER=sara gp-followup --akt 1 &&
	test_refused 65 "gp-followup: akt 1 has no plan yet" \
		env SOCDOK_USER=sara gp-followup --akt 1 --kind uppfoljningssamtal
'

test_expect_success 'follow-ups of a plan: dated events, each with its note' '
	SOCDOK_USER=sara gp-new 1 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=sara gp-followup 1 --kind uppfoljningssamtal --date 2026-02-25 \
		-m "Åsa tycker att handlingen fungerar." &&
	SOCDOK_USER=sara gp-followup 1 &&
	cat >expect <<-\EOF &&
	3|1|1|uppfoljningssamtal|2026-02-25
	4|1|1|uppfoljning|2026-03-02
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, akt_id, gp_id, kind, fdate FROM followup WHERE gp_id IS NOT NULL ORDER BY id" >got &&
	test_cmp expect got
'

test_expect_success 'the journal notes: category uppföljning, dated the event' '
	cat >expect <<-\EOF &&
	1|2026-01-16|uppföljning|Introduktionssamtal 2026-01-16.

	Åsa berättade om sina vanor.
	2|2026-02-10|uppföljning|Planeringssamtal 2026-02-10.
	4|2026-02-25|uppföljning|Uppföljningssamtal 2026-02-25 (genomförandeplan version 1, 2026-02-10).

	Åsa tycker att handlingen fungerar.
	5|2026-03-02|uppföljning|Uppföljning av genomförandeplanen 2026-03-02 (genomförandeplan version 1, 2026-02-10).
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT n.seq, n.event_date, n.category, n.body FROM followup f JOIN note n ON n.id = f.note_id ORDER BY f.id" >got &&
	test_cmp expect got
'

test_expect_success 'gp-show names the last follow-up' '
	SOCDOK_USER=sara gp-show 1 >out &&
	grep -x "last follow-up: 2026-03-02 (uppfoljning)" out &&
	SOCDOK_USER=sara gp-show 1 --format json >out &&
	echo "2026-03-02|2" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT json_extract(j, '\''\$.last_followup'\''), json_array_length(j, '\''\$.followups'\'') FROM (SELECT readfile('\''out'\'') AS j)" >got &&
	test_cmp expect got
'

test_expect_success 'a follow-up under --akt goes to the current plan' '
	SOCDOK_USER=sara gp-followup --akt 1 --kind uppfoljningssamtal --date 2026-03-01 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT gp_id FROM followup ORDER BY id DESC LIMIT 1")" = 1
'

test_expect_success 'gp-followup refusals change nothing' '
	test_refused 64 "gp-followup: unknown kind '\''kaffe'\''; use uppfoljning, uppfoljningssamtal, planeringssamtal, introduktionssamtal, handlaggare-uppfoljning or trygghetslarm" \
		env SOCDOK_USER=sara gp-followup 1 --kind kaffe &&
	test_refused 65 "gp-followup: --date 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara gp-followup 1 --date 2026-03-03 &&
	test_refused 65 "gp-followup: --date 2026-02-09 is before the plan date (2026-02-10)" \
		env SOCDOK_USER=sara gp-followup 1 --date 2026-02-09 &&
	test_refused 65 "gp-followup: event date 2026-01-14 is before akt 1 was opened (2026-01-15)" \
		env SOCDOK_USER=sara gp-followup --akt 1 --kind introduktionssamtal --date 2026-01-14 &&
	test_refused 65 "gp-followup: -m has a byte that is not UTF-8" \
		env SOCDOK_USER=sara gp-followup 1 -m "$(printf "\377")" &&
	test_refused 64 "usage: gp-followup" env SOCDOK_USER=sara gp-followup &&
	test_refused 66 "gp-followup: no plan 7" env SOCDOK_USER=sara gp-followup --plan 7 &&
	test_refused 77 "gp-followup: an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv gp-followup 1 &&
	test_refused 77 "gp-followup: akt 1 belongs to unit '\''Hemtjänst Norr'\'', which is not yours" \
		env SOCDOK_USER=olle gp-followup 1
'

test_expect_success 'a replaced plan is not followed up' '
	SOCDOK_USER=sara gp-new 1 -F plan.md >/dev/null &&
	test_refused 65 "gp-followup: plan 1 (version 1) was replaced on 2026-03-02; use the current plan 2 (version 2)" \
		env SOCDOK_USER=sara gp-followup --plan 1
'

test_expect_success 'a closed akt is refused' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-02'\'' WHERE id = 1" &&
	test_refused 65 "gp-followup: akt 1 is closed (since 2026-03-02)" \
		env SOCDOK_USER=sara gp-followup --plan 2
'

test_expect_success 'the database refuses to change or delete a follow-up' '
	! sqlite3 "$SOCDOK_DB" "UPDATE followup SET fdate = '\''2026-01-01'\''" 2>/dev/null &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM followup" 2>/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM followup")" = 5
'

test_expect_success 'follow-ups are logged' '
	cat >expect <<-\EOF &&
	gp-followup|1|recorded introduktionssamtal on 2026-01-16
	gp-followup|1|recorded planeringssamtal on 2026-02-10
	gp-followup|1|recorded uppfoljningssamtal of plan 1 on 2026-02-25
	gp-followup|1|recorded uppfoljning of plan 1 on 2026-03-02
	gp-followup|1|recorded uppfoljningssamtal of plan 1 on 2026-03-01
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT program, akt_id, what FROM access_log WHERE program = '\''gp-followup'\'' AND what NOT LIKE '\''refused:%'\'' ORDER BY id" >got &&
	test_cmp expect got
'

test_done
