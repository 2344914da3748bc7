#!/usr/bin/env bash
# test_directory_import.sh — `safepath directory import`: the HSDS examples as
# JSON and as a tabular data package (tests/data/hsds), the summary in text and
# JSON, re-import that updates and never doubles, all-or-nothing, problems that
# name file, line and field but never the value, French messages, --db and
# SAFEPATH_DB, and the usage errors.
#
#   tests/cli/test_directory_import.sh BIN [JSONCHECK]
#
# Run from the repository root (tests/run.sh does). Uses the sqlite3 shell to
# look inside databases. Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_directory_import.sh BIN [JSONCHECK]}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac   # the tests also run it from other folders
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG SAFEPATH_DB

DATA=tests/data/hsds
DB=$TMP/dir.db
q() { sqlite3 -batch -noheader "$DB" "$1" 2>/dev/null; }
expect_out_empty() {
	if [ -s "$OUT" ]; then bad "$1: unexpected output on stdout"; else ok; fi
}

# ---- usage --------------------------------------------------------------------------

sp directory import --help
expect_rc 0 "import --help"
expect_out_has "Usage: safepath directory import PATH" "import --help"
sp directory import --help --lang-ui fr
expect_out_has "Utilisation : safepath directory import CHEMIN" "import --help in French"
sp directory import --db "$DB"
expect_rc 2 "import without PATH"
expect_err_has "give one PATH" "import without PATH: says what is missing"
sp directory import --db "$DB" a.json b.json
expect_rc 2 "import with two PATHs"
sp directory import --db "$DB" --format xml "$DATA/service_full_valid.json"
expect_rc 2 "import --format xml"
sp directory import --db "$DB" --bogus "$DATA/service_full_valid.json"
expect_rc 2 "import --bogus"
expect_err_lacks "service_full_valid" "a usage error does not repeat the path"

# ---- the HSDS example as JSON -------------------------------------------------------

sp directory import --db "$DB" "$DATA/service_full_valid.json"
expect_rc 0 "import the HSDS example"
expect_err_empty "import the HSDS example"
expect_out_has "services: 1 added, 0 updated" "summary: service added"
expect_out_has "organizations: 1 added, 0 updated" "summary: organization added"
expect_out_has "locations: 1 added, 0 updated" "summary: location added"
expect_eq "$(q 'SELECT count(*) FROM phone')" 1 "one phone for its four parents"
expect_eq "$(q "SELECT count(*) FROM service_fts WHERE service_fts MATCH 'counselling'")" 1 "full-text row"
expect_eq "$(q 'SELECT count(*) FROM location_rtree')" 1 "R*Tree point"
before=$(q 'SELECT (SELECT count(*) FROM service) || "/" || (SELECT count(*) FROM phone) || "/" ||
            (SELECT count(*) FROM schedule) || "/" || (SELECT count(*) FROM attribute)')

sp directory import --db "$DB" --format json "$DATA/service_full_valid.json"
expect_rc 0 "import again, JSON summary"
if "$JC" <"$OUT" >/dev/null 2>&1; then ok; else bad "the JSON summary is valid JSON"; fi
expect_eq "$("$JC" imported services.added services.updated locations.updated <"$OUT" | tr '\n' ' ')" \
          "true 0 1 1 " "JSON summary: nothing added, all updated"
after=$(q 'SELECT (SELECT count(*) FROM service) || "/" || (SELECT count(*) FROM phone) || "/" ||
           (SELECT count(*) FROM schedule) || "/" || (SELECT count(*) FROM attribute)')
expect_eq "$after" "$before" "re-import doubles nothing"

# ---- the same example as a data package ---------------------------------------------

sp directory import --db "$TMP/csv.db" "$DATA/csv"
expect_rc 0 "import the HSDS data package"
expect_out_has "services: 1 added" "package: service added"
expect_out_has "not kept" "package: the tables safepath does not keep are counted"
DB=$TMP/csv.db
expect_eq "$(q 'SELECT city FROM address')" "MyCity" "package: address"
sp directory import --db "$TMP/csv.db" "$DATA/csv/datapackage.json"
expect_rc 0 "import the package by its datapackage.json"
expect_out_has "services: 0 added, 1 updated" "package again: updated"
expect_eq "$(q 'SELECT count(*) FROM service_at_location')" 1 "package again: no doubles"
DB=$TMP/dir.db

# ---- problems -----------------------------------------------------------------------

sp directory import --db "$DB" "$DATA/service_full.json"
expect_rc 2 "the published example (latitude 100) is refused"
expect_err_has "service_full.json:153:21: latitude: number out of range" "problem names file, line, column, field"
expect_err_has "service_full.json:336:21: latitude" "every place is named"
expect_err_has "nothing was imported; the directory is unchanged" "all or nothing is said"
expect_out_empty "refused import"

# A person's name and a bad value in the data: neither is repeated.
cat >"$TMP/bad.json" <<'EOF'
[{"id": "s-new", "name": "Ok", "status": "active",
  "organization": {"id": "o-new", "name": "Org", "description": "d"}},
 {"id": "s-bad", "name": "Jane Q. Private", "status": "SECRETSTATUS",
  "email": "jane@example.org", "assured_date": "31/12/2024",
  "organization": {"id": "o-new", "name": "Org", "description": "d"}}]
EOF
sp directory import --db "$DB" "$TMP/bad.json"
expect_rc 2 "a bad service in the middle"
expect_err_has "bad.json:3:55: status: not one of the values HSDS allows here" "bad enum named"
expect_err_has "bad.json:4:48: assured_date: not a real day written YYYY-MM-DD" "bad date named"
expect_err_lacks "SECRETSTATUS" "the bad value is not repeated"
expect_err_lacks "31/12/2024" "the bad date is not repeated"
expect_err_lacks "Jane" "nothing else from the row is repeated"
expect_eq "$(q "SELECT count(*) FROM service WHERE id = 's-new'")" 0 "the good service before it is not kept"
expect_eq "$(q "SELECT count(*) FROM organization WHERE id = 'o-new'")" 0 "nor its organization"
expect_eq "$(q 'SELECT count(*) FROM service')" 1 "the earlier data is intact"

sp directory import --db "$DB" --format json "$TMP/bad.json"
expect_rc 2 "JSON problems"
if "$JC" <"$OUT" >/dev/null 2>&1; then ok; else bad "the JSON problem list is valid JSON"; fi
expect_eq "$("$JC" imported problems.# problems.0.file problems.0.line <"$OUT" | tr '\n' ' ')" \
          "false 2 bad.json 3 " "JSON problems: file and line"
expect_eq "$("$JC" problems.field=assured_date.column <"$OUT")" 48 "JSON problems: column"

sp directory import --db "$DB" --lang-ui fr "$TMP/bad.json"
expect_rc 2 "French problems"
expect_err_has "status: pas une des valeurs que HSDS permet ici" "problem in French"
expect_err_has "rien n'a été importé" "all or nothing in French"

sp directory import --db "$DB" "$TMP/no-such.json"
expect_rc 2 "a missing file"
expect_err_has "no-such.json: cannot open or read the file" "a missing file is named"

mkdir -p "$TMP/pkg"
printf '{"resources": [{"name": "service", "path": "../../etc/passwd"}]}' >"$TMP/pkg/datapackage.json"
sp directory import --db "$DB" "$TMP/pkg"
expect_rc 2 "a resource path outside the package"
expect_err_has "datapackage.json:1:44: path: a resource path must be a plain relative path" "path refused"
expect_err_lacks "passwd" "the path is not repeated"

# ---- --db and SAFEPATH_DB -----------------------------------------------------------

SAFEPATH_DB=$TMP/env.db sp directory import "$DATA/service_list.json"
expect_rc 0 "SAFEPATH_DB"
if [ -f "$TMP/env.db" ]; then ok; else bad "SAFEPATH_DB names the database"; fi
(cd "$TMP" && "$BIN" directory import "$OLDPWD/$DATA/service_list.json" >/dev/null 2>&1)
if [ -f "$TMP/safepath.db" ]; then ok; else bad "the default database is safepath.db in the current folder"; fi

finish
