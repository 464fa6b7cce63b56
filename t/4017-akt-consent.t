#!/bin/sh
# akt-consent: the person's consents (seeds 002, 004) recorded with to
# whom, about what, from, until and how; withdrawn without erasing; shown
# in akt-show and the exports with who recorded them and when; chained.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: an akt per unit' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" --unit "Boendestöd Väst" \
		--opened 2026-01-15 >/dev/null
'

test_expect_success 'refusals record nothing' '
	test_refused 64 "--to WHOM --about WHAT --from DATE" env SOCDOK_USER=sara \
		akt-consent 1 --about x --from 2026-03-01 -m x &&
	test_refused 64 "with -m HOW" env SOCDOK_USER=sara \
		akt-consent 1 --to x --about x --from 2026-03-01 &&
	test_refused 64 "with -m HOW" env SOCDOK_USER=sara \
		akt-consent 1 --to x --about x --from 2026-03-01 -m " " &&
	test_refused 64 "--from" env SOCDOK_USER=sara \
		akt-consent 1 --to x --about x --from 2026-3-1 -m x &&
	test_refused 65 "is before --from" env SOCDOK_USER=sara \
		akt-consent 1 --to x --about x --from 2026-03-01 \
		--until 2026-02-01 -m x &&
	test_refused 65 "one line" env SOCDOK_USER=sara \
		akt-consent 1 --to "$(printf "a\nb")" --about x --from 2026-03-01 -m x &&
	test_refused 66 "no akt 9" env SOCDOK_USER=sara \
		akt-consent 9 --to x --about x --from 2026-03-01 -m x &&
	test_refused 77 "not yours" env SOCDOK_USER=olle \
		akt-consent 1 --to x --about x --from 2026-03-01 -m x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		akt-consent 1 --to x --about x --from 2026-03-01 -m x &&
	test_refused 64 "usage" env SOCDOK_USER=sara akt-consent 1 --withdraw 1 -m x &&
	test_refused 64 "consent id" env SOCDOK_USER=sara akt-consent --withdraw x -m x &&
	test_refused 66 "no consent 1" env SOCDOK_USER=sara akt-consent --withdraw 1 -m x
'

test_expect_success 'a consent: its id printed, a chained fact, the log' '
	SOCDOK_USER=sara akt-consent 1 --to "dottern Eva Åberg" \
		--about "informeras om hälsotillståndet" --from 2026-03-01 \
		-m "Muntligt vid genomförandeplansmötet" >out &&
	echo 1 >expect && test_cmp expect out &&
	SOCDOK_USER=erik akt-consent "$P1" --to personalen --about kontaktbok \
		--from 2026-03-02 --until 2026-12-31 -m "Skriftligt" >out &&
	echo 2 >expect && test_cmp expect out &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.consent_to, f.consent_about,
		f.fdate, f.consent_until, f.text, s.login FROM akt_fact f
		JOIN staff s ON s.id = f.recorded_by ORDER BY f.id" >got &&
	cat >expect <<-\EOF &&
	akt-consent|dottern Eva Åberg|informeras om hälsotillståndet|2026-03-01||Muntligt vid genomförandeplansmötet|sara
	akt-consent|personalen|kontaktbok|2026-03-02|2026-12-31|Skriftligt|erik
	EOF
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE login = \"erik\"
		ORDER BY id DESC LIMIT 1" >got &&
	echo "recorded consent 2" >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE
		kind = \"akt_fact\" AND akt_id = 1" >got &&
	echo 2 >expect && test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'withdrawal: refusals, then the consent stays, withdrawn' '
	test_refused 77 "not yours" env SOCDOK_USER=olle \
		akt-consent --withdraw 1 -m x &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv \
		akt-consent --withdraw 1 -m x &&
	test_refused 64 "with -m WHY" env SOCDOK_USER=sara akt-consent --withdraw 1 &&
	test_refused 65 "in the future" env SOCDOK_USER=sara \
		akt-consent --withdraw 1 --date 2026-03-03 -m x &&
	SOCDOK_USER=sara akt-consent --withdraw 1 -m "Åsa vill inte längre" >out &&
	test ! -s out &&
	test_refused 65 "already withdrawn" env SOCDOK_USER=sara \
		akt-consent --withdraw 1 -m x &&
	sqlite3 "$SOCDOK_DB" "SELECT kind, ref_id, fdate, text FROM akt_fact
		WHERE id = 3" >got &&
	echo "consent-withdraw|1|2026-03-02|Åsa vill inte längre" >expect &&
	test_cmp expect got &&
	akt-verify 1 >/dev/null
'

test_expect_success 'akt-show: the consents with who recorded them, withdrawn shown' '
	SOCDOK_USER=sara akt-show 1 >show &&
	grep -q "^Consents:$" show &&
	grep "dottern Eva Åberg" show | grep -q "2026-03-02.*sara.*Åsa vill inte längre" &&
	grep "kontaktbok" show | grep -q "2026-12-31.*erik" &&
	SOCDOK_USER=sara akt-show 1 --format json >j &&
	grep -q "\"consents\": \[" j &&
	grep -q "\"withdrawn\": \"2026-03-02\"" j &&
	SOCDOK_USER=olle akt-show 2 >show2 &&
	! grep -q "Consents" show2
'

test_expect_success 'exports: Markdown, HTML and JSON carry the consents' '
	SOCDOK_USER=sara akt-export 1 --format md -o a.md &&
	grep -q "^## Samtycken$" a.md &&
	grep -q "Till dottern Eva Åberg\*\*: informeras om hälsotillståndet, från 2026-03-01 tills vidare" a.md &&
	grep -q "Återkallat 2026-03-02\*\*: Åsa vill inte längre; registrerat .* av \*\*Sara Samordnare\*\* (undersköterska)" a.md &&
	grep -q "kontaktbok, från 2026-03-02 till och med 2026-12-31" a.md &&
	SOCDOK_USER=sara akt-export 1 --format html -o a.html &&
	grep -q "Samtycken" a.html && grep -q "Återkallat 2026-03-02" a.html &&
	SOCDOK_USER=sara akt-export 1 --format json -o a.json &&
	sqlite3 :memory: "SELECT json_extract(readfile(\"a.json\"),
		\"\$.consents[0].to\", \"\$.consents[0].recorded_by\",
		\"\$.consents[0].withdrawn.date\", \"\$.consents[0].withdrawn.recorded_by\",
		\"\$.consents[1].until\")" >got &&
	echo "[\"dottern Eva Åberg\",\"sara\",\"2026-03-02\",\"sara\",\"2026-12-31\"]" >expect &&
	test_cmp expect got &&
	akt-verify --export a.json >/dev/null &&
	SOCDOK_USER=olle akt-export 2 --format md -o b.md &&
	! grep -q Samtycken b.md
'

test_expect_success 'a closed akt takes no consent' '
	SOCDOK_USER=olle akt-close 2 -m "Avslutad" --date 2026-03-01 >/dev/null &&
	test_refused 65 "is closed" env SOCDOK_USER=olle \
		akt-consent 2 --to x --about x --from 2026-03-01 -m x
'

test_done
