#!/bin/sh
# The server installation (issue 18): programs set-group-id to a group
# staff are not in, the database reachable only through them, the acting
# user the real uid.  Needs root (useradd, a DESTDIR install); without
# it every test says "# skip".
. "$(dirname "$0")/lib.sh"

G=sdg$$ A=sda$$ B=sdb$$
cleanup() {
	if [ "$(id -u)" = 0 ]; then
		userdel "$A" 2>/dev/null
		userdel "$B" 2>/dev/null
		groupdel "$G" 2>/dev/null
	fi
	cd / && rm -rf "$T_DIR"
}
trap cleanup EXIT
unset SOCDOK_USER SOCDOK_SHARE SOCDOK_DB
R=$T_DIR/root
BIN=$R/opt/sd/bin
SRV=$T_DIR/srv/socdok.db
# as LOGIN cmd...: run cmd as the staff account, with its own ids only.
as() {
	t_u=$1
	shift
	setpriv --reuid="$t_u" --regid="$t_u" --clear-groups \
		env PATH="$BIN:/usr/bin:/bin" "$@"
}

test_expect_success ROOT 'install-server: set-group-id programs, the group and database built in' '
	chmod 755 "$T_DIR" &&
	groupadd "$G" && useradd -m -d "$T_DIR/home-$A" -U "$A" &&
	useradd -m -d "$T_DIR/home-$B" -U "$B" &&
	make -s -C "$T_TOP" install-server DESTDIR="$R" PREFIX=/opt/sd \
		SOCDOK_GROUP="$G" SOCDOK_SERVER_DB="$SRV" >log 2>&1 &&
	test "$(stat -c "%a %G" "$BIN/journal-add")" = "2755 $G" &&
	test -x "$BIN/socdok-init"
'

test_expect_success ROOT 'socdok-init --server as root: root:GROUP 0660 in a 2770 directory' '
	"$BIN/socdok-init" --server --admin "$A" 2>err &&
	grep "server mode" err &&
	test "$(stat -c "%a %U %G" "$SRV")" = "660 root $G" &&
	test "$(stat -c "%a %U %G" "$T_DIR/srv")" = "2770 root $G"
'

test_expect_success ROOT 'staff cannot open the database with sqlite3' '
	! as "$A" sqlite3 "$SRV" "SELECT count(*) FROM staff" 2>err &&
	! as "$B" cat "$SRV" >/dev/null 2>&1
'

test_expect_success ROOT 'the admin registers staff through the programs' '
	as "$A" staff-add "$B" --name "Bo Be" --title vårdbiträde \
		--unit "Hemtjänst Norr" --role samordnare &&
	as "$A" akt-new "$(t_pnr 19400101 000)" --name "Ek, Ada" \
		--unit "Hemtjänst Norr" --kontaktperson "$B" >id &&
	test "$(cat id)" = 1
'

test_expect_success ROOT 'SOCDOK_USER does not change who acts' '
	as "$B" env SOCDOK_USER="$A" journal-add 1 -m "En anteckning." >n &&
	test -s n
'

test_expect_success ROOT 'the note author and the log uid are the real user' '
	uid=$(id -u "$B") &&
	test "$(sqlite3 "$SRV" "SELECT author_login, uid FROM note WHERE akt_id = 1 ORDER BY id DESC LIMIT 1")" = "$B|$uid" &&
	test "$(sqlite3 "$SRV" "SELECT login, uid FROM access_log ORDER BY id DESC LIMIT 1")" = "$B|$uid"
'

test_expect_success ROOT 'staff-add as a forged admin is refused with 77' '
	as "$B" env SOCDOK_USER="$A" staff-add zed --name Z --title t \
		--unit "Hemtjänst Norr" 2>err;
	test $? = 77 && grep "^staff-add: " err &&
	test "$(sqlite3 "$SRV" "SELECT count(*) FROM staff WHERE login = '\''zed'\''")" = 0
'

test_expect_success ROOT 'SOCDOK_DB and -d naming another file are refused with 77' '
	cp "$SRV" own.db && chown "$B" own.db &&
	as "$B" env SOCDOK_DB="$T_DIR/own.db" akt-list 2>err;
	test $? = 77 && grep "SOCDOK_DB" err &&
	as "$B" akt-list -d "$T_DIR/own.db" 2>err;
	test $? = 77 && grep "leave out -d" err
'

test_expect_success ROOT 'SOCDOK_SHARE cannot add a migration' '
	mkdir -p evil/schema && cp "$T_TOP"/share/schema/*.sql evil/schema &&
	echo "CREATE TABLE evil(x);" >evil/schema/9999-evil.sql &&
	chmod -R a+rX evil &&
	as "$B" env SOCDOK_SHARE="$T_DIR/evil" akt-list >/dev/null &&
	test "$(sqlite3 "$SRV" "SELECT count(*) FROM sqlite_master WHERE name = '\''evil'\''")" = 0
'

test_expect_success ROOT '$EDITOR runs without the group' '
	mkdir -m 777 pub &&
	cat >pub/ed <<-EOF &&
	#!/bin/sh
	id -G >"$T_DIR/pub/groups"
	id -g >>"$T_DIR/pub/groups"
	printf "Skriven i editorn.\n" >"\$1"
	EOF
	chmod 755 pub/ed &&
	as "$B" env EDITOR="$T_DIR/pub/ed" journal-add 1 --edit </dev/null >n2 &&
	gid=$(getent group "$G" | cut -d: -f3) &&
	! grep -w "$gid" pub/groups &&
	grep -w "$(id -g "$B")" pub/groups &&
	test "$(stat -c "%a %U %G" "$T_DIR/home-$B/.local/state/socdok/drafts")" = "700 $B $B"
'

test_expect_success ROOT '-o to a path only the group can write is refused' '
	as "$B" akt-export 1 -o "$T_DIR/srv/x.md" 2>err;
	test $? = 73 && test ! -e srv/x.md &&
	test "$(stat -c %s "$SRV")" -gt 0
'

test_expect_success ROOT '-o into a character device and a FIFO, like cp' '
	mknod pub/null c 1 3 && chmod 666 pub/null &&
	as "$B" akt-export 1 -o "$T_DIR/pub/null" &&
	test -c pub/null &&
	mkfifo -m 666 pub/fifo &&
	{ cat pub/fifo >fifo.out & } &&
	as "$B" akt-export 1 -o "$T_DIR/pub/fifo" && wait &&
	test -p pub/fifo && grep "Ek, Ada" fifo.out
'

test_expect_success ROOT '--dir is made by the user, not the group' '
	as "$B" akt-export 1 --dir "$T_DIR/pub/out-$B" >/dev/null &&
	test "$(stat -c "%a %U %G" "pub/out-$B")" = "700 $B $B" &&
	test "$(stat -c "%a %U %G" "pub/out-$B/akt-1.md")" = "600 $B $B"
'

test_expect_success ROOT 'a symlink in a shared directory is not followed' '
	chmod 1777 pub && touch target && chmod 666 target &&
	ln -s "$T_DIR/target" pub/link &&
	as "$B" akt-export 1 -o "$T_DIR/pub/link" 2>err;
	test $? = 73 && grep "symbolic link" err && test ! -s target
'

test_done
