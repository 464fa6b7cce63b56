#!/bin/sh
# The manual: a page per program with the house sections, rendering
# without warnings, its SYNOPSIS equal to the program's usage line, and
# the overview socdok(7) naming every program.  The guides: each
# docs/guide-X.md has its Swedish version docs/sv/guide-X.md, each links
# to the other, and the Swedish one names every program and option the
# English one does (issue 15).
. "$(dirname "$0")/lib.sh"

PROGS=$(cd "$T_TOP/bin" && for f in *.c; do echo "${f%.c}"; done)

# Render a page as plain UTF-8 text on lines long enough not to wrap.
render() {
	groff -k -man -Tutf8 -rLL=1000n -P-cbou "$1"
}

# Squeeze runs of white space and write hyphens as '-'.
squeeze() {
	sed 's/‐/-/g; s/−/-/g' | tr -s " \t\n" "   " | sed "s/^ //; s/ $//"
}

test_expect_success 'every program has a manual page with the house sections' '
	for p in $PROGS; do
		page="$T_TOP/docs/$p.1" &&
		test -f "$page" || { echo "no $page"; return 1; }
		for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" \
			ENVIRONMENT EXAMPLES "SEE ALSO"; do
			grep -q "^\.SH \"\{0,1\}$s\"\{0,1\}$" "$page" ||
			{ echo "$page has no $s section"; return 1; }
		done
	done
'

test_expect_success 'every page renders without a warning' '
	for page in "$T_TOP"/docs/*.1 "$T_TOP"/docs/*.7; do
		groff -k -man -Tutf8 -ww -z "$page" 2>err &&
		test ! -s err || { echo "$page:"; cat err; return 1; }
	done
'

test_expect_success 'each SYNOPSIS is the usage line of --help' '
	for p in $PROGS; do
		"$p" --help | sed "1s/^usage: //" | squeeze >usage &&
		render "$T_TOP/docs/$p.1" |
			sed -n "/^SYNOPSIS/,/^DESCRIPTION/p" | sed "1d;\$d" |
			squeeze >synopsis &&
		test_cmp usage synopsis || return 1
	done
'

test_expect_success 'each page names its program and says what it does' '
	for p in $PROGS; do
		render "$T_TOP/docs/$p.1" | sed -n "/^NAME/{n;p;}" | squeeze >got &&
		grep "^$p - [a-z]" got || return 1
	done
'

test_expect_success 'socdok(7) lists every program' '
	render "$T_TOP/docs/socdok.7" | squeeze >overview &&
	for p in $PROGS; do
		grep -q " $p(1) " overview || { echo "socdok.7 lacks $p"; return 1; }
	done
'

test_expect_success 'socdok(7) documents the environment and exit codes' '
	render "$T_TOP/docs/socdok.7" >overview &&
	for v in SOCDOK_DB SOCDOK_USER SOCDOK_TODAY SOCDOK_SHARE XDG_DATA_HOME; do
		grep -q "^ *$v\$" overview || { echo "no $v"; return 1; }
	done &&
	for c in 0 1 64 65 66 69 74 77; do
		grep -q "^ *$c  *[A-Z]" overview || { echo "no exit $c"; return 1; }
	done &&
	grep -q "Encryption at rest is the file system" overview
'


GUIDES=$(cd "$T_TOP/docs" && ls guide-*.md)

# The programs (bin/ and the installed tools) and the long options a
# guide names, one a line, sorted.
guide_programs() {
	{ echo "$PROGS"; echo mail-digest; } | sort -u >progs &&
	grep -o "[a-z][a-z0-9-]*" "$1" | sort -u | comm -12 progs -
}
guide_options() {
	grep -o -- "--[a-z][a-z0-9-]*" "$1" | sort -u
}

test_expect_success 'every guide has a Swedish version in docs/sv, and back' '
	test -n "$GUIDES" &&
	for g in $GUIDES; do
		test -f "$T_TOP/docs/sv/$g" || { echo "no docs/sv/$g"; return 1; }
		grep -q "](sv/$g)" "$T_TOP/docs/$g" ||
		{ echo "docs/$g does not link to sv/$g"; return 1; }
		grep -q "](../$g)" "$T_TOP/docs/sv/$g" ||
		{ echo "docs/sv/$g does not link to ../$g"; return 1; }
	done &&
	for f in "$T_TOP"/docs/sv/*.md; do
		test -f "$T_TOP/docs/${f##*/}" ||
		{ echo "docs/sv/${f##*/} has no English guide"; return 1; }
	done
'

test_expect_success 'a Swedish guide names every program and option of the English one' '
	for g in $GUIDES; do
		guide_programs "$T_TOP/docs/$g" >en &&
		guide_programs "$T_TOP/docs/sv/$g" >sv &&
		guide_options "$T_TOP/docs/$g" >>en &&
		guide_options "$T_TOP/docs/sv/$g" >>sv &&
		sort -u en >en.s && sort -u sv >sv.s &&
		comm -23 en.s sv.s >missing &&
		test ! -s missing ||
		{ echo "docs/sv/$g lacks:"; cat missing; return 1; }
	done
'

test_done
