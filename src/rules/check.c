/*
** check.c — the rule set's static checks, run on a rule set that parsed and
** type-checked cleanly (so every index in it is valid): required clauses and
** bilingual text, versions and their in-force periods, exceptions, cycles
** through `rule ID` references and exceptions, declarations nothing uses, and
** avenues no rule can open. Reachability of conditions (reach.c) runs last, and
** only when everything else passed.
**
** Limits: the work is O(versions² per rule id + nodes + groups + edges); the
** graph search is iterative, with memory from malloc freed before returning.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "parseInt.h"

#define CHECK_CYCLE_SHOWN 8      /* rule ids named in one cycle message */

static bool has_text(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (*s != ' ')
			return true;
	return false;
}

/* Reports what is missing of a bilingual text named what, belonging to owner. */
static void need_bitext(const struct ruleset *rs, struct diaglist *d, struct srcpos pos,
                        const struct bitext *t, const char *owner, const char *what,
                        const char *clause)
{
	bool en = has_text(t->en), fr = has_text(t->fr);

	if (!en && !fr)
		rules_diag_at(rs, d, pos, true, "%s has no %s: add %s en \"…\" fr \"…\"", owner,
		              what, clause);
	else if (!en)
		rules_diag_at(rs, d, pos, true, "%s has no English %s (en \"…\")", owner, what);
	else if (!fr)
		rules_diag_at(rs, d, pos, true, "%s has no French %s (fr \"…\")", owner, what);
}

static void check_header(const struct ruleset *rs, struct diaglist *d)
{
	if (!rs->name) {
		const char *file = "-";
		for (int i = rs->nfiles - 1; i >= 0; i--)
			if (!rs->files[i].is_test)
				file = rs->files[i].name;
		diag_add(d, file, 0, 0, true, NULL,
		         "the rule set has no ruleset block: one .rules file must start with "
		         "'ruleset NAME', its name and 'covers from DATE'");
		return;
	}
	need_bitext(rs, d, rs->pos, &rs->title, "the ruleset block", "name", "name");
}

static void check_decls(const struct ruleset *rs, struct diaglist *d)
{
	char owner[120];

	for (int i = 0; i < rs->nfacts; i++) {
		const struct fact_decl *f = &rs->facts[i];
		snprintf(owner, sizeof owner, "fact '%s'", f->name);
		if (f->type == FT_NONE)
			rules_diag_at(rs, d, f->pos, true, "%s has no type", owner);
		need_bitext(rs, d, f->pos, &f->question, owner, "question", "question");
		need_bitext(rs, d, f->pos, &f->help, owner, "help text", "help");
		for (int v = 0; v < f->nvals; v++) {
			char what[120], clause[100];
			snprintf(what, sizeof what, "label for value '%s'", f->vals[v]);
			snprintf(clause, sizeof clause, "value %s", f->vals[v]);
			need_bitext(rs, d, f->pos, &f->val_labels[v], owner, what, clause);
		}
	}
	for (int i = 0; i < rs->nterms; i++) {
		snprintf(owner, sizeof owner, "term '%s'", rs->terms[i].name);
		need_bitext(rs, d, rs->terms[i].pos, &rs->terms[i].label, owner, "name", "name");
	}
	for (int i = 0; i < rs->ntargets; i++) {
		const struct target_decl *t = &rs->targets[i];
		snprintf(owner, sizeof owner, "%s '%s'", t->kind == TK_AVENUE ? "avenue" : "deadline",
		         t->id);
		need_bitext(rs, d, t->pos, &t->name, owner, "name", "name");
		if (t->gives.en || t->gives.fr)
			need_bitext(rs, d, t->pos, &t->gives, owner, "'gives' text", "gives");
	}
	for (int i = 0; i < rs->nconstraints; i++) {
		const struct constraint *c = &rs->constraints[i];
		snprintf(owner, sizeof owner, "constraint '%s'", c->id);
		if (c->cond < 0)
			rules_diag_at(rs, d, c->pos, true, "%s has no 'when' condition", owner);
		need_bitext(rs, d, c->pos, &c->text, owner, "message", "");
	}
}

/* The placeholders rule texts may use: {until}, {due}, {as_of} and {FACT} for a
** declared fact (report.c fills them in the reader's language). */
static bool is_fact_placeholder(const struct ruleset *rs, const char *s, size_t n)
{
	if (n < 3)
		return false;
	for (int i = 0; i < rs->nfacts; i++)
		if (strlen(rs->facts[i].name) == n - 2 && memcmp(rs->facts[i].name, s + 1, n - 2) == 0)
			return true;
	return false;
}

static void check_placeholders(const struct ruleset *rs, struct diaglist *d,
                               const struct rule *ru, const char *s)
{
	for (; s && (s = strchr(s, '{')) != NULL; s++) {
		const char *e = strchr(s, '}');
		size_t n = e ? (size_t)(e - s + 1) : 0;
		if ((n == 7 && memcmp(s, "{as_of}", 7) == 0) || is_fact_placeholder(rs, s, n)) {
			continue;
		} else if (n == 7 && memcmp(s, "{until}", 7) == 0) {
			if (ru->oc != OC_BARRED_UNTIL)
				rules_diag_at(rs, d, ru->pos, false, "rule '%s': {until} has a value only "
				              "in 'barred until' rules", ru->id);
		} else if (n == 5 && memcmp(s, "{due}", 5) == 0) {
			if (ru->oc != OC_DUE)
				rules_diag_at(rs, d, ru->pos, false, "rule '%s': {due} has a value only in "
				              "'due' rules", ru->id);
		} else {
			rules_diag_at(rs, d, ru->pos, false, "rule '%s': unknown placeholder in its "
			              "text; the known ones are {until}, {due}, {as_of} and the facts' names", ru->id);
			return;
		}
	}
}

static void check_rule(const struct ruleset *rs, struct diaglist *d, const struct rule *ru)
{
	char owner[120], a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];

	snprintf(owner, sizeof owner, "rule '%s'", ru->id);
	if (ru->ncites == 0)
		rules_diag_at(rs, d, ru->pos, true, "%s cites nothing: add a 'cites \"…\"' clause "
		              "naming the provision it rests on", owner);
	for (int i = 0; i < ru->ncites; i++)
		if (!has_text(ru->cites[i].label))
			rules_diag_at(rs, d, ru->cites[i].pos, true, "empty citation in %s", owner);
		else if (!has_text(ru->cites[i].label_fr))
			rules_diag_at(rs, d, ru->cites[i].pos, false, "citation in %s has no French "
			              "name: write it as 'cites \"IRPA 24(4)\" / \"LIPR 24(4)\"'", owner);
	if (ru->from_pos.line == 0)
		rules_diag_at(rs, d, ru->pos, true, "%s has no 'from' date: give its first day in "
		              "force, or 'from before DATE' when the source does not say", owner);
	else if (ru->has_until && ru->from > ru->until) {
		date_format_iso(ru->from, a);
		date_format_iso(ru->until, b);
		rules_diag_at(rs, d, ru->until_pos, true, "%s ends (until %s) before it starts "
		              "(from %s%s)", owner, b, ru->from_before ? "before " : "", a);
	}
	need_bitext(rs, d, ru->pos, &ru->text, owner, "explanation", "");
	if (ru->unverified)
		need_bitext(rs, d, ru->pos, &ru->unverified_note, owner, "'unverified' note",
		            "unverified");
	check_placeholders(rs, d, ru, ru->text.en);
	check_placeholders(rs, d, ru, ru->text.fr);
}

static void period_str(const struct rule *ru, char *out, size_t cap)
{
	char a[DATE_ISO_LEN + 1], b[DATE_ISO_LEN + 1];

	date_format_iso(ru->from, a);
	if (ru->has_until) {
		date_format_iso(ru->until, b);
		snprintf(out, cap, "from %s%s until %s", ru->from_before ? "before " : "", a, b);
	} else {
		snprintf(out, cap, "from %s%s", ru->from_before ? "before " : "", a);
	}
}

/* Versions of one id: one target, periods that do not overlap. A `from before`
** version has no recorded start, so it counts as in force from the beginning
** (as the evaluator treats it). */
static void check_versions(const struct ruleset *rs, struct diaglist *d)
{
	for (int g = 0; g < rs->ngroups; g++) {
		const struct rule_group *grp = &rs->groups[g];
		for (int j = 1; j < grp->n && d->n < DIAG_MAX; j++) {
			const struct rule *rj = &rs->rules[grp->rules[j]];
			for (int i = 0; i < j; i++) {
				const struct rule *ri = &rs->rules[grp->rules[i]];
				char where[300], pi[64], pj[64], day[DATE_ISO_LEN + 1];
				int64_t si, sj, ei, ej;
				rules_pos_str(rs, ri->pos, where, sizeof where);
				if (ri->target != rj->target) {
					rules_diag_at(rs, d, rj->pos, true, "versions of rule '%s' must be about "
					              "one avenue or deadline: this one is about '%s', the one "
					              "at %s about '%s'", rj->id, rs->targets[rj->target].id,
					              where, rs->targets[ri->target].id);
					continue;
				}
				if (ri->from_pos.line == 0 || rj->from_pos.line == 0)
					continue;                 /* reported by check_rule */
				si = ri->from_before ? INT64_MIN : ri->from;
				sj = rj->from_before ? INT64_MIN : rj->from;
				ei = ri->has_until ? ri->until : INT64_MAX;
				ej = rj->has_until ? rj->until : INT64_MAX;
				if (si > ej || sj > ei)
					continue;
				period_str(ri, pi, sizeof pi);
				period_str(rj, pj, sizeof pj);
				if (si > sj)
					sj = si;
				if (sj == INT64_MIN)
					snprintf(day, sizeof day, "%s", "?");
				else
					date_format_iso((int32_t)sj, day);
				rules_diag_at(rs, d, rj->pos, true, "versions of rule '%s' overlap: this one "
				              "(%s) and the one at %s (%s) are both in force%s%s", rj->id,
				              pj, where, pi, sj == INT64_MIN ? " before their recorded "
				              "dates" : " on ", sj == INT64_MIN ? "" : day);
			}
		}
	}
}

static void check_exceptions(const struct ruleset *rs, struct diaglist *d)
{
	for (int i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		int last = -1;
		for (int j = 0; j < ru->ndefeats; j++) {
			const struct rule *v = &rs->rules[ru->defeats[j]];
			if (v->group == last || v->target == ru->target)
				continue;
			last = v->group;
			rules_diag_at(rs, d, ru->pos, true, "rule '%s' is an exception to '%s', which "
			              "is about '%s', not '%s': an exception speaks about the same "
			              "avenue or deadline as the rule it lifts", ru->id, v->id,
			              rs->targets[v->target].id, rs->targets[ru->target].id);
		}
	}
}

/* ---- cycles through `rule ID` and exceptions ---- */

struct edges { int *from, *to; size_t n, cap; bool nomem; };

static void edge_add(struct edges *e, int from, int to)
{
	if (e->n == e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 64;
		int *nf = realloc(e->from, ncap * sizeof *nf);
		if (nf)
			e->from = nf;
		int *nt = nf ? realloc(e->to, ncap * sizeof *nt) : NULL;
		if (!nf || !nt) {
			e->nomem = true;
			return;
		}
		e->to = nt;
		e->cap = ncap;
	}
	e->from[e->n] = from;
	e->to[e->n] = to;
	e->n++;
}

/* Adds an edge g -> k for every `rule k` in the expression rooted at root. */
static void expr_edges(const struct ruleset *rs, int root, int g, int *stack, struct edges *e)
{
	int sp = 0;

	if (root < 0)
		return;
	stack[sp++] = root;
	while (sp > 0) {
		const struct node *nd = &rs->nodes[stack[--sp]];
		/* An expression is a tree (the compiler never shares a node), so each
		** node is pushed once and the stack never holds more than nnodes. */
		if (nd->op == N_RULE)
			edge_add(e, g, (int)nd->k);
		switch ((enum node_op)nd->op) {
		case N_CONST: case N_FACT: case N_ASOF: case N_RULE:
			break;                            /* N_FACT's a is a fact, not a node */
		case N_AND: case N_OR: case N_LATEST: case N_EARLIEST:
			for (int i = 0; i < nd->nargs; i++)
				stack[sp++] = rs->args[nd->args + i];
			break;
		case N_IN: case N_NOT_IN:
			stack[sp++] = nd->a;
			for (int i = 0; i < nd->nargs; i++)
				stack[sp++] = rs->args[nd->args + i];
			break;
		case N_IF:
			stack[sp++] = nd->c;
			stack[sp++] = nd->b;
			stack[sp++] = nd->a;
			break;
		case N_EQ: case N_NE: case N_LT: case N_LE: case N_GT: case N_GE:
			stack[sp++] = nd->b;
			stack[sp++] = nd->a;
			break;
		default:                              /* not, +days, +months, next_working_day */
			stack[sp++] = nd->a;
			break;
		}
	}
}

static void report_cycle(const struct ruleset *rs, struct diaglist *d, const int *path,
                         int n, int back)
{
	char msg[700];
	size_t len = 0;
	int shown = 0, start = 0;

	while (start < n && path[start] != back)
		start++;
	for (int i = start; i < n && shown < CHECK_CYCLE_SHOWN; i++, shown++)
		len += (size_t)snprintf(msg + len, sizeof msg - len, "'%s' -> ",
		                        rs->groups[path[i]].id);
	if (n - start > CHECK_CYCLE_SHOWN)
		len += (size_t)snprintf(msg + len, sizeof msg - len, "… -> ");
	if (len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, "'%s'", rs->groups[back].id);
	rules_diag_at(rs, d, rs->rules[rs->groups[back].rules[0]].pos, true,
	              "rules depend on each other in a cycle (through 'rule' references or "
	              "exceptions): %s", msg);
}

static int int_cmp(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

static void check_cycles(const struct ruleset *rs, struct diaglist *d)
{
	struct edges e = { 0 };
	int *stack = NULL, *off = NULL, *adj = NULL, *color = NULL, *path = NULL, *it = NULL;
	int ng = rs->ngroups;

	if (ng == 0)
		return;
	stack = malloc(((size_t)rs->nnodes + 1) * sizeof *stack);
	if (!stack)
		goto nomem;
	for (int i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		expr_edges(rs, ru->cond, ru->group, stack, &e);
		expr_edges(rs, ru->oc_expr, ru->group, stack, &e);
		/* Whether a rule applies depends on its exceptions' conditions. */
		for (int j = 0; j < ru->ndefeated_by; j++)
			edge_add(&e, ru->group, rs->rules[ru->defeated_by[j]].group);
	}
	if (e.nomem)
		goto nomem;
	off = calloc((size_t)ng + 1, sizeof *off);
	adj = malloc((e.n + 1) * sizeof *adj);
	color = calloc((size_t)ng, sizeof *color);
	path = malloc((size_t)ng * sizeof *path);
	it = malloc((size_t)ng * sizeof *it);
	if (!off || !adj || !color || !path || !it)
		goto nomem;
	for (size_t i = 0; i < e.n; i++)
		off[e.from[i] + 1]++;
	for (int g = 0; g < ng; g++)
		off[g + 1] += off[g];
	for (int g = 0; g < ng; g++)
		it[g] = off[g];
	for (size_t i = 0; i < e.n; i++)
		adj[it[e.from[i]]++] = e.to[i];
	/* Sorted, so repeated edges (versions times versions) are seen once. */
	for (int g = 0; g < ng; g++)
		qsort(adj + off[g], (size_t)(off[g + 1] - off[g]), sizeof *adj, int_cmp);
	/* Iterative depth-first search; path[0..depth] is the current chain and
	** it[k] the next edge to follow from path[k]. A grey node met again closes
	** a cycle. */
	for (int root = 0; root < ng; root++) {
		int depth = 0;
		if (color[root])
			continue;
		color[root] = 1;
		path[0] = root;
		it[0] = off[root];
		while (depth >= 0) {
			int u = path[depth];
			if (it[depth] < off[u + 1]) {
				int j = it[depth]++, v = adj[j];
				if (j > off[u] && adj[j - 1] == v)
					continue;
				if (color[v] == 0) {
					color[v] = 1;
					path[++depth] = v;
					it[depth] = off[v];
				} else if (color[v] == 1) {
					report_cycle(rs, d, path, depth + 1, v);
				}
			} else {
				color[u] = 2;
				depth--;
			}
		}
	}
	goto done;

nomem:
	diag_add(d, "-", 0, 0, true, NULL, "out of memory while checking the rules for cycles");
done:
	free(stack);
	free(off);
	free(adj);
	free(color);
	free(path);
	free(it);
	free(e.from);
	free(e.to);
}

/* ---- use ---- */

static void check_use(const struct ruleset *rs, struct diaglist *d)
{
	bool *fact_used = calloc((size_t)rs->nfacts + 1, 1);
	bool *term_used = calloc((size_t)rs->nterms + 1, 1);
	int *nrules = calloc((size_t)rs->ntargets + 1, sizeof *nrules);
	bool *opens = calloc((size_t)rs->ntargets + 1, 1);

	if (!fact_used || !term_used || !nrules || !opens) {
		diag_add(d, "-", 0, 0, true, NULL, "out of memory while checking the rules");
		goto done;
	}
	for (int i = 0; i < rs->nnodes; i++)
		if (rs->nodes[i].op == N_FACT)
			fact_used[rs->nodes[i].a] = true;
	for (int i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		nrules[ru->target]++;
		if (ru->oc == OC_AVAILABLE || ru->oc == OC_DUE)
			opens[ru->target] = true;
		for (int j = 0; j < ru->nterms; j++)
			term_used[ru->terms[j].term] = true;
	}
	for (int i = 0; i < rs->nfacts; i++)
		if (!fact_used[i])
			rules_diag_at(rs, d, rs->facts[i].pos, false, "fact '%s' is declared but no "
			              "rule or constraint reads it", rs->facts[i].name);
	for (int i = 0; i < rs->nterms; i++)
		if (!term_used[i])
			rules_diag_at(rs, d, rs->terms[i].pos, false, "term '%s' is declared but no "
			              "rule gives it", rs->terms[i].name);
	for (int i = 0; i < rs->ntargets; i++) {
		const struct target_decl *t = &rs->targets[i];
		if (t->kind == TK_AVENUE && !opens[i])
			rules_diag_at(rs, d, t->pos, true, "avenue '%s' can never be available: no "
			              "rule decides 'then available' for it, so its opening is among the "
			              "outcomes that no condition can reach", t->id);
		else if (t->kind == TK_DEADLINE && nrules[i] == 0)
			rules_diag_at(rs, d, t->pos, false, "deadline '%s' is declared but no rule "
			              "is about it", t->id);
		else if (t->kind == TK_DEADLINE && !opens[i])
			rules_diag_at(rs, d, t->pos, true, "deadline '%s' can never fall due: no rule "
			              "decides 'then due …' for it, an outcome no condition can reach",
			              t->id);
	}
done:
	free(fact_used);
	free(term_used);
	free(nrules);
	free(opens);
}

int rules_check(const struct ruleset *rs, struct diaglist *diags)
{
	size_t before = diags->nerrors;

	check_header(rs, diags);
	check_decls(rs, diags);
	for (int i = 0; i < rs->nrules; i++)
		check_rule(rs, diags, &rs->rules[i]);
	check_versions(rs, diags);
	check_exceptions(rs, diags);
	check_cycles(rs, diags);
	check_use(rs, diags);
	if (diags->nerrors == before)
		rules_check_reach(rs, diags);
	return (int)(diags->nerrors - before);
}
