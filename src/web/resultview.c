/*
** resultview.c — the results page (resultview.h).
**
** Everything shown comes from the assessment's JSON (texts already in the
** reader's language) or from the rule sets (question texts, citation
** addresses, what an avenue gives). Colour never carries meaning alone: each
** status is written out in words, and anything unverified carries the word.
**
** Citations: pathway reasons list each citation with its address in the JSON;
** continuum reasons and remedies give the labels joined by "; " (labels may
** hold ";" themselves), so each label is found again among the continuum
** rule set's citations, longest first, to get its address.
*/
#include "resultview.h"

#include <string.h>

#include "../base/date.h"
#include "../base/msg.h"
#include "../directory/needs.h"
#include "dirview.h"
#include "page.h"

#define RV_PATHWAYS 32          /* federal avenues read for the needs */
#define RV_REMEDIES 64          /* remedies read for the needs */
#define RV_QUESTIONS_SHOWN 5    /* questions listed that could change the result */
#define RV_FMT_MAX 2048         /* one message with its arguments filled in */

struct rv {
	struct html *h;
	const struct web_req *rq;
	enum lang l;
	const struct assess *a;
	const struct ruleset *cont, *fed;
};

/* ---- small pieces ---- */

static const struct json_value *jget(const struct json_value *o, const char *key, enum json_type t)
{
	const struct json_value *v = json_get(o, key);
	return v && v->type == t ? v : NULL;
}

static const char *jstr(const struct json_value *o, const char *key)
{
	const struct json_value *v = jget(o, key, JSON_STRING);
	return v ? v->text : NULL;
}

static bool jtrue(const struct json_value *o, const char *key)
{
	const struct json_value *v = jget(o, key, JSON_BOOL);
	return v && v->b;
}

static size_t jcount(const struct json_value *arr)
{
	return arr ? arr->n : 0;
}

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

/* A YYYY-MM-DD day in long form ("September 30, 2017", "30 septembre 2017"). */
static const char *long_date(const char *iso, enum lang l, char *out, size_t cap)
{
	int32_t d;
	if (iso && date_parse(iso, strlen(iso), &d) == DATE_OK
	    && date_format_long(d, l == LANG_FR, out, cap) > 0)
		return out;
	return iso ? iso : "";
}

static void put_date(struct html *h, const char *iso, enum lang l)
{
	char out[DATE_LONG_MAX];
	html_text(h, long_date(iso, l, out, sizeof out));
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

/* Labels joined by "; " (report.c's add_cites), each found again among rs's
** citations in the reader's language for its address. */
static void put_joined_cites(const struct rv *r, const struct ruleset *rs, const char *joined)
{
	if (!joined || !*joined) return;
	cites_open(r);
	size_t nrules = rules_count(rs);
	const char *p = joined;
	bool first = true;
	while (*p) {
		const char *url = NULL, *label = NULL;
		size_t best = 0;
		for (size_t ri = 0; ri < nrules; ri++) {
			int nc = rules_rule_ncites(rs, (int)ri);
			for (int k = 0; k < nc; k++) {
				const char *u = NULL;
				const char *c = rules_rule_cite(rs, (int)ri, k, r->l, &u);
				if (!c || c[0] != p[0]) continue;
				size_t n = strlen(c);
				if (n > best && strncmp(p, c, n) == 0
				    && (p[n] == '\0' || (p[n] == ';' && p[n + 1] == ' '))) {
					best = n;
					label = c;
					url = u;
				}
			}
		}
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

/* [{"label", "url"}] from the pathways' JSON. */
static void put_cite_array(const struct rv *r, const struct json_value *cites)
{
	if (!jcount(cites)) return;
	cites_open(r);
	bool first = true;
	for (size_t i = 0; i < cites->n; i++) {
		const char *label = jstr(cites->items[i], "label");
		if (!label || !*label) continue;
		if (!first) html_lit(r->h, "; ");
		first = false;
		put_cite(r->h, label, jstr(cites->items[i], "url"));
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

/* The questions of facts (names), as a list of their texts. */
static void put_fact_list(const struct rv *r, const struct json_value *names, size_t max)
{
	if (!jcount(names)) return;
	html_lit(r->h, "<ul class=\"fact-list\">");
	for (size_t i = 0; i < names->n && i < max; i++) {
		const struct json_value *v = names->items[i];
		const struct ruleset *rs;
		int idx;
		if (v->type != JSON_STRING || !af_fact(r->a, v->text, &rs, &idx)) continue;
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

static void section_level(const struct rv *r, const struct json_value *root)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const char *level = jstr(root, "level");
	html_lit(h, "<section id=\"level\" aria-labelledby=\"level-h\">\n<h2 id=\"level-h\">");
	html_text(h, TR(l, "Where the situation stands"));
	html_lit(h, "</h2>\n<div class=\"level level-");
	html_attr(h, level ? level : "none");
	html_lit(h, "\">\n<p><strong>");
	html_text(h, jstr(root, "level_label"));
	html_lit(h, "</strong></p>\n<p class=\"may-rise\">");
	if (jtrue(root, "may_rise"))
		html_text(h, TR(l, "A higher level is still possible: some questions that could change this were not answered."));
	else if (level && strcmp(level, "trafficking") == 0)
		html_text(h, TR(l, "This is the highest level on the continuum."));
	else
		html_text(h, TR(l, "On the answers given, no higher level is possible."));
	html_lit(h, "</p>\n");
	html_lit(h, "<p class=\"level-note\">");
	html_text(h, TR(l, "These are signs to discuss with the person, not a legal finding: only a court or a tribunal can decide what happened."));
	html_lit(h, "</p>\n</div>\n");

	const struct json_value *reasons = jget(root, "level_reasons", JSON_ARRAY);
	if (jcount(reasons)) {
		html_lit(h, "<h3>");
		html_text(h, TR(l, "Why"));
		html_lit(h, "</h3>\n<ul class=\"reasons\">\n");
		for (size_t i = 0; i < reasons->n; i++) {
			const struct json_value *o = reasons->items[i];
			html_lit(h, "<li class=\"reason\"><p>");
			html_text(h, jstr(o, "text"));
			html_lit(h, "</p>\n");
			put_joined_cites(r, r->cont, jstr(o, "cite"));
			if (jtrue(o, "unverified")) put_unverified(r, jstr(o, "unverified_note"));
			html_lit(h, "</li>\n");
		}
		html_lit(h, "</ul>\n");
	} else {
		html_lit(h, "<p>");
		html_text(h, TR(l, "The answers given do not show any level of the continuum. This does not mean nothing happened: only that the answers given do not show it."));
		html_lit(h, "</p>\n");
	}

	const struct json_value *ind = jget(root, "indicators", JSON_ARRAY);
	size_t present = 0;
	for (size_t i = 0; i < jcount(ind); i++) present += jtrue(ind->items[i], "present");
	if (present) {
		html_lit(h, "<h3>");
		html_text(h, TR(l, "Signs of forced labour in the answers"));
		html_lit(h, "</h3>\n<ul class=\"indicators\">");
		for (size_t i = 0; i < ind->n; i++) {
			if (!jtrue(ind->items[i], "present")) continue;
			html_lit(h, "<li>");
			html_text(h, jstr(ind->items[i], "label"));
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>\n<p class=\"hint\">");
		html_text(h, TR(l, "From the 11 indicators of forced labour of the International Labour Organization."));
		html_lit(h, "</p>\n");
	}

	size_t ndeclined = jcount(jget(root, "declined", JSON_ARRAY));
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

static void section_questions(const struct rv *r, const struct json_value *root)
{
	const struct json_value *qs = jget(root, "questions", JSON_ARRAY);
	if (!jcount(qs)) return;
	struct html *h = r->h;
	html_lit(h, "<section id=\"open-questions\" aria-labelledby=\"open-questions-h\">\n"
	            "<h2 id=\"open-questions-h\">");
	html_text(h, TR(r->l, "Questions that could still change this result"));
	html_lit(h, "</h2>\n<ul class=\"fact-list\">");
	for (size_t i = 0; i < qs->n && i < RV_QUESTIONS_SHOWN; i++) {
		html_lit(h, "<li>");
		html_text(h, jstr(qs->items[i], "text"));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n<p class=\"hint no-print\">");
	html_text(h, TR(r->l, "To answer them, use “Change answers”. Every question can still be skipped."));
	html_lit(h, "</p>\n</section>\n");
}

/* ---- remedies ---- */

static void remedy(const struct rv *r, const struct json_value *o)
{
	struct html *h = r->h;
	enum lang l = r->l;
	bool open = strcmp(jstr(o, "status") ? jstr(o, "status") : "", "available") == 0;
	html_lit(h, "<article class=\"remedy\">\n<h3>");
	html_text(h, jstr(o, "body"));
	html_lit(h, "</h3>\n<p><span class=\"status ");
	html_lit(h, "status-");
	if (open) html_lit(h, "available\">");
	else html_lit(h, "possible\">");
	html_text(h, open ? TR(l, "Open on the answers given.")
	                  : TR(l, "Possible: it depends on answers not given yet."));
	html_lit(h, "</span></p>\n<p>");
	html_text(h, jstr(o, "text"));
	html_lit(h, "</p>\n");
	const char *due = jstr(o, "deadline");
	if (due) {
		char d[DATE_LONG_MAX];
		html_lit(h, "<div class=\"deadline\"><p><strong>");
		put_fmt1(h, TR(l, "Time limit: {1}"), long_date(due, l, d, sizeof d));
		html_lit(h, "</strong></p>\n");
		if (jtrue(o, "deadline_passed")) {
			html_lit(h, "<p class=\"deadline-passed\"><strong>");
			html_text(h, TR(l, "This time limit has passed."));
			html_lit(h, "</strong> ");
			html_text(h, TR(l, "Ask a lawyer or a legal clinic whether anything can still be done."));
			html_lit(h, "</p>\n");
		}
		const char *dt = jstr(o, "deadline_text");
		if (dt && *dt) {
			html_lit(h, "<p class=\"deadline-rule\">");
			html_text(h, dt);
			html_lit(h, "</p>\n");
		}
		put_joined_cites(r, r->cont, jstr(o, "deadline_cite"));
		html_lit(h, "</div>\n");
	}
	const struct json_value *deps = jget(o, "depends_on", JSON_ARRAY);
	if (!open && jcount(deps)) {
		html_lit(h, "<p>");
		html_text(h, TR(l, "It depends on:"));
		html_lit(h, "</p>\n");
		put_fact_list(r, deps, AF_LIST_MAX);
	}
	put_joined_cites(r, r->cont, jstr(o, "cite"));
	if (jtrue(o, "unverified")) put_unverified(r, jstr(o, "unverified_note"));
	html_lit(h, "</article>\n");
}

static void section_remedies(const struct rv *r, const struct json_value *root)
{
	struct html *h = r->h;
	const struct json_value *rem = jget(root, "remedies", JSON_ARRAY);
	html_lit(h, "<section id=\"remedies\" aria-labelledby=\"remedies-h\">\n<h2 id=\"remedies-h\">");
	html_text(h, TR(r->l, "Where to turn: remedies and time limits"));
	html_lit(h, "</h2>\n");
	if (!jcount(rem)) {
		html_lit(h, "<p>");
		html_text(h, TR(r->l, "No remedy is open on the answers given so far."));
		html_lit(h, "</p>\n");
	}
	for (size_t i = 0; i < jcount(rem); i++) remedy(r, rem->items[i]);
	html_lit(h, "</section>\n");
}

/* ---- pathways ---- */

static void avenue_status(const struct rv *r, const struct json_value *o, const char *st)
{
	struct html *h = r->h;
	enum lang l = r->l;
	html_lit(h, "<p><span class=\"status status-");
	html_attr(h, st);
	html_lit(h, "\">");
	if (strcmp(st, "available") == 0) {
		html_text(h, TR(l, "Open"));
	} else if (strcmp(st, "barred") == 0) {
		const char *until = jstr(o, "until");
		char d[DATE_LONG_MAX];
		if (until) put_fmt1(h, TR(l, "Barred until {1}"), long_date(until, l, d, sizeof d));
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

static void avenue(const struct rv *r, const struct json_value *o)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const char *id = jstr(o, "id"), *st = jstr(o, "status");
	if (!st) st = "unknown";
	html_lit(h, "<article class=\"avenue\">\n<h3>");
	html_text(h, jstr(o, "name"));
	html_lit(h, "</h3>\n");
	avenue_status(r, o, st);
	const struct json_value *deps = jget(o, "depends_on", JSON_ARRAY);
	if (jcount(deps)) {
		if (strcmp(st, "barred") == 0) {
			html_lit(h, "<p>");
			html_text(h, TR(l, "The bar may last longer, depending on:"));
			html_lit(h, "</p>\n");
		}
		put_fact_list(r, deps, AF_LIST_MAX);
	}
	int t = id ? rules_target_index(r->fed, id) : -1;
	const char *gives = t >= 0 ? rules_target_gives(r->fed, t, l) : NULL;
	bool may_give = strcmp(st, "available") == 0 || strcmp(st, "barred") == 0
	                || strcmp(st, "unknown") == 0;
	if (may_give && gives && *gives) {
		html_lit(h, "<p class=\"gives\"><strong>");
		html_text(h, TR(l, "What it gives:"));
		html_lit(h, "</strong> ");
		html_text(h, gives);
		html_lit(h, "</p>\n");
	}
	const struct json_value *reasons = jget(o, "reasons", JSON_ARRAY);
	if (jcount(reasons)) {
		html_lit(h, "<ul class=\"reasons\">\n");
		for (size_t i = 0; i < reasons->n; i++) {
			const struct json_value *x = reasons->items[i];
			const char *kind = jstr(x, "kind");
			html_lit(h, "<li class=\"reason\"><p>");
			if (kind && strcmp(kind, "note") == 0) {
				html_lit(h, "<strong>");
				html_text(h, TR(l, "Note:"));
				html_lit(h, "</strong> ");
			}
			html_text(h, jstr(x, "text"));
			html_lit(h, "</p>\n");
			put_cite_array(r, jget(x, "cites", JSON_ARRAY));
			if (jtrue(x, "unverified")) put_unverified(r, jstr(x, "unverified_note"));
			html_lit(h, "</li>\n");
		}
		html_lit(h, "</ul>\n");
	}
	html_lit(h, "</article>\n");
}

static void pathway_deadlines(const struct rv *r, const struct json_value *pw)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const struct json_value *dl = jget(pw, "deadlines", JSON_ARRAY);
	if (!jcount(dl)) return;
	html_lit(h, "<h3>");
	html_text(h, TR(l, "Deadlines"));
	html_lit(h, "</h3>\n<ul class=\"deadlines\">\n");
	for (size_t i = 0; i < dl->n; i++) {
		const struct json_value *o = dl->items[i];
		html_lit(h, "<li class=\"deadline\"><p><strong>");
		html_text(h, jstr(o, "name"));
		html_lit(h, "</strong> ");
		put_date(h, jstr(o, "due"), l);
		html_lit(h, "</p>\n<p>");
		html_text(h, jstr(o, "text"));
		html_lit(h, "</p>\n");
		put_cite_array(r, jget(o, "cites", JSON_ARRAY));
		if (jtrue(o, "unverified")) put_unverified(r, rule_note(r->fed, jstr(o, "rule"), l));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
	const char *hn = jstr(pw, "holidays_notice");
	if (hn) {
		html_lit(h, "<p class=\"hint\">");
		html_text(h, hn);
		html_lit(h, "</p>\n");
	}
}

static void section_pathways(const struct rv *r, const struct json_value *root)
{
	struct html *h = r->h;
	enum lang l = r->l;
	const struct json_value *pw = jget(root, "pathways", JSON_OBJECT);
	html_lit(h, "<section id=\"pathways\" aria-labelledby=\"pathways-h\">\n<h2 id=\"pathways-h\">");
	html_text(h, TR(l, "Immigration protection pathways"));
	html_lit(h, "</h2>\n");
	if (!pw) {
		html_lit(h, "<p>");
		html_text(h, TR(l, "They do not apply: the answers say the person is a Canadian citizen or a permanent resident."));
		html_lit(h, "</p>\n</section>\n");
		return;
	}
	const char *bridge = jstr(root, "bridge_text");
	if (bridge && jtrue(root, "trafficking_indicated_from_level")) {
		html_lit(h, "<p class=\"bridge\">");
		html_text(h, bridge);
		html_lit(h, "</p>\n");
	}
	const struct json_value *av = jget(pw, "avenues", JSON_ARRAY);
	for (size_t i = 0; i < jcount(av); i++) avenue(r, av->items[i]);
	pathway_deadlines(r, pw);
	html_lit(h, "</section>\n");
}

/* ---- services ---- */

static void section_services(const struct rv *r, const struct assessment *x,
                             const struct json_value *root, const struct json_doc *answers_doc)
{
	const struct needs *voc = r->rq->app ? web_app_needs(r->rq->app) : NULL;
	if (!voc) return;
	struct needs_remedy rem[RV_REMEDIES];
	struct needs_pathway pw[RV_PATHWAYS];
	struct needs_situation s = { .level = assessment_level(x) };
	size_t nr = assessment_remedy_count(x);
	if (nr > RV_REMEDIES) nr = RV_REMEDIES;
	for (size_t i = 0; i < nr; i++) {
		rem[i].family = assessment_remedy_id(x, i);
		rem[i].available = assessment_remedy_available(x, i);
	}
	s.remedies = rem;
	s.nremedies = nr;
	s.has_pathways = assessment_has_pathways(x);
	const struct json_value *av = jget(jget(root, "pathways", JSON_OBJECT), "avenues", JSON_ARRAY);
	size_t np = 0;
	for (size_t i = 0; s.has_pathways && i < jcount(av) && np < RV_PATHWAYS; i++) {
		const char *id = jstr(av->items[i], "id"), *st = jstr(av->items[i], "status");
		if (!id || !st) continue;
		pw[np].id = id;
		pw[np].status = st;
		np++;
	}
	s.pathways = pw;
	s.npathways = np;
	const char *ids[NEEDS_MAX];
	size_t n = needs_for_situation(voc, &s, ids, NEEDS_MAX);
	if (n > NEEDS_MAX) n = NEEDS_MAX;

	/* The directory's province codes are upper case; the answers' lower case. */
	char prov[3] = "";
	const char *p = answers_doc ? jstr(json_root(answers_doc), "province") : NULL;
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
	struct buf jb;
	buf_init(&jb, RV_JSON_MAX);
	struct json_doc *doc = NULL;
	if (assessment_write_json(x, l, &jb) == 0 && jb.err == BUF_OK) {
		struct json_limits lim = json_default_limits;
		lim.max_bytes = RV_JSON_MAX;
		struct json_error je;
		doc = json_parse(buf_str(&jb), jb.len, &lim, &je);
	}
	buf_free(&jb);
	const struct json_value *root = doc ? json_root(doc) : NULL;
	if (!root || root->type != JSON_OBJECT) {
		json_free(doc);
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
		return;
	}
	const struct assess *a = web_app_assess(rq->app);
	struct html h = { .out = &rs->body };
	struct rv r = { .h = &h, .rq = rq, .l = l, .a = a,
	                .cont = assess_continuum(a), .fed = assess_federal(a) };
	struct page_opts o = { .title = TR(l, "Results of the assessment"), .main_form = "answers",
	                       .switch_rest = "/results", .body_class = "results-page" };
	rs->status = 200;
	page_begin(&h, rq, &o);
	const char *as_of = jstr(root, "as_of");
	if (as_of) {
		char d[DATE_LONG_MAX];
		html_lit(&h, "<p class=\"muted\">");
		put_fmt1(&h, TR(l, "The law as it stood on {1}."), long_date(as_of, l, d, sizeof d));
		html_lit(&h, "</p>\n");
	}
	answers_form(&r, answers_doc, st);
	section_level(&r, root);
	section_questions(&r, root);
	section_remedies(&r, root);
	section_pathways(&r, root);
	section_services(&r, x, root, answers_doc);
	page_legal_notice(&h, rq);
	page_end(&h, rq);
	json_free(doc);
	if (html_failed(&h)) {
		buf_free(&rs->body);
		buf_init(&rs->body, WEB_PAGE_MAX);
		web_error_page(rq, rs, 500, N_("The results could not be shown. Please try again."));
	}
}
