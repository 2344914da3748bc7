/*
** db_scratch.h — for the unit tests that open a directory database in a
** scratch folder: a one-value query, and the removal of the database with its
** WAL files and the folder. Included by one test program each.
*/
#ifndef SAFEPATH_DB_SCRATCH_H
#define SAFEPATH_DB_SCRATCH_H

#include <stdio.h>
#include <unistd.h>

#include "../../src/directory/db.h"

/* The first column of the first row of sql as an integer; -1 if there is none. */
static inline long long int_of(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	long long v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Removes the (closed) database at path, its -wal and -shm files, then the
** folder dir that held it. */
static inline void remove_scratch_db(const char *dir, const char *path)
{
	char side[160];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

#endif
