#!/bin/sh
# Every gp program names what it works on the same way: AKT (a bare
# argument is always an akt), --akt AKT or --plan PLAN; gp-sign and
# gp-followup, which once took a bare plan id, still take one where it
# can be read only one way.  Words typed with or without å, ä, ö are the
# same word (företrädare, uppföljningssamtal, insats kinds, reasons).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: akt 1 with plans 1 and 3, akt 2 with plan 2' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md &&
	SOCDOK_USER=sara gp-new 1 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=sara gp-new --akt 2 -F plan.md --date 2026-02-10 >/dev/null &&
	sed s/tisdagar/onsdagar/ plan.md >plan2.md &&
	SOCDOK_USER=sara gp-new --plan 1 -F plan2.md --date 2026-02-20 >id &&
	echo 3 >expect && test_cmp expect id &&
	sqlite3 "$SOCDOK_DB" "SELECT id, akt_id, version FROM gp ORDER BY id" >got &&
	printf "1|1|1\n2|2|1\n3|1|2\n" >expect && test_cmp expect got
'

test_expect_success 'every usage line names AKT, --akt AKT and --plan PLAN' '
	for p in gp-new gp-show gp-sign gp-followup; do
		$p --help | grep -q "AKT|--akt AKT|--plan PLAN" ||
		{ echo "$p"; return 1; }
	done
'

test_expect_success 'gp-show: a bare argument, --akt and --plan' '
	SOCDOK_USER=sara gp-show 1 --format json >a &&
	SOCDOK_USER=sara gp-show --akt 1 --format json >b &&
	SOCDOK_USER=sara gp-show --plan 3 --format json >c &&
	SOCDOK_USER=sara gp-show --akt "$P1" --format json >d &&
	test_cmp a b && test_cmp a c && test_cmp a d &&
	test_refused 64 "usage: gp-show" env SOCDOK_USER=sara gp-show 1 --akt 1 &&
	test_refused 64 "usage: gp-show" env SOCDOK_USER=sara gp-show --akt 1 --plan 3
'

test_expect_success 'gp-sign: a bare akt, with företrädare spelt either way' '
	SOCDOK_USER=sara gp-sign "$P1" --by kontaktperson --name Sara --date 2026-02-21 &&
	SOCDOK_USER=sara gp-sign --akt 1 --by företrädare --name "Gun Godman" --date 2026-02-21 &&
	SOCDOK_USER=sara gp-sign --plan 3 --by FORETRADARE --name "Fia Förvaltare" --date 2026-02-21 &&
	sqlite3 "$SOCDOK_DB" "SELECT gp_id, signer, name FROM gp_signature ORDER BY id" >got &&
	cat >expect <<-\EOF &&
	3|kontaktperson|Sara
	3|foretradare|Gun Godman
	3|foretradare|Fia Förvaltare
	EOF
	test_cmp expect got
'

test_expect_success 'a bare number read two ways is refused; read one way, taken' '
	test_refused 64 "'\''1'\'' names akt 1 and also plan 1, which is not that akt'\''s current plan; say --akt 1 or --plan 1" \
		env SOCDOK_USER=sara gp-sign 1 --by brukare &&
	test_refused 64 "say --akt 1 or --plan 1" \
		env SOCDOK_USER=sara gp-followup 1 &&
	SOCDOK_USER=sara gp-sign 2 --by brukare --date 2026-02-22 &&
	SOCDOK_USER=sara gp-sign 3 --by brukare --date 2026-02-22 &&
	sqlite3 "$SOCDOK_DB" "SELECT gp_id FROM gp_signature WHERE signer = '\''brukare'\'' ORDER BY id" >got &&
	printf "2\n3\n" >expect && test_cmp expect got
'

test_expect_success 'gp-followup: uppföljningssamtal spelt either way, by akt or plan' '
	SOCDOK_USER=sara gp-followup --akt 1 --kind uppföljningssamtal --date 2026-02-23 &&
	SOCDOK_USER=sara gp-followup --plan 3 --kind uppfoljningssamtal --date 2026-02-24 &&
	SOCDOK_USER=sara gp-followup --akt 1 --kind Planeringssamtal --date 2026-02-24 &&
	sqlite3 "$SOCDOK_DB" "SELECT gp_id, kind, fdate FROM followup ORDER BY id" >got &&
	cat >expect <<-\EOF &&
	3|uppfoljningssamtal|2026-02-23
	3|uppfoljningssamtal|2026-02-24
	|planeringssamtal|2026-02-24
	EOF
	test_cmp expect got &&
	test_refused 64 "unknown kind '\''kaffe'\''" env SOCDOK_USER=sara \
		gp-followup --akt 1 --kind kaffe
'

test_expect_success 'insats kinds and cancel reasons spelt either way' '
	SOCDOK_USER=sara insats-add 1 --kind Hemtjanst --decided 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind "bostad med sarskild service" --decided 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara insats-cancel 2 --date 2026-02-20 --reason Aterkallat -m "Nämnden" &&
	sqlite3 "$SOCDOK_DB" "SELECT kind, cancel_reason FROM insats ORDER BY id" >got &&
	cat >expect <<-\EOF &&
	hemtjänst|
	bostad med särskild service|återkallat
	EOF
	test_cmp expect got
'

test_done
