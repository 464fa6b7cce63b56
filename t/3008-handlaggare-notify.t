#!/bin/sh
# handlaggare-notify: the handläggare is told, once each, that an insats
# started, that it ended, and that the first genomförandeplan was
# established (Administrativa rutiner för handläggare och utförare).
. "$(dirname "$0")/lib.sh"

export SOCDOK_MAIL_FROM="Hemtjänst Norr <noreply@kommun.se>"

t_plan "Anna deltog." >"$T_DIR/plan.md"

notices() { handlaggare-notify --format tsv | sed 1d | cut -f1-4,7,8; }

test_expect_success 'set up: nothing to tell, silence' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19400101 101)" --name "Ahl, Anna" \
		--unit "Hemtjänst Norr" --kontaktperson sara --opened 2026-01-02 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se >/dev/null &&
	handlaggare-notify >out 2>err && test ! -s out && test ! -s err &&
	handlaggare-notify --format mail >out 2>err && test ! -s out && test ! -s err
'

test_expect_success 'an insats started: listed, then mailed once' '
	SOCDOK_USER=sara insats-start 1 --date 2026-01-20 &&
	notices >got &&
	printf "1\t1\tinsats-start\t2026-01-20\tHanna Hand\thanna@kommun.se\n" >expect &&
	test_cmp expect got &&
	SOCDOK_USER=sara handlaggare-notify --format mail >out.mbox 2>err &&
	test ! -s err &&
	test "$(grep -c "^From " out.mbox)" = 1 &&
	grep "^To: \"Hanna Hand\" <hanna@kommun.se>$" out.mbox &&
	grep "^From: \"Sara Samordnare\" <sara@example.org>$" out.mbox &&
	python3 -c "
import mailbox, email.header
m = list(mailbox.mbox(\"out.mbox\"))[0]
s = str(email.header.make_header(email.header.decode_header(m[\"Subject\"])))
assert s == \"Insats påbörjad: hemtjänst för Ahl, Anna (akt 1)\", s
b = m.get_payload(decode=True).decode()
assert \"beslutad 2026-01-10, är verkställd: den påbörjades 2026-01-20 vid Hemtjänst Norr\" in b, b
assert \"19400101\" not in b
" &&
	notices >got && test ! -s got &&
	handlaggare-notify --format mail >again && test ! -s again &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT kind, event FROM notice_sent")" = "insats-start|2026-01-20"
'

test_expect_success '--dry-run writes the mail and records nothing' '
	SOCDOK_USER=sara gp-new 1 -F "$T_DIR/plan.md" --date 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara gp-sign --akt 1 --by brukare --date 2026-02-01 &&
	notices >got &&
	printf "1\t\tforsta-gp\t2026-02-01\tHanna Hand\thanna@kommun.se\n" >expect &&
	test_cmp expect got &&
	handlaggare-notify --format mail --dry-run >out.mbox &&
	grep -q "^Subject: " out.mbox &&
	notices >got && test_cmp expect got
'

test_expect_success 'the first plan is told once, a second version is not' '
	handlaggare-notify --format mail >out.mbox &&
	grep -A20 "^Subject:" out.mbox | grep -q "planeringsdatum 2026-02-01" &&
	SOCDOK_USER=sara gp-new 1 -F "$T_DIR/plan.md" --date 2026-03-01 >/dev/null &&
	SOCDOK_USER=sara gp-sign --akt 1 --by brukare --date 2026-03-01 &&
	notices >got && test ! -s got
'

test_expect_success 'an insats ended: told with its reason' '
	SOCDOK_USER=sara insats-end 1 --date 2026-03-02 --reason "flyttat till annan kommun" &&
	handlaggare-notify --format mail >out.mbox &&
	python3 -c "
import mailbox
m = list(mailbox.mbox(\"out.mbox\"))[0]
b = m.get_payload(decode=True).decode()
assert \"avslutades 2026-03-02 vid Hemtjänst Norr (flyttat till annan kommun).\" in b, b
"
'

test_expect_success 'no mail address: said, left to come again, exit 69' '
	SOCDOK_USER=sara insats-add 1 --kind trygghetslarm --decided 2026-03-01 \
		--handlaggare "Per Utan" >/dev/null &&
	SOCDOK_USER=sara insats-start 2 --date 2026-03-02 &&
	test_must_fail 69 handlaggare-notify --format mail >out.mbox 2>err &&
	grep "^handlaggare-notify: insats-start of insats 2 (akt 1): the handläggare has no mail address" err &&
	test ! -s out.mbox &&
	SOCDOK_USER=sara insats-correct 2 --handlaggare-email per@kommun.se -m "saknades" &&
	handlaggare-notify --format mail >out.mbox &&
	grep "^To: \"Per Utan\" <per@kommun.se>$" out.mbox
'

test_expect_success 'only the units the user sees; the access log says what was told' '
	SOCDOK_USER=olle handlaggare-notify --format tsv | sed 1d >got && test ! -s got &&
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = '\''handlaggare-notify'\'' ORDER BY id" >got &&
	grep -x "told the handläggare: insats-start of insats 1" got &&
	grep -x "told the handläggare: forsta-gp" got &&
	grep -x "told the handläggare: insats-slut of insats 1" got
'

test_expect_success ROOT 'mail that cannot be written is not recorded as given (74)' '
	i=$(SOCDOK_USER=sara insats-add 1 --kind ledsagning --decided 2026-03-01 \
		--handlaggare "Hanna Hand" --handlaggare-email hanna@kommun.se) &&
	SOCDOK_USER=sara insats-start "$i" --date 2026-03-02 &&
	mknod full c 1 7 &&
	test_must_fail 74 handlaggare-notify --format mail >full 2>err &&
	grep "^handlaggare-notify: cannot write the notices (No space left on device); none is recorded as given; run again$" err &&
	notices | grep -q "^1	$i	insats-start	2026-03-02	" &&
	handlaggare-notify --format mail >out.mbox &&
	grep -c "^From " out.mbox | grep -qx 1 &&
	notices >got && test ! -s got
'

test_done
