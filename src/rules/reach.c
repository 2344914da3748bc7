/*
** reach.c — expressions as data: walking them (facts read, months counted),
** compiling them to postorder for the evaluator's stack machine, running
** that machine; and reachability: can a rule's condition ever be true, can
** the rule ever survive its exceptions?
**
** For each rule version, every boolean and enumeration fact its condition and
** its exceptions read (through `rule` references too) is tried with each of
** its values; date, number and text facts stay unknown, so a condition on
** them counts as possibly true. A condition that is false for every
** assignment is dead; so is a rule that some exception defeats whenever its
** condition is true or unknown. The as-of dates tried are the version's first
** day and every day inside its period on which another version starts or
** another version ended the day before (so `rule ID` may change meaning).
*/
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "eval.h"

#define REACH_MAX_COMBOS 65536
#define REACH_MAX_DATES 8

/* ---- walking expressions ---- */

int rules_node_nkids(const struct ruleset *rs, int n)
{
	const struct node *nd = &rs->nodes[n];
	switch ((enum node_op)nd->op) {
	case N_CONST: case N_FACT: case N_ASOF: case N_RULE:
		return 0;
	case N_NOT: case N_ADD_DAYS: case N_ADD_MONTHS: case N_NEXT_WORKING_DAY:
	case N_IN: case N_NOT_IN:
		return 1;
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE:
		return 2;
	case N_IF:
		return 3;
	case N_AND: case N_OR: case N_LATEST: case N_EARLIEST:
		return nd->nargs > 0 ? nd->nargs : 2;
	}
	return 0;
}

/* -1 for an unused slot */
int rules_node_kid(const struct ruleset *rs, int n, int j)
{
	const struct node *nd = &rs->nodes[n];
	if ((nd->op == N_AND || nd->op == N_OR || nd->op == N_LATEST || nd->op == N_EARLIEST)
	    && nd->nargs > 0)
		return rs->args[nd->args + j];
	return j == 0 ? nd->a : j == 1 ? nd->b : nd->c;
}

void rules_node_facts(const struct ruleset *rs, int n, struct factset *s)
{
	if (n < 0) return;
	if (rs->nodes[n].op == N_FACT) {
		factset_add(s, rs->nodes[n].a);
		return;
	}
	int k = rules_node_nkids(rs, n);
	for (int j = 0; j < k; j++) rules_node_facts(rs, rules_node_kid(rs, n, j), s);
}

bool rules_node_months(const struct ruleset *rs, int n)
{
	if (n < 0) return false;
	if (rs->nodes[n].op == N_ADD_MONTHS) return true;
	int k = rules_node_nkids(rs, n);
	for (int j = 0; j < k; j++)
		if (rules_node_months(rs, rules_node_kid(rs, n, j))) return true;
	return false;
}

/* Postorder of expression n for the evaluator's stack machine (eval.c).
** Writes into out when out != NULL; returns the length, or -1 when the
** expression needs the recursive evaluator (a list of non-enum values) or a
** stack deeper than FAST_STACK. *depth tracks the stack height. */
static int compile(const struct ruleset *rs, int n, int32_t *out, int len, int *depth, int *max)
{
	const struct node *nd = &rs->nodes[n];
	if ((nd->op == N_IN || nd->op == N_NOT_IN) && rs->nodes[nd->a].type != FT_ENUM)
		return -1;
	int k = rules_node_nkids(rs, n);
	for (int j = 0; j < k; j++) {
		int kid = rules_node_kid(rs, n, j);
		if (kid < 0) return -1;
		if ((len = compile(rs, kid, out, len, depth, max)) < 0) return -1;
	}
	*depth += 1 - k;
	if (*depth > *max) *max = *depth;
	if (*max > FAST_STACK) return -1;
	if (out) out[len] = n;
	return len + 1;
}

int rules_compile(const struct ruleset *rs, int n, int32_t *out)
{
	int depth = 0, max = 0;
	if (n < 0) return -1;
	return compile(rs, n, out, 0, &depth, &max);
}

/* ---- the stack machine (eval.c runs it): postorder code, values without deps ----
** Used for the first (usually only) evaluation of a rule's expressions; an
** unknown result is evaluated again recursively to learn its deps. */

struct sv {
	union { int64_t i; double num; const char *str; } u;  /* by the node's type */
	bool known;
};

static bool sv_equal(const struct sv *x, const struct sv *y, int type)
{
	if (type == FT_NUMBER) return x->u.num == y->u.num;
	if (type == FT_TEXT || type == FT_DURATION)
		return x->u.str && y->u.str ? strcmp(x->u.str, y->u.str) == 0 : x->u.str == y->u.str;
	return x->u.i == y->u.i;
}

static int sv_cmp(const struct sv *x, const struct sv *y, int type)
{
	if (type == FT_NUMBER) return (x->u.num > y->u.num) - (x->u.num < y->u.num);
	if (type == FT_TEXT || type == FT_DURATION) {
		int r = strcmp(x->u.str ? x->u.str : "", y->u.str ? y->u.str : "");
		return (r > 0) - (r < 0);
	}
	return (x->u.i > y->u.i) - (x->u.i < y->u.i);
}

static void fast_rule_ref(struct ectx *c, int group, struct sv *o)
{
	struct xval x;
	rules_rule_ref(c, group, &x);
	o->known = x.known;
	o->u.i = x.i;
}

void rules_fast_run(struct ectx *c, const int32_t *code, int len, struct xval *o)
{
	const struct ruleset *rs = c->rs;
	struct sv stk[FAST_STACK], *t = stk - 1;   /* t: top of stack */
	for (int pc = 0; pc < len; pc++) {
		const struct node *nd = &rs->nodes[code[pc]];
		switch ((enum node_op)nd->op) {
		case N_FACT: {
			const struct fval *fv = &c->fv[nd->a];
			t++;
			t->known = fv->known;
			if (nd->type == FT_NUMBER) t->u.num = fv->num;
			else if (nd->type == FT_TEXT) t->u.str = fv->str;
			else t->u.i = fv->i;
			break;
		}
		case N_CONST:
			t++;
			t->known = true;
			if (nd->type == FT_NUMBER) t->u.num = nd->num;
			else if (nd->type == FT_TEXT || nd->type == FT_DURATION) t->u.str = nd->str;
			else t->u.i = nd->type == FT_BOOL ? (int64_t)nd->b_val : nd->k;
			break;
		case N_ASOF:
			t++;
			t->known = true;
			t->u.i = c->as_of;
			break;
		case N_NOT:
			t->u.i = !t->u.i;
			break;
		case N_AND: case N_OR: {
			int k = nd->nargs > 0 ? nd->nargs : 2;
			bool is_and = nd->op == N_AND, unk = false, dec = false;
			t -= k - 1;
			for (int j = 0; j < k; j++) {
				if (!t[j].known) unk = true;
				else if ((t[j].u.i != 0) != is_and) dec = true;
			}
			t->known = dec || !unk;
			t->u.i = dec ? !is_and : is_and;
			break;
		}
		case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE: {
			int type = rs->nodes[nd->a].type;
			t--;
			if (!t[0].known || !t[1].known) {
				t->known = false;
				break;
			}
			bool v;
			if (nd->op == N_EQ) v = sv_equal(&t[0], &t[1], type);
			else if (nd->op == N_NE) v = !sv_equal(&t[0], &t[1], type);
			else {
				int r = sv_cmp(&t[0], &t[1], type);
				v = nd->op == N_LT ? r < 0 : nd->op == N_LE ? r <= 0
				  : nd->op == N_GT ? r > 0 : r >= 0;
			}
			t->u.i = v;
			break;
		}
		case N_IN: case N_NOT_IN:   /* enumerations only: see rules_compile */
			if (t->known) {
				bool in = t->u.i >= 0 && t->u.i < 64 && ((nd->mask >> t->u.i) & 1);
				t->u.i = nd->op == N_IN ? in : !in;
			}
			break;
		case N_ADD_DAYS: case N_ADD_MONTHS: case N_NEXT_WORKING_DAY:
			if (t->known) {
				int64_t k = nd->k;
				int32_t d = (int32_t)t->u.i;
				if (k > 1000000) k = 1000000;
				if (k < -1000000) k = -1000000;
				if (nd->op == N_ADD_DAYS) d = date_add_days(d, (int32_t)k);
				else if (nd->op == N_ADD_MONTHS) d = date_add_months(d, (int32_t)k);
				else d = date_next_working_day(d);
				t->u.i = d;
			}
			break;
		case N_LATEST: case N_EARLIEST: {
			int k = nd->nargs > 0 ? nd->nargs : 2;
			bool known = true;
			int64_t best = 0;
			t -= k - 1;
			for (int j = 0; j < k; j++) {
				known &= t[j].known;
				if (j == 0 || (nd->op == N_LATEST ? t[j].u.i > best : t[j].u.i < best))
					best = t[j].u.i;
			}
			t->known = known;
			t->u.i = best;
			break;
		}
		case N_IF:
			t -= 2;
			if (t[0].known) {
				t[0] = t[0].u.i ? t[1] : t[2];
			} else if (t[1].known && t[2].known && sv_equal(&t[1], &t[2], nd->type)) {
				t[0] = t[1];
			} else {
				t[0].known = false;
			}
			break;
		case N_RULE:
			t++;
			fast_rule_ref(c, (int)nd->k, t);
			break;
		}
	}
	const struct node *root = &rs->nodes[code[len - 1]];
	o->known = stk[0].known;
	o->type = root->type;
	o->i = 0;
	o->num = 0;
	o->str = NULL;
	if (root->type == FT_NUMBER) o->num = stk[0].u.num;
	else if (root->type == FT_TEXT || root->type == FT_DURATION) o->str = stk[0].u.str;
	else o->i = stk[0].u.i;
}

/* ---- reachability ---- */

struct reach {
	const struct ruleset *rs;
	struct rstate *st;
	uint32_t epoch;
	struct fval *fv;
	unsigned char *seen;     /* rules visited while collecting facts */
	int fidx[RULES_MAX_FACTS], fdom[RULES_MAX_FACTS], nf;
};

static void collect_rule(struct reach *x, int ri, struct factset *s);

static void collect_node(struct reach *x, int n, struct factset *s)
{
	const struct ruleset *rs = x->rs;
	if (n < 0) return;
	const struct node *nd = &rs->nodes[n];
	if (nd->op == N_FACT) {
		factset_add(s, nd->a);
		return;
	}
	if (nd->op == N_RULE) {
		const struct rule_group *g = &rs->groups[nd->k];
		for (int j = 0; j < g->n; j++) collect_rule(x, g->rules[j], s);
		return;
	}
	int k = rules_node_nkids(rs, n);
	for (int j = 0; j < k; j++) collect_node(x, rules_node_kid(rs, n, j), s);
}

/* Everything that decides whether rule ri applies. */
static void collect_rule(struct reach *x, int ri, struct factset *s)
{
	if (x->seen[ri]) return;
	x->seen[ri] = 1;
	const struct rule *ru = &x->rs->rules[ri];
	collect_node(x, ru->cond, s);
	collect_node(x, ru->oc_expr, s);
	for (int j = 0; j < ru->ndefeated_by; j++) collect_rule(x, ru->defeated_by[j], s);
}

static void describe(struct buf *b, const struct rule *ru)
{
	char d[DATE_ISO_LEN + 1];
	date_format_iso(ru->from, d);
	buf_printf(b, "rule %s (version from %s%s)", ru->id, ru->from_before ? "before " : "", d);
}

static void report(const struct ruleset *rs, struct diaglist *diags, const struct rule *ru,
                   bool error, const char *what)
{
	struct buf b;
	buf_init(&b, 1024);
	describe(&b, ru);
	buf_printf(&b, ": %s", what);
	const char *file = ru->pos.file < rs->nfiles ? rs->files[ru->pos.file].name : "?";
	diag_add(diags, file, (int)ru->pos.line, (int)ru->pos.col, error,
	         rules_line_start(rs, ru->pos), "%s", buf_str(&b));
	buf_free(&b);
}

static int as_of_dates(const struct ruleset *rs, const struct rule *ru, int32_t *out)
{
	int n = 0;
	out[n++] = ru->from;
	for (int i = 0; i < rs->nrules && n < REACH_MAX_DATES; i++) {
		const struct rule *o = &rs->rules[i];
		int32_t cand[2];
		int nc = 0;
		if (!o->from_before) cand[nc++] = o->from;
		if (o->has_until) cand[nc++] = date_add_days(o->until, 1);
		for (int j = 0; j < nc && n < REACH_MAX_DATES; j++) {
			if (!rules_in_force(ru, cand[j])) continue;
			bool dup = false;
			for (int k = 0; k < n; k++) dup |= out[k] == cand[j];
			if (!dup) out[n++] = cand[j];
		}
	}
	return n;
}

static uint32_t next_epoch(struct reach *x)
{
	if (++x->epoch == 0) {
		for (int i = 0; i < x->rs->nrules; i++) x->st[i].epoch = 0;
		x->epoch = 1;
	}
	return x->epoch;
}

/* Returns 1 for an error added, 0 otherwise. */
static int check_rule(struct reach *x, int ri, struct diaglist *diags)
{
	const struct ruleset *rs = x->rs;
	const struct rule *ru = &rs->rules[ri];
	struct factset used;
	factset_clear(&used);
	memset(x->seen, 0, (size_t)rs->nrules);
	collect_rule(x, ri, &used);
	x->nf = 0;
	long long combos = 1;
	for (int f = 0; f < rs->nfacts; f++) {
		if (!factset_has(&used, f)) continue;
		int dom = rs->facts[f].type == FT_BOOL ? 2 : rs->facts[f].type == FT_ENUM ? rs->facts[f].nvals : 0;
		if (dom <= 0) continue;
		x->fidx[x->nf] = f;
		x->fdom[x->nf++] = dom;
		combos *= dom;
		if (combos > REACH_MAX_COMBOS) {
			report(rs, diags, ru, false,
			       "reads too many yes/no and choice facts to check whether its condition can be true; not checked");
			return 0;
		}
	}
	int32_t dates[REACH_MAX_DATES];
	int nd = as_of_dates(rs, ru, dates);
	bool reachable = ru->cond < 0, survives = false;
	int cnt[RULES_MAX_FACTS];
	for (int di = 0; di < nd && !(reachable && survives); di++) {
		memset(cnt, 0, sizeof cnt);
		for (long long k = 0; k < combos && !(reachable && survives); k++) {
			for (int f = 0; f < rs->nfacts; f++) x->fv[f].known = false;
			for (int j = 0; j < x->nf; j++) {
				struct fval *v = &x->fv[x->fidx[j]];
				v->known = true;
				v->i = cnt[j];
			}
			struct ectx c;
			rules_ctx_init(&c, rs, x->fv, dates[di], x->st, next_epoch(x));
			enum tv cond = rules_rule_cond(&c, ri);
			if (cond != TV_FALSE) {
				reachable = true;
				bool defeated = false;
				for (int j = 0; j < ru->ndefeated_by && !defeated; j++)
					defeated = rules_rule_holds(&c, ru->defeated_by[j]) == TV_TRUE;
				if (!defeated) survives = true;
			}
			for (int j = 0; j < x->nf; j++) {    /* mixed-radix increment */
				if (++cnt[j] < x->fdom[j]) break;
				cnt[j] = 0;
			}
		}
	}
	if (!reachable) {
		report(rs, diags, ru, true, "its condition can never be true");
		return 1;
	}
	if (!survives && ru->ndefeated_by > 0) {
		report(rs, diags, ru, true,
		       "an exception defeats it whenever its condition is true, so it never applies");
		return 1;
	}
	return 0;
}

int rules_check_reach(const struct ruleset *rs, struct diaglist *diags)
{
	struct reach x;
	memset(&x, 0, sizeof x);
	x.rs = rs;
	x.st = calloc((size_t)(rs->nrules ? rs->nrules : 1), sizeof *x.st);
	x.fv = calloc((size_t)(rs->nfacts ? rs->nfacts : 1), sizeof *x.fv);
	x.seen = calloc((size_t)(rs->nrules ? rs->nrules : 1), 1);
	int errors = 0;
	if (!x.st || !x.fv || !x.seen) {
		diag_add(diags, rs->nfiles ? rs->files[0].name : "?", 0, 0, false, NULL,
		         "out of memory: conditions not checked for reachability");
	} else {
		for (int ri = 0; ri < rs->nrules; ri++) errors += check_rule(&x, ri, diags);
	}
	free(x.st);
	free(x.fv);
	free(x.seen);
	return errors;
}
