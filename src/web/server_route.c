/*
** server_route.c — the server's boundary without libmicrohttpd (serverInt.h):
** the routing table of docs/internals/web.md, the strict decoding of the
** request target, the few header values the server reads, and the
** listening socket.
**
** The path is decoded once, here, and every check is made on both the raw
** and the decoded text, so "%2e%2e" is as much a ".." as ".." is and "%2f"
** cannot hide a segment. Nothing maps a path to a file: /static/ names are
** looked up among the embedded files, so even a path that passed every check
** could not reach the file system.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../base/utf8.h"
#include "handlers.h"
#include "serverInt.h"

#define LISTEN_HOST_MAX 64
#define LISTEN_BACKLOG 511
#define ACCEPT_LANGUAGE_MAX 1024   /* bytes of the header looked at */

static const char ALLOW_GET[] = "GET, HEAD";
static const char ALLOW_POST[] = "POST";
static const char ALLOW_BOTH[] = "GET, HEAD, POST";

static const struct server_route routes[] = {
	{ "root", ROUTE_ROOT, false, "/", false, NULL, NULL, ALLOW_GET },
	{ "favicon", ROUTE_FAVICON, false, "/favicon.ico", false, NULL, NULL, ALLOW_GET },
	{ "static", ROUTE_STATIC, false, "/static/", true, NULL, NULL, ALLOW_GET },
	{ "start", ROUTE_HTML, true, "/", false, h_start, NULL, ALLOW_GET },
	{ "help", ROUTE_HTML, true, "/help", false, h_help, NULL, ALLOW_GET },
	{ "interview", ROUTE_HTML, true, "/interview", false, h_interview, h_interview, ALLOW_BOTH },
	{ "results", ROUTE_HTML, true, "/results", false, NULL, h_results, ALLOW_POST },
	{ "answers", ROUTE_HTML, true, "/answers.json", false, NULL, h_answers_download, ALLOW_POST },
	{ "directory", ROUTE_HTML, true, "/directory", false, h_directory, NULL, ALLOW_GET },
	{ "service", ROUTE_HTML, true, "/directory/services/", true, h_service, NULL, ALLOW_GET },
	{ "slip", ROUTE_HTML, true, "/directory/slip", false, h_slip, NULL, ALLOW_GET },
	{ "api_pathways", ROUTE_API, false, "/api/pathways", false, NULL, h_api_pathways, ALLOW_POST },
	{ "api_assess", ROUTE_API, false, "/api/assess", false, NULL, h_api_assess, ALLOW_POST },
	{ "api_search", ROUTE_API, false, "/api/directory/search", false, h_api_search, NULL, ALLOW_GET },
	{ "api_service", ROUTE_API, false, "/api/directory/services/", true, h_api_service, NULL,
	  ALLOW_GET },
};

static const struct server_route lang_root = {
	"lang_root", ROUTE_LANG_ROOT, false, "", false, NULL, NULL, ALLOW_GET
};

enum method_kind server_method_kind(const char *m)
{
	static const char *const other[] = { "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" };
	if (!m)
		return MK_UNKNOWN;
	if (strcmp(m, "GET") == 0) return MK_GET;
	if (strcmp(m, "HEAD") == 0) return MK_HEAD;
	if (strcmp(m, "POST") == 0) return MK_POST;
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		if (strcmp(m, other[i]) == 0)
			return MK_OTHER;
	return MK_UNKNOWN;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	return n >= p && memcmp(s, prefix, p) == 0;
}

int server_parse_target(const char *target, struct server_target *t, char *path, size_t cap)
{
	const char *q = strchr(target, '?');
	size_t n = q ? (size_t)(q - target) : strlen(target);
	t->query = q ? q + 1 : "";
	t->query_len = q ? strlen(q + 1) : 0;
	t->api = starts(target, n, "/api/");
	t->lang = (starts(target, n, "/fr/") || (n == 3 && memcmp(target, "/fr", 3) == 0)) ? LANG_FR
	                                                                                   : LANG_EN;
	path[0] = '\0';
	if (n > WEB_PATH_MAX || n >= cap)
		return 414;
	if (n == 0 || target[0] != '/' || strchr(target, '#'))
		return 400;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)target[i];
		if (c <= 0x20 || c >= 0x7f || c == '\\')
			return 400;
		if (c == '%') {
			int hi = i + 2 < n ? hexval((unsigned char)target[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)target[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return 400;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
			/* An encoded '/' or '\' would make a segment the router cannot
			** see; a control byte has no place in a path. */
			if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
				return 400;
		}
		path[o++] = (char)c;
	}
	path[o] = '\0';
	if (utf8_check((const unsigned char *)path, o) != o)
		return 400;
	/* Segments: none empty but the last ("/en/"), none "." or "..". */
	for (const char *seg = path + 1;;) {
		const char *slash = strchr(seg, '/');
		size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
		if ((len == 0 && slash) || (len == 1 && seg[0] == '.')
		    || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return 400;
		if (!slash)
			break;
		seg = slash + 1;
	}
	return 0;
}

static bool route_matches(const struct server_route *r, const char *rest)
{
	if (!r->prefix)
		return strcmp(rest, r->rest) == 0;
	size_t n = strlen(r->rest);
	if (strncmp(rest, r->rest, n) != 0)
		return false;
	const char *id = rest + n;
	return *id && !strchr(id, '/');
}

const struct server_route *server_route_find(const char *path, const char **rest,
                                             bool *lang_in_path)
{
	*rest = path;
	*lang_in_path = false;
	bool lang = strncmp(path, "/en", 3) == 0 || strncmp(path, "/fr", 3) == 0;
	if (lang && path[3] == '\0') {
		*lang_in_path = true;
		*rest = "/";
		return &lang_root;
	}
	if (lang && path[3] == '/') {
		*lang_in_path = true;
		*rest = path + 3;
	}
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (routes[i].lang_prefix == *lang_in_path && route_matches(&routes[i], *rest))
			return &routes[i];
	return NULL;
}

enum lang server_pick_lang(const char *al)
{
	enum lang best = LANG_EN;
	int bestq = 0;
	if (!al)
		return best;
	size_t n = strnlen(al, ACCEPT_LANGUAGE_MAX);
	size_t i = 0;
	while (i < n) {
		while (i < n && (al[i] == ' ' || al[i] == '\t' || al[i] == ','))
			i++;
		size_t tag = i;
		while (i < n && al[i] != ',' && al[i] != ';' && al[i] != ' ' && al[i] != '\t')
			i++;
		size_t tlen = i - tag;
		int q = 1000;
		/* Parameters up to the next ',': only q counts. */
		while (i < n && al[i] != ',') {
			if (al[i] == ';') {
				size_t k = i + 1;
				while (k < n && (al[k] == ' ' || al[k] == '\t'))
					k++;
				if (k + 1 < n && (al[k] == 'q' || al[k] == 'Q') && al[k + 1] == '=') {
					k += 2;
					int v = 0, digits = 0, scale = 1000;
					if (k < n && (al[k] == '0' || al[k] == '1')) {
						v = (al[k] - '0') * 1000;
						k++;
						if (k < n && al[k] == '.') {
							k++;
							while (k < n && al[k] >= '0' && al[k] <= '9' && digits < 3) {
								scale /= 10;
								v += (al[k] - '0') * scale;
								k++;
								digits++;
							}
						}
						q = v > 1000 ? 1000 : v;
					} else {
						q = 0;   /* unreadable: not acceptable */
					}
				}
				i = k > i ? k : i + 1;
				continue;
			}
			i++;
		}
		enum lang l = LANG_EN;
		bool known = false;
		if (tlen >= 2 && (tlen == 2 || al[tag + 2] == '-')) {
			if (strncasecmp(al + tag, "fr", 2) == 0) {
				l = LANG_FR;
				known = true;
			} else if (strncasecmp(al + tag, "en", 2) == 0) {
				l = LANG_EN;
				known = true;
			}
		}
		if (known && q > bestq) {
			best = l;
			bestq = q;
		}
	}
	return best;
}

void server_media_type(const char *header, char *out, size_t cap)
{
	out[0] = '\0';
	if (!header || cap == 0)
		return;
	while (*header == ' ' || *header == '\t')
		header++;
	size_t n = strcspn(header, ";");
	while (n > 0 && (header[n - 1] == ' ' || header[n - 1] == '\t'))
		n--;
	if (n >= cap)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = header[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
}

bool server_length_ok(const char *value, size_t max)
{
	size_t v = 0;
	if (!*value)
		return false;
	for (const char *p = value; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (size_t)(*p - '0');
		if (v > max)
			return false;
	}
	return true;
}

bool server_origin_ok(const char *origin, const char *host)
{
	if (!host || !*host)
		return false;
	const char *rest = strncmp(origin, "http://", 7) == 0    ? origin + 7
	                   : strncmp(origin, "https://", 8) == 0 ? origin + 8
	                                                         : NULL;
	return rest && strcasecmp(rest, host) == 0;
}

unsigned server_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > SERVER_THREADS_MAX ? SERVER_THREADS_MAX : (unsigned)n;
}

static void set_why(char *why, size_t cap, const char *msg)
{
	if (why && cap)
		snprintf(why, cap, "%s", msg);
}

static bool parse_port(const char *s, unsigned *port)
{
	unsigned v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 5)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > 65535)
		return false;
	*port = v;
	return true;
}

/* The address of cfg->listen, checked (loopback unless public_ok). */
static enum web_err parse_listen(const struct web_server_config *cfg, struct sockaddr_storage *addr,
                                 socklen_t *addr_len, bool *is_v6, char *why, size_t cap)
{
	static const char bad_spec[] = "--listen must be HOST:PORT: an IP address (IPv6 in "
	                               "brackets) or localhost, and a port from 0 to 65535";
	const char *spec = cfg->listen && *cfg->listen ? cfg->listen : SERVER_LISTEN_DEFAULT;
	char host[LISTEN_HOST_MAX];
	const char *port_text;
	bool v6 = spec[0] == '[';
	size_t hlen;
	if (v6) {
		const char *close_br = strchr(spec, ']');
		if (!close_br || close_br[1] != ':') {
			set_why(why, cap, bad_spec);
			return WEB_ECONFIG;
		}
		hlen = (size_t)(close_br - spec - 1);
		port_text = close_br + 2;
		spec++;
	} else {
		const char *colon = strrchr(spec, ':');
		if (!colon) {
			set_why(why, cap, bad_spec);
			return WEB_ECONFIG;
		}
		hlen = (size_t)(colon - spec);
		port_text = colon + 1;
	}
	unsigned port;
	if (hlen == 0 || hlen >= sizeof host || !parse_port(port_text, &port)) {
		set_why(why, cap, bad_spec);
		return WEB_ECONFIG;
	}
	memcpy(host, spec, hlen);
	host[hlen] = '\0';
	if (!v6 && strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");

	struct sockaddr_storage ss;
	socklen_t sslen;
	bool loopback;
	memset(&ss, 0, sizeof ss);
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1) {
			set_why(why, cap, bad_spec);
			return WEB_ECONFIG;
		}
		loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
		sslen = sizeof *a;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (strchr(host, ':') || inet_pton(AF_INET, host, &a->sin_addr) != 1) {
			set_why(why, cap, bad_spec);
			return WEB_ECONFIG;
		}
		loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
		sslen = sizeof *a;
	}
	if (!loopback && !cfg->public_ok) {
		set_why(why, cap, "this address can be reached from other computers; the pages show "
		                  "a person's answers, so add --public only if that is what you want");
		return WEB_ECONFIG;
	}

	*addr = ss;
	*addr_len = sslen;
	*is_v6 = v6;
	return WEB_OK;
}

enum web_err server_listen_check(const struct web_server_config *cfg, char *why, size_t cap)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	bool v6;
	return parse_listen(cfg, &ss, &sslen, &v6, why, cap);
}

enum web_err server_listen_open(const struct web_server_config *cfg, struct server_listen *out,
                                char *why, size_t cap)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	bool v6;
	memset(out, 0, sizeof *out);
	out->fd = -1;
	enum web_err e = parse_listen(cfg, &ss, &sslen, &v6, why, cap);
	if (e != WEB_OK)
		return e;
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		set_why(why, cap, "cannot open a socket");
		return WEB_ELISTEN;
	}
	int one = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (v6)
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, sslen) != 0 || listen(fd, LISTEN_BACKLOG) != 0) {
		int err = errno;
		close(fd);
		set_why(why, cap, err == EADDRINUSE ? "the address is already in use (is another server running on that port?)"
		                  : err == EACCES ? "permission denied for that port (ports under 1024 need privileges)"
		                  : "cannot listen on that address");
		return WEB_ELISTEN;
	}
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	if (getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
		close(fd);
		set_why(why, cap, "cannot listen on that address");
		return WEB_ELISTEN;
	}
	char text[INET6_ADDRSTRLEN];
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&bound;
		out->port = ntohs(a->sin6_port);
		inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
		snprintf(out->url, sizeof out->url, "http://[%s]:%u/", text, out->port);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&bound;
		out->port = ntohs(a->sin_port);
		inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
		snprintf(out->url, sizeof out->url, "http://%s:%u/", text, out->port);
	}
	out->fd = fd;
	out->v6 = v6;
	return WEB_OK;
}
