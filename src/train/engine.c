/*
** engine.c — a scenario and the assessment engine (see train.h): the remedy
** families the rule sets declare, checking that a scenario fits them, the live
** evaluation, and the comparison with the answer key.
*/
#include "trainInt.h"

#include <stdio.h>
#include <string.h>

#include "../base/json.h"

/* The families whose labels session.c knows come first, in that order (the
** order a trainee reads them in); any other family follows, in rule-file order. */
size_t train_families(const struct assess *a, const char **ids, size_t cap)
{
	const struct ruleset *rs = assess_continuum(a);
	const char *all[TRAIN_MAX_FAMILIES];
	size_t nall = 0, n = 0;
	int nt = rules_target_count(rs);
	for (int t = 0; t < nt; t++) {
		const char *f = rules_target_remedy(rs, t);
		if (!f || rules_target_is_deadline(rs, t))
			continue;
		bool seen = false;
		for (size_t i = 0; i < nall; i++)
			seen |= strcmp(all[i], f) == 0;
		if (!seen && nall < TRAIN_MAX_FAMILIES)
			all[nall++] = f;
	}
	bool taken[TRAIN_MAX_FAMILIES] = { false };
	for (int k = 0; train_family_known(k); k++)
		for (size_t i = 0; i < nall; i++)
			if (!taken[i] && strcmp(all[i], train_family_known(k)) == 0 && n < cap) {
				ids[n++] = all[i];
				taken[i] = true;
			}
	for (size_t i = 0; i < nall && n < cap; i++)
		if (!taken[i])
			ids[n++] = all[i];
	return n;
}

static bool is_family(const struct assess *a, const char *f)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	size_t n = train_families(a, ids, TRAIN_MAX_FAMILIES);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], f) == 0)
			return true;
	return false;
}

static bool is_avenue(const struct ruleset *rs, const char *id)
{
	int t = rules_target_index(rs, id);
	return t >= 0 && !rules_target_is_deadline(rs, t);
}

static enum train_err answers_failed(const struct scenario *s, const struct assess_error *ae,
                                     enum assess_err e, enum lang lang, struct train_error *err)
{
	char file[TRAIN_MAX_NAME];
	snprintf(file, sizeof file, "%s", s->id);
	if (e == ASSESS_ENOMEM) {
		train_seterr(err, file, 0, 0, "%s", TR(lang, "not enough memory"));
		return TRAIN_ENOMEM;
	}
	char msg[sizeof ae->msg];
	memcpy(msg, ae->msg, sizeof msg);
	msg[sizeof msg - 1] = '\0';
	train_seterr(err, file, 0, 0, TR(lang, "the scenario's answers: %s"),
	       msg[0] ? msg : TR(lang, "the assessment does not accept the scenario's answers"));
	return TRAIN_EENGINE;
}

enum train_err train_validate(const struct assess *a, const struct scenario *s, enum lang lang,
                              struct answers *ans, struct train_error *err)
{
	memset(err, 0, sizeof *err);
	for (size_t i = 0; i < s->nremedies; i++)
		if (!is_family(a, s->remedies[i])) {
			train_seterr(err, s->id, 0, 0, "%s",
			       TR(lang, "expect.remedies: a family that the continuum rule set does not declare"));
			return TRAIN_EENGINE;
		}
	for (size_t i = 0; i < s->npathways; i++)
		if (!is_avenue(assess_federal(a), s->pathways[i].avenue)) {
			train_seterr(err, s->id, 0, 0, "%s",
			       TR(lang, "expect.pathways: an avenue that the federal rule set does not declare"));
			return TRAIN_EENGINE;
		}
	struct assess_error ae;
	memset(&ae, 0, sizeof ae);
	enum assess_err e = answers_parse_json(ans, s->answers, s->answers_len, lang, &ae);
	if (e != ASSESS_OK)
		return answers_failed(s, &ae, e, lang, err);
	return TRAIN_OK;
}

void train_result_init(struct train_result *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->json, ASSESS_MAX_JSON * 16u);
}

void train_result_free(struct train_result *r)
{
	buf_free(&r->json);
}

/* The family id as the rule set spells it (so the result may point to it), or
** NULL for a family the rule set does not declare. */
static const char *family_of(const char *const *fams, size_t nf, const char *id)
{
	for (size_t i = 0; id && i < nf; i++)
		if (strcmp(fams[i], id) == 0)
			return fams[i];
	return NULL;
}

static void add_family(const char **list, size_t *n, const char *f)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i] == f)
			return;
	if (*n < TRAIN_MAX_FAMILIES)
		list[(*n)++] = f;
}

/* The remedies' statuses and the pathways come from the assessment's JSON: each
** remedy has its family ("id") and "status"; "pathways" holds the federal result,
** whose "avenues" list each avenue's id and status. */
static int read_json(const struct assess *a, const struct scenario *s, struct train_result *r)
{
	struct json_doc *doc = json_parse(buf_str(&r->json), r->json.len, NULL, NULL);
	if (!doc)
		return -1;
	const char *fams[TRAIN_MAX_FAMILIES];
	size_t nf = train_families(a, fams, TRAIN_MAX_FAMILIES);
	const struct json_value *rm = json_get(json_root(doc), "remedies");
	for (size_t i = 0; rm && rm->type == JSON_ARRAY && i < rm->n; i++) {
		const struct json_value *id = json_get(rm->items[i], "id");
		const struct json_value *st = json_get(rm->items[i], "status");
		const char *f = id && id->type == JSON_STRING ? family_of(fams, nf, id->text) : NULL;
		if (!f)
			continue;
		if (st && st->type == JSON_STRING && strcmp(st->text, "available") == 0)
			add_family(r->remedies, &r->nremedies, f);
		else
			add_family(r->possible, &r->npossible, f);
	}
	/* A family open through one body is open, whatever another body's status. */
	size_t k = 0;
	for (size_t i = 0; i < r->npossible; i++) {
		bool open = false;
		for (size_t j = 0; j < r->nremedies; j++)
			open |= r->remedies[j] == r->possible[i];
		if (!open)
			r->possible[k++] = r->possible[i];
	}
	r->npossible = k;

	const struct json_value *p = json_get(json_root(doc), "pathways");
	const struct json_value *av = p ? json_get(p, "avenues") : NULL;
	for (size_t i = 0; av && av->type == JSON_ARRAY && i < av->n; i++) {
		const struct json_value *id = json_get(av->items[i], "id");
		const struct json_value *st = json_get(av->items[i], "status");
		if (!id || id->type != JSON_STRING || !st || st->type != JSON_STRING)
			continue;
		for (size_t q = 0; q < s->npathways; q++) {
			if (strcmp(s->pathways[q].avenue, id->text) != 0)
				continue;
			for (int v = AV_AVAILABLE; v <= AV_UNKNOWN; v++)
				if (strcmp(st->text, av_status_name((enum av_status)v)) == 0) {
					r->pathway_found[q] = true;
					r->pathway_status[q] = (enum av_status)v;
				}
		}
	}
	json_free(doc);
	return 0;
}

enum train_err train_run(const struct assess *a, const struct scenario *s, enum lang lang,
                         struct answers *ans, struct assessment *x, struct train_result *r,
                         struct train_error *err)
{
	enum train_err rc = train_validate(a, s, lang, ans, err);
	if (rc != TRAIN_OK)
		return rc;
	struct assess_error ae;
	memset(&ae, 0, sizeof ae);
	enum assess_err e = assess_run(a, ans, s->as_of, x, &ae);
	if (e != ASSESS_OK)
		return answers_failed(s, &ae, e, lang, err);

	r->level = assessment_level(x);
	r->may_rise = assessment_may_rise(x);
	r->nremedies = r->npossible = 0;
	r->has_pathways = assessment_has_pathways(x);
	r->npathways = s->npathways;
	memset(r->pathway_found, 0, sizeof r->pathway_found);
	buf_reset(&r->json);
	if (assessment_write_json(x, lang, &r->json) != 0 || r->json.err != BUF_OK) {
		train_seterr(err, s->id, 0, 0, "%s", TR(lang, "the assessment could not be written out"));
		return r->json.err == BUF_ENOMEM ? TRAIN_ENOMEM : TRAIN_EENGINE;
	}
	if (read_json(a, s, r) != 0) {
		train_seterr(err, s->id, 0, 0, "%s", TR(lang, "the assessment could not be read back"));
		return TRAIN_EENGINE;
	}
	return TRAIN_OK;
}

int train_compare(const struct scenario *s, const struct train_result *r, struct buf *why)
{
	int n = 0;
	if (r->level != s->level) {
		buf_printf(why, "%s: level: expected %s, the engine says %s\n", s->id,
		           assess_level_name(s->level), assess_level_name(r->level));
		n++;
	}
	for (size_t i = 0; i < s->nremedies; i++) {
		bool found = false;
		for (size_t k = 0; k < r->nremedies; k++)
			found |= strcmp(s->remedies[i], r->remedies[k]) == 0;
		if (!found) {
			buf_printf(why, "%s: remedy %s expected, the engine does not list it\n", s->id,
			           s->remedies[i]);
			n++;
		}
	}
	for (size_t k = 0; k < r->nremedies; k++) {
		bool found = false;
		for (size_t i = 0; i < s->nremedies; i++)
			found |= strcmp(s->remedies[i], r->remedies[k]) == 0;
		if (!found) {
			buf_printf(why, "%s: the engine lists remedy %s, not in the answer key\n", s->id,
			           r->remedies[k]);
			n++;
		}
	}
	if (s->npathways > 0 && !r->has_pathways) {
		buf_printf(why, "%s: pathways expected, the engine shows none (a citizen or permanent resident?)\n",
		           s->id);
		n++;
	}
	for (size_t k = 0; k < s->npathways && r->has_pathways; k++) {
		if (!r->pathway_found[k]) {
			buf_printf(why, "%s: pathway %s: not in the engine's result\n", s->id,
			           s->pathways[k].avenue);
			n++;
		} else if (r->pathway_status[k] != s->pathways[k].status) {
			buf_printf(why, "%s: pathway %s: expected %s, the engine says %s\n", s->id,
			           s->pathways[k].avenue, av_status_name(s->pathways[k].status),
			           av_status_name(r->pathway_status[k]));
			n++;
		}
	}
	return n;
}
