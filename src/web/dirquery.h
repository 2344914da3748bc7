/*
** dirquery.h — the directory filters of a web form or an API query string
** (docs/internals/web.md), validated into a struct search_query through
** query_set and query_finish (src/directory/query.h), exactly as
** `safepath directory search` validates its options.
**
** Parameters: q, need, province, city, near (LAT,LON), within (km), lang
** (ISO 639 code of a service's language), no_status and all_statuses
** (1/on/true, or 0/false), limit. The first value of each counts; an empty or all-blank value is as if
** the parameter were absent (an HTML form sends every field, filled or not);
** other parameters are ignored. Errors name the parameter and the problem,
** never the value.
*/
#ifndef SAFEPATH_DIRQUERY_H
#define SAFEPATH_DIRQUERY_H

#include <stdbool.h>

#include "../directory/query.h"
#include "form.h"

struct dirquery_error {
	const char *param;    /* the parameter at fault ("city"), a literal */
	const char *msgid;    /* the problem, an English msgid for TR */
	enum query_field qf;  /* the query field, or QF__COUNT for no_status / all_statuses */
};

/* Fills *q (query_init first) from f. *filtered says whether any filter that
** narrows the search was given (q, need, province, city, near, lang,
** no_status; limit alone is not one). 0, or -1 with err filled. */
int dirquery_parse(const struct form *f, struct search_query *q, bool *filtered,
                   struct dirquery_error *err);

/* A switch parameter: 1 when 1/on/true, 0 when absent, blank, 0 or false,
** -1 for anything else. */
int dirquery_flag(const struct form *f, const char *name);

/* The parameter name of a query field ("q" for QF_TEXT). */
const char *dirquery_param(enum query_field f);

/* The value of parameter name as the form or query string holds it, or NULL
** when absent or blank (what dirquery_parse reads). */
const char *dirquery_value(const struct form *f, const char *name);

#endif
