#!/bin/sh
# gp-sign: the person, a representative and the kontaktperson sign the
# plan (seed 000, 002); it is established when the person or a
# representative has signed, or has declined to sign with a reason.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: two akter with a plan each' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	t_plan "Åsa var med." Sara >plan.md &&
	SOCDOK_USER=sara gp-new 1 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=olle gp-new 2 -F plan.md --date 2026-02-10 >/dev/null
'

status() {
	SOCDOK_USER=sara gp-show --plan "$1" | sed -n "/^status:/,/^last follow-up:/p" | sed "/^replaced\|^participation/d"
}

test_expect_success 'a new plan is a draft' '
	cat >expect <<-\EOF &&
	status:         draft (not signed by the person)
	signed:         -
	last follow-up: -
	EOF
	status 1 >got && test_cmp expect got
'

test_expect_success 'the kontaktperson signing does not establish it; gp-sign prints nothing' '
	SOCDOK_USER=sara gp-sign 1 --by kontaktperson --date 2026-02-11 >out &&
	test ! -s out &&
	cat >expect <<-\EOF &&
	status:         draft (not signed by the person)
	signed:         kontaktperson Sara Samordnare signed 2026-02-11
	last follow-up: -
	EOF
	status 1 >got && test_cmp expect got
'

test_expect_success 'the person signing establishes it, on the day of signing' '
	SOCDOK_USER=sara gp-sign 1 --by brukare --date 2026-02-12 &&
	cat >expect <<-\EOF &&
	status:         established 2026-02-12
	signed:         kontaktperson Sara Samordnare signed 2026-02-11
	                brukare Åberg, Åsa signed 2026-02-12
	last follow-up: -
	EOF
	status 1 >got && test_cmp expect got
'

test_expect_success 'signatures are stored with who recorded them' '
	echo "1|brukare|2026-02-12|Åberg, Åsa||sara" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT g.gp_id, g.signer, g.sign_date, g.name, g.declined, s.login FROM gp_signature g JOIN staff s ON s.id = g.recorded_by WHERE signer = '\''brukare'\''" >got &&
	test_cmp expect got
'

test_expect_success 'a plan is signed once by each' '
	test_refused 65 "gp-sign: plan 1 already has the brukare'\''s signature of 2026-02-12; a plan is signed once" \
		env SOCDOK_USER=sara gp-sign 1 --by brukare &&
	test_refused 65 "gp-sign: plan 1 already has the brukare'\''s signature or refusal of 2026-02-12" \
		env SOCDOK_USER=sara gp-sign 1 --by brukare --declined "ångrade sig" &&
	test_refused 65 "already has the kontaktperson'\''s signature" \
		env SOCDOK_USER=sara gp-sign 1 --by kontaktperson
'

test_expect_success 'a declined signature with its reason establishes the plan' '
	SOCDOK_USER=olle gp-sign 2 --by brukare --date 2026-02-13 \
		--declined "vill inte skriva under, men godkänner planen muntligt" &&
	cat >expect <<-\EOF &&
	status:         established 2026-02-13
	signed:         brukare Öberg, Örjan declined to sign 2026-02-13: vill inte skriva under, men godkänner planen muntligt
	last follow-up: -
	EOF
	SOCDOK_USER=olle gp-show 2 | sed -n "/^status:/,/^last follow-up:/p" | sed "/^replaced\|^participation/d" >got &&
	test_cmp expect got
'

test_expect_success 'who declined may sign later; representatives by name' '
	SOCDOK_USER=olle gp-sign 2 --by brukare --date 2026-02-20 &&
	SOCDOK_USER=olle gp-sign 2 --by foretradare --name "Gun Godman" --date 2026-02-20 &&
	SOCDOK_USER=olle gp-sign 2 --by foretradare --name "Fia Förvaltare" --date 2026-02-21 &&
	test_refused 65 "already has the foretradare'\''s signature" \
		env SOCDOK_USER=olle gp-sign 2 --by foretradare --name "Gun Godman" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gp_signature WHERE gp_id = 2")" = 4
'

test_expect_success 'a representative signing alone establishes the plan' '
	SOCDOK_USER=sara gp-new 1 -F plan.md --date 2026-02-25 >/dev/null &&
	SOCDOK_USER=sara gp-sign --akt "$P1" --by foretradare --name "Gun Godman" --date 2026-02-26 &&
	status 3 >got &&
	grep -x "status:         established 2026-02-26" got
'

test_expect_success 'gp-sign refusals change nothing' '
	test_refused 64 "gp-sign: unknown signer '\''mamma'\''; use --by brukare, foretradare or kontaktperson" \
		env SOCDOK_USER=sara gp-sign 3 --by mamma &&
	test_refused 64 "usage: gp-sign" env SOCDOK_USER=sara gp-sign 3 &&
	test_refused 64 "gp-sign: give the signer'\''s --name (akt 1 has no företrädare on record)" \
		env SOCDOK_USER=sara gp-sign 3 --by foretradare --date 2026-02-27 &&
	test_refused 64 "gp-sign: --declined is for the person or their representative, not the kontaktperson" \
		env SOCDOK_USER=sara gp-sign 3 --by kontaktperson --declined nej &&
	test_refused 64 "gp-sign: --declined must not be empty" \
		env SOCDOK_USER=sara gp-sign 3 --by brukare --declined " " &&
	test_refused 65 "gp-sign: --date 2026-02-24 is before the plan date (2026-02-25); check the date" \
		env SOCDOK_USER=sara gp-sign 3 --by brukare --date 2026-02-24 &&
	test_refused 65 "gp-sign: --date 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara gp-sign 3 --by brukare --date 2026-03-03 &&
	test_refused 64 "gp-sign: bad date '\''2026-3-1'\'' for --date" \
		env SOCDOK_USER=sara gp-sign 3 --by brukare --date 2026-3-1 &&
	test_refused 65 "gp-sign: plan 1 (version 1) was replaced on 2026-02-25; use the current plan 3 (version 2)" \
		env SOCDOK_USER=sara gp-sign --plan 1 --by foretradare --name "Gun Godman" &&
	test_refused 66 "gp-sign: no plan 9; see gp-show AKT" \
		env SOCDOK_USER=sara gp-sign --plan 9 --by brukare &&
	test_refused 64 "gp-sign: bad plan id '\''x'\''" \
		env SOCDOK_USER=sara gp-sign --plan x --by brukare &&
	test_refused 77 "gp-sign: akt 2 belongs to unit '\''Boendestöd Väst'\'', which is not yours" \
		env SOCDOK_USER=sara gp-sign 2 --by kontaktperson --name Sara &&
	test_refused 77 "gp-sign: an arkivarie may read akt 1 but not change it" \
		env SOCDOK_USER=arkiv gp-sign 3 --by brukare &&
	test_refused 65 "gp-sign: --name must be one line without control characters" \
		env SOCDOK_USER=sara gp-sign 3 --by foretradare --name "$(printf "a\nb")"
'

test_expect_success 'an akt without a plan, or closed, is refused' '
	P3=$(t_pnr 19500101 789) &&
	SOCDOK_USER=sara akt-new "$P3" --name "Berg, Bo" --unit "Hemtjänst Norr" >/dev/null &&
	test_refused 65 "gp-sign: akt 3 has no plan yet; write one with gp-new" \
		env SOCDOK_USER=sara gp-sign --akt 3 --by brukare &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-01'\'' WHERE id = 1" &&
	test_refused 65 "gp-sign: akt 1 is closed (since 2026-03-01)" \
		env SOCDOK_USER=sara gp-sign --plan 3 --by brukare
'

test_expect_success 'signing is logged' '
	echo "olle|gp-sign|2|signed plan 2 for foretradare on 2026-02-21" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log WHERE program = '\''gp-sign'\'' AND akt_id = 2 AND what NOT LIKE '\''refused:%'\'' ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE what LIKE '\''recorded a refusal%'\''" >got &&
	echo "recorded a refusal to sign plan 2 for brukare on 2026-02-13" >expect &&
	test_cmp expect got
'

test_done
