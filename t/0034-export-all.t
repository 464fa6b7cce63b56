#!/bin/sh
# socdok-export-all: every akt as JSON (and PDF/A) in one directory, with
# the chain of heads and the log chains, so that an independent script
# (t/root-check.py, not the C code) recomputes every chain and the
# database head from the files alone, a purged akt's tombstone included.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

OLD=$(t_pnr 19400506 123)
P1=$(t_pnr 19520311 234)

# (the database made when the old akt was written: records in time order)
test_expect_success 'set up: an akt purged by gallra, two open akter' '
	setup_world "2019-04-01 12:00:00" &&
	new_akt "$OLD" "Gallrasson, Märta" 2019-04-01 >/dev/null &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/17" >/dev/null 2>&1 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gallring_tombstone")" = 1 &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" --unit "Hemtjänst Norr" >/dev/null &&
	SOCDOK_USER=sara journal-add 2 -m "Åsa vill gå ut på tisdagar." &&
	SOCDOK_USER=olle akt-new "$(t_pnr 19610101 345)" --name "Berg, Bo" \
		--unit "Boendestöd Väst" >/dev/null &&
	SOCDOK_USER=olle journal-add 3 -m "Bo flyttade in."
'

test_expect_success 'only an admin or an arkivarie may export every akt (77)' '
	test_refused 77 "only an admin or an arkivarie may export every akt" \
		env SOCDOK_USER=karin socdok-export-all --no-pdf out &&
	test ! -e out
'

test_expect_success 'a directory with files in it is refused (73), and left as it was' '
	mkdir full && echo x >full/keep &&
	test_refused 73 "not an empty directory" \
		env SOCDOK_USER=arkiv socdok-export-all --no-pdf full &&
	ls full >got && echo keep >expect && test_cmp expect got
'

test_expect_success 'DIR is required' '
	{ socdok-export-all --no-pdf 2>err; test $? = 64; } &&
	grep -q "^usage: socdok-export-all" err
'

test_expect_success 'every akt as JSON, the heads, ANCHOR and SHA256SUMS' '
	SOCDOK_USER=arkiv socdok-export-all --no-pdf out >said &&
	grep -q "^out: 2 akter, 5 files; database head [0-9a-f]\{64\}$" said &&
	ls out >got &&
	printf "%s\n" ANCHOR SHA256SUMS akt-2.json akt-3.json heads.json >expect &&
	test_cmp expect got &&
	test "$(stat -c %a out)" = 700 &&
	test "$(stat -c %a out/akt-2.json)" = 600 &&
	(cd out && sha256sum -c --quiet SHA256SUMS)
'

test_expect_success 'the head they hold is the head the database has after the export' '
	root=$(sed "s/.*database head //" said) &&
	socdok-anchor >now &&
	grep -q " root=$root\$" now &&
	grep -q " root=$root\$" out/ANCHOR &&
	SOCDOK_USER=arkiv akt-verify --anchor out/ANCHOR >out.v &&
	grep -q "^database: intact" out.v
'

test_expect_success 'each akt verifies from its file; the export is in the access log' '
	akt-verify --export out/akt-2.json | grep -q intact &&
	akt-verify --export out/akt-3.json | grep -q intact &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM access_log WHERE program = '\''socdok-export-all'\'' AND what NOT LIKE '\''refused:%'\''")" = 2
'

test_expect_success 'an independent script recomputes every chain and the database head' '
	root=$(sed "s/.*database head //" said) &&
	python3 "$T_TOP/t/root-check.py" out >py &&
	n=$(sed "s/.* heads=\([0-9]*\) .*/\1/" out/ANCHOR) &&
	echo "intact $n $root" >expect &&
	test_cmp expect py &&
	grep -q "\"kind\": \"gallring_tombstone\"" out/heads.json
'

test_expect_success 'the script names a changed log row, a changed record, a changed head' '
	cp -r out bad1 &&
	sed -i "0,/program: socdok-export-all/s//program: akt-show/" bad1/heads.json &&
	{ python3 "$T_TOP/t/root-check.py" bad1 >py; test $? = 1; } &&
	grep -q "^broken: access log entry .*: hash" py &&
	cp -r out bad2 &&
	sed -i "s/Åsa vill gå ut/Åsa vill gå in/" bad2/akt-2.json &&
	{ python3 "$T_TOP/t/root-check.py" bad2 >py; test $? = 1; } &&
	grep -q "^broken: akt-2.json" py &&
	cp -r out bad3 &&
	sed -i "s/ root=[0-9a-f]*/ root=$(printf "%064d" 0)/" bad3/ANCHOR &&
	{ python3 "$T_TOP/t/root-check.py" bad3 >py; test $? = 1; } &&
	grep -q "^broken: the database head differs from ANCHOR" py
'

test_expect_success 'without ghostscript, PDF/A is refused (69) before anything is written' '
	test_refused 69 "install ghostscript, or add --no-pdfa" \
		env SOCDOK_USER=arkiv SOCDOK_GS=/nonexistent/gs socdok-export-all pdfa &&
	test ! -e pdfa
'

test_expect_success 'a failure half-way takes back every file and the directory' '
	printf "#!/bin/sh\nexit 1\n" >badgs && chmod +x badgs &&
	{ SOCDOK_USER=arkiv SOCDOK_GS=$PWD/badgs socdok-export-all half 2>err; test $? != 0; } &&
	test ! -e half &&
	mkdir given &&
	{ SOCDOK_USER=arkiv SOCDOK_GS=$PWD/badgs socdok-export-all given 2>err; test $? != 0; } &&
	test -d given && test -z "$(ls given)"
'

test_expect_success 'plain PDFs beside the JSON with --no-pdfa' '
	SOCDOK_USER=arkiv socdok-export-all --no-pdfa plain >/dev/null &&
	test "$(head -c 5 plain/akt-2.pdf)" = "%PDF-" &&
	(cd plain && sha256sum -c --quiet SHA256SUMS)
'

test_expect_success GS 'PDF/A beside the JSON by default' '
	SOCDOK_USER=arkiv socdok-export-all archive >/dev/null &&
	ls archive/akt-2.pdf archive/akt-3.pdf archive/akt-2.json &&
	grep -q -a "pdfaid" archive/akt-2.pdf
'

test_done
