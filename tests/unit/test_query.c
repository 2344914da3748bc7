/*
** test_query.c — the engine's detailed read access (src/rules/query.c) and the
** avenue clauses `remedy` and `limit`: declarations, per-target results,
** reasons with their explanation text, depends_on, questions, and facts set
** from parsed JSON values (enumeration values matched without regard to case).
*/
#include <stdlib.h>
#include <string.h>

#include "../../src/base/date.h"
#include "../../src/base/json.h"
#include "../../src/rules/rules.h"
#include "test.h"

static const char SET[] =
	"ruleset q\n"
	"  name en \"Query set\" fr \"Jeu de requêtes\"\n"
	"  covers from 2016-01-01\n"
	"\n"
	"fact province: one of on, qc\n"
	"  question en \"Which province?\" fr \"Quelle province ?\"\n"
	"  help en \"Where the work is.\" fr \"Lieu du travail.\"\n"
	"  value on en \"Ontario\" fr \"Ontario\"\n"
	"  value qc en \"Quebec\" fr \"Québec\"\n"
	"\n"
	"fact unpaid: boolean\n"
	"  question en \"Unpaid?\" fr \"Impayé ?\"\n"
	"  help en \"H\" fr \"H\"\n"
	"\n"
	"fact incident: date\n"
	"  question en \"When?\" fr \"Quand ?\"\n"
	"  help en \"H\" fr \"H\"\n"
	"\n"
	"avenue es\n"
	"  remedy employment_standards\n"
	"  limit es_limit\n"
	"  name en \"Standards office\" fr \"Bureau des normes\"\n"
	"  gives en \"Wages back.\" fr \"Le salaire.\"\n"
	"\n"
	"deadline es_limit\n"
	"  name en \"Complaint limit\" fr \"Délai de plainte\"\n"
	"\n"
	"rule es-on\n"
	"  avenue es\n"
	"  cites \"ESA 96\" / \"LNE 96\" en \"https://e.example/en\" fr \"https://e.example/fr\"\n"
	"  cites \"Other 1\"\n"
	"  from 2016-01-01\n"
	"  when province = on and unpaid\n"
	"  then available\n"
	"  unverified en \"Not checked.\" fr \"Non vérifié.\"\n"
	"  en \"Complain in {province}.\" fr \"Plainte en {province}.\"\n"
	"\n"
	"rule es-on-limit\n"
	"  deadline es_limit\n"
	"  cites \"ESA 96(3)\" / \"LNE 96(3)\"\n"
	"  from 2016-01-01\n"
	"  when rule es-on\n"
	"  then due incident + 2 years\n"
	"  en \"By {due}.\" fr \"Au plus tard le {due}.\"\n";

static struct ruleset *load(const char *text, struct diaglist *d)
{
	struct rules_source src = { "q.rules", text, strlen(text) };
	struct ruleset *rs = NULL;
	diag_init(d);
	rules_load(&src, 1, &rs, d);
	return rs;
}

static void test_declarations(void)
{
	struct diaglist d;
	struct ruleset *rs = load(SET, &d);
	CHECK(rs != NULL);
	if (!rs) { diag_print(&d, stderr); diag_free(&d); return; }
	CHECK_STR(rules_title(rs, LANG_FR), "Jeu de requêtes");
	int p = rules_fact_index(rs, "province");
	CHECK_INT(rules_fact_type(rs, p), RULES_FT_ENUM);
	CHECK_INT(rules_fact_type(rs, rules_fact_index(rs, "incident")), RULES_FT_DATE);
	CHECK_INT(rules_fact_type(rs, 99), -1);
	CHECK_STR(rules_fact_question(rs, p, LANG_FR), "Quelle province ?");
	CHECK_STR(rules_fact_help(rs, p, LANG_EN), "Where the work is.");
	CHECK_INT(rules_fact_nvalues(rs, p), 2);
	CHECK_STR(rules_fact_value(rs, p, 1), "qc");
	CHECK_STR(rules_fact_value_label(rs, p, 1, LANG_FR), "Québec");
	CHECK(rules_fact_value(rs, p, 2) == NULL);
	CHECK_INT(rules_fact_nvalues(rs, rules_fact_index(rs, "unpaid")), 0);

	CHECK_INT(rules_target_count(rs), 2);
	int es = rules_target_index(rs, "es"), lim = rules_target_index(rs, "es_limit");
	CHECK(es >= 0 && lim >= 0);
	CHECK(!rules_target_is_deadline(rs, es));
	CHECK(rules_target_is_deadline(rs, lim));
	CHECK_STR(rules_target_remedy(rs, es), "employment_standards");
	CHECK(rules_target_remedy(rs, lim) == NULL);
	CHECK_INT(rules_target_limit(rs, es), lim);
	CHECK_INT(rules_target_limit(rs, lim), -1);
	CHECK_STR(rules_target_name(rs, es, LANG_FR), "Bureau des normes");
	CHECK_STR(rules_target_gives(rs, lim, LANG_EN), "");
	CHECK_INT(rules_target_index(rs, "nope"), -1);
	CHECK(rules_target_id(rs, 7) == NULL);
	rules_free(rs);
	diag_free(&d);
}

static void test_result(void)
{
	struct diaglist d;
	struct ruleset *rs = load(SET, &d);
	CHECK(rs != NULL);
	if (!rs) { diag_free(&d); return; }
	struct facts *f = facts_new(rs);
	struct result *r = result_new(rs);
	struct facts_error fe;
	int es = rules_target_index(rs, "es"), lim = rules_target_index(rs, "es_limit");
	int32_t day;

	/* Only the province known: both targets wait on the other facts. */
	static const char j1[] = "{\"province\": \"ON\"}";
	CHECK_INT(facts_parse_json(f, j1, strlen(j1), LANG_EN, &fe), FACTS_OK);
	CHECK(facts_known(f, rules_fact_index(rs, "province")));
	CHECK(!facts_known(f, rules_fact_index(rs, "unpaid")));
	CHECK_INT(rules_eval(rs, f, date_from_ymd(2026, 11, 28), EVAL_REASONS | EVAL_QUESTIONS, r),
	          RULES_OK);
	CHECK_INT(result_status(r, es), AV_UNKNOWN);
	CHECK(result_undecided(r, es));
	int deps[4];
	CHECK_INT(result_depends(r, es, deps, 4), 1);
	CHECK_STR(rules_fact_name(rs, deps[0]), "unpaid");
	CHECK(!result_due(r, lim, &day, NULL));
	CHECK(result_question_count(r) >= 1);
	CHECK_STR(rules_fact_name(rs, result_question(r, 0)), "unpaid");
	CHECK_INT(result_question(r, 99), -1);

	/* Everything known: open, with its reason, citations and the due date. */
	static const char j2[] = "{\"province\": \"on\", \"unpaid\": true, \"incident\": \"2024-02-29\"}";
	CHECK_INT(facts_parse_json(f, j2, strlen(j2), LANG_EN, &fe), FACTS_OK);
	CHECK_INT(rules_eval(rs, f, date_from_ymd(2026, 11, 28), EVAL_REASONS | EVAL_QUESTIONS, r),
	          RULES_OK);
	CHECK_INT(result_status(r, es), AV_AVAILABLE);
	CHECK(!result_undecided(r, es));
	CHECK_INT(result_depends(r, es, deps, 4), 0);
	CHECK_INT(result_reason_count(r, es), 1);
	int ri = result_reason_rule(r, es, 0);
	CHECK_STR(rules_rule_id(rs, ri), "es-on");
	CHECK_STR(rules_rule_kind(rs, ri), "available");
	CHECK_INT(rules_rule_ncites(rs, ri), 2);
	const char *url;
	CHECK_STR(rules_rule_cite(rs, ri, 0, LANG_FR, &url), "LNE 96");
	CHECK_STR(url, "https://e.example/fr");
	CHECK_STR(rules_rule_cite(rs, ri, 1, LANG_FR, &url), "Other 1");
	CHECK(url == NULL);
	CHECK(rules_rule_cite(rs, ri, 2, LANG_EN, &url) == NULL);
	CHECK_STR(rules_rule_unverified(rs, ri, LANG_EN), "Not checked.");
	struct buf b;
	buf_init(&b, 4096);
	result_explain(r, es, ri, LANG_FR, &b);
	CHECK_STR(buf_str(&b), "Plainte en Ontario.");
	int due_rule = -1;
	CHECK(result_due(r, lim, &day, &due_rule));
	CHECK_INT(day, date_from_ymd(2026, 2, 28));          /* s. 28: no 29 February in 2026 */
	CHECK_STR(rules_rule_id(rs, due_rule), "es-on-limit");
	CHECK(rules_rule_unverified(rs, due_rule, LANG_EN) == NULL);
	buf_reset(&b);
	result_explain(r, lim, due_rule, LANG_EN, &b);
	CHECK_STR(buf_str(&b), "By February 28, 2026.");
	CHECK_INT(result_reason_rule(r, es, 5), -1);

	/* A value of a document the caller parsed, matched case-insensitively. */
	static const char j3[] = "{\"province\": \"Qc\", \"unpaid\": \"yes\"}";
	struct json_limits lim3 = { .max_bytes = 1024, .max_depth = 4, .max_members = 16,
	                            .max_string = 256 };
	struct json_error je;
	struct json_doc *doc = json_parse(j3, strlen(j3), &lim3, &je);
	CHECK(doc != NULL);
	if (doc) {
		const struct json_value *root = json_root(doc);
		int p = rules_fact_index(rs, "province"), u = rules_fact_index(rs, "unpaid");
		CHECK_INT(facts_set_json(f, p, root->members[0].value, LANG_EN, &fe), FACTS_OK);
		CHECK_INT(facts_set_json(f, u, root->members[1].value, LANG_EN, &fe), FACTS_ETYPE);
		CHECK_STR(fe.fact, "unpaid");
		CHECK(strstr(fe.msg, "yes") == NULL);            /* never echoes the value */
		CHECK_INT(facts_set_json(f, 42, root->members[0].value, LANG_EN, &fe), FACTS_EUNKNOWN);
		json_free(doc);
	}
	buf_free(&b);
	result_free(r);
	facts_free(f);
	rules_free(rs);
	diag_free(&d);
}

/* `limit` must name a deadline that exists. */
static void test_limit_errors(void)
{
	static const char *const bad[][2] = {
		{ "limit nothing_here", "no deadline 'nothing_here' is declared" },
		{ "limit es", "'es' is an avenue: 'limit' names a deadline" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[sizeof SET + 64];
		const char *at = strstr(SET, "limit es_limit");
		size_t head = (size_t)(at - SET);
		snprintf(text, sizeof text, "%.*s%s%s", (int)head, SET, bad[i][0],
		         at + strlen("limit es_limit"));
		struct diaglist d;
		struct ruleset *rs = load(text, &d);
		CHECK(rs == NULL);
		bool found = false;
		for (size_t k = 0; k < d.n; k++)
			if (strstr(d.v[k].msg, bad[i][1]) && d.v[k].line == 21 && d.v[k].col == 9) found = true;
		CHECK(found);
		rules_free(rs);
		diag_free(&d);
	}
}

int main(void)
{
	RUN(test_declarations);
	RUN(test_result);
	RUN(test_limit_errors);
	TEST_END();
}
