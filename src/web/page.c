/*
** page.c — the frame of every HTML page (page.h): head, skip link, quick exit,
** header with the site name, navigation and language switch, and the footer.
**
** Nothing here is inline script or style: the head links /static/app.css and
** /static/app.js only, as the Content-Security-Policy requires. The quick exit
** is the first thing in the header and stays fixed at the top of the screen
** (app.css); it is a plain link, so it works without JavaScript.
**
** The language switch on a GET page rebuilds the path and the query from the
** parsed request (each part percent-encoded again), so no raw byte of the
** request target reaches the page. Request paths are capped at WEB_PATH_MAX
** by the server; a longer route (never expected) makes the switch go to the
** other language's start page instead.
*/
#include "page.h"

#include <string.h>

#include "form.h"

/* One path segment copied out for html_url_part, which takes a C string. */
#define PAGE_SEGMENT_MAX WEB_PATH_MAX

const char *page_prefix(enum lang lang)
{
	return lang == LANG_FR ? "/fr" : "/en";
}

static enum lang page_other(enum lang lang)
{
	return lang == LANG_FR ? LANG_EN : LANG_FR;
}

/* The quick exit's target. Without an application (never in the server)
** the browser's empty page still leaves this site. */
static const char *page_exit_url(const struct web_req *rq)
{
	const char *u = rq->app ? web_app_exit_url(rq->app, rq->lang) : NULL;

	return u && *u ? u : "about:blank";
}

/* rest (a decoded path starting with '/') percent-encoded segment by segment,
** the slashes kept. Returns false, writing nothing, when a segment is longer
** than PAGE_SEGMENT_MAX. */
static bool page_write_path(struct html *h, const char *rest)
{
	char seg[PAGE_SEGMENT_MAX + 1];
	const char *p, *slash;
	size_t n;

	for (p = rest; *p; p = slash + 1) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		if (n > PAGE_SEGMENT_MAX)
			return false;
		if (!slash)
			break;
	}
	for (p = rest; ; p = slash + 1) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		memcpy(seg, p, n);
		seg[n] = '\0';
		html_url_part(h, seg);
		if (!slash)
			break;
		html_lit(h, "/");
	}
	return true;
}

/* The query string rebuilt from the parsed pairs, "&" written as "&amp;". */
static void page_write_query(struct html *h, const struct form *q)
{
	size_t n = q ? form_count(q) : 0;

	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			html_lit(h, "?");
		else
			html_lit(h, "&amp;");
		html_url_part(h, form_name(q, i));
		html_lit(h, "=");
		html_url_part(h, form_value(q, i));
	}
}

static void page_lang_switch(struct html *h, const struct web_req *rq, const struct page_opts *o)
{
	enum lang other = page_other(rq->lang);
	const char *code = lang_code(other);
	/* A language's own name, in that language: not translated. */
	const char *name = other == LANG_FR ? "Fran\xC3\xA7" "ais" : "English";

	if (o->main_form && o->switch_rest) {
		/* The answers travel in the page's form, never in a URL. A form's
		** default button (the one Enter in a field presses) is its first
		** submit button in document order, which would be this switch: a
		** hidden act=next button before it takes that place. */
		html_lit(h, "<button type=\"submit\" form=\"");
		html_attr(h, o->main_form);
		html_lit(h, "\" name=\"act\" value=\"next\" hidden tabindex=\"-1\"></button>");
		html_lit(h, "<button type=\"submit\" id=\"lang-switch\" class=\"lang-switch\" form=\"");
		html_attr(h, o->main_form);
		html_lit(h, "\" formaction=\"");
		html_attr(h, page_prefix(other));
		html_attr(h, o->switch_rest);
		html_lit(h, "\" name=\"act\" value=\"stay\" lang=\"");
		html_attr(h, code);
		html_lit(h, "\">");
		html_text(h, name);
		html_lit(h, "</button>");
		return;
	}
	html_lit(h, "<a id=\"lang-switch\" class=\"lang-switch\" href=\"");
	html_attr(h, page_prefix(other));
	/* A POST without a form to resubmit cannot be repeated by a link (and
	** its data must not go into one): the other language's start page. */
	if (rq->method != WEB_POST && rq->lang_in_path && rq->route_rest && rq->route_rest[0] == '/') {
		if (page_write_path(h, rq->route_rest))
			page_write_query(h, rq->query);
		else
			html_lit(h, "/");
	} else {
		html_lit(h, "/");
	}
	html_lit(h, "\" hreflang=\"");
	html_attr(h, code);
	html_lit(h, "\" lang=\"");
	html_attr(h, code);
	html_lit(h, "\">");
	html_text(h, name);
	html_lit(h, "</a>");
}

/* Which navigation entry the request is on, for aria-current. */
enum page_nav { NAV_NONE, NAV_START, NAV_INTERVIEW, NAV_DIRECTORY, NAV_HELP };

static enum page_nav page_current(const struct web_req *rq)
{
	const char *r = rq->lang_in_path && rq->route_rest ? rq->route_rest : "";

	if (strcmp(r, "/") == 0)
		return NAV_START;
	if (strcmp(r, "/interview") == 0 || strcmp(r, "/results") == 0)
		return NAV_INTERVIEW;
	if (strncmp(r, "/directory", 10) == 0 && (r[10] == '\0' || r[10] == '/'))
		return NAV_DIRECTORY;
	if (strcmp(r, "/help") == 0)
		return NAV_HELP;
	return NAV_NONE;
}

static void page_nav_item(struct html *h, const struct web_req *rq, enum page_nav which,
                          enum page_nav current, const char *rest, const char *label)
{
	html_lit(h, "<li><a href=\"");
	html_attr(h, page_prefix(rq->lang));
	html_attr(h, rest);
	html_lit(h, "\"");
	if (which == current)
		html_lit(h, " aria-current=\"page\"");
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</a></li>");
}

void page_begin(struct html *h, const struct web_req *rq, const struct page_opts *o)
{
	enum lang l = rq->lang;
	enum page_nav cur = page_current(rq);

	html_lit(h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(h, lang_code(l));
	html_lit(h, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	if (o->title && *o->title) {
		html_text(h, o->title);
		html_lit(h, " \xE2\x80\x94 ");
	}
	html_lit(h, "safepath</title>\n"
	            "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
	            "<script src=\"/static/app.js\" defer></script>\n</head>\n<body");
	if (o->body_class) {
		html_lit(h, " class=\"");
		html_attr(h, o->body_class);
		html_lit(h, "\"");
	}
	html_lit(h, ">\n<a class=\"skip-link\" href=\"#main\">");
	html_text(h, TR(l, "Skip to main content"));
	html_lit(h, "</a>\n<header class=\"site-header\">\n"
	            "<a id=\"quick-exit\" class=\"quick-exit\" href=\"");
	html_attr(h, page_exit_url(rq));
	html_lit(h, "\" rel=\"noreferrer\">");
	html_text(h, TR(l, "Quick exit"));
	html_lit(h, "</a>\n<div class=\"site-bar\"><a class=\"site-name\" href=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/\">safepath</a></div>\n<div class=\"site-tools no-print\">"
	            "<nav class=\"site-nav\" aria-label=\"");
	html_attr(h, TR(l, "Main menu"));
	html_lit(h, "\"><ul>");
	page_nav_item(h, rq, NAV_START, cur, "/", TR(l, "Start"));
	page_nav_item(h, rq, NAV_INTERVIEW, cur, "/interview", TR(l, "Interview"));
	page_nav_item(h, rq, NAV_DIRECTORY, cur, "/directory", TR(l, "Directory"));
	page_nav_item(h, rq, NAV_HELP, cur, "/help", TR(l, "Help"));
	html_lit(h, "</ul></nav>\n");
	page_lang_switch(h, rq, o);
	html_lit(h, "</div>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
	if (!o->no_h1) {
		html_lit(h, "<h1>");
		html_text(h, o->title ? o->title : "safepath");
		html_lit(h, "</h1>\n");
	}
}

void page_end(struct html *h, const struct web_req *rq)
{
	enum lang l = rq->lang;

	html_lit(h, "</main>\n<footer class=\"site-footer\">\n<p>");
	html_text(h, TR(l, "safepath gives legal information, not legal advice."));
	html_lit(h, "</p>\n<p>");
	html_text(h, TR(l, "Nothing you type is kept on the server. "
	                   "Your answers are saved only if you download them yourself."));
	html_lit(h, "</p>\n<nav class=\"no-print\" aria-label=\"");
	html_attr(h, TR(l, "Footer menu"));
	html_lit(h, "\"><a href=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/help\">");
	html_text(h, TR(l, "Help: privacy, quick exit and keyboard"));
	html_lit(h, "</a></nav>\n</footer>\n</body>\n</html>\n");
}

void page_csrf_field(struct html *h, const struct web_req *rq)
{
	html_lit(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(h, rq->csrf_token ? rq->csrf_token : "");
	html_lit(h, "\">");
}

void page_legal_notice(struct html *h, const struct web_req *rq)
{
	enum lang l = rq->lang;

	html_lit(h, "<p id=\"legal-notice\" class=\"notice\"><strong>");
	html_text(h, TR(l, "Legal information, not legal advice."));
	html_lit(h, "</strong> ");
	html_text(h, TR(l, "This tool explains what the law may offer in a situation like this one. "
	                   "It cannot tell a person what to do in their own case: "
	                   "talk to a lawyer or a legal clinic before acting on it."));
	html_lit(h, "</p>\n");
}
