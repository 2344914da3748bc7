/*
** h_api.c — the JSON API (docs/api.md, docs/openapi.yaml): the command
** line's JSON over HTTP, byte for byte.
**
**   POST /api/pathways                  = safepath pathways --facts - --format json
**   POST /api/assess                    = safepath assess --answers - --format json
**   GET  /api/directory/search          = safepath directory search --format json
**   GET  /api/directory/services/{id}   = safepath directory show ID --format json
**
** Each endpoint calls the library functions the command calls, in the same
** order with the same flags (result_write_json, assessment_write_json with
** needs_add_to_output, search_write_json, export_service_json), so the bytes
** are the same; tests/unit/test_web_api.c compares them.
**
** Errors are {"error": {"status": N, "message": "..."}} with 400 (the
** message names the parameter, or the fact or answer with its line and
** column, never a value), 404, 413, 415, 500 or 503. POST bodies must be
** application/json: a cross-site HTML form cannot send that type without a
** CORS preflight, which the server never grants, so the API needs no CSRF
** token. Bodies hold a person's facts or answers: they are read for the
** length of the request only and never logged or repeated.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../assess/assess.h"
#include "../base/date.h"
#include "../directory/export.h"
#include "../directory/needs.h"
#include "../directory/search.h"
#include "../directory/slip.h"
#include "../rules/rules.h"
#include "dirquery.h"
#include "handlers.h"

#define API_MSG_MAX 1024
#define API_CONTENT_TYPE "application/json; charset=utf-8"
#define API_NEEDS_LIST_MAX 4096      /* bytes of the list of needs in a message */

static void fail(struct web_resp *rs, int status, const char *msg)
{
	web_json_error(rs, status, msg);
	rs->content_type = API_CONTENT_TYPE;
}

__attribute__((format(printf, 3, 4)))
static void failf(struct web_resp *rs, int status, const char *fmt, ...)
{
	char msg[API_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail(rs, status, n < 0 ? "" : msg);
}

static void ok(struct web_resp *rs)
{
	rs->status = 200;
	rs->content_type = API_CONTENT_TYPE;
}

/* A language parameter (en|fr), default English; false after a 400. */
static bool lang_param(const struct web_req *rq, struct web_resp *rs, const char *name, enum lang *l)
{
	const char *v = dirquery_value(rq->query, name);
	*l = LANG_EN;
	if (!v || !*v)
		return true;
	if (lang_parse(v, l) == 0)
		return true;
	failf(rs, 400, TR(LANG_EN, "%s must be en or fr"), name);
	return false;
}

/* as_of (YYYY-MM-DD, default: the request's day), on or after from. */
static bool as_of_param(const struct web_req *rq, struct web_resp *rs, enum lang l, int32_t from,
                        int32_t *day)
{
	const char *v = dirquery_value(rq->query, "as_of");
	*day = rq->today;
	if (v && *v) {
		switch (date_parse(v, strlen(v), day)) {
		case DATE_OK:
			break;
		case DATE_ENODAY:
			failf(rs, 400, TR(l, "%s is not a real day: check the month and the day"), "as_of");
			return false;
		case DATE_ERANGE:
			failf(rs, 400, TR(l, "%s must be a year from 1900 to 2199"), "as_of");
			return false;
		case DATE_ESYNTAX:
		default:
			failf(rs, 400, TR(l, "%s must be a date written YYYY-MM-DD"), "as_of");
			return false;
		}
	}
	if (*day < from) {
		char iso[DATE_ISO_LEN + 1];
		date_format_iso(from, iso);
		failf(rs, 400, TR(l, "%s is before %s, the first day the rule set is written for"),
		      "as_of", iso);
		return false;
	}
	return true;
}

/* The checks every POST shares: a JSON body within its cap. */
static bool json_body(const struct web_req *rq, struct web_resp *rs, enum lang l, size_t max)
{
	if (strcmp(rq->content_type ? rq->content_type : "", "application/json") != 0) {
		fail(rs, 415, TR(l, "the body must be JSON, sent with Content-Type: application/json"));
		return false;
	}
	if (rq->body_len > max) {
		failf(rs, 413, TR(l, "the body is larger than %u KiB"), (unsigned)(max / 1024u));
		return false;
	}
	return true;
}

/* ---- POST /api/pathways ---- */

static void facts_fail(struct web_resp *rs, enum lang l, const struct facts_error *err)
{
	if (err->code == FACTS_ENOMEM) {
		fail(rs, 500, TR(l, "not enough memory"));
		return;
	}
	/* The engine's message gives the line and column, the fact and the
	** problem, never the value. */
	const char *msg = memchr(err->msg, '\0', sizeof err->msg) && err->msg[0]
	                  ? err->msg : TR(l, "the facts cannot be used");
	failf(rs, 400, TR(l, "facts: %s"), msg);
}

void h_api_pathways(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "api_pathways";
	enum lang l;
	int32_t as_of;
	const struct ruleset *fed = assess_federal(web_app_assess(rq->app));
	if (!lang_param(rq, rs, "lang", &l) || !json_body(rq, rs, l, WEB_BODY_MAX)
	    || !as_of_param(rq, rs, l, rules_covers_from(fed), &as_of))
		return;
	struct facts *f = facts_new(fed);
	struct result *res = result_new(fed);
	struct facts_error err;
	memset(&err, 0, sizeof err);
	enum facts_err fe = f && res ? facts_parse_json(f, rq->body ? rq->body : "", rq->body_len, l, &err)
	                             : FACTS_ENOMEM;
	if (fe == FACTS_OK) {
		memset(&err, 0, sizeof err);
		fe = facts_check(f, as_of, l, &err);
	}
	enum rules_err e = fe == FACTS_OK ? rules_eval(fed, f, as_of, EVAL_REASONS | EVAL_QUESTIONS, res)
	                                  : RULES_OK;
	if (fe != FACTS_OK) {
		err.code = fe;
		facts_fail(rs, l, &err);
	} else if (e == RULES_ECHECK) {
		fail(rs, 500, TR(l, "the rule set contradicts itself on these facts; please report it"));
	} else if (e != RULES_OK) {
		fail(rs, 500, TR(l, "the evaluation failed"));
	} else {
		buf_reset(&rs->body);
		if (result_write_json(res, l, &rs->body) != 0 || rs->body.err != BUF_OK)
			fail(rs, 500, TR(l, "the evaluation failed"));
		else
			ok(rs);
	}
	result_free(res);
	facts_free(f);
}

/* ---- POST /api/assess ---- */

void h_api_assess(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "api_assess";
	enum lang l;
	int32_t as_of;
	const struct assess *a = web_app_assess(rq->app);
	int32_t from = rules_covers_from(assess_continuum(a));
	if (rules_covers_from(assess_federal(a)) > from)
		from = rules_covers_from(assess_federal(a));
	if (!lang_param(rq, rs, "lang", &l) || !json_body(rq, rs, l, ASSESS_MAX_JSON)
	    || !as_of_param(rq, rs, l, from, &as_of))
		return;
	struct answers *ans = web_thread_answers(rq->thread);
	struct assessment *x = web_thread_assessment(rq->thread);
	if (!ans || !x) {
		fail(rs, 500, TR(l, "not enough memory"));
		return;
	}
	answers_clear(ans);
	struct assess_error err;
	memset(&err, 0, sizeof err);
	enum assess_err e = answers_parse_json(ans, rq->body ? rq->body : "", rq->body_len, l, &err);
	if (e == ASSESS_OK)
		e = assess_run(a, ans, as_of, x, &err);
	if (e == ASSESS_OK) {
		buf_reset(&rs->body);
		if (assessment_write_json(x, l, &rs->body) != 0 || rs->body.err != BUF_OK
		    || needs_add_to_output(web_app_needs(rq->app), x, true, l, &rs->body) != 0)
			fail(rs, 500, TR(l, "the evaluation failed"));
		else
			ok(rs);
	} else if (e == ASSESS_ENOMEM) {
		fail(rs, 500, TR(l, "not enough memory"));
	} else {
		char msg[sizeof err.msg];
		memcpy(msg, err.msg, sizeof msg);
		msg[sizeof msg - 1] = '\0';
		if (e == ASSESS_ERULES)
			failf(rs, 500, TR(l, "the rule sets cannot be used together: %s"), msg);
		else
			failf(rs, 400, TR(l, "answers: %s"), msg[0] ? msg : TR(l, "the answers cannot be used"));
	}
	/* Nothing of this person stays with the thread. */
	answers_clear(ans);
}

/* ---- GET /api/directory/search ---- */

void h_api_search(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "api_search";
	enum lang l;
	if (!lang_param(rq, rs, "ui", &l))
		return;
	struct search_query q;
	struct dirquery_error derr;
	bool filtered;
	if (dirquery_parse(rq->query, &q, &filtered, &derr) != 0) {
		failf(rs, 400, TR(l, "%s: %s"), derr.param, TR(l, derr.msgid));
		return;
	}
	struct dir_search *s = web_thread_search(rq->thread);
	if (!s) {
		fail(rs, 503, TR(l, "The directory cannot be read right now."));
		return;
	}
	struct search_result *r = NULL;
	enum search_err e = search_run(s, &q, &r);
	if (e == SEARCH_ENEED) {
		struct buf ids;
		buf_init(&ids, API_NEEDS_LIST_MAX);
		if (search_need_ids(s, &ids) != SEARCH_OK || ids.err != BUF_OK)
			buf_reset(&ids);
		failf(rs, 400, TR(l, "%s: no such need; the needs are: %s"), "need", buf_str(&ids));
		buf_free(&ids);
	} else if (e != SEARCH_OK) {
		fail(rs, 503, TR(l, "The directory cannot be read right now."));
	} else {
		buf_reset(&rs->body);
		if (search_write_json(r, &rs->body) != 0)
			fail(rs, 500, TR(l, "the search result is too large"));
		else
			ok(rs);
	}
	search_result_free(r);
}

/* ---- GET /api/directory/services/{id} ---- */

#define API_SERVICE_PREFIX "/api/directory/services/"

void h_api_service(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "api_service";
	enum lang l;
	if (!lang_param(rq, rs, "ui", &l))
		return;
	const char *rest = rq->route_rest ? rq->route_rest : (rq->path ? rq->path : "");
	size_t np = sizeof API_SERVICE_PREFIX - 1;
	const char *id = strncmp(rest, API_SERVICE_PREFIX, np) == 0 ? rest + np : "";
	if (!slip_valid_id(id)) {
		failf(rs, 400, TR(l, "%s: %s"), "id", TR(l, "the service id is not a valid id"));
		return;
	}
	struct db *db = web_thread_db(rq->thread);
	if (!db) {
		fail(rs, 503, TR(l, "The directory cannot be read right now."));
		return;
	}
	bool found = false;
	struct export_error err;
	buf_reset(&rs->body);
	enum export_err e = export_service_json(db, id, &rs->body, &found, &err);
	if (e == EXPORT_ENOMEM || (e == EXPORT_EDATA && rs->body.err != BUF_OK))
		fail(rs, 500, TR(l, "not enough memory"));
	else if (e != EXPORT_OK)
		fail(rs, 503, TR(l, "The directory cannot be read right now."));
	else if (!found)
		fail(rs, 404, TR(l, "no service in the directory has this id"));
	else
		ok(rs);
}
