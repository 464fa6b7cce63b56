# t/lib-export.sh - the akt that the akt-export tests (t/60xx) export,
# and checks they share.  Source after t/lib.sh.
#
# export_world builds, in the scratch directory:
#   akt 1 (Hemtjänst Norr) of "Öberg-Ärlig, Åsa": an insats with its
#   verkställighet note, a note with Markdown and a raw <script>, a note
#   written on behalf of a colleague, a correction of that note (whose text
#   holds a fence), a note with a very long word, and two plan versions;
#   akt 2 (Hemtjänst Norr) and akt 3 (Boendestöd Väst) with a note each.
# The text of every note is in note-N.txt (N = its seq in akt 1).

EX_P1=$(t_pnr 19400115 238)
EX_P2=$(t_pnr 19520225 114)
EX_P3=$(t_pnr 19610707 331)

# note AKT CATEGORY DATE [--on-behalf-of LOGIN] < TEXT: journal-add.
# note AKT rättelse DATE --corrects SEQ < TEXT: journal-correct AKT:SEQ.
note() {
	t_akt=$1 t_cat=$2 t_date=$3
	shift 3
	if [ "${1:-}" = --corrects ]; then
		journal-correct "$t_akt:$2" --event-date "$t_date" -
	else
		journal-add "$t_akt" --category "$t_cat" --event-date "$t_date" \
			"$@" -
	fi
}

# plan AKT VERSION DATE FILE: a genomförandeplan version, as gp-new stores it.
plan() {
	sqlite3 "$SOCDOK_DB" "INSERT INTO gp(akt_id, version, plan_date, body,
		written_at, author_login, author_name, author_title)
		VALUES ($1, $2, '$3', CAST(readfile('$4') AS TEXT),
		'$3T09:00:00Z', 'sara', 'Sara Samordnare', 'undersköterska')"
}

export_world() {
	setup_world &&
	SOCDOK_USER=sara akt-new "$EX_P1" --name "Öberg-Ärlig, Åsa" \
		--unit "Hemtjänst Norr" --kontaktperson sara \
		--opened 2026-01-05 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-05 \
		--ordered 2026-01-06 --handlaggare "Hanna Handläggare" \
		--goal "Att Åsa kan bo kvar hemma & känna sig trygg" >/dev/null &&
	SOCDOK_USER=sara SOCDOK_TODAY=2026-01-10 insats-start 1 \
		--date 2026-01-10 >/dev/null &&
	sqlite3 "$SOCDOK_DB" "SELECT body FROM note WHERE seq = 1" >note-1.txt &&
	cat >note-2.txt <<-\EOF &&
	Åsa berättade att hon *inte* vill ha besök före kl. 9 på morgonen.

	# Ingen rubrik i dokumentet

	- punkt ett: duscha på tisdagar
	- punkt två: handla på fredagar

	<script>alert("xss")</script>
	Vi kom överens om en ny tid. **Fet** och _kursiv_ text står kvar som skriven.
	EOF
	SOCDOK_USER=sara note 1 händelse 2026-01-12 <note-2.txt >/dev/null &&
	printf "Ringde dottern Märta angående nyckelfrågan. Överenskommet: ny nyckel på fredag.\n" >note-3.txt &&
	SOCDOK_USER=sara note 1 kontakt 2026-01-14 --on-behalf-of erik \
		<note-3.txt >/dev/null &&
	cat >note-4.txt <<-\EOF &&
	Åsa påpekar att det var sonen Örjan, inte dottern, som ringdes.
	~~~
	Så här skrev hon själv.
	~~~
	EOF
	SOCDOK_USER=sara note 1 rättelse 2026-02-01 --corrects 3 \
		<note-4.txt >/dev/null &&
	printf "Länk till kommunens sida: https://example.org/%s/slut\n" \
		"$(printf "mycketlångtord%.0s" 1 2 3 4 5 6 7 8 9 10 11 12)" \
		>note-5.txt &&
	SOCDOK_USER=erik note 1 avvikelse 2026-02-20 <note-5.txt >/dev/null &&
	cat >plan-1.md <<-\EOF &&
	# Planens framtagande

	Åsa deltog i planeringen hemma.

	## Mål och insatser

	- Vad: dusch. När: tisdagar. Hur: med stöd. Vem: hemtjänsten.
	EOF
	cat >plan-2.md <<-\EOF &&
	# Planens framtagande

	Åsa och hennes dotter deltog i planeringen.

	## Mål och insatser

	- Vad: dusch två gånger i veckan. När: tisdag och fredag.
	EOF
	plan 1 1 2026-01-20 plan-1.md &&
	plan 1 2 2026-02-15 plan-2.md &&
	SOCDOK_USER=sara akt-new "$EX_P2" --name "Ek, Gustav" \
		--unit "Hemtjänst Norr" --opened 2026-01-05 >/dev/null &&
	echo "Gustav fick besök av sin bror." |
		SOCDOK_USER=sara note 2 händelse 2026-02-02 >/dev/null &&
	SOCDOK_USER=olle akt-new "$EX_P3" --name "Lind, Maja" \
		--unit "Boendestöd Väst" --opened 2026-01-05 >/dev/null &&
	echo "Maja handlade själv." |
		SOCDOK_USER=olle note 3 händelse 2026-02-03 >/dev/null
}

# contains FILE NEEDLE-FILE: the file holds the needle byte for byte.
contains() {
	python3 -c 'import sys
h = open(sys.argv[1], encoding="utf-8").read()
n = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if n in h else 1)' "$1" "$2" || {
		echo "$1 does not contain $2:" >&2
		cat "$2" >&2
		return 1
	}
}

# contains_words FILE NEEDLE-FILE: the same with white space squeezed
# (for text extracted from a PDF, where lines wrap).
contains_words() {
	python3 -c 'import sys
w = lambda s: " ".join(s.split())
h = w(open(sys.argv[1], encoding="utf-8").read())
n = w(open(sys.argv[2], encoding="utf-8").read())
sys.exit(0 if n in h else 1)' "$1" "$2" || {
		echo "$1 does not contain the words of $2:" >&2
		cat "$2" >&2
		return 1
	}
}

# reverify JSON: recompute every note's hash from the JSON export alone,
# following docs/hash-format.md, independently of the C code; print
# "intact N HEAD" or "broken SEQ".
reverify() {
	python3 - "$1" <<-\PY
	import hashlib, json, sys
	d = json.load(open(sys.argv[1], encoding="utf-8"))
	prev = "0" * 64
	for n in d["notes"]:
	    body = n["body"].encode("utf-8")
	    head = ("socdok-note-v1\nakt: %d\nseq: %d\nevent_date: %s\n"
	            "written_at: %s\nauthor_login: %s\nauthor_name: %s\n"
	            "author_title: %s\nbehalf_login: %s\nbehalf_name: %s\n"
	            "behalf_title: %s\ncategory: %s\ncorrects: %s\nprev: %s\n"
	            "body_bytes: %d\n\n") % (
	        n["akt"], n["seq"], n["event_date"], n["written_at"],
	        n["author_login"], n["author_name"], n["author_title"],
	        n["behalf_login"] or "", n["behalf_name"] or "",
	        n["behalf_title"] or "", n["category"],
	        n["corrects_seq"] or "", n["prev_hash"], len(body))
	    h = hashlib.sha256(head.encode("utf-8") + body).hexdigest()
	    if n["prev_hash"] != prev or h != n["hash"]:
	        print("broken", n["seq"])
	        sys.exit(0)
	    prev = h
	v = d["verification"]
	ok = prev == v["head_hash"] and len(d["notes"]) == v["notes"]
	print("intact" if ok else "broken-head", len(d["notes"]), prev)
	PY
}

# md_headings FILE: the headings of a Markdown export, outside fenced text.
md_headings() {
	awk '
	fence == "" && /^~~~+ / { fence = $1; next }
	fence != "" && $0 == fence { fence = ""; next }
	fence == "" && /^#/' "$1"
}

# pdf_outline FILE: the bookmark titles of a PDF written by cairo, in order.
pdf_outline() {
	python3 - "$1" <<-\PY
	import re, sys
	data = open(sys.argv[1], "rb").read()
	for m in re.finditer(rb"/Title (<FEFF([0-9A-Fa-f]*)>|\(((?:\\.|[^\\)])*)\))\s*/Parent", data):
	    if m.group(2) is not None:
	        print(bytes.fromhex(m.group(2).decode()).decode("utf-16-be"))
	    else:
	        print(re.sub(rb"\\(.)", rb"\1", m.group(3)).decode("latin-1"))
	PY
}

# pdf_layout FILE: check with pdftotext's word boxes that no word is
# outside the A4 text area and no two lines overlap; print problems.
pdf_layout() {
	pdftotext -bbox-layout "$1" layout.html &&
	python3 - layout.html <<-\PY
	import re, sys
	doc = open(sys.argv[1], encoding="utf-8").read()
	bad = 0
	for pno, page in enumerate(re.findall(r"<page.*?</page>", doc, re.S), 1):
	    lines = []
	    for l in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', page, re.S):
	        x0, y0, x1, y1 = map(float, l.groups()[:4])
	        words = " ".join(re.findall(r">([^<]*)</word>", l.group(5)))
	        if x0 < 56 or x1 > 540 or y0 < 30 or y1 > 815:
	            print("page %d: outside the text area: %s" % (pno, words)); bad = 1
	        lines.append((x0, y0, x1, y1, words))
	    for i, a in enumerate(lines):
	        for b in lines[i + 1:]:
	            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and \
	               a[1] < b[3] - 1.5 and b[1] < a[3] - 1.5:
	                print("page %d: lines overlap: %s / %s" % (pno, a[4], b[4])); bad = 1
	sys.exit(bad)
	PY
}

# contains_unwrapped FILE NEEDLE-FILE: the same with all white space
# removed (a word longer than a line must wrap inside the word).
contains_unwrapped() {
	python3 -c 'import sys
w = lambda s: "".join(s.split())
h = w(open(sys.argv[1], encoding="utf-8").read())
n = w(open(sys.argv[2], encoding="utf-8").read())
sys.exit(0 if n in h else 1)' "$1" "$2" || {
		echo "$1 does not contain the text of $2:" >&2
		cat "$2" >&2
		return 1
	}
}
