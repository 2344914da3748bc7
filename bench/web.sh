#!/usr/bin/env bash
# bench/web.sh — figures for docs/performance.md ("Web application"), no pass/fail
# on the figures themselves: wrk against `safepath serve` on a 100,000-service
# synthetic directory, and, in the same run, against nginx serving saved copies
# of the same pages as static files, with the ratio safepath / nginx.
#
#   bash bench/web.sh [BUILD_DIR]        (default build; uses BUILD_DIR/safepath)
#
# Pages measured (wrk -t2 -c64 -d10s --latency, after a warm-up run of each):
#   results      POST /en/results with 25 answers of a made-up case in Quebec
#                (trafficking level, remedies, pathways, services per need)
#   search       GET /en|fr/directory going round the 50 queries of
#                bench/web/queries.txt (text, filters, near=; English, French)
#   search-one   GET one directory search URL (SINGLE_QUERY below), every time
#   search-many  GET 6,090 distinct searches (pairs of words, with and without
#                a province): the cost of a search that no cache answers
# nginx serves the bytes safepath sent for each page (one file per query for
# the rotating search), with the same security headers, over the same wrk
# settings; the results page is POSTed to nginx too (error_page 405 =200).
#
# Environment (all optional):
#   WEB_SERVICES=100000   services in the generated directory
#   WEB_DB=FILE           use this directory database as is (no generation)
#   WEB_DURATION=10       seconds of each measured wrk run
#   WEB_WARMUP=3          seconds of the warm-up run before each measured one
#   WEB_CONNECTIONS=64    wrk connections;  WEB_THREADS=2  wrk threads
#   WEB_TIMEOUT=30s       wrk's time-out per request (its default, 2 s, would
#                         leave the slowest responses out of the percentiles)
#   WEB_SERVER_ARGS=      extra options for `safepath serve` (e.g. --threads 4)
#   WEB_NGINX=0           skip nginx (no baseline, no ratio)
#   WEB_PROFILE=1         no wrk, no nginx: the server runs under valgrind's
#                         callgrind with one thread and the script prints the
#                         instructions each page costs and where they go. These
#                         counts do not depend on what else the machine runs,
#                         unlike wrk's figures on a shared machine.
#
# The database is cached as BUILD_DIR/bench/web-directory.db and reused when it
# holds WEB_SERVICES services. If it is missing, bench_directory's database
# (BUILD_DIR/bench/directory.db, built by `make bench` just before) is copied
# when it holds that many; both come from the same generator with seed 42 in
# chunks of 20,000, so they hold the same services. Otherwise it is generated
# (about 75 s at 100,000: `safepath directory generate` + `import` per chunk,
# because the importer caps one JSON file at 256 MiB).
#
# wrk, the server and nginx all run on this machine and share its cores: the
# figures are those of the whole machine, load generator included.
#
# Every process this script starts (server, nginx, wrk) is stopped on exit,
# on error and on Ctrl-C; the temporary folder is removed.
set -Eeuo pipefail

BUILD=${1:-build}
BIN=$BUILD/safepath
HERE=$(cd "$(dirname "$0")" && pwd)
SERVICES=${WEB_SERVICES:-100000}
DURATION=${WEB_DURATION:-10}
WARMUP=${WEB_WARMUP:-3}
CONNS=${WEB_CONNECTIONS:-64}
TIMEOUT=${WEB_TIMEOUT:-30s}
THREADS=${WEB_THREADS:-2}
SERVER_ARGS=${WEB_SERVER_ARGS:-}
USE_NGINX=${WEB_NGINX:-1}
PROFILE=${WEB_PROFILE:-0}
CHUNK=20000
SEED=42
SINGLE_QUERY='/en/directory?q=shelter&province=ON'
NGINX=${NGINX:-/usr/sbin/nginx}

die() { printf 'bench/web.sh: %s\n' "$*" >&2; exit 1; }

for tool in wrk curl sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (Debian package $tool)"
done
PREFIX=()
if [ "$PROFILE" != 0 ]; then
	command -v callgrind_control >/dev/null 2>&1 || die "valgrind is not installed (Debian package valgrind)"
	USE_NGINX=0
	SERVER_ARGS="$SERVER_ARGS --threads 1"
fi
if [ "$USE_NGINX" != 0 ] && [ ! -x "$NGINX" ]; then
	die "nginx is not installed (Debian package nginx-light), or set WEB_NGINX=0"
fi
[ -x "$BIN" ] || die "$BIN not found: build it first (make O=$BUILD)"

# ---- cleanup: every process started here is stopped, whatever happens ----------

T=$(mktemp -d "${TMPDIR:-/tmp}/safepath-web.XXXXXX")
SERVER_PID=
NGINX_PID=
WRK_PID=

stop_pid() {  # PID NAME: TERM, wait up to 5 s, then KILL
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "bench/web.sh: $2 (pid $pid) did not stop on TERM, killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop_pid "$WRK_PID" "wrk"
	stop_pid "$SERVER_PID" "safepath serve"
	stop_pid "$NGINX_PID" "nginx"
	rm -rf "$T"
	exit "$rc"
}
trap cleanup EXIT
# set -e stops at the first failing command; say where, so no failure is silent.
trap 'echo "bench/web.sh: a command failed at line $LINENO" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the directory database ------------------------------------------------------

count_services() {  # FILE -> number of services, or -1
	[ -f "$1" ] || { echo -1; return; }
	sqlite3 -readonly "$1" 'SELECT count(*) FROM service' 2>/dev/null || echo -1
}

if [ -n "${WEB_DB:-}" ]; then
	DB=$WEB_DB
	[ -f "$DB" ] || die "WEB_DB=$DB does not exist"
	DB_HOW="given (WEB_DB)"
else
	mkdir -p "$BUILD/bench"
	DB=$BUILD/bench/web-directory.db
	# bench_directory keeps its database in build/bench/ under the current folder.
	BD_DB=
	for f in "$BUILD/bench/directory.db" build/bench/directory.db; do
		if [ "$(count_services "$f")" = "$SERVICES" ]; then BD_DB=$f; break; fi
	done
	if [ "$(count_services "$DB")" = "$SERVICES" ]; then
		DB_HOW="cached"
	elif [ -n "$BD_DB" ]; then
		echo "Copying bench_directory's $SERVICES-service database $BD_DB to $DB"
		rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.tmp"
		sqlite3 -readonly "$BD_DB" ".backup '$DB.tmp'"
		mv "$DB.tmp" "$DB"
		DB_HOW="copied from bench_directory's"
	else
		echo "Generating a $SERVICES-service synthetic directory (seed $SEED) into $DB; about 75 s at 100,000"
		rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
		gen_start=$(date +%s)
		first=0
		while [ "$first" -lt "$SERVICES" ]; do
			n=$((SERVICES - first < CHUNK ? SERVICES - first : CHUNK))
			"$BIN" directory generate --services "$n" --first "$first" --seed "$SEED" \
				--force "$T/chunk.json" >/dev/null
			"$BIN" directory import "$T/chunk.json" --db "$DB.tmp" >/dev/null
			rm -f "$T/chunk.json"
			first=$((first + n))
		done
		# One file, no WAL left beside it, before it takes the cache's name.
		sqlite3 "$DB.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
		rm -f "$DB.tmp-wal" "$DB.tmp-shm"
		mv "$DB.tmp" "$DB"
		DB_HOW="generated in $(($(date +%s) - gen_start)) s"
	fi
	got=$(count_services "$DB")
	[ "$got" = "$SERVICES" ] || die "$DB holds $got services, not $SERVICES"
fi
DB_SERVICES=$(count_services "$DB")

# ---- the server ---------------------------------------------------------------------

[ "$PROFILE" = 0 ] || PREFIX=(valgrind --tool=callgrind --callgrind-out-file="$T/cg.out")
# shellcheck disable=SC2086  # SERVER_ARGS is a list of words on purpose
"${PREFIX[@]}" "$BIN" serve --listen 127.0.0.1:0 --db "$DB" --quiet $SERVER_ARGS \
	>"$T/server.out" 2>"$T/server.err" &
SERVER_PID=$!
PORT=
for _ in $(seq 600); do
	if ! kill -0 "$SERVER_PID" 2>/dev/null; then
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
		sed 's/^/  /' "$T/server.err" >&2
		die "safepath serve exited before listening"
	fi
	PORT=$(sed -n 's|^safepath: serving on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*$|\1|p;T;q' "$T/server.out")
	[ -n "$PORT" ] && break
	sleep 0.1
done
[ -n "$PORT" ] || die "safepath serve printed no 'serving on' line within 60 s"
BASE=http://127.0.0.1:$PORT

# ---- the browser's cookie and CSRF token -----------------------------------------

curl -sS -o "$T/start.html" -c "$T/cookies" "$BASE/en/" || die "GET /en/ failed"
# The token is the value of the hidden input named csrf, attributes in any order.
CSRF=$({ grep -o '<input[^>]*name="csrf"[^>]*>' "$T/start.html" || true; } |
	sed -n 's/.*value="\([^"]*\)".*/\1/p;T;q')
[ -n "$CSRF" ] || die "no <input name=\"csrf\" value=...> on /en/"
SP_ID=$(awk '$6 == "sp_id" { print $7; exit }' "$T/cookies")
[ -n "$SP_ID" ] || die "GET /en/ set no sp_id cookie"
export WEB_COOKIE="sp_id=$SP_ID"

# ---- the pages: fetched once, checked, saved for nginx ------------------------------

# A made-up case, no real person: a temporary worker in Quebec on an
# employer-specific permit, recruited abroad, papers kept, threatened, who left
# the job 30 days ago (dates relative to today, so the case reads the same
# whenever the bench runs). It reaches the trafficking level, Quebec remedies
# with their time limits open, the open work permit and the trafficking
# permit, and needs that the directory answers (shelter, trafficking support,
# legal help, wages: 36 services for 12 needs).
LEFT=$(date -d '30 days ago' +%Y-%m-%d)
ANSWERS=(
	province=QC still_working=false "last_day_of_work=$LEFT"
	"last_incident_date=$LEFT" unpaid_wages=true illegal_deductions=true
	unpaid_overtime=true excessive_overtime=true withholding_of_wages=true
	abusive_conditions=true deception=true retention_of_documents=true debt_bondage=true
	recruited_transported_harboured=true intimidation_threats=true fear_for_safety=true
	in_canada=true status=temporary_resident employer_specific_permit=true
	abuse_at_work=true removal_order=false claim_made=false
	designated_foreign_national=false prra_made=false hc_pending=false
)
body="csrf=$CSRF"
for a in "${ANSWERS[@]}"; do body="$body&a.$a"; done
printf '%s' "$body" >"$T/results.body"
export WEB_BODY_FILE=$T/results.body
NANSWERS=${#ANSWERS[@]}

mkdir -p "$T/www/s"
fetch() {  # OUT PATH [POST] -> status; body in OUT
	if [ "${3:-}" = POST ]; then
		curl -sS -o "$1" -w '%{http_code}' -b "$WEB_COOKIE" \
			-H 'Content-Type: application/x-www-form-urlencoded' \
			--data-binary "@$WEB_BODY_FILE" "$BASE$2"
	else
		curl -sS -o "$1" -w '%{http_code}' -b "$WEB_COOKIE" "$BASE$2"
	fi
}

st=$(fetch "$T/www/results.html" /en/results POST)
[ "$st" = 200 ] || die "POST /en/results answered $st, not 200 (page not ready?)"
grep -q 'id="services"' "$T/www/results.html" || die "the results page has no id=\"services\""
grep -q 'id="level"' "$T/www/results.html" || die "the results page has no id=\"level\""
RESULTS_SERVICES=$(grep -o 'class="service-link"' "$T/www/results.html" | wc -l || true)

grep -v '^#' "$HERE/web/queries.txt" | sed '/^$/d' >"$T/queries.txt"
NQUERIES=$(wc -l <"$T/queries.txt")
: >"$T/nginx-queries.txt"
i=0
search_bytes=0
while IFS= read -r path; do
	i=$((i + 1))
	f=$(printf 's/%02d.html' "$i")
	st=$(fetch "$T/www/$f" "$path")
	[ "$st" = 200 ] || die "GET $path answered $st, not 200 (page not ready?)"
	grep -q 'id="results"' "$T/www/$f" || die "GET $path: no <ol id=\"results\"> (no services found?)"
	! grep -q 'id="search-error"' "$T/www/$f" || die "GET $path: the page shows a search error"
	search_bytes=$((search_bytes + $(wc -c <"$T/www/$f")))
	printf '/%s\n' "$f" >>"$T/nginx-queries.txt"
done <"$T/queries.txt"
st=$(fetch "$T/www/one.html" "$SINGLE_QUERY")
[ "$st" = 200 ] || die "GET $SINGLE_QUERY answered $st, not 200"
printf '%s\n' "$SINGLE_QUERY" >"$T/one.txt"
printf '/one.html\n' >"$T/nginx-one.txt"

# Thousands of distinct searches, for the cost of a search no cache answers:
# every pair of 30 words of the synthetic directory's vocabulary, alone and
# with each province (435 pairs x 14 = 6,090), provinces varying fastest.
MANY_WORDS=(support workers legal housing health women migrant counselling shelter clinic
	wages immigration status temporary permits farm domestic trafficking interpretation
	emergency meals court police benefits documents recovery trauma medical crisis labour)
MANY_PROV=("" AB BC MB NB NL NS NT NU ON PE QC SK YT)
for ((x = 0; x < ${#MANY_WORDS[@]}; x++)); do
	for ((y = x + 1; y < ${#MANY_WORDS[@]}; y++)); do
		for pr in "${MANY_PROV[@]}"; do
			printf '/en/directory?q=%s+%s%s\n' "${MANY_WORDS[x]}" "${MANY_WORDS[y]}" "${pr:+&province=$pr}"
		done
	done
done >"$T/many.txt"
NMANY=$(wc -l <"$T/many.txt")
while IFS= read -r path; do
	st=$(fetch /dev/null "$path")
	[ "$st" = 200 ] || die "GET $path answered $st, not 200"
done < <(head -n 5 "$T/many.txt")

# ---- WEB_PROFILE=1: instructions per request, under callgrind -------------------------

# cg_run LABEL REPS REQS CMD...: zero the counters, run CMD (which makes REQS
# requests) REPS times, dump; prints the instructions per request and the
# functions that take most of them (inclusive; the server's glue and
# libmicrohttpd left out).
CG_DUMPS=0
cg_run() {
	local label=$1 reps=$2 n=$(($2 * $3)) f ir k
	shift 3
	callgrind_control --zero "$SERVER_PID" >/dev/null 2>&1
	for ((k = 0; k < reps; k++)); do "$@"; done
	callgrind_control --dump="d$((CG_DUMPS + 1))" "$SERVER_PID" >/dev/null 2>&1
	CG_DUMPS=$((CG_DUMPS + 1))
	f=$T/cg.out.$CG_DUMPS
	[ -f "$f" ] || die "callgrind wrote no $f"
	ir=$(awk '/^summary:/ { print $2 }' "$f")
	printf '\n%s: %.2f million instructions per request (%d requests)\n' "$label" \
		"$(awk -v i="$ir" -v n="$n" 'BEGIN { print i / n / 1e6 }')" "$n"
	callgrind_annotate --inclusive=yes "$f" 2>/dev/null |
		awk -v n="$n" '
			# One line per function ("1,234 (5.6%)  path/file.c:fn [object]"); the
			# same function may come twice (two spellings of its path), and
			# recursion levels (fn'"'"'2) repeat their caller: both are skipped.
			$2 ~ /^\(/ && $3 ~ /:/ && $3 !~ /^\?\?\?:0x|clone\.S|pthread_create\.c|server\.c:|server_route\.c:|'"'"'/ {
				gsub(",", "", $1); f = $3; gsub(/.*\//, "", f)
				if (!(f in done) && ++shown <= 12) printf "  %6.2f M %9s  %s\n", $1 / n / 1e6, $2, f
				done[f] = 1 }'
}
post_results() { fetch /dev/null /en/results POST >/dev/null; }
get_one() { fetch /dev/null "$SINGLE_QUERY" >/dev/null; }
get_each() { while IFS= read -r path; do fetch /dev/null "$path" >/dev/null; done <"$1"; }

if [ "$PROFILE" != 0 ]; then
	echo "== Web application under callgrind (one server thread): instructions per request"
	echo "directory: $DB_SERVICES synthetic services, $DB ($DB_HOW)"
	echo "The $NQUERIES searches were each asked once already (fetched to check them): the second"
	echo "time is what a cache answers. The distinct queries were never asked before."
	# 50 of the distinct queries spread over the whole list (every word pair
	# costs differently; the first lines all hold the commonest word).
	awk -v step=$((NMANY / 50)) 'NR > 5 && NR % step == 0 && ++n <= 50' "$T/many.txt" >"$T/many50.txt"
	cg_run "results (POST, $NANSWERS answers)" 20 1 post_results
	cg_run "directory search, $NQUERIES queries, asked again" 1 "$NQUERIES" get_each "$T/queries.txt"
	cg_run "directory search, 50 distinct queries never asked" 1 50 get_each "$T/many50.txt"
	cg_run "directory search, one URL" 20 1 get_one
	exit 0
fi

# ---- nginx, serving the saved pages ----------------------------------------------------

free_port() {  # a port nothing listens on, from the ephemeral range's neighbourhood
	local p
	for _ in $(seq 200); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

if [ "$USE_NGINX" != 0 ]; then
	NPORT=$(free_port) || die "no free port for nginx"
	mkdir -p "$T/nginx/logs"
	user_line=
	if [ "$(id -u)" = 0 ]; then
		# Workers drop to nobody: the pages and every folder above them must be readable.
		user_line="user nobody nogroup;"
		chmod 711 "$T"
		chmod -R a+rX "$T/www"
	fi
	# The same security headers safepath sends, so the two responses weigh about the same.
	hdrs=
	while IFS= read -r h; do
		name=${h%%:*}
		case ${name,,} in
		content-security-policy | x-content-type-options | referrer-policy | x-frame-options | \
			cross-origin-opener-policy | cross-origin-resource-policy | permissions-policy | cache-control)
			val=${h#*: }
			val=${val%$'\r'}
			hdrs="$hdrs        add_header $name \"$val\" always;
"
			;;
		esac
	done < <(curl -sS -D - -o /dev/null -b "$WEB_COOKIE" "$BASE$SINGLE_QUERY")
	sed -e "s|@USER@|$user_line|" -e "s|@ROOT@|$T|g" -e "s|@PORT@|$NPORT|" \
		"$HERE/web/nginx.conf.in" >"$T/nginx/nginx.conf.tmp"
	awk -v h="$hdrs" '{ if ($0 == "@HEADERS@") printf "%s", h; else print }' \
		"$T/nginx/nginx.conf.tmp" >"$T/nginx/nginx.conf"
	"$NGINX" -t -q -p "$T/nginx" -e "$T/nginx/logs/error.log" -c "$T/nginx/nginx.conf" ||
		die "nginx rejects the generated configuration ($T/nginx/nginx.conf)"
	"$NGINX" -p "$T/nginx" -e "$T/nginx/logs/error.log" -c "$T/nginx/nginx.conf" &
	NGINX_PID=$!
	NBASE=http://127.0.0.1:$NPORT
	for _ in $(seq 100); do
		curl -s -o /dev/null "$NBASE/one.html" && break
		kill -0 "$NGINX_PID" 2>/dev/null || { NGINX_PID=; cat "$T/nginx/logs/error.log" >&2; die "nginx exited"; }
		sleep 0.1
	done
	st=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data-binary "@$WEB_BODY_FILE" \
		-H 'Content-Type: application/x-www-form-urlencoded' "$NBASE/results.html")
	[ "$st" = 200 ] || die "nginx answered $st to POST /results.html"
	cmp -s <(curl -sS "$NBASE/one.html") "$T/www/one.html" || die "nginx serves another one.html"
fi

# ---- wrk ------------------------------------------------------------------------------------

cpu_ticks() {  # PID... -> utime + stime of those processes, in clock ticks
	local t=0 p s
	for p in "$@"; do
		s=$(cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null) || continue
		t=$((t + ${s% *} + ${s#* }))
	done
	echo "$t"
}
TICKS=$(getconf CLK_TCK)

# run_wrk LABEL URL SCRIPT WARM_PATHS PATHS PIDS... : a warm-up run over
# WARM_PATHS, then the measured run over PATHS (rotate.lua's path lists;
# post.lua ignores them); sets RPS P50 P99 CPU (cores used by the PIDS during
# the measured run) and ERRS.
run_wrk() {
	local label=$1 url=$2 script=$3 warm=$4 paths=$5 out=$T/wrk-$1.txt c0 c1
	shift 5
	# wrk runs in the background and is waited for, so that a signal stops the
	# script (and, through cleanup, wrk) at once rather than after the run.
	WEB_PATHS_FILE=$warm wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout "$TIMEOUT" \
		-s "$script" "$url" >/dev/null 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || die "wrk warm-up failed for $label"
	c0=$(cpu_ticks "$@")
	WEB_PATHS_FILE=$paths wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout "$TIMEOUT" \
		--latency -s "$script" "$url" >"$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || { WRK_PID=; cat "$out" >&2; die "wrk failed for $label"; }
	WRK_PID=
	c1=$(cpu_ticks "$@")
	CPU=$(awk -v d=$((c1 - c0)) -v hz="$TICKS" -v s="$DURATION" 'BEGIN { printf "%.2f", d / hz / s }')
	RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	P50=$(awk '$1 == "50%" { print $2 }' "$out")
	P99=$(awk '$1 == "99%" { print $2 }' "$out")
	if [ -z "$RPS" ] || [ -z "$P99" ]; then
		cat "$out" >&2
		die "cannot read wrk's output for $label"
	fi
	if awk -v r="$RPS" 'BEGIN { exit !(r + 0 == 0) }'; then
		cat "$out" >&2
		die "$label: no request was answered in ${DURATION} s"
	fi
	local bad errs
	bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
	errs=$(sed -n 's/.*Socket errors: \(.*\)$/\1/p' "$out")
	if [ -n "$bad" ] && [ "$bad" != 0 ]; then
		cat "$out" >&2
		die "$label: $bad responses were not 2xx or 3xx"
	fi
	# Socket errors (timeouts, connections reset) are figures too: reported
	# beside the page, not fatal.
	ERRS=${errs:-}
	P50=$(to_ms "$P50")
	P99=$(to_ms "$P99")
}

to_ms() {  # wrk's "588.00us" / "3.08ms" / "1.02s" -> milliseconds
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}

declare -A S_RPS S_P50 S_P99 S_CPU N_RPS N_P50 N_P99 N_CPU
NOTES=()
NGINX_PIDS=()
if [ -n "$NGINX_PID" ]; then
	mapfile -t NGINX_PIDS < <(pgrep -P "$NGINX_PID")
	NGINX_PIDS+=("$NGINX_PID")
fi

# search-many measures what a search costs when no cache can answer: its
# queries are all different and far more than a cache keeps, and its warm-up
# runs over the 50 queries so that none of them is already cached. Its nginx
# figures are those of the 50 saved search pages (a static file costs nginx
# the same whatever query produced it).
PAGES=(results search search-one search-many)
declare -A URL SCRIPT PATHS WARM NURL NPATHS TITLE
TITLE[results]="results (POST, $NANSWERS answers)"
TITLE[search]="directory search, $NQUERIES queries"
TITLE[search-one]="directory search, one URL"
TITLE[search-many]="search, $NMANY distinct queries"
URL[results]=$BASE/en/results;       NURL[results]=${NBASE:-}/results.html
URL[search]=$BASE/;                  NURL[search]=${NBASE:-}/
URL[search-one]=$BASE/;              NURL[search-one]=${NBASE:-}/
URL[search-many]=$BASE/
SCRIPT[results]=$HERE/web/post.lua
SCRIPT[search]=$HERE/web/rotate.lua; SCRIPT[search-one]=$HERE/web/rotate.lua
SCRIPT[search-many]=$HERE/web/rotate.lua
PATHS[results]=/dev/null;            NPATHS[results]=/dev/null
PATHS[search]=$T/queries.txt;        NPATHS[search]=$T/nginx-queries.txt
PATHS[search-one]=$T/one.txt;        NPATHS[search-one]=$T/nginx-one.txt
PATHS[search-many]=$T/many.txt
for p in "${PAGES[@]}"; do WARM[$p]=${PATHS[$p]}; done
WARM[search-many]=$T/queries.txt
export WEB_WRK_THREADS=$THREADS

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Running wrk -t$THREADS -c$CONNS -d${DURATION}s --latency per page (after ${WARMUP} s of warm-up)..."
for p in "${PAGES[@]}"; do
	run_wrk "safepath-$p" "${URL[$p]}" "${SCRIPT[$p]}" "${WARM[$p]}" "${PATHS[$p]}" "$SERVER_PID"
	S_RPS[$p]=$RPS S_P50[$p]=$P50 S_P99[$p]=$P99 S_CPU[$p]=$CPU
	[ -z "$ERRS" ] || NOTES+=("safepath, ${TITLE[$p]}: socket errors: $ERRS")
	[ -n "$NGINX_PID" ] || continue
	if [ "$p" = search-many ]; then
		N_RPS[$p]=${N_RPS[search]} N_P50[$p]=${N_P50[search]} N_P99[$p]=${N_P99[search]} N_CPU[$p]=${N_CPU[search]}
		continue
	fi
	run_wrk "nginx-$p" "${NURL[$p]}" "${SCRIPT[$p]}" "${NPATHS[$p]}" "${NPATHS[$p]}" "${NGINX_PIDS[@]}"
	N_RPS[$p]=$RPS N_P50[$p]=$P50 N_P99[$p]=$P99 N_CPU[$p]=$CPU
	[ -z "$ERRS" ] || NOTES+=("nginx, ${TITLE[$p]}: socket errors: $ERRS")
done
RSS=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")

# ---- report ---------------------------------------------------------------------------------

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "== Web application: safepath serve vs nginx serving the same pages as static files"
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC'); load average before the run: $LOAD0"
echo "machine:   $(nproc) CPUs ($cpu), Linux $(uname -r), $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "           wrk, safepath and nginx share these $(nproc) CPUs: the load generator's work is in every figure"
# wrk --version prints its usage too and exits 1: its status is not a failure.
v_sp=$("$BIN" --version 2>/dev/null | sed -n 1p || true)
v_ng=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //' || true)
v_wrk=$(wrk --version 2>&1 | awk 'NR == 1 { print "wrk " $2 }' || true)
echo "versions:  $v_sp; $v_ng; $v_wrk"
echo "directory: $DB_SERVICES synthetic services, $DB ($DB_HOW), $(du -mL "$DB" | cut -f1) MB"
echo "load:      wrk -t$THREADS -c$CONNS -d${DURATION}s --timeout $TIMEOUT --latency, after a ${WARMUP} s warm-up; server: serve --quiet $SERVER_ARGS"
echo "pages:     results $(wc -c <"$T/www/results.html") bytes ($RESULTS_SERVICES services listed); search $((search_bytes / NQUERIES)) bytes on average; one URL $(wc -c <"$T/www/one.html") bytes ($SINGLE_QUERY)"
echo
per_req() { awk -v c="$1" -v r="$2" 'BEGIN { printf "%.0f", (r > 0 ? c * 1e6 / r : 0) }'; }
fmt='%-32s %9s %7s %7s %5s %7s  %9s %7s %7s %7s  %6s %6s\n'
# shellcheck disable=SC2059
printf "$fmt" page "req/s" "p50 ms" "p99 ms" cores "µs/req" "nginx r/s" "p50 ms" "p99 ms" "µs/req" "r/s ×" "p99 ×"
for p in "${PAGES[@]}"; do
	sc=$(per_req "${S_CPU[$p]}" "${S_RPS[$p]}")
	if [ -n "$NGINX_PID" ]; then
		rr=$(awk -v a="${S_RPS[$p]}" -v b="${N_RPS[$p]}" 'BEGIN { printf "%.3f", a / b }')
		pr=$(awk -v a="${S_P99[$p]}" -v b="${N_P99[$p]}" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
		# shellcheck disable=SC2059
		printf "$fmt" "${TITLE[$p]}" "${S_RPS[$p]}" "${S_P50[$p]}" "${S_P99[$p]}" "${S_CPU[$p]}" "$sc" \
			"${N_RPS[$p]}" "${N_P50[$p]}" "${N_P99[$p]}" "$(per_req "${N_CPU[$p]}" "${N_RPS[$p]}")" "$rr" "$pr"
	else
		# shellcheck disable=SC2059
		printf "$fmt" "${TITLE[$p]}" "${S_RPS[$p]}" "${S_P50[$p]}" "${S_P99[$p]}" "${S_CPU[$p]}" "$sc" - - - - - -
	fi
done
echo
echo "r/s × = safepath / nginx (1 = as fast as a static file); p99 × = safepath p99 / nginx p99."
echo "cores = CPU time the server used per second of the run; µs/req = CPU time per request"
echo "(server, or nginx master and workers): it depends much less than req/s on what else runs."
echo "safepath peak resident memory: $RSS MiB"
for n in "${NOTES[@]}"; do echo "WARNING: $n"; done
echo "search-many: nginx figures are those of the $NQUERIES saved search pages."
for p in results search search-many; do
	met=$(awk -v r="${S_RPS[$p]}" -v l="${S_P99[$p]}" 'BEGIN { print (r >= 5000 && l < 20) ? "met" : "NOT met" }')
	echo "aim (issue 5: >= 5,000 req/s and p99 < 20 ms on 2 cores), ${TITLE[$p]}: $met"
done
