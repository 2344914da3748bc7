/*
** search_page.c — the details of the services on a result page: only the
** returned rows (at most QUERY_LIMIT_MAX) are read, each by rowid or id.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "searchInt.h"

/* ---- the page ---- */

static const char *dup_col(struct arena *a, sqlite3_stmt *st, int i, bool *oom)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	const char *t = (const char *)sqlite3_column_text(st, i);
	char *d = t ? arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
	if (!d)
		*oom = true;
	return d;
}

static int col_tristate(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return -1;
	return sqlite3_column_int(st, i) != 0;
}

/* Rows of one text column, distinct, at most cap, into a list. */
static enum search_err fill_list(struct dir_search *s, int which, const char *id, struct arena *a,
                                 size_t cap, const char ***out, size_t *n)
{
	sqlite3_stmt *st = search_stmt(s, which);
	const char **list = arena_calloc(a, cap, sizeof *list);
	bool oom = !list;
	*n = 0;
	if (!st)
		return SEARCH_EDB;
	int rc = oom ? SQLITE_NOMEM : search_bind_text(st, ":id", id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		char buf[512];
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (!v || *n >= cap)
			continue;
		if (which == S_D_PHONES && sqlite3_column_type(st, 1) != SQLITE_NULL) {
			double x = sqlite3_column_double(st, 1);
			if (x == floor(x) && fabs(x) < 1e15)
				snprintf(buf, sizeof buf, "%s ext. %lld", v, (long long)x);
			else
				snprintf(buf, sizeof buf, "%s ext. %g", v, x);
			v = buf;
		}
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = strcmp(list[k], v) == 0;
		if (seen)
			continue;
		if (!(list[*n] = arena_strdup(a, v))) {
			oom = true;
			break;
		}
		(*n)++;
	}
	search_done(st);
	if (oom)
		return SEARCH_ENOMEM;
	*out = list;
	return rc == SQLITE_DONE ? SEARCH_OK : search_rc_err(rc);
}

/* The city and province shown: the location matching --city, else the
** nearest non-confidential one when --near is given, else the first (physical
** addresses first). A confidential location shows its city only. */
static enum search_err fill_place(struct dir_search *s, const struct search_query *q,
                                  struct search_hit *h, struct arena *a)
{
	sqlite3_stmt *st = search_stmt(s, S_D_LOCS);
	if (!st)
		return SEARCH_EDB;
	int rc = search_bind_text(st, ":id", h->service_id), prio = -1;
	double best = HUGE_VAL;
	bool oom = false;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		int p = 0;
		double km = HUGE_VAL;
		const char *city = (const char *)sqlite3_column_text(st, 3);
		if (q->city[0] && city) {
			char f[QUERY_CITY_MAX + 1];
			if (query_fold_name(city, strlen(city), f, sizeof f) > 0 && strcmp(f, q->city) == 0)
				p = 2;
		}
		if (q->near && !sqlite3_column_int(st, 0) && sqlite3_column_type(st, 1) != SQLITE_NULL
		    && sqlite3_column_type(st, 2) != SQLITE_NULL) {
			km = search_km(q->lat, q->lon, sqlite3_column_double(st, 1),
			               sqlite3_column_double(st, 2));
			if (p == 0)
				p = 1;
		}
		if (p > prio || (p == prio && p == 1 && km < best)) {
			prio = p;
			best = km;
			h->city = dup_col(a, st, 3, &oom);
			if (!h->province)
				h->province = dup_col(a, st, 4, &oom);
		}
	}
	search_done(st);
	if (oom)
		return SEARCH_ENOMEM;
	return rc == SQLITE_DONE ? SEARCH_OK : search_rc_err(rc);
}

enum search_err search_fill_hit(struct dir_search *s, const struct search_query *q,
                                const struct search_run *r, uint32_t row,
                                struct search_hit *h, struct arena *a)
{
	sqlite3_stmt *st = search_stmt(s, S_D_SVC);
	if (!st)
		return SEARCH_EDB;
	bool oom = false;
	int rc = search_bind_int64(st, ":row", row);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->service_id = dup_col(a, st, 0, &oom);
		h->name = dup_col(a, st, 1, &oom);
		h->organization = dup_col(a, st, 2, &oom);
		h->description = dup_col(a, st, 3, &oom);
		h->province = dup_col(a, st, 4, &oom);
		h->status_required = dup_col(a, st, 5, &oom);
		h->shares_with_enforcement = dup_col(a, st, 6, &oom);
		h->id_required = col_tristate(st, 7);
		h->asks_status = col_tristate(st, 8);
		h->verified = dup_col(a, st, 9, &oom);
		h->source = dup_col(a, st, 10, &oom);
		h->unverified_note = dup_col(a, st, 11, &oom);
	}
	search_done(st);
	if (rc == SQLITE_DONE)
		return SEARCH_ENOENT;        /* an index row without its service: skipped */
	if (rc != SQLITE_ROW)
		return search_rc_err(rc);
	if (oom || !h->service_id)
		return SEARCH_ENOMEM;
	h->has_distance = r->near && r->stamp[row] == r->gen;
	h->distance_km = h->has_distance ? r->dist[row] : 0.0;
	enum search_err e = fill_list(s, S_D_PHONES, h->service_id, a, SEARCH_PHONES_MAX,
	                              &h->phones, &h->nphones);
	if (e == SEARCH_OK)
		e = fill_list(s, S_D_LANGS, h->service_id, a, SEARCH_LANGS_MAX,
		              &h->languages, &h->nlanguages);
	if (e == SEARCH_OK)
		e = fill_list(s, S_D_NEEDS, h->service_id, a, SEARCH_NEEDS_MAX, &h->needs, &h->nneeds);
	if (e == SEARCH_OK)
		e = fill_place(s, q, h, a);
	return e;
}

