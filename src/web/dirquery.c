/*
** dirquery.c — web and API directory filters into a search query (dirquery.h).
**
** The one place the web reads the filters, for the search page
** (h_directory.c) and the JSON API (h_api.c) alike, so that both mean the
** same thing by each parameter; every value goes through query_set, the
** validation the command line uses.
*/
#include <string.h>

#include "../base/i18n.h"
#include "dirquery.h"

static const char *const params[QF__COUNT] = {
	[QF_TEXT] = "q", [QF_NEED] = "need", [QF_PROVINCE] = "province", [QF_CITY] = "city",
	[QF_NEAR] = "near", [QF_WITHIN] = "within", [QF_LANG] = "lang", [QF_LIMIT] = "limit",
};

const char *dirquery_param(enum query_field f)
{
	return (unsigned)f < QF__COUNT ? params[f] : "no_status";
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

const char *dirquery_value(const struct form *f, const char *name)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v && !blank(v) ? v : NULL;
}

int dirquery_parse(const struct form *f, struct search_query *q, bool *filtered,
                   struct dirquery_error *err)
{
	query_init(q);
	*filtered = false;
	for (int i = 0; i < QF__COUNT; i++) {
		const char *v = dirquery_value(f, params[i]);
		if (!v)
			continue;
		enum query_err e = query_set(q, (enum query_field)i, v, strlen(v));
		if (e != QUERY_OK) {
			err->param = params[i];
			err->msgid = query_problem((enum query_field)i, e);
			err->qf = (enum query_field)i;
			return -1;
		}
		if (i != QF_LIMIT && i != QF_WITHIN)
			*filtered = true;
	}
	const char *ns = dirquery_value(f, "no_status");
	if (ns) {
		if (strcmp(ns, "1") == 0 || strcmp(ns, "on") == 0 || strcmp(ns, "true") == 0) {
			q->no_status = true;
			*filtered = true;
		} else if (strcmp(ns, "0") != 0 && strcmp(ns, "false") != 0) {
			err->param = "no_status";
			err->msgid = N_("must be 1 (only services that need no immigration status) or left out");
			err->qf = QF__COUNT;
			return -1;
		}
	}
	enum query_field bad = QF_TEXT;
	enum query_err e = query_finish(q, &bad);
	if (e != QUERY_OK) {
		err->param = params[bad];
		err->msgid = query_problem(bad, e);
		err->qf = bad;
		return -1;
	}
	return 0;
}
