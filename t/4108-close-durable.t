#!/bin/sh
# akt-close in a batch prints each akt's result line and flushes it as
# the akt's transaction commits (text, TSV, JSON): a batch killed (kill -9) at
# any point has printed a line for every akt it closed, but at most the
# last one (killed between its commit and its line).
. "$(dirname "$0")/lib.sh"

RUNS=${SOCDOK_CRASH_RUNS:-10}

test_expect_success 'set up: 100 open akter' '
	setup_world &&
	for n in $(seq 1 100); do
		echo "$(t_pnr $((1900 + n))0101 123)"
	done >pnrs &&
	n=0 &&
	while read -r p; do
		n=$((n + 1)) &&
		SOCDOK_USER=sara akt-new "$p" --name "Person $n" \
			--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null ||
		return 1
	done <pnrs &&
	seq 1 100 >ids &&
	cp "$SOCDOK_DB" template.db
'

# killed_batches FORMAT STEP: RUNS batches of akt-close --format FORMAT
# killed after a varying while; each printed a line for every akt it
# closed, but at most the last.
killed_batches() {
	i=0
	while [ $i -lt $RUNS ]; do
		i=$((i + 1))
		cp template.db "$SOCDOK_DB" && rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
		# a batch killed before its shell opened out must not
		# leave the previous run's lines there
		: >out &&
		{ SOCDOK_USER=sara akt-close --date 2026-03-01 -m "Avslut." \
			--format "$1" <ids >out 2>/dev/null &
		  pid=$!; } &&
		sleep "0.0$(( (i * $2) % 10 ))" &&
		{ kill -9 $pid 2>/dev/null; wait $pid; true; } &&
		sqlite3 "$SOCDOK_DB" "SELECT id FROM akt WHERE closed IS NOT NULL ORDER BY id" >closed &&
		tr "\t" " " <out | awk '$2 == "closed" { print $1 }' | sort -n >printed &&
		nc=$(wc -l <closed) np=$(wc -l <printed) &&
		head -n "$np" closed >closed-printed &&
		{ { test_cmp closed-printed printed && test $((nc - np)) -le 1; } ||
		  { echo "run $i ($1): closed akter without their line"; return 1; }; } &&
		echo "# run $i ($1): $nc closed" >&2 || return 1
	done
}

test_expect_success "a killed batch printed every akt it closed but at most the last ($RUNS runs)" '
	killed_batches tsv 7
'

test_expect_success "the same for text: each line printed as its akt commits ($RUNS runs)" '
	killed_batches text 3
'

test_expect_success 'the JSON of a batch is one array, as before' '
	cp template.db "$SOCDOK_DB" && rm -f "$SOCDOK_DB-wal" "$SOCDOK_DB-shm" &&
	printf "1\n2\n" | SOCDOK_USER=sara akt-close --date 2026-03-01 -m "Avslut." \
		--format json >out.json &&
	test "$(jq length out.json)" = 2 &&
	test "$(jq -r ".[1].akt" out.json)" = 2 &&
	printf "" | SOCDOK_USER=sara akt-close --date 2026-03-01 -m "Avslut." \
		--format json >empty.json 2>/dev/null;
	echo "[]" >expect && test_cmp expect empty.json
'

test_done
