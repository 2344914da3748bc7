/*
** searchInt.h — internals of the directory search (search.c, search_cache.c,
** search_sql.c, search_out.c), shared by those files only.
**
** The search filters in C, not in SQL. Services are joined to their needs,
** languages and locations by text ids (HSDS UUIDs), and following a text id
** costs a B-tree seek of about a microsecond; a filter tested that way on each
** of 30,000 matches of a common word takes 30 ms or more. So the search keeps,
** per service rowid, what the filters ask (status, province, access without
** status, needs, languages, cities) and, per location rowid, the services
** there: the "facets". They are read once with a few sequential scans, kept on
** the search context, and read again when the database changes (PRAGMA
** data_version for other connections, sqlite3_total_changes64 for this one).
** Each part is read on first use: a text search with no filter reads only the
** service part.
*/
#ifndef SAFEPATH_SEARCHINT_H
#define SAFEPATH_SEARCHINT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "query.h"
#include "search.h"

struct arena;
struct db;

#define FACETS_ROWID_MAX (1u << 25)    /* largest service or location rowid handled */
#define FACET_NONE UINT32_MAX          /* a value no service has */
#define SEARCH_ENOENT ((enum search_err)100)   /* internal: a row vanished */

/* Per service rowid: flags. */
enum { SF_PRESENT = 1, SF_ACTIVE = 2, SF_NOSTATUS = 4 };

enum facet_part {
	FP_SVC = 1,      /* flags, province */
	FP_NAME = 2,     /* the rank of each service in name order */
	FP_IDS = 4,      /* service id -> rowid (for the parts below) */
	FP_NEED = 8,
	FP_LANG = 16,
	FP_LOC = 32      /* cities per service, services per location */
};

/* A string -> number table (open addressing); keys live in a shared arena. */
struct strmap_slot {
	const char *key;               /* NULL: empty */
	uint32_t hash, val;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;
};

/* Lists of numbers per key, in compressed rows: key k has
** val[off[k] .. off[k+1]). */
struct csr {
	uint32_t *off;
	uint32_t *val;
	size_t nkeys;
};

struct facets {
	long long data_version;
	long long changes;
	unsigned parts;
	struct arena *mem;             /* strmap keys */
	size_t nrow;                   /* max service rowid + 1 */
	uint8_t *flags;                /* SF_* */
	size_t inactive;               /* services whose status is not 'active' */
	uint8_t *province;             /* 1 + index in search_provinces, 0 when unknown */
	uint32_t *name_rank;
	struct strmap svc_ids;         /* FP_IDS */
	struct strmap need_ids, lang_codes, cities;
	struct csr needs, langs, svc_cities;   /* per service rowid */
	size_t nloc;                   /* max location rowid + 1 */
	uint8_t *loc_hidden;           /* 1: confidential, never placed by distance */
	struct csr loc_svcs;           /* per location rowid: service rowids */
};

/* A candidate for the page: ordered by key, then key2, then rowid. */
struct pick {
	double key, key2;
	uint32_t row;
};

/* One search being run: the query turned into facet numbers, the per-query
** distances, and the best rows so far. */
struct search_run {
	const struct facets *fx;
	bool active_only, no_status;
	uint8_t province;              /* 0: any */
	uint8_t national;              /* the code of CA: national services match any province */
	uint32_t need, lang, city;     /* FACET_NONE: no such value anywhere; checked when want_* */
	bool want_need, want_lang, want_city;
	bool near;
	float *dist;                   /* per service rowid, valid when stamp[row] == gen */
	uint32_t *stamp;
	uint32_t gen;
	long long total;               /* rows that pass every filter */
	bool filtered;                 /* some filter applies (else search_keep is skipped) */
	struct pick best[QUERY_LIMIT_MAX];   /* a max-heap of the page so far */
	size_t nbest;
	unsigned limit;
	bool use_idf;                  /* weigh words by rarity (the OR query of the typo fallback) */
	bool idf_ready;
	int nphrase;
	double idf[QUERY_WORDS_MAX * (QUERY_ALTS_MAX + 1)];
};

/* search_cache.c */
void facets_clear(struct facets *fx);
/* Makes sure the parts asked for are loaded and current. */
enum search_err facets_need(struct facets *fx, sqlite3 *h, unsigned parts);
uint8_t facets_province_code(const char *two);
uint32_t strmap_find(const struct strmap *m, const char *s);
bool csr_has(const struct csr *c, uint32_t key, uint32_t val);

/* search_sql.c: the FTS5 auxiliary function safepath_collect, registered by
** search_new, which also keeps FTS5's API for the tokenizer. */
int search_sql_register(sqlite3 *h, fts5_api **api);
#define SEARCH_RUN_PTR "safepath_search_run"
bool search_keep(struct search_run *r, long long row);
/* Offers a row to the page (search.c): kept when among the best r->limit. */
void search_offer(struct search_run *r, double key, double key2, uint32_t row);
/* Great-circle distance on a sphere of the Earth's mean radius. */
double search_km(double lat1, double lon1, double lat2, double lon2);

struct search_tokenizer {
	fts5_tokenizer fn;
	Fts5Tokenizer *tok;
};
int search_tokenizer_new(fts5_api *api, struct search_tokenizer *t);
void search_tokenizer_free(struct search_tokenizer *t);
/* The tokens of s as FTS5's unicode61 (remove_diacritics 2) makes them; at
** most cap; -1 on failure or when there are more. */
int search_tokens(struct search_tokenizer *t, const char *s, size_t len,
                  char (*out)[QUERY_WORD_MAX + 1], size_t cap);


/* search.c: the context, its statements (prepared on first use) and helpers. */
enum {
	S_FTS, S_BOX, S_VOCAB, S_NEED_ONE, S_NEED_ALL,
	S_D_SVC, S_D_PHONES, S_D_LANGS, S_D_NEEDS, S_D_LOCS, S__MAX
};

struct dir_search {
	struct db *db;
	sqlite3 *h;
	fts5_api *fts;
	struct search_tokenizer tok;
	sqlite3_stmt *st[S__MAX];
	struct facets fx;
	float *dist;                 /* per service rowid, for the search being run */
	uint32_t *stamp;
	size_t ndist;
	uint32_t gen;
	uint32_t *placed;            /* services placed by near in this search */
	size_t nplaced, placed_cap;
};

sqlite3_stmt *search_stmt(struct dir_search *s, int which);   /* NULL on failure */
void search_done(sqlite3_stmt *st);                          /* reset + clear bindings */
enum search_err search_rc_err(int rc);
int search_bind_text(sqlite3_stmt *st, const char *name, const char *v);
int search_bind_int64(sqlite3_stmt *st, const char *name, long long v);
/* Runs the full-text query for match; r->total counts every row kept and
** rows[0..*n) is the page, best first. */
enum search_err search_fts_pick(struct dir_search *s, struct search_run *r, const char *match,
                                unsigned limit, uint32_t *rows, size_t *n);

/* search_text.c: words, the typo fallback. */
enum search_err search_text_pick(struct dir_search *s, const struct search_query *q,
                                 struct search_run *r, struct search_result *res,
                                 uint32_t *rows, size_t *n);
/* search_page.c: the details of one returned service. */
enum search_err search_fill_hit(struct dir_search *s, const struct search_query *q,
                                const struct search_run *r, uint32_t row,
                                struct search_hit *h, struct arena *a);

#endif
