/*
** h_start.c — the start page (GET /{lang}/) and the help page
** (GET /{lang}/help): what the tool does and does not do, where to begin,
** how to continue from saved answers, and how to use it safely.
**
** Both pages are fixed text in the request's language; they hold no answers.
** The saved-answers form posts to the interview (act=load), which checks the
** JSON; without JavaScript the file's contents are pasted into the text
** area, with it app.js reads the chosen file into the same text area
** (capped at 4 KiB there, FORM_VALUE_MAX; the form parser's own caps apply on arrival).
*/
#include <stddef.h>

#include "handlers.h"
#include "html.h"
#include "page.h"

/* <li>msgid in l</li> for each msgid, in order. */
static void list_items(struct html *h, enum lang l, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<li>");
		html_text(h, TR(l, ids[i]));
		html_lit(h, "</li>\n");
	}
}

static void paragraph(struct html *h, enum lang l, const char *msgid)
{
	html_lit(h, "<p>");
	html_text(h, TR(l, msgid));
	html_lit(h, "</p>\n");
}

/* A page that could not be written whole (out of memory: the text is fixed
** and far below WEB_PAGE_MAX) is not sent half-written. */
static void page_finish(const struct web_req *rq, struct web_resp *rs, struct html *h)
{
	if (!html_failed(h))
		return;
	buf_free(&rs->body);
	web_error_page(rq, rs, 500, "Something went wrong on our side. Please try again.");
}

static const char *const start_does[] = {
	N_("It asks about the situation, one question at a time. Any question can be skipped."),
	N_("It places the situation on the continuum of exploitation, from problems with "
	   "labour standards up to forced labour and human trafficking, and shows which answers "
	   "led there."),
	N_("It shows which legal protections and time limits may apply, and the law each "
	   "one comes from."),
	N_("It finds services that may help, in its directory."),
};

static const char *const start_does_not[] = {
	N_("It does not give legal advice. It gives legal information."),
	N_("It does not report anything to anyone: not to the police, not to immigration, "
	   "not to an employer."),
	N_("It does not keep the answers. They are gone when you close the page, unless you "
	   "download them."),
};

static void load_answers(struct html *h, const struct web_req *rq)
{
	enum lang l = rq->lang;

	html_lit(h, "<details id=\"load-answers\">\n<summary>");
	html_text(h, TR(l, "Continue with answers you saved"));
	html_lit(h, "</summary>\n");
	paragraph(h, l, "If you downloaded the answers earlier, you can go on from where you "
	                "left off. Choose the file, or open it in a text editor and paste "
	                "everything it holds in the box below.");
	html_lit(h, "<form id=\"load-form\" method=\"post\" action=\"");
	html_attr(h, page_prefix(l));
	html_lit(h, "/interview\">\n");
	page_csrf_field(h, rq);
	/* The file picker needs app.js; the text area works without it. */
	html_lit(h, "\n<div class=\"field js-only\">\n<label for=\"answers-file\">");
	html_text(h, TR(l, "Saved answers file"));
	html_lit(h, "</label>\n<input type=\"file\" id=\"answers-file\" class=\"js-only\" "
	            "accept=\".json,application/json\" aria-describedby=\"answers-file-msg\" "
	            "data-msg-loaded=\"");
	html_attr(h, TR(l, "The file is loaded. Check the box below, then continue."));
	html_lit(h, "\" data-msg-too-big=\"");
	html_attr(h, TR(l, "This file is too large to be a saved answers file."));
	html_lit(h, "\" data-msg-unreadable=\"");
	html_attr(h, TR(l, "This file could not be read."));
	html_lit(h, "\">\n<p id=\"answers-file-msg\" class=\"hint\" role=\"status\"></p>\n</div>\n"
	            "<div class=\"field\">\n<label for=\"answers-json\">");
	html_text(h, TR(l, "Contents of the saved answers file"));
	html_lit(h, "</label>\n<p id=\"answers-json-hint\" class=\"hint\">");
	html_text(h, TR(l, "Nothing is sent until you press the button."));
	html_lit(h, "</p>\n<textarea id=\"answers-json\" name=\"answers_json\" rows=\"6\" "
	            "spellcheck=\"false\" autocomplete=\"off\" "
	            "aria-describedby=\"answers-json-hint\"></textarea>\n</div>\n"
	            "<div class=\"actions\"><button type=\"submit\" id=\"btn-load\" "
	            "class=\"btn btn-primary\" name=\"act\" value=\"load\">");
	html_text(h, TR(l, "Continue with these answers"));
	html_lit(h, "</button></div>\n</form>\n</details>\n");
}

void h_start(const struct web_req *rq, struct web_resp *rs)
{
	enum lang l = rq->lang;
	struct html h = { &rs->body };
	struct page_opts o = {
		.title = TR(l, "Legal protections and services for a person facing exploitation"),
	};

	rs->route = "start";
	page_begin(&h, rq, &o);
	html_lit(&h, "<p class=\"lead\">");
	html_text(&h, TR(l, "safepath is for workers who help a person facing exploitation or "
	                    "trafficking in Canada: in settlement, shelters, migrant-worker "
	                    "centres, legal clinics or victim services."));
	html_lit(&h, "</p>\n<p class=\"actions\"><a id=\"start-interview\" class=\"btn btn-primary\" href=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/interview\">");
	html_text(&h, TR(l, "Start the questions"));
	html_lit(&h, "</a>\n<a id=\"open-directory\" class=\"btn btn-secondary\" href=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/directory\">");
	html_text(&h, TR(l, "Search the directory of services"));
	html_lit(&h, "</a></p>\n");
	page_legal_notice(&h, rq);

	html_lit(&h, "<section aria-labelledby=\"does\">\n<h2 id=\"does\">");
	html_text(&h, TR(l, "What this tool does"));
	html_lit(&h, "</h2>\n<ul>\n");
	list_items(&h, l, start_does, sizeof start_does / sizeof start_does[0]);
	html_lit(&h, "</ul>\n</section>\n<section aria-labelledby=\"does-not\">\n<h2 id=\"does-not\">");
	html_text(&h, TR(l, "What this tool does not do"));
	html_lit(&h, "</h2>\n<ul>\n");
	list_items(&h, l, start_does_not, sizeof start_does_not / sizeof start_does_not[0]);
	html_lit(&h, "</ul>\n</section>\n<section aria-labelledby=\"saved\">\n<h2 id=\"saved\">");
	html_text(&h, TR(l, "Saved answers"));
	html_lit(&h, "</h2>\n");
	load_answers(&h, rq);
	html_lit(&h, "</section>\n");
	page_end(&h, rq);
	page_finish(rq, rs, &h);
}

static const char *const help_interview[] = {
	N_("The questions come one at a time. Only the questions that can still change the "
	   "result are asked."),
	N_("Any question can be skipped. It is not asked again."),
	N_("The person may prefer not to say. That is a fine answer, and the question is not "
	   "asked again."),
	N_("Going back shows the previous question, where the answer can be changed."),
	N_("The results can be seen at any time, even before the last question. They show "
	   "what is still uncertain."),
};

static const char *const help_privacy[] = {
	N_("The answers travel with the page. They are not kept on the server, not written "
	   "in any log and never put in a web address."),
	N_("When you close the page, the answers are gone."),
	N_("Downloading the answers saves a file on this device. Anyone who uses the device "
	   "may find it: keep it in a safe place, and delete it when it is no longer needed."),
	N_("A private (incognito) window keeps this site out of the browser's history once "
	   "the window is closed."),
};

static const char *const help_exit[] = {
	N_("The Quick exit button at the top of every page leaves this site at once for an "
	   "ordinary website."),
	N_("Shortcut: press the Escape key (Esc) three times within two seconds."),
	N_("The quick exit also removes this page from the browser's history, so the Back "
	   "button does not come back here."),
	N_("If JavaScript is turned off, the button still leaves, but this page stays in the "
	   "history and the shortcut does not work. Close the tab or the window when you can, "
	   "and clear the browsing history if the device is shared."),
};

static const char *const help_print[] = {
	N_("The results page has a Print button; the browser's own Print command works on "
	   "every page. The printed version leaves out the buttons and menus and shows the web "
	   "address of each law cited."),
	N_("A printed results page describes the person's situation: keep it somewhere safe."),
	N_("The referral slip from the directory holds no information about the person."),
};

static const char *const help_keyboard[] = {
	N_("Tab moves to the next link, button or field; Shift+Tab moves back."),
	N_("The first Tab on a page shows a link that skips straight to the content."),
	N_("In a list of answers, the arrow keys choose an answer; Enter goes on."),
	N_("Escape three times: quick exit."),
};

static void help_section(struct html *h, enum lang l, const char *id, const char *heading,
                         const char *const *items, size_t n)
{
	html_lit(h, "<section aria-labelledby=\"");
	html_attr(h, id);
	html_lit(h, "\">\n<h2 id=\"");
	html_attr(h, id);
	html_lit(h, "\">");
	html_text(h, TR(l, heading));
	html_lit(h, "</h2>\n<ul>\n");
	list_items(h, l, items, n);
	html_lit(h, "</ul>\n</section>\n");
}

#define ITEMS(a) (a), (sizeof (a) / sizeof (a)[0])

void h_help(const struct web_req *rq, struct web_resp *rs)
{
	enum lang l = rq->lang;
	struct html h = { &rs->body };
	struct page_opts o = { .title = TR(l, "Help") };

	rs->route = "help";
	page_begin(&h, rq, &o);
	help_section(&h, l, "help-interview", N_("How the questions work"), ITEMS(help_interview));
	help_section(&h, l, "help-privacy", N_("Privacy"), ITEMS(help_privacy));
	help_section(&h, l, "help-quick-exit", N_("Quick exit"), ITEMS(help_exit));
	help_section(&h, l, "help-print", N_("Printing"), ITEMS(help_print));
	help_section(&h, l, "help-keyboard", N_("Using the keyboard"), ITEMS(help_keyboard));
	page_legal_notice(&h, rq);
	page_end(&h, rq);
	page_finish(rq, rs, &h);
}
