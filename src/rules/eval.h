/*
** eval.h — private to src/rules/: the layout of struct facts and struct result,
** and the memoised rule evaluation shared by eval.c, facts.c, report.c,
** rtest.c and reach.c.
**
** A result is sized once for one ruleset (result_new) and reused: rules_eval
** writes into it without allocating. Per-rule state is memoised in the result
** and stamped with an epoch, so starting a new evaluation costs one increment,
** not a clear. The result keeps a pointer to the facts it was computed from;
** those facts must stay alive and unchanged until the output functions ran.
*/
#ifndef SAFEPATH_EVAL_H
#define SAFEPATH_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "rulesInt.h"

#define FACTS_MAX_JSON (64u * 1024u)    /* whole facts document */
#define FACTS_MAX_TEXT 1024u            /* one text fact, bytes */

struct facts {
	const struct ruleset *rs;
	struct fval *v;       /* rs->nfacts values */
	char **text;          /* per fact: FACTS_MAX_TEXT + 1 bytes for FT_TEXT facts, else NULL */
};

/* Memoised state of one rule version during one evaluation. Deps are
** meaningful only for the values that are TV_UNKNOWN. */
enum { ST_COND = 1, ST_HOLDS = 2, ST_APPLIES = 4, ST_DAY = 8, ST_BUSY = 16 };
struct rstate {
	uint32_t epoch;
	uint8_t flags;
	uint8_t cond, holds, applies;  /* enum tv */
	uint8_t inforce, day_known;
	int32_t day;                   /* value of oc_expr (bar's last day, due date) */
	int32_t lifted_by;             /* the exception that defeated it, or -1 */
	struct factset cdeps, hdeps, adeps, ddeps;
};

#define FAST_STACK 64      /* stack machine depth; deeper expressions recurse */

/* Per rule: its condition and outcome expression in postorder (ncond,
** nday < 0: evaluated recursively). */
struct rcode { int32_t cond, ncond, day, nday; };

/* Evaluation context. st == NULL: no memo (each `rule ID` is re-evaluated,
** with a depth guard against cycles). */
struct ectx {
	const struct ruleset *rs;
	const struct fval *fv;
	int32_t as_of;
	struct rstate *st;
	const struct rcode *rc;    /* may be NULL */
	const int32_t *code;
	uint32_t epoch;
	int depth;
	bool deps;            /* unknown values carry their dependency sets */
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
	int *tr_off, *tr_rules;        /* per target: its rules, sorted by outcome line */
	uint8_t *line;                 /* per rule: rules_outcome_line of its outcome */
	struct rcode *rc;              /* per rule: compiled expressions */
	int32_t *code;
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
bool rules_in_force(const struct rule *ru, int32_t as_of);
int rules_outcome_line(enum outcome_kind oc);
/* The rule whose term sets `term` for target t in r (first true terms rule in
** declaration order), or -1. Only meaningful when terms are reported. */
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
/* Postorder of expression n into out (NULL: just count); -1 if not compilable. */
int rules_compile(const struct ruleset *rs, int n, int32_t *out);
/* Runs compiled code without tracking deps (out->deps is left unset). */
void rules_fast_run(struct ectx *c, const int32_t *code, int len, struct xval *out);
/* eval.c: `rule ID` for group g, through the memo. */
void rules_rule_ref(struct ectx *c, int group, struct xval *out);

/* report.c: appends tmpl to b with {1}..{9} replaced by args[0..8]. */
void rules_tfmt(struct buf *b, const char *tmpl, const char *const *args, int nargs);
/* Copies a formatted message into a fixed char array, truncating at a UTF-8
** boundary. */
void rules_copy_msg(char *dst, size_t cap, const char *src);

#endif
