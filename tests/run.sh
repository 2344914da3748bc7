#!/usr/bin/env bash
# run.sh — runs every test under each build given, and closes with ONE line,
# "N passed, N failed", that CI reads; exits non-zero on any failure.
#
#   tests/run.sh BUILD_DIR...        (make check: tests/run.sh build build/asan)
#
# Under each BUILD_DIR it runs:
#   - every unit test program BUILD_DIR/tests/test_*      (its own counts)
#   - safepath rules check rules/federal                  (one test)
#   - safepath rules test rules/federal                   (its own counts)
#   - every tests/cli/test_*.sh against BUILD_DIR/safepath      (its own counts)
#   - every fuzz target's corpus replay BUILD_DIR/replay/fuzz_NAME over
#     fuzz/corpus/NAME/                                   (one test each)
# and once, under the first BUILD_DIR only (the release build in make check):
#   - the browser tests, node tests/web/browser.mjs BUILD_DIR/safepath,
#     screenshots in BUILD_DIR/screenshots/              (its own counts)
# A program that prints "N passed, N failed" adds those counts; one that does not
# counts as one test, passed when it exits 0. A program that exits non-zero while
# reporting no failure (a crash, a sanitizer report, a coverage gap) adds one
# failure, so nothing that went wrong can disappear from the total.
set -u

cd "$(dirname "$0")/.." || exit 1

if [ $# -eq 0 ]; then
	echo "usage: tests/run.sh BUILD_DIR..." >&2
	exit 2
fi

# Messages and the counted lines are English; a worker's own setting must not
# change what this script parses.
unset SAFEPATH_LANG
export LC_ALL=C
# A sanitizer report must not pass for one of safepath's own exit statuses
# (1 and 2 are part of its contract), hence the unusual exit code.
export ASAN_OPTIONS=detect_leaks=1:exitcode=86:check_initialization_order=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86

TIMEOUT=${TEST_TIMEOUT:-900}   # seconds for one program; a hang is a failure
total_pass=0
total_fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_test LABEL COMMAND... — runs one program, adds its counts, prints one line.
run_test() {
	local label=$1
	shift
	timeout "$TIMEOUT" "$@" >"$log" 2>&1
	local rc=$?
	local line p f
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
		fi
	elif [ "$rc" -eq 0 ]; then
		p=1 f=0
	else
		p=0 f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	if [ "$f" -eq 0 ]; then
		printf 'ok    %-58s %s\n' "$label" "${line:-exit 0}"
	else
		printf 'FAIL  %-58s %s (exit %d)\n' "$label" "${line:-}" "$rc"
		# The end of the output, where the failures and sanitizer reports are.
		tail -n 60 "$log" | sed 's/^/    | /'
	fi
}

for b in "$@"; do
	echo "== $b"
	bin=$b/safepath
	if [ ! -x "$bin" ]; then
		echo "FAIL  $bin is missing (build it first)"
		total_fail=$((total_fail + 1))
		continue
	fi

	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		run_test "$t" "$t"
	done

	run_test "$bin rules check rules/federal" "$bin" rules check rules/federal
	run_test "$bin rules test rules/federal" "$bin" rules test rules/federal
	run_test "$bin rules check rules/continuum" "$bin" rules check rules/continuum
	run_test "$bin rules test rules/continuum" "$bin" rules test rules/continuum

	for s in tests/cli/test_*.sh; do
		[ -f "$s" ] || continue
		run_test "$s $bin" bash "$s" "$bin"
	done

	for r in "$b"/replay/fuzz_*; do
		[ -x "$r" ] || continue
		name=${r##*/fuzz_}
		if [ ! -d "fuzz/corpus/$name" ]; then
			echo "FAIL  $r: no corpus fuzz/corpus/$name"
			total_fail=$((total_fail + 1))
			continue
		fi
		run_test "$r fuzz/corpus/$name" "$r" "fuzz/corpus/$name"
	done
done

# The browser tests run against the first build only. They check what the pages
# do in chromium (contract, language, quick exit, accessibility), which is the
# same in every build; the server's memory safety is checked under the
# sanitizers by the unit, robustness and fuzz tests above, and driving the
# slower ASan server as well would double a run of about a minute for nothing new.
web_bin=$1/safepath
if [ -x "$web_bin" ]; then
	echo "== browser ($web_bin)"
	if [ ! -d tests/web/node_modules/playwright-core ]; then
		echo "FAIL  tests/web/node_modules is missing (make check runs npm ci --prefix tests/web)"
		total_fail=$((total_fail + 1))
	else
		run_test "tests/web/browser.mjs $web_bin" \
			env SCREENSHOTS="${SCREENSHOTS:-$1/screenshots}" node tests/web/browser.mjs "$web_bin"
	fi
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
