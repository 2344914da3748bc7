/*
** cmd_serve.c — `safepath serve`: the web application (src/web/) on
** libmicrohttpd until SIGINT or SIGTERM.
**
** Once the socket listens, exactly one line goes to standard output,
** "safepath: serving on http://HOST:PORT/" (in English whatever the
** language: scripts and the browser tests read the port from it, which
** --listen 127.0.0.1:0 leaves to the system). The access log, one line per
** request, goes to standard error unless --quiet. The signals are blocked
** in every thread and taken here with sigwait, so a Ctrl-C stops the server
** cleanly (connections closed, threads joined, the CSRF key wiped) and the
** command exits 0.
*/
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "../directory/db.h"
#include "../web/server.h"
#include "../web/web.h"
#include "cli.h"

void cli_help_serve(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath serve [--listen HOST:PORT] [--db FILE] [--threads N]\n"
	    "                      [--exit-url-en URL] [--exit-url-fr URL] [--as-of YYYY-MM-DD]\n"
	    "                      [--public] [--quiet]\n"
	    "\n"
	    "Serves the web application: the assessment interview, the results, the\n"
	    "directory of services and referral slips, in English and French, with a JSON\n"
	    "API. Nothing a person answers is kept on the server or written to the log.\n"
	    "When the socket listens, one line is printed: safepath: serving on\n"
	    "http://HOST:PORT/. Ctrl-C (or SIGTERM) stops the server.\n"
	    "\n"
	    "Options:\n"
	    "  --listen HOST:PORT  Address to listen on (default 127.0.0.1:8080). Port 0 picks\n"
	    "                      a free port. IPv6 in brackets: [::1]:8080.\n"
	    "  --public            Allow an address other than this computer's own (127.x.x.x,\n"
	    "                      ::1). The pages show a person's answers: without HTTPS in\n"
	    "                      front, anyone on the network could read them.\n"
	    "  --db FILE           The directory database (default: $SAFEPATH_DB if set, else\n"
	    "                      safepath.db in the current folder); created with the seed\n"
	    "                      entries if it does not exist.\n"
	    "  --threads N         Worker threads, 1 to 16 (default: one per processor).\n"
	    "  --connections N     Open connections at most, 1 to 4096 (default 256).\n"
	    "  --per-ip N          Open connections from one address at most, 1 to 4096\n"
	    "                      (default 128).\n"
	    "  --timeout SECONDS   Close a connection idle that long, 1 to 3600 (default 15).\n"
	    "  --exit-url-en URL   Where the quick exit goes on English pages (default\n"
	    "                      https://weather.gc.ca/).\n"
	    "  --exit-url-fr URL   Where it goes on French pages (default https://meteo.gc.ca/).\n"
	    "  --as-of YYYY-MM-DD  Read the law as it stood on that day (default: today, on\n"
	    "                      each request).\n"
	    "  --quiet             No access log on standard error.\n"
	    "  --lang en|fr        Language of the messages of this command.\n"
	    "\n"
	    "Exit status: 0 stopped by a signal; 2 bad usage (including an address other\n"
	    "than loopback without --public); 1 the server could not start.\n"), stdout);
}

/* A whole number from lo to hi; 0 when s is NULL (the default). */
static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	*out = 0;
	if (!s)
		return 0;
	unsigned v = 0;
	if (!*s || strlen(s) > 5)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int cli_serve(int argc, char **argv, enum lang lang)
{
	const char *listen_arg = NULL, *db_arg = NULL, *threads_arg = NULL, *conns_arg = NULL;
	const char *per_ip_arg = NULL, *timeout_arg = NULL, *exit_en = NULL, *exit_fr = NULL;
	const char *as_of_arg = NULL, *lang_arg = NULL;
	bool public_ok = false, quiet = false, help = false;
	const struct cli_opt opts[] = {
		{ "--listen", true, &listen_arg, NULL },
		{ "--db", true, &db_arg, NULL },
		{ "--threads", true, &threads_arg, NULL },
		{ "--connections", true, &conns_arg, NULL },
		{ "--per-ip", true, &per_ip_arg, NULL },
		{ "--timeout", true, &timeout_arg, NULL },
		{ "--exit-url-en", true, &exit_en, NULL },
		{ "--exit-url-fr", true, &exit_fr, NULL },
		{ "--as-of", true, &as_of_arg, NULL },
		{ "--lang", true, &lang_arg, NULL },     /* already applied by main */
		{ "--public", false, NULL, &public_ok },
		{ "--quiet", false, NULL, &quiet },
	};
	const char *pos[1];
	size_t npos;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 1, &npos, &help,
	                        "serve", lang);
	if (rc)
		return rc;
	if (help) {
		cli_help_serve(lang);
		return CLI_EXIT_OK;
	}
	if (npos)
		return cli_usage_error(lang, "serve", "%s", TR(lang, "serve takes no file name; use --db FILE"));
	struct web_server_config sc = { .listen = listen_arg, .public_ok = public_ok,
	                                .log = quiet ? NULL : stderr };
	if (parse_uint(threads_arg, 1, SERVER_THREADS_MAX, &sc.threads) != 0)
		return cli_usage_error(lang, "serve", "%s", TR(lang, "--threads must be a whole number from 1 to 16"));
	if (parse_uint(conns_arg, 1, SERVER_CONNECTIONS_MAX, &sc.connections) != 0)
		return cli_usage_error(lang, "serve", "%s", TR(lang, "--connections must be a whole number from 1 to 4096"));
	if (parse_uint(per_ip_arg, 1, SERVER_CONNECTIONS_MAX, &sc.per_ip) != 0)
		return cli_usage_error(lang, "serve", "%s", TR(lang, "--per-ip must be a whole number from 1 to 4096"));
	if (parse_uint(timeout_arg, 1, SERVER_TIMEOUT_MAX, &sc.timeout_s) != 0)
		return cli_usage_error(lang, "serve", "%s", TR(lang, "--timeout must be a whole number of seconds from 1 to 3600"));
	struct web_config cfg = { .db_path = db_default_path(db_arg), .exit_url_en = exit_en,
	                          .exit_url_fr = exit_fr };
	if (as_of_arg && cli_parse_as_of(as_of_arg, lang, &cfg.as_of) != 0)
		return CLI_EXIT_USAGE;

	/* Blocked before any thread starts, so that every thread inherits the
	** mask and the signals wait for sigwait below. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &sigs, NULL) != 0) {
		cli_error(lang, "%s", TR(lang, "cannot start the server"));
		return CLI_EXIT_FAIL;
	}

	char why[256];
	if (web_server_check(&sc, why, sizeof why) != WEB_OK)
		return cli_usage_error(lang, "serve", "%s", TR(lang, why));
	/* SQLite's memory statistics take a global mutex on every allocation,
	** which the worker threads would contend for; nothing here reads them.
	** Must come before SQLite's first use, and failing is harmless. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	struct stat st;
	bool existed = lstat(cfg.db_path, &st) == 0;
	struct web_app *app = NULL;
	enum web_err e = web_app_new(&cfg, &app, why, sizeof why);
	if (e != WEB_OK) {
		cli_error(lang, "%s", TR(lang, why));
		return e == WEB_ECONFIG ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
	}
	if (!existed)
		cli_error(lang, "%s", TR(lang, "created the directory database with the seed entries"));
	struct web_server *srv = NULL;
	e = web_server_start(app, &sc, &srv, why, sizeof why);
	if (e != WEB_OK) {
		web_app_free(app);
		cli_error(lang, "%s", TR(lang, why));
		return e == WEB_ECONFIG ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
	}
	printf("safepath: serving on %s\n", web_server_url(srv));
	if (fflush(stdout) != 0) {
		web_server_stop(srv);
		web_app_free(app);
		cli_error(lang, "%s", TR(lang, "cannot write the output"));
		return CLI_EXIT_FAIL;
	}
	int sig = 0;
	while (sigwait(&sigs, &sig) != 0) {}
	web_server_stop(srv);
	web_app_free(app);
	return CLI_EXIT_OK;
}
