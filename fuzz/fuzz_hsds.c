/*
** fuzz_hsds.c — fuzz target for the HSDS JSON import (src/directory/import*.c)
** into an in-memory directory: any bytes as a JSON document. Checks the
** import's promises after each input: a refused import names at least one
** problem and changes nothing; an accepted one keeps the indexes in step (one
** full-text row per service), leaves no confidential location with
** coordinates or a street line, no point for it in the R*Tree, and no broken
** foreign key.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory/db.h"
#include "directory/import.h"
#include "fuzz.h"

static struct db *db;
static struct import_report rep;
static unsigned runs;

static long long one(const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	long long v = -1;
	if (!st)
		abort();
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static long long state(void)
{
	return one("SELECT (SELECT count(*) FROM service) + 1000 * (SELECT count(*) FROM location)"
	           " + 1000000 * (SELECT count(*) FROM phone) + 1000000000 * (SELECT count(*) FROM attribute)"
	           " + 1000000000000 * (SELECT count(*) FROM service_fts)");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A fresh directory now and then, so a long run does not grow without end. */
	if (!db || ++runs % 500 == 0) {
		char msg[200];
		db_close(db);
		if (db_open(":memory:", true, &db, msg, sizeof msg) != DB_OK)
			abort();
	}
	long long before = state();
	enum import_err e = import_json_text(db, "fuzz.json", (const char *)data, size, &rep);
	if (e == IMPORT_EINPUT) {
		if (rep.nproblems == 0 || state() != before)
			abort();
		for (size_t i = 0; i < rep.nproblems; i++)
			if (!memchr(rep.problems[i].field, '\0', sizeof rep.problems[i].field)
			    || !memchr(rep.problems[i].file, '\0', sizeof rep.problems[i].file)
			    || !import_problem_text(rep.problems[i].code))
				abort();
		return 0;
	}
	if (e != IMPORT_OK) {
		fprintf(stderr, "import failed: %s\n", rep.detail);
		abort();    /* an in-memory database has no reason to fail */
	}
	if (one("SELECT count(*) FROM service") != one("SELECT count(*) FROM service_fts")
	    || one("SELECT count(*) FROM location WHERE confidential = 1 AND (latitude IS NOT NULL "
	           "OR longitude IS NOT NULL OR transportation IS NOT NULL)") != 0
	    || one("SELECT count(*) FROM address a JOIN location l ON l.id = a.location_id "
	           "WHERE l.confidential = 1 AND (a.address_1 <> '' OR a.postal_code <> '' "
	           "OR a.address_2 IS NOT NULL OR a.attention IS NOT NULL)") != 0
	    || one("SELECT count(*) FROM location_rtree r JOIN location l ON l.rowid = r.id "
	           "WHERE l.confidential = 1 OR l.location_type <> 'physical'") != 0
	    || one("SELECT count(*) FROM pragma_foreign_key_check") != 0)
		abort();
	return 0;
}
