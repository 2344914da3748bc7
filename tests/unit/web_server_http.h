/*
** web_server_http.h — the HTTP half of test_web_server.c (included once,
** after its client helpers): requests over sockets to the running server.
*/
#ifndef SAFEPATH_WEB_SERVER_HTTP_H
#define SAFEPATH_WEB_SERVER_HTTP_H

/* request() of a NUL-terminated text. */
static void req(const char *raw, struct reply *r)
{
	request(raw, strlen(raw), r);
}

static void test_security_headers(void)
{
	struct reply r;
	get("/static/app.css", NULL, &r);
	CHECK_INT(r.status, 200);
	check_security_headers(&r, true);
	CHECK(!contains(&r, "Set-Cookie"));      /* no cookie on a cacheable file */
	reply_free(&r);

	get("/en/", NULL, &r);
	CHECK_INT(r.status, 200);
	check_security_headers(&r, false);
	char v[256];
	CHECK(header(&r, "Set-Cookie", v, sizeof v) != NULL);
	CHECK(strstr(v, "; Path=/; HttpOnly; SameSite=Strict") != NULL);
	char cookie[CSRF_TEXT_MAX];
	CHECK(cookie_of(&r, cookie));
	CHECK_INT(strlen(cookie), CSRF_B64_LEN);
	reply_free(&r);

	/* A valid cookie is not set again. */
	char extra[128];
	snprintf(extra, sizeof extra, "Cookie: other=1; sp_id=%s\r\n", cookie);
	get("/en/help", extra, &r);
	CHECK_INT(r.status, 200);
	CHECK(header(&r, "Set-Cookie", v, sizeof v) == NULL);
	reply_free(&r);

	get("/en/no-such-page", NULL, &r);
	CHECK_INT(r.status, 404);
	check_security_headers(&r, false);
	CHECK(contains(&r, "Content-Type: text/html; charset=utf-8"));
	CHECK(contains(&r, "<html lang=\"en\""));
	reply_free(&r);

	get("/fr/nulle-part", NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK(contains(&r, "<html lang=\"fr\""));
	CHECK(contains(&r, "Page introuvable"));
	reply_free(&r);

	req("PUT /en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	CHECK_INT(r.status, 405);
	check_security_headers(&r, false);
	reply_free(&r);

	const char big[] = "POST /en/interview HTTP/1.1\r\nHost: x\r\n"
	                   "Content-Type: application/x-www-form-urlencoded\r\n"
	                   "Content-Length: 70000\r\nConnection: close\r\n\r\na=1";
	request(big, sizeof big - 1, &r);
	CHECK_INT(r.status, 413);
	check_security_headers(&r, false);
	reply_free(&r);
}

static void test_root_redirect(void)
{
	static const struct { const char *al; const char *want; } cases[] = {
		{ NULL, "/en/" },
		{ "Accept-Language: fr-CA,fr;q=0.9,en;q=0.8\r\n", "/fr/" },
		{ "Accept-Language: en-US,en;q=0.9,fr;q=0.8\r\n", "/en/" },
		{ "Accept-Language: de, fr;q=0.5\r\n", "/fr/" },
		{ "Accept-Language: es\r\n", "/en/" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reply r;
		get("/", cases[i].al, &r);
		CHECK_INT(r.status, 303);
		CHECK(has_header(&r, "Location", cases[i].want));
		check_security_headers(&r, false);
		reply_free(&r);
	}
	struct reply r;
	get("/fr", NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK(has_header(&r, "Location", "/fr/"));
	reply_free(&r);
}

static void test_static(void)
{
	static const struct { const char *name, *type; } files[] = {
		{ "app.css", "text/css; charset=utf-8" },
		{ "app.js", "text/javascript; charset=utf-8" },
	};
	for (size_t i = 0; i < 2; i++) {
		char path[64];
		snprintf(path, sizeof path, "/static/%s", files[i].name);
		struct reply r;
		get(path, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(has_header(&r, "Content-Type", files[i].type));
		const struct static_file *f = static_find(files[i].name);
		CHECK(f != NULL);
		if (f) {
			CHECK_INT(r.body_len, f->len);
			CHECK(r.body_len == f->len && memcmp(r.body, f->data, f->len) == 0);
		}
		reply_free(&r);
	}
	struct reply r;
	get("/static/nope.css", NULL, &r);
	CHECK_INT(r.status, 404);
	reply_free(&r);
	get("/static/APP.CSS", NULL, &r);
	CHECK_INT(r.status, 404);
	reply_free(&r);
	get("/favicon.ico", NULL, &r);
	CHECK_INT(r.status, 204);
	CHECK_INT(r.body_len, 0);
	reply_free(&r);
	req("POST /static/app.css HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", &r);
	CHECK_INT(r.status, 405);
	CHECK(has_header(&r, "Allow", "GET, HEAD"));
	reply_free(&r);
}

static void test_head_and_keepalive(void)
{
	struct reply g, h;
	get("/static/app.js", NULL, &g);
	req("HEAD /static/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &h);
	CHECK_INT(h.status, 200);
	char a[32], b[32];
	CHECK(header(&g, "Content-Length", a, sizeof a) && header(&h, "Content-Length", b, sizeof b)
	      && strcmp(a, b) == 0);
	CHECK_INT(h.body_len, 0);
	check_security_headers(&h, true);
	reply_free(&g);
	reply_free(&h);

	req("HEAD /en/help HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &h);
	CHECK_INT(h.status, 200);
	CHECK_INT(h.body_len, 0);
	reply_free(&h);

	/* Two requests on one connection: the first answer keeps it open. */
	int fd = connect_from(NULL);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	const char one[] = "GET /static/app.css HTTP/1.1\r\nHost: x\r\n\r\n";
	const char two[] = "GET /en/no-such HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	CHECK(send_all(fd, one, sizeof one - 1));
	char buf[65536];
	size_t n = 0;
	/* The first answer: headers, then Content-Length bytes. */
	for (;;) {
		ssize_t k = recv(fd, buf + n, sizeof buf - 1 - n, 0);
		if (k <= 0)
			break;
		n += (size_t)k;
		buf[n] = '\0';
		char *end = strstr(buf, "\r\n\r\n");
		char *cl = strstr(buf, "Content-Length: ");
		if (end && cl && n >= (size_t)(end + 4 - buf) + (size_t)atol(cl + 16))
			break;
	}
	CHECK(strncmp(buf, "HTTP/1.1 200", 12) == 0);
	CHECK(strstr(buf, "Connection: close") == NULL);
	CHECK(send_all(fd, two, sizeof two - 1));
	struct reply r;
	read_reply(fd, &r);
	CHECK_INT(r.status, 404);
	reply_free(&r);
	close(fd);
}

static void test_methods(void)
{
	static const struct { const char *req; int status; const char *allow; } cases[] = {
		{ "PUT /en/ HTTP/1.1\r\n", 405, "GET, HEAD" },
		{ "DELETE /en/interview HTTP/1.1\r\n", 405, "GET, HEAD, POST" },
		{ "OPTIONS /api/assess HTTP/1.1\r\n", 405, "POST" },
		{ "GET /en/results HTTP/1.1\r\n", 405, "POST" },
		{ "HEAD /en/answers.json HTTP/1.1\r\n", 405, "POST" },
		{ "GET /api/pathways HTTP/1.1\r\n", 405, "POST" },
		{ "BREW /en/ HTTP/1.1\r\n", 501, "GET, HEAD, POST" },
		{ "G@T /en/ HTTP/1.1\r\n", 501, "GET, HEAD, POST" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char raw[256];
		int n = snprintf(raw, sizeof raw, "%sHost: x\r\nConnection: close\r\n\r\n", cases[i].req);
		struct reply r;
		request(raw, (size_t)n, &r);
		CHECK_INT(r.status, cases[i].status);
		CHECK(has_header(&r, "Allow", cases[i].allow));
		check_security_headers(&r, false);
		reply_free(&r);
	}
}

static void test_oversized(void)
{
	/* A chunked body past WEB_BODY_MAX: read on, then 413. */
	int fd = connect_from(NULL);
	CHECK(fd >= 0);
	if (fd >= 0) {
		const char head[] = "POST /en/interview HTTP/1.1\r\nHost: x\r\n"
		                    "Content-Type: application/x-www-form-urlencoded\r\n"
		                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
		CHECK(send_all(fd, head, sizeof head - 1));
		char chunk[8192 + 16];
		int k = snprintf(chunk, sizeof chunk, "2000\r\n");
		memset(chunk + k, 'a', 8192);
		memcpy(chunk + k + 8192, "\r\n", 2);
		bool ok = true;
		for (int i = 0; i < 10 && ok; i++)    /* 80 KiB */
			ok = send_all(fd, chunk, (size_t)k + 8192 + 2);
		CHECK(ok && send_all(fd, "0\r\n\r\n", 5));
		struct reply r;
		read_reply(fd, &r);
		CHECK_INT(r.status, 413);
		check_security_headers(&r, false);
		reply_free(&r);
		close(fd);
	}
	/* The same on /api/. */
	const char api[] = "POST /api/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
	                   "Content-Length: 65537\r\nConnection: close\r\n\r\n{";
	struct reply r;
	request(api, sizeof api - 1, &r);
	CHECK_INT(r.status, 413);
	CHECK(has_header(&r, "Content-Type", "application/json; charset=utf-8"));
	CHECK(contains(&r, "\"status\": 413"));
	reply_free(&r);
	/* And the server still answers. */
	get("/static/app.css", NULL, &r);
	CHECK_INT(r.status, 200);
	reply_free(&r);

	/* Headers: past the server's cap, its own 431 with every header; past
	** libmicrohttpd's memory, libmicrohttpd's 431. */
	size_t sizes[] = { SERVER_HEADERS_MAX + 1024, SERVER_MEMORY_LIMIT + 1024 };
	for (size_t i = 0; i < 2; i++) {
		size_t cap = sizes[i] + 256;
		char *raw = malloc(cap);
		if (!raw)
			abort();
		int n = snprintf(raw, cap, "GET /en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: ");
		memset(raw + n, 'p', sizes[i]);
		memcpy(raw + n + sizes[i], "\r\n\r\n", 5);
		request(raw, (size_t)n + sizes[i] + 4, &r);
		CHECK_INT(r.status, 431);
		if (i == 0)
			check_security_headers(&r, false);
		reply_free(&r);
		free(raw);
	}
	/* A target past SERVER_TARGET_MAX, a path past WEB_PATH_MAX. */
	char *raw = malloc(SERVER_TARGET_MAX + 128);
	if (!raw)
		abort();
	int n = snprintf(raw, 64, "GET /en/directory?q=");
	memset(raw + n, 'q', SERVER_TARGET_MAX);
	n += SERVER_TARGET_MAX;
	n += snprintf(raw + n, 64, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	request(raw, (size_t)n, &r);
	CHECK_INT(r.status, 414);
	check_security_headers(&r, false);
	reply_free(&r);
	n = snprintf(raw, 64, "GET /en/");
	memset(raw + n, 'p', WEB_PATH_MAX);
	n += WEB_PATH_MAX;
	n += snprintf(raw + n, 64, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	request(raw, (size_t)n, &r);
	CHECK_INT(r.status, 414);
	reply_free(&r);
	free(raw);
	get("/static/app.js", NULL, &r);
	CHECK_INT(r.status, 200);
	reply_free(&r);
}

static void test_traversal(void)
{
	static const char *const targets[] = {
		"/static/../Makefile", "/static/%2e%2e/Makefile", "/static/%2E%2E/%2E%2E/Makefile",
		"/static/..%2fMakefile", "/static/app.css%00", "/static\\..\\Makefile",
		"/static/%5c..%5cMakefile", "//etc/passwd", "/static/./app.css", "/../../etc/passwd",
		"/static/Makefile", "/static/..", "/en/%ff", "/static/%C0%AE%C0%AE/Makefile",
	};
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		struct reply r;
		get(targets[i], NULL, &r);
		CHECK(r.status == 400 || r.status == 404);
		CHECK(!contains(&r, "VARIANT"));      /* a line of the Makefile */
		CHECK(!contains(&r, "root:"));
		CHECK(!contains(&r, "Makefile"));     /* the path is never echoed */
		check_security_headers(&r, false);
		reply_free(&r);
	}
}

/* A browser id and its token, as a page would have given them. */
static void new_browser(char *cookie_hdr, size_t cap, char *token)
{
	struct reply r;
	get("/en/", NULL, &r);
	char cookie[CSRF_TEXT_MAX] = "";
	CHECK(cookie_of(&r, cookie));
	reply_free(&r);
	snprintf(cookie_hdr, cap, "Cookie: sp_id=%s\r\n", cookie);
	CHECK(web_server_token(srv, cookie, token));
}

static void test_forms(void)
{
	char ck[128], tok[WEB_TOKEN_MAX + 1], body[512];
	new_browser(ck, sizeof ck, tok);
	const char *form = "application/x-www-form-urlencoded";
	struct reply r;

	/* Malformed: named, never echoed. */
	snprintf(body, sizeof body, "csrf=%s&act=next&q=" MARKER "%%zz", tok);
	post("/en/interview", form, ck, body, &r);
	CHECK_INT(r.status, 400);
	CHECK(contains(&r, "not correctly encoded"));
	CHECK(contains(&r, "field named q"));
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	snprintf(body, sizeof body, "csrf=%s&v=" MARKER "%%C0%%AF", tok);
	post("/fr/interview", form, ck, body, &r);
	CHECK_INT(r.status, 400);
	CHECK(contains(&r, "UTF-8"));
	CHECK(contains(&r, "champ nomm"));
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	snprintf(body, sizeof body, "csrf=%s&v=" MARKER "%%00", tok);
	post("/en/results", form, ck, body, &r);
	CHECK_INT(r.status, 400);
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	snprintf(body, sizeof body, "csrf=%s&" MARKER "%%20x=1", tok);
	post("/en/interview", form, ck, body, &r);
	CHECK_INT(r.status, 400);
	CHECK(contains(&r, "field number 2"));
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	get("/en/directory?q=" MARKER "%zz", NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK(contains(&r, "field named q"));
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	get("/api/directory/search?q=" MARKER "%ff", NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK(has_header(&r, "Content-Type", "application/json; charset=utf-8"));
	CHECK(!contains(&r, MARKER));
	reply_free(&r);

	/* CSRF: none, no cookie, a wrong token, another browser's token. */
	post("/en/interview", form, ck, "act=next", &r);
	CHECK_INT(r.status, 403);
	CHECK(contains(&r, "expired"));
	reply_free(&r);
	snprintf(body, sizeof body, "csrf=%s&act=next", tok);
	post("/en/interview", form, NULL, body, &r);
	CHECK_INT(r.status, 403);
	CHECK(header(&r, "Set-Cookie", body, sizeof body) != NULL);   /* a fresh id to start again */
	reply_free(&r);
	post("/en/interview", form, ck, "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&act=next", &r);
	CHECK_INT(r.status, 403);
	reply_free(&r);
	char ck2[128], tok2[WEB_TOKEN_MAX + 1];
	new_browser(ck2, sizeof ck2, tok2);
	CHECK(strcmp(tok, tok2) != 0);
	snprintf(body, sizeof body, "csrf=%s&act=next", tok2);
	post("/en/interview", form, ck, body, &r);
	CHECK_INT(r.status, 403);
	reply_free(&r);

	/* The right token: the handler runs (whatever it answers, the server
	** let it through). */
	snprintf(body, sizeof body, "csrf=%s&act=next", tok);
	post("/en/interview", form, ck, body, &r);
	CHECK(r.status != 400 && r.status != 403 && r.status != 415 && r.status > 0);
	reply_free(&r);

	/* Origin: another site refused, this one accepted. */
	char extra[256];
	snprintf(extra, sizeof extra, "%sOrigin: http://evil.example\r\n", ck);
	post("/en/interview", form, extra, body, &r);
	CHECK_INT(r.status, 403);
	CHECK(contains(&r, "another site"));
	reply_free(&r);
	snprintf(extra, sizeof extra, "%sOrigin: http://127.0.0.1:%u\r\n", ck, port);
	post("/en/interview", form, extra, body, &r);
	CHECK(r.status != 403 && r.status > 0);
	reply_free(&r);
	/* What a browser sends under Referrer-Policy: no-referrer. */
	snprintf(extra, sizeof extra, "%sOrigin: null\r\nSec-Fetch-Site: same-origin\r\n", ck);
	post("/en/interview", form, extra, body, &r);
	CHECK(r.status != 403 && r.status > 0);
	reply_free(&r);
	snprintf(extra, sizeof extra, "%sOrigin: null\r\n", ck);
	post("/en/interview", form, extra, "act=next", &r);
	CHECK_INT(r.status, 403);               /* null and no token */
	reply_free(&r);
	snprintf(extra, sizeof extra, "%sSec-Fetch-Site: cross-site\r\n", ck);
	post("/en/interview", form, extra, body, &r);
	CHECK_INT(r.status, 403);
	CHECK(contains(&r, "another site"));
	reply_free(&r);

	/* Content types. */
	post("/en/interview", "multipart/form-data; boundary=x", ck, body, &r);
	CHECK_INT(r.status, 415);
	reply_free(&r);
	post("/en/interview", "Application/X-WWW-Form-Urlencoded; charset=UTF-8", ck, body, &r);
	CHECK(r.status != 415 && r.status != 403);
	reply_free(&r);
	post("/api/pathways", "text/plain", NULL, "{}", &r);
	CHECK_INT(r.status, 415);
	CHECK(has_header(&r, "Content-Type", "application/json; charset=utf-8"));
	CHECK(contains(&r, "{\"error\": {\"status\": 415"));
	check_security_headers(&r, false);
	reply_free(&r);
	post("/api/pathways", "application/x-www-form-urlencoded", NULL, "a=1", &r);
	CHECK_INT(r.status, 415);
	reply_free(&r);
	post("/api/pathways", "application/json", NULL, "{}", &r);
	CHECK(r.status != 415 && r.status != 403 && r.status > 0);
	reply_free(&r);
	get("/api/nothing", NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK(has_header(&r, "Content-Type", "application/json; charset=utf-8"));
	reply_free(&r);
}

/* Half a request, then nothing: closed after the timeout (1 s), while
** another client is served meanwhile. */
static void test_slow_client(void)
{
	int fd = connect_from(NULL);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	const char half[] = "GET /en/ HTTP/1.1\r\nHost: x\r\nX-Slow: ";
	CHECK(send_all(fd, half, sizeof half - 1));
	struct reply r;
	get("/static/app.css", NULL, &r);
	CHECK_INT(r.status, 200);
	reply_free(&r);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	read_reply(fd, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(r.closed);
	CHECK_INT(r.len, 0);
	CHECK(t1.tv_sec - t0.tv_sec < 5);     /* closed by the server, not our 5 s wait */
	reply_free(&r);
	close(fd);
	get("/static/app.css", NULL, &r);
	CHECK_INT(r.status, 200);
	reply_free(&r);
}

/* PER_IP idle connections from 127.0.0.2: the next one from there is
** refused, one from 127.0.0.1 is served. */
static void test_per_ip_limit(void)
{
	int fds[PER_IP];
	int opened = 0;
	for (int i = 0; i < PER_IP; i++) {
		fds[i] = connect_from("127.0.0.2");
		if (fds[i] >= 0)
			opened++;
	}
	CHECK_INT(opened, PER_IP);
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	nanosleep(&pause, NULL);   /* let the server accept them */
	int extra = connect_from("127.0.0.2");
	CHECK(extra >= 0);         /* the kernel accepts; the server closes at once */
	if (extra >= 0) {
		const char req[] = "GET /static/app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
		(void)send_all(extra, req, sizeof req - 1);
		struct reply r;
		read_reply(extra, &r);
		CHECK(r.closed);
		CHECK(r.status != 200);
		reply_free(&r);
		close(extra);
	}
	struct reply r;
	get("/static/app.css", NULL, &r);
	CHECK_INT(r.status, 200);
	reply_free(&r);
	for (int i = 0; i < PER_IP; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	nanosleep(&pause, NULL);
	int again = connect_from("127.0.0.2");
	CHECK(again >= 0);
	if (again >= 0) {
		const char req[] = "GET /static/app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
		CHECK(send_all(again, req, sizeof req - 1));
		read_reply(again, &r);
		CHECK_INT(r.status, 200);
		reply_free(&r);
		close(again);
	}
}

/* The access log: one line per request with five fields, no path, no query,
** no marker. */
static void check_log(void)
{
	fflush(access_log);
	rewind(access_log);
	char line[512];
	int lines = 0, bad = 0, routes = 0;
	while (fgets(line, sizeof line, access_log)) {
		lines++;
		if (strstr(line, MARKER) || strchr(line, '/') || strchr(line, '?') || strchr(line, '%'))
			bad++;
		if (strstr(line, " interview ") || strstr(line, " static "))
			routes++;
		int fields = 0;
		bool in = false;
		for (const char *p = line; *p && *p != '\n'; p++) {
			if (*p != ' ' && !in)
				fields++;
			in = *p != ' ';
		}
		if (fields != 5)
			bad++;
	}
	CHECK(lines > 40);
	CHECK_INT(bad, 0);
	CHECK(routes > 0);
}

static void run_http_tests(void)
{
	RUN(test_security_headers);
	RUN(test_root_redirect);
	RUN(test_static);
	RUN(test_head_and_keepalive);
	RUN(test_methods);
	RUN(test_oversized);
	RUN(test_traversal);
	RUN(test_forms);
	RUN(test_slow_client);
	RUN(test_per_ip_limit);
}

#endif
