#!/bin/sh
# akt-close for scripts: akter from stdin, a dry run that changes
# nothing, a batch where some close and some are refused (each its own
# transaction, the exit status and stderr saying which), the record
# formats, and the summaries with --notify.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up: four akter at Hemtjänst Norr, one at Boendestöd Väst' '
	setup_world &&
	for n in 1 2 3 4; do
		SOCDOK_USER=sara akt-new "$(t_pnr 1940010$n 12$n)" \
			--name "Person $n" --unit "Hemtjänst Norr" \
			--opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19400105 125)" --name "Person 5" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-end 1 --date 2026-02-20 &&
	SOCDOK_USER=sara insats-add 2 --kind boendestöd --decided 2026-01-10 \
		--handlaggare "Hugo Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-01-21 &&
	SOCDOK_USER=sara insats-add 4 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	SOCDOK_USER=sara insats-start 3 --date 2026-01-22 &&
	SOCDOK_USER=sara insats-end 3 --date 2026-02-10
'

test_expect_success 'akt-list --format ids gives one akt id per line' '
	printf "1\n2\n3\n4\n" >expect &&
	SOCDOK_USER=sara akt-list --unit "Hemtjänst Norr" --open --format ids >out &&
	test_cmp expect out
'

test_expect_success 'akt-list --format ids | akt-close --dry-run: what it would do, and why not' '
	cat >expect <<-EOF &&
	akt  status       date        ended  note  reason
	  1  would-close  2026-03-02
	  2  refused                               akt 2 has a running insats: 2 boendestöd (since 2026-01-21); end it with insats-end, or close with --end-insatser
	  3  would-close  2026-03-02
	  4  would-close  2026-03-02
	EOF
	SOCDOK_USER=sara akt-list --unit "Hemtjänst Norr" --format ids >ids &&
	db_snapshot before.sql &&
	cp "$SOCDOK_DB" before.db &&
	SOCDOK_USER=sara akt-close --dry-run <ids >out 2>err
	test $? = 65 &&
	sed "s/ *\$//" out >got &&
	test_cmp expect got &&
	cat >expect <<-EOF &&
	akt-close: akt 2 has a running insats: 2 boendestöd (since 2026-01-21); end it with insats-end, or close with --end-insatser
	akt-close: 1 of 4 akter would be refused
	EOF
	test_cmp expect err
'

test_expect_success 'the dry run left the database byte for byte as it was' '
	db_snapshot after.sql &&
	test_cmp before.sql after.sql &&
	cmp before.db "$SOCDOK_DB" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log \
		WHERE program = '\''akt-close'\''")" = 0
'

test_expect_success 'a dry run with --end-insatser names what it would end, and succeeds' '
	cat >expect <<-EOF &&
	akt	status	date	ended	note	reason
	1	would-close	2026-03-02			
	2	would-close	2026-03-02	2		
	EOF
	printf "1\n2\n" | SOCDOK_USER=sara akt-close --dry-run --end-insatser \
		--format tsv >out 2>err &&
	test_cmp expect out &&
	test ! -s err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success 'a batch from stdin: some close, some are refused, each on its own' '
	cat >expect <<-EOF &&
	akt	status	date	ended	note	reason
	1	closed	2026-03-01		6	
	2	refused				akt 2 has a running insats: 2 boendestöd (since 2026-01-21); end it with insats-end, or close with --end-insatser
	5	refused				akt 5 belongs to unit '\''Boendestöd Väst'\'', which is not yours; ask an administrator to add you to it
	99	refused				no akt 99; see akt-list
	3	closed	2026-03-01		7	
	EOF
	printf "1\n2\n5\n\n99\n3\n" |
		SOCDOK_USER=sara akt-close --date 2026-03-01 --format tsv \
		--notify summaries.txt >out 2>err
	test $? = 65 &&
	test_cmp expect out &&
	cat >expect <<-EOF &&
	akt-close: akt 2 has a running insats: 2 boendestöd (since 2026-01-21); end it with insats-end, or close with --end-insatser
	akt-close: akt 5 belongs to unit '\''Boendestöd Väst'\'', which is not yours; ask an administrator to add you to it
	akt-close: no akt 99; see akt-list
	akt-close: 3 of 5 akter refused; the others were closed
	EOF
	test_cmp expect err
'

test_expect_success 'the batch closed exactly the akter it said it closed' '
	cat >expect <<-EOF &&
	1|2026-03-01
	2|
	3|2026-03-01
	4|
	5|
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT id, closed FROM akt ORDER BY id" >out &&
	test_cmp expect out
'

test_expect_success '--notify FILE holds one summary per closed akt' '
	P1=$(t_pnr 19400101 121) P3=$(t_pnr 19400103 123) &&
	cat >expect <<-EOF &&
	Till: Hanna Handläggare
	Ämne: Akt 1 avslutad: Person 1

	Akten för Person 1 ($P1) vid Hemtjänst Norr avslutades 2026-03-01.

	Insatser:
	- hemtjänst (insats 1, beslut 2026-01-10): verkställd 2026-01-20, avslutad 2026-02-20

	Den sociala dokumentationen är sammanställd: 3 journalanteckningar och 0 genomförandeplaner.
	Exportera den med: akt-export 1

	Sara Samordnare
	undersköterska, Hemtjänst Norr

	Till: handläggaren
	Ämne: Akt 3 avslutad: Person 3

	Akten för Person 3 ($P3) vid Hemtjänst Norr avslutades 2026-03-01.

	Akten hade inga insatser.

	Den sociala dokumentationen är sammanställd: 1 journalanteckning och 0 genomförandeplaner.
	Exportera den med: akt-export 3

	Sara Samordnare
	undersköterska, Hemtjänst Norr
	EOF
	test_cmp expect summaries.txt
'

test_expect_success 'a batch where all are refused exits with the first refusal'\''s status' '
	printf "1\n99\n" | SOCDOK_USER=sara akt-close --format tsv >out 2>err
	test $? = 65 &&
	grep "^akt-close: 2 of 2 akter refused" err
'

test_expect_success 'arguments win over stdin' '
	echo 2 | SOCDOK_USER=sara akt-close 4 --dry-run --format tsv >out &&
	cut -f 1,2 out >got &&
	printf "akt\tstatus\n4\twould-close\n" >expect &&
	test_cmp expect got
'

test_expect_success 'TSV from akt-list or a dry run pipes in, header and all' '
	SOCDOK_USER=sara akt-list --unit "Hemtjänst Norr" --open --format tsv |
		SOCDOK_USER=sara akt-close --dry-run --end-insatser \
		--format tsv >plan.tsv &&
	printf "akt\tstatus\n2\twould-close\n4\twould-close\n" >expect &&
	cut -f 1,2 plan.tsv >got &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-close --dry-run --end-insatser --format tsv \
		<plan.tsv >again.tsv &&
	test_cmp plan.tsv again.tsv
'

test_expect_success 'empty stdin: nothing to do, silently' '
	SOCDOK_USER=sara akt-close </dev/null >out 2>err &&
	test ! -s out &&
	test ! -s err
'

test_expect_success '--format json: one object per akt, the summary included' '
	printf "4\n2\n" | SOCDOK_USER=sara akt-close --format json >out 2>err
	test $? = 65 &&
	jq -r ".[] | [.akt, .status, .date // \"-\", (.note | type), .reason // \"-\"] | @tsv" out >got &&
	cat >expect <<-EOF &&
	4	closed	2026-03-02	number	-
	2	refused	-	null	akt 2 has a running insats: 2 boendestöd (since 2026-01-21); end it with insats-end, or close with --end-insatser
	EOF
	test_cmp expect got &&
	jq -r ".[0].summary" out | head -n 1 >got &&
	echo "Akten för Person 4 ($(t_pnr 19400104 124)) vid Hemtjänst Norr avslutades 2026-03-02." >expect &&
	test_cmp expect got
'

test_expect_success '--notify - puts the summaries on stdout after the records' '
	SOCDOK_USER=sara akt-close 2 --end-insatser --format tsv --notify - >out &&
	sed -n "1,2p" out | cut -f 1-4 >got &&
	printf "akt\tstatus\tdate\tended\n2\tclosed\t2026-03-02\t2\n" >expect &&
	test_cmp expect got &&
	sed -n "3,5p" out >got &&
	printf "\nTill: Hugo Handläggare\nÄmne: Akt 2 avslutad: Person 2\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a batch after all are closed: the dry run says why each would be refused' '
	SOCDOK_USER=sara akt-list --unit "Hemtjänst Norr" --format ids |
		SOCDOK_USER=sara akt-close --dry-run --format tsv >out 2>err
	test $? = 65 &&
	cut -f 2 out | sort | uniq -c | sed "s/^ *//" >got &&
	printf "4 refused\n1 status\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a summary that cannot be written stops the batch: no akt closes untold' '
	SOCDOK_USER=sara akt-reopen 1 -m "prov" &&
	SOCDOK_USER=sara akt-reopen 3 -m "prov" &&
	printf "1\n3\n" | test_must_fail 74 env SOCDOK_USER=sara akt-close \
		--notify /dev/full --format tsv >out 2>err &&
	cat >expect <<-EOF &&
	akt-close: akt 1 was closed, but its summary could not be written to '\''/dev/full'\'': No space left on device; no further akter were tried
	EOF
	test_cmp expect err &&
	cut -f 1,2 out >got &&
	printf "akt\tstatus\n1\tclosed\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT id FROM akt WHERE id IN (1, 3) \
		AND closed IS NULL")" = 3
'

test_expect_success 'records that cannot be written: "write error", exit 74' '
	test_must_fail 74 env SOCDOK_USER=sara akt-close 3 >/dev/full 2>err &&
	echo "akt-close: write error: No space left on device" >expect &&
	test_cmp expect err
'

test_expect_success 'akt-close: --help, and the usage line' '
	akt-close --help >out &&
	echo "usage: akt-close [-d DB] [AKT ...] [--date DATE] [-m TEXT | -F FILE] [--end-insatser] [--dry-run] [--export-dir DIR [--export-format md|html|pdf|json]] [--notify FILE|-] [--mail-to ADDRESS] [--format text|tsv|csv|json]" >expect &&
	test_cmp expect out
'

test_done
