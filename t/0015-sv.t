#!/bin/sh
# Swedish through gettext: every message of the source has its Swedish
# translation in po/sv.po; the language follows the locale, and the tests'
# C.UTF-8 keeps English.
. "$(dirname "$0")/lib.sh"

# msgfmt --statistics of a catalogue: "N translated messages." only.
complete() {
	msgfmt --check --statistics -o /dev/null "$1" 2>stats &&
	cat stats &&
	! grep -q "untranslated\|fuzzy" stats
}

test_expect_success 'po/sv.po is translated to 100 %' '
	complete "$T_TOP/po/sv.po"
'

test_expect_success 'every message in the source is in po/sv.po' '
	(cd "$T_TOP" && xgettext --from-code=UTF-8 --language=C --keyword=_ \
		--keyword=N_ --keyword=ngettext:1,2 --no-location \
		-o "$T_DIR/src.pot" lib/*.c bin/*.c) &&
	msgmerge --quiet --no-fuzzy-matching -o merged.po "$T_TOP/po/sv.po" \
		src.pot &&
	complete merged.po
'

socdok-init >/dev/null 2>&1

test_expect_success 'English under C.UTF-8' '
	echo "akt-show: no akt 99; see akt-list" >expect &&
	test_must_fail 66 akt-show 99 2>err &&
	test_cmp expect err
'

test_expect_success 'Swedish with LANGUAGE=sv under LANG=C.UTF-8' '
	echo "akt-show: det finns ingen akt 99; se akt-list" >expect &&
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 test_must_fail 66 akt-show 99 2>err) &&
	test_cmp expect err
'

test_expect_success 'Swedish with LANG=sv_SE.UTF-8, generated or not' '
	echo "akt-show: det finns ingen akt 99; se akt-list" >expect &&
	(unset LC_ALL && export LANG=sv_SE.UTF-8 &&
	 test_must_fail 66 akt-show 99 2>err) &&
	test_cmp expect err
'

test_expect_success 'LANGUAGE=en keeps English under a Swedish LANG' '
	echo "akt-show: no akt 99; see akt-list" >expect &&
	(unset LC_ALL && export LANG=sv_SE.UTF-8 LANGUAGE=en &&
	 test_must_fail 66 akt-show 99 2>err) &&
	test_cmp expect err
'

test_done
