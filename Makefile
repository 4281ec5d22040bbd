# framescope — a debugger that draws the real stack frames of a process.
# Plain GNU make.  `make demo` and `make check` do all the set-up.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
INSTALL ?= install

# Debian 12 packages everything is built and tested with.  `make deps`
# installs the missing ones when run as root.
DEB_PKGS = gcc gcc-multilib make pkg-config libelf-dev libdwarf-dev \
	   libunwind-dev libncurses-dev check libsubunit-dev libzydis-dev binutils-dev \
	   libjansson-dev libiberty-dev libc6-dbg gdb tmux elfutils mandoc \
	   binutils chromium-headless-shell libxml2-utils w3c-sgml-lib \
	   fonts-dejavu-core clang libclang-rt-14-dev llvm-14 zlib1g-dev

BUILD ?= build
PKGS = libelf libunwind-ptrace ncursesw jansson
# The instruction decoders, Zydis and libopcodes (gdb's and objdump's), are
# loaded by fs_insn.c with dlopen, by their sonames, when first needed:
# linked, their relocations would slow every start.
soname = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
ZYDIS_SONAME := $(call soname,libZydis.so)
OPCODES_SONAME := $(call soname,libopcodes.so)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
	      $(if $(ZYDIS_SONAME),-DFS_ZYDIS_SONAME='"$(ZYDIS_SONAME)"') \
	      $(if $(OPCODES_SONAME),-DFS_OPCODES_SONAME='"$(OPCODES_SONAME)"')
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# Debian 12's libdwarf-dev ships no .pc file; newer libdwarf releases do.
DWARF_CFLAGS := $(shell $(PKG_CONFIG) --cflags libdwarf 2>/dev/null || echo -I/usr/include/libdwarf)
DWARF_LIBS := $(shell $(PKG_CONFIG) --libs libdwarf 2>/dev/null || echo -ldwarf)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wwrite-strings -Wno-format-nonliteral
OPT ?= -O2 -g
FS_CFLAGS = -std=gnu11 -D_GNU_SOURCE -Iinclude $(WARN) $(OPT) \
	    $(if $(filter 1,$(WERROR)),-Werror) $(SAN) \
	    $(PKG_CFLAGS) $(DWARF_CFLAGS) -I/usr/include/libiberty $(CFLAGS)
# These libraries are linked from their static archives when the system
# has them (Debian's are position-independent): each shared library costs
# every start its mapping, relocations and symbol lookups, a good part of
# a short `framescope -p PID -ex bt`.  `make STATIC_LIBS=` links them all
# shared.  libunwind's archives are not PIC: it stays shared; libdwarf
# comes first, as it uses libelf.
STATIC_LIBS ?= dwarf elf jansson ncursesw tinfo z
static_lib = $(filter /%,$(shell $(CC) -print-file-name=lib$(1).a))
link_lib = $(or $(if $(filter $(patsubst -l%,%,$(1)),$(STATIC_LIBS)),$(call static_lib,$(patsubst -l%,%,$(1)))),$(1))
FS_LIBS := $(foreach l,$(DWARF_LIBS) $(PKG_LIBS) -liberty -lz -lm,$(if $(filter -l%,$(l)),$(call link_lib,$(l)),$(l)))
FS_LDFLAGS = $(SAN) $(LDFLAGS)

CORE_SRC = $(wildcard src/fs_*.c)
FRONT_SRC = $(filter-out src/main.c,$(wildcard src/cmd*.c src/batch*.c src/tui*.c src/view*.c))
CORE_OBJ = $(CORE_SRC:src/%.c=$(BUILD)/%.o)
FRONT_OBJ = $(FRONT_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard test/check_*.c)
TEST_OBJ = $(TEST_SRC:test/%.c=$(BUILD)/test/%.o)
# The fuzz targets (test/fuzz): linked into the tests, which replay their
# saved inputs, and into one libFuzzer binary each (`make fuzz').
FUZZ_SRC = $(filter-out test/fuzz/main.c test/fuzz/seed.c,$(wildcard test/fuzz/*.c))
FUZZ_OBJ = $(FUZZ_SRC:test/fuzz/%.c=$(BUILD)/fuzz/%.o)
# DWARF of two units, which the dwcache target caches (a file of one unit
# is never cached): built plain, as the samples are.
FUZZ_DATA = $(BUILD)/fuzz/twounits.so

LIB = $(BUILD)/libframescope.a
BIN = $(BUILD)/framescope
TESTBIN = $(BUILD)/check_framescope

.PHONY: all deps demo check check-run samples sanitize bench install \
	uninstall clean lint-man docs fuzz fuzz-build fuzz-run fuzz-corpus
.DEFAULT_GOAL := all

all: $(BIN)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h src/*.h)
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) -c -o $@ $<

# The page of a run has its script and style built in (.incbin).
$(BUILD)/view_html.o: src/view_html.js src/view_html.css

$(BUILD)/test/%.o: test/%.c $(wildcard include/*.h src/*.h test/*.h)
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) $(CHECK_CFLAGS) -Isrc -I$(BUILD)/test -c -o $@ $<

$(LIB): $(CORE_OBJ) $(FRONT_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/main.o $(LIB)
	$(CC) $(FS_LDFLAGS) -o $@ $^ $(FS_LIBS)

$(BUILD)/fuzz/%.o: test/fuzz/%.c $(wildcard include/*.h src/*.h test/fuzz/*.h)
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) -Isrc -DFUZZ_DATA_DIR='"$(abspath $(@D))"' -c -o $@ $<

$(BUILD)/fuzz/twounits.so: samples/values.c samples/square.c
	@mkdir -p $(@D)
	cc -g -O2 -shared -fPIC -Wl,--build-id -o $@ $^

# A seed of Rust's DWARF: the unit of samples/rust/values.rs alone.
$(BUILD)/fuzz/values-rs.o: samples/rust/values.rs
	@mkdir -p $(@D)
	MAKEFLAGS= rustc -g -C opt-level=0 --emit=obj -o $@ $<

$(TESTBIN): $(TEST_OBJ) $(FUZZ_OBJ) $(LIB) | $(FUZZ_DATA)
	$(CC) $(FS_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(FS_LIBS)

# Every `NAME_suite(void)` defined at the start of a line in test/check_*.c
# is run by check_main.c: adding a test file is all it takes.
$(BUILD)/test/suites.h: $(TEST_SRC)
	@mkdir -p $(@D)
	sed -n 's/^\([a-z_0-9]*_suite\)(void).*/SUITE(\1)/p' $(TEST_SRC) | sort -u > $@.tmp
	mv $@.tmp $@

$(TEST_OBJ): $(BUILD)/test/suites.h

# Installs what is missing (as root) or says exactly what to install.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	command -v rustc >/dev/null 2>&1 || missing="$$missing rustc"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "make deps: missing packages; as root run:"; \
	  echo "  apt-get install$$missing"; exit 1; \
	fi

samples:
	$(MAKE) -C samples

# On a terminal: the TUI on the textbook's example; else (`make demo |
# cat`, CI logs) the same walk in batch mode.
demo: deps
	$(MAKE) all samples
	@if [ -t 0 ] && [ -t 1 ]; then \
	  ./$(BIN) samples/bin/callee8-O0; \
	else \
	  ./$(BIN) --batch -x samples/demo.fs samples/bin/callee8-O0; \
	fi

check: deps
	$(MAKE) all samples $(TESTBIN)
	$(MAKE) check-run
	$(MAKE) fuzz-build
	$(MAKE) FUZZ_TIME=$(FUZZ_CHECK_TIME) fuzz-run

check-run:
	FRAMESCOPE=$(abspath $(BIN)) SAMPLES=$(abspath samples/bin) \
	  FUZZ=$(abspath test/fuzz) $(abspath $(TESTBIN))

sanitize: deps
	$(MAKE) BUILD=build-san SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" OPT="-O1 -g" all samples build-san/check_framescope
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MAKE) BUILD=build-san check-run

bench: deps
	$(MAKE) all samples $(BUILD)/bench_raw
	BUILD=$(BUILD) sh test/bench.sh

$(BUILD)/bench_raw: test/bench_raw.c
	@mkdir -p $(@D)
	$(CC) -O2 -D_GNU_SOURCE -o $@ $<

# Fuzzing with libFuzzer: each target of test/fuzz/ built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer into build-fuzz/, then
# run for FUZZ_TIME seconds (each), from the corpus in test/fuzz/corpus
# and what earlier runs added to build-fuzz/corpus.  An input that
# crashes, hangs (FUZZ_TIMEOUT seconds), leaks or upsets a sanitizer
# stops the run and is left in build-fuzz/crashes/TARGET: once fixed, it
# goes into test/fuzz/crashes/TARGET, which `make check' replays (and
# every fuzzing run starts with, sanitizers on).  `make check' runs each
# target for FUZZ_CHECK_TIME seconds.  FUZZ_FLAGS adds libFuzzer's own
# options: a long campaign that goes on past what it finds runs with
# FUZZ_FLAGS='-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1'.
FUZZ_TARGETS = elf dwarf dwcache loc cfi unwind cmd eval recfile
FUZZ_BUILD = build-fuzz
FUZZ_TIME ?= 60
FUZZ_CHECK_TIME ?= 7
FUZZ_TIMEOUT ?= 30
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined,fuzzer-no-link \
	   -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_ENV = SAMPLES=$(abspath samples/bin) \
	   ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	   UBSAN_OPTIONS=print_stacktrace=1 \
	   ASAN_SYMBOLIZER_PATH=$$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)

fuzz: deps
	$(MAKE) samples fuzz-build
	$(MAKE) fuzz-run

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SAN="$(FUZZ_SAN)" \
	  OPT="-O1 -g" $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

.PRECIOUS: $(BUILD)/fuzz/main-%.o
$(BUILD)/fuzz/main-%.o: test/fuzz/main.c test/fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) -DFUZZ_NAME='"$*"' -c -o $@ $<

$(BUILD)/fuzz_%: $(BUILD)/fuzz/main-%.o $(FUZZ_OBJ) $(LIB) | $(FUZZ_DATA)
	$(CC) $(FS_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(FS_LIBS)

fuzz-run: $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz-run-%:
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/crashes/$*
	@$(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$* -max_total_time=$(FUZZ_TIME) \
	  -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -print_final_stats=1 \
	  $(FUZZ_FLAGS) \
	  -artifact_prefix=$(FUZZ_BUILD)/crashes/$*/ \
	  $(FUZZ_BUILD)/corpus/$* test/fuzz/corpus/$* \
	  $(wildcard test/fuzz/crashes/$*) 2>$(FUZZ_BUILD)/fuzz-$*.log || \
	  { tail -n 60 $(FUZZ_BUILD)/fuzz-$*.log; \
	    echo "fuzz $*: failed; the input is in $(FUZZ_BUILD)/crashes/$*/"; \
	    exit 1; }
	@awk -v t=$* -v s=$(FUZZ_TIME) '/^stat::number_of_executed_units/ \
	  { n = $$2 } /^stat::new_units_added/ { a = $$2 } \
	  /^stat::peak_rss_mb/ { m = $$2 } \
	  /^#[0-9]+: cov: / { f = substr($$1, 2, length($$1) - 2); c = $$7 } \
	  END { if (n == "" && f != "") printf "fuzz %s: %s s, %s inputs " \
	  "run (-fork), %s in the corpus\n", t, s, f, c; else \
	  printf "fuzz %s: %s s, " \
	  "%s inputs run, %s new in %s/corpus/%s, %s MB\n", t, s, n, a, \
	  "$(FUZZ_BUILD)", t, m }' $(FUZZ_BUILD)/fuzz-$*.log

# The corpus made again from the samples (build/fuzz_seed) and what the
# fuzzers found since (build-fuzz/corpus), an input kept only when it
# reaches code no other reaches (libFuzzer's merge, by edges alone): the
# smallest corpus that covers as much.
fuzz-corpus: $(BUILD)/fuzz_seed
	$(MAKE) fuzz-build
	rm -rf $(FUZZ_BUILD)/seed
	SAMPLES=$(abspath samples/bin) $(BUILD)/fuzz_seed $(FUZZ_BUILD)/seed
	for t in $(FUZZ_TARGETS); do \
	  rm -rf $(FUZZ_BUILD)/merged/$$t; mkdir -p $(FUZZ_BUILD)/merged/$$t \
	    $(FUZZ_BUILD)/corpus/$$t test/fuzz/corpus/$$t; \
	  $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$t -merge=1 -use_counters=0 \
	    -timeout=$(FUZZ_TIMEOUT) $(FUZZ_BUILD)/merged/$$t \
	    $(FUZZ_BUILD)/seed/$$t test/fuzz/corpus/$$t \
	    $(FUZZ_BUILD)/corpus/$$t 2>$(FUZZ_BUILD)/merge-$$t.log || exit 1; \
	  rm -rf test/fuzz/corpus/$$t; \
	  mv $(FUZZ_BUILD)/merged/$$t test/fuzz/corpus/$$t; \
	done

$(BUILD)/fuzz_seed: $(BUILD)/fuzz/seed.o $(FUZZ_OBJ) $(LIB) | $(FUZZ_DATA) \
    $(BUILD)/fuzz/values-rs.o
	$(CC) $(FS_LDFLAGS) -o $@ $^ $(FS_LIBS)

install: $(BIN)
	$(INSTALL) -m 0755 -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/framescope
	$(INSTALL) -m 0644 man/framescope.1 $(DESTDIR)$(MANDIR)/man1/framescope.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/framescope $(DESTDIR)$(MANDIR)/man1/framescope.1

# Headless Chromium draws the pictures of doc/ and the tests' pages: no
# network, a profile of its own.
CHROMIUM = $(firstword $(shell command -v chromium-headless-shell chromium 2>/dev/null))
CHROMIUM_RUN = $(CHROMIUM) --headless --no-sandbox --disable-gpu \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --disable-extensions --hide-scrollbars \
	--no-proxy-server --host-resolver-rules='MAP * ~NOTFOUND' \
	--user-data-dir=$(abspath $(BUILD))/chromium-profile
# Run framescope on a sample with an environment of its own, so that the
# stack addresses in the pictures depend on the checkout's path alone.
DOCS_FS = env -i PATH=/usr/bin:/bin LANG=C.UTF-8 ./$(BIN) --batch

# The pictures the README shows, made again, with the two commands a
# teacher types: the textbook's callee frame (samples/callee8.c) at the
# moment the article draws it, after its prologue copied arg6 into the red
# zone, as SVG (and PNG), in a run from main's first instruction to the
# return into the C library, a step an instruction, written with --dump
# and made a page, shown at that moment too.
docs: deps
	$(MAKE) all samples
	@mkdir -p $(BUILD)
	$(DOCS_FS) --dump $(BUILD)/callee8.jsonl -ex 'break *main' -ex run \
	  -ex 'stepi 22' -ex 'frames --svg doc/callee8-frame.svg 2' \
	  -ex 'stepi 9' samples/bin/callee8-O0 >/dev/null
	./$(BIN) --html $(BUILD)/callee8.jsonl -o doc/callee8.html
	size=$$(sed -n 's/^<svg .* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' doc/callee8-frame.svg); \
	  $(CHROMIUM_RUN) --window-size=$$size --screenshot=doc/callee8-frame.png \
	  "file://$(abspath doc/callee8-frame.svg)" 2>/dev/null
	$(CHROMIUM_RUN) --window-size=1600,1000 --screenshot=doc/callee8-page.png \
	  "file://$(abspath doc/callee8.html)#step=23" 2>/dev/null

lint-man:
	mandoc -Tlint -Wwarning man/framescope.1

clean:
	rm -rf build build-san build-fuzz
	$(MAKE) -C samples clean
