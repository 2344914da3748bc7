/*
** parseInt.h — internals shared by parse.c, parse_expr.c and parse_test.c (and
** the diagnostic helper used by check.c and load.c). Private to src/rules/.
**
** Parsing runs in two phases. Phase 1 reads every file block by block: it fills
** the declarations (facts, terms, avenues, deadlines, the ruleset header) and the
** parts of rules, constraints and tests that need no other block, and keeps
** expressions as small syntax trees (struct xnode) and names as text. Phase 2,
** once every file is read and so every name is known, resolves the names,
** type-checks the expressions and compiles them into ruleset.nodes.
**
** Errors inside a block abandon that block (longjmp to the block loop, which
** skips to the next line starting in column 1): one message per broken block,
** and a run still reports the problems of every other block. Everything is
** allocated from arenas (the ruleset's, or a temporary one freed when parsing
** ends), so abandoning a block leaks nothing.
*/
#ifndef SAFEPATH_PARSEINT_H
#define SAFEPATH_PARSEINT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "lex.h"
#include "rulesInt.h"

/* ---- diagnostics at a source position (load.c) ---- */
void rules_diag_at(const struct ruleset *rs, struct diaglist *d, struct srcpos pos,
                   bool error, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* "file:line" of pos into out, for messages naming a second place. */
void rules_pos_str(const struct ruleset *rs, struct srcpos pos, char *out, size_t cap);

/* ---- expression syntax trees (phase 1) ---- */
enum xop {
	X_DATE, X_NUM, X_STR, X_BOOL, X_ASOF, X_IDENT, X_NOT, X_AND, X_OR, X_CMP,
	X_IN, X_NOT_IN, X_ADD, X_LATEST, X_EARLIEST, X_IF, X_RULE, X_NWD
};

struct xnode {
	uint8_t op;              /* enum xop */
	uint8_t cmp;             /* X_CMP: N_EQ .. N_GE */
	bool months;             /* X_ADD: k counts months (years already times 12) */
	bool b;                  /* X_BOOL */
	int depth;               /* 1 for a leaf */
	struct xnode **kid;      /* operands in order; X_IN: kid[0] is tested, the rest listed */
	int nkid;
	const char *name;        /* X_IDENT, X_RULE */
	int32_t date;
	double num;
	const char *str;
	int64_t k;               /* X_ADD */
	struct srcpos pos;
};

/* A constant as written (term values, test givens), typed in phase 2. */
struct rawval {
	enum tok_kind kind;
	enum kw kw;
	const char *name;        /* T_IDENT */
	int32_t date;
	double num;
	const char *str;         /* T_STRING, T_DURATION */
	struct srcpos pos;
};

struct nameref { const char *name; struct srcpos pos; };

struct pterm { struct nameref key; struct rawval v; };

/* What phase 2 still has to resolve for one rule version (parallel to rs->rules). */
struct prule {
	bool deadline_kw;        /* written `deadline ID` rather than `avenue ID` */
	struct nameref target;
	struct nameref *exc; int nexc;
	struct xnode *cond, *ocx;
	struct pterm *terms; int nterms;
};

struct pexpect {
	enum ex_kind kind;
	struct nameref target;   /* avenue or deadline */
	enum av_status status;
	bool has_until, until_none;
	int32_t until;
	struct nameref *names; int nnames;  /* depends on: facts */
	struct nameref ref;      /* reason: rule; term: key; question: fact; error: constraint */
	struct rawval value;     /* term = VALUE */
	bool negate;
	struct srcpos pos;
};

struct pgiven { struct nameref fact; struct rawval v; };

struct ptest {
	struct pgiven *given; int ngiven, cap_given;
	struct pexpect *ex; int nex, cap_ex;
	bool has_as_of;
};

/* Open-addressing name table: name -> index. */
struct ntab { const char **keys; int *vals; uint32_t cap, n; };

struct parser {
	struct ruleset *rs;
	struct diaglist *diags;
	struct arena *tmp;        /* syntax trees and pending names; freed after parsing */
	jmp_buf oom;              /* out of memory: abandon everything */
	jmp_buf blk;              /* error in a block: skip to the next block */

	/* the file being read */
	int file;
	bool is_test;
	struct lexer lx;
	struct token tok, nxt, prev;
	bool has_nxt;

	/* the block being read */
	enum kw block;
	uint32_t block_line;
	uint32_t clause_col;      /* column of the current clause's keyword */
	int depth;                /* expression parsing recursion */

	bool seen_ruleset, has_covers;
	bool stop;                /* DIAG_MAX reached */

	struct ntab facts, terms, targets, groups, constraints;
	int cap_facts, cap_terms, cap_targets, cap_rules, cap_groups, cap_cons,
	    cap_tests, cap_nodes, cap_args, cap_prules, cap_pcons, cap_ptests;
	struct prule *prules;
	struct xnode **pcons;     /* constraint conditions */
	struct ptest *ptests;
	bool node_cap_reported;

	/* the declaration or rule being read (block state) */
	bool seen[KW__COUNT];     /* clauses already given in this block */
	int cur;                  /* index of the fact, term, target, constraint or test */
	struct rule crule;
	struct prule cpr;
	int cap_list1, cap_list2, cap_list3;
};

/* parse.c: tokens and errors */
const struct token *ptok(struct parser *p);      /* current token; T_ERROR aborts the block */
const struct token *ppeek(struct parser *p);     /* the token after it */
void padvance(struct parser *p);
bool pat_stop(struct parser *p);                 /* end of block or of the clause */
bool pis_kw(struct parser *p, enum kw k);        /* current token is keyword k, not at a stop */
struct srcpos ppos(const struct parser *p, const struct token *t);
_Noreturn void pfail(struct parser *p, const struct token *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
_Noreturn void pfail_silent(struct parser *p);
/* "expected WHAT, found ...": at the token, or after the previous one when the
** clause has ended. */
_Noreturn void pexpected(struct parser *p, const char *what);
_Noreturn void poom(struct parser *p);
/* Reports an error (no block skip) at pos. */
void perr(struct parser *p, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pwarn(struct parser *p, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *palloc(struct parser *p, struct arena *a, size_t n);
char *pstrdup_tok(struct parser *p, struct arena *a, const struct token *t);
/* Grows an arena array to hold n + 1 elements (doubling), cap permitting. */
void *pgrow(struct parser *p, struct arena *a, void *v, int n, int *cap, size_t sz);
/* A name where a declaration or reference wants one: an identifier, not a word
** reserved for expressions; hyphen_ok for rule and constraint ids. */
const char *pname(struct parser *p, bool hyphen_ok, const char *what);
bool pkw_reserved(enum kw k);                    /* words expressions reserve */
void pexpect_tok(struct parser *p, enum tok_kind k, const char *what);
void pexpect_kw(struct parser *p, enum kw k, const char *what);
/* The clause keyword k may appear once per block. */
void ponce(struct parser *p, const struct token *kwt);
int32_t pdate(struct parser *p, const char *what);
struct rawval praw(struct parser *p, const char *what);
/* Types a written constant against a declared type; efact is the fact or -1.
** Returns false after reporting (silently for a declaration that failed). */
bool raw_to_tvalue(struct parser *p, const struct rawval *r, enum ftype type, int efact,
                   const char *subject, struct tvalue *out);
const char *ftype_name(enum ftype t);

int ntab_find(const struct ntab *t, const char *name);
void ntab_put(struct parser *p, struct ntab *t, const char *name, int val);

bool pis_clause_kw(enum kw block, enum kw k);

/* parse_block.c */
typedef void clause_fn(struct parser *p, const struct token *kwt);
/* Reads the block starting at the current token (in column 1). */
void parse_one_block(struct parser *p);
void parse_bitext(struct parser *p, struct bitext *out, const char *what,
                  const struct token *kwt);
void end_clause(struct parser *p, const char *what);
void clauses(struct parser *p, clause_fn *fn);
void start_header(struct parser *p);
void end_header(struct parser *p);
_Noreturn void cap_error(struct parser *p, const struct token *t, int cap, const char *what);
_Noreturn void dup_error(struct parser *p, const struct token *t, const char *kind,
                         const char *name, struct srcpos first);

/* parse_expr.c */
struct xnode *parse_expr(struct parser *p);
/* Compiles x; want is the type the context needs (FT_NONE: any). Returns the
** node index, or -1 after reporting the problem. */
int compile_expr(struct parser *p, const struct xnode *x, enum ftype want, const char *ctx);
/* The index of value v in f's enumeration, or -1. */
int enum_index(const struct fact_decl *f, const char *v);
/* "pending, accepted, ..." into out. */
void enum_values_str(const struct fact_decl *f, char *out, size_t cap);

/* parse_test.c */
void parse_test_block(struct parser *p);
void resolve_tests(struct parser *p);

#endif
