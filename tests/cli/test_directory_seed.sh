#!/usr/bin/env bash
# test_directory_seed.sh — `safepath directory init` and `directory generate`:
# init creates a database holding every seed entry and the needs vocabulary,
# refuses to replace a file without --force, follows --db and SAFEPATH_DB;
# generate is deterministic, valid HSDS-shaped JSON, marked synthetic
# throughout, splittable with --first; synthetic and real entries are never
# mixed in one database.
#
#   tests/cli/test_directory_seed.sh BIN [JSONCHECK]
#
# Run from the repository root (tests/run.sh does). Uses the sqlite3 shell to
# look inside databases. Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_directory_seed.sh BIN [JSONCHECK]}
JC=${2:-$(dirname "$BIN")/tests/jsoncheck}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG SAFEPATH_DB

SEED=data/directory/seed.json
SYN_TERM=c0def9a9-b35b-49c2-b91e-099ee13dc412     # docs/taxonomy.md: synthetic
q() { sqlite3 -batch -noheader "$1" "$2" 2>/dev/null; }

seed_count=$("$JC" contents.# <"$SEED")
needs_count=$("$JC" needs.# <data/directory/needs.json)
if [ "${seed_count:-0}" -ge 15 ]; then ok; else bad "seed.json: fewer services than expected"; fi

# ---- generate: usage ------------------------------------------------------------

sp directory generate "$TMP/x.json"
expect_rc 2 "generate without --services"
expect_err_has "--services" "generate without --services: says what is missing"
sp directory generate --services ten "$TMP/x.json"
expect_rc 2 "generate --services ten"
sp directory generate --services -5 "$TMP/x.json"
expect_rc 2 "generate --services -5"
sp directory generate --services 10000001 "$TMP/x.json"
expect_rc 2 "generate --services over the cap"
sp directory generate --services 3 --seed 1x "$TMP/x.json"
expect_rc 2 "generate --seed 1x"
sp directory generate --services 3
expect_rc 2 "generate without OUT"
sp directory generate --services 3 "$TMP/x.json" "$TMP/y.json"
expect_rc 2 "generate with two OUT files"
if [ ! -e "$TMP/x.json" ]; then ok; else bad "generate wrote a file after a usage error"; fi
sp directory generate --help
expect_rc 0 "generate --help"
expect_out_has "--services N" "generate --help text"
sp --lang fr directory generate --services x "$TMP/x.json"
expect_err_has "nombre entier" "generate: message in French"

# ---- generate: output -----------------------------------------------------------

sp directory generate --services 60 --seed 7 "$TMP/a.json"
expect_rc 0 "generate 60 --seed 7"
expect_err_empty "generate 60"
sp directory generate --services 60 --seed 7 "$TMP/b.json"
if cmp -s "$TMP/a.json" "$TMP/b.json"; then ok; else bad "generate is not deterministic"; fi
sp directory generate --services 60 --seed 8 "$TMP/c.json"
if ! cmp -s "$TMP/a.json" "$TMP/c.json"; then ok; else bad "another seed gives the same directory"; fi
sp directory generate --services 60 --seed 7 -
if cmp -s "$TMP/a.json" "$OUT"; then ok; else bad "generate to standard output differs from the file"; fi

if "$JC" <"$TMP/a.json" >/dev/null 2>&1; then ok; else bad "generated JSON is not valid"; fi
expect_eq "$("$JC" total_items <"$TMP/a.json")" 60 "total_items"
expect_eq "$("$JC" contents.# <"$TMP/a.json")" 60 "contents has 60 services"
expect_eq "$("$JC" 'contents.*.id' <"$TMP/a.json" | sort -u | wc -l)" 60 "service ids are unique"
if "$JC" 'contents.*.id' <"$TMP/a.json" \
	| grep -Evq '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; then
	bad "a service id is not a UUID"
else ok; fi
names=$("$JC" 'contents.*.name' <"$TMP/a.json")
if printf '%s\n' "$names" | grep -Evq '^\[(SYNTHETIC|SYNTHÉTIQUE)\] '; then
	bad "a generated name lacks the [SYNTHETIC] prefix"
else ok; fi
if printf '%s\n' "$names" | grep -q '^\[SYNTHÉTIQUE\] '; then ok; else bad "no French-named service in 60"; fi
expect_eq "$("$JC" "contents.*.attributes.taxonomy_term_id=$SYN_TERM.value" <"$TMP/a.json" | grep -c '^true$')" \
	60 "every service carries the synthetic attribute"
phones=$("$JC" 'contents.*.phones.*.number' 'contents.*.service_at_locations.*.location.phones.*.number' \
	<"$TMP/a.json" 2>/dev/null)
if [ -n "$phones" ] && ! printf '%s\n' "$phones" | grep -Evq '^[0-9]{3}-555-01[0-9]{2}$'; then ok
else bad "a phone number is outside the fictional 555-01XX range"; fi
if grep -q '[0-9]\{3\}-555-0[02-9]' "$TMP/a.json"; then bad "a 555 number outside 0100-0199"; else ok; fi
if "$JC" 'contents.*.attributes.link_type=need.value' <"$TMP/a.json" | grep -q .; then ok
else bad "generated services have no needs"; fi
lat=$("$JC" 'contents.*.service_at_locations.0.location.latitude' <"$TMP/a.json" 2>/dev/null | head -n 1)
case $lat in 4[0-9].*|5[0-9].*|6[0-9].*) ok ;; *) bad "a latitude outside Canada: $lat" ;; esac

# --first splits one directory into files with the same services.
sp directory generate --services 25 --seed 7 "$TMP/p1.json"
sp directory generate --first 25 --services 35 --seed 7 "$TMP/p2.json"
expect_rc 0 "generate --first 25"
expect_eq "$( { "$JC" 'contents.*.id' <"$TMP/p1.json"; "$JC" 'contents.*.id' <"$TMP/p2.json"; } | tr '\n' ' ')" \
	"$("$JC" 'contents.*.id' <"$TMP/a.json" | tr '\n' ' ')" "--first: two runs give the services of one"

# An existing file is replaced only with --force.
cp "$TMP/c.json" "$TMP/keep.json"
sp directory generate --services 5 "$TMP/keep.json"
expect_rc 2 "generate over an existing file"
if cmp -s "$TMP/c.json" "$TMP/keep.json"; then ok; else bad "generate changed an existing file without --force"; fi
sp directory generate --services 5 --force "$TMP/keep.json"
expect_rc 0 "generate --force"
expect_eq "$("$JC" contents.# <"$TMP/keep.json")" 5 "generate --force replaced the file"
sp directory generate --services 0 "$TMP/zero.json"
expect_rc 0 "generate --services 0"
expect_eq "$("$JC" contents.# <"$TMP/zero.json")" 0 "an empty directory"
if ls "$TMP"/*.tmp-* >/dev/null 2>&1; then bad "generate left a temporary file"; else ok; fi

# ---- init -----------------------------------------------------------------------

DB=$TMP/dir.db
sp directory init --db "$DB"
expect_rc 0 "init --db"
expect_out_has "$seed_count seed services" "init reports the seed's count"
expect_eq "$(q "$DB" 'SELECT count(*) FROM service')" "$seed_count" "init: every seed service is in the database"
expect_eq "$(q "$DB" 'SELECT count(*) FROM service WHERE synthetic = 1')" 0 "init: nothing synthetic"
expect_eq "$(q "$DB" 'SELECT count(*) FROM need')" "$needs_count" "init: the needs vocabulary is in the database"
expect_eq "$(q "$DB" "SELECT count(*) FROM service WHERE verified = '2026-07-31' AND source <> '' AND unverified_note <> ''")" \
	"$seed_count" "init: every entry has its source, date and note"
expect_eq "$(q "$DB" "SELECT p.number FROM phone p JOIN service s ON s.id = p.service_id WHERE s.name = 'Canadian Human Trafficking Hotline'")" \
	"1-833-900-1010" "init: the Hotline's number"
expect_eq "$(q "$DB" "SELECT status_required FROM service WHERE name = 'Canadian Human Trafficking Hotline'")" \
	"none" "init: the Hotline needs no status"
expect_eq "$(q "$DB" "SELECT count(*) FROM service WHERE status_required IS NOT NULL")" 1 \
	"init: access conditions unknown elsewhere"
expect_eq "$(q "$DB" "SELECT count(*) FROM service_need WHERE need_id = 'human_rights_complaint'")" 7 \
	"init: human-rights bodies found by need"
expect_eq "$(q "$DB" "SELECT count(DISTINCT province) FROM service")" 7 "init: six provinces and CA"
expect_eq "$(q "$DB" "SELECT count(*) FROM phone")" 1 "init: no phone number law.md does not give"
if ls "$DB".new-* >/dev/null 2>&1; then bad "init left a temporary database"; else ok; fi

stamp=$(q "$DB" 'SELECT count(*) FROM service')
q "$DB" "UPDATE service SET name = 'changed' WHERE name = 'Canadian Human Trafficking Hotline'" >/dev/null
sp directory init --db "$DB"
expect_rc 2 "init over an existing database"
expect_err_has "--force" "init over an existing database: says how to replace it"
expect_eq "$(q "$DB" "SELECT count(*) FROM service WHERE name = 'changed'")" 1 "init without --force left the file alone"
sp directory init --db "$DB" --force
expect_rc 0 "init --force"
expect_eq "$(q "$DB" "SELECT count(*) FROM service WHERE name = 'changed'")" 0 "init --force made a new database"
expect_eq "$(q "$DB" 'SELECT count(*) FROM service')" "$stamp" "init --force: the seed again"
sp directory init --db "$DB" extra
expect_rc 2 "init with a stray argument"
sp --lang fr directory init --db "$DB"
expect_err_has "existe déjà" "init refusal in French"
sp directory init --help
expect_out_has "SAFEPATH_DB" "init --help explains the default path"

# The default path: SAFEPATH_DB, else safepath.db in the current folder.
mkdir -p "$TMP/cwd"
SAFEPATH_DB=$TMP/env.db sp directory init
expect_rc 0 "init with SAFEPATH_DB"
if [ -f "$TMP/env.db" ]; then ok; else bad "init did not use SAFEPATH_DB"; fi
abs_bin=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
(cd "$TMP/cwd" && "$abs_bin" directory init >/dev/null 2>&1)
if [ -f "$TMP/cwd/safepath.db" ]; then ok; else bad "init did not create safepath.db in the current folder"; fi

# ---- synthetic and real entries are never mixed ---------------------------------

sp directory import --db "$DB" "$TMP/a.json"
expect_rc 2 "importing synthetic services into the seeded database"
expect_err_has "synthetic" "the mixing refusal says why"
expect_eq "$(q "$DB" 'SELECT count(*) FROM service')" "$seed_count" "the seeded database is unchanged"

SYN=$TMP/syn.db
sp directory import --db "$SYN" "$TMP/a.json"
expect_rc 0 "importing synthetic services into their own database"
expect_eq "$(q "$SYN" 'SELECT count(*) FROM service WHERE synthetic = 1')" 60 "synthetic import: all 60 marked"
sp directory import --db "$SYN" "$SEED"
expect_rc 2 "importing the seed into a synthetic database"
expect_eq "$(q "$SYN" 'SELECT count(*) FROM service WHERE synthetic = 0')" 0 "the synthetic database is unchanged"
sp directory import --db "$SYN" "$TMP/p2.json"
expect_rc 0 "more synthetic services into the synthetic database"

finish
