/*
** app.c — the web application (web.h): what every request shares (the two
** rule sets checked to fit together, the needs vocabulary, the settings) and
** what each worker thread keeps for itself (a database connection, a search
** context, an answers object and an assessment), plus the error pages and
** redirects the handlers share.
**
** Per-thread resources hang on a pthread key: libmicrohttpd's worker threads
** open theirs on first use and the key's destructor closes them when the
** thread ends (MHD_stop_daemon joins the workers, so that happens before
** web_app_free). Every thread's resources are also on a list under a mutex,
** so web_app_free releases what a thread that never ended still held (the
** caller's own thread in the unit tests).
**
** SQLite handles are opened with SQLITE_OPEN_NOMUTEX (db.c): each belongs to
** one thread, which is why they are per thread and never shared. db.h has no
** read-only mode (db_open runs the migrations and the needs sync, both of
** which write nothing when the file is current); the busy timeout db.c sets
** (5 s) covers an import running next to the server.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../assess/assess.h"
#include "../base/date.h"
#include "../base/diag.h"
#include "../directory/db.h"
#include "../directory/needs.h"
#include "../directory/search.h"
#include "../directory/seed.h"
#include "../rules/embedded.h"
#include "handlers.h"
#include "html.h"
#include "page.h"
#include "server.h"
#include "web.h"

#define APP_URL_MAX 256                 /* bytes of a quick-exit address */
/* The quick exit's default neutral sites: Environment Canada's weather
** forecasts, in each language (--exit-url-en / --exit-url-fr replace them). */
#define APP_EXIT_EN "https://weather.gc.ca/"
#define APP_EXIT_FR "https://meteo.gc.ca/"

struct web_thread {
	struct web_app *app;
	struct db *db;
	struct dir_search *search;
	struct answers *ans;
	struct assessment *x;
	struct web_thread *prev, *next;   /* on app->threads */
};

struct web_app {
	char db_path[SEED_PATH_MAX];
	char exit_en[APP_URL_MAX + 1], exit_fr[APP_URL_MAX + 1];
	int32_t as_of;
	struct ruleset *cont, *fed;
	struct assess *a;
	struct needs *needs;
	pthread_key_t key;
	bool key_made;
	pthread_mutex_t lock;             /* guards threads */
	struct web_thread *threads;
};

static void set_why(char *why, size_t cap, const char *msg)
{
	if (why && cap)
		snprintf(why, cap, "%s", msg);
}

/* An absolute http(s) address of printable ASCII without spaces or quotes: it
** goes into an attribute (escaped anyway) and must not be a javascript: URL. */
static bool valid_exit_url(const char *u)
{
	size_t n = strlen(u);
	if (n > APP_URL_MAX)
		return false;
	size_t scheme = strncmp(u, "https://", 8) == 0 ? 8 : strncmp(u, "http://", 7) == 0 ? 7 : 0;
	if (scheme == 0 || n == scheme)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\')
			return false;
	}
	return true;
}

static void thread_close(struct web_thread *t)
{
	search_free(t->search);
	db_close(t->db);
	answers_free(t->ans);
	assessment_free(t->x);
	free(t);
}

/* The key's destructor: the worker thread is ending. */
static void thread_end(void *p)
{
	struct web_thread *t = p;
	struct web_app *app = t->app;
	pthread_mutex_lock(&app->lock);
	if (t->prev) t->prev->next = t->next;
	else app->threads = t->next;
	if (t->next) t->next->prev = t->prev;
	pthread_mutex_unlock(&app->lock);
	thread_close(t);
}

static enum web_err load_rules(const struct rules_source *src, size_t n, struct ruleset **out)
{
	struct diaglist d;
	diag_init(&d);
	enum rules_err e = rules_load(src, n, out, &d);
	diag_free(&d);
	if (e == RULES_OK && *out)
		return WEB_OK;
	*out = NULL;
	return e == RULES_ENOMEM ? WEB_ENOMEM : WEB_ERULES;
}

/* Creates the database with the seed entries when path does not exist, then
** opens it once to run the migrations and the needs sync (so the workers'
** opens write nothing) and to make sure it is a directory database. */
static enum web_err prepare_db(const char *path, char *why, size_t cap)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		enum seed_err se = seed_create(path, NULL, NULL);
		if (se != SEED_OK) {
			set_why(why, cap, "cannot create the directory database with the seed entries");
			return WEB_EDB;
		}
	}
	struct db *db = NULL;
	char msg[256];
	if (db_open(path, false, &db, msg, sizeof msg) != DB_OK) {
		set_why(why, cap, "cannot open the directory database");
		return WEB_EDB;
	}
	db_close(db);
	return WEB_OK;
}

enum web_err web_app_new(const struct web_config *cfg, struct web_app **out, char *why, size_t cap)
{
	*out = NULL;
	set_why(why, cap, "");
	const char *en = cfg->exit_url_en && *cfg->exit_url_en ? cfg->exit_url_en : APP_EXIT_EN;
	const char *fr = cfg->exit_url_fr && *cfg->exit_url_fr ? cfg->exit_url_fr : APP_EXIT_FR;
	if (!valid_exit_url(en) || !valid_exit_url(fr)) {
		set_why(why, cap, "the quick-exit address must start with https:// or http:// and "
		                  "hold no space or quote (at most 256 characters)");
		return WEB_ECONFIG;
	}
	if (!cfg->db_path || !*cfg->db_path || strlen(cfg->db_path) >= SEED_PATH_MAX - 32) {
		set_why(why, cap, "the database path is empty or too long");
		return WEB_ECONFIG;
	}
	struct web_app *app = calloc(1, sizeof *app);
	if (!app) {
		set_why(why, cap, "not enough memory");
		return WEB_ENOMEM;
	}
	snprintf(app->db_path, sizeof app->db_path, "%s", cfg->db_path);
	snprintf(app->exit_en, sizeof app->exit_en, "%s", en);
	snprintf(app->exit_fr, sizeof app->exit_fr, "%s", fr);
	app->as_of = cfg->as_of;
	if (pthread_mutex_init(&app->lock, NULL) != 0) {
		free(app);
		set_why(why, cap, "not enough memory");
		return WEB_ENOMEM;
	}
	enum web_err e = WEB_OK;
	if (pthread_key_create(&app->key, thread_end) != 0)
		e = WEB_ENOMEM;
	else
		app->key_made = true;
	if (e == WEB_OK) e = load_rules(embedded_continuum, embedded_continuum_count, &app->cont);
	if (e == WEB_OK) e = load_rules(embedded_federal, embedded_federal_count, &app->fed);
	if (e == WEB_OK) {
		char w[256];
		enum assess_err ae = assess_new(app->cont, app->fed, &app->a, w, sizeof w);
		if (ae != ASSESS_OK)
			e = ae == ASSESS_ENOMEM ? WEB_ENOMEM : WEB_ERULES;
	}
	if (e == WEB_OK) {
		char w[256];
		enum needs_err ne = needs_load_embedded(&app->needs, w, sizeof w);
		if (ne != NEEDS_OK)
			e = ne == NEEDS_ENOMEM ? WEB_ENOMEM : WEB_ERULES;
	}
	if (e == WEB_ERULES)
		set_why(why, cap, "the built-in rule sets do not load; this is a bug in safepath");
	else if (e == WEB_ENOMEM)
		set_why(why, cap, "not enough memory");
	if (e == WEB_OK)
		e = prepare_db(app->db_path, why, cap);
	if (e != WEB_OK) {
		web_app_free(app);
		return e;
	}
	*out = app;
	return WEB_OK;
}

void web_app_free(struct web_app *app)
{
	if (!app)
		return;
	if (app->key_made) {
		/* The caller's own thread, then any other left (none once the
		** server's workers are joined). */
		struct web_thread *mine = pthread_getspecific(app->key);
		if (mine) {
			pthread_setspecific(app->key, NULL);
			thread_end(mine);
		}
		pthread_mutex_lock(&app->lock);
		struct web_thread *t = app->threads;
		app->threads = NULL;
		pthread_mutex_unlock(&app->lock);
		while (t) {
			struct web_thread *next = t->next;
			thread_close(t);
			t = next;
		}
		pthread_key_delete(app->key);
	}
	pthread_mutex_destroy(&app->lock);
	needs_free(app->needs);
	assess_free(app->a);
	rules_free(app->cont);
	rules_free(app->fed);
	free(app);
}

const struct assess *web_app_assess(const struct web_app *app) { return app->a; }
const struct needs *web_app_needs(const struct web_app *app) { return app->needs; }

const char *web_app_exit_url(const struct web_app *app, enum lang lang)
{
	return lang == LANG_FR ? app->exit_fr : app->exit_en;
}

int32_t web_app_today(const struct web_app *app)
{
	return app->as_of ? app->as_of : date_today();
}

struct web_thread *web_app_thread(struct web_app *app)
{
	struct web_thread *t = pthread_getspecific(app->key);
	if (t)
		return t;
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->app = app;
	if (pthread_setspecific(app->key, t) != 0) {
		free(t);
		return NULL;
	}
	pthread_mutex_lock(&app->lock);
	t->next = app->threads;
	if (t->next) t->next->prev = t;
	app->threads = t;
	pthread_mutex_unlock(&app->lock);
	return t;
}

/* ---- per thread, opened on first use ---- */

struct db *web_thread_db(struct web_thread *t)
{
	if (!t)
		return NULL;
	if (!t->db) {
		char msg[256];
		/* A failure is not remembered: the next request tries again (the
		** file may be back after an import or a disk-full condition). */
		if (db_open(t->app->db_path, false, &t->db, msg, sizeof msg) != DB_OK)
			t->db = NULL;
	}
	return t->db;
}

struct dir_search *web_thread_search(struct web_thread *t)
{
	if (!t)
		return NULL;
	if (!t->search) {
		struct db *db = web_thread_db(t);
		if (db)
			t->search = search_new(db);
	}
	return t->search;
}

struct answers *web_thread_answers(struct web_thread *t)
{
	if (!t)
		return NULL;
	if (!t->ans)
		t->ans = answers_new(t->app->a);
	return t->ans;
}

struct assessment *web_thread_assessment(struct web_thread *t)
{
	if (!t)
		return NULL;
	if (!t->x)
		t->x = assessment_new(t->app->a);
	return t->x;
}

/* ---- responses shared by the handlers ---- */

static const char *status_title(int status)
{
	switch (status) {
	case 400: return N_("The request could not be read");
	case 403: return N_("This action is not allowed");
	case 404: return N_("Page not found");
	case 405: return N_("This page cannot be used this way");
	case 413: return N_("Too much was sent");
	case 414: return N_("The address is too long");
	case 415: return N_("This kind of content is not accepted");
	case 431: return N_("The request headers are too large");
	case 501: return N_("This page is not available yet");
	case 503: return N_("The service is busy or unavailable");
	default: return N_("Something went wrong");
	}
}

void web_error_page_detail(const struct web_req *rq, struct web_resp *rs, int status,
                           const char *msgid, const char *detail)
{
	enum lang l = rq->lang;
	buf_reset(&rs->body);
	rs->status = status;
	rs->content_type = "text/html; charset=utf-8";
	rs->cache = WEB_NO_STORE;
	rs->csp = NULL;
	rs->location[0] = '\0';
	rs->download_name[0] = '\0';
	struct html h = { &rs->body };
	struct page_opts o = { .title = TR(l, status_title(status)) };
	page_begin(&h, rq, &o);
	html_lit(&h, "<p id=\"error-message\" class=\"error-message\">");
	html_text(&h, msgid ? TR(l, msgid) : "");
	if (detail && *detail) {
		html_lit(&h, " ");
		html_text(&h, detail);
	}
	html_lit(&h, "</p>\n<p><a id=\"error-start\" href=\"");
	html_attr(&h, page_prefix(l));
	html_lit(&h, "/\">");
	html_text(&h, TR(l, "Go to the start page"));
	html_lit(&h, "</a></p>\n");
	page_end(&h, rq);
}

void web_error_page(const struct web_req *rq, struct web_resp *rs, int status, const char *msgid)
{
	web_error_page_detail(rq, rs, status, msgid, NULL);
}

void web_json_error(struct web_resp *rs, int status, const char *message)
{
	buf_reset(&rs->body);
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	rs->cache = WEB_NO_STORE;
	rs->csp = NULL;
	rs->location[0] = '\0';
	rs->download_name[0] = '\0';
	buf_printf(&rs->body, "{\"error\": {\"status\": %d, \"message\": ", status);
	buf_json_str(&rs->body, message ? message : "");
	buf_puts(&rs->body, "}}\n");
}

void web_redirect(struct web_resp *rs, const char *location)
{
	size_t n = location ? strlen(location) : 0;
	if (n == 0 || n >= sizeof rs->location) {
		/* A target that does not fit is a bug in the caller: better a 500
		** than a redirect somewhere else. */
		rs->status = 500;
		rs->location[0] = '\0';
		return;
	}
	memcpy(rs->location, location, n + 1);
	rs->status = 303;
}
