#!/bin/sh
# make install: programs, man pages and share/ land under DESTDIR/PREFIX,
# and the installed programs find their data there without SOCDOK_SHARE.
. "$(dirname "$0")/lib.sh"

test_expect_success 'make install into a DESTDIR' '
	make -s -C "$T_TOP" install DESTDIR="$T_DIR/root" PREFIX=/opt/sd >log 2>&1 &&
	test -x root/opt/sd/bin/socdok-init &&
	test -f root/opt/sd/share/socdok/schema/0001-base.sql &&
	test -f root/opt/sd/share/socdok/rules.tsv &&
	test -f root/opt/sd/share/socdok/sokord.txt &&
	test -f root/opt/sd/share/socdok/locale/sv/LC_MESSAGES/socdok.mo
'

test_expect_success 'installed programs find share/ beside themselves' '
	(unset SOCDOK_SHARE &&
	 root/opt/sd/bin/socdok-init -d inst.db 2>err &&
	 root/opt/sd/bin/staff-list -d inst.db --format tsv >out) &&
	grep "^admin	" out
'

test_expect_success 'installed programs find their Swedish messages' '
	(unset SOCDOK_SHARE LC_ALL &&
	 LANG=C.UTF-8 LANGUAGE=sv root/opt/sd/bin/akt-show -d inst.db 99 \
		2>err; test $? = 66) &&
	grep "^akt-show: det finns ingen akt 99" err
'

test_expect_success 'man pages are installed for every installed program' '
	for p in root/opt/sd/bin/*; do
		test -f "root/opt/sd/share/man/man1/${p##*/}.1" ||
		{ echo "no man page for ${p##*/}"; exit 1; }
	done
'

test_expect_success 'the bash completion is installed under every program name' '
	d=root/opt/sd/share/bash-completion/completions &&
	test -f $d/socdok &&
	! grep -q @SHAREDIR@ $d/socdok &&
	grep -q "^_socdok_sharedir=./opt/sd/share/socdok.$" $d/socdok &&
	for p in root/opt/sd/bin/*; do
		case ${p##*/} in mail-digest) continue ;; esac
		test "$(readlink "$d/${p##*/}")" = socdok ||
		{ echo "no completion for ${p##*/}"; exit 1; }
	done
'

test_expect_success BASHCOMP 'bash-completion finds the installed completion' '
	XDG_DATA_DIRS="$T_DIR/root/opt/sd/share" bash -c ". \"$T_BASHCOMP\" &&
		__load_completion akt-close && complete -p akt-close" >out &&
	grep -- "-F _socdok akt-close" out
'

test_expect_success 'make install fails when a step fails' '
	mkdir -p bad/opt/sd/share/socdok/rules.tsv/x &&
	test_must_fail 2 make -s -C "$T_TOP" install DESTDIR="$T_DIR/bad" \
		PREFIX=/opt/sd >log 2>&1 &&
	grep "rules.tsv" log &&
	test ! -e bad/opt/sd/share/man/man1/socdok-init.1
'

test_done
