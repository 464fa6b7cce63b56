#!/bin/sh
# Every file socdok writes that holds personal data is private to the
# user (0600; directories it makes 0700) whatever the umask (issue 18,
# "Outputs and temporary files"): akt-close --notify, akt-export -o and
# --dir, and mail-digest --dir, which replaces what is there rather
# than writing through a link.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
umask 022

mode() {
	stat -c %a "$1"
}

test_expect_success 'set up' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2025-10-01 >/dev/null &&
	SOCDOK_USER=sara journal-add 1 -m "Besök." >/dev/null &&
	SOCDOK_MAIL_FROM=socdok@example.org SOCDOK_USER=admin \
		followup-due --format mail >stream 2>/dev/null; test -s stream
'

test_expect_success 'akt-export -o and --dir: 0600 files, a 0700 directory' '
	SOCDOK_USER=sara akt-export 1 --format md -o one.md &&
	test "$(mode one.md)" = 600 &&
	SOCDOK_USER=sara akt-export 1 --format md --dir exp >/dev/null &&
	test "$(mode exp/akt-1.md)" = 600
'

test_expect_success 'akt-close --notify: 0600' '
	SOCDOK_USER=sara akt-close 1 -m "Flyttat." --notify notify.mbox >/dev/null &&
	test -s notify.mbox &&
	test "$(mode notify.mbox)" = 600
'

test_expect_success 'mail-digest --dir: 0600 messages in a 0700 directory' '
	mail-digest --dir eml <stream &&
	test "$(mode eml)" = 700 &&
	for f in eml/*.eml; do test "$(mode "$f")" = 600 || return 1; done
'

test_expect_success 'mail-digest --dir replaces a link or a wider file, never writes through' '
	mkdir -p eml2 && chmod 755 eml2 &&
	ln -s "$T_DIR/elsewhere" eml2/001.eml &&
	mail-digest --dir eml2 <stream &&
	test ! -e elsewhere &&
	test ! -L eml2/001.eml &&
	test "$(mode eml2/001.eml)" = 600 &&
	chmod 644 eml2/001.eml &&
	mail-digest --dir eml2 <stream &&
	test "$(mode eml2/001.eml)" = 600
'

test_expect_success 'a PDF/A export killed while ghostscript runs leaves no intermediates' '
	printf "#!/bin/sh\necho \$\$ >\"%s/gs-running\"\nexec sleep 30\n" "$T_DIR" >slowgs &&
	chmod +x slowgs && echo icc >fake.icc &&
	mkdir out &&
	(SOCDOK_GS=$PWD/slowgs SOCDOK_ICC=$PWD/fake.icc SOCDOK_USER=admin \
		akt-export 1 --format pdf --pdfa -o out/akt.pdf \
		>/dev/null 2>&1 & echo $! >pid) &&
	n=0; while test ! -e gs-running && test $n -lt 300; do sleep 0.1; n=$((n + 1)); done &&
	test -e gs-running &&
	ls out | grep -q "akt.pdf.in." &&
	kill -TERM "$(cat pid)" &&
	n=0; while kill -0 "$(cat pid)" 2>/dev/null && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	kill "$(cat gs-running)" 2>/dev/null; ls -A out >left &&
	test ! -s left
'

test_done
