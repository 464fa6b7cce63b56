#!/bin/sh
# Telling the handläggare (seed 003: "Utföraren ska omgående meddela
# handläggaren"): the summary as mail through lib/mail, and the social
# documentation compiled by --export-dir in the closing transaction.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

test_expect_success 'set up: three akter whose insatser have ended' '
	setup_world &&
	for p in "$P1" "$P2" "$(t_pnr 19500505 789)"; do
		SOCDOK_USER=sara akt-new "$p" --name "Åberg, Åsa" \
			--unit "Hemtjänst Norr" --kontaktperson erik \
			--opened 2026-01-15 >/dev/null || return 1
	done &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Handläggare" >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	SOCDOK_USER=sara insats-end 1 --date 2026-02-27
'

test_expect_success '--mail-to refuses what is not one address, changing nothing' '
	db_snapshot before.sql &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 \
		--mail-to "Hanna <hanna@kommun.se>" 2>err &&
	echo "akt-close: --mail-to '\''Hanna <hanna@kommun.se>'\'' is not a mail address; give one address such as hanna.handlaggare@kommun.se" >expect &&
	test_cmp expect err &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 1 --mail-to hanna 2>err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success '--mail-to: one message per akt, an mbox stream, from the user' '
	SOCDOK_USER=sara akt-close 1 -m "Flyttar." --mail-to hanna@kommun.se \
		--notify mail.mbox --format tsv >out &&
	grep -c "^From sara@example.org " mail.mbox >got &&
	echo 1 >expect &&
	test_cmp expect got &&
	grep "^From: \"Sara Samordnare\" <sara@example.org>$" mail.mbox &&
	grep "^To: =?UTF-8?B?.*?= <hanna@kommun.se>$" mail.mbox &&
	grep "^Subject: =?UTF-8?B?" mail.mbox &&
	grep "^Content-Type: text/plain; charset=UTF-8$" mail.mbox &&
	grep "^Content-Transfer-Encoding: 8bit$" mail.mbox
'

test_expect_success 'the mail names the person and the akt, never the personnummer' '
	grep "^Akten för Åberg, Åsa (akt 1) vid Hemtjänst Norr avslutades 2026-03-02.$" mail.mbox &&
	grep "^- hemtjänst (insats 1, beslut 2026-01-10): verkställd 2026-01-20, avslutad 2026-02-27$" mail.mbox &&
	! grep "$P1" mail.mbox &&
	! grep "${P1%-*}" mail.mbox
'

test_expect_success 'the headers decode to the handläggare and the subject' '
	sed -n "s/^To: =?UTF-8?B?\(.*\)?= <.*/\1/p" mail.mbox | base64 -d >got &&
	printf "Hanna Handläggare" >expect &&
	test_cmp expect got &&
	sed -n "/^Subject:/,/^Date:/p" mail.mbox | sed "\$d" |
		grep -o "=?UTF-8?B?[^?]*?=" | sed "s/=?UTF-8?B?//; s/?=//" |
		while read w; do printf %s "$w" | base64 -d; done >got &&
	printf "Akt 1 avslutad: Åberg, Åsa" >expect &&
	test_cmp expect got
'

test_expect_success 'tools/mail-digest takes the stream apart for sendmail' '
	mail-digest --dir eml <mail.mbox &&
	ls eml >got &&
	echo 001.eml >expect &&
	test_cmp expect got &&
	grep "^To: .*<hanna@kommun.se>$" eml/001.eml
'

test_expect_success 'a user without a mail address sends from SOCDOK_MAIL_FROM' '
	SOCDOK_MAIL_FROM=socdok@kommun.se SOCDOK_USER=erik akt-close 2 \
		--mail-to hanna@kommun.se --notify - --format tsv >out &&
	grep "^From: \"Erik Ek\" <socdok@kommun.se>$" out &&
	grep "^To: hanna@kommun.se$" out
'

test_expect_success '--mail-to without --notify writes the mail after the records' '
	SOCDOK_USER=sara akt-reopen 2 -m "prov" &&
	SOCDOK_USER=sara akt-close 2 --mail-to hanna@kommun.se \
		--format tsv >out &&
	sed -n 2p out | cut -f 1,2 >got &&
	printf "2\tclosed\n" >expect &&
	test_cmp expect got &&
	grep -c "^From sara@example.org " out >got &&
	echo 1 >expect &&
	test_cmp expect got
'

test_expect_success '--export-format needs --export-dir; the directory must be writable' '
	db_snapshot before.sql &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 3 --export-format md 2>err &&
	grep "^usage: akt-close" err &&
	test_must_fail 73 env SOCDOK_USER=sara akt-close 3 --export-dir nodir 2>err &&
	echo "akt-close: cannot write into --export-dir '\''nodir'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	test_must_fail 64 env SOCDOK_USER=sara akt-close 3 --export-dir . \
		--export-format doc 2>err &&
	grep "^akt-close: .*doc" err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql
'

test_expect_success 'a dry run with --export-dir writes no document' '
	mkdir exp &&
	SOCDOK_USER=sara akt-close 3 --dry-run --export-dir exp >/dev/null &&
	test -z "$(ls exp)"
'

test_expect_success 'an export that cannot be written refuses the close' '
	mkdir exp/akt-3.md &&
	db_snapshot before.sql &&
	SOCDOK_USER=sara akt-close 3 --export-dir exp --export-format md \
		--format tsv >out 2>err
	test $? != 0 &&
	cut -f 1,2 out >got &&
	printf "akt\tstatus\n3\trefused\n" >expect &&
	test_cmp expect got &&
	grep "^akt-close: .*akt-3.md" err &&
	db_snapshot after.sql &&
	test_cmp before.sql after.sql &&
	rmdir exp/akt-3.md
'

test_expect_success '--export-dir compiles the documentation, closing note included' '
	SOCDOK_USER=sara akt-close 3 -m "Avslutas på egen begäran." \
		--export-dir exp --export-format md >out &&
	test -f exp/akt-3.md &&
	grep "Avslutas på egen begäran." exp/akt-3.md &&
	grep "^Den är sparad som filen akt-3.md hos " out && ! grep -q "exp/" out &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE akt_id = 3 \
		AND program = '\''akt-close'\'' ORDER BY id" >got &&
	printf "closed akt on 2026-03-02\nexported akt as md\n" >expect &&
	test_cmp expect got
'

test_expect_success 'by default the document is a PDF with the closing note in it' '
	SOCDOK_USER=sara akt-reopen 3 -m "prov" &&
	SOCDOK_USER=sara akt-close 3 -m "Andra gången." --export-dir exp/ >out &&
	grep "^Den är sparad som filen akt-3.pdf hos " out &&
	pdftotext exp/akt-3.pdf - | grep "Andra gången."
'

test_done
