/*
** index.c — keeping service_fts and location_rtree in step with the tables.
**
** A service's full-text row is deleted and written again whole (service_fts
** keeps its own copy of the text, so a row can be replaced; see schema.sql).
** The cities are those of the addresses of the locations the service is
** offered at; a confidential location's city is public, so it is indexed.
** The R*Tree holds only what distance search may use: physical, not
** confidential, with both coordinates.
*/
#include <stdlib.h>

#include "db.h"
#include "index.h"

/* The full-text text of services, as one SELECT both for one service and for
** the rebuild (the WHERE clause is the only difference). */
#define FTS_SELECT \
	"SELECT s.rowid, s.name, coalesce(o.name, ''), coalesce(s.description, ''), " \
	"coalesce((SELECT group_concat(n.name_en || ' ' || n.name_fr, ' ') " \
	"          FROM service_need sn JOIN need n ON n.id = sn.need_id " \
	"          WHERE sn.service_id = s.id), ''), " \
	"coalesce((SELECT group_concat(DISTINCT a.city) " \
	"          FROM service_at_location sal JOIN address a ON a.location_id = sal.location_id " \
	"          WHERE sal.service_id = s.id), '') " \
	"FROM service s LEFT JOIN organization o ON o.id = s.organization_id "
#define FTS_INSERT "INSERT INTO service_fts (rowid, name, organization, description, needs, city) "
#define RTREE_INSERT "INSERT INTO location_rtree (id, min_lat, max_lat, min_lon, max_lon) "
#define RTREE_SELECT \
	"SELECT l.rowid, l.latitude, l.latitude, l.longitude, l.longitude FROM location l "
#define RTREE_WANTED \
	"l.location_type = 'physical' AND l.confidential = 0 " \
	"AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL"

#define PENDING_SVC "(SELECT id FROM temp.index_pending WHERE kind = 0)"
#define PENDING_LOC "(SELECT id FROM temp.index_pending WHERE kind = 1)"

enum {
	S_FTS_DELETE, S_FTS_INSERT, S_RT_DELETE_SVC, S_RT_INSERT_SVC, S_SVC_ROWID,
	S_RT_DELETE_LOC, S_RT_INSERT_LOC, S_NOTE,
	S_FLUSH0, S_FLUSH_LAST = S_FLUSH0 + 4, S__MAX
};

static const char *const sqls[S__MAX] = {
	[S_FTS_DELETE] = "DELETE FROM service_fts WHERE rowid = ?1",
	[S_FTS_INSERT] = FTS_INSERT FTS_SELECT "WHERE s.rowid = ?1",
	[S_RT_DELETE_SVC] =
		"DELETE FROM location_rtree WHERE id IN (SELECT l.rowid FROM location l "
		"JOIN service_at_location sal ON sal.location_id = l.id "
		"JOIN service s ON s.id = sal.service_id WHERE s.rowid = ?1)",
	[S_RT_INSERT_SVC] = RTREE_INSERT RTREE_SELECT
		"JOIN service_at_location sal ON sal.location_id = l.id "
		"JOIN service s ON s.id = sal.service_id WHERE s.rowid = ?1 AND " RTREE_WANTED,
	[S_SVC_ROWID] = "SELECT rowid FROM service WHERE id = ?1",
	[S_RT_DELETE_LOC] =
		"DELETE FROM location_rtree WHERE id IN (SELECT rowid FROM location WHERE id = ?1)",
	[S_RT_INSERT_LOC] = RTREE_INSERT RTREE_SELECT "WHERE l.id = ?1 AND " RTREE_WANTED,
	[S_NOTE] = "INSERT OR IGNORE INTO temp.index_pending (kind, id) VALUES (?1, ?2)",
	[S_FLUSH0] = "DELETE FROM service_fts WHERE rowid IN " PENDING_SVC,
	[S_FLUSH0 + 1] = FTS_INSERT FTS_SELECT "WHERE s.rowid IN " PENDING_SVC,
	[S_FLUSH0 + 2] = "DELETE FROM location_rtree WHERE id IN " PENDING_LOC,
	[S_FLUSH0 + 3] = RTREE_INSERT RTREE_SELECT "WHERE l.rowid IN " PENDING_LOC " AND " RTREE_WANTED,
	[S_FLUSH_LAST] = "DELETE FROM temp.index_pending",
};

struct index {
	struct db *db;
	sqlite3_stmt *st[S__MAX];
};

struct index *index_new(struct db *db)
{
	struct index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->db = db;
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS index_pending (kind INTEGER NOT NULL, "
	                "id INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID") != DB_OK) {
		free(ix);
		return NULL;
	}
	for (int i = 0; i < S__MAX; i++)
		if (!(ix->st[i] = db_prepare(db, sqls[i]))) {
			index_free(ix);
			return NULL;
		}
	return ix;
}

void index_free(struct index *ix)
{
	if (!ix)
		return;
	for (int i = 0; i < S__MAX; i++)
		sqlite3_finalize(ix->st[i]);
	free(ix);
}

/* Runs a statement that returns no rows, with one integer or text parameter. */
static enum index_err run_int(struct index *ix, int which, long long v)
{
	sqlite3_stmt *st = ix->st[which];
	int rc = sqlite3_bind_int64(st, 1, v);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? INDEX_OK : rc == SQLITE_NOMEM ? INDEX_ENOMEM : INDEX_EDB;
}

static enum index_err run_text(struct index *ix, int which, const char *v)
{
	sqlite3_stmt *st = ix->st[which];
	int rc = sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? INDEX_OK : rc == SQLITE_NOMEM ? INDEX_ENOMEM : INDEX_EDB;
}

enum index_err index_service(struct index *ix, long long rowid)
{
	static const int steps[] = { S_FTS_DELETE, S_FTS_INSERT, S_RT_DELETE_SVC, S_RT_INSERT_SVC };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		enum index_err e = run_int(ix, steps[i], rowid);
		if (e != INDEX_OK)
			return e;
	}
	return INDEX_OK;
}

enum index_err index_service_id(struct index *ix, const char *service_id)
{
	sqlite3_stmt *st = ix->st[S_SVC_ROWID];
	long long rowid = 0;
	int rc = sqlite3_bind_text(st, 1, service_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rowid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return INDEX_OK;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_NOMEM ? INDEX_ENOMEM : INDEX_EDB;
	return index_service(ix, rowid);
}

enum index_err index_location_id(struct index *ix, const char *location_id)
{
	enum index_err e = run_text(ix, S_RT_DELETE_LOC, location_id);
	return e != INDEX_OK ? e : run_text(ix, S_RT_INSERT_LOC, location_id);
}

static enum index_err note(struct index *ix, int kind, long long rowid)
{
	sqlite3_stmt *st = ix->st[S_NOTE];
	int rc = sqlite3_bind_int(st, 1, kind);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, rowid);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? INDEX_OK : rc == SQLITE_NOMEM ? INDEX_ENOMEM : INDEX_EDB;
}

enum index_err index_note_service(struct index *ix, long long rowid) { return note(ix, 0, rowid); }
enum index_err index_note_location(struct index *ix, long long rowid) { return note(ix, 1, rowid); }

enum index_err index_flush(struct index *ix)
{
	for (int i = S_FLUSH0; i <= S_FLUSH_LAST; i++) {
		int rc = sqlite3_step(ix->st[i]);
		sqlite3_reset(ix->st[i]);
		if (rc != SQLITE_DONE)
			return rc == SQLITE_NOMEM ? INDEX_ENOMEM : INDEX_EDB;
	}
	return INDEX_OK;
}

enum index_err index_rebuild(struct db *db)
{
	static const char *const steps[] = {
		"DELETE FROM service_fts",
		FTS_INSERT FTS_SELECT,
		"DELETE FROM location_rtree",
		RTREE_INSERT RTREE_SELECT "WHERE " RTREE_WANTED,
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		enum db_err e = db_exec(db, steps[i]);
		if (e != DB_OK)
			return e == DB_ENOMEM ? INDEX_ENOMEM : INDEX_EDB;
	}
	return INDEX_OK;
}
