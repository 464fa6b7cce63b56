#!/bin/sh
# lb-new / lb-show: the person's levnadsberättelse (seed 002) as a
# versioned Markdown document: a template of the guide's headings as
# hints, nothing required, every version kept and chained, exported with
# the akt, and purged or preserved with it by gallra.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19400506 234)
P3=$(t_pnr 19400515 345)
MARK=LB-MARKER-5a1f-e7

# Akter 3 and 4 are closed in 2019 (gallra below), so the database and
# akter 1 and 2 are made then too: records are in time order (issue 18).
test_expect_success 'set up: an akt at each unit, two closed in 2019' '
	setup_world "2019-04-01 12:00:00" &&
	t_at "2019-04-01 12:00:00" env SOCDOK_USER=sara akt-new "$P1" \
		--name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-05 >/dev/null &&
	t_at "2019-04-01 12:00:00" env SOCDOK_USER=olle \
		akt-new "$(t_pnr 19800101 456)" --name "Öst, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-05 >/dev/null &&
	for p in "$P2:Gallrasson, Märta" "$P3:Bevarasson, Kjell"; do
		old 2019-04-01 env SOCDOK_USER=sara sh -c "
			id=\$(akt-new \"${p%%:*}\" --name \"${p#*:}\" --unit \"Hemtjänst Norr\" --opened 2019-04-01) &&
			echo \"Berättelse $MARK \${id}\" | lb-new \$id - >/dev/null &&
			akt-close \$id --date 2019-04-01 -m Slut >/dev/null" || return 1
	done
'

test_expect_success 'the template has the guide'\''s headings as hints and the name' '
	SOCDOK_USER=sara lb-new 1 --template >tmpl &&
	grep -q "^# Levnadsberättelse$" tmpl &&
	grep -q "^## Uppväxt och familj$" tmpl &&
	grep -q "^## Det här är viktigt för mig$" tmpl &&
	grep -q "Levnadsberättelse för Åberg, Åsa" tmpl &&
	grep -q "ingenting här måste fyllas i" tmpl
'

test_expect_success 'refusals change nothing' '
	test_refused 65 "is empty; nothing was saved" env SOCDOK_USER=sara \
		lb-new 1 -F tmpl &&
	test_refused 65 "not UTF-8" env SOCDOK_USER=sara \
		sh -c "printf \"## Uppv\\344xt\\nx\\n\" | lb-new 1 -" &&
	test_refused 65 "in the future" env SOCDOK_USER=sara SOCDOK_TODAY=2026-03-01 \
		sh -c "echo Hej | lb-new 1 --date 2026-03-02 -" &&
	test_refused 65 "before akt 1 was opened" env SOCDOK_USER=sara \
		sh -c "echo Hej | lb-new 1 --date 2026-01-01 -" &&
	test_refused 77 "" env SOCDOK_USER=olle sh -c "echo Hej | lb-new 1 -" &&
	test_refused 77 "arkivarie" env SOCDOK_USER=arkiv sh -c "echo Hej | lb-new 1 -" &&
	test_refused 66 "has no levnadsberättelse yet; write one with lb-new 1" \
		env SOCDOK_USER=sara lb-show 1 &&
	test_refused 64 "" env SOCDOK_USER=sara lb-show 1 --version 1 --all
'

test_expect_success 'a first version: only what was filled in is kept' '
	sed "/^## Intressen och fritid$/a\\
Dragspel och Povel Ramel. $MARK" tmpl >v1.md &&
	SOCDOK_USER=sara SOCDOK_TODAY=2026-02-01 lb-new 1 --date 2026-02-01 -F v1.md >id &&
	echo 3 >expect && test_cmp expect id &&
	cat >body1.md <<-EOF &&
	# Levnadsberättelse

	## Intressen och fritid
	Dragspel och Povel Ramel. $MARK
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT body FROM lb WHERE id = 3" >got &&
	{ cat body1.md; echo; } >expect &&
	test_cmp expect got
'

test_expect_success 'lb-show: the latest version with who wrote it' '
	SOCDOK_USER=sara lb-show 1 >out &&
	sed -n "1,4p" out | sed "s/[0-9-]* [0-9:]* by/T by/" >got &&
	cat >expect <<-\EOF &&
	akt:      1
	version:  1 of 1
	date:     2026-02-01
	written:  T by Sara Samordnare (undersköterska)
	EOF
	test_cmp expect got &&
	grep -q "^Dragspel och Povel Ramel" out &&
	SOCDOK_USER=sara lb-show 1 --format md >got.md &&
	test_cmp body1.md got.md &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE akt_id = 1 AND what = \"read levnadsberättelse (version 1)\"" >got &&
	echo 2 >expect && test_cmp expect got
'

test_expect_success 'the same text again is refused; a new version keeps the old' '
	test_refused 65 "has this text already" env SOCDOK_USER=sara \
		lb-new 1 -F got.md &&
	{ cat got.md; printf "## Närstående\nDottern Eva ringer på söndagar.\n"; } >v2.md &&
	SOCDOK_USER=erik SOCDOK_TODAY=2026-03-01 lb-new 1 -F v2.md >id &&
	echo 4 >expect && test_cmp expect id &&
	test_refused 65 "before the date of version 2" env SOCDOK_USER=sara \
		sh -c "echo Hej | lb-new 1 --date 2026-02-15 -" &&
	SOCDOK_USER=sara lb-show 1 --version 1 >out &&
	grep -q "^replaced: 2026-03-01 by version 2$" out &&
	! grep -q "Dottern" out &&
	SOCDOK_USER=sara lb-show 1 --all --format json >all.json &&
	python3 -c "import json,sys; d=json.load(open(\"all.json\")); print(len(d), d[0][\"replaced_by\"], d[1][\"author\"][\"login\"], d[1][\"versions\"])" >got &&
	echo "2 2 erik 2" >expect && test_cmp expect got &&
	test_refused 66 "has no version 3" env SOCDOK_USER=sara lb-show 1 --version 3
'

test_expect_success 'versions cannot be changed or deleted, and are chained' '
	! sqlite3 "$SOCDOK_DB" "UPDATE lb SET body = \"x\"" 2>err &&
	grep -q "cannot be changed" err &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM lb" 2>err &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM lb WHERE akt_id = 1" >got &&
	echo 2 >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_record WHERE akt_id = 1 AND kind = \"lb\"" >got &&
	echo 2 >expect && test_cmp expect got &&
	SOCDOK_USER=sara akt-verify 1 >/dev/null
'

test_expect_success 'another unit may not read it' '
	test_refused 77 "" env SOCDOK_USER=olle lb-show 1
'

test_expect_success 'exported with the akt: Markdown, HTML, JSON (verified), PDF' '
	SOCDOK_USER=sara akt-export 1 >out.md &&
	grep -q "^## Levnadsberättelse$" out.md &&
	grep -q "^### Version 1 · 2026-02-01 · ersatt 2026-03-01$" out.md &&
	grep -q "^### Version 2 · 2026-03-01 · gällande$" out.md &&
	grep -q "Dottern Eva ringer på söndagar." out.md &&
	SOCDOK_USER=sara akt-export 1 --format html >out.html &&
	grep -q "Dottern Eva ringer på söndagar." out.html &&
	SOCDOK_USER=sara akt-export 1 --format json >out.json &&
	python3 -c "import json; d=json.load(open(\"out.json\")); print([v[\"version\"] for v in d[\"levnadsberattelse\"]])" >got &&
	echo "[1, 2]" >expect && test_cmp expect got &&
	akt-verify --export out.json >/dev/null
'

test_expect_success PDFTOOLS 'the PDF export carries it too' '
	SOCDOK_USER=sara akt-export 1 --format pdf >out.pdf &&
	pdftotext out.pdf out.txt &&
	grep -q "Dottern Eva ringer" out.txt
'

test_expect_success 'purged or preserved with the akt by gallra' '
	sqlite3 "$SOCDOK_DB" "SELECT akt_id FROM lb WHERE version = 1 ORDER BY akt_id" >got &&
	printf "1\n3\n4\n" >expect && test_cmp expect got &&
	mkdir arkiv &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" --preserve-dir arkiv 2>err &&
	sqlite3 "$SOCDOK_DB" "SELECT akt_id FROM lb ORDER BY akt_id, version" >got &&
	printf "1\n1\n4\n" >expect && test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT id FROM akt WHERE id IN (3, 4)" >got &&
	echo 4 >expect && test_cmp expect got &&
	grep -r -l "Berättelse $MARK 4" arkiv >/dev/null &&
	! grep -r -q "Berättelse $MARK 3" arkiv
'

test_done
