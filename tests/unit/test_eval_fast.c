/*
** test_eval_fast.c — the fast evaluation path (per-date plans, stack machine,
** tests evaluated in place, rules skipped once an avenue is decided) against
** the reference path (EVAL_REFERENCE: every rule, recursive evaluator), field
** by field and in the JSON output, over random fact sets: on a small rule set
** that uses every construct of the language, on a rule set with more stretches
** of in-force dates than a result keeps plans for, and on rules/federal.
** Run from the repository root.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "eval_compare.h"
#include "test.h"

#define BOOLF(n) \
	"fact " n ": boolean\n  question en \"" n "?\" fr \"" n " ?\"\n" \
	"  help en \"About " n ".\" fr \"Au sujet de " n ".\"\n"
#define DATEF(n) \
	"fact " n ": date\n  question en \"When " n "?\" fr \"Quand " n " ?\"\n" \
	"  help en \"The day of " n ".\" fr \"Le jour de " n ".\"\n"
#define RULEV(id, target, from, until, when, then) \
	"rule " id "\n  " target "\n  cites \"T " id "\"\n  from " from "\n" until when then \
	"  en \"" id " until {until}, due {due}, as of {as_of}, e1 {e1}.\"\n" \
	"  fr \"" id " jusqu'au {until}.\"\n\n"
#define RULE(id, target, when, then) RULEV(id, target, "2016-01-01", "", when, then)

/* Every kind of expression and outcome, exceptions, `rule` references, rule
** versions, terms, notes and two due dates for one deadline. */
static const char every_rules[] =
	"ruleset every\n  name en \"Every construct\" fr \"Toutes les constructions\"\n"
	"  covers from 2016-01-01\n\n"
	BOOLF("a") BOOLF("b") BOOLF("c") BOOLF("d")
	DATEF("d1") DATEF("d2") DATEF("d3")
	"fact e1: one of x, y, z, w\n  question en \"e1?\" fr \"e1 ?\"\n"
	"  help en \"An enumeration.\" fr \"Une énumération.\"\n"
	"  value x en \"X\" fr \"X\"\n  value y en \"Y\" fr \"Y\"\n"
	"  value z en \"Z\" fr \"Z\"\n  value w en \"W\" fr \"W\"\n"
	"fact n1: number\n  question en \"n1?\" fr \"n1 ?\"\n  help en \"A number.\" fr \"Un nombre.\"\n"
	"fact t1: text\n  question en \"t1?\" fr \"t1 ?\"\n  help en \"Some text.\" fr \"Du texte.\"\n\n"
	"term fee_cad: number\n  name en \"Fee\" fr \"Frais\"\n"
	"term ifh: boolean\n  name en \"Health\" fr \"Santé\"\n\n"
	"avenue av1\n  name en \"One\" fr \"Un\"\n  gives en \"Status.\" fr \"Un statut.\"\n"
	"avenue av2\n  name en \"Two\" fr \"Deux\"\n"
	"deadline dl\n  name en \"Form\" fr \"Formulaire\"\n\n"
	RULE("na1", "avenue av1", "  when a and e1 in [x]\n", "  then not_applicable\n")
	RULE("na2", "avenue av1", "  when e1 not in [x, y, z] and not b\n", "  then not_applicable\n")
	RULE("in1", "avenue av1", "  when (if c then d1 else d2) > 2017-01-01 and b\n", "  then ineligible\n")
	RULE("in2", "avenue av1", "  when n1 >= 12.5 or t1 = \"hello\"\n", "  then ineligible\n")
	RULE("bar1", "avenue av1", "  when e1 != y and (c or d)\n", "  then barred until d1 + 12 months\n")
	RULE("bar2", "avenue av1", "  when b and not c\n", "  then barred until latest(d2, d3) + 30 days\n")
	RULE("bar3", "avenue av1", "  when d\n", "  then barred while pending\n")
	RULE("ex1", "avenue av1", "  exception to bar1\n  when a and d3 < 2018-01-01\n", "")
	RULE("ex2", "avenue av1", "  exception to bar2, bar3\n  when rule open1\n", "")
	RULE("open1", "avenue av1", "  when not a or e1 in [z, w]\n", "  then available\n")
	RULEV("open2", "avenue av1", "2016-01-01", "  until 2018-06-30\n", "  when c\n", "  then available\n")
	RULEV("open2", "avenue av1", "2018-07-01", "", "  when c and d\n", "  then available\n")
	RULE("note1", "avenue av1", "  when rule bar1\n", "  then note\n")
	RULE("terms1", "avenue av1", "  when b\n", "  then terms fee_cad 0, ifh true\n")
	RULEV("terms2", "avenue av1", "2016-01-01", "  until 2019-12-31\n", "  when not b\n",
	      "  then terms fee_cad 50\n")
	RULEV("terms2", "avenue av1", "2020-01-01", "", "", "  then terms fee_cad 75\n")
	RULE("x1", "avenue av2", "  when earliest(d1, d2) < as_of - 3 months\n", "  then available\n")
	RULE("x2", "avenue av2", "  when n1 in [1, 2, 3] or (n1 not in [0, 0.5, 1] and e1 = w)\n",
	     "  then ineligible\n")
	RULE("x3", "avenue av2", "  when t1 in [\"a\", \"b\"] or (d and c)\n", "  then not_applicable\n")
	RULE("x4", "avenue av2", "  when a\n", "  then barred until next_working_day(d1 + 15 days)\n")
	RULE("x5", "avenue av2", "  when 2017-01-01 <= d3 and not (a or b)\n",
	     "  then barred until earliest(d3 + 1 year, d1)\n")
	RULE("x6", "avenue av2", "  when e1 = z or rule x4\n", "  then note\n")
	RULE("due1", "deadline dl", "  when a and b\n", "  then due next_working_day(d1 + 15 days)\n")
	RULE("due2", "deadline dl", "  when a and c\n", "  then due d2\n");

static struct ruleset *load_src(const char *text)
{
	struct rules_source src = { "t.rules", text, strlen(text) };
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	if (rules_load(&src, 1, &rs, &d) != RULES_OK) diag_print(&d, stderr);
	diag_free(&d);
	return rs;
}

/* nsets random fact sets, each evaluated on dates[0 .. ndates) and on one
** random day in [lo, hi]: the reference with reasons and questions, the fast
** path with the same flags and with flags that rotate through every
** combination; JSON and text outputs compared on every json_every-th set.
** Returns the number of differences. */
static int differential(const struct ruleset *rs, const int32_t *dates, int ndates, int nsets,
                        unsigned unk_max, int json_every, uint64_t seed, int32_t lo, int32_t hi)
{
	static const unsigned rot[4] = { 0, EVAL_QUESTIONS, EVAL_REASONS, EVAL_REASONS | EVAL_QUESTIONS };
	const unsigned all = EVAL_REASONS | EVAL_QUESTIONS;
	struct facts *f = facts_new(rs);
	struct result *ref = result_new(rs), *fast = result_new(rs), *part = result_new(rs);
	struct buf x, y;
	int bad = 0, evals = 0;
	buf_init(&x, 1u << 22);
	buf_init(&y, 1u << 22);
	for (int i = 0; i < nsets; i++) {
		ec_random_facts(f, &seed, ec_below(&seed, unk_max + 1), D("2010-01-01"), D("2026-12-31"),
		                dates, ndates);
		for (int k = 0; k <= ndates; k++) {
			int32_t as_of = k < ndates ? dates[k] : lo + (int32_t)ec_below(&seed, (uint32_t)(hi - lo + 1));
			unsigned fl = rot[(i + k) % 4];
			enum rules_err e = rules_eval(rs, f, as_of, EVAL_REFERENCE | all, ref);
			bad += rules_eval(rs, f, as_of, all, fast) != e;
			bad += ec_diff(ref, fast, all);
			bad += rules_eval(rs, f, as_of, fl, part) != e;
			bad += ec_diff(ref, part, fl);
			bad += part->nquestions != 0 && !(fl & EVAL_QUESTIONS);
			for (int t = 0; t < rs->ntargets && !(fl & EVAL_REASONS); t++)   /* a deadline names its rule */
				bad += rs->targets[t].kind == TK_AVENUE && part->t[t].nreasons != 0;
			evals++;
			if (i % json_every) continue;
			buf_reset(&x);
			buf_reset(&y);
			result_write_json(ref, LANG_EN, &x);
			result_write_text(ref, LANG_FR, &x);
			result_write_json(fast, LANG_EN, &y);
			result_write_text(fast, LANG_FR, &y);
			bad += x.len == 0 || x.len != y.len || strcmp(buf_str(&x), buf_str(&y)) != 0;
		}
	}
	if (bad) fprintf(stderr, "differential: %d differences in %d evaluations\n", bad, evals);
	buf_free(&x);
	buf_free(&y);
	result_free(ref);
	result_free(fast);
	result_free(part);
	facts_free(f);
	return bad;
}

static void test_every(void)
{
	struct ruleset *rs = load_src(every_rules);
	CHECK(rs != NULL);
	if (!rs) return;
	const int32_t dates[] = { D("2016-11-24"), D("2018-06-30"), D("2018-07-01"), D("2020-01-01") };
	CHECK_INT(differential(rs, dates, 4, 6000, 100, 7, 42, D("2016-01-01"), D("2026-12-31")), 0);

	/* every condition the fast path memoised equals the plain recursive value */
	struct facts *f = facts_new(rs);
	struct result *r = result_new(rs);
	uint64_t seed = 7;
	int bad = 0;
	for (int i = 0; i < 3000; i++) {
		ec_random_facts(f, &seed, ec_below(&seed, 60), D("2015-06-01"), D("2018-12-31"), dates, 4);
		int32_t as_of = D("2016-01-01") + (int32_t)ec_below(&seed, 1500);
		rules_eval(rs, f, as_of, EVAL_REASONS | EVAL_QUESTIONS, r);
		bad += ec_cond_mismatches(rs, r, f, as_of);
	}
	CHECK_INT(bad, 0);
	result_free(r);
	facts_free(f);
	rules_free(rs);
}

/* More stretches of in-force dates than PLAN_SLOTS: plans are evicted and
** rebuilt as the as-of date jumps around. Versions of `v` follow each other
** every 61 days; versions of `w`, which `v` reads, are offset by 30 days. */
static void test_many_plans(void)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "ruleset many\n  name en \"Many\" fr \"Plusieurs\"\n  covers from 2016-01-01\n\n"
	             BOOLF("a") BOOLF("b") "\navenue av\n  name en \"AV\" fr \"AV\"\n\n");
	for (int k = 0; k < 2 * PLAN_SLOTS; k++) {
		char from[DATE_ISO_LEN + 1], until[DATE_ISO_LEN + 1];
		for (int g = 0; g < 2; g++) {
			int32_t start = D("2016-01-01") + 61 * k + 30 * g;
			date_format_iso(start, from);
			date_format_iso(start + 60, until);
			buf_printf(&b, "rule %s\n  avenue av\n  cites \"T\"\n  from %s\n  until %s\n", g ? "w" : "v",
			           from, until);
			if (g) buf_printf(&b, "  when %s\n  then barred while pending\n", k % 2 ? "a" : "b");
			else buf_printf(&b, "  when %s\n  then %s\n", k % 3 ? "a or rule w" : "b and not rule w",
			                k % 2 ? "available" : "ineligible");
			buf_puts(&b, "  en \"E.\" fr \"F.\"\n\n");
		}
	}
	struct ruleset *rs = load_src(buf_str(&b));
	CHECK(rs != NULL);
	if (rs) {
		struct result *r = result_new(rs);
		CHECK(r && r->nbounds > PLAN_SLOTS);
		result_free(r);
		const int32_t dates[] = { D("2016-03-01"), D("2019-06-21") };
		CHECK_INT(differential(rs, dates, 2, 4000, 100, 50, 9, D("2015-12-01"), D("2021-12-31")), 0);
		rules_free(rs);
	}
	buf_free(&b);
}

static void test_federal(void)
{
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	CHECK_INT(rules_load_dir("rules/federal", &rs, &d), RULES_OK);
	if (!rs) diag_print(&d, stderr);
	diag_free(&d);
	if (!rs) return;
	const int32_t dates[] = { D("2016-11-24"), D("2019-06-20"), D("2019-06-21"), D("2025-02-04"),
	                          D("2026-11-28") };
	CHECK_INT(differential(rs, dates, 5, 20000, 100, 16, 2016, rules_covers_from(rs), D("2026-12-31")), 0);
	rules_free(rs);
}

int main(void)
{
	RUN(test_every);
	RUN(test_many_plans);
	RUN(test_federal);
	TEST_END();
}
