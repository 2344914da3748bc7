/*
** test_web_pages.c — the start and help pages (src/web/h_start.c) and the
** frame every page shares (src/web/page.c), by calling the handlers directly
** with a hand-built request, in English and in French: the lang attribute,
** the quick exit with the configured address, the language switch (a link
** keeping the path and the query, re-encoded; a submit button of the page's
** form on POST pages), no inline script or style, the legal notice, the
** page contract's ids, labels, heading order, balanced tags, unique ids, and
** French pages that keep no English text of these pages.
*/
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "db_scratch.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/static.h"

#define EXIT_EN "https://example.org/leave?to=weather&lang=en"
#define EXIT_EN_HTML "https://example.org/leave?to=weather&amp;lang=en"
#define EXIT_FR "https://example.org/partir"

static struct web_app *app;
static struct form *empty_query;
static char dir[64], dbpath[128];

static struct form *parse(const char *q)
{
	struct form *f = NULL;
	struct form_error fe;
	if (form_parse(q, strlen(q), &f, &fe) != FORM_OK || !f) {
		fprintf(stderr, "form_parse failed on a test query\n");
		abort();
	}
	return f;
}

static void setup(void)
{
	char why[256];
	struct web_config cfg = { 0 };

	snprintf(dir, sizeof dir, "/tmp/test_web_pages.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(dbpath, sizeof dbpath, "%s/safepath.db", dir);
	cfg.db_path = dbpath;
	cfg.exit_url_en = EXIT_EN;
	cfg.exit_url_fr = EXIT_FR;
	if (web_app_new(&cfg, &app, why, sizeof why) != WEB_OK) {
		fprintf(stderr, "web_app_new: %s\n", why);
		abort();
	}
	empty_query = parse("");
}

static void teardown(void)
{
	web_app_free(app);
	form_free(empty_query);
	remove_scratch_db(dir, dbpath);
}

static struct web_req req(enum web_method m, enum lang l, const char *rest, const struct form *q)
{
	struct web_req rq = { 0 };
	static char path[256];

	snprintf(path, sizeof path, "/%s%s", lang_code(l), rest);
	rq.method = m;
	rq.path = path;
	rq.route_rest = rest;
	rq.lang = l;
	rq.lang_in_path = true;
	rq.query = q ? q : empty_query;
	rq.content_type = "";
	rq.accept_language = "";
	rq.csrf_token = "tok-123_ABC";
	rq.app = app;
	rq.today = web_app_today(app);
	return rq;
}

static void resp_init(struct web_resp *rs, size_t max)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	buf_init(&rs->body, max);
}

/* The page h writes for rq, as a malloc'd string (never NULL). */
static char *render(web_handler fn, const struct web_req *rq, int *status, const char **route)
{
	struct web_resp rs;
	char *s;

	resp_init(&rs, WEB_PAGE_MAX);
	fn(rq, &rs);
	if (status)
		*status = rs.status;
	if (route)
		*route = rs.route;
	s = rs.body.err ? NULL : buf_detach(&rs.body);
	buf_free(&rs.body);
	return s ? s : calloc(1, 1);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (const char *p = hay; (p = strstr(p, needle)); p += k)
		n++;
	return n;
}

static bool has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* Tags balanced (void elements aside), in a page made of html_lit markup. */
static bool balanced(const char *s)
{
	static const char *const voids[] = { "meta", "link", "input", "br", "hr", "img", "source", "wbr" };
	char stack[64][16];
	int depth = 0;

	for (const char *p = s; (p = strchr(p, '<')); ) {
		char name[16];
		size_t n = 0;
		bool closing = p[1] == '/';
		const char *q = p + 1 + closing;
		if (*q == '!') {            /* doctype */
			p = strchr(p, '>');
			if (!p)
				return false;
			continue;
		}
		while ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')) {
			if (n + 1 >= sizeof name)
				return false;
			name[n++] = *q++;
		}
		name[n] = '\0';
		if (n == 0)
			return false;         /* a '<' in text: must have been escaped */
		p = strchr(q, '>');
		if (!p)
			return false;
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
				return false;
			depth--;
			continue;
		}
		bool is_void = false;
		for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
			is_void |= strcmp(voids[i], name) == 0;
		if (!is_void) {
			if (depth == 64)
				return false;
			memcpy(stack[depth++], name, n + 1);
		}
	}
	return depth == 0;
}

/* Every id="..." appears once. */
static bool ids_unique(const char *s)
{
	for (const char *p = s; (p = strstr(p, " id=\"")); p += 5) {
		const char *e = strchr(p + 5, '"');
		char needle[80];
		size_t n = e ? (size_t)(e - p) + 1 : 0;
		if (!e || n >= sizeof needle)
			return false;
		memcpy(needle, p, n);
		needle[n] = '\0';
		if (count(s, needle) != 1)
			return false;
	}
	return true;
}

/* Headings start at h1, and none skips a level on the way down. */
static bool headings_in_order(const char *s)
{
	int prev = 0;
	for (const char *p = s; (p = strstr(p, "<h")); p += 2) {
		int lv = p[2] - '0';
		if (lv < 1 || lv > 6 || (p[3] != '>' && p[3] != ' '))
			continue;
		if (prev == 0 ? lv != 1 : lv > prev + 1)
			return false;
		prev = lv;
	}
	return prev != 0;
}

/* Every visible textarea, select and input has a <label for=its id>. */
static bool labelled(const char *s)
{
	static const char *const tags[] = { "<textarea ", "<select ", "<input " };
	for (size_t t = 0; t < 3; t++) {
		for (const char *p = s; (p = strstr(p, tags[t])); p++) {
			const char *end = strchr(p, '>');
			const char *id = strstr(p, " id=\"");
			char want[96];
			if (!end)
				return false;
			if (t == 2 && strstr(p, "type=\"hidden\"") && strstr(p, "type=\"hidden\"") < end)
				continue;
			if (!id || id > end)
				return false;
			const char *e = strchr(id + 5, '"');
			size_t n = (size_t)(e - (id + 5));
			if (n + 8 >= sizeof want)
				return false;
			snprintf(want, sizeof want, "for=\"%.*s\"", (int)n, id + 5);
			if (!has(s, want))
				return false;
		}
	}
	return true;
}

/* What every page must hold, whatever its language. */
static void check_frame(const char *page, enum lang l)
{
	char want[256];

	snprintf(want, sizeof want, "<!DOCTYPE html>\n<html lang=\"%s\">", lang_code(l));
	CHECK(strncmp(page, want, strlen(want)) == 0);
	CHECK(has(page, "<meta charset=\"utf-8\">"));
	CHECK(has(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
	CHECK(has(page, "<meta name=\"referrer\" content=\"no-referrer\">"));
	CHECK(has(page, "<link rel=\"stylesheet\" href=\"/static/app.css\">"));
	/* One script element, from /static/, nothing inline; no style at all. */
	CHECK_INT(count(page, "<script"), 1);
	CHECK_INT(count(page, "<script src=\"/static/app.js\" defer></script>"), 1);
	CHECK(!has(page, " style="));
	CHECK(!has(page, "<style"));
	CHECK(!has(page, " on"  "click="));
	CHECK(!has(page, "javascript:"));
	CHECK(!has(page, " src=\"http"));      /* nothing loaded from outside */
	CHECK(!has(page, "href=\"http") || count(page, "href=\"http") == 1);   /* the quick exit only */
	/* quick exit: the configured address, escaped, first control of the header */
	snprintf(want, sizeof want, "<a id=\"quick-exit\" class=\"quick-exit\" href=\"%s\" rel=\"noreferrer\">%s</a>",
	         l == LANG_EN ? EXIT_EN_HTML : EXIT_FR, l == LANG_EN ? "Quick exit" : "Sortie rapide");
	CHECK(has(page, want));
	CHECK(strstr(page, "id=\"quick-exit\"") < strstr(page, "id=\"main\""));
	CHECK(has(page, "<a class=\"skip-link\" href=\"#main\">"));
	CHECK(has(page, "<main id=\"main\""));
	CHECK_INT(count(page, "id=\"lang-switch\""), 1);
	snprintf(want, sizeof want, "href=\"/%s/help\"", lang_code(l));
	CHECK(count(page, want) >= 2);                 /* the menu and the footer */
	CHECK(has(page, "<footer"));
	CHECK(has(page, l == LANG_EN ? "Nothing you type is kept on the server."
	                             : "Rien de ce que vous tapez n&#39;est conserv\xC3\xA9 sur le serveur."));
	CHECK(balanced(page));
	CHECK(ids_unique(page));
	CHECK(headings_in_order(page));
	CHECK(labelled(page));
	CHECK(has(page, "</html>\n"));
}

static void test_start(void)
{
	for (int i = 0; i < 2; i++) {
		enum lang l = i ? LANG_FR : LANG_EN;
		const char *p = lang_code(l);
		struct web_req rq = req(WEB_GET, l, "/", NULL);
		const char *route = NULL;
		int status = 0;
		char *page = render(h_start, &rq, &status, &route);
		char want[256];

		CHECK_INT(status, 200);
		CHECK_STR(route, "start");
		check_frame(page, l);
		CHECK_INT(count(page, "<h1>"), 1);
		CHECK(has(page, "<p id=\"legal-notice\" class=\"notice\">"));
		snprintf(want, sizeof want, "<a id=\"start-interview\" class=\"btn btn-primary\" href=\"/%s/interview\">", p);
		CHECK(has(page, want));
		snprintf(want, sizeof want, "<a id=\"open-directory\" class=\"btn btn-secondary\" href=\"/%s/directory\">", p);
		CHECK(has(page, want));
		CHECK(has(page, "<details id=\"load-answers\">"));
		snprintf(want, sizeof want, "<form id=\"load-form\" method=\"post\" action=\"/%s/interview\">", p);
		CHECK(has(page, want));
		CHECK(has(page, "<input type=\"hidden\" name=\"csrf\" value=\"tok-123_ABC\">"));
		CHECK(has(page, "name=\"answers_json\""));
		CHECK(has(page, "<label for=\"answers-json\">"));
		CHECK(has(page, "<input type=\"file\" id=\"answers-file\" class=\"js-only\""));
		CHECK(has(page, "name=\"act\" value=\"load\""));
		/* the csrf field and the load button are inside the load form */
		{
			const char *f = strstr(page, "<form id=\"load-form\"");
			const char *e = f ? strstr(f, "</form>") : NULL;
			const char *c = f ? strstr(f, "name=\"csrf\"") : NULL;
			const char *b = f ? strstr(f, "value=\"load\"") : NULL;
			CHECK(f && e && c && b && c < e && b < e);
		}
		/* the start page is the current menu entry; the switch goes to the other start page */
		snprintf(want, sizeof want, "<a href=\"/%s/\" aria-current=\"page\">", p);
		CHECK(has(page, want));
		CHECK_INT(count(page, "aria-current="), 1);
		snprintf(want, sizeof want, "<a id=\"lang-switch\" class=\"lang-switch\" href=\"/%s/\" hreflang=\"%s\" lang=\"%s\">%s</a>",
		         i ? "en" : "fr", i ? "en" : "fr", i ? "en" : "fr", i ? "English" : "Fran\xC3\xA7" "ais");
		CHECK(has(page, want));
		free(page);
	}
}

static void test_help(void)
{
	for (int i = 0; i < 2; i++) {
		enum lang l = i ? LANG_FR : LANG_EN;
		struct web_req rq = req(WEB_GET, l, "/help", NULL);
		const char *route = NULL;
		int status = 0;
		char *page = render(h_help, &rq, &status, &route);
		char want[128];

		CHECK_INT(status, 200);
		CHECK_STR(route, "help");
		check_frame(page, l);
		CHECK(has(page, i ? "<h1>Aide</h1>" : "<h1>Help</h1>"));
		CHECK(has(page, "id=\"legal-notice\""));
		CHECK(has(page, "<h2 id=\"help-quick-exit\">"));
		CHECK(has(page, "<h2 id=\"help-privacy\">"));
		CHECK(has(page, "<h2 id=\"help-keyboard\">"));
		CHECK(has(page, "<h2 id=\"help-print\">"));
		CHECK(has(page, "<h2 id=\"help-interview\">"));
		/* the shortcut and the no-JavaScript case are documented */
		CHECK(has(page, i ? "trois fois sur la touche \xC3\x89" "chap" : "Escape key (Esc) three times"));
		CHECK(has(page, i ? "Si JavaScript est d\xC3\xA9sactiv\xC3\xA9" : "If JavaScript is turned off"));
		snprintf(want, sizeof want, "<a href=\"/%s/help\" aria-current=\"page\">", lang_code(l));
		CHECK(has(page, want));
		snprintf(want, sizeof want, "href=\"/%s/help\" hreflang=", i ? "en" : "fr");
		CHECK(has(page, want));
		free(page);
	}
}

/* The English text of a page: every text node and the values of the
** attributes people read (aria-label, data-msg-*), the ones of 4 bytes or
** more with a letter, except names that are the same in both languages.
** Each is searched for in the French page. Returns how many were found. */
static int english_left(const char *en, const char *fr, int *checked)
{
	static const char *const same[] = { "safepath", "Fran\xC3\xA7" "ais" };
	int left = 0;
	char piece[2048];

	*checked = 0;
	for (const char *p = en; *p; ) {
		const char *start, *end;
		if (*p == '>') {
			start = p + 1;
			end = strchr(start, '<');
		} else if (strncmp(p, "aria-label=\"", 12) == 0 || strncmp(p, "data-msg-", 9) == 0) {
			start = strchr(p, '"') + 1;
			end = strchr(start, '"');
		} else {
			p++;
			continue;
		}
		if (!end)
			break;
		while (start < end && (*start == ' ' || *start == '\n'))
			start++;
		size_t n = (size_t)(end - start);
		while (n && (start[n - 1] == ' ' || start[n - 1] == '\n'))
			n--;
		bool letter = false;
		for (size_t i = 0; i < n; i++)
			letter |= (start[i] >= 'a' && start[i] <= 'z') || (start[i] >= 'A' && start[i] <= 'Z');
		if (n >= 4 && n < sizeof piece && letter) {
			bool skip = false;
			memcpy(piece, start, n);
			piece[n] = '\0';
			for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
				skip |= strcmp(piece, same[i]) == 0;
			if (!skip) {
				(*checked)++;
				if (has(fr, piece)) {
					fprintf(stderr, "English text left on the French page: \"%s\"\n", piece);
					left++;
				}
			}
		}
		p = end;
	}
	return left;
}

static void test_french_complete(void)
{
	web_handler fns[] = { h_start, h_help };
	const char *rests[] = { "/", "/help" };

	for (size_t i = 0; i < 2; i++) {
		struct web_req en_rq = req(WEB_GET, LANG_EN, rests[i], NULL);
		struct web_req fr_rq = req(WEB_GET, LANG_FR, rests[i], NULL);
		char *en = render(fns[i], &en_rq, NULL, NULL);
		char *fr = render(fns[i], &fr_rq, NULL, NULL);
		int checked = 0;

		CHECK_INT(english_left(en, fr, &checked), 0);
		CHECK(checked >= 20);            /* the scan really read the page */
		CHECK(strlen(fr) > 1000 && strcmp(en, fr) != 0);
		free(en);
		free(fr);
	}
}

/* The switch on a GET page keeps the path and the query, each re-encoded. */
static void test_switch_get(void)
{
	struct form *q = parse("q=caf%C3%A9+%26+th%C3%A9&need=housing&x=%22%3E%3Cscript%3E&e=");
	struct web_req rq = req(WEB_GET, LANG_EN, "/directory", q);
	struct web_resp rs;
	struct html h = { &rs.body };
	struct page_opts o = { .title = "Directory <test>" };

	resp_init(&rs, WEB_PAGE_MAX);
	page_begin(&h, &rq, &o);
	page_end(&h, &rq);
	CHECK(!html_failed(&h));
	CHECK(has(buf_str(&rs.body), "<a id=\"lang-switch\" class=\"lang-switch\" href=\"/fr/directory"
	          "?q=caf%C3%A9%20%26%20th%C3%A9&amp;need=housing&amp;x=%22%3E%3Cscript%3E&amp;e=\" "
	          "hreflang=\"fr\" lang=\"fr\">Fran\xC3\xA7" "ais</a>"));
	/* the title is text: escaped in <title> and <h1> */
	CHECK(has(buf_str(&rs.body), "<title>Directory &lt;test&gt; \xE2\x80\x94 safepath</title>"));
	CHECK(has(buf_str(&rs.body), "<h1>Directory &lt;test&gt;</h1>"));
	CHECK(!has(buf_str(&rs.body), "<script>"));
	CHECK(has(buf_str(&rs.body), "<a href=\"/en/directory\" aria-current=\"page\">"));
	form_free(q);

	/* a path segment with bytes to encode; a HEAD request is a GET */
	buf_reset(&rs.body);
	rq = req(WEB_HEAD, LANG_FR, "/directory/services/a b\"<%", NULL);
	page_begin(&h, &rq, &o);
	CHECK(has(buf_str(&rs.body), "href=\"/en/directory/services/a%20b%22%3C%25\" hreflang=\"en\" lang=\"en\">English</a>"));
	CHECK(has(buf_str(&rs.body), "<a href=\"/fr/directory\" aria-current=\"page\">"));

	/* a path outside the language prefix (an error page): the other start page */
	buf_reset(&rs.body);
	rq = req(WEB_GET, LANG_EN, "/nowhere", NULL);
	rq.lang_in_path = false;
	rq.route_rest = "/static/nowhere";
	page_begin(&h, &rq, &o);
	CHECK(has(buf_str(&rs.body), "<a id=\"lang-switch\" class=\"lang-switch\" href=\"/fr/\" hreflang=\"fr\""));
	CHECK(!has(buf_str(&rs.body), "aria-current"));

	/* no_h1, a body class, no title */
	buf_reset(&rs.body);
	rq = req(WEB_GET, LANG_EN, "/", NULL);
	{
		struct page_opts o2 = { .title = NULL, .no_h1 = true, .body_class = "slip" };
		page_begin(&h, &rq, &o2);
	}
	CHECK(has(buf_str(&rs.body), "<title>safepath</title>"));
	CHECK(has(buf_str(&rs.body), "<body class=\"slip\">"));
	CHECK(!has(buf_str(&rs.body), "<h1>"));
	buf_free(&rs.body);
}

/* On a POST page the switch submits the page's form under the other prefix,
** and Enter in the form does not press it. */
static void test_switch_post(void)
{
	struct web_req rq = req(WEB_POST, LANG_EN, "/interview", NULL);
	struct web_resp rs;
	struct html h = { &rs.body };
	struct page_opts o = { .title = "Question", .main_form = "interview", .switch_rest = "/interview" };
	const char *s, *hidden, *sw;

	resp_init(&rs, WEB_PAGE_MAX);
	page_begin(&h, &rq, &o);
	html_lit(&h, "<form id=\"interview\" method=\"post\" action=\"/en/interview\">");
	page_csrf_field(&h, &rq);
	html_lit(&h, "</form>");
	page_end(&h, &rq);
	s = buf_str(&rs.body);
	CHECK(has(s, "<button type=\"submit\" id=\"lang-switch\" class=\"lang-switch\" form=\"interview\" "
	             "formaction=\"/fr/interview\" name=\"act\" value=\"stay\" lang=\"fr\">Fran\xC3\xA7" "ais</button>"));
	hidden = strstr(s, "<button type=\"submit\" form=\"interview\" name=\"act\" value=\"next\" hidden tabindex=\"-1\"></button>");
	sw = strstr(s, "id=\"lang-switch\"");
	CHECK(hidden && sw && hidden < sw);
	CHECK(!has(s, "<a id=\"lang-switch\""));
	CHECK(has(s, "<a href=\"/en/interview\" aria-current=\"page\">"));
	CHECK(balanced(s));
	check_frame(s, LANG_EN);

	/* a POST page without a form to resubmit: a link to the other start page */
	buf_reset(&rs.body);
	rq = req(WEB_POST, LANG_FR, "/results", NULL);
	{
		struct page_opts o2 = { .title = "Erreur" };
		page_begin(&h, &rq, &o2);
	}
	CHECK(has(buf_str(&rs.body), "<a id=\"lang-switch\" class=\"lang-switch\" href=\"/en/\" hreflang=\"en\""));
	CHECK(has(buf_str(&rs.body), "<a href=\"/fr/interview\" aria-current=\"page\">"));
	buf_free(&rs.body);
}

static void test_parts(void)
{
	struct web_req rq = req(WEB_GET, LANG_FR, "/", NULL);
	struct buf b;
	struct html h = { &b };

	CHECK_STR(page_prefix(LANG_EN), "/en");
	CHECK_STR(page_prefix(LANG_FR), "/fr");

	buf_init(&b, 4096);
	rq.csrf_token = "a\"b<c";
	page_csrf_field(&h, &rq);
	CHECK_STR(buf_str(&b), "<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b&lt;c\">");
	buf_reset(&b);
	rq.csrf_token = NULL;
	page_csrf_field(&h, &rq);
	CHECK_STR(buf_str(&b), "<input type=\"hidden\" name=\"csrf\" value=\"\">");

	buf_reset(&b);
	page_legal_notice(&h, &rq);
	CHECK(has(buf_str(&b), "<p id=\"legal-notice\" class=\"notice\"><strong>De l&#39;information juridique, pas des conseils juridiques.</strong>"));
	CHECK(has(buf_str(&b), "avocat"));
	buf_reset(&b);
	rq.lang = LANG_EN;
	page_legal_notice(&h, &rq);
	CHECK(has(buf_str(&b), "not legal advice"));
	CHECK(has(buf_str(&b), "talk to a lawyer or a legal clinic"));
	buf_free(&b);
}

/* A page that does not fit is not sent half-written. */
static void test_overflow(void)
{
	struct web_req rq = req(WEB_GET, LANG_EN, "/", NULL);
	struct web_resp rs;

	resp_init(&rs, 2000);
	h_start(&rq, &rs);
	CHECK_INT(rs.status, 500);
	CHECK(rs.body.err != BUF_OK || !has(buf_str(&rs.body), "id=\"start-interview\""));
	buf_free(&rs.body);

	/* one byte short of the help page: the error page (far shorter) or nothing */
	{
		char *full = render(h_help, &rq, NULL, NULL);
		size_t n = strlen(full);
		free(full);
		CHECK(n > 3000);
		resp_init(&rs, n - 1);
	}
	h_help(&rq, &rs);
	CHECK_INT(rs.status, 500);
	CHECK(rs.body.err == BUF_OK);
	CHECK(has(buf_str(&rs.body), "id=\"quick-exit\""));
	CHECK(has(buf_str(&rs.body), "Something went wrong on our side."));
	CHECK(!has(buf_str(&rs.body), "help-keyboard"));
	buf_free(&rs.body);
}

/* The embedded stylesheet documents and styles the classes the other pages
** rely on; the script stays within what the pages promise (no network, no
** storage, strict mode). */
static bool has_n(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

static void test_assets(void)
{
	static const char *const classes[] = {
		"notice", "unverified", "status", "status-available", "status-barred",
		"status-ineligible", "status-not_applicable", "status-unknown", "status-possible",
		"remedy", "avenue", "deadline", "cite", "service", "access", "results-count",
		"error", "field", "hint", "actions", "btn", "btn-primary", "btn-secondary",
		"quick-exit", "progress", "js-only", "no-js-only", "print-only", "no-print",
		"visually-hidden", "skip-link", "lang-switch",
	};
	static const char *const banned[] = {
		"fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "document.cookie",
		"indexedDB", "sendBeacon", "WebSocket", "eval(", "innerHTML", "http:", "https:",
	};
	const struct static_file *css = static_find("app.css");
	const struct static_file *js = static_find("app.js");
	char want[64];
	int missing = 0;

	CHECK(css && js);
	if (!css || !js)
		return;
	CHECK_STR(css->content_type, "text/css; charset=utf-8");
	const char *doc_end = strstr(css->data, "*/");
	size_t doc_len = doc_end ? (size_t)(doc_end - css->data) : 0;
	CHECK(doc_len > 1000);
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		/* styled (".name" followed by a selector character) and documented */
		bool styled = false;
		for (const char *end = " {,:.[>+~)"; *end; end++) {
			snprintf(want, sizeof want, ".%s%c", classes[i], *end);
			styled |= has_n(css->data, css->len, want);
		}
		/* in the comment at the top, as a word of its own */
		bool documented = false;
		for (const char *end = " ,\n"; *end && !documented; end++) {
			snprintf(want, sizeof want, " %s%c", classes[i], *end);
			documented = has_n(css->data, doc_len, want);
		}
		if (!styled || !documented) {
			fprintf(stderr, "app.css: class %s %s\n", classes[i], styled ? "not documented" : "not styled");
			missing++;
		}
	}
	CHECK_INT(missing, 0);
	CHECK(has_n(css->data, css->len, "@media print"));
	CHECK(has_n(css->data, css->len, "html:not(.js) .js-only"));
	CHECK(!has_n(css->data, css->len, "@import"));
	CHECK(!has_n(css->data, css->len, "url("));           /* nothing fetched, no web font */
	CHECK(!has_n(css->data, css->len, "@font-face"));

	CHECK(has_n(js->data, js->len, "'use strict'"));
	CHECK(has_n(js->data, js->len, "location.replace("));
	CHECK(has_n(js->data, js->len, "'Escape'"));
	for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
		if (has_n(js->data, js->len, banned[i])) {
			fprintf(stderr, "app.js uses %s\n", banned[i]);
			missing++;
		}
	}
	CHECK_INT(missing, 0);
}

int main(void)
{
	setup();
	RUN(test_start);
	RUN(test_help);
	RUN(test_french_complete);
	RUN(test_switch_get);
	RUN(test_switch_post);
	RUN(test_parts);
	RUN(test_overflow);
	RUN(test_assets);
	teardown();
	TEST_END();
}
