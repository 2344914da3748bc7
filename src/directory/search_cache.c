/*
** search_cache.c — the facets (searchInt.h): what the search filters on, per
** service rowid, read from the tables with sequential scans.
**
** Measured on 100,000 generated services (2 shared cores): the service part
** about 35 ms, name order 40 ms, ids 10 ms, needs 30 ms, languages 40 ms,
** locations 40 ms; a long-running process (the benchmark, a web server) pays
** each once per change of the data. A text search with no filter but the
** default status needs the service part only.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "searchInt.h"

#define FACETS_MEM_MAX ((size_t)1 << 30)   /* bytes of interned ids and names */
#define FACET_KEY_MAX 256                   /* longer ids or names are not interned */

static const char *const search_provinces[] = {
	"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", "CA",
};

uint8_t facets_province_code(const char *two)
{
	if (!two || !two[0])
		return 0;
	for (size_t i = 0; i < sizeof search_provinces / sizeof search_provinces[0]; i++)
		if (strcmp(two, search_provinces[i]) == 0)
			return (uint8_t)(i + 1);
	return 0;
}

/* ---- string map ---- */

/* FNV-1a, with the high bits folded in so that the table index (low bits)
** depends on every byte. */
static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 32);
}

static void strmap_free(struct strmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}

/* The slot holding s, or the empty slot where it would go. The hash stored
** next to the key spares reading the key of every slot probed. */
static size_t strmap_slot(const struct strmap *m, const char *s, size_t n, uint32_t h)
{
	size_t i = h & (m->cap - 1);
	for (;; i = (i + 1) & (m->cap - 1)) {
		const struct strmap_slot *e = &m->slot[i];
		if (!e->key || (e->hash == h && strncmp(e->key, s, n) == 0 && e->key[n] == '\0'))
			return i;
	}
}

static int strmap_grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	struct strmap g = { calloc(ncap, sizeof *g.slot), ncap, 0 };
	if (!g.slot)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key) {
			const struct strmap_slot *e = &m->slot[i];
			g.slot[strmap_slot(&g, e->key, strlen(e->key), e->hash)] = *e;
			g.n++;
		}
	strmap_free(m);
	*m = g;
	return 0;
}

/* Adds s -> val unless s is there; *out is the value now held. */
static int strmap_add(struct strmap *m, struct arena *a, const char *s, size_t n,
                      uint32_t val, uint32_t *out)
{
	if ((m->n + 1) * 2 > m->cap && strmap_grow(m) != 0)
		return -1;
	uint32_t h = (uint32_t)hash_str(s, n);
	struct strmap_slot *e = &m->slot[strmap_slot(m, s, n, h)];
	if (!e->key) {
		char *k = arena_strndup(a, s, n);
		if (!k)
			return -1;
		e->key = k;
		e->val = val;
		e->hash = h;
		m->n++;
	}
	if (out)
		*out = e->val;
	return 0;
}

/* Interns s: the value is its order of first appearance. */
static int strmap_intern(struct strmap *m, struct arena *a, const char *s, size_t n, uint32_t *id)
{
	return strmap_add(m, a, s, n, (uint32_t)m->n, id);
}

uint32_t strmap_find(const struct strmap *m, const char *s)
{
	if (!m->cap || !s)
		return FACET_NONE;
	size_t n = strlen(s);
	const struct strmap_slot *e = &m->slot[strmap_slot(m, s, n, (uint32_t)hash_str(s, n))];
	return e->key ? e->val : FACET_NONE;
}

/* ---- lists per key ---- */

struct pairs {
	uint32_t *k, *v;
	size_t n, cap;
};

static int pairs_add(struct pairs *p, uint32_t k, uint32_t v)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 1024;
		uint32_t *nk = realloc(p->k, nc * sizeof *nk);
		if (!nk)
			return -1;
		p->k = nk;
		uint32_t *nv = realloc(p->v, nc * sizeof *nv);
		if (!nv)
			return -1;
		p->v = nv;
		p->cap = nc;
	}
	p->k[p->n] = k;
	p->v[p->n] = v;
	p->n++;
	return 0;
}

static void pairs_free(struct pairs *p)
{
	free(p->k);
	free(p->v);
	memset(p, 0, sizeof *p);
}

static void csr_free(struct csr *c)
{
	free(c->off);
	free(c->val);
	memset(c, 0, sizeof *c);
}

static int csr_build(struct csr *c, size_t nkeys, const struct pairs *p)
{
	c->nkeys = nkeys;
	c->off = calloc(nkeys + 1, sizeof *c->off);
	c->val = malloc((p->n ? p->n : 1) * sizeof *c->val);
	uint32_t *fill = calloc(nkeys ? nkeys : 1, sizeof *fill);
	if (!c->off || !c->val || !fill) {
		free(fill);
		csr_free(c);
		return -1;
	}
	for (size_t i = 0; i < p->n; i++)
		c->off[p->k[i] + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		c->off[k + 1] += c->off[k];
	for (size_t i = 0; i < p->n; i++) {
		uint32_t k = p->k[i];
		c->val[c->off[k] + fill[k]++] = p->v[i];
	}
	free(fill);
	return 0;
}

bool csr_has(const struct csr *c, uint32_t key, uint32_t val)
{
	if (key >= c->nkeys)
		return false;
	for (uint32_t i = c->off[key]; i < c->off[key + 1]; i++)
		if (c->val[i] == val)
			return true;
	return false;
}

/* ---- loading ---- */

void facets_clear(struct facets *fx)
{
	free(fx->flags);
	free(fx->province);
	free(fx->name_rank);
	free(fx->loc_hidden);
	strmap_free(&fx->svc_ids);
	strmap_free(&fx->need_ids);
	strmap_free(&fx->lang_codes);
	strmap_free(&fx->cities);
	csr_free(&fx->needs);
	csr_free(&fx->langs);
	csr_free(&fx->svc_cities);
	csr_free(&fx->loc_svcs);
	arena_free(fx->mem);
	memset(fx, 0, sizeof *fx);
}

static sqlite3_stmt *prep(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static enum search_err step_err(sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return SEARCH_OK;
	return rc == SQLITE_NOMEM ? SEARCH_ENOMEM : SEARCH_EDB;
}

/* max(rowid) + 1 of a table, within FACETS_ROWID_MAX. */
static enum search_err rowid_span(sqlite3 *h, const char *sql, size_t *out)
{
	sqlite3_stmt *st = prep(h, sql);
	if (!st)
		return SEARCH_EDB;
	int rc = sqlite3_step(st);
	long long m = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return SEARCH_EDB;
	if (m < 0 || m >= (long long)FACETS_ROWID_MAX)
		return SEARCH_ETOOBIG;
	*out = (size_t)m + 1;
	return SEARCH_OK;
}

static const char *col_text(sqlite3_stmt *st, int i, size_t *n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	*n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return s && *n <= FACET_KEY_MAX ? s : NULL;
}

/* Steps through the rows of sql, handing each to each(); the first error a
** row returns stops the scan and is returned. */
static enum search_err scan(sqlite3 *h, const char *sql,
                            enum search_err (*each)(void *ctx, sqlite3_stmt *st), void *ctx)
{
	sqlite3_stmt *st = prep(h, sql);
	if (!st)
		return SEARCH_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum search_err e = each(ctx, st);
		if (e != SEARCH_OK) {
			sqlite3_finalize(st);
			return e;
		}
	}
	return step_err(st, rc);
}

/* service: rowid, status, province, status_required. */
static enum search_err svc_row(void *ctx, sqlite3_stmt *st)
{
	struct facets *fx = ctx;
	long long row = sqlite3_column_int64(st, 0);
	if (row < 0 || (size_t)row >= fx->nrow)
		return SEARCH_OK;
	const char *status = (const char *)sqlite3_column_text(st, 1);
	const char *prov = (const char *)sqlite3_column_text(st, 2);
	const char *req = (const char *)sqlite3_column_text(st, 3);
	uint8_t f = SF_PRESENT;
	if (status && strcmp(status, "active") == 0)
		f |= SF_ACTIVE;
	if (req && strcmp(req, "none") == 0)
		f |= SF_NOSTATUS;
	fx->flags[row] = f;
	fx->province[row] = facets_province_code(prov);
	if (!(f & SF_ACTIVE))
		fx->inactive++;
	return SEARCH_OK;
}

static enum search_err load_svc(struct facets *fx, sqlite3 *h)
{
	enum search_err e = rowid_span(h, "SELECT max(rowid) FROM service", &fx->nrow);
	if (e != SEARCH_OK)
		return e;
	fx->flags = calloc(fx->nrow, 1);
	fx->province = calloc(fx->nrow, 1);
	if (!fx->flags || !fx->province)
		return SEARCH_ENOMEM;
	return scan(h, "SELECT rowid, status, province, status_required FROM service", svc_row, fx);
}

/* Name order, ASCII letters compared without case as SQLite's NOCASE does;
** ties by rowid, so the order is stable. Sorted here: SQLite's sorter takes
** about five times as long on 100,000 rows. */
struct named {
	const char *name;              /* ASCII capitals lowered */
	uint32_t row;
};

static int named_cmp(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : a->row < b->row ? -1 : a->row > b->row;
}

static enum search_err load_name(struct facets *fx, sqlite3 *h)
{
	fx->name_rank = calloc(fx->nrow, sizeof *fx->name_rank);
	struct arena *tmp = arena_new(FACETS_MEM_MAX);
	struct named *v = NULL;
	size_t n = 0, cap = 0;
	enum search_err e = SEARCH_OK;
	sqlite3_stmt *st = fx->name_rank && tmp ? prep(h, "SELECT rowid, name FROM service") : NULL;
	if (!st) {
		arena_free(tmp);
		return fx->name_rank && tmp ? SEARCH_EDB : SEARCH_ENOMEM;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (row < 0 || (size_t)row >= fx->nrow)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			struct named *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				e = SEARCH_ENOMEM;
				break;
			}
			v = nv;
			cap = nc;
		}
		char *low = arena_strdup(tmp, name ? name : "");
		if (!low) {
			e = SEARCH_ENOMEM;
			break;
		}
		for (char *c = low; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
		v[n].name = low;
		v[n].row = (uint32_t)row;
		n++;
	}
	if (e == SEARCH_OK)
		e = step_err(st, rc);
	else
		sqlite3_finalize(st);
	if (e == SEARCH_OK && n) {
		qsort(v, n, sizeof *v, named_cmp);
		for (size_t i = 0; i < n; i++)
			fx->name_rank[v[i].row] = (uint32_t)i;
	}
	free(v);
	arena_free(tmp);
	return e;
}

/* service: rowid, id. */
static enum search_err id_row(void *ctx, sqlite3_stmt *st)
{
	struct facets *fx = ctx;
	long long row = sqlite3_column_int64(st, 0);
	size_t n;
	const char *id = col_text(st, 1, &n);
	if (!id || row < 0 || (size_t)row >= fx->nrow)
		return SEARCH_OK;
	if (strmap_add(&fx->svc_ids, fx->mem, id, n, (uint32_t)row, NULL) != 0)
		return SEARCH_ENOMEM;
	return SEARCH_OK;
}

static enum search_err load_ids(struct facets *fx, sqlite3 *h)
{
	return scan(h, "SELECT rowid, id FROM service", id_row, fx);
}

/* Rows of (service id, value): value interned in vals, pairs (rowid, value id)
** turned into out. lower: ASCII lower case first (language codes); name: the
** place-name fold (cities). */
static enum search_err load_lists(struct facets *fx, sqlite3 *h, const char *sql,
                                  struct strmap *vals, struct csr *out, bool lower)
{
	sqlite3_stmt *st = prep(h, sql);
	if (!st)
		return SEARCH_EDB;
	struct pairs p = { 0 };
	enum search_err e = SEARCH_OK;
	char last[FACET_KEY_MAX + 1] = "";
	uint32_t last_row = FACET_NONE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n1, n2;
		const char *sid = col_text(st, 0, &n1), *v = col_text(st, 1, &n2);
		if (!sid || !v)
			continue;
		char key[FACET_KEY_MAX + 1];
		memcpy(key, v, n2);
		key[n2] = '\0';
		if (lower)
			for (size_t i = 0; i < n2; i++)
				if (key[i] >= 'A' && key[i] <= 'Z')
					key[i] = (char)(key[i] + 32);
		/* Rows come grouped by service: one lookup per group. */
		if (strncmp(last, sid, n1) != 0 || last[n1] != '\0') {
			memcpy(last, sid, n1);
			last[n1] = '\0';
			last_row = strmap_find(&fx->svc_ids, last);
		}
		uint32_t row = last_row, id;
		if (row == FACET_NONE)
			continue;
		if (strmap_intern(vals, fx->mem, key, n2, &id) != 0 || pairs_add(&p, row, id) != 0) {
			e = SEARCH_ENOMEM;
			break;
		}
	}
	if (e == SEARCH_OK)
		e = step_err(st, rc);
	else
		sqlite3_finalize(st);
	if (e == SEARCH_OK && csr_build(out, fx->nrow, &p) != 0)
		e = SEARCH_ENOMEM;
	pairs_free(&p);
	return e;
}

/* What load_loc builds, pass by pass. */
struct loc_load {
	struct facets *fx;
	struct arena *tmp;
	struct strmap loc_ids;                   /* location id -> rowid */
	struct pairs city_of, svc_at, svc_city;
	struct csr loc_cities;
};

/* location: rowid, id, confidential. */
static enum search_err loc_row(void *ctx, sqlite3_stmt *st)
{
	struct loc_load *L = ctx;
	long long row = sqlite3_column_int64(st, 0);
	size_t n;
	const char *id = col_text(st, 1, &n);
	if (!id || row < 0 || (size_t)row >= L->fx->nloc)
		return SEARCH_OK;
	L->fx->loc_hidden[row] = sqlite3_column_int(st, 2) != 0;
	if (strmap_add(&L->loc_ids, L->tmp, id, n, (uint32_t)row, NULL) != 0)
		return SEARCH_ENOMEM;
	return SEARCH_OK;
}

/* address: location_id, city. */
static enum search_err addr_row(void *ctx, sqlite3_stmt *st)
{
	struct loc_load *L = ctx;
	const char *lid = (const char *)sqlite3_column_text(st, 0);
	const char *city = (const char *)sqlite3_column_text(st, 1);
	char f[QUERY_CITY_MAX + 1];
	uint32_t row = strmap_find(&L->loc_ids, lid), id;
	if (row == FACET_NONE || !city
	    || query_fold_name(city, (size_t)sqlite3_column_bytes(st, 1), f, sizeof f) <= 0)
		return SEARCH_OK;
	if (strmap_intern(&L->fx->cities, L->fx->mem, f, strlen(f), &id) != 0
	    || pairs_add(&L->city_of, row, id) != 0)
		return SEARCH_ENOMEM;
	return SEARCH_OK;
}

/* service_at_location: service_id, location_id. */
static enum search_err sal_row(void *ctx, sqlite3_stmt *st)
{
	struct loc_load *L = ctx;
	uint32_t srow = strmap_find(&L->fx->svc_ids, (const char *)sqlite3_column_text(st, 0));
	uint32_t lrow = strmap_find(&L->loc_ids, (const char *)sqlite3_column_text(st, 1));
	if (srow == FACET_NONE || lrow == FACET_NONE)
		return SEARCH_OK;
	if (pairs_add(&L->svc_at, lrow, srow) != 0)
		return SEARCH_ENOMEM;
	for (uint32_t i = L->loc_cities.off[lrow]; i < L->loc_cities.off[lrow + 1]; i++)
		if (pairs_add(&L->svc_city, srow, L->loc_cities.val[i]) != 0)
			return SEARCH_ENOMEM;
	return SEARCH_OK;
}

/* Locations: which are confidential, their cities, the services at each. */
static enum search_err load_loc(struct facets *fx, sqlite3 *h)
{
	enum search_err e = rowid_span(h, "SELECT max(rowid) FROM location", &fx->nloc);
	if (e != SEARCH_OK)
		return e;
	fx->loc_hidden = calloc(fx->nloc, 1);
	struct loc_load L = { .fx = fx, .tmp = arena_new(FACETS_MEM_MAX) };
	if (!fx->loc_hidden || !L.tmp)
		e = SEARCH_ENOMEM;
	if (e == SEARCH_OK)
		e = scan(h, "SELECT rowid, id, confidential FROM location", loc_row, &L);
	if (e == SEARCH_OK)
		e = scan(h, "SELECT location_id, city FROM address", addr_row, &L);
	if (e == SEARCH_OK && csr_build(&L.loc_cities, fx->nloc, &L.city_of) != 0)
		e = SEARCH_ENOMEM;
	if (e == SEARCH_OK)
		e = scan(h, "SELECT service_id, location_id FROM service_at_location", sal_row, &L);
	if (e == SEARCH_OK && (csr_build(&fx->loc_svcs, fx->nloc, &L.svc_at) != 0
	                       || csr_build(&fx->svc_cities, fx->nrow, &L.svc_city) != 0))
		e = SEARCH_ENOMEM;
	csr_free(&L.loc_cities);
	pairs_free(&L.city_of);
	pairs_free(&L.svc_at);
	pairs_free(&L.svc_city);
	strmap_free(&L.loc_ids);
	arena_free(L.tmp);
	return e;
}

enum search_err facets_need(struct facets *fx, sqlite3 *h, unsigned parts)
{
	sqlite3_stmt *st = prep(h, "PRAGMA data_version");
	if (!st)
		return SEARCH_EDB;
	int rc = sqlite3_step(st);
	long long dv = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return SEARCH_EDB;
	long long ch = (long long)sqlite3_total_changes64(h);
	if (fx->parts && (fx->data_version != dv || fx->changes != ch))
		facets_clear(fx);
	if (!fx->mem) {
		fx->mem = arena_new(FACETS_MEM_MAX);
		if (!fx->mem)
			return SEARCH_ENOMEM;
		fx->data_version = dv;
		fx->changes = ch;
	}
	parts |= FP_SVC;
	if (parts & (FP_NEED | FP_LANG | FP_LOC))
		parts |= FP_IDS;
	static const unsigned order[] = { FP_SVC, FP_NAME, FP_IDS, FP_NEED, FP_LANG, FP_LOC };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		unsigned p = order[i];
		if (!(parts & p) || (fx->parts & p))
			continue;
		enum search_err e;
		switch (p) {
		case FP_SVC: e = load_svc(fx, h); break;
		case FP_NAME: e = load_name(fx, h); break;
		case FP_IDS: e = load_ids(fx, h); break;
		case FP_NEED:
			e = load_lists(fx, h, "SELECT service_id, need_id FROM service_need",
			               &fx->need_ids, &fx->needs, false);
			break;
		case FP_LANG:
			/* A service's own languages and those of its phones. */
			e = load_lists(fx, h,
			    "SELECT service_id, code FROM language "
			    " WHERE service_id IS NOT NULL AND code IS NOT NULL "
			    "UNION ALL SELECT coalesce(p.service_id, sal.service_id), lg.code "
			    " FROM language lg JOIN phone p ON p.id = lg.phone_id "
			    " LEFT JOIN service_at_location sal ON sal.id = p.service_at_location_id "
			    /* >= '' rather than IS NOT NULL: it lets SQLite use language_phone */
			    " WHERE lg.phone_id >= '' AND lg.code IS NOT NULL",
			    &fx->lang_codes, &fx->langs, true);
			break;
		default: e = load_loc(fx, h); break;
		}
		if (e != SEARCH_OK) {
			facets_clear(fx);
			return e;
		}
		fx->parts |= p;
	}
	return SEARCH_OK;
}
