/*
** test_needs.c — the needs vocabulary (data/directory/needs.json as compiled
** into the binary): its shape, that every remedy family and federal pathway of
** the built-in rule sets is mapped, the needs of given situations and of real
** assessments, the checks on a malformed vocabulary, and needs_sync into a
** database (inserts, repairs, writes nothing when current, keeps old needs).
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/assess.h"
#include "base/date.h"
#include "cli/cli.h"
#include "directory/db.h"
#include "directory/needs.h"
#include "builtin_rules.h"
#include "db_scratch.h"
#include "test.h"

static struct needs *N;

static bool has(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0) return true;
	return false;
}

static void test_vocabulary(void)
{
	size_t n = needs_count(N);
	CHECK(n >= 15 && n <= 25);
	static const char *const required[] = {
		"labour_standards_complaint", "wage_recovery", "human_rights_complaint",
		"trp_work_permit_help", "refugee_claim_legal_help", "immigration_legal_help",
		"emergency_shelter", "health_care_without_coverage", "counselling",
		"interpretation", "indigenous_led_support", "trafficking_support",
		"police_report_support", "legal_information",
	};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		CHECK(needs_find(N, required[i]) >= 0);
	for (size_t i = 0; i < n; i++) {
		CHECK(needs_valid_id(needs_id(N, i)));
		CHECK_INT(needs_find(N, needs_id(N, i)), (long long)i);
		const char *en = needs_name(N, i, LANG_EN), *fr = needs_name(N, i, LANG_FR);
		CHECK(en && fr && *en && *fr && strcmp(en, fr) != 0);
		const char *de = needs_description(N, i, LANG_EN), *df = needs_description(N, i, LANG_FR);
		CHECK(de && df && strlen(de) > 20 && strcmp(de, df) != 0);
	}
	CHECK(needs_id(N, n) == NULL);
	CHECK(needs_name(N, n, LANG_EN) == NULL);
	CHECK_INT(needs_find(N, "no_such_need"), -1);
	CHECK_INT(needs_find(N, NULL), -1);
	CHECK_STR(needs_name(N, (size_t)needs_find(N, "emergency_shelter"), LANG_FR),
	          "Hébergement d'urgence");
	CHECK(!needs_valid_id(""));
	CHECK(!needs_valid_id("Emergency"));
	CHECK(!needs_valid_id("1abc"));
	CHECK(!needs_valid_id("a b"));
	CHECK(!needs_valid_id(NULL));
}

/* The needs of one remedy family or one pathway alone. */
static size_t remedy_needs(const char *family, bool available, const char **out, size_t cap)
{
	struct needs_remedy r = { family, available };
	struct needs_situation s = { .level = LEVEL_NONE, .remedies = &r, .nremedies = 1 };
	return needs_for_situation(N, &s, out, cap);
}

static size_t pathway_needs(const char *id, const char *status, const char **out, size_t cap)
{
	struct needs_pathway p = { id, status };
	struct needs_situation s = { .level = LEVEL_NONE, .has_pathways = true,
	                             .pathways = &p, .npathways = 1 };
	return needs_for_situation(N, &s, out, cap);
}

/* Every remedy family and every federal avenue of the built-in rules creates a
** need when available, so no result is left without services. */
static void test_rules_mapped(void)
{
	struct ruleset *cont = NULL, *fed = NULL;
	load_builtin_rules(&cont, &fed);
	const char *ids[NEEDS_MAX];
	size_t families = 0;
	for (int t = 0; t < rules_target_count(cont); t++) {
		const char *fam = rules_target_remedy(cont, t);
		if (!fam) continue;
		families++;
		if (remedy_needs(fam, true, ids, NEEDS_MAX) == 0)
			fprintf(stderr, "remedy family %s creates no need\n", fam);
		CHECK(remedy_needs(fam, true, ids, NEEDS_MAX) > 0);
	}
	CHECK(families >= 8);
	size_t any = pathway_needs("none", "available", ids, NEEDS_MAX);
	CHECK_INT(any, 1);
	CHECK_STR(ids[0], "immigration_legal_help");
	size_t avenues = 0;
	for (int t = 0; t < rules_target_count(fed); t++) {
		if (rules_target_is_deadline(fed, t)) continue;
		avenues++;
		const char *id = rules_target_id(fed, t);
		size_t k = pathway_needs(id, "available", ids, NEEDS_MAX);
		/* The permit-holder class needs an immigration lawyer and nothing more. */
		bool own = strcmp(id, "pr_permit_holder") != 0;
		if (own && k <= any) fprintf(stderr, "pathway %s creates no need of its own\n", id);
		CHECK(k > any || !own);
		CHECK(has(ids, k, "immigration_legal_help"));
	}
	CHECK_INT(avenues, 6);
	rules_free(cont);
	rules_free(fed);
}

static void test_situations(void)
{
	const char *ids[NEEDS_MAX];
	struct needs_situation s = { .level = LEVEL_NONE };
	CHECK_INT(needs_for_situation(N, &s, ids, NEEDS_MAX), 0);

	s.level = LEVEL_LABOUR_VIOLATION;
	size_t k = needs_for_situation(N, &s, ids, NEEDS_MAX);
	CHECK_INT(k, 1);
	CHECK_STR(ids[0], "legal_information");

	/* A level brings the needs of the levels below it. */
	s.level = LEVEL_TRAFFICKING;
	k = needs_for_situation(N, &s, ids, NEEDS_MAX);
	CHECK(has(ids, k, "trafficking_support"));
	CHECK(has(ids, k, "emergency_shelter"));
	CHECK(has(ids, k, "counselling"));
	CHECK(has(ids, k, "legal_information"));
	CHECK(!has(ids, k, "wage_recovery"));
	s.level = LEVEL_FORCED_LABOUR;
	k = needs_for_situation(N, &s, ids, NEEDS_MAX);
	CHECK(has(ids, k, "counselling"));
	CHECK(!has(ids, k, "emergency_shelter"));

	/* Remedies: available and possible differ; a possible police report adds nothing. */
	k = remedy_needs("employment_standards", true, ids, NEEDS_MAX);
	CHECK(has(ids, k, "labour_standards_complaint") && has(ids, k, "wage_recovery"));
	k = remedy_needs("employment_standards", false, ids, NEEDS_MAX);
	CHECK(!has(ids, k, "labour_standards_complaint") && has(ids, k, "legal_information"));
	CHECK_INT(remedy_needs("criminal_code", false, ids, NEEDS_MAX), 0);
	k = remedy_needs("criminal_code", true, ids, NEEDS_MAX);
	CHECK(has(ids, k, "police_report_support"));
	k = remedy_needs("psychological_harassment", true, ids, NEEDS_MAX);
	CHECK(has(ids, k, "harassment_complaint"));
	CHECK_INT(remedy_needs("no_such_family", true, ids, NEEDS_MAX), 0);

	/* Pathways by status. */
	k = pathway_needs("trp_vtip", "available", ids, NEEDS_MAX);
	CHECK(has(ids, k, "trp_work_permit_help") && has(ids, k, "immigration_legal_help"));
	k = pathway_needs("trp_vtip", "barred", ids, NEEDS_MAX);
	CHECK(!has(ids, k, "trp_work_permit_help") && has(ids, k, "immigration_legal_help"));
	k = pathway_needs("refugee_claim", "unknown", ids, NEEDS_MAX);
	CHECK(has(ids, k, "refugee_claim_legal_help"));
	k = pathway_needs("refugee_claim", "ineligible", ids, NEEDS_MAX);
	CHECK_INT(k, 1);   /* only the need every non-citizen has */
	k = pathway_needs("vw_owp", "available", ids, NEEDS_MAX);
	CHECK(has(ids, k, "trp_work_permit_help") && has(ids, k, "employment_help"));

	/* Pathways count only for a person they apply to. */
	struct needs_pathway p = { "trp_vtip", "available" };
	struct needs_situation c = { .level = LEVEL_NONE, .has_pathways = false,
	                             .pathways = &p, .npathways = 1 };
	CHECK_INT(needs_for_situation(N, &c, ids, NEEDS_MAX), 0);

	/* Order, uniqueness and the cap. */
	struct needs_remedy rs[] = { { "hotline", true }, { "employment_standards", true },
	                             { "human_rights", true }, { "hotline", false } };
	struct needs_situation m = { .level = LEVEL_TRAFFICKING, .remedies = rs, .nremedies = 4,
	                             .has_pathways = true, .pathways = &p, .npathways = 1 };
	k = needs_for_situation(N, &m, ids, NEEDS_MAX);
	CHECK(k >= 10);
	for (size_t i = 1; i < k; i++)
		CHECK(needs_find(N, ids[i - 1]) < needs_find(N, ids[i]));
	const char *few[3] = { NULL, NULL, NULL };
	CHECK_INT(needs_for_situation(N, &m, few, 2), (long long)k);
	CHECK(few[0] == ids[0] && few[1] == ids[1] && few[2] == NULL);
}

/* Real assessments of the built-in rules. */
static void test_assessment(void)
{
	struct ruleset *cont = NULL, *fed = NULL;
	load_builtin_rules(&cont, &fed);
	char why[256];
	struct assess *A = NULL;
	if (assess_new(cont, fed, &A, why, sizeof why) != ASSESS_OK) abort();
	struct answers *ans = answers_new(A);
	struct assessment *X = assessment_new(A);
	struct assess_error err;
	const char *ids[NEEDS_MAX];

	/* Not run yet: no needs can be given. */
	CHECK(needs_for_assessment(N, X, ids, NEEDS_MAX) == (size_t)-1);

	/* A caregiver on an employer-specific permit, abused at work (Ontario). */
	static const char caregiver[] =
	    "{\"province\": \"on\", \"still_working\": true, \"last_incident_date\": \"2026-10-15\","
	    " \"unpaid_wages\": false, \"unpaid_overtime\": true, \"excessive_overtime\": true,"
	    " \"harassment\": true, \"discrimination\": null, \"retention_of_documents\": false,"
	    " \"isolation\": true, \"in_canada\": true, \"status\": \"temporary_resident\","
	    " \"employer_specific_permit\": true, \"abuse_at_work\": true, \"claim_made\": false}";
	CHECK_INT(answers_parse_json(ans, caregiver, sizeof caregiver - 1, LANG_EN, &err), ASSESS_OK);
	CHECK_INT(assess_run(A, ans, date_from_ymd(2026, 11, 28), X, &err), ASSESS_OK);
	size_t k = needs_for_assessment(N, X, ids, NEEDS_MAX);
	CHECK(k != (size_t)-1 && k > 0);
	if (k == (size_t)-1) k = 0;
	CHECK(has(ids, k, "labour_standards_complaint"));
	CHECK(has(ids, k, "wage_recovery"));
	CHECK(has(ids, k, "trp_work_permit_help"));     /* vw_owp available */
	CHECK(has(ids, k, "employment_help"));
	CHECK(has(ids, k, "immigration_legal_help"));
	CHECK(has(ids, k, "trafficking_support"));      /* the hotline is listed */
	CHECK(!has(ids, k, "police_report_support"));   /* police only possible */
	CHECK(!has(ids, k, "emergency_shelter"));

	/* A citizen owed wages in BC: no immigration needs. */
	static const char citizen[] =
	    "{\"province\": \"bc\", \"unpaid_wages\": true, \"still_working\": false, \"last_day_of_work\": \"2026-10-01\","
	    " \"status\": \"citizen\"}";
	CHECK_INT(answers_parse_json(ans, citizen, sizeof citizen - 1, LANG_EN, &err), ASSESS_OK);
	CHECK_INT(assess_run(A, ans, date_from_ymd(2026, 11, 28), X, &err), ASSESS_OK);
	k = needs_for_assessment(N, X, ids, NEEDS_MAX);
	CHECK(k != (size_t)-1);
	if (k == (size_t)-1) k = 0;
	CHECK(has(ids, k, "wage_recovery"));
	CHECK(!has(ids, k, "immigration_legal_help"));
	CHECK(!has(ids, k, "trp_work_permit_help"));

	assessment_free(X);
	answers_free(ans);
	assess_free(A);
	rules_free(cont);
	rules_free(fed);
}

static enum needs_err load_text(const char *s, struct needs **out, char *why, size_t cap)
{
	return needs_load(s, strlen(s), out, why, cap);
}

#define NEED_A "{\"id\": \"a_need\", \"name\": {\"en\": \"A\", \"fr\": \"Un\"}," \
               " \"description\": {\"en\": \"About A\", \"fr\": \"Sur A\"}}"
#define MAPS "\"from_levels\": {}, \"from_remedies\": {}, \"from_pathways\": {}"

static void test_bad_vocabulary(void)
{
	struct needs *n = NULL;
	char why[256];
	CHECK_INT(load_text("{\"needs\": [" NEED_A "], " MAPS "}", &n, why, sizeof why), NEEDS_OK);
	CHECK(n && needs_count(n) == 1);
	needs_free(n);

	static const char *const bad[] = {
		"{\"needs\": [",                                                     /* not JSON */
		"[]",                                                                /* not an object */
		"{\"needs\": [], " MAPS "}",                                         /* empty */
		"{\"needs\": [" NEED_A ", " NEED_A "], " MAPS "}",                   /* duplicate */
		"{\"needs\": [{\"id\": \"Bad Id\", \"name\": {\"en\": \"A\", \"fr\": \"B\"},"
		" \"description\": {\"en\": \"A\", \"fr\": \"B\"}}], " MAPS "}",     /* bad id */
		"{\"needs\": [{\"id\": \"a\", \"name\": {\"en\": \"A\"},"
		" \"description\": {\"en\": \"A\", \"fr\": \"B\"}}], " MAPS "}",     /* no French */
		"{\"needs\": [{\"id\": \"a\", \"name\": {\"en\": \"A\", \"fr\": \"\"},"
		" \"description\": {\"en\": \"A\", \"fr\": \"B\"}}], " MAPS "}",     /* empty French */
		"{\"needs\": [" NEED_A "], \"from_levels\": {\"trafficking\": [\"b_need\"]},"
		" \"from_remedies\": {}, \"from_pathways\": {}}",                    /* unknown need */
		"{\"needs\": [" NEED_A "], \"from_levels\": {\"severe\": []},"
		" \"from_remedies\": {}, \"from_pathways\": {}}",                    /* unknown level */
		"{\"needs\": [" NEED_A "], \"from_levels\": {}, \"from_remedies\": {},"
		" \"from_pathways\": {\"hc\": {\"maybe\": [\"a_need\"]}}}",          /* unknown status */
		"{\"needs\": [" NEED_A "], \"from_levels\": {},"
		" \"from_remedies\": {\"hotline\": [\"a_need\"]}, \"from_pathways\": {}}", /* not by status */
		"{\"needs\": [" NEED_A "], \"from_levels\": {}, \"from_remedies\": {}}",   /* no pathways */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		n = (struct needs *)1;
		enum needs_err e = load_text(bad[i], &n, why, sizeof why);
		if (e != NEEDS_EDATA) fprintf(stderr, "bad vocabulary %zu accepted\n", i);
		CHECK_INT(e, NEEDS_EDATA);
		CHECK(n == NULL);
		CHECK(strncmp(why, "needs vocabulary", 16) == 0);
	}

	/* More needs than the bit sets hold. */
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "{\"needs\": [");
	for (int i = 0; i <= NEEDS_MAX; i++)
		buf_printf(&b, "%s{\"id\": \"n%d\", \"name\": {\"en\": \"A\", \"fr\": \"B\"},"
		           " \"description\": {\"en\": \"A\", \"fr\": \"B\"}}", i ? ", " : "", i);
	buf_puts(&b, "], " MAPS "}");
	CHECK_INT(needs_load(b.p, b.len, &n, why, sizeof why), NEEDS_EDATA);
	buf_free(&b);
}

static void test_sync(void)
{
	char dir[] = "/tmp/safepath-test-needs-XXXXXX";
	if (!mkdtemp(dir)) abort();
	char path[128];
	snprintf(path, sizeof path, "%s/dir.db", dir);
	char msg[256];
	struct db *db = NULL;
	CHECK_INT(db_open(path, true, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(int_of(db, "SELECT count(*) FROM need"), (long long)needs_count(N));
	CHECK_INT(int_of(db, "SELECT count(*) FROM need WHERE id = 'emergency_shelter'"
	                     " AND name_fr = 'Hébergement d''urgence'"), 1);

	/* Current: nothing is written. */
	int before = sqlite3_total_changes(db_handle(db));
	CHECK_INT(needs_sync(db, msg, sizeof msg), NEEDS_OK);
	CHECK_INT(sqlite3_total_changes(db_handle(db)), before);

	/* A damaged name is repaired; a need no longer in the vocabulary stays. */
	CHECK_INT(db_exec(db, "UPDATE need SET name_en = 'x' WHERE id = 'counselling'"), DB_OK);
	CHECK_INT(db_exec(db, "INSERT INTO need (id, name_en, name_fr, description_en, description_fr)"
	                      " VALUES ('old_need', 'Old', 'Ancien', 'Old one', 'Ancien besoin')"), DB_OK);
	db_close(db);
	db = NULL;
	CHECK_INT(db_open(path, false, &db, msg, sizeof msg), DB_OK);
	if (!db) return;
	CHECK_INT(int_of(db, "SELECT count(*) FROM need WHERE id = 'counselling' AND name_en <> 'x'"), 1);
	CHECK_INT(int_of(db, "SELECT count(*) FROM need"), (long long)needs_count(N) + 1);

	/* Another vocabulary adds its needs next to the old ones. */
	struct needs *n = NULL;
	CHECK_INT(load_text("{\"needs\": [" NEED_A "], " MAPS "}", &n, msg, sizeof msg), NEEDS_OK);
	if (n) {
		CHECK_INT(needs_sync_with(db, n, msg, sizeof msg), NEEDS_OK);
		CHECK_INT(int_of(db, "SELECT count(*) FROM need WHERE id = 'a_need' AND name_fr = 'Un'"), 1);
		needs_free(n);
	}
	db_close(db);
	remove_scratch_db(dir, path);
}

int main(void)
{
	char why[256];
	if (needs_load_embedded(&N, why, sizeof why) != NEEDS_OK) {
		fprintf(stderr, "needs_load_embedded: %s\n", why);
		return 1;
	}
	RUN(test_vocabulary);
	RUN(test_rules_mapped);
	RUN(test_situations);
	RUN(test_assessment);
	RUN(test_bad_vocabulary);
	RUN(test_sync);
	needs_free(N);
	TEST_END();
}
