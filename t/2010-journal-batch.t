#!/bin/sh
# journal-add --batch: one note a line for scripts and imports, each
# checked, linted and chained like a note written alone; a refused line
# is reported by its number and the others are written.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
P3=$(t_pnr 19500505 789)
TAB=$(printf '\t')

test_expect_success 'set up: three akter' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=sara akt-new "$P3" --name "Lind, Lars" \
		--unit "Hemtjänst Norr" --opened 2026-02-01 >/dev/null
'

test_expect_success 'each line a note: references in order, escapes undone, chained' '
	printf "1\\tkontakt\\t2026-02-10\\tÅsa ringde.\\\\nHon ville byta tid.\\n3\\t\\t\\tLars åt lunch.\\n1\\t\\t2026-02-11\\tEn flik\\\\toch ett \\\\\\\\.\\n" >in &&
	SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	printf "1:1\\n3:1\\n1:2\\n" >expect &&
	test_cmp expect out &&
	test ! -s err &&
	printf "Åsa ringde.\\nHon ville byta tid." >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 1 AND seq = 1" >got &&
	printf "\\n" >>expect && test_cmp expect got &&
	echo "kontakt|2026-02-10" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT category, event_date FROM note WHERE akt_id = 1 AND seq = 1" >got &&
	test_cmp expect got &&
	echo "händelse|2026-03-02|En flik${TAB}och ett \\." >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT n.category, o.event_date, n.body FROM note n, note o WHERE n.akt_id = 1 AND n.seq = 2 AND o.akt_id = 3 AND o.seq = 1" >got &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-verify 1 3 >/dev/null
'

test_expect_success 'a refused line is named; the other lines are written' '
	printf "1\\t\\t\\tFörsta.\\n2\\t\\t\\tEn annan enhet.\\n1\\tnosuch\\t\\tFel sökord.\\nbad line\\n1\\t\\t\\tLars Lind ringde.\\n" >in &&
	test_must_fail 77 env SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	printf "1:3\\n1:4\\n" >expect &&
	test_cmp expect out &&
	grep -q "^journal-add: line 2: akt 2 belongs to unit" err &&
	grep -q "^journal-add: line 3: unknown category .nosuch." err &&
	grep -q "^journal-add: line 4: 1 field where 4 are needed" err &&
	grep -q "^journal-add: line 5: warning: 1:1: annan-kund" err &&
	grep -q "^journal-add: 3 lines not written (see above); the other notes were$" err &&
	echo 4 >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note WHERE akt_id = 1" >got &&
	test_cmp expect got &&
	SOCDOK_USER=sara akt-verify 1 >/dev/null
'

test_expect_success 'a long batch finds the names as each note alone does' '
	# (120 notes of 20 words: more pairs than name keys, so the batch
	# reads the keys into memory after the first notes; issue 17)
	awk "BEGIN { for (i = 0; i < 120; i++) printf \"3\\t\\t2026-02-10\\tEtt två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton arton nitton tjugo.\\n\" }" >in &&
	printf "3\\t\\t2026-02-10\\tÅsa Åberg ringde, och sedan Åberg Åsa.\\n" >>in &&
	printf "3\\t\\t2026-02-10\\tÖrjan Öberg och Lars Lind.\\n" >>in &&
	printf "1\\t\\t2026-02-10\\tLars Lind ringde; lind lars igen.\\n" >>in &&
	SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	test $(wc -l <out) = 123 &&
	cat >expect <<-\EOF &&
	journal-add: line 121: warning: 1:1: annan-kund '\''Åsa Åberg'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	journal-add: line 121: warning: 1:29: annan-kund '\''Åberg Åsa'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	journal-add: line 123: warning: 1:1: annan-kund '\''Lars Lind'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	journal-add: line 123: warning: 1:19: annan-kund '\''lind lars'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	EOF
	grep annan-kund err >got &&
	test_cmp expect got &&
	for l in 121 122 123; do
		sed -n "${l}p" in | cut -f 4 >note &&
		a=$(sed -n "${l}p" in | cut -f 1) &&
		SOCDOK_USER=sara journal-lint --akt "$a" note 2>&1 | grep -c annan-kund || :
	done >got &&
	printf "2\\n0\\n2\\n" >expect &&
	test_cmp expect got
'

test_expect_success 'refused lines among written ones: the access log chain has no gap and no broken link' '
	printf "1\\t\\t\\tEtt.\\n2\\t\\t\\tInte din.\\n1\\tnosuch\\t\\tFel.\\n3\\t\\t\\tTvå.\\n3\\t\\t2026-03-09\\tFramtid.\\n1\\t\\t\\tTre.\\n" >in &&
	test_must_fail 77 env SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	printf "1:%s\\n3:%s\\n1:%s\\n" $(sqlite3 "$SOCDOK_DB" "SELECT max(seq) - 1 FROM note WHERE akt_id = 1") \
		$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) FROM note WHERE akt_id = 3") \
		$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) FROM note WHERE akt_id = 1") >expect &&
	test_cmp expect out &&
	echo "0|0" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT count(*) FROM log_chain l JOIN log_chain p ON p.log = l.log AND p.seq = l.seq - 1 WHERE l.prev_hash <> p.hash), (SELECT count(*) - max(seq) FROM log_chain WHERE log = '\''access'\'')" >got &&
	test_cmp expect got &&
	echo 0 >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM chain_pending" >got &&
	test_cmp expect got &&
	SOCDOK_USER=admin akt-verify --all >/dev/null
'

test_expect_success 'a note that fails after it has written is undone alone; the notes before it are kept as written' '
	# (the notes of a batch share a savepoint by groups of 64: the
	# group is undone and its notes written again; a trigger fails the
	# INSERT of one note, after its record in the chain)
	sqlite3 "$SOCDOK_DB" "CREATE TRIGGER t_boom BEFORE INSERT ON note WHEN NEW.body = '\''Fel här.'\'' BEGIN SELECT RAISE(ABORT, '\''boom'\''); END" &&
	logged=$(sqlite3 "$SOCDOK_DB" "SELECT max(id) FROM access_log") &&
	first=$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) + 1 FROM note WHERE akt_id = 1") &&
	awk "BEGIN { for (i = 1; i <= 70; i++) printf \"1\\t\\t\\t%s\\n\", i == 67 ? \"Fel här.\" : \"Anteckning \" i \".\" }" >in &&
	test_must_fail 65 env SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER t_boom" &&
	awk -v f="$first" "BEGIN { for (i = 0; i < 69; i++) print \"1:\" f + i }" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	journal-add: line 67: cannot write the note: boom
	journal-add: 1 line not written (see above); the other notes were
	EOF
	test_cmp expect err &&
	echo "1|wrote notes 1:$first-1:$((first + 68)) (69 notes)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT akt_id, what FROM access_log WHERE id > $logged" >got &&
	test_cmp expect got &&
	echo "69|Anteckning 66.|Anteckning 68." >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT count(*), (SELECT body FROM note WHERE akt_id = 1 AND seq = $first + 65), (SELECT body FROM note WHERE akt_id = 1 AND seq = $first + 66) FROM note WHERE akt_id = 1 AND seq >= $first" >got &&
	test_cmp expect got &&
	echo "0|0|0" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT count(*) FROM log_chain l JOIN log_chain p ON p.log = l.log AND p.seq = l.seq - 1 WHERE l.prev_hash <> p.hash), (SELECT count(*) - max(seq) FROM log_chain WHERE log = '\''access'\''), (SELECT count(*) FROM chain_pending)" >got &&
	test_cmp expect got &&
	SOCDOK_USER=admin akt-verify --all >/dev/null
'

test_expect_success 'the access log has a line for each akt'\''s notes in a row, one note'\''s as journal-add writes it' '
	logged=$(sqlite3 "$SOCDOK_DB" "SELECT max(id) FROM access_log") &&
	n1=$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) FROM note WHERE akt_id = 1") &&
	n3=$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) FROM note WHERE akt_id = 3") &&
	printf "1\\t\\t\\tEtt.\\n1\\tkontakt\\t\\tTvå.\\n1\\tnosuch\\t\\tFel.\\n1\\t\\t\\tTre.\\n3\\tkontakt\\t\\tEnsam.\\n1\\t\\t\\tFyra.\\n" >in &&
	test_must_fail 65 env SOCDOK_USER=sara journal-add --batch <in >out 2>err &&
	cat >expect <<-EOF &&
	1|sara|journal-add|wrote notes 1:$((n1 + 1))-1:$((n1 + 3)) (3 notes)
	3|sara|journal-add|wrote note 3:$((n3 + 1)) (kontakt)
	1|sara|journal-add|wrote note 1:$((n1 + 4)) (händelse)
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT akt_id, login, program, what FROM access_log WHERE id > $logged" >got &&
	test_cmp expect got &&
	echo "0|0" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT (SELECT count(*) FROM log_chain l JOIN log_chain p ON p.log = l.log AND p.seq = l.seq - 1 WHERE l.prev_hash <> p.hash), (SELECT count(*) - max(seq) FROM log_chain WHERE log = '\''access'\'')" >got &&
	test_cmp expect got &&
	SOCDOK_USER=admin akt-verify --all >/dev/null
'

test_expect_success '--batch takes no akt and no text options' '
	test_must_fail 64 env SOCDOK_USER=sara journal-add --batch 1 </dev/null &&
	test_must_fail 64 env SOCDOK_USER=sara journal-add --batch -m x </dev/null
'

test_done
