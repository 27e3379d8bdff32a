# vanban - one Makefile: build, fonts, samples, tests, sanitizers, bench.
#   make run     install what is missing, build, render samples/ to out/
#   make test    build and run every test (unit, golden, end-to-end)
#   make asan    the tests again under AddressSanitizer + UBSan
#   make layers  no file includes a higher stage or another folder's private header
CC      ?= cc
CFLAGS  ?= -O2 -g
# Flags the code needs, kept apart from CFLAGS so that `make CFLAGS=...`
# (sanitizers, fuzzing) adds to them instead of replacing them.
VB_CFLAGS = $(shell pkg-config --cflags harfbuzz 2>/dev/null) -std=c11 -D_POSIX_C_SOURCE=200809L \
            -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -MMD -MP
LIBS     = -lhpdf -lcmark-gfm -lcmark-gfm-extensions -lyaml -lutf8proc -lharfbuzz-subset -lharfbuzz -lcrypto -lpng -ljpeg -lsqlite3 -lz -lm
BUILD   ?= build
BIN     ?= vanban

SRC      = $(filter-out src/app/main.c,$(wildcard src/*/*.c))
OBJ      = $(SRC:src/%.c=$(BUILD)/%.o)
FONTS    = $(addprefix fonts/LiberationSerif-,Regular.ttf Bold.ttf Italic.ttf BoldItalic.ttf)
FONTSRC  = /usr/share/fonts/truetype/liberation2
UNIT     = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))
SAMPLES  = $(wildcard samples/*.yaml samples/*.md)

# Debian packages the build, the tests and the samples need.
DEB_BUILD = build-essential pkg-config libhpdf-dev libcmark-gfm-dev \
            libcmark-gfm-extensions-dev libyaml-dev libutf8proc-dev libcmocka-dev libharfbuzz-dev libssl-dev libpng-dev libjpeg62-turbo-dev libsqlite3-dev zlib1g-dev \
            fonts-liberation2
DEB_TEST  = poppler-utils qpdf valgrind libxml2-utils sqlite3 clang locales \
            python3-docx libreoffice-writer-nogui

.PHONY: fuzz-run all run test check layers unit e2e golden golden-update asan valgrind werror fuzz bench deps clean

all: $(BIN) $(FONTS)

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
	  LDFLAGS="-fsanitize=address,undefined" build-asan/vanban $(FONTS) \
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

clean:
	rm -rf build build-asan build-fuzz build-gcc build-clang vanban out

-include $(OBJ:.o=.d) $(BUILD)/app/main.d
