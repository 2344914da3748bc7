#!/usr/bin/env bash
# test_directory_search.sh — the command-line contract of `safepath directory
# search` and `safepath directory slip`: exit statuses, messages that name the
# option and the problem but never repeat the value, JSON shape, text in both
# languages, and the slip written to a file.
#
#   tests/cli/test_directory_search.sh BIN [JSONCHECK]
#
# Uses a database of the seed entries (directory init) and one of 300 made-up
# services (directory generate + import). Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_directory_search.sh BIN [JSONCHECK]}
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG SAFEPATH_DB

SEED_DB=$TMP/seed.db
SYN_DB=$TMP/syn.db
"$BIN" directory init --db "$SEED_DB" >/dev/null 2>&1 || bad "directory init failed"
"$BIN" directory generate --services 300 --seed 3 "$TMP/syn.json" >/dev/null 2>&1 \
	&& "$BIN" directory import --db "$SYN_DB" "$TMP/syn.json" >/dev/null 2>&1 \
	|| bad "could not build the synthetic directory"

# bad_opt WHAT SECRET ARGS... : exit 2, the message names WHAT, never SECRET,
# nothing on stdout.
bad_opt() {
	local what=$1 secret=$2
	shift 2
	sp directory search --db "$SEED_DB" "$@"
	expect_rc 2 "$what: exit status"
	expect_err_has "$what" "$what: names the option"
	if [ -n "$secret" ]; then expect_err_lacks "$secret" "$what: does not repeat the value"; fi
	if [ -s "$OUT" ]; then bad "$what: output on stdout despite the error"; else ok; fi
}

# ---- bad input ------------------------------------------------------------------

bad_opt --q "Amira" --q 'Amira "Khan"'
expect_err_has "type plain words" "--q with a quote: says to type plain words"
bad_opt --q "Amira" --q 'Amira AND wages'
bad_opt --q "Amira" --q 'name:Amira'
bad_opt --q "" --q ''
bad_opt --q "" --q "$(printf 'w%.0s ' $(seq 1 17))"
bad_opt --q "" --q "$(printf 'x%.0s' $(seq 1 300))"
bad_opt --q "" --q "$(printf 'caf\303')"
bad_opt --need "amira_secret" --need amira_secret
expect_err_has "emergency_shelter" "--need unknown: lists the needs"
bad_opt --need "Amira" --need 'Amira Khan'
bad_opt --province "ZZ" --province ZZ
bad_opt --city "Amira" --city 'Amira (home)'
bad_opt --near "45.123456" --near 45.123456
bad_opt --near "91.5" --near 91.5,20
bad_opt --near "nan" --near nan,1
bad_opt --within "777" --near 45,-73 --within 0.0
bad_opt --within "1777" --near 45,-73 --within 1777
bad_opt --within "" --within 25
expect_err_has "--near" "--within alone: says --near is needed"
bad_opt --lang "xyzw" --lang xyzw
bad_opt --limit "777" --limit 777
bad_opt --limit "" --limit 0
sp directory search --db "$SEED_DB" --format xml
expect_rc 2 "--format xml"
sp directory search --db "$SEED_DB" --frobnicate
expect_rc 2 "unknown option"
sp directory search --db "$SEED_DB" stray-word
expect_rc 2 "a stray argument"
expect_err_lacks "stray-word" "a stray argument: not repeated"
sp directory search --db "$TMP/none.db" --q abri
expect_rc 1 "a missing database"
if [ ! -e "$TMP/none.db" ]; then ok; else bad "search created a database"; fi
sp --lang fr directory search --db "$SEED_DB" --limit 0
expect_rc 2 "French message: exit status"
expect_err_has "le nombre de résultats" "--limit 0 with the French UI: message in French"
sp directory search --lang-ui fr --db "$SEED_DB" --province QQ
expect_err_has "n'est pas un code de province" "--lang-ui fr: message in French"

# ---- results ---------------------------------------------------------------------

sp directory search --help
expect_rc 0 "--help"
expect_out_has "--no-status" "--help lists --no-status"

sp directory search --db "$SEED_DB" --q "normes du travail" --format json
expect_rc 0 "search normes du travail"
expect_err_empty "search normes du travail"
if "$JC" <"$OUT" >/dev/null 2>&1; then ok; else bad "search --format json: not valid JSON"; fi
total=$("$JC" total <"$OUT")
if [ "${total:-0}" -ge 1 ]; then ok; else bad "normes du travail: nothing found"; fi
expect_eq "$("$JC" results.0.fuzzy <"$OUT")" "false" "an exact match is not fuzzy"
for k in service_id name organization description phones city province distance_km languages \
	status_required shares_with_enforcement verified; do
	"$JC" "results.0.$k" <"$OUT" >/dev/null 2>&1 || bad "JSON result lacks $k"
done
ok

sp directory search --db "$SEED_DB" --q "normes travail" --format json
expect_eq "$("$JC" total <"$OUT")" "$total" "accents and stop words: same matches"

sp directory search --db "$SEED_DB" --q labuor --format json
expect_rc 0 "typo"
expect_eq "$("$JC" results.0.fuzzy <"$OUT")" "true" "a typo is marked fuzzy"
sp directory search --db "$SEED_DB" --q labuor
expect_out_has "close matches for: labuor" "a typo: text says so"

sp directory search --db "$SEED_DB" --q zzzzqqqq --format json
expect_rc 0 "nothing found is not an error"
expect_eq "$(cat "$OUT")" '{"total": 0, "results": []}' "nothing found: empty JSON"
sp directory search --db "$SEED_DB" --q zzzzqqqq
expect_out_has "No service found." "nothing found: text"

sp directory search --db "$SEED_DB" --need human_rights_complaint --province QC --format json
expect_rc 0 "need + province"
expect_eq "$("$JC" results.0.province <"$OUT")" "QC" "need + province: a Quebec service"
sp directory search --db "$SEED_DB" --need human_rights_complaint --limit 1 --format json
expect_eq "$("$JC" results.# <"$OUT")" "1" "--limit 1: one result"
n=$("$JC" total <"$OUT")
if [ "${n:-0}" -gt 1 ]; then ok; else bad "--limit: total counts every match"; fi

sp directory search --db "$SEED_DB" --q "human rights" --lang-ui fr
expect_rc 0 "text in French"
expect_out_has "Les renseignements peuvent changer" "text in French: the warning"
sp directory search --db "$SEED_DB" --q "human rights"
expect_out_has "Information can change" "text in English: the warning"
expect_out_has "Verified on" "text: the verification date"

# Distance: nearest first, all within the radius, numbers in JSON.
sp directory search --db "$SYN_DB" --near 43.6532,-79.3832 --within 40 --limit 100 --format json
expect_rc 0 "--near Toronto"
count=$("$JC" results.# <"$OUT")
if [ "${count:-0}" -ge 1 ]; then ok; else bad "--near Toronto: nothing found"; fi
"$JC" 'results.*.distance_km' <"$OUT" >"$TMP/d"
if sort -g -c "$TMP/d" 2>/dev/null; then ok; else bad "--near: not nearest first"; fi
if awk '$1 > 40 || $1 == "null" { exit 1 }' "$TMP/d"; then ok; else bad "--near: a result outside 40 km"; fi
sp directory search --db "$SYN_DB" --q shelter --near 43.6532,-79.3832 --format json
expect_rc 0 "--q with --near"
sp directory search --db "$SYN_DB" --q shelter --format json
expect_eq "$("$JC" results.0.distance_km <"$OUT")" "null" "no --near: no distance"
id=$("$JC" results.0.service_id <"$OUT")
id2=$("$JC" results.1.service_id <"$OUT")

# ---- slip ------------------------------------------------------------------------

sp directory slip --db "$SYN_DB" "$id" "$id2"
expect_rc 0 "slip to stdout"
expect_out_has "<!DOCTYPE html>" "slip: an HTML page"
expect_out_has '<html lang="en">' "slip: lang attribute"
expect_out_has "@media print" "slip: print rules"
expect_out_has "no information about the person" "slip: says it holds nothing about the person"
if grep -qiE '<script|src=|href=|<link|url\(' "$OUT"; then bad "slip: loads or runs something"; else ok; fi
sp directory slip --db "$SYN_DB" --lang-ui fr --out "$TMP/slip.html" "$id"
expect_rc 0 "slip --out"
if [ -s "$OUT" ]; then bad "slip --out: also wrote to stdout"; else ok; fi
expect_eq "$(stat -c %a "$TMP/slip.html")" "644" "slip --out: mode 0644"
if grep -q '<html lang="fr">' "$TMP/slip.html"; then ok; else bad "slip --lang-ui fr: lang attribute"; fi
if grep -q "Fiche de référence" "$TMP/slip.html"; then ok; else bad "slip in French"; fi
if ls "$TMP"/slip.html.* >/dev/null 2>&1; then bad "slip --out: temporary file left"; else ok; fi
sp directory slip --db "$SYN_DB" "$id" "amira-khan-file"
expect_rc 2 "slip: unknown id"
expect_err_has "number 2" "slip: unknown id named by position"
expect_err_lacks "amira" "slip: unknown id not repeated"
sp directory slip --db "$SYN_DB" "$(printf 'bad\001id')"
expect_rc 2 "slip: an id with a control character"
sp directory slip --db "$SYN_DB"
expect_rc 2 "slip without an id"
sp directory slip --db "$SYN_DB" $(seq 1 21)
expect_rc 2 "slip: more than 20 ids"
sp directory slip --db "$SYN_DB" --out "$TMP/no/such/dir/slip.html" "$id"
expect_rc 1 "slip --out into a missing folder"
expect_err_lacks "such/dir" "slip --out: the file name is not repeated"
sp directory slip --help
expect_rc 0 "slip --help"

finish
