/*
** test_eval.c — the evaluator, facts input, output and the test runner, on
** small rule sets written inline.
*/
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/json.h"
#include "eval_compare.h"
#include "rules/eval.h"
#include "test.h"

#define HDR \
	"ruleset core\n" \
	"  name en \"Core test rules\" fr \"Règles d'essai\"\n" \
	"  covers from 2016-01-01\n\n"
#define BOOLF(n) \
	"fact " n ": boolean\n" \
	"  question en \"Is " n " so?\" fr \"Est-ce " n " ?\"\n" \
	"  help en \"About " n ".\" fr \"Au sujet de " n ".\"\n"
#define DATEF(n) \
	"fact " n ": date\n" \
	"  question en \"When was " n "?\" fr \"Quand " n " ?\"\n" \
	"  help en \"The day of " n ".\" fr \"Le jour de " n ".\"\n"
#define RULE(id, av, when, then, en) \
	"rule " id "\n  avenue " av "\n  cites \"T " id "\"\n  from 2016-01-01\n" \
	when then "  en \"" en "\" fr \"FR " en "\"\n\n"

static const char core_rules[] =
	HDR
	BOOLF("a") BOOLF("b") BOOLF("n") BOOLF("inel") BOOLF("pend") BOOLF("child")
	DATEF("decided") DATEF("filed")
	"fact outcome: one of pending, accepted, rejected\n"
	"  question en \"What happened to the claim?\" fr \"Quelle a été l'issue de la demande ?\"\n"
	"  help en \"The last decision.\" fr \"La dernière décision.\"\n"
	"  value pending en \"Still being decided\" fr \"En attente de décision\"\n"
	"  value accepted en \"Accepted\" fr \"Acceptée\"\n"
	"  value rejected en \"Refused\" fr \"Rejetée\"\n"
	"fact amount: number\n"
	"  question en \"How much?\" fr \"Combien ?\"\n"
	"  help en \"An amount.\" fr \"Un montant.\"\n"
	"fact note_text: text\n"
	"  question en \"Anything else?\" fr \"Autre chose ?\"\n"
	"  help en \"Free text.\" fr \"Texte libre.\"\n\n"
	"term fee_cad: number\n  name en \"Fee (Canadian dollars)\" fr \"Frais (dollars canadiens)\"\n"
	"term initial_validity: duration\n  name en \"First permit valid for\" fr \"Durée du premier permis\"\n"
	"term ifh: boolean\n  name en \"Health coverage\" fr \"Couverture santé\"\n\n"
	"avenue trp\n  name en \"Temporary resident permit\" fr \"Permis de séjour temporaire\"\n"
	"  gives en \"Legal status.\" fr \"Un statut légal.\"\n"
	"avenue kle\n  name en \"Logic\" fr \"Logique\"\n"
	"deadline boc\n  name en \"Basis of Claim form\" fr \"Formulaire Fondement de la demande d'asile\"\n\n"
	RULE("trp-na", "trp", "  when n\n", "  then not_applicable\n", "Not for this person.")
	RULE("trp-inel", "trp", "  when inel\n", "  then ineligible\n", "Ineligible.")
	"rule trp-bar\n  avenue trp\n  cites \"IRPA 24(4)\"\n"
	"    en \"https://laws-lois.justice.gc.ca/eng/acts/I-2.5/section-24.html\"\n"
	"    fr \"https://laws-lois.justice.gc.ca/fra/lois/I-2.5/article-24.html\"\n"
	"  cites \"IRPR 1\"\n"
	"  from 2016-01-01\n  when outcome = rejected\n  then barred until decided + 12 months\n"
	"  en \"Wait 12 months after the decision: until {until}.\"\n"
	"  fr \"Attendre 12 mois après la décision : jusqu'au {until}.\"\n\n"
	RULE("trp-bar-six", "trp", "  when outcome = rejected and b\n", "  then barred until filed + 6 months\n",
	     "Second bar until {until}.")
	RULE("trp-pending", "trp", "  when pend\n", "  then barred while pending\n", "Pending.")
	RULE("trp-child", "trp", "  exception to trp-pending\n  when child\n", "", "Lifted for a child.")
	RULE("trp-open", "trp", "  when a\n", "  then available\n", "Open on {as_of}; claim {outcome}.")
	RULE("trp-terms", "trp", "", "  then terms fee_cad 0, ifh true, initial_validity P180D\n", "Free.")
	"rule trp-note\n  avenue trp\n  cites \"T note\"\n  from 2016-01-01\n  when rule trp-bar\n"
	"  then note\n  unverified en \"Not confirmed.\" fr \"Non confirmé.\"\n"
	"  en \"An officer may still issue a permit.\" fr \"Un agent peut quand même délivrer un permis.\"\n\n"
	RULE("k-open", "kle", "  when a\n", "  then available\n", "open")
	RULE("k-and", "kle", "  when a and b\n", "  then note\n", "and")
	RULE("k-or", "kle", "  when a or b\n", "  then note\n", "or")
	RULE("k-not", "kle", "  when not a\n", "  then note\n", "not")
	RULE("k-lt", "kle", "  when decided < filed\n", "  then note\n", "lt")
	RULE("k-if", "kle", "  when (if a then decided else filed) = filed\n", "  then note\n", "if")
	RULE("k-in", "kle", "  when outcome not in [pending, accepted]\n", "  then note\n", "in")
	RULE("k-num", "kle", "  when amount >= 12.5\n", "  then note\n", "num")
	"rule boc-due\n  deadline boc\n  cites \"IRPR 159.8\"\n  from 2016-01-01\n  when a\n"
	"  then due next_working_day(filed + 15 days)\n  en \"Due {due}.\" fr \"Échéance : {due}.\"\n\n"
	"rule boc-due-two\n  deadline boc\n  cites \"IRPR 159.8(2)\"\n  from 2016-01-01\n  when b and inel\n"
	"  then due filed + 30 days\n  en \"Due {due}.\" fr \"Échéance : {due}.\"\n\n"
	"constraint decided-after-filed\n  when decided < filed\n"
	"  en \"The decision is dated before the claim.\" fr \"La décision est datée d'avant la demande.\"\n";

static struct ruleset *load(const char *rules, const char *tests)
{
	struct rules_source src[2] = {
		{ "t.rules", rules, strlen(rules) },
		{ "t.test", tests ? tests : "", tests ? strlen(tests) : 0 },
	};
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	if (rules_load(src, tests ? 2 : 1, &rs, &d) != RULES_OK) diag_print(&d, stderr);
	diag_free(&d);
	return rs;
}

static int fi(const struct ruleset *rs, const char *name) { return rules_fact_index(rs, name); }

static int rule_idx(const struct ruleset *rs, const char *id)
{
	for (int i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0) return i;
	return -1;
}

static int av(const struct result *r, const char *id)
{
	for (size_t i = 0; i < result_avenue_count(r); i++)
		if (strcmp(result_avenue_id(r, i), id) == 0) return (int)i;
	return -1;
}

static const struct tres *tres_of(const struct result *r, const char *id)
{
	for (int t = 0; t < r->rs->ntargets; t++)
		if (strcmp(r->rs->targets[t].id, id) == 0) return &r->t[t];
	return NULL;
}

static bool has_reason(const struct result *r, const char *target, const char *rule)
{
	const struct tres *t = tres_of(r, target);
	for (int j = 0; j < t->nreasons; j++)
		if (t->reasons[j] >= 0 && strcmp(r->rs->rules[t->reasons[j]].id, rule) == 0) return true;
	return false;
}

/* the deps of an avenue as "a,b" in declaration order */
static const char *deps_str(const struct result *r, const char *target)
{
	static struct buf out;
	const struct tres *t = tres_of(r, target);
	if (!out.max) buf_init(&out, 4096);
	buf_reset(&out);
	for (int f = 0; f < r->rs->nfacts; f++)
		if (factset_has(&t->deps, f)) {
			if (out.len) buf_putc(&out, ',');
			buf_puts(&out, r->rs->facts[f].name);
		}
	return buf_str(&out);
}

/* ---- Kleene tables and dependency sets ---- */

static enum tv eval3(const struct ruleset *rs, const char *rule, const struct fval *fv,
                     struct factset *deps)
{
	struct xval x;
	rules_eval_node(rs, rs->rules[rule_idx(rs, rule)].cond, fv, D("2017-01-01"), &x);
	if (!x.known) {
		if (deps) *deps = x.deps;
		return TV_UNKNOWN;
	}
	CHECK_INT(x.type, FT_BOOL);
	return x.i ? TV_TRUE : TV_FALSE;
}

static void set3(struct fval *v, int t)
{
	v->known = t != TV_UNKNOWN;
	v->i = t == TV_TRUE;
}

static void test_kleene(const struct ruleset *rs)
{
	static const int AND[3][3] = { { 0, 0, 0 }, { 0, 1, 2 }, { 0, 2, 2 } };  /* [a][b], F T U */
	static const int OR[3][3] = { { 0, 1, 2 }, { 1, 1, 1 }, { 2, 1, 2 } };
	static const int NOT[3] = { 1, 0, 2 };
	struct fval fv[RULES_MAX_FACTS];
	int a = fi(rs, "a"), b = fi(rs, "b");
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++) {
			memset(fv, 0, sizeof fv);
			set3(&fv[a], x);
			set3(&fv[b], y);
			CHECK_INT(eval3(rs, "k-and", fv, NULL), AND[x][y]);
			CHECK_INT(eval3(rs, "k-or", fv, NULL), OR[x][y]);
			CHECK_INT(eval3(rs, "k-not", fv, NULL), NOT[x]);
		}
	/* deps: only the unknown operands, and none when decided */
	struct factset d;
	memset(fv, 0, sizeof fv);
	CHECK_INT(eval3(rs, "k-and", fv, &d), TV_UNKNOWN);
	CHECK(factset_has(&d, a) && factset_has(&d, b));
	set3(&fv[a], TV_TRUE);
	CHECK_INT(eval3(rs, "k-and", fv, &d), TV_UNKNOWN);
	CHECK(!factset_has(&d, a) && factset_has(&d, b));
	CHECK_INT(eval3(rs, "k-or", fv, &d), TV_TRUE);
	/* comparison with an unknown operand is unknown, with that operand's fact */
	memset(fv, 0, sizeof fv);
	fv[fi(rs, "filed")] = (struct fval){ .known = true, .i = D("2016-05-01") };
	CHECK_INT(eval3(rs, "k-lt", fv, &d), TV_UNKNOWN);
	CHECK(factset_has(&d, fi(rs, "decided")) && !factset_has(&d, fi(rs, "filed")));
	fv[fi(rs, "decided")] = (struct fval){ .known = true, .i = D("2016-04-30") };
	CHECK_INT(eval3(rs, "k-lt", fv, NULL), TV_TRUE);
	/* if: unknown condition, branches known and equal -> known */
	set3(&fv[a], TV_UNKNOWN);
	CHECK_INT(eval3(rs, "k-if", fv, &d), TV_UNKNOWN);
	CHECK(factset_has(&d, a));
	fv[fi(rs, "decided")].i = D("2016-05-01");
	CHECK_INT(eval3(rs, "k-if", fv, NULL), TV_TRUE);
	/* enums and numbers */
	fv[fi(rs, "outcome")] = (struct fval){ .known = true, .i = 2 };
	CHECK_INT(eval3(rs, "k-in", fv, NULL), TV_TRUE);
	fv[fi(rs, "outcome")].i = 0;
	CHECK_INT(eval3(rs, "k-in", fv, NULL), TV_FALSE);
	fv[fi(rs, "amount")] = (struct fval){ .known = true, .num = 12.5 };
	CHECK_INT(eval3(rs, "k-num", fv, NULL), TV_TRUE);
	fv[fi(rs, "amount")].num = 12.4;
	CHECK_INT(eval3(rs, "k-num", fv, NULL), TV_FALSE);
}

/* ---- combination, exceptions, terms, notes, deadlines, questions ---- */

static enum rules_err run(const struct ruleset *rs, struct facts *f, struct result *r,
                          const char *as_of)
{
	return rules_eval(rs, f, D(as_of), EVAL_REASONS | EVAL_QUESTIONS, r);
}

static void test_combine(const struct ruleset *rs)
{
	struct facts *f = facts_new(rs);
	struct result *r = result_new(rs);
	int t = av(r, "trp");
	int32_t until;

	/* nothing known: every status line is unknown */
	CHECK_INT(run(rs, f, r, "2017-01-01"), RULES_OK);
	CHECK_INT(result_avenue_status(r, t), AV_UNKNOWN);
	CHECK_STR(deps_str(r, "trp"), "a,b,n,inel,pend,child,decided,filed,outcome");
	facts_set_bool(f, fi(rs, "b"), false);

	/* default: no rule opens it -> not_applicable with the generic reason */
	facts_set_bool(f, fi(rs, "n"), false);
	facts_set_bool(f, fi(rs, "inel"), false);
	facts_set_bool(f, fi(rs, "pend"), false);
	facts_set_bool(f, fi(rs, "a"), false);
	facts_set_enum(f, fi(rs, "outcome"), "accepted");
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_NOT_APPLICABLE);
	CHECK(tres_of(r, "trp")->nreasons >= 1 && tres_of(r, "trp")->reasons[0] == -1);
	CHECK_INT(r->nquestions, 0);
	/* terms are not reported when the avenue does not apply */
	CHECK_INT(result_term_rule(r, (int)(tres_of(r, "trp") - r->t), 0, NULL), -1);

	/* available; terms; the unknown ineligibility above makes it unknown */
	facts_set_bool(f, fi(rs, "a"), true);
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_AVAILABLE);
	CHECK(has_reason(r, "trp", "trp-open") && has_reason(r, "trp", "trp-terms"));
	const struct tvalue *v = NULL;
	int tt = (int)(tres_of(r, "trp") - r->t);
	CHECK(result_term_rule(r, tt, 0, &v) >= 0 && v && v->num == 0);
	facts_set_unknown(f, fi(rs, "inel"));
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_UNKNOWN);
	CHECK_STR(deps_str(r, "trp"), "inel");
	CHECK(result_term_rule(r, tt, 0, NULL) >= 0);      /* terms shown when unknown too */
	CHECK_INT(r->nquestions, 2);                        /* trp: inel; boc: filed */
	CHECK_INT(r->questions[0], fi(rs, "inel"));         /* tie: declaration order */
	CHECK_INT(r->questions[1], fi(rs, "filed"));
	/* an unknown rule below the matched line changes nothing */
	facts_set_bool(f, fi(rs, "inel"), true);
	facts_set_unknown(f, fi(rs, "pend"));
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_INELIGIBLE);
	CHECK_STR(deps_str(r, "trp"), "");
	/* the reasons of an ineligible avenue: not the rule that would open it, nor terms */
	facts_set_bool(f, fi(rs, "a"), true);
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_INELIGIBLE);
	CHECK(has_reason(r, "trp", "trp-inel") && !has_reason(r, "trp", "trp-open"));
	CHECK(!has_reason(r, "trp", "trp-terms"));
	/* not_applicable wins over everything, and only its own rules are reasons */
	facts_set_bool(f, fi(rs, "n"), true);
	run(rs, f, r, "2017-01-01");
	CHECK_INT(result_avenue_status(r, t), AV_NOT_APPLICABLE);
	CHECK(has_reason(r, "trp", "trp-na") && !has_reason(r, "trp", "trp-inel"));
	CHECK(!has_reason(r, "trp", "trp-open") && tres_of(r, "trp")->nreasons == 1);
	facts_set_bool(f, fi(rs, "a"), false);

	/* bars: the latest day wins, both are listed, the note refers to the bar */
	facts_clear(f);
	facts_set_bool(f, fi(rs, "n"), false);
	facts_set_bool(f, fi(rs, "inel"), false);
	facts_set_bool(f, fi(rs, "pend"), false);
	facts_set_bool(f, fi(rs, "a"), true);
	facts_set_bool(f, fi(rs, "b"), true);
	facts_set_enum(f, fi(rs, "outcome"), "rejected");
	facts_set_date(f, fi(rs, "decided"), D("2016-06-01"));
	facts_set_date(f, fi(rs, "filed"), D("2016-09-15"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_BARRED);
	CHECK(result_avenue_until(r, t, &until) && until == D("2017-06-01"));
	CHECK(has_reason(r, "trp", "trp-bar") && has_reason(r, "trp", "trp-bar-six"));
	/* barred: also what opens once the bar ends, the note and the terms */
	CHECK(has_reason(r, "trp", "trp-note") && has_reason(r, "trp", "trp-open"));
	CHECK(has_reason(r, "trp", "trp-terms"));
	/* unknown above a true bar: the bars, not the available rule */
	facts_set_unknown(f, fi(rs, "inel"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_UNKNOWN);
	CHECK(has_reason(r, "trp", "trp-bar") && !has_reason(r, "trp", "trp-open"));
	CHECK(has_reason(r, "trp", "trp-note") && has_reason(r, "trp", "trp-terms"));
	facts_set_bool(f, fi(rs, "inel"), false);
	/* last day of the 12 months, then the day after */
	run(rs, f, r, "2017-06-01");
	CHECK(result_avenue_status(r, t) == AV_BARRED && result_avenue_until(r, t, &until)
	      && until == D("2017-06-01"));
	CHECK(!has_reason(r, "trp", "trp-bar-six"));    /* lapsed on 2017-03-15 */
	run(rs, f, r, "2017-06-02");
	CHECK_INT(result_avenue_status(r, t), AV_AVAILABLE);
	CHECK(!has_reason(r, "trp", "trp-note"));
	/* an unknown bar that may lengthen the bar: barred, with its facts */
	facts_set_date(f, fi(rs, "filed"), D("2017-03-01"));
	facts_set_unknown(f, fi(rs, "b"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_BARRED);
	CHECK_STR(deps_str(r, "trp"), "b");
	CHECK(r->nquestions == 1 && r->questions[0] == fi(rs, "b"));
	/* ... but not when its known day is earlier */
	facts_set_date(f, fi(rs, "filed"), D("2016-07-01"));
	run(rs, f, r, "2016-11-24");
	CHECK_STR(deps_str(r, "trp"), "");
	/* months at 29 February (Interpretation Act s. 28) */
	facts_set_bool(f, fi(rs, "b"), false);
	facts_set_date(f, fi(rs, "decided"), D("2016-02-29"));
	facts_set_date(f, fi(rs, "filed"), D("2016-03-01"));
	run(rs, f, r, "2016-11-24");
	CHECK(result_avenue_until(r, t, &until) && until == D("2017-02-28"));
	/* unknown decision date: the bar's status is unknown on that fact alone */
	facts_set_unknown(f, fi(rs, "decided"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_UNKNOWN);
	CHECK_STR(deps_str(r, "trp"), "decided");

	/* while pending: until is null even with a dated bar */
	facts_set_date(f, fi(rs, "decided"), D("2016-06-01"));
	facts_set_bool(f, fi(rs, "pend"), true);
	facts_set_bool(f, fi(rs, "child"), false);
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_BARRED);
	CHECK(!result_avenue_until(r, t, &until));
	CHECK(tres_of(r, "trp")->pending);

	/* exceptions: true lifts the bar (and is a reason); unknown makes it unknown */
	facts_set_enum(f, fi(rs, "outcome"), "accepted");
	facts_set_bool(f, fi(rs, "child"), true);
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_AVAILABLE);
	CHECK(has_reason(r, "trp", "trp-child") && !has_reason(r, "trp", "trp-pending"));
	facts_set_unknown(f, fi(rs, "child"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_UNKNOWN);
	CHECK_STR(deps_str(r, "trp"), "child");
	/* the exception true while the rule's own condition is unknown: not a reason */
	facts_set_bool(f, fi(rs, "child"), true);
	facts_set_unknown(f, fi(rs, "pend"));
	run(rs, f, r, "2016-11-24");
	CHECK_INT(result_avenue_status(r, t), AV_AVAILABLE);
	CHECK(!has_reason(r, "trp", "trp-child"));
	/* the exception false while the rule's condition is false: not a reason either */
	facts_set_bool(f, fi(rs, "pend"), false);
	run(rs, f, r, "2016-11-24");
	CHECK(!has_reason(r, "trp", "trp-child"));

	/* deadlines: one due date (next working day), unknown, two -> error */
	facts_set_date(f, fi(rs, "filed"), D("2016-06-16"));  /* + 15 days = 2016-07-01, Canada Day */
	facts_set_bool(f, fi(rs, "inel"), false);
	CHECK_INT(run(rs, f, r, "2016-06-20"), RULES_OK);
	CHECK(tres_of(r, "boc")->has_due && tres_of(r, "boc")->due == D("2016-07-02"));
	facts_set_unknown(f, fi(rs, "a"));
	run(rs, f, r, "2016-06-20");
	CHECK(!tres_of(r, "boc")->has_due && tres_of(r, "boc")->undecided);
	CHECK(r->nquestions >= 1 && r->questions[0] == fi(rs, "a"));  /* trp and boc both need it */
	facts_set_bool(f, fi(rs, "a"), true);
	facts_set_bool(f, fi(rs, "b"), true);
	facts_set_bool(f, fi(rs, "inel"), true);
	CHECK_INT(run(rs, f, r, "2016-06-20"), RULES_ECHECK);
	CHECK(r->has_error && !tres_of(r, "boc")->has_due);
	CHECK_STR(rs->rules[r->err_rule2].id, "boc-due-two");

	result_free(r);
	facts_free(f);
}

/* ---- differential: the fast path vs the reference path ----
** (tests/unit/test_eval_fast.c does the same on more rule sets) */

static void test_differential(const struct ruleset *rs)
{
	struct facts *f = facts_new(rs);
	struct result *ref = result_new(rs), *r1 = result_new(rs), *r2 = result_new(rs);
	const unsigned all = EVAL_REASONS | EVAL_QUESTIONS;
	uint64_t seed = 42;
	int mismatches = 0;
	for (int iter = 0; iter < 3000; iter++) {
		ec_random_facts(f, &seed, 25, D("2015-06-01"), D("2017-11-17"), NULL, 0);
		int32_t as_of = D("2016-01-01") + (int32_t)ec_below(&seed, 700);
		enum rules_err e = rules_eval(rs, f, as_of, EVAL_REFERENCE | all, ref);
		mismatches += rules_eval(rs, f, as_of, 0, r1) != e;
		mismatches += rules_eval(rs, f, as_of, all, r2) != e;
		mismatches += ec_diff(ref, r1, 0) + ec_diff(ref, r2, all);
		/* every condition: compiled, memoised result = recursive, unmemoised one */
		mismatches += ec_cond_mismatches(rs, r2, f, as_of);
	}
	CHECK_INT(mismatches, 0);
	result_free(ref);
	result_free(r1);
	result_free(r2);
	facts_free(f);
}

/* ---- facts from JSON, constraints ---- */

static enum facts_err pj(struct facts *f, const char *json, enum lang l, struct facts_error *e)
{
	return facts_parse_json(f, json, strlen(json), l, e);
}

static void test_facts(const struct ruleset *rs)
{
	struct facts *f = facts_new(rs);
	struct facts_error e;
	CHECK_INT(pj(f, "{\"a\": true, \"outcome\": \"rejected\", \"decided\": \"2016-02-29\","
	                " \"amount\": 3.5, \"note_text\": \"ok\", \"b\": null}", LANG_EN, &e), FACTS_OK);
	CHECK(f->v[fi(rs, "a")].known && f->v[fi(rs, "a")].i == 1 && !f->v[fi(rs, "b")].known);
	CHECK_INT(f->v[fi(rs, "outcome")].i, 2);
	CHECK_INT(f->v[fi(rs, "decided")].i, D("2016-02-29"));
	CHECK_STR(f->v[fi(rs, "note_text")].str, "ok");

	CHECK_INT(pj(f, "[1]", LANG_EN, &e), FACTS_EJSON);
	CHECK_INT(pj(f, "{\"a\": tru}", LANG_EN, &e), FACTS_EJSON);
	CHECK(e.line == 1 && e.col > 0);
	CHECK_INT(pj(f, "{\"a\": true, \"a\": false}", LANG_EN, &e), FACTS_EJSON);
	CHECK_INT(pj(f, "{\n  \"colour\": true}", LANG_EN, &e), FACTS_EUNKNOWN);
	CHECK(strstr(e.msg, "colour") && strstr(e.msg, "line 2"));
	CHECK_INT(pj(f, "{\"Jane Doe 1990\": true}", LANG_EN, &e), FACTS_EUNKNOWN);
	CHECK(!strstr(e.msg, "Jane"));                        /* odd keys are not echoed */
	CHECK_INT(pj(f, "{\"a\": \"yes\"}", LANG_EN, &e), FACTS_ETYPE);
	CHECK(strstr(e.msg, "a: expected true, false or null") && !strstr(e.msg, "yes\""));
	CHECK_INT(pj(f, "{\"a\": 1}", LANG_EN, &e), FACTS_ETYPE);
	CHECK_INT(pj(f, "{\"b\": true, \"decided\": \"2016-02-30\"}", LANG_EN, &e), FACTS_EDATE);
	CHECK_STR(e.fact, "decided");
	CHECK(strstr(e.msg, "decided: not a real calendar day (expected YYYY-MM-DD)") != NULL);
	CHECK(!strstr(e.msg, "2016-02-30") && !strstr(e.msg, "02-30"));
	CHECK(!f->v[fi(rs, "b")].known);                     /* nothing half-applied */
	CHECK_INT(pj(f, "{\"decided\": \"June 1\"}", LANG_EN, &e), FACTS_EDATE);
	CHECK(!strstr(e.msg, "June"));
	CHECK_INT(pj(f, "{\"decided\": 20160601}", LANG_EN, &e), FACTS_ETYPE);
	CHECK_INT(pj(f, "{\"outcome\": \"lost\"}", LANG_EN, &e), FACTS_EVALUE);
	CHECK(strstr(e.msg, "outcome") && strstr(e.msg, "pending, accepted, rejected") && !strstr(e.msg, "lost"));
	CHECK_INT(pj(f, "{\"amount\": \"3\"}", LANG_EN, &e), FACTS_ETYPE);
	enum facts_err huge = pj(f, "{\"amount\": 1e999}", LANG_EN, &e);
	CHECK(huge == FACTS_EVALUE || huge == FACTS_ETOOBIG);   /* the JSON parser may refuse it */
	CHECK(strstr(e.msg, "too large") != NULL);
	char big[1200 + 32];
	memset(big, 'x', sizeof big);
	memcpy(big, "{\"note_text\": \"", 15);
	memcpy(big + 15 + 1100, "\"}", 3);
	CHECK_INT(pj(f, big, LANG_EN, &e), FACTS_ETOOBIG);
	CHECK(strstr(e.msg, "note_text") != NULL);
	enum facts_err nul = pj(f, "{\"note_text\": \"a\\u0000b\"}", LANG_EN, &e);
	CHECK(nul == FACTS_EVALUE || nul == FACTS_EJSON);
	/* French */
	CHECK_INT(pj(f, "{\"decided\": \"2016-02-30\"}", LANG_FR, &e), FACTS_EDATE);
	CHECK(strstr(e.msg, "decided") && strstr(e.msg, "ligne 1") && strstr(e.msg, "calendrier"));

	/* constraints, with the facts they read */
	CHECK_INT(pj(f, "{\"decided\": \"2016-01-01\", \"filed\": \"2016-02-01\"}", LANG_EN, &e), FACTS_OK);
	CHECK_INT(facts_check(f, D("2017-01-01"), LANG_EN, &e), FACTS_ECONSTRAINT);
	CHECK_STR(e.fact, "decided-after-filed");
	CHECK(strstr(e.msg, "dated before the claim") && strstr(e.msg, "decided, filed"));
	CHECK_INT(facts_check(f, D("2017-01-01"), LANG_FR, &e), FACTS_ECONSTRAINT);
	CHECK(strstr(e.msg, "datée d'avant") != NULL);
	CHECK_INT(pj(f, "{\"decided\": \"2016-03-01\"}", LANG_EN, &e), FACTS_OK);
	CHECK_INT(facts_check(f, D("2017-01-01"), LANG_EN, &e), FACTS_OK);  /* unknown: no error */
	CHECK_INT(facts_set_bool(f, fi(rs, "decided"), true), -1);
	CHECK_INT(facts_set_enum(f, fi(rs, "outcome"), "lost"), -1);
	CHECK_INT(facts_set_number(f, 999, 1), -1);
	facts_free(f);
}

/* ---- output ---- */

static size_t pos_of(const char *s, const char *key)
{
	const char *p = strstr(s, key);
	return p ? (size_t)(p - s) : (size_t)-1;
}

static void test_output(const struct ruleset *rs)
{
	struct facts *f = facts_new(rs);
	struct result *r = result_new(rs);
	struct facts_error e;
	struct buf b;
	CHECK_INT(pj(f, "{\"n\": false, \"inel\": false, \"pend\": false, \"a\": true, \"b\": false,"
	                " \"outcome\": \"rejected\", \"decided\": \"2016-06-01\", \"filed\": \"2016-05-20\"}",
	             LANG_EN, &e), FACTS_OK);
	CHECK_INT(run(rs, f, r, "2016-11-24"), RULES_OK);
	buf_init(&b, 1 << 20);
	CHECK_INT(result_write_json(r, LANG_EN, &b), 0);
	struct json_error je;
	struct json_doc *doc = json_parse(b.p, b.len, NULL, &je);
	CHECK(doc != NULL);
	if (doc) {
		const struct json_value *root = json_root(doc);
		CHECK_STR(json_get(root, "as_of")->text, "2016-11-24");
		const struct json_value *avs = json_get(root, "avenues");
		CHECK(avs && avs->type == JSON_ARRAY && avs->n == 2);
		const struct json_value *t0 = avs->items[0];
		CHECK_STR(json_get(t0, "id")->text, "trp");
		CHECK_STR(json_get(t0, "status")->text, "barred");
		CHECK_STR(json_get(t0, "until")->text, "2017-06-01");
		const struct json_value *terms = json_get(t0, "terms");
		CHECK(terms && terms->n == 3);
		CHECK(json_get(terms, "fee_cad")->type == JSON_NUMBER && json_get(terms, "fee_cad")->num == 0);
		CHECK_STR(json_get(terms, "initial_validity")->text, "P180D");
		CHECK(json_get(terms, "ifh")->type == JSON_BOOL && json_get(terms, "ifh")->b);
		const struct json_value *rsn = json_get(t0, "reasons");
		CHECK(rsn && rsn->n >= 3);
		CHECK_STR(json_get(rsn->items[0], "rule")->text, "trp-bar");
		CHECK_STR(json_get(rsn->items[0], "cite")->text, "IRPA 24(4); IRPR 1");
		CHECK_STR(json_get(rsn->items[0], "text")->text,
		          "Wait 12 months after the decision: until June 1, 2017.");
		CHECK(json_get(rsn->items[0], "unverified")->type == JSON_BOOL);
		CHECK(json_get(avs->items[1], "until")->type == JSON_NULL);
		CHECK(json_get(avs->items[1], "depends_on")->type == JSON_ARRAY);
		CHECK_INT(json_get(avs->items[1], "depends_on")->n, 0);
		const struct json_value *dl = json_get(root, "deadlines");
		CHECK(dl && dl->n == 1 && strcmp(json_get(dl->items[0], "due")->text, "2016-06-04") == 0);
		CHECK_STR(json_get(dl->items[0], "cite")->text, "IRPR 159.8");
		CHECK(json_get(root, "questions")->type == JSON_ARRAY);
		json_free(doc);
	}
	/* contract key order */
	const char *s = buf_str(&b);
	CHECK(pos_of(s, "\"as_of\"") < pos_of(s, "\"avenues\""));
	CHECK(pos_of(s, "\"avenues\"") < pos_of(s, "\"deadlines\""));
	CHECK(pos_of(s, "\"deadlines\"") < pos_of(s, "\"questions\""));
	CHECK(pos_of(s, "\"id\"") < pos_of(s, "\"status\""));
	CHECK(pos_of(s, "\"status\"") < pos_of(s, "\"until\""));
	CHECK(pos_of(s, "\"until\"") < pos_of(s, "\"terms\""));
	CHECK(pos_of(s, "\"terms\"") < pos_of(s, "\"reasons\""));
	CHECK(pos_of(s, "\"reasons\"") < pos_of(s, "\"depends_on\""));
	/* templating of as_of, enum labels and unknown names */
	CHECK(strstr(s, "Open on November 24, 2016; claim Refused.") != NULL);

	buf_reset(&b);
	CHECK_INT(result_write_text(r, LANG_EN, &b), 0);
	s = buf_str(&b);
	CHECK(strstr(s, "as of November 24, 2016") != NULL);
	CHECK(strstr(s, "Barred until June 1, 2017") != NULL);
	CHECK(strstr(s, "First permit valid for: 180 days") != NULL);
	CHECK(strstr(s, "[IRPA 24(4); IRPR 1]") != NULL);
	CHECK(strstr(s, "UNVERIFIED (Not confirmed.)") != NULL);
	CHECK(strstr(s, "provincial holidays are not counted") != NULL);
	CHECK(strstr(s, "This is legal information, not legal advice.") != NULL);
	buf_reset(&b);
	CHECK_INT(result_write_text(r, LANG_FR, &b), 0);
	s = buf_str(&b);
	CHECK(strstr(s, "jusqu'au 1er juin 2017") != NULL);
	CHECK(strstr(s, "Durée du premier permis : 180 jours") != NULL);
	CHECK(strstr(s, "NON VÉRIFIÉ (Non confirmé.)") != NULL);
	CHECK(strstr(s, "Ceci est de l'information juridique") != NULL);
	CHECK(strstr(s, "Barred") == NULL && strstr(s, "Why:") == NULL);
	/* unknown status in words, with its questions */
	facts_set_unknown(f, fi(rs, "inel"));
	run(rs, f, r, "2016-11-24");
	buf_reset(&b);
	result_write_text(r, LANG_EN, &b);
	CHECK(strstr(buf_str(&b), "Cannot tell yet") && strstr(buf_str(&b), "Is inel so?"));
	buf_reset(&b);
	result_write_json(r, LANG_FR, &b);
	doc = json_parse(b.p, b.len, NULL, &je);
	CHECK(doc != NULL);
	if (doc) {
		const struct json_value *q = json_get(json_root(doc), "questions");
		CHECK(q && q->n >= 1 && strcmp(json_get(q->items[0], "fact")->text, "inel") == 0);
		CHECK_STR(json_get(q->items[0], "text")->text, "Est-ce inel ?");
		json_free(doc);
	}
	buf_free(&b);
	result_free(r);
	facts_free(f);
}

/* ---- the test runner and coverage ---- */

static const char tr_rules[] =
	"ruleset tr\n  name en \"T\" fr \"T\"\n  covers from 2016-01-01\n\n"
	BOOLF("rej") DATEF("d") "\n"
	"avenue av\n  name en \"AV\" fr \"AV\"\n\n"
	"rule av-bar\n  avenue av\n  cites \"X 1\"\n  from 2019-06-21\n  when rej\n"
	"  then barred until d + 12 months\n  en \"Until {until}.\" fr \"Jusqu'au {until}.\"\n\n"
	"rule av-open\n  avenue av\n  cites \"X 2\"\n  from 2016-01-01\n  when not rej\n"
	"  then available\n  en \"Open.\" fr \"Ouverte.\"\n\n"
	"constraint d-too-old\n  when d < 2000-01-01\n  en \"Too old.\" fr \"Trop ancien.\"\n";

#define T_FROM "test \"from day\"\n  as of 2019-06-21\n  given rej = true, d = 2019-01-10\n" \
	"  expect av barred until 2020-01-10\n\n"
#define T_BEFORE "test \"day before\"\n  as of 2019-06-20\n  given rej = true, d = 2019-01-10\n" \
	"  expect av not_applicable\n\n"
#define T_LAST "test \"last day\"\n  as of 2021-02-28\n  given rej = true, d = 2020-02-29\n" \
	"  expect av barred until 2021-02-28\n  expect av reason av-bar\n\n"
#define T_AFTER "test \"day after\"\n  as of 2021-03-01\n  given rej = true, d = 2020-02-29\n" \
	"  expect av not_applicable\n\n"
#define T_MORE "test \"unknown\"\n  as of 2019-06-21\n  given d = 2019-01-10\n  expect av unknown\n" \
	"  expect av depends on rej\n  expect question rej\n\n" \
	"test \"impossible\"\n  as of 2019-06-21\n  given rej = false, d = 1999-01-01\n  expect error d-too-old\n\n"
#define T_OPEN "test \"open\"\n  as of 2019-06-21\n  given rej = false\n  expect av available\n" \
	"  expect av no reason av-bar\n\n"

static void run_tests_on(const char *tests, struct rules_test_report *rep, struct diaglist *d)
{
	struct rules_source src[2] = { { "t.rules", tr_rules, strlen(tr_rules) },
	                               { "t.test", tests, strlen(tests) } };
	struct ruleset *rs = NULL;
	memset(rep, 0, sizeof *rep);
	if (rules_load(src, 2, &rs, d) != RULES_OK) {
		diag_print(d, stderr);
		CHECK(rs != NULL);
		return;
	}
	rules_run_tests(rs, d, rep);
	rules_free(rs);
}

/* Errors only: warnings from other checks (style of citations...) do not count. */
static bool diag_has(const struct diaglist *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].error && strstr(d->v[i].msg, s)) return true;
	return false;
}

static const struct diag *first_error(const struct diaglist *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].error) return &d->v[i];
	return NULL;
}

static void test_runner(void)
{
	struct rules_test_report rep;
	struct diaglist d;
	diag_init(&d);
	run_tests_on(T_FROM T_BEFORE T_LAST T_AFTER T_OPEN T_MORE, &rep, &d);
	CHECK_INT(rep.tests, 7);
	CHECK_INT(rep.passed, 7);
	CHECK_INT(rep.failed, 0);
	CHECK_INT(rep.coverage_gaps, 0);
	if (d.nerrors) diag_print(&d, stderr);
	diag_free(&d);

	/* a wrong expectation fails, at its line, saying what was got */
	diag_init(&d);
	run_tests_on(T_FROM T_BEFORE T_LAST T_AFTER T_OPEN
	             "test \"wrong\"\n  as of 2019-06-21\n  given rej = true, d = 2019-01-10\n"
	             "  expect av available\n\n"
	             "test \"wrong too\"\n  as of 2019-06-21\n  given rej = false, d = 2019-01-10\n"
	             "  expect av depends on rej\n  expect question d\n  expect error d-too-old\n", &rep, &d);
	CHECK_INT(rep.failed, 2);
	CHECK(diag_has(&d, "expected av to depend on exactly rej, got available"));
	CHECK(diag_has(&d, "expected first question d, got no question"));
	CHECK(diag_has(&d, "expected error d-too-old, got no error"));
	CHECK_INT(rep.passed, 5);
	CHECK(diag_has(&d, "expected av available, got barred until 2020-01-10"));
	CHECK(first_error(&d) && first_error(&d)->line == 31
	      && strstr(first_error(&d)->msg, "test \"wrong\"") != NULL);
	diag_free(&d);

	/* coverage gaps: no day-before test, no 29 February, no lapsed bar */
	diag_init(&d);
	run_tests_on(T_FROM T_OPEN, &rep, &d);
	CHECK_INT(rep.failed, 0);
	CHECK_INT(rep.coverage_gaps, 1);    /* one rule version: av-bar */
	CHECK(diag_has(&d, "rule av-bar (version from 2019-06-21): no test on the day before it came"
	                   " into force (2019-06-20) with its condition true"));
	CHECK(diag_has(&d, "29 February"));
	CHECK(diag_has(&d, "the bar has lapsed"));
	CHECK(!diag_has(&d, "av-open"));
	diag_free(&d);
}

/* ---- reachability ---- */

static void test_reach(void)
{
	static const char dead[] =
		"ruleset r\n  name en \"R\" fr \"R\"\n  covers from 2016-01-01\n\n"
		BOOLF("p") BOOLF("q") "\navenue av\n  name en \"AV\" fr \"AV\"\n\n"
		RULE("r-dead", "av", "  when p and not p\n", "  then available\n", "never")
		RULE("r-live", "av", "  when p\n", "  then barred while pending\n", "live")
		RULE("r-always", "av", "  exception to r-live\n  when p or q\n", "", "always");
	struct rules_source src = { "r.rules", dead, strlen(dead) };
	struct ruleset *rs = NULL;
	struct diaglist d;
	diag_init(&d);
	CHECK(rules_load(&src, 1, &rs, &d) != RULES_OK);
	CHECK(diag_has(&d, "rule r-dead (version from 2016-01-01): its condition can never be true"));
	CHECK(diag_has(&d, "rule r-live (version from 2016-01-01): an exception defeats it"));
	CHECK(!diag_has(&d, "r-always"));
	rules_free(rs);
	diag_free(&d);
}

int main(void)
{
	struct ruleset *rs = load(core_rules, NULL);
	CHECK(rs != NULL);
	if (rs) {
		test_kleene(rs);
		test_combine(rs);
		test_differential(rs);
		test_facts(rs);
		test_output(rs);
		rules_free(rs);
	}
	RUN(test_runner);
	RUN(test_reach);
	TEST_END();
}
