#!/bin/sh
# journal-add: a note from -m, -F, standard input or the editor, with
# its sökord, event date and on-behalf-of; refusals that write nothing;
# the notes insats-start and insats-end write; the database refusing to
# change a note.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)
P3=$(t_pnr 19500505 789)

note() {
	sqlite3 "$SOCDOK_DB" "SELECT $1 FROM note WHERE akt_id = $2 AND seq = $3"
}
notes() {
	sqlite3 "$SOCDOK_DB" "SELECT count(*) FROM note"
}
# The bytes of a file, or of a note's text, in hex.
hex_file() {
	od -An -tx1 -v "$1" | tr -d ' \n' | tr a-f A-F
	echo
}
hex_body() {
	sqlite3 "$SOCDOK_DB" "SELECT hex(body) FROM note WHERE akt_id = $1 AND seq = $2"
}

# (made before the note of 2026-03-05 below: records in time order)
T0="2026-03-02 09:00:00"

test_expect_success 'set up: staff and three akter' '
	setup_world "$T0" &&
	t_at "$T0" env SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	t_at "$T0" env SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	t_at "$T0" env SOCDOK_USER=sara akt-new "$P3" --name "Lind, Lars" \
		--unit "Hemtjänst Norr" --opened 2026-02-01 >/dev/null
'

test_expect_success 'journal-add -m prints the reference AKT:NOTE alone' '
	t_at "$T0" env SOCDOK_USER=sara journal-add 1 \
		-m "Åsa ville gå ut och gick till affären själv." >out 2>err &&
	echo 1:1 >expect &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'the note keeps author, title, dates and sökord' '
	echo "1|2026-03-02|sara|Sara Samordnare|undersköterska|händelse|||" >expect &&
	note "seq, event_date, author_login, author_name, author_title, category, behalf_login, behalf_name, behalf_title" 1 1 >got &&
	test_cmp expect got &&
	note written_at 1 1 | grep -q "^20[0-9-]*T[0-9:]*Z$"
'

test_expect_success 'the time written is the real clock, not --as-of' '
	faketime -f "2026-03-05 10:30:00" env SOCDOK_USER=sara \
		journal-add 1 -m "Besök av sonen." --category kontakt \
		--event-date 2026-02-20 >out &&
	echo 1:2 >expect && test_cmp expect out &&
	echo "2026-02-20|2026-03-05T09:30:00Z|kontakt" >expect &&
	note "event_date, written_at, category" 1 2 >got &&
	test_cmp expect got
'

test_expect_success 'the akt may be named by personnummer' '
	SOCDOK_USER=sara journal-add "$P1" -m "Åsa åt frukost själv." >out &&
	echo 1:3 >expect && test_cmp expect out
'

test_expect_success '-F FILE: Swedish text round-trips byte for byte' '
	printf "# Besök\n\nÅsa berättade om sin syster Åke–Örjan på “landet”.\n\n- 08.00 frukost\n- Kaffe ☕, tack!\n\ttab och  två mellanslag  \n" >text.md &&
	SOCDOK_USER=sara journal-add 1 -F text.md >out &&
	echo 1:4 >expect && test_cmp expect out &&
	hex_file text.md >expect &&
	hex_body 1 4 >got &&
	test_cmp expect got
'

test_expect_success 'a note without a final newline is kept so too' '
	printf "Utan radslut: åäö ÅÄÖ é" >text2 &&
	SOCDOK_USER=sara journal-add 1 -F text2 >/dev/null &&
	hex_file text2 >expect && hex_body 1 5 >got && test_cmp expect got
'

test_expect_success 'with stdin not a terminal the note is read from stdin' '
	printf "Från standard input.\nRad två.\n" >text3 &&
	SOCDOK_USER=sara journal-add 1 <text3 >out &&
	echo 1:6 >expect && test_cmp expect out &&
	hex_file text3 >expect && hex_body 1 6 >got && test_cmp expect got
'

test_expect_success '"-" reads standard input too, and so does -F -' '
	echo "Streck." | SOCDOK_USER=sara journal-add 1 - >out &&
	echo "Streck F." | SOCDOK_USER=sara journal-add 1 -F - >>out &&
	printf "1:7\n1:8\n" >expect && test_cmp expect out &&
	echo "Streck F." >expect && hex_file expect >expect.hex &&
	hex_body 1 8 >got && test_cmp expect.hex got
'

cat >editor.sh <<'EOF'
#!/bin/sh
# A test editor: keep what journal-add offered, write a note above it.
cp "$1" "$T_DIR/offered"
{ printf '%s\n' "$NOTE_TEXT"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x editor.sh
export T_DIR

test_expect_success 'the editor opens on a guide below a scissors line' '
	cat >expect <<-EOF &&

	# ------------------------ >8 ------------------------
	# Allt från linjen ovan och nedåt tas bort.
	# Journalanteckning i akt 1: Åberg, Åsa (Hemtjänst Norr).
	# Sökord: avvikelse.  Händelsedatum: 2026-03-01.
	#
	# Skriv ovanför linjen vad som hände, vad som gjordes och resultatet.
	# Skriv det du själv såg och hörde, med korta meningar och vanliga ord.
	# Undvik värdeladdade ord och interna förkortningar.
	# Skriv aldrig namn på andra kunder.
	# En tom anteckning avbryter: inget skrivs.
	EOF
	NOTE_TEXT="# Rubrik i Markdown
Åsa ville inte duscha idag." EDITOR=./editor.sh SOCDOK_USER=sara \
		journal-add 1 --edit --category avvikelse \
		--event-date 2026-03-01 </dev/null >out &&
	echo 1:9 >expect2 && test_cmp expect2 out &&
	test_cmp expect "$T_DIR/offered" &&
	printf "# Rubrik i Markdown\nÅsa ville inte duscha idag.\n" >expect &&
	hex_file expect >expect.hex && hex_body 1 9 >got &&
	test_cmp expect.hex got
'

test_expect_success 'with stdin a terminal, journal-add opens $EDITOR by itself' '
	NOTE_TEXT="Skrivet i en terminal." EDITOR="$PWD/editor.sh" \
		SOCDOK_USER=sara script -qec "journal-add 1" /dev/null >out &&
	tr -d "\r" <out >out2 && echo 1:10 >expect && test_cmp expect out2 &&
	echo "Skrivet i en terminal." >expect && hex_file expect >expect.hex &&
	hex_body 1 10 >got && test_cmp expect.hex got
'

test_expect_success '$VISUAL goes before $EDITOR' '
	NOTE_TEXT="Med VISUAL." VISUAL=./editor.sh EDITOR=false \
		SOCDOK_USER=sara journal-add 1 -e </dev/null >out &&
	echo 1:11 >expect && test_cmp expect out
'

test_expect_success 'an empty note from the editor aborts, nothing written' '
	test_refused 65 "the note is empty; nothing was written" \
		env NOTE_TEXT="" EDITOR=./editor.sh SOCDOK_USER=sara TMPDIR=$PWD \
		journal-add 1 -e &&
	! ls | grep "^socdok-note" &&
	! ls "$HOME/.local/state/socdok/drafts" | grep "^socdok-note"
'

test_expect_success 'an editor that fails writes nothing' '
	test_refused 69 "the editor '\''false'\'' failed (exit 1); nothing was written" \
		env EDITOR=false SOCDOK_USER=sara journal-add 1 -e
'

test_expect_success 'a refused note from the editor is kept for the user' '
	NOTE_TEXT="Åsa var lat." EDITOR=./editor.sh SOCDOK_USER=sara TMPDIR=$PWD \
		journal-add 1 -e --strict </dev/null >out 2>err
	test $? = 65 && test ! -s out &&
	kept=$(sed -n "s/.*your text is kept in \(.*\))$/\1/p" err) &&
	test -f "$kept" && head -1 "$kept" >got &&
	test "$(dirname "$kept")" = "$HOME/.local/state/socdok/drafts" &&
	echo "Åsa var lat." >expect && test_cmp expect got &&
	case "$(basename "$kept")" in journal-add-1-??????.md) ;; *) false;; esac
'

test_expect_success 'the kept draft given back with -F is removed once the note is saved' '
	kept=$(echo "$HOME"/.local/state/socdok/drafts/journal-add-1-*.md) &&
	test -f "$kept" &&
	n=$(notes) &&
	SOCDOK_USER=sara journal-add 1 -F "$kept" >out 2>err &&
	test "$(notes)" = "$((n + 1))" &&
	test ! -e "$kept" &&
	! ls "$HOME/.local/state/socdok/drafts" | grep .
'

test_expect_success 'the editor is not opened for an akt that refuses the note' '
	test_refused 66 "no akt 99" \
		env EDITOR="touch opened" SOCDOK_USER=sara journal-add 99 -e &&
	test ! -e opened
'

test_expect_success 'an unknown sökord is refused, naming the valid ones' '
	test_refused 65 "unknown category '\''besök'\''; use one of: avvikelse, händelse, kontakt, erbjudande, erbjudande-avböjt, påbörjad-insats, avslutad-insats, startanteckning, förändring, synpunkt-klagomål, samtycke, uppföljning, genomförandeplan, rättelse, invändning, avslut" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --category besök
'

test_expect_success 'an event date in the future is refused' '
	test_refused 65 "event date 2026-03-03 is in the future (today is 2026-03-02)" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --event-date 2026-03-03
'

test_expect_success 'an event date before the akt was opened is refused' '
	test_refused 65 "event date 2026-01-14 is before akt 1 was opened (2026-01-15)" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --event-date 2026-01-14
'

test_expect_success 'a malformed event date is a usage error' '
	test_refused 64 "--event-date" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --event-date 2026-3-1
'

test_expect_success 'invalid UTF-8 is refused with 65' '
	printf "Latin-1 \345\344\366\n" >latin1 &&
	test_refused 65 "the note has a byte that is not UTF-8 at line 1, column" \
		env SOCDOK_USER=sara journal-add 1 -F latin1
'

test_expect_success 'an empty -m is refused' '
	test_refused 65 "the note is empty" \
		env SOCDOK_USER=sara journal-add 1 -m "  
 "
'

test_expect_success 'a missing -F file is refused' '
	test_refused 66 "cannot open '\''nofile'\''" \
		env SOCDOK_USER=sara journal-add 1 -F nofile
'

test_expect_success 'two text sources are a usage error' '
	test_must_fail 64 env SOCDOK_USER=sara journal-add 1 -m a -F b 2>err &&
	grep "^usage: journal-add" err &&
	test_must_fail 64 env SOCDOK_USER=sara journal-add 1 -m a - 2>err
'

test_expect_success '--on-behalf-of names the colleague with name and title' '
	SOCDOK_USER=sara journal-add 1 -m "Erik hjälpte Åsa med handlingen." \
		--on-behalf-of erik >out &&
	echo 1:13 >expect && test_cmp expect out &&
	echo "sara|erik|Erik Ek|vårdbiträde" >expect &&
	note "author_login, behalf_login, behalf_name, behalf_title" 1 13 >got &&
	test_cmp expect got
'

test_expect_success '--on-behalf-of an unknown login is refused' '
	test_refused 65 "--on-behalf-of '\''nils'\'' is not registered staff" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --on-behalf-of nils
'

test_expect_success '--on-behalf-of oneself is refused' '
	test_refused 64 "--on-behalf-of sara is yourself" \
		env SOCDOK_USER=sara journal-add 1 -m "Text." --on-behalf-of sara
'

test_expect_success 'an akt of another unit is refused' '
	test_refused 77 "" env SOCDOK_USER=sara journal-add 2 -m "Text."
'

test_expect_success 'an arkivarie may not write notes' '
	test_refused 77 "an arkivarie may read akt 1 but not write in its journal" \
		env SOCDOK_USER=arkiv journal-add 1 -m "Text."
'

test_expect_success 'unregistered users may not write notes' '
	test_refused 77 "" env SOCDOK_USER=nobody journal-add 1 -m "Text."
'

test_expect_success 'a closed akt refuses notes' '
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = '\''2026-02-28'\'' WHERE id = 3" &&
	test_refused 65 "closed" env SOCDOK_USER=sara journal-add 3 -m "Text." &&
	sqlite3 "$SOCDOK_DB" "UPDATE akt SET closed = NULL WHERE id = 3"
'

test_expect_success 'each note is written to the access log' '
	echo "sara|journal-add|1|wrote note 1:13 (händelse)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log WHERE what NOT LIKE '\''refused:%'\'' ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'the documentation rules warn on stderr; the note is written' '
	cat >expect <<-EOF &&
	journal-add: warning: 1:9: vardeord '\''lat'\'': a value-laden word; beskriv vad personen gjorde eller inte gjorde
	journal-add: warning: 2:17: annan-kund '\''Lars Lind'\'': the name of another client; never write other clients'\'' names in a journal (write "en annan kund")
	journal-add: warning: 2:35: forkortning '\''KP'\'': an internal abbreviation; write "kontaktperson"
	EOF
	printf "Åsa var lat idag.\nHon pratade med Lars Lind och sin KP.\n" |
		SOCDOK_USER=sara journal-add 1 >out 2>err &&
	echo 1:14 >expect2 && test_cmp expect2 out &&
	test_cmp expect err
'

test_expect_success 'the person of the akt is no other client' '
	SOCDOK_USER=sara journal-add 1 -m "Åsa Åberg ringde." >out 2>err &&
	test ! -s err
'

test_expect_success '--strict makes a warning a refusal (65)' '
	test_refused 65 "1 warning and --strict: the note was not written" \
		env SOCDOK_USER=sara journal-add 1 -m "KP ringde." --strict
'

test_expect_success 'a full disk on stdout: the note is stored, the reference named (74)' '
	n=$(notes) &&
	test_must_fail 74 env SOCDOK_USER=sara journal-add 1 -m "Text." >/dev/full 2>err &&
	seq=$(sqlite3 "$SOCDOK_DB" "SELECT max(seq) FROM note WHERE akt_id = 1") &&
	echo "journal-add: write error: No space left on device; the write was committed all the same: 1:$seq" >expect &&
	test_cmp expect err &&
	test "$(notes)" = "$((n + 1))" &&
	test "$(sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE akt_id = 1 AND seq = $seq")" = Text.
'

test_expect_success 'the reference is printed only after the commit: none when it fails' '
	sqlite3 "$SOCDOK_DB" "CREATE TRIGGER t_fail BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, '\''disk on fire'\''); END" &&
	n=$(notes) &&
	test_must_fail 65 env SOCDOK_USER=sara journal-add 1 -m "Text." >out 2>err &&
	sqlite3 "$SOCDOK_DB" "DROP TRIGGER t_fail" &&
	test ! -s out &&
	test "$(notes)" = "$n"
'

test_expect_success 'a plain sqlite3 UPDATE of a note fails' '
	! sqlite3 "$SOCDOK_DB" "UPDATE note SET body = '\''ändrad'\'' WHERE id = 1" 2>err &&
	grep "journal notes cannot be changed" err &&
	echo "Åsa ville gå ut och gick till affären själv." >expect &&
	note body 1 1 >got && test_cmp expect got
'

test_expect_success 'a plain sqlite3 DELETE of a note fails' '
	n=$(notes) &&
	! sqlite3 "$SOCDOK_DB" "DELETE FROM note WHERE id = 1" 2>err &&
	test "$(notes)" = "$n"
'

test_expect_success 'insats-start and insats-end write their notes' '
	SOCDOK_USER=sara insats-add 3 --kind hemtjänst --decided 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara insats-start 1 --date 2026-02-03 &&
	SOCDOK_USER=sara insats-end 1 --date 2026-02-27 --reason "Flyttat." &&
	cat >expect <<-EOF &&
	1|2026-02-03|påbörjad-insats|Insatsen hemtjänst (insats 1, beslut 2026-02-01) verkställdes 2026-02-03.
	2|2026-02-27|avslutad-insats|Insatsen hemtjänst (insats 1, verkställd 2026-02-03) avslutades 2026-02-27. Skäl: Flyttat.
	EOF
	sqlite3 "$SOCDOK_DB" "SELECT seq, event_date, category, body FROM note WHERE akt_id = 3 ORDER BY seq" >got &&
	test_cmp expect got
'

test_expect_success 'a refused insats-start writes no note' '
	SOCDOK_USER=sara insats-add 3 --kind trygghetslarm --decided 2026-02-10 >/dev/null &&
	test_refused 65 "before the decision" \
		env SOCDOK_USER=sara insats-start 2 --date 2026-02-09
'

test_done
