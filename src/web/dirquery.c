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

int dirquery_flag(const struct form *f, const char *name)
{
	const char *v = dirquery_value(f, name);
	if (!v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return 0;
	if (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0)
		return 1;
	return -1;
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
	/* The two switches (--no-status, --all-statuses): 1/on/true or 0/false. */
	static const struct { const char *param, *msgid; } flags[] = {
		{ "no_status", N_("must be 1 (only services that need no immigration status) or left out") },
		{ "all_statuses", N_("must be 1 (also services marked inactive or closed) or left out") },
	};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		int on = dirquery_flag(f, flags[i].param);
		if (on < 0) {
			err->param = flags[i].param;
			err->msgid = flags[i].msgid;
			err->qf = QF__COUNT;
			return -1;
		}
		if (!on)
			continue;
		if (i == 0) {
			q->no_status = true;
			*filtered = true;
		} else {
			q->statuses = QS_ALL;   /* widens the search: not a filter of its own */
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
