/*
** parse_block.c — the blocks and clauses of docs/rules.md §2-§7: the ruleset
** header, facts, terms, avenues, deadlines, rules and constraints (tests are in
** parse_test.c). Phase 1 only: names that other blocks declare are kept as text
** for phase 2 (parse.c).
**
** Shape of a file: a block starts with its keyword in column 1 and runs to the
** next token in column 1. Inside, each clause starts with a clause keyword. A
** clause ends where the next clause keyword starts a line at the clause's own
** indentation or less; a line indented deeper continues the clause, which is
** how `cites "…"` takes its `en`/`fr` links on the lines below while the rule's
** own `en`/`fr` text, at the clause indentation, is a clause of its own.
*/
#include "parseInt.h"

#include <stdio.h>
#include <string.h>

static bool is_block_kw(enum kw k)
{
	return k == KW_RULESET || k == KW_FACT || k == KW_TERM || k == KW_AVENUE ||
	       k == KW_DEADLINE || k == KW_RULE || k == KW_CONSTRAINT || k == KW_TEST;
}

static const char *clause_list(enum kw block)
{
	switch (block) {
	case KW_RULESET: return "name, covers";
	case KW_FACT: return "question, help, value";
	case KW_TERM: case KW_DEADLINE: return "name";
	case KW_AVENUE: return "name, gives, remedy, limit";
	case KW_RULE:
		return "avenue, deadline, cites, from, until, exception, when, then, "
		       "unverified, en, fr";
	case KW_CONSTRAINT: return "when, en, fr";
	case KW_TEST: return "as of, given, expect";
	default: return "";
	}
}

/* ---- shared clause pieces ---- */

/* en "…" fr "…", in either order, the fr part possibly on a deeper line. */
void parse_bitext(struct parser *p, struct bitext *out, const char *what,
                         const struct token *kwt)
{
	out->en = out->fr = NULL;
	for (int i = 0; i < 2; i++) {
		bool en = pis_kw(p, KW_EN);
		if (!en && !pis_kw(p, KW_FR))
			break;
		if ((en && out->en) || (!en && out->fr))
			pfail(p, &p->tok, "%s has two '%s' texts", what, en ? "en" : "fr");
		padvance(p);
		if (pat_stop(p) || ptok(p)->kind != T_STRING)
			pexpected(p, en ? "a string after 'en'" : "a string after 'fr'");
		if (en)
			out->en = p->tok.str;
		else
			out->fr = p->tok.str;
		padvance(p);
	}
	if (!out->en && !out->fr)
		pexpected(p, "en \"…\" fr \"…\"");
	if (!out->en)
		pfail(p, kwt, "%s has no English text: write en \"…\" before the fr text", what);
	if (!out->fr)
		pfail(p, kwt, "%s has no French text: write fr \"…\" after the English, on the "
		      "same line or on a line indented under it", what);
}

/* A clause has ended unless more follows on its line or on deeper lines. */
void end_clause(struct parser *p, const char *what)
{
	char desc[80];

	if (pat_stop(p))
		return;
	if (ptok(p)->kind == T_IDENT && pis_clause_kw(p->block, p->tok.kw))
		return;                               /* the next clause, on the same line */
	lex_describe(&p->tok, desc, sizeof desc);
	if (p->tok.bol)
		pfail(p, &p->tok, "expected a clause of this %s block (%s), found %s",
		      lex_kw_name(p->block), clause_list(p->block), desc);
	pfail(p, &p->tok, "unexpected %s after %s", desc, what);
}

static bool repeatable(enum kw block, enum kw k)
{
	return (block == KW_RULE && k == KW_CITES) || (block == KW_FACT && k == KW_VALUE) ||
	       (block == KW_TEST && (k == KW_GIVEN || k == KW_EXPECT));
}

void clauses(struct parser *p, clause_fn *fn)
{
	for (;;) {
		const struct token *t = &p->tok;
		struct token kwt;
		char what[48];

		if (t->kind == T_EOF || (t->bol && t->col == 1))
			return;
		t = ptok(p);
		if (t->kind != T_IDENT || !pis_clause_kw(p->block, t->kw)) {
			char desc[80];
			lex_describe(t, desc, sizeof desc);
			pfail(p, t, "expected a clause of this %s block (%s), found %s",
			      lex_kw_name(p->block), clause_list(p->block), desc);
		}
		if (!repeatable(p->block, t->kw))
			ponce(p, t);
		kwt = *t;
		p->clause_col = t->col;
		padvance(p);
		fn(p, &kwt);
		snprintf(what, sizeof what, "the '%s' clause", lex_kw_name(kwt.kw));
		end_clause(p, what);
	}
}

/* The header ends its line (or is followed by a clause on the same line). */
void end_header(struct parser *p)
{
	end_clause(p, "the block's header");
	p->clause_col = 1;
}

void start_header(struct parser *p)
{
	/* While the header is read, a clause keyword starting any line ends it. */
	p->clause_col = UINT32_MAX;
	padvance(p);                              /* the block keyword */
}

_Noreturn void cap_error(struct parser *p, const struct token *t, int cap, const char *what)
{
	p->rs->too_big = true;
	pfail(p, t, "more than %d %s: the limit of a rule set", cap, what);
}

_Noreturn void dup_error(struct parser *p, const struct token *t, const char *kind,
                         const char *name, struct srcpos first)
{
	char where[300];

	rules_pos_str(p->rs, first, where, sizeof where);
	pfail(p, t, "%s '%s' is already declared at %s", kind, name, where);
}

/* ---- ruleset ---- */

static void ruleset_clause(struct parser *p, const struct token *kwt)
{
	if (kwt->kw == KW_NAME) {
		parse_bitext(p, &p->rs->title, "the rule set's name", kwt);
	} else {
		pexpect_kw(p, KW_FROM, "'from' after 'covers'");
		p->rs->covers_from = pdate(p, "a date (YYYY-MM-DD) after 'covers from'");
		p->has_covers = true;
	}
}

static void parse_ruleset(struct parser *p)
{
	struct token hdr = p->tok;

	if (p->seen_ruleset) {
		char where[300];
		rules_pos_str(p->rs, p->rs->pos, where, sizeof where);
		pfail(p, &hdr, "a second ruleset block: a rule set has exactly one, and it is "
		      "at %s", where);
	}
	p->seen_ruleset = true;
	p->rs->pos = ppos(p, &hdr);
	start_header(p);
	p->rs->name = pname(p, false, "the rule set's name after 'ruleset'");
	end_header(p);
	clauses(p, ruleset_clause);
	if (!p->has_covers)
		perr(p, ppos(p, &hdr), "the ruleset block has no 'covers from DATE' clause");
}

/* ---- facts ---- */

static void fact_clause(struct parser *p, const struct token *kwt)
{
	struct fact_decl *f = &p->rs->facts[p->cur];

	if (kwt->kw == KW_QUESTION) {
		parse_bitext(p, &f->question, "the question", kwt);
	} else if (kwt->kw == KW_HELP) {
		parse_bitext(p, &f->help, "the help text", kwt);
	} else {
		const struct token *t;
		int v = -1;
		if (f->type != FT_ENUM)
			pfail(p, kwt, "'value' labels the values of a 'one of' fact; fact '%s' is %s",
			      f->name, ftype_name(f->type));
		if (pat_stop(p) || ptok(p)->kind != T_IDENT)
			pexpected(p, "one of the fact's values after 'value'");
		t = &p->tok;
		for (int i = 0; i < f->nvals; i++)
			if (strlen(f->vals[i]) == t->len && memcmp(f->vals[i], t->p, t->len) == 0)
				v = i;
		if (v < 0) {
			char vals[600];
			enum_values_str(f, vals, sizeof vals);
			pfail(p, t, "fact '%s' has no value '%.*s'; its values are: %s", f->name,
			      (int)t->len, t->p, vals);
		}
		if (f->val_labels[v].en)
			pfail(p, t, "value '%s' is labelled twice", f->vals[v]);
		padvance(p);
		parse_bitext(p, &f->val_labels[v], "the value's label", kwt);
	}
}

static void parse_fact(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok, t;
	struct fact_decl *f;
	const char *name;
	const char *vals[RULES_MAX_ENUM];
	int nvals = 0, prev;
	enum ftype type = FT_NONE;

	start_header(p);
	t = p->tok;
	name = pname(p, false, "the fact's name after 'fact'");
	if ((prev = ntab_find(&p->facts, name)) >= 0)
		dup_error(p, &t, "fact", name, rs->facts[prev].pos);
	if (rs->nfacts >= RULES_MAX_FACTS)
		cap_error(p, &t, RULES_MAX_FACTS, "facts");
	rs->facts = pgrow(p, rs->arena, rs->facts, rs->nfacts, &p->cap_facts, sizeof *rs->facts);
	p->cur = rs->nfacts++;
	f = &rs->facts[p->cur];
	f->name = name;
	f->pos = ppos(p, &hdr);
	ntab_put(p, &p->facts, name, p->cur);

	/* The type is set only once the header is whole: a fact whose header
	** failed keeps FT_NONE, and expressions naming it fail without a second
	** message. */
	pexpect_tok(p, T_COLON, "':' and the fact's type after its name");
	if (pis_kw(p, KW_BOOLEAN)) type = FT_BOOL;
	else if (pis_kw(p, KW_DATE)) type = FT_DATE;
	else if (pis_kw(p, KW_NUMBER)) type = FT_NUMBER;
	else if (pis_kw(p, KW_TEXT)) type = FT_TEXT;
	else if (pis_kw(p, KW_ONE)) type = FT_ENUM;
	else
		pexpected(p, "a fact type (boolean, date, number, text or one of …)");
	padvance(p);
	if (type == FT_ENUM) {
		pexpect_kw(p, KW_OF, "'of' after 'one'");
		for (;;) {
			struct token vt = p->tok;
			const char *v = pname(p, false, "a value name");
			for (int i = 0; i < nvals; i++)
				if (strcmp(vals[i], v) == 0)
					pfail(p, &vt, "value '%s' is listed twice", v);
			if (nvals >= RULES_MAX_ENUM)
				cap_error(p, &vt, RULES_MAX_ENUM, "values in one enumeration");
			vals[nvals++] = v;
			if (pat_stop(p) || ptok(p)->kind != T_COMMA)
				break;
			padvance(p);
		}
		f->vals = palloc(p, rs->arena, (size_t)nvals * sizeof *f->vals);
		memcpy(f->vals, vals, (size_t)nvals * sizeof *f->vals);
		f->val_labels = palloc(p, rs->arena, (size_t)nvals * sizeof *f->val_labels);
		f->nvals = nvals;
	}
	end_header(p);
	f->type = type;
	clauses(p, fact_clause);
}

/* ---- terms, avenues, deadlines ---- */

static void term_clause(struct parser *p, const struct token *kwt)
{
	parse_bitext(p, &p->rs->terms[p->cur].label, "the term's name", kwt);
}

static void parse_term(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok, t;
	struct term_decl *d;
	const char *name;
	int prev;

	start_header(p);
	t = p->tok;
	name = pname(p, false, "the term's name after 'term'");
	if ((prev = ntab_find(&p->terms, name)) >= 0)
		dup_error(p, &t, "term", name, rs->terms[prev].pos);
	if (rs->nterms >= RULES_MAX_TERMS)
		cap_error(p, &t, RULES_MAX_TERMS, "terms");
	rs->terms = pgrow(p, rs->arena, rs->terms, rs->nterms, &p->cap_terms, sizeof *rs->terms);
	p->cur = rs->nterms++;
	d = &rs->terms[p->cur];
	d->name = name;
	d->pos = ppos(p, &hdr);
	ntab_put(p, &p->terms, name, p->cur);

	pexpect_tok(p, T_COLON, "':' and the term's type after its name");
	if (pis_kw(p, KW_BOOLEAN)) d->type = FT_BOOL;
	else if (pis_kw(p, KW_NUMBER)) d->type = FT_NUMBER;
	else if (pis_kw(p, KW_DURATION)) d->type = FT_DURATION;
	else if (pis_kw(p, KW_TEXT)) d->type = FT_TEXT;
	else
		pexpected(p, "a term type (boolean, number, duration or text)");
	padvance(p);
	end_header(p);
	clauses(p, term_clause);
}

static void target_clause(struct parser *p, const struct token *kwt)
{
	struct target_decl *d = &p->rs->targets[p->cur];

	if (kwt->kw == KW_NAME) {
		parse_bitext(p, &d->name, "the name", kwt);
	} else if (kwt->kw == KW_REMEDY) {
		d->remedy = pname(p, false, "the remedy's id after 'remedy'");
	} else if (kwt->kw == KW_LIMIT) {
		d->limit_pos = ppos(p, &p->tok);
		/* a deadline may be declared further down: resolved in phase 2 */
		d->limit_name = pname(p, false, "a deadline's id after 'limit'");
	} else {
		parse_bitext(p, &d->gives, "'gives'", kwt);
	}
}

static void parse_target(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok, t;
	struct target_decl *d;
	const char *name;
	int prev;

	start_header(p);
	t = p->tok;
	name = pname(p, false, hdr.kw == KW_AVENUE ? "the avenue's id after 'avenue'"
	                                          : "the deadline's id after 'deadline'");
	/* `expect deadline …`, `expect question …` and `expect error …` in tests
	** would read such an avenue as the keyword. */
	if (t.kw == KW_DEADLINE || t.kw == KW_QUESTION || t.kw == KW_ERROR)
		pfail(p, &t, "'%s' cannot name an avenue or deadline: tests use it as a keyword",
		      name);
	if ((prev = ntab_find(&p->targets, name)) >= 0)
		dup_error(p, &t, rs->targets[prev].kind == TK_AVENUE ? "avenue" : "deadline",
		          name, rs->targets[prev].pos);
	if (rs->ntargets >= RULES_MAX_TARGETS)
		cap_error(p, &t, RULES_MAX_TARGETS, "avenues and deadlines");
	rs->targets = pgrow(p, rs->arena, rs->targets, rs->ntargets, &p->cap_targets,
	                    sizeof *rs->targets);
	p->cur = rs->ntargets++;
	d = &rs->targets[p->cur];
	d->id = name;
	d->kind = hdr.kw == KW_AVENUE ? TK_AVENUE : TK_DEADLINE;
	d->limit = -1;
	d->pos = ppos(p, &hdr);
	ntab_put(p, &p->targets, name, p->cur);
	end_header(p);
	clauses(p, target_clause);
}

/* ---- rules ---- */

static void parse_outcome(struct parser *p, const struct token *kwt)
{
	struct rule *ru = &p->crule;
	struct prule *pr = &p->cpr;
	static const char what[] = "an outcome after 'then' (not_applicable, ineligible, "
	                           "barred, available, terms, note or due)";

	ru->then_pos = ppos(p, kwt);
	if (pat_stop(p) || ptok(p)->kind != T_IDENT)
		pexpected(p, what);
	switch (p->tok.kw) {
	case KW_NOT_APPLICABLE: ru->oc = OC_NOT_APPLICABLE; padvance(p); break;
	case KW_INELIGIBLE: ru->oc = OC_INELIGIBLE; padvance(p); break;
	case KW_AVAILABLE: ru->oc = OC_AVAILABLE; padvance(p); break;
	case KW_NOTE: ru->oc = OC_NOTE; padvance(p); break;
	case KW_BARRED:
		padvance(p);
		if (pis_kw(p, KW_UNTIL)) {
			padvance(p);
			ru->oc = OC_BARRED_UNTIL;
			pr->ocx = parse_expr(p);
		} else if (pis_kw(p, KW_WHILE)) {
			padvance(p);
			pexpect_kw(p, KW_PENDING, "'pending' after 'barred while'");
			ru->oc = OC_BARRED_PENDING;
		} else {
			pexpected(p, "'until EXPR' or 'while pending' after 'barred'");
		}
		break;
	case KW_DUE:
		padvance(p);
		ru->oc = OC_DUE;
		pr->ocx = parse_expr(p);
		break;
	case KW_TERMS:
		padvance(p);
		ru->oc = OC_TERMS;
		for (;;) {
			struct pterm pt;
			pt.key.pos = ppos(p, &p->tok);
			if (pr->nterms >= RULES_MAX_LIST)
				cap_error(p, &p->tok, RULES_MAX_LIST, "terms in one clause");
			pt.key.name = pname(p, false, "a term name");
			if (!pat_stop(p) && ptok(p)->kind == T_EQ)
				padvance(p);
			pt.v = praw(p, "the term's value");
			pr->terms = pgrow(p, p->tmp, pr->terms, pr->nterms, &p->cap_list3,
			                  sizeof *pr->terms);
			pr->terms[pr->nterms++] = pt;
			if (pat_stop(p) || ptok(p)->kind != T_COMMA)
				break;
			padvance(p);
		}
		break;
	default:
		pexpected(p, what);
	}
}

static void rule_clause(struct parser *p, const struct token *kwt)
{
	struct rule *ru = &p->crule;
	struct prule *pr = &p->cpr;

	switch (kwt->kw) {
	case KW_AVENUE: case KW_DEADLINE:
		if (pr->target.name)
			pfail(p, kwt, "a rule is about one avenue or deadline, and this one already "
			      "names '%s'", pr->target.name);
		pr->deadline_kw = kwt->kw == KW_DEADLINE;
		pr->target.pos = ppos(p, &p->tok);
		pr->target.name = pname(p, false, kwt->kw == KW_DEADLINE ? "a deadline id"
		                                                        : "an avenue id");
		break;
	case KW_CITES: {
		struct citation c;
		memset(&c, 0, sizeof c);
		c.pos = ppos(p, kwt);
		if (pat_stop(p) || ptok(p)->kind != T_STRING)
			pexpected(p, "the cited provision as a string, like \"IRPA 24(4)\"");
		c.label = p->tok.str;
		padvance(p);
		/* `cites "IRPA 24(4)" / "LIPR 24(4)"`: the French name of the provision. */
		if (!pat_stop(p) && ptok(p)->kind == T_SLASH) {
			padvance(p);
			if (pat_stop(p) || ptok(p)->kind != T_STRING)
				pexpected(p, "the provision's French name as a string after '/', "
				          "like \"LIPR 24(4)\"");
			c.label_fr = p->tok.str;
			padvance(p);
		}
		for (int i = 0; i < 2; i++) {
			bool en = pis_kw(p, KW_EN);
			if (!en && !pis_kw(p, KW_FR))
				break;
			if (en ? c.url_en != NULL : c.url_fr != NULL)
				pfail(p, &p->tok, "this citation has two '%s' links", en ? "en" : "fr");
			padvance(p);
			if (pat_stop(p) || ptok(p)->kind != T_STRING)
				pexpected(p, "the official text's address as a string");
			if (en)
				c.url_en = p->tok.str;
			else
				c.url_fr = p->tok.str;
			padvance(p);
		}
		if (ru->ncites >= RULES_MAX_LIST)
			cap_error(p, kwt, RULES_MAX_LIST, "citations in one rule");
		ru->cites = pgrow(p, p->rs->arena, ru->cites, ru->ncites, &p->cap_list1,
		                  sizeof *ru->cites);
		ru->cites[ru->ncites++] = c;
		break;
	}
	case KW_FROM:
		ru->from_pos = ppos(p, kwt);
		if (pis_kw(p, KW_BEFORE)) {
			padvance(p);
			ru->from_before = true;
		}
		ru->from = pdate(p, "a date (YYYY-MM-DD) after 'from'");
		break;
	case KW_UNTIL:
		ru->until_pos = ppos(p, kwt);
		ru->until = pdate(p, "a date (YYYY-MM-DD) after 'until'");
		ru->has_until = true;
		break;
	case KW_EXCEPTION:
		pexpect_kw(p, KW_TO, "'to' after 'exception'");
		for (;;) {
			struct nameref r;
			if (pr->nexc >= RULES_MAX_LIST)
				cap_error(p, &p->tok, RULES_MAX_LIST, "rules in one exception");
			r.pos = ppos(p, &p->tok);
			r.name = pname(p, true, "the id of the rule this is an exception to");
			pr->exc = pgrow(p, p->tmp, pr->exc, pr->nexc, &p->cap_list2, sizeof *pr->exc);
			pr->exc[pr->nexc++] = r;
			if (pat_stop(p) || ptok(p)->kind != T_COMMA)
				break;
			padvance(p);
		}
		break;
	case KW_WHEN:
		pr->cond = parse_expr(p);
		break;
	case KW_THEN:
		parse_outcome(p, kwt);
		break;
	case KW_UNVERIFIED:
		parse_bitext(p, &ru->unverified_note, "'unverified'", kwt);
		ru->unverified = true;
		break;
	default: {                                /* en, fr: the explanation */
		bool en = kwt->kw == KW_EN;
		if (pat_stop(p) || ptok(p)->kind != T_STRING)
			pexpected(p, en ? "the English explanation as a string after 'en'"
			                : "the French explanation as a string after 'fr'");
		if (en)
			ru->text.en = p->tok.str;
		else
			ru->text.fr = p->tok.str;
		padvance(p);
	}
	}
}

static bool is_avenue_outcome(enum outcome_kind oc)
{
	return oc != OC_NONE && oc != OC_DUE;
}

static void parse_rule(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok;
	struct rule *ru = &p->crule;
	struct prule *pr = &p->cpr;
	const char *id;
	int g;
	bool ok = true;

	memset(ru, 0, sizeof *ru);
	memset(pr, 0, sizeof *pr);
	p->cap_list1 = p->cap_list2 = p->cap_list3 = 0;
	ru->pos = ppos(p, &hdr);
	ru->target = -1;
	ru->cond = ru->oc_expr = -1;
	start_header(p);
	id = pname(p, true, "the rule's id after 'rule'");
	ru->id = id;
	g = ntab_find(&p->groups, id);
	if (g < 0) {
		if (rs->ngroups >= RULES_MAX_RULES)
			cap_error(p, &hdr, RULES_MAX_RULES, "rules");
		rs->groups = pgrow(p, rs->arena, rs->groups, rs->ngroups, &p->cap_groups,
		                   sizeof *rs->groups);
		g = rs->ngroups++;
		rs->groups[g].id = id;
		ntab_put(p, &p->groups, id, g);
	}
	ru->group = g;
	end_header(p);
	clauses(p, rule_clause);

	if (!pr->target.name) {
		perr(p, ru->pos, "rule '%s' does not say what it decides: add 'avenue ID' or "
		     "'deadline ID'", id);
		ok = false;
	}
	if (!p->seen[KW_THEN] && pr->nexc == 0) {
		perr(p, ru->pos, "rule '%s' has no 'then' clause: only an exception may leave "
		     "it out", id);
		ok = false;
	}
	if (pr->target.name && pr->deadline_kw && is_avenue_outcome(ru->oc)) {
		perr(p, ru->then_pos, "rule '%s' is about deadline '%s', and a deadline rule's "
		     "outcome is 'due DATE'", id, pr->target.name);
		ok = false;
	}
	if (pr->target.name && !pr->deadline_kw && ru->oc == OC_DUE) {
		perr(p, ru->then_pos, "'due' is the outcome of deadline rules; rule '%s' is about "
		     "avenue '%s'", id, pr->target.name);
		ok = false;
	}
	if (!ok)
		return;
	if (rs->nrules >= RULES_MAX_RULES)
		cap_error(p, &hdr, RULES_MAX_RULES, "rule versions");
	rs->rules = pgrow(p, rs->arena, rs->rules, rs->nrules, &p->cap_rules, sizeof *rs->rules);
	p->prules = pgrow(p, p->tmp, p->prules, rs->nrules, &p->cap_prules, sizeof *p->prules);
	rs->rules[rs->nrules] = *ru;
	p->prules[rs->nrules] = *pr;
	rs->nrules++;
}

/* ---- constraints ---- */

static void constraint_clause(struct parser *p, const struct token *kwt)
{
	struct constraint *c = &p->rs->constraints[p->cur];

	if (kwt->kw == KW_WHEN) {
		p->pcons[p->cur] = parse_expr(p);
		return;
	}
	if (pat_stop(p) || ptok(p)->kind != T_STRING)
		pexpected(p, kwt->kw == KW_EN ? "the English message as a string after 'en'"
		                              : "the French message as a string after 'fr'");
	if (kwt->kw == KW_EN)
		c->text.en = p->tok.str;
	else
		c->text.fr = p->tok.str;
	padvance(p);
}

static void parse_constraint(struct parser *p)
{
	struct ruleset *rs = p->rs;
	struct token hdr = p->tok, t;
	const char *id;
	int prev;

	start_header(p);
	t = p->tok;
	id = pname(p, true, "the constraint's id after 'constraint'");
	if ((prev = ntab_find(&p->constraints, id)) >= 0)
		dup_error(p, &t, "constraint", id, rs->constraints[prev].pos);
	if (rs->nconstraints >= RULES_MAX_CONSTRAINTS)
		cap_error(p, &t, RULES_MAX_CONSTRAINTS, "constraints");
	rs->constraints = pgrow(p, rs->arena, rs->constraints, rs->nconstraints, &p->cap_cons,
	                        sizeof *rs->constraints);
	p->pcons = pgrow(p, p->tmp, p->pcons, rs->nconstraints, &p->cap_pcons,
	                 sizeof *p->pcons);
	p->cur = rs->nconstraints++;
	rs->constraints[p->cur].id = id;
	rs->constraints[p->cur].pos = ppos(p, &hdr);
	rs->constraints[p->cur].cond = -1;
	ntab_put(p, &p->constraints, id, p->cur);
	end_header(p);
	clauses(p, constraint_clause);
}

/* ---- dispatch ---- */

void parse_one_block(struct parser *p)
{
	const struct token *t = &p->tok;
	char desc[80];

	p->block = KW_IDENT;
	p->block_line = t->line;
	p->clause_col = 1;
	p->depth = 0;
	memset(p->seen, 0, sizeof p->seen);
	if (t->kind == T_ERROR)
		pfail_silent(p);
	if (!(t->bol && t->col == 1))
		pfail(p, t, "this line is indented but no block is open: a block starts in "
		      "column 1 with ruleset, fact, term, avenue, deadline, rule, constraint or test");
	if (t->kind != T_IDENT || !is_block_kw(t->kw)) {
		lex_describe(t, desc, sizeof desc);
		pfail(p, t, "expected a block keyword (ruleset, fact, term, avenue, deadline, "
		      "rule, constraint or test), found %s", desc);
	}
	if (p->is_test && t->kw != KW_TEST)
		pfail(p, t, "a .test file holds only test blocks; '%s' belongs in a .rules file",
		      lex_kw_name(t->kw));
	if (!p->is_test && t->kw == KW_TEST)
		pfail(p, t, "test blocks belong in .test files, next to the .rules files");
	p->block = t->kw;
	switch (t->kw) {
	case KW_RULESET: parse_ruleset(p); break;
	case KW_FACT: parse_fact(p); break;
	case KW_TERM: parse_term(p); break;
	case KW_AVENUE: case KW_DEADLINE: parse_target(p); break;
	case KW_RULE: parse_rule(p); break;
	case KW_CONSTRAINT: parse_constraint(p); break;
	default: parse_test_block(p); break;
	}
}
