# vanban - one Makefile: build, fonts, samples, tests, sanitizers, bench.
#   make run     install what is missing, build, render samples/ to out/
#   make test    build and run every test (unit, golden, end-to-end)
#   make asan    the tests again under AddressSanitizer + UBSan
#   make layers  no file includes a higher stage or another folder's private header
#   make install [PREFIX=/usr/local] [DESTDIR=] [FONTS_INSTALL=link|copy], make uninstall
#   make po-update  the message catalog po/vanban.pot from the sources, merged into po/vi.po
CC      ?= cc
CFLAGS  ?= -O2 -g
# Flags the code needs, kept apart from CFLAGS so that `make CFLAGS=...`
# (sanitizers, fuzzing) adds to them instead of replacing them.
VB_CFLAGS = $(shell pkg-config --cflags harfbuzz 2>/dev/null) -std=c11 -D_POSIX_C_SOURCE=200809L \
            -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -MMD -MP
# The libraries Debian also ships as archives (.a) are linked into the
# program: a run then maps and relocates seven shared objects fewer (the
# two-page notice 1.5 ms faster, vanban --version 3.1 ms to 2.2 ms). libharu
# and HarfBuzz come only as shared objects, and bring libpng and zlib with
# them, so those stay shared too; so does libcrypto, which libp11 (keys on
# tokens) shares with the program. `make LINK=shared` links everything as
# shared objects.
LINK    ?= static
ARCHIVE_LIBS = -lcmark-gfm-extensions -lcmark-gfm -lyaml -lutf8proc -ljpeg -lsqlite3 -ldeflate
SHARED_LIBS  = -lhpdf -lharfbuzz-subset -lharfbuzz -lcrypto -lp11 -lqrencode -lpng -lz -lm
ifeq ($(LINK),static)
LIBS     = -Wl,-Bstatic $(ARCHIVE_LIBS) -Wl,-Bdynamic $(SHARED_LIBS)
else
LIBS     = $(ARCHIVE_LIBS) $(SHARED_LIBS)
endif
BUILD   ?= build
BIN     ?= vanban

SRC      = $(filter-out src/app/main.c,$(wildcard src/*/*.c))
OBJ      = $(SRC:src/%.c=$(BUILD)/%.o)
FONTS    = $(addprefix fonts/LiberationSerif-,Regular.ttf Bold.ttf Italic.ttf BoldItalic.ttf)
FONTSRC  = /usr/share/fonts/truetype/liberation2
UNIT     = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))
SAMPLES  = $(wildcard samples/*.yaml samples/*.md)
# The Vietnamese messages, compiled from po/vi.po beside the templates
# (the data directory: in the source tree, this one).
MO       = locale/vi/LC_MESSAGES/vanban.mo

# Debian packages the build, the tests and the samples need.
DEB_BUILD = build-essential pkg-config libhpdf-dev libcmark-gfm-dev \
            libcmark-gfm-extensions-dev libyaml-dev libutf8proc-dev libcmocka-dev libharfbuzz-dev libssl-dev libpng-dev libjpeg62-turbo-dev libsqlite3-dev libmicrohttpd-dev libqrencode-dev libp11-dev zlib1g-dev libdeflate-dev \
            fonts-liberation2 gettext
DEB_TEST  = poppler-utils qpdf valgrind libxml2-utils sqlite3 clang locales groff-base man-db python3 curl openssl zbar-tools softhsm2 opensc \
            python3-docx libreoffice-writer-nogui

# make install: the program in $(PREFIX)/bin, its data (templates/, fonts/,
# locale/ when built, web/ for vanban serve) in $(PREFIX)/share/vanban, where the program finds it
# from its own place (<exe>/../share/vanban), the manual pages (English,
# and Vietnamese under man/vi) and the guides in $(PREFIX)/share/doc/vanban.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/vanban
MANDIR   = $(PREFIX)/share/man
DOCDIR   = $(PREFIX)/share/doc/vanban
# link: the faces fonts-liberation2 has are installed as links to Debian's
# files (one copy on the machine, security updates reach them; the package
# must stay installed). copy: copies, for a prefix moved to another
# machine. Faces of your own in fonts/ are copied either way.
FONTS_INSTALL ?= link
# The message catalogs as built (locale/LANG/LC_MESSAGES/vanban.mo), when
# they are.
LOCALE  ?= locale
# What install put, one path (without DESTDIR) a line; uninstall reads it.
MANIFEST = $(DATADIR)/installed-files

.PHONY: install uninstall po-update fuzz-run all run test check layers unit e2e golden golden-update asan valgrind werror fuzz bench deps clean

all: $(BIN) $(FONTS) $(MO)

$(BIN): $(BUILD)/app/main.o $(OBJ)
	$(CC) $(VB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(VB_CFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

# Fonts come from Debian's fonts-liberation2 (SIL OFL); never committed.
fonts/%.ttf:
	@mkdir -p fonts
	@test -f $(FONTSRC)/$*.ttf || { echo "missing $(FONTSRC)/$*.ttf: run 'make deps'"; exit 1; }
	cp $(FONTSRC)/$*.ttf $@

# The catalog: msgfmt -c checks that every translation takes the same
# printf arguments as its English text, and the header.
$(MO): po/vi.po
	@mkdir -p $(dir $@)
	@command -v msgfmt >/dev/null || { echo "missing msgfmt: run 'make deps'"; exit 1; }
	msgfmt -c -o $@ po/vi.po

# After a message is added or changed in src/: the template again, merged
# into the translation (new messages untranslated, changed ones fuzzy, to
# be translated in po/vi.po; make test fails until they are).
po-update:
	po/extract.sh po/vanban.pot
	msgmerge -q --no-wrap --update --backup=none po/vi.po po/vanban.pot
	msgattrib --no-obsolete --no-wrap -o po/vi.po po/vi.po
	@msgfmt -c --statistics -o /dev/null po/vi.po

# Installs the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Each file installed is named in the manifest, so that uninstall removes
# what this install put and nothing else.
install: all
	@set -e; test "$(FONTS_INSTALL)" = link -o "$(FONTS_INSTALL)" = copy || \
	  { echo "FONTS_INSTALL is link or copy"; exit 2; }; \
	list="$(DESTDIR)$(MANIFEST).tmp"; mkdir -p "$(DESTDIR)$(DATADIR)/fonts"; : > "$$list"; \
	put() { install -D -m $$1 "$$2" "$(DESTDIR)$$3"; echo "$$3" >> "$$list"; }; \
	put 755 $(BIN) $(BINDIR)/vanban; \
	for f in $$(find templates web -type f | LC_ALL=C sort); do put 644 "$$f" "$(DATADIR)/$$f"; done; \
	if [ -d "$(LOCALE)" ]; then \
	  for f in $$(cd "$(LOCALE)" && find . -type f | LC_ALL=C sort); do \
	    put 644 "$(LOCALE)/$${f#./}" "$(DATADIR)/locale/$${f#./}"; done; \
	fi; \
	for f in fonts/*.ttf fonts/*.otf; do \
	  [ -f "$$f" ] || continue; \
	  if [ "$(FONTS_INSTALL)" = link ] && cmp -s "$$f" "$(FONTSRC)/$${f#fonts/}"; then \
	    ln -sfn "$(FONTSRC)/$${f#fonts/}" "$(DESTDIR)$(DATADIR)/$$f"; echo "$(DATADIR)/$$f" >> "$$list"; \
	  else put 644 "$$f" "$(DATADIR)/$$f"; fi; \
	done; \
	for f in $$(find docs -type f -name '*.md' | LC_ALL=C sort); do \
	  put 644 "$$f" "$(DOCDIR)/$${f#docs/}"; done; \
	put 644 man/vanban.1 $(MANDIR)/man1/vanban.1; \
	put 644 man/vi/vanban.1 $(MANDIR)/vi/man1/vanban.1; \
	echo "$(MANIFEST)" >> "$$list"; mv "$$list" "$(DESTDIR)$(MANIFEST)"; \
	echo "installed vanban in $(DESTDIR)$(PREFIX) ($$(wc -l < "$(DESTDIR)$(MANIFEST)") files)"

# The files of the manifest, then the folders of share/vanban,
# share/doc/vanban and share/man/vi that are left empty (bin/ and man1/
# are shared: kept).
uninstall:
	@set -e; m="$(DESTDIR)$(MANIFEST)"; \
	test -f "$$m" || { echo "nothing to uninstall: no $$m"; exit 1; }; \
	while read -r f; do rm -f "$(DESTDIR)$$f"; done < "$$m"; \
	for d in "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"; do \
	  [ ! -d "$$d" ] || find "$$d" -depth -type d -empty -delete; done; \
	for d in "$(DESTDIR)$(MANDIR)/vi/man1" "$(DESTDIR)$(MANDIR)/vi"; do \
	  rmdir "$$d" 2>/dev/null || true; done; \
	echo "removed vanban from $(DESTDIR)$(PREFIX)"

run: deps
	$(MAKE) all
	@mkdir -p out
	@for s in $(SAMPLES); do \
	  o=out/$$(basename $${s%.*}).pdf; ./vanban render $$s -o $$o && echo "rendered $$o"; \
	done

$(BUILD)/tests/%: tests/unit/%.c $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(VB_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(OBJ) $(LIBS) -lcmocka

test: deps
	$(MAKE) all $(UNIT)
	@tests/run.sh $(UNIT)

check: test

# The includes against the stages (base < input < typeset < output < app);
# make test runs it too, as tests/e2e/layers.sh.
layers:
	@sh tests/layers.sh

golden-update: all
	@tests/golden.sh update

# The same tests with AddressSanitizer (and LeakSanitizer) and UBSan: the
# program is built as build-asan/vanban, the tests run against it.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/vanban CFLAGS="$(ASAN_FLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" build-asan/vanban $(FONTS) $(MO) \
	  $(patsubst $(BUILD)/%,build-asan/%,$(UNIT))
	@ASAN_OPTIONS=detect_leaks=1 VANBAN=$(CURDIR)/build-asan/vanban \
	  tests/run.sh $(patsubst $(BUILD)/%,build-asan/%,$(UNIT))

# Still-reachable blocks are not counted: GLib (under HarfBuzz) keeps its
# type tables for the life of the process.
valgrind: all
	@for s in $(SAMPLES); do \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
	    ./vanban render $$s -o /tmp/vanban-valgrind.pdf || exit 1; \
	done; echo "valgrind: no errors, no leaks"

# libFuzzer targets (clang): every parser we own, through the whole pipeline.
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
FUZZERS    = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	$(MAKE) CC=clang BUILD=build-fuzz CFLAGS="$(FUZZ_FLAGS)" $(FUZZERS) $(FONTS)
	@echo "run e.g.: build-fuzz/fuzz_document -max_total_time=60 tests/fuzz/corpus"

# Every target in turn, FUZZ_SECONDS each (default 420), as a table.
fuzz-run: fuzz
	@tests/fuzz/run.sh

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(OBJ)
	$(CC) $(VB_CFLAGS) $(CFLAGS) -fsanitize=fuzzer,address,undefined -Isrc -o $@ $^ $(LIBS)

# The program and the unit tests with every warning an error, on gcc and clang.
werror:
	$(MAKE) BUILD=build-gcc BIN=build-gcc/vanban CC=gcc CFLAGS="-O2 -Werror" build-gcc/vanban \
	  $(patsubst $(BUILD)/%,build-gcc/%,$(UNIT))
	$(MAKE) BUILD=build-clang BIN=build-clang/vanban CC=clang CFLAGS="-O2 -Werror" build-clang/vanban \
	  $(patsubst $(BUILD)/%,build-clang/%,$(UNIT))
	@echo "gcc and clang: no warnings"

bench: all
	@bench/run.sh
	@bench/scaling.sh
	@bench/hostile.sh
	@bench/memory.sh

clean:
	rm -rf build build-asan build-fuzz build-gcc build-clang vanban out locale

-include $(OBJ:.o=.d) $(BUILD)/app/main.d
