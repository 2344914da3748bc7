#!/usr/bin/env bash
# test_serve.sh — `safepath serve` as scripts and the browser tests use it:
# the one line on stdout with the port (--listen 127.0.0.1:0), the database
# created with the seed entries when missing, an answer over the socket, a
# clean exit 0 on SIGTERM and on SIGINT, the access log on stderr (off with
# --quiet), and the usage errors (a non-loopback address without --public,
# bad numbers) with exit status 2. Requests go through bash's /dev/tcp.
#
#   tests/cli/test_serve.sh BIN
#
# Run from the repository root (tests/run.sh does). Prints "N passed, N failed".
set -u
BIN=${1:?usage: test_serve.sh BIN}
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/common.bash
unset SAFEPATH_LANG SAFEPATH_DB

# ---- usage ----------------------------------------------------------------------

sp serve --help
expect_rc 0 "serve --help"
expect_out_has "--listen HOST:PORT" "serve --help: shows --listen"
expect_out_has "--public" "serve --help: shows --public"
sp help serve
expect_rc 0 "help serve"
sp --lang fr serve --help
expect_rc 0 "serve --help in French"
expect_out_has "Utilisation : safepath serve" "serve --help in French: translated"
sp --help
expect_out_has "serve" "safepath --help lists serve"

sp serve --listen 10.1.2.3:0 --db "$TMP/no.db"
expect_rc 2 "serve on a non-loopback address without --public"
expect_err_has "--public" "non-loopback: says to add --public"
if [ ! -e "$TMP/no.db" ]; then ok; else bad "a refused option still created the database"; fi
sp serve --listen 0.0.0.0:0 --db "$TMP/no.db"
expect_rc 2 "serve on 0.0.0.0 without --public"
sp serve --listen 127.0.0.1 --db "$TMP/no.db"
expect_rc 2 "serve --listen without a port"
expect_err_has "--listen" "serve --listen without a port: names the option"
sp serve --listen 127.0.0.1:70000 --db "$TMP/no.db"
expect_rc 2 "serve --listen with a port over 65535"
for bad_opt in "--threads 0" "--threads 17" "--threads x" "--connections 0" "--per-ip 5000" \
               "--timeout 0" "--timeout 3601" "--as-of 2020-02-30"; do
	# shellcheck disable=SC2086  # the option and its value are two words
	sp serve $bad_opt --db "$TMP/no.db"
	expect_rc 2 "serve $bad_opt"
done
sp serve --exit-url-en "javascript:alert(1)" --listen 127.0.0.1:0 --db "$TMP/no.db"
expect_rc 2 "serve with a javascript: quick-exit address"
sp serve extra.db
expect_rc 2 "serve with a file name"
expect_err_lacks "extra.db" "serve with a file name: not repeated"

# ---- a server ---------------------------------------------------------------------

# start ARGS...: runs the server in the background, waits for its line; sets
# PID and PORT (empty when it did not start within 20 s).
start() {
	: >"$OUT"
	"$BIN" serve --listen 127.0.0.1:0 "$@" >"$OUT" 2>"$ERR" &
	PID=$!
	PORT=
	for _ in $(seq 1 200); do
		if grep -q '^safepath: serving on ' "$OUT"; then
			PORT=$(sed -n 's|^safepath: serving on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$OUT")
			break
		fi
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
	done
}

# fetch PATH: one GET over /dev/tcp; the status code in STATUS.
fetch() {
	STATUS=
	local reply
	exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
	reply=$(timeout 10 cat <&3)
	exec 3<&- 3>&-
	STATUS=$(printf '%s' "$reply" | head -n 1 | cut -d' ' -f2)
}

# stop SIGNAL: sends it and waits; the exit status in rc.
stop() {
	kill "-$1" "$PID" 2>/dev/null
	local waited=0
	while kill -0 "$PID" 2>/dev/null && [ $waited -lt 100 ]; do
		sleep 0.1
		waited=$((waited + 1))
	done
	if kill -0 "$PID" 2>/dev/null; then
		kill -KILL "$PID"
	fi
	wait "$PID"
	rc=$?
}

DB=$TMP/web.db
start --db "$DB"
if [ -n "$PORT" ]; then ok; else bad "serve did not print 'safepath: serving on http://127.0.0.1:PORT/'"; fi
lines=$(wc -l <"$OUT")
expect_eq "$lines" 1 "serve prints exactly one line on stdout"
if [ -s "$DB" ]; then ok; else bad "serve did not create the database"; fi
expect_err_has "created the directory database with the seed entries" "serve says it created the database"
if [ -n "$PORT" ]; then
	fetch /static/app.css
	expect_eq "$STATUS" 200 "GET /static/app.css"
	fetch "/en/directory?q=SECRET%zz"
	expect_eq "$STATUS" 400 "GET with a malformed query"
	fetch /nowhere
	expect_eq "$STATUS" 404 "GET /nowhere"
fi
stop TERM
expect_rc 0 "serve exits 0 on SIGTERM"
expect_err_has " GET static 200 " "the access log has the request"
expect_err_lacks "SECRET" "the access log holds no query"
expect_err_lacks "/static" "the access log holds no path"

# An existing database is used as it is; --quiet: no log; SIGINT.
start --db "$DB" --quiet --threads 1
if [ -n "$PORT" ]; then ok; else bad "serve on an existing database did not start"; fi
expect_err_lacks "created the directory database" "an existing database is not created again"
if [ -n "$PORT" ]; then
	fetch /static/app.js
	expect_eq "$STATUS" 200 "GET /static/app.js (--quiet)"
fi
stop INT
expect_rc 0 "serve exits 0 on SIGINT"
expect_err_empty "serve --quiet writes nothing on stderr"

# The port of a running server is taken: exit status 1.
start --db "$DB" --quiet
if [ -n "$PORT" ]; then
	"$BIN" serve --listen "127.0.0.1:$PORT" --db "$DB" >"$TMP/out2" 2>"$TMP/err2"
	rc=$?
	expect_rc 1 "serve on a port in use"
	if grep -qF "already in use" "$TMP/err2"; then ok; else bad "serve on a port in use: says so"; fi
else
	bad "serve did not start for the port-in-use test"
fi
stop TERM

# A database that is not one: exit status 1, nothing served.
printf 'not a database' >"$TMP/bad.db"
sp serve --listen 127.0.0.1:0 --db "$TMP/bad.db"
expect_rc 1 "serve on a file that is not a database"
if [ ! -s "$OUT" ]; then ok; else bad "serve printed its line without a database"; fi

finish
