/*
** eval.c — three-valued evaluation of a rule set (docs/rules.md §5, §6).
**
** Every expression yields a value that is known, or unknown together with the
** set of unanswered facts that made it so (Kleene logic). Rule results are
** memoised per evaluation in the result, so `rule ID` references and
** exceptions cost one evaluation each. rules_eval allocates nothing: all it
** writes was sized by result_new.
*/
#include <stdlib.h>
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
** (st == NULL: in a temporary, with a depth guard instead of the memo). */

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

static void do_cond(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_COND) return;
	const struct rule *ru = &c->rs->rules[ri];
	if (ru->cond < 0) {
		s->cond = TV_TRUE;
	} else {
		struct xval x;
		if (c->rc && c->rc[ri].ncond > 0 && !c->deps) {
			rules_fast_run(c, c->code + c->rc[ri].cond, c->rc[ri].ncond, &x);
			if (!x.known) {
				c->deps = true;
				ev(c, ru->cond, &x);
				c->deps = false;
			}
		} else {
			ev_full(c, ru->cond, &x);
		}
		if (x.known) s->cond = x.i ? TV_TRUE : TV_FALSE;
		else s->cond = TV_UNKNOWN, s->cdeps = x.deps;
	}
	s->flags |= ST_COND;
}

static void do_day(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_DAY) return;
	const struct rule *ru = &c->rs->rules[ri];
	s->day_known = 0;
	s->day = 0;
	if (ru->oc_expr >= 0) {
		struct xval x;
		if (c->rc && c->rc[ri].nday > 0 && !c->deps) {
			rules_fast_run(c, c->code + c->rc[ri].day, c->rc[ri].nday, &x);
			if (!x.known) {
				c->deps = true;
				ev(c, ru->oc_expr, &x);
				c->deps = false;
			}
		} else {
			ev_full(c, ru->oc_expr, &x);
		}
		if (x.known) s->day_known = 1, s->day = (int32_t)x.i;
		else s->ddeps = x.deps;
	} else {
		factset_clear(&s->ddeps);
	}
	s->flags |= ST_DAY;
}

static void do_rule(struct ectx *c, int ri, struct rstate *s);

/* Whether the exceptions of ru defeat it: TV_TRUE (one holds), TV_UNKNOWN
** (none holds, some unknown: their deps in *d), TV_FALSE. */
static enum tv defeated(struct ectx *c, const struct rule *ru, struct factset *d, int *by)
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
		if (es->holds == TV_TRUE) {
			*by = e;
			return TV_TRUE;
		}
		if (es->holds == TV_UNKNOWN) {
			if (res == TV_FALSE) *d = es->hdeps;
			else factset_union(d, &es->hdeps);
			res = TV_UNKNOWN;
		}
	}
	return res;
}

static void do_rule(struct ectx *c, int ri, struct rstate *s)
{
	if (s->flags & ST_APPLIES) return;
	const struct rule *ru = &c->rs->rules[ri];
	s->lifted_by = -1;
	s->inforce = rules_in_force(ru, c->as_of);
	if (!s->inforce) {
		s->holds = s->applies = TV_FALSE;
		s->flags |= ST_HOLDS | ST_APPLIES;
		return;
	}
	s->flags |= ST_BUSY;
	do_cond(c, ri, s);
	s->holds = s->cond;
	if (s->cond == TV_UNKNOWN) s->hdeps = s->cdeps;
	if (s->cond != TV_FALSE && ru->ndefeated_by > 0) {
		struct factset exdeps;
		enum tv ex = defeated(c, ru, &exdeps, &s->lifted_by);
		if (ex == TV_TRUE) {
			s->holds = TV_FALSE;
		} else if (ex == TV_UNKNOWN) {
			if (s->holds == TV_TRUE) s->hdeps = exdeps;
			else factset_union(&s->hdeps, &exdeps);
			s->holds = TV_UNKNOWN;
		}
	}
	s->applies = s->holds;
	if (s->holds != TV_FALSE && (ru->oc == OC_BARRED_UNTIL || ru->oc == OC_DUE)) {
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
	} else if (s->holds == TV_UNKNOWN) {
		s->adeps = s->hdeps;
	}
	s->flags = (uint8_t)((s->flags & ~ST_BUSY) | ST_HOLDS | ST_APPLIES);
}

static void eval_rule_ref(struct ectx *c, int group, struct xval *o)
{
	const struct ruleset *rs = c->rs;
	const struct rule_group *g = &rs->groups[group];
	int ri = -1;
	for (int j = 0; j < g->n; j++)
		if (rules_in_force(&rs->rules[g->rules[j]], c->as_of)) {
			ri = g->rules[j];
			break;
		}
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

void rules_rule_ref(struct ectx *c, int group, struct xval *o)
{
	eval_rule_ref(c, group, o);
}

enum tv rules_rule_cond(struct ectx *c, int ri)
{
	struct rstate *s = state(c, ri, NULL);
	do_cond(c, ri, s);
	return (enum tv)s->cond;
}

enum tv rules_rule_holds(struct ectx *c, int ri)
{
	struct rstate *s = state(c, ri, NULL);
	do_rule(c, ri, s);
	return (enum tv)s->holds;
}

enum tv rules_rule_applies(struct ectx *c, int ri)
{
	struct rstate *s = state(c, ri, NULL);
	do_rule(c, ri, s);
	return (enum tv)s->applies;
}

bool rules_rule_day(struct ectx *c, int ri, int32_t *day)
{
	struct rstate *s = state(c, ri, NULL);
	do_day(c, ri, s);
	*day = s->day;
	return s->day_known;
}

/* ---- combination ---- */

static void eval_avenue(struct ectx *c, struct result *r, int t, unsigned flags)
{
	const struct ruleset *rs = c->rs;
	struct tres *tr = &r->t[t];
	const int *list = r->tr_rules + r->tr_off[t];
	int n = r->tr_off[t + 1] - r->tr_off[t];
	int match = 5;
	bool unk[5] = { false, false, false, false, false };
	struct factset udeps[5];

	for (int k = 0; k < n; k++) {
		int ri = list[k], line = r->line[ri];
		if (line > 4) break;   /* sorted: only notes, exceptions, terms follow */
		if (line > match && !(flags & EVAL_REASONS)) break;
		struct rstate *s = state(c, ri, NULL);
		do_rule(c, ri, s);
		if (s->applies == TV_TRUE) {
			if (line < match) match = line;
			/* decided; only bars still need each other (the latest day) */
			if (line != 3 && !(flags & EVAL_REASONS)) break;
		} else if (s->applies == TV_UNKNOWN) {
			if (!unk[line]) udeps[line] = s->adeps;
			else factset_union(&udeps[line], &s->adeps);
			unk[line] = true;
		}
	}
	tr->has_until = tr->pending = tr->extendable = tr->undecided = false;
	tr->until = 0;
	tr->nreasons = 0;
	factset_clear(&tr->deps);
	for (int l = 1; l < match; l++)
		if (unk[l]) {
			factset_union(&tr->deps, &udeps[l]);
			tr->undecided = true;
		}
	if (tr->undecided) {
		tr->status = AV_UNKNOWN;
	} else {
		static const enum av_status by_line[6] = { AV_NOT_APPLICABLE, AV_NOT_APPLICABLE,
			AV_INELIGIBLE, AV_BARRED, AV_AVAILABLE, AV_NOT_APPLICABLE };
		tr->status = by_line[match];
	}
	if (match == 3 && tr->status == AV_BARRED) {
		int32_t until = INT32_MIN;
		for (int k = 0; k < n; k++) {
			const struct rule *ru = &rs->rules[list[k]];
			const struct rstate *s = &c->st[list[k]];
			if (r->line[list[k]] != 3 || s->applies != TV_TRUE) continue;
			if (ru->oc == OC_BARRED_PENDING) tr->pending = true;
			else if (s->day > until) until = s->day;
		}
		if (!tr->pending) {
			tr->has_until = true;
			tr->until = until;
			/* an unknown bar may lengthen it, unless its known day cannot */
			for (int k = 0; unk[3] && k < n; k++) {
				const struct rule *ru = &rs->rules[list[k]];
				const struct rstate *s = &c->st[list[k]];
				if (r->line[list[k]] != 3 || s->applies != TV_UNKNOWN) continue;
				if (ru->oc == OC_BARRED_UNTIL && (s->flags & ST_DAY) && s->day_known
				    && s->day <= until)
					continue;
				factset_union(&tr->deps, &s->adeps);
				tr->extendable = true;
			}
		}
	}
	bool terms = tr->status == AV_AVAILABLE || tr->status == AV_BARRED
	             || tr->status == AV_UNKNOWN;
	if (!(flags & EVAL_REASONS)) {
		for (int k = 0; terms && k < n; k++)
			if (rs->rules[list[k]].oc == OC_TERMS)
				do_rule(c, list[k], state(c, list[k], NULL));
		return;
	}
	if (match == 5 && tr->status == AV_NOT_APPLICABLE)
		tr->reasons[tr->nreasons++] = -1;
	for (int k = 0; k < n; k++) {
		int ri = list[k];
		const struct rule *ru = &rs->rules[ri];
		struct rstate *s = state(c, ri, NULL);
		do_rule(c, ri, s);
		bool show = s->applies == TV_TRUE;
		if (ru->oc == OC_NONE && show) {
			/* an exception is shown when it lifted a rule in force whose own
			** condition held */
			show = false;
			for (int j = 0; j < ru->ndefeats && !show; j++) {
				int d = ru->defeats[j];
				if (!rules_in_force(&rs->rules[d], c->as_of)) continue;
				struct rstate *ds = state(c, d, NULL);
				do_cond(c, d, ds);
				show = ds->cond == TV_TRUE;
			}
		}
		if (show) tr->reasons[tr->nreasons++] = ri;
	}
}

static void eval_deadline(struct ectx *c, struct result *r, int t)
{
	const struct ruleset *rs = c->rs;
	struct tres *tr = &r->t[t];
	const int *list = r->tr_rules + r->tr_off[t];
	int n = r->tr_off[t + 1] - r->tr_off[t], ntrue = 0;
	tr->has_due = tr->undecided = false;
	tr->due_rule = -1;
	tr->nreasons = 0;
	factset_clear(&tr->deps);
	bool unk = false;
	for (int k = 0; k < n; k++) {
		int ri = list[k];
		if (rs->rules[ri].oc != OC_DUE) continue;
		struct rstate *s = state(c, ri, NULL);
		do_rule(c, ri, s);
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
	r->facts = f;
	r->as_of = as_of;
	r->flags = flags;
	r->has_error = false;
	r->nquestions = 0;
	struct ectx c;
	rules_ctx_init(&c, rs, f->v, as_of, r->st, r->epoch);
	c.rc = r->rc;
	c.code = r->code;
	for (int t = 0; t < rs->ntargets; t++) {
		if (rs->targets[t].kind == TK_AVENUE) eval_avenue(&c, r, t, flags);
		else eval_deadline(&c, r, t);
	}
	if (flags & EVAL_QUESTIONS) rank_questions(r);
	r->evaluated = true;
	return r->has_error ? RULES_ECHECK : RULES_OK;
}
