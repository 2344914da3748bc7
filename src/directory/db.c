/*
** db.c — opening and migrating the directory database.
**
** Durability follows SQLite's own guidance for data people cannot afford to
** lose: WAL journal, synchronous=FULL (a committed import survives a power
** cut), foreign keys enforced, and secure_delete so that deleted rows do not
** linger in free pages of a laptop's file. Migrations are embedded SQL files
** run in order, each in one transaction with the user_version bump, so a
** failed upgrade leaves the file as it was.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/rules.h"   /* struct rules_source: tools/embed's output type */
#include "db.h"
#include "needs.h"

struct db {
	sqlite3 *h;
};

/* build/gen/directory_schema.c: tools/embed of src/directory/schema.sql (and
** later migrations, in order: one file per schema version). */
extern const struct rules_source directory_schema[];
extern const size_t directory_schema_count;

static void set_msg(char *msg, size_t cap, const char *what, const char *detail)
{
	if (!msg || !cap) return;
	if (detail) snprintf(msg, cap, "%s: %s", what, detail);
	else snprintf(msg, cap, "%s", what);
}

sqlite3 *db_handle(struct db *db) { return db->h; }

const char *db_errmsg(struct db *db) { return db && db->h ? sqlite3_errmsg(db->h) : "no database"; }

enum db_err db_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	if (rc == SQLITE_NOMEM) return DB_ENOMEM;
	return rc == SQLITE_OK ? DB_OK : DB_ESQL;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

enum db_err db_begin(struct db *db) { return db_exec(db, "BEGIN IMMEDIATE"); }
enum db_err db_commit(struct db *db) { return db_exec(db, "COMMIT"); }
void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h)) (void)db_exec(db, "ROLLBACK");
}

static int user_version(struct db *db, int *v)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA user_version");
	if (!st) return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) *v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static enum db_err migrate(struct db *db, char *msg, size_t cap)
{
	int v = 0;
	if (user_version(db, &v) != 0) {
		set_msg(msg, cap, "not a safepath directory database, or it is damaged", NULL);
		return DB_ENOTDB;
	}
	if (v > DB_SCHEMA_VERSION) {
		set_msg(msg, cap, "the directory database was made by a newer safepath; "
		        "it is left untouched", NULL);
		return DB_ENEWER;
	}
	if (directory_schema_count != DB_SCHEMA_VERSION) {
		set_msg(msg, cap, "internal error: the embedded migrations do not match the schema version", NULL);
		return DB_ESQL;
	}
	for (; v < DB_SCHEMA_VERSION; v++) {
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
		if (db_begin(db) != DB_OK || db_exec(db, directory_schema[v].text) != DB_OK
		    || db_exec(db, bump) != DB_OK || db_commit(db) != DB_OK) {
			set_msg(msg, cap, "upgrading the directory database failed", db_errmsg(db));
			db_rollback(db);
			return DB_ESQL;
		}
	}
	return DB_OK;
}

enum db_err db_open(const char *path, bool create, struct db **out, char *msg, size_t cap)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		set_msg(msg, cap, "out of memory", NULL);
		return DB_ENOMEM;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		set_msg(msg, cap, create ? "cannot open or create the directory database"
		                         : "cannot open the directory database (does it exist?)", NULL);
		db_close(db);
		return DB_EOPEN;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	/* journal_mode returns a row; sqlite3_exec ignores it. */
	if (db_exec(db, "PRAGMA journal_mode = WAL") != DB_OK
	    || db_exec(db, "PRAGMA synchronous = FULL") != DB_OK
	    || db_exec(db, "PRAGMA foreign_keys = ON") != DB_OK
	    || db_exec(db, "PRAGMA secure_delete = ON") != DB_OK) {
		set_msg(msg, cap, "not a safepath directory database, or it is damaged", NULL);
		db_close(db);
		return DB_ENOTDB;
	}
	enum db_err e = migrate(db, msg, cap);
	if (e != DB_OK) {
		db_close(db);
		return e;
	}
	/* The needs vocabulary ships with the binary; a newer safepath brings new
	** needs to an existing file (writes nothing when all is current). */
	enum needs_err ne = needs_sync(db, msg, cap);
	if (ne != NEEDS_OK) {
		db_close(db);
		return ne == NEEDS_ENOMEM ? DB_ENOMEM : DB_ESQL;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db *db)
{
	if (!db) return;
	sqlite3_close_v2(db->h);
	free(db);
}

const char *db_default_path(const char *opt)
{
	if (opt && *opt) return opt;
	const char *env = getenv("SAFEPATH_DB");
	return env && *env ? env : DB_DEFAULT_PATH;
}
