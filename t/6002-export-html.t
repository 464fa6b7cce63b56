#!/bin/sh
# akt-export --format html: the same document rendered by cmark in its
# safe mode, one self-contained file; a note's raw HTML is shown as
# text and never executed, its Markdown never changes the structure.
. "$(dirname "$0")/lib.sh"
. "$T_TOP/t/lib-export.sh"

# The text of an HTML file with tags removed and entities decoded.
html_text() {
	python3 -c 'import html, re, sys
print(html.unescape(re.sub(r"<[^>]*>", "", open(sys.argv[1], encoding="utf-8").read())))' "$1"
}

test_expect_success 'set up: an akt with notes, a correction and two plans' '
	export_world
'

test_expect_success 'akt-export -o writes the file and names it on stdout' '
	SOCDOK_USER=sara akt-export 1 --format html -o akt.html >out 2>err &&
	echo akt.html >expect &&
	test_cmp expect out &&
	test ! -s err &&
	head -n 2 akt.html >got &&
	printf "<!DOCTYPE html>\n<html lang=\"sv\">\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the file is private to its owner' '
	test "$(stat -c %a akt.html)" = 600
'

test_expect_success 'no script can run: no script element, no event handler, a CSP that forbids scripts' '
	! grep -i "<script" akt.html &&
	! grep -iE "<[a-z][^>]* on[a-z]+=" akt.html &&
	grep -F "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" akt.html &&
	grep -F "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '\''none'\''; style-src '\''unsafe-inline'\''\">" akt.html
'

test_expect_success 'self-contained: nothing is fetched from elsewhere' '
	! grep -iE "(src|href)=" akt.html &&
	! grep -i "@import\|url(" akt.html
'

test_expect_success 'a print stylesheet for A4 keeps headings with what follows' '
	grep -F "@media print{@page{size:A4" akt.html &&
	grep -F "break-after:avoid" akt.html
'

test_expect_success 'the Markdown of a note is shown as written, not rendered' '
	! grep "<h1>Ingen rubrik" akt.html &&
	! grep "<li>punkt ett" akt.html &&
	! grep "<em>inte</em>" akt.html &&
	grep -c "<h1>" akt.html >n && echo 1 >expect && test_cmp expect n &&
	grep -c "<pre><code class=\"language-anteckning\">" akt.html >n &&
	echo 5 >expect && test_cmp expect n &&
	grep -c "<pre><code class=\"language-plan\">" akt.html >n &&
	echo 2 >expect && test_cmp expect n
'

test_expect_success 'the headings are the document structure' '
	grep -o "<h[1-4]>[^<]*</h[1-4]>" akt.html >got &&
	cat >expect <<-\EOF &&
	<h1>Personakt: Öberg-Ärlig, Åsa</h1>
	<h2>Insatser</h2>
	<h2>Genomförandeplaner</h2>
	<h3>Version 2 · 2026-02-15 · gällande</h3>
	<h3>Version 1 · 2026-01-20 · ersatt 2026-02-15</h3>
	<h2>Journal</h2>
	<h3>2026-01-10 · påbörjad-insats · anteckning 1</h3>
	<h3>2026-01-12 · händelse · anteckning 2</h3>
	<h3>2026-01-14 · kontakt · anteckning 3</h3>
	<h4>Rättelse av anteckning 3 · 2026-02-01 · anteckning 4</h4>
	<h3>2026-02-20 · avvikelse · anteckning 5</h3>
	<h2>Verifiering</h2>
	EOF
	test_cmp expect got
'

test_expect_success 'every note and plan is in the text as written' '
	html_text akt.html >text &&
	for f in note-1.txt note-2.txt note-3.txt note-4.txt note-5.txt \
		plan-1.md plan-2.md; do
		contains text $f || return 1
	done
'

test_expect_success 'a name with markup characters stays text' '
	SOCDOK_USER=sara akt-new "$(t_pnr 19800202 013)" \
		--name "<b>Fet</b> & *Stjärna*, Ada_" --unit "Hemtjänst Norr" \
		--opened 2026-02-01 >/dev/null &&
	SOCDOK_USER=sara akt-export 4 --format html >n.html &&
	grep -F "<title>Personakt: &lt;b&gt;Fet&lt;/b&gt; &amp; *Stjärna*, Ada_ (" n.html &&
	grep -F "<h1>Personakt: &lt;b&gt;Fet&lt;/b&gt; &amp; *Stjärna*, Ada_</h1>" n.html
'

test_done
