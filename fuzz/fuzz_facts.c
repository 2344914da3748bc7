/*
** fuzz_facts.c — fuzz target for the facts boundary and everything behind it:
** facts_parse_json on the input (against the built-in federal rule set, loaded
** once), then facts_check, rules_eval with reasons and questions, and both
** writers in both languages, at two as-of dates (the forum's November 2016 and a
** recent day) so rules of both periods are exercised.
*/
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"
#include "fuzz.h"

static struct ruleset *rs;
static struct facts *facts;
static struct result *res;

static int setup(void)
{
	struct diaglist d;
	diag_init(&d);
	if (rules_load(embedded_federal, embedded_federal_count, &rs, &d) != RULES_OK || !rs)
		abort();   /* the built-in rules must load; nothing else is worth fuzzing */
	diag_free(&d);
	facts = facts_new(rs);
	res = result_new(rs);
	if (!facts || !res)
		abort();
	return 0;
}

static void evaluate(int32_t as_of, enum lang lang)
{
	struct facts_error err;
	if (facts_check(facts, as_of, lang, &err) != FACTS_OK) {
		if (!memchr(err.msg, '\0', sizeof err.msg) || !memchr(err.fact, '\0', sizeof err.fact))
			abort();   /* messages must be terminated */
		return;
	}
	if (rules_eval(rs, facts, as_of, EVAL_REASONS | EVAL_QUESTIONS, res) != RULES_OK)
		return;
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	(void)result_write_json(res, lang, &out);
	buf_reset(&out);
	(void)result_write_text(res, lang, &out);
	buf_free(&out);
	/* The evaluation without reasons must not disagree on any status. */
	size_t n = result_avenue_count(res);
	enum av_status st[64];
	for (size_t i = 0; i < n && i < 64; i++)
		st[i] = result_avenue_status(res, i);
	if (rules_eval(rs, facts, as_of, 0, res) == RULES_OK)
		for (size_t i = 0; i < n && i < 64; i++)
			if (result_avenue_status(res, i) != st[i])
				abort();
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
		struct facts_error err;
		if (facts_parse_json(facts, text, size, lang, &err) != FACTS_OK) {
			if (!memchr(err.msg, '\0', sizeof err.msg))
				abort();
			continue;
		}
		evaluate(date_from_ymd(2016, 11, 24), lang);
		evaluate(date_from_ymd(2025, 6, 2), lang);
	}
	free(text);
	return 0;
}
