# socdok - social documentation for SoL and LSS, in small programs.
#
#   make            build lib/libsocdok.a and every program in bin/
#   make check      build and run the test suite with prove
#   make check-sanitize   the same under AddressSanitizer + UBSan
#   make format     clang-format every C file; make check-format checks it
#   make demo       a synthetic municipality and the due-date report
#   make install    PREFIX=/usr/local DESTDIR= (programs, man pages, share/,
#                   bash completion)
#   make install-server PREFIX= SOCDOK_GROUP= SOCDOK_SERVER_DB= [SOCDOK_SERVICE=]
#                   the same, set-group-id to the group, the database built in
#   make po         re-extract the messages into po/socdok.pot, merge po/sv.po

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/socdok
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(SHAREDIR)/locale
# bash-completion's directory, where it looks for a command's completion
# under the command's name (issue 15).
COMPDIR  ?= $(PREFIX)/share/bash-completion/completions
DESTDIR  ?=

# nettle, not OpenSSL's libcrypto, for SHA-256, HMAC and base64: loading
# libcrypto cost every process 2 ms and 120 page faults (issue 17,
# docs/hacking.md).
PKGS     = sqlite3 libcmark pangocairo nettle
# pangocairo is compiled against but not linked: lib/render.c opens it
# when a PDF is made (issue 17: the other formats and programs do not
# load its 40 shared libraries).
# nettle is linked statically (below), so not through pkg-config.
LINK_PKGS = $(filter-out pangocairo nettle,$(PKGS))
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib $(PKG_CFLAGS) \
	     -DSD_SHAREDIR='"$(SHAREDIR)"' -DSD_LOCALEDIR='"$(LOCALEDIR)"' \
	     $(SAN_CFLAGS) $(CFLAGS) -MMD -MP
# Nettle and libcsv from their static archives (nettle-dev, libcsv-dev):
# every process hashes, and Debian's libnettle.so is bound at load
# (BIND_NOW) with some 550 relocations and symbol look-ups, for the few
# functions socdok calls; as a shared library it cost each process
# 0.4 ms and 9 page faults, libcsv 0.1 ms and 5 (issue 17,
# docs/hacking.md).  STATIC_LIBS="-lnettle -lcsv" links them shared.
STATIC_LIBS ?= -Wl,-Bstatic -lnettle -lcsv -Wl,-Bdynamic
LDLIBS   = $(PKG_LIBS) $(STATIC_LIBS) -lm
# --as-needed: a program records only the libraries its code calls
# (akt-show does not load libcmark).
ALL_LDFLAGS = $(SAN_CFLAGS) -Wl,--as-needed $(LDFLAGS)

ifdef SAN
SAN_CFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_OBJ  = $(LIB_SRC:.c=.o)
PROG_SRC = $(sort $(wildcard bin/*.c))
PROGS    = $(PROG_SRC:.c=)
UNIT_SRC = $(sort $(wildcard t/unit/*.c))
UNITS    = $(UNIT_SRC:.c=)
TOOL_SRC = $(sort $(wildcard tools/*.c))
TOOLS    = $(TOOL_SRC:.c=) tools/socdok-fixture
# A tool of several files: tools/socdok-fixture from tools/fixture/.
FIXTURE_SRC = $(sort $(wildcard tools/fixture/*.c))
FIXTURE_OBJ = $(FIXTURE_SRC:.c=.o)
# The translations: po/LANG.po, built to po/LANG.mo and to the catalogue
# under share/locale/ that the programs find beside themselves.
POS      = $(sort $(wildcard po/*.po))
MOS      = $(POS:.po=.mo) $(patsubst po/%.po,share/locale/%/LC_MESSAGES/socdok.mo,$(POS))
MANS     = $(sort $(wildcard docs/*.1 docs/*.7))
FORMAT_SRC = $(sort $(wildcard lib/*.[ch] bin/*.[ch] t/unit/*.[ch] tools/*.[ch] \
	     tools/*/*.[ch]))

all: deps-ok
	@$(MAKE) --no-print-directory build

build: lib/libsocdok.a $(PROGS) $(UNITS) $(TOOLS) $(MOS)

# Say which Debian packages are missing, and how to get them.
deps-ok:
	@pkg-config --exists $(PKGS) && test -f /usr/include/csv.h && \
	  command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then tools/install-deps; else \
	  echo "socdok: missing build dependencies ($(PKGS), libcsv-dev, gettext)."; \
	  echo "  install them with: sudo tools/install-deps"; exit 1; fi; }

ifndef V
Q = @
E = @echo
else
E = @true
endif

# Header dependencies: each compile writes a .d file beside its output
# (-MMD -MP above) naming the headers it read.
-include $(wildcard lib/*.d bin/*.d t/unit/*.d tools/*.d tools/*/*.d)

# The flags everything is built with.  .build-flags is rewritten only when
# they change (another CC, CFLAGS, SAN=1), and every output depends on it,
# so `make SAN=1` after a plain build rebuilds without `make clean`.  The
# share directory is left out: `make install PREFIX=...` must not rebuild
# the tree it installs (t/0005 does so while other tests run), and the
# programs look for share/ beside themselves first.
BUILD_FLAGS = $(CC) \
	      $(filter-out -DSD_SHAREDIR=% -DSD_LOCALEDIR=%,$(ALL_CFLAGS)) \
	      $(ALL_LDFLAGS) $(LDLIBS)
.build-flags: FORCE
	$(Q)flags='$(subst ','\'',$(BUILD_FLAGS))'; \
	if [ x"$$flags" != x"$$(cat $@ 2>/dev/null)" ]; then \
		echo "  FLAGS   $@"; echo "$$flags" >$@; fi

lib/%.o: lib/%.c .build-flags
	$(E) "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

lib/libsocdok.a: $(LIB_OBJ)
	$(E) "  AR      $@"
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

bin/%: bin/%.c lib/libsocdok.a .build-flags
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

t/unit/%: t/unit/%.c lib/libsocdok.a .build-flags
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

tools/%: tools/%.c lib/libsocdok.a .build-flags
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

tools/fixture/%.o: tools/fixture/%.c .build-flags
	$(E) "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

tools/socdok-fixture: $(FIXTURE_OBJ) lib/libsocdok.a .build-flags
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(FIXTURE_OBJ) lib/libsocdok.a $(LDLIBS)

po/%.mo: po/%.po
	$(E) "  MSGFMT  $@"
	$(Q)msgfmt --check -o $@ $<

share/locale/%/LC_MESSAGES/socdok.mo: po/%.mo
	$(Q)mkdir -p $(@D) && cp $< $@

# Re-extract every message marked _(), N_() or ngettext() and merge the
# catalogues; then translate what msgfmt --statistics calls untranslated
# or fuzzy (t/0008 fails until every message has its translation).
po:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	  --keyword=ngettext:1,2 --add-comments=TRANSLATORS: \
	  --package-name=socdok --package-version=$$(sed -n \
	  's/^#define SD_VERSION "\(.*\)"/\1/p' lib/socdok.h) \
	  --msgid-bugs-address= --no-location --sort-output \
	  -o po/socdok.pot \
	  $(LIB_SRC) $(PROG_SRC)
	set -e; for f in $(POS); do \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching $$f po/socdok.pot; \
	  msgfmt --statistics -o /dev/null $$f; done

check: all
	tools/install-deps --check-test
	prove -j2 t/

# (The flags file rebuilds everything for the sanitizers, and again after.)
check-sanitize:
	$(MAKE) SAN=1 CFLAGS="-O1 -g" check

valgrind: all
	SOCDOK_VALGRIND=1 prove t/

demo: all
	tools/demo

# Figures on the large synthetic municipality (bench/README.md).
bench: all
	bench/run

install: all
	$(MAKE) --no-print-directory install-files
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)

install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/schema \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 tools/mail-digest $(DESTDIR)$(BINDIR)
	install -m 644 share/schema/*.sql $(DESTDIR)$(SHAREDIR)/schema
	set -e; for f in share/*; do \
	  if [ -f "$$f" ]; then install -m 644 "$$f" $(DESTDIR)$(SHAREDIR); fi; \
	done
	set -e; for f in $(POS); do \
	  l=$$(basename $$f .po); \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 po/$$l.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/socdok.mo; \
	done
	set -e; for f in $(MANS); do \
	  case $$f in *.1) d=man1;; *) d=man7;; esac; \
	  install -m 644 $$f $(DESTDIR)$(MANDIR)/$$d; \
	done
	install -d $(DESTDIR)$(COMPDIR)
	sed 's|@SHAREDIR@|$(SHAREDIR)|' share/bash-completion/socdok \
	  >$(DESTDIR)$(COMPDIR)/socdok
	chmod 644 $(DESTDIR)$(COMPDIR)/socdok
	set -e; for p in $(notdir $(PROGS)); do \
	  ln -sf socdok $(DESTDIR)$(COMPDIR)/$$p; done

# The server installation (docs/security.md): the programs are linked
# again, in .server/, with lib/priv-server.c compiled with the group, the
# database and the service account, and installed set-group-id to the
# group.  The tree's own programs are not touched.
SOCDOK_GROUP     ?=
SOCDOK_SERVER_DB ?=
SOCDOK_SERVICE   ?=
SERVER_DEFS = -DSD_GROUP='"$(SOCDOK_GROUP)"' \
	      -DSD_SERVER_DB='"$(SOCDOK_SERVER_DB)"' \
	      -DSD_SERVICE='"$(SOCDOK_SERVICE)"'
install-server: all
	@test -n "$(SOCDOK_GROUP)" && test -n "$(SOCDOK_SERVER_DB)" || { \
	  echo "make install-server: give SOCDOK_GROUP=NAME and" \
	    "SOCDOK_SERVER_DB=/ABSOLUTE/PATH (and SOCDOK_SERVICE=LOGIN for cron)"; \
	  exit 1; }
	@case "$(SOCDOK_SERVER_DB)" in /*) ;; *) \
	  echo "make install-server: SOCDOK_SERVER_DB must be an absolute path"; \
	  exit 1;; esac
	rm -rf .server && mkdir -p .server/bin
	$(CC) $(ALL_CFLAGS) $(SERVER_DEFS) -c -o .server/server.o lib/priv-server.c
	set -e; for p in $(PROGS); do \
	  $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o .server/$$p $$p.c \
	    .server/server.o lib/libsocdok.a $(LDLIBS); done
	$(MAKE) --no-print-directory install-files
	install -m 2755 -g $(SOCDOK_GROUP) $(addprefix .server/,$(PROGS)) \
	  $(DESTDIR)$(BINDIR)
	rm -rf .server

format:
	clang-format -i $(FORMAT_SRC)

# Fails, naming the files, when `make format` would change a line.
check-format:
	clang-format --dry-run -Werror $(FORMAT_SRC)

clean:
	rm -f lib/*.o lib/libsocdok.a $(PROGS) $(UNITS) $(TOOLS) $(FIXTURE_OBJ)
	rm -f lib/*.d bin/*.d t/unit/*.d tools/*.d tools/*/*.d .build-flags
	rm -f $(MOS)

FORCE:

.PHONY: all build deps-ok check check-sanitize check-format valgrind demo \
	bench install install-files install-server po format clean FORCE
.SECONDARY: $(LIB_OBJ) $(FIXTURE_OBJ)
