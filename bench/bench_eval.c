/*
** bench_eval.c — figures for docs/performance.md (no pass/fail):
**   (a) load + check of the built-in federal rule set: median and p99, 200 runs;
**   (b) one evaluation with reasons and questions plus the JSON output, on a
**       realistic partly-known fact set: median and p99, 100,000 runs;
**   (c) 1,000,000 generated fact sets evaluated without reasons on one core:
**       evaluations per second;
**   (d) peak resident memory.
**
**   bench_eval [--quick]     (--quick: a hundredth of the runs, for a smoke test)
**
** (c) needs each fact's type and enumeration values, which the public API does
** not expose, so this file reads them from src/rules/rulesInt.h; it only reads.
** The generator is a fixed-seed PRNG, so every run measures the same fact sets.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"
#include "rules/rulesInt.h"
#include "bench.h"

#define RUNS_LOAD 200
#define RUNS_EVAL 100000
#define RUNS_BATCH 1000000
#define UNKNOWN_PERCENT 40   /* share of facts left unanswered in generated sets */

/* Sorts v and returns its median and 99th percentile (nearest rank). */
static void percentiles(double *v, size_t n, double *median, double *p99)
{
	qsort(v, n, sizeof *v, cmp_double);
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	size_t rank = (size_t)((double)n * 0.99 + 0.999999);
	*p99 = v[(rank ? rank : 1) - 1];
}

/* splitmix64: small, fast, and the same sequence on every machine. */
static uint64_t rng_state = 0x5afe9a7f2016ull;
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static uint32_t rng_below(uint32_t n) { return (uint32_t)(rng() % n); }

static struct ruleset *load_embedded(void)
{
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	if (rules_load(embedded_federal, embedded_federal_count, &rs, &d) != RULES_OK || !rs) {
		diag_print(&d, stderr);
		rs = NULL;
	}
	diag_free(&d);
	return rs;
}

/* (b): a person who entered in 2015, made a refugee claim that was refused in
** June 2016, with trafficking indicated and several facts still unknown. Facts
** the rule set does not declare are skipped (and counted), so the bench runs
** while the rule files grow. */
static int realistic_facts(const struct ruleset *rs, struct facts *f, int *skipped)
{
	static const struct { const char *name; char type; const char *v; } set[] = {
		{ "in_canada", 'b', "1" },
		{ "status", 'e', "refugee_claimant" },
		{ "trafficking_indicated", 'b', "1" },
		{ "entry_date", 'd', "2015-08-10" },
		{ "entered_between_ports_from_us", 'b', "0" },
		{ "claim_made", 'b', "1" },
		{ "claim_date", 'd', "2015-09-01" },
		{ "claim_at_port_of_entry", 'b', "0" },
		{ "claim_outcome", 'e', "rejected" },
		{ "claim_decision_date", 'd', "2016-06-01" },
		{ "prior_claim_abroad", 'b', "0" },
		{ "removal_order", 'b', "1" },
		{ "employer_specific_permit", 'b', "0" },
	};
	int set_ok = 0;
	*skipped = 0;
	facts_clear(f);
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
		int idx = rules_fact_index(rs, set[i].name);
		int rc = -1;
		int32_t day;
		if (idx >= 0) {
			switch (set[i].type) {
			case 'b': rc = facts_set_bool(f, idx, set[i].v[0] == '1'); break;
			case 'e': rc = facts_set_enum(f, idx, set[i].v); break;
			case 'd':
				rc = date_parse(set[i].v, strlen(set[i].v), &day) == DATE_OK
				     ? facts_set_date(f, idx, day) : -1;
				break;
			default: break;
			}
		}
		if (rc == 0)
			set_ok++;
		else
			(*skipped)++;
	}
	return set_ok;
}

static void generate(const struct ruleset *rs, struct facts *f, int32_t lo, int32_t hi)
{
	facts_clear(f);
	for (int i = 0; i < rs->nfacts; i++) {
		const struct fact_decl *d = &rs->facts[i];
		if (rng_below(100) < UNKNOWN_PERCENT)
			continue;
		switch (d->type) {
		case FT_BOOL:
			(void)facts_set_bool(f, i, rng() & 1);
			break;
		case FT_DATE:
			(void)facts_set_date(f, i, lo + (int32_t)rng_below((uint32_t)(hi - lo + 1)));
			break;
		case FT_ENUM:
			if (d->nvals > 0)
				(void)facts_set_enum(f, i, d->vals[rng_below((uint32_t)d->nvals)]);
			break;
		case FT_NUMBER:
			(void)facts_set_number(f, i, (double)rng_below(1000));
			break;
		default:
			break;   /* free text is never read by conditions; leave it unknown */
		}
	}
}

int main(int argc, char **argv)
{
	int div = argc > 1 && strcmp(argv[1], "--quick") == 0 ? 100 : 1;
	size_t runs_load = RUNS_LOAD / (size_t)(div > 10 ? 10 : div);
	size_t runs_eval = RUNS_EVAL / (size_t)div, runs_batch = RUNS_BATCH / (size_t)div;

	/* (a) load + check */
	double *t = malloc(sizeof *t * (runs_eval > runs_load ? runs_eval : runs_load));
	struct ruleset *rs = NULL;
	if (!t)
		return 1;
	for (size_t i = 0; i < runs_load; i++) {
		double t0 = now_us();
		struct ruleset *r = load_embedded();
		t[i] = (now_us() - t0) / 1e3;
		if (!r) {
			fprintf(stderr, "bench: the built-in rule set does not load\n");
			return 1;
		}
		if (i + 1 == runs_load)
			rs = r;
		else
			rules_free(r);
	}
	double load_med, load_p99;
	percentiles(t, runs_load, &load_med, &load_p99);

	struct facts *f = facts_new(rs);
	struct result *res = result_new(rs);
	if (!f || !res)
		return 1;

	/* (b) one evaluation with reasons, questions and JSON */
	int skipped;
	int nset = realistic_facts(rs, f, &skipped);
	int32_t as_of = date_from_ymd(2016, 11, 24);
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	size_t json_bytes = 0;
	for (size_t i = 0; i < runs_eval; i++) {
		double t0 = now_us();
		buf_reset(&out);
		if (rules_eval(rs, f, as_of, EVAL_REASONS | EVAL_QUESTIONS, res) != RULES_OK ||
		    result_write_json(res, LANG_EN, &out) != 0) {
			fprintf(stderr, "bench: evaluation failed\n");
			return 1;
		}
		t[i] = now_us() - t0;
		json_bytes = out.len;
	}
	buf_free(&out);
	double ev_med, ev_p99;
	percentiles(t, runs_eval, &ev_med, &ev_p99);

	/* (c) batch without reasons; generation is timed apart from evaluation */
	int32_t lo = date_from_ymd(2010, 1, 1), hi = date_from_ymd(2026, 12, 31);
	int32_t as_lo = rules_covers_from(rs), as_hi = hi;
	if (as_lo > as_hi)
		as_lo = as_hi;
	double eval_us = 0, t_all = now_us();
	size_t counts[5] = { 0 };
	for (size_t i = 0; i < runs_batch; i++) {
		generate(rs, f, lo, hi);
		int32_t day = as_lo + (int32_t)rng_below((uint32_t)(as_hi - as_lo + 1));
		double t0 = now_us();
		enum rules_err e = rules_eval(rs, f, day, 0, res);
		eval_us += now_us() - t0;
		if (e == RULES_OK && result_avenue_count(res) > 0) {
			enum av_status s = result_avenue_status(res, 0);
			if ((unsigned)s < 5)
				counts[s]++;   /* keeps the work observable */
		}
	}
	double all_us = now_us() - t_all;

	struct rusage ru;
	long rss_kib = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;

	printf("safepath bench%s: rule set %s, %zu rule versions, %zu facts\n",
	       div > 1 ? " (--quick)" : "", rules_name(rs), rules_count(rs), rules_fact_count(rs));
	printf("%-52s %12s %12s\n", "measure", "median", "p99");
	printf("%-52s %9.3f ms %9.3f ms\n", "(a) load + check built-in rules", load_med, load_p99);
	printf("    (%zu runs)\n", runs_load);
	printf("%-52s %9.2f us %9.2f us\n", "(b) evaluate + reasons + questions + JSON", ev_med, ev_p99);
	printf("    (%zu runs; %d facts known, %d not in the rule set; %zu bytes of JSON)\n",
	       runs_eval, nset, skipped, json_bytes);
	printf("%-52s %12.0f evaluations/s\n", "(c) batch, no reasons, one core (evaluation only)",
	       eval_us > 0 ? (double)runs_batch / (eval_us / 1e6) : 0.0);
	printf("%-52s %12.0f fact sets/s\n", "    including generating the fact sets",
	       all_us > 0 ? (double)runs_batch / (all_us / 1e6) : 0.0);
	printf("    (%zu fact sets, %d%% of facts unknown, fact dates 2010-2026;"
	       " first avenue: %zu available, %zu barred, %zu ineligible, %zu n/a, %zu unknown)\n",
	       runs_batch, UNKNOWN_PERCENT, counts[0], counts[1], counts[2], counts[3], counts[4]);
	printf("%-52s %12ld KiB\n", "(d) peak resident memory", rss_kib);

	result_free(res);
	facts_free(f);
	rules_free(rs);
	free(t);
	return 0;
}
