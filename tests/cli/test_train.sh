#!/usr/bin/env bash
# test_train.sh — `safepath train` through a pipe: right and wrong answers, input
# that is not an answer, q and the end of input, --list, --lang fr, --scenarios,
# and the usage errors (see docs/safepath.1 and data/training/README.md).
#
#   tests/cli/test_train.sh BIN
#
# Run from the repository root (tests/run.sh does). Prints "N passed, N failed".
# The remedy choices are numbered in the order the session shows them:
#   1 employment standards, 2 human rights, 3 unjust dismissal,
#   4 psychological harassment, 5 province not researched, 6 Criminal Code,
#   7 IRPA s. 118, 8 hotline.
set -u
BIN=${1:?usage: test_train.sh BIN}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG

# play ARGS... with the lines of $LINES on standard input
play() {
	printf '%s' "$LINES" >"$TMP/in"
	IN=$TMP/in sp train "$@"
	IN=/dev/null
}
expect_out_lacks() {
	if grep -qF -- "$1" "$OUT"; then bad "$2: stdout contains '$1'"; else ok; fi
}
expect_out_count() {   # TEXT N WHAT (occurrences: prompts share a line in a pipe)
	local n
	n=$(grep -oF -- "$1" "$OUT" | wc -l | tr -d ' ')
	expect_eq "$n" "$2" "$3"
}

# ---- help and listing ---------------------------------------------------------------

for args in "train --help" "help train"; do
	# shellcheck disable=SC2086
	sp $args
	expect_rc 0 "$args"
	expect_out_has "Usage: safepath train" "$args"
	# shellcheck disable=SC2086
	sp --lang fr $args
	expect_out_has "Utilisation : safepath train" "--lang fr $args"
done

sp train --list
expect_rc 0 "--list"
expect_err_empty "--list"
n=$(ls data/training/*.json | wc -l)
expect_eq "$(wc -l <"$OUT" | tr -d ' ')" "$n" "--list: one line per scenario file"
for f in data/training/*.json; do
	id=${f##*/}
	id=${id%.json}
	id=${id#[0-9][0-9]-}
	expect_out_has "$id" "--list shows $id"
done
expect_out_has "Farm workers promised permits" "--list shows titles"
expect_out_has "2016-11-24" "--list shows the date of the situation"
# The answer key is not shown by --list.
expect_out_lacks "trafficking" "--list hides the expected level"
sp --lang fr train --list
expect_out_has "Des travailleurs agricoles" "--list in French"
SAFEPATH_LANG=fr sp train --list
expect_out_has "Une nouvelle vie en ville" "SAFEPATH_LANG=fr --list"

# ---- one scenario, right answers ------------------------------------------------------

LINES=$'2\n1\n'
play --scenario unpaid-last-paycheque
expect_rc 0 "right answer"
expect_out_has "== Scenario 1 of 1: The last two pay cheques" "story title"
expect_out_has "furniture store" "story text"
expect_out_has "  2  Labour standards violation" "numbered levels"
expect_out_has "  8  Canadian Human Trafficking Hotline" "numbered remedies"
expect_out_has "Level: right." "right level"
expect_out_has "Remedies: right." "right remedies"
expect_out_has "[Provincial and territorial employment standards acts]" "reason cited"
expect_out_has "Deadline: October 16, 2028" "deadline from the engine"
expect_out_has "-- Debrief" "debrief"
expect_out_has "both answers right: 1" "score"
expect_out_lacks "Immigration protection pathways" "no pathways for a citizen"
expect_err_empty "right answer"

# Trafficking, 2016: three remedies, no hotline yet, pathways for a non-citizen.
LINES=$'5\n7 1 6\n'
play --scenario guatemalan-farm-workers
expect_rc 0 "guatemalan right"
expect_out_has "Remedies: right." "guatemalan remedies in any order"
expect_out_has "[Criminal Code 279.01(1) and 279.04(2)(a)]" "guatemalan reason"
expect_out_has "[IRPA 118(1)]" "guatemalan IRPA reason"
expect_eq "$(grep -A1 -F "* Temporary resident permit for victims of trafficking" "$OUT" | tail -n 1)" \
	"    open now" "guatemalan TRP open"
expect_eq "$(grep -A1 -F "* Refugee claim in Canada" "$OUT" | tail -n 1)" \
	"    closed: a legal ineligibility" "guatemalan refugee claim closed by the removal order"
expect_out_has "October 20, 2017" "guatemalan CNESST deadline"
expect_out_lacks "1-833-900-1010" "no hotline in 2016"

# ---- wrong answers ---------------------------------------------------------------------

LINES=$'1\n0\n'
play --scenario guatemalan-farm-workers
expect_rc 0 "wrong answer"
expect_out_has "Level: not quite. You chose \"No level reached\"" "wrong level"
expect_out_has "Signs of human trafficking" "the engine's level"
expect_out_has "Remedies: not quite." "wrong remedies"
expect_out_count "-> missed: the engine lists it" 3 "three remedies missed"
expect_out_has "both answers right: 0" "score 0"

LINES=$'3\n1 2 3 4\n'
play --scenario dismissed-after-complaint-qc
expect_out_has "Level: not quite." "labour case placed too high"
expect_out_count "-> not open here" 2 "two remedies not open"
expect_out_count "-> right: the engine lists it too" 2 "two remedies right"
expect_out_has "December 21, 2026" "45-day dismissal deadline"

# A declined answer: the remedy it leaves open is neither right nor wrong.
LINES=$'3\n2\n'
play --scenario harassed-server-mb
expect_out_has "Remedies: right." "declined pay question not graded"
expect_out_has "may be open: it depends on answers not given" "possible remedy marked"

# ---- input that is not an answer, q, end of input --------------------------------------

LINES=$'seven\n9\n2\nall\n1 9\n1\n'
play --scenario unpaid-last-paycheque
expect_rc 0 "re-asked"
expect_out_count "Please type a number from 1 to 5" 2 "bad level re-asked"
expect_out_count "Please type numbers from 1 to 8" 2 "bad remedies re-asked"
expect_out_has "both answers right: 1" "answered after re-asking"
expect_out_lacks "seven" "a typed line is not echoed in messages"

LINES=$(printf 'x%.0s' $(seq 1 400))$'\n2\n1\n'
play --scenario unpaid-last-paycheque
expect_rc 0 "overlong line"
expect_out_has "Please type a number from 1 to 5" "overlong line re-asked"
expect_out_has "both answers right: 1" "overlong line then answer"

LINES=$'q\n'
play
expect_rc 0 "q at once"
expect_out_has "Scenarios answered: 0" "q at once"
expect_out_lacks "-- Debrief" "q at once: no feedback"

LINES=$'2\n'
play --scenario unpaid-last-paycheque
expect_rc 0 "end of input"
expect_out_has "Scenarios answered: 0" "end of input before the remedies"

# Every scenario in turn: an answer each, Enter between them.
LINES=
for i in $(seq 1 "$n"); do LINES+=$'2\n1\n\n'; done
play
expect_rc 0 "whole session"
expect_out_has "== Scenario $n of $n" "whole session reaches the last"
expect_out_count "-- Debrief" "$n" "a debrief for each"
expect_out_has "Scenarios answered: $n" "whole session count"
expect_err_empty "whole session: every answer key agrees with the engine"

LINES=$'2\n1\nq\n'
play
expect_out_has "Scenarios answered: 1" "q between scenarios"
expect_out_lacks "Scenario 2 of" "q between scenarios stops"

# ---- French ---------------------------------------------------------------------------------

LINES=$'2\n1\n'
play --lang fr --scenario unpaid-last-paycheque
expect_rc 0 "--lang fr"
expect_out_has "Les deux dernières paies" "French title"
expect_out_has "petit magasin" "French story"
expect_out_has "Niveau : exact." "French grading"
expect_out_has "16 octobre 2028" "French date"
expect_out_has "Compte rendu" "French debrief"
expect_out_lacks "Level: right" "no English grading"
LINES=$'x\n2\n1\n'
SAFEPATH_LANG=fr play --scenario unpaid-last-paycheque
expect_out_has "Tapez un nombre de 1 à 5" "French re-ask"

# ---- usage errors -----------------------------------------------------------------------

sp train --scenario maria-lopez-case
expect_rc 2 "unknown scenario"
expect_err_has "no scenario has this id" "unknown scenario"
expect_err_lacks "maria" "unknown scenario id is not repeated"
sp --lang fr train --scenario inconnu
expect_rc 2 "unknown scenario (fr)"
expect_err_has "aucun scénario" "unknown scenario in French"
sp train --scenario
expect_rc 2 "--scenario without a value"
sp train --scenario a --scenario b
expect_rc 2 "--scenario twice"
sp train --frobnicate
expect_rc 2 "unknown option"
sp train extra-argument
expect_rc 2 "stray argument"
expect_err_lacks "extra-argument" "stray argument not repeated"
sp train --list=yes
expect_rc 2 "--list takes no value"

# ---- --scenarios DIR ----------------------------------------------------------------------

D=$TMP/scen
mkdir -p "$D"
sp train --scenarios "$D" --list
expect_rc 2 "empty folder"
expect_err_has "no scenarios" "empty folder"
sp train --scenarios "$TMP/missing" --list
expect_rc 2 "missing folder"
expect_err_has "cannot open the scenarios folder" "missing folder"

cp data/training/01-unpaid-last-paycheque.json "$D/"
LINES=$'2\n1\n'
play --scenarios "$D"
expect_rc 0 "folder of one"
expect_out_has "both answers right: 1" "folder of one"

# A wrong answer key: the feedback still comes from the engine, and trainers are told.
sed 's/"level": "labour_violation"/"level": "trafficking"/' \
	data/training/01-unpaid-last-paycheque.json >"$D/01-unpaid-last-paycheque.json"
LINES=$'2\n1\n'
play --scenarios "$D"
expect_rc 0 "wrong key"
expect_out_has "Level: right." "graded against the engine, not the key"
expect_err_has "answer key differs" "wrong key reported"

# Malformed files: exit 2, the file and the field named.
printf '{"id": "x"' >"$D/02-broken.json"
sp train --scenarios "$D" --list
expect_rc 2 "malformed file"
expect_err_has "02-broken.json" "malformed file named"
expect_err_has "not valid JSON" "malformed file reason"
rm "$D/02-broken.json"
sed 's/"fr": "Les deux dernières paies"/"de": "Die letzten"/' \
	data/training/01-unpaid-last-paycheque.json >"$D/01-unpaid-last-paycheque.json"
sp train --scenarios "$D" --list
expect_rc 2 "title without French"
expect_err_has "title" "title without French named"
sed 's/"unpaid_wages": true/"unpaid_wages": "sometimes"/' \
	data/training/01-unpaid-last-paycheque.json >"$D/01-unpaid-last-paycheque.json"
LINES=$'2\n1\n'
play --scenarios "$D"
expect_rc 2 "answers the engine refuses"
expect_err_has "unpaid_wages" "refused answer named"
expect_err_lacks "sometimes" "refused value not repeated"
expect_out_lacks "== Scenario" "refused before the first question"
sed 's/"employment_standards"/"magic_wand"/' \
	data/training/01-unpaid-last-paycheque.json >"$D/01-unpaid-last-paycheque.json"
play --scenarios "$D"
expect_rc 2 "unknown remedy family"
expect_err_has "expect.remedies" "unknown remedy family named"

finish
