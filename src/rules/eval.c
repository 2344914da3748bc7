/*
** eval.c — three-valued evaluation of a rule set (docs/rules.md §5, §6).
**
** Every expression yields a value that is known, or unknown together with the
** set of unanswered facts that made it so (Kleene logic). Rule results are
** memoised per evaluation in the result, so `rule ID` references and
** exceptions cost one evaluation each. This file holds the recursive
** evaluator (the reference for the stack machine in reach.c, and what
** constraints and the checker use) and the per-rule memo; combine.c turns
** rule results into avenue and deadline results.
*/
#include <string.h>

#include "../base/date.h"
#include "eval.h"

#define NOMEMO_MAX_DEPTH 128   /* `rule ID` nesting without memo: cycles end here */

const char *av_status_name(enum av_status s)
{
	switch (s) {
	case AV_AVAILABLE: return "available";
	case AV_BARRED: return "barred";
	case AV_INELIGIBLE: return "ineligible";
	case AV_NOT_APPLICABLE: return "not_applicable";
	case AV_UNKNOWN: return "unknown";
	}
	return "unknown";
}

bool rules_in_force(const struct rule *ru, int32_t as_of)
{
	/* `from before D`: in force since the beginning of time as far as we know */
	if (!ru->from_before && as_of < ru->from)
		return false;
	return !ru->has_until || as_of <= ru->until;
}

/* The line of "How outcomes combine" an outcome belongs to; 0 for none.
** Also the sort order of a target's rules and of its reasons. */
int rules_outcome_line(enum outcome_kind oc)
{
	switch (oc) {
	case OC_NOT_APPLICABLE: return 1;
	case OC_INELIGIBLE: return 2;
	case OC_BARRED_UNTIL: case OC_BARRED_PENDING: return 3;
	case OC_AVAILABLE: return 4;
	case OC_NONE: return 5;
	case OC_NOTE: return 6;
	case OC_TERMS: return 7;
	case OC_DUE: return 8;
	}
	return 9;
}

void rules_ctx_init(struct ectx *c, const struct ruleset *rs, const struct fval *fv,
                    int32_t as_of, struct rstate *st, uint32_t epoch)
{
	c->rs = rs;
	c->fv = fv;
	c->as_of = as_of;
	c->st = st;
	c->epoch = epoch;
	c->depth = 0;
	c->deps = false;
	c->rc = NULL;
	c->code = NULL;
	c->plan = NULL;
}

/* ---- expressions ----
** c->deps says whether unknown values must carry their dependency sets.
** Rules are first evaluated without them (the common, fast case) and again
** with them only when the result is unknown. */

static inline void set_bool(struct xval *o, bool v)
{
	o->known = true;
	o->type = FT_BOOL;
	o->i = v;
}

static inline void set_date(struct xval *o, int64_t d)
{
	o->known = true;
	o->type = FT_DATE;
	if (d < INT32_MIN) d = INT32_MIN;
	if (d > INT32_MAX) d = INT32_MAX;
	o->i = d;
}

/* o unknown with deps copied from d (or empty) when deps are tracked */
static inline void set_unknown(const struct ectx *c, struct xval *o, uint8_t type,
                               const struct factset *d)
{
	o->known = false;
	o->type = type;
	if (!c->deps) return;
	if (d) o->deps = *d;
	else factset_clear(&o->deps);
}

static inline void add_deps(const struct ectx *c, struct xval *o, const struct factset *d)
{
	if (c->deps) factset_union(&o->deps, d);
}

static int node_arg(const struct ruleset *rs, const struct node *nd, int j)
{
	return rs->args[nd->args + j];
}

static bool xval_equal(const struct xval *x, const struct xval *y, int type)
{
	if (type == FT_NUMBER)
		return x->num == y->num;
	if (type == FT_TEXT || type == FT_DURATION) {
		if (!x->str || !y->str) return x->str == y->str;
		return strcmp(x->str, y->str) == 0;
	}
	return x->i == y->i;
}

/* -1, 0, 1 */
static int xval_cmp(const struct xval *x, const struct xval *y, int type)
{
	if (type == FT_NUMBER)
		return (x->num > y->num) - (x->num < y->num);
	if (type == FT_TEXT || type == FT_DURATION) {
		int r = strcmp(x->str ? x->str : "", y->str ? y->str : "");
		return (r > 0) - (r < 0);
	}
	return (x->i > y->i) - (x->i < y->i);
}

static void eval_rule_ref(struct ectx *c, int group, struct xval *o);
static void ev_node(struct ectx *c, int n, struct xval *o);

/* Fact leaves inline, everything else through the switch. */
static inline void ev(struct ectx *c, int n, struct xval *o)
{
	const struct node *nd = &c->rs->nodes[n];
	if (nd->op == N_FACT) {
		const struct fval *fv = &c->fv[nd->a];
		o->type = nd->type;
		o->known = fv->known;
		if (!fv->known) {
			if (c->deps) {
				factset_clear(&o->deps);
				factset_add(&o->deps, nd->a);
			}
			return;
		}
		o->i = fv->i;
		o->num = fv->num;
		o->str = fv->str;
		return;
	}
	ev_node(c, n, o);
}

static __attribute__((noinline)) void ev_if(struct ectx *c, const struct node *nd, struct xval *o)
{
	struct xval cond, x, y;
	ev(c, nd->a, &cond);
	if (cond.known) {
		ev(c, cond.i ? nd->b : nd->c, o);
		return;
	}
	ev(c, nd->b, &x);
	ev(c, nd->c, &y);
	if (x.known && y.known && xval_equal(&x, &y, c->rs->nodes[nd->b].type)) {
		*o = x;
		return;
	}
	set_unknown(c, o, nd->type, &cond.deps);
	if (!x.known) add_deps(c, o, &x.deps);
	if (!y.known) add_deps(c, o, &y.deps);
}

static __attribute__((noinline)) bool ev_in_list(struct ectx *c, const struct node *nd,
                                                 const struct xval *x, int type)
{
	struct xval y;
	for (int j = 0; j < nd->nargs; j++) {
		ev(c, node_arg(c->rs, nd, j), &y);
		if (y.known && xval_equal(x, &y, type)) return true;
	}
	return false;
}

static void ev_node(struct ectx *c, int n, struct xval *o)
{
	const struct ruleset *rs = c->rs;
	const struct node *nd = &rs->nodes[n];
	struct xval x, y;

	switch ((enum node_op)nd->op) {
	case N_CONST:
		o->known = true;
		o->type = nd->type;
		o->i = nd->type == FT_BOOL ? (int64_t)nd->b_val : nd->k;
		o->num = nd->num;
		o->str = nd->str;
		return;
	case N_FACT:
		ev(c, n, o);
		return;
	case N_ASOF:
		set_date(o, c->as_of);
		return;
	case N_NOT:
		ev(c, nd->a, o);
		if (o->known) o->i = !o->i;
		o->type = FT_BOOL;
		return;
	case N_AND: case N_OR: {
		/* Kleene: a false operand decides AND (a true one OR) with no deps;
		** otherwise any unknown operand makes the result unknown with the
		** union of the unknown operands' deps. */
		bool is_and = nd->op == N_AND, unk = false;
		int cnt = nd->nargs > 0 ? nd->nargs : 2;
		for (int j = 0; j < cnt; j++) {
			int child = nd->nargs > 0 ? node_arg(rs, nd, j) : (j ? nd->b : nd->a);
			if (child < 0) continue;
			ev(c, child, &x);
			if (x.known) {
				if ((x.i != 0) != is_and) {
					set_bool(o, !is_and);
					return;
				}
			} else {
				if (!unk) set_unknown(c, o, FT_BOOL, &x.deps);
				else add_deps(c, o, &x.deps);
				unk = true;
			}
		}
		if (!unk) set_bool(o, is_and);
		return;
	}
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE: {
		ev(c, nd->a, &x);
		ev(c, nd->b, &y);
		if (!x.known || !y.known) {
			set_unknown(c, o, FT_BOOL, x.known ? &y.deps : &x.deps);
			if (!x.known && !y.known) add_deps(c, o, &y.deps);
			return;
		}
		int type = rs->nodes[nd->a].type;
		bool v;
		if (nd->op == N_EQ) v = xval_equal(&x, &y, type);
		else if (nd->op == N_NE) v = !xval_equal(&x, &y, type);
		else {
			int r = xval_cmp(&x, &y, type);
			v = nd->op == N_LT ? r < 0 : nd->op == N_LE ? r <= 0
			  : nd->op == N_GT ? r > 0 : r >= 0;
		}
		set_bool(o, v);
		return;
	}
	case N_IN: case N_NOT_IN: {
		ev(c, nd->a, &x);
		if (!x.known) {
			set_unknown(c, o, FT_BOOL, &x.deps);
			return;
		}
		int type = rs->nodes[nd->a].type;
		bool in;
		if (type == FT_ENUM) in = x.i >= 0 && x.i < 64 && ((nd->mask >> x.i) & 1);
		else in = ev_in_list(c, nd, &x, type);
		set_bool(o, nd->op == N_IN ? in : !in);
		return;
	}
	case N_ADD_DAYS: case N_ADD_MONTHS: case N_NEXT_WORKING_DAY: {
		ev(c, nd->a, o);
		o->type = FT_DATE;
		if (!o->known) return;
		int32_t d = (int32_t)o->i;
		int64_t k = nd->k;
		if (k > 1000000) k = 1000000;
		if (k < -1000000) k = -1000000;
		if (nd->op == N_ADD_DAYS) d = date_add_days(d, (int32_t)k);
		else if (nd->op == N_ADD_MONTHS) d = date_add_months(d, (int32_t)k);
		else d = date_next_working_day(d);
		set_date(o, d);
		return;
	}
	case N_LATEST: case N_EARLIEST: {
		bool unk = false, first = true;
		int64_t best = 0;
		int cnt = nd->nargs > 0 ? nd->nargs : 2;
		for (int j = 0; j < cnt; j++) {
			int child = nd->nargs > 0 ? node_arg(rs, nd, j) : (j ? nd->b : nd->a);
			if (child < 0) continue;
			ev(c, child, &x);
			if (!x.known) {
				if (!unk) set_unknown(c, o, FT_DATE, &x.deps);
				else add_deps(c, o, &x.deps);
				unk = true;
			} else if (first || (nd->op == N_LATEST ? x.i > best : x.i < best)) {
				best = x.i;
				first = false;
			}
		}
		if (!unk) set_date(o, best);
		return;
	}
	case N_IF:
		ev_if(c, nd, o);
		return;
	case N_RULE:
		eval_rule_ref(c, (int)nd->k, o);
		return;
	}
	set_unknown(c, o, nd->type, NULL);   /* unreachable for a checked rule set */
}

/* Evaluates with deps: first without (fast), again with them when unknown. */
static void ev_full(struct ectx *c, int n, struct xval *o)
{
	if (c->deps) {
		ev(c, n, o);
		return;
	}
	ev(c, n, o);
	if (o->known) return;
	c->deps = true;
	ev(c, n, o);
	c->deps = false;
}

void rules_ctx_node(struct ectx *c, int n, struct xval *out)
{
	ev_full(c, n, out);
}

void rules_eval_node(const struct ruleset *rs, int n, const struct fval *facts,
                     int32_t as_of, struct xval *out)
{
	struct ectx c;
	rules_ctx_init(&c, rs, facts, as_of, NULL, 0);
	ev_full(&c, n, out);
}

/* ---- rules ----
** cond: the condition; holds: in force, condition true, not defeated by an
** exception; applies: holds, and for a bar its last day is not past, for a
** due rule its date is known. Computed together and memoised per evaluation
** (st == NULL: in a temporary, with a depth guard instead of the memo).
** Expressions run on the stack machine when the context has compiled code
** (c->rc), through the recursive evaluator otherwise; both give the same
** values and dependency sets. */

static inline struct rstate *state(struct ectx *c, int ri, struct rstate *tmp)
{
	struct rstate *s;
	if (!c->st) {
		s = tmp;
		s->flags = 0;
	} else {
		s = &c->st[ri];
		if (s->epoch != c->epoch) {
			s->epoch = c->epoch;
			s->flags = 0;
		}
	}
	return s;
}

/* Expression n through the recursive evaluator: whether known, with the
** value in *val or the deps in *deps. */
static __attribute__((noinline)) bool eval_recursive(struct ectx *c, int n, int64_t *val,
                                                     struct factset *deps)
{
	struct xval x;
	ev_full(c, n, &x);
	if (x.known) *val = x.i;
	else *deps = x.deps;
	return x.known;
}

/* Inlined: with do_rule it is the common path of every rule evaluation. */
static inline __attribute__((always_inline)) void do_cond(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_COND) return;
	const struct rule *ru = &c->rs->rules[ri];
	const struct rcode *rc = c->rc ? &c->rc[ri] : NULL;
	int64_t v = 0;
	if (ru->cond < 0)
		s->cond = TV_TRUE;
	else if (rc && rc->tests)   /* one-fact tests only: no need for the machine */
		s->cond = (uint8_t)vm_tests(c->code + rc->cond, c->fv, &s->cdeps);
	else if (rc && rc->ncond > 0 ? rules_vm_run(c, c->code + rc->cond, rc->ncond, &v, &s->cdeps)
	                             : eval_recursive(c, ru->cond, &v, &s->cdeps))
		s->cond = v ? TV_TRUE : TV_FALSE;
	else
		s->cond = TV_UNKNOWN;
	s->flags |= ST_COND;
}

static void do_day(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_DAY) return;
	const struct rule *ru = &c->rs->rules[ri];
	const struct rcode *rc = c->rc ? &c->rc[ri] : NULL;
	int64_t v = 0;
	s->day_known = 0;
	s->day = 0;
	if (ru->oc_expr < 0)
		factset_clear(&s->ddeps);
	else if (rc && rc->nday > 0 ? rules_vm_run(c, c->code + rc->day, rc->nday, &v, &s->ddeps)
	                            : eval_recursive(c, ru->oc_expr, &v, &s->ddeps))
		s->day_known = 1, s->day = (int32_t)v;
	s->flags |= ST_DAY;
}

static inline void do_rule(struct ectx *c, int ri, struct rstate *s);

/* Whether the exceptions of ru defeat it: TV_TRUE (one holds), TV_UNKNOWN
** (none holds, some unknown: their deps in *d), TV_FALSE. */
static enum tv defeated(struct ectx *c, const struct rule *ru, struct factset *d)
{
	enum tv res = TV_FALSE;
	for (int j = 0; j < ru->ndefeated_by; j++) {
		struct rstate tmp, *es;
		int e = ru->defeated_by[j];
		es = state(c, e, &tmp);
		if (c->st ? (es->flags & ST_BUSY) != 0 : c->depth >= NOMEMO_MAX_DEPTH) {
			if (res == TV_FALSE) factset_clear(d);   /* a cycle: the checker rejects it */
			res = TV_UNKNOWN;
			continue;
		}
		c->depth++;
		do_rule(c, e, es);
		c->depth--;
		if (es->holds == TV_TRUE)
			return TV_TRUE;
		if (es->holds == TV_UNKNOWN) {
			if (res == TV_FALSE) *d = es->hdeps;
			else factset_union(d, &es->hdeps);
			res = TV_UNKNOWN;
		}
	}
	return res;
}

/* holds, for a rule whose condition is not false and that has exceptions */
static __attribute__((noinline)) void apply_exceptions(struct ectx *c, const struct rule *ru,
                                                       struct rstate *s)
{
	struct factset exdeps;
	enum tv ex = defeated(c, ru, &exdeps);
	if (ex == TV_TRUE) {
		s->holds = TV_FALSE;
	} else if (ex == TV_UNKNOWN) {
		if (s->holds == TV_TRUE) s->hdeps = exdeps;
		else factset_union(&s->hdeps, &exdeps);
		s->holds = TV_UNKNOWN;
	}
}

/* applies, for a bar or due rule that may hold: its day must be known, and a
** bar's must not be past */
static __attribute__((noinline)) void apply_day(struct ectx *c, int ri, const struct rule *ru,
                                                struct rstate *s)
{
	if (s->holds == TV_UNKNOWN) s->adeps = s->hdeps;
	do_day(c, ri, s);
	if (!s->day_known) {
		/* Kleene AND of holds with an unknown day test */
		if (s->applies == TV_TRUE) s->adeps = s->ddeps;
		else factset_union(&s->adeps, &s->ddeps);
		s->applies = TV_UNKNOWN;
	} else if (ru->oc == OC_BARRED_UNTIL && c->as_of > s->day) {
		s->applies = TV_FALSE;   /* the bar has lapsed */
	}
}

static inline __attribute__((always_inline)) void do_rule(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_APPLIES) return;
	const struct rule *ru = &c->rs->rules[ri];
	s->inforce = c->plan ? c->plan->inforce[ri] : rules_in_force(ru, c->as_of);
	if (!s->inforce) {
		s->holds = s->applies = TV_FALSE;
		s->flags |= ST_HOLDS | ST_APPLIES;
		return;
	}
	s->flags |= ST_BUSY;
	do_cond(c, ri, s);
	s->holds = s->cond;
	if (s->cond == TV_UNKNOWN) s->hdeps = s->cdeps;
	if (s->cond != TV_FALSE && ru->ndefeated_by > 0) apply_exceptions(c, ru, s);
	s->applies = s->holds;
	if (s->holds != TV_FALSE && (ru->oc == OC_BARRED_UNTIL || ru->oc == OC_DUE))
		apply_day(c, ri, ru, s);
	else if (s->holds == TV_UNKNOWN)
		s->adeps = s->hdeps;
	s->flags = (uint8_t)((s->flags & ~ST_BUSY) | ST_HOLDS | ST_APPLIES);
}

/* The version of group g in force on the as-of date, or -1. */
static int group_version(const struct ectx *c, int group)
{
	if (c->plan) return c->plan->gver[group];
	const struct rule_group *g = &c->rs->groups[group];
	for (int j = 0; j < g->n; j++)
		if (rules_in_force(&c->rs->rules[g->rules[j]], c->as_of)) return g->rules[j];
	return -1;
}

static void eval_rule_ref(struct ectx *c, int group, struct xval *o)
{
	int ri = group_version(c, group);
	if (ri < 0) {
		set_bool(o, false);
		return;
	}
	struct rstate tmp, *s = state(c, ri, &tmp);
	if (c->st ? (s->flags & ST_BUSY) != 0 : c->depth >= NOMEMO_MAX_DEPTH) {
		set_unknown(c, o, FT_BOOL, NULL);  /* a cycle: the checker rejects these */
		return;
	}
	bool deps = c->deps;
	c->deps = false;       /* the rule computes its own deps when it needs them */
	c->depth++;
	do_rule(c, ri, s);
	c->depth--;
	c->deps = deps;
	if (s->applies == TV_UNKNOWN) set_unknown(c, o, FT_BOOL, &s->adeps);
	else set_bool(o, s->applies == TV_TRUE);
}

enum tv rules_group_applies(struct ectx *c, int group, const struct factset **deps)
{
	static const struct factset none;
	int ri = group_version(c, group);
	if (ri < 0) return TV_FALSE;
	struct rstate *s = state(c, ri, NULL);
	if (s->flags & ST_BUSY) {
		*deps = &none;             /* a cycle: the checker rejects these */
		return TV_UNKNOWN;
	}
	bool d = c->deps;
	c->deps = false;
	c->depth++;
	do_rule(c, ri, s);
	c->depth--;
	c->deps = d;
	*deps = &s->adeps;
	return (enum tv)s->applies;
}

const struct rstate *rules_rule_state(struct ectx *c, int ri)
{
	struct rstate *s = state(c, ri, NULL);
	do_rule(c, ri, s);
	return s;
}

enum tv rules_rule_cond(struct ectx *c, int ri)
{
	struct rstate *s = state(c, ri, NULL);
	do_cond(c, ri, s);
	return (enum tv)s->cond;
}

enum tv rules_rule_holds(struct ectx *c, int ri)
{
	return (enum tv)rules_rule_state(c, ri)->holds;
}

enum tv rules_rule_applies(struct ectx *c, int ri)
{
	return (enum tv)rules_rule_state(c, ri)->applies;
}

bool rules_rule_day(struct ectx *c, int ri, int32_t *day)
{
	struct rstate *s = state(c, ri, NULL);
	do_day(c, ri, s);
	*day = s->day;
	return s->day_known;
}
