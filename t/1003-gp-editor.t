#!/bin/sh
# gp-new in $EDITOR: the editor opens on the prefilled template (or the
# current plan), the database is not held while it runs, and a plan that
# is refused is kept in a file that the message names.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
# A shared temporary directory that must stay empty: drafts go to the
# user's private directory of drafts, made 0700.
export TMPDIR="$T_DIR/tmp"
mkdir "$TMPDIR"
DRAFTS="$HOME/.local/state/socdok/drafts"

test_expect_success 'set up: an akt, a good plan, editor scripts' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" \
		--opened 2026-01-15 --kontaktperson sara >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	cat >good.md <<-\EOF &&
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
	# Each editor saves what it was given in seen.md first.
	cat >ed-good <<-EOF &&
	#!/bin/sh
	cp "\$1" "$T_DIR/seen.md" && cp "$T_DIR/good.md" "\$1"
	EOF
	cat >ed-keep <<-EOF &&
	#!/bin/sh
	cp "\$1" "$T_DIR/seen.md" && echo "Mitt eget tillägg." >>"\$1"
	EOF
	cat >ed-fail <<-EOF &&
	#!/bin/sh
	cp "\$1" "$T_DIR/seen.md" && echo "halvskrivet" >>"\$1" && exit 3
	EOF
	cat >ed-quit <<-EOF &&
	#!/bin/sh
	cp "\$1" "$T_DIR/seen.md"; exit 1
	EOF
	cat >ed-fix <<-EOF &&
	#!/bin/sh
	cp "\$1" "$T_DIR/seen.md" && cp "$T_DIR/good.md" "\$1" &&
	echo "Mitt eget tillägg." >>"\$1"
	EOF
	chmod +x ed-good ed-keep ed-fail ed-quit ed-fix
'

test_expect_success 'a refused plan is kept in a file, named with the way on' '
	SOCDOK_USER=sara gp-new 1 --template >tmpl &&
	db_snapshot before &&
	test_must_fail 65 env SOCDOK_USER=sara EDITOR="$T_DIR/ed-keep" \
		gp-new 1 -e </dev/null >out 2>err &&
	test ! -s out &&
	kept=$(ls "$DRAFTS"/gp-new-1-*.md) &&
	test "$(echo "$kept" | wc -l)" = 1 &&
	grep -x "gp-new: the plan was not saved: 3 problems to fix; your text is kept in '\''$kept'\'' (go on with: gp-new 1 -e -F '\''$kept'\'')" err &&
	test "$(grep -c "^gp-new: " err)" = 4 &&
	cat tmpl >expect && echo "Mitt eget tillägg." >>expect &&
	test_cmp expect "$kept" &&
	test "$(stat -c %a "$kept")" = 600 &&
	test "$(stat -c %a "$DRAFTS")" = 700 &&
	ls "$TMPDIR" >left && test ! -s left
'

test_expect_success 'the editor opened on the prefilled template' '
	test_cmp tmpl seen.md
'

test_expect_success 'a refused plan changes nothing but the log of the template read' '
	db_snapshot after &&
	# (the access-log line brings its entries in the chains, and moves
	# the newest written-at time)
	diff before after | grep "^[<>]" |
		grep -Ev "INSERT INTO (log_chain|head_chain|clock) " >changes;
	test "$(wc -l <changes)" = 1 &&
	grep "^> INSERT INTO access_log.*read akt for a plan template" changes
'

test_expect_success 'going on from the kept file: it opens in the editor, and is removed when saved' '
	kept=$(ls "$DRAFTS"/gp-new-1-*.md) &&
	cp "$kept" kept.md &&
	SOCDOK_USER=sara EDITOR="$T_DIR/ed-fix" gp-new 1 -e -F "$kept" </dev/null >out 2>err &&
	echo 1 >expect && test_cmp expect out &&
	test_cmp kept.md seen.md &&
	ls "$TMPDIR" "$DRAFTS" | grep "\\.md$" >left; test ! -s left
'

test_expect_success 'with a plan, the editor opens on the current version' '
	SOCDOK_USER=sara EDITOR="$T_DIR/ed-good" gp-new 1 -e </dev/null >out &&
	echo 2 >expect && test_cmp expect out &&
	SOCDOK_USER=sara gp-show 1 --version 1 --format md >v1 &&
	test_cmp v1 seen.md &&
	ls "$TMPDIR" "$DRAFTS" | grep "\\.md$" >left; test ! -s left
'

test_expect_success 'an editor that fails after writing: nothing saved, text kept' '
	test_must_fail 69 env SOCDOK_USER=sara EDITOR="$T_DIR/ed-fail" \
		gp-new 1 -e </dev/null 2>err &&
	kept=$(ls "$DRAFTS"/gp-new-1-*.md) &&
	grep -x "gp-new: the editor '\''$T_DIR/ed-fail'\'' failed (exit 3); nothing was saved, your text is kept in '\''$kept'\''" err &&
	tail -n 1 "$kept" >got && echo halvskrivet >expect && test_cmp expect got &&
	rm "$kept" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gp")" = 2
'

test_expect_success 'an editor quit without a change: nothing saved, no file left' '
	test_must_fail 69 env SOCDOK_USER=sara EDITOR="$T_DIR/ed-quit" \
		gp-new 1 -e </dev/null 2>err &&
	grep -x "gp-new: the editor '\''$T_DIR/ed-quit'\'' failed (exit 1); nothing was saved" err &&
	ls "$TMPDIR" "$DRAFTS" | grep "\\.md$" >left; test ! -s left
'

test_expect_success 'EDITOR may carry arguments; VISUAL comes first' '
	SOCDOK_USER=sara EDITOR="sh $T_DIR/ed-good" gp-new 1 -e </dev/null >out &&
	echo 3 >expect && test_cmp expect out &&
	SOCDOK_USER=sara VISUAL="$T_DIR/ed-good" EDITOR=false gp-new 1 -e </dev/null >out &&
	echo 4 >expect && test_cmp expect out
'

test_expect_success 'on a terminal with no file, gp-new opens the editor' '
	SOCDOK_USER=sara EDITOR="$T_DIR/ed-good" script -qec "gp-new 1" /dev/null >out &&
	tr -d "\r" <out >got &&
	echo 5 >expect && test_cmp expect got
'

test_expect_success 'the editor is not opened for an akt that is refused' '
	rm -f seen.md &&
	test_refused 77 "akt 2 belongs to unit" \
		env SOCDOK_USER=sara EDITOR="$T_DIR/ed-good" gp-new 2 -e &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-20'\'' WHERE id = 2" &&
	test_refused 65 "akt 2 is closed (since 2026-02-20)" \
		env SOCDOK_USER=olle EDITOR="$T_DIR/ed-good" gp-new 2 -e &&
	test ! -f seen.md
'

test_done
