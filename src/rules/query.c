/*
** query.c — read access to a rule set's declarations and to one result, target
** by target, for programs that build on the engine (src/assess, the web layer).
** Everything returned points into the rule set or the result; nothing is
** copied. Out-of-range indexes are answered, never trusted.
*/
#include <string.h>

#include "eval.h"

static bool fact_ok(const struct ruleset *rs, int idx) { return idx >= 0 && idx < rs->nfacts; }
static bool target_ok(const struct ruleset *rs, int t) { return t >= 0 && t < rs->ntargets; }
static bool rule_ok(const struct ruleset *rs, int ri) { return ri >= 0 && ri < rs->nrules; }

const char *rules_title(const struct ruleset *rs, enum lang lang)
{
	return rules_bt(&rs->title, lang);
}

int rules_fact_type(const struct ruleset *rs, int idx)
{
	if (!fact_ok(rs, idx)) return -1;
	switch (rs->facts[idx].type) {
	case FT_BOOL: return RULES_FT_BOOLEAN;
	case FT_DATE: return RULES_FT_DATE;
	case FT_ENUM: return RULES_FT_ENUM;
	case FT_NUMBER: return RULES_FT_NUMBER;
	case FT_TEXT: return RULES_FT_TEXT;
	case FT_NONE: case FT_DURATION: break;
	}
	return -1;
}

const char *rules_fact_question(const struct ruleset *rs, int idx, enum lang lang)
{
	return fact_ok(rs, idx) ? rules_bt(&rs->facts[idx].question, lang) : NULL;
}

const char *rules_fact_help(const struct ruleset *rs, int idx, enum lang lang)
{
	return fact_ok(rs, idx) ? rules_bt(&rs->facts[idx].help, lang) : NULL;
}

int rules_fact_nvalues(const struct ruleset *rs, int idx)
{
	return fact_ok(rs, idx) && rs->facts[idx].type == FT_ENUM ? rs->facts[idx].nvals : 0;
}

const char *rules_fact_value(const struct ruleset *rs, int idx, int v)
{
	if (v < 0 || v >= rules_fact_nvalues(rs, idx)) return NULL;
	return rs->facts[idx].vals[v];
}

const char *rules_fact_value_label(const struct ruleset *rs, int idx, int v, enum lang lang)
{
	if (v < 0 || v >= rules_fact_nvalues(rs, idx)) return NULL;
	return rules_bt(&rs->facts[idx].val_labels[v], lang);
}

int rules_target_count(const struct ruleset *rs) { return rs->ntargets; }

int rules_target_index(const struct ruleset *rs, const char *id)
{
	if (!id) return -1;
	for (int t = 0; t < rs->ntargets; t++)
		if (strcmp(rs->targets[t].id, id) == 0) return t;
	return -1;
}

const char *rules_target_id(const struct ruleset *rs, int t)
{
	return target_ok(rs, t) ? rs->targets[t].id : NULL;
}

bool rules_target_is_deadline(const struct ruleset *rs, int t)
{
	return target_ok(rs, t) && rs->targets[t].kind == TK_DEADLINE;
}

const char *rules_target_name(const struct ruleset *rs, int t, enum lang lang)
{
	return target_ok(rs, t) ? rules_bt(&rs->targets[t].name, lang) : NULL;
}

const char *rules_target_gives(const struct ruleset *rs, int t, enum lang lang)
{
	return target_ok(rs, t) ? rules_bt(&rs->targets[t].gives, lang) : NULL;
}

const char *rules_target_remedy(const struct ruleset *rs, int t)
{
	return target_ok(rs, t) ? rs->targets[t].remedy : NULL;
}

int rules_target_limit(const struct ruleset *rs, int t)
{
	return target_ok(rs, t) ? rs->targets[t].limit : -1;
}

const char *rules_rule_id(const struct ruleset *rs, int ri)
{
	return rule_ok(rs, ri) ? rs->rules[ri].id : NULL;
}

int rules_rule_ncites(const struct ruleset *rs, int ri)
{
	return rule_ok(rs, ri) ? rs->rules[ri].ncites : 0;
}

const char *rules_rule_cite(const struct ruleset *rs, int ri, int k, enum lang lang,
                            const char **url)
{
	if (url) *url = NULL;
	if (k < 0 || k >= rules_rule_ncites(rs, ri)) return NULL;
	const struct citation *ci = &rs->rules[ri].cites[k];
	if (url) *url = lang == LANG_FR && ci->url_fr ? ci->url_fr : ci->url_en;
	return rules_cite_label(ci, lang);
}

const char *rules_rule_unverified(const struct ruleset *rs, int ri, enum lang lang)
{
	if (!rule_ok(rs, ri) || !rs->rules[ri].unverified) return NULL;
	return rules_bt(&rs->rules[ri].unverified_note, lang);
}

const char *rules_rule_cite_address(const struct ruleset *rs, int ri, int k, enum lang lang)
{
	if (k < 0 || k >= rules_rule_ncites(rs, ri)) return NULL;
	const struct citation *ci = &rs->rules[ri].cites[k];
	if (lang == LANG_FR && ci->url_fr) return ci->url_fr;
	return ci->url_en ? ci->url_en : ci->url_fr;
}

/* ---- one result ---- */

static const struct tres *tres_of(const struct result *r, int t)
{
	return r->evaluated && target_ok(r->rs, t) ? &r->t[t] : NULL;
}

enum av_status result_status(const struct result *r, int t)
{
	const struct tres *x = tres_of(r, t);
	return x ? x->status : AV_UNKNOWN;
}

bool result_until(const struct result *r, int t, int32_t *until)
{
	const struct tres *x = tres_of(r, t);
	if (!x || x->status != AV_BARRED || !x->has_until) return false;
	*until = x->until;
	return true;
}

bool result_due(const struct result *r, int t, int32_t *due, int *rule)
{
	const struct tres *x = tres_of(r, t);
	if (!x || r->rs->targets[t].kind != TK_DEADLINE || !x->has_due) return false;
	*due = x->due;
	if (rule) *rule = x->due_rule;
	return true;
}

bool result_undecided(const struct result *r, int t)
{
	const struct tres *x = tres_of(r, t);
	return x && x->undecided;
}

size_t result_depends(const struct result *r, int t, int *facts, size_t cap)
{
	const struct tres *x = tres_of(r, t);
	size_t n = 0;
	if (!x) return 0;
	for (int f = 0; f < r->rs->nfacts; f++)
		if (factset_has(&x->deps, f)) {
			if (n < cap) facts[n] = f;
			n++;
		}
	return n;
}

size_t result_reason_count(const struct result *r, int t)
{
	const struct tres *x = tres_of(r, t);
	return x ? (size_t)x->nreasons : 0;
}

int result_reason_rule(const struct result *r, int t, size_t j)
{
	const struct tres *x = tres_of(r, t);
	if (!x || j >= (size_t)x->nreasons) return -1;
	return x->reasons[j];
}

size_t result_question_count(const struct result *r)
{
	return r->evaluated ? (size_t)r->nquestions : 0;
}

int result_question(const struct result *r, size_t i)
{
	return i < result_question_count(r) ? r->questions[i] : -1;
}

int result_avenue_target(const struct result *r, size_t i)
{
	return i < (size_t)r->navenues ? r->avenues[i] : -1;
}

bool result_depends_reported(const struct result *r, int t)
{
	const struct tres *x = tres_of(r, t);
	return x && (x->undecided || x->extendable);
}

const char *result_holidays_notice(const struct result *r, enum lang lang)
{
	for (int i = 0; r->evaluated && i < r->ndeadlines; i++)
		if (r->t[r->deadlines[i]].has_due)
			return TR(lang, "Deadlines skip federal holidays only: provincial holidays are not counted.");
	return NULL;
}

size_t rules_cite_match(const struct ruleset *rs, const char *text, enum lang lang,
                        const char **label, const char **url)
{
	size_t best = 0;
	if (label) *label = NULL;
	if (url) *url = NULL;
	if (!text || !*text) return 0;
	for (int ri = 0; ri < rs->nrules; ri++)
		for (int k = 0; k < rs->rules[ri].ncites; k++) {
			const struct citation *ci = &rs->rules[ri].cites[k];
			const char *c = rules_cite_label(ci, lang);
			if (!c || c[0] != text[0]) continue;
			size_t n = strlen(c);
			if (n > best && strncmp(text, c, n) == 0
			    && (text[n] == '\0' || (text[n] == ';' && text[n + 1] == ' '))) {
				best = n;
				if (label) *label = c;
				if (url) *url = lang == LANG_FR && ci->url_fr ? ci->url_fr : ci->url_en;
			}
		}
	return best;
}
