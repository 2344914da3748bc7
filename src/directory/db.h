/*
** db.h — the service directory's database: one SQLite file, opened with the
** durability settings safepath relies on and migrated to the current schema
** (src/directory/schema.sql, embedded).
**
** Every module of src/directory/ talks to SQLite through the handle this gives;
** all SQL is constant text with bound parameters (no string is ever pasted
** into SQL). Error messages name the problem, never a value from the data.
**
** Ownership: db_open returns a handle the caller releases with db_close.
*/
#ifndef SAFEPATH_DB_H
#define SAFEPATH_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#define DB_SCHEMA_VERSION 1
#define DB_DEFAULT_PATH "safepath.db"   /* in the working directory; --db or SAFEPATH_DB override */

enum db_err {
	DB_OK = 0,
	DB_EOPEN,      /* cannot open or create the file */
	DB_ENOTDB,     /* the file is not a safepath directory (or is corrupt) */
	DB_ENEWER,     /* made by a newer safepath: refuse rather than damage it */
	DB_ESQL,       /* a statement failed (message says which step) */
	DB_ENOMEM
};

struct db;

/* Opens (create: creating if missing) the directory at path, sets WAL,
** synchronous=FULL, foreign_keys=ON, a busy timeout, secure_delete, and runs the
** pending migrations in one transaction. On error *out is NULL and msg (cap
** bytes) says what went wrong. */
enum db_err db_open(const char *path, bool create, struct db **out, char *msg, size_t cap);
void db_close(struct db *db);
sqlite3 *db_handle(struct db *db);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum db_err db_begin(struct db *db);
enum db_err db_commit(struct db *db);
void db_rollback(struct db *db);

/* Prepares a constant statement; NULL on error (db_errmsg says why). The
** caller finalizes it. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);
/* Runs constant SQL with no parameters and no rows (DDL, pragmas). */
enum db_err db_exec(struct db *db, const char *sql);
/* SQLite's message for the last failure (never holds data values: safepath
** binds every value, and SQLite's messages name constraints and columns). */
const char *db_errmsg(struct db *db);

/* The path to use: the --db option if given, else $SAFEPATH_DB, else
** DB_DEFAULT_PATH. */
const char *db_default_path(const char *opt);

#endif
