#!/bin/sh
# akt-set: the name, kontaktperson, unit and företrädare of an akt change
# as facts that keep the old value, who, when and why (akt-show --history);
# a move to another unit is for an enhetschef of both units or an admin.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt per unit, a chef of both units' '
	setup_world &&
	staff-add vera --name "Vera Väst" --title "enhetschef" \
		--unit "Boendestöd Väst" --role enhetschef &&
	staff-add bodil --name "Bodil Båda" --title "enhetschef" \
		--unit "Hemtjänst Norr" --unit "Boendestöd Väst" --role enhetschef &&
	SOCDOK_USER=sara akt-new "$P1" --name "Aberg, Asa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" --unit "Boendestöd Väst" \
		--opened 2026-01-15 >/dev/null
'

test_expect_success 'refusals change nothing' '
	test_refused 64 "nothing to change" env SOCDOK_USER=sara akt-set 1 -m x &&
	test_refused 64 "say why with -m" env SOCDOK_USER=sara \
		akt-set 1 --name "Åberg, Åsa" &&
	test_refused 64 "say why with -m" env SOCDOK_USER=sara \
		akt-set 1 --name "Åberg, Åsa" -m " " &&
	test_refused 66 "no akt 9" env SOCDOK_USER=sara akt-set 9 --name x -m x &&
	test_refused 77 "not yours" env SOCDOK_USER=olle \
		akt-set 1 --name "Åberg, Åsa" -m x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		akt-set 1 --name "Åberg, Åsa" -m x &&
	test_refused 65 "is not active staff at unit" env SOCDOK_USER=sara \
		akt-set 1 --kontaktperson olle -m x &&
	test_refused 65 "Ingen Enhet" env SOCDOK_USER=admin \
		akt-set 1 --unit "Ingen Enhet" -m x &&
	test_refused 77 "enhetschef of both units" env SOCDOK_USER=sara \
		akt-set 1 --unit "Boendestöd Väst" -m x &&
	test_refused 77 "enhetschef of both units" env SOCDOK_USER=karin \
		akt-set 1 --unit "Boendestöd Väst" -m x &&
	test_refused 65 "does not work at unit" env SOCDOK_USER=admin \
		akt-set 1 --unit "Boendestöd Väst" -m x &&
	test_refused 65 "already has these values" env SOCDOK_USER=sara \
		akt-set 1 --kontaktperson sara -m x &&
	test_refused 65 "one line" env SOCDOK_USER=sara \
		akt-set 1 --foretradare "$(printf "a\nb")" -m x
'

test_expect_success 'the name corrected: a fact with the old value, the log' '
	SOCDOK_USER=sara akt-set 1 --name "Åberg, Åsa" \
		-m "Felstavat vid inskrivningen" >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT name FROM person WHERE id = 1" >got &&
	echo "Åberg, Åsa" >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.field, f.old_value, f.new_value,
		f.text, f.fdate, s.login FROM akt_fact f JOIN staff s
		ON s.id = f.recorded_by" >got &&
	echo "akt-set|name|Aberg, Asa|Åberg, Åsa|Felstavat vid inskrivningen|2026-03-02|sara" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE login = \"sara\"
		ORDER BY id DESC LIMIT 1" >got &&
	echo "changed akt: name" >expect && test_cmp expect got
'

test_expect_success 'kontaktperson and företrädare (either spelling), one command' '
	SOCDOK_USER=sara akt-set 1 --kontaktperson erik \
		--företrädare "Bo Åberg, god man, 070-123 45 67" \
		-m "Sara slutar; god man förordnad" &&
	akt-show 1 >show &&
	grep -q "^kontaktperson:  Erik Ek (erik)$" show &&
	grep -q "^företrädare:    Bo Åberg, god man, 070-123 45 67$" show &&
	SOCDOK_USER=erik akt-set 1 --foretradare "Bo Åberg, god man, 070-765 43 21" \
		-m "Nytt telefonnummer"
'

test_expect_success 'gp-sign --by foretradare takes the name on record' '
	t_plan "Åsa och hennes gode man var med." Erik >plan.md &&
	SOCDOK_USER=erik gp-new 1 -F plan.md --date 2026-02-10 >/dev/null &&
	SOCDOK_USER=erik gp-sign --akt 1 --by foretradare --date 2026-02-11 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT name FROM gp_signature" >got &&
	echo "Bo Åberg" >expect && test_cmp expect got
'

test_expect_success 'moving: an enhetschef of both units, the kontaktperson of the new unit' '
	SOCDOK_USER=bodil akt-set 1 --unit "Boendestöd Väst" --kontaktperson olle \
		-m "Flyttat till Väst" &&
	akt-show 1 --format json >show.json &&
	grep -q "\"unit\": \"Boendestöd Väst\"" show.json &&
	grep -q "\"kontaktperson\": \"olle\"" show.json &&
	test_refused 77 "not yours" env SOCDOK_USER=sara akt-show 1 &&
	SOCDOK_USER=olle akt-show 1 >/dev/null
'

test_expect_success 'akt-show --history: every change, oldest first' '
	cat >expect <<-\EOF &&
	kind	insats	field	old	new	by	reason	why
	akt-set		name	Aberg, Asa	Åberg, Åsa	sara		Felstavat vid inskrivningen
	akt-set		kontaktperson	sara	erik	sara		Sara slutar; god man förordnad
	akt-set		foretradare		Bo Åberg, god man, 070-123 45 67	sara		Sara slutar; god man förordnad
	akt-set		foretradare	Bo Åberg, god man, 070-123 45 67	Bo Åberg, god man, 070-765 43 21	erik		Nytt telefonnummer
	akt-set		unit	Hemtjänst Norr	Boendestöd Väst	bodil		Flyttat till Väst
	akt-set		kontaktperson	erik	olle	bodil		Flyttat till Väst
	EOF
	SOCDOK_USER=olle akt-show 1 --history --format tsv >hist &&
	cut -f3,4,5,6,7,2,9,10 hist | awk -F"\t" "BEGIN{OFS=\"\t\"} {print \$2,\$3,\$4,\$5,\$6,\$1,\$7,\$8}" >got &&
	test_cmp expect got &&
	SOCDOK_USER=olle akt-show 1 --history >text &&
	grep -q "^History:$" text &&
	grep -q "Flyttat till Väst" text &&
	SOCDOK_USER=olle akt-show 1 --history --format json >j &&
	grep -q "\"history\": \[" j &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE akt_id = 1
		AND what = \"read akt\"" >got && test "$(cat got)" -ge 3
'

test_expect_success 'a closed akt is not changed' '
	SOCDOK_USER=olle akt-close 2 -m "Avslutad" --date 2026-03-01 >/dev/null &&
	test_refused 65 "is closed" env SOCDOK_USER=olle akt-set 2 --name x -m x
'

test_expect_success 'the facts cannot be changed' '
	! sqlite3 "$SOCDOK_DB" "UPDATE akt_fact SET new_value = 1" 2>err &&
	grep -q "recorded facts cannot be changed" err
'

test_done
