#!/bin/sh
# akt-protect/akt-unprotect: a protected identity (skyddade
# personuppgifter) is a chained fact with who, when and why; a protected
# akt is opened only by its kontaktperson, an enhetschef of its unit and
# an administrator; no address of a person is stored anywhere.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: an akt with sara as kontaktperson' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Ek, Anna" --unit "Hemtjänst Norr" \
		--kontaktperson sara --opened 2026-01-15 >/dev/null
'

test_expect_success 'refusals change nothing' '
	test_refused 64 "say why with --reason" env SOCDOK_USER=karin \
		akt-protect 1 &&
	test_refused 64 "say why with --reason" env SOCDOK_USER=karin \
		akt-protect 1 --reason " " &&
	test_refused 66 "no akt 9" env SOCDOK_USER=karin \
		akt-protect 9 --reason x &&
	test_refused 77 "needs an enhetschef of unit" env SOCDOK_USER=sara \
		akt-protect 1 --reason x &&
	test_refused 77 "not yours" env SOCDOK_USER=olle \
		akt-protect 1 --reason x &&
	test_refused 77 "needs an enhetschef of unit" env SOCDOK_USER=arkiv \
		akt-protect 1 --reason x &&
	test_refused 65 "is not protected" env SOCDOK_USER=karin \
		akt-unprotect 1 --reason x &&
	test_refused 64 "usage" env SOCDOK_USER=karin akt-protect --reason x
'

test_expect_success 'protected: a chained fact with who, when and why' '
	SOCDOK_USER=karin akt-protect 1 --reason "Sekretessmarkering" >out &&
	test ! -s out &&
	sqlite3 "$SOCDOK_DB" "SELECT f.kind, f.text, f.fdate, s.login,
		a.protected FROM akt_fact f JOIN staff s ON s.id = f.recorded_by
		JOIN akt a ON a.id = f.akt_id" >got &&
	echo "akt-protect|Sekretessmarkering|2026-03-02|karin|1" >expect &&
	test_cmp expect got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE login = \"karin\"
		AND akt_id = 1" >got &&
	grep -q "protected identity" got &&
	test_refused 65 "already protected" env SOCDOK_USER=karin \
		akt-protect 1 --reason x &&
	SOCDOK_USER=karin akt-show 1 --history >hist &&
	grep -q akt-protect hist
'

test_expect_success 'only the kontaktperson, the enhetschef and an admin open it' '
	SOCDOK_USER=sara akt-show 1 >/dev/null &&
	SOCDOK_USER=karin akt-show 1 >/dev/null &&
	SOCDOK_USER=admin akt-show 1 >/dev/null &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik akt-show 1 &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik \
		journal-show 1 &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik \
		akt-export 1 &&
	test_refused 77 "protected identity" env SOCDOK_USER=arkiv akt-show 1 &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik \
		journal-add 1 -m "Besök" &&
	test_refused 66 "" env SOCDOK_USER=erik akt-show "$P1"
'

test_expect_success 'no protected name or personnummer in any list program' '
	SOCDOK_USER=karin insats-add 1 --kind hemtjänst --decided 2026-01-20 \
		>/dev/null &&
	D=$(echo "$P1" | cut -c1-8) &&
	for f in text tsv csv json ics mail; do
		SOCDOK_MAIL_FROM="Norr <noreply@kommun.se>" \
			followup-due --within 365 --format $f >due.$f || return 1
	done &&
	grep -q "Protected identity (akt 1)" due.text &&
	grep -q "Protected identity (akt 1)" due.json &&
	for f in text tsv csv json; do
		akt-list --format $f >list.$f &&
		ivo-report --quarter 2026Q2 --format $f >ivo.$f &&
		audit-log --format $f >audit.$f || return 1
	done &&
	grep -q "Protected identity (akt 1)" list.text &&
	grep -q "Protected identity (akt 1)" ivo.text &&
	for o in due.* list.* ivo.* audit.*; do
		if grep -n -e "Anna" -e "Ek, " -e "$D" "$o"; then
			echo "protected identity in $o"; return 1
		fi
	done &&
	LANGUAGE=sv LC_ALL=sv_SE.UTF-8 akt-list >list.sv 2>/dev/null &&
	{ ! locale -a 2>/dev/null | grep -qi "sv_SE" ||
		grep -q "Skyddad identitet (akt 1)" list.sv; }
'

test_expect_success 'unprotected: the unit sees it again' '
	test_refused 77 "needs an enhetschef of unit" env SOCDOK_USER=sara \
		akt-unprotect 1 --reason x &&
	SOCDOK_USER=admin akt-unprotect 1 --reason "Markeringen upphörd" &&
	sqlite3 "$SOCDOK_DB" "SELECT kind FROM akt_fact ORDER BY id" >got &&
	printf "akt-protect\nakt-unprotect\n" >expect && test_cmp expect got &&
	SOCDOK_USER=erik akt-show 1 >/dev/null &&
	SOCDOK_USER=erik akt-show "$P1" >/dev/null &&
	akt-verify 1 >/dev/null 2>&1 || akt-verify 1
'

test_expect_success 'no table has an address-like column' '
	sqlite3 "$SOCDOK_DB" "SELECT m.name || \".\" || c.name FROM sqlite_schema m,
		pragma_table_info(m.name) c WHERE m.type = \"table\" AND
		(lower(c.name) LIKE \"%addr%\" OR lower(c.name) LIKE \"%adress%\"
		OR lower(c.name) LIKE \"%street%\" OR lower(c.name) LIKE \"%gata%\"
		OR lower(c.name) LIKE \"%postnr%\" OR lower(c.name) LIKE \"%postort%\"
		OR lower(c.name) LIKE \"%zip%\" OR lower(c.name) LIKE \"%city%\")" >got &&
	test ! -s got
'

test_done
