/*
** rulesInt.h — the parsed form of a rule set, shared by the parser and checker
** (parse.c, check.c) and the evaluator (eval.c and friends). Not for use outside
** src/rules/.
**
** Everything hangs off one arena owned by the ruleset. Expressions are compiled
** into one flat array of nodes addressed by index, so evaluation follows
** integer links with no string look-ups and no allocation. After rules_load
** returns, the structure is read-only.
*/
#ifndef SAFEPATH_RULESINT_H
#define SAFEPATH_RULESINT_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "rules.h"

#define RULES_MAX_FILE_BYTES (1u << 20)
#define RULES_MAX_FILES 64
#define RULES_MAX_RULES 4096
#define RULES_MAX_FACTS 256
#define RULES_MAX_ENUM 64
#define RULES_MAX_STRING 4096
#define RULES_MAX_DEPTH 64
#define RULES_MAX_NODES 65536
/* Caps the language spec does not name, chosen so that no input can make the
** parser or checker use unbounded memory or time (parse.c, check.c). */
#define RULES_MAX_TARGETS 1024      /* avenues and deadlines together */
#define RULES_MAX_TERMS 256
#define RULES_MAX_CONSTRAINTS 4096
#define RULES_MAX_TESTS 65536
#define RULES_MAX_LIST 256          /* items of one list: in [...], cites, terms, expects... */
#define RULES_MAX_NAME 63           /* bytes in one identifier (fits facts_error.fact) */
#define RULES_MAX_ARENA ((size_t)512 << 20)  /* all memory of one loaded rule set */

/* A set of facts as a bitmap: which facts an unknown result still depends on. */
struct factset { uint64_t w[RULES_MAX_FACTS / 64]; };

struct bitext { const char *en, *fr; };          /* both required where text is */

struct srcpos { uint16_t file; uint32_t line, col; };  /* file: index into ruleset.files */

struct rfile {
	const char *name;
	const char *text;   /* kept for diagnostics: source lines and carets */
	size_t len;
	bool is_test;
};

enum ftype { FT_NONE = 0, FT_BOOL, FT_DATE, FT_ENUM, FT_NUMBER, FT_TEXT, FT_DURATION };

struct fact_decl {
	const char *name;
	enum ftype type;                   /* FT_BOOL, FT_DATE, FT_ENUM, FT_NUMBER, FT_TEXT */
	int nvals;                         /* FT_ENUM */
	const char **vals;
	struct bitext *val_labels;         /* one per value */
	struct bitext question, help;
	struct srcpos pos;
};

struct term_decl {
	const char *name;
	enum ftype type;                   /* FT_BOOL, FT_NUMBER, FT_DURATION, FT_TEXT */
	struct bitext label;
	struct srcpos pos;
};

enum target_kind { TK_AVENUE, TK_DEADLINE };
struct target_decl {
	const char *id;
	enum target_kind kind;
	struct bitext name, gives;         /* gives: avenues only, may be empty */
	const char *remedy;                /* avenues: `remedy ID` (a family of remedies), or NULL */
	const char *limit_name;            /* avenues: `limit DEADLINE`, as written, or NULL */
	int limit;                         /* its deadline's target index once resolved, or -1 */
	struct srcpos pos, limit_pos;
};

struct citation {
	const char *label;                 /* "IRPA 24(4)" */
	const char *label_fr;              /* "LIPR 24(4)"; NULL when the label reads the same */
	const char *url_en, *url_fr;       /* may be NULL */
	struct srcpos pos;
};

/* A typed constant: term values, test givens and expectations. */
struct tvalue {
	enum ftype type;
	bool b;
	int64_t i;                         /* FT_DATE: day number; FT_ENUM: value index */
	double num;
	const char *str;                   /* FT_TEXT; FT_DURATION: ISO text "P180D" */
};

enum outcome_kind {
	OC_NONE = 0,          /* an exception with no `then` */
	OC_NOT_APPLICABLE,
	OC_INELIGIBLE,
	OC_BARRED_UNTIL,      /* oc_expr: the last day of the bar */
	OC_BARRED_PENDING,
	OC_AVAILABLE,
	OC_TERMS,
	OC_NOTE,
	OC_DUE                /* oc_expr: the due date (deadlines) */
};

struct term_set { int term; struct tvalue v; struct srcpos pos; };

struct rule {
	const char *id;
	int group;                         /* index into ruleset.groups */
	int target;                        /* index into ruleset.targets */
	struct citation *cites; int ncites;
	int32_t from; bool from_before;    /* from_before: in force on `from`, start not recorded */
	int32_t until; bool has_until;     /* last day in force */
	int *defeats; int ndefeats;        /* rule indexes (all versions) this exception defeats */
	int *defeated_by; int ndefeated_by;/* rule indexes of the exceptions naming this rule */
	int cond;                          /* node index; -1 = always true */
	enum outcome_kind oc;
	int oc_expr;                       /* node index for OC_BARRED_UNTIL / OC_DUE, else -1 */
	struct term_set *terms; int nterms;
	struct bitext text;
	bool unverified; struct bitext unverified_note;
	struct srcpos pos;                 /* of the `rule` keyword */
	struct srcpos from_pos, until_pos, then_pos;
};

/* All versions of one rule id, in file order. */
struct rule_group { const char *id; int *rules; int n; };

struct constraint {
	const char *id;
	int cond;
	struct bitext text;
	struct srcpos pos;
};

enum node_op {
	N_CONST,              /* type, and b/i/num/str */
	N_FACT,               /* a = fact index */
	N_ASOF,
	N_NOT,                /* a */
	N_AND, N_OR,          /* args[0..nargs) */
	N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE,  /* a, b: operands of one type */
	N_IN,                 /* a; FT_ENUM: mask of value indexes; otherwise args are N_CONST */
	N_NOT_IN,
	N_ADD_DAYS,           /* a (date) + k days (k may be negative) */
	N_ADD_MONTHS,         /* a (date) + k months (years are 12 k) */
	N_LATEST, N_EARLIEST, /* args: dates */
	N_IF,                 /* a ? b : c */
	N_RULE,               /* k = group index: that rule applies */
	N_NEXT_WORKING_DAY    /* a */
};

struct node {
	uint8_t op;           /* enum node_op */
	uint8_t type;         /* enum ftype of the result (FT_BOOL for conditions) */
	int32_t a, b, c;      /* child node indexes, -1 when unused */
	int32_t args, nargs;  /* slice of ruleset.args */
	int64_t k;            /* N_CONST: FT_DATE day number, FT_ENUM value index */
	uint64_t mask;
	bool b_val;
	double num;
	const char *str;
	struct srcpos pos;
	int32_t efact;        /* type FT_ENUM: the fact whose enumeration the value is in; else -1 */
};

enum ex_kind {
	EX_STATUS,            /* target, status; has_until/until_none/until */
	EX_DEPENDS,           /* target, facts */
	EX_REASON,            /* target, group; negate */
	EX_TERM,              /* target, term, value; negate = `no term` */
	EX_DUE,               /* target (deadline), until = date; until_none = `none` */
	EX_QUESTION,          /* fact */
	EX_ERROR              /* constraint index */
};

struct test_expect {
	enum ex_kind kind;
	int target;
	enum av_status status;
	bool has_until, until_none;
	int32_t until;
	int *facts; int nfacts;
	int group;
	int term;
	struct tvalue value;
	bool negate;
	int fact;
	int constraint;
	struct srcpos pos;
};

struct test_given { int fact; struct tvalue value; struct srcpos pos; };

struct test_case {
	const char *name;
	int32_t as_of;
	struct test_given *given; int ngiven;
	struct test_expect *expects; int nexpects;
	struct srcpos pos;
};

struct ruleset {
	struct arena *arena;
	const char *name;
	struct bitext title;
	int32_t covers_from;
	struct srcpos pos;

	struct rfile *files; int nfiles;
	struct fact_decl *facts; int nfacts;
	struct term_decl *terms; int nterms;
	struct target_decl *targets; int ntargets;
	struct rule *rules; int nrules;
	struct rule_group *groups; int ngroups;
	struct constraint *constraints; int nconstraints;
	struct node *nodes; int nnodes;
	int32_t *args; int nargs;
	struct test_case *tests; int ntests;
	bool too_big;         /* set by the parser: a cap of docs/rules.md §1 was exceeded */
	bool no_memory;       /* set by the parser: memory ran out (or RULES_MAX_ARENA) */
};

/* ---- the runtime value of one fact ---- */
struct fval {
	bool known;
	int64_t i;            /* FT_BOOL 0/1, FT_DATE day number, FT_ENUM value index */
	double num;           /* FT_NUMBER */
	const char *str;      /* FT_TEXT (owned by struct facts) */
};

/* Three-valued truth. */
enum tv { TV_FALSE = 0, TV_TRUE = 1, TV_UNKNOWN = 2 };

/* A value computed by an expression, with the unknown facts it depends on. */
struct xval {
	bool known;
	uint8_t type;
	int64_t i;            /* booleans 0/1, dates, enum indexes */
	double num;
	const char *str;
	struct factset deps;  /* when !known: the unanswered facts that made it unknown */
};

/* Evaluates node n against fact values (array of rs->nfacts) as of a date.
** Implemented in eval.c; used by the checker's reachability test too.
** `rule ID` nodes are evaluated through that rule's version in force. */
void rules_eval_node(const struct ruleset *rs, int n, const struct fval *facts,
                     int32_t as_of, struct xval *out);

/* ---- helpers shared inside src/rules ---- */
static inline void factset_add(struct factset *s, int i) { s->w[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline bool factset_has(const struct factset *s, int i) { return (s->w[i >> 6] >> (i & 63)) & 1; }
static inline void factset_union(struct factset *d, const struct factset *s)
{
	for (int i = 0; i < RULES_MAX_FACTS / 64; i++) d->w[i] |= s->w[i];
}
static inline void factset_clear(struct factset *s)
{
	for (int i = 0; i < RULES_MAX_FACTS / 64; i++) s->w[i] = 0;
}

/* Parser entry (parse.c): fills rs from the sources; returns the error count
** added to diags. Resolves names, types and groups; check.c then validates.
** rs->files must already hold the sources' texts, NUL-terminated, in rs->arena
** (rules_load does this) so tokens and diagnostics can point into them.
** Sets rs->too_big / rs->no_memory when a cap or memory ran out. */
int rules_parse_all(struct ruleset *rs, const struct rules_source *files, size_t nfiles,
                    struct diaglist *diags);
/* Checker (check.c): citations, bilingual text, overlapping versions, types,
** unreachable outcomes, cycles. Returns the number of errors added. Only for
** a rule set that parsed without errors: it trusts every index in it. */
int rules_check(const struct ruleset *rs, struct diaglist *diags);

/* Reachability (reach.c): enumerates boolean/enum facts to find conditions
** that can never be true. Called by rules_check last, only on an otherwise
** clean rule set. Returns the number of errors added. */
int rules_check_reach(const struct ruleset *rs, struct diaglist *diags);

/* The start of the source line holding pos, for diagnostics. */
const char *rules_line_start(const struct ruleset *rs, struct srcpos pos);

#endif
