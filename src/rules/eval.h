/*
** eval.h — private to src/rules/: the layout of struct facts and struct result,
** the memoised rule evaluation and the stack machine, shared by eval.c,
** combine.c, facts.c, report.c, rtest.c and reach.c.
**
** A result is sized once for one ruleset (result_new) and reused: rules_eval
** writes into it without allocating. Per-rule state is memoised in the result
** and stamped with an epoch, so starting a new evaluation costs one increment,
** not a clear. The result keeps a pointer to the facts it was computed from;
** those facts must stay alive and unchanged until the output functions ran.
**
** Two paths compute the same result (combine.c):
**   - the fast path: a per-date plan (the rule versions in force, by target and
**     outcome line); conditions that are only one-fact tests evaluated in
**     place, other expressions on a stack machine that tracks dependency sets
**     itself; and, without EVAL_REASONS, only the rules that can still change
**     the answer, the simplest of them without a memo entry;
**   - the reference path (EVAL_REFERENCE): every rule, every expression through
**     the plain recursive evaluator. It is what the unit tests hold the fast
**     path to, field by field.
*/
#ifndef SAFEPATH_EVAL_H
#define SAFEPATH_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "rulesInt.h"

#define FACTS_MAX_JSON (64u * 1024u)    /* whole facts document */
#define FACTS_MAX_TEXT 1024u            /* one text fact, bytes */

/* Private flag for rules_eval: take the reference path (tests only). */
#define EVAL_REFERENCE 0x100u

struct facts {
	const struct ruleset *rs;
	struct fval *v;       /* rs->nfacts values */
	char **text;          /* per fact: FACTS_MAX_TEXT + 1 bytes for FT_TEXT facts, else NULL */
};

/* Memoised state of one rule version during one evaluation. Deps are
** meaningful only for the values that are TV_UNKNOWN. */
enum { ST_COND = 1, ST_HOLDS = 2, ST_APPLIES = 4, ST_DAY = 8, ST_BUSY = 16 };
struct ruleval;

struct rstate {
	uint32_t epoch;
	uint8_t flags;
	uint8_t cond, holds, applies;  /* enum tv */
	uint8_t inforce, day_known;
	int32_t day;                   /* value of oc_expr (bar's last day, due date) */
	struct factset cdeps, hdeps, adeps, ddeps;
};

/* ---- the stack machine (reach.c) ----
** An expression compiled to postorder. Each instruction pushes one value or
** replaces its operands by one; values carry their dependency sets when
** unknown, with the same Kleene rules as the recursive evaluator (eval.c). */
enum vm_op {
	VM_FACT,              /* a: fact index; value in fval.i (booleans, dates, enums) */
	VM_FACT_NUM,          /* a: fact index; value in fval.num */
	VM_FACT_STR,          /* a: fact index; value in fval.str */
	VM_CONST,             /* k */
	VM_ASOF,
	VM_NOT,
	VM_AND, VM_OR,        /* n operands */
	VM_CMP_INT,           /* n: the outcomes that are true, CMP_LESS | CMP_EQUAL | CMP_GREATER */
	VM_EQ, VM_NE, VM_LT, VM_LE, VM_GT, VM_GE,  /* numbers and text; type: of the operands */
	VM_IN_ENUM,           /* k.mask: the value indexes in the list */
	VM_NOT_IN_ENUM,
	VM_ADD_DAYS, VM_ADD_MONTHS,                /* k.i, already clamped */
	VM_NEXT_WORKING_DAY,
	VM_LATEST, VM_EARLIEST,                    /* n operands */
	VM_IF,                /* type: of the branches */
	VM_RULE,              /* a: group index */
	/* one-fact tests, the commonest conditions, fused into one instruction;
	** a: the fact. A boolean fact `f` is f != 0, `not f` is f = 0. */
	VM_TEST_CMP,          /* FACT compared with k.i (integer types), n as for VM_CMP_INT */
	VM_TEST_IN,           /* FACT in [...] (an enumeration): k.mask; n = 1: not in */
	/* AND / OR of n operands, each a test above or another VM_ALL / VM_ANY:
	** the next a instructions (a tree of one-fact tests) */
	VM_ALL, VM_ANY
};
enum { CMP_LESS = 1, CMP_EQUAL = 2, CMP_GREATER = 4 };

struct vm_ins {
	uint8_t op;           /* enum vm_op */
	uint8_t type;         /* enum ftype, as noted per op */
	uint16_t n;
	int32_t a;
	union { int64_t i; double num; const char *str; uint64_t mask; } k;
};

/* ---- one-fact tests: shared by the machine (reach.c) and the memo (eval.c),
** which evaluates a condition that is only such tests without the machine ---- */

static inline bool vm_in_mask(int64_t v, uint64_t mask)
{
	return v >= 0 && v < 64 && ((mask >> v) & 1);
}

/* Whether the outcome of comparing x with y is among those in mask. */
static inline bool vm_cmp_holds(int64_t x, int64_t y, int mask)
{
	return (mask >> ((x > y) - (x < y) + 1)) & 1;
}

/* The value of test a (VM_TEST_CMP or VM_TEST_IN) on the fact's known value v. */
static inline bool vm_test(const struct vm_ins *a, int64_t v)
{
	if (a->op == VM_TEST_CMP) return vm_cmp_holds(v, a->k.i, a->n);
	return vm_in_mask(v, a->k.mask) != (a->n != 0);
}

static inline bool vm_is_tree(const struct vm_ins *a)
{
	return a->op == VM_ALL || a->op == VM_ANY;
}

/* vm_tests, out of line (reach.c): for nested trees, so that vm_tests itself
** is not recursive and inlines into its callers. */
enum tv rules_vm_tests(const struct vm_ins *a, const struct fval *fv, struct factset *deps);

/* The tree of one-fact tests at a: one test, or VM_ALL / VM_ANY and its
** operands (tests or trees). Kleene logic, each AND / OR stopping at the first
** operand that decides it, as the recursive evaluator does; unknown: the facts
** of the unknown operands looked at go to *deps. */
static inline __attribute__((always_inline))
enum tv vm_tests(const struct vm_ins *a, const struct fval *fv, struct factset *deps)
{
	if (!vm_is_tree(a)) {
		const struct fval *f = &fv[a->a];
		if (f->known) return vm_test(a, f->i) ? TV_TRUE : TV_FALSE;
		factset_clear(deps);
		factset_add(deps, a->a);
		return TV_UNKNOWN;
	}
	bool decide = a->op == VM_ANY, unk = false;   /* decide: the value that decides */
	const struct vm_ins *end = a + 1 + a->a;
	for (a++; a < end; ) {
		bool v;
		if (vm_is_tree(a)) {
			struct factset d;
			enum tv x = rules_vm_tests(a, fv, &d);
			a += 1 + a->a;
			if (x == TV_UNKNOWN) {
				if (!unk) *deps = d;
				else factset_union(deps, &d);
				unk = true;
				continue;
			}
			v = x == TV_TRUE;
		} else {
			const struct fval *f = &fv[a->a];
			if (!f->known) {
				if (!unk) factset_clear(deps);
				factset_add(deps, a->a);
				unk = true;
				a++;
				continue;
			}
			v = vm_test(a++, f->i);
		}
		if (v == decide) return decide ? TV_TRUE : TV_FALSE;
	}
	return unk ? TV_UNKNOWN : decide ? TV_FALSE : TV_TRUE;
}

#define FAST_STACK 64      /* stack machine depth; deeper expressions recurse */

/* Per rule: its condition and outcome expression as stack-machine code
** (ncond, nday < 0: not compilable, evaluated recursively; 0: no expression).
** tests: the condition is a tree of one-fact tests, which the memo evaluates
** in place (vm_tests) without the machine. simple: a rule of lines 1-4 (not
** applicable, ineligible, bar, available) without exceptions, whose condition
** is absent or tests and whose last day, for a dated bar, is compiled: the
** fast path without reasons evaluates it directly, with no memo entry. */
struct rcode {
	int32_t cond, ncond, day, nday;
	bool tests, simple;
};

/* The rule versions in force on a stretch of as-of days [lo, hi] between two
** `from`/`until` boundaries of the rule set (combine.c). */
struct plan {
	int interval;         /* index of the stretch of days; -1: slot unused */
	int32_t lo, hi;
	uint8_t *inforce;     /* per rule */
	int *gver;            /* per group: the version in force, or -1 */
	int *at;              /* per target, PLAN_LINES + 1 entries: its in-force rules of
	                         outcome line l are list[at[l] .. at[l + 1]) */
	int *list;            /* by target, then outcome line, then rule index */
};
#define PLAN_LINES 10      /* outcome lines are 0..9 (rules_outcome_line) */
#define PLAN_SLOTS 16      /* plans kept per result, direct-mapped by stretch */

/* Evaluation context. st == NULL: no memo (each `rule ID` is re-evaluated,
** with a depth guard against cycles). */
struct ectx {
	const struct ruleset *rs;
	const struct fval *fv;
	int32_t as_of;
	struct rstate *st;
	const struct rcode *rc;    /* NULL: recursive evaluator only */
	const struct vm_ins *code;
	const struct plan *plan;   /* NULL: in-force versions found by scanning */
	uint32_t epoch;
	int depth;
	bool deps;            /* recursive evaluator: unknown values carry their dependency sets */
};

struct tres {                      /* one avenue or deadline */
	enum av_status status;         /* avenues */
	bool has_until;                /* barred with a known last day */
	bool pending;                  /* barred while pending */
	bool extendable;               /* barred, and an unknown bar could lengthen it */
	bool has_due;                  /* deadlines: exactly one due rule was true */
	bool undecided;                /* unknown status, or deadline undecided */
	int32_t until, due;
	int due_rule;
	struct factset deps;           /* depends_on; deadlines: facts still needed */
	int *reasons; int nreasons;    /* rule indexes; -1 = "no rule opens this avenue" */
};

struct result {
	const struct ruleset *rs;
	const struct facts *facts;     /* of the last evaluation (not owned) */
	int32_t as_of;
	unsigned flags;
	bool evaluated;
	uint32_t epoch;
	struct rstate *st;             /* rs->nrules */
	int *tr_off, *tr_rules;        /* per target: all its rules, sorted by outcome line */
	uint8_t *line;                 /* per rule: rules_outcome_line of its outcome */
	struct rcode *rc;              /* per rule: compiled expressions */
	struct vm_ins *code;
	int32_t *bounds; int nbounds;  /* sorted days on which the rules in force change */
	struct plan plans[PLAN_SLOTS];
	int nslots;
	const struct plan *last_plan;
	struct ruleval *bars;          /* scratch: the bars of the avenue being evaluated */
	struct tres *t;                /* rs->ntargets */
	int *avenues; int navenues;    /* target indexes, declaration order */
	int *deadlines; int ndeadlines;
	int *reason_pool;
	uint16_t *qcount;              /* per fact */
	int *questions; int nquestions;
	bool has_error;                /* two due dates for one deadline */
	int err_target, err_rule1, err_rule2;
};

/* eval.c */
void rules_ctx_init(struct ectx *c, const struct ruleset *rs, const struct fval *fv,
                    int32_t as_of, struct rstate *st, uint32_t epoch);
void rules_ctx_node(struct ectx *c, int n, struct xval *out);
/* Memoised per-rule values (c->st must not be NULL). */
enum tv rules_rule_cond(struct ectx *c, int ri);
enum tv rules_rule_holds(struct ectx *c, int ri);
enum tv rules_rule_applies(struct ectx *c, int ri);
bool rules_rule_day(struct ectx *c, int ri, int32_t *day);
/* The memo entry of rule ri for this evaluation, with applies (and what it
** needs) computed. */
const struct rstate *rules_rule_state(struct ectx *c, int ri);
bool rules_in_force(const struct rule *ru, int32_t as_of);
int rules_outcome_line(enum outcome_kind oc);
/* `rule ID` for group g, through the memo (c->st must not be NULL): whether
** its version in force applies; when unknown, *deps points to the facts it
** waits on. */
enum tv rules_group_applies(struct ectx *c, int group, const struct factset **deps);

/* report.c: the rule whose term sets `term` for target t in r (first true
** terms rule in declaration order), or -1. Only meaningful when terms are
** reported. */
int result_term_rule(const struct result *r, int t, int term, const struct tvalue **v);
bool result_terms_reported(const struct result *r, int t);

/* facts.c */
int facts_set_tvalue(struct facts *f, int idx, const struct tvalue *v);

/* reach.c: walking expressions */
/* The number of children of node n, and the j-th one. */
int rules_node_nkids(const struct ruleset *rs, int n);
int rules_node_kid(const struct ruleset *rs, int n, int j);
/* Facts read directly by expression n (not through `rule` refs), added to s. */
void rules_node_facts(const struct ruleset *rs, int n, struct factset *s);
/* Does expression n count months or years (not through `rule` refs)? */
bool rules_node_months(const struct ruleset *rs, int n);
/* Stack-machine code for expression n into out (NULL: just count); returns the
** number of instructions, or -1 if the expression needs the recursive
** evaluator (a list of non-enum values, or a stack deeper than FAST_STACK).
** cond: n is a condition (only its truth counts). */
int rules_compile(const struct ruleset *rs, int n, bool cond, struct vm_ins *out);
/* Whether code[0 .. len) is one tree of one-fact tests (see vm_tests). */
bool rules_code_tests(const struct vm_ins *code, int len);
/* Runs compiled code (a condition or an outcome day; c->st must not be NULL).
** Returns whether the value is known: then *val holds it (0/1 or a day),
** otherwise *deps the facts it waits on. */
bool rules_vm_run(struct ectx *c, const struct vm_ins *code, int len, int64_t *val,
                  struct factset *deps);

/* report.c: text of a bitext in lang ("" when absent); a citation's label in lang. */
const char *rules_bt(const struct bitext *t, enum lang lang);
const char *rules_cite_label(const struct citation *ci, enum lang lang);


#endif
