/*
** test_web_api.c — the JSON API (src/web/h_api.c) against the library output
** the command line prints for the same input, byte for byte: pathways and
** assess on the sample files in both languages, directory searches with every
** filter, one service as `directory show` and as its element of an export's
** services.json; and the errors: status, JSON shape, a message naming the
** parameter or the place in the body, never the value.
*/
#include <dirent.h>
#include <sys/stat.h>

#include "test.h"
#include "web_dir_fixture.h"
#include "../../src/assess/assess.h"
#include "../../src/base/json.h"
#include "../../src/directory/export.h"
#include "../../src/directory/needs.h"
#include "../../src/directory/query.h"
#include "../../src/directory/search.h"

#define JSON_TYPE "application/json; charset=utf-8"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = malloc(256u * 1024u + 1);
	size_t n = p ? fread(p, 1, 256u * 1024u, f) : 0;
	fclose(f);
	if (!p)
		return NULL;
	p[n] = '\0';
	*len = n;
	return p;
}

/* The sample files of a folder, sorted by name (at most 32). */
static size_t samples(const char *dir, char names[][256], size_t cap)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL && n < cap) {
		size_t k = strlen(e->d_name);
		size_t nd = strlen(dir);
		if (k > 5 && strcmp(e->d_name + k - 5, ".json") == 0 && nd + 1 + k < 256) {
			memcpy(names[n], dir, nd);
			names[n][nd] = '/';
			memcpy(names[n] + nd + 1, e->d_name, k + 1);
			n++;
		}
	}
	if (d)
		closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char t[256];
			memcpy(t, names[j], 256);
			memcpy(names[j], names[j - 1], 256);
			memcpy(names[j - 1], t, 256);
		}
	return n;
}

/* A JSON error answer: the status, and the message (copied into msg). */
static bool is_error(const struct fx_resp *r, int status, char *msg, size_t cap)
{
	struct json_error je;
	struct json_doc *d = json_parse(r->body, r->len, &json_default_limits, &je);
	const struct json_value *e = d ? json_get(json_root(d), "error") : NULL;
	const struct json_value *s = json_get(e, "status"), *m = json_get(e, "message");
	bool ok = s && s->type == JSON_NUMBER && (int)s->num == status && m && m->type == JSON_STRING
	          && r->status == status && strcmp(r->content_type, JSON_TYPE) == 0;
	snprintf(msg, cap, "%s", m && m->type == JSON_STRING ? m->text : "");
	json_free(d);
	return ok;
}

static struct fx_resp api_get(web_handler h, const char *path, const char *qs)
{
	return fx_call(h, WEB_GET, LANG_EN, false, path, qs, NULL, NULL);
}

static struct fx_resp api_post(web_handler h, const char *path, const char *qs, const char *body)
{
	return fx_call(h, WEB_POST, LANG_EN, false, path, qs, body, "application/json");
}

/* ---- POST /api/pathways ---- */

/* What `safepath pathways --format json` prints for these facts. */
static int cli_pathways(const char *facts, int32_t as_of, enum lang l, struct buf *out)
{
	const struct ruleset *rs = assess_federal(web_app_assess(fx_app));
	struct facts *f = facts_new(rs);
	struct result *res = result_new(rs);
	struct facts_error err;
	int rc = -1;
	if (f && res && facts_parse_json(f, facts, strlen(facts), l, &err) == FACTS_OK
	    && facts_check(f, as_of, l, &err) == FACTS_OK
	    && rules_eval(rs, f, as_of, EVAL_REASONS | EVAL_QUESTIONS, res) == RULES_OK)
		rc = result_write_json(res, l, out);
	result_free(res);
	facts_free(f);
	return rc;
}

static void test_pathways(void)
{
	char names[32][256];
	size_t n = samples("data/samples", names, 32);
	CHECK(n >= 5);
	static const char *const dates[] = { "2016-11-24", "2024-05-01" };
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *facts = read_file(names[i], &len);
		CHECK(facts != NULL);
		for (int l = 0; facts && l < 2; l++)
			for (int k = 0; k < 2; k++) {
				char qs[64];
				int32_t day;
				date_parse(dates[k], 10, &day);
				snprintf(qs, sizeof qs, "lang=%s&as_of=%s", l ? "fr" : "en", dates[k]);
				struct buf want;
				buf_init(&want, WEB_PAGE_MAX);
				int w = cli_pathways(facts, day, (enum lang)l, &want);
				struct fx_resp r = api_post(h_api_pathways, "/api/pathways", qs, facts);
				if (w == 0) {
					CHECK_INT(r.status, 200);
					CHECK_STR(r.content_type, JSON_TYPE);
					CHECK(r.len == want.len && memcmp(r.body, want.p, want.len) == 0);
					if (r.len != want.len || memcmp(r.body, want.p, want.len) != 0)
						fprintf(stderr, "pathways differ: %s %s\n", names[i], qs);
				} else {
					char msg[1024];
					CHECK(is_error(&r, 400, msg, sizeof msg));
				}
				fx_free(&r);
				buf_free(&want);
			}
		free(facts);
	}
	/* The default day is the application's (FX_AS_OF). */
	size_t len;
	char *facts = read_file("data/samples/forum-2016-tfw.json", &len);
	struct buf want;
	buf_init(&want, WEB_PAGE_MAX);
	int32_t day;
	date_parse(FX_AS_OF, 10, &day);
	CHECK_INT(cli_pathways(facts, day, LANG_EN, &want), 0);
	struct fx_resp r = api_post(h_api_pathways, "/api/pathways", "", facts);
	CHECK_STR(r.body, buf_str(&want));
	fx_free(&r);
	buf_free(&want);
	free(facts);
}

/* ---- POST /api/assess ---- */

/* What `safepath assess --format json` prints for these answers. */
static int cli_assess(const char *answers, int32_t as_of, enum lang l, struct buf *out)
{
	const struct assess *a = web_app_assess(fx_app);
	struct answers *ans = answers_new(a);
	struct assessment *x = assessment_new(a);
	struct assess_error err;
	struct needs *voc = NULL;
	char why[128];
	int rc = -1;
	if (ans && x && answers_parse_json(ans, answers, strlen(answers), l, &err) == ASSESS_OK
	    && assess_run(a, ans, as_of, x, &err) == ASSESS_OK
	    && assessment_write_json(x, l, out) == 0
	    && needs_load_embedded(&voc, why, sizeof why) == NEEDS_OK)
		rc = needs_add_to_output(voc, x, true, l, out);
	needs_free(voc);
	assessment_free(x);
	answers_free(ans);
	return rc;
}

static void test_assess(void)
{
	char names[32][256];
	size_t n = samples("data/samples/answers", names, 32);
	CHECK(n >= 3);
	char today[DATE_ISO_LEN + 1];
	date_format_iso(date_today(), today);
	const char *dates[] = { "2016-11-24", today };
	size_t compared = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *answers = read_file(names[i], &len);
		CHECK(answers != NULL);
		for (int l = 0; answers && l < 2; l++)
			for (int k = 0; k < 2; k++) {
				char qs[64];
				int32_t day;
				date_parse(dates[k], 10, &day);
				snprintf(qs, sizeof qs, "as_of=%s&lang=%s", dates[k], l ? "fr" : "en");
				struct buf want;
				buf_init(&want, WEB_PAGE_MAX);
				int w = cli_assess(answers, day, (enum lang)l, &want);
				struct fx_resp r = api_post(h_api_assess, "/api/assess", qs, answers);
				if (w == 0) {
					compared++;
					CHECK_INT(r.status, 200);
					CHECK_STR(r.content_type, JSON_TYPE);
					CHECK(r.len == want.len && memcmp(r.body, want.p, want.len) == 0);
					CHECK(strstr(r.body, "\"needs\": [") != NULL);
				} else {
					char msg[1024];
					CHECK(is_error(&r, 400, msg, sizeof msg));
					CHECK(strstr(msg, l ? "réponses : " : "answers: ") == msg);
				}
				fx_free(&r);
				buf_free(&want);
			}
		free(answers);
	}
	CHECK(compared >= 6);
}

/* ---- GET /api/directory/search ---- */

/* What `safepath directory search --format json` prints: the options set
** one by one through query_set, as cmd_directory_search.c does. */
static int cli_search(struct dir_search *s, const char *const *opts, bool no_status,
                      bool all_statuses, struct buf *out)
{
	struct search_query q;
	query_init(&q);
	static const char *const names[QF__COUNT] = { "--q", "--need", "--province", "--city",
	                                               "--near", "--within", "--lang", "--limit" };
	for (size_t i = 0; opts[i]; i += 2)
		for (int f = 0; f < QF__COUNT; f++)
			if (strcmp(opts[i], names[f]) == 0
			    && query_set(&q, (enum query_field)f, opts[i + 1], strlen(opts[i + 1])) != QUERY_OK)
				return -1;
	q.no_status = no_status;
	if (all_statuses)
		q.statuses = QS_ALL;
	enum query_field bad;
	struct search_result *r = NULL;
	if (query_finish(&q, &bad) != QUERY_OK || search_run(s, &q, &r) != SEARCH_OK)
		return -1;
	int rc = search_write_json(r, out);
	search_result_free(r);
	return rc;
}

static void test_search(void)
{
	struct db *db = NULL;
	char msg[256];
	CHECK_INT(db_open(fx_db, false, &db, msg, sizeof msg), DB_OK);
	struct dir_search *s = db ? search_new(db) : NULL;
	CHECK(s != NULL);
	static const struct {
		const char *qs; const char *opts[12]; bool no_status, all_statuses;
	} cases[] = {
		{ "", { NULL }, false, false },                               /* every active service, by name */
		{ "q=shelter", { "--q", "shelter", NULL }, false, false },
		{ "q=sheltr", { "--q", "sheltr", NULL }, false, false },      /* the typo fallback */
		{ "need=emergency_shelter&province=qc", { "--need", "emergency_shelter", "--province", "qc",
		                                          NULL }, false, false },
		{ "province=ON&no_status=1", { "--province", "ON", NULL }, true, false },
		{ "city=Montr%C3%A9al&lang=fr", { "--city", "Montréal", "--lang", "fr", NULL }, false, false },
		{ "near=45.5017,-73.5673&within=30&limit=2", { "--near", "45.5017,-73.5673", "--within", "30",
		                                               "--limit", "2", NULL }, false, false },
		{ "q=&need=&province=QC&city=&near=&within=&lang=&limit=&ui=fr", { "--province", "QC", NULL },
		  false, false },
		{ "q=zzzzqqq", { "--q", "zzzzqqq", NULL }, false, false },
		/* --all-statuses: the inactive refuge too */
		{ "province=QC&all_statuses=1", { "--province", "QC", NULL }, false, true },
		{ "province=QC&all_statuses=0", { "--province", "QC", NULL }, false, false },
	};
	for (size_t i = 0; s && i < sizeof cases / sizeof cases[0]; i++) {
		struct buf want;
		buf_init(&want, WEB_PAGE_MAX);
		CHECK_INT(cli_search(s, cases[i].opts, cases[i].no_status, cases[i].all_statuses, &want), 0);
		if (cases[i].all_statuses)
			CHECK(strstr(buf_str(&want), "Closed Night Refuge") != NULL);
		struct fx_resp r = api_get(h_api_search, "/api/directory/search", cases[i].qs);
		CHECK_INT(r.status, 200);
		CHECK_STR(r.content_type, JSON_TYPE);
		if (r.len != want.len || memcmp(r.body, want.p, want.len) != 0)
			fprintf(stderr, "search differs for %s\n", cases[i].qs);
		CHECK(r.len == want.len && memcmp(r.body, want.p, want.len) == 0);
		fx_free(&r);
		buf_free(&want);
	}
	search_free(s);
	db_close(db);

	/* Errors: the parameter named, the value never. */
	static const struct { const char *qs, *param, *secret; } bad[] = {
		{ "city=Amira+(home)", "city: ", "Amira" },
		{ "q=Amira+AND+wages", "q: ", "Amira" },
		{ "province=ZZ", "province: ", "ZZ" },
		{ "near=45.777777", "near: ", "777777" },
		{ "within=25", "within: ", "25" },
		{ "lang=xyzw", "lang: ", "xyzw" },
		{ "limit=777", "limit: ", "777" },
		{ "no_status=amira", "no_status: ", "amira" },
		{ "all_statuses=amira", "all_statuses: ", "amira" },
		{ "ui=de", "ui must be en or fr", "de\"" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char m[1024];
		struct fx_resp r = api_get(h_api_search, "/api/directory/search", bad[i].qs);
		CHECK(is_error(&r, 400, m, sizeof m));
		CHECK(strstr(m, bad[i].param) == m);
		CHECK(strstr(r.body, bad[i].secret) == NULL);
		fx_free(&r);
	}
	char m[2048];
	struct fx_resp r = api_get(h_api_search, "/api/directory/search", "need=amira_secret");
	CHECK(is_error(&r, 400, m, sizeof m));
	CHECK(strstr(m, "need: no such need; the needs are: ") == m);
	CHECK(strstr(m, "emergency_shelter") != NULL);
	CHECK(strstr(m, "amira") == NULL);
	fx_free(&r);
	r = api_get(h_api_search, "/api/directory/search", "city=Amira+(home)&ui=fr");
	CHECK(is_error(&r, 400, m, sizeof m));
	CHECK(strstr(m, "city : ") == m);
	fx_free(&r);
}

/* ---- GET /api/directory/services/{id} ---- */

static void test_service(void)
{
	struct db *db = NULL;
	char msg[256], path[256], dir[160];
	CHECK_INT(db_open(fx_db, false, &db, msg, sizeof msg), DB_OK);
	/* The export's services.json, to find each service's element in. */
	snprintf(dir, sizeof dir, "%s/export", fx_dir);
	struct export_stats st;
	struct export_error xe;
	CHECK_INT(export_directory(db, EXPORT_JSON, dir, &st, &xe), EXPORT_OK);
	snprintf(path, sizeof path, "%s/services.json", dir);
	size_t elen = 0;
	char *exported = read_file(path, &elen);
	CHECK(exported != NULL);
	static const char *const ids[] = { "s1", "s2", "s5", "s6", "s8", "a/b c?d" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		struct buf want;
		bool found = false;
		buf_init(&want, WEB_PAGE_MAX);
		CHECK_INT(export_service_json(db, ids[i], &want, &found, &xe), EXPORT_OK);
		CHECK(found);
		snprintf(path, sizeof path, "/api/directory/services/%s", ids[i]);
		struct fx_resp r = api_get(h_api_service, path, "");
		CHECK_INT(r.status, 200);
		CHECK_STR(r.content_type, JSON_TYPE);
		CHECK_STR(r.body, buf_str(&want));
		/* The same object as in services.json: "\n" + object there, + "\n" here. */
		char *elem = malloc(r.len + 2);
		elem[0] = '\n';
		memcpy(elem + 1, r.body, r.len - 1);
		elem[r.len] = '\0';
		CHECK(exported && r.len > 2 && strstr(exported, elem) != NULL);
		free(elem);
		fx_free(&r);
		buf_free(&want);
	}
	/* A confidential location keeps its street and coordinates out. */
	struct fx_resp r = api_get(h_api_service, "/api/directory/services/s5", "");
	CHECK(strstr(r.body, "Secret") == NULL && strstr(r.body, "45.51") == NULL);
	fx_free(&r);
	free(exported);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
	db_close(db);

	char m[1024];
	r = api_get(h_api_service, "/api/directory/services/amira-khan", "");
	CHECK(is_error(&r, 404, m, sizeof m));
	CHECK(strstr(r.body, "amira") == NULL);
	fx_free(&r);
	r = api_get(h_api_service, "/api/directory/services/", "");
	CHECK(is_error(&r, 400, m, sizeof m));
	fx_free(&r);
	r = api_get(h_api_service, "/api/directory/services/amira", "ui=fr");
	CHECK(is_error(&r, 404, m, sizeof m));
	CHECK_STR(m, "aucun service du répertoire n'a cet identifiant");
	fx_free(&r);
}

/* ---- errors of the POST endpoints ---- */

static void test_post_errors(void)
{
	char m[1024];
	/* Not JSON by its type: 415. */
	struct fx_resp r = fx_call(h_api_pathways, WEB_POST, LANG_EN, false, "/api/pathways", "", "{}",
	                           "application/x-www-form-urlencoded");
	CHECK(is_error(&r, 415, m, sizeof m));
	fx_free(&r);
	r = fx_call(h_api_assess, WEB_POST, LANG_EN, false, "/api/assess", "", "{}", "text/plain");
	CHECK(is_error(&r, 415, m, sizeof m));
	fx_free(&r);
	/* Too large: 413. */
	char *big = malloc(WEB_BODY_MAX + 16);
	memset(big, ' ', WEB_BODY_MAX + 8);
	big[0] = '{';
	big[WEB_BODY_MAX + 6] = '}';
	big[WEB_BODY_MAX + 7] = '\0';
	r = api_post(h_api_assess, "/api/assess", "", big);
	CHECK(is_error(&r, 413, m, sizeof m));
	fx_free(&r);
	r = api_post(h_api_pathways, "/api/pathways", "", big);
	CHECK(is_error(&r, 413, m, sizeof m));
	fx_free(&r);
	free(big);
	/* Malformed JSON: the place, not the text. */
	r = api_post(h_api_pathways, "/api/pathways", "", "{\"in_canada\": Amira}");
	CHECK(is_error(&r, 400, m, sizeof m));
	CHECK(strstr(m, "facts: line 1, column") == m);
	CHECK(strstr(r.body, "Amira") == NULL);
	fx_free(&r);
	r = api_post(h_api_assess, "/api/assess", "lang=fr", "{\"province\": \"amira\"}");
	CHECK(is_error(&r, 400, m, sizeof m));
	CHECK(strstr(m, "réponses : ") == m);
	CHECK(strstr(m, "province") != NULL);
	CHECK(strstr(r.body, "amira") == NULL);
	fx_free(&r);
	r = api_post(h_api_assess, "/api/assess", "", "");
	CHECK(is_error(&r, 400, m, sizeof m));
	fx_free(&r);
	/* Query parameters. */
	static const struct { const char *qs, *start; } bad[] = {
		{ "as_of=2016-02-30", "as_of is not a real day" },
		{ "as_of=24-05-01", "as_of must be a date written YYYY-MM-DD" },
		{ "as_of=2300-01-01", "as_of must be a year from 1900 to 2199" },
		{ "as_of=2015-06-01", "as_of is before 2016-" },
		{ "lang=de", "lang must be en or fr" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = api_post(h_api_pathways, "/api/pathways", bad[i].qs, "{}");
		CHECK(is_error(&r, 400, m, sizeof m));
		CHECK(strstr(m, bad[i].start) == m);
		fx_free(&r);
		r = api_post(h_api_assess, "/api/assess", bad[i].qs, "{}");
		CHECK(is_error(&r, 400, m, sizeof m));
		CHECK(strstr(m, bad[i].start) == m);
		fx_free(&r);
	}
	/* Nothing of the last person stays in the thread's answers. */
	r = api_post(h_api_assess, "/api/assess", "", "{\"province\": \"qc\"}");
	CHECK_INT(r.status, 200);
	fx_free(&r);
	struct answers *ans = web_thread_answers(web_app_thread(fx_app));
	struct buf b;
	buf_init(&b, 4096);
	CHECK_INT(answers_write_json(ans, &b), 0);
	CHECK(strstr(buf_str(&b), "qc") == NULL);
	buf_free(&b);
}

int main(void)
{
	if (fx_setup("test_web_api") != 0) {
		fprintf(stderr, "test_web_api: setup failed\n");
		return 1;
	}
	RUN(test_pathways);
	RUN(test_assess);
	RUN(test_search);
	RUN(test_service);
	RUN(test_post_errors);
	fx_teardown();
	TEST_END();
}
