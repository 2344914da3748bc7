/*
** search.c — running a directory search (search.h).
**
** Plans (docs/internals/search.md has the measurements):
**   text      SELECT count(*) FROM service_fts
**             WHERE service_fts MATCH ? AND safepath_collect(service_fts, ?)
**             FTS5 walks the words' position lists; for each match the FTS5
**             auxiliary function safepath_collect tests the filters in C on the
**             facets (no per-row SQL), ranks the rows kept and keeps the best
**             in a heap (rank, then distance, then rowid); count(*) is the
**             total.
**   near      one R*Tree query for the bounding box of the circle; exact
**             great-circle distances from the points the R*Tree holds; the
**             services at those locations get a per-search distance
**   filters   no text: a pass over the facets in C (the services placed by
**             near, or all), with a bounded heap for the page
**   page      the details of the returned services only (≤ 100 rows), by rowid
** Everything runs in one read transaction, so the total, the page and the
** details come from one snapshot.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "db.h"
#include "searchInt.h"

static const char *const sqls[S__MAX] = {
	/* safepath_collect filters, ranks and keeps the page in C; it is true for
	** the rows kept, so count(*) is the total. No row leaves SQLite and no
	** sorter runs (the top k of an ORDER BY ... LIMIT costs SQLite a B-tree
	** insert per row: half the time of a common word). */
	[S_FTS] = "SELECT count(*) FROM service_fts "
	          "WHERE service_fts MATCH :match AND safepath_collect(service_fts, :run)",
	[S_BOX] = "SELECT id, min_lat, max_lat, min_lon, max_lon FROM location_rtree "
	          "WHERE max_lat >= :lat0 AND min_lat <= :lat1 AND max_lon >= :lon0 AND min_lon <= :lon1",
	[S_VOCAB] = "SELECT term, doc FROM service_fts_vocab WHERE term >= :lo AND term < :hi",
	[S_NEED_ONE] = "SELECT 1 FROM need WHERE id = :id",
	[S_NEED_ALL] = "SELECT id FROM need ORDER BY id",
	[S_D_SVC] =
		"SELECT s.id, s.name, o.name, s.description, s.province, s.status_required, "
		"s.shares_with_enforcement, s.id_required, s.asks_status, s.verified, s.source, "
		"s.unverified_note FROM service s LEFT JOIN organization o ON o.id = s.organization_id "
		"WHERE s.rowid = :row",
	/* The service's phones, then those of its service-at-locations and of its
	** locations; at a confidential location only the intake line. */
	[S_D_PHONES] =
		"SELECT number, extension FROM ("
		" SELECT 0 AS k, p.rowid AS r, p.number, p.extension FROM phone p WHERE p.service_id = :id"
		" UNION ALL SELECT 1, p.rowid, p.number, p.extension FROM service_at_location sal"
		"  JOIN location l ON l.id = sal.location_id"
		"  JOIN phone p ON p.service_at_location_id = sal.id"
		"  WHERE sal.service_id = :id AND (l.confidential = 0 OR p.intake = 1)"
		" UNION ALL SELECT 2, p.rowid, p.number, p.extension FROM service_at_location sal"
		"  JOIN location l ON l.id = sal.location_id JOIN phone p ON p.location_id = l.id"
		"  WHERE sal.service_id = :id AND (l.confidential = 0 OR p.intake = 1)"
		") ORDER BY k, r LIMIT 32",
	[S_D_LANGS] =
		"SELECT DISTINCT lower(code) FROM ("
		" SELECT code FROM language WHERE service_id = :id"
		" UNION ALL SELECT lg.code FROM phone p JOIN language lg ON lg.phone_id = p.id"
		"  WHERE p.service_id = :id"
		" UNION ALL SELECT lg.code FROM service_at_location sal"
		"  JOIN phone p ON p.service_at_location_id = sal.id"
		"  JOIN language lg ON lg.phone_id = p.id WHERE sal.service_id = :id"
		") WHERE code IS NOT NULL ORDER BY 1 LIMIT 32",
	[S_D_NEEDS] = "SELECT need_id FROM service_need WHERE service_id = :id ORDER BY need_id LIMIT 64",
	[S_D_LOCS] =
		"SELECT l.confidential, l.latitude, l.longitude, a.city, a.state_province "
		"FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
		"LEFT JOIN address a ON a.location_id = l.id WHERE sal.service_id = :id "
		"ORDER BY (a.address_type = 'physical') DESC, sal.rowid, a.rowid",
};

struct dir_search *search_new(struct db *db)
{
	struct dir_search *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->db = db;
	s->h = db_handle(db);
	if (search_sql_register(s->h, &s->fts) != 0 || search_tokenizer_new(s->fts, &s->tok) != 0) {
		search_free(s);
		return NULL;
	}
	return s;
}

void search_free(struct dir_search *s)
{
	if (!s)
		return;
	for (int i = 0; i < S__MAX; i++)
		sqlite3_finalize(s->st[i]);
	search_tokenizer_free(&s->tok);
	facets_clear(&s->fx);
	free(s->dist);
	free(s->stamp);
	free(s->placed);
	free(s);
}

sqlite3_stmt *search_stmt(struct dir_search *s, int i)
{
	if (!s->st[i])
		s->st[i] = db_prepare(s->db, sqls[i]);
	return s->st[i];
}

void search_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum search_err search_rc_err(int rc)
{
	return rc == SQLITE_NOMEM ? SEARCH_ENOMEM : SEARCH_EDB;
}

int search_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : SQLITE_OK;
}

int search_bind_int64(sqlite3_stmt *st, const char *name, long long v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i ? sqlite3_bind_int64(st, i, v) : SQLITE_OK;
}

static int bind_double(sqlite3_stmt *st, const char *name, double v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i ? sqlite3_bind_double(st, i, v) : SQLITE_OK;
}

const char *search_strerror(enum search_err e)
{
	switch (e) {
	case SEARCH_OK: return "no error";
	case SEARCH_ENEED: return "no such need";
	case SEARCH_ENOMEM: return "not enough memory";
	case SEARCH_ETOOBIG: return "the directory is larger than the search can hold in memory";
	case SEARCH_EDB: break;
	}
	return "the directory database could not be searched";
}

/* ---- needs ---- */

static enum search_err need_exists(struct dir_search *s, const char *id)
{
	sqlite3_stmt *st = search_stmt(s, S_NEED_ONE);
	if (!st)
		return SEARCH_EDB;
	int rc = search_bind_text(st, ":id", id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	search_done(st);
	if (rc == SQLITE_ROW)
		return SEARCH_OK;
	return rc == SQLITE_DONE ? SEARCH_ENEED : search_rc_err(rc);
}

enum search_err search_need_ids(struct dir_search *s, struct buf *out)
{
	sqlite3_stmt *st = search_stmt(s, S_NEED_ALL);
	if (!st)
		return SEARCH_EDB;
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++)
			buf_puts(out, ", ");
		buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	}
	search_done(st);
	if (rc != SQLITE_DONE)
		return search_rc_err(rc);
	return out->err == BUF_OK ? SEARCH_OK : SEARCH_ENOMEM;
}

/* ---- near ---- */

static enum search_err place(struct dir_search *s, uint32_t row, double km)
{
	if (s->stamp[row] == s->gen) {
		if (km < s->dist[row])
			s->dist[row] = (float)km;
		return SEARCH_OK;
	}
	if (s->nplaced == s->placed_cap) {
		size_t nc = s->placed_cap ? s->placed_cap * 2 : 1024;
		uint32_t *np = realloc(s->placed, nc * sizeof *np);
		if (!np)
			return SEARCH_ENOMEM;
		s->placed = np;
		s->placed_cap = nc;
	}
	s->placed[s->nplaced++] = row;
	s->stamp[row] = s->gen;
	s->dist[row] = (float)km;
	return SEARCH_OK;
}

/* Places every service with a non-confidential location within the radius.
** The box is the circle's bounding box on the sphere (a full band of
** longitude when the circle reaches a pole), widened by 1e-4 degrees for the
** R*Tree's 32-bit floats; points are the R*Tree boxes' centres (within a
** metre of the stored coordinates). */
static enum search_err near_filter(struct dir_search *s, const struct search_query *q,
                                   struct search_run *r)
{
	const struct facets *fx = &s->fx;
	if (s->ndist != fx->nrow) {
		free(s->dist);
		free(s->stamp);
		s->dist = malloc((fx->nrow ? fx->nrow : 1) * sizeof *s->dist);
		s->stamp = calloc(fx->nrow ? fx->nrow : 1, sizeof *s->stamp);
		s->ndist = fx->nrow;
		s->gen = 0;
		if (!s->dist || !s->stamp) {
			s->ndist = 0;
			return SEARCH_ENOMEM;
		}
	}
	if (++s->gen == 0) {
		memset(s->stamp, 0, s->ndist * sizeof *s->stamp);
		s->gen = 1;
	}
	s->nplaced = 0;
	r->near = true;
	r->dist = s->dist;
	r->stamp = s->stamp;
	r->gen = s->gen;

	const double km_per_deg = 6371.0088 * 3.14159265358979323846 / 180.0, margin = 1e-4;
	double dlat = q->within_km / km_per_deg;
	double lat0 = q->lat - dlat - margin, lat1 = q->lat + dlat + margin;
	double lon0 = -180.0, lon1 = 180.0;
	double c = cos(q->lat * 3.14159265358979323846 / 180.0);
	double sr = sin(q->within_km / 6371.0088);
	if (lat0 > -90.0 && lat1 < 90.0 && c > 0.0 && sr / c < 1.0) {
		double dlon = asin(sr / c) * 180.0 / 3.14159265358979323846;
		if (q->lon - dlon - margin > -180.0 && q->lon + dlon + margin < 180.0) {
			lon0 = q->lon - dlon - margin;
			lon1 = q->lon + dlon + margin;
		}
	}
	sqlite3_stmt *st = search_stmt(s, S_BOX);
	if (!st)
		return SEARCH_EDB;
	int rc = bind_double(st, ":lat0", lat0);
	if (rc == SQLITE_OK) rc = bind_double(st, ":lat1", lat1);
	if (rc == SQLITE_OK) rc = bind_double(st, ":lon0", lon0);
	if (rc == SQLITE_OK) rc = bind_double(st, ":lon1", lon1);
	enum search_err e = SEARCH_OK;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		long long loc = sqlite3_column_int64(st, 0);
		if (loc < 0 || (size_t)loc >= fx->nloc || fx->loc_hidden[loc])
			continue;
		double plat = (sqlite3_column_double(st, 1) + sqlite3_column_double(st, 2)) / 2.0;
		double plon = (sqlite3_column_double(st, 3) + sqlite3_column_double(st, 4)) / 2.0;
		double km = search_km(q->lat, q->lon, plat, plon);
		if (!(km <= q->within_km))
			continue;
		for (uint32_t i = fx->loc_svcs.off[loc]; i < fx->loc_svcs.off[loc + 1]; i++) {
			uint32_t row = fx->loc_svcs.val[i];
			if (row < fx->nrow && (e = place(s, row, km)) != SEARCH_OK)
				break;
		}
		if (e != SEARCH_OK)
			break;
	}
	search_done(st);
	if (e != SEARCH_OK)
		return e;
	return rc == SQLITE_DONE ? SEARCH_OK : search_rc_err(rc);
}

/* ---- picking the page ---- */

static bool pick_less(const struct pick *a, const struct pick *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->key2 != b->key2)
		return a->key2 < b->key2;
	return a->row < b->row;
}

void search_offer(struct search_run *r, double key, double key2, uint32_t row)
{
	struct pick *h = r->best, p = { key, key2, row };
	size_t i, n = r->nbest;
	if (n < r->limit) {
		i = r->nbest++;
		h[i] = p;
		while (i > 0 && pick_less(&h[(i - 1) / 2], &h[i])) {
			struct pick t = h[i];
			h[i] = h[(i - 1) / 2];
			h[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
		return;
	}
	if (!n || !pick_less(&p, &h[0]))
		return;
	h[0] = p;
	i = 0;
	for (;;) {
		size_t l = 2 * i + 1, rr = l + 1, m = i;
		if (l < n && pick_less(&h[m], &h[l])) m = l;
		if (rr < n && pick_less(&h[m], &h[rr])) m = rr;
		if (m == i)
			break;
		struct pick t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static int pick_cmp(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	return pick_less(x, y) ? -1 : pick_less(y, x) ? 1 : 0;
}

/* The page, best first, from the heap. */
static void take_page(struct search_run *r, uint32_t *rows, size_t *n)
{
	qsort(r->best, r->nbest, sizeof r->best[0], pick_cmp);
	for (size_t i = 0; i < r->nbest; i++)
		rows[i] = r->best[i].row;
	*n = r->nbest;
}

/* No text: the services placed by near (by distance), or all (by name). */
static void scan_pick(struct dir_search *s, struct search_run *r, uint32_t *rows, size_t *n)
{
	if (r->near) {
		for (size_t i = 0; i < s->nplaced; i++) {
			uint32_t row = s->placed[i];
			if (search_keep(r, row)) {
				r->total++;
				search_offer(r, s->dist[row], 0.0, row);
			}
		}
	} else {
		for (size_t row = 0; row < s->fx.nrow; row++)
			if (search_keep(r, (long long)row)) {
				r->total++;
				search_offer(r, s->fx.name_rank[row], 0.0, (uint32_t)row);
			}
	}
	take_page(r, rows, n);
}

enum search_err search_fts_pick(struct dir_search *s, struct search_run *r, const char *match,
                                unsigned limit, uint32_t *rows, size_t *n)
{
	sqlite3_stmt *st = search_stmt(s, S_FTS);
	if (!st)
		return SEARCH_EDB;
	r->total = 0;
	r->nbest = 0;
	r->limit = limit;
	*n = 0;
	int rc = search_bind_text(st, ":match", match);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(st, sqlite3_bind_parameter_index(st, ":run"), r,
		                          SEARCH_RUN_PTR, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	long long total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	search_done(st);
	if (rc != SQLITE_ROW)
		return search_rc_err(rc);
	r->total = total;
	take_page(r, rows, n);
	return SEARCH_OK;
}

static enum search_err run(struct dir_search *s, const struct search_query *q,
                           struct search_result *res)
{
	enum search_err e;
	if (q->need[0] && (e = need_exists(s, q->need)) != SEARCH_OK)
		return e;
	bool text = query_has_text(q);
	unsigned parts = FP_SVC;
	if (!text && !q->near)
		parts |= FP_NAME;
	if (q->need[0])
		parts |= FP_NEED;
	if (q->lang[0])
		parts |= FP_LANG;
	if (q->city[0] || q->near)
		parts |= FP_LOC;
	if ((e = facets_need(&s->fx, s->h, parts)) != SEARCH_OK)
		return e;

	struct search_run *r = calloc(1, sizeof *r);
	if (!r)
		return SEARCH_ENOMEM;
	r->fx = &s->fx;
	/* When every service is active the status filter is no filter. */
	r->active_only = q->statuses == QS_ACTIVE && s->fx.inactive > 0;
	r->no_status = q->no_status;
	r->province = facets_province_code(q->province);
	r->national = facets_province_code("CA");
	r->want_need = q->need[0] != '\0';
	r->need = strmap_find(&s->fx.need_ids, q->need);
	r->want_lang = q->lang[0] != '\0';
	r->lang = strmap_find(&s->fx.lang_codes, q->lang);
	r->want_city = q->city[0] != '\0';
	r->city = strmap_find(&s->fx.cities, q->city);
	r->filtered = r->active_only || r->no_status || r->province || r->want_need || r->want_lang
	              || r->want_city || q->near;

	uint32_t rows[QUERY_LIMIT_MAX];
	size_t n = 0;
	unsigned limit = q->limit >= 1 && q->limit <= QUERY_LIMIT_MAX ? q->limit : QUERY_LIMIT_DEFAULT;
	struct search_query lq = *q;
	lq.limit = limit;
	r->limit = limit;
	e = q->near ? near_filter(s, q, r) : SEARCH_OK;
	if (e == SEARCH_OK) {
		if (text)
			e = search_text_pick(s, &lq, r, res, rows, &n);
		else
			scan_pick(s, r, rows, &n);
	}
	res->total = r->total;
	if (e == SEARCH_OK && n) {
		res->hits = arena_calloc(res->mem, n, sizeof *res->hits);
		if (!res->hits)
			e = SEARCH_ENOMEM;
	}
	for (size_t i = 0; e == SEARCH_OK && i < n; i++) {
		e = search_fill_hit(s, q, r, rows[i], &res->hits[res->n], res->mem);
		if (e == SEARCH_ENOENT)
			e = SEARCH_OK;
		else if (e == SEARCH_OK)
			res->n++;
	}
	free(r);
	return e;
}

enum search_err search_run(struct dir_search *s, const struct search_query *q,
                           struct search_result **out)
{
	*out = NULL;
	struct search_result *res = calloc(1, sizeof *res);
	if (!res)
		return SEARCH_ENOMEM;
	res->mem = arena_new(SEARCH_RESULT_MAX);
	res->fuzzy_terms = "";
	if (!res->mem) {
		free(res);
		return SEARCH_ENOMEM;
	}
	bool own = sqlite3_get_autocommit(s->h) != 0;
	enum search_err e = SEARCH_OK;
	if (own && db_exec(s->db, "BEGIN") != DB_OK)
		e = SEARCH_EDB;
	if (e == SEARCH_OK)
		e = run(s, q, res);
	if (own && e == SEARCH_OK && db_exec(s->db, "COMMIT") != DB_OK)
		e = SEARCH_EDB;
	if (own && e != SEARCH_OK)
		db_rollback(s->db);
	if (e != SEARCH_OK) {
		search_result_free(res);
		return e;
	}
	*out = res;
	return SEARCH_OK;
}

void search_result_free(struct search_result *r)
{
	if (!r)
		return;
	arena_free(r->mem);
	free(r);
}
