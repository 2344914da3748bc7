/*
** test_web_interview.c — the web interview (src/web/h_interview.c) and the
** results page (src/web/h_results.c, resultview.c, answers_form.c), by calling
** the handlers with hand-built requests and driving them like a browser: each
** next request carries the hidden fields of the page before it.
**
** Checked: the first question and the order after it (against the assessment
** itself), progress numbers, back (answer forgotten), skip and decline never
** asked again, a language switch keeping the choice, an invalid value re-asked
** without being repeated, a form or file that cannot be read (400, naming the
** field or question, never the value), whole runs in English and in French
** reaching the level `safepath assess` gives on the same answers, the results
** page's contract (ids, citation links, unverified marks, csrf in every form,
** no answer in any address), the answers download, and the time one results
** page takes (printed, not asserted).
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test.h"
#include "db_scratch.h"
#include "assess/assess.h"
#include "base/date.h"
#include "base/json.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/page.h"

#define TOKEN "csrf-test-token_0123456789"
#define MARKER "zqxMARKERqzx"
#define FARM "data/samples/answers/farm-workers-qc-2016.json"
#define PASSPORTS "data/training/05-passports-kept-nb.json"
#define STEPS_MAX 200

static struct web_app *app;
static struct web_thread *thr;
static struct form *empty_query;
static char dir[64], dbpath[128];

/* ---- requests ---- */

struct page {
	int status;
	char *html;                  /* the body, NUL-terminated (owned) */
	const char *content_type;
	char download_name[WEB_FILENAME_MAX];
};

static void page_free(struct page *p)
{
	free(p->html);
	memset(p, 0, sizeof *p);
}

static struct page call(web_handler fn, enum web_method m, enum lang l, const char *rest,
                        const char *body)
{
	struct form *f = NULL;
	struct form_error fe;
	if (body && form_parse(body, strlen(body), &f, &fe) != FORM_OK) {
		fprintf(stderr, "form_parse failed on a test body (pair %zu)\n", fe.pair);
		abort();
	}
	char path[64];
	snprintf(path, sizeof path, "%s%s", page_prefix(l), rest);
	struct web_req rq = {
		.method = m, .path = path, .route_rest = rest, .lang = l, .lang_in_path = true,
		.query = empty_query, .form = f, .body = body, .body_len = body ? strlen(body) : 0,
		.content_type = body ? "application/x-www-form-urlencoded" : "",
		.accept_language = "", .csrf_ok = true, .csrf_token = TOKEN,
		.app = app, .thread = thr, .today = web_app_today(app),
	};
	struct web_resp rs;
	memset(&rs, 0, sizeof rs);
	rs.status = 200;
	buf_init(&rs.body, WEB_PAGE_MAX);
	fn(&rq, &rs);
	form_free(f);
	struct page p = { .status = rs.status, .content_type = rs.content_type };
	memcpy(p.download_name, rs.download_name, sizeof p.download_name);
	p.html = buf_detach(&rs.body);
	if (!p.html) p.html = calloc(1, 1);
	buf_free(&rs.body);
	return p;
}

/* ---- reading pages like a browser ---- */

/* The part of html from `<form id="ID"` to its `</form>` (owned), or NULL. */
static char *form_part(const char *html, const char *id)
{
	char open[64];
	snprintf(open, sizeof open, "<form id=\"%s\"", id);
	const char *s = strstr(html, open);
	if (!s) return NULL;
	const char *e = strstr(s, "</form>");
	if (!e) return NULL;
	return strndup(s, (size_t)(e - s));
}

static void unescape(const char *s, size_t n, struct buf *out)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
	};
	for (size_t i = 0; i < n; ) {
		bool done = false;
		for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++) {
			size_t el = strlen(ents[k].ent);
			if (i + el <= n && strncmp(s + i, ents[k].ent, el) == 0) {
				buf_putc(out, ents[k].c);
				i += el;
				done = true;
			}
		}
		if (!done) buf_putc(out, s[i++]);
	}
}

static void urlenc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		    || c == '-' || c == '.' || c == '_' || c == '~')
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

/* The value of hidden field name in a form's markup (owned), or NULL. */
static char *hidden(const char *part, const char *name)
{
	char pat[128];
	snprintf(pat, sizeof pat, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	const char *s = part ? strstr(part, pat) : NULL;
	if (!s) return NULL;
	s += strlen(pat);
	const char *e = strchr(s, '"');
	if (!e) return NULL;
	struct buf b;
	buf_init(&b, 1 << 16);
	unescape(s, (size_t)(e - s), &b);
	char *v = strdup(buf_str(&b));
	buf_free(&b);
	return v;
}

/* Every hidden field of the form, url-encoded, then extra ("act=next&v=..."). */
static char *resubmit(const char *html, const char *form_id, const char *extra)
{
	char *part = form_part(html, form_id);
	if (!part) return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	const char *pat = "<input type=\"hidden\" name=\"";
	for (const char *s = strstr(part, pat); s; s = strstr(s, pat)) {
		s += strlen(pat);
		const char *ne = strchr(s, '"');
		const char *vs = strstr(ne, "value=\"");
		if (!ne || !vs) break;
		vs += 7;
		const char *ve = strchr(vs, '"');
		struct buf name, val;
		buf_init(&name, 256);
		buf_init(&val, 1 << 16);
		buf_append(&name, s, (size_t)(ne - s));
		unescape(vs, (size_t)(ve - vs), &val);
		if (b.len) buf_putc(&b, '&');
		urlenc(&b, buf_str(&name));
		buf_putc(&b, '=');
		urlenc(&b, buf_str(&val));
		buf_free(&name);
		buf_free(&val);
		s = ve;
	}
	if (extra && *extra) {
		if (b.len) buf_putc(&b, '&');
		buf_puts(&b, extra);
	}
	free(part);
	char *out = strdup(buf_str(&b));
	buf_free(&b);
	return out;
}

/* The question asked (the hidden q of the interview form; owned), or NULL. */
static char *question_of(const char *html)
{
	char *part = form_part(html, "interview");
	char *q = hidden(part, "q");
	free(part);
	return q;
}

/* WEB_INTERVIEW_DUMP=DIR keeps the pages the full runs reach, to look at. */
static void dump(const char *name, const char *html)
{
	const char *d = getenv("WEB_INTERVIEW_DUMP");
	if (!d || !*d) return;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", d, name);
	FILE *f = fopen(path, "w");
	if (!f) return;
	fputs(html, f);
	fclose(f);
}

static bool has(const char *html, const char *s) { return strstr(html, s) != NULL; }

/* Whether the tag holding attribute `which` also holds `attr`. */
static bool tag_has(const char *html, const char *which, const char *attr)
{
	const char *p = strstr(html, which);
	if (!p) return false;
	const char *s = p, *e = strchr(p, '>');
	while (s > html && *s != '<') s--;
	if (!e) return false;
	char *tag = strndup(s, (size_t)(e - s));
	bool yes = strstr(tag, attr) != NULL;
	free(tag);
	return yes;
}

static int count(const char *html, const char *s)
{
	int n = 0;
	for (const char *p = strstr(html, s); p; p = strstr(p + 1, s)) n++;
	return n;
}

/* The text "Question K of about N" read back. */
static bool progress_of(const char *html, int *k, int *n, enum lang l)
{
	const char *p = strstr(html, "id=\"progress-text\">");
	if (!p) return false;
	p += strlen("id=\"progress-text\">");
	if (l == LANG_FR) return sscanf(p, "Question %d sur environ %d", k, n) == 2;
	return sscanf(p, "Question %d of about %d", k, n) == 2;
}

/* Every POST form holds the csrf token. */
static bool csrf_everywhere(const char *html)
{
	int forms = 0, with = 0;
	for (const char *s = strstr(html, "<form "); s; s = strstr(s + 1, "<form ")) {
		const char *e = strstr(s, "</form>");
		const char *tag_end = strchr(s, '>');
		if (!e || !tag_end) return false;
		char *tag = strndup(s, (size_t)(tag_end - s));
		bool post = strstr(tag, "method=\"post\"") != NULL;
		free(tag);
		if (!post) continue;
		forms++;
		char *part = strndup(s, (size_t)(e - s));
		if (strstr(part, "<input type=\"hidden\" name=\"csrf\" value=\"" TOKEN "\">")) with++;
		free(part);
	}
	return forms > 0 && forms == with;
}

/* No address on the page (href, action, formaction) holds s. */
static bool no_url_holds(const char *html, const char *s)
{
	static const char *const attrs[] = { "href=\"", "action=\"", "src=\"" };
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		for (const char *p = strstr(html, attrs[i]); p; p = strstr(p + 1, attrs[i])) {
			const char *v = p + strlen(attrs[i]);
			const char *e = strchr(v, '"');
			if (!e) return false;
			char *u = strndup(v, (size_t)(e - v));
			bool bad = strstr(u, s) != NULL;
			free(u);
			if (bad) return false;
		}
	return true;
}

/* ---- the assessment, directly ---- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
	fclose(f);
	char *s = strdup(buf_str(&b));
	buf_free(&b);
	return s;
}

/* An answers document as JSON text (owned): the file, or its "answers" member. */
static char *answers_text(const char *path)
{
	char *s = read_file(path);
	if (!s) return NULL;
	struct json_error je;
	struct json_doc *d = json_parse(s, strlen(s), NULL, &je);
	const struct json_value *ans = d ? json_get(json_root(d), "answers") : NULL;
	if (ans && ans->type == JSON_OBJECT) {
		/* Rebuild the member as its own document. */
		struct buf b;
		buf_init(&b, 1 << 20);
		buf_puts(&b, "{");
		for (size_t i = 0; i < ans->n; i++) {
			const struct json_value *v = ans->members[i].value;
			if (i) buf_puts(&b, ",");
			buf_json_str(&b, ans->members[i].key);
			buf_puts(&b, ":");
			if (v->type == JSON_BOOL) buf_puts(&b, v->b ? "true" : "false");
			else if (v->type == JSON_STRING) buf_json_str(&b, v->text);
			else if (v->type == JSON_NUMBER) buf_puts(&b, v->text);
			else buf_puts(&b, "null");
		}
		buf_puts(&b, "}");
		free(s);
		s = strdup(buf_str(&b));
		buf_free(&b);
	}
	json_free(d);
	return s;
}

/* The level `safepath assess` gives on a document, as of the app's day. */
static const char *level_of(const char *json)
{
	const struct assess *a = web_app_assess(app);
	struct answers *ans = answers_new(a);
	struct assessment *x = assessment_new(a);
	struct assess_error err;
	const char *name = "?";
	if (answers_parse_json(ans, json, strlen(json), LANG_EN, &err) == ASSESS_OK
	    && assess_run(a, ans, web_app_today(app), x, &err) == ASSESS_OK)
		name = assess_level_name(assessment_level(x));
	assessment_free(x);
	answers_free(ans);
	return name;
}

/* The questions left after the answers in json (owned names, n of them). */
static size_t questions_after(const char *json, const char **first)
{
	const struct assess *a = web_app_assess(app);
	struct answers *ans = answers_new(a);
	struct assessment *x = assessment_new(a);
	struct assess_error err;
	size_t n = 0;
	*first = NULL;
	if (answers_parse_json(ans, json, strlen(json), LANG_EN, &err) == ASSESS_OK
	    && assess_run(a, ans, web_app_today(app), x, &err) == ASSESS_OK) {
		n = assessment_question_count(x);
		if (n) *first = assessment_question(x, 0, NULL);
	}
	assessment_free(x);
	answers_free(ans);
	return n;
}

/* ---- tests ---- */

static void test_first_question(void)
{
	struct page p = call(h_interview, WEB_GET, LANG_EN, "/interview", NULL);
	CHECK_INT(p.status, 200);
	dump("question-en.html", p.html);
	char *q = question_of(p.html);
	const char *first;
	size_t n = questions_after("{}", &first);
	CHECK(q && first && strcmp(q, first) == 0);
	CHECK_STR(q, "province");   /* the rule set asks where the work is first */
	const struct ruleset *cont = assess_continuum(web_app_assess(app));
	int idx = rules_fact_index(cont, "province");
	CHECK(has(p.html, rules_fact_question(cont, idx, LANG_EN)));
	CHECK(has(p.html, rules_fact_help(cont, idx, LANG_EN)));
	CHECK(has(p.html, "<legend id=\"question\">"));
	CHECK(has(p.html, "<form id=\"interview\" method=\"post\""));
	CHECK(has(p.html, "<label class=\"choice\"><input type=\"radio\" name=\"v\" value=\"qc\"> Quebec</label>"));
	int k = 0, total = 0;
	CHECK(progress_of(p.html, &k, &total, LANG_EN));
	CHECK_INT(k, 1);
	CHECK_INT(total, (int)n);
	CHECK(has(p.html, "<progress max=\""));
	CHECK(tag_has(p.html, "id=\"btn-back\"", " disabled"));
	CHECK(has(p.html, "id=\"btn-next\""));
	CHECK(has(p.html, "id=\"btn-skip\""));
	CHECK(has(p.html, "id=\"btn-decline\""));
	CHECK(has(p.html, "id=\"btn-results\""));
	CHECK(csrf_everywhere(p.html));
	CHECK(has(p.html, "formaction=\"/fr/interview\" name=\"act\" value=\"stay\""));
	CHECK(!has(p.html, "victim"));
	free(q);
	page_free(&p);
}

static void test_next_back(void)
{
	struct page p1 = call(h_interview, WEB_GET, LANG_EN, "/interview", NULL);
	char *body = resubmit(p1.html, "interview", "act=next&v=on");
	struct page p2 = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	free(body);
	CHECK_INT(p2.status, 200);
	char *q2 = question_of(p2.html);
	const char *expect;
	size_t n = questions_after("{\"province\": \"on\"}", &expect);
	CHECK(q2 && expect && strcmp(q2, expect) == 0);
	CHECK(q2 && strcmp(q2, "province") != 0);
	char *part = form_part(p2.html, "interview");
	char *prov = hidden(part, "a.province"), *asked = hidden(part, "asked");
	CHECK_STR(prov, "on");
	CHECK_STR(asked, "province");
	int k = 0, total = 0;
	CHECK(progress_of(p2.html, &k, &total, LANG_EN));
	CHECK_INT(k, 2);
	CHECK_INT(total, 1 + (int)n);
	CHECK(has(p2.html, "id=\"btn-back\""));
	CHECK(!tag_has(p2.html, "id=\"btn-back\"", " disabled"));

	/* Back: the province again, its answer forgotten. */
	body = resubmit(p2.html, "interview", "act=back");
	struct page p3 = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	free(body);
	char *q3 = question_of(p3.html);
	CHECK_STR(q3, "province");
	char *part3 = form_part(p3.html, "interview");
	char *prov3 = hidden(part3, "a.province"), *asked3 = hidden(part3, "asked");
	CHECK(prov3 == NULL);
	CHECK_STR(asked3, "");
	CHECK(!has(p3.html, " checked"));
	CHECK(progress_of(p3.html, &k, &total, LANG_EN));
	CHECK_INT(k, 1);

	/* The language switch keeps the question and the choice made. */
	body = resubmit(p2.html, "interview", "act=stay&v=true");
	struct page p4 = call(h_interview, WEB_POST, LANG_FR, "/interview", body);
	free(body);
	char *q4 = question_of(p4.html);
	CHECK(q4 && q2 && strcmp(q4, q2) == 0);
	CHECK(has(p4.html, "<html lang=\"fr\""));
	CHECK(has(p4.html, "value=\"true\" checked"));
	CHECK(has(p4.html, "> Oui</label>"));
	CHECK(progress_of(p4.html, &k, &total, LANG_FR));
	CHECK_INT(k, 2);

	free(q2); free(q3); free(q4); free(part); free(part3);
	free(prov); free(asked); free(prov3); free(asked3);
	page_free(&p1); page_free(&p2); page_free(&p3); page_free(&p4);
}

/* Skipping and declining: never asked again, and the states travel. */
static void test_skip_decline(void)
{
	struct page p = call(h_interview, WEB_GET, LANG_EN, "/interview", NULL);
	char *seen[STEPS_MAX];
	int nseen = 0, repeats = 0, steps = 0;
	char *first_skip = NULL, *first_decline = NULL;
	while (steps < 30 && has(p.html, "<form id=\"interview\"")) {
		char *q = question_of(p.html);
		if (!q) break;
		for (int i = 0; i < nseen; i++)
			if (strcmp(seen[i], q) == 0) repeats++;
		const char *act = steps % 2 ? "act=skip" : "act=decline";
		if (steps == 0) act = "act=next&v=qc";
		if (steps == 1) first_skip = strdup(q);
		if (steps == 2) first_decline = strdup(q);
		seen[nseen++] = q;
		char *body = resubmit(p.html, "interview", act);
		page_free(&p);
		p = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
		free(body);
		CHECK_INT(p.status, 200);
		steps++;
	}
	CHECK_INT(repeats, 0);
	CHECK(steps >= 5);
	/* The answers and lists the last page carries. */
	char *part = form_part(p.html, has(p.html, "<form id=\"interview\"") ? "interview" : "answers");
	char *skipped = hidden(part, "skipped");
	char *asked = hidden(part, "asked");
	char field[96];
	snprintf(field, sizeof field, "a.%s", first_decline ? first_decline : "");
	char *declined = hidden(part, field);
	CHECK(skipped && first_skip && strncmp(skipped, first_skip, strlen(first_skip)) == 0);
	CHECK_STR(declined, ASSESS_DECLINED);
	CHECK(asked && strncmp(asked, "province,", 9) == 0);
	free(skipped); free(asked); free(declined); free(part);
	free(first_skip); free(first_decline);
	for (int i = 0; i < nseen; i++) free(seen[i]);
	page_free(&p);
}

static void test_invalid(void)
{
	/* A date that does not fit: asked again, the value not repeated. */
	const char *body = "csrf=" TOKEN "&a.province=on&a.still_working=false&asked=province,still_working"
	                   "&skipped=&q=last_day_of_work&act=next&v=" MARKER "-13-45";
	struct page p = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	CHECK_INT(p.status, 200);
	char *q = question_of(p.html);
	CHECK_STR(q, "last_day_of_work");
	CHECK(has(p.html, "id=\"answer-error\" class=\"error\" role=\"alert\""));
	CHECK(has(p.html, "That answer does not fit this question."));
	CHECK(has(p.html, "<input type=\"date\" id=\"v\" name=\"v\""));
	dump("question-date-error.html", p.html);
	CHECK(has(p.html, "YYYY-MM-DD"));
	CHECK(!has(p.html, MARKER));
	free(q);
	page_free(&p);

	/* A choice that is not one of the list. */
	p = call(h_interview, WEB_POST, LANG_FR, "/interview",
	         "csrf=" TOKEN "&asked=&skipped=&q=province&act=next&v=" MARKER);
	q = question_of(p.html);
	CHECK_STR(q, "province");
	CHECK(has(p.html, "role=\"alert\""));
	CHECK(!has(p.html, MARKER));
	free(q);
	page_free(&p);

	/* No choice made. */
	p = call(h_interview, WEB_POST, LANG_EN, "/interview",
	         "csrf=" TOKEN "&asked=&skipped=&q=province&act=next");
	q = question_of(p.html);
	CHECK_STR(q, "province");
	CHECK(has(p.html, "No answer was chosen."));
	free(q);
	page_free(&p);

	/* A form made by hand: an unknown fact, a bad value, a bad list. */
	p = call(h_interview, WEB_POST, LANG_EN, "/interview",
	         "csrf=" TOKEN "&a.no_such_fact=" MARKER "&q=province&act=next&v=on");
	CHECK_INT(p.status, 400);
	CHECK(has(p.html, "no_such_fact"));
	CHECK(!has(p.html, MARKER));
	page_free(&p);
	p = call(h_interview, WEB_POST, LANG_EN, "/interview",
	         "csrf=" TOKEN "&a.still_working=" MARKER "&q=province&act=next&v=on");
	CHECK_INT(p.status, 400);
	CHECK(has(p.html, "Is the person still working for this employer?"));
	CHECK(!has(p.html, MARKER));
	page_free(&p);
	p = call(h_results, WEB_POST, LANG_EN, "/results",
	         "csrf=" TOKEN "&a.province=on&asked=province," MARKER);
	CHECK_INT(p.status, 400);
	CHECK(!has(p.html, MARKER));
	page_free(&p);
	p = call(h_interview, WEB_POST, LANG_EN, "/interview",
	         "csrf=" TOKEN "&q=province&act=" MARKER);
	CHECK_INT(p.status, 400);
	CHECK(!has(p.html, MARKER));
	page_free(&p);
}

/* An answer that breaks a rule set's constraint: refused with the rule
** set's message; from a results form, the last step is undone. */
static void test_constraint(void)
{
	struct page p = call(h_interview, WEB_POST, LANG_EN, "/interview",
	                     "csrf=" TOKEN "&a.province=on&asked=province&skipped="
	                     "&q=last_incident_date&act=next&v=2017-01-01");
	CHECK_INT(p.status, 200);
	char *q = question_of(p.html);
	CHECK_STR(q, "last_incident_date");
	CHECK(has(p.html, "That answer contradicts another one:"));
	CHECK(has(p.html, "dated after the date of the assessment"));
	CHECK(!has(p.html, "2017-01-01"));
	char *part = form_part(p.html, "interview");
	char *v = hidden(part, "a.last_incident_date");
	CHECK(v == NULL);
	free(v); free(part); free(q);
	page_free(&p);

	p = call(h_results, WEB_POST, LANG_FR, "/results",
	         "csrf=" TOKEN "&a.province=on&a.still_working=false&a.last_day_of_work=2017-01-01"
	         "&asked=province,still_working,last_day_of_work&skipped=");
	CHECK_INT(p.status, 200);
	q = question_of(p.html);
	CHECK_STR(q, "last_day_of_work");
	CHECK(has(p.html, "Cette réponse en contredit une autre :"));
	CHECK(has(p.html, "id=\"answer-error\""));
	part = form_part(p.html, "interview");
	v = hidden(part, "a.last_day_of_work");
	char *asked = hidden(part, "asked");
	CHECK(v == NULL);
	CHECK_STR(asked, "province,still_working");
	free(v); free(asked); free(part); free(q);
	page_free(&p);
}

static void test_load(void)
{
	char *json = answers_text(FARM);
	CHECK(json != NULL);
	if (!json) return;
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, "csrf=" TOKEN "&act=load&answers_json=");
	urlenc(&b, json);
	struct page p = call(h_interview, WEB_POST, LANG_EN, "/interview", buf_str(&b));
	CHECK_INT(p.status, 200);
	const char *expect;
	(void)questions_after(json, &expect);
	char *q = question_of(p.html);
	CHECK(q && expect && strcmp(q, expect) == 0);
	char *part = form_part(p.html, "interview");
	char *asked = hidden(part, "asked");
	CHECK(asked && strncmp(asked, "province,still_working,last_day_of_work", 39) == 0);
	char *st = hidden(part, "a.status");
	CHECK_STR(st, "no_status");
	free(q); free(part); free(asked); free(st);
	page_free(&p);
	buf_free(&b);
	free(json);

	/* A file that cannot be used: where and which answer, never the value. */
	buf_init(&b, 4096);
	buf_puts(&b, "csrf=" TOKEN "&act=load&answers_json=");
	urlenc(&b, "{\"province\": \"on\",\n \"status\": \"" MARKER "\"}");
	p = call(h_interview, WEB_POST, LANG_EN, "/interview", buf_str(&b));
	CHECK_INT(p.status, 400);
	CHECK(has(p.html, "line 2, column 12"));
	CHECK(has(p.html, "status"));
	CHECK(!has(p.html, MARKER));
	CHECK(has(p.html, "<form id=\"load-form\""));
	CHECK(csrf_everywhere(p.html));
	page_free(&p);
	buf_free(&b);
}

/* Answers a whole interview from an answers document, skipping what it does
** not hold; returns the results page. */
static struct page run_interview(const char *json, enum lang l, int *asked_count)
{
	struct json_error je;
	struct json_doc *d = json_parse(json, strlen(json), NULL, &je);
	const struct json_value *root = json_root(d);
	struct page p = call(h_interview, WEB_GET, l, "/interview", NULL);
	int steps = 0;
	while (steps < STEPS_MAX && has(p.html, "<form id=\"interview\"")) {
		char *q = question_of(p.html);
		const struct json_value *v = q ? json_get(root, q) : NULL;
		struct buf extra;
		buf_init(&extra, 4096);
		if (!v || v->type == JSON_NULL) {
			buf_puts(&extra, "act=skip");
		} else if (v->type == JSON_STRING && strcmp(v->text, ASSESS_DECLINED) == 0) {
			buf_puts(&extra, "act=decline");
		} else {
			buf_puts(&extra, "act=next&v=");
			if (v->type == JSON_BOOL) buf_puts(&extra, v->b ? "true" : "false");
			else urlenc(&extra, v->text);
		}
		char *body = resubmit(p.html, "interview", buf_str(&extra));
		buf_free(&extra);
		free(q);
		page_free(&p);
		p = call(h_interview, WEB_POST, l, "/interview", body);
		free(body);
		steps++;
	}
	*asked_count = steps;
	json_free(d);
	return p;
}

static void check_results(const struct page *p, enum lang l, const char *json, const char *level)
{
	char cls[64];
	snprintf(cls, sizeof cls, "<div class=\"level level-%s\">", level);
	CHECK_INT(p->status, 200);
	CHECK(has(p->html, cls));
	CHECK(has(p->html, "<section id=\"level\""));
	CHECK(has(p->html, "<section id=\"remedies\""));
	CHECK(has(p->html, "<section id=\"pathways\""));
	CHECK(has(p->html, "id=\"services\""));
	CHECK(has(p->html, "id=\"legal-notice\""));
	CHECK(has(p->html, "<article class=\"remedy\">"));
	CHECK(has(p->html, "<article class=\"avenue\">"));
	CHECK(has(p->html, "class=\"status status-"));
	CHECK(has(p->html, "<a class=\"cite\" rel=\"noreferrer\" href=\"https://laws-lois.justice.gc.ca/"));
	CHECK(has(p->html, l == LANG_FR ? "https://laws-lois.justice.gc.ca/fra/" : "https://laws-lois.justice.gc.ca/eng/"));
	CHECK(has(p->html, l == LANG_FR ? ">Non vérifié :</strong>" : ">Unverified:</strong>"));
	CHECK(has(p->html, "<p class=\"unverified\">"));
	CHECK(has(p->html, "<form id=\"answers\""));
	CHECK(has(p->html, "id=\"btn-change\" name=\"act\" value=\"stay\""));
	CHECK(has(p->html, l == LANG_FR ? "formaction=\"/fr/answers.json\"" : "formaction=\"/en/answers.json\""));
	CHECK(has(p->html, "<button type=\"button\" id=\"btn-print\" class=\"js-only\">"));
	CHECK(has(p->html, "no-print"));
	CHECK(csrf_everywhere(p->html));
	CHECK(!has(p->html, "style=\""));
	CHECK(!has(p->html, "<script>"));
	/* No answer in any address: dates and list values of the answers. */
	struct json_error je;
	struct json_doc *d = json_parse(json, strlen(json), NULL, &je);
	const struct json_value *root = json_root(d);
	int leaks = 0;
	for (size_t i = 0; root && i < root->n; i++) {
		const struct json_value *v = root->members[i].value;
		if (v->type != JSON_STRING || strcmp(v->text, ASSESS_DECLINED) == 0) continue;
		/* A two-letter province code is a substring of many addresses: the
		** check for it is the parameter name below. */
		if (strcmp(root->members[i].key, "province") == 0) continue;
		if (!no_url_holds(p->html, v->text)) leaks++;
	}
	CHECK_INT(leaks, 0);
	CHECK(no_url_holds(p->html, "province="));
	json_free(d);
}

static void test_full_runs(void)
{
	char *farm = answers_text(FARM);
	char *pass = answers_text(PASSPORTS);
	CHECK(farm && pass);
	if (!farm || !pass) { free(farm); free(pass); return; }
	int steps = 0;
	struct page p = run_interview(farm, LANG_EN, &steps);
	CHECK_STR(level_of(farm), "trafficking");
	dump("results-en.html", p.html);
	check_results(&p, LANG_EN, farm, level_of(farm));
	CHECK(steps > 10);
	printf("EN interview (farm workers): %d questions to the results\n", steps);

	/* "Change answers" goes back into the interview with the answers. */
	char *body = resubmit(p.html, "answers", "act=stay");
	struct page c = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	free(body);
	CHECK_INT(c.status, 200);
	CHECK(has(c.html, "<form id=\"interview\""));
	char *part = form_part(c.html, "interview");
	char *st = hidden(part, "a.status");
	CHECK_STR(st, "no_status");
	free(st); free(part);
	page_free(&c);

	/* The download: the same answers, as a file. */
	body = resubmit(p.html, "answers", "act=save");
	struct page dl = call(h_answers_download, WEB_POST, LANG_EN, "/answers.json", body);
	free(body);
	CHECK_INT(dl.status, 200);
	CHECK_STR(dl.content_type, "application/json");
	CHECK_STR(dl.download_name, "safepath-answers.json");
	CHECK_STR(level_of(dl.html), level_of(farm));
	CHECK(has(dl.html, "\"province\": \"qc\""));
	page_free(&dl);
	page_free(&p);

	p = run_interview(pass, LANG_FR, &steps);
	const char *lv = level_of(pass);
	CHECK_STR(lv, "rights_violation");
	dump("results-fr.html", p.html);
	check_results(&p, LANG_FR, pass, lv);
	CHECK(has(p.html, "<html lang=\"fr\""));
	CHECK(has(p.html, "Sources :"));
	CHECK(has(p.html, "<span class=\"status status-available\">Ouverte</span>"));
	printf("FR interview (passports kept): %d questions to the results\n", steps);
	page_free(&p);
	free(farm);
	free(pass);
}

/* See results now: the answers so far, the rest unknown. */
static void test_results_early(void)
{
	struct page p1 = call(h_interview, WEB_GET, LANG_EN, "/interview", NULL);
	char *body = resubmit(p1.html, "interview", "act=next&v=bc");
	struct page p2 = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	free(body);
	body = resubmit(p2.html, "interview", "act=results");
	struct page r = call(h_interview, WEB_POST, LANG_EN, "/interview", body);
	free(body);
	CHECK_INT(r.status, 200);
	CHECK(has(r.html, "<div class=\"level level-none\">"));
	CHECK(has(r.html, "A higher level is still possible"));
	CHECK(has(r.html, "<section id=\"open-questions\""));
	CHECK(has(r.html, "formaction=\"/fr/results\""));
	page_free(&p1); page_free(&p2); page_free(&r);
}

static void test_timing(void)
{
	char *farm = answers_text(FARM);
	if (!farm) { CHECK(farm != NULL); return; }
	int steps;
	struct page p = run_interview(farm, LANG_EN, &steps);
	char *body = resubmit(p.html, "answers", NULL);
	int fields = count(body, "a.");
	page_free(&p);
	/* WEB_INTERVIEW_RENDERS=N renders more, for profiling. */
	const char *env = getenv("WEB_INTERVIEW_RENDERS");
#if defined(__SANITIZE_ADDRESS__)
	int dflt = 20;   /* the sanitizers make a render some 40 times slower */
#else
	int dflt = 300;
#endif
	int n = env && *env ? (int)strtol(env, NULL, 10) : dflt;
	if (n < 1 || n > 1000000) n = dflt;
	struct timespec t0, t1, c0, c1;
	size_t bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (int i = 0; i < n; i++) {
		struct page r = call(h_results, WEB_POST, LANG_EN, "/results", body);
		bytes = strlen(r.html);
		if (r.status != 200) test_failed++;
		page_free(&r);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double us = ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) / n;
	double cpu = ((double)(c1.tv_sec - c0.tv_sec) * 1e6 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e3) / n;
	/* Information only: the machine may be busy with other work. */
	printf("results page: %.1f us CPU, %.1f us elapsed per render (%d answers, %zu bytes, "
	       "%d renders, form parsing included)\n", cpu, us, fields, bytes, n);
	free(body);
	free(farm);
}

static void setup(void)
{
	char why[256];
	struct web_config cfg = { 0 };
	snprintf(dir, sizeof dir, "/tmp/test_web_interview.XXXXXX");
	if (!mkdtemp(dir)) abort();
	snprintf(dbpath, sizeof dbpath, "%s/safepath.db", dir);
	cfg.db_path = dbpath;
	cfg.as_of = date_from_ymd(2016, 11, 24);
	if (web_app_new(&cfg, &app, why, sizeof why) != WEB_OK) {
		fprintf(stderr, "web_app_new: %s\n", why);
		abort();
	}
	thr = web_app_thread(app);
	struct form_error fe;
	if (!thr || form_parse("", 0, &empty_query, &fe) != FORM_OK) abort();
}

static void teardown(void)
{
	form_free(empty_query);
	web_app_free(app);
	remove_scratch_db(dir, dbpath);
}

int main(void)
{
	setup();
	RUN(test_first_question);
	RUN(test_next_back);
	RUN(test_skip_decline);
	RUN(test_invalid);
	RUN(test_constraint);
	RUN(test_load);
	RUN(test_full_runs);
	RUN(test_results_early);
	RUN(test_timing);
	teardown();
	TEST_END();
}
