#!/bin/sh
# Issue 19: a person without personnummer or samordningsnummer gets an
# akt with a reservnummer (akt-new --reservnummer --born --gender), and
# later the real personnummer with akt-set --personnummer: a chained
# fact in every akt of the person, the reservnummer kept as the old
# value.  A samordningsnummer (day + 60) is a personnummer here.
. "$(dirname "$0")/lib.sh"

PNR=$(t_pnr 19800101 238)
SAM=$(t_pnr 19800161 451)

test_expect_success 'set up' '
	setup_world
'

test_expect_success 'akt-new --reservnummer: the id on stdout, the number on stderr' '
	SOCDOK_USER=sara akt-new --reservnummer --born 1980-01-01 --gender man \
		--name "Okänd, Man" --unit "Hemtjänst Norr" >out 2>err &&
	echo 1 >expect && test_cmp expect out &&
	echo "akt-new: akt 1: reservnummer 19800101-R019; when the person'"'"'s personnummer is known, set it with akt-set --personnummer" >expect &&
	test_cmp expect err &&
	SOCDOK_USER=sara akt-new --reservnummer --born 1980-01-01 --gender Man \
		--name "Okänd, Två" --unit "Hemtjänst Norr" 2>err >/dev/null &&
	grep -q "reservnummer 19800101-R035;" err &&
	LANGUAGE=sv SOCDOK_USER=sara akt-new --reservnummer --born 1980-01-01 \
		--gender kvinna --name "Okänd, Kvinna" --unit "Hemtjänst Norr" \
		2>err >/dev/null &&
	grep -q "^akt-new: akt 3: reservnummer 19800101-R001; när personens personnummer" err &&
	sqlite3 "$SOCDOK_DB" "SELECT pnr, birth_day FROM person ORDER BY id" >got &&
	printf "19800101R019|1\n19800101R035|1\n19800101R001|1\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a reservnummer names the person as a personnummer does' '
	SOCDOK_USER=olle akt-new 19800101-R019 --name "Okänd, Man" \
		--unit "Boendestöd Väst" >out 2>err &&
	echo 4 >expect && test_cmp expect out && test ! -s err &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM person" >got &&
	echo 3 >expect && test_cmp expect got &&
	SOCDOK_USER=sara akt-show 19800101r019 >show &&
	grep -q "^personnummer:   19800101-R019$" show &&
	SOCDOK_USER=sara akt-list --format tsv | cut -f1,2 >got &&
	printf "akt\tpersonnummer\n3\t19800101-R001\n1\t19800101-R019\n2\t19800101-R035\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara journal-add 19800101-R019 -m "Första besöket." >/dev/null
'

test_expect_success 'akt-new --reservnummer refusals write nothing' '
	test_refused 64 "needs --born DATE and --gender" env SOCDOK_USER=sara \
		akt-new --reservnummer --gender man --name "A, B" --unit "Hemtjänst Norr" &&
	test_refused 64 "unknown --gender '"'"'x'"'"'; use kvinna or man" env SOCDOK_USER=sara \
		akt-new --reservnummer --born 1980-01-01 --gender x --name "A, B" \
		--unit "Hemtjänst Norr" &&
	test_refused 65 "in the future" env SOCDOK_USER=sara \
		akt-new --reservnummer --born 2026-03-03 --gender man --name "A, B" \
		--unit "Hemtjänst Norr" &&
	test_refused 65 "(--born)" env SOCDOK_USER=sara \
		akt-new --reservnummer --born 1980-13-01 --gender man --name "A, B" \
		--unit "Hemtjänst Norr" &&
	test_refused 64 "usage" env SOCDOK_USER=sara \
		akt-new "$PNR" --reservnummer --born 1980-01-01 --gender man \
		--name "A, B" --unit "Hemtjänst Norr" &&
	test_refused 64 "usage" env SOCDOK_USER=sara \
		akt-new "$PNR" --born 1980-01-01 --name "A, B" --unit "Hemtjänst Norr" &&
	test_refused 65 "control digit should be 9" env SOCDOK_USER=sara \
		akt-new 19800101-R010 --name "A, B" --unit "Hemtjänst Norr" &&
	test_refused 65 "not of the form YYYYMMDD-RNGC" env SOCDOK_USER=sara \
		akt-new 19800101-R01x --name "A, B" --unit "Hemtjänst Norr" &&
	test_refused 77 "may not open akter" env SOCDOK_USER=olle \
		akt-new --reservnummer --born 1980-01-01 --gender man --name "A, B" \
		--unit "Hemtjänst Norr"
'

test_expect_success 'akt-set --personnummer refusals write nothing' '
	test_refused 65 "is a reservnummer" env SOCDOK_USER=sara \
		akt-set 1 --personnummer 19800101-R035 -m "fel" &&
	test_refused 65 "control digit should be" env SOCDOK_USER=sara \
		akt-set 1 --personnummer 19800101-2381 -m "fel" &&
	test_refused 64 "say why" env SOCDOK_USER=sara \
		akt-set 1 --personnummer "$PNR" &&
	test_refused 77 "not yours" env SOCDOK_USER=olle \
		akt-set 1 --personnummer "$PNR" -m "x" &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		akt-set 1 --personnummer "$PNR" -m "x"
'

test_expect_success 'akt-set --personnummer: the number changes, the reservnummer kept as history in every akt' '
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE akt_id = 4
		AND kind = \"person\"" >before &&
	SOCDOK_USER=sara akt-set 1 --personnummer "$PNR" \
		-m "Personnumret kom från Skatteverket" >out 2>err &&
	test ! -s out && test ! -s err &&
	for a in 1 4; do
		sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.field, f.old_value, f.new_value,
			f.text, s.login FROM akt_fact f JOIN staff s ON s.id = f.recorded_by
			WHERE f.akt_id = $a" >got &&
		echo "akt-set|personnummer|19800101-R019|$PNR|Personnumret kom från Skatteverket|sara" >expect &&
		test_cmp expect got || return 1
	done &&
	SOCDOK_USER=olle akt-show 4 --history --format tsv >h &&
	grep -q "personnummer	19800101-R019	$PNR	" h &&
	SOCDOK_USER=sara akt-show "$PNR" >show &&
	grep -q "^personnummer:   $PNR$" show &&
	test_must_fail 66 env SOCDOK_USER=sara akt-show 19800101-R019 2>/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE akt_id = 4
		AND kind = \"person\"" >after &&
	test "$(cat after)" = $(($(cat before) + 1)) &&
	akt-verify --all >/dev/null &&
	SOCDOK_USER=karin audit-log --akt 1 --format tsv >log &&
	grep -q "changed akt: personnummer" log
'

test_expect_success 'a number recorded for another person, or the same again, is refused' '
	test_refused 65 "already recorded for another person" env SOCDOK_USER=sara \
		akt-set 2 --personnummer "$PNR" -m "x" &&
	test_refused 65 "already has these values" env SOCDOK_USER=sara \
		akt-set 1 --personnummer "$PNR" -m "x"
'

test_expect_success 'a samordningsnummer (day + 60): the real day of birth, and taken by akt-set' '
	SOCDOK_USER=sara akt-set 2 --personnummer "$SAM" -m "Samordningsnummer" >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT pnr, birth_day FROM person WHERE id = 2" >got &&
	echo "$SAM" | tr -d - | sed "s/\$/|1/" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500175 123)" --name "Sam, Ordning" \
		--unit "Hemtjänst Norr" >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT birth_day FROM person ORDER BY id DESC LIMIT 1" >got &&
	echo 15 >expect && test_cmp expect got &&
	test_refused 65 "has day 92" env SOCDOK_USER=sara \
		akt-new "$(t_pnr 19500292 123)" --name "A, B" --unit "Hemtjänst Norr"
'

test_expect_success 'a closed akt keeps its personnummer' '
	SOCDOK_USER=sara akt-close 3 >/dev/null &&
	test_refused 65 "is closed" env SOCDOK_USER=sara \
		akt-set 3 --personnummer "$(t_pnr 19800101 248)" -m "x"
'

test_done
