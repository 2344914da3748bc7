/*
** test_assess.c — the continuum assessment on the built-in rule sets
** (rules/continuum and rules/federal as compiled into the binary): every level
** boundary, what stays unknown, declined answers, the bridge to the federal fact
** trafficking_indicated, the pathways of a citizen, each researched province's
** remedies with their time limits, provinces without data, typed answers,
** constraint errors and the places named in errors.
*/
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "base/date.h"
#include "base/json.h"
#include "cli/cli.h"
#include "builtin_rules.h"
#include "test.h"

static struct ruleset *cont, *fed;
static struct assess *A;
static struct answers *ans;
static struct assessment *X;
static struct assess_error err;
static struct buf out;
static struct json_doc *doc;

#define FORUM date_from_ymd(2016, 11, 24)

/* Every level fact answered "no", as JSON members (no braces). */
#define ALL_NO \
	"\"unpaid_wages\": false, \"illegal_deductions\": false, \"unpaid_overtime\": false," \
	"\"excessive_overtime\": false, \"withholding_of_wages\": false, \"unsafe_work\": false," \
	"\"abusive_conditions\": false, \"discrimination\": false, \"harassment\": false," \
	"\"deception\": false, \"abuse_of_vulnerability\": false, \"debt_bondage\": false," \
	"\"retention_of_documents\": false, \"isolation\": false," \
	"\"restriction_of_movement\": false, \"control_of_movements\": false," \
	"\"recruited_transported_harboured\": false," \
	"\"crossed_border_by_deception_or_force\": false, \"intimidation_threats\": false," \
	"\"fear_for_safety\": false, \"physical_sexual_violence\": false"

static void setup(void)
{
	load_builtin_rules(&cont, &fed);
	char why[256];
	if (assess_new(cont, fed, &A, why, sizeof why) != ASSESS_OK) {
		fprintf(stderr, "assess_new: %s\n", why);
		abort();
	}
	ans = answers_new(A);
	X = assessment_new(A);
	if (!ans || !X) abort();
	buf_init(&out, 16u << 20);
}

/* Parses json into ans and evaluates; the result's code. */
static enum assess_err run_at(const char *json, int32_t as_of)
{
	enum assess_err e = answers_parse_json(ans, json, strlen(json), LANG_EN, &err);
	if (e != ASSESS_OK) return e;
	return assess_run(A, ans, as_of, X, &err);
}

static enum assess_level level_of(const char *json)
{
	enum assess_err e = run_at(json, FORUM);
	if (e != ASSESS_OK) {
		fprintf(stderr, "unexpected error: %s\n", err.msg);
		return (enum assess_level)-1;
	}
	return assessment_level(X);
}

/* The JSON output of the last assessment, parsed; NULL if not valid JSON. */
static const struct json_value *json_out(enum lang lang)
{
	json_free(doc);
	doc = NULL;
	buf_reset(&out);
	if (assessment_write_json(X, lang, &out) != 0) return NULL;
	struct json_error je;
	struct json_limits lim = json_default_limits;
	lim.max_bytes = 16u << 20;
	doc = json_parse(buf_str(&out), out.len, &lim, &je);
	return doc ? json_root(doc) : NULL;
}

static const char *text_out(enum lang lang)
{
	buf_reset(&out);
	if (assessment_write_text(X, lang, &out) != 0) return "";
	return buf_str(&out);
}

static bool asks(const char *fact)
{
	for (size_t i = 0; i < assessment_question_count(X); i++)
		if (strcmp(assessment_question(X, i, NULL), fact) == 0) return true;
	return false;
}

/* The remedy of family id whose avenue is avenue (NULL: any), or NULL. */
static const struct json_value *remedy(const struct json_value *root, const char *id,
                                       const char *avenue)
{
	const struct json_value *rs = json_get(root, "remedies");
	for (size_t i = 0; rs && i < rs->n; i++) {
		const struct json_value *r = rs->items[i];
		const struct json_value *v = json_get(r, "id"), *av = json_get(r, "avenue");
		if (v && strcmp(v->text, id) == 0 && (!avenue || (av && strcmp(av->text, avenue) == 0)))
			return r;
	}
	return NULL;
}

static const char *str_of(const struct json_value *o, const char *key)
{
	const struct json_value *v = json_get(o, key);
	if (!v) return "(absent)";
	if (v->type == JSON_NULL) return "null";
	if (v->type == JSON_STRING) return v->text;
	if (v->type == JSON_BOOL) return v->b ? "true" : "false";
	return "(other)";
}

/* ---- levels ---- */

static void test_levels(void)
{
	CHECK_INT(level_of("{}"), LEVEL_NONE);
	CHECK(assessment_may_rise(X));
	CHECK_INT(level_of("{" ALL_NO "}"), LEVEL_NONE);
	CHECK(!assessment_may_rise(X));

	/* One answer moves the case up from none, each to its level. */
	const char *one_up[][2] = {
		{ "unpaid_wages", "labour_violation" }, { "illegal_deductions", "labour_violation" },
		{ "unpaid_overtime", "labour_violation" }, { "excessive_overtime", "labour_violation" },
		{ "withholding_of_wages", "labour_violation" }, { "unsafe_work", "labour_violation" },
		{ "abusive_conditions", "labour_violation" }, { "discrimination", "rights_violation" },
		{ "harassment", "rights_violation" }, { "retention_of_documents", "rights_violation" },
		{ "intimidation_threats", "rights_violation" },
		{ "physical_sexual_violence", "rights_violation" },
		{ "crossed_border_by_deception_or_force", "trafficking" },
		/* The other signs of forced labour alone: rv-other-signs, level 2. */
		{ "deception", "rights_violation" }, { "abuse_of_vulnerability", "rights_violation" },
		{ "restriction_of_movement", "rights_violation" }, { "isolation", "rights_violation" },
		{ "debt_bondage", "rights_violation" }, { "fear_for_safety", "rights_violation" },
		/* Recruited or controlled, with no fear or force: no level. */
		{ "recruited_transported_harboured", "none" }, { "control_of_movements", "none" },
	};
	for (size_t i = 0; i < sizeof one_up / sizeof one_up[0]; i++) {
		char json[2048];
		/* ALL_NO with the one fact flipped: replace its "false" by "true". */
		const char *all = "{" ALL_NO "}";
		char key[80];
		snprintf(key, sizeof key, "\"%s\": false", one_up[i][0]);
		const char *at = strstr(all, key);
		CHECK(at != NULL);
		if (!at) continue;
		snprintf(json, sizeof json, "%.*s\"%s\": true%s", (int)(at - all), all, one_up[i][0],
		         at + strlen(key));
		CHECK_STR(assess_level_name(level_of(json)), one_up[i][1]);
		CHECK(!assessment_may_rise(X));
	}

	/* Forced labour: a sign of pressure and a sign the work is not free. */
	const char *fl = "{\"intimidation_threats\": true, \"deception\": true}";
	CHECK_INT(level_of(fl), LEVEL_FORCED_LABOUR);
	CHECK(assessment_may_rise(X));            /* trafficking still open */
	CHECK(asks("recruited_transported_harboured"));
	CHECK_INT(level_of("{\"intimidation_threats\": true, \"deception\": false}"), LEVEL_RIGHTS_VIOLATION);
	CHECK_INT(level_of("{\"debt_bondage\": true, \"isolation\": true}"), LEVEL_FORCED_LABOUR);
	CHECK_INT(level_of("{\"debt_bondage\": true, \"isolation\": false}"), LEVEL_RIGHTS_VIOLATION);
	CHECK(assessment_may_rise(X));            /* other signs of free choice unknown */
	/* Trafficking: control or movement, and fear or force. */
	CHECK_INT(level_of("{\"control_of_movements\": true, \"fear_for_safety\": true}"), LEVEL_TRAFFICKING);
	CHECK(!assessment_may_rise(X));
	CHECK_INT(level_of("{\"control_of_movements\": false, \"recruited_transported_harboured\": false,"
	                   " \"fear_for_safety\": true, \"deception\": true,"
	                   " \"crossed_border_by_deception_or_force\": false}"), LEVEL_FORCED_LABOUR);
	CHECK_INT(level_of("{\"recruited_transported_harboured\": true, \"physical_sexual_violence\": true}"),
	          LEVEL_TRAFFICKING);
	CHECK_INT(level_of("{\"recruited_transported_harboured\": true, \"physical_sexual_violence\": false}"),
	          LEVEL_NONE);

	/* level_reasons: every level reached, highest first. */
	CHECK_INT(level_of("{\"recruited_transported_harboured\": true, \"physical_sexual_violence\": true,"
	                   " \"unpaid_wages\": true}"), LEVEL_TRAFFICKING);
	const struct json_value *root = json_out(LANG_EN);
	CHECK(root != NULL);
	const struct json_value *lr = json_get(root, "level_reasons");
	CHECK(lr && lr->n >= 3);
	if (lr && lr->n >= 3) {
		CHECK_STR(str_of(lr->items[0], "level"), "trafficking");
		CHECK_STR(str_of(lr->items[lr->n - 1], "level"), "labour_violation");
		CHECK_STR(str_of(lr->items[0], "rule"), "tr-cc-force");
		CHECK(strlen(str_of(lr->items[0], "cite")) > 0);
		CHECK(strlen(str_of(lr->items[0], "text")) > 20);
	}
	CHECK_STR(str_of(root, "level"), "trafficking");
	CHECK(strstr(text_out(LANG_EN), "Signs of human trafficking") != NULL);
	CHECK(strstr(text_out(LANG_FR), "Niveau atteint : Indices de traite de personnes") != NULL);
}

static void test_unknown_and_declined(void)
{
	/* Trafficking hangs on one unknown answer: the level may rise, and that
	** answer is asked. */
	CHECK_INT(level_of("{\"control_of_movements\": true, \"unpaid_wages\": true}"), LEVEL_LABOUR_VIOLATION);
	CHECK(assessment_may_rise(X));
	CHECK(asks("fear_for_safety"));
	CHECK(!asks("control_of_movements"));       /* answered */
	CHECK(!asks("illegal_deductions"));         /* level 1 already reached, no remedy needs it */

	/* Declined: never asked again, and the result stays open. */
	CHECK_INT(level_of("{\"control_of_movements\": true, \"unpaid_wages\": true,"
	                   " \"fear_for_safety\": \"prefer_not_to_say\","
	                   " \"physical_sexual_violence\": \"prefer_not_to_say\"}"), LEVEL_LABOUR_VIOLATION);
	CHECK(assessment_may_rise(X));
	CHECK(!asks("fear_for_safety"));
	CHECK(!asks("physical_sexual_violence"));
	CHECK(asks("intimidation_threats"));
	const struct json_value *root = json_out(LANG_EN);
	const struct json_value *dec = root ? json_get(root, "declined") : NULL;
	CHECK(dec && dec->n == 2);
	const struct json_value *ind = root ? json_get(root, "indicators") : NULL;
	CHECK(ind && ind->n == 11);
	if (ind && ind->n == 11) {
		CHECK_STR(str_of(ind->items[0], "id"), "abuse_of_vulnerability");
		CHECK_STR(str_of(ind->items[4], "id"), "physical_sexual_violence");
		CHECK_STR(str_of(ind->items[4], "present"), "null");      /* declined */
		CHECK_STR(str_of(ind->items[10], "id"), "excessive_overtime");
	}
	CHECK(strstr(text_out(LANG_EN), "preferred not to answer 2 questions") != NULL);

	/* Nothing can change any more: no questions, may_rise false. */
	CHECK_INT(level_of("{" ALL_NO ", \"province\": \"nu\", \"status\": \"citizen\"}"), LEVEL_NONE);
	CHECK(!assessment_may_rise(X));
	CHECK_INT(assessment_question_count(X), 0);
}

static void test_question_order(void)
{
	CHECK_INT(level_of("{}"), LEVEL_NONE);
	size_t n = assessment_question_count(X);
	CHECK(n > 20);
	CHECK_STR(assessment_question(X, 0, NULL), "province");
	int last_c = -1;
	bool in_federal = false, ordered = true;
	for (size_t i = 0; i < n; i++) {
		const struct ruleset *rs;
		const char *q = assessment_question(X, i, &rs);
		if (rs == cont) {
			int idx = rules_fact_index(cont, q);
			if (in_federal || idx <= last_c) ordered = false;
			last_c = idx;
		} else {
			CHECK(rs == fed);
			in_federal = true;
		}
	}
	CHECK(ordered);
	CHECK(in_federal);
	CHECK(assessment_question(X, n, NULL) == NULL);
}

/* ---- the bridge and the pathways ---- */

static const char *trp_status(const struct json_value *root)
{
	const struct json_value *p = root ? json_get(root, "pathways") : NULL;
	const struct json_value *av = p ? json_get(p, "avenues") : NULL;
	for (size_t i = 0; av && i < av->n; i++)
		if (strcmp(str_of(av->items[i], "id"), "trp_vtip") == 0) return str_of(av->items[i], "status");
	return "(absent)";
}

static void test_bridge(void)
{
	const char *traf = "{\"control_of_movements\": true, \"fear_for_safety\": true,"
	                   " \"in_canada\": true, \"status\": \"no_status\", \"claim_made\": false,"
	                   " \"designated_foreign_national\": false, \"prra_made\": false}";
	CHECK_INT(level_of(traf), LEVEL_TRAFFICKING);
	CHECK(assessment_has_pathways(X));
	const struct json_value *root = json_out(LANG_EN);
	CHECK_STR(str_of(root, "trafficking_indicated_from_level"), "true");
	CHECK_STR(trp_status(root), "available");
	CHECK(!asks("trafficking_indicated"));
	CHECK(strstr(text_out(LANG_EN), "signs of human trafficking, so the protection pathways") != NULL);

	/* A "no" given by the worker stands: never set to false, never overridden. */
	CHECK_INT(level_of("{\"control_of_movements\": true, \"fear_for_safety\": true,"
	                   " \"in_canada\": true, \"status\": \"no_status\", \"claim_made\": false,"
	                   " \"designated_foreign_national\": false, \"prra_made\": false,"
	                   " \"trafficking_indicated\": false}"), LEVEL_TRAFFICKING);
	root = json_out(LANG_EN);
	CHECK_STR(str_of(root, "trafficking_indicated_from_level"), "false");
	CHECK_STR(trp_status(root), "not_applicable");
	/* Below trafficking, nothing is bridged: the question stays. */
	CHECK_INT(level_of("{\"unpaid_wages\": true, \"in_canada\": true, \"status\": \"no_status\"}"),
	          LEVEL_LABOUR_VIOLATION);
	root = json_out(LANG_EN);
	CHECK_STR(str_of(root, "trafficking_indicated_from_level"), "false");
	CHECK(asks("trafficking_indicated"));
}

static void test_pathways_citizen(void)
{
	const char *who[] = { "citizen", "permanent_resident", "CITIZEN" };
	for (size_t i = 0; i < 3; i++) {
		char json[200];
		snprintf(json, sizeof json, "{\"status\": \"%s\", \"unpaid_wages\": true}", who[i]);
		CHECK_INT(level_of(json), LEVEL_LABOUR_VIOLATION);
		CHECK(!assessment_has_pathways(X));
		const struct json_value *root = json_out(LANG_EN);
		CHECK_STR(str_of(root, "pathways"), "null");
		/* No federal question for a citizen. */
		bool federal = false;
		for (size_t k = 0; k < assessment_question_count(X); k++) {
			const struct ruleset *rs;
			assessment_question(X, k, &rs);
			if (rs == fed) federal = true;
		}
		CHECK(!federal);
		CHECK(strstr(text_out(LANG_EN), "Protection avenues as of") == NULL);
	}
	CHECK_INT(level_of("{\"status\": \"temporary_resident\"}"), LEVEL_NONE);
	CHECK(assessment_has_pathways(X));
	CHECK(strstr(text_out(LANG_EN), "Protection avenues as of") != NULL);
	/* The pathways' own notice is not repeated: the report has one. */
	const char *t = text_out(LANG_EN), *n1 = strstr(t, "not legal advice");
	CHECK(n1 && !strstr(n1 + 1, "not legal advice"));
	CHECK_INT(level_of("{}"), LEVEL_NONE);
	CHECK(assessment_has_pathways(X));          /* status unknown: shown */
}

/* ---- remedies by province ---- */

struct prov {
	const char *code;
	const char *es_due, *hr_due;    /* "null": no time limit researched */
};

static void test_provinces(void)
{
	/* Last incident 2016-06-15, last day of work 2016-06-30, no longer working. */
	static const struct prov provs[] = {
		{ "on", "2018-06-15", "2017-06-15" },   /* ESA 2 years; Code s. 34, 1 year */
		{ "qc", "2017-06-15", "2018-06-15" },   /* LNT 1 year; Charter 2 years */
		{ "bc", "2016-12-30", "2016-12-15" },   /* 6 months from the last day; 6 months (before 2018-11-27) */
		{ "ab", "2016-12-30", "2017-06-15" },   /* 6 months from the last day; 1 year */
		{ "nb", "null", "2017-06-15" },         /* ES limit not researched */
		{ "mb", "2016-12-30", "2017-06-15" },
	};
	for (size_t i = 0; i < sizeof provs / sizeof provs[0]; i++) {
		char json[512];
		snprintf(json, sizeof json,
		         "{\"province\": \"%s\", \"unpaid_wages\": true, \"discrimination\": true,"
		         " \"still_working\": false, \"last_day_of_work\": \"2016-06-30\","
		         " \"last_incident_date\": \"2016-06-15\"}", provs[i].code);
		CHECK_INT(level_of(json), LEVEL_RIGHTS_VIOLATION);
		const struct json_value *root = json_out(LANG_EN);
		const struct json_value *es = remedy(root, "employment_standards", NULL);
		const struct json_value *hr = remedy(root, "human_rights", NULL);
		CHECK(es && hr);
		if (!es || !hr) {
			fprintf(stderr, "  province %s\n", provs[i].code);
			continue;
		}
		CHECK_STR(str_of(es, "status"), "available");
		CHECK_STR(str_of(hr, "status"), "available");
		CHECK_STR(str_of(es, "deadline"), provs[i].es_due);
		CHECK_STR(str_of(hr, "deadline"), provs[i].hr_due);
		CHECK(strlen(str_of(es, "cite")) > 0);
		CHECK(strlen(str_of(es, "body")) > 0);
		CHECK(strlen(str_of(hr, "text")) > 0);
		if (strcmp(provs[i].hr_due, "null") != 0) CHECK(strlen(str_of(hr, "deadline_cite")) > 0);
		CHECK(remedy(root, "provincial_data_missing", NULL) == NULL);
		/* Every other province's remedies are left out. */
		size_t nrem = 0;
		for (size_t k = 0; k < assessment_remedy_count(X); k++)
			if (strcmp(assessment_remedy_id(X, k), "employment_standards") == 0) nrem++;
		CHECK_INT(nrem, 1);
		/* The deadline is written out for the reader. */
		CHECK(strstr(text_out(LANG_EN), "Time limit: ") != NULL);
	}
	/* The date the time limit counts from moves the deadline. */
	CHECK_INT(level_of("{\"province\": \"ON\", \"unpaid_wages\": true,"
	                   " \"last_incident_date\": \"2016-02-29\"}"), LEVEL_LABOUR_VIOLATION);
	const struct json_value *root = json_out(LANG_EN);
	const struct json_value *es = remedy(root, "employment_standards", NULL);
	CHECK_STR(str_of(es, "deadline"), "2018-02-28");
	CHECK_STR(str_of(es, "unverified"), "true");
	CHECK(strstr(text_out(LANG_EN), "February 28, 2018") != NULL);
	CHECK(strstr(text_out(LANG_FR), "28 février 2018") != NULL);
	/* Without the date: the remedy is open, its deadline not yet known, and the
	** date is asked. */
	CHECK_INT(level_of("{\"province\": \"on\", \"unpaid_wages\": true}"), LEVEL_LABOUR_VIOLATION);
	root = json_out(LANG_EN);
	es = remedy(root, "employment_standards", NULL);
	CHECK_STR(str_of(es, "status"), "available");
	CHECK_STR(str_of(es, "deadline"), "null");
	CHECK(asks("last_incident_date"));

	/* Provinces and territories without research say so. */
	const char *none[] = { "nu", "sk", "ns", "pe", "nl", "nt", "yt" };
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		char json[200];
		snprintf(json, sizeof json, "{\"province\": \"%s\", \"unpaid_wages\": true}", none[i]);
		CHECK_INT(level_of(json), LEVEL_LABOUR_VIOLATION);
		root = json_out(LANG_EN);
		const struct json_value *miss = remedy(root, "provincial_data_missing", NULL);
		CHECK(miss != NULL);
		CHECK_STR(str_of(miss, "status"), "available");
		CHECK(remedy(root, "employment_standards", NULL) == NULL);
		CHECK(!asks("last_incident_date"));
	}
	/* Province unknown: remedies are only possible, and the province is asked. */
	CHECK_INT(level_of("{\"unpaid_wages\": true}"), LEVEL_LABOUR_VIOLATION);
	root = json_out(LANG_EN);
	es = remedy(root, "employment_standards", "es_on");
	CHECK_STR(str_of(es, "status"), "possible");
	const struct json_value *deps = es ? json_get(es, "depends_on") : NULL;
	CHECK(deps && deps->n >= 1 && strcmp(deps->items[0]->text, "province") == 0);
	CHECK(asks("province"));
	CHECK_STR(assessment_question(X, 0, NULL), "province");

	/* Trafficking remedies: police, IRPA 118, the hotline once it existed. */
	const char *tr = "{\"crossed_border_by_deception_or_force\": true,"
	                 " \"recruited_transported_harboured\": true, \"fear_for_safety\": true}";
	CHECK_INT(run_at(tr, date_from_ymd(2026, 11, 28)), ASSESS_OK);
	root = json_out(LANG_EN);
	CHECK_STR(str_of(remedy(root, "criminal_code", NULL), "status"), "available");
	CHECK_STR(str_of(remedy(root, "irpa_118", NULL), "status"), "available");
	CHECK_STR(str_of(remedy(root, "hotline", NULL), "status"), "available");
	bool found = false;
	for (size_t k = 0; k < assessment_remedy_count(X); k++)
		if (strcmp(assessment_remedy_id(X, k), "hotline") == 0)
			found = assessment_remedy_available(X, k);
	CHECK(found);
	CHECK_INT(run_at(tr, FORUM), ASSESS_OK);
	root = json_out(LANG_EN);
	CHECK(remedy(root, "hotline", NULL) == NULL);   /* opened 2019-05-29 */
}

/* ---- typed answers ---- */

static const char *saved(void)
{
	buf_reset(&out);
	answers_write_json(ans, &out);
	return buf_str(&out);
}

static void test_set_text(void)
{
	answers_clear(ans);
	CHECK_INT(answers_set_text(ans, "unpaid_wages", " Yes ", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "harassment", "oui", LANG_FR, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "deception", "NON", LANG_FR, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "isolation", "n", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "last_incident_date", "2016-02-29", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "province", "9", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "status", "Citizen", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_set_text(ans, "fear_for_safety", ASSESS_DECLINED, LANG_EN, &err), ASSESS_OK);
	CHECK_STR(saved(),
	          "{\n  \"province\": \"on\",\n  \"unpaid_wages\": true,\n"
	          "  \"last_incident_date\": \"2016-02-29\",\n  \"harassment\": true,\n"
	          "  \"deception\": false,\n  \"isolation\": false,\n"
	          "  \"fear_for_safety\": \"prefer_not_to_say\",\n  \"status\": \"citizen\"\n}\n");
	/* Labels in either language, and value names in any case. */
	CHECK_INT(answers_set_text(ans, "province", "Québec", LANG_FR, &err), ASSESS_OK);
	CHECK(strstr(saved(), "\"province\": \"qc\"") != NULL);
	CHECK_INT(answers_set_text(ans, "province", "british columbia", LANG_EN, &err), ASSESS_OK);
	CHECK(strstr(saved(), "\"province\": \"bc\"") != NULL);
	CHECK_INT(answers_set_text(ans, "province", "AB", LANG_EN, &err), ASSESS_OK);
	CHECK(strstr(saved(), "\"province\": \"ab\"") != NULL);

	/* Refused, named, never repeated; the earlier answer stays. */
	struct { const char *name, *text; } bad[] = {
		{ "unpaid_wages", "maybe Maria" }, { "unpaid_wages", "" }, { "unpaid_wages", "  " },
		{ "last_incident_date", "2016-02-30" }, { "last_incident_date", "30/01/2016" },
		{ "last_incident_date", "1899-12-31" }, { "province", "0" }, { "province", "14" },
		{ "province", "Maria" }, { "province", "-1" }, { "province", "1000" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(answers_set_text(ans, bad[i].name, bad[i].text, LANG_EN, &err), ASSESS_EINPUT);
		CHECK_STR(err.answer, bad[i].name);
		CHECK(strstr(err.msg, bad[i].name) != NULL);
		CHECK(!*bad[i].text || !strstr(err.msg, bad[i].text) || strcmp(bad[i].text, "0") == 0);
		CHECK(strstr(err.msg, "Maria") == NULL);
	}
	CHECK(strstr(saved(), "\"province\": \"ab\"") != NULL);
	CHECK(strstr(saved(), "\"last_incident_date\": \"2016-02-29\"") != NULL);
	CHECK_INT(answers_set_text(ans, "no_such_question", "yes", LANG_EN, &err), ASSESS_EINPUT);
	CHECK_STR(err.answer, "no_such_question");
	CHECK_INT(answers_set_text(ans, "Maria Lopez", "yes", LANG_EN, &err), ASSESS_EINPUT);
	CHECK(strstr(err.msg, "Maria") == NULL);
	char big[2000];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_INT(answers_set_text(ans, "unpaid_wages", big, LANG_EN, &err), ASSESS_EINPUT);
	CHECK_INT(answers_set_text(ans, "unpaid_wages", "peut-être", LANG_FR, &err), ASSESS_EINPUT);
	CHECK(strstr(err.msg, "oui ou non") != NULL);

	/* Forget: back to not asked. */
	CHECK_INT(answers_forget(ans, "province"), 0);
	CHECK(strstr(saved(), "province") == NULL);
	CHECK_INT(answers_forget(ans, "no_such_question"), -1);

	/* What is saved reads back to the same answers. */
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", saved());
	CHECK_INT(answers_parse_json(ans, copy, strlen(copy), LANG_EN, &err), ASSESS_OK);
	CHECK_STR(saved(), copy);
	answers_clear(ans);
	CHECK_STR(saved(), "{}\n");
}

/* ---- errors in the answers document ---- */

static void bad_json(const char *json, const char *must_name, int line, int col)
{
	answers_clear(ans);
	CHECK_INT(answers_set_text(ans, "unpaid_wages", "yes", LANG_EN, &err), ASSESS_OK);
	CHECK_INT(answers_parse_json(ans, json, strlen(json), LANG_EN, &err), ASSESS_EINPUT);
	if (must_name) CHECK(strstr(err.msg, must_name) != NULL);
	if (line) {
		char where[64];
		CHECK_INT(err.line, line);
		if (col) {
			CHECK_INT(err.col, col);
			snprintf(where, sizeof where, "line %d, column %d", line, col);
		} else {
			snprintf(where, sizeof where, "line %d, column ", line);
		}
		CHECK(strstr(err.msg, where) != NULL);
	}
	CHECK(strstr(err.msg, "Maria") == NULL);
	CHECK(strstr(err.msg, "1999") == NULL);
	CHECK_STR(saved(), "{}\n");   /* never half a document */
}

static void test_errors(void)
{
	bad_json("{\n  \"province\": \"on\",\n  \"unpaid_wages\": yes\n}", NULL, 3, 19);
	bad_json("{\"unpaid_wages\": tr", NULL, 1, 0);
	bad_json("[\"Maria\"]", "JSON object", 1, 1);
	bad_json("", "not valid JSON", 0, 0);
	bad_json("{\"client_name\": \"Maria\"}", "client_name", 1, 2);
	bad_json("{\"Maria Lopez\": true}", "not the name of a question", 1, 2);
	bad_json("{\"unpaid_wages\": \"Maria\"}", "unpaid_wages", 1, 18);
	bad_json("{\"unpaid_wages\": 1}", "prefer_not_to_say", 1, 18);
	bad_json("{\"province\": \"Maria\"}", "province", 1, 14);
	bad_json("{\"province\": 9}", "province", 1, 14);
	bad_json("{\"last_incident_date\": \"1999-02-30\"}", "last_incident_date", 1, 24);
	bad_json("{\"last_incident_date\": \"30/01/1999\"}", "last_incident_date", 1, 24);
	bad_json("{\"last_incident_date\": \"1899-12-31\"}", "1900", 1, 24);
	bad_json("{\"status\": {\"name\": \"Maria\"}}", "status", 1, 12);
	bad_json("{\"deception\": true, \"deception\": false}", "twice", 1, 0);
	{
		char big[ASSESS_MAX_JSON + 64];
		memset(big, ' ', sizeof big);
		big[0] = '{';
		big[sizeof big - 2] = '}';
		big[sizeof big - 1] = '\0';
		bad_json(big, "64 KiB", 0, 0);
	}

	/* French messages, still naming the answer. */
	const char *j = "{\"unpaid_wages\": \"Maria\"}";
	CHECK_INT(answers_parse_json(ans, j, strlen(j), LANG_FR, &err), ASSESS_EINPUT);
	CHECK(strstr(err.msg, "ligne 1, colonne 18") != NULL);
	CHECK(strstr(err.msg, "unpaid_wages") != NULL);

	/* A constraint: the last incident after the assessment date. */
	CHECK_INT(run_at("{\"last_incident_date\": \"2017-01-05\"}", FORUM), ASSESS_EINPUT);
	CHECK_STR(err.answer, "incident-after-as-of");
	CHECK(strstr(err.msg, "last_incident_date") != NULL);
	CHECK(strstr(err.msg, "2017") == NULL);
	CHECK_INT(run_at("{\"last_incident_date\": \"2016-11-24\"}", FORUM), ASSESS_OK);
	/* A federal constraint too. */
	CHECK_INT(run_at("{\"claim_made\": true, \"claim_date\": \"2016-05-01\", \"claim_outcome\": \"rejected\","
	                 " \"claim_decision_date\": \"2016-03-17\"}", FORUM), ASSESS_EINPUT);
	CHECK(strstr(err.msg, "2016") == NULL);
	/* Before the rule sets' first day. */
	CHECK_INT(run_at("{}", date_from_ymd(2015, 12, 31)), ASSESS_EINPUT);
	CHECK(strstr(err.msg, "2016-01-01") != NULL);
	CHECK_INT(run_at("{}", date_from_ymd(2016, 1, 1)), ASSESS_OK);

	/* Rule sets that do not fit: the federal set has no level avenues. */
	struct assess *bad = NULL;
	char why[256];
	CHECK_INT(assess_new(fed, fed, &bad, why, sizeof why), ASSESS_ERULES);
	CHECK(bad == NULL);
	CHECK(strstr(why, "level_labour_violation") != NULL);
	CHECK_INT(assess_new(cont, NULL, &bad, why, sizeof why), ASSESS_ERULES);

	/* Nothing is written for an assessment that failed. */
	CHECK_INT(run_at("{\"last_incident_date\": \"2017-01-05\"}", FORUM), ASSESS_EINPUT);
	buf_reset(&out);
	CHECK_INT(assessment_write_json(X, LANG_EN, &out), -1);
	CHECK_INT(assessment_question_count(X), 0);
}

/* ---- the JSON contract's keys and order ---- */

static void test_contract(void)
{
	CHECK_INT(level_of("{\"province\": \"on\", \"unpaid_wages\": true, \"last_incident_date\": \"2016-06-15\"}"),
	          LEVEL_LABOUR_VIOLATION);
	const struct json_value *root = json_out(LANG_FR);
	CHECK(root && root->type == JSON_OBJECT);
	if (!root) return;
	const char *keys[] = { "level", "level_reasons", "indicators", "remedies", "pathways", "questions" };
	for (size_t i = 0; i < 6; i++) CHECK_STR(root->members[i].key, keys[i]);
	CHECK_STR(str_of(root, "lang"), "fr");
	CHECK_STR(str_of(root, "as_of"), "2016-11-24");
	CHECK_STR(str_of(root, "may_rise"), "true");
	CHECK(strstr(str_of(root, "notice"), "avis juridique") != NULL);
	const struct json_value *es = remedy(root, "employment_standards", NULL);
	const char *rkeys[] = { "id", "body", "deadline", "cite", "unverified", "text" };
	for (size_t i = 0; es && i < 6; i++) CHECK_STR(es->members[i].key, rkeys[i]);
	CHECK(strstr(str_of(es, "deadline_text"), "15 juin 2018") != NULL);
	const struct json_value *lr = json_get(root, "level_reasons");
	const char *lkeys[] = { "rule", "cite", "text" };
	for (size_t i = 0; lr && lr->n && i < 3; i++) CHECK_STR(lr->items[0]->members[i].key, lkeys[i]);
	const struct json_value *qs = json_get(root, "questions");
	CHECK(qs && qs->n > 0);
	if (qs && qs->n) {
		CHECK_STR(qs->items[0]->members[0].key, "id");
		CHECK_STR(qs->items[0]->members[1].key, "text");
	}
	const struct json_value *p = json_get(root, "pathways");
	CHECK(p && p->type == JSON_OBJECT && json_get(p, "avenues") != NULL);
}

int main(void)
{
	setup();
	RUN(test_levels);
	RUN(test_unknown_and_declined);
	RUN(test_question_order);
	RUN(test_bridge);
	RUN(test_pathways_citizen);
	RUN(test_provinces);
	RUN(test_set_text);
	RUN(test_errors);
	RUN(test_contract);
	json_free(doc);
	buf_free(&out);
	assessment_free(X);
	answers_free(ans);
	assess_free(A);
	rules_free(cont);
	rules_free(fed);
	TEST_END();
}
