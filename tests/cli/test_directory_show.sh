#!/usr/bin/env bash
# test_directory_show.sh — `safepath directory show ID`: the text a worker
# reads (both languages), the JSON that is the service's element of
# `directory export --format json`'s services.json byte for byte, exit
# statuses and messages that never repeat the id; then, with a server
# (`safepath serve`) and curl, that the JSON API prints the same bytes as the
# command line: /api/directory/services/{id} = directory show --format json,
# /api/directory/search = directory search --format json, /api/pathways =
# pathways --format json, /api/assess = assess --format json.
#
#   tests/cli/test_directory_show.sh BIN [JSONCHECK]
#
# Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_directory_show.sh BIN [JSONCHECK]}
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG SAFEPATH_DB

SEED_DB=$TMP/seed.db
SYN_DB=$TMP/syn.db
"$BIN" directory init --db "$SEED_DB" >/dev/null 2>&1 || bad "directory init failed"
"$BIN" directory generate --services 200 --seed 5 "$TMP/syn.json" >/dev/null 2>&1 \
	&& "$BIN" directory import --db "$SYN_DB" "$TMP/syn.json" >/dev/null 2>&1 \
	|| bad "could not build the synthetic directory"

"$BIN" directory search --db "$SEED_DB" --limit 100 --format json >"$TMP/all.json" 2>/dev/null
ids=$("$JC" 'results.*.service_id' <"$TMP/all.json")
n_ids=$(printf '%s\n' "$ids" | grep -c .)
if [ "$n_ids" -ge 10 ]; then ok; else bad "the seed directory lists $n_ids services"; fi
id=$(printf '%s\n' "$ids" | head -n 1)

# ---- text ------------------------------------------------------------------------

sp directory show --db "$SEED_DB" "$id"
expect_rc 0 "show (text)"
expect_err_empty "show (text)"
expect_out_has "$("$JC" results.0.name <"$TMP/all.json")" "show: the name"
expect_out_has "Immigration status: " "show: the status condition"
expect_out_has "Information sharing: " "show: the sharing condition"
expect_out_has "Checked: " "show: when it was checked"
expect_out_has "Id (for a referral slip): $id" "show: the id at the end"
if grep -q '<' "$OUT"; then bad "show (text): markup in the text"; else ok; fi
sp directory show --lang-ui fr --db "$SEED_DB" "$id"
expect_rc 0 "show in French"
expect_out_has "Statut d'immigration : " "show in French: labels"
sp directory --lang-ui fr show --db "$SEED_DB" "$id"
expect_out_has "Statut d'immigration : " "--lang-ui before the subcommand"
sp directory show --help
expect_rc 0 "show --help"
expect_out_has "HSDS 3.0" "show --help: says what the JSON is"
sp directory --help
expect_out_has "  show " "directory --help lists show"

# A confidential location (the importer keeps no street for it): said so.
if command -v sqlite3 >/dev/null 2>&1; then
	conf=$(sqlite3 "$SYN_DB" "SELECT sal.service_id FROM service_at_location sal JOIN location l \
		ON l.id = sal.location_id JOIN address a ON a.location_id = l.id \
		WHERE l.confidential = 1 AND a.city IS NOT NULL LIMIT 1" 2>/dev/null)
	if [ -n "$conf" ]; then
		sp directory show --db "$SYN_DB" "$conf"
		expect_rc 0 "show a confidential service"
		expect_out_has "kept confidential" "show: says the address is confidential"
	else
		bad "the synthetic directory has no confidential location with a city"
	fi
fi

# ---- JSON: the export's element, byte for byte -------------------------------------

"$BIN" directory export --db "$SEED_DB" "$TMP/export" >/dev/null 2>&1 || bad "export failed"
same=0
for i in $ids; do
	"$BIN" directory show --db "$SEED_DB" --format json "$i" >"$OUT" 2>"$ERR" || bad "show --format json $i"
	line=$(cat "$OUT")
	if grep -qxF -- "$line," "$TMP/export/services.json" || grep -qxF -- "$line" "$TMP/export/services.json"
	then same=$((same + 1)); fi
	if [ "$(tail -c 1 "$OUT" | od -An -c | tr -d ' ')" = '\n' ]; then ok; else bad "show json: ends with a newline"; fi
done
expect_eq "$same" "$n_ids" "show --format json: each service as in services.json"
sp directory show --db "$SEED_DB" --format json "$id"
if "$JC" <"$OUT" >/dev/null 2>&1; then ok; else bad "show --format json: not valid JSON"; fi
expect_eq "$("$JC" id <"$OUT")" "$id" "show json: its id"

# ---- errors ------------------------------------------------------------------------

sp directory show --db "$SEED_DB" "amira-khan-file"
expect_rc 2 "show: unknown id"
expect_err_has "no service in the directory has this id" "show: unknown id, said so"
expect_err_lacks "amira" "show: unknown id not repeated"
if [ -s "$OUT" ]; then bad "show: unknown id wrote to stdout"; else ok; fi
sp directory show --db "$SEED_DB" --format json "amira-khan-file"
expect_rc 2 "show json: unknown id"
expect_err_lacks "amira" "show json: unknown id not repeated"
sp directory show --db "$SEED_DB" "$(printf 'bad\001id')"
expect_rc 2 "show: an id with a control character"
sp directory show --db "$SEED_DB"
expect_rc 2 "show without an id"
sp directory show --db "$SEED_DB" "$id" "amira-second"
expect_rc 2 "show with two ids"
expect_err_lacks "amira" "show with two ids: not repeated"
sp directory show --db "$SEED_DB" --format xml "$id"
expect_rc 2 "show --format xml"
sp directory show --db "$TMP/none.db" "$id"
expect_rc 1 "show: a missing database"
if [ ! -e "$TMP/none.db" ]; then ok; else bad "show created a database"; fi
sp directory show --lang-ui fr --db "$SEED_DB" "amira"
expect_err_has "aucun service du répertoire n'a cet identifiant" "show: French message"

# ---- the JSON API prints the same bytes ------------------------------------------

if ! command -v curl >/dev/null 2>&1; then
	echo "curl is missing: the API comparison is skipped" >&2
	finish
	exit $?
fi
"$BIN" serve --listen 127.0.0.1:0 --db "$SEED_DB" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
url=
for _ in $(seq 100); do
	url=$(sed -n 's/^safepath: serving on \(http:[^ ]*\)$/\1/p' "$TMP/serve.out")
	[ -n "$url" ] && break
	sleep 0.05
done
if [ -z "$url" ]; then
	bad "safepath serve did not start"
	finish
	exit $?
fi
ok

# api_same WHAT CURL-ARGS... : the response body equals $TMP/cli byte for byte, status 200.
api_same() {
	local what=$1 code
	shift
	code=$(curl -s -o "$TMP/api" -w '%{http_code}' "$@")
	expect_eq "$code" "200" "$what: status"
	if cmp -s "$TMP/api" "$TMP/cli"; then ok; else bad "$what: API and command line differ"; fi
}

for i in $(printf '%s\n' "$ids" | head -n 5); do
	"$BIN" directory show --db "$SEED_DB" --format json "$i" >"$TMP/cli"
	api_same "service $i" "${url}api/directory/services/$i"
done
code=$(curl -s -o "$TMP/api" -w '%{http_code}' "${url}api/directory/services/amira")
expect_eq "$code" "404" "API: unknown service"
if "$JC" error.message <"$TMP/api" >/dev/null 2>&1; then ok; else bad "API 404: no error JSON"; fi

"$BIN" directory search --db "$SEED_DB" --format json >"$TMP/cli"
api_same "search, no filter" "${url}api/directory/search"
"$BIN" directory search --db "$SEED_DB" --q "normes du travail" --province QC --limit 3 --format json >"$TMP/cli"
api_same "search text + province" --get --data-urlencode "q=normes du travail" \
	--data-urlencode "province=QC" --data-urlencode "limit=3" "${url}api/directory/search"
"$BIN" directory search --db "$SEED_DB" --q labuor --format json >"$TMP/cli"
api_same "search with a typo" "${url}api/directory/search?q=labuor"
"$BIN" directory search --db "$SEED_DB" --need human_rights_complaint --no-status --format json >"$TMP/cli"
api_same "search need + no_status" "${url}api/directory/search?need=human_rights_complaint&no_status=1"
code=$(curl -s -o "$TMP/api" -w '%{http_code}' "${url}api/directory/search?city=Amira%20(home)")
expect_eq "$code" "400" "API search: a bad city"
if grep -q "Amira" "$TMP/api"; then bad "API search: the value repeated"; else ok; fi

for f in data/samples/forum-2016-tfw.json data/samples/failed-claim-2016.json; do
	"$BIN" pathways --facts "$f" --as-of 2016-11-24 --lang fr --format json >"$TMP/cli"
	api_same "pathways $f" -H 'Content-Type: application/json' --data-binary "@$f" \
		"${url}api/pathways?as_of=2016-11-24&lang=fr"
done
f=data/samples/answers/farm-workers-qc-2016.json
"$BIN" assess --answers "$f" --as-of 2016-11-24 --format json >"$TMP/cli"
api_same "assess $f" -H 'Content-Type: application/json' --data-binary "@$f" \
	"${url}api/assess?as_of=2016-11-24"
code=$(curl -s -o "$TMP/api" -w '%{http_code}' --data-binary "@$f" "${url}api/assess")
expect_eq "$code" "415" "API assess: a form content type"

finish
