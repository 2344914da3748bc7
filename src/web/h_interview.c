/*
** h_interview.c — the assessment interview on the web, one question at a time
** (docs/internals/web.md, "Interview protocol"), the way the terminal
** interview of src/cli/cmd_assess.c runs it: the next question is the first
** the assessment still lists that was neither answered, declined nor skipped;
** every question can be skipped or declined; Back undoes the last step; an
** answer that does not fit, or that contradicts another, is refused without
** being repeated. When no question is left, the results are shown.
**
** Nothing is kept between requests: the answers, the facts asked (for Back)
** and the facts skipped travel in hidden fields of the page's form (POST
** bodies only, never a URL). Each request rebuilds them with af_read, which
** validates them once; they live in this thread's answers and assessment
** objects for the length of the request.
*/
#include <string.h>

#include "../base/date.h"
#include "../base/msg.h"
#include "answers_form.h"
#include "form.h"
#include "handlers.h"
#include "interview.h"
#include "page.h"
#include "resultview.h"

#define IV_MSG_MAX 640   /* one message shown above the question */

struct iv {
	const struct web_req *rq;
	struct web_resp *rs;
	enum lang l;
	const struct assess *a;
	struct answers *ans;
	struct assessment *x;
	struct af_state st;
	char msg[IV_MSG_MAX];      /* error shown above the question ("" none) */
	const char *keep_v;        /* a valid choice to show selected (language switch) */
	const char *undone;        /* the earliest step run() undid, or NULL */
};

static void say(struct iv *iv, const char *a, const char *b)
{
	struct buf m;
	buf_init(&m, sizeof iv->msg - 1);
	buf_puts(&m, a);
	if (b && *b) {
		buf_puts(&m, " ");
		buf_puts(&m, b);
	}
	msg_copy(iv->msg, sizeof iv->msg, m.err == BUF_OK ? buf_str(&m) : a);
	buf_free(&m);
}

/* ---- pages other than a question ---- */

static void simple_page_begin(struct html *h, const struct web_req *rq, const char *title)
{
	struct page_opts o = { .title = title };
	page_begin(h, rq, &o);
}

static void restart_link(struct html *h, const struct web_req *rq)
{
	html_lit(h, "<p><a id=\"restart\" href=\"");
	html_attr(h, page_prefix(rq->lang));
	html_lit(h, "/interview\">");
	html_text(h, TR(rq->lang, "Start a new interview"));
	html_lit(h, "</a></p>\n");
}

/* 400: the form's answers cannot be read. Names the field or the question,
** never the value. */
static void bad_form(struct iv *iv, const struct af_error *e)
{
	enum lang l = iv->l;
	struct html h = { .out = &iv->rs->body };
	struct buf m;
	buf_init(&m, IV_MSG_MAX);
	const char *args[1];
	if (e && e->code == AF_EVALUE && e->fact) {
		const struct ruleset *rs;
		int idx;
		args[0] = af_fact(iv->a, e->fact, &rs, &idx) ? rules_fact_question(rs, idx, l) : e->fact;
		msg_fmt(&m, TR(l, "The answer to this question could not be read: “{1}”"), args, 1);
	} else if (e && e->code == AF_EFIELD) {
		args[0] = e->field;
		msg_fmt(&m, TR(l, "The form names a question safepath does not know (field {1})."), args, 1);
	} else if (e && e->code == AF_ELIST) {
		args[0] = e->field;
		msg_fmt(&m, TR(l, "The list of questions in the form (field {1}) could not be read."), args, 1);
	} else {
		buf_puts(&m, TR(l, "The form could not be read."));
	}
	iv->rs->status = 400;
	simple_page_begin(&h, iv->rq, TR(l, "This page could not be read"));
	html_lit(&h, "<p id=\"answer-error\" class=\"error\" role=\"alert\">");
	html_text(&h, buf_str(&m));
	html_lit(&h, "</p>\n<p>");
	html_text(&h, TR(l, "Nothing was changed. You can start again, or load answers saved from safepath."));
	html_lit(&h, "</p>\n");
	restart_link(&h, iv->rq);
	page_end(&h, iv->rq);
	buf_free(&m);
}

/* 400: a saved answers file that cannot be used, with the form to try again. */
static void bad_load(struct iv *iv, const char *msg)
{
	enum lang l = iv->l;
	struct html h = { .out = &iv->rs->body };
	iv->rs->status = 400;
	simple_page_begin(&h, iv->rq, TR(l, "The saved answers could not be read"));
	html_lit(&h, "<p id=\"answer-error\" class=\"error\" role=\"alert\">");
	html_text(&h, msg);
	html_lit(&h, "</p>\n<form id=\"load-form\" method=\"post\" action=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/interview\">\n");
	page_csrf_field(&h, iv->rq);
	html_lit(&h, "<label for=\"answers_json\">");
	html_text(&h, TR(l, "Paste the content of an answers file saved from safepath:"));
	html_lit(&h, "</label>\n<textarea id=\"answers_json\" name=\"answers_json\" rows=\"8\" "
	             "spellcheck=\"false\" autocomplete=\"off\"></textarea>\n"
	             "<button type=\"submit\" name=\"act\" value=\"load\">");
	html_text(&h, TR(l, "Load the answers"));
	html_lit(&h, "</button>\n</form>\n");
	restart_link(&h, iv->rq);
	page_end(&h, iv->rq);
}

/* ---- evaluating ---- */

/* Evaluates. Answers that break a rule set's constraint can only come from a
** form or a file made by hand, or from the last answer: the last steps are
** undone until the answers fit again. ASSESS_EINPUT then means the answers
** without any step still do not fit. */
static enum assess_err run(struct iv *iv, struct assess_error *err)
{
	enum assess_err e = assess_run(iv->a, iv->ans, iv->rq->today, iv->x, err);
	const char *p;
	if (e == ASSESS_EINPUT && iv->st.nasked && !iv->msg[0])
		say(iv, TR(iv->l, "That answer contradicts another one:"), err->msg);
	while (e == ASSESS_EINPUT && (p = af_pop_asked(&iv->st)) != NULL) {
		(void)answers_forget(iv->ans, p);
		af_unskip(&iv->st, p);
		iv->undone = p;
		e = assess_run(iv->a, iv->ans, iv->rq->today, iv->x, err);
	}
	return e;
}

static void failed(struct iv *iv, enum assess_err e, const struct assess_error *err)
{
	if (e == ASSESS_EINPUT) {
		bad_load(iv, err->msg[0] ? err->msg : TR(iv->l, "The answers cannot be used together."));
		return;
	}
	web_error_page(iv->rq, iv->rs, 500, N_("The interview could not go on. Please try again."));
}

static bool pending(const struct iv *iv, const char *name)
{
	if (af_is_skipped(&iv->st, name)) return false;
	for (size_t i = 0; i < assessment_question_count(iv->x); i++)
		if (strcmp(assessment_question(iv->x, i, NULL), name) == 0) return true;
	return false;
}

static const char *first_pending(const struct iv *iv, size_t *count)
{
	const char *first = NULL;
	size_t n = 0;
	for (size_t i = 0; i < assessment_question_count(iv->x); i++) {
		const char *q = assessment_question(iv->x, i, NULL);
		if (af_is_skipped(&iv->st, q)) continue;
		if (!first) first = q;
		n++;
	}
	if (count) *count = n;
	return first;
}

/* ---- the question page ---- */

/* The value to show selected or filled in: a choice kept through a language
** switch, else the answer already given (a question shown again). */
static const char *current_value(const struct iv *iv, const struct json_doc *doc, const char *q)
{
	if (iv->keep_v) return iv->keep_v;
	const struct json_value *v = json_get(json_root(doc), q);
	if (!v) return NULL;
	if (v->type == JSON_BOOL) return v->b ? "true" : "false";
	if (v->type == JSON_STRING && strcmp(v->text, ASSESS_DECLINED) != 0) return v->text;
	return NULL;
}

/* One answer row: the whole row is the label, so it is easy to tap. */
static void radio(struct html *h, const char *value, const char *label, const char *cur)
{
	html_lit(h, "<label class=\"choice\"><input type=\"radio\" name=\"v\" value=\"");
	html_attr(h, value);
	html_lit(h, "\"");
	if (cur && strcmp(cur, value) == 0) html_lit(h, " checked");
	html_lit(h, "> ");
	html_text(h, label);
	html_lit(h, "</label>\n");
}

static void inputs(struct html *h, enum lang l, const struct ruleset *rs, int idx, const char *cur,
                   bool invalid)
{
	switch (rules_fact_type(rs, idx)) {
	case RULES_FT_BOOLEAN:
		html_lit(h, "<div class=\"choices\">\n");
		radio(h, "true", TR(l, "Yes"), cur);
		radio(h, "false", TR(l, "No"), cur);
		html_lit(h, "</div>\n");
		return;
	case RULES_FT_ENUM:
		html_lit(h, "<div class=\"choices\">\n");
		for (int j = 0; j < rules_fact_nvalues(rs, idx); j++)
			radio(h, rules_fact_value(rs, idx, j), rules_fact_value_label(rs, idx, j, l), cur);
		html_lit(h, "</div>\n");
		return;
	case RULES_FT_DATE: {
		int32_t d;
		html_lit(h, "<div class=\"field\"><label for=\"v\">");
		html_text(h, TR(l, "Date"));
		html_lit(h, "</label>\n<input type=\"date\" id=\"v\" name=\"v\" "
		            "aria-describedby=\"date-hint\" autocomplete=\"off\"");
		if (invalid) html_lit(h, " aria-invalid=\"true\"");
		if (cur && date_parse(cur, strlen(cur), &d) == DATE_OK) {
			html_lit(h, " value=\"");
			html_attr(h, cur);
			html_lit(h, "\"");
		}
		html_lit(h, ">\n<p id=\"date-hint\" class=\"hint\">");
		html_text(h, TR(l, "Give the date as YYYY-MM-DD, for example 2016-11-24."));
		html_lit(h, "</p></div>\n");
		return;
	}
	default:
		html_lit(h, "<div class=\"field\"><label for=\"v\">");
		html_text(h, TR(l, "Answer"));
		html_lit(h, "</label>\n<input type=\"text\" id=\"v\" name=\"v\" autocomplete=\"off\"></div>\n");
		return;
	}
}

static void button(struct html *h, const char *id, const char *act, const char *label, bool on)
{
	html_lit(h, "<button type=\"submit\" name=\"act\" id=\"");
	html_attr(h, id);
	html_lit(h, "\" value=\"");
	html_attr(h, act);
	html_lit(h, "\"");
	if (strcmp(act, "next") == 0) html_lit(h, " class=\"btn-primary\"");
	else if (strcmp(act, "back") == 0) html_lit(h, " class=\"btn-link\"");
	if (!on) html_lit(h, " disabled");
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</button>\n");
}

static void progress(struct html *h, enum lang l, size_t k, size_t n)
{
	char ks[24], ns[24];
	struct buf b;
	buf_init(&b, 64);
	buf_printf(&b, "%zu", k);
	msg_copy(ks, sizeof ks, buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%zu", n);
	msg_copy(ns, sizeof ns, buf_str(&b));
	buf_reset(&b);
	const char *args[2] = { ks, ns };
	msg_fmt(&b, TR(l, "Question {1} of about {2}"), args, 2);
	html_lit(h, "<div id=\"progress\" class=\"progress\"><progress max=\"");
	html_int(h, (long long)n);
	html_lit(h, "\" value=\"");
	html_int(h, (long long)(k - 1));
	html_lit(h, "\" aria-labelledby=\"progress-text\"></progress> <span id=\"progress-text\">");
	html_text(h, buf_str(&b));
	html_lit(h, "</span></div>\n");
	buf_free(&b);
}

static void question_page(struct iv *iv, const char *q)
{
	enum lang l = iv->l;
	const struct ruleset *rs;
	int idx;
	q = af_fact(iv->a, q, &rs, &idx);
	if (!q) {
		web_error_page(iv->rq, iv->rs, 500, N_("The interview could not go on. Please try again."));
		return;
	}
	struct json_doc *doc = af_doc(iv->ans);
	if (!doc) {
		web_error_page(iv->rq, iv->rs, 500, N_("The interview could not go on. Please try again."));
		return;
	}
	size_t remaining;
	(void)first_pending(iv, &remaining);
	if (!pending(iv, q)) remaining++;
	size_t k = iv->st.nasked + 1, n = iv->st.nasked + remaining;

	struct html h = { .out = &iv->rs->body };
	struct page_opts o = { .title = TR(l, "Assessment questions"), .main_form = "interview",
	                       .switch_rest = "/interview", .body_class = "interview-page" };
	page_begin(&h, iv->rq, &o);
	html_lit(&h, "<p class=\"muted\">");
	html_text(&h, TR(l, "Every question can be skipped, and the person never has to answer. Nothing is kept on the server: the answers travel only with this page."));
	html_lit(&h, "</p>\n<form id=\"interview\" method=\"post\" action=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/interview\" novalidate>\n");
	page_csrf_field(&h, iv->rq);
	af_write_hidden(&h, doc, &iv->st, true);
	html_lit(&h, "<input type=\"hidden\" name=\"q\" value=\"");
	html_attr(&h, q);
	html_lit(&h, "\">\n");
	progress(&h, l, k, n);
	if (iv->msg[0]) {
		html_lit(&h, "<p id=\"answer-error\" class=\"error\" role=\"alert\">");
		html_text(&h, iv->msg);
		html_lit(&h, "</p>\n");
	}
	const char *help = rules_fact_help(rs, idx, l);
	bool has_help = help && *help;
	html_lit(&h, "<fieldset class=\"question\"");
	if (has_help || iv->msg[0]) {
		html_lit(&h, " aria-describedby=\"");
		if (has_help) html_lit(&h, "q-help");
		if (has_help && iv->msg[0]) html_lit(&h, " ");
		if (iv->msg[0]) html_lit(&h, "answer-error");
		html_lit(&h, "\"");
	}
	html_lit(&h, ">\n<legend id=\"question\">");
	html_text(&h, rules_fact_question(rs, idx, l));
	html_lit(&h, "</legend>\n");
	if (has_help) {
		html_lit(&h, "<p id=\"q-help\" class=\"help\">");
		html_text(&h, help);
		html_lit(&h, "</p>\n");
	}
	inputs(&h, l, rs, idx, current_value(iv, doc, q), iv->msg[0] != '\0');
	html_lit(&h, "</fieldset>\n<div class=\"actions\">\n");
	button(&h, "btn-next", "next", TR(l, "Next"), true);
	button(&h, "btn-skip", "skip", TR(l, "Skip"), true);
	button(&h, "btn-decline", "decline", TR(l, "Prefer not to say"), true);
	button(&h, "btn-back", "back", TR(l, "Back"), iv->st.nasked > 0);
	button(&h, "btn-results", "results", TR(l, "See results now"), true);
	html_lit(&h, "</div>\n<p class=\"hint\">");
	html_text(&h, TR(l, "Skip: the question is not asked again and its answer stays unknown. Prefer not to say: the same, and the results note that the person chose not to answer."));
	html_lit(&h, "</p>\n</form>\n");
	page_end(&h, iv->rq);
	json_free(doc);
	if (html_failed(&h)) {
		buf_free(&iv->rs->body);
		buf_init(&iv->rs->body, WEB_PAGE_MAX);
		web_error_page(iv->rq, iv->rs, 500, N_("The interview could not go on. Please try again."));
	}
}

static void results(struct iv *iv)
{
	struct json_doc *doc = af_doc(iv->ans);
	if (!doc) {
		web_error_page(iv->rq, iv->rs, 500, N_("The interview could not go on. Please try again."));
		return;
	}
	rv_page(iv->rq, iv->rs, iv->x, doc, &iv->st);
	json_free(doc);
}

/* The next question, or the results when none is left; after run() had to
** undo steps, the earliest of them, where the answers stopped fitting. */
static void go_on(struct iv *iv)
{
	const char *q = iv->undone ? iv->undone : first_pending(iv, NULL);
	if (q) question_page(iv, q);
	else results(iv);
}

/* ---- the steps ---- */

/* What the question expects, said after "That answer does not fit". */
static const char *expected(enum lang l, const char *q, const struct assess *a)
{
	const struct ruleset *rs;
	int idx;
	if (!af_fact(a, q, &rs, &idx)) return NULL;
	switch (rules_fact_type(rs, idx)) {
	case RULES_FT_DATE: return TR(l, "Give the date as YYYY-MM-DD, for example 2016-11-24.");
	case RULES_FT_BOOLEAN:
	case RULES_FT_ENUM: return TR(l, "Choose one of the answers below, or skip the question.");
	default: return NULL;
	}
}

static void step_next(struct iv *iv, const char *q, const char *v)
{
	struct assess_error err;
	enum assess_err e;
	if (!v || !*v) {
		say(iv, TR(iv->l, "No answer was chosen. Choose one, or skip the question."), NULL);
		if ((e = run(iv, &err)) != ASSESS_OK) { failed(iv, e, &err); return; }
		question_page(iv, q);
		return;
	}
	e = answers_set_text(iv->ans, q, v, iv->l, &err);
	if (e == ASSESS_ENOMEM) { failed(iv, e, &err); return; }
	if (e != ASSESS_OK) {
		/* Never the answer itself: only what the question expects. */
		say(iv, TR(iv->l, "That answer does not fit this question."), expected(iv->l, q, iv->a));
		if ((e = run(iv, &err)) != ASSESS_OK) { failed(iv, e, &err); return; }
		question_page(iv, q);
		return;
	}
	e = assess_run(iv->a, iv->ans, iv->rq->today, iv->x, &err);
	if (e == ASSESS_EINPUT) {
		say(iv, TR(iv->l, "That answer contradicts another one:"), err.msg);
		(void)answers_forget(iv->ans, q);
		if ((e = run(iv, &err)) != ASSESS_OK) { failed(iv, e, &err); return; }
		question_page(iv, q);
		return;
	}
	if (e != ASSESS_OK) { failed(iv, e, &err); return; }
	af_unskip(&iv->st, q);
	af_push_asked(&iv->st, q);
	go_on(iv);
}

static void step_load(struct iv *iv, const struct form *f)
{
	struct assess_error err;
	const char *text = f ? form_get(f, "answers_json") : NULL;
	answers_clear(iv->ans);
	iv->st.nasked = iv->st.nskipped = 0;
	if (!text || !*text) {
		bad_load(iv, TR(iv->l, "No answers were given: paste the content of the file."));
		return;
	}
	enum assess_err e = answers_parse_json(iv->ans, text, strlen(text), iv->l, &err);
	if (e == ASSESS_ENOMEM) { failed(iv, e, &err); return; }
	if (e != ASSESS_OK) {
		bad_load(iv, err.msg[0] ? err.msg : TR(iv->l, "The answers cannot be used together."));
		return;
	}
	e = assess_run(iv->a, iv->ans, iv->rq->today, iv->x, &err);
	if (e != ASSESS_OK) { failed(iv, e, &err); return; }
	/* Back can step through the loaded answers, in interview order. */
	struct json_doc *doc = af_doc(iv->ans);
	const struct json_value *root = doc ? json_root(doc) : NULL;
	for (size_t i = 0; root && root->type == JSON_OBJECT && i < root->n; i++) {
		const char *name = af_fact(iv->a, root->members[i].key, NULL, NULL);
		if (name) af_push_asked(&iv->st, name);
	}
	json_free(doc);
	go_on(iv);
}

/* Shown again (language switch, "Change answers"): the question q when the
** form names one; else the first left; else the last one answered, with its
** answer, so the person can change it. */
static void step_stay(struct iv *iv, const char *q, const char *v)
{
	struct assess_error err;
	enum assess_err e = run(iv, &err);
	if (e != ASSESS_OK) { failed(iv, e, &err); return; }
	if (iv->undone) {
		question_page(iv, iv->undone);
		return;
	}
	if (q) {
		const struct ruleset *rs;
		int idx;
		int32_t d;
		(void)af_fact(iv->a, q, &rs, &idx);
		/* A choice made before switching language stays chosen, if it is one. */
		if (v && *v) {
			int t = rules_fact_type(rs, idx);
			bool ok = (t == RULES_FT_BOOLEAN && (strcmp(v, "true") == 0 || strcmp(v, "false") == 0))
			          || (t == RULES_FT_DATE && date_parse(v, strlen(v), &d) == DATE_OK);
			for (int j = 0; t == RULES_FT_ENUM && j < rules_fact_nvalues(rs, idx); j++)
				ok = ok || strcmp(v, rules_fact_value(rs, idx, j)) == 0;
			if (ok) iv->keep_v = v;
		}
		question_page(iv, q);
		return;
	}
	const char *next = first_pending(iv, NULL);
	if (!next) next = af_pop_asked(&iv->st);
	if (next) question_page(iv, next);
	else results(iv);
}

static void handle(const struct web_req *rq, struct web_resp *rs, bool resume)
{
	struct iv iv;
	memset(&iv, 0, sizeof iv);
	iv.rq = rq;
	iv.rs = rs;
	iv.l = rq->lang;
	iv.a = rq->app ? web_app_assess(rq->app) : NULL;
	iv.ans = rq->thread ? web_thread_answers(rq->thread) : NULL;
	iv.x = rq->thread ? web_thread_assessment(rq->thread) : NULL;
	if (!iv.a || !iv.ans || !iv.x) {
		web_error_page(rq, rs, 503, N_("The interview is not available right now. Please try again in a moment."));
		return;
	}
	if (rq->method != WEB_POST) {
		answers_clear(iv.ans);
		step_stay(&iv, NULL, NULL);
		return;
	}
	const struct form *f = rq->form;
	const char *act = f && !resume ? form_get(f, "act") : NULL;
	if (!act) act = "stay";
	if (strcmp(act, "load") == 0) {
		step_load(&iv, f);
		return;
	}
	struct af_error ae;
	enum af_err fe = af_read(iv.a, f, iv.l, iv.ans, &iv.st, &ae);
	if (fe == AF_ENOMEM) {
		web_error_page(rq, rs, 500, N_("The interview could not go on. Please try again."));
		return;
	}
	if (fe != AF_OK) {
		bad_form(&iv, &ae);
		return;
	}
	const char *qf = f ? form_get(f, "q") : NULL;
	const char *q = qf && *qf ? af_fact(iv.a, qf, NULL, NULL) : NULL;
	if (qf && *qf && !q) {
		ae.code = AF_EFIELD;
		msg_copy(ae.field, sizeof ae.field, "q");
		bad_form(&iv, &ae);
		return;
	}
	const char *v = f ? form_get(f, "v") : NULL;
	struct assess_error err;
	enum assess_err e;
	if (strcmp(act, "stay") == 0) {
		step_stay(&iv, q, v);
	} else if (strcmp(act, "results") == 0) {
		if ((e = run(&iv, &err)) != ASSESS_OK) failed(&iv, e, &err);
		else if (iv.undone) question_page(&iv, iv.undone);
		else results(&iv);
	} else if (strcmp(act, "back") == 0) {
		const char *p = af_pop_asked(&iv.st);
		if (p) {
			(void)answers_forget(iv.ans, p);
			af_unskip(&iv.st, p);
		}
		if ((e = run(&iv, &err)) != ASSESS_OK) failed(&iv, e, &err);
		else if (p || q) question_page(&iv, p ? p : q);
		else go_on(&iv);
	} else if (!q) {
		/* next, skip, decline need the question they answer. */
		step_stay(&iv, NULL, NULL);
	} else if (strcmp(act, "next") == 0) {
		step_next(&iv, q, v);
	} else if (strcmp(act, "skip") == 0 || strcmp(act, "decline") == 0) {
		if (act[0] == 's') {
			(void)answers_forget(iv.ans, q);
			af_skip(&iv.st, q);
		} else {
			e = answers_set_text(iv.ans, q, ASSESS_DECLINED, iv.l, &err);
			if (e != ASSESS_OK) { failed(&iv, e, &err); return; }
			af_unskip(&iv.st, q);
		}
		af_push_asked(&iv.st, q);
		if ((e = run(&iv, &err)) != ASSESS_OK) failed(&iv, e, &err);
		else go_on(&iv);
	} else {
		bad_form(&iv, NULL);
	}
}

/* The answers are not kept once the page is written (web.h). */
static void forget_all(const struct web_req *rq)
{
	struct answers *ans = rq->thread ? web_thread_answers(rq->thread) : NULL;
	if (ans) answers_clear(ans);
}

void h_interview(const struct web_req *rq, struct web_resp *rs)
{
	rs->route = "interview";
	handle(rq, rs, false);
	forget_all(rq);
}

void interview_resume(const struct web_req *rq, struct web_resp *rs)
{
	handle(rq, rs, true);
	forget_all(rq);
}
