/*
** rtest.c — runs the tests kept next to the rules and checks the coverage
** docs/rules.md §8 requires of them.
**
** Each test is evaluated like a real case; then every rule version's
** condition, firing and bar day are recorded (conditions are evaluated even
** for versions out of force, to know "condition true the day before `from`").
** Messages are for rule authors and are in English.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "eval.h"

enum {
	CV_FIRE = 1 << 0,        /* in force, condition true, not defeated */
	CV_NOFIRE = 1 << 1,      /* in force and not firing */
	CV_FROM_ON = 1 << 2,     /* as of == from, condition true */
	CV_FROM_BEFORE = 1 << 3, /* as of == from - 1, condition true */
	CV_UNTIL_ON = 1 << 4,    /* as of == until, condition true */
	CV_UNTIL_AFTER = 1 << 5, /* as of == until + 1, condition true */
	CV_LAST_DAY = 1 << 6,    /* as of == the bar's last day, the bar fires */
	CV_DAY_AFTER = 1 << 7,   /* as of == that day + 1, the bar has lapsed */
	CV_FEB29 = 1 << 8        /* a test gives one of its dates as 29 February */
};

static void iso(int32_t day, char *out) { date_format_iso(day, out); }

static void add_diag(const struct ruleset *rs, struct diaglist *d, struct srcpos pos,
                     const char *msg)
{
	const char *file = pos.file < rs->nfiles ? rs->files[pos.file].name : "?";
	diag_add(d, file, (int)pos.line, (int)pos.col, true, rules_line_start(rs, pos), "%s", msg);
}

static void status_words(struct buf *b, const struct result *r, int t)
{
	const struct ruleset *rs = r->rs;
	const struct tres *tr = &r->t[t];
	char d[DATE_ISO_LEN + 1];
	buf_puts(b, av_status_name(tr->status));
	if (tr->status == AV_BARRED) {
		if (tr->has_until) { iso(tr->until, d); buf_printf(b, " until %s", d); }
		else buf_puts(b, " until none");
	}
	if (tr->undecided || tr->extendable) {
		const char *sep = " (depends on ";
		for (int f = 0; f < rs->nfacts; f++)
			if (factset_has(&tr->deps, f)) {
				buf_printf(b, "%s%s", sep, rs->facts[f].name);
				sep = ", ";
			}
		if (sep[0] == ',') buf_puts(b, ")");
	}
}

static bool tvalue_eq(const struct term_decl *td, const struct tvalue *a, const struct tvalue *b)
{
	switch (td->type) {
	case FT_BOOL: return a->b == b->b;
	case FT_NUMBER: return a->num == b->num;
	case FT_DURATION: case FT_TEXT:
		return a->str && b->str && strcmp(a->str, b->str) == 0;
	case FT_NONE: case FT_DATE: case FT_ENUM: break;
	}
	return a->i == b->i;
}

static void put_tvalue(struct buf *b, const struct term_decl *td, const struct tvalue *v)
{
	switch (td->type) {
	case FT_BOOL: buf_puts(b, v->b ? "true" : "false"); return;
	case FT_NUMBER: buf_printf(b, "%.15g", v->num); return;
	case FT_DURATION: case FT_TEXT: buf_puts(b, v->str ? v->str : ""); return;
	case FT_NONE: case FT_DATE: case FT_ENUM: break;
	}
	buf_printf(b, "%lld", (long long)v->i);
}

static bool has_reason(const struct result *r, int t, int group)
{
	const struct tres *tr = &r->t[t];
	for (int j = 0; j < tr->nreasons; j++)
		if (tr->reasons[j] >= 0 && r->rs->rules[tr->reasons[j]].group == group) return true;
	return false;
}

/* Checks one expectation; on failure writes what went wrong into msg. */
static bool check_expect(const struct result *r, const struct facts *f, const struct test_expect *e,
                         struct ectx *c, struct buf *msg)
{
	const struct ruleset *rs = r->rs;
	const struct tres *tr = e->target >= 0 && e->target < rs->ntargets ? &r->t[e->target] : NULL;
	const char *tid = tr ? rs->targets[e->target].id : "?";
	char d[DATE_ISO_LEN + 1];
	switch (e->kind) {
	case EX_STATUS: {
		bool ok = tr && tr->status == e->status;
		if (ok && e->has_until)
			ok = e->until_none ? (!tr->has_until && tr->pending)
			                   : (tr->has_until && tr->until == e->until);
		if (ok) return true;
		buf_printf(msg, "expected %s %s", tid, av_status_name(e->status));
		if (e->has_until) {
			if (e->until_none) buf_puts(msg, " until none");
			else { iso(e->until, d); buf_printf(msg, " until %s", d); }
		}
		buf_puts(msg, ", got ");
		if (tr) status_words(msg, r, e->target);
		return false;
	}
	case EX_DEPENDS: {
		struct factset want, got;
		factset_clear(&want);
		factset_clear(&got);
		for (int j = 0; j < e->nfacts; j++) factset_add(&want, e->facts[j]);
		if (tr && (tr->undecided || tr->extendable)) got = tr->deps;
		if (memcmp(&want, &got, sizeof want) == 0) return true;
		buf_printf(msg, "expected %s to depend on exactly", tid);
		const char *sep = " ";
		for (int j = 0; j < e->nfacts; j++, sep = ", ")
			buf_printf(msg, "%s%s", sep, rs->facts[e->facts[j]].name);
		if (!e->nfacts) buf_puts(msg, " nothing");
		buf_puts(msg, ", got ");
		if (tr) status_words(msg, r, e->target);
		return false;
	}
	case EX_REASON: {
		bool has = tr && has_reason(r, e->target, e->group);
		if (has != e->negate) return true;
		buf_printf(msg, "expected %s %sto have reason %s, but it %s", tid, e->negate ? "not " : "",
		           rs->groups[e->group].id, has ? "does" : "does not");
		return false;
	}
	case EX_TERM: {
		const struct tvalue *v = NULL;
		const struct term_decl *td = &rs->terms[e->term];
		int ri = tr ? result_term_rule(r, e->target, e->term, &v) : -1;
		if (e->negate ? ri < 0 : (ri >= 0 && tvalue_eq(td, v, &e->value))) return true;
		if (e->negate) {
			buf_printf(msg, "expected %s no term %s, got %s = ", tid, td->name, td->name);
			put_tvalue(msg, td, v);
		} else {
			buf_printf(msg, "expected %s term %s = ", tid, td->name);
			put_tvalue(msg, td, &e->value);
			if (ri < 0) buf_puts(msg, ", got no such term");
			else { buf_puts(msg, ", got "); put_tvalue(msg, td, v); }
		}
		return false;
	}
	case EX_DUE: {
		bool ok = tr && (e->until_none ? !tr->has_due : (tr->has_due && tr->due == e->until));
		if (ok) return true;
		if (e->until_none) buf_printf(msg, "expected deadline %s none", tid);
		else { iso(e->until, d); buf_printf(msg, "expected deadline %s due %s", tid, d); }
		if (tr && tr->has_due) { iso(tr->due, d); buf_printf(msg, ", got due %s", d); }
		else if (tr && tr->undecided) buf_puts(msg, ", got undecided (facts missing)");
		else buf_puts(msg, ", got none");
		return false;
	}
	case EX_QUESTION:
		if (r->nquestions > 0 && r->questions[0] == e->fact) return true;
		buf_printf(msg, "expected first question %s, got %s", rs->facts[e->fact].name,
		           r->nquestions ? rs->facts[r->questions[0]].name : "no question");
		return false;
	case EX_ERROR: {
		const struct constraint *k = &rs->constraints[e->constraint];
		struct facts_error fe;
		enum facts_err fr = facts_check(f, r->as_of, LANG_EN, &fe);
		struct xval x;
		rules_ctx_node(c, k->cond, &x);
		if (fr == FACTS_ECONSTRAINT && x.known && x.i) return true;
		buf_printf(msg, "expected error %s, got %s", k->id,
		           fr == FACTS_ECONSTRAINT ? fe.fact : "no error");
		return false;
	}
	}
	buf_puts(msg, "unknown expectation");
	return false;
}

/* Records what this test shows about every rule version. */
static void record_coverage(const struct ruleset *rs, struct result *r, struct ectx *c,
                            const struct test_case *tc, unsigned *cov)
{
	int32_t a = tc->as_of;
	for (int ri = 0; ri < rs->nrules; ri++) {
		const struct rule *ru = &rs->rules[ri];
		enum tv cond = rules_rule_cond(c, ri);
		bool inforce = rules_in_force(ru, a);
		if (inforce) {
			enum tv ap = rules_rule_applies(c, ri);
			if (ap == TV_TRUE) cov[ri] |= CV_FIRE;
			else if (ap == TV_FALSE) cov[ri] |= CV_NOFIRE;
		}
		if (cond == TV_TRUE) {
			if (!ru->from_before && a == ru->from) cov[ri] |= CV_FROM_ON;
			if (!ru->from_before && a == date_add_days(ru->from, -1)) cov[ri] |= CV_FROM_BEFORE;
			if (ru->has_until && a == ru->until) cov[ri] |= CV_UNTIL_ON;
			if (ru->has_until && a == date_add_days(ru->until, 1)) cov[ri] |= CV_UNTIL_AFTER;
		}
		if (ru->oc == OC_BARRED_UNTIL && inforce && rules_rule_holds(c, ri) == TV_TRUE) {
			int32_t day;
			if (rules_rule_day(c, ri, &day)) {
				if (a == day) cov[ri] |= CV_LAST_DAY;
				if (a == date_add_days(day, 1)) cov[ri] |= CV_DAY_AFTER;
			}
		}
		struct factset used;
		factset_clear(&used);
		rules_node_facts(rs, ru->cond, &used);
		rules_node_facts(rs, ru->oc_expr, &used);
		for (int g = 0; g < tc->ngiven; g++) {
			const struct test_given *gv = &tc->given[g];
			int y, m, d;
			if (gv->value.type != FT_DATE || !factset_has(&used, gv->fact)) continue;
			date_to_ymd((int32_t)gv->value.i, &y, &m, &d);
			if (m == 2 && d == 29) cov[ri] |= CV_FEB29;
		}
	}
	(void)r;
}

static void gap(const struct ruleset *rs, struct diaglist *d, const struct rule *ru,
                struct srcpos pos, const char *what, bool *counted, size_t *gaps)
{
	char from[DATE_ISO_LEN + 1];
	struct buf m;
	iso(ru->from, from);
	buf_init(&m, 1024);
	buf_printf(&m, "rule %s (version from %s%s): %s", ru->id, ru->from_before ? "before " : "",
	           from, what);
	add_diag(rs, d, pos.line ? pos : ru->pos, buf_str(&m));
	buf_free(&m);
	if (!*counted) (*gaps)++;
	*counted = true;
}

/* A version that can never stop firing while in force needs no such test. */
static bool can_not_fire(const struct rule *ru)
{
	return ru->cond >= 0 || ru->ndefeated_by > 0 || ru->oc == OC_BARRED_UNTIL
	       || ru->oc == OC_DUE;
}

static size_t report_coverage(const struct ruleset *rs, const unsigned *cov, struct diaglist *d)
{
	size_t gaps = 0;
	char day[DATE_ISO_LEN + 1];
	struct buf m;
	buf_init(&m, 1024);
	for (int ri = 0; ri < rs->nrules; ri++) {
		const struct rule *ru = &rs->rules[ri];
		unsigned c = cov[ri];
		bool counted = false;
		if (!(c & CV_FIRE))
			gap(rs, d, ru, ru->pos, "no test where it fires (in force, condition true, not defeated)",
			    &counted, &gaps);
		if (!(c & CV_NOFIRE) && can_not_fire(ru))
			gap(rs, d, ru, ru->pos, "no test where it is in force and does not fire", &counted, &gaps);
		if (!ru->from_before && ru->from > rs->covers_from) {
			if (!(c & CV_FROM_ON)) {
				iso(ru->from, day);
				buf_reset(&m);
				buf_printf(&m, "no test on the day it came into force (%s) with its condition true", day);
				gap(rs, d, ru, ru->from_pos, buf_str(&m), &counted, &gaps);
			}
			if (!(c & CV_FROM_BEFORE)) {
				iso(date_add_days(ru->from, -1), day);
				buf_reset(&m);
				buf_printf(&m, "no test on the day before it came into force (%s) with its condition true", day);
				gap(rs, d, ru, ru->from_pos, buf_str(&m), &counted, &gaps);
			}
		}
		if (ru->has_until) {
			if (!(c & CV_UNTIL_ON)) {
				iso(ru->until, day);
				buf_reset(&m);
				buf_printf(&m, "no test on its last day in force (%s) with its condition true", day);
				gap(rs, d, ru, ru->until_pos, buf_str(&m), &counted, &gaps);
			}
			if (!(c & CV_UNTIL_AFTER)) {
				iso(date_add_days(ru->until, 1), day);
				buf_reset(&m);
				buf_printf(&m, "no test on the day after its last day in force (%s) with its condition true", day);
				gap(rs, d, ru, ru->until_pos, buf_str(&m), &counted, &gaps);
			}
		}
		if (ru->oc == OC_BARRED_UNTIL) {
			if (!(c & CV_LAST_DAY))
				gap(rs, d, ru, ru->then_pos, "no test on the last day of the bar (the bar fires on it)",
				    &counted, &gaps);
			if (!(c & CV_DAY_AFTER))
				gap(rs, d, ru, ru->then_pos, "no test on the day after the bar's last day (the bar has lapsed)",
				    &counted, &gaps);
		}
		if ((rules_node_months(rs, ru->cond) || rules_node_months(rs, ru->oc_expr)) && !(c & CV_FEB29))
			gap(rs, d, ru, ru->pos, "it counts months or years, but no test gives one of the dates it reads as a 29 February",
			    &counted, &gaps);
	}
	buf_free(&m);
	return gaps;
}

enum rules_err rules_run_tests(const struct ruleset *rs, struct diaglist *diags,
                               struct rules_test_report *rep)
{
	struct rules_test_report local = { 0, 0, 0, 0 };
	struct facts *f = facts_new(rs);
	struct result *r = result_new(rs);
	unsigned *cov = calloc((size_t)(rs->nrules ? rs->nrules : 1), sizeof *cov);
	if (!f || !r || !cov) {
		facts_free(f);
		result_free(r);
		free(cov);
		return RULES_ENOMEM;
	}
	struct buf msg;
	buf_init(&msg, 2048);
	for (int ti = 0; ti < rs->ntests; ti++) {
		const struct test_case *tc = &rs->tests[ti];
		bool ok = true;
		local.tests++;
		facts_clear(f);
		for (int g = 0; g < tc->ngiven; g++)
			if (facts_set_tvalue(f, tc->given[g].fact, &tc->given[g].value) != 0) {
				buf_reset(&msg);
				buf_printf(&msg, "test \"%s\": the value given for %s does not fit its type", tc->name,
				           rs->facts[tc->given[g].fact].name);
				add_diag(rs, diags, tc->given[g].pos, buf_str(&msg));
				ok = false;
			}
		if (tc->as_of < rs->covers_from) {
			buf_reset(&msg);
			buf_printf(&msg, "test \"%s\": its as-of date is before the rule set's `covers from`", tc->name);
			add_diag(rs, diags, tc->pos, buf_str(&msg));
			ok = false;
		}
		enum rules_err er = rules_eval(rs, f, tc->as_of, EVAL_REASONS | EVAL_QUESTIONS, r);
		if (er != RULES_OK && r->has_error) {
			buf_reset(&msg);
			buf_printf(&msg, "test \"%s\": deadline %s has two due dates (rules %s and %s)", tc->name,
			           rs->targets[r->err_target].id, rs->rules[r->err_rule1].id,
			           rs->rules[r->err_rule2].id);
			add_diag(rs, diags, tc->pos, buf_str(&msg));
			ok = false;
		}
		struct ectx c;
		rules_ctx_init(&c, rs, f->v, tc->as_of, r->st, r->epoch);
		bool expects_error = false;
		for (int k = 0; k < tc->nexpects; k++) {
			const struct test_expect *e = &tc->expects[k];
			if (e->kind == EX_ERROR) expects_error = true;
			buf_reset(&msg);
			if (check_expect(r, f, e, &c, &msg)) continue;
			struct buf full;
			buf_init(&full, 2300);
			buf_printf(&full, "test \"%s\": %s", tc->name, buf_str(&msg));
			add_diag(rs, diags, e->pos, buf_str(&full));
			buf_free(&full);
			ok = false;
		}
		struct facts_error fe;
		if (!expects_error && facts_check(f, tc->as_of, LANG_EN, &fe) == FACTS_ECONSTRAINT) {
			buf_reset(&msg);
			buf_printf(&msg, "test \"%s\": the givens violate constraint %s", tc->name, fe.fact);
			add_diag(rs, diags, tc->pos, buf_str(&msg));
			ok = false;
		}
		record_coverage(rs, r, &c, tc, cov);
		if (ok) local.passed++;
		else local.failed++;
	}
	local.coverage_gaps = report_coverage(rs, cov, diags);
	buf_free(&msg);
	free(cov);
	result_free(r);
	facts_free(f);
	if (rep) *rep = local;
	return local.failed || local.coverage_gaps ? RULES_ECHECK : RULES_OK;
}
