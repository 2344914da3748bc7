/*
** parse_expr.c — expressions (docs/rules.md §6): phase 1 reads them into syntax
** trees, phase 2 resolves names, checks types and compiles them into the flat
** ruleset.nodes array the evaluator walks.
**
** Depth is capped twice, both at RULES_MAX_DEPTH: the parser's recursion (so
** "((((…" or "not not not …" cannot exhaust the stack) and the height of the
** tree (so chains like "d + 1 days + 1 days …", built by a loop, cannot make
** the compiler's recursion deep). The compiler therefore recurses at most
** RULES_MAX_DEPTH levels.
**
** Enumeration values are written bare and mean something only next to a fact
** of that enumeration (`claim_outcome = rejected`), so the compiler passes the
** enumeration down as a hint: an identifier is first looked up among the
** hinted fact's values, then among the facts.
*/
#include "parseInt.h"

#include <stdio.h>
#include <string.h>

#define MAX_UNITS 100000         /* largest N in "D + N days/months/years" */

/* ---- phase 1: syntax ---- */

static struct xnode *xnew(struct parser *p, enum xop op, const struct token *t, int nkid)
{
	struct xnode *x = palloc(p, p->tmp, sizeof *x);

	x->op = (uint8_t)op;
	x->pos = ppos(p, t);
	x->depth = 1;
	if (nkid > 0)
		x->kid = palloc(p, p->tmp, (size_t)nkid * sizeof *x->kid);
	return x;
}

/* Sets the kids' depth into x; too deep is an error at x. */
static void xdepth(struct parser *p, struct xnode *x, const struct token *t)
{
	int d = 0;

	for (int i = 0; i < x->nkid; i++)
		if (x->kid[i]->depth > d)
			d = x->kid[i]->depth;
	x->depth = d + 1;
	if (x->depth > RULES_MAX_DEPTH) {
		p->rs->too_big = true;
		pfail(p, t, "expression nested more than %d levels deep", RULES_MAX_DEPTH);
	}
}

static void enter(struct parser *p)
{
	if (++p->depth > RULES_MAX_DEPTH) {
		p->rs->too_big = true;
		pfail(p, &p->tok, "expression nested more than %d levels deep", RULES_MAX_DEPTH);
	}
}

static struct xnode *x_or(struct parser *p);

/* A list "a, b, c" of up to RULES_MAX_LIST items read by fn, closed by `close`. */
static struct xnode *x_list(struct parser *p, struct xnode *first, enum xop op,
                            const struct token *at, struct xnode *(*fn)(struct parser *),
                            enum tok_kind close, const char *closing)
{
	struct xnode **items = NULL;
	int n = 0, cap = 0;
	struct xnode *x;

	if (first) {
		items = pgrow(p, p->tmp, items, n, &cap, sizeof *items);
		items[n++] = first;
	}
	for (;;) {
		if (n > RULES_MAX_LIST)
			cap_error(p, &p->tok, RULES_MAX_LIST, "items in one list");
		items = pgrow(p, p->tmp, items, n, &cap, sizeof *items);
		items[n++] = fn(p);
		if (pat_stop(p) || ptok(p)->kind != T_COMMA)
			break;
		padvance(p);
	}
	pexpect_tok(p, close, closing);
	x = xnew(p, op, at, 0);
	x->kid = items;
	x->nkid = n;
	xdepth(p, x, at);
	return x;
}

/* One value of an `in [...]` list: a constant or an enumeration value. */
static struct xnode *x_value(struct parser *p)
{
	const struct token *t;
	struct xnode *x;

	if (pat_stop(p))
		pexpected(p, "a value");
	t = ptok(p);
	switch (t->kind) {
	case T_DATE: x = xnew(p, X_DATE, t, 0); x->date = t->date; break;
	case T_NUMBER: x = xnew(p, X_NUM, t, 0); x->num = t->num; break;
	case T_STRING: x = xnew(p, X_STR, t, 0); x->str = t->str; break;
	case T_IDENT:
		if (t->kw == KW_TRUE || t->kw == KW_FALSE) {
			x = xnew(p, X_BOOL, t, 0);
			x->b = t->kw == KW_TRUE;
			break;
		}
		if (t->hyphen || pkw_reserved(t->kw))
			pexpected(p, "a value");
		x = xnew(p, X_IDENT, t, 0);
		x->name = pstrdup_tok(p, p->tmp, t);
		break;
	default:
		pexpected(p, "a value");
	}
	padvance(p);
	return x;
}

static struct xnode *x_call1(struct parser *p, enum xop op)
{
	struct token at = p->tok;
	struct xnode *x = xnew(p, op, &at, 1), *a;

	padvance(p);
	pexpect_tok(p, T_LPAREN, "'(' after the function's name");
	a = x_or(p);
	pexpect_tok(p, T_RPAREN, "')' to close the function's argument");
	x->kid[0] = a;
	x->nkid = 1;
	xdepth(p, x, &at);
	return x;
}

static struct xnode *x_primary(struct parser *p)
{
	struct token t;
	struct xnode *x;

	if (pat_stop(p))
		pexpected(p, "an expression");
	t = *ptok(p);
	switch (t.kind) {
	case T_DATE: x = xnew(p, X_DATE, &t, 0); x->date = t.date; padvance(p); return x;
	case T_NUMBER: x = xnew(p, X_NUM, &t, 0); x->num = t.num; padvance(p); return x;
	case T_STRING: x = xnew(p, X_STR, &t, 0); x->str = t.str; padvance(p); return x;
	case T_DURATION:
		pfail(p, &t, "a duration is a term value; in an expression, write a period "
		      "as 'D + N days', 'months' or 'years'");
	case T_LPAREN:
		padvance(p);
		x = x_or(p);
		if (pat_stop(p) || ptok(p)->kind != T_RPAREN) {
			char where[64];
			snprintf(where, sizeof where, "')' to close the '(' at line %u, column %u",
			         t.line, t.col);
			pexpected(p, where);
		}
		padvance(p);
		return x;
	case T_IDENT:
		break;
	default:
		pexpected(p, "an expression");
	}
	switch (t.kw) {
	case KW_TRUE: case KW_FALSE:
		x = xnew(p, X_BOOL, &t, 0);
		x->b = t.kw == KW_TRUE;
		padvance(p);
		return x;
	case KW_AS_OF:
		padvance(p);
		return xnew(p, X_ASOF, &t, 0);
	case KW_RULE:
		padvance(p);
		x = xnew(p, X_RULE, &t, 0);
		x->name = pname(p, true, "a rule id after 'rule'");
		return x;
	case KW_LATEST: case KW_EARLIEST:
		padvance(p);
		pexpect_tok(p, T_LPAREN, "'(' after the function's name");
		return x_list(p, NULL, t.kw == KW_LATEST ? X_LATEST : X_EARLIEST, &t, x_or,
		              T_RPAREN, "')' or ',' in the list of dates");
	case KW_NEXT_WORKING_DAY:
		return x_call1(p, X_NWD);
	case KW_IF:
		padvance(p);
		x = xnew(p, X_IF, &t, 3);
		x->kid[0] = x_or(p);
		pexpect_kw(p, KW_THEN, "'then' after the condition of 'if'");
		x->kid[1] = x_or(p);
		pexpect_kw(p, KW_ELSE, "'else' after 'if … then …'");
		x->kid[2] = x_or(p);
		x->nkid = 3;
		xdepth(p, x, &t);
		return x;
	default:
		break;
	}
	if (pkw_reserved(t.kw))
		pexpected(p, "an expression");
	if (t.hyphen)
		pfail(p, &t, "'%.*s' is not a fact: write 'rule %.*s' to test a rule, or put "
		      "spaces around '-' to subtract", (int)t.len, t.p, (int)t.len, t.p);
	x = xnew(p, X_IDENT, &t, 0);
	x->name = pstrdup_tok(p, p->tmp, &t);
	padvance(p);
	return x;
}

static struct xnode *x_sum(struct parser *p)
{
	struct xnode *x = x_primary(p);

	while (!pat_stop(p) && (ptok(p)->kind == T_PLUS || p->tok.kind == T_MINUS)) {
		struct token op = p->tok, n;
		struct xnode *y;
		enum kw u;

		padvance(p);
		if (pat_stop(p) || ptok(p)->kind != T_NUMBER || !p->tok.integer)
			pexpected(p, op.kind == T_PLUS ? "a whole number of days, months or years after '+'"
			                               : "a whole number of days, months or years after '-'");
		n = p->tok;
		if (n.ival > MAX_UNITS)
			pfail(p, &n, "%lld is too large a period (at most %d)", (long long)n.ival,
			      MAX_UNITS);
		padvance(p);
		if (pat_stop(p) || ptok(p)->kind != T_IDENT)
			pexpected(p, "'days', 'months' or 'years' after the number");
		u = p->tok.kw;
		if (u != KW_DAY && u != KW_DAYS && u != KW_MONTH && u != KW_MONTHS &&
		    u != KW_YEAR && u != KW_YEARS)
			pexpected(p, "'days', 'months' or 'years' after the number");
		padvance(p);
		y = xnew(p, X_ADD, &op, 1);
		y->kid[0] = x;
		y->nkid = 1;
		y->months = u != KW_DAY && u != KW_DAYS;
		y->k = (u == KW_YEAR || u == KW_YEARS) ? n.ival * 12 : n.ival;
		if (op.kind == T_MINUS)
			y->k = -y->k;
		xdepth(p, y, &op);
		x = y;
	}
	return x;
}

static struct xnode *x_compare(struct parser *p)
{
	struct xnode *a = x_sum(p), *x;
	struct token op;
	uint8_t cmp;

	if (pat_stop(p))
		return a;
	op = *ptok(p);
	switch (op.kind) {
	case T_EQ: cmp = N_EQ; break;
	case T_NE: cmp = N_NE; break;
	case T_LT: cmp = N_LT; break;
	case T_LE: cmp = N_LE; break;
	case T_GT: cmp = N_GT; break;
	case T_GE: cmp = N_GE; break;
	case T_IDENT:
		if (op.kw == KW_IN || (op.kw == KW_NOT && ppeek(p)->kind == T_IDENT &&
		                       p->nxt.kw == KW_IN && !p->nxt.bol)) {
			if (op.kw == KW_NOT)
				padvance(p);
			padvance(p);
			pexpect_tok(p, T_LBRACK, "'[' and a list of values after 'in'");
			return x_list(p, a, op.kw == KW_NOT ? X_NOT_IN : X_IN, &op, x_value,
			              T_RBRACK, "']' or ',' in the list of values");
		}
		return a;
	default:
		return a;
	}
	padvance(p);
	x = xnew(p, X_CMP, &op, 2);
	x->cmp = cmp;
	x->kid[0] = a;
	x->kid[1] = x_sum(p);
	x->nkid = 2;
	xdepth(p, x, &op);
	return x;
}

static struct xnode *x_not(struct parser *p)
{
	struct token t;
	struct xnode *x;

	if (!pis_kw(p, KW_NOT))
		return x_compare(p);
	t = p->tok;
	padvance(p);
	enter(p);
	x = xnew(p, X_NOT, &t, 1);
	x->kid[0] = x_not(p);
	x->nkid = 1;
	p->depth--;
	xdepth(p, x, &t);
	return x;
}

/* and/or chains become one node with all operands. */
static struct xnode *x_chain(struct parser *p, enum kw k, enum xop op,
                             struct xnode *(*fn)(struct parser *))
{
	struct xnode **items = NULL, *first;
	struct token at;
	struct xnode *x;
	int n = 0, cap = 0;

	first = fn(p);
	if (!pis_kw(p, k))
		return first;
	at = p->tok;
	items = pgrow(p, p->tmp, items, n, &cap, sizeof *items);
	items[n++] = first;
	while (pis_kw(p, k)) {
		if (n >= RULES_MAX_LIST)
			cap_error(p, &p->tok, RULES_MAX_LIST, "operands in one chain of 'and' or 'or'");
		padvance(p);
		items = pgrow(p, p->tmp, items, n, &cap, sizeof *items);
		items[n++] = fn(p);
	}
	x = xnew(p, op, &at, 0);
	x->kid = items;
	x->nkid = n;
	xdepth(p, x, &at);
	return x;
}

static struct xnode *x_and(struct parser *p)
{
	return x_chain(p, KW_AND, X_AND, x_not);
}

static struct xnode *x_or(struct parser *p)
{
	struct xnode *x;

	enter(p);
	x = x_chain(p, KW_OR, X_OR, x_and);
	p->depth--;
	return x;
}

struct xnode *parse_expr(struct parser *p)
{
	p->depth = 0;
	return x_or(p);
}

/* ---- phase 2: names, types, nodes ---- */

void enum_values_str(const struct fact_decl *f, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < f->nvals; i++) {
		size_t l = strlen(f->vals[i]);
		if (n + l + 8 >= cap) {
			snprintf(out + n, cap - n, "%s...", i ? ", " : "");
			return;
		}
		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? ", " : "", f->vals[i]);
	}
}

int enum_index(const struct fact_decl *f, const char *v)
{
	for (int i = 0; i < f->nvals; i++)
		if (strcmp(f->vals[i], v) == 0)
			return i;
	return -1;
}

/* Two enumerations compare when they list the same values in the same order. */
static bool same_enum(const struct ruleset *rs, int f1, int f2)
{
	const struct fact_decl *a = &rs->facts[f1], *b = &rs->facts[f2];

	if (f1 == f2)
		return true;
	if (a->nvals != b->nvals)
		return false;
	for (int i = 0; i < a->nvals; i++)
		if (strcmp(a->vals[i], b->vals[i]) != 0)
			return false;
	return true;
}

static const char *xdesc(const struct xnode *x, char *buf, size_t cap)
{
	switch (x->op) {
	case X_IDENT: snprintf(buf, cap, "'%s'", x->name); break;
	case X_RULE: snprintf(buf, cap, "rule '%s'", x->name); break;
	case X_DATE: snprintf(buf, cap, "the date"); break;
	case X_NUM: snprintf(buf, cap, "the number"); break;
	case X_STR: snprintf(buf, cap, "the string"); break;
	case X_BOOL: snprintf(buf, cap, "%s", x->b ? "true" : "false"); break;
	case X_ASOF: snprintf(buf, cap, "as_of"); break;
	default: snprintf(buf, cap, "the expression"); break;
	}
	return buf;
}

static const char *tdesc(const struct ruleset *rs, int n, char *buf, size_t cap)
{
	const struct node *nd = &rs->nodes[n];

	if (nd->type == FT_ENUM && nd->efact >= 0)
		snprintf(buf, cap, "a value of fact '%s'", rs->facts[nd->efact].name);
	else
		snprintf(buf, cap, "%s", ftype_name((enum ftype)nd->type));
	return buf;
}

static int emit(struct parser *p, enum node_op op, enum ftype type, const struct xnode *x)
{
	struct ruleset *rs = p->rs;
	struct node *nd;

	if (rs->nnodes >= RULES_MAX_NODES) {
		if (!p->node_cap_reported)
			perr(p, x->pos, "more than %d expression parts in the rule set: the limit",
			     RULES_MAX_NODES);
		p->node_cap_reported = true;
		rs->too_big = true;
		return -1;
	}
	rs->nodes = pgrow(p, rs->arena, rs->nodes, rs->nnodes, &p->cap_nodes, sizeof *rs->nodes);
	nd = &rs->nodes[rs->nnodes];
	memset(nd, 0, sizeof *nd);
	nd->op = (uint8_t)op;
	nd->type = (uint8_t)type;
	nd->a = nd->b = nd->c = -1;
	nd->efact = -1;
	nd->pos = x->pos;
	return rs->nnodes++;
}

/* Appends n node indexes to ruleset.args; returns the slice's start, or -1. */
static int emit_args(struct parser *p, const int *kids, int n, const struct xnode *x)
{
	struct ruleset *rs = p->rs;
	int start = rs->nargs;

	if (rs->nargs + n > RULES_MAX_NODES) {
		if (!p->node_cap_reported)
			perr(p, x->pos, "more than %d expression parts in the rule set: the limit",
			     RULES_MAX_NODES);
		p->node_cap_reported = true;
		rs->too_big = true;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		rs->args = pgrow(p, rs->arena, rs->args, rs->nargs, &p->cap_args, sizeof *rs->args);
		rs->args[rs->nargs++] = kids[i];
	}
	return start;
}

static bool want(struct parser *p, int n, const struct xnode *x, enum ftype t, const char *ctx)
{
	char d1[96], d2[96];

	if (p->rs->nodes[n].type == t)
		return true;
	perr(p, x->pos, "%s must be %s, but %s is %s", ctx, ftype_name(t),
	     xdesc(x, d1, sizeof d1), tdesc(p->rs, n, d2, sizeof d2));
	return false;
}

static int cx(struct parser *p, const struct xnode *x, int hint);

static int cx_ident(struct parser *p, const struct xnode *x, int hint)
{
	struct ruleset *rs = p->rs;
	char vals[600];
	int f, n;

	if (hint >= 0 && (f = enum_index(&rs->facts[hint], x->name)) >= 0) {
		if ((n = emit(p, N_CONST, FT_ENUM, x)) < 0)
			return -1;
		rs->nodes[n].k = f;
		rs->nodes[n].efact = hint;
		return n;
	}
	f = ntab_find(&p->facts, x->name);
	if (f >= 0) {
		if (rs->facts[f].type == FT_NONE)
			return -1;                        /* its declaration failed, already reported */
		if ((n = emit(p, N_FACT, rs->facts[f].type, x)) < 0)
			return -1;
		rs->nodes[n].a = f;
		rs->nodes[n].efact = rs->facts[f].type == FT_ENUM ? f : -1;
		return n;
	}
	if (hint >= 0) {
		enum_values_str(&rs->facts[hint], vals, sizeof vals);
		perr(p, x->pos, "fact '%s' has no value '%s'; its values are: %s",
		     rs->facts[hint].name, x->name, vals);
		return -1;
	}
	for (f = 0; f < rs->nfacts; f++)
		if (rs->facts[f].type == FT_ENUM && enum_index(&rs->facts[f], x->name) >= 0) {
			perr(p, x->pos, "'%s' is a value of fact '%s', not a fact: compare the fact "
			     "with it, as in %s = %s", x->name, rs->facts[f].name, rs->facts[f].name,
			     x->name);
			return -1;
		}
	if ((f = ntab_find(&p->targets, x->name)) >= 0)
		perr(p, x->pos, "'%s' is %s, not a fact", x->name,
		     rs->targets[f].kind == TK_AVENUE ? "an avenue" : "a deadline");
	else if (ntab_find(&p->terms, x->name) >= 0)
		perr(p, x->pos, "'%s' is a term, not a fact", x->name);
	else if (ntab_find(&p->groups, x->name) >= 0)
		perr(p, x->pos, "'%s' is a rule, not a fact: write 'rule %s'", x->name, x->name);
	else
		perr(p, x->pos, "undeclared fact '%s'", x->name);
	return -1;
}

/* Operands of and/or, latest/earliest: all of type t, into ruleset.args. */
static int cx_list(struct parser *p, const struct xnode *x, int from, enum node_op op,
                   enum ftype t, const char *ctx)
{
	int *kids = palloc(p, p->tmp, (size_t)x->nkid * sizeof *kids);
	int n = 0, node, start;
	bool ok = true;

	for (int i = from; i < x->nkid; i++) {
		int k = cx(p, x->kid[i], -1);
		if (k < 0 || !want(p, k, x->kid[i], t, ctx))
			ok = false;
		else
			kids[n++] = k;
	}
	if (!ok || (start = emit_args(p, kids, n, x)) < 0 || (node = emit(p, op, t, x)) < 0)
		return -1;
	p->rs->nodes[node].args = start;
	p->rs->nodes[node].nargs = n;
	return node;
}

/* Compiles a pair whose enumeration values may be bare on either side. */
static bool cx_pair(struct parser *p, const struct xnode *l, const struct xnode *r,
                    int hint, int *a, int *b)
{
	bool lbare = l->op == X_IDENT && ntab_find(&p->facts, l->name) < 0;

	if (lbare && hint < 0) {
		*b = cx(p, r, -1);
		*a = *b >= 0 ? cx(p, l, p->rs->nodes[*b].efact) : -1;
	} else {
		*a = cx(p, l, hint);
		*b = *a >= 0 ? cx(p, r, p->rs->nodes[*a].efact) : -1;
	}
	return *a >= 0 && *b >= 0;
}

static bool same_type(struct parser *p, const struct xnode *x, int a, int b, const char *what)
{
	const struct ruleset *rs = p->rs;
	const struct node *na = &rs->nodes[a], *nb = &rs->nodes[b];
	char d1[96], d2[96];

	if (na->type == nb->type &&
	    (na->type != FT_ENUM || na->efact < 0 || nb->efact < 0 ||
	     same_enum(rs, na->efact, nb->efact)))
		return true;
	perr(p, x->pos, "%s %s with %s: both must be of one type", what,
	     tdesc(rs, a, d1, sizeof d1), tdesc(rs, b, d2, sizeof d2));
	return false;
}

static int cx_in(struct parser *p, const struct xnode *x)
{
	struct ruleset *rs = p->rs;
	enum node_op op = x->op == X_IN ? N_IN : N_NOT_IN;
	int a = cx(p, x->kid[0], -1), n, start, ef;
	char d[96], vals[600];

	if (a < 0)
		return -1;
	if (rs->nodes[a].type == FT_ENUM) {
		uint64_t mask = 0;
		ef = rs->nodes[a].efact;
		for (int i = 1; i < x->nkid; i++) {
			const struct xnode *it = x->kid[i];
			int v = it->op == X_IDENT ? enum_index(&rs->facts[ef], it->name) : -1;
			if (v < 0) {
				enum_values_str(&rs->facts[ef], vals, sizeof vals);
				perr(p, it->pos, "fact '%s' has no value %s; its values are: %s",
				     rs->facts[ef].name, xdesc(it, d, sizeof d), vals);
				return -1;
			}
			if (mask >> v & 1) {
				perr(p, it->pos, "value '%s' is listed twice", it->name);
				return -1;
			}
			mask |= (uint64_t)1 << v;
		}
		if ((n = emit(p, op, FT_BOOL, x)) < 0)
			return -1;
		rs->nodes[n].a = a;
		rs->nodes[n].mask = mask;
		return n;
	}
	{
		int *kids = palloc(p, p->tmp, (size_t)x->nkid * sizeof *kids);
		for (int i = 1; i < x->nkid; i++) {
			const struct xnode *it = x->kid[i];
			int k;
			if (it->op == X_IDENT) {
				perr(p, it->pos, "the list holds '%s', but %s is %s", it->name,
				     xdesc(x->kid[0], d, sizeof d), tdesc(rs, a, vals, sizeof vals));
				return -1;
			}
			if ((k = cx(p, it, -1)) < 0 || !same_type(p, it, a, k, "the list compares"))
				return -1;
			kids[i - 1] = k;
		}
		if ((start = emit_args(p, kids, x->nkid - 1, x)) < 0 || (n = emit(p, op, FT_BOOL, x)) < 0)
			return -1;
		rs->nodes[n].a = a;
		rs->nodes[n].args = start;
		rs->nodes[n].nargs = x->nkid - 1;
		return n;
	}
}

static int cx(struct parser *p, const struct xnode *x, int hint)
{
	struct ruleset *rs = p->rs;
	static const char *const cmp_names[] = { [N_EQ] = "=", [N_NE] = "!=", [N_LT] = "<",
	                                         [N_LE] = "<=", [N_GT] = ">", [N_GE] = ">=" };
	char d1[96], d2[96], ctx[64];
	int n, a, b, c;

	switch ((enum xop)x->op) {
	case X_DATE:
		if ((n = emit(p, N_CONST, FT_DATE, x)) >= 0)
			rs->nodes[n].k = x->date;
		return n;
	case X_NUM:
		if ((n = emit(p, N_CONST, FT_NUMBER, x)) >= 0)
			rs->nodes[n].num = x->num;
		return n;
	case X_STR:
		if ((n = emit(p, N_CONST, FT_TEXT, x)) >= 0)
			rs->nodes[n].str = x->str;
		return n;
	case X_BOOL:
		if ((n = emit(p, N_CONST, FT_BOOL, x)) >= 0)
			rs->nodes[n].b_val = x->b;
		return n;
	case X_ASOF:
		return emit(p, N_ASOF, FT_DATE, x);
	case X_IDENT:
		return cx_ident(p, x, hint);
	case X_RULE:
		if ((a = ntab_find(&p->groups, x->name)) < 0) {
			if (ntab_find(&p->constraints, x->name) >= 0)
				perr(p, x->pos, "'%s' is a constraint; 'rule' names a rule", x->name);
			else
				perr(p, x->pos, "no rule '%s'", x->name);
			return -1;
		}
		if ((n = emit(p, N_RULE, FT_BOOL, x)) >= 0)
			rs->nodes[n].k = a;
		return n;
	case X_NOT:
		if ((a = cx(p, x->kid[0], -1)) < 0 || !want(p, a, x->kid[0], FT_BOOL, "the operand of 'not'"))
			return -1;
		if ((n = emit(p, N_NOT, FT_BOOL, x)) >= 0)
			rs->nodes[n].a = a;
		return n;
	case X_AND:
		return cx_list(p, x, 0, N_AND, FT_BOOL, "each operand of 'and'");
	case X_OR:
		return cx_list(p, x, 0, N_OR, FT_BOOL, "each operand of 'or'");
	case X_LATEST:
		return cx_list(p, x, 0, N_LATEST, FT_DATE, "each argument of 'latest'");
	case X_EARLIEST:
		return cx_list(p, x, 0, N_EARLIEST, FT_DATE, "each argument of 'earliest'");
	case X_CMP:
		if (!cx_pair(p, x->kid[0], x->kid[1], -1, &a, &b))
			return -1;
		snprintf(ctx, sizeof ctx, "'%s' compares", cmp_names[x->cmp]);
		if (!same_type(p, x, a, b, ctx))
			return -1;
		if (x->cmp != N_EQ && x->cmp != N_NE && rs->nodes[a].type != FT_DATE &&
		    rs->nodes[a].type != FT_NUMBER) {
			perr(p, x->pos, "'%s' orders dates or numbers, but %s is %s", cmp_names[x->cmp],
			     xdesc(x->kid[0], d1, sizeof d1), tdesc(rs, a, d2, sizeof d2));
			return -1;
		}
		if ((n = emit(p, (enum node_op)x->cmp, FT_BOOL, x)) >= 0) {
			rs->nodes[n].a = a;
			rs->nodes[n].b = b;
		}
		return n;
	case X_IN: case X_NOT_IN:
		return cx_in(p, x);
	case X_ADD:
		if ((a = cx(p, x->kid[0], -1)) < 0 ||
		    !want(p, a, x->kid[0], FT_DATE, "a period is added to a date, so the left side"))
			return -1;
		if ((n = emit(p, x->months ? N_ADD_MONTHS : N_ADD_DAYS, FT_DATE, x)) >= 0) {
			rs->nodes[n].a = a;
			rs->nodes[n].k = x->k;
		}
		return n;
	case X_NWD:
		if ((a = cx(p, x->kid[0], -1)) < 0 ||
		    !want(p, a, x->kid[0], FT_DATE, "the argument of 'next_working_day'"))
			return -1;
		if ((n = emit(p, N_NEXT_WORKING_DAY, FT_DATE, x)) >= 0)
			rs->nodes[n].a = a;
		return n;
	case X_IF:
		if ((c = cx(p, x->kid[0], -1)) < 0 ||
		    !want(p, c, x->kid[0], FT_BOOL, "the condition of 'if'"))
			return -1;
		if (!cx_pair(p, x->kid[1], x->kid[2], hint, &a, &b) ||
		    !same_type(p, x, a, b, "'if … then … else' gives"))
			return -1;
		if ((n = emit(p, N_IF, (enum ftype)rs->nodes[a].type, x)) >= 0) {
			rs->nodes[n].a = c;
			rs->nodes[n].b = a;
			rs->nodes[n].c = b;
			rs->nodes[n].efact = rs->nodes[a].efact;
		}
		return n;
	}
	return -1;
}

int compile_expr(struct parser *p, const struct xnode *x, enum ftype t, const char *ctx)
{
	int n = cx(p, x, -1);

	if (n < 0)
		return -1;
	if (t != FT_NONE && !want(p, n, x, t, ctx))
		return -1;
	return n;
}
