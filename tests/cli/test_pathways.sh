#!/usr/bin/env bash
# test_pathways.sh — the command-line contract of `safepath pathways` (see
# docs/safepath.1), the global options and the help texts.
#
#   tests/cli/test_pathways.sh BIN [JSONCHECK]
#
# BIN is build/safepath or build/asan/safepath; JSONCHECK defaults to the
# jsoncheck built next to it (BUILD_DIR/tests/jsoncheck). Run from the
# repository root (tests/run.sh does). Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_pathways.sh BIN [JSONCHECK]}
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG

AVENUES="trp_vtip refugee_claim hc prra vw_owp pr_permit_holder"
STATUSES="available barred ineligible not_applicable unknown"
DAY=2016-11-24   # the forum's date

# facts JSON -> $TMP/facts.json, used as --facts "$F"
F=$TMP/facts.json
facts() { printf '%s' "$1" >"$F"; }

# bad_facts WHAT JSON MUST_NAME SECRET: exit 2, the message names MUST_NAME and
# does not repeat SECRET (the value a person typed), nothing on stdout.
bad_facts() {
	facts "$2"
	sp pathways --facts "$F" --as-of "$DAY"
	expect_rc 2 "$1"
	expect_err_has "$3" "$1"
	expect_err_lacks "$4" "$1"
	if [ -s "$OUT" ]; then bad "$1: output on stdout despite the error"; else ok; fi
}

# ---- global options and help ------------------------------------------------

sp --version
expect_rc 0 "--version"
expect_out_has "safepath 0.1.0" "--version"
expect_out_has "federal" "--version names the built-in rule set"

for args in "--help" "help" "help pathways" "pathways --help" "help rules" \
            "rules --help" "rules check --help" "rules test --help" "help --help"; do
	# shellcheck disable=SC2086  # $args is several words on purpose
	sp $args
	expect_rc 0 "$args"
	expect_out_has "Usage: safepath" "$args (en)"
	sp --lang fr $args
	expect_rc 0 "--lang fr $args"
	expect_out_has "Utilisation : safepath" "--lang fr $args"
	SAFEPATH_LANG=fr sp $args
	expect_out_has "Utilisation : safepath" "SAFEPATH_LANG=fr $args"
done
sp pathways --help --lang=fr
expect_out_has "Utilisation : safepath pathways" "--lang=fr after the command"
SAFEPATH_LANG=fr sp --lang en --help
expect_out_has "Usage: safepath" "--lang en overrides SAFEPATH_LANG"

sp
expect_rc 2 "no command"
sp maria-lopez.json
expect_rc 2 "unknown command"
expect_err_lacks "maria" "unknown command is not repeated"
sp --frobnicate
expect_rc 2 "unknown global option"
expect_err_has "--frobnicate" "unknown global option"
sp --lang de --help
expect_rc 2 "--lang de"
expect_err_has "--lang" "--lang de"
SAFEPATH_LANG=xx sp --help
expect_rc 2 "SAFEPATH_LANG=xx"
expect_err_has "SAFEPATH_LANG" "SAFEPATH_LANG=xx"
sp --lang fr pathways
expect_rc 2 "missing --facts (fr)"
expect_err_has "--facts est obligatoire" "missing --facts, message in French"

# ---- usage errors -------------------------------------------------------------

facts '{}'
sp pathways
expect_rc 2 "missing --facts"
expect_err_has "--facts" "missing --facts"
sp pathways --facts "$F" --frobnicate
expect_rc 2 "unknown option"
expect_err_has "--frobnicate" "unknown option"
sp pathways --facts "$F" --Maria-Lopez
expect_rc 2 "option-like personal text"
expect_err_lacks "Maria" "option-like personal text is not repeated"
sp pathways --facts "$F" maria-lopez.json
expect_rc 2 "stray argument"
expect_err_lacks "maria" "stray argument is not repeated"
sp pathways --facts "$F" --facts "$F"
expect_rc 2 "--facts twice"
sp pathways --facts
expect_rc 2 "--facts without a value"
sp pathways --facts "$F" --format xml
expect_rc 2 "--format xml"
expect_err_has "--format" "--format xml"
sp pathways --facts "$F" --as-of 2016-02-30
expect_rc 2 "--as-of impossible day"
expect_err_has "--as-of" "--as-of impossible day"
expect_err_lacks "2016-02-30" "--as-of impossible day"
sp pathways --facts "$F" --as-of 24/11/2016
expect_rc 2 "--as-of bad syntax"
expect_err_has "--as-of" "--as-of bad syntax"
sp pathways --facts "$F" --as-of 2016-11-24x
expect_rc 2 "--as-of trailing garbage"
sp pathways --facts "$F" --as-of 1999-12-31
expect_rc 2 "--as-of before the rule set covers"
expect_err_has "--as-of" "--as-of before the rule set covers"
sp pathways --facts "$TMP/no-such-dir/maria-lopez.json"
expect_rc 2 "facts file missing"
expect_err_has "--facts" "facts file missing"
expect_err_lacks "maria" "facts file name is not repeated"
sp pathways --facts "$TMP"
expect_rc 2 "facts file is a folder"
sp pathways --facts "$F" --rules "$TMP/no-such-rules"
expect_rc 2 "--rules folder missing"

# ---- bad facts: exit 2, names the fact, never repeats the value --------------

bad_facts "malformed JSON" '{"in_canada": Maria Lopez}' "facts" "Maria"
bad_facts "truncated JSON" '{"in_canada": tr' "facts" '"in_canada": tr'
bad_facts "not an object" '["Maria Lopez"]' "facts" "Maria"
bad_facts "empty input" '' "facts" "Maria"
bad_facts "unknown fact" '{"client_name": "Maria Lopez"}' "client_name" "Maria"
bad_facts "wrong type (bool)" '{"in_canada": "Maria Lopez"}' "in_canada" "Maria"
bad_facts "wrong type (date)" '{"entry_date": 20160101}' "entry_date" "20160101"
bad_facts "not an enum value" '{"status": "Maria Lopez"}' "status" "Maria"
bad_facts "impossible date" '{"entry_date": "2016-02-30"}' "entry_date" "2016-02-30"
bad_facts "date bad syntax" '{"claim_date": "30/01/2016"}' "claim_date" "30/01/2016"
# The JSON parser finds duplicates before any fact is looked at: "facts" only.
bad_facts "duplicate key" '{"in_canada": true, "in_canada": false}' "facts" "Maria"
bad_facts "nested object" '{"status": {"name": "Maria Lopez"}}' "status" "Maria"
bad_facts "deep nesting" "$(printf '%.0s[' {1..200})" "facts" "Maria"
printf '{"claim_made": "\xff\xfeMaria"}' >"$F"
sp pathways --facts "$F" --as-of "$DAY"
expect_rc 2 "invalid UTF-8"
expect_err_lacks "Maria" "invalid UTF-8"
# A decision dated before its claim violates a constraint of the rule set.
bad_facts "decision before claim" \
	'{"claim_made": true, "claim_date": "2016-05-01", "claim_outcome": "rejected", "claim_decision_date": "2016-03-17"}' \
	"claim" "2016-03-17"
# Over 64 KiB: refused as a whole, whatever it holds.
{ printf '{"in_canada": true, "x": "'; head -c 70000 /dev/zero | tr '\0' 'a'; printf '"}'; } >"$F"
sp pathways --facts "$F" --as-of "$DAY"
expect_rc 2 "facts over 64 KiB"
expect_err_has "64" "facts over 64 KiB"
# In French, the message is French and still names the fact.
facts '{"in_canada": "Maria Lopez"}'
sp pathways --facts "$F" --as-of "$DAY" --lang fr
expect_rc 2 "wrong type (fr)"
expect_err_has "in_canada" "wrong type (fr)"
expect_err_lacks "Maria" "wrong type (fr)"
if grep -q "faits" "$ERR"; then ok; else bad "wrong type (fr): message not in French"; fi

# ---- results -----------------------------------------------------------------

# Every avenue, with a valid status, in the JSON output for any facts.
check_json() {   # WHAT AS_OF
	if "$JC" <"$OUT" >/dev/null 2>"$TMP/jc"; then ok; else bad "$1: output is not valid JSON"; cat "$TMP/jc" >&2; return; fi
	expect_eq "$("$JC" as_of <"$OUT")" "$2" "$1: as_of"
	local a st shape until
	for a in $AVENUES; do
		st=$("$JC" "avenues.id=$a.status" <"$OUT" 2>/dev/null)
		case " $STATUSES " in
		*" $st "*) ok ;;
		*) bad "$1: avenue $a missing or bad status '$st'" ;;
		esac
		# The members of the contract, with their JSON types.
		shape=$("$JC" "avenues.id=$a.terms" "avenues.id=$a.reasons" "avenues.id=$a.depends_on" <"$OUT" 2>/dev/null | tr '\n' ' ')
		expect_eq "$shape" "object array array " "$1: $a has terms, reasons, depends_on"
		until=$("$JC" "avenues.id=$a.until" <"$OUT" 2>/dev/null)
		case $st:$until in
		barred:null | barred:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ok ;;
		barred:*) bad "$1: $a barred with until '$until'" ;;
		*:null) ok ;;
		*) bad "$1: $a is $st but has until '$until'" ;;
		esac
		if [ "$st" = unknown ]; then
			n=$("$JC" "avenues.id=$a.depends_on.#" <"$OUT" 2>/dev/null)
			if [ "${n:-0}" -gt 0 ]; then ok; else bad "$1: $a unknown with empty depends_on"; fi
		fi
	done
	expect_eq "$("$JC" avenues.# <"$OUT")" "$(echo $AVENUES | wc -w)" "$1: number of avenues"
	"$JC" deadlines.# questions.# <"$OUT" >/dev/null
	expect_rc_of $? "$1: deadlines and questions arrays"
}
expect_rc_of() { if [ "$1" -eq 0 ]; then ok; else bad "$2"; fi; }

facts '{}'
sp pathways --facts "$F" --as-of "$DAY" --format json
expect_rc 0 "no facts, json"
expect_err_empty "no facts, json"
check_json "no facts" "$DAY"
# Nothing known: nothing can be decided as available.
if grep -q '"available"' "$OUT"; then bad "no facts: an avenue is available with nothing known"; else ok; fi
nq=$("$JC" questions.# <"$OUT")
if [ "${nq:-0}" -gt 0 ]; then ok; else bad "no facts: no questions asked"; fi

facts '{"in_canada": true, "status": "no_status", "trafficking_indicated": true}'
IN=$F sp pathways --facts - --as-of "$DAY" --format json
expect_rc 0 "facts on standard input"
cp "$OUT" "$TMP/stdin.json"
IN=/dev/null
sp pathways --facts="$F" --as-of="$DAY" --format=json
expect_rc 0 "--opt=value forms"
if cmp -s "$OUT" "$TMP/stdin.json"; then ok; else bad "standard input and file give different output"; fi
check_json "trafficking indicated" "$DAY"

sp pathways --facts "$F" --as-of "$DAY"
expect_rc 0 "text output"
expect_err_empty "text output"
cp "$OUT" "$TMP/en.txt"
if [ -s "$OUT" ]; then ok; else bad "text output is empty"; fi
expect_out_has "legal advice" "text output ends with the legal-information notice"
sp pathways --facts "$F" --as-of "$DAY" --lang fr
expect_rc 0 "text output (fr)"
cp "$OUT" "$TMP/fr.txt"
expect_out_has "avis juridique" "French text carries the notice in French"
if cmp -s "$TMP/en.txt" "$TMP/fr.txt"; then bad "French text is the same as English"; else ok; fi
SAFEPATH_LANG=fr sp pathways --facts "$F" --as-of "$DAY"
if cmp -s "$OUT" "$TMP/fr.txt"; then ok; else bad "SAFEPATH_LANG=fr differs from --lang fr"; fi
sp pathways --facts "$F" --as-of "$DAY" --format json --lang fr
expect_rc 0 "json (fr)"
check_json "json (fr)" "$DAY"

sp pathways --facts "$F" --format json
expect_rc 0 "--as-of defaults to today"
expect_eq "$("$JC" as_of <"$OUT")" "$(date +%F)" "--as-of defaults to today"

sp pathways --facts "$F" --as-of "$DAY" --rules rules/federal --format json
expect_rc 0 "--rules rules/federal"
if cmp -s "$OUT" "$TMP/stdin.json"; then ok; else bad "--rules rules/federal differs from the built-in rules"; fi

# ---- the sample cases at their dates (data/samples/README.md) ----------------
# sample FILE AS_OF CHECK...   CHECK is AVENUE=STATUS, AVENUE=barred@LAST_DAY,
# AVENUE=barred@null, or deadline:ID=DUE_DATE.
sample() {
	local file=data/samples/$1 day=$2 c id want got
	shift 2
	if [ ! -f "$file" ]; then bad "sample $file is missing"; return; fi
	sp pathways --facts "$file" --as-of "$day" --format json
	expect_rc 0 "sample $file"
	check_json "sample $file" "$day"
	for c in "$@"; do
		id=${c%%=*} want=${c#*=}
		case $id in
		deadline:*)
			got=$("$JC" "deadlines.id=${id#deadline:}.due" <"$OUT" 2>/dev/null) ;;
		*)
			got=$("$JC" "avenues.id=$id.status" <"$OUT" 2>/dev/null)
			case $want in *@*) got=$got@$("$JC" "avenues.id=$id.until" <"$OUT" 2>/dev/null) ;; esac ;;
		esac
		expect_eq "$got" "$want" "sample $1 as of $day: $id"
	done
	# The text form of every sample works too, in both languages.
	sp pathways --facts "$file" --as-of "$day" --lang fr
	expect_rc 0 "sample $file, text in French"
}

# The forum's situation under the 2016 law, then under today's.
sample forum-2016-tfw.json 2016-11-24 trp_vtip=available refugee_claim=available \
	hc=available vw_owp=not_applicable
sample forum-2016-tfw.json 2026-11-28 trp_vtip=available vw_owp=available
# Bars with their last day: 12 months from the Board's decision, 36 for PRRA.
sample failed-claim-2016.json 2016-11-24 trp_vtip=barred@2017-06-01 \
	hc=barred@2017-06-01 prra=barred@2019-06-01
sample failed-claim-today.json 2026-11-28 trp_vtip=barred@2027-05-15 \
	hc=barred@2027-05-15 prra=barred@2027-05-15
# A rule in force since 2026-03-26, and the day before it existed.
sample one-year-rule-today.json 2026-11-28 refugee_claim=ineligible trp_vtip=available
sample one-year-rule-today.json 2025-08-01 refugee_claim=available
# A pending claim: a bar while pending, and the Basis of Claim deadline moved
# past a Sunday.
sample claim-pending-today.json 2026-11-28 hc=barred@null trp_vtip=available \
	deadline:boc=2026-12-07
sample vulnerable-worker-today.json 2026-11-28 vw_owp=available trp_vtip=not_applicable
sample five-eyes-claim-today.json 2026-11-28 refugee_claim=ineligible trp_vtip=available
sample trp-holder-5-years.json 2026-11-28 pr_permit_holder=available

finish
