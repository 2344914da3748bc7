#!/bin/sh
# demo.sh — the demonstration `make demo` gives (`make run` starts the web
# application instead): safepath on every made-up case in
# data/samples, each read at the date its README gives (the same facts give
# different answers under the 2016 law and today's), as text in English; then one
# case in French and one as JSON; then the continuum assessment (safepath assess)
# on the sample answers in data/samples/answers; then the service directory
# (a fresh build/demo.db with the seed entries, and two searches).
#
#   tools/demo.sh [BIN]          (default: build/safepath)
set -u
BIN=${1:-build/safepath}
SAMPLES=data/samples

if [ ! -x "$BIN" ]; then
	echo "demo: $BIN is missing; run make first" >&2
	exit 1
fi

# The README's table rows read: | `FILE.json` | YYYY-MM-DD | what it shows |
date_of() {
	awk -F'|' -v f="$1" '
		{ name = $2; gsub(/[ `]/, "", name); day = $3; gsub(/ /, "", day) }
		name == f && day ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ { print day; exit }
	' "$SAMPLES/README.md" 2>/dev/null
}

rule() { printf '\n%s\n%s\n\n' "$1" "================================================================================"; }

status=0
first=
for f in "$SAMPLES"/*.json; do
	[ -f "$f" ] || continue
	name=${f##*/}
	day=$(date_of "$name")
	if [ -z "$day" ]; then
		day=$(date +%F)
		note=" (no date in $SAMPLES/README.md: today)"
	else
		note=
	fi
	first=${first:-$f}
	first_day=${first_day:-$day}
	rule "$name, as of $day$note"
	"$BIN" pathways --facts "$f" --as-of "$day" || status=1
done

# The forum's own situation is the one shown in French and as JSON.
featured=$SAMPLES/forum-2016-tfw.json
if [ -f "$featured" ]; then
	fday=$(date_of forum-2016-tfw.json)
	fday=${fday:-$first_day}
else
	featured=$first fday=$first_day
fi
if [ -n "$first" ]; then
	rule "${featured##*/}, as of $fday, en français (--lang fr)"
	"$BIN" pathways --facts "$featured" --as-of "$fday" --lang fr || status=1
	rule "${featured##*/}, as of $fday, as JSON (--format json)"
	"$BIN" pathways --facts "$featured" --as-of "$fday" --format json || status=1
else
	echo "demo: no sample cases in $SAMPLES" >&2
	status=1
fi

# The continuum assessment on the sample answers, each at its README date; the
# Quebec farm workers also in French.
ANSWERS=$SAMPLES/answers
for f in "$ANSWERS"/*.json; do
	[ -f "$f" ] || continue
	name=${f##*/}
	day=$(SAMPLES=$ANSWERS; date_of "$name")
	day=${day:-$(date +%F)}
	rule "safepath assess: $name, as of $day"
	"$BIN" assess --answers "$f" --as-of "$day" || status=1
done
if [ -f "$ANSWERS/farm-workers-qc-2016.json" ]; then
	rule "safepath assess: farm-workers-qc-2016.json, en français (--lang fr)"
	"$BIN" assess --answers "$ANSWERS/farm-workers-qc-2016.json" --as-of 2016-11-24 \
		--lang fr || status=1
fi

# The service directory: a fresh database next to the binary (build/demo.db)
# holding the researched seed entries, then one search in English and one in
# French.
DEMO_DB=$(dirname "$BIN")/demo.db
rule "safepath directory init --db $DEMO_DB --force (the researched seed entries)"
"$BIN" directory init --db "$DEMO_DB" --force || status=1
rule "safepath directory search --q \"human rights\" --province ON"
"$BIN" directory search --db "$DEMO_DB" --q "human rights" --province ON || status=1
rule "safepath directory search --q \"normes du travail\", en français (--lang-ui fr)"
"$BIN" directory search --db "$DEMO_DB" --q "normes du travail" --lang-ui fr || status=1

rule "The rules themselves: safepath rules check rules/federal rules/continuum"
"$BIN" rules check rules/federal || status=1
"$BIN" rules check rules/continuum || status=1
echo
echo "Try the interview yourself: $BIN assess --interactive"
echo "Or practise with made-up cases: $BIN train"
exit $status
