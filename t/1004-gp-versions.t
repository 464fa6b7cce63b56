#!/bin/sh
# Every plan version is kept whole (seed 001); a new one replaces the old
# from its plan date; gp-show shows the current one with its status, any
# version, all of them, or the diff between two (seed 002).
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

at() {
	t=$1
	shift
	faketime -f "$t" "$@"
}

test_expect_success 'set up: an akt and a plan' '
	setup_world "2026-02-01 09:00:00" &&
	at "2026-02-01 09:00:00" env SOCDOK_USER=sara akt-new "$P1" \
		--name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	cat >v1.md <<-\EOF &&
	# Genomförandeplan

	## Planens framtagande

	Delaktighet: Åsa var med på mötet.

	## Mål och insatser

	### Delmål: Handla själv

	- Vad: handla mat
	- När: tisdagar
	- Hur: personalen följer med
	- Vem: kontaktpersonen

	## Riskbedömning

	Halkrisk: broddar.
	EOF
	SOCDOK_TODAY=2026-02-01 at "2026-02-01 10:00:00" env SOCDOK_USER=sara \
		gp-new 1 -F v1.md --date 2026-02-01 >out &&
	echo 1 >expect && test_cmp expect out
'

test_expect_success 'gp-show: the current plan with its status, then the plan' '
	cat >expect <<-EOF &&
	plan:           1
	akt:            1 (Åberg, Åsa, $P1)
	version:        1 of 1
	plan date:      2026-02-01
	written:        2026-02-01 10:00 by Sara Samordnare (undersköterska)
	status:         draft (not signed by the person)
	replaced:       -
	participation:  took part
	signed:         -
	last follow-up: -

	EOF
	cat v1.md >>expect &&
	SOCDOK_USER=sara gp-show 1 >out &&
	test_cmp expect out &&
	SOCDOK_USER=erik gp-show "$P1" >out &&
	test_cmp expect out
'

test_expect_success 'gp-show --format md prints the plan byte for byte' '
	SOCDOK_USER=sara gp-show 1 --format md >out &&
	test_cmp v1.md out
'

test_expect_success 'a new version replaces the old, which is kept whole' '
	sed "s/tisdagar/tisdagar och fredagar/" v1.md >v2.md &&
	echo "Ny risk: spis." >>v2.md &&
	SOCDOK_USER=sara gp-new 1 -F v2.md --date 2026-02-20 >out 2>err &&
	echo 2 >expect && test_cmp expect out &&
	echo "gp-new: note: version 2 no longer has 1 line of version 1; see gp-show 1 --diff 1 2 (Handbok för verkställighet: a correction must not remove information)" >expect &&
	test_cmp expect err &&
	SOCDOK_USER=sara gp-show 1 --version 1 --format md >out &&
	test_cmp v1.md out &&
	SOCDOK_USER=sara gp-show 1 --version 1 >out &&
	grep -x "version:        1 of 2" out &&
	grep -x "replaced:       2026-02-20 by version 2 (plan 2)" out &&
	SOCDOK_USER=sara gp-show 1 >out &&
	grep -x "version:        2 of 2" out &&
	grep -x "replaced:       -" out
'

test_expect_success 'a version that only adds says nothing on stderr' '
	cat v2.md >v3.md && echo "Tillägg." >>v3.md &&
	SOCDOK_USER=sara gp-new 1 -F v3.md >out 2>err &&
	echo 3 >expect && test_cmp expect out && test ! -s err
'

test_expect_success 'each version wrote its journal note, in the same transaction' '
	cat >expect <<-\EOF &&
	2026-02-01|genomförandeplan|Genomförandeplan version 1 upprättad med planeringsdatum 2026-02-01.
	2026-02-20|genomförandeplan|Genomförandeplan version 2 upprättad med planeringsdatum 2026-02-20. Den ersätter version 1 (2026-02-01), som sparas.
	2026-03-02|genomförandeplan|Genomförandeplan version 3 upprättad med planeringsdatum 2026-03-02. Den ersätter version 2 (2026-02-20), som sparas.
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT event_date, category, body FROM note ORDER BY seq" >got &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gp g JOIN note n ON n.id = g.note_id AND n.event_date = g.plan_date" >got &&
	echo 3 >expect && test_cmp expect got
'

test_expect_success 'the database refuses to change or delete a plan' '
	! sqlite3 "$SOCDOK_DB" "UPDATE gp SET body = '\''x'\'' WHERE id = 1" 2>err &&
	grep "plans cannot be changed; write a new version (gp-new)" err &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM gp WHERE id = 1" 2>err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gp")" = 3
'

test_expect_success 'the gp_version view: replaced dates derived from the next version' '
	cat >expect <<-\EOF &&
	1|1|3|2|2026-02-20
	2|2|3|3|2026-03-02
	3|3|3||
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, version, versions, replaced_by_version, replaced FROM gp_version ORDER BY id" >got &&
	test_cmp expect got
'

test_expect_success 'a plan date before the current version is refused' '
	test_refused 65 "gp-new: plan date 2026-02-19 is before the date of the current plan, version 3 (2026-03-02); a new version replaces it from a later date" \
		env SOCDOK_USER=sara gp-new 1 -F v1.md --date 2026-02-19
'

test_expect_success 'gp-show --diff: a unified diff between two versions' '
	cat >expect <<-\EOF &&
	--- version 1 (2026-02-01)
	+++ version 2 (2026-02-20)
	@@ -9,10 +9,11 @@
	 ### Delmål: Handla själv
	 
	 - Vad: handla mat
	-- När: tisdagar
	+- När: tisdagar och fredagar
	 - Hur: personalen följer med
	 - Vem: kontaktpersonen
	 
	 ## Riskbedömning
	 
	 Halkrisk: broddar.
	+Ny risk: spis.
	EOF
	SOCDOK_USER=sara gp-show 1 --diff 1 2 >out &&
	test_cmp expect out
'

test_expect_success 'the diff agrees with diff -u, hunks and all' '
	seq 1 60 >a.txt &&
	{ seq 1 60 | sed "3d; 10s/.*/ten/; 30a extra\nlines"; echo 61; } >b.txt &&
	(printf "## Planens framtagande\nDelaktighet: ja\n## Mål och insatser\n### Delmål\nVad: a\nNär: b\nHur: c\nVem: d\n## Riskbedömning\nr\n"; cat a.txt) >da.md &&
	(printf "## Planens framtagande\nDelaktighet: ja\n## Mål och insatser\n### Delmål\nVad: a\nNär: b\nHur: c\nVem: d\n## Riskbedömning\nr\n"; cat b.txt) >db.md &&
	SOCDOK_USER=sara gp-new 1 -F da.md >/dev/null 2>&1 &&
	SOCDOK_USER=sara gp-new 1 -F db.md >/dev/null 2>&1 &&
	SOCDOK_USER=sara gp-show 1 --diff 4 5 | sed 1,2d >got &&
	diff -u da.md db.md | sed 1,2d >expect;
	test_cmp expect got &&
	SOCDOK_USER=sara gp-show 1 --diff 5 4 | sed 1,2d >got &&
	diff -u db.md da.md | sed 1,2d >expect;
	test_cmp expect got
'

test_expect_success 'the diff of a version with itself is empty' '
	SOCDOK_USER=sara gp-show 1 --diff 2 2 >out &&
	test ! -s out
'

test_expect_success 'gp-show --all: every version, oldest first' '
	SOCDOK_USER=sara gp-show 1 --all >out &&
	grep "^version: " out >got &&
	printf "version:        %s of 5\n" 1 2 3 4 5 >expect &&
	test_cmp expect got
'

test_expect_success 'gp-show --format json: one object, or an array with --all' '
	SOCDOK_USER=sara gp-show 1 --version 1 --format json >out &&
	cat >expect <<-\EOF &&
	1|1|1|5|2026-02-01|draft||2026-02-20|2|took part|sara|0|0
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT json_extract(j, '\''\$.plan'\''), json_extract(j, '\''\$.akt'\''), json_extract(j, '\''\$.version'\''), json_extract(j, '\''\$.versions'\''), json_extract(j, '\''\$.plan_date'\''), json_extract(j, '\''\$.status'\''), json_extract(j, '\''\$.established'\''), json_extract(j, '\''\$.replaced'\''), json_extract(j, '\''\$.replaced_by'\''), json_extract(j, '\''\$.participation'\''), json_extract(j, '\''\$.author.login'\''), json_array_length(j, '\''\$.signatures'\''), json_array_length(j, '\''\$.followups'\'') FROM (SELECT readfile('\''out'\'') AS j)" >got &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT json_extract(readfile('\''out'\''), '\''\$.body'\'')" >body &&
	{ cat v1.md; echo; } >v1nl.md && test_cmp v1nl.md body &&
	SOCDOK_USER=sara gp-show 1 --all --format json >out &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT json_array_length(readfile('\''out'\''))")" = 5
'

test_expect_success 'gp-show --plan PLAN shows that version' '
	SOCDOK_USER=sara gp-show --plan 2 >out &&
	grep -x "version:        2 of 5" out &&
	grep -x "plan:           2" out
'

test_expect_success 'gp-show refusals: no plan, no version, bad arguments' '
	P2=$(t_pnr 19380101 456) &&
	SOCDOK_USER=sara akt-new "$P2" --name "Berg, Bo" --unit "Hemtjänst Norr" >/dev/null &&
	test_refused 66 "gp-show: akt 2 has no plan yet; write one with gp-new" \
		env SOCDOK_USER=sara gp-show 2 &&
	test_refused 66 "gp-show: akt 1 has no plan version 9 (it has 5)" \
		env SOCDOK_USER=sara gp-show 1 --version 9 &&
	test_refused 66 "gp-show: akt 1 has no plan version 7 (it has 5)" \
		env SOCDOK_USER=sara gp-show 1 --diff 1 7 &&
	test_refused 66 "gp-show: no plan 42; see gp-show AKT for an akt'\''s plans" \
		env SOCDOK_USER=sara gp-show --plan 42 &&
	test_refused 64 "gp-show: bad version '\''x'\'' for --version; give a number from 1" \
		env SOCDOK_USER=sara gp-show 1 --version x &&
	test_refused 64 "gp-show: unknown format '\''csv'\''; use one of: text, json, md" \
		env SOCDOK_USER=sara gp-show 1 --format csv &&
	test_refused 64 "gp-show: --diff prints a unified diff; leave out --format json" \
		env SOCDOK_USER=sara gp-show 1 --diff 1 2 --format json &&
	test_refused 64 "usage: gp-show" env SOCDOK_USER=sara gp-show 1 --all --version 2 &&
	test_refused 64 "usage: gp-show" env SOCDOK_USER=sara gp-show --plan 1 1
'

test_expect_success 'a closed akt still shows its plans' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-03-01'\'' WHERE id = 1" &&
	SOCDOK_USER=sara gp-show 1 --version 1 --format md >out &&
	test_cmp v1.md out &&
	test_refused 65 "gp-new: akt 1 is closed (since 2026-03-01)" \
		env SOCDOK_USER=sara gp-new 1 -F v1.md
'

test_done
