/*
** combine.c — how rule outcomes combine into avenue and deadline results
** (docs/rules.md §5), and the result that holds them.
**
** rules_eval has two paths that must give identical results:
**
**   fast (the default): a plan per stretch of as-of days lists the rule
**   versions in force by target and outcome line, so nothing out of force is
**   looked at; expressions run on the stack machine (reach.c), which computes
**   dependency sets in the same pass; and without EVAL_REASONS an avenue stops
**   at the first line of §5 that decides it (a true not_applicable or
**   ineligible rule decides; after a true bar the other bars still count for
**   `until` and depends_on, available rules no longer do). Terms rules run only
**   when terms are reported.
**
**   reference (EVAL_REFERENCE, for tests): every rule of every target through
**   the recursive evaluator, then §5 applied literally.
**
** Either way nothing is allocated: result_new sized everything, plans included.
*/
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* What the avenue needs to know of one rule of lines 1-4: whether it applies,
** the facts it waits on when unknown, and for a bar its kind and last day. */
struct ruleval {
	enum tv applies;
	bool pending;              /* barred while pending */
	bool day_known;            /* a dated bar whose last day was computed, and is known */
	int32_t day;
	const struct factset *deps;
	struct factset own;        /* deps kept here when the rule has no memo entry */
};

/* ---- results: allocation ---- */

static bool rule_after(const struct ruleset *rs, int a, int b)
{
	int la = rules_outcome_line(rs->rules[a].oc), lb = rules_outcome_line(rs->rules[b].oc);
	return la != lb ? la > lb : a > b;
}

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Rules by target, then by outcome line within a target, then by index. */
static void sort_rules(struct result *r)
{
	const struct ruleset *rs = r->rs;
	int nr = rs->nrules, nt = rs->ntargets;
	for (int i = 0; i < nr; i++) r->tr_off[rs->rules[i].target + 1]++;
	for (int t = 0; t < nt; t++) r->tr_off[t + 1] += r->tr_off[t];
	for (int t = 0; t < nt; t++) {
		int k = r->tr_off[t];
		for (int i = 0; i < nr; i++)
			if (rs->rules[i].target == t) r->tr_rules[k++] = i;
		/* insertion sort: lists are short and mostly ordered */
		for (int a = r->tr_off[t] + 1; a < r->tr_off[t + 1]; a++) {
			int v = r->tr_rules[a], b = a;
			while (b > r->tr_off[t] && rule_after(rs, r->tr_rules[b - 1], v)) {
				r->tr_rules[b] = r->tr_rules[b - 1];
				b--;
			}
			r->tr_rules[b] = v;
		}
	}
}

/* Stack-machine code for every rule's condition and outcome expression. */
static bool compile_rules(struct result *r)
{
	const struct ruleset *rs = r->rs;
	int nr = rs->nrules;
	size_t ncode = 0;
	for (int i = 0; i < nr; i++) {
		int a = rules_compile(rs, rs->rules[i].cond, true, NULL);
		int b = rules_compile(rs, rs->rules[i].oc_expr, false, NULL);
		ncode += (size_t)(a > 0 ? a : 0) + (size_t)(b > 0 ? b : 0);
	}
	r->code = calloc(ncode ? ncode : 1, sizeof *r->code);
	if (!r->code) return false;
	int32_t at = 0;
	for (int i = 0; i < nr; i++) {
		struct rcode *c = &r->rc[i];
		c->cond = at;
		c->ncond = rules_compile(rs, rs->rules[i].cond, true, r->code + at);
		at += c->ncond > 0 ? c->ncond : 0;
		c->day = at;
		c->nday = rules_compile(rs, rs->rules[i].oc_expr, false, r->code + at);
		at += c->nday > 0 ? c->nday : 0;
		c->tests = c->ncond > 0 && rules_code_tests(r->code + c->cond, c->ncond);
		enum outcome_kind oc = rs->rules[i].oc;
		c->simple = (oc == OC_NOT_APPLICABLE || oc == OC_INELIGIBLE || oc == OC_AVAILABLE
		             || oc == OC_BARRED_PENDING || (oc == OC_BARRED_UNTIL && c->nday > 0))
		            && rs->rules[i].ndefeated_by == 0 && (rs->rules[i].cond < 0 || c->tests);
	}
	return true;
}

/* The days on which the set of rule versions in force changes: every `from`
** and every day after an `until`. Between two of them, one plan serves. */
static bool plan_bounds(struct result *r)
{
	const struct ruleset *rs = r->rs;
	r->bounds = calloc((size_t)rs->nrules * 2 + 1, sizeof *r->bounds);
	if (!r->bounds) return false;
	int n = 0;
	for (int i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		if (!ru->from_before) r->bounds[n++] = ru->from;
		if (ru->has_until && ru->until < INT32_MAX) r->bounds[n++] = ru->until + 1;
	}
	qsort(r->bounds, (size_t)n, sizeof *r->bounds, cmp_day);
	r->nbounds = 0;
	for (int i = 0; i < n; i++)
		if (r->nbounds == 0 || r->bounds[r->nbounds - 1] != r->bounds[i])
			r->bounds[r->nbounds++] = r->bounds[i];
	r->nslots = r->nbounds + 1 < PLAN_SLOTS ? r->nbounds + 1 : PLAN_SLOTS;
	size_t nat = (size_t)rs->ntargets * (PLAN_LINES + 1);
	for (int k = 0; k < r->nslots; k++) {
		struct plan *p = &r->plans[k];
		p->interval = -1;
		p->inforce = calloc((size_t)rs->nrules + 1, 1);
		p->gver = calloc((size_t)rs->ngroups + 1, sizeof *p->gver);
		p->at = calloc(nat + 1, sizeof *p->at);
		p->list = calloc((size_t)rs->nrules + 1, sizeof *p->list);
		if (!p->inforce || !p->gver || !p->at || !p->list) return false;
	}
	return true;
}

struct result *result_new(const struct ruleset *rs)
{
	struct result *r = calloc(1, sizeof *r);
	if (!r) return NULL;
	int nr = rs->nrules, nt = rs->ntargets, nf = rs->nfacts;
	r->rs = rs;
	r->st = calloc((size_t)(nr ? nr : 1), sizeof *r->st);
	r->tr_off = calloc((size_t)nt + 1, sizeof *r->tr_off);
	r->tr_rules = calloc((size_t)(nr ? nr : 1), sizeof *r->tr_rules);
	r->t = calloc((size_t)(nt ? nt : 1), sizeof *r->t);
	r->avenues = calloc((size_t)(nt ? nt : 1), sizeof *r->avenues);
	r->deadlines = calloc((size_t)(nt ? nt : 1), sizeof *r->deadlines);
	r->reason_pool = calloc((size_t)nr + (size_t)nt + 1, sizeof *r->reason_pool);
	r->qcount = calloc((size_t)(nf ? nf : 1), sizeof *r->qcount);
	r->line = calloc((size_t)(nr ? nr : 1), 1);
	r->questions = calloc((size_t)(nf ? nf : 1), sizeof *r->questions);
	r->rc = calloc((size_t)(nr ? nr : 1), sizeof *r->rc);
	if (!r->st || !r->tr_off || !r->tr_rules || !r->t || !r->avenues || !r->deadlines
	    || !r->reason_pool || !r->qcount || !r->questions || !r->line || !r->rc
	    || !compile_rules(r) || !plan_bounds(r)) {
		result_free(r);
		return NULL;
	}
	for (int i = 0; i < nr; i++) r->line[i] = (uint8_t)rules_outcome_line(rs->rules[i].oc);
	sort_rules(r);
	int maxbars = 1;
	for (int t = 0; t < nt; t++) {
		int n = 0;
		for (int k = r->tr_off[t]; k < r->tr_off[t + 1]; k++) n += r->line[r->tr_rules[k]] == 3;
		if (n > maxbars) maxbars = n;
	}
	r->bars = calloc((size_t)maxbars, sizeof *r->bars);
	if (!r->bars) {
		result_free(r);
		return NULL;
	}
	int pool = 0;
	for (int t = 0; t < nt; t++) {
		r->t[t].reasons = r->reason_pool + pool;
		pool += r->tr_off[t + 1] - r->tr_off[t] + 1;
		if (rs->targets[t].kind == TK_AVENUE) r->avenues[r->navenues++] = t;
		else r->deadlines[r->ndeadlines++] = t;
	}
	return r;
}

void result_free(struct result *r)
{
	if (!r) return;
	free(r->st);
	free(r->tr_off);
	free(r->tr_rules);
	free(r->t);
	free(r->avenues);
	free(r->deadlines);
	free(r->reason_pool);
	free(r->qcount);
	free(r->questions);
	free(r->line);
	free(r->rc);
	free(r->code);
	free(r->bounds);
	free(r->bars);
	for (int k = 0; k < PLAN_SLOTS; k++) {
		free(r->plans[k].inforce);
		free(r->plans[k].gver);
		free(r->plans[k].at);
		free(r->plans[k].list);
	}
	free(r);
}

/* ---- plans: the rule versions in force on a stretch of as-of days ---- */

static void plan_build(const struct result *r, struct plan *p, int interval, int32_t as_of)
{
	const struct ruleset *rs = r->rs;
	p->interval = interval;
	p->lo = interval > 0 ? r->bounds[interval - 1] : INT32_MIN;
	p->hi = interval < r->nbounds ? r->bounds[interval] - 1 : INT32_MAX;
	for (int i = 0; i < rs->nrules; i++) p->inforce[i] = rules_in_force(&rs->rules[i], as_of);
	for (int g = 0; g < rs->ngroups; g++) {
		const struct rule_group *gr = &rs->groups[g];
		p->gver[g] = -1;
		for (int j = 0; j < gr->n && p->gver[g] < 0; j++)
			if (p->inforce[gr->rules[j]]) p->gver[g] = gr->rules[j];
	}
	int n = 0;
	for (int t = 0; t < rs->ntargets; t++) {
		int *at = p->at + (size_t)t * (PLAN_LINES + 1);
		int line = 0;
		for (int k = r->tr_off[t]; k < r->tr_off[t + 1]; k++) {
			int ri = r->tr_rules[k];
			if (!p->inforce[ri]) continue;
			while (line <= r->line[ri]) at[line++] = n;
			p->list[n++] = ri;
		}
		while (line <= PLAN_LINES) at[line++] = n;
	}
}

/* The plan for as_of: the last one used, or the cached one for its stretch
** of days, or a new one in that stretch's slot. */
static const struct plan *plan_for(struct result *r, int32_t as_of)
{
	const struct plan *last = r->last_plan;
	if (last && as_of >= last->lo && as_of <= last->hi) return last;
	int lo = 0, hi = r->nbounds;          /* interval = number of bounds <= as_of */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (r->bounds[mid] <= as_of) lo = mid + 1;
		else hi = mid;
	}
	struct plan *p = &r->plans[lo % r->nslots];
	if (p->interval != lo) plan_build(r, p, lo, as_of);
	r->last_plan = p;
	return p;
}

/* ---- avenues ---- */

static void tres_reset(struct tres *tr)
{
	tr->has_until = tr->pending = tr->extendable = tr->undecided = false;
	tr->until = 0;
	tr->nreasons = 0;
	factset_clear(&tr->deps);
}

static enum av_status status_of(int match)
{
	static const enum av_status by_line[6] = { AV_NOT_APPLICABLE, AV_NOT_APPLICABLE,
		AV_INELIGIBLE, AV_BARRED, AV_AVAILABLE, AV_NOT_APPLICABLE };
	return by_line[match];
}

static bool terms_shown(enum av_status s)
{
	return s == AV_AVAILABLE || s == AV_BARRED || s == AV_UNKNOWN;
}

/* Is true rule ri one of the reasons of avenue tr, decided on line match?
** The true rules at the decisive line and above; when barred, the true
** available rules too (what opens once the bar ends); notes; terms when terms
** are reported; an exception when it lifted a rule in force whose own
** condition held. Lower lines would mislead: an ineligible avenue does not
** list the rule that would have opened it. */
static bool is_reason(struct ectx *c, const struct result *r, const struct tres *tr, int ri,
                      int match)
{
	const struct rule *ru = &c->rs->rules[ri];
	int line = r->line[ri];
	if (line <= 4) return line <= match || (line == 4 && tr->status == AV_BARRED);
	if (ru->oc == OC_TERMS) return terms_shown(tr->status);
	if (ru->oc != OC_NONE) return true;
	for (int j = 0; j < ru->ndefeats; j++) {
		int d = ru->defeats[j];
		bool inforce = c->plan ? c->plan->inforce[d] : rules_in_force(&c->rs->rules[d], c->as_of);
		if (inforce && rules_rule_cond(c, d) == TV_TRUE) return true;
	}
	return false;
}

/* In-force rule ri: from the memo, or, for a simple rule when memo is false,
** computed directly: nothing reads a memo entry of it later (a `rule ID`
** reference would compute it again, identically). The direct way is do_rule
** and apply_day (eval.c) for a rule without exceptions. */
static void rule_value(struct ectx *c, int ri, bool memo, struct ruleval *v)
{
	const struct rule *ru = &c->rs->rules[ri];
	const struct rcode *rc = &c->rc[ri];
	v->pending = ru->oc == OC_BARRED_PENDING;
	if (memo || !rc->simple) {
		const struct rstate *s = rules_rule_state(c, ri);
		v->applies = (enum tv)s->applies;
		v->deps = &s->adeps;
		v->day_known = ru->oc == OC_BARRED_UNTIL && (s->flags & ST_DAY) && s->day_known;
		v->day = s->day;
		return;
	}
	v->deps = &v->own;
	v->day_known = false;
	v->day = 0;
	v->applies = rc->tests ? vm_tests(c->code + rc->cond, c->fv, &v->own) : TV_TRUE;
	if (v->applies == TV_FALSE || ru->oc != OC_BARRED_UNTIL) return;
	/* a dated bar that may hold: it applies while its last day is not past */
	int64_t day = 0;
	struct factset dd;
	if (!rules_vm_run(c, c->code + rc->day, rc->nday, &day, &dd)) {
		if (v->applies == TV_TRUE) v->own = dd;
		else factset_union(&v->own, &dd);
		v->applies = TV_UNKNOWN;
		return;
	}
	v->day_known = true;
	v->day = (int32_t)day;
	if (c->as_of > v->day) v->applies = TV_FALSE;   /* the bar has lapsed */
}

/* The fast path. list[at[l] .. at[l + 1]) are the in-force rules of line l;
** the bars' values are kept in r->bars for `until`. */
static void eval_avenue(struct ectx *c, struct result *r, int t, unsigned flags)
{
	const int *at = c->plan->at + (size_t)t * (PLAN_LINES + 1), *list = c->plan->list;
	struct tres *tr = &r->t[t];
	bool all = (flags & EVAL_REASONS) != 0;   /* reasons: every rule is looked at */
	int match = 5;
	bool unk[5] = { false, false, false, false, false };
	struct factset udeps[5];
	struct ruleval one, *bars = r->bars;

	for (int line = 1; line <= 4 && (line <= match || all); line++) {
		for (int k = at[line]; k < at[line + 1]; k++) {
			struct ruleval *v = line == 3 ? &bars[k - at[3]] : &one;
			rule_value(c, list[k], all, v);
			if (v->applies == TV_TRUE) {
				if (line < match) match = line;
				/* decided; only bars still need each other (the latest day),
				** and not even they when an unknown rule above makes the
				** status unknown */
				if (!all && (line != 3 || unk[1] || unk[2])) break;
			} else if (v->applies == TV_UNKNOWN) {
				if (!unk[line]) udeps[line] = *v->deps;
				else factset_union(&udeps[line], v->deps);
				unk[line] = true;
			}
		}
	}
	tres_reset(tr);
	for (int l = 1; l < match; l++)
		if (unk[l]) {
			factset_union(&tr->deps, &udeps[l]);
			tr->undecided = true;
		}
	tr->status = tr->undecided ? AV_UNKNOWN : status_of(match);
	if (tr->status == AV_BARRED) {   /* then every bar was looked at */
		int32_t until = INT32_MIN;
		int nbars = at[4] - at[3];
		for (int k = 0; k < nbars; k++) {
			if (bars[k].applies != TV_TRUE) continue;
			if (bars[k].pending) tr->pending = true;
			else if (bars[k].day > until) until = bars[k].day;
		}
		if (!tr->pending) {
			tr->has_until = true;
			tr->until = until;
			/* an unknown bar may lengthen it, unless its known day cannot */
			for (int k = 0; unk[3] && k < nbars; k++) {
				if (bars[k].applies != TV_UNKNOWN) continue;
				if (bars[k].day_known && bars[k].day <= until) continue;
				factset_union(&tr->deps, bars[k].deps);
				tr->extendable = true;
			}
		}
	}
	if (!all) {
		if (terms_shown(tr->status))
			for (int k = at[7]; k < at[8]; k++) rules_rule_state(c, list[k]);
		return;
	}
	if (match == 5 && tr->status == AV_NOT_APPLICABLE)
		tr->reasons[tr->nreasons++] = -1;
	for (int k = at[0]; k < at[PLAN_LINES]; k++)
		if (rules_rule_state(c, list[k])->applies == TV_TRUE && is_reason(c, r, tr, list[k], match))
			tr->reasons[tr->nreasons++] = list[k];
}

/* The reference path: every rule of the avenue, then §5 read literally. */
static void eval_avenue_ref(struct ectx *c, struct result *r, int t, unsigned flags)
{
	const struct ruleset *rs = c->rs;
	const int *list = r->tr_rules + r->tr_off[t];
	int n = r->tr_off[t + 1] - r->tr_off[t];
	struct tres *tr = &r->t[t];
	int match = 5;

	for (int k = 0; k < n; k++) {
		const struct rstate *s = rules_rule_state(c, list[k]);
		if (s->applies == TV_TRUE && r->line[list[k]] < match) match = r->line[list[k]];
	}
	tres_reset(tr);
	/* an unknown rule on a line above the one that matched could change it */
	for (int k = 0; k < n; k++) {
		const struct rstate *s = &c->st[list[k]];
		if (r->line[list[k]] < match && s->applies == TV_UNKNOWN) {
			factset_union(&tr->deps, &s->adeps);
			tr->undecided = true;
		}
	}
	tr->status = tr->undecided ? AV_UNKNOWN : status_of(match);
	if (tr->status == AV_BARRED) {
		tr->until = INT32_MIN;
		for (int k = 0; k < n; k++) {
			const struct rstate *s = &c->st[list[k]];
			if (s->applies != TV_TRUE || r->line[list[k]] != 3) continue;
			if (rs->rules[list[k]].oc == OC_BARRED_PENDING) tr->pending = true;
			else if (s->day > tr->until) tr->until = s->day;
		}
		tr->has_until = !tr->pending;
		if (tr->pending) tr->until = 0;
		/* an unknown bar that could end later than the true ones */
		for (int k = 0; k < n && tr->has_until; k++) {
			const struct rstate *s = &c->st[list[k]];
			if (s->applies != TV_UNKNOWN || r->line[list[k]] != 3) continue;
			if (rs->rules[list[k]].oc == OC_BARRED_UNTIL && s->day_known && s->day <= tr->until)
				continue;
			factset_union(&tr->deps, &s->adeps);
			tr->extendable = true;
		}
	}
	if (!(flags & EVAL_REASONS)) return;
	if (match == 5 && tr->status == AV_NOT_APPLICABLE)
		tr->reasons[tr->nreasons++] = -1;
	for (int k = 0; k < n; k++)
		if (c->st[list[k]].applies == TV_TRUE && is_reason(c, r, tr, list[k], match))
			tr->reasons[tr->nreasons++] = list[k];
}

/* ---- deadlines and questions ---- */

/* list[0 .. n): the target's rules (only its due rules are looked at). */
static void eval_deadline(struct ectx *c, struct result *r, int t, const int *list, int n)
{
	struct tres *tr = &r->t[t];
	int ntrue = 0;
	tr->has_due = tr->undecided = false;
	tr->due_rule = -1;
	tr->nreasons = 0;
	factset_clear(&tr->deps);
	bool unk = false;
	for (int k = 0; k < n; k++) {
		int ri = list[k];
		if (c->rs->rules[ri].oc != OC_DUE) continue;
		const struct rstate *s = rules_rule_state(c, ri);
		if (s->applies == TV_TRUE) {
			if (ntrue == 0) {
				tr->due_rule = ri;
				tr->due = s->day;
			} else if (ntrue == 1 && !r->has_error) {
				r->has_error = true;
				r->err_target = t;
				r->err_rule1 = tr->due_rule;
				r->err_rule2 = ri;
			}
			ntrue++;
		} else if (s->applies == TV_UNKNOWN) {
			factset_union(&tr->deps, &s->adeps);
			unk = true;
		}
	}
	if (ntrue == 1) {
		tr->has_due = true;
		factset_clear(&tr->deps);
		tr->reasons[tr->nreasons++] = tr->due_rule;
	} else if (ntrue == 0 && unk) {
		tr->undecided = true;
	} else {
		factset_clear(&tr->deps);
	}
}

static void rank_questions(struct result *r)
{
	const struct ruleset *rs = r->rs;
	int nw = (rs->nfacts + 63) / 64;
	memset(r->qcount, 0, (size_t)rs->nfacts * sizeof *r->qcount);
	for (int t = 0; t < rs->ntargets; t++) {
		const struct tres *tr = &r->t[t];
		if (!tr->undecided && !tr->extendable) continue;
		for (int w = 0; w < nw; w++)
			for (uint64_t bits = tr->deps.w[w]; bits; bits &= bits - 1)
				r->qcount[w * 64 + __builtin_ctzll(bits)]++;
	}
	r->nquestions = 0;
	for (int f = 0; f < rs->nfacts; f++) {
		if (!r->qcount[f]) continue;
		int b = r->nquestions++;
		while (b > 0 && r->qcount[r->questions[b - 1]] < r->qcount[f]) {
			r->questions[b] = r->questions[b - 1];
			b--;
		}
		r->questions[b] = f;
	}
}

enum rules_err rules_eval(const struct ruleset *rs, const struct facts *f,
                          int32_t as_of, unsigned flags, struct result *r)
{
	if (!rs || !f || !r || f->rs != rs || r->rs != rs)
		return RULES_ECHECK;
	if (++r->epoch == 0) {
		for (int i = 0; i < rs->nrules; i++) r->st[i].epoch = 0;
		r->epoch = 1;
	}
	/* In a batch each evaluation reads a new fact set, which is often not in
	** the cache yet: ask for all of it now rather than one miss at a time. */
	for (size_t o = 0; o < (size_t)rs->nfacts * sizeof *f->v; o += 64)
		__builtin_prefetch((const char *)f->v + o);
	r->facts = f;
	r->as_of = as_of;
	r->flags = flags;
	r->has_error = false;
	r->nquestions = 0;
	struct ectx c;
	rules_ctx_init(&c, rs, f->v, as_of, r->st, r->epoch);
	if (flags & EVAL_REFERENCE) {
		for (int t = 0; t < rs->ntargets; t++) {
			if (rs->targets[t].kind == TK_AVENUE) eval_avenue_ref(&c, r, t, flags);
			else eval_deadline(&c, r, t, r->tr_rules + r->tr_off[t], r->tr_off[t + 1] - r->tr_off[t]);
		}
	} else {
		c.rc = r->rc;
		c.code = r->code;
		c.plan = plan_for(r, as_of);
		for (int t = 0; t < rs->ntargets; t++) {
			const int *at = c.plan->at + (size_t)t * (PLAN_LINES + 1);
			if (rs->targets[t].kind == TK_AVENUE) eval_avenue(&c, r, t, flags);
			else eval_deadline(&c, r, t, c.plan->list + at[8], at[9] - at[8]);
		}
	}
	if (flags & EVAL_QUESTIONS) rank_questions(r);
	r->evaluated = true;
	return r->has_error ? RULES_ECHECK : RULES_OK;
}
