/*
** search_sql.c — what the search adds to SQLite on its connection:
**
**   safepath_collect(service_fts, run)
**       an FTS5 auxiliary function used in WHERE: for the current match, 1
**       when the service passes every filter of the search being run
**       (searchInt.h), 0 otherwise; a row kept is ranked (BM25 with column
**       weights, no length normalisation) and offered to the page
**
** and the query tokenizer: the words of a search are cut and folded by
** FTS5's own unicode61 tokenizer (remove_diacritics 2), so the typo fallback
** compares them with index terms exactly as the index would.
**
** Why no length normalisation (b = 0): FTS5's bm25() reads every matching
** row's size from the %_docsize table, a B-tree seek of about 1.6 µs; a word
** in a third of 100,000 services then costs 60 ms to rank. The weighted term
** counts come from the position lists FTS5 has already read (about 0.15 µs
** a row). Services are short texts, where length says little about
** relevance.
*/
#include <math.h>
#include <string.h>

#include "searchInt.h"

/* Column weights, in service_fts's column order: name, organization,
** description, needs, city. */
static const double rank_weight[5] = { 10.0, 3.0, 1.0, 4.0, 1.0 };
#define RANK_K1 1.2
#define EARTH_RADIUS_KM 6371.0088   /* mean radius (IUGG) */
#define PI 3.14159265358979323846

double search_km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double a = s1 * s1 + cos(lat1 * rad) * cos(lat2 * rad) * s2 * s2;
	double r = sqrt(a);
	return 2.0 * EARTH_RADIUS_KM * asin(r < 1.0 ? r : 1.0);
}

bool search_keep(struct search_run *r, long long row)
{
	const struct facets *fx = r->fx;
	if (row < 0 || (size_t)row >= fx->nrow)
		return false;
	uint8_t f = fx->flags[row];
	if (!(f & SF_PRESENT))
		return false;
	if (r->active_only && !(f & SF_ACTIVE))
		return false;
	if (r->no_status && !(f & SF_NOSTATUS))
		return false;
	if (r->province && fx->province[row] != r->province && fx->province[row] != r->national)
		return false;
	if (r->want_need && !csr_has(&fx->needs, (uint32_t)row, r->need))
		return false;
	if (r->want_lang && !csr_has(&fx->langs, (uint32_t)row, r->lang))
		return false;
	if (r->want_city && !csr_has(&fx->svc_cities, (uint32_t)row, r->city))
		return false;
	if (r->near && r->stamp[row] != r->gen)
		return false;
	return true;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)user)++;
	return SQLITE_OK;
}

/* IDF as FTS5's bm25() computes it: log((N - n + 0.5) / (n + 0.5)), at least
** 1e-6. Only the OR query of the typo fallback uses it: in an AND query every
** result holds every word, and counting each word's matches would cost a
** pass over its whole list. */
static int rank_idf(const Fts5ExtensionApi *api, Fts5Context *fts, struct search_run *r, int np)
{
	sqlite3_int64 rows = 0;
	int rc = api->xRowCount(fts, &rows);
	for (int i = 0; rc == SQLITE_OK && i < np; i++) {
		sqlite3_int64 hits = 0;
		rc = api->xQueryPhrase(fts, i, &hits, count_row);
		double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
		r->idf[i] = idf > 0.0 ? idf : 1e-6;
	}
	r->idf_ready = rc == SQLITE_OK;
	return rc;
}

static void fn_collect(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int n, sqlite3_value **v)
{
	enum { NP = QUERY_WORDS_MAX * (QUERY_ALTS_MAX + 1) };
	struct search_run *r = n == 1 ? sqlite3_value_pointer(v[0], SEARCH_RUN_PTR) : NULL;
	if (!r) {
		sqlite3_result_error(ctx, "safepath_collect: no search", -1);
		return;
	}
	long long row = api->xRowid(fts);
	if (r->filtered && !search_keep(r, row)) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	int np = api->xPhraseCount(fts);
	if (np > NP)
		np = NP;
	int rc = SQLITE_OK;
	if (r->use_idf && !r->idf_ready)
		rc = rank_idf(api, fts, r, np);
	double freq[NP];
	memset(freq, 0, (size_t)np * sizeof freq[0]);
	int ninst = 0;
	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &ninst);
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int ip, ic, io;
		rc = api->xInst(fts, i, &ip, &ic, &io);
		if (rc == SQLITE_OK && ip >= 0 && ip < np && ic >= 0 && ic < 5)
			freq[ip] += rank_weight[ic];
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	double score = 0.0;
	for (int i = 0; i < np; i++)
		if (freq[i] > 0.0)
			score += (r->use_idf ? r->idf[i] : 1.0) * freq[i] * (RANK_K1 + 1.0)
			         / (freq[i] + RANK_K1);
	/* Best first: the heap orders ascending, like bm25()'s negative scores. */
	double km = r->near && row >= 0 && (size_t)row < r->fx->nrow ? r->dist[row] : 0.0;
	search_offer(r, -score, km, (uint32_t)row);
	sqlite3_result_int(ctx, 1);
}

static fts5_api *get_fts5(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int search_sql_register(sqlite3 *h, fts5_api **api_out)
{
	fts5_api *api = get_fts5(h);
	if (!api || api->iVersion < 2
	    || api->xCreateFunction(api, "safepath_collect", NULL, fn_collect, NULL) != SQLITE_OK)
		return -1;
	*api_out = api;
	return 0;
}

/* ---- the query tokenizer ---- */

struct tok_out {
	char (*out)[QUERY_WORD_MAX + 1];
	size_t cap, n;
	bool overflow;
};

static int tok_cb(void *user, int flags, const char *tok, int n, int start, int end)
{
	(void)start;
	(void)end;
	struct tok_out *t = user;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (t->n >= t->cap || n < 0 || n > QUERY_WORD_MAX) {
		t->overflow = true;
		return SQLITE_OK;
	}
	memcpy(t->out[t->n], tok, (size_t)n);
	t->out[t->n][n] = '\0';
	t->n++;
	return SQLITE_OK;
}

int search_tokenizer_new(fts5_api *api, struct search_tokenizer *t)
{
	void *ud = NULL;
	const char *args[] = { "remove_diacritics", "2" };
	memset(t, 0, sizeof *t);
	if (api->xFindTokenizer(api, "unicode61", &ud, &t->fn) != SQLITE_OK
	    || t->fn.xCreate(ud, args, 2, &t->tok) != SQLITE_OK) {
		t->tok = NULL;
		return -1;
	}
	return 0;
}

void search_tokenizer_free(struct search_tokenizer *t)
{
	if (t->tok)
		t->fn.xDelete(t->tok);
	t->tok = NULL;
}

int search_tokens(struct search_tokenizer *t, const char *s, size_t len,
                  char (*out)[QUERY_WORD_MAX + 1], size_t cap)
{
	struct tok_out o = { out, cap, 0, false };
	if (!t->tok || len > QUERY_TEXT_MAX)
		return -1;
	if (t->fn.xTokenize(t->tok, &o, FTS5_TOKENIZE_QUERY, s, (int)len, tok_cb) != SQLITE_OK
	    || o.overflow)
		return -1;
	return (int)o.n;
}
