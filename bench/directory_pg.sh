#!/bin/sh
# directory_pg.sh — the PostgreSQL side of the directory benchmark
# (bench/bench_directory.c runs it and prints the ratios). Starts a private
# PostgreSQL 15 cluster on a Unix socket in a temporary folder, loads the same
# services the SQLite side searched, indexes them for full-text search the
# usual way (a tsvector with weights A-D under the 'simple' configuration and
# unaccent, a GIN index; a B-tree on latitude for the radius query), runs each
# query file with pgbench and prints one line per query:
#
#   pg NAME P50_MS P99_MS
#
# then stops and removes the cluster. Nothing listens on TCP.
#
#   bench/directory_pg.sh SERVICES.csv QUERIES_DIR RUNS
#
# SERVICES.csv columns (header row, RFC 4180): id, name, organization,
# description, needs, city, province, lat, lon, status_required, languages.
# QUERIES_DIR holds NAME.sql files, each one query.
set -eu
CSV=$1 QDIR=$2 RUNS=$3
BIN=/usr/lib/postgresql/15/bin
[ -x "$BIN/postgres" ] || { echo "directory_pg: PostgreSQL 15 is not installed (Debian package postgresql)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/safepath-pg-XXXXXX)
RUN=
if [ "$(id -u)" -eq 0 ]; then
	# PostgreSQL refuses to run as root: use the postgres account the package made.
	chown postgres "$WORK"
	RUN="runuser -u postgres --"
fi
cp "$CSV" "$WORK/services.csv"
cp -r "$QDIR" "$WORK/q"
[ -n "$RUN" ] && chown -R postgres "$WORK"
PORT=54329
cleanup() {
	$RUN "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

$RUN "$BIN/initdb" -D "$WORK/data" -A trust -U bench -E UTF8 --locale=C.UTF-8 >/dev/null
$RUN "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
	-o "-k $WORK -p $PORT -c listen_addresses= -c shared_buffers=256MB -c fsync=off" start >/dev/null
PSQL="$RUN psql -h $WORK -p $PORT -U bench -d postgres -v ON_ERROR_STOP=1 -q"

$PSQL <<SQL
CREATE EXTENSION unaccent;
CREATE TEXT SEARCH CONFIGURATION fold (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION fold ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TABLE service (id text PRIMARY KEY, name text, organization text, description text,
  needs text, city text, province text, lat double precision, lon double precision,
  status_required text, languages text, doc tsvector);
\copy service(id, name, organization, description, needs, city, province, lat, lon, status_required, languages) FROM '$WORK/services.csv' WITH (FORMAT csv, HEADER true)
UPDATE service SET doc =
  setweight(to_tsvector('fold', coalesce(name, '')), 'A') ||
  setweight(to_tsvector('fold', coalesce(organization, '')), 'B') ||
  setweight(to_tsvector('fold', coalesce(description, '')), 'C') ||
  setweight(to_tsvector('fold', coalesce(needs, '') || ' ' || coalesce(city, '')), 'D');
CREATE INDEX service_doc ON service USING gin (doc);
CREATE INDEX service_lat ON service (lat);
CREATE INDEX service_province ON service (province);
VACUUM ANALYZE service;
SQL

for q in "$WORK"/q/*.sql; do
	name=$(basename "$q" .sql)
	$RUN sh -c "cd '$WORK' && pgbench -h '$WORK' -p $PORT -U bench -n -c 1 -t $RUNS -f '$q' -l --log-prefix=lat_$name postgres >/dev/null 2>&1"
	# pgbench's log: one line per run, the third field the latency in microseconds.
	cat "$WORK"/lat_"$name"* | awk -v n="$name" '{ print $3 }' | sort -n | awk -v n="$name" '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "pg " n " - -"; exit }
			p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
			printf "pg %s %.3f %.3f\n", n, p50 / 1000, p99 / 1000
		}'
done
