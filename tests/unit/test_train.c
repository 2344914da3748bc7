/*
** test_train.c — the training scenarios and the session logic (src/train/).
**
** Every built-in scenario is loaded, checked (texts in both languages, the answer
** key well formed and naming remedy families and avenues the rule sets declare),
** run through the assessment engine at its as_of date, and compared with its
** answer key: level, remedy families available, and the avenue statuses it
** gives. A scenario that disagrees fails the suite with its id and the
** difference. The set as a whole must cover what data/training/README.md
** promises. Then the loader's refusals, the trainee's input and the feedback.
*/
#include <stdlib.h>
#include <string.h>

#include "../../src/assess/assess.h"
#include "../../src/base/date.h"
#include "../../src/cli/cli.h"
#include "../../src/train/train.h"
#include "test.h"

static struct ruleset *cont, *fed;
static struct assess *A;
static struct answers *ANS;
static struct assessment *X;

static int setup(void)
{
	struct diaglist d;
	diag_init(&d);
	if (rules_load(embedded_continuum, embedded_continuum_count, &cont, &d) != RULES_OK ||
	    rules_load(embedded_federal, embedded_federal_count, &fed, &d) != RULES_OK) {
		diag_print(&d, stderr);
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	char why[512];
	if (assess_new(cont, fed, &A, why, sizeof why) != ASSESS_OK) {
		fprintf(stderr, "assess_new: %s\n", why);
		return -1;
	}
	ANS = answers_new(A);
	X = assessment_new(A);
	return ANS && X ? 0 : -1;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool sp = *s == ' ' || *s == '\n';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* ---- every built-in scenario against the engine ---- */

static void test_builtin(void)
{
	struct train_set *set = NULL;
	struct train_error err;
	enum train_err e = train_load(embedded_training, embedded_training_count, LANG_EN, &set, &err);
	if (e != TRAIN_OK)
		fprintf(stderr, "scenario %s:%d:%d: %s\n", err.file, err.line, err.col, err.msg);
	CHECK_INT(e, TRAIN_OK);
	if (!set)
		return;
	CHECK(train_count(set) >= 15);
	CHECK_INT(train_count(set), embedded_training_count);

	size_t per_level[ASSESS_NLEVELS] = { 0 };
	bool provinces[6] = { false }, unresearched = false, y2016 = false, recent = false;
	bool citizen = false, pathways = false, declined = false;
	static const char *const researched[6] = { "\"on\"", "\"qc\"", "\"bc\"", "\"ab\"", "\"mb\"", "\"nb\"" };
	struct train_result r;
	train_result_init(&r);
	for (size_t i = 0; i < train_count(set); i++) {
		const struct scenario *s = train_get(set, i);
		/* Texts: present in both languages (the loader), of a readable length. */
		size_t wen = count_words(s->story[LANG_EN]), wfr = count_words(s->story[LANG_FR]);
		if (wen < 80 || wen > 200 || wfr < 80 || wfr > 240)
			fprintf(stderr, "%s: story of %zu words (en) and %zu (fr): en 80-200, fr 80-240\n",
			        s->id, wen, wfr);
		CHECK(wen >= 80 && wen <= 200);
		CHECK(wfr >= 80 && wfr <= 240);
		CHECK(count_words(s->debrief[LANG_EN]) >= 60);
		CHECK(count_words(s->debrief[LANG_FR]) >= 60);
		CHECK(strcmp(s->title[LANG_EN], s->title[LANG_FR]) != 0);
		CHECK(strcmp(s->story[LANG_EN], s->story[LANG_FR]) != 0);

		/* Against the engine, at the scenario's date. */
		e = train_run(A, s, LANG_EN, ANS, X, &r, &err);
		if (e != TRAIN_OK)
			fprintf(stderr, "%s: %s\n", s->id, err.msg);
		CHECK_INT(e, TRAIN_OK);
		if (e != TRAIN_OK)
			continue;
		struct buf why;
		buf_init(&why, 65536);
		int diff = train_compare(s, &r, &why);
		if (diff)
			fprintf(stderr, "%s", buf_str(&why));
		CHECK_INT(diff, 0);
		buf_free(&why);
		/* The French evaluation agrees. */
		struct train_result rf;
		train_result_init(&rf);
		CHECK_INT(train_run(A, s, LANG_FR, ANS, X, &rf, &err), TRAIN_OK);
		CHECK_INT(rf.level, r.level);
		CHECK_INT(rf.nremedies, r.nremedies);
		train_result_free(&rf);

		per_level[s->level]++;
		for (int p = 0; p < 6; p++)
			if (strstr(s->answers, researched[p]))
				provinces[p] = true;
		unresearched |= strstr(s->answers, "\"province\":\"ns\"") != NULL;
		int y, m, d;
		date_to_ymd(s->as_of, &y, &m, &d);
		y2016 |= y == 2016;
		recent |= y >= 2025;
		citizen |= strstr(s->answers, "\"status\":\"citizen\"") != NULL;
		pathways |= r.has_pathways && s->npathways > 0;
		declined |= strstr(s->answers, ASSESS_DECLINED) != NULL;
	}
	train_result_free(&r);

	/* What data/training/README.md promises of the set. */
	CHECK(per_level[LEVEL_NONE] >= 1);
	for (int l = LEVEL_LABOUR_VIOLATION; l <= LEVEL_TRAFFICKING; l++) {
		if (per_level[l] < 2)
			fprintf(stderr, "fewer than 2 scenarios at level %s\n", assess_level_name((enum assess_level)l));
		CHECK(per_level[l] >= 2);
	}
	for (int p = 0; p < 6; p++)
		CHECK(provinces[p]);
	CHECK(unresearched);
	CHECK(y2016);
	CHECK(recent);
	CHECK(citizen);
	CHECK(pathways);
	CHECK(declined);
	train_free(set);
}

/* The folder loader reads the same set from data/training (tests run from the
** repository root). */
static void test_dir(void)
{
	struct train_set *set = NULL;
	struct train_error err;
	CHECK_INT(train_load_dir("data/training", LANG_EN, &set, &err), TRAIN_OK);
	CHECK_INT(train_count(set), embedded_training_count);
	const struct scenario *g = train_find(set, "guatemalan-farm-workers");
	CHECK(g != NULL);
	if (g) {
		CHECK_INT(g->level, LEVEL_TRAFFICKING);
		CHECK_INT(g->as_of, date_from_ymd(2016, 11, 24));
	}
	CHECK(train_find(set, "no-such-scenario") == NULL);
	CHECK(train_get(set, train_count(set)) == NULL);
	train_free(set);
	CHECK_INT(train_load_dir("tests/unit/no-such-folder", LANG_EN, &set, &err), TRAIN_EIO);
	CHECK(set == NULL);
}

/* ---- the loader's refusals ---- */

#define GOOD_TEXT "{\"en\": \"Some text.\", \"fr\": \"Un texte.\"}"

/* A valid scenario with one part replaced: fmt has %s for id, title, as_of,
** answers, expect (in that order). */
static enum train_err load_one(const char *name, const char *id, const char *title,
                               const char *as_of, const char *answers, const char *expect,
                               struct train_error *err)
{
	char text[4096];
	snprintf(text, sizeof text,
	         "{ \"id\": %s, \"title\": %s, \"story\": " GOOD_TEXT ", \"as_of\": %s,"
	         "  \"answers\": %s, \"expect\": %s, \"debrief\": " GOOD_TEXT " }",
	         id, title, as_of, answers, expect);
	struct rules_source src = { name, text, strlen(text) };
	struct train_set *set = NULL;
	enum train_err e = train_load(&src, 1, LANG_EN, &set, err);
	CHECK((e == TRAIN_OK) == (set != NULL));
	train_free(set);
	return e;
}

static void test_refusals(void)
{
	struct train_error err;
	const char *ok_exp = "{\"level\": \"none\", \"remedies\": []}";
	const char *ans = "{\"province\": \"on\"}";
	CHECK_INT(load_one("data/training/07-x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", ans, ok_exp, &err), TRAIN_OK);
	CHECK_INT(load_one("x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", ans, ok_exp, &err), TRAIN_OK);

	struct { const char *name, *id, *title, *as_of, *answers, *expect, *must; } bad[] = {
		{ "y.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", NULL, "NN-ID.json" },
		{ "7x-x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", NULL, "NN-ID.json" },
		{ "X.json", "\"X\"", GOOD_TEXT, "\"2016-11-24\"", "{}", NULL, "id:" },
		{ "-x.json", "\"-x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", NULL, "id:" },
		{ "x.json", "7", GOOD_TEXT, "\"2016-11-24\"", "{}", NULL, "id:" },
		{ "x.json", "\"x\"", "{\"en\": \"Only English.\"}", "\"2016-11-24\"", "{}", NULL, "\"fr\"" },
		{ "x.json", "\"x\"", "{\"en\": \"A\", \"fr\": \"\"}", "\"2016-11-24\"", "{}", NULL, "title.fr" },
		{ "x.json", "\"x\"", "{\"en\": \"A\", \"fr\": \"   \"}", "\"2016-11-24\"", "{}", NULL, "title.fr" },
		{ "x.json", "\"x\"", "{\"en\": \"A\\tB\", \"fr\": \"C\"}", "\"2016-11-24\"", "{}", NULL, "title.en" },
		{ "x.json", "\"x\"", "{\"en\": \"A\", \"fr\": \"C\", \"de\": \"D\"}", "\"2016-11-24\"", "{}", NULL, "only" },
		{ "x.json", "\"x\"", "\"A title\"", "\"2016-11-24\"", "{}", NULL, "title:" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-02-30\"", "{}", NULL, "as_of" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"24/11/2016\"", "{}", NULL, "as_of" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "[]", NULL, "answers" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{\"province\": \"o\\u0000n\"}", NULL, "not valid JSON" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"slavery\", \"remedies\": []}", "expect.level" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"remedies\": []}", "expect.level" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\"}", "expect.remedies" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\", \"remedies\": [\"a\", \"a\"]}", "twice" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\", \"remedies\": [\"Bad-Name\"]}", "expect.remedies" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\", \"remedies\": [], \"pathways\": {\"hc\": \"open\"}}", "expect.pathways" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\", \"remedies\": [], \"pathways\": []}", "expect.pathways" },
		{ "x.json", "\"x\"", GOOD_TEXT, "\"2016-11-24\"", "{}", "{\"level\": \"none\", \"remedies\": [], \"extra\": 1}", "expect:" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&err, 0, sizeof err);
		enum train_err e = load_one(bad[i].name, bad[i].id, bad[i].title, bad[i].as_of,
		                            bad[i].answers, bad[i].expect ? bad[i].expect : ok_exp, &err);
		CHECK_INT(e, TRAIN_EFORMAT);
		if (!strstr(err.msg, bad[i].must))
			fprintf(stderr, "refusal %zu: \"%s\" does not mention \"%s\"\n", i, err.msg, bad[i].must);
		CHECK(strstr(err.msg, bad[i].must) != NULL);
		CHECK(err.line > 0);
		CHECK_STR(err.file, strrchr(bad[i].name, '/') ? strrchr(bad[i].name, '/') + 1 : bad[i].name);
	}

	/* Whole-file problems. */
	const char *texts[] = { "", "[]", "{", "{\"id\": \"x\"} trailing", "{\"id\": \"x\", \"id\": \"x\"}",
	                        "{\"id\": \"x\", \"mystery\": 1}" };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct rules_source src = { "x.json", texts[i], strlen(texts[i]) };
		struct train_set *set = NULL;
		CHECK_INT(train_load(&src, 1, LANG_EN, &set, &err), TRAIN_EFORMAT);
		CHECK(set == NULL);
		CHECK(err.msg[0] != '\0');
	}
	/* Two files with the same id. */
	char a[1024];
	snprintf(a, sizeof a, "{\"id\": \"x\", \"title\": " GOOD_TEXT ", \"story\": " GOOD_TEXT
	         ", \"as_of\": \"2026-11-28\", \"answers\": {}, \"expect\": {\"level\": \"none\", \"remedies\": []},"
	         " \"debrief\": " GOOD_TEXT "}");
	struct rules_source two[2] = { { "01-x.json", a, strlen(a) }, { "02-x.json", a, strlen(a) } };
	struct train_set *set = NULL;
	CHECK_INT(train_load(two, 2, LANG_EN, &set, &err), TRAIN_EFORMAT);
	CHECK(strstr(err.msg, "same id") != NULL);
	CHECK_STR(err.file, "02-x.json");
	/* Messages in French. */
	struct rules_source fr = { "x.json", "[]", 2 };
	CHECK_INT(train_load(&fr, 1, LANG_FR, &set, &err), TRAIN_EFORMAT);
	CHECK(strstr(err.msg, "objet JSON") != NULL);
	/* A file over the cap. */
	char *big = malloc(TRAIN_MAX_FILE + 2);
	if (big) {
		memset(big, ' ', TRAIN_MAX_FILE + 1);
		big[0] = '{';
		big[TRAIN_MAX_FILE] = '}';
		struct rules_source b = { "x.json", big, TRAIN_MAX_FILE + 1 };
		CHECK_INT(train_load(&b, 1, LANG_EN, &set, &err), TRAIN_EFORMAT);
		free(big);
	}
}

/* Scenarios that load but do not fit the rule sets. */
static void test_validate(void)
{
#define VALIDATE_FMT "{\"id\": \"x\", \"title\": " GOOD_TEXT ", \"story\": " GOOD_TEXT \
	", \"as_of\": \"%s\", \"answers\": %s, \"expect\": %s, \"debrief\": " GOOD_TEXT "}"
	struct { const char *as_of, *answers, *expect; enum train_err want; const char *must; } cases[] = {
		{ "2026-11-28", "{\"province\": \"on\", \"unpaid_wages\": true}",
		  "{\"level\": \"labour_violation\", \"remedies\": [\"employment_standards\"]}", TRAIN_OK, "" },
		{ "2026-11-28", "{\"colour\": \"blue\"}", "{\"level\": \"none\", \"remedies\": []}",
		  TRAIN_EENGINE, "answers:" },
		{ "2026-11-28", "{\"province\": \"zz\"}", "{\"level\": \"none\", \"remedies\": []}",
		  TRAIN_EENGINE, "province" },
		{ "2026-11-28", "{\"unpaid_wages\": \"yes please\"}", "{\"level\": \"none\", \"remedies\": []}",
		  TRAIN_EENGINE, "unpaid_wages" },
		{ "2026-11-28", "{}", "{\"level\": \"none\", \"remedies\": [\"magic_wand\"]}",
		  TRAIN_EENGINE, "expect.remedies" },
		{ "2026-11-28", "{}", "{\"level\": \"none\", \"remedies\": [], \"pathways\": {\"teleport\": \"available\"}}",
		  TRAIN_EENGINE, "expect.pathways" },
		{ "2026-11-28", "{}", "{\"level\": \"none\", \"remedies\": [], \"pathways\": {\"boc\": \"available\"}}",
		  TRAIN_EENGINE, "expect.pathways" },
		/* The engine refuses a date before its rule sets begin. */
		{ "2015-06-01", "{}", "{\"level\": \"none\", \"remedies\": []}", TRAIN_EENGINE, "" },
		/* A constraint of the continuum set: the last incident after the as-of date. */
		{ "2016-11-24", "{\"last_incident_date\": \"2017-01-01\"}", "{\"level\": \"none\", \"remedies\": []}",
		  TRAIN_EENGINE, "" },
	};
	struct train_result r;
	train_result_init(&r);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[2048];
		snprintf(text, sizeof text, VALIDATE_FMT, cases[i].as_of, cases[i].answers, cases[i].expect);
		struct rules_source src = { "x.json", text, strlen(text) };
		struct train_set *set = NULL;
		struct train_error err;
		CHECK_INT(train_load(&src, 1, LANG_EN, &set, &err), TRAIN_OK);
		if (!set)
			continue;
		enum train_err e = train_run(A, train_get(set, 0), LANG_EN, ANS, X, &r, &err);
		if (e != cases[i].want || !strstr(err.msg, cases[i].must))
			fprintf(stderr, "validate case %zu: %d \"%s\"\n", i, (int)e, err.msg);
		CHECK_INT(e, cases[i].want);
		if (cases[i].want != TRAIN_OK) {
			CHECK(strstr(err.msg, cases[i].must) != NULL);
			CHECK_STR(err.file, "x");
			/* Never the value given. */
			CHECK(strstr(err.msg, "blue") == NULL && strstr(err.msg, "yes please") == NULL);
		}
		train_free(set);
	}
	train_result_free(&r);
}

/* An answer key the engine disagrees with is reported, item by item. */
static void test_compare(void)
{
	const char *text =
	    "{\"id\": \"x\", \"title\": " GOOD_TEXT ", \"story\": " GOOD_TEXT ", \"as_of\": \"2026-11-28\","
	    " \"answers\": {\"province\": \"on\", \"unpaid_wages\": true, \"discrimination\": false,"
	    "  \"harassment\": false, \"status\": \"temporary_resident\", \"in_canada\": true,"
	    "  \"employer_specific_permit\": true, \"abuse_at_work\": true},"
	    " \"expect\": {\"level\": \"trafficking\", \"remedies\": [\"human_rights\"],"
	    "  \"pathways\": {\"vw_owp\": \"barred\", \"hc\": \"available\"}},"
	    " \"debrief\": " GOOD_TEXT "}";
	struct rules_source src = { "x.json", text, strlen(text) };
	struct train_set *set = NULL;
	struct train_error err;
	CHECK_INT(train_load(&src, 1, LANG_EN, &set, &err), TRAIN_OK);
	if (!set)
		return;
	struct train_result r;
	train_result_init(&r);
	CHECK_INT(train_run(A, train_get(set, 0), LANG_EN, ANS, X, &r, &err), TRAIN_OK);
	CHECK_INT(r.level, LEVEL_LABOUR_VIOLATION);
	CHECK(r.has_pathways);
	struct buf why;
	buf_init(&why, 8192);
	/* level, human_rights missing, employment_standards extra, vw_owp wrong, and
	** hc unknown (it depends on claim questions not answered). */
	CHECK_INT(train_compare(train_get(set, 0), &r, &why), 5);
	CHECK(strstr(buf_str(&why), "x: level: expected trafficking, the engine says labour_violation") != NULL);
	CHECK(strstr(buf_str(&why), "remedy human_rights expected") != NULL);
	CHECK(strstr(buf_str(&why), "lists remedy employment_standards") != NULL);
	CHECK(strstr(buf_str(&why), "pathway vw_owp: expected barred, the engine says available") != NULL);
	CHECK(strstr(buf_str(&why), "pathway hc: expected available, the engine says unknown") != NULL);
	buf_free(&why);
	train_result_free(&r);
	train_free(set);
}

/* ---- the trainee's input ---- */

static void test_parse(void)
{
	enum assess_level l = LEVEL_NONE;
	CHECK_INT(train_parse_level("1", &l), 0);
	CHECK_INT(l, LEVEL_NONE);
	CHECK_INT(train_parse_level("  5 \r\n", &l), 0);
	CHECK_INT(l, LEVEL_TRAFFICKING);
	CHECK_INT(train_parse_level("Forced_Labour", &l), 0);
	CHECK_INT(l, LEVEL_FORCED_LABOUR);
	CHECK_INT(train_parse_level("0", &l), -1);
	CHECK_INT(train_parse_level("6", &l), -1);
	CHECK_INT(train_parse_level("", &l), -1);
	CHECK_INT(train_parse_level("1 2", &l), -1);
	CHECK_INT(train_parse_level("0003", &l), 0);
	CHECK_INT(l, LEVEL_RIGHTS_VIOLATION);
	CHECK_INT(train_parse_level("123456789", &l), -1);
	CHECK_INT(train_parse_level("three", &l), -1);

	bool c[8];
	CHECK_INT(train_parse_remedies("1 3,4", 8, c), 0);
	CHECK(c[0] && !c[1] && c[2] && c[3] && !c[4]);
	CHECK_INT(train_parse_remedies("", 8, c), 0);
	CHECK(!c[0] && !c[2]);
	CHECK_INT(train_parse_remedies(" 0 ", 8, c), 0);
	CHECK(!c[0]);
	CHECK_INT(train_parse_remedies("-", 8, c), 0);
	CHECK_INT(train_parse_remedies("2 2", 8, c), 0);
	CHECK(c[1]);
	CHECK_INT(train_parse_remedies("9", 8, c), -1);
	CHECK_INT(train_parse_remedies("0 1", 8, c), -1);
	CHECK_INT(train_parse_remedies("1a", 8, c), -1);
	CHECK_INT(train_parse_remedies("all", 8, c), -1);
	CHECK_INT(train_parse_remedies("8,", 8, c), 0);
	CHECK(c[7]);
}

/* ---- the feedback ---- */

static size_t family_index(const char *f)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	size_t n = train_families(A, ids, TRAIN_MAX_FAMILIES);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], f) == 0)
			return i;
	return TRAIN_MAX_FAMILIES;
}

static void test_feedback(void)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	size_t nf = train_families(A, ids, TRAIN_MAX_FAMILIES);
	CHECK(nf >= 8 && nf < TRAIN_MAX_FAMILIES);
	CHECK(family_index("employment_standards") < nf);
	CHECK(family_index("hotline") < nf);
	for (size_t i = 0; i < nf; i++) {
		/* Every family has a label in both languages, not just its id. */
		CHECK(strcmp(train_family_label(A, ids[i], LANG_EN), ids[i]) != 0);
		CHECK(strcmp(train_family_label(A, ids[i], LANG_FR), train_family_label(A, ids[i], LANG_EN)) != 0);
	}

	struct train_set *set = NULL;
	struct train_error err;
	CHECK_INT(train_load(embedded_training, embedded_training_count, LANG_EN, &set, &err), TRAIN_OK);
	const struct scenario *s = train_find(set, "claim-for-trafficker-on");
	CHECK(s != NULL);
	if (!s) {
		train_free(set);
		return;
	}
	struct train_result r;
	train_result_init(&r);
	CHECK_INT(train_run(A, s, LANG_EN, ANS, X, &r, &err), TRAIN_OK);

	bool chosen[TRAIN_MAX_FAMILIES] = { false };
	for (size_t i = 0; i < s->nremedies; i++)
		chosen[family_index(s->remedies[i])] = true;
	struct buf out;
	buf_init(&out, 1u << 20);
	CHECK_INT(train_write_feedback(A, s, &r, LEVEL_TRAFFICKING, chosen, nf, LANG_EN, &out), 1);
	CHECK(strstr(buf_str(&out), "Level: right.") != NULL);
	CHECK(strstr(buf_str(&out), "Remedies: right.") != NULL);
	CHECK(strstr(buf_str(&out), "Criminal Code 279.01(1)") != NULL);      /* a reason's citation */
	CHECK(strstr(buf_str(&out), "October 31, 2028") != NULL);            /* a deadline */
	CHECK(strstr(buf_str(&out), "until April 15, 2027") != NULL);        /* a pathway bar */
	CHECK(strstr(buf_str(&out), s->debrief[LANG_EN]) == NULL);          /* wrapped, */
	CHECK(strstr(buf_str(&out), "-- Debrief") != NULL);                  /* but there */

	/* Wrong answers: a lower level, one remedy missed and one not open. */
	buf_reset(&out);
	chosen[family_index("hotline")] = false;
	chosen[family_index("human_rights")] = true;
	CHECK_INT(train_write_feedback(A, s, &r, LEVEL_FORCED_LABOUR, chosen, nf, LANG_EN, &out), 0);
	CHECK(strstr(buf_str(&out), "Level: not quite.") != NULL);
	CHECK(strstr(buf_str(&out), "missed: the engine lists it") != NULL);
	CHECK(strstr(buf_str(&out), "not open here") != NULL);

	/* In French, the same structure. */
	train_result_free(&r);
	train_result_init(&r);
	CHECK_INT(train_run(A, s, LANG_FR, ANS, X, &r, &err), TRAIN_OK);
	buf_reset(&out);
	CHECK_INT(train_write_feedback(A, s, &r, LEVEL_NONE, chosen, nf, LANG_FR, &out), 0);
	CHECK(strstr(buf_str(&out), "Code criminel") != NULL);
	CHECK(strstr(buf_str(&out), "31 octobre 2028") != NULL);
	CHECK(strstr(buf_str(&out), "Compte rendu") != NULL);

	/* The story and the choices. */
	buf_reset(&out);
	CHECK_INT(train_write_story(A, s, 0, 16, LANG_EN, &out), 0);
	CHECK(strstr(buf_str(&out), "Scenario 1 of 16") != NULL);
	CHECK(strstr(buf_str(&out), "November 28, 2026") != NULL);
	buf_reset(&out);
	CHECK_INT(train_write_level_choices(A, LANG_EN, &out), 0);
	CHECK(strstr(buf_str(&out), "  4  Signs of forced labour") != NULL);
	buf_reset(&out);
	CHECK_INT(train_write_remedy_choices(A, LANG_FR, &out), 0);
	CHECK(strstr(buf_str(&out), "Ligne d'urgence") != NULL);

	/* A declined answer: the remedy it leaves open is "may be open", graded neither way. */
	s = train_find(set, "harassed-server-mb");
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(train_run(A, s, LANG_EN, ANS, X, &r, &err), TRAIN_OK);
		CHECK_INT(r.npossible, 1);
		CHECK(r.npossible == 1 && strcmp(r.possible[0], "employment_standards") == 0);
		memset(chosen, 0, sizeof chosen);
		chosen[family_index("human_rights")] = true;
		buf_reset(&out);
		CHECK_INT(train_write_feedback(A, s, &r, LEVEL_RIGHTS_VIOLATION, chosen, nf, LANG_EN, &out), 1);
		CHECK(strstr(buf_str(&out), "may be open") != NULL);
	}
	/* Every line of text fits the terminal. */
	const char *p = buf_str(&out);
	size_t longest = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t chars = 0;
		for (size_t i = 0; i < n; i++)
			chars += ((unsigned char)p[i] & 0xC0) != 0x80;
		/* A single word longer than a line (an address) may overflow. */
		if (memchr(p, ' ', n) && chars > longest)
			longest = chars;
		p = nl ? nl + 1 : p + n;
	}
	CHECK(longest <= 78);
	buf_free(&out);
	train_result_free(&r);
	train_free(set);
}

int main(void)
{
	if (setup() != 0) {
		fprintf(stderr, "the built-in rule sets do not load\n");
		return 1;
	}
	RUN(test_builtin);
	RUN(test_dir);
	RUN(test_refusals);
	RUN(test_validate);
	RUN(test_compare);
	RUN(test_parse);
	RUN(test_feedback);
	assessment_free(X);
	answers_free(ANS);
	assess_free(A);
	rules_free(fed);
	rules_free(cont);
	TEST_END();
}
