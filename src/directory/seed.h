/*
** seed.h — a new directory database holding the researched seed entries
** (data/directory/seed.json, compiled in), for `safepath directory init` and
** for `safepath serve`, which creates its database when it is missing.
**
** The database is built under a temporary name next to the target
** (PATH.new-PID) and renamed into place only once the import has committed,
** so a failure leaves any old file as it was and a reader never sees half a
** directory. Whether an existing file may be replaced is the caller's
** decision (seed_create replaces it). Nothing here prints.
*/
#ifndef SAFEPATH_SEED_H
#define SAFEPATH_SEED_H

#include <stddef.h>

#define SEED_PATH_MAX 4096   /* bytes of a database path */

enum seed_err {
	SEED_OK = 0,
	SEED_EMISSING,   /* the seed entries are not built in (a bug) */
	SEED_ECREATE,    /* the new database cannot be created (or the path is too long) */
	SEED_EIMPORT,    /* the seed entries do not import (a bug; rep says where) */
	SEED_ERENAME     /* the new database cannot be put in place */
};

struct import_report;

/* Creates the database at path holding the seed entries, replacing any file
** there. rep (may be NULL) gets the import's report; *added (may be NULL) the
** number of services added. */
enum seed_err seed_create(const char *path, struct import_report *rep, size_t *added);

#endif
