/*
** resultview.c — the results page (resultview.h).
**
** Everything shown is read from the assessment (assess.h's accessors, the same
** functions its JSON is made from, so page and `safepath assess` agree) or from
** the rule sets (question texts, citation addresses, what an avenue gives), the
** pathways through the engine's query API (rules.h). Colour never carries
** meaning alone: each status is written out in words, and anything unverified
** carries the word.
**
** Citations: a pathway reason lists its rule's citations with their addresses;
** continuum reasons and remedies give the labels joined by "; " (assess.h's
** assessment_cites, which leaves out repeats; labels may hold ";" themselves),
** so each label is found again among the continuum rule set's citations,
** longest first, to get its address.
*/
#include "resultview.h"

#include <string.h>

#include "../base/date.h"
#include "../base/msg.h"
#include "../directory/needs.h"
#include "dirview.h"
#include "page.h"

#define RV_QUESTIONS_SHOWN 5    /* questions listed that could change the result */
#define RV_FMT_MAX 2048         /* one message with its arguments filled in */

struct rv {
	struct html *h;
	const struct web_req *rq;
	enum lang l;
	const struct assess *a;
	const struct assessment *x;
	const struct result *pw;             /* the pathways, or NULL */
	const struct ruleset *cont, *fed;
	bool *bad;                           /* a piece went over its cap */
};

/* ---- small pieces ---- */

/* tmpl (a translated message) with {1} = arg, as text. */
static void put_fmt1(struct html *h, const char *tmpl, const char *arg)
{
	struct buf b;
	const char *args[1] = { arg };
	buf_init(&b, RV_FMT_MAX);
	msg_fmt(&b, tmpl, args, 1);
	html_text(h, buf_str(&b));
	buf_free(&b);
}

/* A day in long form ("September 30, 2017", "30 septembre 2017"), or as
** YYYY-MM-DD should that fail. */
static const char *long_day(int32_t day, enum lang l, char *out, size_t cap)
{
	if (date_format_long(day, l == LANG_FR, out, cap) > 0) return out;
	if (cap > DATE_ISO_LEN) date_format_iso(day, out);
	else if (cap) out[0] = '\0';
	return out;
}

static void put_cite(struct html *h, const char *label, const char *url)
{
	if (url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0)) {
		html_lit(h, "<a class=\"cite\" rel=\"noreferrer\" href=\"");
		html_attr(h, url);
		html_lit(h, "\">");
		html_text(h, label);
		html_lit(h, "</a>");
	} else {
		html_lit(h, "<span class=\"cite\">");
		html_text(h, label);
		html_lit(h, "</span>");
	}
}

static void cites_open(const struct rv *r)
{
	html_lit(r->h, "<p class=\"cites\"><span class=\"cites-label\">");
	html_text(r->h, TR(r->l, "Sources:"));
	html_lit(r->h, "</span> ");
}

/* Labels joined by "; " (assessment_cites), each found again among rs's
** citations in the reader's language for its address. */
static void put_joined_cites(const struct rv *r, const struct ruleset *rs, const char *joined)
{
	if (!joined || !*joined) return;
	cites_open(r);
	const char *p = joined;
	bool first = true;
	while (*p) {
		const char *url, *label;
		size_t best = rules_cite_match(rs, p, r->l, &label, &url);
		if (!first) html_lit(r->h, "; ");
		first = false;
		if (label) {
			put_cite(r->h, label, url);
		} else {
			const char *e = strstr(p, "; ");
			best = e ? (size_t)(e - p) : strlen(p);
			html_lit(r->h, "<span class=\"cite\">");
			html_textn(r->h, p, best);
			html_lit(r->h, "</span>");
		}
		p += best;
		if (p[0] == ';' && p[1] == ' ') p += 2;
	}
	html_lit(r->h, "</p>\n");
}

/* The citations of federal rule ri with their addresses (none for ri < 0). */
static void put_rule_cites(const struct rv *r, int ri)
{
	int nc = rules_rule_ncites(r->fed, ri);
	if (nc <= 0) return;
	cites_open(r);
	bool first = true;
	for (int k = 0; k < nc; k++) {
		const char *label = rules_rule_cite(r->fed, ri, k, r->l, NULL);
		if (!label || !*label) continue;
		if (!first) html_lit(r->h, "; ");
		first = false;
		put_cite(r->h, label, rules_rule_cite_address(r->fed, ri, k, r->l));
	}
	html_lit(r->h, "</p>\n");
}

static void put_unverified(const struct rv *r, const char *note)
{
	html_lit(r->h, "<p class=\"unverified\"><strong class=\"unverified-label\">");
	html_text(r->h, TR(r->l, "Unverified:"));
	html_lit(r->h, "</strong> ");
	html_text(r->h, note && *note ? note
	          : TR(r->l, "This point rests on a source the research could not confirm."));
	html_lit(r->h, "</p>\n");
}

/* The questions of facts (names, at most max of them), as a list of their texts. */
static void put_fact_list(const struct rv *r, const char *const *names, size_t n, size_t max)
{
	if (!n) return;
	html_lit(r->h, "<ul class=\"fact-list\">");
	for (size_t i = 0; i < n && i < max; i++) {
		const struct ruleset *rs;
		int idx;
		if (!names[i] || !af_fact(r->a, names[i], &rs, &idx)) continue;
		html_lit(r->h, "<li>");
		html_text(r->h, rules_fact_question(rs, idx, r->l));
		html_lit(r->h, "</li>");
	}
	html_lit(r->h, "</ul>\n");
}

/* A rule's unverified note, found by its id in rs (NULL: none). */
static const char *rule_note(const struct ruleset *rs, const char *id, enum lang l)
{
	if (!id) return NULL;
	size_t n = rules_count(rs);
	for (size_t ri = 0; ri < n; ri++)
		if (strcmp(rules_rule_id(rs, (int)ri), id) == 0) {
			const char *u = rules_rule_unverified(rs, (int)ri, l);
			if (u) return u;
		}
	return NULL;
}

/* ---- the level ---- */

static void level_reasons(const struct rv *r)
{
	struct html *h = r->h;
	size_t n = assessment_level_reason_count(r->x);
	if (!n) {
		html_lit(h, "<p>");
		html_text(h, TR(r->l, "The answers given do not show any level of the continuum. This does not mean nothing happened: only that the answers given do not show it."));
		html_lit(h, "</p>\n");
		return;
	}
	struct buf text, cite;
	buf_init(&text, ASSESS_PIECE_MAX);
	buf_init(&cite, ASSESS_PIECE_MAX);
	html_lit(h, "<h3>");
	html_text(h, TR(r->l, "Why"));
	html_lit(h, "</h3>\n<ul class=\"reasons\">\n");
	int t, ri;
	for (size_t j = 0; assessment_level_reason(r->x, j, &t, &ri, NULL); j++) {
		buf_reset(&text);
		buf_reset(&cite);
		assessment_explain(r->x, t, ri, r->l, &text);
		assessment_cites(r->x, ri, r->l, &cite);
		html_lit(h, "<li class=\"reason\"><p>");
		html_text(h, buf_str(&text));
		html_lit(h, "</p>\n");
		put_joined_cites(r, r->cont, buf_str(&cite));
		const char *u = rules_rule_unverified(r->cont, ri, r->l);
		if (u) put_unverified(r, u);
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
	if (text.err != BUF_OK || cite.err != BUF_OK) *r->bad = true;
	buf_free(&text);
	buf_free(&cite);
}

static void section_level(const struct rv *r)
{
	struct html *h = r->h;
	enum lang l = r->l;
	enum assess_level lv = assessment_level(r->x);
	html_lit(h, "<section id=\"level\" aria-labelledby=\"level-h\">\n<h2 id=\"level-h\">");
	html_text(h, TR(l, "Where the situation stands"));
	html_lit(h, "</h2>\n<div class=\"level level-");
	html_attr(h, assess_level_name(lv));
	html_lit(h, "\">\n<p><strong>");
	html_text(h, assess_level_label(r->a, lv, l));
	html_lit(h, "</strong></p>\n<p class=\"may-rise\">");
	if (assessment_may_rise(r->x))
		html_text(h, TR(l, "A higher level is still possible: some questions that could change this were not answered."));
	else if (lv == LEVEL_TRAFFICKING)
		html_text(h, TR(l, "This is the highest level on the continuum."));
	else
		html_text(h, TR(l, "On the answers given, no higher level is possible."));
	html_lit(h, "</p>\n");
	html_lit(h, "<p class=\"level-note\">");
	html_text(h, TR(l, "These are signs to discuss with the person, not a legal finding: only a court or a tribunal can decide what happened."));
	html_lit(h, "</p>\n</div>\n");
	level_reasons(r);

	size_t present = 0;
	for (int k = 0; k < ASSESS_INDICATORS; k++) present += assessment_indicator(r->x, k, l, NULL) == 1;
	if (present) {
		html_lit(h, "<h3>");
		html_text(h, TR(l, "Signs of forced labour in the answers"));
		html_lit(h, "</h3>\n<ul class=\"indicators\">");
		for (int k = 0; k < ASSESS_INDICATORS; k++) {
			const char *label;
			if (assessment_indicator(r->x, k, l, &label) != 1) continue;
			html_lit(h, "<li>");
			html_text(h, label);
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>\n<p class=\"hint\">");
		html_text(h, TR(l, "From the 11 indicators of forced labour of the International Labour Organization."));
		html_lit(h, "</p>\n");
	}

	size_t ndeclined = assessment_declined_count(r->x);
	if (ndeclined) {
		char n[24];
		struct buf b;
		buf_init(&b, sizeof n - 1);
		buf_printf(&b, "%zu", ndeclined);
		msg_copy(n, sizeof n, buf_str(&b));
		buf_free(&b);
		html_lit(h, "<p class=\"declined\">");
		put_fmt1(h, TR(l, "The person preferred not to answer {1} question(s). Those answers stay unknown: the result never guesses them."), n);
		html_lit(h, "</p>\n");
	}
	html_lit(h, "</section>\n");
}

static void section_questions(const struct rv *r)
{
	size_t nq = assessment_question_count(r->x);
	if (!nq) return;
	struct html *h = r->h;
	html_lit(h, "<section id=\"open-questions\" aria-labelledby=\"open-questions-h\">\n"
	            "<h2 id=\"open-questions-h\">");
	html_text(h, TR(r->l, "Questions that could still change this result"));
	html_lit(h, "</h2>\n<ul class=\"fact-list\">");
	for (size_t i = 0; i < nq && i < RV_QUESTIONS_SHOWN; i++) {
		html_lit(h, "<li>");
		html_text(h, assessment_question_text(r->x, i, r->l));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n<p class=\"hint no-print\">");
	html_text(h, TR(r->l, "To answer them, use “Change answers”. Every question can still be skipped."));
	html_lit(h, "</p>\n</section>\n");
}

/* ---- remedies ---- */

static void remedy_deadline(const struct rv *r, const struct assess_remedy *v)
{
	struct html *h = r->h;
	enum lang l = r->l;
	char d[DATE_LONG_MAX];
	html_lit(h, "<div class=\"deadline\"><p><strong>");
	put_fmt1(h, TR(l, "Time limit: {1}"), long_day(v->due, l, d, sizeof d));
	html_lit(h, "</strong></p>\n");
	if (v->due_passed) {
		html_lit(h, "<p class=\"deadline-passed\"><strong>");
		html_text(h, TR(l, "This time limit has passed."));
		html_lit(h, "</strong> ");
		html_text(h, TR(l, "Ask a lawyer or a legal clinic whether anything can still be done."));
		html_lit(h, "</p>\n");
	}
	if (v->dtext.len) {
		html_lit(h, "<p class=\"deadline-rule\">");
		html_text(h, buf_str(&v->dtext));
		html_lit(h, "</p>\n");
	}
	put_joined_cites(r, r->cont, buf_str(&v->dcite));
	html_lit(h, "</div>\n");
}

static void remedy(const struct rv *r, size_t i)
{
	struct html *h = r->h;
	enum lang l = r->l;
	struct assess_remedy v;
	assessment_remedy_view(r->x, i, l, &v);
	bool open = v.available;
	html_lit(h, "<article class=\"remedy\">\n<h3>");
	html_text(h, rules_target_name(r->cont, v.t, l));
	html_lit(h, "</h3>\n<p><span class=\"status ");
	html_lit(h, "status-");
	if (open) html_lit(h, "available\">");
	else html_lit(h, "possible\">");
	html_text(h, open ? TR(l, "Open on the answers given.")
	                  : TR(l, "Possible: it depends on answers not given yet."));
	html_lit(h, "</span></p>\n<p>");
	html_text(h, buf_str(&v.text));
	html_lit(h, "</p>\n");
	if (v.has_due) remedy_deadline(r, &v);
	if (!open) {
		const char *names[AF_LIST_MAX];
		size_t n = assessment_remedy_depends(r->x, &v, names, AF_LIST_MAX);
		if (n) {
			html_lit(h, "<p>");
			html_text(h, TR(l, "It depends on:"));
			html_lit(h, "</p>\n");
			put_fact_list(r, names, n, AF_LIST_MAX);
		}
	}
	put_joined_cites(r, r->cont, buf_str(&v.cite));
	if (v.unverified) put_unverified(r, buf_str(&v.note));
	html_lit(h, "</article>\n");
	if (v.text.err || v.cite.err || v.note.err || v.dtext.err || v.dcite.err) *r->bad = true;
	assessment_remedy_view_free(&v);
}

static void section_remedies(const struct rv *r)
{
	struct html *h = r->h;
	size_t n = assessment_remedy_count(r->x);
	html_lit(h, "<section id=\"remedies\" aria-labelledby=\"remedies-h\">\n<h2 id=\"remedies-h\">");
	html_text(h, TR(r->l, "Where to turn: remedies and time limits"));
	html_lit(h, "</h2>\n");
	if (!n) {
		html_lit(h, "<p>");
		html_text(h, TR(r->l, "No remedy is open on the answers given so far."));
		html_lit(h, "</p>\n");
	}
	for (size_t i = 0; i < n; i++) remedy(r, i);
	html_lit(h, "</section>\n");
}

/* ---- pathways (the federal set's result, through rules.h) ---- */

static void avenue_status(const struct rv *r, int t, const char *st)
{
	struct html *h = r->h;
	enum lang l = r->l;
	html_lit(h, "<p><span class=\"status status-");
	html_attr(h, st);
	html_lit(h, "\">");
	if (strcmp(st, "available") == 0) {
		html_text(h, TR(l, "Open"));
	} else if (strcmp(st, "barred") == 0) {
		int32_t until;
		char d[DATE_LONG_MAX];
		if (result_until(r->pw, t, &until))
			put_fmt1(h, TR(l, "Barred until {1}"), long_day(until, l, d, sizeof d));
		else html_text(h, TR(l, "Barred while a proceeding is pending"));
	} else if (strcmp(st, "ineligible") == 0) {
		html_text(h, TR(l, "Not possible"));
	} else if (strcmp(st, "not_applicable") == 0) {
		html_text(h, TR(l, "Does not apply"));
	} else {
		html_text(h, TR(l, "Cannot tell yet — needs answers about:"));
	}
	html_lit(h, "</span></p>\n");
}

/* The facts avenue t still depends on, when the result reports them. */
static void avenue_depends(const struct rv *r, int t, const char *st)
{
	if (!result_depends_reported(r->pw, t)) return;
	int facts[AF_LIST_MAX];
	const char *names[AF_LIST_MAX];
	size_t n = result_depends(r->pw, t, facts, AF_LIST_MAX);
	if (!n) return;
	if (strcmp(st, "barred") == 0) {
		html_lit(r->h, "<p>");
		html_text(r->h, TR(r->l, "The bar may last longer, depending on:"));
		html_lit(r->h, "</p>\n");
	}
	for (size_t i = 0; i < n && i < AF_LIST_MAX; i++) names[i] = rules_fact_name(r->fed, facts[i]);
	put_fact_list(r, names, n, AF_LIST_MAX);
}

static void avenue(const struct rv *r, size_t i, struct buf *text)
{
	struct html *h = r->h;
	enum lang l = r->l;
	int t = result_avenue_target(r->pw, i);
	const char *st = av_status_name(result_status(r->pw, t));
	html_lit(h, "<article class=\"avenue\">\n<h3>");
	html_text(h, rules_target_name(r->fed, t, l));
	html_lit(h, "</h3>\n");
	avenue_status(r, t, st);
	avenue_depends(r, t, st);
	const char *gives = rules_target_gives(r->fed, t, l);
	bool may_give = strcmp(st, "available") == 0 || strcmp(st, "barred") == 0
	                || strcmp(st, "unknown") == 0;
	if (may_give && gives && *gives) {
		html_lit(h, "<p class=\"gives\"><strong>");
		html_text(h, TR(l, "What it gives:"));
		html_lit(h, "</strong> ");
		html_text(h, gives);
		html_lit(h, "</p>\n");
	}
	size_t nr = result_reason_count(r->pw, t);
	if (nr) {
		html_lit(h, "<ul class=\"reasons\">\n");
		for (size_t j = 0; j < nr; j++) {
			int ri = result_reason_rule(r->pw, t, j);
			html_lit(h, "<li class=\"reason\"><p>");
			if (strcmp(rules_rule_kind(r->fed, ri), "note") == 0) {
				html_lit(h, "<strong>");
				html_text(h, TR(l, "Note:"));
				html_lit(h, "</strong> ");
			}
			buf_reset(text);
			result_explain(r->pw, t, ri, l, text);
			html_text(h, buf_str(text));
			html_lit(h, "</p>\n");
			put_rule_cites(r, ri);
			const char *u = rules_rule_unverified(r->fed, ri, l);
			if (u) put_unverified(r, u);
			html_lit(h, "</li>\n");
		}
		html_lit(h, "</ul>\n");
	}
	html_lit(h, "</article>\n");
}

static void pathway_deadlines(const struct rv *r, struct buf *text)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const char *hn = result_holidays_notice(r->pw, l);
	if (!hn) return;   /* no deadline has a due date */
	html_lit(h, "<h3>");
	html_text(h, TR(l, "Deadlines"));
	html_lit(h, "</h3>\n<ul class=\"deadlines\">\n");
	int nt = rules_target_count(r->fed);
	for (int t = 0; t < nt; t++) {
		int32_t due;
		int ri;
		char d[DATE_LONG_MAX];
		if (!rules_target_is_deadline(r->fed, t) || !result_due(r->pw, t, &due, &ri)) continue;
		html_lit(h, "<li class=\"deadline\"><p><strong>");
		html_text(h, rules_target_name(r->fed, t, l));
		html_lit(h, "</strong> ");
		html_text(h, long_day(due, l, d, sizeof d));
		html_lit(h, "</p>\n<p>");
		buf_reset(text);
		result_explain(r->pw, t, ri, l, text);
		html_text(h, buf_str(text));
		html_lit(h, "</p>\n");
		put_rule_cites(r, ri);
		if (rules_rule_unverified(r->fed, ri, l))
			put_unverified(r, rule_note(r->fed, rules_rule_id(r->fed, ri), l));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n<p class=\"hint\">");
	html_text(h, hn);
	html_lit(h, "</p>\n");
}

static void section_pathways(const struct rv *r)
{
	struct html *h = r->h;
	enum lang l = r->l;
	html_lit(h, "<section id=\"pathways\" aria-labelledby=\"pathways-h\">\n<h2 id=\"pathways-h\">");
	html_text(h, TR(l, "Immigration protection pathways"));
	html_lit(h, "</h2>\n");
	if (!r->pw) {
		html_lit(h, "<p>");
		html_text(h, TR(l, "They do not apply: the answers say the person is a Canadian citizen or a permanent resident."));
		html_lit(h, "</p>\n</section>\n");
		return;
	}
	if (assessment_bridged(r->x)) {
		html_lit(h, "<p class=\"bridge\">");
		html_text(h, assess_bridge_text(l));
		html_lit(h, "</p>\n");
	}
	struct buf text;
	buf_init(&text, ASSESS_PIECE_MAX);
	size_t n = result_avenue_count(r->pw);
	for (size_t i = 0; i < n; i++) avenue(r, i, &text);
	pathway_deadlines(r, &text);
	if (text.err != BUF_OK) *r->bad = true;
	buf_free(&text);
	html_lit(h, "</section>\n");
}

/* ---- services ---- */

static void section_services(const struct rv *r, const struct json_doc *answers_doc)
{
	const struct needs *voc = r->rq->app ? web_app_needs(r->rq->app) : NULL;
	if (!voc) return;
	const char *ids[NEEDS_MAX];
	size_t n = needs_for_assessment(voc, r->x, ids, NEEDS_MAX);
	if (n == (size_t)-1)
		n = 0;
	if (n > NEEDS_MAX) n = NEEDS_MAX;

	/* The directory's province codes are upper case; the answers' lower case. */
	char prov[3] = "";
	const struct json_value *pv = answers_doc ? json_get(json_root(answers_doc), "province") : NULL;
	const char *p = pv && pv->type == JSON_STRING ? pv->text : NULL;
	if (p && strlen(p) == 2) {
		for (int i = 0; i < 2; i++)
			prov[i] = (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 'a' + 'A' : p[i]);
		prov[2] = '\0';
	}
	dirview_services_for_needs(r->h, r->rq, ids, n, prov);
}

/* ---- the answers form ---- */

static void answers_form(const struct rv *r, const struct json_doc *answers_doc,
                         const struct af_state *st)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const char *pre = page_prefix(l);
	html_lit(h, "<form id=\"answers\" class=\"result-actions no-print\" method=\"post\" action=\"");
	html_attr(h, pre);
	html_lit(h, "/interview\">\n");
	page_csrf_field(h, r->rq);
	af_write_hidden(h, answers_doc, st, true);
	html_lit(h, "<button type=\"submit\" id=\"btn-change\" name=\"act\" value=\"stay\">");
	html_text(h, TR(l, "Change answers"));
	html_lit(h, "</button>\n<button type=\"submit\" id=\"btn-save\" name=\"act\" value=\"save\" formaction=\"");
	html_attr(h, pre);
	html_lit(h, "/answers.json\">");
	html_text(h, TR(l, "Save the answers (download)"));
	html_lit(h, "</button>\n<button type=\"button\" id=\"btn-print\" class=\"js-only\">");
	html_text(h, TR(l, "Print the results"));
	html_lit(h, "</button>\n<p class=\"hint\">");
	html_text(h, TR(l, "Nothing is kept on the server. A saved file holds what the person told you: keep it where only you can open it, or do not save it."));
	html_lit(h, "</p>\n</form>\n");
}

void rv_page(const struct web_req *rq, struct web_resp *rs, const struct assessment *x,
             const struct json_doc *answers_doc, const struct af_state *st)
{
	enum lang l = rq->lang;
	if (!rq->app || !assessment_evaluated(x)) {
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
		return;
	}
	const struct assess *a = web_app_assess(rq->app);
	struct html h = { .out = &rs->body };
	bool bad = false;
	struct rv r = { .h = &h, .rq = rq, .l = l, .a = a, .x = x, .pw = assessment_pathways(x),
	                .cont = assess_continuum(a), .fed = assess_federal(a), .bad = &bad };
	struct page_opts o = { .title = TR(l, "Results of the assessment"), .main_form = "answers",
	                       .switch_rest = "/results", .body_class = "results-page" };
	rs->status = 200;
	page_begin(&h, rq, &o);
	char d[DATE_LONG_MAX];
	html_lit(&h, "<p class=\"muted\">");
	put_fmt1(&h, TR(l, "The law as it stood on {1}."), long_day(assessment_as_of(x), l, d, sizeof d));
	html_lit(&h, "</p>\n");
	answers_form(&r, answers_doc, st);
	section_level(&r);
	section_questions(&r);
	section_remedies(&r);
	section_pathways(&r);
	section_services(&r, answers_doc);
	page_legal_notice(&h, rq);
	page_end(&h, rq);
	if (bad || html_failed(&h)) {
		buf_free(&rs->body);
		buf_init(&rs->body, WEB_PAGE_MAX);
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
	}
}
