/*
** seed.c — creating a directory database with the seed entries (seed.h).
** Moved out of src/cli/cmd_directory_seed.c so that the web server can create
** its database the same way `directory init` does.
*/
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../rules/embedded.h"
#include "db.h"
#include "import.h"
#include "seed.h"

/* Removes a database file's WAL, shared-memory and journal files. */
static void remove_side_files(const char *path)
{
	static const char *const ext[] = { "-wal", "-shm", "-journal" };
	char side[SEED_PATH_MAX + 16];
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		int k = snprintf(side, sizeof side, "%s%s", path, ext[i]);
		if (k > 0 && (size_t)k < sizeof side)
			(void)remove(side);   /* best effort: most are absent */
	}
}

static void remove_db(const char *path)
{
	(void)remove(path);
	remove_side_files(path);
}

enum seed_err seed_create(const char *path, struct import_report *rep, size_t *added)
{
	if (added)
		*added = 0;
	if (embedded_seed_count != 1)
		return SEED_EMISSING;

	char tmp[SEED_PATH_MAX];
	struct stat st;
	int k = snprintf(tmp, sizeof tmp, "%s.new-%ld", path, (long)getpid());
	/* A file already under the temporary name is not ours to remove. */
	if (k < 0 || (size_t)k >= sizeof tmp || lstat(tmp, &st) == 0)
		return SEED_ECREATE;
	struct db *db = NULL;
	char msg[256];
	if (db_open(tmp, true, &db, msg, sizeof msg) != DB_OK) {
		remove_db(tmp);
		return SEED_ECREATE;
	}
	struct import_report *own = NULL;
	if (!rep)
		rep = own = calloc(1, sizeof *rep);
	enum import_err ie = rep ? import_json_text(db, "seed.json", embedded_seed[0].text,
	                                            embedded_seed[0].len, rep)
	                         : IMPORT_ENOMEM;
	if (added && ie == IMPORT_OK)
		*added = rep->services.added;
	free(own);
	db_close(db);   /* checkpoints: the WAL is folded in and removed */
	if (ie != IMPORT_OK) {
		remove_db(tmp);
		return SEED_EIMPORT;
	}
	/* The old file's WAL must not outlive it: it would be read as the new
	** file's. */
	remove_side_files(path);
	if (rename(tmp, path) != 0) {
		remove_db(tmp);
		return SEED_ERENAME;
	}
	remove_side_files(tmp);
	return SEED_OK;
}
