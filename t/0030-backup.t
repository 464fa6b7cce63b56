#!/bin/sh
# socdok-backup: a consistent, verified copy while others write, 0600,
# named by date and time, silent for cron, rotated with --keep.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)

test_expect_success 'set up: staff, an akt with notes' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	for i in 1 2 3; do
		SOCDOK_USER=sara journal-add 1 -m "Anteckning $i" >/dev/null ||
		return 1
	done &&
	mkdir -m 700 bk
'

test_expect_success 'a backup is silent, 0600, named by time, and verifies' '
	socdok-backup bk >out 2>err &&
	test ! -s out && test ! -s err &&
	ls bk >list &&
	grep -x "socdok-[0-9]\{8\}T[0-9]\{6\}Z\.db" list >names &&
	test $(wc -l <names) = 1 &&
	f=bk/$(cat names) &&
	test "$(stat -c %a "$f")" = 600 &&
	test "$(sqlite3 "$f" "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 "$f" "PRAGMA journal_mode")" = delete &&
	akt-verify -d "$f" --all >verify &&
	grep "akt 1: intact, 3 notes" verify &&
	test -f bk/gallringslogg.tsv &&
	test "$(stat -c %a bk/gallringslogg.tsv)" = 600
'

test_expect_success '-v prints the file and its head: SHA-256 of the akt heads' '
	socdok-backup -v bk >out &&
	set -- $(cat out) &&
	test -f "$1" &&
	head=$(sqlite3 "$1" "SELECT hash FROM note WHERE akt_id = 1 ORDER BY seq DESC LIMIT 1") &&
	printf "1 %s\n" "$head" | sha256sum >expect &&
	echo "$2  -" >actual &&
	test_cmp expect actual
'

test_expect_success 'the backup is in the access log, and gallra knows the directory' '
	sqlite3 "$SOCDOK_DB" "SELECT what FROM access_log WHERE program = '\''socdok-backup'\''" >log &&
	grep "^backup '\''bk/socdok-" log &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT value FROM setting WHERE key = '\''backup_dir'\''")" = "$T_DIR/bk"
'

test_expect_success 'backups under a writer running the whole time all verify' '
	(
		i=0
		while [ ! -f stop ] && [ $i -lt 400 ]; do
			i=$((i + 1))
			SOCDOK_USER=sara journal-add 1 -m "Samtidig $i" >/dev/null 2>>writer.err
		done
		echo $i >written
	) &
	mkdir -m 700 conc &&
	for n in 1 2 3 4; do
		socdok-backup -v conc >>made || { touch stop; wait; return 1; }
	done
	touch stop && wait &&
	test ! -s writer.err &&
	test $(wc -l <made) = 4 &&
	while read -r f h; do
		test "$(sqlite3 "$f" "PRAGMA integrity_check")" = ok &&
		akt-verify -d "$f" --all >v && grep "intact" v || return 1
	done <made
'

test_expect_success '--keep N removes the oldest beyond N, and nothing else' '
	mkdir -m 700 rot && echo keep me >rot/notes.txt &&
	for n in 1 2 3 4; do socdok-backup -v --keep 2 rot >>rot.made || return 1; done &&
	ls rot | grep "^socdok-" >left &&
	test $(wc -l <left) = 2 &&
	tail -2 rot.made | cut -d" " -f1 | xargs -n1 basename | sort >expect &&
	sort left >left.sorted &&
	test_cmp expect left.sorted &&
	test -f rot/notes.txt && test -f rot/gallringslogg.tsv
'

test_expect_success 'refused: not an administrator, no directory, bad --keep' '
	test_refused 77 "only an administrator may back up" \
		env SOCDOK_USER=sara socdok-backup bk &&
	test_refused 73 "does not exist" socdok-backup nowhere &&
	test_refused 64 "bad --keep '\''0'\''; give a whole number from 1 to 100000" \
		socdok-backup --keep 0 bk &&
	test_refused 64 "bad --keep '\''4294967301'\''" \
		socdok-backup --keep 4294967301 bk
'

test_done
