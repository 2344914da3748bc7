/*
** serverInt.h — the insides of server.c shared with server_route.c: the state
** of one request, the routing table's shape, and the pure functions of the
** boundary (target decoding, routing, header parsing, the listening socket),
** kept apart so that they can be read, and tested, without libmicrohttpd.
*/
#ifndef SAFEPATH_SERVERINT_H
#define SAFEPATH_SERVERINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrf.h"
#include "form.h"
#include "server.h"
#include "web.h"

enum method_kind { MK_GET = 0, MK_HEAD, MK_POST, MK_OTHER, MK_UNKNOWN };

enum route_kind {
	ROUTE_HTML,        /* a page: handler; POSTs need a form and a CSRF token */
	ROUTE_API,         /* JSON: handler; POSTs need application/json */
	ROUTE_STATIC,      /* /static/NAME, embedded */
	ROUTE_ROOT,        /* / : 303 to /en/ or /fr/ */
	ROUTE_LANG_ROOT,   /* /en, /fr : 303 to /en/, /fr/ */
	ROUTE_FAVICON      /* /favicon.ico : 204 */
};

struct server_route {
	const char *name;      /* for the access log */
	enum route_kind kind;
	bool lang_prefix;      /* the path is /{lang}REST */
	const char *rest;      /* REST, or its beginning when prefix */
	bool prefix;           /* REST followed by one more non-empty segment (an id) */
	web_handler get;       /* GET and HEAD */
	web_handler post;
	const char *allow;     /* the Allow header of a 405 */
};

struct rq_state {
	struct web_server *srv;
	int64_t t0;                   /* monotonic microseconds at the request line */
	bool started, responded;
	bool target_long;
	bool path_ok, api, lang_in_path;
	bool too_big;                 /* the body outgrew WEB_BODY_MAX */
	bool id_valid, set_cookie, csrf_ok;
	enum method_kind mk;
	enum lang lang;
	int status;                   /* queued, for the log; 0: none */
	const char *route_name;       /* a literal */
	const char *allow;
	const char *route_rest;       /* into path */
	const struct server_route *route;
	web_handler handler;          /* the route's for this method */
	int err_status;               /* the request is refused with this status */
	const char *err_msgid;
	struct form_error err_fe;
	struct form *query;           /* NULL: none (the server's empty form) */
	struct buf body;
	size_t discarded;
	unsigned char id[CSRF_ID_BYTES];
	char token[CSRF_TEXT_MAX];
	char ctype[64];
	char path[WEB_PATH_MAX + 1];
	char target[];                /* the raw request target */
};

/* What server_parse_target finds besides the decoded path. */
struct server_target {
	bool api;                     /* the path starts with /api/ */
	enum lang lang;               /* from a /fr or /fr/ prefix, else English */
	const char *query;            /* the raw query string (after '?'), not decoded */
	size_t query_len;
};

struct server_listen {
	int fd;
	unsigned port;
	bool v6;
	char url[SERVER_URL_MAX];
};

/* "GET", "HEAD", "POST"; MK_OTHER for the other methods of RFC 9110 and
** PATCH (405), MK_UNKNOWN for any other token (501). */
enum method_kind server_method_kind(const char *m);
/* Splits target at '?' and decodes the path into path (cap > WEB_PATH_MAX):
** 0, 414 (path over WEB_PATH_MAX bytes) or 400 (not "/...", a '#', a raw
** byte outside printable ASCII, a bad or NUL escape, an encoded '/' or
** backslash, a control character, "//", a "." or ".." segment, not UTF-8).
** t is filled in every case, as far as the target allows. */
int server_parse_target(const char *target, struct server_target *t, char *path, size_t cap);
/* The route of a decoded path, or NULL (404); *rest gets the route_rest and
** *lang_in_path whether the path had a language prefix. */
const struct server_route *server_route_find(const char *path, const char **rest,
                                             bool *lang_in_path);
/* French when the Accept-Language header ranks French above English (q
** values, then order), else English. NULL is English. */
enum lang server_pick_lang(const char *accept_language);
/* The media type of a Content-Type value, trimmed and lower case, without
** parameters; "" when header is NULL or the type does not fit. */
void server_media_type(const char *header, char *out, size_t cap);
/* Whether a Content-Length value is a number of at most max. */
bool server_length_ok(const char *value, size_t max);
/* Whether an Origin header names this host: "http://HOST" or "https://HOST"
** with HOST the Host header, compared without regard to case. */
bool server_origin_ok(const char *origin, const char *host);
/* Parses cfg->listen, refuses a non-loopback address without public_ok,
** and opens a non-blocking listening socket. */
enum web_err server_listen_check(const struct web_server_config *cfg, char *why, size_t cap);
enum web_err server_listen_open(const struct web_server_config *cfg, struct server_listen *out,
                                char *why, size_t cap);
unsigned server_default_threads(void);

#endif
