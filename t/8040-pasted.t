#!/bin/sh
# Pasted text (issue 15): Windows line endings and a byte order mark are
# made plain in every text input; NUL, bytes that are not UTF-8, UTF-16
# and terminal control characters are refused with the line and column;
# a note holds at most 256 KiB, and a PDF export holds every word of it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up' '
	setup_world >/dev/null &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19430412 238)" --name "Ek, Greta" \
		--unit "Hemtjänst Norr" --opened 2026-01-12 >/dev/null
'

test_expect_success 'CRLF becomes LF, and a BOM is dropped (-F, stdin, -m)' '
	printf "Rad ett\r\nRad två\r\n" >crlf.txt &&
	SOCDOK_USER=sara journal-add 1 -F crlf.txt >/dev/null &&
	printf "\357\273\277BOM först\r\n" | SOCDOK_USER=sara journal-add 1 - >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "$(printf "Ett\r\nTvå")" >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT replace(body, char(10), '\''|'\'') FROM note ORDER BY id" >bodies &&
	printf "Rad ett|Rad två|\nBOM först|\nEtt|Två\n" >expect &&
	test_cmp expect bodies &&
	! grep -q "$(printf "\r")" bodies &&
	journal-show 1 --format json >j && ! grep -q "\\\\r" j
'

test_expect_success 'a NUL byte is refused with its line and column, not cut' '
	printf "Första raden\nText med NUL\000 inuti\n" >nul.txt &&
	test_refused 65 "the note has a NUL byte at line 2, column 13" \
		env SOCDOK_USER=sara journal-add 1 -F nul.txt
'

test_expect_success 'bytes that are not UTF-8 are refused with line and column' '
	printf "ok\nbad \377 här\n" >bad.txt &&
	test_refused 65 "the note has a byte that is not UTF-8 at line 2, column 5" \
		env SOCDOK_USER=sara journal-add 1 -F bad.txt
'

test_expect_success 'UTF-16 is refused, not stored as one letter' '
	printf "Hej Greta\n" | iconv -f UTF-8 -t UTF-16 >u16.txt &&
	test_refused 65 "the note is UTF-16, not UTF-8" \
		env SOCDOK_USER=sara journal-add 1 -F u16.txt
'

test_expect_success 'ESC, BEL and bidi overrides are refused' '
	printf "rensa \033[2J skärmen\n" >esc.txt &&
	test_refused 65 "a control character (such as ESC or BEL) at line 1, column 7" \
		env SOCDOK_USER=sara journal-add 1 -F esc.txt &&
	printf "pling \007\n" >bel.txt &&
	test_refused 65 "control character" \
		env SOCDOK_USER=sara journal-add 1 -F bel.txt &&
	printf "dold \342\200\256 text\n" >bidi.txt &&
	test_refused 65 "a bidirectional override character at line 1, column 6" \
		env SOCDOK_USER=sara journal-add 1 -F bidi.txt
'

test_expect_success 'the same in plans, closing texts, batches and options' '
	test_refused 65 "the plan has a NUL byte" \
		env SOCDOK_USER=sara gp-new 1 -F nul.txt &&
	test_refused 65 "the closing text has a control character" \
		env SOCDOK_USER=sara akt-close 1 -F esc.txt &&
	printf "1\thändelse\t2026-03-01\trensa \033[2J\n" |
		SOCDOK_USER=sara journal-add --batch >out 2>err;
	test $? = 65 && grep -q "control character" err &&
	test_refused 65 "--goal has a control character" \
		env SOCDOK_USER=sara insats-add 1 --kind hemtjänst \
		--decided 2026-01-12 --goal "$(printf "mål \033[2J")"
'

test_expect_success 'Swedish refusal' '
	(unset LC_ALL && export LANG=C.UTF-8 LANGUAGE=sv &&
	 SOCDOK_USER=sara test_must_fail 65 journal-add 1 -F nul.txt 2>err) &&
	grep -q "anteckningen har en NUL-byte på rad 2, kolumn 13" err
'

test_expect_success 'a control character already stored is shown escaped' '
	n=$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note") &&
	SOCDOK_USER=sara journal-add 1 -m "ren text" >/dev/null &&
	journal-show 1 >out &&
	! grep -q "$(printf "\033")" out
'

test_expect_success 'a note over 256 KiB is refused, one of 256 KiB taken' '
	python3 -c "print(\"Ord \" * 70000)" >huge.txt &&
	test_refused 65 "the note is 274 KiB, more than the 256 KiB a text may hold" \
		env SOCDOK_USER=sara journal-add 1 -F huge.txt &&
	python3 -c "
import sys
out, n, i = [], 0, 0
while True:
    w = \"w%d \" % i
    if n + len(w) > 256 * 1024:
        break
    out.append(w)
    n += len(w)
    i += 1
sys.stdout.write(\"\".join(out))
" >max.txt &&
	test "$(wc -c <max.txt)" -gt 262000 &&
	SOCDOK_USER=sara akt-new "$(t_pnr 19500101 238)" --name "Ord, Olle" \
		--unit "Hemtjänst Norr" --opened 2026-01-12 >/dev/null &&
	SOCDOK_USER=sara journal-add 2 -F max.txt 2>/dev/null >/dev/null
'

test_expect_success PDFTOOLS 'every word of a note of the maximum size is in the PDF' '
	SOCDOK_USER=sara akt-export 2 --format pdf -o max.pdf >/dev/null &&
	pdftotext max.pdf - | tr -s " \n" "\n\n" | grep "^w[0-9]*$" | sort -u >got &&
	tr " " "\n" <max.txt | grep . | sort -u >want &&
	test "$(wc -l <want)" -gt 35000 &&
	comm -23 want got >missing &&
	test_cmp /dev/null missing
'

test_done
