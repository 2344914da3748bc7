/*
** h_results.c — the results for the answers in a posted form, and those
** answers as a file to save (docs/internals/web.md).
**
** The answers arrive in the hidden fields of the interview or results page
** (answers_form.h) and leave in the page again; nothing is kept. The page
** itself is resultview.c's. Answers that break a rule set's constraint (only
** possible in a form made by hand) send the person back to the interview
** with the rule set's message, which never repeats a value.
*/
#include <string.h>

#include "answers_form.h"
#include "handlers.h"
#include "interview.h"
#include "page.h"
#include "resultview.h"

/* A form that cannot be read, or answers that break a constraint: the
** interview says what is wrong on its own page. */
static void to_interview(const struct web_req *rq, struct web_resp *rs, const char *route)
{
	interview_resume(rq, rs);
	rs->route = route;
}

static void results(const struct web_req *rq, struct web_resp *rs)
{
	const struct assess *a = rq->app ? web_app_assess(rq->app) : NULL;
	struct answers *ans = rq->thread ? web_thread_answers(rq->thread) : NULL;
	struct assessment *x = rq->thread ? web_thread_assessment(rq->thread) : NULL;
	if (!a || !ans || !x) {
		web_error_page(rq, rs, 503, N_("The interview is not available right now. Please try again in a moment."));
		return;
	}
	struct af_state st;
	enum af_err fe = af_read(a, rq->form, rq->lang, ans, &st, NULL);
	if (fe == AF_ENOMEM) {
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
		return;
	}
	if (fe != AF_OK) {
		to_interview(rq, rs, "results");
		return;
	}
	struct assess_error err;
	enum assess_err e = assess_run(a, ans, rq->today, x, &err);
	if (e == ASSESS_EINPUT) {
		to_interview(rq, rs, "results");
		return;
	}
	if (e != ASSESS_OK) {
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
		return;
	}
	struct json_doc *doc = af_doc(ans);
	if (!doc) {
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
		return;
	}
	rv_page(rq, rs, x, doc, &st);
	json_free(doc);
}

static void download(const struct web_req *rq, struct web_resp *rs)
{
	const struct assess *a = rq->app ? web_app_assess(rq->app) : NULL;
	struct answers *ans = rq->thread ? web_thread_answers(rq->thread) : NULL;
	if (!a || !ans) {
		web_error_page(rq, rs, 503, N_("The interview is not available right now. Please try again in a moment."));
		return;
	}
	struct af_state st;
	enum af_err fe = af_read(a, rq->form, rq->lang, ans, &st, NULL);
	if (fe == AF_ENOMEM) {
		web_error_page(rq, rs, 500, N_("The answers could not be saved. Please try again."));
		return;
	}
	if (fe != AF_OK) {
		to_interview(rq, rs, "answers_download");
		return;
	}
	buf_reset(&rs->body);
	if (answers_write_json(ans, &rs->body) != 0 || rs->body.err != BUF_OK) {
		buf_free(&rs->body);
		buf_init(&rs->body, WEB_PAGE_MAX);
		web_error_page(rq, rs, 500, N_("The answers could not be saved. Please try again."));
		return;
	}
	rs->status = 200;
	rs->content_type = "application/json";
	memcpy(rs->download_name, "safepath-answers.json", sizeof "safepath-answers.json");
}

/* The answers are not kept once the response is written (web.h). */
static void forget_all(const struct web_req *rq)
{
	struct answers *ans = rq->thread ? web_thread_answers(rq->thread) : NULL;
	if (ans) answers_clear(ans);
}

void h_results(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "results";
	results(rq, rs);
	forget_all(rq);
}

void h_answers_download(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "answers_download";
	download(rq, rs);
	forget_all(rq);
}
