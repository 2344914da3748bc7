#!/usr/bin/env bash
# test_assess.sh — the command-line contract of `safepath assess` (see
# docs/safepath.1): options, exit statuses, the JSON keys and their order, the
# French output, the interview driven through a pipe, --save, and messages that
# never repeat what a person typed.
#
#   tests/cli/test_assess.sh BIN [JSONCHECK]
#
# Run from the repository root (tests/run.sh does). Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_assess.sh BIN [JSONCHECK]}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac   # the tests also run it from other folders
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG

DAY=2016-11-24
A=$TMP/answers.json
answers() { printf '%s' "$1" >"$A"; }
expect_out_lacks() {
	if grep -qF -- "$1" "$OUT"; then bad "$2: stdout contains '$1'"; else ok; fi
}
expect_rc_of() { if [ "$1" -eq 0 ]; then ok; else bad "$2"; fi; }

# bad_answers WHAT JSON MUST_NAME SECRET: exit 2, the message names MUST_NAME,
# does not repeat SECRET, nothing on stdout.
bad_answers() {
	answers "$2"
	sp assess --answers "$A" --as-of "$DAY"
	expect_rc 2 "$1"
	expect_err_has "$3" "$1"
	expect_err_lacks "$4" "$1"
	if [ -s "$OUT" ]; then bad "$1: output on stdout despite the error"; else ok; fi
}

# ---- help and usage -----------------------------------------------------------

for args in "assess --help" "help assess"; do
	# shellcheck disable=SC2086  # $args is several words on purpose
	sp $args
	expect_rc 0 "$args"
	expect_out_has "Usage: safepath assess" "$args"
	expect_out_has "--interactive" "$args"
	sp --lang fr $args
	expect_out_has "Utilisation : safepath assess" "--lang fr $args"
done

answers '{}'
sp assess
expect_rc 2 "neither --answers nor --interactive"
expect_err_has "--answers" "neither --answers nor --interactive"
sp assess --answers "$A" --frobnicate
expect_rc 2 "unknown option"
expect_err_has "--frobnicate" "unknown option"
sp assess --answers "$A" maria-lopez.json
expect_rc 2 "stray argument"
expect_err_lacks "maria" "stray argument"
sp assess --answers "$A" --format xml
expect_rc 2 "--format xml"
expect_err_has "--format" "--format xml"
sp assess --answers "$A" --save "$TMP/s.json"
expect_rc 2 "--save without --interactive"
expect_err_has "--save" "--save without --interactive"
sp assess --interactive --answers -
expect_rc 2 "--interactive with --answers -"
sp assess --interactive --format json
expect_rc 2 "--interactive with --format json"
sp assess --answers "$A" --as-of 2016-02-30
expect_rc 2 "--as-of impossible day"
expect_err_has "--as-of" "--as-of impossible day"
expect_err_lacks "2016-02-30" "--as-of impossible day"
sp assess --answers "$A" --as-of 2015-12-31
expect_rc 2 "--as-of before the rules"
expect_err_has "2016-01-01" "--as-of before the rules"
sp assess --answers "$TMP/no-such-dir/maria-lopez.json"
expect_rc 2 "answers file missing"
expect_err_has "--answers" "answers file missing"
expect_err_lacks "maria" "answers file missing"
sp assess --answers "$A" --continuum "$TMP/no-such-rules"
expect_rc 2 "--continuum folder missing"
sp assess --answers "$A" --continuum rules/federal
expect_rc 2 "--continuum given the federal rules"
expect_err_has "level_labour_violation" "--continuum given the federal rules"

# ---- bad answers: exit 2, names the answer, never repeats the value -----------

bad_answers "malformed JSON" '{"unpaid_wages": Maria Lopez}' "line 1, column 18" "Maria"
bad_answers "not an object" '["Maria Lopez"]' "answers" "Maria"
bad_answers "empty input" '' "answers" "Maria"
bad_answers "unknown answer" '{"client_name": "Maria Lopez"}' "client_name" "Maria"
bad_answers "key not a name" '{"Maria Lopez": true}' "answers" "Maria"
bad_answers "wrong type" '{"unpaid_wages": "Maria Lopez"}' "unpaid_wages" "Maria"
bad_answers "bad enumeration value" '{"province": "Maria"}' "province" "Maria"
bad_answers "impossible date" '{"last_incident_date": "2016-02-30"}' "last_incident_date" "2016-02-30"
bad_answers "date syntax" '{"last_day_of_work": "30/01/2016"}' "last_day_of_work" "30/01/2016"
bad_answers "duplicate answer" '{"deception": true, "deception": false}' "twice" "Maria"
bad_answers "constraint" '{"last_incident_date": "2016-12-25"}' "last_incident_date" "2016-12-25"
bad_answers "federal constraint" \
	'{"claim_made": true, "claim_date": "2016-05-01", "claim_outcome": "rejected", "claim_decision_date": "2016-03-17"}' \
	"claim" "2016-03-17"
{ printf '{"unpaid_wages": true, "x": "'; head -c 70000 /dev/zero | tr '\0' 'a'; printf '"}'; } >"$A"
sp assess --answers "$A" --as-of "$DAY"
expect_rc 2 "answers over 64 KiB"
expect_err_has "64" "answers over 64 KiB"
answers '{"unpaid_wages": "Maria Lopez"}'
sp --lang fr assess --answers "$A" --as-of "$DAY"
expect_rc 2 "wrong type (fr)"
expect_err_has "ligne 1, colonne 18" "wrong type (fr)"
expect_err_has "réponses" "wrong type (fr)"
expect_err_lacks "Maria" "wrong type (fr)"

# Both spellings of a province.
answers '{"province": "ON", "unpaid_wages": true}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "province ON"
answers '{"province": "on", "unpaid_wages": true}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "province on"

# ---- the JSON contract ---------------------------------------------------------

check_contract() {   # WHAT
	if "$JC" <"$OUT" >/dev/null 2>"$TMP/jc"; then ok; else bad "$1: output is not valid JSON"; cat "$TMP/jc" >&2; return; fi
	# The contract's keys first, in order.
	local keys
	keys=$(grep -oE '^  "[a-z_]+":' "$OUT" | head -n 6 | tr -d ' ":' | tr '\n' ' ')
	expect_eq "$keys" "level level_reasons indicators remedies pathways questions " "$1: top-level keys and order"
	case $("$JC" level <"$OUT") in
	none | labour_violation | rights_violation | forced_labour | trafficking) ok ;;
	*) bad "$1: level is not one of the five" ;;
	esac
	expect_eq "$("$JC" indicators.# <"$OUT")" 11 "$1: eleven indicators"
	expect_eq "$("$JC" indicators.0.id indicators.10.id <"$OUT" | tr '\n' ' ')" \
		"abuse_of_vulnerability excessive_overtime " "$1: indicators in ILO order"
	local n i shape
	n=$("$JC" remedies.# <"$OUT")
	for ((i = 0; i < n; i++)); do
		shape=$("$JC" "remedies.$i.id" "remedies.$i.body" "remedies.$i.cite" "remedies.$i.unverified" \
			"remedies.$i.text" "remedies.$i.status" <"$OUT" 2>/dev/null | wc -l)
		expect_eq "$shape" 6 "$1: remedy $i has id, body, cite, unverified, text, status"
		case $("$JC" "remedies.$i.deadline" <"$OUT") in
		null | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ok ;;
		*) bad "$1: remedy $i deadline is neither null nor a date" ;;
		esac
	done
	n=$("$JC" level_reasons.# <"$OUT")
	for ((i = 0; i < n; i++)); do
		shape=$("$JC" "level_reasons.$i.rule" "level_reasons.$i.cite" "level_reasons.$i.text" <"$OUT" 2>/dev/null | wc -l)
		expect_eq "$shape" 3 "$1: level reason $i has rule, cite, text"
	done
	"$JC" questions.# <"$OUT" >/dev/null
	expect_rc_of $? "$1: questions array"
}

answers '{"province": "on", "unpaid_wages": true, "discrimination": true,
  "last_incident_date": "2016-06-15", "in_canada": true, "status": "temporary_resident"}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "json"
expect_err_empty "json"
check_contract "json"
expect_eq "$("$JC" level <"$OUT")" rights_violation "json: level"
expect_eq "$("$JC" remedies.id=employment_standards.deadline <"$OUT")" 2018-06-15 "json: ON employment standards deadline"
expect_eq "$("$JC" remedies.id=human_rights.deadline <"$OUT")" 2017-06-15 "json: ON human rights deadline"
expect_eq "$("$JC" pathways.as_of <"$OUT")" "$DAY" "json: pathways is the pathways result"
expect_eq "$("$JC" pathways.avenues.# <"$OUT")" 6 "json: pathways avenues"
expect_eq "$("$JC" as_of <"$OUT")" "$DAY" "json: as_of"
cp "$OUT" "$TMP/en.json"

IN=$A sp assess --answers - --as-of "$DAY" --format json
expect_rc 0 "answers on standard input"
if cmp -s "$OUT" "$TMP/en.json"; then ok; else bad "standard input and file give different output"; fi
IN=/dev/null
sp assess --answers "$A" --as-of "$DAY" --format json --rules rules/federal --continuum rules/continuum
expect_rc 0 "--rules and --continuum from the source tree"
if cmp -s "$OUT" "$TMP/en.json"; then ok; else bad "the rule folders differ from the built-in rules"; fi

sp assess --answers "$A" --as-of "$DAY" --format json --lang fr
expect_rc 0 "json (fr)"
check_contract "json (fr)"
expect_eq "$("$JC" lang <"$OUT")" fr "json (fr): lang"
expect_eq "$("$JC" level <"$OUT")" rights_violation "json (fr): ids stay English"
if grep -q "avis juridique" "$OUT"; then ok; else bad "json (fr): notice not in French"; fi

# A citizen: no pathways.
answers '{"status": "citizen", "unpaid_wages": true}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "citizen"
check_contract "citizen"
expect_eq "$("$JC" pathways <"$OUT")" null "citizen: pathways null"

# Nothing answered: every question is open, nothing decided.
answers '{}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "no answers"
check_contract "no answers"
expect_eq "$("$JC" level may_rise questions.0.id <"$OUT" | tr '\n' ' ')" "none true province " "no answers: level, may_rise, first question"

# The bridge to the pathways.
answers '{"control_of_movements": true, "fear_for_safety": true, "in_canada": true, "status": "no_status"}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "trafficking"
expect_eq "$("$JC" level trafficking_indicated_from_level <"$OUT" | tr '\n' ' ')" "trafficking true " "trafficking: bridged"

# Declined answers are reported and never asked.
answers '{"unpaid_wages": true, "fear_for_safety": "prefer_not_to_say"}'
sp assess --answers "$A" --as-of "$DAY" --format json
expect_rc 0 "declined"
expect_eq "$("$JC" declined.0 <"$OUT")" fear_for_safety "declined: listed"
expect_out_lacks '"id": "fear_for_safety"' "declined: not among the questions"

# ---- text ------------------------------------------------------------------------

answers '{"province": "on", "unpaid_wages": true, "last_incident_date": "2016-06-15",
  "status": "no_status", "in_canada": true}'
sp assess --answers "$A" --as-of "$DAY"
expect_rc 0 "text"
expect_err_empty "text"
expect_out_has "Level reached: Labour standards violation" "text: level"
expect_out_has "June 15, 2018" "text: deadline written out"
expect_out_has "UNVERIFIED" "text: unverified marked"
expect_out_has "Protection avenues as of November 24, 2016" "text: pathways for a non-citizen"
expect_out_has "Questions that would help most" "text: questions"
expect_out_has "not legal advice" "text: notice"
cp "$OUT" "$TMP/en.txt"
sp assess --answers "$A" --as-of "$DAY" --lang fr
expect_rc 0 "text (fr)"
expect_out_has "Niveau atteint : Violation des normes du travail" "text (fr): level"
expect_out_has "15 juin 2018" "text (fr): deadline"
expect_out_has "NON VÉRIFIÉ" "text (fr): unverified"
expect_out_has "avis juridique" "text (fr): notice"
expect_out_lacks "Level reached" "text (fr): no English heading"
expect_out_lacks "Where the person can turn" "text (fr): no English heading"
SAFEPATH_LANG=fr sp assess --answers "$A" --as-of "$DAY"
cp "$OUT" "$TMP/fr.txt"
sp assess --answers "$A" --as-of "$DAY" --lang fr
if cmp -s "$OUT" "$TMP/fr.txt"; then ok; else bad "SAFEPATH_LANG=fr differs from --lang fr"; fi

sp assess --answers "$A" --format json
expect_rc 0 "--as-of defaults to today"
expect_eq "$("$JC" as_of <"$OUT")" "$(date +%F)" "--as-of defaults to today"

# ---- the interview, driven through a pipe -----------------------------------------
# interview INPUT ARGS...: the lines of INPUT are typed, one per line.
interview() {
	local input=$1
	shift
	printf '%b' "$input" >"$TMP/typed"
	IN=$TMP/typed sp assess --interactive --as-of "$DAY" "$@"
	IN=/dev/null
}

# Province by number, skip, yes, help, a bad answer, decline, back, no, quit.
S=$TMP/saved.json
interview '9\n\nyes\n?\nMaria Lopez\np\nb\nno\nq\n' --save "$S"
expect_rc 0 "interview"
expect_err_empty "interview"
expect_out_has "In which province or territory" "interview: first question"
expect_out_has " 9. Ontario" "interview: numbered choices"
expect_out_has "ILO indicator of forced labour no. 11" "interview: help on ?"
expect_out_has "That answer does not fit this question." "interview: bad answer refused"
expect_out_lacks "Maria" "interview: bad answer not repeated"
expect_out_has "Level reached: Labour standards violation" "interview: result at the end"
expect_out_has "not legal advice" "interview: notice"
expect_out_has "saved" "interview: says it saved"
if [ -f "$S" ]; then ok; else bad "interview: --save wrote nothing"; fi
expect_eq "$(stat -c %a "$S" 2>/dev/null)" 600 "interview: saved file mode 0600"
"$JC" <"$S" >/dev/null
expect_rc_of $? "interview: saved answers are JSON"
expect_eq "$("$JC" province illegal_deductions excessive_overtime <"$S" | tr '\n' ' ')" \
	"on true false " "interview: answers saved (back undid the decline)"
if "$JC" unpaid_wages <"$S" >/dev/null 2>&1; then bad "interview: a skipped question was saved"; else ok; fi
# The saved file reads back with --answers.
sp assess --answers "$S" --as-of "$DAY" --format json
expect_rc 0 "saved answers read back"
expect_eq "$("$JC" level <"$OUT")" labour_violation "saved answers: level"

# An existing file is overwritten and made private.
printf 'old' >"$S"
chmod 644 "$S"
interview 'q\n' --save "$S"
expect_rc 0 "interview: quit at once"
expect_eq "$(stat -c %a "$S")" 600 "interview: existing file made 0600"
expect_eq "$(cat "$S")" "{}" "interview: nothing answered, nothing saved but {}"

# Without --save nothing is written anywhere.
( cd "$TMP" && mkdir -p nosave && cd nosave && printf 'yes\nq\n' | "$BIN" assess --interactive --as-of "$DAY" >/dev/null 2>&1 )
expect_eq "$(ls -A "$TMP/nosave" | wc -l)" 0 "interview: nothing saved without --save"

# Decline in French, answers in French, end of input ends the interview.
interview '2\noui\nje préfère ne pas répondre\n' --lang fr
expect_rc 0 "interview (fr)"
expect_out_has "Dans quelle province" "interview (fr): question"
expect_out_has "Répondez oui ou non." "interview (fr): hint"
expect_out_has "Niveau atteint" "interview (fr): result"
expect_out_has "a préféré ne pas répondre à 1 question" "interview (fr): decline counted"

# A date after the assessment breaks a constraint: refused, asked again. Every
# level answered no but unpaid wages in Ontario: the date of the last incident
# is the first question.
answers '{"province": "on", "unpaid_wages": true, "illegal_deductions": false,
  "unpaid_overtime": false, "excessive_overtime": false, "withholding_of_wages": false,
  "unsafe_work": false, "abusive_conditions": false, "discrimination": false,
  "harassment": false, "deception": false, "abuse_of_vulnerability": false,
  "debt_bondage": false, "retention_of_documents": false, "isolation": false,
  "restriction_of_movement": false, "control_of_movements": false,
  "recruited_transported_harboured": false, "crossed_border_by_deception_or_force": false,
  "intimidation_threats": false, "fear_for_safety": false, "physical_sexual_violence": false}'
interview '2017-03-01\n2016-10-01\nq\n' --answers "$A" --save "$S"
expect_out_has "When did the problem last happen?" "interview: the date is asked first"
expect_rc 0 "interview: constraint"
expect_out_has "contradicts another one" "interview: constraint explained"
expect_out_lacks "2017-03-01" "interview: constraint does not repeat the date"
expect_eq "$("$JC" last_incident_date <"$S")" 2016-10-01 "interview: the corrected date is kept"

# Start from a file, then continue.
answers '{"province": "qc", "unpaid_wages": true}'
interview 'q\n' --answers "$A"
expect_rc 0 "interview from --answers"
expect_out_has "Commission des normes" "interview from --answers: Quebec remedy"

# A line that is too long is refused without being repeated.
long=$(head -c 3000 /dev/zero | tr '\0' 'M')
interview "${long}\nq\n"
expect_rc 0 "interview: long line"
expect_out_has "too long" "interview: long line refused"
expect_out_lacks "MMMMMMMMMM" "interview: long line not repeated"

# A time limit that has run out is said to have passed, in JSON and in text.
answers '{"province": "on", "unpaid_wages": true, "last_incident_date": "2016-06-01"}'
sp assess --answers "$A" --as-of 2026-11-28 --format json
expect_rc 0 "passed limit: json"
expect_out_has '"deadline": "2018-06-01"' "passed limit: the 2-year date"
expect_out_has '"deadline_passed": true' "passed limit: flagged"
sp assess --answers "$A" --as-of 2018-06-01 --format json
expect_out_has '"deadline_passed": false' "limit on its last day: not passed"
sp assess --answers "$A" --as-of 2026-11-28
expect_out_has "has already passed" "passed limit: text"
sp assess --answers "$A" --as-of 2026-11-28 --lang fr
expect_out_has "déjà passé" "passed limit: French text"

# The result leads to services: the needs of the directory's vocabulary.
answers '{"province": "on", "unpaid_wages": true, "last_incident_date": "2026-06-01", "status": "citizen"}'
sp assess --answers "$A" --as-of 2026-11-28 --format json
expect_out_has '"needs": [' "needs: JSON key"
expect_out_has '{"id": "labour_standards_complaint"' "needs: labour standards complaint"
expect_out_lacks '"id": "trp_work_permit_help"' "needs: no permit help for a citizen"
sp assess --answers "$A" --as-of 2026-11-28 --lang fr
expect_out_has "Services qui peuvent aider" "needs: French text"
expect_out_has "(wage_recovery)" "needs: text lists the need ids"

finish
