/*
** assess.c — the two rule sets checked to fit together, and one evaluation:
** the answers into both sets' facts, the continuum set evaluated, the highest
** level reached, the bridge to the federal fact trafficking_indicated, the
** federal set evaluated, and the remedies and questions that follow.
**
** No law is written here: the levels, remedies and time limits are the
** continuum rule set's, the pathways the federal set's. This file only knows the
** names of the four level avenues, the eleven ILO indicators (answer names fixed
** by the issue contract) and the federal facts `status` and
** `trafficking_indicated`.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/json.h"
#include "../base/msg.h"
#include "assessInt.h"

/* ILO, Indicators of forced labour (2012), in the ILO's order. */
const char *const assess_ilo_ids[ASSESS_NILO] = {
	"abuse_of_vulnerability", "deception", "restriction_of_movement", "isolation",
	"physical_sexual_violence", "intimidation_threats", "retention_of_documents",
	"withholding_of_wages", "debt_bondage", "abusive_conditions", "excessive_overtime",
};

static const char *const level_names[ASSESS_NLEVELS] = {
	"none", "labour_violation", "rights_violation", "forced_labour", "trafficking",
};

static const char *const level_avenues[ASSESS_NLEVELS] = {
	NULL, "level_labour_violation", "level_rights_violation", "level_forced_labour",
	"level_trafficking",
};

const char *assess_level_name(enum assess_level l)
{
	return (unsigned)l < ASSESS_NLEVELS ? level_names[l] : "none";
}

const char *assess_level_label(const struct assess *a, enum assess_level l, enum lang lang)
{
	if ((unsigned)l >= ASSESS_NLEVELS) return "";
	if (l == LEVEL_NONE) return TR(lang, "No level reached");
	return rules_target_name(a->cont, a->level_t[l], lang);
}

/* ---- small helpers shared with answers.c and report.c ---- */

enum assess_err assess_fail(struct assess_error *err, enum assess_err code, enum lang lang,
                            int line, int col, const char *name, const char *problem,
                            const char *extra)
{
	if (!err) return code;
	memset(err, 0, sizeof *err);
	msg_located(err->msg, sizeof err->msg, lang, line, col, name, problem, extra);
	msg_copy(err->answer, sizeof err->answer, name ? name : "");
	err->line = line;
	err->col = col;
	return code;
}

/* ---- the two rule sets ---- */

int assess_cat_index(const struct assess *a, const char *name)
{
	if (!name) return -1;
	int ci = rules_fact_index(a->cont, name);
	if (ci >= 0) return ci;   /* continuum facts come first, in their own order */
	int fi = rules_fact_index(a->fed, name);
	return fi >= 0 ? a->fed_cat[fi] : -1;
}

const struct ruleset *assess_cat_rs(const struct assess *a, int k, int *idx)
{
	if (k < 0 || k >= a->ncat) { *idx = -1; return NULL; }
	if (a->cat[k].ci >= 0) { *idx = a->cat[k].ci; return a->cont; }
	*idx = a->cat[k].fi;
	return a->fed;
}

/* why gets tmpl with {1} replaced by name (English: a message for whoever
** maintains the rule files). */
static enum assess_err why_fail(char *why, size_t cap, const char *tmpl, const char *name)
{
	if (why && cap) {
		struct buf b;
		buf_init(&b, cap - 1);
		const char *a1[1] = { name };
		msg_fmt(&b, tmpl, a1, 1);
		msg_copy(why, cap, buf_str(&b));
		buf_free(&b);
	}
	return ASSESS_ERULES;
}

static bool same_values(const struct ruleset *x, int i, const struct ruleset *y, int j)
{
	int n = rules_fact_nvalues(x, i);
	if (n != rules_fact_nvalues(y, j)) return false;
	for (int v = 0; v < n; v++)
		if (strcmp(rules_fact_value(x, i, v), rules_fact_value(y, j, v)) != 0) return false;
	return true;
}

enum assess_err assess_new(const struct ruleset *continuum, const struct ruleset *federal,
                           struct assess **out, char *why, size_t cap)
{
	*out = NULL;
	if (why && cap) why[0] = '\0';
	if (!continuum || !federal)
		return why_fail(why, cap, "a rule set is missing", NULL);
	int nc = (int)rules_fact_count(continuum), nf = (int)rules_fact_count(federal);
	struct assess *a = calloc(1, sizeof *a);
	if (!a) return ASSESS_ENOMEM;
	a->cont = continuum;
	a->fed = federal;
	a->cat = calloc((size_t)(nc + nf) + 1, sizeof *a->cat);
	a->fed_cat = calloc((size_t)nf + 1, sizeof *a->fed_cat);
	if (!a->cat || !a->fed_cat) {
		assess_free(a);
		return ASSESS_ENOMEM;
	}
	enum assess_err rc = ASSESS_OK;
	for (int i = 0; i < nc; i++)
		a->cat[a->ncat++] = (struct acat){ rules_fact_name(continuum, i), i, -1,
		                                   rules_fact_type(continuum, i) };
	for (int j = 0; j < nf && rc == ASSESS_OK; j++) {
		const char *name = rules_fact_name(federal, j);
		int i = rules_fact_index(continuum, name);
		if (i < 0) {
			a->fed_cat[j] = a->ncat;
			a->cat[a->ncat++] = (struct acat){ name, -1, j, rules_fact_type(federal, j) };
			continue;
		}
		a->fed_cat[j] = i;
		a->cat[i].fi = j;
		if (rules_fact_type(federal, j) != a->cat[i].type
		    || (a->cat[i].type == RULES_FT_ENUM && !same_values(continuum, i, federal, j)))
			rc = why_fail(why, cap, "the fact {1} is declared by both rule sets with different types or values", name);
	}
	a->level_t[0] = -1;
	for (int l = 1; l < ASSESS_NLEVELS && rc == ASSESS_OK; l++) {
		a->level_t[l] = rules_target_index(continuum, level_avenues[l]);
		if (a->level_t[l] < 0 || rules_target_is_deadline(continuum, a->level_t[l]))
			rc = why_fail(why, cap, "the continuum rule set has no avenue {1}", level_avenues[l]);
	}
	for (int k = 0; k < ASSESS_NILO && rc == ASSESS_OK; k++) {
		a->ilo[k] = assess_cat_index(a, assess_ilo_ids[k]);
		if (a->ilo[k] < 0 || a->cat[a->ilo[k]].type != RULES_FT_BOOLEAN)
			rc = why_fail(why, cap, "the rule sets do not declare the ILO indicator {1} as a yes/no fact", assess_ilo_ids[k]);
	}
	a->fed_status = rules_fact_index(federal, "status");
	if (a->fed_status >= 0 && rules_fact_type(federal, a->fed_status) != RULES_FT_ENUM)
		a->fed_status = -1;
	a->fed_traff = rules_fact_index(federal, "trafficking_indicated");
	if (a->fed_traff >= 0 && rules_fact_type(federal, a->fed_traff) != RULES_FT_BOOLEAN)
		a->fed_traff = -1;
	if (rc != ASSESS_OK) {
		assess_free(a);
		return rc;
	}
	*out = a;
	return ASSESS_OK;
}

void assess_free(struct assess *a)
{
	if (!a) return;
	free(a->cat);
	free(a->fed_cat);
	free(a);
}

const struct ruleset *assess_continuum(const struct assess *a) { return a->cont; }
const struct ruleset *assess_federal(const struct assess *a) { return a->fed; }

/* ---- one evaluation ---- */

struct assessment *assessment_new(const struct assess *a)
{
	struct assessment *x = calloc(1, sizeof *x);
	if (!x) return NULL;
	size_t n = (size_t)a->ncat + 1;
	x->a = a;
	x->cf = facts_new(a->cont);
	x->ff = facts_new(a->fed);
	x->cr = result_new(a->cont);
	x->fr = result_new(a->fed);
	x->snap = calloc(n, sizeof *x->snap);
	x->remedies = calloc((size_t)rules_target_count(a->cont) + 1, sizeof *x->remedies);
	x->questions = calloc(n, sizeof *x->questions);
	x->mark = calloc(n, 1);
	if (!x->cf || !x->ff || !x->cr || !x->fr || !x->snap || !x->remedies || !x->questions
	    || !x->mark) {
		assessment_free(x);
		return NULL;
	}
	return x;
}

void assessment_free(struct assessment *x)
{
	if (!x) return;
	result_free(x->cr);
	result_free(x->fr);
	facts_free(x->cf);
	facts_free(x->ff);
	free(x->snap);
	free(x->remedies);
	free(x->questions);
	free(x->mark);
	free(x);
}

static int set_one(const struct ruleset *rs, struct facts *f, int idx, int type,
                   const struct answer *v)
{
	switch (type) {
	case RULES_FT_BOOLEAN: return facts_set_bool(f, idx, v->b);
	case RULES_FT_DATE: return facts_set_date(f, idx, v->i);
	case RULES_FT_ENUM: {
		const char *val = rules_fact_value(rs, idx, v->i);
		return val ? facts_set_enum(f, idx, val) : -1;
	}
	case RULES_FT_NUMBER: return facts_set_number(f, idx, v->num);
	case RULES_FT_TEXT: {
		if (!v->text) return -1;
		struct json_value jv;
		memset(&jv, 0, sizeof jv);
		jv.type = JSON_STRING;
		jv.text = v->text;
		jv.len = strlen(v->text);
		return facts_set_json(f, idx, &jv, LANG_EN, NULL) == FACTS_OK ? 0 : -1;
	}
	default: break;
	}
	return -1;
}

static int apply(const struct assess *a, const struct answers *ans, struct facts *cf,
                 struct facts *ff)
{
	facts_clear(cf);
	facts_clear(ff);
	for (int k = 0; k < a->ncat; k++) {
		const struct answer *v = &ans->v[k];
		if (v->state != ANS_VALUE) continue;
		if (a->cat[k].ci >= 0 && set_one(a->cont, cf, a->cat[k].ci, a->cat[k].type, v) != 0)
			return -1;
		if (a->cat[k].fi >= 0 && set_one(a->fed, ff, a->cat[k].fi, a->cat[k].type, v) != 0)
			return -1;
	}
	return 0;
}

static enum assess_err constraint_failed(const struct facts_error *fe, enum lang lang,
                                         struct assess_error *err)
{
	if (fe->code == FACTS_ENOMEM) return ASSESS_ENOMEM;
	if (err) {
		memset(err, 0, sizeof *err);
		msg_copy(err->answer, sizeof err->answer, fe->fact);
		msg_copy(err->msg, sizeof err->msg, fe->msg[0] ? fe->msg
		            : TR(lang, "the answers contradict each other"));
	}
	return ASSESS_EINPUT;
}

/* A remedy's time limit is asked about once the remedy is open: while it is
** only possible, the questions that decide it come first (a date of dismissal
** means nothing before the dismissal is known). */
static bool deadline_matters(const struct assessment *x, int t)
{
	const struct ruleset *rs = x->a->cont;
	bool owned = false;
	for (int u = 0; u < rules_target_count(rs); u++) {
		if (rules_target_limit(rs, u) != t) continue;
		owned = true;
		if (rules_target_remedy(rs, u) && result_status(x->cr, u) == AV_AVAILABLE) return true;
	}
	return !owned;
}

static void mark_deps(struct assessment *x, const struct result *r, int t, bool federal)
{
	int deps[256];
	size_t n = result_depends(r, t, deps, sizeof deps / sizeof deps[0]);
	if (n > sizeof deps / sizeof deps[0]) n = sizeof deps / sizeof deps[0];
	for (size_t j = 0; j < n; j++) {
		int k = federal ? x->a->fed_cat[deps[j]] : deps[j];
		if (k >= 0 && k < x->a->ncat) x->mark[k] = 1;
	}
}

static void find_questions(struct assessment *x)
{
	const struct assess *a = x->a;
	const struct ruleset *cs = a->cont;
	memset(x->mark, 0, (size_t)a->ncat);
	x->nquestions = 0;
	for (int t = 0; t < rules_target_count(cs); t++) {
		if (!result_undecided(x->cr, t)) continue;
		bool skip = false;
		for (int l = 1; l < ASSESS_NLEVELS; l++)
			if (a->level_t[l] == t && l <= (int)x->level) skip = true;
		if (rules_target_is_deadline(cs, t) && !deadline_matters(x, t)) skip = true;
		if (!skip) mark_deps(x, x->cr, t, false);
	}
	if (x->has_pathways)
		for (int t = 0; t < rules_target_count(a->fed); t++)
			if (result_undecided(x->fr, t)) mark_deps(x, x->fr, t, true);
	for (int k = 0; k < a->ncat; k++)
		if (x->snap[k].state != ANS_UNSET) x->mark[k] = 0;
	/* Continuum facts in declaration order (the catalogue's), then the federal
	** ones by the engine's rank, then any left in declaration order. */
	for (int k = 0; k < a->ncat; k++)
		if (x->mark[k] && a->cat[k].ci >= 0) {
			x->questions[x->nquestions++] = k;
			x->mark[k] = 0;
		}
	for (size_t i = 0; i < result_question_count(x->fr); i++) {
		int fi = result_question(x->fr, i);
		int k = fi >= 0 && fi < (int)rules_fact_count(a->fed) ? a->fed_cat[fi] : -1;
		if (k >= 0 && x->mark[k]) {
			x->questions[x->nquestions++] = k;
			x->mark[k] = 0;
		}
	}
	for (int k = 0; k < a->ncat; k++)
		if (x->mark[k]) {
			x->questions[x->nquestions++] = k;
			x->mark[k] = 0;
		}
}

static bool is_citizen_or_pr(const struct assess *a, const struct answer *snap)
{
	if (a->fed_status < 0) return false;
	const struct answer *v = &snap[a->fed_cat[a->fed_status]];
	if (v->state != ANS_VALUE) return false;
	int k = a->fed_cat[a->fed_status], idx;
	const struct ruleset *rs = assess_cat_rs(a, k, &idx);
	const char *val = rules_fact_value(rs, idx, v->i);
	return val && (strcmp(val, "citizen") == 0 || strcmp(val, "permanent_resident") == 0);
}

enum assess_err assess_run(const struct assess *a, const struct answers *ans, int32_t as_of,
                           struct assessment *x, struct assess_error *err)
{
	if (err) memset(err, 0, sizeof *err);
	x->evaluated = false;
	if (!ans || ans->a != a || x->a != a)
		return assess_fail(err, ASSESS_ERULES, LANG_EN, 0, 0, NULL,
		                   N_("the answers belong to other rule sets"), NULL);
	enum lang lang = ans->lang;
	int32_t from = rules_covers_from(a->cont);
	if (rules_covers_from(a->fed) > from) from = rules_covers_from(a->fed);
	if (as_of < from || as_of < DATE_MIN || as_of > DATE_MAX) {
		char iso[DATE_ISO_LEN + 1];
		date_format_iso(from, iso);
		return assess_fail(err, ASSESS_EINPUT, lang, 0, 0, NULL,
		                   N_("the date of the assessment is before {1}, the first day the rules are written for"),
		                   iso);
	}
	x->as_of = as_of;
	memcpy(x->snap, ans->v, (size_t)a->ncat * sizeof *x->snap);
	for (int k = 0; k < a->ncat; k++) x->snap[k].text = NULL;
	if (apply(a, ans, x->cf, x->ff) != 0)
		return assess_fail(err, ASSESS_ERULES, lang, 0, 0, NULL,
		                   N_("an answer does not fit the rule sets"), NULL);
	struct facts_error fe;
	memset(&fe, 0, sizeof fe);
	if (facts_check(x->cf, as_of, lang, &fe) != FACTS_OK
	    || facts_check(x->ff, as_of, lang, &fe) != FACTS_OK)
		return constraint_failed(&fe, lang, err);

	if (rules_eval(a->cont, x->cf, as_of, EVAL_REASONS | EVAL_QUESTIONS, x->cr) != RULES_OK)
		return assess_fail(err, ASSESS_ERULES, lang, 0, 0, NULL,
		                   N_("the continuum rule set contradicts itself on these answers; please report it"),
		                   NULL);
	x->level = LEVEL_NONE;
	for (int l = ASSESS_NLEVELS - 1; l > 0; l--)
		if (result_status(x->cr, a->level_t[l]) == AV_AVAILABLE) {
			x->level = (enum assess_level)l;
			break;
		}
	x->may_rise = false;
	for (int l = (int)x->level + 1; l < ASSESS_NLEVELS; l++)
		if (result_status(x->cr, a->level_t[l]) == AV_UNKNOWN) x->may_rise = true;

	/* The bridge: the continuum's trafficking level is the indication the federal
	** set asks about. It only ever adds "true" to an answer not given (or declined);
	** a "no" the worker gave stands. */
	x->bridged = false;
	if (x->level == LEVEL_TRAFFICKING && a->fed_traff >= 0 && !facts_known(x->ff, a->fed_traff)) {
		if (facts_set_bool(x->ff, a->fed_traff, true) != 0)
			return assess_fail(err, ASSESS_ERULES, lang, 0, 0, NULL,
			                   N_("an answer does not fit the rule sets"), NULL);
		x->bridged = true;
	}
	if (rules_eval(a->fed, x->ff, as_of, EVAL_REASONS | EVAL_QUESTIONS, x->fr) != RULES_OK)
		return assess_fail(err, ASSESS_ERULES, lang, 0, 0, NULL,
		                   N_("the federal rule set contradicts itself on these answers; please report it"),
		                   NULL);
	x->has_pathways = !is_citizen_or_pr(a, x->snap);

	x->nremedies = 0;
	for (int t = 0; t < rules_target_count(a->cont); t++) {
		if (!rules_target_remedy(a->cont, t) || rules_target_is_deadline(a->cont, t)) continue;
		enum av_status st = result_status(x->cr, t);
		if (st == AV_AVAILABLE || st == AV_UNKNOWN) x->remedies[x->nremedies++] = t;
	}
	find_questions(x);
	x->evaluated = true;
	return ASSESS_OK;
}

enum assess_level assessment_level(const struct assessment *x)
{
	return x->evaluated ? x->level : LEVEL_NONE;
}

bool assessment_may_rise(const struct assessment *x) { return x->evaluated && x->may_rise; }

size_t assessment_question_count(const struct assessment *x)
{
	return x->evaluated ? x->nquestions : 0;
}

const char *assessment_question(const struct assessment *x, size_t i, const struct ruleset **rs)
{
	if (rs) *rs = NULL;
	if (i >= assessment_question_count(x)) return NULL;
	int k = x->questions[i], idx;
	const struct ruleset *r = assess_cat_rs(x->a, k, &idx);
	if (rs) *rs = r;
	return x->a->cat[k].name;
}

size_t assessment_remedy_count(const struct assessment *x)
{
	return x->evaluated ? x->nremedies : 0;
}

const char *assessment_remedy_id(const struct assessment *x, size_t i)
{
	if (i >= assessment_remedy_count(x)) return NULL;
	return rules_target_remedy(x->a->cont, x->remedies[i]);
}

bool assessment_remedy_available(const struct assessment *x, size_t i)
{
	if (i >= assessment_remedy_count(x)) return false;
	return result_status(x->cr, x->remedies[i]) == AV_AVAILABLE;
}

bool assessment_has_pathways(const struct assessment *x) { return x->evaluated && x->has_pathways; }
