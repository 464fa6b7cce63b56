#!/bin/sh
# Shell completion (issue 15): share/bash-completion/socdok completes each
# program's options (from its --help), the values the help lists, sökord,
# insats kinds, rule ids, staff logins and the akter of the user's own
# units, the dynamic ones through the programs' TSV, never the database.
. "$(dirname "$0")/lib.sh"

COMP="$T_TOP/share/bash-completion/socdok"

# comp [VAR=VALUE ...] WORD0 WORD...: the candidates bash would offer for
# the last word, one a line, as the completion function leaves them.
cat >comp.bash <<'SH'
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_socdok || exit
for c in "${COMPREPLY[@]}"; do
	printf '%s\n' "$c"
done
SH
comp() {
	bash comp.bash "$COMP" "$@"
}

test_expect_success 'set up: staff at two units, akter at each' '
	setup_world &&
	for n in 1 2 3; do
		SOCDOK_USER=sara akt-new "$(t_pnr 1940010$n 12$n)" \
			--name "Person, Nummer$n" --unit "Hemtjänst Norr" \
			--opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19400105 125)" --name "Person, Fem" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	staff-add gone --name "Gustav Gone" --title "vikarie" \
		--unit "Hemtjänst Norr" &&
	staff-end gone --date 2026-02-01
'

test_expect_success BASH 'options come from the program help' '
	comp akt-close --d >out &&
	printf "%s\n" --db --date --dry-run >expect &&
	test_cmp expect out &&
	comp akt-export - >out &&
	for o in -d -o --db --help --version --format --dir --since --until \
		--only --pdfa --confirm-protected --for-person --mask; do
		grep -qx -- "$o" out || { echo "no $o"; return 1; }
	done
'

test_expect_success BASH 'the values the help lists: --format, --regime, --by' '
	comp akt-list --format "" >out &&
	printf "%s\n" text tsv csv json ids >expect &&
	test_cmp expect out &&
	comp akt-new x --regime l >out &&
	echo LSS >expect &&
	test_cmp expect out &&
	comp gp-sign 1 --by f >out &&
	echo foretradare >expect &&
	test_cmp expect out &&
	comp akt-list --format = j >out &&
	echo json >expect &&
	test_cmp expect out
'

test_expect_success BASH 'sökord from share/sokord.txt, typed in any case' '
	comp journal-add 1 --category EJ >out &&
	echo ej-verkställt >expect &&
	test_cmp expect out &&
	comp journal-show 1 --category "" >out &&
	grep -qx avvikelse out && grep -qx uppföljning out
'

test_expect_success BASH 'insats kinds from share/insatser.txt, names with spaces whole' '
	comp insats-add 1 --kind dag >out &&
	echo "daglig verksamhet" >expect &&
	test_cmp expect out &&
	comp insats-correct 1 --kind "bostad\\ m" >out &&
	echo "bostad med särskild service" >expect &&
	test_cmp expect out &&
	comp gp-followup 1 --kind plan >out &&
	echo planeringssamtal >expect &&
	test_cmp expect out
'

test_expect_success BASH 'rule ids from rules-show' '
	comp followup-due --rule gp- >out &&
	printf "%s\n" gp-uppfoljning gp-upprattad >expect &&
	test_cmp expect out
'

test_expect_success BASH 'staff logins from staff-list, active ones' '
	comp followup-due --for "" >out &&
	printf "%s\n" admin arkiv erik karin olle sara >expect &&
	test_cmp expect out &&
	comp staff-end k >out &&
	echo karin >expect &&
	test_cmp expect out
'

test_expect_success BASH 'units from staff-list' '
	comp akt-new x --unit "" >out &&
	printf "%s\n" "Boendestöd Väst" "Hemtjänst Norr" >expect &&
	test_cmp expect out
'

test_expect_success BASH 'akt ids of the user'"'"'s own units, nothing of another unit' '
	SOCDOK_USER=sara comp akt-export 1 "" >out &&
	printf "%s\n" 1 2 3 >expect &&
	test_cmp expect out &&
	SOCDOK_USER=olle comp journal-add "" >out &&
	echo 4 >expect &&
	test_cmp expect out &&
	SOCDOK_USER=olle comp gp-new --akt "" >out &&
	test_cmp expect out &&
	SOCDOK_USER=sara comp journal-correct "" >out &&
	printf "%s\n" 1: 2: 3: >expect &&
	test_cmp expect out
'

test_expect_success BASH 'the user'"'"'s list is logged as any list is' '
	audit-log --user olle --format tsv >log &&
	grep "akt-list	.*listed 1 akter of unit .Boendestöd Väst." log
'

test_expect_success BASH 'an administrator of no unit is offered no akter' '
	comp akt-show "" >out &&
	test ! -s out
'

test_expect_success BASH 'a -d DB on the line is the database asked' '
	SOCDOK_USER=sara comp akt-close -d nothere.db "" >out &&
	test ! -s out &&
	mv "$SOCDOK_DB" other.db &&
	SOCDOK_USER=sara comp akt-close --db other.db "" >out &&
	mv other.db "$SOCDOK_DB" &&
	printf "%s\n" 1 2 3 >expect &&
	test_cmp expect out
'

test_expect_success BASH 'operands in their place: socdok-import KIND FILE' '
	comp socdok-import a >out &&
	echo akter >expect &&
	test_cmp expect out &&
	: >akter.csv &&
	comp socdok-import akter akt >out &&
	echo akter.csv >expect &&
	test_cmp expect out
'

test_expect_success BASH 'every program is completed, with options from its help' '
	for c in "$T_TOP"/bin/*.c; do
		p=${c%.c} n=${p##*/}
		[ -x "$p" ] || { echo "$n is not built"; return 1; }
		bash -c ". \"$COMP\" && complete -p $n" >/dev/null 2>&1 ||
		{ echo "$n is not registered"; return 1; }
		comp "$n" --h >out &&
		grep -qx -- --help out || { echo "$n: no --help"; return 1; }
	done
'

test_expect_success 'the completion reads no database file itself' '
	! grep -n "sqlite\|\.db\b" "$COMP" | grep -v "^[0-9]*:#"
'

test_expect_success BASHCOMP 'bash-completion loads it under a program name' '
	mkdir -p xdg-comp/bash-completion/completions &&
	cp "$COMP" xdg-comp/bash-completion/completions/socdok &&
	ln -s socdok xdg-comp/bash-completion/completions/akt-list &&
	XDG_DATA_HOME="$T_DIR/xdg-comp" bash -c ". \"$T_BASHCOMP\" &&
		__load_completion akt-list && complete -p akt-list" >out &&
	grep -- "-F _socdok akt-list" out
'

test_done
