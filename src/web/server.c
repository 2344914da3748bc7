/*
** server.c — libmicrohttpd glue: limits, the checks at the boundary, routing,
** the headers of every response, and the access log (server.h,
** docs/internals/web.md).
**
** One request goes through:
**   uri_log      the raw request target is copied (libmicrohttpd is told not
**                to decode anything: the path and the query are decoded here,
**                strictly, once)
**   begin        first call, headers in: target (414, 400), header size
**                (431), method (501, 405), route (404), query string (400);
**                a GET or HEAD is answered at once; a POST is checked for its
**                Content-Type (415), Content-Length (413) and Origin (403)
**                before its body is read
**   take_body    the body, capped at WEB_BODY_MAX (a chunked body past it is
**                dropped up to SERVER_DISCARD_MAX, then the connection closed)
**   finish_post  413, the form (400), the CSRF token (403), then the handler
**   completed    one access-log line, the request's memory freed
**
** Nothing from the request is ever written back in an error or the log: the
** error pages name the problem (and a form field's name, which is
** [A-Za-z0-9_.-]), the log holds the method, the route's name, the status and
** the time. Handlers get a checked struct web_req and a fresh web_resp; a
** response over WEB_PAGE_MAX, a redirect without a target or a bad status
** becomes a 500, so a handler's mistake never reaches the socket.
*/
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csrf.h"
#include "form.h"
#include "handlers.h"
#include "server.h"
#include "serverInt.h"
#include "static.h"

struct web_server {
	struct MHD_Daemon *d;
	struct web_app *app;
	struct csrf *csrf;
	struct form *empty;           /* the query of a request without one (shared, read-only) */
	FILE *log;
	unsigned port;
	char url[SERVER_URL_MAX];
};

static const char *const security_headers[][2] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

#define CSP_DEFAULT "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
                    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/* ---- time and the access log ---- */

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void log_line(struct rq_state *st, enum MHD_RequestTerminationCode toe)
{
	FILE *f = st->srv->log;
	if (!f)
		return;
	struct timespec ts;
	struct tm tm;
	char when[32] = "-";
	clock_gettime(CLOCK_REALTIME, &ts);
	if (gmtime_r(&ts.tv_sec, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	static const char *const mnames[] = { "GET", "HEAD", "POST", "OTHER", "OTHER" };
	char status[16];
	if (st->status)
		snprintf(status, sizeof status, "%d", st->status);
	else
		snprintf(status, sizeof status, "%s",
		         toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout" : "closed");
	char line[160];
	int n = snprintf(line, sizeof line, "%s %s %s %s %lldus\n", when,
	                 st->started ? mnames[st->mk] : "-", st->route_name ? st->route_name : "-",
	                 status, (long long)(now_us() - st->t0));
	if (n > 0)
		fwrite(line, 1, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1, f);
}

/* ---- responses ---- */

static bool add_header(struct MHD_Response *r, const char *name, const char *value)
{
	return MHD_add_response_header(r, name, value) == MHD_YES;
}

/* A redirect target within the site: "/..." of printable ASCII, not "//"
** (another host) and no backslash (which browsers read as a slash). */
static bool valid_location(const char *s)
{
	if (s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			return false;
	return true;
}

static bool valid_filename(const char *s)
{
	if (!*s || s[0] == '.')
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Queues rs (its body handed to libmicrohttpd, or `fixed` when not NULL: a
** static file) with every header. */
static enum MHD_Result send_resp(struct rq_state *st, struct MHD_Connection *c,
                                 struct web_resp *rs, const char *fixed, size_t fixed_len)
{
	struct MHD_Response *r;
	if (fixed) {
		r = MHD_create_response_from_buffer(fixed_len, (void *)(uintptr_t)fixed,
		                                    MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = rs->body.len;
		char *p = len ? buf_detach(&rs->body) : NULL;
		r = p ? MHD_create_response_from_buffer(len, p, MHD_RESPMEM_MUST_FREE)
		      : MHD_create_response_from_buffer(0, (void *)(uintptr_t)"", MHD_RESPMEM_PERSISTENT);
		if (!r)
			free(p);
	}
	buf_free(&rs->body);
	if (!r)
		return MHD_NO;
	bool ok = add_header(r, "Content-Type", rs->content_type ? rs->content_type
	                                                         : "text/html; charset=utf-8")
	          && add_header(r, "Content-Security-Policy", rs->csp ? rs->csp : CSP_DEFAULT)
	          && add_header(r, "Cache-Control", rs->cache == WEB_STATIC ? "public, max-age=86400"
	                                                                 : "no-store");
	for (size_t i = 0; ok && i < sizeof security_headers / sizeof security_headers[0]; i++)
		ok = add_header(r, security_headers[i][0], security_headers[i][1]);
	if (ok && rs->location[0])
		ok = add_header(r, "Location", rs->location);
	if (ok && rs->download_name[0]) {
		char cd[WEB_FILENAME_MAX + 32];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", rs->download_name);
		ok = add_header(r, "Content-Disposition", cd);
	}
	if (ok && st->allow && (rs->status == 405 || rs->status == 501))
		ok = add_header(r, "Allow", st->allow);
	if (ok && st->set_cookie) {
		char id[CSRF_TEXT_MAX], cookie[CSRF_TEXT_MAX + 64];
		csrf_id_text(st->id, id);
		snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict", CSRF_COOKIE, id);
		ok = add_header(r, "Set-Cookie", cookie);
	}
	enum MHD_Result q = ok ? MHD_queue_response(c, (unsigned)rs->status, r) : MHD_NO;
	MHD_destroy_response(r);
	if (q == MHD_YES) {
		st->status = rs->status;
		st->responded = true;
	}
	return q;
}

static void resp_init(struct web_resp *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	buf_init(&rs->body, WEB_PAGE_MAX);
}

/* The request as far as it is known, for a handler or an error page. */
static void fill_req(struct rq_state *st, struct MHD_Connection *c, struct web_req *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->method = st->mk == MK_HEAD ? WEB_HEAD : st->mk == MK_POST ? WEB_POST : WEB_GET;
	rq->path = st->path_ok ? st->path : "/";
	rq->route_rest = st->path_ok && st->route_rest ? st->route_rest : "/";
	rq->lang = st->lang;
	rq->lang_in_path = st->path_ok && st->lang_in_path;
	rq->query = st->query ? st->query : st->srv->empty;
	rq->content_type = st->ctype;
	const char *al = c ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language") : NULL;
	rq->accept_language = al ? al : "";
	rq->csrf_token = st->token[0] ? st->token : NULL;
	rq->app = st->srv->app;
	rq->today = web_app_today(rq->app);
}

/* An error the server answers itself: an HTML page, or JSON under /api/.
** fe (may be NULL) names the form field at fault. */
static enum MHD_Result fail(struct rq_state *st, struct MHD_Connection *c, int status,
                            const char *msgid, const struct form_error *fe)
{
	struct web_req rq;
	struct web_resp rs;
	fill_req(st, c, &rq);
	resp_init(&rs);
	if (!st->route_name)
		st->route_name = "error";
	char detail[FORM_NAME_MAX + 128] = "";
	enum lang l = st->api ? LANG_EN : st->lang;
	if (fe && fe->name[0])
		snprintf(detail, sizeof detail, TR(l, "The problem is in the field named %s."), fe->name);
	else if (fe && fe->pair)
		snprintf(detail, sizeof detail, TR(l, "The problem is in field number %zu."), fe->pair);
	if (st->api) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s%s%s", msgid, detail[0] ? " " : "", detail);
		web_json_error(&rs, status, msg);
	} else {
		web_error_page_detail(&rq, &rs, status, msgid, detail);
	}
	if (rs.body.err) {
		/* The page did not fit or memory ran out: a plain sentence. */
		buf_reset(&rs.body);
		rs.content_type = "text/plain; charset=utf-8";
		buf_puts(&rs.body, "Error\n");
	}
	return send_resp(st, c, &rs, NULL, 0);
}

static const char *default_message(int status)
{
	switch (status) {
	case 400: return N_("The request could not be read.");
	case 403: return N_("This action is not allowed.");
	case 404: return N_("There is no page at this address.");
	case 405: return N_("This address does not accept this kind of request.");
	case 413: return N_("The request is larger than this server accepts.");
	case 414: return N_("The address is longer than this server accepts.");
	case 415: return N_("The request was sent in a form this page does not accept.");
	case 431: return N_("The request headers are larger than this server accepts. "
	                    "Clearing this site's cookies may help.");
	case 501: return N_("This page is not available yet.");
	case 503: return N_("The service is busy or cannot reach its data. Please try again in a moment.");
	default: return N_("Something went wrong on the server. Please try again.");
	}
}

/* Runs a handler and checks what it made. */
static enum MHD_Result dispatch(struct rq_state *st, struct MHD_Connection *c, web_handler h,
                                const struct form *form)
{
	struct web_req rq;
	struct web_resp rs;
	fill_req(st, c, &rq);
	rq.form = form;
	if (st->mk == MK_POST) {
		rq.body = st->body.len ? buf_str(&st->body) : "";
		rq.body_len = st->body.len;
	}
	rq.csrf_ok = st->csrf_ok;
	rq.thread = web_app_thread(st->srv->app);
	if (!rq.thread)
		return fail(st, c, 503, default_message(503), NULL);
	resp_init(&rs);
	h(&rq, &rs);
	st->route_name = rs.route ? rs.route : st->route_name;
	/* The fixed arrays must hold a string (a handler may have filled them). */
	bool bad = rs.location[sizeof rs.location - 1] || rs.download_name[sizeof rs.download_name - 1]
	           || rs.body.err != BUF_OK || rs.status < 200 || rs.status > 599
	           || (rs.status >= 300 && rs.status < 400 && !valid_location(rs.location))
	           || (rs.location[0] && !(rs.status >= 300 && rs.status < 400))
	           || (rs.download_name[0] && !valid_filename(rs.download_name));
	if (bad) {
		buf_free(&rs.body);
		return fail(st, c, 500, default_message(500), NULL);
	}
	if (rs.status >= 400 && rs.body.len == 0) {
		/* A handler that only set a status (a placeholder, a 404 for an
		** unknown id) gets the server's page for it. */
		buf_free(&rs.body);
		return fail(st, c, rs.status, default_message(rs.status), NULL);
	}
	return send_resp(st, c, &rs, NULL, 0);
}

/* ---- the request ---- */

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)c;
	size_t n = strnlen(uri, SERVER_TARGET_MAX + 1);
	bool too_long = n > SERVER_TARGET_MAX;
	struct rq_state *st = calloc(1, sizeof *st + (too_long ? 0 : n) + 1);
	if (!st)
		return NULL;
	st->srv = cls;
	st->t0 = now_us();
	st->target_long = too_long;
	if (!too_long)
		memcpy(st->target, uri, n);
	buf_init(&st->body, WEB_BODY_MAX);
	return st;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct rq_state *st = *con_cls;
	if (!st)
		return;
	log_line(st, toe);
	if (st->query && st->query != st->srv->empty)
		form_free(st->query);
	buf_free(&st->body);
	free(st);
	*con_cls = NULL;
}

/* libmicrohttpd must not decode: the raw text is decoded here. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

struct hdr_sum {
	size_t total;
};

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	(void)key;
	(void)value;
	struct hdr_sum *s = cls;
	s->total += key_size + value_size + 4;   /* ": " and CRLF */
	return MHD_YES;
}

static enum MHD_Result take_cookie(struct rq_state *st, struct MHD_Connection *c)
{
	const char *v = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, CSRF_COOKIE);
	st->id_valid = v && csrf_id_parse(v, st->id);
	if (!st->id_valid) {
		csrf_id_random(st->id);
		st->set_cookie = true;
	}
	csrf_token(st->srv->csrf, st->id, st->token);
	return MHD_YES;
}

/* Records the error the request will get. The answer waits for the end of
** the request unless a body is coming (see on_request). */
static void refuse(struct rq_state *st, int status, const char *msgid, const struct form_error *fe)
{
	st->err_status = status;
	st->err_msgid = msgid;
	if (fe)
		st->err_fe = *fe;
	else
		memset(&st->err_fe, 0, sizeof st->err_fe);
}

/* The checks made as soon as the headers are in. */
static void begin(struct rq_state *st, struct MHD_Connection *c, const char *method)
{
	st->mk = server_method_kind(method);
	if (st->target_long) {
		refuse(st, 414, default_message(414), NULL);
		return;
	}
	struct server_target t;
	int status = server_parse_target(st->target, &t, st->path, sizeof st->path);
	st->api = t.api;
	st->lang = t.lang;
	if (status) {
		refuse(st, status, status == 414 ? default_message(414) : N_("This address is not valid."),
		       NULL);
		return;
	}
	st->path_ok = true;

	struct hdr_sum hs = { 0 };
	MHD_get_connection_values_n(c, MHD_HEADER_KIND, sum_header, &hs);
	if (hs.total > SERVER_HEADERS_MAX) {
		refuse(st, 431, default_message(431), NULL);
		return;
	}
	if (st->mk == MK_UNKNOWN) {
		st->allow = "GET, HEAD, POST";
		refuse(st, 501, default_message(405), NULL);
		return;
	}
	const struct server_route *r = server_route_find(st->path, &st->route_rest, &st->lang_in_path);
	if (!r) {
		st->route_name = "notfound";
		refuse(st, 404, default_message(404), NULL);
		return;
	}
	st->route = r;
	st->route_name = r->name;
	st->allow = r->allow;
	st->api = r->kind == ROUTE_API;
	if (r->kind == ROUTE_HTML || r->kind == ROUTE_ROOT || r->kind == ROUTE_LANG_ROOT)
		take_cookie(st, c);
	bool is_get = st->mk == MK_GET || st->mk == MK_HEAD;
	st->handler = is_get ? r->get : st->mk == MK_POST ? r->post : NULL;
	if (!st->handler && !(is_get && r->kind != ROUTE_HTML && r->kind != ROUTE_API)) {
		refuse(st, 405, default_message(405), NULL);
		return;
	}
	struct form_error fe;
	if (t.query_len && form_parse(t.query, t.query_len, &st->query, &fe) != FORM_OK) {
		refuse(st, 400, form_strerror(fe.code), &fe);
		return;
	}
	if (is_get)
		return;

	/* A POST: what can be refused before reading the body is. */
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	server_media_type(ct, st->ctype, sizeof st->ctype);
	const char *want = st->api ? "application/json" : "application/x-www-form-urlencoded";
	if (strcmp(st->ctype, want) != 0) {
		refuse(st, 415, st->api ? N_("The request body must be sent as application/json.")
		                        : default_message(415), NULL);
		return;
	}
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl && !server_length_ok(cl, WEB_BODY_MAX)) {
		refuse(st, 413, default_message(413), NULL);
		return;
	}
	/* Browsers send "Origin: null" for a same-origin form under
	** Referrer-Policy: no-referrer (Fetch, "serializing a request origin"),
	** which every page here has: null proves nothing either way and the
	** CSRF token decides. A named origin must be this one. */
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if ((origin && strcmp(origin, "null") != 0 && !server_origin_ok(origin, host))
	    || (site && strcmp(site, "cross-site") == 0))
		refuse(st, 403, N_("This form was sent from another site, so it was not accepted."), NULL);
}

static enum MHD_Result serve_get(struct rq_state *st, struct MHD_Connection *c)
{
	const struct server_route *r = st->route;
	struct web_resp rs;
	switch (r->kind) {
	case ROUTE_ROOT: {
		const char *al = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
		st->lang = server_pick_lang(al);
		resp_init(&rs);
		web_redirect(&rs, st->lang == LANG_FR ? "/fr/" : "/en/");
		return send_resp(st, c, &rs, NULL, 0);
	}
	case ROUTE_LANG_ROOT:
		resp_init(&rs);
		web_redirect(&rs, st->lang == LANG_FR ? "/fr/" : "/en/");
		return send_resp(st, c, &rs, NULL, 0);
	case ROUTE_FAVICON:
		resp_init(&rs);
		rs.status = 204;
		rs.cache = WEB_STATIC;
		return send_resp(st, c, &rs, NULL, 0);
	case ROUTE_STATIC: {
		const struct static_file *f = static_find(st->route_rest + strlen("/static/"));
		if (!f)
			return fail(st, c, 404, default_message(404), NULL);
		resp_init(&rs);
		rs.content_type = f->content_type;
		rs.cache = WEB_STATIC;
		return send_resp(st, c, &rs, f->data, f->len);
	}
	case ROUTE_HTML:
	case ROUTE_API:
		break;
	}
	return dispatch(st, c, st->handler, NULL);
}

static enum MHD_Result finish_post(struct rq_state *st, struct MHD_Connection *c)
{
	if (st->api)
		return dispatch(st, c, st->handler, NULL);
	struct form *form = NULL;
	struct form_error fe;
	if (form_parse(st->body.len ? buf_str(&st->body) : "", st->body.len, &form, &fe) != FORM_OK)
		return fail(st, c, 400, form_strerror(fe.code), &fe);
	st->csrf_ok = st->id_valid && csrf_check(st->srv->csrf, st->id, form_get(form, "csrf"));
	enum MHD_Result q;
	if (!st->csrf_ok)
		q = fail(st, c, 403, N_("This page has expired, or the form did not come from this site. "
		                        "Nothing you entered was kept. Please start again."), NULL);
	else
		q = dispatch(st, c, st->handler, form);
	form_free(form);
	return q;
}

/* Whether the client announced a body (libmicrohttpd has checked the
** headers' syntax). */
static bool has_body(struct MHD_Connection *c)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
	return te || (cl && strcmp(cl, "0") != 0);
}

/* libmicrohttpd calls this once when the headers are in, then once per
** piece of body, then once with no data when the request is complete.
** Answering before the end makes it close the connection after the answer
** (it will not read the rest of a request it has answered), so answers wait
** for the end, keeping the connection alive for the next request, except
** for a refused request that announced a body: answered at once, closed. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	struct rq_state *st = *con_cls;
	if (!st)
		return MHD_NO;   /* out of memory in uri_log: drop the connection */
	if (!st->started) {
		st->started = true;
		begin(st, c, method);
		if (st->err_status && has_body(c))
			return fail(st, c, st->err_status, st->err_msgid, &st->err_fe);
		return MHD_YES;
	}
	if (st->responded)
		return MHD_YES;
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		/* Only a POST's body is kept; any other is dropped like an
		** oversized one. */
		if (!st->too_big && (st->mk != MK_POST || buf_append(&st->body, upload, n) != BUF_OK))
			st->too_big = true;   /* buf freed what it held */
		if (st->too_big) {
			st->discarded += n;
			if (st->discarded > SERVER_DISCARD_MAX)
				return MHD_NO;
		}
		return MHD_YES;
	}
	if (st->err_status)
		return fail(st, c, st->err_status, st->err_msgid, &st->err_fe);
	if (st->mk != MK_POST)
		return serve_get(st, c);
	if (st->too_big)
		return fail(st, c, 413, default_message(413), NULL);
	return finish_post(st, c);
}

/* ---- start and stop ---- */

enum web_err web_server_start(struct web_app *app, const struct web_server_config *cfg,
                              struct web_server **out, char *why, size_t cap)
{
	*out = NULL;
	struct server_listen L;
	enum web_err e = server_listen_open(cfg, &L, why, cap);
	if (e != WEB_OK)
		return e;
	struct web_server *s = calloc(1, sizeof *s);
	if (!s || csrf_new(&s->csrf) != CSRF_OK || form_parse("", 0, &s->empty, NULL) != FORM_OK) {
		if (s) {
			csrf_free(s->csrf);
			free(s);
		}
		close(L.fd);
		snprintf(why, cap, "%s", "cannot start the server (not enough memory or no random source)");
		return WEB_ENOMEM;
	}
	s->app = app;
	s->log = cfg->log;
	s->port = L.port;
	snprintf(s->url, sizeof s->url, "%s", L.url);

	unsigned threads = cfg->threads ? cfg->threads : server_default_threads();
	unsigned conns = cfg->connections ? cfg->connections : SERVER_CONNECTIONS_DEFAULT;
	unsigned per_ip = cfg->per_ip ? cfg->per_ip : SERVER_PER_IP_DEFAULT;
	unsigned timeout = cfg->timeout_s ? cfg->timeout_s : SERVER_TIMEOUT_DEFAULT;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD
	                 | (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL
	                                                                           : MHD_USE_POLL)
	                 | (L.v6 ? MHD_USE_IPv6 : 0);
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
	                        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)L.fd,
	                        MHD_OPTION_THREAD_POOL_SIZE, threads,
	                        MHD_OPTION_CONNECTION_LIMIT, conns,
	                        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
	                        MHD_OPTION_CONNECTION_TIMEOUT, timeout,
	                        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MEMORY_LIMIT,
	                        MHD_OPTION_URI_LOG_CALLBACK, uri_log, s,
	                        MHD_OPTION_NOTIFY_COMPLETED, completed, s,
	                        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, s,
	                        MHD_OPTION_END);
	if (!s->d) {
		close(L.fd);
		web_server_stop(s);
		snprintf(why, cap, "%s", "cannot start the server's threads");
		return WEB_ELISTEN;
	}
	*out = s;
	return WEB_OK;
}

enum web_err web_server_check(const struct web_server_config *cfg, char *why, size_t cap)
{
	return server_listen_check(cfg, why, cap);
}

void web_server_stop(struct web_server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);   /* closes the listening socket, joins the workers */
	if (s->log)
		fflush(s->log);
	csrf_free(s->csrf);
	form_free(s->empty);
	free(s);
}

unsigned web_server_port(const struct web_server *s) { return s->port; }
const char *web_server_url(const struct web_server *s) { return s->url; }

bool web_server_token(const struct web_server *s, const char *cookie, char *out)
{
	unsigned char id[CSRF_ID_BYTES];
	if (!csrf_id_parse(cookie, id))
		return false;
	char tok[CSRF_TEXT_MAX];
	csrf_token(s->csrf, id, tok);
	snprintf(out, WEB_TOKEN_MAX + 1, "%s", tok);
	return true;
}
