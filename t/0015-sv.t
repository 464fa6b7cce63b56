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

# tools/po-unmarked lists a literal given to sd_fail, printf and friends
# that is neither marked for gettext nor listed as machine output in
# po/unmarked-ok: a new message without _() fails here, with its place.
test_expect_success 'no message for a person outside gettext' '
	"$T_TOP/tools/po-unmarked" >out 2>&1; echo "exit $?" >>out &&
	echo "exit 0" >expect &&
	test_cmp expect out
'

# The usage line says "användning:" in Swedish; the synopsis (program,
# options, metavariables) is the man page's, the same in both languages,
# its further lines moved under the first line's options.
test_expect_success '--help in Swedish under LANGUAGE=sv, in English under C.UTF-8' '
	for p in akt-show journal-add journal-correct akt-protect gallra; do
		$p --help >en &&
		head -n 1 en | grep -q "^usage: $p \[-d DB\]" &&
		(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
		 $p --help >sv) &&
		sed -e "1s/^usage: /användning: /" -e "2,\$s/^ /      /" en \
			>expect &&
		test_cmp expect sv || exit 1
	done
'

# (made before the note written at 00:30 below: records in time order)
t_at "2026-03-01 09:00:00" socdok-init >/dev/null 2>&1

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

test_expect_success 'a note written at 00:30 Swedish time is dated that day, shown in local time' '
	t_at "2026-03-01 09:00:00" staff-add sara --name "Sara Lind" \
		--title undersköterska --unit "Hemtjänst Norr" \
		--role samordnare >/dev/null &&
	t_at "2026-03-01 09:00:00" akt-new 194304122387 --name "Ek, Greta" \
		--unit "Hemtjänst Norr" --opened 2026-01-12 \
		--kontaktperson sara >/dev/null &&
	(unset SOCDOK_TODAY && export TZ=UTC &&
	 faketime -f "@2026-03-01 23:30:00" env SOCDOK_USER=sara \
		journal-add 1 -m "Greta sov oroligt." >/dev/null) &&
	cat >expect <<-\EOF &&
	1:1  2026-03-02  händelse
	     written 2026-03-02 00:30 by Sara Lind (undersköterska)

	     Greta sov oroligt.

	EOF
	TZ=UTC journal-show 1 >out &&
	test_cmp expect out &&
	TZ=UTC journal-show 1 --format json | grep -q "\"written_at\": \"2026-03-02T00:30:00+01:00\"" &&
	TZ=UTC journal-show 1 --format tsv | grep -q "	2026-03-01T23:30:00Z	"
'

test_expect_success 'journal-show and gp-show labels in Swedish' '
	cat >expect <<-\EOF &&
	1:1  2026-03-02  händelse
	     skriven 2026-03-02 00:30 av Sara Lind (undersköterska)

	     Greta sov oroligt.

	EOF
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 journal-show 1 >out) &&
	test_cmp expect out &&
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 test_must_fail 66 gp-show 1 2>err) &&
	grep -q "akt 1" err
'

test_expect_success 'an impossible date is bad data (65), in both languages' '
	test_refused 65 "there is no date '\''2026-02-30'\'' (--opened)" \
		akt-new 194304122387 --name "Ek, Greta" --unit "Hemtjänst Norr" \
		--opened 2026-02-30 &&
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 test_must_fail 65 akt-list --as-of 2026-02-30 2>err) &&
	grep -q "datumet .2026-02-30. finns inte" err
'

test_done
