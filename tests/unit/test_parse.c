/*
** test_parse.c — the rule language's lexer, parser and checker on small rule
** texts given inline: a valid set and its parsed structure, and each class of
** error with its file:line:col and message.
**
** Most error cases load a clean base file ("base.rules") plus the case's own
** text as "e.rules", so line numbers in the assertions are those of the case.
*/
#include <stdlib.h>
#include <string.h>

#include "../../src/rules/rulesInt.h"
#include "../../src/base/date.h"
#include "test.h"

static const char BASE[] =
	"ruleset t\n"
	"  name en \"Test set\" fr \"Jeu d'essai\"\n"
	"  covers from 2016-01-01\n"
	"\n"
	"fact outcome: one of pending, accepted, rejected\n"
	"  question en \"Outcome?\" fr \"Issue ?\"\n"
	"  help en \"H\" fr \"H\"\n"
	"  value pending en \"Pending\" fr \"En attente\"\n"
	"  value accepted en \"Accepted\" fr \"Acceptée\"\n"
	"  value rejected en \"Rejected\" fr \"Rejetée\"\n"
	"\n"
	"fact decided: date\n"
	"  question en \"When?\" fr \"Quand ?\"\n"
	"  help en \"H\" fr \"H\"\n"
	"\n"
	"fact flag: boolean\n"
	"  question en \"Flag?\" fr \"Drapeau ?\"\n"
	"  help en \"H\" fr \"H\"\n"
	"\n"
	"avenue av\n"
	"  name en \"Avenue\" fr \"Voie\"\n"
	"\n"
	"deadline dl\n"
	"  name en \"Deadline\" fr \"Échéance\"\n"
	"\n"
	"rule av-open\n"
	"  avenue av\n"
	"  cites \"X 1\" / \"X 1\"\n"
	"  from 2016-01-01\n"
	"  when flag\n"
	"  then available\n"
	"  en \"Open.\" fr \"Ouvert.\"\n"
	"\n"
	"rule av-bar\n"
	"  avenue av\n"
	"  cites \"X 2\" / \"X 2\"\n"
	"  from 2016-01-01\n"
	"  when outcome = rejected\n"
	"  then barred until decided + 12 months\n"
	"  en \"Barred until {until}.\" fr \"Interdit jusqu'au {until}.\"\n"
	"\n"
	"rule dl-due\n"
	"  deadline dl\n"
	"  cites \"X 3\" / \"X 3\"\n"
	"  from 2016-01-01\n"
	"  when outcome = pending\n"
	"  then due decided + 15 days\n"
	"  en \"Due.\" fr \"Dû.\"\n";

static struct diaglist D;
static struct ruleset *RS;

static enum rules_err load_n(const struct rules_source *src, size_t n)
{
	rules_free(RS);
	RS = NULL;
	diag_free(&D);
	diag_init(&D);
	return rules_load(src, n, &RS, &D);
}

/* base.rules plus one more file (e.rules, or a .test when name says so). */
static enum rules_err load_with(const char *name, const char *text)
{
	struct rules_source src[2] = {
		{ "base.rules", BASE, sizeof BASE - 1 },
		{ name, text, strlen(text) },
	};
	return load_n(src, 2);
}

static enum rules_err load_e(const char *text)
{
	return load_with("e.rules", text);
}

static enum rules_err load_only(const char *text)
{
	struct rules_source src = { "e.rules", text, strlen(text) };
	return load_n(&src, 1);
}

static const struct diag *find_diag(const char *sub)
{
	for (size_t i = 0; i < D.n; i++)
		if (strstr(D.v[i].msg, sub))
			return &D.v[i];
	return NULL;
}

static void dump_diags(void)
{
	diag_print(&D, stderr);
}

/* A diagnostic holding sub exists, in file e.rules (or file), at line:col. */
static void check_diag_at(const char *file, int line, int col, const char *sub, int srcline)
{
	const struct diag *g = find_diag(sub);

	if (!g) {
		test_failed++;
		fprintf(stderr, "%s:%d: no diagnostic containing \"%s\"; got:\n", __FILE__, srcline,
		        sub);
		dump_diags();
		return;
	}
	if (g->line == line && g->col == col && strcmp(g->file, file) == 0) {
		test_passed++;
	} else {
		test_failed++;
		fprintf(stderr, "%s:%d: \"%s\" at %s:%d:%d, expected %s:%d:%d\n", __FILE__, srcline,
		        sub, g->file, g->line, g->col, file, line, col);
	}
}
#define CHECK_DIAG(line, col, sub) check_diag_at("e.rules", (line), (col), (sub), __LINE__)
#define CHECK_DIAG_F(file, line, col, sub) check_diag_at((file), (line), (col), (sub), __LINE__)

static int32_t day(const char *iso)
{
	int32_t d = 0;
	date_parse(iso, strlen(iso), &d);
	return d;
}

/* ---- a valid set and its structure ---- */

static void test_valid_structure(void)
{
	const struct node *nd;
	const struct rule *bar, *exc;

	CHECK_INT(load_e(
		"rule av-exc\n"                                      /* 1 */
		"  avenue av\n"
		"  cites \"X 4\" / \"X 4\"\n"
		"    en \"https://example.org/en\"\n"
		"    fr \"https://example.org/fr\"\n"
		"  cites \"X 5\" / \"X 5\"\n"
		"  from before 2016-01-01\n"
		"  exception to av-bar\n"
		"  when flag and outcome in [rejected, accepted] and not (decided < 2017-01-01)\n"
		"  en \"A long explanation\"\n"                      /* 10 */
		"     \"wrapped over two lines.\"\n"
		"  fr \"Une explication.\"\n"
		"\n"
		"rule av-bar\n"
		"  avenue av\n"
		"  cites \"X 2\" / \"X 2\"\n"
		"  from 2010-01-01\n"
		"  until 2015-12-31\n"
		"  when outcome = rejected\n"
		"  then barred while pending\n"                      /* 20 */
		"  en \"Old.\" fr \"Ancien.\"\n"), RULES_OK);
	if (!RS) {
		dump_diags();
		return;
	}
	CHECK_STR(rules_name(RS), "t");
	CHECK_INT(rules_covers_from(RS), day("2016-01-01"));
	CHECK_INT(rules_count(RS), 5);
	CHECK_INT(rules_fact_count(RS), 3);
	CHECK_INT(rules_fact_index(RS, "decided"), 1);
	CHECK_INT(rules_fact_index(RS, "nope"), -1);
	CHECK_STR(rules_fact_name(RS, 2), "flag");
	CHECK(rules_fact_name(RS, 3) == NULL);
	CHECK_INT(RS->ngroups, 4);
	CHECK_INT(RS->ntargets, 2);
	CHECK_INT(RS->facts[0].type, FT_ENUM);
	CHECK_INT(RS->facts[0].nvals, 3);
	CHECK_STR(RS->facts[0].val_labels[1].fr, "Acceptée");
	CHECK_STR(RS->title.fr, "Jeu d'essai");

	/* av-bar has two versions: base's (index 1) and e.rules' (index 4). */
	CHECK_INT(RS->groups[RS->rules[1].group].n, 2);
	CHECK_INT(RS->rules[4].group, RS->rules[1].group);
	bar = &RS->rules[1];
	CHECK_INT(bar->oc, OC_BARRED_UNTIL);
	CHECK_INT(bar->target, 0);
	nd = &RS->nodes[bar->oc_expr];
	CHECK_INT(nd->op, N_ADD_MONTHS);
	CHECK_INT(nd->k, 12);
	CHECK_INT(nd->type, FT_DATE);
	CHECK_INT(RS->nodes[nd->a].op, N_FACT);
	CHECK_INT(RS->nodes[nd->a].a, 1);
	nd = &RS->nodes[bar->cond];
	CHECK_INT(nd->op, N_EQ);
	CHECK_INT(RS->nodes[nd->b].op, N_CONST);
	CHECK_INT(RS->nodes[nd->b].type, FT_ENUM);
	CHECK_INT(RS->nodes[nd->b].k, 2);
	CHECK_INT(RS->nodes[nd->b].efact, 0);
	CHECK_INT(RS->rules[4].oc, OC_BARRED_PENDING);
	CHECK(RS->rules[4].has_until);
	CHECK_INT(RS->rules[4].until, day("2015-12-31"));
	CHECK_INT(RS->rules[2].oc, OC_DUE);
	CHECK_INT(RS->nodes[RS->rules[2].oc_expr].op, N_ADD_DAYS);
	CHECK_INT(RS->nodes[RS->rules[2].oc_expr].k, 15);

	/* the exception defeats both versions; both know it */
	exc = &RS->rules[3];
	CHECK_STR(exc->id, "av-exc");
	CHECK_INT(exc->oc, OC_NONE);
	CHECK_INT(exc->ndefeats, 2);
	CHECK(exc->ndefeats == 2 && exc->defeats[0] == 1 && exc->defeats[1] == 4);
	CHECK_INT(RS->rules[1].ndefeated_by, 1);
	CHECK_INT(RS->rules[4].ndefeated_by, 1);
	CHECK(RS->rules[4].ndefeated_by == 1 && RS->rules[4].defeated_by[0] == 3);
	CHECK(exc->from_before);
	CHECK_INT(exc->ncites, 2);
	CHECK_STR(exc->cites[0].url_fr, "https://example.org/fr");
	CHECK(exc->cites[1].url_en == NULL);
	CHECK_STR(exc->text.en, "A long explanation wrapped over two lines.");
	CHECK_INT(exc->pos.line, 1);
	CHECK_INT(exc->pos.file, 1);

	/* when flag and outcome in [...] and not (...): one AND of three */
	nd = &RS->nodes[exc->cond];
	CHECK_INT(nd->op, N_AND);
	CHECK_INT(nd->nargs, 3);
	if (nd->nargs == 3) {
		const struct node *in = &RS->nodes[RS->args[nd->args + 1]];
		const struct node *no = &RS->nodes[RS->args[nd->args + 2]];
		CHECK_INT(in->op, N_IN);
		CHECK_INT(in->mask, (1u << 2) | (1u << 1));
		CHECK_INT(no->op, N_NOT);
		CHECK_INT(RS->nodes[no->a].op, N_LT);
		CHECK_INT(RS->nodes[RS->nodes[no->a].b].k, day("2017-01-01"));
	}
	CHECK(strcmp(rules_line_start(RS, exc->pos), "rule av-exc\n  avenue") != 0 &&
	      strncmp(rules_line_start(RS, exc->pos), "rule av-exc\n", 12) == 0);
	CHECK_INT(D.nerrors, 0);
	CHECK_INT(D.nwarnings, 0);
}

static void test_expressions(void)
{
	const struct rule *ru;
	const struct node *nd;

	CHECK_INT(load_e(
		"fact kind: one of a, b\n"
		"  question en \"K\" fr \"K\"\n"
		"  help en \"H\" fr \"H\"\n"
		"  value a en \"A\" fr \"A\"\n"
		"  value b en \"B\" fr \"B\"\n"
		"fact amount: number\n"
		"  question en \"K\" fr \"K\"\n"
		"  help en \"H\" fr \"H\"\n"
		"fact note_text: text\n"
		"  question en \"K\" fr \"K\"\n"
		"  help en \"H\" fr \"H\"\n"
		"term fee: number\n"
		"  name en \"Fee\" fr \"Frais\"\n"
		"term valid: duration\n"
		"  name en \"Valid\" fr \"Valide\"\n"
		"term health: boolean\n"
		"  name en \"Health\" fr \"Santé\"\n"
		"rule av-x\n"
		"  avenue av\n"
		"  cites \"X\" / \"X\"\n"
		"  from 2016-01-01\n"
		"  when rule av-open or (amount >= 12.5 and note_text != \"x\")\n"
		"    or kind not in [b] or if flag then kind = a else rejected = outcome\n"
		"  then terms fee 550, valid P1Y6M, health = true\n"
		"  en \"E\" fr \"F\"\n"
		"rule dl-x\n"
		"  deadline dl\n"
		"  cites \"X\" / \"X\"\n"
		"  from 2016-01-01 until 2020-02-29\n"
		"  when latest(decided, as_of - 1 year) > earliest(decided + 2 days, 2019-01-01)\n"
		"  then due next_working_day(decided - 3 months)\n"
		"  en \"E\" fr \"F\"\n"), RULES_OK);
	if (!RS) {
		dump_diags();
		return;
	}
	ru = &RS->rules[3];
	CHECK_STR(ru->id, "av-x");
	CHECK_INT(ru->oc, OC_TERMS);
	CHECK_INT(ru->nterms, 3);
	if (ru->nterms == 3) {
		CHECK_INT(ru->terms[0].v.num, 550);
		CHECK_STR(ru->terms[1].v.str, "P1Y6M");
		CHECK_INT(ru->terms[1].v.type, FT_DURATION);
		CHECK(ru->terms[2].v.b);
	}
	nd = &RS->nodes[ru->cond];
	CHECK_INT(nd->op, N_OR);
	CHECK_INT(nd->nargs, 4);
	if (nd->nargs == 4) {
		const struct node *r = &RS->nodes[RS->args[nd->args]];
		const struct node *ni = &RS->nodes[RS->args[nd->args + 2]];
		const struct node *iff = &RS->nodes[RS->args[nd->args + 3]];
		CHECK_INT(r->op, N_RULE);
		CHECK_INT(r->k, RS->rules[0].group);
		CHECK_INT(ni->op, N_NOT_IN);
		CHECK_INT(ni->mask, 2);
		CHECK_INT(iff->op, N_IF);
		CHECK_INT(iff->type, FT_BOOL);
		/* rejected = outcome: the bare value takes outcome's enumeration */
		CHECK_INT(RS->nodes[RS->nodes[iff->c].a].k, 2);
		CHECK_INT(RS->nodes[RS->nodes[iff->c].a].efact, 0);
	}
	ru = &RS->rules[4];
	CHECK_INT(ru->until, day("2020-02-29"));
	nd = &RS->nodes[ru->oc_expr];
	CHECK_INT(nd->op, N_NEXT_WORKING_DAY);
	CHECK_INT(RS->nodes[nd->a].op, N_ADD_MONTHS);
	CHECK_INT(RS->nodes[nd->a].k, -3);
	nd = &RS->nodes[ru->cond];
	CHECK_INT(nd->op, N_GT);
	CHECK_INT(RS->nodes[nd->a].op, N_LATEST);
	CHECK_INT(RS->nodes[nd->a].nargs, 2);
	CHECK_INT(RS->nodes[RS->args[RS->nodes[nd->a].args + 1]].k, -12);
	CHECK_INT(RS->nodes[nd->b].op, N_EARLIEST);
}

static void test_tests(void)
{
	const struct test_case *tc;

	CHECK_INT(load_with("e.test",
		"# tests\n"
		"test \"bar: last day\"\n"
		"  as of 2017-06-01\n"
		"  given flag = true, outcome = rejected\n"
		"  given decided = 2016-06-01\n"
		"  expect av barred until 2017-06-01\n"
		"  expect av reason av-bar\n"
		"  expect av no reason av-open\n"
		"  expect av unknown\n"
		"  expect av depends on flag, decided\n"
		"  expect deadline dl due 2016-06-16\n"
		"  expect deadline dl none\n"
		"  expect question decided\n"
		"  expect av barred until none\n"
		"  expect av not_applicable\n"), RULES_OK);
	if (!RS) {
		dump_diags();
		return;
	}
	CHECK_INT(RS->ntests, 1);
	tc = &RS->tests[0];
	CHECK_STR(tc->name, "bar: last day");
	CHECK_INT(tc->as_of, day("2017-06-01"));
	CHECK_INT(tc->ngiven, 3);
	CHECK_INT(tc->given[1].fact, 0);
	CHECK_INT(tc->given[1].value.i, 2);
	CHECK_INT(tc->given[2].value.i, day("2016-06-01"));
	CHECK_INT(tc->nexpects, 10);
	if (tc->nexpects == 10) {
		CHECK_INT(tc->expects[0].kind, EX_STATUS);
		CHECK_INT(tc->expects[0].status, AV_BARRED);
		CHECK(tc->expects[0].has_until && !tc->expects[0].until_none);
		CHECK_INT(tc->expects[0].until, day("2017-06-01"));
		CHECK_INT(tc->expects[1].kind, EX_REASON);
		CHECK_INT(tc->expects[1].group, RS->rules[1].group);
		CHECK(tc->expects[2].negate);
		CHECK_INT(tc->expects[3].status, AV_UNKNOWN);
		CHECK_INT(tc->expects[4].kind, EX_DEPENDS);
		CHECK_INT(tc->expects[4].nfacts, 2);
		CHECK_INT(tc->expects[5].kind, EX_DUE);
		CHECK_INT(tc->expects[5].target, 1);
		CHECK(tc->expects[6].until_none);
		CHECK_INT(tc->expects[7].kind, EX_QUESTION);
		CHECK_INT(tc->expects[7].fact, 1);
		CHECK(tc->expects[8].until_none);
		CHECK_INT(tc->expects[9].status, AV_NOT_APPLICABLE);
		CHECK_INT(tc->expects[5].pos.line, 11);
	}
}

/* ---- errors: lexical ---- */

static void test_lex_errors(void)
{
	CHECK_INT(load_e("rule x\n  from 2016-02-30\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 8, "2016-02-30 is not a real day");
	CHECK(find_diag("29 days") != NULL);

	CHECK_INT(load_e("rule x\n  from 2017-13-01\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 8, "no month 13");

	CHECK_INT(load_e("rule x\n  from 2016-1-01\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 8, "is not a date");

	CHECK_INT(load_e("fact f: boolean\n\tquestion en \"Q\" fr \"Q\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 1, "tab character");

	CHECK_INT(load_e("fact f: boolean\n  question en \"What? fr Q\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 15, "unterminated string");

	CHECK_INT(load_e("fact f: boolean\n  question en \"a \\n\" fr \"Q\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 18, "unknown escape");

	CHECK_INT(load_e("fact Flag: boolean\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 6, "lower case");

	CHECK_INT(load_e("rule x\n  when flag == true\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 13, "single '='");

	CHECK_INT(load_e("term t: duration\n  name en \"é\" fr \"x\" \xE2\x80\x9C\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 22, "unexpected '\xE2\x80\x9C'");

	CHECK_INT(load_e("rule x\n  then terms fee P1X\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 18, "malformed duration");

	CHECK_INT(load_e("rule x\n  when decided + 12months > as_of\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 18, "malformed number");

	CHECK_INT(load_e("fact f: text\n  help en \"ok\xff\" fr \"x\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 14, "invalid UTF-8");

	/* a NUL byte is just a bad character, never the end of the text */
	{
		static const char nul[] = "rule x\n  from \0 2016-01-01\n";
		struct rules_source src = { "e.rules", nul, sizeof nul - 1 };
		CHECK_INT(load_n(&src, 1), RULES_ESYNTAX);
		CHECK_DIAG(2, 8, "control character");
	}
}

/* ---- errors: syntax and recovery ---- */

static void test_syntax_errors(void)
{
	/* The condition stops at a clause keyword of the rule's own indentation. */
	CHECK_INT(load_e(
		"rule x-1\n"
		"  avenue av\n"
		"  cites \"A\" / \"A\"\n"
		"  from 2016-01-01\n"
		"  when flag and\n"
		"  then available\n"
		"  en \"E\" fr \"F\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(5, 13, "expected an expression, found the end of the line");

	CHECK_INT(load_e("rule x\n  when (flag or outcome = accepted\n  then available\n"),
	          RULES_ESYNTAX);
	CHECK_DIAG(2, 27, "expected ')' to close the '(' at line 2, column 8");

	CHECK_INT(load_e("rule x\n  when flag\n  than available\n"), RULES_ESYNTAX);
	CHECK_DIAG(3, 3, "expected a clause of this rule block");

	CHECK_INT(load_e("  when flag\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 3, "indented but no block is open");

	CHECK_INT(load_e("rules x\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 1, "expected a block keyword");

	CHECK_INT(load_e("rule x\n  avenue av\n  when flag\n  when flag\n"), RULES_ESYNTAX);
	CHECK_DIAG(4, 3, "a second 'when' clause");

	CHECK_INT(load_e("rule x\n  when flag then\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 13, "expected an outcome after 'then'");

	CHECK_INT(load_e("rule x\n  when flag < < 2\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 15, "expected an expression, found '<'");

	CHECK_INT(load_e("rule x\n  when a < b < c\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 14, "unexpected '<' after the 'when' clause");

	CHECK_INT(load_e("fact f\n  question en \"Q\" fr \"Q\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 6, "expected ':' and the fact's type");

	CHECK_INT(load_e("fact f: string\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 9, "expected a fact type");

	CHECK_INT(load_e("fact and: boolean\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 6, "reserved word");

	CHECK_INT(load_e("fact a-b: boolean\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 6, "only rule and constraint ids may contain '-'");

	CHECK_INT(load_e("rule x\n  when decided-12 < as_of\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 8, "put spaces around '-'");

	CHECK_INT(load_e("test \"t\"\n  as of 2016-01-01\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 1, "test blocks belong in .test files");

	CHECK_INT(load_with("e.test", "fact g: boolean\n"), RULES_ESYNTAX);
	CHECK_DIAG_F("e.test", 1, 1, "a .test file holds only test blocks");

	CHECK_INT(load_e("ruleset again\n  covers from 2016-01-01\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 1, "a second ruleset block");

	/* Recovery: one error per broken block, and the blocks after still parse. */
	CHECK_INT(load_e(
		"fact f1: boolean\n"
		"  question en \"Q\"\n"
		"  help en \"H\" fr \"H\"\n"
		"fact f2: one of x, x\n"
		"fact f3: boolean\n"
		"  question en \"Q\" fr \"Q\"\n"
		"  help en \"H\" fr \"H\"\n"
		"  value x en \"X\" fr \"X\"\n"
		"rule r\n"
		"  when f1 and f3 and 2016-02-31 < decided\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 3, "the question has no French text");
	CHECK_DIAG(4, 20, "value 'x' is listed twice");
	CHECK_DIAG(8, 3, "'value' labels the values of a 'one of' fact");
	CHECK_DIAG(10, 22, "2016-02-31 is not a real day");
	CHECK_INT(D.nerrors, 4);

	/* reported in file order, although names are resolved in a second pass */
	CHECK_INT(load_e("rule r\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n  when fleg\n"
	                 "  then available\n  en \"E\" fr \"F\"\nfact x: one of a, a\n"),
	          RULES_ESYNTAX);
	CHECK(D.n == 2 && D.v[0].line == 5 && D.v[1].line == 8);
}

/* ---- errors: names and types ---- */

static void test_name_type_errors(void)
{
	static const char head[] = "rule x\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n";
	char buf[512];

#define RULE_WITH(tail) (snprintf(buf, sizeof buf, "%s%s", head, (tail)), buf)
	CHECK_INT(load_e(RULE_WITH("  when fleg\n  then available\n  en \"E\" fr \"F\"\n")),
	          RULES_ESYNTAX);
	CHECK_DIAG(5, 8, "undeclared fact 'fleg'");

	CHECK_INT(load_e(RULE_WITH("  when outcome = refused\n  then available\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 18, "fact 'outcome' has no value 'refused'; its values are: pending, "
	           "accepted, rejected");

	CHECK_INT(load_e(RULE_WITH("  when outcome in [accepted, refused]\n  then available\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 30, "has no value 'refused'");

	CHECK_INT(load_e(RULE_WITH("  when decided = flag\n  then available\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 16, "'=' compares a date with true/false");

	CHECK_INT(load_e(RULE_WITH("  when decided\n  then available\n  en \"E\" fr \"F\"\n")),
	          RULES_ESYNTAX);
	CHECK_DIAG(5, 8, "the condition after 'when' must be true/false, but 'decided' is a date");

	CHECK_INT(load_e(RULE_WITH("  when flag\n  then barred until flag\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(6, 21, "the last day after 'barred until' must be a date");

	CHECK_INT(load_e(RULE_WITH("  when outcome + 3 days < as_of\n  then available\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 8, "a period is added to a date");

	CHECK_INT(load_e(RULE_WITH("  when flag < true\n  then available\n"
	                           "  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 13, "'<' orders dates or numbers");

	CHECK_INT(load_e(RULE_WITH("  when rejected\n  then available\n  en \"E\" fr \"F\"\n")),
	          RULES_ESYNTAX);
	CHECK_DIAG(5, 8, "'rejected' is a value of fact 'outcome', not a fact");

	CHECK_INT(load_e(RULE_WITH("  when rule nope\n  then available\n  en \"E\" fr \"F\"\n")),
	          RULES_ESYNTAX);
	CHECK_DIAG(5, 8, "no rule 'nope'");

	CHECK_INT(load_e(RULE_WITH("  then due decided\n  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 3, "'due' is the outcome of deadline rules");

	CHECK_INT(load_e("rule y\n  deadline dl\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  then available\n  en \"E\" fr \"F\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(5, 3, "a deadline rule's outcome is 'due DATE'");

	CHECK_INT(load_e("rule y\n  avenue dl\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  then available\n  en \"E\" fr \"F\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(2, 10, "'dl' is a deadline, not an avenue");

	CHECK_INT(load_e("term fee: number\n  name en \"F\" fr \"F\"\n" "rule y\n  avenue av\n"
	                 "  cites \"A\" / \"A\"\n  from 2016-01-01\n  then terms fee true\n"
	                 "  en \"E\" fr \"F\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(7, 18, "term 'fee' is a number, but the value given is true/false");

	CHECK_INT(load_e(RULE_WITH("  exception to nope\n  en \"E\" fr \"F\"\n")), RULES_ESYNTAX);
	CHECK_DIAG(5, 16, "exception to unknown rule 'nope'");

	CHECK_INT(load_e("fact outcome: boolean\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 6, "fact 'outcome' is already declared at base.rules:5");

	/* test files: given values typed against the declarations */
	CHECK_INT(load_with("e.test", "test \"t\"\n  as of 2016-06-01\n"
	                    "  given outcome = refused, flag = 2016-01-01\n"
	                    "  expect av reason dl-due\n  expect nope available\n"),
	          RULES_ESYNTAX);
	CHECK_DIAG_F("e.test", 3, 19, "fact 'outcome' has no value 'refused'; its values are");
	CHECK_DIAG_F("e.test", 3, 35, "fact 'flag' is true/false, but the value given is a date");
	CHECK_DIAG_F("e.test", 4, 20, "rule 'dl-due' is about 'dl', not 'av'");
	CHECK_DIAG_F("e.test", 5, 10, "no avenue 'nope'");
#undef RULE_WITH
}

/* ---- errors: the checker ---- */

static void test_check_errors(void)
{
	CHECK_INT(load_e("rule x\n  avenue av\n  from 2016-01-01\n  then available\n"
	                 "  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "rule 'x' cites nothing");

	CHECK_INT(load_e("rule x\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  then available\n  en \"E\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "rule 'x' has no French explanation");

	CHECK_INT(load_e("rule x\n  avenue av\n  cites \"A\" / \"A\"\n  then available\n"
	                 "  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "rule 'x' has no 'from' date");

	CHECK_INT(load_e("rule x\n  avenue av\n  cites \"A\" / \"A\"\n  from 2019-06-21\n"
	                 "  until 2019-06-20\n  then available\n  en \"E\" fr \"F\"\n"),
	          RULES_ECHECK);
	CHECK_DIAG(5, 3, "ends (until 2019-06-20) before it starts (from 2019-06-21)");

	CHECK_INT(load_e("fact g: one of a, b\n  question en \"Q\" fr \"Q\"\n"
	                 "  value a en \"A\" fr \"A\"\n" "rule x\n  avenue av\n  cites \"A\" / \"A\"\n"
	                 "  from 2016-01-01\n  when g = b\n  then note\n  en \"E\" fr \"F\"\n"),
	          RULES_ECHECK);
	CHECK_DIAG(1, 1, "fact 'g' has no help text");
	CHECK_DIAG(1, 1, "fact 'g' has no label for value 'b'");

	/* overlapping versions name both positions */
	CHECK_INT(load_e("rule av-open\n  avenue av\n  cites \"X 1\" / \"X 1\"\n  from 2015-01-01\n"
	                 "  until 2016-01-01\n  when flag\n  then available\n"
	                 "  en \"Open.\" fr \"Ouvert.\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "versions of rule 'av-open' overlap: this one (from 2015-01-01 until "
	           "2016-01-01) and the one at base.rules:26 (from 2016-01-01) are both in force "
	           "on 2016-01-01");

	/* cycle through `rule` references */
	CHECK_INT(load_e("rule c-a\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  when rule c-b\n  then note\n  en \"E\" fr \"F\"\n"
	                 "rule c-b\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  when rule c-a\n  then note\n  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "cycle");
	CHECK(find_diag("'c-a' -> 'c-b' -> 'c-a'") != NULL);

	/* an exception that lifts itself is a cycle too */
	CHECK_INT(load_e("rule s\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  exception to s\n  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "'s' -> 's'");

	/* ... reported once however many versions repeat the edge */
	CHECK_INT(load_e("rule s\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n  until 2016-12-31\n"
	                 "  exception to s\n  en \"E\" fr \"F\"\n"
	                 "rule s\n  avenue av\n  cites \"A\" / \"A\"\n  from 2017-01-01\n"
	                 "  exception to s\n  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_INT(D.nerrors, 1);
	CHECK_DIAG(1, 1, "cycle");

	/* an exception to a rule about another target */
	CHECK_INT(load_e("rule e\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  exception to dl-due\n  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "rule 'e' is an exception to 'dl-due', which is about 'dl', not 'av'");

	/* an avenue no rule can open */
	CHECK_INT(load_e("avenue closed\n  name en \"C\" fr \"C\"\n" "rule cl\n  avenue closed\n"
	                 "  cites \"A\" / \"A\"\n  from 2016-01-01\n  then ineligible\n"
	                 "  en \"E\" fr \"F\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "outcomes that no condition can reach");

	/* unused declarations are warnings, not errors */
	CHECK_INT(load_e("fact spare: boolean\n  question en \"Q\" fr \"Q\"\n  help en \"H\" fr \"H\"\n"
	                 "term t: boolean\n  name en \"T\" fr \"T\"\n"), RULES_OK);
	CHECK_DIAG(1, 1, "fact 'spare' is declared but no rule");
	CHECK_DIAG(4, 1, "term 't' is declared but no rule gives it");
	CHECK(!find_diag("spare") || !find_diag("spare")->error);
	CHECK_INT(D.nerrors, 0);

	/* no ruleset block at all */
	CHECK_INT(load_only("fact f: boolean\n  question en \"Q\" fr \"Q\"\n  help en \"H\" fr \"H\"\n"),
	          RULES_ECHECK);
	CHECK(find_diag("no ruleset block") != NULL);
}

static void test_constraints_lists(void)
{
	const struct node *nd;

	CHECK_INT(load_e("constraint decided-after\n  when decided < 2000-01-01 and flag\n"
	                 "  en \"Impossible.\"\n  fr \"Impossible.\"\n"
	                 "rule l\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n"
	                 "  when decided not in [2016-01-01, 2017-01-01]\n  then note\n"
	                 "  en \"Until {until}\" fr \"F {x}\"\n"), RULES_OK);
	if (RS) {
		CHECK_INT(RS->nconstraints, 1);
		CHECK_STR(RS->constraints[0].id, "decided-after");
		CHECK_INT(RS->nodes[RS->constraints[0].cond].op, N_AND);
		nd = &RS->nodes[RS->rules[3].cond];
		CHECK_INT(nd->op, N_NOT_IN);
		CHECK_INT(nd->nargs, 2);
		CHECK_INT(RS->nodes[RS->args[nd->args + 1]].k, day("2017-01-01"));
	}
	CHECK_DIAG(5, 1, "{until} has a value only in 'barred until' rules");
	CHECK_DIAG(5, 1, "unknown placeholder");
	CHECK_INT(D.nwarnings, 2);

	CHECK_INT(load_e("constraint c\n  en \"E\"\n"), RULES_ECHECK);
	CHECK_DIAG(1, 1, "constraint 'c' has no 'when' condition");
	CHECK_DIAG(1, 1, "constraint 'c' has no French message");

	/* rules complete enough to be compiled: "rule l / avenue av / then note" */
	CHECK_INT(load_e("rule l\n  avenue av\n  then note\n  when decided in [pending]\n"),
	          RULES_ESYNTAX);
	CHECK_DIAG(4, 20, "the list holds 'pending', but 'decided' is a date");

	CHECK_INT(load_e("rule l\n  avenue av\n  then note\n  when av or flag\n"), RULES_ESYNTAX);
	CHECK_DIAG(4, 8, "'av' is an avenue, not a fact");

	CHECK_INT(load_e("rule l\n  avenue av\n  then note\n  when av-open\n"), RULES_ESYNTAX);
	CHECK_DIAG(4, 8, "write 'rule av-open'");

	/* a fact whose header failed: one message, none where it is used */
	CHECK_INT(load_e("fact g: oops\nrule l\n  avenue av\n  then note\n  when g and rule g\n"),
	          RULES_ESYNTAX);
	CHECK_INT(D.nerrors, 2);
	CHECK_DIAG(1, 9, "expected a fact type");
	CHECK_DIAG(5, 14, "no rule 'g'");

	CHECK_INT(load_with("e.test", "test \"t\"\n  as of 2016-06-01\n  expect error nope\n"
	                    "  expect deadline av none\n"), RULES_ESYNTAX);
	CHECK_DIAG_F("e.test", 3, 16, "no constraint 'nope'");
	CHECK_DIAG_F("e.test", 4, 19, "'av' is an avenue, not a deadline");
}

/* ---- caps ---- */

static void test_caps(void)
{
	char *big = malloc(RULES_MAX_FILE_BYTES + 64);
	size_t n = 0;

	if (!big) {
		CHECK(big != NULL);
		return;
	}
	/* 65 values in one enumeration */
	n = (size_t)snprintf(big, 64, "fact f: one of v0");
	for (int i = 1; i <= RULES_MAX_ENUM; i++)
		n += (size_t)snprintf(big + n, 16, ", v%d", i);
	big[n++] = '\n';
	big[n] = '\0';
	CHECK_INT(load_e(big), RULES_ETOOBIG);
	CHECK_DIAG(1, 326, "more than 64 values in one enumeration");

	/* 65 nested parentheses */
	n = (size_t)snprintf(big, 64, "rule x\n  when ");
	for (int i = 0; i < RULES_MAX_DEPTH + 1; i++)
		big[n++] = '(';
	n += (size_t)snprintf(big + n, 16, "flag");
	for (int i = 0; i < RULES_MAX_DEPTH + 1; i++)
		big[n++] = ')';
	big[n++] = '\n';
	big[n] = '\0';
	CHECK_INT(load_e(big), RULES_ETOOBIG);
	CHECK(find_diag("nested more than 64 levels") != NULL);

	/* a string of 4097 bytes */
	n = (size_t)snprintf(big, 64, "avenue a\n  name en \"");
	memset(big + n, 'x', RULES_MAX_STRING + 1);
	n += RULES_MAX_STRING + 1;
	n += (size_t)snprintf(big + n, 32, "\" fr \"y\"\n");
	CHECK_INT(load_e(big), RULES_ETOOBIG);
	CHECK_DIAG(2, 11, "string longer than 4096 bytes");

	/* a name of 64 characters */
	n = (size_t)snprintf(big, 64, "fact ");
	memset(big + n, 'a', RULES_MAX_NAME + 1);
	n += RULES_MAX_NAME + 1;
	n += (size_t)snprintf(big + n, 32, ": boolean\n");
	CHECK_INT(load_e(big), RULES_ETOOBIG);
	CHECK_DIAG(1, 6, "name longer than 63 characters");

	/* a file over 1 MiB */
	memset(big, '#', RULES_MAX_FILE_BYTES + 1);
	{
		struct rules_source src = { "big.rules", big, RULES_MAX_FILE_BYTES + 1 };
		CHECK_INT(load_n(&src, 1), RULES_ETOOBIG);
		CHECK(find_diag("larger than 1048576 bytes") != NULL);
	}

	/* 65 files */
	{
		struct rules_source src[RULES_MAX_FILES + 1];
		for (int i = 0; i <= RULES_MAX_FILES; i++) {
			src[i].name = "f.rules";
			src[i].text = "";
			src[i].len = 0;
		}
		CHECK_INT(load_n(src, RULES_MAX_FILES + 1), RULES_ETOOBIG);
		CHECK(find_diag("at most 64") != NULL);
	}
	free(big);
}

static void test_text_forms(void)
{
	char *big;
	size_t n = 0;

	/* a byte order mark and CRLF line ends are accepted */
	CHECK_INT(load_e("\xEF\xBB\xBF# crlf\r\nfact g: boolean\r\n  question en \"Q\" fr \"Q\"\r\n"
	                 "  help en \"H\"\r\n       fr \"H\"\r\n"), RULES_OK);
	CHECK(find_diag("fact 'g' is declared") != NULL);
	CHECK_DIAG(2, 1, "fact 'g' is declared");

	/* the French part of 'unverified' at the clause's own indentation is the
	** rule's French explanation, so 'unverified' lacks its own */
	CHECK_INT(load_e("rule u\n  avenue av\n  cites \"A\" / \"A\"\n  from 2016-01-01\n  then note\n"
	                 "  unverified en \"Not confirmed.\"\n  fr \"F\"\n  en \"E\"\n"),
	          RULES_ESYNTAX);
	CHECK_DIAG(6, 3, "'unverified' has no French text");

	CHECK_INT(load_e("avenue question\n  name en \"Q\" fr \"Q\"\n"), RULES_ESYNTAX);
	CHECK_DIAG(1, 8, "tests use it as a keyword");

	/* thousands of adjacent strings: joined until the cap, then one error */
	big = malloc(64 * 1024);
	if (!big) {
		CHECK(big != NULL);
		return;
	}
	n = (size_t)snprintf(big, 64, "avenue a\n  name en");
	for (int i = 0; i < 5000; i++) {
		memcpy(big + n, " \"a\"", 4);
		n += 4;
	}
	n += (size_t)snprintf(big + n, 64, " fr \"b\"\n");
	CHECK_INT(load_e(big), RULES_ETOOBIG);
	CHECK(find_diag("text longer than 4096 bytes once its strings are joined") != NULL);
	CHECK_INT(D.nerrors, 1);

	/* past DIAG_MAX diagnostics the parser stops, and counts what it saw */
	n = 0;
	for (int i = 0; i < DIAG_MAX + 200 && n + 32 < 64 * 1024; i++)
		n += (size_t)snprintf(big + n, 32, "rule r%d\n  bogus\n", i);
	CHECK_INT(load_e(big), RULES_ESYNTAX);
	CHECK_INT(D.n, DIAG_MAX);
	free(big);
}

/* Arbitrary bytes never crash the parser (the fuzz target's smoke test). */
static void test_garbage(void)
{
	static const char *const texts[] = {
		"", "\n\n\n", "rule", "rule ", "rule x\n  when", "rule x\n  when (((", "fact x:",
		"fact x: one of", "fact x: one of a,", "\"", "\"\\", "rule x\n  cites \"a\" / \"a\" en",
		"test", "ruleset", "ruleset x\n  covers", "rule x\n  then barred", "2016-",
		"rule x\n  when not not not", "rule x\n  when latest(", "rule x\n  when if a then",
		"\xff\xfe\x00\x01", "P1", "P", "rule x\n  then terms a", "rule x-\n", "-", "!",
		"rule x\n  exception to", "rule x\n  when a in [", "rule x\n  when a not",
		"avenue a\n  name en", "avenue a\n  name fr \"x\" en", "\r\r\n\r", "rule x\n\tfrom",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct rules_source src = { "g.rules", texts[i], strlen(texts[i]) };
		enum rules_err e = load_n(&src, 1);
		CHECK(e != RULES_OK && RS == NULL);
	}
	/* every prefix of the valid base */
	{
		size_t bad = 0;
		for (size_t n = 0; n < sizeof BASE; n++) {
			struct rules_source src = { "g.rules", BASE, n };
			enum rules_err e = load_n(&src, 1);
			bad += !(e == RULES_OK ? RS != NULL && D.nerrors == 0 : RS == NULL && D.nerrors > 0);
		}
		CHECK_INT(bad, 0);
		CHECK(RS != NULL);                  /* the whole base loads */
	}
}

/* A citation names the provision in both languages; a missing French name is
** reported (as a warning) at the citation. */
static void test_citation_names(void)
{
	CHECK_INT(load_e("rule cn\n  avenue av\n  cites \"IRPA 24(4)\" / \"LIPR 24(4)\""
	                 " en \"https://e.example/24\" fr \"https://f.example/24\"\n"
	                 "  from 2016-01-01\n  then note\n  en \"E\" fr \"F\"\n"), RULES_OK);
	if (RS) {
		const struct rule *ru = &RS->rules[RS->nrules - 1];
		CHECK_STR(ru->cites[0].label, "IRPA 24(4)");
		CHECK_STR(ru->cites[0].label_fr, "LIPR 24(4)");
		CHECK_STR(ru->cites[0].url_fr, "https://f.example/24");
	}
	CHECK_INT(D.nwarnings, 0);
	CHECK_INT(load_e("rule cn\n  avenue av\n  cites \"IRPA 24(4)\"\n"
	                 "  from 2016-01-01\n  then note\n  en \"E\" fr \"F\"\n"), RULES_OK);
	CHECK_DIAG(3, 3, "has no French name");
	CHECK_INT(D.nwarnings, 1);
	CHECK_INT(load_e("rule cn\n  avenue av\n  cites \"IRPA 24(4)\" / \n"
	                 "  from 2016-01-01\n  then note\n  en \"E\" fr \"F\"\n"), RULES_ESYNTAX);
	CHECK(find_diag("French name as a string after '/'") != NULL);
}

int main(void)
{
	diag_init(&D);
	RUN(test_valid_structure);
	RUN(test_expressions);
	RUN(test_tests);
	RUN(test_lex_errors);
	RUN(test_syntax_errors);
	RUN(test_name_type_errors);
	RUN(test_check_errors);
	RUN(test_constraints_lists);
	RUN(test_caps);
	RUN(test_text_forms);
	RUN(test_garbage);
	RUN(test_citation_names);
	rules_free(RS);
	diag_free(&D);
	TEST_END();
}
