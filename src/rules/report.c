/*
** report.c — a result as the JSON contract other tools read, or as text for a
** worker; explanation text is templated here, at output time only.
**
** JSON keys of the contract (as_of, avenues, deadlines, questions; per avenue
** id, status, until, terms, reasons, depends_on) keep their order; added keys
** (ruleset, lang, name, kind, cites, notice, ...) come after the contract key
** they follow. Every string goes through buf_json_str.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/msg.h"
#include "eval.h"

#define TEXT_TOP_QUESTIONS 5

/* ---- results: accessors (combine.c allocates them) ---- */

size_t result_avenue_count(const struct result *r) { return (size_t)r->navenues; }

const char *result_avenue_id(const struct result *r, size_t i)
{
	if (i >= (size_t)r->navenues) return NULL;
	return r->rs->targets[r->avenues[i]].id;
}

enum av_status result_avenue_status(const struct result *r, size_t i)
{
	if (i >= (size_t)r->navenues) return AV_UNKNOWN;
	return r->t[r->avenues[i]].status;
}

bool result_avenue_until(const struct result *r, size_t i, int32_t *until)
{
	if (i >= (size_t)r->navenues) return false;
	const struct tres *t = &r->t[r->avenues[i]];
	if (t->status != AV_BARRED || !t->has_until) return false;
	*until = t->until;
	return true;
}

bool result_terms_reported(const struct result *r, int t)
{
	enum av_status s = r->t[t].status;
	return r->evaluated && (s == AV_AVAILABLE || s == AV_BARRED || s == AV_UNKNOWN);
}

int result_term_rule(const struct result *r, int t, int term, const struct tvalue **v)
{
	if (!result_terms_reported(r, t)) return -1;
	const struct ruleset *rs = r->rs;
	for (int k = r->tr_off[t]; k < r->tr_off[t + 1]; k++) {
		int ri = r->tr_rules[k];
		const struct rule *ru = &rs->rules[ri];
		const struct rstate *s = &r->st[ri];
		if (ru->oc != OC_TERMS || s->epoch != r->epoch || !(s->flags & ST_APPLIES)
		    || s->applies != TV_TRUE)
			continue;
		for (int j = 0; j < ru->nterms; j++)
			if (ru->terms[j].term == term) {
				if (v) *v = &ru->terms[j].v;
				return ri;
			}
	}
	return -1;
}

const char *rules_bt(const struct bitext *t, enum lang lang)
{
	const char *s = lang == LANG_FR ? t->fr : t->en;
	return s ? s : "";
}

static void put_num(struct buf *b, double v)
{
	if (!isfinite(v)) v = 0;
	buf_printf(b, "%.15g", v);
}

/* "P1Y6M" -> "1 year, 6 months"; anything unexpected is shown as written. */
static void put_duration(struct buf *b, const char *iso, enum lang lang)
{
	static const char *const one[4] = { N_("{1} year"), N_("{1} month"), N_("{1} week"), N_("{1} day") };
	static const char *const many[4] = { N_("{1} years"), N_("{1} months"), N_("{1} weeks"), N_("{1} days") };
	const char *p = iso ? iso : "";
	struct buf w;
	buf_init(&w, 200);
	bool ok = *p == 'P' && p[1];
	for (p++; ok && *p; ) {
		long long n = 0;
		const char *s = p;
		while (*p >= '0' && *p <= '9' && n < 100000) n = n * 10 + (*p++ - '0');
		const char *u = *p ? strchr("YMWD", *p) : NULL;
		if (p == s || !u) { ok = false; break; }
		char num[24];
		struct buf nb;
		buf_init(&nb, sizeof num - 1);
		buf_printf(&nb, "%lld", n);
		msg_copy(num, sizeof num, buf_str(&nb));
		buf_free(&nb);
		const char *a[1] = { num };
		if (w.len) buf_puts(&w, ", ");
		msg_fmt(&w, TR(lang, (n == 1 || (n == 0 && lang == LANG_FR)) ? one[u - "YMWD"] : many[u - "YMWD"]), a, 1);
		p++;
	}
	buf_puts(b, ok ? buf_str(&w) : (iso ? iso : ""));
	buf_free(&w);
}

static void put_fact_value(struct buf *b, const struct ruleset *rs, const struct fval *fv,
                           int fi, enum lang lang)
{
	const struct fact_decl *d = &rs->facts[fi];
	if (!fv || !fv[fi].known) { buf_puts(b, TR(lang, "unknown")); return; }
	switch (d->type) {
	case FT_BOOL: buf_puts(b, fv[fi].i ? TR(lang, "yes") : TR(lang, "no")); return;
	case FT_DATE: date_put_long(b, (int32_t)fv[fi].i, lang == LANG_FR); return;
	case FT_ENUM:
		if (fv[fi].i >= 0 && fv[fi].i < d->nvals) buf_puts(b, rules_bt(&d->val_labels[fv[fi].i], lang));
		return;
	case FT_NUMBER: put_num(b, fv[fi].num); return;
	case FT_TEXT: buf_puts(b, fv[fi].str ? fv[fi].str : ""); return;
	case FT_NONE: case FT_DURATION: break;
	}
	buf_puts(b, TR(lang, "unknown"));
}

/* The explanation of rule ri (or the default reason, ri < 0) with {until},
** {due}, {as_of} and {FACT} replaced. */
void result_explain(const struct result *r, int t, int ri, enum lang lang, struct buf *b)
{
	const struct ruleset *rs = r->rs;
	if (ri < 0) {
		buf_puts(b, TR(lang, "No rule opens this avenue on these facts."));
		return;
	}
	const struct rule *ru = &rs->rules[ri];
	const struct rstate *s = &r->st[ri];
	bool own_day = ru->oc_expr >= 0 && s->epoch == r->epoch && (s->flags & ST_DAY) && s->day_known;
	const char *p = rules_bt(&ru->text, lang);
	while (*p) {
		const char *q = strchr(p, '{'), *e = q ? strchr(q, '}') : NULL;
		if (!q || !e) { buf_puts(b, p); return; }
		buf_append(b, p, (size_t)(q - p));
		size_t n = (size_t)(e - q - 1);
		char name[64];
		if (n == 0 || n >= sizeof name) {
			buf_append(b, q, (size_t)(e - q) + 1);
			p = e + 1;
			continue;
		}
		memcpy(name, q + 1, n);
		name[n] = 0;
		const struct tres *tr = &r->t[t];
		int fi;
		if (strcmp(name, "until") == 0 || strcmp(name, "due") == 0) {
			if (own_day) date_put_long(b, s->day, lang == LANG_FR);
			else if (tr->has_until && tr->status == AV_BARRED) date_put_long(b, tr->until, lang == LANG_FR);
			else if (tr->has_due) date_put_long(b, tr->due, lang == LANG_FR);
			else buf_puts(b, TR(lang, "unknown"));
		} else if (strcmp(name, "as_of") == 0) {
			date_put_long(b, r->as_of, lang == LANG_FR);
		} else if ((fi = rules_fact_index(rs, name)) >= 0) {
			put_fact_value(b, rs, r->facts ? r->facts->v : NULL, fi, lang);
		} else {
			buf_append(b, q, (size_t)(e - q) + 1);
		}
		p = e + 1;
	}
}

const char *rules_rule_kind(const struct ruleset *rs, int ri)
{
	if (ri < 0 || ri >= rs->nrules) return "default";
	switch (rs->rules[ri].oc) {
	case OC_NONE: return "exception";
	case OC_NOT_APPLICABLE: return "not_applicable";
	case OC_INELIGIBLE: return "ineligible";
	case OC_BARRED_UNTIL: return "barred";
	case OC_BARRED_PENDING: return "barred_while_pending";
	case OC_AVAILABLE: return "available";
	case OC_TERMS: return "terms";
	case OC_NOTE: return "note";
	case OC_DUE: return "due";
	}
	return "note";
}

/* The provision's name in the reader's language (rule files may give a French
** name after a slash: `cites "IRPA 24(4)" / "LIPR 24(4)"`). */
const char *rules_cite_label(const struct citation *ci, enum lang lang)
{
	return lang == LANG_FR && ci->label_fr ? ci->label_fr : ci->label;
}

static void put_cite_joined(struct buf *b, const struct rule *ru, enum lang lang)
{
	for (int j = 0; j < ru->ncites; j++) {
		if (j) buf_puts(b, "; ");
		buf_puts(b, rules_cite_label(&ru->cites[j], lang));
	}
}

/* ---- JSON ---- */

static void json_cite(struct buf *b, const struct rule *ru, enum lang lang)
{
	struct buf c;
	buf_init(&c, 4096);
	put_cite_joined(&c, ru, lang);
	buf_puts(b, "\"cite\": ");
	buf_json_str(b, buf_str(&c));
	buf_free(&c);
	buf_puts(b, ", \"cites\": [");
	for (int j = 0; j < ru->ncites; j++) {
		const struct citation *ci = &ru->cites[j];
		const char *url = lang == LANG_FR && ci->url_fr ? ci->url_fr : ci->url_en ? ci->url_en : ci->url_fr;
		buf_puts(b, j ? ", {\"label\": " : "{\"label\": ");
		buf_json_str(b, rules_cite_label(ci, lang));
		buf_puts(b, ", \"url\": ");
		if (url) buf_json_str(b, url);
		else buf_puts(b, "null");
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

static void json_text(struct buf *b, const struct result *r, int t, int ri, enum lang lang)
{
	struct buf x;
	buf_init(&x, 64 * 1024);
	result_explain(r, t, ri, lang, &x);
	buf_json_str(b, buf_str(&x));
	buf_free(&x);
}

static void json_factset(struct buf *b, const struct ruleset *rs, const struct factset *s)
{
	bool first = true;
	buf_puts(b, "[");
	for (int f = 0; f < rs->nfacts; f++)
		if (factset_has(s, f)) {
			if (!first) buf_puts(b, ", ");
			buf_json_str(b, rs->facts[f].name);
			first = false;
		}
	buf_puts(b, "]");
}

static void json_term_value(struct buf *b, const struct term_decl *td, const struct tvalue *v)
{
	switch (td->type) {
	case FT_BOOL: buf_puts(b, v->b ? "true" : "false"); return;
	case FT_NUMBER: put_num(b, v->num); return;
	case FT_DURATION: case FT_TEXT: buf_json_str(b, v->str ? v->str : ""); return;
	case FT_NONE: case FT_DATE: case FT_ENUM: break;
	}
	buf_puts(b, "null");
}

static void json_avenue(struct buf *b, const struct result *r, int t, enum lang lang)
{
	const struct ruleset *rs = r->rs;
	const struct target_decl *td = &rs->targets[t];
	const struct tres *tr = &r->t[t];
	buf_puts(b, "    {\"id\": ");
	buf_json_str(b, td->id);
	buf_puts(b, ", \"name\": ");
	buf_json_str(b, rules_bt(&td->name, lang));
	buf_puts(b, ", \"status\": ");
	buf_json_str(b, av_status_name(tr->status));
	buf_puts(b, ",\n     \"until\": ");
	if (tr->status == AV_BARRED && tr->has_until) date_put_iso_json(b, tr->until);
	else buf_puts(b, "null");
	buf_puts(b, ",\n     \"terms\": {");
	bool first = true;
	for (int k = 0; k < rs->nterms; k++) {
		const struct tvalue *v;
		if (result_term_rule(r, t, k, &v) < 0) continue;
		buf_puts(b, first ? "" : ", ");
		buf_json_str(b, rs->terms[k].name);
		buf_puts(b, ": ");
		json_term_value(b, &rs->terms[k], v);
		first = false;
	}
	buf_puts(b, "},\n     \"reasons\": [");
	for (int j = 0; j < tr->nreasons; j++) {
		int ri = tr->reasons[j];
		const struct rule *ru = ri >= 0 ? &rs->rules[ri] : NULL;
		buf_puts(b, j ? ",\n       {\"rule\": " : "\n       {\"rule\": ");
		if (ru) buf_json_str(b, ru->id);
		else buf_puts(b, "null");
		buf_puts(b, ", \"kind\": ");
		buf_json_str(b, rules_rule_kind(rs, ri));
		buf_puts(b, ", ");
		if (ru) json_cite(b, ru, lang);
		else buf_puts(b, "\"cite\": \"\", \"cites\": []");
		if (ru && ru->oc == OC_BARRED_UNTIL && (r->st[ri].flags & ST_DAY) && r->st[ri].day_known) {
			buf_puts(b, ", \"until\": ");
			date_put_iso_json(b, r->st[ri].day);
		}
		buf_puts(b, ", \"text\": ");
		json_text(b, r, t, ri, lang);
		buf_puts(b, ", \"unverified\": ");
		buf_puts(b, ru && ru->unverified ? "true" : "false");
		if (ru && ru->unverified) {
			buf_puts(b, ", \"unverified_note\": ");
			buf_json_str(b, rules_bt(&ru->unverified_note, lang));
		}
		buf_puts(b, "}");
	}
	buf_puts(b, tr->nreasons ? "\n     ],\n     \"depends_on\": " : "],\n     \"depends_on\": ");
	if (tr->undecided || tr->extendable) json_factset(b, rs, &tr->deps);
	else buf_puts(b, "[]");
	buf_puts(b, "}");
}

int result_write_json(const struct result *r, enum lang lang, struct buf *b)
{
	const struct ruleset *rs = r->rs;
	if (!r->evaluated) return -1;
	buf_puts(b, "{\n  \"as_of\": ");
	date_put_iso_json(b, r->as_of);
	buf_puts(b, ",\n  \"ruleset\": ");
	buf_json_str(b, rs->name ? rs->name : "");
	buf_puts(b, ",\n  \"lang\": ");
	buf_json_str(b, lang_code(lang));
	buf_puts(b, ",\n  \"avenues\": [\n");
	for (int i = 0; i < r->navenues; i++) {
		json_avenue(b, r, r->avenues[i], lang);
		buf_puts(b, i + 1 < r->navenues ? ",\n" : "\n");
	}
	buf_puts(b, "  ],\n  \"deadlines\": [");
	bool first = true;
	for (int i = 0; i < r->ndeadlines; i++) {
		int t = r->deadlines[i];
		const struct tres *tr = &r->t[t];
		if (!tr->has_due) continue;
		const struct rule *ru = &rs->rules[tr->due_rule];
		buf_puts(b, first ? "\n    {\"id\": " : ",\n    {\"id\": ");
		buf_json_str(b, rs->targets[t].id);
		buf_puts(b, ", \"name\": ");
		buf_json_str(b, rules_bt(&rs->targets[t].name, lang));
		buf_puts(b, ", \"due\": ");
		date_put_iso_json(b, tr->due);
		buf_puts(b, ", ");
		json_cite(b, ru, lang);
		buf_puts(b, ", \"text\": ");
		json_text(b, r, t, tr->due_rule, lang);
		buf_puts(b, ", \"rule\": ");
		buf_json_str(b, ru->id);
		buf_puts(b, ", \"unverified\": ");
		buf_puts(b, ru->unverified ? "true" : "false");
		buf_puts(b, "}");
		first = false;
	}
	buf_puts(b, first ? "],\n  \"questions\": [" : "\n  ],\n  \"questions\": [");
	for (int i = 0; i < r->nquestions; i++) {
		const struct fact_decl *fd = &rs->facts[r->questions[i]];
		buf_puts(b, i ? ",\n    {\"fact\": " : "\n    {\"fact\": ");
		buf_json_str(b, fd->name);
		buf_puts(b, ", \"text\": ");
		buf_json_str(b, rules_bt(&fd->question, lang));
		buf_puts(b, ", \"help\": ");
		buf_json_str(b, rules_bt(&fd->help, lang));
		buf_puts(b, "}");
	}
	buf_puts(b, r->nquestions ? "\n  ],\n  \"notice\": " : "],\n  \"notice\": ");
	buf_json_str(b, TR(lang, "This is legal information, not legal advice. Laws and policies change; confirm with a lawyer or legal clinic before acting."));
	if (!first) {
		buf_puts(b, ",\n  \"holidays_notice\": ");
		buf_json_str(b, TR(lang, "Deadlines skip federal holidays only: provincial holidays are not counted."));
	}
	if (r->has_error) {
		buf_puts(b, ",\n  \"error\": {\"message\": ");
		buf_json_str(b, TR(lang, "The rule set gives two due dates for one deadline."));
		buf_puts(b, ", \"deadline\": ");
		buf_json_str(b, rs->targets[r->err_target].id);
		buf_puts(b, ", \"rules\": [");
		buf_json_str(b, rs->rules[r->err_rule1].id);
		buf_puts(b, ", ");
		buf_json_str(b, rs->rules[r->err_rule2].id);
		buf_puts(b, "]}");
	}
	buf_puts(b, "\n}\n");
	return b->err == BUF_OK ? 0 : -1;
}

/* ---- text ---- */

static void text_questions(struct buf *b, const struct ruleset *rs, const struct factset *s,
                           enum lang lang)
{
	for (int f = 0; f < rs->nfacts; f++)
		if (factset_has(s, f)) {
			buf_puts(b, "     - ");
			buf_puts(b, rules_bt(&rs->facts[f].question, lang));
			buf_puts(b, "\n");
		}
}

static void text_term(struct buf *b, const struct term_decl *td, const struct tvalue *v,
                      enum lang lang)
{
	buf_puts(b, "     - ");
	const char *a[2] = { rules_bt(&td->label, lang), "" };
	struct buf val;
	buf_init(&val, 4096);
	switch (td->type) {
	case FT_BOOL: buf_puts(&val, v->b ? TR(lang, "yes") : TR(lang, "no")); break;
	case FT_NUMBER: put_num(&val, v->num); break;
	case FT_DURATION: put_duration(&val, v->str, lang); break;
	case FT_TEXT: buf_puts(&val, v->str ? v->str : ""); break;
	case FT_NONE: case FT_DATE: case FT_ENUM: break;
	}
	a[1] = buf_str(&val);
	msg_fmt(b, TR(lang, "{1}: {2}"), a, 2);
	buf_free(&val);
	buf_puts(b, "\n");
}

static void text_reason(struct buf *b, const struct result *r, int t, int ri, enum lang lang)
{
	const struct rule *ru = ri >= 0 ? &r->rs->rules[ri] : NULL;
	buf_puts(b, "     - ");
	if (ru && ru->unverified) {
		const char *a[1] = { rules_bt(&ru->unverified_note, lang) };
		msg_fmt(b, TR(lang, "UNVERIFIED ({1}): "), a, 1);
	}
	result_explain(r, t, ri, lang, b);
	if (ru) {
		buf_puts(b, " [");
		put_cite_joined(b, ru, lang);
		buf_puts(b, "]");
	}
	buf_puts(b, "\n");
}

static void text_avenue(struct buf *b, const struct result *r, int t, enum lang lang)
{
	const struct ruleset *rs = r->rs;
	const struct target_decl *td = &rs->targets[t];
	const struct tres *tr = &r->t[t];
	buf_puts(b, "\n");
	buf_puts(b, rules_bt(&td->name, lang));
	buf_puts(b, "\n   ");
	switch (tr->status) {
	case AV_AVAILABLE: buf_puts(b, TR(lang, "Open")); break;
	case AV_INELIGIBLE: buf_puts(b, TR(lang, "Not possible")); break;
	case AV_NOT_APPLICABLE: buf_puts(b, TR(lang, "Does not apply")); break;
	case AV_BARRED:
		if (tr->has_until) {
			struct buf d;
			buf_init(&d, DATE_LONG_MAX);
			date_put_long(&d, tr->until, lang == LANG_FR);
			const char *a[1] = { buf_str(&d) };
			msg_fmt(b, TR(lang, "Barred until {1}"), a, 1);
			buf_free(&d);
		} else {
			buf_puts(b, TR(lang, "Barred while a proceeding is pending"));
		}
		break;
	case AV_UNKNOWN:
		buf_puts(b, TR(lang, "Cannot tell yet — needs answers about:"));
		break;
	}
	buf_puts(b, "\n");
	if (tr->status == AV_UNKNOWN) text_questions(b, rs, &tr->deps, lang);
	if (tr->extendable) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "The bar may last longer, depending on:"));
		buf_puts(b, "\n");
		text_questions(b, rs, &tr->deps, lang);
	}
	if (result_terms_reported(r, t)) {
		bool any = false;
		for (int k = 0; k < rs->nterms; k++) {
			const struct tvalue *v;
			if (result_term_rule(r, t, k, &v) < 0) continue;
			if (!any) {
				buf_puts(b, "   ");
				buf_puts(b, TR(lang, "What it gives:"));
				if (rules_bt(&td->gives, lang)[0]) {
					buf_puts(b, " ");
					buf_puts(b, rules_bt(&td->gives, lang));
				}
				buf_puts(b, "\n");
				any = true;
			}
			text_term(b, &rs->terms[k], v, lang);
		}
		if (!any && rules_bt(&td->gives, lang)[0]) {
			buf_puts(b, "   ");
			buf_puts(b, TR(lang, "What it gives:"));
			buf_puts(b, " ");
			buf_puts(b, rules_bt(&td->gives, lang));
			buf_puts(b, "\n");
		}
	}
	if (tr->nreasons) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "Why:"));
		buf_puts(b, "\n");
		for (int j = 0; j < tr->nreasons; j++) text_reason(b, r, t, tr->reasons[j], lang);
	}
}

int result_write_text(const struct result *r, enum lang lang, struct buf *b)
{
	const struct ruleset *rs = r->rs;
	if (!r->evaluated) return -1;
	struct buf d;
	buf_init(&d, DATE_LONG_MAX);
	date_put_long(&d, r->as_of, lang == LANG_FR);
	const char *a[1] = { buf_str(&d) };
	msg_fmt(b, TR(lang, "Protection avenues as of {1}"), a, 1);
	buf_free(&d);
	buf_puts(b, "\n");
	if (rules_bt(&rs->title, lang)[0]) {
		buf_puts(b, rules_bt(&rs->title, lang));
		buf_puts(b, "\n");
	}
	for (int i = 0; i < r->navenues; i++) text_avenue(b, r, r->avenues[i], lang);
	bool any = false;
	for (int i = 0; i < r->ndeadlines; i++) {
		int t = r->deadlines[i];
		const struct tres *tr = &r->t[t];
		if (!tr->has_due) continue;
		if (!any) {
			buf_puts(b, "\n");
			buf_puts(b, TR(lang, "Deadlines"));
			buf_puts(b, "\n");
			any = true;
		}
		struct buf dd;
		buf_init(&dd, DATE_LONG_MAX);
		date_put_long(&dd, tr->due, lang == LANG_FR);
		const char *da[2] = { rules_bt(&rs->targets[t].name, lang), buf_str(&dd) };
		buf_puts(b, "   ");
		msg_fmt(b, TR(lang, "{1}: by {2}"), da, 2);
		buf_free(&dd);
		buf_puts(b, "\n");
		text_reason(b, r, t, tr->due_rule, lang);
	}
	if (any) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "Deadlines skip federal holidays only: provincial holidays are not counted."));
		buf_puts(b, "\n");
	}
	if (r->has_error) {
		buf_puts(b, "\n");
		buf_puts(b, TR(lang, "The rule set gives two due dates for one deadline."));
		buf_puts(b, " (");
		buf_puts(b, rs->rules[r->err_rule1].id);
		buf_puts(b, ", ");
		buf_puts(b, rs->rules[r->err_rule2].id);
		buf_puts(b, ")\n");
	}
	if (r->nquestions) {
		buf_puts(b, "\n");
		buf_puts(b, TR(lang, "Questions that would help most"));
		buf_puts(b, "\n");
		for (int i = 0; i < r->nquestions && i < TEXT_TOP_QUESTIONS; i++)
			buf_printf(b, "   %d. %s\n", i + 1, rules_bt(&rs->facts[r->questions[i]].question, lang));
	}
	buf_puts(b, "\n");
	buf_puts(b, TR(lang, "This is legal information, not legal advice. Laws and policies change; confirm with a lawyer or legal clinic before acting."));
	buf_puts(b, "\n");
	return b->err == BUF_OK ? 0 : -1;
}
