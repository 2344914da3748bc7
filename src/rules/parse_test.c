/*
** parse_test.c — test blocks (docs/rules.md §8): phase 1 reads them from .test
** files, phase 2 types the given values against the fact declarations and
** resolves the avenues, deadlines, rules, terms, facts and constraints the
** expectations name, into struct test_case for rtest.c.
*/
#include "parseInt.h"

#include <stdio.h>
#include <string.h>

static struct nameref nref(struct parser *p, bool hyphen_ok, const char *what)
{
	struct nameref r;

	r.pos = ppos(p, &p->tok);
	r.name = pname(p, hyphen_ok, what);
	return r;
}

static void parse_expect(struct parser *p, const struct token *kwt, struct pexpect *e)
{
	const struct token *t;

	memset(e, 0, sizeof *e);
	e->pos = ppos(p, kwt);
	if (pat_stop(p) || ptok(p)->kind != T_IDENT)
		pexpected(p, "an avenue, 'deadline', 'question' or 'error' after 'expect'");
	switch (p->tok.kw) {
	case KW_DEADLINE:
		padvance(p);
		e->kind = EX_DUE;
		e->target = nref(p, false, "a deadline id after 'expect deadline'");
		if (pis_kw(p, KW_DUE)) {
			padvance(p);
			e->until = pdate(p, "a date after 'due'");
		} else if (pis_kw(p, KW_NONE)) {
			padvance(p);
			e->until_none = true;
		} else {
			pexpected(p, "'due DATE' or 'none' after the deadline");
		}
		return;
	case KW_QUESTION:
		padvance(p);
		e->kind = EX_QUESTION;
		e->ref = nref(p, false, "a fact name after 'expect question'");
		return;
	case KW_ERROR:
		padvance(p);
		e->kind = EX_ERROR;
		e->ref = nref(p, true, "a constraint id after 'expect error'");
		return;
	default:
		break;
	}
	e->target = nref(p, false, "an avenue id after 'expect'");
	if (pat_stop(p) || ptok(p)->kind != T_IDENT)
		pexpected(p, "a status (available, barred, ineligible, not_applicable, unknown), "
		          "'depends on', 'reason', 'term' or 'no' after the avenue");
	t = &p->tok;
	switch (t->kw) {
	case KW_AVAILABLE: case KW_INELIGIBLE: case KW_NOT_APPLICABLE: case KW_UNKNOWN:
		e->kind = EX_STATUS;
		e->status = t->kw == KW_AVAILABLE ? AV_AVAILABLE : t->kw == KW_INELIGIBLE
		          ? AV_INELIGIBLE : t->kw == KW_UNKNOWN ? AV_UNKNOWN : AV_NOT_APPLICABLE;
		padvance(p);
		return;
	case KW_BARRED:
		e->kind = EX_STATUS;
		e->status = AV_BARRED;
		padvance(p);
		if (pis_kw(p, KW_UNTIL)) {
			padvance(p);
			e->has_until = true;
			if (pis_kw(p, KW_NONE)) {
				padvance(p);
				e->until_none = true;
			} else {
				e->until = pdate(p, "a date or 'none' after 'barred until'");
			}
		}
		return;
	case KW_DEPENDS:
		padvance(p);
		pexpect_kw(p, KW_ON, "'on' after 'depends'");
		e->kind = EX_DEPENDS;
		for (int cap = 0;;) {
			if (e->nnames >= RULES_MAX_LIST)
				cap_error(p, &p->tok, RULES_MAX_LIST, "facts in one list");
			e->names = pgrow(p, p->tmp, e->names, e->nnames, &cap, sizeof *e->names);
			e->names[e->nnames++] = nref(p, false, "a fact name");
			if (pat_stop(p) || ptok(p)->kind != T_COMMA)
				break;
			padvance(p);
		}
		return;
	case KW_NO:
		padvance(p);
		e->negate = true;
		if (pis_kw(p, KW_REASON)) {
			padvance(p);
			e->kind = EX_REASON;
			e->ref = nref(p, true, "a rule id after 'no reason'");
		} else if (pis_kw(p, KW_TERM)) {
			padvance(p);
			e->kind = EX_TERM;
			e->ref = nref(p, false, "a term name after 'no term'");
		} else {
			pexpected(p, "'reason' or 'term' after 'no'");
		}
		return;
	case KW_REASON:
		padvance(p);
		e->kind = EX_REASON;
		e->ref = nref(p, true, "a rule id after 'reason'");
		return;
	case KW_TERM:
		padvance(p);
		e->kind = EX_TERM;
		e->ref = nref(p, false, "a term name after 'term'");
		pexpect_tok(p, T_EQ, "'=' and the value after the term's name");
		e->value = praw(p, "the term's value");
		return;
	default:
		pexpected(p, "a status (available, barred, ineligible, not_applicable, unknown), "
		          "'depends on', 'reason', 'term' or 'no' after the avenue");
	}
}

static void test_clause(struct parser *p, const struct token *kwt)
{
	struct test_case *tc = &p->rs->tests[p->cur];
	struct ptest *pt = &p->ptests[p->cur];

	switch (kwt->kw) {
	case KW_AS:
		pexpect_kw(p, KW_OF, "'of' after 'as'");
		tc->as_of = pdate(p, "a date after 'as of'");
		pt->has_as_of = true;
		break;
	case KW_GIVEN:
		for (;;) {
			struct pgiven g;
			if (pt->ngiven >= RULES_MAX_FACTS)
				cap_error(p, &p->tok, RULES_MAX_FACTS, "given facts in one test");
			g.fact = nref(p, false, "a fact name after 'given'");
			pexpect_tok(p, T_EQ, "'=' and the value after the fact's name");
			g.v = praw(p, "the fact's value");
			pt->given = pgrow(p, p->tmp, pt->given, pt->ngiven, &pt->cap_given,
			                  sizeof *pt->given);
			pt->given[pt->ngiven++] = g;
			if (pat_stop(p) || ptok(p)->kind != T_COMMA)
				break;
			padvance(p);
		}
		break;
	default:
		if (pt->nex >= RULES_MAX_LIST)
			cap_error(p, kwt, RULES_MAX_LIST, "expectations in one test");
		pt->ex = pgrow(p, p->tmp, pt->ex, pt->nex, &pt->cap_ex, sizeof *pt->ex);
		parse_expect(p, kwt, &pt->ex[pt->nex]);
		pt->nex++;
	}
}

void parse_test_block(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok;
	struct test_case *tc;

	start_header(p);
	if (pat_stop(p) || ptok(p)->kind != T_STRING)
		pexpected(p, "the test's name as a string after 'test'");
	if (rs->ntests >= RULES_MAX_TESTS)
		cap_error(p, &hdr, RULES_MAX_TESTS, "tests");
	rs->tests = pgrow(p, rs->arena, rs->tests, rs->ntests, &p->cap_tests, sizeof *rs->tests);
	p->ptests = pgrow(p, p->tmp, p->ptests, rs->ntests, &p->cap_ptests, sizeof *p->ptests);
	p->cur = rs->ntests++;
	tc = &rs->tests[p->cur];
	tc->name = p->tok.str;
	tc->pos = ppos(p, &hdr);
	padvance(p);
	end_header(p);
	clauses(p, test_clause);
	if (!p->ptests[p->cur].has_as_of)
		perr(p, tc->pos, "test \"%s\" has no 'as of DATE' clause", tc->name);
	if (p->ptests[p->cur].nex == 0)
		pwarn(p, tc->pos, "test \"%s\" expects nothing: add 'expect' clauses", tc->name);
}

/* ---- phase 2 ---- */

/* The target an expectation names, of the kind it needs, or -1 after reporting. */
static int resolve_target(struct parser *p, const struct nameref *r, enum target_kind k)
{
	int t = ntab_find(&p->targets, r->name);

	if (t < 0) {
		perr(p, r->pos, "no %s '%s' is declared", k == TK_AVENUE ? "avenue" : "deadline",
		     r->name);
		return -1;
	}
	if (p->rs->targets[t].kind != k) {
		if (k == TK_AVENUE)
			perr(p, r->pos, "'%s' is a deadline: write 'expect deadline %s due DATE' "
			     "or '… none'", r->name, r->name);
		else
			perr(p, r->pos, "'%s' is an avenue, not a deadline", r->name);
		return -1;
	}
	return t;
}

static int resolve_fact(struct parser *p, const struct nameref *r)
{
	int f = ntab_find(&p->facts, r->name);

	if (f < 0)
		perr(p, r->pos, "undeclared fact '%s'", r->name);
	return f;
}

static void resolve_expect(struct parser *p, const struct pexpect *pe, struct test_expect *e)
{
	const struct ruleset *rs = p->rs;
	char subject[100];

	memset(e, 0, sizeof *e);
	e->kind = pe->kind;
	e->status = pe->status;
	e->has_until = pe->has_until;
	e->until_none = pe->until_none;
	e->until = pe->until;
	e->negate = pe->negate;
	e->pos = pe->pos;
	e->target = e->group = e->term = e->fact = e->constraint = -1;
	switch (pe->kind) {
	case EX_DUE:
		e->target = resolve_target(p, &pe->target, TK_DEADLINE);
		return;
	case EX_QUESTION:
		e->fact = resolve_fact(p, &pe->ref);
		return;
	case EX_ERROR:
		if ((e->constraint = ntab_find(&p->constraints, pe->ref.name)) < 0)
			perr(p, pe->ref.pos, "no constraint '%s'", pe->ref.name);
		return;
	default:
		break;
	}
	if ((e->target = resolve_target(p, &pe->target, TK_AVENUE)) < 0)
		return;
	switch (pe->kind) {
	case EX_DEPENDS:
		e->facts = palloc(p, rs->arena, (size_t)pe->nnames * sizeof *e->facts);
		for (int i = 0; i < pe->nnames; i++) {
			int f = resolve_fact(p, &pe->names[i]);
			bool dup = false;
			if (f < 0)
				continue;
			for (int j = 0; j < e->nfacts; j++)
				dup |= e->facts[j] == f;
			if (dup)
				perr(p, pe->names[i].pos, "fact '%s' is listed twice", pe->names[i].name);
			else
				e->facts[e->nfacts++] = f;
		}
		return;
	case EX_REASON: {
		const struct rule_group *g;
		if ((e->group = ntab_find(&p->groups, pe->ref.name)) < 0) {
			perr(p, pe->ref.pos, "no rule '%s'", pe->ref.name);
			return;
		}
		g = &rs->groups[e->group];
		for (int i = 0; i < g->n; i++) {
			int t = rs->rules[g->rules[i]].target;
			if (t >= 0 && t != e->target) {
				perr(p, pe->ref.pos, "rule '%s' is about '%s', not '%s'", pe->ref.name,
				     rs->targets[t].id, rs->targets[e->target].id);
				return;
			}
		}
		return;
	}
	case EX_TERM:
		if ((e->term = ntab_find(&p->terms, pe->ref.name)) < 0) {
			perr(p, pe->ref.pos, "no term '%s' is declared", pe->ref.name);
			return;
		}
		snprintf(subject, sizeof subject, "term '%s'", pe->ref.name);
		if (!pe->negate)
			raw_to_tvalue(p, &pe->value, rs->terms[e->term].type, -1, subject, &e->value);
		return;
	default:
		return;
	}
}

void resolve_tests(struct parser *p)
{
	struct ruleset *rs = p->rs;

	for (int i = 0; i < rs->ntests && p->diags->n < DIAG_MAX; i++) {
		struct test_case *tc = &rs->tests[i];
		const struct ptest *pt = &p->ptests[i];

		tc->given = palloc(p, rs->arena, ((size_t)pt->ngiven + 1) * sizeof *tc->given);
		for (int j = 0; j < pt->ngiven; j++) {
			const struct pgiven *pg = &pt->given[j];
			struct test_given *g = &tc->given[tc->ngiven];
			char subject[100];
			int f = resolve_fact(p, &pg->fact);
			bool dup = false;
			if (f < 0)
				continue;
			for (int k = 0; k < tc->ngiven; k++)
				dup |= tc->given[k].fact == f;
			if (dup) {
				perr(p, pg->fact.pos, "fact '%s' is given twice in this test", pg->fact.name);
				continue;
			}
			snprintf(subject, sizeof subject, "fact '%s'", pg->fact.name);
			if (!raw_to_tvalue(p, &pg->v, rs->facts[f].type,
			                   rs->facts[f].type == FT_ENUM ? f : -1, subject, &g->value))
				continue;
			g->fact = f;
			g->pos = pg->fact.pos;
			tc->ngiven++;
		}
		tc->expects = palloc(p, rs->arena, ((size_t)pt->nex + 1) * sizeof *tc->expects);
		for (int j = 0; j < pt->nex; j++)
			resolve_expect(p, &pt->ex[j], &tc->expects[j]);
		tc->nexpects = pt->nex;
	}
}
