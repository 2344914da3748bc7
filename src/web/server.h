/*
** server.h — the HTTP server of the web application, on libmicrohttpd
** (docs/internals/web.md: limits, statuses, headers).
**
** Starting one, as `safepath serve` and the tests do:
**
**     struct web_config cfg = { .db_path = "x.db" };
**     struct web_app *app;
**     web_app_new(&cfg, &app, why, sizeof why);           (web.h)
**     struct web_server_config sc = { .listen = "127.0.0.1:0", .timeout_s = 2 };
**     struct web_server *srv;
**     web_server_start(app, &sc, &srv, why, sizeof why);
**     ... web_server_port(srv) is the port picked, web_server_url(srv) the
**         address "http://127.0.0.1:PORT/" ...
**     web_server_stop(srv);                               (then web_app_free)
**
** The server runs in its own threads (a pool of libmicrohttpd workers, each
** with an epoll set, or poll where epoll is missing); start returns once the
** socket listens, so a client may connect at once. Scripts and browser tests
** run `safepath serve --listen 127.0.0.1:0` and read the one line it prints
** on standard output, "safepath: serving on http://127.0.0.1:PORT/".
**
** The limits below are enforced before any handler runs; each over-limit
** request gets its status (413, 414, 431...) and is never passed on.
*/
#ifndef SAFEPATH_SERVER_H
#define SAFEPATH_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "web.h"

#define SERVER_LISTEN_DEFAULT "127.0.0.1:8080"
#define SERVER_THREADS_MAX 16              /* worker threads; default: online CPUs */
#define SERVER_CONNECTIONS_DEFAULT 256     /* open connections in all */
#define SERVER_PER_IP_DEFAULT 128          /* open connections from one address (the bench uses 64) */
#define SERVER_CONNECTIONS_MAX 4096        /* cap of both options */
#define SERVER_TIMEOUT_DEFAULT 15          /* seconds a connection may stay idle (slow clients) */
#define SERVER_TIMEOUT_MAX 3600
/* libmicrohttpd's memory per connection: request line, headers and the read
** buffer live in it. A request whose headers do not fit gets libmicrohttpd's
** own 431 (a request line that does not fit, its 414): those two answers
** carry none of the headers below, since no callback runs for them. */
#define SERVER_MEMORY_LIMIT (32u * 1024u)
/* Bytes of header names and values the server itself accepts (431 with the
** usual headers past it); below SERVER_MEMORY_LIMIT so that it is this check
** that a browser with many cookies meets first. */
#define SERVER_HEADERS_MAX (16u * 1024u)
#define SERVER_TARGET_MAX 8192             /* bytes of the request target, query included (414) */
/* A chunked body that outgrows WEB_BODY_MAX is read on and dropped, so that
** the client gets its 413; past this many bytes the connection is closed. */
#define SERVER_DISCARD_MAX (1u << 20)
#define SERVER_URL_MAX 80                  /* "http://[v6 address]:65535/" */

struct web_server_config {
	const char *listen;      /* "HOST:PORT" (127.0.0.1:8080, [::1]:0, localhost:8080); NULL: default */
	bool public_ok;          /* allow an address other than loopback (--public) */
	unsigned threads;        /* 0: online CPUs, at most SERVER_THREADS_MAX */
	unsigned connections;    /* 0: SERVER_CONNECTIONS_DEFAULT */
	unsigned per_ip;         /* 0: SERVER_PER_IP_DEFAULT */
	unsigned timeout_s;      /* 0: SERVER_TIMEOUT_DEFAULT */
	FILE *log;               /* access log, one line per request; NULL: none */
};

struct web_server;

/* Listens and starts serving app (which must outlive the server). On error
** *out is NULL, why (cap) holds an English sentence and the result is
** WEB_ECONFIG (a bad listen address, or one other than loopback without
** public_ok), WEB_ELISTEN (the address is in use, a port needs privileges,
** the threads do not start) or WEB_ENOMEM. */
enum web_err web_server_start(struct web_app *app, const struct web_server_config *cfg,
                              struct web_server **out, char *why, size_t cap);
/* The checks of web_server_start on cfg->listen without opening anything
** (`safepath serve` makes them before it creates a database). */
enum web_err web_server_check(const struct web_server_config *cfg, char *why, size_t cap);
/* Stops accepting, finishes or drops the connections open, joins the
** threads (whose per-thread resources are released then) and frees s. */
void web_server_stop(struct web_server *s);

unsigned web_server_port(const struct web_server *s);
const char *web_server_url(const struct web_server *s);   /* "http://HOST:PORT/" */

/* For tests: the CSRF token this server expects with the browser id held in
** cookie value cookie (the sp_id value of a Set-Cookie it sent). false when
** cookie is not an id. out has WEB_TOKEN_MAX + 1 bytes. */
bool web_server_token(const struct web_server *s, const char *cookie, char *out);

/* An error page like web_error_page with a second sentence, already
** translated (the server's "the problem is in field 3"). */
void web_error_page_detail(const struct web_req *rq, struct web_resp *rs, int status,
                           const char *msgid, const char *detail);

#endif
