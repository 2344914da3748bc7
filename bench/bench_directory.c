/*
** bench_directory.c — figures for docs/performance.md (no pass/fail) on a
** generated directory of synthetic services (100,000 by default):
**   (a) import time: generate in chunks (the importer caps one file) and
**       import each chunk, timed separately from generation;
**   (b) search latency, p50 and p99 over RUNS runs after a warm-up, for five
**       queries: a rare term, a common term, two terms, text plus a 50 km
**       radius, filters only — through the real search code (search_run);
**   (c) memory: SQLite's heap high-water mark during the searches and the
**       process's peak resident set;
**   (d) the same data and queries against PostgreSQL 15 full-text search
**       (bench/directory_pg.sh starts and stops a private server), and the
**       ratio PostgreSQL / SQLite for each query.
**
**   bench_directory [--services N] [--runs R] [--reuse] [--no-pg]
**
** The terms are picked from the index's own vocabulary by document frequency
** (rare: about 0.1 % of services; common: the most frequent non-stop word), so
** the queries mean the same whatever the generator's word lists are. The
** database lives in build/bench/ and is rebuilt unless --reuse is given and
** it already holds N services. Everything generated is synthetic.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "directory/db.h"
#include "directory/import.h"
#include "directory/needs.h"
#include "directory/query.h"
#include "directory/search.h"
#include "directory/synth.h"
#include "bench.h"

#define CHUNK 20000u              /* services per generated file (under the import cap) */
#define WARMUP 20
#define DIR_WORK "build/bench"
#define DB_PATH DIR_WORK "/directory.db"
#define NQUERIES 5

/* Sorts v and returns the value at index floor((n - 1) * p), without
** interpolation (bench_eval.c's percentiles() ranks differently). */
static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[(int)((n - 1) * p)];
}

static long long scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	long long v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int build(unsigned long n, double *gen_s, double *imp_s)
{
	char msg[256];
	struct needs *needs = NULL;
	if (needs_load_embedded(&needs, msg, sizeof msg) != 0) {
		fprintf(stderr, "bench: needs: %s\n", msg);
		return -1;
	}
	unlink(DB_PATH);
	char wal[64];
	snprintf(wal, sizeof wal, "%s-wal", DB_PATH);
	unlink(wal);
	struct db *db = NULL;
	if (db_open(DB_PATH, true, &db, msg, sizeof msg) != DB_OK) {
		fprintf(stderr, "bench: %s\n", msg);
		needs_free(needs);
		return -1;
	}
	*gen_s = *imp_s = 0;
	int rc = 0;
	for (unsigned long first = 0; first < n && rc == 0; first += CHUNK) {
		unsigned long k = n - first < CHUNK ? n - first : CHUNK;
		const char *path = DIR_WORK "/chunk.json";
		double t0 = now_us();
		FILE *f = fopen(path, "w");
		if (!f || synth_write(f, needs, first, k, 42) != SYNTH_OK) rc = -1;
		if (f && fclose(f) != 0) rc = -1;
		double t1 = now_us();
		static struct import_report rep;
		if (rc == 0 && import_path(db, path, &rep) != IMPORT_OK) {
			fprintf(stderr, "bench: import failed (%zu problems) %s\n", rep.nproblems, rep.detail);
			rc = -1;
		}
		double t2 = now_us();
		*gen_s += (t1 - t0) / 1e6;
		*imp_s += (t2 - t1) / 1e6;
		unlink(path);
	}
	db_close(db);
	needs_free(needs);
	return rc;
}

/* A vocabulary term of the index whose document count is nearest target. */
static int pick_term(struct db *db, long long target, char *out, size_t cap)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT term FROM service_fts_vocab WHERE length(term) >= 5 "
	    "AND term NOT GLOB '*[0-9]*' ORDER BY abs(doc - ?1), term LIMIT 1");
	if (!st) return -1;
	sqlite3_bind_int64(st, 1, target);
	int rc = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static long long term_docs(struct db *db, const char *term)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT doc FROM service_fts_vocab WHERE term = ?1");
	long long v = -1;
	if (!st) return -1;
	sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

struct bquery {
	const char *name, *what;
	struct search_query q;
	char pg[1024];                /* the same query for PostgreSQL */
	double p50, p99, pg50, pg99;
	long long total;
};

static int set(struct search_query *q, enum query_field f, const char *v)
{
	return query_set(q, f, v, strlen(v)) == QUERY_OK ? 0 : -1;
}

/* Montréal's centre, where the generator places services. */
#define NEAR_LAT 45.5019
#define NEAR_LON (-73.5674)

static void pg_text_query(char *out, size_t cap, const char *tsq, const char *extra)
{
	snprintf(out, cap,
	    "SELECT id, count(*) OVER () FROM service, to_tsquery('fold', '%s') q "
	    "WHERE doc @@ q %s ORDER BY ts_rank(doc, q) DESC LIMIT 20;\n", tsq, extra);
}

static int make_queries(struct db *db, struct bquery *bq)
{
	long long n = scalar(db, "SELECT count(*) FROM service");
	char rare[64], common[64], mid[64];
	if (pick_term(db, n / 1000 > 0 ? n / 1000 : 1, rare, sizeof rare)
	    || pick_term(db, n * 15 / 100, common, sizeof common)
	    || pick_term(db, n * 3 / 100, mid, sizeof mid))
		return -1;
	fprintf(stderr, "bench: terms: rare '%s' (%lld services), common '%s' (%lld), "
	        "two terms '%s %s' (%lld, %lld)\n", rare, term_docs(db, rare), common,
	        term_docs(db, common), mid, common, term_docs(db, mid), term_docs(db, common));
	for (int i = 0; i < NQUERIES; i++) query_init(&bq[i].q);
	char two[160], tsq[160], near[64], box[512];
	double dlat = 50.0 / 111.2, dlon = 50.0 / (111.2 * cos(NEAR_LAT * 3.14159265358979323846 / 180));

	bq[0].name = "rare"; bq[0].what = "a rare term";
	if (set(&bq[0].q, QF_TEXT, rare)) return -1;
	snprintf(tsq, sizeof tsq, "%s:*", rare);
	pg_text_query(bq[0].pg, sizeof bq[0].pg, tsq, "");

	bq[1].name = "common"; bq[1].what = "a common term";
	if (set(&bq[1].q, QF_TEXT, common)) return -1;
	snprintf(tsq, sizeof tsq, "%s:*", common);
	pg_text_query(bq[1].pg, sizeof bq[1].pg, tsq, "");

	bq[2].name = "two_terms"; bq[2].what = "two terms";
	snprintf(two, sizeof two, "%s %s", mid, common);
	if (set(&bq[2].q, QF_TEXT, two)) return -1;
	snprintf(tsq, sizeof tsq, "%s:* & %s:*", mid, common);
	pg_text_query(bq[2].pg, sizeof bq[2].pg, tsq, "");

	bq[3].name = "text_50km"; bq[3].what = "common term + 50 km";
	snprintf(near, sizeof near, "%.4f,%.4f", NEAR_LAT, NEAR_LON);
	if (set(&bq[3].q, QF_TEXT, common) || set(&bq[3].q, QF_NEAR, near)
	    || set(&bq[3].q, QF_WITHIN, "50"))
		return -1;
	snprintf(tsq, sizeof tsq, "%s:*", common);
	snprintf(box, sizeof box,
	    "AND lat BETWEEN %.6f AND %.6f AND lon BETWEEN %.6f AND %.6f "
	    "AND 2 * 6371.0088 * asin(sqrt(power(sin(radians(lat - %.6f) / 2), 2) + "
	    "cos(radians(%.6f)) * cos(radians(lat)) * power(sin(radians(lon - %.6f) / 2), 2))) <= 50",
	    NEAR_LAT - dlat, NEAR_LAT + dlat, NEAR_LON - dlon, NEAR_LON + dlon,
	    NEAR_LAT, NEAR_LAT, NEAR_LON);
	pg_text_query(bq[3].pg, sizeof bq[3].pg, tsq, box);

	bq[4].name = "filters_only"; bq[4].what = "province + need + language";
	if (set(&bq[4].q, QF_PROVINCE, "ON") || set(&bq[4].q, QF_NEED, "wage_recovery")
	    || set(&bq[4].q, QF_LANG, "fr"))
		return -1;
	snprintf(bq[4].pg, sizeof bq[4].pg,
	    "SELECT id, count(*) OVER () FROM service WHERE province IN ('ON', 'CA') "
	    "AND ' ' || needs || ' ' LIKE '%% wage_recovery %%' "
	    "AND ' ' || languages || ' ' LIKE '%% fr %%' ORDER BY name LIMIT 20;\n");
	for (int i = 0; i < NQUERIES; i++) {
		enum query_field bad;
		if (query_finish(&bq[i].q, &bad) != QUERY_OK) return -1;
	}
	return 0;
}

static int time_sqlite(struct dir_search *s, struct bquery *b, int runs)
{
	double *t = malloc(sizeof *t * (size_t)runs);
	if (!t) return -1;
	for (int i = 0; i < WARMUP + runs; i++) {
		struct search_result *r = NULL;
		double t0 = now_us();
		enum search_err e = search_run(s, &b->q, &r);
		double t1 = now_us();
		if (e != SEARCH_OK) {
			fprintf(stderr, "bench: search %s failed: %s\n", b->name, search_strerror(e));
			search_result_free(r);
			free(t);
			return -1;
		}
		b->total = r->total;
		search_result_free(r);
		if (i >= WARMUP) t[i - WARMUP] = (t1 - t0) / 1000.0;
	}
	b->p50 = pct(t, runs, 0.50);
	b->p99 = pct(t, runs, 0.99);
	free(t);
	return 0;
}

/* The services as PostgreSQL's COPY reads them (RFC 4180). */
static void csv_cell(FILE *f, const unsigned char *s, bool last)
{
	if (!s) {                    /* unquoted and empty: COPY reads NULL */
		fputc(last ? '\n' : ',', f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"') fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

static int write_pg_csv(struct db *db, const char *path)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT s.id, s.name, o.name, s.description, "
	    " (SELECT group_concat(need_id, ' ') FROM service_need sn WHERE sn.service_id = s.id), "
	    " (SELECT a.city FROM service_at_location sl JOIN address a ON a.location_id = sl.location_id "
	    "  WHERE sl.service_id = s.id LIMIT 1), s.province, "
	    " (SELECT l.latitude FROM service_at_location sl JOIN location l ON l.id = sl.location_id "
	    "  WHERE sl.service_id = s.id AND l.confidential = 0 AND l.latitude IS NOT NULL LIMIT 1), "
	    " (SELECT l.longitude FROM service_at_location sl JOIN location l ON l.id = sl.location_id "
	    "  WHERE sl.service_id = s.id AND l.confidential = 0 AND l.latitude IS NOT NULL LIMIT 1), "
	    " s.status_required, "
	    " (SELECT group_concat(code, ' ') FROM language g WHERE g.service_id = s.id) "
	    "FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.status = 'active'");
	FILE *f = fopen(path, "w");
	if (!st || !f) {
		sqlite3_finalize(st);
		if (f) fclose(f);
		return -1;
	}
	fputs("id,name,organization,description,needs,city,province,lat,lon,status_required,languages\n", f);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < 11; c++)
			csv_cell(f, sqlite3_column_text(st, c), c == 10);
	sqlite3_finalize(st);
	return fclose(f) == 0 ? 0 : -1;
}

static int run_pg(struct db *db, struct bquery *bq, int runs)
{
	mkdir(DIR_WORK "/pgq", 0755);
	if (write_pg_csv(db, DIR_WORK "/services.csv") != 0) return -1;
	for (int i = 0; i < NQUERIES; i++) {
		char p[128];
		snprintf(p, sizeof p, DIR_WORK "/pgq/%s.sql", bq[i].name);
		FILE *f = fopen(p, "w");
		if (!f) return -1;
		fputs(bq[i].pg, f);
		fclose(f);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "sh bench/directory_pg.sh " DIR_WORK "/services.csv "
	         DIR_WORK "/pgq %d", runs);
	FILE *p = popen(cmd, "r");
	if (!p) return -1;
	char line[256];
	while (fgets(line, sizeof line, p)) {
		char name[64];
		double a, b;
		if (sscanf(line, "pg %63s %lf %lf", name, &a, &b) != 3) continue;
		for (int i = 0; i < NQUERIES; i++)
			if (strcmp(name, bq[i].name) == 0) {
				bq[i].pg50 = a;
				bq[i].pg99 = b;
			}
	}
	return pclose(p) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long n = 100000;
	int runs = 500;
	bool reuse = false, pg = true;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--services") == 0 && i + 1 < argc) n = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--reuse") == 0) reuse = true;
		else if (strcmp(argv[i], "--no-pg") == 0) pg = false;
		else {
			fprintf(stderr, "usage: bench_directory [--services N] [--runs R] [--reuse] [--no-pg]\n");
			return 2;
		}
	}
	if (n == 0 || runs < 10) return 2;
	mkdir("build", 0755);
	mkdir(DIR_WORK, 0755);

	char msg[256];
	struct db *db = NULL;
	bool have = false;
	if (reuse && db_open(DB_PATH, false, &db, msg, sizeof msg) == DB_OK) {
		have = scalar(db, "SELECT count(*) FROM service") == (long long)n;
		db_close(db);
		db = NULL;
	}
	printf("safepath directory benchmark: %lu synthetic services, %d runs per query\n", n, runs);
	if (!have) {
		double gen_s, imp_s;
		if (build(n, &gen_s, &imp_s) != 0) return 1;
		struct stat sb;
		stat(DB_PATH, &sb);
		printf("(a) generate %.1f s; import %.1f s (%.0f services/s); database %.0f MB\n",
		       gen_s, imp_s, (double)n / imp_s, (double)sb.st_size / 1e6);
	} else {
		printf("(a) import: reused %s\n", DB_PATH);
	}
	if (db_open(DB_PATH, false, &db, msg, sizeof msg) != DB_OK) {
		fprintf(stderr, "bench: %s\n", msg);
		return 1;
	}
	struct bquery bq[NQUERIES];
	memset(bq, 0, sizeof bq);
	if (make_queries(db, bq) != 0) {
		fprintf(stderr, "bench: could not set up the queries\n");
		return 1;
	}
	struct dir_search *s = search_new(db);
	if (!s) return 1;
	sqlite3_int64 cur;
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &(sqlite3_int64){ 0 }, 1);
	for (int i = 0; i < NQUERIES; i++)
		if (time_sqlite(s, &bq[i], runs) != 0) return 1;
	sqlite3_int64 hw = 0;
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hw, 0);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	search_free(s);

	if (pg && run_pg(db, bq, runs) != 0) {
		fprintf(stderr, "bench: the PostgreSQL side failed (is the postgresql package installed?)\n");
		pg = false;
	}
	db_close(db);

	printf("(b) search latency in ms (SQLite FTS5 + R*Tree through search_run)%s\n",
	       pg ? ", and PostgreSQL 15 full-text search on the same data" : "");
	printf("    %-14s %-28s %8s %8s %8s", "query", "what", "matches", "p50", "p99");
	if (pg) printf(" %9s %9s %8s %8s", "pg p50", "pg p99", "pg/sq50", "pg/sq99");
	printf("\n");
	for (int i = 0; i < NQUERIES; i++) {
		printf("    %-14s %-28s %8lld %8.3f %8.3f", bq[i].name, bq[i].what, bq[i].total,
		       bq[i].p50, bq[i].p99);
		if (pg)
			printf(" %9.3f %9.3f %7.1fx %7.1fx", bq[i].pg50, bq[i].pg99,
			       bq[i].pg50 / bq[i].p50, bq[i].pg99 / bq[i].p99);
		printf("\n");
	}
	printf("(c) memory: SQLite heap high-water during the searches %.1f MB; "
	       "process peak RSS %.1f MB\n", (double)hw / 1e6, (double)ru.ru_maxrss / 1024.0);
	return 0;
}
