/*
** web.h — the web layer's shared types: one request as the handlers see it,
** one response as they fill it, and the application they serve.
**
** The server (server.c, on libmicrohttpd) turns each HTTP request into a
** struct web_req after every check at the boundary: method known, target
** within limits and free of traversal, body within WEB_BODY_MAX, form bodies
** parsed (form.h), language taken from the path prefix (/en/, /fr/), CSRF
** token checked for POSTs. Handlers are plain functions of (request,
** response), with no libmicrohttpd type in sight, so tests call them directly
** (tests/unit/test_web_*.c) as well as over a socket.
**
** Routes (docs/internals/web.md has the full table and the page contract):
**   GET  /                               303 to /en/ or /fr/ (Accept-Language)
**   GET  /{lang}/                        start page
**   GET  /{lang}/help                    how to use, keyboard shortcuts, quick exit
**   GET  /{lang}/interview               first question (no answers yet)
**   POST /{lang}/interview               one step: answer, skip, back, decline
**   POST /{lang}/results                 the results for the answers in the form
**   POST /{lang}/answers.json            the answers as a file to save (download)
**   GET  /{lang}/directory               search form and results
**   GET  /{lang}/directory/services/{id} one service
**   GET  /{lang}/directory/slip?id=..    referral slip (printable page)
**   GET  /static/{file}                  CSS, JS (embedded)
**   POST /api/pathways, POST /api/assess, GET /api/directory/search,
**   GET  /api/directory/services/{id}    JSON, as the command line prints it
**
** Personal data: answers arrive only in POST bodies, are held for the length
** of the request, and are never logged, put in a URL or kept after the
** response. The access log holds the method, the route name, the status and
** the time taken.
*/
#ifndef SAFEPATH_WEB_H
#define SAFEPATH_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/i18n.h"

#define WEB_BODY_MAX (64u * 1024u)        /* bytes of a request body */
#define WEB_PAGE_MAX (4u << 20)           /* bytes of one response body */
#define WEB_PATH_MAX 1024                 /* bytes of the request target's path */
#define WEB_LOCATION_MAX 256              /* bytes of a redirect target */
#define WEB_FILENAME_MAX 64               /* bytes of a download's file name */
#define WEB_TOKEN_MAX 64                  /* bytes of a CSRF token (base64url) */

enum web_method { WEB_GET = 0, WEB_HEAD, WEB_POST };

/* How a response may be kept by the browser. */
enum web_cache {
	WEB_NO_STORE = 0,   /* default: Cache-Control: no-store (every page with answers or results) */
	WEB_STATIC          /* embedded assets: public, max-age=86400 */
};

struct form;
struct web_app;
struct web_thread;

struct web_req {
	enum web_method method;
	const char *path;             /* percent-decoded path, checked: starts with '/', no "..", no NUL */
	const char *route_rest;       /* the path after "/{lang}" (e.g. "/directory"), or path for /api and /static */
	enum lang lang;               /* from the path prefix; LANG_EN when the path has none */
	bool lang_in_path;
	const struct form *query;     /* the query string, parsed (never NULL; may be empty) */
	const struct form *form;      /* a POSTed application/x-www-form-urlencoded body, else NULL */
	const char *body;             /* the raw body (any POST), NUL-terminated, else NULL */
	size_t body_len;
	const char *content_type;     /* media type without parameters, lower case; "" if none */
	const char *accept_language;  /* header value or "" */
	bool csrf_ok;                 /* POST: the form's csrf field matches this client's cookie */
	const char *csrf_token;       /* the token to put in every form this response holds */
	struct web_app *app;
	struct web_thread *thread;    /* this worker thread's database handles and caches */
	int32_t today;                /* the day the law is read at: web_app_today, taken once per
	                              ** request so that every evaluation of one page agrees */
};

struct web_resp {
	int status;                   /* 200 unless set */
	const char *content_type;     /* a string literal; default "text/html; charset=utf-8" */
	struct buf body;              /* capped at WEB_PAGE_MAX; the server frees it */
	enum web_cache cache;
	/* A Content-Security-Policy replacing the default one for this response
	** (string literal or owned by the app; NULL for the default). */
	const char *csp;
	char location[WEB_LOCATION_MAX];       /* redirect target (status 303), "" if none */
	char download_name[WEB_FILENAME_MAX];  /* Content-Disposition: attachment; "" if none */
	const char *route;            /* route name for the access log (literal), e.g. "interview" */
};

typedef void (*web_handler)(const struct web_req *rq, struct web_resp *rs);

/* ---- the application ---- */

struct web_config {
	const char *db_path;          /* the directory database (created with the seed if missing) */
	const char *exit_url_en;      /* the quick exit's neutral site, per language */
	const char *exit_url_fr;
	int32_t as_of;                /* 0: today, evaluated per request */
};

enum web_err {
	WEB_OK = 0,
	WEB_EDB,          /* the database cannot be opened or created */
	WEB_ERULES,       /* the embedded rule sets do not load */
	WEB_ELISTEN,      /* the address cannot be used */
	WEB_ENOMEM,
	WEB_ECONFIG       /* a bad option value (why says which) */
};

/* Loads the rule sets, the needs and opens (creating with the seed if missing)
** the database once to check it. why (cap) gets an English message. */
enum web_err web_app_new(const struct web_config *cfg, struct web_app **out, char *why, size_t cap);
void web_app_free(struct web_app *app);

/* Shared, immutable after web_app_new (any thread). */
const struct assess *web_app_assess(const struct web_app *app);
const struct needs *web_app_needs(const struct web_app *app);
const char *web_app_exit_url(const struct web_app *app, enum lang lang);
int32_t web_app_today(const struct web_app *app);   /* cfg->as_of, or today (local time) */

/* Per worker thread, opened on first use and closed when the thread ends:
** a read-only database connection and a search context, a reusable answers
** object and assessment, and small caches. NULL when the database cannot be
** opened (the handler answers 503). */
/* The calling thread's resources, made on its first call (NULL when out of
** memory); the server puts it in web_req.thread, and a test calling a
** handler directly gets its own this way. */
struct web_thread *web_app_thread(struct web_app *app);
struct db *web_thread_db(struct web_thread *t);
struct dir_search *web_thread_search(struct web_thread *t);
struct answers *web_thread_answers(struct web_thread *t);     /* cleared before each use by the caller */
struct assessment *web_thread_assessment(struct web_thread *t);

/* ---- responses shared by the handlers ---- */

/* A plain page (layout included) with a status and a message in the request's
** language, e.g. 404 "This page does not exist." msg is a msgid. */
void web_error_page(const struct web_req *rq, struct web_resp *rs, int status, const char *msgid);
/* JSON error {"error": {"status": N, "message": "..."}} for the API. */
void web_json_error(struct web_resp *rs, int status, const char *message);
void web_redirect(struct web_resp *rs, const char *location);   /* 303 See Other */

#endif
