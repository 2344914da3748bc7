/*
** index.h — the directory's search indexes, kept in step with its data:
**
**   service_fts     one row per service (rowid = service.rowid): its name, its
**                   organization's name, its description, the English and
**                   French names of its needs, and the cities of its locations
**   location_rtree  one point per physical location that is not confidential
**                   and has coordinates (rowid = location.rowid)
**
** Whoever changes a service, a location or an organization rewrites the
** entries concerned in the same transaction (the importer does; see
** import.h). index_rebuild rewrites everything, e.g. after a bulk change.
**
** Ownership: index_new prepares the statements once for many calls; the
** caller releases them with index_free before closing the database.
*/
#ifndef SAFEPATH_INDEX_H
#define SAFEPATH_INDEX_H

struct db;
struct index;

enum index_err { INDEX_OK = 0, INDEX_EDB, INDEX_ENOMEM };

/* NULL on failure (db_errmsg says why, or out of memory). */
struct index *index_new(struct db *db);
void index_free(struct index *ix);

/* Rewrites the full-text row of the service with that rowid (deleting it when
** no such service exists) and the R*Tree points of its locations. */
enum index_err index_service(struct index *ix, long long service_rowid);
/* The same by HSDS id; a service that does not exist has nothing to index. */
enum index_err index_service_id(struct index *ix, const char *service_id);
/* Rewrites the R*Tree point of one location (by HSDS id). */
enum index_err index_location_id(struct index *ix, const char *location_id);

/* Many at once: note the services and locations to rewrite, then flush them
** with one statement per index. Far faster for a bulk change: SQLite's FTS5
** writes its pending data to disk at the end of every statement inside a
** transaction, so one statement per service would write one tiny segment
** each. The notes live in a temporary table of the connection. */
enum index_err index_note_service(struct index *ix, long long service_rowid);
enum index_err index_note_location(struct index *ix, long long location_rowid);
enum index_err index_flush(struct index *ix);

/* Empties both indexes and fills them again from the tables. */
enum index_err index_rebuild(struct db *db);

#endif
