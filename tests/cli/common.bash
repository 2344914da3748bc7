# common.bash — helpers shared by the command-line tests (sourced, not run).
#
# Each test runs the safepath binary with `sp ARGS...` (stdin from $IN, or
# /dev/null), which leaves the exit status in $rc and the output in the files
# $OUT and $ERR; the expect_* helpers then count a pass or a failure.
# `finish` prints "N passed, N failed" and sets the script's exit status.

pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out
ERR=$TMP/err
IN=/dev/null

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*" >&2
	if [ -s "$ERR" ]; then sed 's/^/  stderr| /' "$ERR" | head -n 8 >&2; fi
}

sp() {
	"$BIN" "$@" >"$OUT" 2>"$ERR" <"$IN"
	rc=$?
}

# expect_rc WANT WHAT
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok; else bad "$2: exit status $rc, expected $1"; fi
}
# expect_err_has TEXT WHAT / expect_err_lacks TEXT WHAT (fixed strings)
expect_err_has() {
	if grep -qF -- "$1" "$ERR"; then ok; else bad "$2: stderr does not mention '$1'"; fi
}
expect_err_lacks() {
	if grep -qF -- "$1" "$ERR"; then bad "$2: stderr repeats '$1'"; else ok; fi
}
expect_out_has() {
	if grep -qF -- "$1" "$OUT"; then ok; else bad "$2: stdout does not contain '$1'"; fi
}
expect_err_empty() {
	if [ -s "$ERR" ]; then bad "$1: unexpected output on stderr"; else ok; fi
}
# expect_eq GOT WANT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', expected '$2'"; fi
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
