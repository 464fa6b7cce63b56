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
		audit-log --format $f >audit.$f &&
		gallra --format $f >gallra.$f || return 1
	done &&
	grep -q "Protected identity (akt 1)" list.text &&
	grep -q "Protected identity (akt 1)" ivo.text &&
	for o in due.* list.* ivo.* audit.* gallra.*; do
		if grep -n -e "Anna" -e "Ek, " -e "$D" "$o"; then
			echo "protected identity in $o"; return 1
		fi
	done &&
	LANGUAGE=sv LC_ALL=sv_SE.UTF-8 akt-list >list.sv 2>/dev/null &&
	{ ! locale -a 2>/dev/null | grep -qi "sv_SE" ||
		grep -q "Skyddad identitet (akt 1)" list.sv; }
'

test_expect_success 'mail digests and akt-close mail never name a protected person' '
	D=$(echo "$P1" | cut -c1-8) &&
	SOCDOK_MAIL_FROM="Norr <noreply@kommun.se>" followup-due --within 365 \
		--format mail >due.mbox &&
	test -s due.mbox &&
	mail-digest --dir digest <due.mbox >/dev/null &&
	ls digest/*.eml >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500101 246)" --name "Berg, Bo" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=karin akt-protect 2 --reason "Sekretessmarkering" &&
	SOCDOK_USER=karin akt-close 2 --notify notice \
		>/dev/null &&
	SOCDOK_USER=karin akt-reopen 2 -m "Fel akt" >/dev/null &&
	SOCDOK_USER=karin akt-close 2 --notify - \
		--mail-to hl@kommun.se >close.mbox &&
	grep -q "Skyddad identitet (akt 2)" notice &&
	for o in digest/*.eml notice close.mbox; do
		if grep -n -e "Anna" -e "Ek, " -e "$D" -e "Berg" -e "19500101" \
			-e "500101" "$o"; then
			echo "protected identity in $o"; return 1
		fi
	done
'

test_expect_success 'every read of a protected akt is flagged for audit-log --protected' '
	SOCDOK_USER=sara akt-show 1 >/dev/null &&
	SOCDOK_USER=sara journal-show 1 >/dev/null &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik akt-show 1 &&
	SOCDOK_USER=erik akt-list >/dev/null &&
	SOCDOK_USER=karin audit-log --protected --format tsv >got &&
	cut -f2,3,4,5 got >cut &&
	grep -q "^sara	akt-show	1	read akt$" cut &&
	grep -q "^sara	journal-show	1	" cut &&
	grep -q "^erik	akt-show	1	refused: akt 1 has a protected identity" cut &&
	grep -q "^karin	akt-protect	1	protected identity$" cut &&
	grep -q "^erik	akt-list	1	listed " cut &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE akt_id = 1
		AND protected IS NULL AND what NOT LIKE \"%identity\"
		AND at > (SELECT min(at) FROM access_log WHERE what =
		\"protected identity\" AND akt_id = 1)" >n &&
	echo 0 >expect && test_cmp expect n &&
	SOCDOK_USER=karin audit-log --format tsv >all &&
	test $(wc -l <all) -gt $(wc -l <got) &&
	test_refused 77 "only an enhetschef, arkivarie, granskare or administrator" \
		env SOCDOK_USER=sara audit-log --protected &&
	akt-verify --all >/dev/null
'

test_expect_success 'exports of a protected akt need --confirm-protected' '
	test_refused 64 "add --confirm-protected to export it" \
		env SOCDOK_USER=sara akt-export 1 &&
	test_refused 64 "add --confirm-protected" env SOCDOK_USER=admin \
		akt-export 1 --format json -o x.json &&
	test ! -e x.json &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik \
		akt-export 1 --confirm-protected &&
	akt-list --format tsv | cut -f1 | tail -n +2 >ids &&
	test_refused 64 "confirm-protected" akt-export --dir d1 <ids &&
	test ! -e d1/akt-1.md
'

test_expect_success 'an export of a protected akt carries a Sekretessmarkering banner' '
	for f in md html json; do
		SOCDOK_USER=sara akt-export 1 --confirm-protected --format $f \
			>x.$f || return 1
	done &&
	head -1 x.md | grep -q "^> \*\*Sekretessmarkering:\*\* personen har skyddade" &&
	grep -q "<blockquote>" x.html &&
	grep -q "<strong>Sekretessmarkering:</strong>" x.html &&
	grep -q "class=\"sekretess\">Sekretessmarkering" x.html &&
	grep -q "<title>Personakt 1 (sekretessmarkering)</title>" x.html &&
	jq -r "keys_unsorted[0], .sekretessmarkering" x.json >got &&
	head -1 got | grep -qx sekretessmarkering &&
	grep -q "^Sekretessmarkering: personen har skyddade" got &&
	akt-verify --export x.json >/dev/null &&
	akt-export 2 --confirm-protected --format json >y.json &&
	akt-export 1 --confirm-protected --dir d2 >/dev/null &&
	grep -q Sekretessmarkering d2/akt-1.md &&
	SOCDOK_USER=karin audit-log --protected --akt 1 --format tsv >log &&
	grep -q "exported akt as json" log
'

test_expect_success PDFTOOLS 'every page of a protected PDF has the banner, and no name in its header' '
	i=0 &&
	while [ $i -lt 60 ]; do
		SOCDOK_USER=sara journal-add 1 -m "Besök nummer $i. Anna fick hjälp med dusch och frukost och vi pratade om veckan som kommer och om hennes barnbarn." >/dev/null || return 1
		i=$((i + 1))
	done &&
	SOCDOK_USER=sara akt-export 1 --confirm-protected --format pdf -o x.pdf \
		>/dev/null &&
	pdftotext x.pdf - | awk -v RS="\f" "NF { print \$0 > (\"pg-\" NR) }" &&
	n=$(ls pg-* | wc -l) && test "$n" -ge 2 &&
	for p in pg-*; do
		grep -q "^Sekretessmarkering · skyddade personuppgifter" $p ||
			{ echo "no banner on $p"; return 1; }
		grep -q "^Personakt 1$" $p || { echo "header of $p"; return 1; }
	done
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

test_expect_success 'another unit is refused a protected akt as any akt of that unit' '
	export SOCDOK_DB="$T_DIR/oracle.db" &&
	setup_world >/dev/null 2>&1 &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500101 111)" --name "Qvist, Zandra" \
		--unit "Hemtjänst Norr" --kontaktperson sara --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500102 222)" --name "Berg, Bo" \
		--unit "Hemtjänst Norr" --kontaktperson sara --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Besök." >/dev/null &&
	SOCDOK_USER=sara journal-add 2 -m "Besök." >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-20 >/dev/null &&
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-20 >/dev/null &&
	SOCDOK_USER=karin akt-protect 1 --reason "Skyddad folkbokföring" &&
	for c in "akt-show N" "journal-show N" "journal-add N -m x" "akt-export N" \
		"gp-show N" "lb-show N" "akt-consent N --to x --about y --from 2026-02-01 -m z" \
		"insats-start N --date 2026-02-01" "journal-correct N:1 -m x" \
		"journal-object N:1 -m x" "akt-set N --name X -m y" \
		"akt-inform N --date 2026-02-01 --how muntligt"; do
		for n in 1 2; do
			cmd=$(echo "$c" | sed "s/N/$n/") &&
			test_refused 77 "belongs to unit '"'"'Hemtjänst Norr'"'"', which is not yours" \
				env SOCDOK_USER=olle $cmd &&
			sed "s/\b$n\b/N/g" .refused-err >"err.$n" || return 1
		done &&
		test_cmp err.2 err.1 || { echo "differs: $c"; return 1; }
	done &&
	! grep -i -e protect -e skydd err.1 &&
	test_refused 77 "protected identity" env SOCDOK_USER=erik akt-show 1
'

test_done
