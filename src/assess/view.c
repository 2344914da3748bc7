/*
** view.c — one assessment read piece by piece (assess.h, "reading one
** assessment"): the web results page shows it from here, and report.c's JSON
** and text are made from the same functions, so the page and `safepath assess`
** never disagree.
**
** Remedies: what one remedy says is gathered into a struct assess_remedy (its
** reasons' texts and citations, its time limit); its buffers are capped at
** ASSESS_PIECE_MAX each.
*/
#include <string.h>

#include "../base/msg.h"
#include "assessInt.h"

static const char *const ilo_labels[ASSESS_NILO] = {
	N_("Abuse of vulnerability"), N_("Deception"), N_("Restriction of movement"),
	N_("Isolation"), N_("Physical and sexual violence"), N_("Intimidation and threats"),
	N_("Retention of identity documents"), N_("Withholding of wages"), N_("Debt bondage"),
	N_("Abusive working and living conditions"), N_("Excessive overtime"),
};

bool assessment_evaluated(const struct assessment *x) { return x->evaluated; }

int32_t assessment_as_of(const struct assessment *x) { return x->as_of; }

bool assessment_bridged(const struct assessment *x) { return x->evaluated && x->bridged; }

const char *assess_bridge_text(enum lang lang)
{
	return TR(lang, "The answers show signs of human trafficking, so the protection pathways are worked out as if trafficking is indicated (the answer about it was not given).");
}

const struct result *assessment_pathways(const struct assessment *x)
{
	return x->evaluated && x->has_pathways ? x->fr : NULL;
}

/* The reasons of the levels reached, highest level first, in one walk: the
** j-th one (or the count, j = SIZE_MAX). */
static size_t level_reasons(const struct assessment *x, size_t want, int *t, int *rule, int *level)
{
	size_t n = 0;
	if (!x->evaluated) return 0;
	for (int l = (int)x->level; l > 0; l--) {
		int lt = x->a->level_t[l];
		if (result_status(x->cr, lt) != AV_AVAILABLE) continue;
		for (size_t j = 0; j < result_reason_count(x->cr, lt); j++) {
			int ri = result_reason_rule(x->cr, lt, j);
			if (ri < 0) continue;
			if (n == want) {
				*t = lt;
				*rule = ri;
				if (level) *level = l;
				return n;
			}
			n++;
		}
	}
	return n;
}

size_t assessment_level_reason_count(const struct assessment *x)
{
	int t, ri;
	return level_reasons(x, SIZE_MAX, &t, &ri, NULL);
}

bool assessment_level_reason(const struct assessment *x, size_t j, int *t, int *rule, int *level)
{
	if (j == SIZE_MAX) return false;
	*t = *rule = -1;
	return level_reasons(x, j, t, rule, level) == j && *rule >= 0;
}

void assessment_explain(const struct assessment *x, int t, int rule, enum lang lang,
                        struct buf *out)
{
	result_explain(x->cr, t, rule, lang, out);
}

/* The citations of rule ri appended to b, "; " between them, skipping labels
** already in b (several rules of one remedy often cite the same act). */
void assessment_cites(const struct assessment *x, int rule, enum lang lang, struct buf *b)
{
	const struct ruleset *rs = x->a->cont;
	for (int k = 0; k < rules_rule_ncites(rs, rule); k++) {
		const char *c = rules_rule_cite(rs, rule, k, lang, NULL);
		if (!c || !*c) continue;
		bool dup = false;
		const char *p = buf_str(b);
		size_t n = strlen(c);
		while (!dup && (p = strstr(p, c)) != NULL) {
			bool start = p == buf_str(b) || (p >= buf_str(b) + 2 && p[-2] == ';');
			dup = start && (p[n] == '\0' || p[n] == ';');
			p++;
		}
		if (dup) continue;
		if (b->len) buf_puts(b, "; ");
		buf_puts(b, c);
	}
}

int assessment_indicator(const struct assessment *x, int k, enum lang lang, const char **label)
{
	if (label) *label = NULL;
	if (k < 0 || k >= ASSESS_NILO) return -1;
	if (label) *label = TR(lang, ilo_labels[k]);
	const struct answer *v = &x->snap[x->a->ilo[k]];
	return v->state != ANS_VALUE ? -1 : v->b ? 1 : 0;
}

size_t assessment_declined_count(const struct assessment *x)
{
	size_t n = 0;
	for (int k = 0; x->evaluated && k < x->a->ncat; k++)
		n += x->snap[k].state == ANS_DECLINED;
	return n;
}

const char *assessment_question_text(const struct assessment *x, size_t i, enum lang lang)
{
	if (i >= assessment_question_count(x)) return NULL;
	int idx;
	const struct ruleset *rs = assess_cat_rs(x->a, x->questions[i], &idx);
	return rules_fact_question(rs, idx, lang);
}

/* ---- remedies ---- */

static void add_note(struct buf *b, const struct ruleset *rs, int ri, enum lang lang)
{
	const char *u = rules_rule_unverified(rs, ri, lang);
	if (!u || !*u) return;
	if (b->len) buf_puts(b, " ");
	buf_puts(b, u);
}

void assessment_remedy_view(const struct assessment *x, size_t i, enum lang lang,
                            struct assess_remedy *v)
{
	const struct ruleset *rs = x->a->cont;
	memset(v, 0, sizeof *v);
	buf_init(&v->text, ASSESS_PIECE_MAX);
	buf_init(&v->cite, ASSESS_PIECE_MAX);
	buf_init(&v->note, ASSESS_PIECE_MAX);
	buf_init(&v->dtext, ASSESS_PIECE_MAX);
	buf_init(&v->dcite, ASSESS_PIECE_MAX);
	v->t = v->lt = v->due_rule = -1;
	if (i >= assessment_remedy_count(x)) return;
	v->t = x->remedies[i];
	v->lt = rules_target_limit(rs, v->t);
	v->available = result_status(x->cr, v->t) == AV_AVAILABLE;
	for (size_t j = 0; j < result_reason_count(x->cr, v->t); j++) {
		int ri = result_reason_rule(x->cr, v->t, j);
		if (ri < 0) continue;
		if (v->text.len) buf_puts(&v->text, " ");
		result_explain(x->cr, v->t, ri, lang, &v->text);
		assessment_cites(x, ri, lang, &v->cite);
		if (rules_rule_unverified(rs, ri, lang)) {
			v->unverified = true;
			add_note(&v->note, rs, ri, lang);
		}
	}
	if (!v->text.len) buf_puts(&v->text, rules_target_gives(rs, v->t, lang));
	if (v->lt >= 0 && result_due(x->cr, v->lt, &v->due, &v->due_rule)) {
		v->has_due = true;
		v->due_passed = v->due < x->as_of;
		result_explain(x->cr, v->lt, v->due_rule, lang, &v->dtext);
		assessment_cites(x, v->due_rule, lang, &v->dcite);
		if (rules_rule_unverified(rs, v->due_rule, lang)) {
			v->unverified = true;
			add_note(&v->note, rs, v->due_rule, lang);
		}
	}
}

void assessment_remedy_view_free(struct assess_remedy *v)
{
	buf_free(&v->text);
	buf_free(&v->cite);
	buf_free(&v->note);
	buf_free(&v->dtext);
	buf_free(&v->dcite);
}

void assess_remedy_deps(const struct assessment *x, const struct assess_remedy *v, uint8_t *mark)
{
	int deps[256];
	memset(mark, 0, (size_t)x->a->ncat);
	for (int pass = 0; pass < 2; pass++) {
		int t = pass ? v->lt : v->t;
		if (t < 0 || !result_undecided(x->cr, t)) continue;
		size_t n = result_depends(x->cr, t, deps, sizeof deps / sizeof deps[0]);
		if (n > sizeof deps / sizeof deps[0]) n = sizeof deps / sizeof deps[0];
		for (size_t j = 0; j < n; j++)
			if (deps[j] >= 0 && deps[j] < x->a->ncat) mark[deps[j]] = 1;
	}
}

size_t assessment_remedy_depends(const struct assessment *x, const struct assess_remedy *v,
                                 const char **names, size_t cap)
{
	size_t n = 0;
	assess_remedy_deps(x, v, x->mark);
	for (int k = 0; k < x->a->ncat; k++)
		if (x->mark[k]) {
			if (n < cap) names[n] = x->a->cat[k].name;
			n++;
		}
	memset(x->mark, 0, (size_t)x->a->ncat);
	return n;
}
