#!/bin/sh
# Batches and pipes the same in every program that takes several akter
# (issue 15): akt-close, akt-export and akt-verify take bare ids, note
# references, several ids on a line, or any list program's TSV, CSV,
# text or JSON with its header; each akt is reported on its own, the
# others go on, and the exit is not 0 when one failed.  Input that
# cannot be read is refused before anything is done.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: four akter at Hemtjänst Norr, one at Boendestöd Väst' '
	setup_world &&
	for n in 1 2 3 4; do
		SOCDOK_USER=sara akt-new "$(t_pnr 1940010$n 12$n)" \
			--name "Person, Nummer$n" --unit "Hemtjänst Norr" \
			--opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19400105 125)" --name "Person, Fem" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Första anteckningen." >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Andra anteckningen." >/dev/null &&
	SOCDOK_USER=sara journal-add 3 -m "En anteckning." >/dev/null
'

test_expect_success 'akt-export: 999 reported, 1 and 4 written, exit 66' '
	printf "1\n999\n4\n" | SOCDOK_USER=sara akt-export --dir d --format md >got 2>err
	test $? = 66 &&
	printf "d/akt-1.md\nd/akt-4.md\n" >expect &&
	test_cmp expect got &&
	grep "^akt-export: no akt 999" err &&
	ls d >got &&
	printf "akt-1.md\nakt-4.md\n" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-verify: 999 reported, 1 and 4 verified, exit 66' '
	printf "1\n999\n4\n" | SOCDOK_USER=sara akt-verify --format tsv >got 2>err
	test $? = 66 &&
	cut -f1,3 got >cut &&
	printf "akt\tstatus\n1\tintact\n4\tintact\n" >expect &&
	test_cmp expect cut &&
	cat >expect <<-EOF &&
	akt-verify: no akt 999; see akt-list
	akt-verify: 1 of 3 akter could not be verified
	EOF
	test_cmp expect err
'

test_expect_success 'akt-close: 999 reported, 1 and 4 would close, exit 66' '
	printf "1\n999\n4\n" | SOCDOK_USER=sara akt-close --dry-run --format tsv >got 2>err
	test $? = 66 &&
	cut -f1,2 got >cut &&
	printf "akt\tstatus\n1\twould-close\n999\trefused\n4\twould-close\n" >expect &&
	test_cmp expect cut
'

test_expect_success 'a line "2 3" is two akter in every program' '
	echo "2 3" | SOCDOK_USER=sara akt-close --dry-run --format tsv >got &&
	cut -f1,2 got >cut &&
	printf "akt\tstatus\n2\twould-close\n3\twould-close\n" >expect &&
	test_cmp expect cut &&
	echo "2 3" | SOCDOK_USER=sara akt-export --dir two >got &&
	printf "two/akt-2.md\ntwo/akt-3.md\n" >expect &&
	test_cmp expect got &&
	echo "2,3" | SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
	printf "akt\n2\n3\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a line that is not akter is refused with its number; nothing done' '
	db_snapshot before.sql &&
	printf "1\n2 och 3\n" | SOCDOK_USER=sara akt-close >got 2>err
	test $? = 65 &&
	test ! -s got &&
	echo "akt-close: standard input, line 2: '\''2 och 3'\'' is not a list of akter; give ids, personnummer or AKT:NOTE, or a list program'\''s output with its header" >expect &&
	test_cmp expect err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success 'akt-list in TSV, CSV, text and JSON goes into akt-verify alike' '
	printf "akt\n1\n2\n3\n4\n" >expect &&
	for f in tsv csv text json ids; do
		SOCDOK_USER=sara akt-list --format $f |
			SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
		test_cmp expect got || { echo "from --format $f"; return 1; }
	done
'

test_expect_success 'a list program whose akt column is not the first: followup-due, audit-log' '
	SOCDOK_USER=sara insats-add 2 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara followup-due --format tsv >due &&
	test "$(head -n 1 due | cut -f2)" = akt &&
	SOCDOK_USER=sara followup-due --format csv |
		SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
	printf "akt\n2\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara followup-due --format json |
		SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
	test_cmp expect got
'

test_expect_success 'note references name their akt, each akt once' '
	SOCDOK_USER=sara journal-show 1 --format tsv >notes &&
	test "$(grep -c "^1:" notes)" = 2 &&
	SOCDOK_USER=sara akt-verify --format tsv <notes | cut -f1 >got &&
	printf "akt\n1\n" >expect &&
	test_cmp expect got &&
	printf "1:1\n3:1\n1:2\n" | SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
	printf "akt\n1\n3\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-export 1:2 -o note.md &&
	grep -q "Andra anteckningen" note.md
'

test_expect_success 'a list that names no akter is refused: staff-list' '
	SOCDOK_USER=sara staff-list --format tsv |
		SOCDOK_USER=sara akt-verify >got 2>err
	test $? = 65 &&
	test ! -s got &&
	grep "^akt-verify: standard input has no akt or note column (its columns are login, name, title, role, units, email, active); pipe a list of akter" err
'

test_expect_success 'JSON that names no akter is refused clearly' '
	echo "{\"akt\": 1}" | SOCDOK_USER=sara akt-verify 2>err
	test $? = 65 &&
	grep "^akt-verify: standard input is not a JSON array" err &&
	echo "[1, {\"login\": \"sara\"}]" | SOCDOK_USER=sara akt-export --dir j 2>err
	test $? = 65 &&
	grep "^akt-export: standard input: element 2 of the JSON array names no akt" err &&
	test ! -e j/akt-1.md &&
	echo "[1, 2" | SOCDOK_USER=sara akt-close --dry-run 2>err
	test $? = 65 &&
	grep "^akt-close: standard input is not a JSON array" err
'

test_expect_success 'Swedish Excel CSV (;) and a BOM and CRLF are read too' '
	printf "\357\273\277akt;namn\r\n2;x\r\n4;y\r\n" |
		SOCDOK_USER=sara akt-verify --format tsv | cut -f1 >got &&
	printf "akt\n2\n4\n" >expect &&
	test_cmp expect got
'

test_expect_success 'akt-close: an akt of another unit refused, the others closed, exit 77' '
	printf "4\n5\n" | SOCDOK_USER=sara akt-close --format tsv >got 2>err
	test $? = 77 &&
	cut -f1,2 got >cut &&
	printf "akt\tstatus\n4\tclosed\n5\trefused\n" >expect &&
	test_cmp expect cut
'

test_done
