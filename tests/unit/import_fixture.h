/*
** import_fixture.h — what the importer's unit tests share: a scratch folder,
** fresh databases in it, one-value queries, files written into it, and the
** lookup of a problem in the last report. Included by one test program each.
*/
#ifndef SAFEPATH_IMPORT_FIXTURE_H
#define SAFEPATH_IMPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/directory/db.h"
#include "../../src/directory/import.h"
#include "db_scratch.h"
#include "test.h"

static char dir[] = "/tmp/safepath-test-import-XXXXXX";   /* mkdtemp in main */
static struct import_report rep;
static int dbno;

static struct db *fresh_db(void)
{
	char path[128], msg[200];
	snprintf(path, sizeof path, "%s/db%d.sqlite", dir, ++dbno);
	struct db *db = NULL;
	if (db_open(path, true, &db, msg, sizeof msg) != DB_OK)
		fprintf(stderr, "db_open: %s\n", msg);
	return db;
}

static const char *text_of(struct db *db, const char *sql)
{
	static char out[4096];
	sqlite3_stmt *st = db_prepare(db, sql);
	snprintf(out, sizeof out, "(none)");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sizeof out, "%s", sqlite3_column_type(st, 0) == SQLITE_NULL
		         ? "(null)" : (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Every row of every table, as one number that changes when anything does. */
static long long fingerprint(struct db *db)
{
	return int_of(db,
	    "SELECT (SELECT count(*) FROM organization) + 10 * (SELECT count(*) FROM service)"
	    " + 100 * (SELECT count(*) FROM location) + 1000 * (SELECT count(*) FROM phone)"
	    " + 10000 * (SELECT count(*) FROM address) + 100000 * (SELECT count(*) FROM language)"
	    " + 1000000 * (SELECT count(*) FROM schedule) + 10000000 * (SELECT count(*) FROM attribute)"
	    " + 100000000 * (SELECT count(*) FROM service_at_location)"
	    " + 1000000000 * (SELECT count(*) FROM service_fts)"
	    " + 10000000000 * (SELECT count(*) FROM location_rtree)"
	    " + 100000000000 * (SELECT count(*) FROM service_need)");
}

static void write_file(const char *sub, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

__attribute__((unused)) static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = malloc(1 << 20);
	size_t n = p ? fread(p, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (p)
		p[n] = '\0';
	return p;
}

static const struct import_problem *find_problem(const char *file, const char *field,
                                                 enum import_code code)
{
	for (size_t i = 0; i < rep.nproblems; i++)
		if (strcmp(rep.problems[i].file, file) == 0 && strcmp(rep.problems[i].field, field) == 0
		    && rep.problems[i].code == code)
			return &rep.problems[i];
	return NULL;
}

__attribute__((unused)) static enum import_err json(struct db *db, const char *text)
{
	return import_json_text(db, "test.json", text, strlen(text), &rep);
}

static int fixture_start(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

static void fixture_end(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

#endif
