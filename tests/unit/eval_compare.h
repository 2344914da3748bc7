/*
** eval_compare.h — for the evaluator's unit tests: random fact sets, and a
** field-by-field comparison of two results computed from the same facts and
** date (the fast path against the reference path, EVAL_REFERENCE).
*/
#ifndef SAFEPATH_EVAL_COMPARE_H
#define SAFEPATH_EVAL_COMPARE_H

#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "rules/eval.h"

/* A day number from "YYYY-MM-DD" written in a test (always valid there). */
static int32_t D(const char *s)
{
	int32_t d = 0;
	date_parse(s, strlen(s), &d);
	return d;
}

/* splitmix64: the same sequence on every machine */
static uint64_t ec_rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t ec_below(uint64_t *s, uint32_t n) { return (uint32_t)(ec_rng(s) % n); }

/* Fills f with random values through the public setters: each fact unknown
** with probability unk_pct %; a date is uniform in [lo, hi] or, half the time,
** within 400 days of one of near[0 .. nnear) (so bars end around the dates
** evaluated). */
static void ec_random_facts(struct facts *f, uint64_t *seed, unsigned unk_pct, int32_t lo, int32_t hi,
                            const int32_t *near, int nnear)
{
	static const char *const texts[] = { "hello", "a", "b", "zzz" };
	const struct ruleset *rs = f->rs;
	facts_clear(f);
	for (int i = 0; i < rs->nfacts; i++) {
		const struct fact_decl *d = &rs->facts[i];
		if (ec_below(seed, 100) < unk_pct) continue;
		switch (d->type) {
		case FT_BOOL: facts_set_bool(f, i, ec_rng(seed) & 1); break;
		case FT_DATE:
			if (nnear > 0 && (ec_rng(seed) & 1))
				facts_set_date(f, i, near[ec_below(seed, (uint32_t)nnear)] - 400 + (int32_t)ec_below(seed, 801));
			else
				facts_set_date(f, i, lo + (int32_t)ec_below(seed, (uint32_t)(hi - lo + 1)));
			break;
		case FT_ENUM: facts_set_enum(f, i, d->vals[ec_below(seed, (uint32_t)d->nvals)]); break;
		case FT_NUMBER: facts_set_number(f, i, (double)ec_below(seed, 30) / 2); break;
		case FT_TEXT: {
			struct tvalue v = { .type = FT_TEXT, .str = texts[ec_below(seed, 4)] };
			facts_set_tvalue(f, i, &v);
			break;
		}
		default: break;
		}
	}
}

/* The number of output fields in which a and b differ. Reasons are compared
** when flags has EVAL_REASONS, questions when it has EVAL_QUESTIONS; both
** results must have been asked for them then. */
static int ec_diff(const struct result *a, const struct result *b, unsigned flags)
{
	const struct ruleset *rs = a->rs;
	int n = 0;
	for (int t = 0; t < rs->ntargets; t++) {
		const struct tres *x = &a->t[t], *y = &b->t[t];
		n += x->status != y->status;
		n += x->has_until != y->has_until || x->until != y->until;
		n += x->pending != y->pending || x->extendable != y->extendable;
		n += x->undecided != y->undecided;
		n += x->has_due != y->has_due || (x->has_due && x->due != y->due);
		n += x->due_rule != y->due_rule;
		n += memcmp(&x->deps, &y->deps, sizeof x->deps) != 0;
		if (flags & EVAL_REASONS)
			n += x->nreasons != y->nreasons
			     || memcmp(x->reasons, y->reasons, (size_t)x->nreasons * sizeof *x->reasons) != 0;
		if (rs->targets[t].kind == TK_AVENUE)
			for (int k = 0; k < rs->nterms; k++)
				n += result_term_rule(a, t, k, NULL) != result_term_rule(b, t, k, NULL);
	}
	if (flags & EVAL_QUESTIONS)
		n += a->nquestions != b->nquestions
		     || memcmp(a->questions, b->questions, (size_t)a->nquestions * sizeof *a->questions) != 0;
	n += a->has_error != b->has_error;
	if (a->has_error)
		n += a->err_target != b->err_target || a->err_rule1 != b->err_rule1
		     || a->err_rule2 != b->err_rule2;
	return n;
}

/* Every condition the last evaluation into r recorded (compiled and memoised)
** against the plain recursive evaluator: the number that differ in value or, when
** unknown, in dependency set. */
static int ec_cond_mismatches(const struct ruleset *rs, const struct result *r,
                              const struct facts *f, int32_t as_of)
{
	int bad = 0;
	for (int ri = 0; ri < rs->nrules; ri++) {
		const struct rstate *st = &r->st[ri];
		struct xval x;
		if (rs->rules[ri].cond < 0 || st->epoch != r->epoch || !(st->flags & ST_COND)) continue;
		rules_eval_node(rs, rs->rules[ri].cond, f->v, as_of, &x);
		enum tv want = x.known ? (x.i ? TV_TRUE : TV_FALSE) : TV_UNKNOWN;
		bad += st->cond != want;
		if (want == TV_UNKNOWN) bad += memcmp(&st->cdeps, &x.deps, sizeof x.deps) != 0;
	}
	return bad;
}

#endif
