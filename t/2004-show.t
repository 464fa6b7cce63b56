#!/bin/sh
# journal-show: the journal in the order things happened, each note with
# its rättelser, wrapped for a terminal, in every format; every read
# logged; Swedish text unchanged byte for byte.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19380101 456)

# Every record, the reads' log lines too, is written at 09:00: records
# are in time order (issue 18, clock).
t_clock "2026-03-02 09:00:00"

test_expect_success 'set up: an akt with notes, one corrected' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öberg, Örjan" \
		--unit "Boendestöd Väst" --opened 2026-01-15 >/dev/null &&
	env SOCDOK_USER=sara journal-add 1 -m "Åsa gick ut." \
		--event-date 2026-02-20 >/dev/null &&
	env SOCDOK_USER=sara journal-add 1 -m "Åsa tackade nej till dusch." \
		--category erbjudande-avböjt --event-date 2026-02-10 >/dev/null &&
	env SOCDOK_USER=sara journal-add 1 \
		-m "Sonen ringde och berättade att Åsa har fått en ny rullator som hon använder när hon går till affären på måndagar och torsdagar." \
		--category kontakt --on-behalf-of erik --event-date 2026-02-25 >/dev/null &&
	env SOCDOK_USER=erik journal-correct 1:2 \
		-m "Åsa säger att hon inte erbjöds dusch." >/dev/null
'

test_expect_success 'text: by event date, the rättelse next to its note, wrapped' '
	cat >expect <<-\EOF &&
	1:2  2026-02-10  erbjudande-avböjt
	     written 2026-03-02 09:00 by Sara Samordnare (undersköterska)

	     Åsa tackade nej till dusch.

	     rättelse 1:4 (2026-03-02, Erik Ek, vårdbiträde):
	       Åsa säger att hon inte erbjöds dusch.

	1:1  2026-02-20  händelse
	     written 2026-03-02 09:00 by Sara Samordnare (undersköterska)

	     Åsa gick ut.

	1:3  2026-02-25  kontakt
	     written 2026-03-02 09:00 by Sara Samordnare (undersköterska)
	     on behalf of Erik Ek (vårdbiträde)

	     Sonen ringde och berättade att Åsa har fått en ny rullator som hon
	     använder när hon går till affären på måndagar och torsdagar.

	1:4  2026-03-02  rättelse of 1:2
	     written 2026-03-02 09:00 by Erik Ek (vårdbiträde)

	     Åsa säger att hon inte erbjöds dusch.

	EOF
	COLUMNS=72 SOCDOK_USER=sara journal-show 1 >out &&
	test_cmp expect out
'

test_expect_success 'no line is wider than the terminal' '
	COLUMNS=40 SOCDOK_USER=sara journal-show 1 >out &&
	while IFS= read -r line; do
		w=$(printf %s "$line" | wc -m) &&
		test "$w" -le 40 || { echo "too wide: $line"; return 1; }
	done <out
'

test_expect_success 'list items wrap under their own text' '
	env SOCDOK_USER=sara journal-add 1 --event-date 2026-02-26 \
		-m "Inköp:
- mjölk, bröd, smör, ost, kaffe, te och två paket med havregryn" >/dev/null &&
	cat >expect <<-\EOF &&
	     Inköp:
	     - mjölk, bröd, smör, ost, kaffe, te och två
	       paket med havregryn
	EOF
	COLUMNS=50 SOCDOK_USER=sara journal-show 1 --since 2026-02-26 \
		--until 2026-02-26 >out &&
	tail -n 4 out | head -n 3 >got &&
	test_cmp expect got
'

test_expect_success '--since, --until and --category choose notes' '
	SOCDOK_USER=sara journal-show 1 --since 2026-02-15 --until 2026-02-24 \
		--format tsv | cut -f1 >got &&
	printf "note\n1:1\n" >expect && test_cmp expect got &&
	SOCDOK_USER=sara journal-show 1 --category kontakt --format tsv |
		cut -f1 >got &&
	printf "note\n1:3\n" >expect && test_cmp expect got
'

test_expect_success 'an unknown category or a bad date is refused' '
	test_refused 65 "unknown category '\''besök'\''" \
		env SOCDOK_USER=sara journal-show 1 --category besök &&
	test_refused 65 "--since" \
		env SOCDOK_USER=sara journal-show 1 --since 2026-02-30
'

test_expect_success 'TSV: one row per note, with corrects and corrected_by' '
	printf "note\tcategory\tcorrects\tcorrected_by\n1:2\terbjudande-avböjt\t\t1:4\n1:1\thändelse\t\t\n1:3\tkontakt\t\t\n1:5\thändelse\t\t\n1:4\trättelse\t1:2\t\n" >expect &&
	SOCDOK_USER=sara journal-show 1 --format tsv | cut -f1,8,9,10 >got &&
	test_cmp expect got
'

test_expect_success 'JSON: the fields of a note, null for none' '
	SOCDOK_USER=sara journal-show 1 --format json --category kontakt >out &&
	echo "[{\"note\":\"1:3\",\"event_date\":\"2026-02-25\",\"written_at\":\"2026-03-02T09:00:00+01:00\",\"author\":\"Sara Samordnare\",\"title\":\"undersköterska\",\"on_behalf_of\":\"Erik Ek\",\"behalf_title\":\"vårdbiträde\",\"category\":\"kontakt\",\"corrects\":null,\"corrected_by\":null,\"text\":\"Sonen ringde och berättade att Åsa har fått en ny rullator som hon använder när hon går till affären på måndagar och torsdagar.\"}]" >expect &&
	sqlite3 :memory: "SELECT json(readfile('\''out'\''))" >got &&
	test_cmp expect got
'

test_expect_success 'CSV reads back' '
	SOCDOK_USER=sara journal-show 1 --format csv >out.csv &&
	test "$(head -1 out.csv | tr -d "\r")" = "\"note\",\"event_date\",\"written_at\",\"author\",\"title\",\"on_behalf_of\",\"behalf_title\",\"category\",\"corrects\",\"corrected_by\",\"text\""
'

test_expect_success 'md: each note a section, rättelse quoted next to it' '
	cat >expect <<-\EOF &&
	# Journal, akt 1: Åberg, Åsa

	## 1:2 · 2026-02-10 · erbjudande-avböjt

	*Written 2026-03-02 09:00 by Sara Samordnare, undersköterska.*

	Åsa tackade nej till dusch.

	> **Rättelse 1:4** (2026-03-02, Erik Ek, vårdbiträde):
	>
	> Åsa säger att hon inte erbjöds dusch.

	EOF
	SOCDOK_USER=sara journal-show 1 --format md --until 2026-02-10 >out &&
	test_cmp expect out
'

test_expect_success 'Swedish Markdown round-trips byte for byte through md' '
	printf "# Besök hos Åsa\n\nÅsa sa: ”Jag vill gå själv.” — och gick.\n\n- ÅÄÖ åäö é ü ß\n- 😀 emoji\n\ttab kvar\n" >text.md &&
	env SOCDOK_USER=sara journal-add 1 -F text.md --event-date 2026-02-27 >/dev/null &&
	SOCDOK_USER=sara journal-show 1 --format md --since 2026-02-27 --until 2026-02-27 >out &&
	sed "1,6d" out | sed "\$d" >got &&
	cmp text.md got
'

test_expect_success 'every read is logged with the number of notes' '
	SOCDOK_USER=erik journal-show 1 --category kontakt >/dev/null &&
	echo "erik|journal-show|1|read journal (1 note)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'an empty journal prints nothing and is logged' '
	SOCDOK_USER=olle journal-show 2 >out &&
	test ! -s out &&
	echo "olle|journal-show|2|read journal (0 notes)" >expect &&
	sqlite3 "$SOCDOK_DB" "SELECT login, program, akt_id, what FROM access_log ORDER BY id DESC LIMIT 1" >got &&
	test_cmp expect got
'

test_expect_success 'an akt of another unit is refused; an arkivarie may read' '
	test_refused 77 "" env SOCDOK_USER=olle journal-show 1 &&
	SOCDOK_USER=arkiv journal-show 1 --format tsv >out &&
	test $(wc -l <out) = 7
'

test_expect_success 'a full disk: write error' '
	test_must_fail 74 env SOCDOK_USER=sara journal-show 1 >/dev/full 2>err &&
	grep "write error" err
'

test_done
