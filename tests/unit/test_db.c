/*
** test_db.c — opening the directory database: creation and migration to the
** current schema, settings that protect the data (WAL, synchronous, foreign
** keys), reopening without re-running migrations, and refusals: a missing file
** without create, a file that is not a database, one from a newer safepath.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/directory/db.h"
#include "db_scratch.h"
#include "test.h"

static char dir[] = "/tmp/safepath-test-db-XXXXXX";

static void path_of(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", dir, name);
}

static const char *text_of(struct db *db, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	out[0] = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void test_create_and_reopen(void)
{
	char p[256], msg[256], t[64];
	struct db *db = NULL;
	path_of(p, sizeof p, "a.db");
	CHECK_INT(db_open(p, false, &db, msg, sizeof msg), DB_EOPEN);
	CHECK(db == NULL);
	CHECK_INT(db_open(p, true, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(int_of(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	CHECK_STR(text_of(db, "PRAGMA journal_mode", t, sizeof t), "wal");
	CHECK_INT(int_of(db, "PRAGMA synchronous"), 2);          /* FULL */
	CHECK_INT(int_of(db, "PRAGMA foreign_keys"), 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM sqlite_master WHERE name IN "
	                     "('service', 'service_fts', 'location_rtree', 'need')"), 4);
	/* Foreign keys are enforced: a service needs its organization. */
	CHECK_INT(db_exec(db, "INSERT INTO service(id, organization_id, name, status) "
	                      "VALUES ('s1', 'nope', 'n', 'active')"), DB_ESQL);
	CHECK_INT(db_exec(db, "INSERT INTO organization(id, name) VALUES ('o1', 'Org')"), DB_OK);
	CHECK_INT(db_exec(db, "INSERT INTO service(id, organization_id, name, status) "
	                      "VALUES ('s1', 'o1', 'n', 'active')"), DB_OK);
	/* A check constraint guards the typed columns. */
	CHECK_INT(db_exec(db, "UPDATE service SET status_required = 'maybe'"), DB_ESQL);
	db_close(db);

	/* Reopening keeps the data and does not migrate again. */
	db = NULL;
	CHECK_INT(db_open(p, false, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 1);
	/* Deleting an organization takes its services with it. */
	CHECK_INT(db_exec(db, "DELETE FROM organization WHERE id = 'o1'"), DB_OK);
	CHECK_INT(int_of(db, "SELECT count(*) FROM service"), 0);
	db_close(db);
}

static void test_transactions(void)
{
	char p[256], msg[256];
	struct db *db = NULL;
	path_of(p, sizeof p, "t.db");
	CHECK_INT(db_open(p, true, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(db_begin(db), DB_OK);
	CHECK_INT(db_exec(db, "INSERT INTO organization(id, name) VALUES ('o1', 'Org')"), DB_OK);
	db_rollback(db);
	CHECK_INT(int_of(db, "SELECT count(*) FROM organization"), 0);
	CHECK_INT(db_begin(db), DB_OK);
	CHECK_INT(db_exec(db, "INSERT INTO organization(id, name) VALUES ('o1', 'Org')"), DB_OK);
	CHECK_INT(db_commit(db), DB_OK);
	CHECK_INT(int_of(db, "SELECT count(*) FROM organization"), 1);
	db_rollback(db);                       /* no transaction open: harmless */
	CHECK(db_prepare(db, "SELECT nonsense FROM nowhere") == NULL);
	CHECK(strlen(db_errmsg(db)) > 0);
	db_close(db);
}

static void test_refusals(void)
{
	char p[256], msg[256];
	struct db *db = NULL;

	/* Not a database: refused, and the file is left as it was. */
	path_of(p, sizeof p, "text.db");
	FILE *f = fopen(p, "w");
	CHECK(f != NULL);
	if (!f) return;
	fputs("these are somebody's notes, not a database\n", f);
	fclose(f);
	CHECK_INT(db_open(p, true, &db, msg, sizeof msg), DB_ENOTDB);
	CHECK(db == NULL);
	CHECK(strstr(msg, "not a safepath directory") != NULL);
	f = fopen(p, "r");
	char line[128] = "";
	if (f) {
		CHECK(fgets(line, sizeof line, f) != NULL);
		fclose(f);
	}
	CHECK_STR(line, "these are somebody's notes, not a database\n");

	/* Made by a newer safepath: refused, untouched. */
	path_of(p, sizeof p, "newer.db");
	sqlite3 *h = NULL;
	CHECK_INT(sqlite3_open(p, &h), SQLITE_OK);
	CHECK_INT(sqlite3_exec(h, "PRAGMA user_version = 99; CREATE TABLE x(a)", NULL, NULL, NULL),
	          SQLITE_OK);
	sqlite3_close(h);
	CHECK_INT(db_open(p, false, &db, msg, sizeof msg), DB_ENEWER);
	CHECK(strstr(msg, "newer") != NULL);

	/* The path to use. */
	CHECK_STR(db_default_path("x.db"), "x.db");
	unsetenv("SAFEPATH_DB");
	CHECK_STR(db_default_path(NULL), DB_DEFAULT_PATH);
	setenv("SAFEPATH_DB", "/tmp/other.db", 1);
	CHECK_STR(db_default_path(""), "/tmp/other.db");
	unsetenv("SAFEPATH_DB");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_create_and_reopen);
	RUN(test_transactions);
	RUN(test_refusals);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
	TEST_END();
}
