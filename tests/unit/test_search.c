/*
** test_search.c — directory search and referral slips on a small directory
** built here with SQL (the full-text and R*Tree indexes filled by index.c, as
** the importer fills them): accent folding, prefix and AND, each filter alone
** and together, radius and distance order, confidential locations, the typo
** fallback, JSON key order, a change of data seen by a live context, and the
** slip's escaping and confidentiality. (The query parser: test_search_query.c.)
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/base/json.h"
#include "../../src/directory/db.h"
#include "../../src/directory/index.h"
#include "../../src/directory/query.h"
#include "../../src/directory/search.h"
#include "../../src/directory/searchInt.h"
#include "../../src/directory/slip.h"
#include "test.h"

static char dir[] = "/tmp/safepath-test-search-XXXXXX";
static struct db *db;
static struct dir_search *srch;

#define MTL_LAT 45.5017
#define MTL_LON (-73.5673)

/* Explicit service rowids: s1 gets 10, so a tie in rank is broken by distance
** in one test and by rowid in another. */
static const char fixture[] =
	"INSERT INTO organization(id, name) VALUES ('o1', 'Maison Refuge'), "
	" ('o2', 'Workers Action Centre'), ('o3', 'Aide juridique'), ('o4', 'Safe Homes'), "
	" ('o5', 'Hotline Society');"
	"INSERT INTO service(rowid, id, organization_id, name, description, status, province, "
	" status_required, shares_with_enforcement, id_required, asks_status, verified, source) VALUES "
	"(10, 's1', 'o1', 'Abri de nuit Sécurité', "
	"  'Emergency shelter (hébergement d''urgence) pour femmes et enfants. Drop in.', 'active', "
	"  'QC', 'none', 'no', 0, 0, '2025-01-10', 'Phoned the intake line'),"
	"(2, 's2', 'o2', 'Labour Rights Clinic', 'Wage recovery and labour standards complaints.', "
	"  'active', 'ON', 'any_valid_status', 'warrant_or_court_order', 1, NULL, NULL, NULL),"
	"(3, 's3', 'o3', 'Legal Aid Security Office', 'Conseils en securite juridique. Drop in clinic.', "
	"  'active', 'QC', NULL, NULL, NULL, NULL, NULL, NULL),"
	"(4, 's4', 'o1', 'Night Shelter North', 'Beds for the night.', 'active', 'QC', 'none', "
	"  NULL, NULL, NULL, NULL, NULL),"
	"(5, 's5', 'o4', 'Confidential Women''s Shelter', 'Shelter at a confidential address.', "
	"  'active', 'QC', 'none', 'no', NULL, NULL, NULL, NULL),"
	"(6, 's6', 'o1', 'Closed Night Refuge', 'Was open in winter.', 'inactive', 'QC', 'none', "
	"  NULL, NULL, NULL, NULL, NULL),"
	"(7, 's7', 'o5', 'National Trafficking Hotline', 'A 24/7 line.', 'active', 'CA', 'none', "
	"  'no', 0, 0, NULL, NULL),"
	"(8, 's8', 'o5', '<script>alert(1)</script> & \"Quotes\" Clinic', "
	"  'Tom & Jerry''s <b>bold</b> place', 'active', 'ON', NULL, NULL, NULL, NULL, NULL, NULL);"
	"INSERT INTO location(id, organization_id, location_type, latitude, longitude, confidential) VALUES "
	"('l1', 'o1', 'physical', 45.5017, -73.5673, 0), ('l2', 'o2', 'physical', 43.6532, -79.3832, 0),"
	"('l3', 'o3', 'physical', NULL, NULL, 0), ('l4', 'o1', 'physical', NULL, NULL, 0),"
	"('l5', 'o4', 'physical', NULL, NULL, 1), ('l6', 'o1', 'physical', 45.5017, -73.5673, 0);"
	"INSERT INTO service_at_location(id, service_id, location_id) VALUES ('a1', 's1', 'l1'),"
	" ('a2', 's2', 'l2'), ('a3', 's3', 'l3'), ('a4', 's4', 'l4'), ('a5', 's5', 'l5'), ('a6', 's6', 'l6');"
	"INSERT INTO address(id, location_id, address_1, city, state_province, postal_code, country, "
	" address_type) VALUES "
	"('d1', 'l1', '10 Rue Sainte-Catherine', 'Montréal', 'QC', 'H2X 1K4', 'CA', 'physical'),"
	"('d2', 'l2', '5 King St', 'Toronto', 'ON', 'M5H 1A1', 'CA', 'physical'),"
	"('d3', 'l3', '1 Rue Principale', 'Laval', 'QC', 'H7N 1A1', 'CA', 'physical'),"
	"('d4', 'l4', '2 Rue du Nord', 'Saint-Jérôme', 'QC', 'J7Z 1A1', 'CA', 'physical'),"
	"('d5', 'l5', '123 Secret Street', 'Montréal', 'QC', 'H0H 0H0', 'CA', 'physical'),"
	"('d6', 'l6', '3 Rue Ouest', 'Montréal', 'QC', 'H2X 1K5', 'CA', 'physical');"
	"INSERT INTO phone(id, service_id, location_id, number, intake) VALUES "
	"('p1', 's1', NULL, '514-555-0101', 0), ('p2', 's2', NULL, '416-555-0102', 0),"
	"('p5a', NULL, 'l5', '514-555-0199', 1), ('p5b', NULL, 'l5', '514-555-0666', 0);"
	"INSERT INTO language(id, service_id, phone_id, code, name) VALUES "
	"('g1', 's1', NULL, 'fr', 'Français'), ('g2', 's1', NULL, 'en', 'English'),"
	"('g3', 's2', NULL, 'en', NULL), ('g4', NULL, 'p2', 'es', 'Español'),"
	"('g5', 's3', NULL, 'FR', NULL), ('g6', 's7', NULL, 'en', NULL), ('g7', 's7', NULL, 'fr', NULL);"
	"INSERT INTO service_need(service_id, need_id) VALUES ('s1', 'emergency_shelter'),"
	" ('s5', 'emergency_shelter'), ('s2', 'wage_recovery'), ('s2', 'labour_standards_complaint'),"
	" ('s3', 'legal_aid'), ('s7', 'trafficking_support');"
	"INSERT INTO schedule(id, service_id, byday, opens_at, closes_at) VALUES "
	" ('h1', 's1', 'MO,TU', '09:00', '17:00');"
	"INSERT INTO required_document(id, service_id, document) VALUES ('r1', 's1', 'Any ID if you have one');"
	"INSERT INTO cost_option(id, service_id, option, amount, currency) VALUES ('c1', 's1', 'Free', 0, 'CAD');";

/* A point km kilometres due north of Montreal (along a meridian). */
static double north(double km)
{
	return MTL_LAT + km / (6371.0088 * 3.14159265358979323846 / 180.0);
}

static int setup(void)
{
	char path[128], msg[256], sql[256];
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/dir.db", dir);
	if (db_open(path, true, &db, msg, sizeof msg) != DB_OK) {
		fprintf(stderr, "db_open: %s\n", msg);
		return -1;
	}
	if (db_exec(db, fixture) != DB_OK) {
		fprintf(stderr, "fixture: %s\n", db_errmsg(db));
		return -1;
	}
	snprintf(sql, sizeof sql, "UPDATE location SET latitude = %.9f, longitude = %.9f WHERE id = 'l3'",
	         north(49.0), MTL_LON);
	if (db_exec(db, sql) != DB_OK)
		return -1;
	snprintf(sql, sizeof sql, "UPDATE location SET latitude = %.9f, longitude = %.9f WHERE id = 'l4'",
	         north(51.0), MTL_LON);
	if (db_exec(db, sql) != DB_OK || index_rebuild(db) != INDEX_OK)
		return -1;
	srch = search_new(db);
	return srch ? 0 : -1;
}

static void teardown(void)
{
	char cmd[128];
	search_free(srch);
	db_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* ---- helpers ---- */

struct q {
	struct search_query q;
};

static struct search_query *newq(struct q *h)
{
	query_init(&h->q);
	return &h->q;
}

static void set(struct search_query *q, enum query_field f, const char *v)
{
	CHECK_INT(query_set(q, f, v, strlen(v)), QUERY_OK);
}

static struct search_result *go(struct search_query *q)
{
	enum query_field bad;
	struct search_result *r = NULL;
	CHECK_INT(query_finish(q, &bad), QUERY_OK);
	CHECK_INT(search_run(srch, q, &r), SEARCH_OK);
	return r;
}

/* The service ids of a result, joined by '|'. */
static const char *ids(const struct search_result *r)
{
	static char out[1024];
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; r && i < r->n; i++) {
		int n = snprintf(out + len, sizeof out - len, "%s%s", i ? "|" : "", r->hits[i].service_id);
		if (n < 0 || (size_t)n >= sizeof out - len)
			break;
		len += (size_t)n;
	}
	return out;
}

/* Searches for text alone; returns the ids found and sets *fuzzy. */
static const char *find(const char *text, bool *fuzzy)
{
	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, text);
	struct search_result *r = go(q);
	const char *s = ids(r);
	if (fuzzy)
		*fuzzy = r && r->fuzzy;
	search_result_free(r);
	return s;
}

/* ---- tests ---- */

static void test_text(void)
{
	bool fz = true;
	/* Accents folded both ways; prefix; case. */
	CHECK_STR(find("securite", &fz), "s1|s3");
	CHECK(!fz);
	CHECK_STR(find("SÉCURITÉ", NULL), "s1|s3");
	CHECK_STR(find("secu", NULL), "s3|s1");          /* s3: "Security" in the name too */
	/* s1 in its description and needs, s5 in its needs' French name */
	CHECK_STR(find("hebergem", NULL), "s1|s5");
	CHECK_STR(find("Hébergement", NULL), "s1|s5");
	/* Two words: both must match. */
	CHECK_STR(find("legal securite", NULL), "s3");
	CHECK_STR(find("legal shelter", NULL), "");
	/* Name before description; equal ranks by rowid. */
	CHECK_STR(find("clinic", NULL), "s2|s8|s3");
	/* Stop words are left out, unless they are all there is. */
	CHECK_STR(find("the labour of", NULL), "s2");
	/* l'abri: "l" is a stop word, "abri" a word; the typographic apostrophe too. */
	CHECK_STR(find("l'abri", NULL), "s1");
	CHECK_STR(find("l\xE2\x80\x99" "abri", NULL), "s1");
	/* Inactive services are left out by default. */
	CHECK_STR(find("refuge", NULL), "s4|s1");     /* their organization; s6 is inactive */
	/* A whole city name is in the index too. */
	CHECK_STR(find("toronto", NULL), "s2");
}

static void test_statuses_and_limit(void)
{
	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, "night");
	q->statuses = QS_ALL;
	struct search_result *r = go(q);
	CHECK_STR(ids(r), "s4|s6");
	search_result_free(r);

	q = newq(&h);
	set(q, QF_TEXT, "shelter");
	set(q, QF_LIMIT, "1");
	r = go(q);
	CHECK_INT(r ? r->total : -1, 3);              /* s5, s4, s1 */
	CHECK_STR(ids(r), "s5");
	search_result_free(r);
}

static const char *filtered(enum query_field f, const char *v, bool no_status, bool all)
{
	struct q h;
	struct search_query *q = newq(&h);
	if (v)
		set(q, f, v);
	q->no_status = no_status;
	q->statuses = all ? QS_ALL : QS_ACTIVE;
	struct search_result *r = go(q);
	const char *s = ids(r);
	search_result_free(r);
	return s;
}

static void test_filters(void)
{
	/* No text: by name (NOCASE); '<' sorts before letters. */
	CHECK_STR(filtered(QF_PROVINCE, "ON", false, false), "s8|s2|s7");
	CHECK_STR(filtered(QF_PROVINCE, "on", false, false), "s8|s2|s7");
	CHECK_STR(filtered(QF_PROVINCE, "CA", false, false), "s7");
	CHECK_STR(filtered(QF_PROVINCE, "NU", false, false), "s7");
	CHECK_STR(filtered(QF_NEED, "wage_recovery", false, false), "s2");
	CHECK_STR(filtered(QF_NEED, "emergency_shelter", false, false), "s1|s5");
	CHECK_STR(filtered(QF_NEED, "interpretation", false, false), "");
	CHECK_STR(filtered(QF_LANG, "es", false, false), "s2");         /* a phone's language */
	CHECK_STR(filtered(QF_LANG, "fr", false, false), "s1|s3|s7");   /* FR stored upper case */
	CHECK_STR(filtered(QF_LANG, "tgl", false, false), "");
	CHECK_STR(filtered(QF_LIMIT, "100", true, false), "s1|s5|s7|s4");
	CHECK_STR(filtered(QF_CITY, "montreal", false, false), "s1|s5");
	CHECK_STR(filtered(QF_CITY, "MONTRÉAL", false, true), "s1|s6|s5");
	CHECK_STR(filtered(QF_CITY, "saint jerome", false, false), "s4");
	CHECK_STR(filtered(QF_CITY, "Saint-Jérôme", false, false), "s4");
	CHECK_STR(filtered(QF_CITY, "jerome", false, false), "");        /* the whole name */
	CHECK_STR(filtered(QF_LIMIT, "100", false, true), "s8|s1|s6|s5|s2|s3|s7|s4");

	/* Combined: text, province, access without status. */
	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, "shelter");
	set(q, QF_PROVINCE, "QC");
	q->no_status = true;
	struct search_result *r = go(q);
	CHECK_STR(ids(r), "s5|s4|s1");
	search_result_free(r);
	q = newq(&h);
	set(q, QF_TEXT, "shelter");
	set(q, QF_NEED, "emergency_shelter");
	set(q, QF_CITY, "montreal");
	set(q, QF_LANG, "fr");
	r = go(q);
	CHECK_STR(ids(r), "s1");
	search_result_free(r);

	/* An unknown need is an error, not an empty result. */
	q = newq(&h);
	set(q, QF_NEED, "no_such_need");
	r = NULL;
	CHECK_INT(search_run(srch, q, &r), SEARCH_ENEED);
	CHECK(r == NULL);
	struct buf b;
	buf_init(&b, 4096);
	CHECK_INT(search_need_ids(srch, &b), SEARCH_OK);
	CHECK(strstr(buf_str(&b), "emergency_shelter, ") != NULL);
	buf_free(&b);
}

static void test_near(void)
{
	struct q h;
	char ll[64];
	snprintf(ll, sizeof ll, "%.4f,%.4f", MTL_LAT, MTL_LON);

	/* 49 km in, 51 km out; nearest first; the confidential shelter and the
	** inactive service never. */
	struct search_query *q = newq(&h);
	set(q, QF_NEAR, ll);
	set(q, QF_WITHIN, "50");
	struct search_result *r = go(q);
	CHECK_STR(ids(r), "s1|s3");
	if (r && r->n == 2) {
		CHECK(r->hits[0].has_distance && r->hits[0].distance_km < 0.01);
		CHECK(fabs(r->hits[1].distance_km - 49.0) < 0.01);
		CHECK_STR(r->hits[1].city, "Laval");
	}
	search_result_free(r);

	q = newq(&h);
	set(q, QF_NEAR, ll);
	set(q, QF_WITHIN, "52");
	r = go(q);
	CHECK_STR(ids(r), "s1|s3|s4");
	search_result_free(r);

	/* Default radius 50 km. */
	q = newq(&h);
	set(q, QF_NEAR, ll);
	r = go(q);
	CHECK_STR(ids(r), "s1|s3");
	search_result_free(r);

	/* With text: rank first (s4's name beats s1's description), then distance. */
	q = newq(&h);
	set(q, QF_TEXT, "shelter");
	set(q, QF_NEAR, ll);
	set(q, QF_WITHIN, "60");
	r = go(q);
	CHECK_STR(ids(r), "s4|s1");
	search_result_free(r);
	/* Equal ranks: distance before rowid (s1 is rowid 10, s3 rowid 3). */
	q = newq(&h);
	set(q, QF_TEXT, "drop");
	set(q, QF_NEAR, ll);
	r = go(q);
	CHECK_STR(ids(r), "s1|s3");
	search_result_free(r);
	CHECK_STR(find("drop", NULL), "s3|s1");

	/* Confidential: found without --near, with its city and no distance. */
	q = newq(&h);
	set(q, QF_TEXT, "confidential");
	r = go(q);
	CHECK_STR(ids(r), "s5");
	if (r && r->n == 1) {
		CHECK(!r->hits[0].has_distance);
		CHECK_STR(r->hits[0].city, "Montréal");
		CHECK_INT(r->hits[0].nphones, 1);                /* the intake line only */
		CHECK_STR(r->hits[0].phones[0], "514-555-0199");
	}
	search_result_free(r);
	/* ... and never by distance, even at 0 km of its city. */
	q = newq(&h);
	set(q, QF_TEXT, "confidential");
	set(q, QF_NEAR, ll);
	set(q, QF_WITHIN, "1000");
	r = go(q);
	CHECK_STR(ids(r), "");
	search_result_free(r);

	/* Toronto is 504 km away. */
	q = newq(&h);
	set(q, QF_NEAR, ll);
	set(q, QF_WITHIN, "1000");
	set(q, QF_PROVINCE, "ON");
	r = go(q);
	CHECK_STR(ids(r), "s2");
	if (r && r->n == 1)
		CHECK(r->hits[0].distance_km > 500 && r->hits[0].distance_km < 510);
	search_result_free(r);
}

static void test_typos(void)
{
	bool fz = false;
	CHECK_STR(find("labuor", &fz), "s2");             /* transposition */
	CHECK(fz);
	CHECK_STR(find("abris", &fz), "s1");              /* one letter too many */
	CHECK(fz);
	CHECK_STR(find("xabri", &fz), "s1");              /* an extra first letter */
	CHECK(fz);
	CHECK_STR(find("hebergment", &fz), "s1|s5");         /* 10 letters: 2 allowed */
	CHECK(fz);
	CHECK_STR(find("abr", &fz), "s1");                /* a prefix, not a typo */
	CHECK(!fz);
	CHECK_STR(find("zzzzzz", &fz), "");
	CHECK(!fz);
	CHECK_STR(find("labuor rihgts", &fz), "s2");      /* each word */
	CHECK(fz);
	CHECK_STR(find("abi", &fz), "");                  /* 3 letters: none allowed */

	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, "labuor");
	struct search_result *r = go(q);
	CHECK(r && strstr(r->fuzzy_terms, "labour") != NULL);
	struct buf b;
	buf_init(&b, 1 << 16);
	CHECK_INT(search_write_text(r, q, LANG_EN, &b), 0);
	CHECK(strstr(buf_str(&b), "showing close matches for: labuor") != NULL);
	buf_reset(&b);
	CHECK_INT(search_write_json(r, &b), 0);
	CHECK(strstr(buf_str(&b), "\"fuzzy\": true") != NULL);
	buf_free(&b);
	search_result_free(r);
}

static void test_json(void)
{
	static const char *const keys[] = {
		"service_id", "name", "organization", "description", "phones", "city", "province",
		"distance_km", "languages", "status_required", "shares_with_enforcement", "verified",
		"id_required", "asks_status", "needs", "source", "unverified_note", "fuzzy",
	};
	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, "labour");
	struct search_result *r = go(q);
	struct buf b;
	buf_init(&b, 1 << 16);
	CHECK_INT(search_write_json(r, &b), 0);
	struct json_error err;
	struct json_doc *d = json_parse(buf_str(&b), b.len, NULL, &err);
	CHECK(d != NULL);
	const struct json_value *root = d ? json_root(d) : NULL;
	CHECK(root && root->type == JSON_OBJECT && root->n == 2);
	if (root && root->n == 2) {
		CHECK_STR(root->members[0].key, "total");
		CHECK_STR(root->members[1].key, "results");
		const struct json_value *res = root->members[1].value;
		CHECK(res->type == JSON_ARRAY && res->n == 1);
		const struct json_value *o = res->n ? res->items[0] : NULL;
		CHECK(o && o->n == sizeof keys / sizeof keys[0]);
		for (size_t i = 0; o && i < o->n && i < sizeof keys / sizeof keys[0]; i++)
			CHECK_STR(o->members[i].key, keys[i]);
		const struct json_value *v = o ? json_get(o, "languages") : NULL;
		CHECK(v && v->n == 2 && strcmp(v->items[0]->text, "en") == 0
		      && strcmp(v->items[1]->text, "es") == 0);
		v = o ? json_get(o, "distance_km") : NULL;
		CHECK(v && v->type == JSON_NULL);
		v = o ? json_get(o, "id_required") : NULL;
		CHECK(v && v->type == JSON_BOOL && v->b);
		v = o ? json_get(o, "asks_status") : NULL;
		CHECK(v && v->type == JSON_NULL);
		v = o ? json_get(o, "needs") : NULL;
		CHECK(v && v->n == 2);
	}
	json_free(d);
	/* Nothing found: still the two keys. */
	search_result_free(r);
	q = newq(&h);
	set(q, QF_TEXT, "qqqqqqqq");
	r = go(q);
	buf_reset(&b);
	CHECK_INT(search_write_json(r, &b), 0);
	CHECK_STR(buf_str(&b), "{\"total\": 0, \"results\": []}\n");
	search_result_free(r);
	buf_free(&b);
}

static void test_text_output(void)
{
	struct q h;
	struct search_query *q = newq(&h);
	set(q, QF_TEXT, "abri");
	struct search_result *r = go(q);
	struct buf b;
	buf_init(&b, 1 << 16);
	CHECK_INT(search_write_text(r, q, LANG_EN, &b), 0);
	const char *t = buf_str(&b);
	CHECK(strstr(t, "No immigration status needed") != NULL);
	CHECK(strstr(t, "Does not share information with immigration enforcement or police") != NULL);
	CHECK(strstr(t, "Verified on 2025-01-10\n   Source: Phoned the intake line\n") != NULL);
	CHECK(strstr(t, "Information can change") != NULL);
	search_result_free(r);
	/* Control characters from the data never reach the terminal. */
	CHECK_INT(db_exec(db, "UPDATE service SET description = 'a' || char(27) || '[2Jb' || "
	                      "char(8238) || 'c' WHERE id = 's7'"), DB_OK);
	q = newq(&h);
	set(q, QF_TEXT, "hotline");
	r = go(q);
	buf_reset(&b);
	CHECK_INT(search_write_text(r, q, LANG_EN, &b), 0);
	CHECK(strchr(buf_str(&b), 27) == NULL);
	CHECK(strstr(buf_str(&b), "\xE2\x80\xAE") == NULL);
	search_result_free(r);
	buf_free(&b);
}

/* A context that lived through a change sees it. */
static void test_change(void)
{
	CHECK_STR(filtered(QF_PROVINCE, "PE", false, false), "s7");
	CHECK_INT(db_exec(db, "INSERT INTO service(rowid, id, organization_id, name, status, province) "
	                      "VALUES (11, 's11', 'o1', 'Fresh Island Clinic', 'active', 'PE')"), DB_OK);
	struct index *ix = index_new(db);
	CHECK(ix != NULL);
	if (ix)
		CHECK_INT(index_service_id(ix, "s11"), INDEX_OK);
	index_free(ix);
	CHECK_STR(filtered(QF_PROVINCE, "PE", false, false), "s11|s7");
	CHECK_STR(find("fresh", NULL), "s11");
	CHECK_INT(db_exec(db, "UPDATE service SET status = 'defunct' WHERE id = 's11'"), DB_OK);
	CHECK_STR(filtered(QF_PROVINCE, "PE", false, false), "s7");
}

/* The query words are folded as FTS5's tokenizer folds them. */
static void test_fold_matches_tokenizer(void)
{
	int bad = 0, tried = 0;
	for (uint32_t c = 0xC0; c <= 0x17F; c++) {
		char in[4], fold[16], toks[2][QUERY_WORD_MAX + 1];
		size_t n = c < 0x800 ? 2 : 3;
		in[0] = (char)(0xC0 | (c >> 6));
		in[1] = (char)(0x80 | (c & 0x3F));
		int nt = search_tokens(&srch->tok, in, n, toks, 2);
		if (nt != 1)
			continue;                             /* not a letter for unicode61 */
		tried++;
		if (query_fold(in, n, fold, sizeof fold) < 0 || strcmp(fold, toks[0]) != 0) {
			bad++;
			fprintf(stderr, "fold U+%04X: ours '%s', tokenizer '%s'\n", (unsigned)c, fold, toks[0]);
		}
	}
	CHECK(tried > 150);
	CHECK_INT(bad, 0);
}

static struct buf slipbuf;

static const char *slip_of(const char *const *v, size_t n, enum lang l, enum slip_err *e, size_t *bad)
{
	struct buf b = slipbuf;
	buf_free(&b);
	buf_init(&b, SLIP_OUT_MAX);
	*e = slip_write(db, v, n, l, &b, bad);
	slipbuf = b;
	return buf_str(&slipbuf);
}

static void test_slip(void)
{
	enum slip_err e;
	size_t bad = 99;
	const char *one[] = { "s8" };
	const char *h = slip_of(one, 1, LANG_EN, &e, &bad);
	CHECK_INT(e, SLIP_OK);
	CHECK(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quotes&quot; Clinic") != NULL);
	CHECK(strstr(h, "Tom &amp; Jerry&#39;s &lt;b&gt;bold&lt;/b&gt;") != NULL);
	CHECK(strstr(h, "<script") == NULL);
	CHECK(strstr(h, "<b>") == NULL);
	/* Self-contained: nothing to fetch, no script. */
	CHECK(strstr(h, "src=") == NULL && strstr(h, "href") == NULL && strstr(h, "<link") == NULL
	      && strstr(h, "url(") == NULL && strstr(h, "@import") == NULL);
	CHECK(strstr(h, "<html lang=\"en\">") != NULL);
	CHECK(strstr(h, "@media print") != NULL);
	CHECK(strstr(h, "no information about the person") != NULL);

	const char *conf[] = { "s5" };
	h = slip_of(conf, 1, LANG_FR, &e, &bad);
	CHECK_INT(e, SLIP_OK);
	CHECK(strstr(h, "Secret") == NULL);
	CHECK(strstr(h, "H0H") == NULL);
	CHECK(strstr(h, "514-555-0666") == NULL);
	CHECK(strstr(h, "514-555-0199") != NULL);
	CHECK(strstr(h, "Montréal") != NULL);
	CHECK(strstr(h, "<html lang=\"fr\">") != NULL);

	const char *full[] = { "s1", "s2" };
	h = slip_of(full, 2, LANG_EN, &e, &bad);
	CHECK_INT(e, SLIP_OK);
	CHECK(strstr(h, "10 Rue Sainte-Catherine") != NULL);
	CHECK(strstr(h, "Mon, Tue 09:00&ndash;17:00") != NULL);
	CHECK(strstr(h, "Any ID if you have one") != NULL);
	CHECK(strstr(h, "Free: 0 CAD") != NULL);
	CHECK(strstr(h, "Français (fr)") != NULL);
	CHECK(strstr(h, "Verified on 2025-01-10") != NULL);
	CHECK(strstr(h, "No immigration status needed") != NULL);
	CHECK(strstr(h, "only under a warrant or court order") != NULL);
	CHECK(strstr(h, "Abri de nuit") < strstr(h, "Labour Rights Clinic"));

	const char *unknown[] = { "s1", "nope" };
	h = slip_of(unknown, 2, LANG_EN, &e, &bad);
	CHECK_INT(e, SLIP_EUNKNOWN);
	CHECK_INT(bad, 1);
	buf_free(&slipbuf);
}

/* An empty directory: every kind of search finds nothing, without error. */
static void test_empty(void)
{
	char path[128], msg[256];
	struct db *edb = NULL;
	snprintf(path, sizeof path, "%s/empty.db", dir);
	CHECK_INT(db_open(path, true, &edb, msg, sizeof msg), DB_OK);
	struct dir_search *es = edb ? search_new(edb) : NULL;
	CHECK(es != NULL);
	static const char *const fields[][2] = {
		{ "0", "abri" }, { "2", "QC" }, { "1", "legal_aid" }, { "6", "fr" }, { "3", "Laval" },
		{ "4", "45,-73" },
	};
	for (size_t i = 0; es && i < sizeof fields / sizeof fields[0]; i++) {
		struct q h;
		struct search_query *q = newq(&h);
		set(q, (enum query_field)(fields[i][0][0] - '0'), fields[i][1]);
		enum query_field bad;
		CHECK_INT(query_finish(q, &bad), QUERY_OK);
		struct search_result *r = NULL;
		CHECK_INT(search_run(es, q, &r), SEARCH_OK);
		CHECK(r && r->total == 0 && r->n == 0);
		search_result_free(r);
	}
	struct q h;
	struct search_query *q = newq(&h);
	struct search_result *r = NULL;
	CHECK_INT(es ? search_run(es, q, &r) : SEARCH_EDB, SEARCH_OK);
	CHECK(r && r->total == 0);
	search_result_free(r);
	search_free(es);
	db_close(edb);
}

int main(void)
{
	if (setup() != 0) {
		fprintf(stderr, "test_search: setup failed\n");
		return 1;
	}
	RUN(test_text);
	RUN(test_statuses_and_limit);
	RUN(test_filters);
	RUN(test_near);
	RUN(test_typos);
	RUN(test_json);
	RUN(test_fold_matches_tokenizer);
	RUN(test_slip);
	RUN(test_text_output);
	RUN(test_change);
	RUN(test_empty);
	teardown();
	TEST_END();
}
