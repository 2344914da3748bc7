#!/usr/bin/env bash
# test_rules.sh — `safepath rules check DIR` and `safepath rules test DIR`:
# exit statuses, summaries, and diagnostics as file:line:col with a caret, on
# the real federal rules and on broken copies of them.
#
#   tests/cli/test_rules.sh BIN
#
# Run from the repository root (tests/run.sh does). Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_rules.sh BIN}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG

# ---- the real rules -----------------------------------------------------------

sp rules check rules/federal
expect_rc 0 "rules check rules/federal"
if grep -Eq '^rules/federal: [0-9]+ rules, [0-9]+ facts, no errors' "$OUT"; then ok
else bad "rules check: summary line"; cat "$OUT" >&2; fi
sp rules check rules/federal/
expect_out_has "rules/federal: " "rules check: trailing slash trimmed"
sp --lang fr rules check rules/federal
expect_rc 0 "rules check (fr)"
expect_out_has "aucune erreur" "rules check summary in French"

sp rules test rules/federal
expect_rc 0 "rules test rules/federal"
if grep -Eq '^[1-9][0-9]* passed, 0 failed$' "$OUT"; then ok; else bad "rules test: summary line"; fi
expect_out_has "0 coverage gap" "rules test: no coverage gaps"

# ---- usage --------------------------------------------------------------------

sp rules
expect_rc 2 "rules without a subcommand"
sp rules check
expect_rc 2 "rules check without a folder"
sp rules frobnicate rules/federal
expect_rc 2 "rules with an unknown subcommand"
sp rules check rules/federal extra
expect_rc 2 "rules check with two folders"
sp rules check --frobnicate rules/federal
expect_rc 2 "rules check with an unknown option"
sp rules check "$TMP/no-such-folder"
expect_rc 1 "rules check on a missing folder"
if [ -s "$ERR" ]; then ok; else bad "rules check on a missing folder: no message"; fi

# ---- a broken copy: file:line:col, the line, a caret, exit 1 -------------------

first_rules=$(ls rules/federal/*.rules 2>/dev/null | head -n 1)
if [ -z "$first_rules" ]; then
	bad "no rules/federal/*.rules to break"
else
	cp -r rules/federal "$TMP/broken"
	base=$(basename "$first_rules")
	n=$(wc -l <"$TMP/broken/$base")
	# A rule block with an impossible date, appended at a known line.
	cat >>"$TMP/broken/$base" <<'EOF'

rule broken-date
  avenue trp_vtip
  cites "IRPA 24(1)"
  from 2016-02-30
  then available
  en "Broken on purpose by tests/cli/test_rules.sh." fr "Cassée exprès."
EOF
	line=$((n + 5))
	sp rules check "$TMP/broken"
	expect_rc 1 "broken date: exit status"
	if grep -Eq "^$TMP/broken/$base:$line:[0-9]+: error: " "$ERR"; then ok
	else bad "broken date: no '$TMP/broken/$base:$line:COL: error:' diagnostic"; fi
	expect_err_has "from 2016-02-30" "broken date: the line is shown"
	if grep -Eq '^ *\^' "$ERR"; then ok; else bad "broken date: no caret line"; fi
	if [ -s "$OUT" ]; then bad "broken date: summary on stdout despite errors"; else ok; fi
	sp --lang fr rules check "$TMP/broken"
	expect_rc 1 "broken date (fr): exit status"
	expect_err_has "1 erreur(s)" "broken date (fr): summary in French"

	# A tab in the indentation is an error too (docs/rules.md §1).
	cp -r rules/federal "$TMP/tab"
	printf '\nfact tabbed: boolean\n\tquestion en "Q?" fr "Q ?"\n' >>"$TMP/tab/$base"
	n=$(wc -l <"$first_rules")
	sp rules check "$TMP/tab"
	expect_rc 1 "tab indentation: exit status"
	if grep -Eq "^$TMP/tab/$base:$((n + 3)):[0-9]+: error: " "$ERR"; then ok
	else bad "tab indentation: diagnostic at line $((n + 3)) expected"; fi

	# --rules with broken files is refused before any evaluation.
	printf '{}' >"$TMP/facts.json"
	sp pathways --facts "$TMP/facts.json" --as-of 2016-11-24 --rules "$TMP/broken"
	expect_rc 2 "pathways --rules on broken rules"
	expect_err_has "$base" "pathways --rules on broken rules shows the diagnostic"
fi

# ---- a failing test ---------------------------------------------------------

first_test=$(ls rules/federal/*.test 2>/dev/null | head -n 1)
if [ -z "$first_test" ]; then
	bad "no rules/federal/*.test to break"
else
	cp -r rules/federal "$TMP/failing"
	tbase=$(basename "$first_test")
	n=$(wc -l <"$first_test")
	cat >>"$TMP/failing/$tbase" <<'EOF'

test "fails on purpose (tests/cli/test_rules.sh)"
  as of 2016-11-24
  given in_canada = false
  expect trp_vtip available
  expect trp_vtip not_applicable
EOF
	sp rules test "$TMP/failing"
	expect_rc 1 "failing test: exit status"
	if grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed$' "$OUT"; then ok; else bad "failing test: summary should count a failure"; fi
	if grep -Eq "^$TMP/failing/$tbase:[0-9]+:[0-9]+: " "$ERR"; then ok
	else bad "failing test: no file:line:col diagnostic for the test"; fi
fi

finish
