# safepath — GNU make. docs/internals/build.md explains the layout.
#
#   make / make build   build/safepath
#   make deps           install missing Debian packages (deps/debian-packages.txt)
#   make run            deps, build, create $(O)/safepath.db with the seed directory if
#                       missing, then `safepath serve` on 127.0.0.1:8080 until Ctrl-C
#                       (RUN_LISTEN=HOST:PORT, RUN_DB=FILE to change them)
#   make demo           deps, build, then the command-line demonstration on data/samples
#   make check          deps, ajv (npm ci in tests/hsds), Playwright and axe-core
#                       (npm ci in tests/web), normal + sanitizer builds,
#                       tests/run.sh under both (browser tests: normal build only)
#   make fuzz           libFuzzer runs (FUZZ_SECONDS=60, FUZZ_MERGE=1 to keep finds,
#                       FUZZ_TARGETS="form ..." for some targets only)
#   make bench          bench/ at -O2, prints figures (BENCH_WEB=0: without the web bench)
#   make clean
#
# One set of rules serves three build variants, chosen with VARIANT; each has its own
# tree so they never share an object or a generated file and can be built one after
# the other (or in separate shells) without races:
#   release  build/        gcc, the conventions' flags (-O2, _FORTIFY_SOURCE=3)
#   asan     build/asan/   gcc, -O1 with AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz     build/fuzz/   clang with libFuzzer, for `make fuzz` only
# The top-level targets run the variants through sub-makes.

.SUFFIXES:
.DELETE_ON_ERROR:
SHELL := /bin/sh

VERSION := 0.1.0
VARIANT ?= release
# O: where the build trees go (build/ by default; O=/tmp/x keeps a second tree apart).
O ?= build

HOSTCC  ?= cc
CLANG   ?= clang
AWK     ?= awk
AR      ?= ar
FUZZ_SECONDS ?= 60
FUZZ_MERGE   ?= 0

WARN := -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wshadow \
        -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla -Wpointer-arith \
        -Wcast-qual -Wwrite-strings -Wundef -Wimplicit-fallthrough
HARDEN := -fstack-protector-strong -fPIE
SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

ifeq ($(VARIANT),release)
B       := $(O)
VCC     := $(CC)
VCFLAGS := $(WARN) -O2 -g $(HARDEN) -D_FORTIFY_SOURCE=3
VLDFLAGS := -pie -Wl,-z,relro,-z,now
else ifeq ($(VARIANT),asan)
B       := $(O)/asan
VCC     := $(CC)
# No _FORTIFY_SOURCE here: its checked string functions bypass the sanitizer's
# interceptors, so ASan would see less.
VCFLAGS := $(WARN) -O1 -g $(HARDEN) $(SAN)
VLDFLAGS := -pie $(SAN)
else ifeq ($(VARIANT),fuzz)
B       := $(O)/fuzz
VCC     := $(CLANG)
# gcc is the compiler that gates warnings (-Werror above); clang 14 has a different
# warning set and must not stop a fuzzing session over a style difference.
VCFLAGS := $(filter-out -Werror,$(WARN)) -O1 -g -fno-omit-frame-pointer \
           -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
VLDFLAGS := -fsanitize=fuzzer,address,undefined
else
$(error VARIANT must be release, asan or fuzz)
endif

# Quiet by default: one line per step. `make V=1` shows the full commands.
V ?= 0
ifeq ($(V),0)
Q   := @
msg  = @printf '  %-7s %s\n' '$(1)' '$(2)'
else
Q   :=
msg  =
endif

CPPFLAGS := -Isrc
DEPFLAGS  = -MMD -MP -MF $(@:.o=.d)
LDLIBS   := -lmicrohttpd -lsodium -lsqlite3 -lpthread -lm

# ---- sources -------------------------------------------------------------------

# Everything under src/ except files meant only for tests or fuzzing.
SRC      := $(sort $(shell find src -name '*.c' -type f))
SRC      := $(filter-out %/test_%.c %/fuzz_%.c,$(SRC))
MAIN_SRC := src/cli/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(SRC))

PO_FILES    := $(sort $(wildcard po/*.fr.po))
RULES_FILES := $(sort $(wildcard rules/federal/*.rules rules/federal/*.test))
CONT_FILES  := $(sort $(wildcard rules/continuum/*.rules rules/continuum/*.test))
GEN_SRC     := $(B)/gen/i18n_table.c $(B)/gen/embedded_rules.c $(B)/gen/embedded_continuum.c \
               $(B)/gen/directory_schema.c
# The training scenarios (safepath train), embedded the way the rule files are.
TRAIN_FILES := $(sort $(wildcard data/training/*.json))
GEN_SRC     += $(B)/gen/embedded_training.c
# The directory's needs vocabulary and researched seed entries (data/directory/).
GEN_SRC     += $(B)/gen/embedded_needs.c $(B)/gen/embedded_seed.c
# The web application's /static/ files (src/web/static.c serves them from memory).
STATIC_FILES := $(sort $(wildcard src/web/static/*))
GEN_SRC     += $(B)/gen/embedded_static.c

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst fuzz/fuzz_%.c,%,$(FUZZ_SRC))
# make fuzz FUZZ_TARGETS="form query" runs only those targets.
FUZZ_TARGETS ?= $(FUZZ_NAMES)

obj = $(patsubst %.c,$(B)/obj/%.o,$(1))

LIB_OBJ  := $(call obj,$(LIB_SRC)) $(patsubst $(B)/gen/%.c,$(B)/obj/gen/%.o,$(GEN_SRC))
MAIN_OBJ := $(call obj,$(MAIN_SRC))
LIB      := $(B)/libsafepath.a
BIN      := $(B)/safepath

UNIT_BINS   := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
JSONCHECK   := $(B)/tests/jsoncheck
REPLAY_BINS := $(addprefix $(B)/replay/fuzz_,$(FUZZ_NAMES))
FUZZ_BINS   := $(addprefix $(B)/fuzz_,$(FUZZ_NAMES))
EMBED       := $(B)/tools/embed
BENCH_BIN   := $(B)/bench/bench_eval $(B)/bench/bench_directory

# ---- top-level targets -----------------------------------------------------------

.PHONY: all build deps run demo check fuzz bench clean testbins fuzzbins

all: build
build: $(BIN)

# Scripts are run through their shell: their modes are not relied on (an archive
# or a copy may drop them).
deps:
	sh tools/install-deps.sh deps/debian-packages.txt

# Recipe lines run in order, so deps is complete before anything compiles even
# under make -j; each sub-make builds its own variant in parallel.
# The web application on the seed directory: `serve` creates RUN_DB with the
# seed entries when it is missing, then prints its address ("safepath: serving
# on http://...") once it listens; Ctrl-C stops it.
RUN_DB     ?= $(O)/safepath.db
RUN_LISTEN ?= 127.0.0.1:8080
run: deps
	$(MAKE) --no-print-directory build
	@echo "Open the address below in a browser. Ctrl-C stops the server."
	$(BIN) serve --db '$(RUN_DB)' --listen '$(RUN_LISTEN)'

demo: deps
	$(MAKE) --no-print-directory build
	sh tools/demo.sh $(BIN)

check: deps
	$(MAKE) --no-print-directory $(HSDS_NPM) $(WEB_NPM)
	$(MAKE) --no-print-directory VARIANT=release testbins
	$(MAKE) --no-print-directory VARIANT=asan testbins
	bash tests/run.sh $(O) $(O)/asan

# ajv, the JSON Schema validator of the HSDS export test, from the lock file
# (npm's cache serves it offline once fetched); after deps, which installs npm.
# npm ci rewrites the stamp, so a changed lock file reinstalls.
HSDS_NPM := tests/hsds/node_modules/.package-lock.json
$(HSDS_NPM): tests/hsds/package.json tests/hsds/package-lock.json
	npm ci --prefix tests/hsds --prefer-offline --no-audit --no-fund

# playwright-core and axe-core for the browser tests (tests/web/browser.mjs), the
# same way; the browser itself is Debian's chromium (deps), never a download.
WEB_NPM := tests/web/node_modules/.package-lock.json
$(WEB_NPM): tests/web/package.json tests/web/package-lock.json
	npm ci --prefix tests/web --prefer-offline --no-audit --no-fund

testbins: $(BIN) $(UNIT_BINS) $(JSONCHECK) $(REPLAY_BINS)

# bench/web.sh (wrk against `safepath serve` on bench_directory's 100,000 services,
# and nginx serving the same pages) runs last; BENCH_WEB=0 skips it.
BENCH_WEB ?= 1
bench:
	sh tools/install-deps.sh --bench deps/debian-packages.txt
	$(MAKE) --no-print-directory VARIANT=release $(BENCH_BIN) $(if $(filter-out 0,$(BENCH_WEB)),$(BIN))
	$(B)/bench/bench_eval
	$(B)/bench/bench_directory $(BENCH_DIRECTORY_ARGS)
	$(if $(filter-out 0,$(BENCH_WEB)),bash bench/web.sh $(B))

# libFuzzer writes new inputs into the first folder it is given; keeping them in
# build/ leaves the committed corpus alone unless FUZZ_MERGE=1 asks for a merge,
# which adds only the inputs that bring new coverage.
fuzz:
	$(MAKE) --no-print-directory VARIANT=fuzz $(addprefix $(O)/fuzz/fuzz_,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(O)/fuzz/new/$$t $(O)/fuzz/artifacts; \
	  dict=; if [ -f fuzz/$$t.dict ]; then dict=-dict=fuzz/$$t.dict; fi; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(O)/fuzz/fuzz_$$t $$dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(O)/fuzz/artifacts/$$t- \
	    $(O)/fuzz/new/$$t fuzz/corpus/$$t; \
	  if [ "$(FUZZ_MERGE)" = 1 ]; then \
	    $(O)/fuzz/fuzz_$$t -merge=1 fuzz/corpus/$$t $(O)/fuzz/new/$$t; \
	  fi; \
	done

fuzzbins: $(FUZZ_BINS)

clean:
	rm -rf build

# ---- generated sources -----------------------------------------------------------

# LC_ALL=C: po2c.awk sorts in byte order for i18n_get's binary search. The include
# path goes through -Isrc so the file compiles from build/gen and build/asan/gen.
# The folders are prerequisites too: adding or removing a file changes the folder's
# time, so a new .po or rule file regenerates even though the list was read earlier.
$(B)/gen/i18n_table.c: $(PO_FILES) tools/po2c.awk po
	@mkdir -p $(@D)
	$(call msg,PO2C,$@)
	$(Q)LC_ALL=C $(AWK) -v include=base/i18nInt.h -f tools/po2c.awk $(PO_FILES) > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_rules.c: $(RULES_FILES) $(EMBED) rules/federal
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_federal rules/federal $(RULES_FILES) > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_continuum.c: $(CONT_FILES) $(EMBED) rules/continuum
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_continuum rules/continuum $(CONT_FILES) > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_training.c: $(TRAIN_FILES) $(EMBED) data/training
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_training data/training $(TRAIN_FILES) > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_needs.c: data/directory/needs.json $(EMBED)
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_needs data/directory data/directory/needs.json > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_seed.c: data/directory/seed.json $(EMBED)
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_seed data/directory data/directory/seed.json > $@.tmp
	$(Q)mv $@.tmp $@

$(B)/gen/embedded_static.c: $(STATIC_FILES) $(EMBED) src/web/static
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) embedded_static static $(STATIC_FILES) > $@.tmp
	$(Q)mv $@.tmp $@

# The directory's migrations, in order (one file per schema version).
DIR_SCHEMA := src/directory/schema.sql
$(B)/gen/directory_schema.c: $(DIR_SCHEMA) $(EMBED)
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) directory_schema src/directory $(DIR_SCHEMA) > $@.tmp
	$(Q)mv $@.tmp $@

# The small rule set fuzz_rules loads the fuzzer's test files against.
$(B)/gen/fuzz_mini.c: fuzz/mini.rules $(EMBED)
	@mkdir -p $(@D)
	$(call msg,EMBED,$@)
	$(Q)$(EMBED) fuzz_mini fuzz fuzz/mini.rules > $@.tmp
	$(Q)mv $@.tmp $@

$(EMBED): tools/embed.c
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$@)
	$(Q)$(HOSTCC) $(WARN) -O2 -o $@ $<

# ---- compile and link ------------------------------------------------------------

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(VCC) $(CPPFLAGS) $(VCFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(VCC) $(CPPFLAGS) $(VCFLAGS) $(DEPFLAGS) -c $< -o $@

# An archive lets each program pull in only the modules it uses.
$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call msg,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: $(B)/obj/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)

$(JSONCHECK): $(B)/obj/tests/cli/jsoncheck.o $(LIB)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/replay/fuzz_%: $(B)/obj/fuzz/fuzz_%.o $(B)/obj/fuzz/replay.o $(LIB)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bench/%: $(B)/obj/bench/%.o $(LIB)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/replay/fuzz_rules $(B)/fuzz_rules: $(B)/obj/gen/fuzz_mini.o

ifeq ($(VARIANT),fuzz)
$(B)/fuzz_%: $(B)/obj/fuzz/fuzz_%.o $(LIB)
	$(call msg,LINK,$@)
	$(Q)$(VCC) $(VLDFLAGS) -o $@ $^ $(LDLIBS)
endif

# Keep objects that pattern chains produce.
.SECONDARY:

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
