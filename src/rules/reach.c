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

/* ---- the stack machine ----
** Expressions compiled to postorder for the fast path (combine.c). Unknown
** values carry their dependency sets, computed by the same Kleene rules as the
** recursive evaluator (eval.c), so one run gives the value and, when it is
** unknown, the facts it waits on. Trees of one-fact tests (VM_ALL / VM_ANY,
** evaluated by vm_tests in eval.h) stop at the operand that decides them, as
** the recursive evaluator does; elsewhere the machine evaluates every operand,
** and the only effect of that is that a `rule ID` operand gets memoised, which
** changes no result. */

static int cmp_mask(enum node_op op)
{
	switch (op) {
	case N_EQ: return CMP_EQUAL;
	case N_NE: return CMP_LESS | CMP_GREATER;
	case N_LT: return CMP_LESS;
	case N_LE: return CMP_LESS | CMP_EQUAL;
	case N_GT: return CMP_GREATER;
	case N_GE: return CMP_EQUAL | CMP_GREATER;
	default: break;
	}
	return 0;
}

/* The mask for `b op a` given the one for `a op b`: less and greater swap. */
static int cmp_mirror(int mask)
{
	return (mask & CMP_EQUAL) | (mask & CMP_LESS ? CMP_GREATER : 0) | (mask & CMP_GREATER ? CMP_LESS : 0);
}

static bool int_type(int type)
{
	return type != FT_NUMBER && type != FT_TEXT && type != FT_DURATION;
}

static int64_t const_int(const struct node *nd)
{
	return nd->type == FT_BOOL ? (int64_t)nd->b_val : nd->k;
}

/* The instruction for node n with its operands already emitted. */
static struct vm_ins instruction(const struct ruleset *rs, int n)
{
	const struct node *nd = &rs->nodes[n];
	struct vm_ins in = { .op = VM_CONST, .type = nd->type, .n = 0, .a = 0, .k = { .i = 0 } };
	switch ((enum node_op)nd->op) {
	case N_CONST:
		if (nd->type == FT_NUMBER) in.k.num = nd->num;
		else if (nd->type == FT_TEXT || nd->type == FT_DURATION) in.k.str = nd->str;
		else in.k.i = const_int(nd);
		break;
	case N_FACT:
		in.op = nd->type == FT_NUMBER ? VM_FACT_NUM : nd->type == FT_TEXT ? VM_FACT_STR : VM_FACT;
		in.a = nd->a;
		break;
	case N_ASOF: in.op = VM_ASOF; break;
	case N_NOT: in.op = VM_NOT; break;
	case N_AND: case N_OR:
		in.op = nd->op == N_AND ? VM_AND : VM_OR;
		in.n = (uint16_t)rules_node_nkids(rs, n);
		break;
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE:
		in.type = rs->nodes[nd->a].type;
		if (int_type(in.type)) {
			in.op = VM_CMP_INT;
			in.n = (uint16_t)cmp_mask((enum node_op)nd->op);
		} else {
			in.op = (uint8_t)(VM_EQ + (nd->op - N_EQ));
		}
		break;
	case N_IN: case N_NOT_IN:
		in.op = nd->op == N_IN ? VM_IN_ENUM : VM_NOT_IN_ENUM;
		in.k.mask = nd->mask;
		break;
	case N_ADD_DAYS: case N_ADD_MONTHS: {
		int64_t k = nd->k;
		if (k > 1000000) k = 1000000;
		if (k < -1000000) k = -1000000;
		in.op = nd->op == N_ADD_DAYS ? VM_ADD_DAYS : VM_ADD_MONTHS;
		in.k.i = k;
		break;
	}
	case N_NEXT_WORKING_DAY: in.op = VM_NEXT_WORKING_DAY; break;
	case N_LATEST: case N_EARLIEST:
		in.op = nd->op == N_LATEST ? VM_LATEST : VM_EARLIEST;
		in.n = (uint16_t)rules_node_nkids(rs, n);
		break;
	case N_IF:
		in.op = VM_IF;
		in.type = rs->nodes[nd->b].type;
		break;
	case N_RULE:
		in.op = VM_RULE;
		in.a = (int32_t)nd->k;
		break;
	}
	return in;
}

/* Node n as one test of one fact (VM_TEST_*), if it is one. A boolean fact
** alone is one (f != 0) only where just its truth counts (truth). */
static bool atom(const struct ruleset *rs, int n, bool truth, struct vm_ins *in)
{
	const struct node *nd = &rs->nodes[n];
	const struct node *x = nd->a >= 0 ? &rs->nodes[nd->a] : NULL;
	const struct node *y = nd->b >= 0 ? &rs->nodes[nd->b] : NULL;
	switch ((enum node_op)nd->op) {
	case N_FACT:
		if (!truth || nd->type != FT_BOOL) return false;
		*in = (struct vm_ins){ .op = VM_TEST_CMP, .type = FT_BOOL, .n = CMP_LESS | CMP_GREATER,
		                       .a = nd->a, .k = { .i = 0 } };
		return true;
	case N_NOT:                  /* not f: f = 0 */
		if (x->op != N_FACT || x->type != FT_BOOL) return false;
		*in = (struct vm_ins){ .op = VM_TEST_CMP, .type = FT_BOOL, .n = CMP_EQUAL, .a = x->a,
		                       .k = { .i = 0 } };
		return true;
	case N_IN: case N_NOT_IN:
		if (x->op != N_FACT || x->type != FT_ENUM) return false;
		*in = (struct vm_ins){ .op = VM_TEST_IN, .type = FT_BOOL, .n = nd->op == N_NOT_IN,
		                       .a = x->a, .k = { .mask = nd->mask } };
		return true;
	case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE: {
		int mask = cmp_mask((enum node_op)nd->op);
		if (!int_type(x->type)) return false;
		if (x->op == N_CONST && y->op == N_FACT) {   /* `2019-06-21 <= fact` */
			const struct node *sw = x;
			x = y;
			y = sw;
			mask = cmp_mirror(mask);
		}
		if (x->op != N_FACT || y->op != N_CONST) return false;
		*in = (struct vm_ins){ .op = VM_TEST_CMP, .type = FT_BOOL, .n = (uint16_t)mask,
		                       .a = x->a, .k = { .i = const_int(y) } };
		return true;
	}
	default:
		return false;
	}
}

/* Node n, where just its truth counts, as a tree of one-fact tests (one test,
** or VM_ALL / VM_ANY over tests and such trees) into out[len ..] when out is
** not NULL; its size, or 0 when n is not such a tree (then nothing was
** written). */
static int tests_tree(const struct ruleset *rs, int n, struct vm_ins *out, int len)
{
	const struct node *nd = &rs->nodes[n];
	struct vm_ins in;
	if (atom(rs, n, true, &in)) {
		if (out) out[len] = in;
		return 1;
	}
	int k = rules_node_nkids(rs, n), size = 0;
	if ((nd->op != N_AND && nd->op != N_OR) || k < 1 || k > UINT16_MAX) return 0;
	for (int j = 0; j < k; j++) {
		int kid = rules_node_kid(rs, n, j), m = kid < 0 ? 0 : tests_tree(rs, kid, NULL, 0);
		if (m == 0) return 0;
		if (out) tests_tree(rs, kid, out, len + 1 + size);
		size += m;
	}
	if (out)
		out[len] = (struct vm_ins){ .op = nd->op == N_AND ? VM_ALL : VM_ANY, .type = FT_BOOL,
		                            .n = (uint16_t)k, .a = size };
	return 1 + size;
}

/* Postorder of expression n into out (when not NULL) from out[len], with trees
** of tests as single values; returns the new length, or -1 when the
** expression needs the recursive evaluator (a list of non-enum values) or a
** stack deeper than FAST_STACK. truth: only n's truth counts (a condition, an
** operand of AND / OR). *depth tracks the stack height, *max its peak. */
static int compile(const struct ruleset *rs, int n, bool truth, struct vm_ins *out, int len,
                   int *depth, int *max)
{
	const struct node *nd = &rs->nodes[n];
	int k = rules_node_nkids(rs, n), m;
	struct vm_ins in;
	if ((nd->op == N_IN || nd->op == N_NOT_IN) && rs->nodes[nd->a].type != FT_ENUM)
		return -1;
	if (truth && (m = tests_tree(rs, n, out, len)) > 0) {
		len += m;               /* pushes one value */
	} else {
		if (atom(rs, n, false, &in)) {
			k = 0;
		} else {
			bool kids_truth = nd->op == N_AND || nd->op == N_OR;
			for (int j = 0; j < k; j++) {
				int kid = rules_node_kid(rs, n, j);
				if (kid < 0) return -1;
				if ((len = compile(rs, kid, kids_truth, out, len, depth, max)) < 0) return -1;
			}
			in = instruction(rs, n);
		}
		if (out) out[len] = in;
		len++;
		*depth -= k;
	}
	*depth += 1;
	if (*depth > *max) *max = *depth;
	if (*max > FAST_STACK) return -1;
	return len;
}

enum tv rules_vm_tests(const struct vm_ins *a, const struct fval *fv, struct factset *deps)
{
	return vm_tests(a, fv, deps);
}

bool rules_code_tests(const struct vm_ins *code, int len)
{
	if (len <= 0) return false;
	if (vm_is_tree(code)) return len == 1 + code->a;   /* compiled only over tests */
	return len == 1 && (code->op == VM_TEST_CMP || code->op == VM_TEST_IN);
}

int rules_compile(const struct ruleset *rs, int n, bool cond, struct vm_ins *out)
{
	int depth = 0, max = 0;
	if (n < 0) return -1;
	return compile(rs, n, cond, out, 0, &depth, &max);
}

/* One stack slot. Its dependency set lives apart (ds[] in rules_vm_run), at
** the same height, and is written only when the value is unknown. */
struct sv {
	union { int64_t i; double num; const char *str; } u;  /* by the value's type */
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

/* t[0..k) replaced by t[0]: unknown, with the union of the unknown ones'
** deps (at least one of them is unknown); d[j] are the deps of t[j]. */
static void sv_unknown(struct sv *t, struct factset *d, int k)
{
	int j = 0;
	while (t[j].known) j++;
	if (j > 0) d[0] = d[j];
	for (j++; j < k; j++)
		if (!t[j].known) factset_union(&d[0], &d[j]);
	t[0].known = false;
}

bool rules_vm_run(struct ectx *c, const struct vm_ins *code, int len, int64_t *val,
                  struct factset *deps)
{
	/* stk[0] is never used: t starts on it so that the first push lands on
	** stk[1] and no pointer ever points before the array. */
	struct sv stk[FAST_STACK + 1], *t = stk;  /* t: top of stack */
	struct factset ds[FAST_STACK + 1];        /* ds[t - stk]: deps of *t when unknown */
	const struct fval *fv = c->fv;
#define D(p) (&ds[(p) - stk])
	for (const struct vm_ins *ip = code, *end = code + len; ip < end; ip++) {
		const struct fval *f;
		switch ((enum vm_op)ip->op) {
		case VM_FACT: case VM_FACT_NUM: case VM_FACT_STR: case VM_TEST_CMP: case VM_TEST_IN:
			f = &fv[ip->a];
			t++;
			if (!(t->known = f->known)) {
				factset_clear(D(t));
				factset_add(D(t), ip->a);
				break;
			}
			if (ip->op == VM_FACT_NUM) t->u.num = f->num;
			else if (ip->op == VM_FACT_STR) t->u.str = f->str;
			else if (ip->op == VM_FACT) t->u.i = f->i;
			else t->u.i = vm_test(ip, f->i);
			break;
		case VM_ALL: case VM_ANY: {
			enum tv v = vm_tests(ip, fv, D(t + 1));
			t++;
			t->known = v != TV_UNKNOWN;
			t->u.i = v == TV_TRUE;
			ip += ip->a;
			break;
		}
		case VM_CONST:
			t++;
			t->known = true;
			if (ip->type == FT_NUMBER) t->u.num = ip->k.num;
			else if (ip->type == FT_TEXT || ip->type == FT_DURATION) t->u.str = ip->k.str;
			else t->u.i = ip->k.i;
			break;
		case VM_ASOF:
			t++;
			t->known = true;
			t->u.i = c->as_of;
			break;
		case VM_NOT:
			if (t->known) t->u.i = !t->u.i;
			break;
		case VM_AND: case VM_OR: {
			/* Kleene: a false operand decides AND (a true one OR) */
			int k = ip->n;
			bool is_and = ip->op == VM_AND, unk = false, dec = false;
			t -= k - 1;
			for (int j = 0; j < k; j++) {
				if (!t[j].known) unk = true;
				else if ((t[j].u.i != 0) != is_and) dec = true;
			}
			if (dec || !unk) {
				t->known = true;
				t->u.i = dec ? !is_and : is_and;
			} else {
				sv_unknown(t, D(t), k);
			}
			break;
		}
		case VM_CMP_INT:
			t--;
			if (t[0].known && t[1].known) t->u.i = vm_cmp_holds(t[0].u.i, t[1].u.i, ip->n);
			else sv_unknown(t, D(t), 2);
			break;
		case VM_EQ: case VM_NE: case VM_LT: case VM_LE: case VM_GT: case VM_GE: {
			t--;
			if (!t[0].known || !t[1].known) {
				sv_unknown(t, D(t), 2);
				break;
			}
			bool v;
			if (ip->op == VM_EQ) v = sv_equal(&t[0], &t[1], ip->type);
			else if (ip->op == VM_NE) v = !sv_equal(&t[0], &t[1], ip->type);
			else {
				int r = sv_cmp(&t[0], &t[1], ip->type);
				v = ip->op == VM_LT ? r < 0 : ip->op == VM_LE ? r <= 0
				  : ip->op == VM_GT ? r > 0 : r >= 0;
			}
			t->u.i = v;
			break;
		}
		case VM_IN_ENUM: case VM_NOT_IN_ENUM:
			if (t->known) t->u.i = vm_in_mask(t->u.i, ip->k.mask) == (ip->op == VM_IN_ENUM);
			break;
		case VM_ADD_DAYS:
			if (t->known) t->u.i = date_add_days((int32_t)t->u.i, (int32_t)ip->k.i);
			break;
		case VM_ADD_MONTHS:
			if (t->known) t->u.i = date_add_months((int32_t)t->u.i, (int32_t)ip->k.i);
			break;
		case VM_NEXT_WORKING_DAY:
			if (t->known) t->u.i = date_next_working_day((int32_t)t->u.i);
			break;
		case VM_LATEST: case VM_EARLIEST: {
			int k = ip->n;
			bool known = true;
			int64_t best = 0;
			t -= k - 1;
			for (int j = 0; j < k; j++) {
				known &= t[j].known;
				if (j == 0 || (ip->op == VM_LATEST ? t[j].u.i > best : t[j].u.i < best))
					best = t[j].u.i;
			}
			if (known) t->u.i = best;
			else sv_unknown(t, D(t), k);
			break;
		}
		case VM_IF:
			/* t[0] condition, t[1] then, t[2] else */
			t -= 2;
			if (t[0].known) {
				int j = t[0].u.i ? 1 : 2;
				t[0] = t[j];
				if (!t[0].known) *D(t) = *D(t + j);
			} else if (t[1].known && t[2].known && sv_equal(&t[1], &t[2], ip->type)) {
				t[0] = t[1];
			} else {
				if (!t[1].known) factset_union(D(t), D(t + 1));
				if (!t[2].known) factset_union(D(t), D(t + 2));
			}
			break;
		case VM_RULE: {
			const struct factset *rd;
			enum tv a = rules_group_applies(c, ip->a, &rd);
			t++;
			if ((t->known = a != TV_UNKNOWN)) t->u.i = a == TV_TRUE;
			else *D(t) = *rd;
			break;
		}
		}
	}
#undef D
	if (!stk[1].known) {
		*deps = ds[1];
		return false;
	}
	*val = stk[1].u.i;
	return true;
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
