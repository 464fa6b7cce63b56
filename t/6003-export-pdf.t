#!/bin/sh
# akt-export --format pdf: A4 pages laid out by pango, DejaVu fonts
# embedded, text that extracts exactly (Swedish letters too), a running
# header with the person and the export date, "sida N av M", bookmarks
# per heading, headings kept with their text; --pdfa through ghostscript.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

# The text of a PDF without the running header and the page numbers.
pdf_body() {
	pdftotext "$1" - | grep -v "^Exporterad 20\|^sida [0-9]* av [0-9]*$" |
		grep -vF "Öberg-Ärlig, Åsa · $EX_P1"
}

test_expect_success 'set up: an akt with notes, a correction and two plans' '
	export_world
'

test_expect_success 'akt-export writes an A4 PDF' '
	SOCDOK_USER=sara akt-export 1 --format pdf -o akt.pdf >out 2>err &&
	test ! -s err &&
	pdfinfo akt.pdf >info &&
	grep "^Page size: *595.276 x 841.89 pts (A4)" info &&
	grep "^Pages: *3$" info &&
	grep "^Creator: *socdok" info
'

test_expect_success 'every font is DejaVu and embedded' '
	pdffonts akt.pdf | sed 1,2d >fonts &&
	test -s fonts &&
	! grep -v "DejaVuSans" fonts &&
	awk "{ if (\$(NF-4) != \"yes\") exit 1 }" fonts
'

test_expect_success 'pdftotext gives back every note and plan, Swedish letters intact' '
	pdf_body akt.pdf >text &&
	for f in note-1.txt note-2.txt note-3.txt note-4.txt \
		plan-1.md plan-2.md; do
		contains_words text $f || return 1
	done &&
	contains_unwrapped text note-5.txt &&
	grep -F "Personakt: Öberg-Ärlig, Åsa" text &&
	grep -F "Åsa påpekar att det var sonen Örjan" text
'

test_expect_success 'each page has the running header and "sida N av M"' '
	pdftotext -layout akt.pdf - >layout &&
	grep -c "Öberg-Ärlig, Åsa · $EX_P1  *Exporterad 20[0-9-]*$" layout >n &&
	echo 3 >expect && test_cmp expect n &&
	grep -o "sida [0-9] av [0-9]" layout >got &&
	printf "sida 1 av 3\nsida 2 av 3\nsida 3 av 3\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a bookmark for every heading, in order' '
	pdf_outline akt.pdf >got &&
	cat >expect <<-\EOF &&
	Personakt: Öberg-Ärlig, Åsa
	Insatser
	Genomförandeplaner
	Version 2 · 2026-02-15 · gällande
	Version 1 · 2026-01-20 · ersatt 2026-02-15
	Journal
	2026-01-10 · påbörjad-insats · anteckning 1
	2026-01-12 · händelse · anteckning 2
	2026-01-14 · kontakt · anteckning 3
	Rättelse av anteckning 3 · 2026-02-01 · anteckning 4
	2026-02-20 · avvikelse · anteckning 5
	Verifiering
	EOF
	test_cmp expect got
'

test_expect_success 'no text outside the page margins, no overlapping lines' '
	pdf_layout akt.pdf
'

test_expect_success 'set up: an akt of 60 notes of every length' '
	i=1 &&
	while [ $i -le 60 ]; do
		w=$(( (i * 37) % 160 + 1 )) &&
		yes "Åsa åt frukost och läste tidningen" | head -n $w |
			tr "\n" " " | fold -s -w 300 >body &&
		SOCDOK_USER=sara note 2 händelse 2026-02-0$(( i % 9 + 1 )) \
			<body >/dev/null || return 1
		i=$((i + 1))
	done
'

test_expect_success 'a long journal: layout clean on every page' '
	SOCDOK_USER=sara akt-export 2 --format pdf -o long.pdf &&
	pdf_layout long.pdf &&
	pdfinfo long.pdf | grep "^Pages: *[0-9][0-9]*$" >pages &&
	test "$(awk "{print \$2}" pages)" -ge 8
'

test_expect_success 'no page ends with a heading or a note heading line' '
	SOCDOK_USER=sara akt-export 2 >long.md &&
	md_headings long.md | sed "s/^#* //" >heads &&
	pdftotext -layout long.pdf - | awk -v RS="\f" "{ print \$0 > (\"page-\" NR) }" &&
	for p in page-*; do
		grep -v "^ *sida [0-9]* av [0-9]*\$" $p | grep -v "^ *\$" | tail -n 1 | sed "s/^ *//" >last &&
		! grep -qxFf heads last &&
		! grep -q "^ *Skriven 20" last || { echo "$p ends with:"; cat last; return 1; }
	done
'

test_expect_success 'set up: the akt grows past 100 pages (450 notes more, a correction)' '
	cat >n1 <<-\EOF &&
	Åsa ville inte duscha i dag och sade att hon var trött efter en orolig natt.
	Vi kom överens om att försöka igen i morgon förmiddag, och jag ringde
	dottern Märta som bekräftade att natten varit orolig.

	- Erbjöd dusch kl. 9.30, avböjdes.
	- Hjälpte till med frukost: gröt, smörgås och kaffe.
	EOF
	SOCDOK_USER=sara export-note 2 händelse --event-date 2026-02-10 \
		--repeat 300 <n1 >/dev/null &&
	SOCDOK_USER=sara journal-correct 2:200 --event-date 2026-02-11 \
		-m "Fel dag, rätt är den 11 februari." >/dev/null &&
	SOCDOK_USER=sara export-note 2 kontakt --event-date 2026-02-12 \
		--repeat 150 <n1 >/dev/null
'

# Longer than KEEP_PAGES (lib/render-int.h): laid out once to count the
# pages, then again, each page drawn when it is full and freed.
test_expect_success 'past 100 pages: every page numbered, every heading a bookmark, in order' '
	SOCDOK_USER=sara akt-export 2 --format pdf -o huge.pdf &&
	SOCDOK_USER=sara akt-export 2 >huge.md &&
	pages=$(pdfinfo huge.pdf | awk "/^Pages:/ { print \$2 }") &&
	test "$pages" -gt 100 &&
	pdftotext -layout huge.pdf - >layout &&
	grep -o "sida [0-9]* av [0-9]*" layout >got &&
	i=1 && : >expect &&
	while [ $i -le $pages ]; do
		echo "sida $i av $pages" >>expect && i=$((i + 1))
	done &&
	test_cmp expect got &&
	md_headings huge.md | sed "s/^#* //; s/\\\\//g" >expect &&
	pdf_outline huge.pdf >got &&
	test_cmp expect got &&
	grep -F "Rättelse av anteckning 200" layout &&
	pdf_layout huge.pdf
'

# The PDF goes into the file as cairo writes it: a failed write is
# the export's failure (74), short or long, and leaves no file.
test_expect_success 'a PDF that cannot be written: 74, the reason, nothing left' '
	for a in 1 2; do
		test_must_fail 74 env SOCDOK_USER=sara \
			akt-export $a --format pdf -o /dev/full >out 2>err &&
		echo "akt-export: cannot write '\''/dev/full'\'': No space left on device" >expect &&
		test_cmp expect err || return 1
	done &&
	test_must_fail 73 env SOCDOK_USER=sara \
		akt-export 1 --format pdf -o nodir/x.pdf >out 2>err &&
	grep "^akt-export: cannot create a file beside '\''nodir/x.pdf'\''" err &&
	test ! -e nodir
'

test_expect_success GS '--pdfa makes PDF/A-2B with the text intact' '
	SOCDOK_USER=sara akt-export 1 --format pdf --pdfa -o a.pdf &&
	grep -a "pdfaid:part" a.pdf >part &&
	grep -a "pdfaid:part>2<\|pdfaid:part=.2." part &&
	grep -a "pdfaid:conformance>B<\|pdfaid:conformance=.B." a.pdf &&
	grep -a "OutputIntent" a.pdf &&
	pdf_body a.pdf >text &&
	for f in note-1.txt note-2.txt note-3.txt note-4.txt; do
		contains_words text $f || return 1
	done &&
	contains_unwrapped text note-5.txt &&
	pdffonts a.pdf | sed 1,2d | awk "{ if (\$(NF-4) != \"yes\") exit 1 }"
'

test_expect_success '--pdfa without ghostscript says so and writes nothing' '
	SOCDOK_GS=/nonexistent/gs SOCDOK_USER=sara \
		test_refused 69 "--pdfa needs ghostscript" \
		akt-export 1 --format pdf --pdfa -o none.pdf &&
	test ! -e none.pdf &&
	! ls none.pdf.* 2>/dev/null
'

test_expect_success '--pdfa is for PDF only' '
	SOCDOK_USER=sara test_refused 64 "--pdfa applies to --format pdf only" \
		akt-export 1 --pdfa -o x.md
'

test_expect_success 'pango and cairo are loaded for a PDF only, not linked' '
	for p in akt-export gallra akt-show journal-add; do
		ldd "$T_TOP/bin/$p" >libs &&
		! grep "pango\|cairo\|glib\|gobject" libs || return 1
	done &&
	SOCDOK_USER=sara LD_DEBUG=libs akt-export 1 --format md -o x.md \
		2>libs &&
	! grep "calling init:.*pango" libs &&
	SOCDOK_USER=sara LD_DEBUG=libs akt-export 1 --format pdf -o y.pdf \
		2>libs &&
	grep "calling init:.*libpangocairo" libs
'

test_expect_success 'without a usable libpangocairo the PDF is refused, md works' '
	mkdir badlib &&
	echo "not a library" >badlib/libpangocairo-1.0.so.0 &&
	LD_LIBRARY_PATH="$PWD/badlib" SOCDOK_USER=sara \
		test_refused 69 "cannot load pango and cairo for the PDF" \
		akt-export 1 --format pdf -o none.pdf &&
	test ! -e none.pdf &&
	LD_LIBRARY_PATH="$PWD/badlib" SOCDOK_USER=sara \
		akt-export 1 --format md -o ok.md &&
	test -s ok.md
'

test_done
