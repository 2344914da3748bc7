/*
** parse.c — the parser's driver: token helpers and errors shared by the other
** parse*.c files, name tables, the block loop with its error recovery, and
** phase 2's resolution of rules and constraints (see parseInt.h).
**
** Every error inside a block longjmps back to the block loop, which skips to
** the next token in column 1; running out of memory longjmps out of the whole
** parse. Both are safe because everything lives in arenas.
*/
#include "parseInt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ---- */

static void vreport(struct parser *p, struct srcpos pos, bool error, const char *fmt,
                    va_list ap) __attribute__((format(printf, 4, 0)));
static void vreport(struct parser *p, struct srcpos pos, bool error, const char *fmt,
                    va_list ap)
{
	char msg[768];

	vsnprintf(msg, sizeof msg, fmt, ap);
	rules_diag_at(p->rs, p->diags, pos, error, "%s", msg);
}

void perr(struct parser *p, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(p, pos, true, fmt, ap);
	va_end(ap);
}

void pwarn(struct parser *p, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(p, pos, false, fmt, ap);
	va_end(ap);
}

struct srcpos ppos(const struct parser *p, const struct token *t)
{
	struct srcpos s;

	s.file = (uint16_t)p->file;
	s.line = t->line;
	s.col = t->col;
	return s;
}

_Noreturn void pfail_silent(struct parser *p)
{
	longjmp(p->blk, 1);
}

_Noreturn void pfail(struct parser *p, const struct token *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(p, ppos(p, t), true, fmt, ap);
	va_end(ap);
	longjmp(p->blk, 1);
}

_Noreturn void poom(struct parser *p)
{
	longjmp(p->oom, 1);
}

_Noreturn void pexpected(struct parser *p, const char *what)
{
	char desc[80];

	if (p->tok.kind == T_ERROR && !(p->tok.bol && p->tok.col == 1))
		pfail_silent(p);                      /* the lexer said why */
	if (pat_stop(p)) {
		/* Point at the last token read: the problem is what is missing after it. */
		pfail(p, &p->prev, "expected %s, found the end of the %s", what,
		      p->tok.kind == T_EOF ? "file" : "line");
	}
	lex_describe(&p->tok, desc, sizeof desc);
	pfail(p, &p->tok, "expected %s, found %s", what, desc);
}

/* ---- memory ---- */

void *palloc(struct parser *p, struct arena *a, size_t n)
{
	void *v = arena_alloc(a, n);

	if (!v)
		poom(p);
	return v;
}

char *pstrdup_tok(struct parser *p, struct arena *a, const struct token *t)
{
	char *s = arena_strndup(a, t->p, t->len);

	if (!s)
		poom(p);
	return s;
}

void *pgrow(struct parser *p, struct arena *a, void *v, int n, int *cap, size_t sz)
{
	void *nv;
	int ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : 16;
	nv = arena_calloc(a, (size_t)ncap, sz);
	if (!nv)
		poom(p);
	if (n > 0)
		memcpy(nv, v, (size_t)n * sz);
	*cap = ncap;
	return nv;
}

/* ---- tokens ---- */

static void lex1(struct parser *p, struct token *t)
{
	lex_next(&p->lx, t);
	if (p->lx.nomem)
		poom(p);
	if (p->lx.too_big)
		p->rs->too_big = true;
}

bool pis_clause_kw(enum kw block, enum kw k)
{
	switch (block) {
	case KW_RULESET: return k == KW_NAME || k == KW_COVERS;
	case KW_FACT: return k == KW_QUESTION || k == KW_HELP || k == KW_VALUE;
	case KW_TERM: case KW_DEADLINE: return k == KW_NAME;
	case KW_AVENUE: return k == KW_NAME || k == KW_GIVES || k == KW_REMEDY || k == KW_LIMIT;
	case KW_RULE:
		return k == KW_AVENUE || k == KW_DEADLINE || k == KW_CITES || k == KW_FROM ||
		       k == KW_UNTIL || k == KW_EXCEPTION || k == KW_WHEN || k == KW_THEN ||
		       k == KW_UNVERIFIED || k == KW_EN || k == KW_FR;
	case KW_CONSTRAINT: return k == KW_WHEN || k == KW_EN || k == KW_FR;
	case KW_TEST: return k == KW_AS || k == KW_GIVEN || k == KW_EXPECT;
	default: return false;
	}
}

const struct token *ptok(struct parser *p)
{
	if (p->tok.kind == T_ERROR && !(p->tok.bol && p->tok.col == 1))
		pfail_silent(p);
	return &p->tok;
}

const struct token *ppeek(struct parser *p)
{
	if (!p->has_nxt) {
		lex1(p, &p->nxt);
		p->has_nxt = true;
	}
	return &p->nxt;
}

void padvance(struct parser *p)
{
	p->prev = p->tok;
	if (p->has_nxt) {
		p->tok = p->nxt;
		p->has_nxt = false;
	} else {
		lex1(p, &p->tok);
	}
}

bool pat_stop(struct parser *p)
{
	const struct token *t = &p->tok;

	if (t->kind == T_EOF)
		return true;
	if (!t->bol)
		return false;
	if (t->col == 1)
		return true;
	return t->kind == T_IDENT && pis_clause_kw(p->block, t->kw) && t->col <= p->clause_col;
}

bool pis_kw(struct parser *p, enum kw k)
{
	if (pat_stop(p))
		return false;
	return ptok(p)->kind == T_IDENT && p->tok.kw == k;
}

void pexpect_tok(struct parser *p, enum tok_kind k, const char *what)
{
	if (pat_stop(p) || ptok(p)->kind != k)
		pexpected(p, what);
	padvance(p);
}

void pexpect_kw(struct parser *p, enum kw k, const char *what)
{
	if (!pis_kw(p, k))
		pexpected(p, what);
	padvance(p);
}

void ponce(struct parser *p, const struct token *kwt)
{
	if (p->seen[kwt->kw])
		pfail(p, kwt, "a second '%s' clause in this %s block: it may be given once",
		      lex_kw_name(kwt->kw), lex_kw_name(p->block));
	p->seen[kwt->kw] = true;
}

bool pkw_reserved(enum kw k)
{
	switch (k) {
	case KW_AND: case KW_OR: case KW_NOT: case KW_IN: case KW_TRUE: case KW_FALSE:
	case KW_AS_OF: case KW_RULE: case KW_LATEST: case KW_EARLIEST: case KW_IF:
	case KW_THEN: case KW_ELSE: case KW_NEXT_WORKING_DAY:
		return true;
	default:
		return false;
	}
}

const char *pname(struct parser *p, bool hyphen_ok, const char *what)
{
	const struct token *t;
	char *s;

	if (pat_stop(p) || ptok(p)->kind != T_IDENT)
		pexpected(p, what);
	t = &p->tok;
	if (t->hyphen && !hyphen_ok)
		pfail(p, t, "'%.*s': only rule and constraint ids may contain '-' (in an "
		      "expression, put spaces around a minus)", (int)t->len, t->p);
	if (pkw_reserved(t->kw))
		pfail(p, t, "'%.*s' is a reserved word of expressions and cannot be used as "
		      "a name", (int)t->len, t->p);
	s = pstrdup_tok(p, p->rs->arena, t);
	padvance(p);
	return s;
}

int32_t pdate(struct parser *p, const char *what)
{
	int32_t d;

	if (pat_stop(p) || ptok(p)->kind != T_DATE)
		pexpected(p, what);
	d = p->tok.date;
	padvance(p);
	return d;
}

struct rawval praw(struct parser *p, const char *what)
{
	struct rawval r;
	const struct token *t;

	memset(&r, 0, sizeof r);
	if (pat_stop(p))
		pexpected(p, what);
	t = ptok(p);
	r.kind = t->kind;
	r.pos = ppos(p, t);
	switch (t->kind) {
	case T_DATE: r.date = t->date; break;
	case T_NUMBER: r.num = t->num; break;
	case T_STRING: case T_DURATION: r.str = t->str; break;
	case T_IDENT:
		if (t->hyphen || (pkw_reserved(t->kw) && t->kw != KW_TRUE && t->kw != KW_FALSE))
			pexpected(p, what);
		r.kw = t->kw;
		r.name = pstrdup_tok(p, p->tmp, t);
		break;
	default:
		pexpected(p, what);
	}
	padvance(p);
	return r;
}

bool raw_to_tvalue(struct parser *p, const struct rawval *r, enum ftype type, int efact,
                   const char *subject, struct tvalue *out)
{
	const struct ruleset *rs = p->rs;
	char given[96], vals[600];
	bool ok = false;

	memset(out, 0, sizeof *out);
	out->type = type;
	switch (type) {
	case FT_BOOL:
		ok = r->kind == T_IDENT && (r->kw == KW_TRUE || r->kw == KW_FALSE);
		out->b = r->kw == KW_TRUE;
		out->i = out->b;
		break;
	case FT_DATE: ok = r->kind == T_DATE; out->i = r->date; break;
	case FT_NUMBER: ok = r->kind == T_NUMBER; out->num = r->num; break;
	case FT_TEXT: ok = r->kind == T_STRING; out->str = r->str; break;
	case FT_DURATION: ok = r->kind == T_DURATION; out->str = r->str; break;
	case FT_ENUM:
		if (efact < 0)
			return false;
		if (r->kind == T_IDENT && r->kw != KW_TRUE && r->kw != KW_FALSE) {
			int v = enum_index(&rs->facts[efact], r->name);
			if (v < 0) {
				enum_values_str(&rs->facts[efact], vals, sizeof vals);
				perr(p, r->pos, "fact '%s' has no value '%s'; its values are: %s",
				     rs->facts[efact].name, r->name, vals);
				return false;
			}
			out->i = v;
			return true;
		}
		break;
	default:
		return false;                         /* broken declaration, already reported */
	}
	if (ok)
		return true;
	switch (r->kind) {
	case T_DATE: snprintf(given, sizeof given, "a date"); break;
	case T_NUMBER: snprintf(given, sizeof given, "a number"); break;
	case T_STRING: snprintf(given, sizeof given, "text"); break;
	case T_DURATION: snprintf(given, sizeof given, "a duration"); break;
	default:
		if (r->kw == KW_TRUE || r->kw == KW_FALSE)
			snprintf(given, sizeof given, "true/false");
		else
			snprintf(given, sizeof given, "the name '%s'", r->name);
	}
	if (type == FT_ENUM)
		snprintf(vals, sizeof vals, "one of its values");
	else
		snprintf(vals, sizeof vals, "%s", ftype_name(type));
	perr(p, r->pos, "%s is %s, but the value given is %s", subject, vals, given);
	return false;
}

const char *ftype_name(enum ftype t)
{
	switch (t) {
	case FT_BOOL: return "true/false";
	case FT_DATE: return "a date";
	case FT_ENUM: return "one of a list of values";
	case FT_NUMBER: return "a number";
	case FT_TEXT: return "text";
	case FT_DURATION: return "a duration";
	default: return "of no type";
	}
}

/* ---- name tables ---- */

static uint32_t hash_name(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int ntab_find(const struct ntab *t, const char *name)
{
	uint32_t i;

	if (!t->cap || !name)
		return -1;
	for (i = hash_name(name) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], name) == 0)
			return t->vals[i];
	return -1;
}

void ntab_put(struct parser *p, struct ntab *t, const char *name, int val)
{
	uint32_t i;

	if ((t->n + 1) * 2 > t->cap) {
		struct ntab nt;
		nt.cap = t->cap ? t->cap * 2 : 64;
		nt.n = 0;
		nt.keys = palloc(p, p->tmp, nt.cap * sizeof *nt.keys);
		nt.vals = palloc(p, p->tmp, nt.cap * sizeof *nt.vals);
		for (i = 0; i < t->cap; i++)
			if (t->keys[i])
				ntab_put(p, &nt, t->keys[i], t->vals[i]);
		*t = nt;
	}
	for (i = hash_name(name) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], name) == 0) {
			t->vals[i] = val;
			return;
		}
	t->keys[i] = name;
	t->vals[i] = val;
	t->n++;
}


/* ---- the block loop ---- */

static void skip_block(struct parser *p)
{
	/* The failing block's first line holds its own keyword in column 1. */
	while (p->tok.kind != T_EOF &&
	       !(p->tok.bol && p->tok.col == 1 && p->tok.line != p->block_line))
		padvance(p);
}

static void parse_file(struct parser *p, int fi)
{
	const struct rfile *f = &p->rs->files[fi];

	p->file = fi;
	p->is_test = f->is_test;
	lex_init(&p->lx, f->text, f->len, f->name, p->diags, p->rs->arena);
	p->has_nxt = false;
	lex1(p, &p->tok);
	p->prev = p->tok;
	for (;;) {
		if (setjmp(p->blk) != 0)
			skip_block(p);
		if (p->diags->n >= DIAG_MAX) {
			p->stop = true;
			return;
		}
		if (p->tok.kind == T_EOF)
			return;
		parse_one_block(p);
	}
}

/* ---- phase 2: rules and constraints ---- */

static void build_groups(struct parser *p)
{
	struct ruleset *rs = p->rs;

	for (int i = 0; i < rs->nrules; i++)
		rs->groups[rs->rules[i].group].n++;
	for (int g = 0; g < rs->ngroups; g++) {
		rs->groups[g].rules = palloc(p, rs->arena, (size_t)rs->groups[g].n * sizeof(int));
		rs->groups[g].n = 0;
	}
	for (int i = 0; i < rs->nrules; i++) {
		struct rule_group *grp = &rs->groups[rs->rules[i].group];
		grp->rules[grp->n++] = i;
	}
}

static void resolve_target(struct parser *p, struct rule *ru, const struct prule *pr)
{
	const struct ruleset *rs = p->rs;
	int t = ntab_find(&p->targets, pr->target.name);
	const char *want = pr->deadline_kw ? "deadline" : "avenue";

	if (t < 0) {
		perr(p, pr->target.pos, "no %s '%s' is declared: declare it with a '%s %s' block",
		     want, pr->target.name, want, pr->target.name);
	} else if ((rs->targets[t].kind == TK_DEADLINE) != pr->deadline_kw) {
		perr(p, pr->target.pos, "'%s' is %s, not %s: write '%s %s'", pr->target.name,
		     pr->deadline_kw ? "an avenue" : "a deadline",
		     pr->deadline_kw ? "a deadline" : "an avenue",
		     pr->deadline_kw ? "avenue" : "deadline", pr->target.name);
	} else {
		ru->target = t;
	}
}

static void resolve_terms(struct parser *p, struct rule *ru, const struct prule *pr)
{
	struct ruleset *rs = p->rs;

	if (pr->nterms == 0)
		return;
	ru->terms = palloc(p, rs->arena, (size_t)pr->nterms * sizeof *ru->terms);
	for (int j = 0; j < pr->nterms; j++) {
		const struct pterm *pt = &pr->terms[j];
		struct term_set *ts = &ru->terms[ru->nterms];
		char subject[120];
		int k = ntab_find(&p->terms, pt->key.name);
		bool dup = false;

		if (k < 0) {
			perr(p, pt->key.pos, "no term '%s' is declared", pt->key.name);
			continue;
		}
		for (int m = 0; m < ru->nterms; m++)
			dup |= ru->terms[m].term == k;
		if (dup) {
			perr(p, pt->key.pos, "term '%s' is set twice in this rule", pt->key.name);
			continue;
		}
		snprintf(subject, sizeof subject, "term '%s'", pt->key.name);
		if (!raw_to_tvalue(p, &pt->v, rs->terms[k].type, -1, subject, &ts->v))
			continue;
		ts->term = k;
		ts->pos = pt->key.pos;
		ru->nterms++;
	}
}

static void resolve_exceptions(struct parser *p, struct rule *ru, const struct prule *pr)
{
	struct ruleset *rs = p->rs;
	int groups[RULES_MAX_LIST];
	int ng = 0, n = 0;

	for (int j = 0; j < pr->nexc && j < RULES_MAX_LIST; j++) {
		int g = ntab_find(&p->groups, pr->exc[j].name);
		bool dup = false;
		if (g < 0) {
			if (ntab_find(&p->constraints, pr->exc[j].name) >= 0)
				perr(p, pr->exc[j].pos, "'%s' is a constraint; an exception names a rule",
				     pr->exc[j].name);
			else
				perr(p, pr->exc[j].pos, "exception to unknown rule '%s'", pr->exc[j].name);
			continue;
		}
		for (int m = 0; m < ng; m++)
			dup |= groups[m] == g;
		if (dup) {
			perr(p, pr->exc[j].pos, "rule '%s' is named twice", pr->exc[j].name);
			continue;
		}
		groups[ng++] = g;
		n += rs->groups[g].n;
	}
	if (n == 0)
		return;
	ru->defeats = palloc(p, rs->arena, (size_t)n * sizeof(int));
	for (int m = 0; m < ng; m++)
		for (int v = 0; v < rs->groups[groups[m]].n; v++)
			ru->defeats[ru->ndefeats++] = rs->groups[groups[m]].rules[v];
}

static void build_defeated_by(struct parser *p)
{
	struct ruleset *rs = p->rs;

	for (int i = 0; i < rs->nrules; i++)
		for (int j = 0; j < rs->rules[i].ndefeats; j++)
			rs->rules[rs->rules[i].defeats[j]].ndefeated_by++;
	for (int i = 0; i < rs->nrules; i++) {
		struct rule *ru = &rs->rules[i];
		if (ru->ndefeated_by)
			ru->defeated_by = palloc(p, rs->arena, (size_t)ru->ndefeated_by * sizeof(int));
		ru->ndefeated_by = 0;
	}
	for (int i = 0; i < rs->nrules; i++)
		for (int j = 0; j < rs->rules[i].ndefeats; j++) {
			struct rule *d = &rs->rules[rs->rules[i].defeats[j]];
			d->defeated_by[d->ndefeated_by++] = i;
		}
}

/* `limit DEADLINE` of an avenue names a deadline of the rule set. */
static void resolve_limits(struct parser *p)
{
	struct ruleset *rs = p->rs;

	for (int i = 0; i < rs->ntargets; i++) {
		struct target_decl *d = &rs->targets[i];
		if (!d->limit_name) continue;
		int t = ntab_find(&p->targets, d->limit_name);
		if (t < 0)
			perr(p, d->limit_pos, "no deadline '%s' is declared: declare it with a "
			     "'deadline %s' block", d->limit_name, d->limit_name);
		else if (rs->targets[t].kind != TK_DEADLINE)
			perr(p, d->limit_pos, "'%s' is an avenue: 'limit' names a deadline",
			     d->limit_name);
		else
			d->limit = t;
	}
}

static void phase2(struct parser *p)
{
	struct ruleset *rs = p->rs;

	p->block = KW_IDENT;
	build_groups(p);
	resolve_limits(p);
	for (int i = 0; i < rs->nrules && p->diags->n < DIAG_MAX; i++) {
		struct rule *ru = &rs->rules[i];
		const struct prule *pr = &p->prules[i];
		resolve_target(p, ru, pr);
		if (pr->cond)
			ru->cond = compile_expr(p, pr->cond, FT_BOOL, "the condition after 'when'");
		if (pr->ocx)
			ru->oc_expr = compile_expr(p, pr->ocx, FT_DATE, ru->oc == OC_DUE
			                           ? "the date after 'due'"
			                           : "the last day after 'barred until'");
		resolve_terms(p, ru, pr);
		resolve_exceptions(p, ru, pr);
	}
	build_defeated_by(p);
	for (int i = 0; i < rs->nconstraints && p->diags->n < DIAG_MAX; i++)
		if (p->pcons[i])
			rs->constraints[i].cond = compile_expr(p, p->pcons[i], FT_BOOL,
			                                       "the constraint's condition");
	if (p->diags->n < DIAG_MAX)
		resolve_tests(p);
}

/* rs->files must already hold the sources (load.c copies them into the arena,
** NUL-terminated, so tokens and diagnostics can point into them). */
int rules_parse_all(struct ruleset *rs, const struct rules_source *files, size_t nfiles,
                    struct diaglist *diags)
{
	struct parser *p;
	size_t before = diags->nerrors;

	(void)files;
	if ((size_t)rs->nfiles != nfiles)
		return 0;
	p = calloc(1, sizeof *p);
	if (p)
		p->tmp = arena_new(RULES_MAX_ARENA);
	if (!p || !p->tmp) {
		free(p);
		rs->no_memory = true;
		diag_add(diags, nfiles ? rs->files[0].name : "-", 0, 0, true, NULL,
		         "out of memory while reading the rules");
		return 1;
	}
	p->rs = rs;
	p->diags = diags;
	if (setjmp(p->oom) == 0) {
		for (int i = 0; i < rs->nfiles && !p->stop; i++)
			parse_file(p, i);
		if (!p->stop)
			phase2(p);
	} else {
		rs->no_memory = true;
		diag_add(diags, rs->nfiles ? rs->files[p->file].name : "-", 0, 0, true, NULL,
		         "out of memory while reading the rules (a rule set may use at most "
		         "%zu MiB)", RULES_MAX_ARENA >> 20);
	}
	arena_free(p->tmp);
	free(p);
	return (int)(diags->nerrors - before);
}
