/*
** fuzz_answers.c — fuzz target for the answers boundary of `safepath assess` and
** everything behind it: answers_parse_json on the input (against the built-in
** continuum and federal rule sets, loaded once), assess_run at two as-of dates
** (the forum's November 2016 and a recent day), both writers in both languages;
** and the same input typed as one interview answer (answers_set_text) to the
** first question left.
**
** Invariants checked (abort on failure): messages are terminated; the JSON
** writer's output is valid JSON; saved answers read back to the same answers.
*/
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"
#include "cli/cli.h"
#include "fuzz.h"

#define TYPED_MAX 2048   /* bytes of the input tried as a typed answer */

static struct ruleset *cont, *fed;
static struct assess *A;
static struct answers *ans, *again;
static struct assessment *X;

static int setup(void)
{
	struct diaglist d;
	diag_init(&d);
	if (rules_load(embedded_continuum, embedded_continuum_count, &cont, &d) != RULES_OK
	    || rules_load(embedded_federal, embedded_federal_count, &fed, &d) != RULES_OK)
		abort();   /* the built-in rules must load; nothing else is worth fuzzing */
	diag_free(&d);
	char why[256];
	if (assess_new(cont, fed, &A, why, sizeof why) != ASSESS_OK)
		abort();
	ans = answers_new(A);
	again = answers_new(A);
	X = assessment_new(A);
	if (!ans || !again || !X)
		abort();
	return 0;
}

static void check_err(const struct assess_error *err)
{
	if (!memchr(err->msg, '\0', sizeof err->msg) || !memchr(err->answer, '\0', sizeof err->answer))
		abort();
}

static void evaluate(int32_t as_of, enum lang lang)
{
	struct assess_error err;
	if (assess_run(A, ans, as_of, X, &err) != ASSESS_OK) {
		check_err(&err);
		return;
	}
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	if (assessment_write_json(X, lang, &out) == 0) {
		struct json_limits lim = json_default_limits;
		struct json_error je;
		lim.max_bytes = CLI_OUT_MAX;
		struct json_doc *doc = json_parse(buf_str(&out), out.len, &lim, &je);
		if (!doc && je.code != JSON_ENOMEM)
			abort();   /* the writer must always write valid JSON */
		json_free(doc);
	}
	buf_reset(&out);
	(void)assessment_write_text(X, lang, &out);
	buf_free(&out);
	/* Nothing is above trafficking. */
	if (assessment_level(X) == LEVEL_TRAFFICKING && assessment_may_rise(X))
		abort();
}

/* What answers_write_json writes reads back to the same document. */
static void round_trip(void)
{
	struct buf a, b;
	struct assess_error err;
	buf_init(&a, 4u * ASSESS_MAX_JSON);
	buf_init(&b, 4u * ASSESS_MAX_JSON);
	if (answers_write_json(ans, &a) == 0) {
		if (answers_parse_json(again, buf_str(&a), a.len, LANG_EN, &err) != ASSESS_OK)
			abort();
		if (answers_write_json(again, &b) != 0 || strcmp(buf_str(&a), buf_str(&b)) != 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = setup() == 0;

	char *text = fuzz_dup(data, size);
	if (!text)
		return 0;
	for (int l = 0; l < 2; l++) {
		enum lang lang = l ? LANG_FR : LANG_EN;
		struct assess_error err;
		if (answers_parse_json(ans, text, size, lang, &err) != ASSESS_OK) {
			check_err(&err);
			continue;
		}
		round_trip();
		evaluate(date_from_ymd(2016, 11, 24), lang);
		evaluate(date_from_ymd(2026, 11, 28), lang);
	}
	free(text);

	/* The input typed as the answer to the first question left. */
	struct assess_error err;
	answers_clear(ans);
	if (assess_run(A, ans, date_from_ymd(2026, 11, 28), X, &err) == ASSESS_OK
	    && assessment_question_count(X) > 0) {
		size_t n = size < TYPED_MAX ? size : TYPED_MAX;
		char typed[TYPED_MAX + 1];
		memcpy(typed, data, n);
		typed[n] = '\0';
		size_t q = size ? data[0] % assessment_question_count(X) : 0;
		const char *name = assessment_question(X, q, NULL);
		if (answers_set_text(ans, name, typed, LANG_FR, &err) == ASSESS_OK) {
			round_trip();
			evaluate(date_from_ymd(2026, 11, 28), LANG_EN);
		} else {
			check_err(&err);
		}
	}
	return 0;
}
