/*
** fuzz_scenario.c — fuzz target for the scenario files of the training mode and
** everything behind them: train_load on the input (named after the id it holds,
** so the name check passes and the fields behind it are reached), then, in both
** languages, the checks against the built-in rule sets, a live evaluation, the
** comparison with the answer key, and every text the session writes, with
** choices drawn from the input. The input is also read as a line a trainee
** typed. Messages must always be terminated.
*/
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "cli/cli.h"
#include "fuzz.h"
#include "train/train.h"

static struct ruleset *cont, *fed;
static struct assess *A;
static struct answers *ans;
static struct assessment *x;

static int setup(void)
{
	struct diaglist d;
	char why[512];
	diag_init(&d);
	if (rules_load(embedded_continuum, embedded_continuum_count, &cont, &d) != RULES_OK ||
	    rules_load(embedded_federal, embedded_federal_count, &fed, &d) != RULES_OK)
		abort();   /* the built-in rules must load; nothing else is worth fuzzing */
	diag_free(&d);
	if (assess_new(cont, fed, &A, why, sizeof why) != ASSESS_OK)
		abort();
	ans = answers_new(A);
	x = assessment_new(A);
	if (!ans || !x)
		abort();
	return 0;
}

/* "ID.json" when the input is an object whose id is a short plain string, so the
** loader's file-name check can pass; any other input keeps a fixed name. */
static void file_name(const char *text, size_t len, char *name, size_t cap)
{
	snprintf(name, cap, "fuzz.json");
	struct json_doc *doc = json_parse(text, len, NULL, NULL);
	const struct json_value *id = doc ? json_get(json_root(doc), "id") : NULL;
	if (id && id->type == JSON_STRING && id->len > 0 && id->len <= TRAIN_MAX_ID &&
	    !memchr(id->text, '/', id->len))
		snprintf(name, cap, "%s.json", id->text);
	json_free(doc);
}

static void check_err(const struct train_error *err)
{
	if (!memchr(err->msg, '\0', sizeof err->msg) || !memchr(err->file, '\0', sizeof err->file))
		abort();
}

static void session(const struct scenario *s, enum lang lang, const uint8_t *data, size_t size)
{
	struct train_error err;
	struct train_result r;
	struct buf out;
	train_result_init(&r);
	buf_init(&out, CLI_OUT_MAX);
	enum train_err e = train_run(A, s, lang, ans, x, &r, &err);
	if (e != TRAIN_OK) {
		check_err(&err);
		goto out;
	}
	if ((int)r.level < 0 || (int)r.level >= ASSESS_NLEVELS || r.nremedies > TRAIN_MAX_FAMILIES ||
	    r.npossible > TRAIN_MAX_FAMILIES)
		abort();
	struct buf why;
	buf_init(&why, 1u << 16);
	(void)train_compare(s, &r, &why);
	buf_free(&why);

	const char *ids[TRAIN_MAX_FAMILIES];
	bool chosen[TRAIN_MAX_FAMILIES];
	size_t nf = train_families(A, ids, TRAIN_MAX_FAMILIES);
	for (size_t i = 0; i < nf; i++)
		chosen[i] = i < size && (data[i] & 1);
	enum assess_level level = size ? (enum assess_level)(data[size - 1] % ASSESS_NLEVELS) : LEVEL_NONE;
	if (train_write_story(A, s, 0, 1, lang, &out) != 0 ||
	    train_write_level_choices(A, lang, &out) != 0 ||
	    train_write_remedy_choices(A, lang, &out) != 0 ||
	    train_write_feedback(A, s, &r, level, chosen, nf, lang, &out) < 0)
		abort();   /* the caps are far above anything one scenario can produce */
out:
	buf_free(&out);
	train_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready)
		ready = setup() == 0;

	char *text = fuzz_dup(data, size);
	if (!text)
		return 0;
	char name[TRAIN_MAX_ID + 16];
	file_name(text, size, name, sizeof name);

	for (int l = 0; l < 2; l++) {
		enum lang lang = l ? LANG_FR : LANG_EN;
		struct rules_source src = { name, text, size };
		struct train_set *set = NULL;
		struct train_error err;
		if (train_load(&src, 1, lang, &set, &err) != TRAIN_OK) {
			check_err(&err);
			if (set)
				abort();
			continue;
		}
		if (train_count(set) != 1 || !train_find(set, train_get(set, 0)->id))
			abort();
		session(train_get(set, 0), lang, data, size);
		train_free(set);
	}

	/* The input as a line a trainee typed. */
	char line[TRAIN_MAX_LINE];
	size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
	memcpy(line, data, n);
	line[n] = '\0';
	enum assess_level lv;
	bool chosen[TRAIN_MAX_FAMILIES];
	if (train_parse_level(line, &lv) == 0 && ((int)lv < 0 || (int)lv >= ASSESS_NLEVELS))
		abort();
	(void)train_parse_remedies(line, 8, chosen);
	free(text);
	return 0;
}
