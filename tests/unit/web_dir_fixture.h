/*
** web_dir_fixture.h — for test_web_directory.c and test_web_api.c: a small
** directory database with services chosen to exercise every condition the
** pages and the API show (a confidential location, markup in names, an
** unverified entry, a national service, distances), an application on it,
** and a way to call a handler with a hand-built request and keep what it
** answered. Included by one test program each.
*/
#ifndef SAFEPATH_WEB_DIR_FIXTURE_H
#define SAFEPATH_WEB_DIR_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/base/date.h"
#include "../../src/directory/db.h"
#include "../../src/directory/index.h"
#include "../../src/web/form.h"
#include "../../src/web/handlers.h"
#include "../../src/web/web.h"
#include "db_scratch.h"

#define FX_AS_OF "2024-05-01"

static const char fx_sql[] =
	"INSERT INTO organization(id, name) VALUES ('o1', 'Maison Refuge'), "
	" ('o2', 'Workers Action Centre'), ('o3', 'Aide juridique'), ('o4', 'Safe Homes'), "
	" ('o5', 'Hotline Society');"
	"INSERT INTO service(rowid, id, organization_id, name, description, status, province, "
	" status_required, shares_with_enforcement, id_required, asks_status, verified, source, "
	" unverified_note) VALUES "
	"(10, 's1', 'o1', 'Abri de nuit Sécurité', "
	"  'Emergency shelter (hébergement d''urgence) pour femmes et enfants.', 'active', "
	"  'QC', 'none', 'no', 0, 0, '2025-01-10', 'Phoned the intake line', NULL),"
	"(2, 's2', 'o2', 'Labour Rights Clinic', 'Wage recovery and labour standards complaints.', "
	"  'active', 'ON', 'any_valid_status', 'warrant_or_court_order', 1, NULL, NULL, NULL, "
	"  'Phone number not confirmed'),"
	"(3, 's3', 'o3', 'Legal Aid Security Office', 'Conseils juridiques.', "
	"  'active', 'QC', NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
	"(5, 's5', 'o4', 'Confidential Women''s Shelter', 'Shelter at a confidential address.', "
	"  'active', 'QC', 'none', 'no', NULL, NULL, NULL, NULL, NULL),"
	"(6, 's6', 'o1', 'Closed Night Refuge', 'Was open in winter.', 'inactive', 'QC', 'none', "
	"  NULL, NULL, NULL, NULL, NULL, NULL),"
	"(7, 's7', 'o5', 'National Trafficking Hotline', 'A 24/7 line.', 'active', 'CA', 'none', "
	"  'no', 0, 0, '2025-02-01', NULL, NULL),"
	"(8, 's8', 'o5', '<script>alert(1)</script> & \"Quotes\" Clinic', "
	"  'Tom & Jerry''s <b>bold</b> place', 'active', 'ON', NULL, NULL, NULL, NULL, NULL, NULL, "
	"  NULL),"
	"(9, 'a/b c?d', 'o5', 'Odd Id Service', 'An id with a slash and a space.', 'active', 'ON', "
	"  NULL, NULL, NULL, NULL, NULL, NULL, NULL);"
	"INSERT INTO location(id, organization_id, location_type, latitude, longitude, confidential) VALUES "
	"('l1', 'o1', 'physical', 45.5017, -73.5673, 0), ('l2', 'o2', 'physical', 43.6532, -79.3832, 0),"
	"('l3', 'o3', 'physical', 45.6066, -73.7124, 0), ('l5', 'o4', 'physical', 45.51, -73.56, 1);"
	"INSERT INTO service_at_location(id, service_id, location_id) VALUES ('a1', 's1', 'l1'),"
	" ('a2', 's2', 'l2'), ('a3', 's3', 'l3'), ('a5', 's5', 'l5');"
	"INSERT INTO address(id, location_id, address_1, city, state_province, postal_code, country, "
	" address_type) VALUES "
	"('d1', 'l1', '10 Rue Sainte-Catherine', 'Montréal', 'QC', 'H2X 1K4', 'CA', 'physical'),"
	"('d2', 'l2', '5 King St', 'Toronto', 'ON', 'M5H 1A1', 'CA', 'physical'),"
	"('d3', 'l3', '1 Rue Principale', 'Laval', 'QC', 'H7N 1A1', 'CA', 'physical'),"
	"('d5', 'l5', '123 Secret Street', 'Montréal', 'QC', 'H0H 0H0', 'CA', 'physical');"
	"INSERT INTO phone(id, service_id, location_id, number, intake) VALUES "
	"('p1', 's1', NULL, '514-555-0101', 0), ('p2', 's2', NULL, '416-555-0102', 0),"
	"('p5a', NULL, 'l5', '514-555-0199', 1), ('p5b', NULL, 'l5', '514-555-0666', 0),"
	"('p7', 's7', NULL, '1-833-555-0107', 0);"
	"INSERT INTO language(id, service_id, phone_id, code, name) VALUES "
	"('g1', 's1', NULL, 'fr', 'Français'), ('g2', 's1', NULL, 'en', 'English'),"
	"('g3', 's2', NULL, 'en', NULL), ('g5', 's3', NULL, 'fr', NULL), ('g6', 's7', NULL, 'en', NULL),"
	"('g7', 's7', NULL, 'fr', NULL), ('g8', 's7', NULL, 'tl', NULL);"
	"INSERT INTO service_need(service_id, need_id) VALUES ('s1', 'emergency_shelter'),"
	" ('s5', 'emergency_shelter'), ('s6', 'emergency_shelter'), ('s2', 'wage_recovery'),"
	" ('s2', 'labour_standards_complaint'), ('s3', 'legal_aid'), ('s7', 'trafficking_support'),"
	" ('s7', 'emergency_shelter'), ('s8', 'legal_aid');"
	"INSERT INTO schedule(id, service_id, byday, opens_at, closes_at) VALUES "
	" ('h1', 's1', 'MO,TU', '09:00', '17:00');"
	"INSERT INTO required_document(id, service_id, document) VALUES ('r1', 's1', 'Any ID if you have one');"
	"INSERT INTO cost_option(id, service_id, option, amount, currency) VALUES ('c1', 's1', 'Free', 0, 'CAD');";

static struct web_app *fx_app;
static char fx_dir[64], fx_db[128];

/* The database, built before the application opens it. */
static inline int fx_setup(const char *name)
{
	char msg[256], why[256];
	struct db *db = NULL;
	snprintf(fx_dir, sizeof fx_dir, "/tmp/%s.XXXXXX", name);
	if (!mkdtemp(fx_dir))
		return -1;
	snprintf(fx_db, sizeof fx_db, "%s/dir.db", fx_dir);
	if (db_open(fx_db, true, &db, msg, sizeof msg) != DB_OK) {
		fprintf(stderr, "db_open: %s\n", msg);
		return -1;
	}
	if (db_exec(db, fx_sql) != DB_OK || index_rebuild(db) != INDEX_OK) {
		fprintf(stderr, "fixture: %s\n", db_errmsg(db));
		db_close(db);
		return -1;
	}
	db_close(db);
	struct web_config cfg = { .db_path = fx_db };
	if (date_parse(FX_AS_OF, strlen(FX_AS_OF), &cfg.as_of) != DATE_OK)
		return -1;
	if (web_app_new(&cfg, &fx_app, why, sizeof why) != WEB_OK) {
		fprintf(stderr, "web_app_new: %s\n", why);
		return -1;
	}
	return 0;
}

static inline void fx_teardown(void)
{
	web_app_free(fx_app);
	remove_scratch_db(fx_dir, fx_db);
}

/* What a handler answered. */
struct fx_resp {
	int status;
	const char *content_type;
	const char *csp;
	char *body;          /* NUL-terminated copy; "" when empty */
	size_t len;
};

static inline void fx_free(struct fx_resp *r)
{
	free(r->body);
	r->body = NULL;
}

/* Calls h as the server would for METHOD path (rest after /{lang} for a page,
** the whole path for /api), with query string qs and a body. */
static inline struct fx_resp fx_call(web_handler h, enum web_method m, enum lang l, bool page,
                              const char *rest, const char *qs, const char *body,
                              const char *ctype)
{
	struct fx_resp out = { 0 };
	struct form *q = NULL;
	struct form_error fe;
	char path[512];
	if (form_parse(qs, strlen(qs), &q, &fe) != FORM_OK) {
		fprintf(stderr, "form_parse failed on a test query\n");
		abort();
	}
	if (page)
		snprintf(path, sizeof path, "/%s%s", lang_code(l), rest);
	else
		snprintf(path, sizeof path, "%s", rest);
	struct web_req rq = { 0 };
	rq.method = m;
	rq.path = path;
	rq.route_rest = rest;
	rq.lang = l;
	rq.lang_in_path = page;
	rq.query = q;
	rq.body = body;
	rq.body_len = body ? strlen(body) : 0;
	rq.content_type = ctype ? ctype : "";
	rq.accept_language = "";
	rq.csrf_token = "tok";
	rq.app = fx_app;
	rq.thread = web_app_thread(fx_app);
	rq.today = web_app_today(fx_app);
	struct web_resp rs = { 0 };
	rs.status = 200;
	buf_init(&rs.body, WEB_PAGE_MAX);
	h(&rq, &rs);
	out.status = rs.status;
	out.content_type = rs.content_type ? rs.content_type : "text/html; charset=utf-8";
	out.csp = rs.csp;
	out.len = rs.body.len;
	out.body = malloc(rs.body.len + 1);
	if (!out.body)
		abort();
	memcpy(out.body, buf_str(&rs.body), rs.body.len + 1);
	buf_free(&rs.body);
	form_free(q);
	return out;
}

static inline struct fx_resp fx_page(web_handler h, enum lang l, const char *rest, const char *qs)
{
	return fx_call(h, WEB_GET, l, true, rest, qs, NULL, NULL);
}

/* How many times needle occurs in hay. */
static inline int fx_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t k = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + k, needle))
		n++;
	return n;
}

/* The text between the first occurrence of from and the next of to, copied
** into out (cap bytes); "" when not found. */
static inline const char *fx_between(const char *hay, const char *from, const char *to, char *out,
                              size_t cap)
{
	const char *a = strstr(hay, from), *b;
	out[0] = '\0';
	if (!a)
		return out;
	a += strlen(from);
	b = strstr(a, to);
	if (!b)
		return out;
	size_t n = (size_t)(b - a) < cap - 1 ? (size_t)(b - a) : cap - 1;
	memcpy(out, a, n);
	out[n] = '\0';
	return out;
}

#endif
