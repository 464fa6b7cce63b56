#!/bin/sh
# The everyday snags of issue 15: unit names and --regime in any case
# (Swedish folding), --unit on every report and a unit one does not see
# refused (77), an akt opened before the person was born refused.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19430412 238)
P2=$(t_pnr 19900101 238)

test_expect_success 'set up' '
	setup_world >/dev/null
'

test_expect_success 'unit names match in any case, Å Ä Ö too' '
	echo 1 >expect &&
	SOCDOK_USER=sara akt-new "$P1" --name "Ek, Greta" \
		--unit "HEMTJÄNST NORR" --opened 2026-01-12 >got &&
	test_cmp expect got &&
	akt-list --unit "hemtjänst norr" --format tsv | cut -f4 | sed 1d >got &&
	echo "Hemtjänst Norr" >expect && test_cmp expect got &&
	followup-due --unit "hemtJÄNST Norr" --format tsv >out
'

test_expect_success '--regime lss (any case) is LSS' '
	SOCDOK_USER=olle akt-new "$P2" --name "Berg, Bo" --unit "boendestöd väst" \
		--regime lss --opened 2026-01-12 >/dev/null &&
	akt-list --format tsv | awk -F"\t" "\$1 == 2 { print \$5 }" >got &&
	echo LSS >expect && test_cmp expect got
'

test_expect_success 'an akt opened before the person was born is refused' '
	test_refused 65 "--opened 1980-01-12 is before $P2 was born (1990-01-01)" \
		env SOCDOK_USER=olle akt-new "$P2" --name "Berg, Bo" \
		--unit "Boendestöd Väst" --regime LSS --opened 1980-01-12
'

test_expect_success '--unit of a unit one does not see is refused (77), in every report' '
	for cmd in "followup-due" "akt-list" "ivo-report --quarter 2026Q1" \
		"staff-list"; do
		test_refused 77 "unit '\''Boendestöd Väst'\'' is not yours" \
			env SOCDOK_USER=sara $cmd --unit "Boendestöd Väst" || return 1
	done &&
	test_refused 77 "unit '\''Boendestöd Väst'\'' is not yours" \
		env SOCDOK_USER=karin audit-log --unit "boendestöd väst" &&
	test_refused 65 "unknown unit '\''Ingenstans'\''" \
		followup-due --unit Ingenstans
'

test_expect_success '--unit on ivo-report, audit-log and staff-list' '
	staff-list --unit "Boendestöd Väst" --format tsv | cut -f1 >got &&
	printf "login\nolle\n" >expect && test_cmp expect got &&
	SOCDOK_USER=karin audit-log --unit "Hemtjänst Norr" --format tsv >log &&
	awk -F"\t" "NR > 1 && \$4 != \"\" && \$4 != 1" log >other &&
	test_cmp /dev/null other &&
	grep -q "	1	" log &&
	audit-log --unit "Boendestöd Väst" --format tsv | sed 1d | cut -f4 | sort -u >got &&
	echo 2 >expect && test_cmp expect got &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=olle insats-add 2 --kind boendestöd --decided 2025-10-01 >/dev/null &&
	ivo-report --quarter 2026Q1 --unit "Hemtjänst Norr" --format tsv >all1 &&
	ivo-report --quarter 2026Q1 --format tsv >all &&
	test "$(sed 1d all | wc -l)" -gt "$(sed 1d all1 | wc -l)"
'

test_expect_success 'the closing mail: a From with a domain, where the export is in words' '
	mkdir exp &&
	SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>" \
		akt-close 1 --mail-to h@kommun.se --export-dir exp \
		--export-format md -m "Avslut." >out &&
	grep "^From: .*<noreply@kommun.se>$" out &&
	grep "^Den är sparad som filen akt-1.md hos Hemtjänst Norr; kontakta Ada Admin" out &&
	! grep -q "exp/" out &&
	case $(hostname -f 2>/dev/null) in
	*.*) env -u SOCDOK_MAIL_FROM akt-close 2 --mail-to h@kommun.se \
		-m "Avslut." | grep "^From: .*<socdok@.*\..*>$" ;;
	*) test_refused 78 "has no domain" env -u SOCDOK_MAIL_FROM \
		akt-close 2 --mail-to h@kommun.se -m "Avslut." ;;
	esac
'

test_done
