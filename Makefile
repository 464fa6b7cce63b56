# socdok - social documentation for SoL and LSS, in small programs.
#
#   make            build lib/libsocdok.a and every program in bin/
#   make check      build and run the test suite with prove
#   make check-sanitize   the same under AddressSanitizer + UBSan
#   make demo       a synthetic municipality and the due-date report
#   make install    PREFIX=/usr/local DESTDIR= (programs, man pages, share/)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/socdok
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=

PKGS     = sqlite3 libcmark pangocairo libcrypto
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
WARN    += -Wno-format-truncation
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib $(PKG_CFLAGS) \
	     -DSD_SHAREDIR='"$(SHAREDIR)"' $(SAN_CFLAGS) $(CFLAGS)
LDLIBS   = $(PKG_LIBS) -lcsv -lm
ALL_LDFLAGS = $(SAN_CFLAGS) $(LDFLAGS)

ifdef SAN
SAN_CFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_OBJ  = $(LIB_SRC:.c=.o)
LIB_HDR  = $(wildcard lib/*.h)
PROG_SRC = $(sort $(wildcard bin/*.c))
PROGS    = $(PROG_SRC:.c=)
UNIT_SRC = $(sort $(wildcard t/unit/*.c))
UNITS    = $(UNIT_SRC:.c=)
TOOL_SRC = $(sort $(wildcard tools/*.c))
TOOLS    = $(TOOL_SRC:.c=) tools/socdok-fixture
# A tool of several files: tools/socdok-fixture from tools/fixture/.
FIXTURE_SRC = $(sort $(wildcard tools/fixture/*.c))
FIXTURE_OBJ = $(FIXTURE_SRC:.c=.o)
MANS     = $(sort $(wildcard docs/*.1 docs/*.7))

all: deps-ok
	@$(MAKE) --no-print-directory build

build: lib/libsocdok.a $(PROGS) $(UNITS) $(TOOLS)

# Say which Debian packages are missing, and how to get them.
deps-ok:
	@pkg-config --exists $(PKGS) && test -f /usr/include/csv.h || { \
	  if [ "$$(id -u)" = 0 ]; then tools/install-deps; else \
	  echo "socdok: missing build dependencies ($(PKGS), libcsv-dev)."; \
	  echo "  install them with: sudo tools/install-deps"; exit 1; fi; }

ifndef V
Q = @
E = @echo
else
E = @true
endif

lib/%.o: lib/%.c $(LIB_HDR)
	$(E) "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

lib/libsocdok.a: $(LIB_OBJ)
	$(E) "  AR      $@"
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

bin/%: bin/%.c lib/libsocdok.a $(LIB_HDR)
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

t/unit/%: t/unit/%.c t/unit/tap.h lib/libsocdok.a $(LIB_HDR)
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

tools/%: tools/%.c lib/libsocdok.a $(LIB_HDR)
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< lib/libsocdok.a $(LDLIBS)

tools/fixture/%.o: tools/fixture/%.c tools/fixture/fixture.h $(LIB_HDR)
	$(E) "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

tools/socdok-fixture: $(FIXTURE_OBJ) lib/libsocdok.a
	$(E) "  CCLD    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(FIXTURE_OBJ) lib/libsocdok.a $(LDLIBS)

check: all
	tools/install-deps --check-test
	prove -j2 t/

check-sanitize:
	$(MAKE) clean
	$(MAKE) SAN=1 CFLAGS="-O1 -g" check
	$(MAKE) clean

valgrind: all
	SOCDOK_VALGRIND=1 prove t/

demo: all
	tools/demo

# Figures on the large synthetic municipality (bench/README.md).
bench: all
	bench/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/schema \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 755 tools/mail-digest $(DESTDIR)$(BINDIR)
	install -m 644 share/schema/*.sql $(DESTDIR)$(SHAREDIR)/schema
	for f in share/*; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(SHAREDIR); done; true
	for f in $(MANS); do case $$f in *.1) d=man1;; *) d=man7;; esac; \
	  install -m 644 $$f $(DESTDIR)$(MANDIR)/$$d; done

format:
	clang-format -i lib/*.c lib/*.h bin/*.c t/unit/*.c tools/*.c \
	  tools/fixture/*.c tools/fixture/*.h

clean:
	rm -f lib/*.o lib/libsocdok.a $(PROGS) $(UNITS) $(TOOLS) $(FIXTURE_OBJ)

.PHONY: all build deps-ok check check-sanitize valgrind demo bench install format clean
.SECONDARY: $(LIB_OBJ) $(FIXTURE_OBJ)
