#!/usr/bin/env bash
# test_directory_export.sh — `safepath directory export` end to end: builds
# three directories (tests/hsds/fixture.json with the awkward cases, the seed
# entries, a generated synthetic one), exports each as JSON and as CSV,
# validates both against the HSDS 3.0 JSON schemas with ajv
# (tests/hsds/validate.js), re-imports each export into a fresh database and
# checks that exporting that database again gives byte-identical files (the
# round trip is lossless, through JSON and through CSV). Then: the validator
# does fail on broken exports; a confidential site's street address leaves in
# no file; the formula guard is in the CSV; the folder rule and bad usage.
#
#   bash tests/cli/test_directory_export.sh BUILD_DIR/safepath
set -u
BIN=$1
# shellcheck source=tests/cli/common.bash
. "$(dirname "$0")/common.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VALIDATE=$ROOT/tests/hsds/validate.js
FIXTURE=$ROOT/tests/hsds/fixture.json

if ! command -v node >/dev/null 2>&1 || [ ! -d "$ROOT/tests/hsds/node_modules/ajv" ]; then
	bad "node or ajv is missing: run 'make check' (it runs npm ci --prefix tests/hsds)"
	finish
	exit 1
fi

# validate MODE DIR WHAT — the export must pass.
validate() {
	if node "$VALIDATE" "$1" "$2" >"$TMP/val" 2>&1; then ok; else
		bad "$3: $(grep -m 5 FAIL "$TMP/val")"
	fi
}
# invalid MODE DIR WHAT — the (broken) export must fail.
invalid() {
	if node "$VALIDATE" "$1" "$2" >"$TMP/val" 2>&1; then bad "$3: the validator accepted it"; else ok; fi
}

# same A B WHAT — two folders hold the same files with the same bytes.
same() {
	if diff -rq "$1" "$2" >"$TMP/diff" 2>&1; then ok; else bad "$3: $(head -n 5 "$TMP/diff")"; fi
}

# roundtrip DB NAME — export, validate, re-import each form, export again, compare.
roundtrip() {
	local db=$1 name=$2 d=$TMP/$2
	sp directory export --db "$db" --format json "$d-j1"
	expect_rc 0 "$name: export --format json"
	sp directory export --db "$db" --format csv "$d-c1"
	expect_rc 0 "$name: export --format csv"
	validate json "$d-j1" "$name: JSON export against the HSDS 3.0 schemas"
	validate csv "$d-c1" "$name: CSV export against the HSDS 3.0 schemas"
	local src form
	for form in json csv; do
		if [ "$form" = json ]; then src=$d-j1/services.json; else src=$d-c1; fi
		sp directory import "$src" --db "$d-$form.db"
		expect_rc 0 "$name: re-import of the $form export"
		sp directory export --db "$d-$form.db" --format json "$d-$form-j2"
		expect_rc 0 "$name: JSON export after the $form round trip"
		sp directory export --db "$d-$form.db" --format csv "$d-$form-c2"
		expect_rc 0 "$name: CSV export after the $form round trip"
		same "$d-j1" "$d-$form-j2" "$name: JSON export after a round trip through $form"
		same "$d-c1" "$d-$form-c2" "$name: CSV export after a round trip through $form"
	done
}

# ---- the fixture: formulas, quotes, line breaks, accents, a confidential site ----
sp directory import "$FIXTURE" --db "$TMP/fx.db"
expect_rc 0 "import tests/hsds/fixture.json"
roundtrip "$TMP/fx.db" fixture

# The confidential site's street, postal code, directions and coordinates
# leave in no file of either form.
for secret in "Secret Street" "Unit 3" "Ms Hidden" "Hidden Region" "M5V" "Bus 12" "43.65" "79.38"; do
	if grep -rqF -- "$secret" "$TMP/fixture-j1" "$TMP/fixture-c1"; then
		bad "the confidential location's '$secret' is in the export"
	else ok; fi
done
# Its city and intake phone do.
if grep -qF '"city":"Toronto"' "$TMP/fixture-j1/services.json" \
   && grep -qF '416-555-0199' "$TMP/fixture-c1/phones.csv"; then ok; else
	bad "the confidential location's city or intake phone is missing"
fi
# The formula guard, and numbers left alone.
if grep -qF "\"'=HYPERLINK(\"\"http://example.org\"\")" "$TMP/fixture-c1/services.csv" \
   && grep -qF ",'+1 416 555 0100," "$TMP/fixture-c1/phones.csv" \
   && grep -qF ",45.515,-73.561," "$TMP/fixture-c1/locations.csv"; then ok; else
	bad "the CSV formula guard is not as docs/taxonomy.md says"
fi
# CRLF after every record.
if [ "$(grep -c $'\r$' "$TMP/fixture-c1/phones.csv")" -eq 4 ]; then ok; else
	bad "phones.csv: records do not end with CRLF"
fi

# ---- the seed entries and a synthetic directory ----
sp directory init --db "$TMP/seed.db"
expect_rc 0 "directory init"
roundtrip "$TMP/seed.db" seed

sp directory generate --services 150 --seed 3 "$TMP/synthetic.json"
expect_rc 0 "directory generate"
sp directory import "$TMP/synthetic.json" --db "$TMP/syn.db"
expect_rc 0 "import of the synthetic directory"
roundtrip "$TMP/syn.db" synthetic

# ---- the validator fails on broken exports ----
cp -r "$TMP/fixture-j1" "$TMP/broken-j"
sed -i 's/"status":"active"/"status":"open"/' "$TMP/broken-j/services.json"
invalid json "$TMP/broken-j" "a service status HSDS does not allow"
cp -r "$TMP/fixture-j1" "$TMP/broken-j2"
sed -i 's/"address_1":"","city":"Toronto"/"address_1":"12 Secret Street","city":"Toronto"/' \
	"$TMP/broken-j2/services.json"
invalid json "$TMP/broken-j2" "a confidential location with a street address"
cp -r "$TMP/fixture-c1" "$TMP/broken-c"
sed -i "s/\"'=HYPERLINK/\"=HYPERLINK/" "$TMP/broken-c/services.csv"
invalid csv "$TMP/broken-c" "a CSV cell that a spreadsheet would run"
cp -r "$TMP/fixture-c1" "$TMP/broken-c2"
sed -i 's/\r$//' "$TMP/broken-c2/languages.csv"
invalid csv "$TMP/broken-c2" "CSV records without CRLF"
cp -r "$TMP/fixture-c1" "$TMP/broken-c3"
sed -i '1s/^id,name,/id,title,/' "$TMP/broken-c3/taxonomies.csv"
invalid csv "$TMP/broken-c3" "a CSV header that is not HSDS's"

# ---- the folder rule and usage ----
mkdir "$TMP/Jane-Doe-files"
echo "notes" >"$TMP/Jane-Doe-files/notes.txt"
sp directory export --db "$TMP/fx.db" "$TMP/Jane-Doe-files"
expect_rc 2 "export into a folder holding another file"
expect_err_has "not a safepath export" "export into a folder holding another file"
expect_err_lacks "Jane-Doe" "the folder's name is not repeated"
if [ "$(cat "$TMP/Jane-Doe-files/notes.txt")" = notes ] && [ ! -e "$TMP/Jane-Doe-files/services.json" ]; then
	ok; else bad "the foreign folder was changed"; fi

# Exporting again into a previous export replaces it; switching format
# removes the other format's files.
sp directory export --db "$TMP/fx.db" --format csv "$TMP/fixture-j1"
expect_rc 0 "export into a previous export"
if [ ! -e "$TMP/fixture-j1/services.json" ] && [ -e "$TMP/fixture-j1/services.csv" ]; then ok; else
	bad "switching format left the other format's files"; fi
if [ "$(stat -c %a "$TMP/fixture-j1/services.csv")" = 644 ]; then ok; else bad "files are not mode 0644"; fi

sp directory export --db "$TMP/fx.db" --format xml "$TMP/x"
expect_rc 2 "--format xml"
sp directory export --db "$TMP/fx.db"
expect_rc 2 "no folder"
sp directory export --db "$TMP/fx.db" "$TMP/a" "$TMP/b"
expect_rc 2 "two folders"
sp directory export --db "$TMP/missing.db" "$TMP/y"
expect_rc 1 "a database that does not exist"
if [ ! -e "$TMP/missing.db" ]; then ok; else bad "export created a database"; fi
sp directory export --help
expect_rc 0 "--help"
expect_out_has "--format json" "--help"
sp directory export --db "$TMP/fx.db" "$TMP/Jane-Doe-files" --lang-ui fr
expect_rc 2 "French message"
expect_err_has "pas un export safepath" "French message"

finish
