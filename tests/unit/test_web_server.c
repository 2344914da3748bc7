/*
** test_web_server.c — the web server (src/web/server.c) over real sockets:
** started in this process on 127.0.0.1 with a port the system picks, a
** scratch database, a one-second timeout and a small per-address limit, and
** spoken to in raw HTTP so that malformed requests can be sent as they are.
**
** What is checked is the server's own behaviour (limits, statuses, headers,
** routing, CSRF, the log), not the pages' content, which other modules write;
** the boundary functions of serverInt.h are also tested directly.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "db_scratch.h"
#include "../../src/web/server.h"
#include "../../src/web/serverInt.h"
#include "../../src/web/static.h"

#define REPLY_MAX (1u << 20)
#define PER_IP 6
#define MARKER "SECRETMARKER"   /* stands for a person's data: must never come back */

static struct web_server *srv;
static unsigned port;
static FILE *access_log;

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'";

/* ---- a tiny HTTP client ---- */

struct reply {
	int status;
	char *data;           /* the whole answer, NUL-terminated */
	size_t len;
	const char *body;     /* after the blank line */
	size_t body_len;
	bool closed;          /* the server closed the connection (EOF) */
};

static int connect_from(const char *src)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = { 5, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	struct sockaddr_in a = { .sin_family = AF_INET };
	if (src) {
		inet_pton(AF_INET, src, &a.sin_addr);
		if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
			close(fd);
			return -1;
		}
	}
	a.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool send_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);
		if (k <= 0)
			return false;
		s += k;
		n -= (size_t)k;
	}
	return true;
}

static void parse_reply(struct reply *r)
{
	r->status = 0;
	r->body = "";
	r->body_len = 0;
	if (r->len >= 12 && strncmp(r->data, "HTTP/1.", 7) == 0)
		r->status = atoi(r->data + 9);
	char *end = strstr(r->data, "\r\n\r\n");
	if (end) {
		r->body = end + 4;
		r->body_len = r->len - (size_t)(r->body - r->data);
	}
}

/* Reads until the server closes (or 5 s pass). */
static void read_reply(int fd, struct reply *r)
{
	r->data = malloc(REPLY_MAX + 1);
	r->len = 0;
	r->closed = false;
	if (!r->data)
		abort();
	for (;;) {
		ssize_t k = recv(fd, r->data + r->len, REPLY_MAX - r->len, 0);
		if (k == 0 || (k < 0 && errno == ECONNRESET)) {
			r->closed = true;
			break;
		}
		if (k < 0)
			break;
		r->len += (size_t)k;
		if (r->len == REPLY_MAX)
			break;
	}
	r->data[r->len] = '\0';
	parse_reply(r);
}

/* One request on a new connection from 127.0.0.1; raw must ask for
** "Connection: close" (or be refused) so that the answer ends with EOF. */
static void request(const char *raw, size_t n, struct reply *r)
{
	int fd = connect_from(NULL);
	if (fd < 0 || !send_all(fd, raw, n)) {
		r->data = calloc(1, 1);
		r->len = 0;
		r->status = -1;
		r->body = "";
		r->body_len = 0;
		if (fd >= 0)
			close(fd);
		return;
	}
	read_reply(fd, r);
	close(fd);
}

static void get(const char *target, const char *extra, struct reply *r)
{
	char raw[4096];
	int n = snprintf(raw, sizeof raw, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%sConnection: close\r\n\r\n",
	                 target, port, extra ? extra : "");
	request(raw, (size_t)n, r);
}

static void post(const char *target, const char *ctype, const char *extra, const char *body,
                 struct reply *r)
{
	size_t blen = strlen(body);
	size_t cap = blen + 2048;
	char *raw = malloc(cap);
	if (!raw)
		abort();
	int n = snprintf(raw, cap, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nContent-Type: %s\r\n"
	                 "Content-Length: %zu\r\n%sConnection: close\r\n\r\n%s",
	                 target, port, ctype, blen, extra ? extra : "", body);
	request(raw, (size_t)n, r);
	free(raw);
}

static void reply_free(struct reply *r)
{
	free(r->data);
	r->data = NULL;
}

/* The value of header name in r (first one), or NULL. */
static const char *header(const struct reply *r, const char *name, char *out, size_t cap)
{
	size_t n = strlen(name);
	const char *p = strstr(r->data, "\r\n");
	while (p && p < r->body) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			const char *e = strstr(v, "\r\n");
			size_t len = e ? (size_t)(e - v) : strlen(v);
			if (len >= cap)
				len = cap - 1;
			memcpy(out, v, len);
			out[len] = '\0';
			return out;
		}
		p = strstr(p, "\r\n");
	}
	return NULL;
}

static bool has_header(const struct reply *r, const char *name, const char *want)
{
	char v[1024];
	return header(r, name, v, sizeof v) && strcmp(v, want) == 0;
}

static void check_security_headers(const struct reply *r, bool cacheable)
{
	CHECK(has_header(r, "Content-Security-Policy", CSP));
	CHECK(has_header(r, "X-Content-Type-Options", "nosniff"));
	CHECK(has_header(r, "Referrer-Policy", "no-referrer"));
	CHECK(has_header(r, "X-Frame-Options", "DENY"));
	CHECK(has_header(r, "Cross-Origin-Opener-Policy", "same-origin"));
	CHECK(has_header(r, "Cross-Origin-Resource-Policy", "same-origin"));
	CHECK(has_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
	CHECK(has_header(r, "Cache-Control", cacheable ? "public, max-age=86400" : "no-store"));
	char v[64];
	CHECK(header(r, "Content-Length", v, sizeof v) != NULL);
}

static bool contains(const struct reply *r, const char *s)
{
	return strstr(r->data, s) != NULL;
}

/* A browser id from a Set-Cookie, into cookie (CSRF_TEXT_MAX). */
static bool cookie_of(const struct reply *r, char *cookie)
{
	char v[256];
	if (!header(r, "Set-Cookie", v, sizeof v) || strncmp(v, "sp_id=", 6) != 0)
		return false;
	size_t n = strcspn(v + 6, ";");
	if (n >= CSRF_TEXT_MAX)
		return false;
	memcpy(cookie, v + 6, n);
	cookie[n] = '\0';
	return true;
}

/* ---- the boundary functions, without a socket ---- */

static int target(const char *t, char *path)
{
	struct server_target st;
	return server_parse_target(t, &st, path, WEB_PATH_MAX + 1);
}

static void test_parse_target(void)
{
	char path[WEB_PATH_MAX + 1];
	struct server_target t;
	CHECK_INT(server_parse_target("/en/directory?q=a%20b", &t, path, sizeof path), 0);
	CHECK_STR(path, "/en/directory");
	CHECK_INT(t.query_len, 7);
	CHECK(strncmp(t.query, "q=a%20b", 7) == 0);
	CHECK(!t.api);
	CHECK_INT(server_parse_target("/fr/help", &t, path, sizeof path), 0);
	CHECK_INT(t.lang, LANG_FR);
	CHECK_INT(server_parse_target("/api/assess", &t, path, sizeof path), 0);
	CHECK(t.api);
	CHECK_INT(target("/en/directory/services/caf%C3%A9", path), 0);
	CHECK_STR(path, "/en/directory/services/caf\xC3\xA9");
	CHECK_INT(target("/", path), 0);
	CHECK_INT(target("/en/", path), 0);

	CHECK_INT(target("", path), 400);
	CHECK_INT(target("en/", path), 400);
	CHECK_INT(target("*", path), 400);
	CHECK_INT(target("http://x/en/", path), 400);
	CHECK_INT(target("/static/../Makefile", path), 400);
	CHECK_INT(target("/static/%2e%2e/Makefile", path), 400);
	CHECK_INT(target("/static/%2E%2E/Makefile", path), 400);
	CHECK_INT(target("/static/.%2e/Makefile", path), 400);
	CHECK_INT(target("/static/..", path), 400);
	CHECK_INT(target("/static/./app.css", path), 400);
	CHECK_INT(target("/static/..%2fMakefile", path), 400);
	CHECK_INT(target("/static/a%2Fb", path), 400);
	CHECK_INT(target("/static\\..\\Makefile", path), 400);
	CHECK_INT(target("/static/%5c..", path), 400);
	CHECK_INT(target("/static/app.css%00", path), 400);
	CHECK_INT(target("/static/a%0ab", path), 400);
	CHECK_INT(target("/static/a%7fb", path), 400);
	CHECK_INT(target("//etc/passwd", path), 400);
	CHECK_INT(target("/en//help", path), 400);
	CHECK_INT(target("/en/%ff", path), 400);           /* not UTF-8 */
	CHECK_INT(target("/en/%C0%AF", path), 400);        /* overlong */
	CHECK_INT(target("/en/\xC3\xA9", path), 400);      /* raw non-ASCII */
	CHECK_INT(target("/en/%zz", path), 400);
	CHECK_INT(target("/en/%4", path), 400);
	CHECK_INT(target("/en/#x", path), 400);
	CHECK_INT(target("/en/?q=#x", path), 400);
	CHECK_INT(target("/en/ x", path), 400);

	char long_path[WEB_PATH_MAX + 8];
	long_path[0] = '/';
	memset(long_path + 1, 'a', WEB_PATH_MAX - 1);
	long_path[WEB_PATH_MAX] = '\0';
	CHECK_INT(target(long_path, path), 0);             /* WEB_PATH_MAX bytes exactly */
	long_path[WEB_PATH_MAX] = 'a';
	long_path[WEB_PATH_MAX + 1] = '\0';
	CHECK_INT(target(long_path, path), 414);
}

static void test_routes(void)
{
	const char *rest;
	bool lang;
	const struct server_route *r = server_route_find("/en/", &rest, &lang);
	CHECK(r && strcmp(r->name, "start") == 0 && lang && strcmp(rest, "/") == 0);
	r = server_route_find("/fr/directory/services/abc-1", &rest, &lang);
	CHECK(r && strcmp(r->name, "service") == 0 && strcmp(rest, "/directory/services/abc-1") == 0);
	CHECK(server_route_find("/fr/directory/services/", &rest, &lang) == NULL);
	CHECK(server_route_find("/fr/directory/services/a/b", &rest, &lang) == NULL);
	r = server_route_find("/api/directory/services/x", &rest, &lang);
	CHECK(r && r->kind == ROUTE_API && !lang && strcmp(rest, "/api/directory/services/x") == 0);
	r = server_route_find("/en", &rest, &lang);
	CHECK(r && r->kind == ROUTE_LANG_ROOT);
	r = server_route_find("/", &rest, &lang);
	CHECK(r && r->kind == ROUTE_ROOT);
	r = server_route_find("/static/app.css", &rest, &lang);
	CHECK(r && r->kind == ROUTE_STATIC);
	CHECK(server_route_find("/static/", &rest, &lang) == NULL);
	CHECK(server_route_find("/de/", &rest, &lang) == NULL);
	CHECK(server_route_find("/en/help/", &rest, &lang) == NULL);
	CHECK(server_route_find("/english/", &rest, &lang) == NULL);
	CHECK(server_route_find("/interview", &rest, &lang) == NULL);
	CHECK(server_route_find("/en/api/assess", &rest, &lang) == NULL);
	r = server_route_find("/en/results", &rest, &lang);
	CHECK(r && r->get == NULL && r->post != NULL && strcmp(r->allow, "POST") == 0);

	CHECK_INT(server_method_kind("GET"), MK_GET);
	CHECK_INT(server_method_kind("HEAD"), MK_HEAD);
	CHECK_INT(server_method_kind("POST"), MK_POST);
	CHECK_INT(server_method_kind("DELETE"), MK_OTHER);
	CHECK_INT(server_method_kind("get"), MK_UNKNOWN);
	CHECK_INT(server_method_kind("BREW"), MK_UNKNOWN);
}

static void test_headers_parsing(void)
{
	CHECK_INT(server_pick_lang(NULL), LANG_EN);
	CHECK_INT(server_pick_lang(""), LANG_EN);
	CHECK_INT(server_pick_lang("fr-CA,fr;q=0.9,en;q=0.8"), LANG_FR);
	CHECK_INT(server_pick_lang("en-US,en;q=0.9,fr;q=0.8"), LANG_EN);
	CHECK_INT(server_pick_lang("de-DE, fr;q=0.5"), LANG_FR);
	CHECK_INT(server_pick_lang("en;q=0.1, fr;q=0.2"), LANG_FR);
	CHECK_INT(server_pick_lang("fr;q=0, en;q=0.1"), LANG_EN);
	CHECK_INT(server_pick_lang("FR"), LANG_FR);
	CHECK_INT(server_pick_lang("fro, fr-x;q=junk"), LANG_EN);
	CHECK_INT(server_pick_lang("*"), LANG_EN);
	CHECK_INT(server_pick_lang("fr ; q=1 , en"), LANG_FR);   /* tie: the first */

	char m[64];
	server_media_type("Application/X-WWW-Form-Urlencoded; charset=UTF-8", m, sizeof m);
	CHECK_STR(m, "application/x-www-form-urlencoded");
	server_media_type("  application/json  ", m, sizeof m);
	CHECK_STR(m, "application/json");
	server_media_type(NULL, m, sizeof m);
	CHECK_STR(m, "");
	server_media_type("text/plain;", m, 5);
	CHECK_STR(m, "");

	CHECK(server_length_ok("0", 10));
	CHECK(server_length_ok("10", 10));
	CHECK(!server_length_ok("11", 10));
	CHECK(!server_length_ok("99999999999999999999999", 10));
	CHECK(!server_length_ok("", 10));
	CHECK(!server_length_ok("-1", 10));

	CHECK(server_origin_ok("http://127.0.0.1:8080", "127.0.0.1:8080"));
	CHECK(server_origin_ok("https://Example.org", "example.org"));
	CHECK(!server_origin_ok("http://evil.example", "127.0.0.1:8080"));
	CHECK(!server_origin_ok("null", "127.0.0.1:8080"));
	CHECK(!server_origin_ok("http://127.0.0.1:8080", NULL));
	CHECK(!server_origin_ok("http://127.0.0.1:8080.evil", "127.0.0.1:8080"));
}

static void test_listen_refused(struct web_app *app)
{
	const char *bad[] = { "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:8x",
	                      ":8080", "[::1]8080", "::1:8080", "example.org:80", "127.0.0.1:-1" };
	char why[256];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct web_server *s = (struct web_server *)1;
		struct web_server_config c = { .listen = bad[i] };
		CHECK_INT(web_server_start(app, &c, &s, why, sizeof why), WEB_ECONFIG);
		CHECK(s == NULL);
		CHECK(strstr(why, "--listen") != NULL);
	}
	/* Not loopback: refused before any socket is opened. */
	struct web_server *s = NULL;
	struct web_server_config c = { .listen = "10.1.2.3:0" };
	CHECK_INT(web_server_start(app, &c, &s, why, sizeof why), WEB_ECONFIG);
	CHECK(strstr(why, "--public") != NULL);
	c.listen = "0.0.0.0:0";
	CHECK_INT(web_server_start(app, &c, &s, why, sizeof why), WEB_ECONFIG);
	/* The port of the running server is taken. */
	char spec[32];
	snprintf(spec, sizeof spec, "127.0.0.1:%u", port);
	c.listen = spec;
	CHECK_INT(web_server_start(app, &c, &s, why, sizeof why), WEB_ELISTEN);
}

#include "web_server_http.h"

int main(void)
{
	char dir[] = "/tmp/safepath-web-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char dbpath[128];
	snprintf(dbpath, sizeof dbpath, "%s/web.db", dir);
	struct web_config cfg = { .db_path = dbpath };
	struct web_app *app = NULL;
	char why[256];
	enum web_err e = web_app_new(&cfg, &app, why, sizeof why);
	CHECK_INT(e, WEB_OK);
	if (e != WEB_OK) {
		fprintf(stderr, "web_app_new: %s\n", why);
		TEST_END();
	}
	access_log = tmpfile();
	struct web_server_config sc = { .listen = "127.0.0.1:0", .threads = 2, .per_ip = PER_IP,
	                                .timeout_s = 1, .log = access_log };
	e = web_server_start(app, &sc, &srv, why, sizeof why);
	CHECK_INT(e, WEB_OK);
	if (e != WEB_OK) {
		fprintf(stderr, "web_server_start: %s\n", why);
		web_app_free(app);
		TEST_END();
	}
	port = web_server_port(srv);
	CHECK(port > 0);
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%u/", port);
	CHECK_STR(web_server_url(srv), url);

	RUN(test_parse_target);
	RUN(test_routes);
	RUN(test_headers_parsing);
	test_listen_refused(app);
	run_http_tests();

	web_server_stop(srv);
	/* Stopped: the port no longer answers. */
	CHECK(connect_from(NULL) < 0);
	check_log();
	fclose(access_log);
	web_app_free(app);
	remove_scratch_db(dir, dbpath);
	TEST_END();
}
