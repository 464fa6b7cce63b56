#!/bin/sh
# gallra --execute killed (kill -9) at random points leaves no purge
# without its record: every akt gone has its tombstone in the database
# (in the gallringslogg chain) and its line in the gallringslogg file;
# every akt marked preserved has an intact archive package; the database
# still extends the anchor taken before; the next run finishes the work.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/gallra-lib.sh"

RUNS=${SOCDOK_CRASH_RUNS:-50}

# (the database made when the old akter were written: in time order)
test_expect_success 'set up: 16 old akter, every fourth to preserve (born on day 5)' '
	setup_world "2019-04-01 12:00:00" &&
	for i in $(seq 1 16); do
		day=07 &&
		if [ $((i % 4)) = 0 ]; then day=05; fi &&
		new_akt "$(t_pnr $((1930 + i))03$day 123)" "Person $i, Test" \
			2019-04-01 >/dev/null || return 1
	done &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 16 &&
	SOCDOK_USER=arkiv gallra --format tsv | cut -f8 | sed 1d | sort | uniq -c >got &&
	grep -q " 4 preserve" got && grep -q " 12 purge" got &&
	SOCDOK_USER=admin socdok-anchor >anchor &&
	cp "$SOCDOK_DB" template.db
'

# check N: the invariants after run N was killed.
check() {
	sqlite3 "$SOCDOK_DB" "SELECT id FROM akt" >left &&
	for a in $(seq 1 16); do
		if ! grep -qx "$a" left; then
			test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM gallring_tombstone WHERE akt = $a")" -ge 1 ||
			{ echo "run $1: akt $a purged without a tombstone"; return 1; }
			awk -F"\t" -v a="$a" '$4 == a && ($3 == "purge" || $3 == "handover")' gallringslogg.tsv | grep -q . ||
			{ echo "run $1: akt $a purged without a line in the gallringslogg"; return 1; }
		fi
	done &&
	for a in $(sqlite3 "$SOCDOK_DB" "SELECT id FROM akt WHERE preserved IS NOT NULL"); do
		(cd "pkg/akt-$a" && sha256sum -c --quiet SHA256SUMS) ||
		{ echo "run $1: akt $a preserved without an intact package"; return 1; }
	done &&
	{ SOCDOK_USER=admin akt-verify --anchor anchor >verify 2>&1 ||
	  { echo "run $1:"; cat verify; return 1; }; }
}

test_expect_success 'a package left by a killed run is replaced, its half-written files removed' '
	cp template.db "$SOCDOK_DB" && rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	rm -rf pkg && mkdir -m 700 pkg pkg/akt-4 &&
	(cd pkg/akt-4 &&
	 echo "%PDF-1.7 half a PDF" >akt-4.pdf && echo "{}" >akt-4.json &&
	 echo "{\"gallringsbeslut\": \"KS old\"}" >package.json &&
	 echo "old label" >etikett.txt &&
	 sha256sum akt-4.pdf akt-4.json package.json etikett.txt >SHA256SUMS &&
	 echo "%PDF-1.7 cut" >akt-4.pdf.tmp.Ab12Cd &&
	 echo "%PDF-1.7 plain" >akt-4.pdf.in.Zz9Yy8 &&
	 echo "{" >SHA256SUMS.tmp.Qq3Ww4 &&
	 echo "the archivist'\''s own" >notes.txt) &&
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/0" \
		--preserve-dir pkg --log-file gallringslogg.tsv >out 2>err &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT preserved IS NOT NULL FROM akt WHERE id = 4")" = 1 &&
	(cd pkg/akt-4 && sha256sum -c --quiet SHA256SUMS) &&
	grep -q "\"gallringsbeslut\":\"KS 2026/0\"" pkg/akt-4/package.json &&
	! grep -q "half a PDF" pkg/akt-4/akt-4.pdf &&
	grep -q "^Namn: Person 4, Test" pkg/akt-4/etikett.txt &&
	ls pkg/akt-4 >files &&
	printf "%s\n" SHA256SUMS akt-4.json akt-4.pdf etikett.txt notes.txt \
		package.json >expect &&
	test_cmp expect files
'

test_expect_success "gallra --execute killed at random points ($RUNS runs): no purge unrecorded" '
	i=0 killed=0 &&
	while [ $i -lt $RUNS ]; do
		i=$((i + 1)) &&
		cp template.db "$SOCDOK_DB" && rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
		rm -rf pkg gallringslogg.tsv && mkdir -m 700 pkg &&
		{ SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/$i" \
			--preserve-dir pkg --log-file gallringslogg.tsv >/dev/null 2>&1 &
		  pid=$!; } &&
		sleep "0.$(printf %02d $(( (i * 37) % 60 )))" &&
		{ kill -9 $pid 2>/dev/null && killed=$((killed + 1)); wait $pid; true; } &&
		touch gallringslogg.tsv &&
		check $i &&
		echo "# run $i: $(wc -l <left) akter left" || return 1
	done &&
	echo "# $killed of $RUNS runs killed before they ended" &&
	test $killed -gt 0
'

test_expect_success 'the next run finishes what a killed run left' '
	SOCDOK_USER=arkiv gallra --execute --decision "KS 2026/99" \
		--preserve-dir pkg --log-file gallringslogg.tsv >/dev/null &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt WHERE preserved IS NULL")" = 0 &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM akt")" = 4 &&
	check final &&
	find pkg -name "*.tmp.*" -o -name "*.in.*" -o -name "*.def.*" \
		-o -name "*.pdfa.*" >left-over &&
	! test -s left-over
'

test_done
