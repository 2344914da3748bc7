/*
** search.h — searching the service directory (`safepath directory search`).
**
** A search takes a validated struct search_query (query.h) and returns the
** services that match every filter given, best first, with the number of
** matches before the limit:
**
**   text      each word must match (prefix match, accents and case folded) in
**             a service's name, organization, description, needs or cities;
**             ranked by BM25 with column weights (name 10, needs 4,
**             organization 3, description and city 1) and k1 = 1.2, without
**             length normalisation (b = 0; see docs/internals/search.md)
**   fallback  when the words match nothing, each word of 4 or more letters is
**             also looked for as the index terms within a typo or two of it
**             (same first letter), and the results are marked fuzzy
**   status    only services whose HSDS status is 'active', unless
**             QS_ALL is asked for
**   province  services of that province or territory and national ones (CA)
**   no_status services with status_required = 'none' only: a service whose
**             condition is not known is left out
**   near      services with a non-confidential location within within_km
**             (great-circle distance); a confidential location never places a
**             service; distance_km is the nearest such location
**   order     text: by rank, then distance when near is given, then rowid;
**             near without text: by distance; else by name
**
** Ownership: search_new keeps prepared statements and the facets on the
** context; search_free releases them (before db_close). A result is released
** with search_result_free. A context is used by one thread at a time.
*/
#ifndef SAFEPATH_SEARCH_H
#define SAFEPATH_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"
#include "../base/i18n.h"
#include "query.h"

#define SEARCH_RESULT_MAX (8u << 20)   /* bytes of memory for one result page */
#define SEARCH_PHONES_MAX 8            /* phones shown per service */
#define SEARCH_LANGS_MAX 32            /* languages shown per service */
#define SEARCH_NEEDS_MAX 64

enum search_err {
	SEARCH_OK = 0,
	SEARCH_ENEED,     /* the need asked for is not in table need */
	SEARCH_EDB,       /* a statement failed */
	SEARCH_ENOMEM,
	SEARCH_ETOOBIG    /* rowids beyond what the search holds in memory */
};

struct db;
struct dir_search;

struct search_hit {
	const char *service_id, *name, *organization, *description;
	const char *city, *province;             /* NULL when not known */
	const char **phones;
	size_t nphones;
	const char **languages;                  /* ISO 639 codes, sorted, distinct */
	size_t nlanguages;
	const char **needs;
	size_t nneeds;
	bool has_distance;
	double distance_km;
	const char *status_required, *shares_with_enforcement;  /* NULL: not known */
	int id_required, asks_status;            /* 1 yes, 0 no, -1 not known */
	const char *verified, *source, *unverified_note;
};

struct search_result {
	long long total;            /* matches before the limit */
	bool fuzzy;                 /* found by the typo fallback */
	const char *fuzzy_terms;    /* the close terms used, space-separated ("" if none) */
	size_t n;
	struct search_hit *hits;
	struct arena *mem;
};

struct dir_search *search_new(struct db *db);
void search_free(struct dir_search *s);

enum search_err search_run(struct dir_search *s, const struct search_query *q,
                           struct search_result **out);
void search_result_free(struct search_result *r);

/* The ids of table need, comma-separated, for a message about a bad --need. */
enum search_err search_need_ids(struct dir_search *s, struct buf *out);
const char *search_strerror(enum search_err e);   /* English msgid */

/* Access conditions in words (English msgids for TR), shared with the slip:
** status_required, shares_with_enforcement, and a 1/0/-1 answer. */
const char *search_status_text(const char *status_required);
const char *search_sharing_text(const char *shares_with_enforcement);
const char *search_yes_no(int v);

/* Appends s for a terminal: every control character, C1 control, invalid
** byte and bidirectional formatting character becomes a space, so imported
** data cannot move the cursor, recolour the terminal or reorder the text. */
void search_put_clean(struct buf *b, const char *s);

/* JSON: {"total": N, "results": [...]} in the documented key order. */
int search_write_json(const struct search_result *r, struct buf *out);
/* Text for a worker, in lang; shows the query words back (the worker's own). */
int search_write_text(const struct search_result *r, const struct search_query *q,
                      enum lang lang, struct buf *out);

#endif
