/*
** page.h — the frame every HTML page shares: document head (no inline script
** or style; /static/app.css and /static/app.js only), a header with the name
** of the tool, the language switch and the quick-exit control, and a footer
** with the legal-information notice and a link to the help page.
**
** The language switch keeps the choice in the URL: on a GET page it links to
** the same path and query under the other language's prefix; on a page
** holding answers (the interview and the results, both POSTed) it is a submit
** button of the page's main form (form="ID", formaction under the other
** prefix, name="act" value="stay"), so the answers travel with it and never
** enter a URL. That button comes before the form in the document, so
** page_begin puts a hidden submit button (act=next) of the same form before
** it: pressing Enter in a field of the main form submits act=next, never
** the language switch.
**
** Quick exit: a link to the neutral site (web_app_exit_url) with
** id="quick-exit" and rel="noreferrer"; app.js makes it replace the history
** entry and adds the Escape-three-times shortcut. Without JavaScript it is a
** plain link (the help page says so).
*/
#ifndef SAFEPATH_PAGE_H
#define SAFEPATH_PAGE_H

#include <stdbool.h>

#include "html.h"
#include "web.h"

struct page_opts {
	const char *title;        /* already translated; the <title> and the <h1> */
	const char *main_form;    /* id of the form the language switch submits; NULL on GET pages */
	const char *switch_rest;  /* with main_form: the route after /{lang} to post to, e.g. "/interview" */
	bool no_h1;               /* the page writes its own heading */
	const char *body_class;   /* a class on <body> (literal), or NULL */
};

void page_begin(struct html *h, const struct web_req *rq, const struct page_opts *o);
void page_end(struct html *h, const struct web_req *rq);
/* <input type="hidden" name="csrf" value="..."> for every POST form. */
void page_csrf_field(struct html *h, const struct web_req *rq);
/* The notice that the results are legal information, not legal advice
** (id="legal-notice"), in the request's language. */
void page_legal_notice(struct html *h, const struct web_req *rq);
/* "/en" or "/fr" for links within the site. */
const char *page_prefix(enum lang lang);

#endif
