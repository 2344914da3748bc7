/*
** report.c — an assessment as the JSON of the `assess` contract (docs/safepath.1)
** or as text for a worker.
**
** JSON: the contract's keys first and in its order (level, level_reasons,
** indicators, remedies, pathways, questions; per reason rule, cite, text; per
** indicator id, present; per remedy id, body, deadline, cite, unverified, text),
** added keys after the contract keys they follow. Every string goes through
** buf_json_str. The text form ends with the legal-information notice.
*/
#include <string.h>

#include "../base/date.h"
#include "../base/msg.h"
#include "assessInt.h"

#define TEXT_TOP_QUESTIONS 5
#define TEXT_MAX_POSSIBLE 8      /* possible remedies listed by name in the text */
#define PIECE_MAX ASSESS_PIECE_MAX  /* one explanation or joined list */

static const char *notice(enum lang lang)
{
	return TR(lang, "This is legal information, not legal advice. Laws and policies change; confirm with a lawyer or legal clinic before acting.");
}

/* {1} in tmpl replaced by arg. */
static void fmt1(struct buf *b, const char *tmpl, const char *arg)
{
	const char *q = strstr(tmpl, "{1}");
	if (!q) { buf_puts(b, tmpl); return; }
	buf_append(b, tmpl, (size_t)(q - tmpl));
	buf_puts(b, arg);
	buf_puts(b, q + 3);
}

static void pathways_text(const struct assessment *x, enum lang lang, struct buf *out)
{
	struct buf p, needle;
	buf_init(&p, out->max);
	buf_init(&needle, 1024);
	if (result_write_text(x->fr, lang, &p) != 0 || p.err != BUF_OK) {
		buf_free(&p);
		buf_free(&needle);
		out->err = out->err ? out->err : BUF_ETOOBIG;
		return;
	}
	/* The combined questions and the notice close the whole report; the pathways'
	** own ones are left out so they are not said twice. */
	buf_puts(&needle, "\n\n");
	buf_puts(&needle, TR(lang, "Questions that would help most"));
	buf_puts(&needle, "\n");
	const char *s = buf_str(&p), *cut = strstr(s, buf_str(&needle));
	size_t n = cut ? (size_t)(cut - s) + 1 : p.len;
	size_t nl = strlen(notice(lang));
	if (!cut && n > nl + 2 && strncmp(s + n - nl - 1, notice(lang), nl) == 0) n -= nl + 1;
	buf_append(out, s, n);
	buf_free(&p);
	buf_free(&needle);
}

/* ---- JSON ---- */

static void json_reason(struct buf *b, const struct assessment *x, int t, int ri, int level,
                        enum lang lang, bool first)
{
	const struct ruleset *rs = x->a->cont;
	struct buf piece;
	buf_init(&piece, PIECE_MAX);
	buf_puts(b, first ? "\n    {\"rule\": " : ",\n    {\"rule\": ");
	buf_json_str(b, rules_rule_id(rs, ri));
	assessment_cites(x, ri, lang, &piece);
	buf_puts(b, ", \"cite\": ");
	buf_json_str(b, buf_str(&piece));
	buf_reset(&piece);
	assessment_explain(x, t, ri, lang, &piece);
	buf_puts(b, ", \"text\": ");
	buf_json_str(b, buf_str(&piece));
	buf_puts(b, ", \"level\": ");
	buf_json_str(b, assess_level_name((enum assess_level)level));
	const char *u = rules_rule_unverified(rs, ri, lang);
	buf_puts(b, ", \"unverified\": ");
	buf_puts(b, u ? "true" : "false");
	if (u) {
		buf_puts(b, ", \"unverified_note\": ");
		buf_json_str(b, u);
	}
	buf_puts(b, "}");
	buf_free(&piece);
}

static void json_remedy(struct buf *b, const struct assessment *x, size_t i, enum lang lang)
{
	const struct ruleset *rs = x->a->cont;
	struct assess_remedy v;
	assessment_remedy_view(x, i, lang, &v);
	buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
	buf_json_str(b, rules_target_remedy(rs, v.t));
	buf_puts(b, ", \"body\": ");
	buf_json_str(b, rules_target_name(rs, v.t, lang));
	buf_puts(b, ",\n     \"deadline\": ");
	if (v.has_due) date_put_iso_json(b, v.due);
	else buf_puts(b, "null");
	buf_puts(b, ", \"cite\": ");
	buf_json_str(b, buf_str(&v.cite));
	buf_puts(b, ", \"unverified\": ");
	buf_puts(b, v.unverified ? "true" : "false");
	buf_puts(b, ",\n     \"text\": ");
	buf_json_str(b, buf_str(&v.text));
	buf_puts(b, ",\n     \"status\": ");
	buf_json_str(b, v.available ? "available" : "possible");
	buf_puts(b, ", \"avenue\": ");
	buf_json_str(b, rules_target_id(rs, v.t));
	buf_puts(b, ", \"deadline_passed\": ");
	buf_puts(b, v.due_passed ? "true" : "false");
	buf_puts(b, ", \"deadline_cite\": ");
	if (v.has_due) buf_json_str(b, buf_str(&v.dcite));
	else buf_puts(b, "null");
	buf_puts(b, ",\n     \"deadline_text\": ");
	if (v.has_due) buf_json_str(b, buf_str(&v.dtext));
	else buf_puts(b, "null");
	buf_puts(b, ",\n     \"unverified_note\": ");
	if (v.note.len) buf_json_str(b, buf_str(&v.note));
	else buf_puts(b, "null");
	buf_puts(b, ", \"depends_on\": [");
	assess_remedy_deps(x, &v, x->mark);
	bool first = true;
	for (int k = 0; k < x->a->ncat; k++)
		if (x->mark[k]) {
			buf_puts(b, first ? "" : ", ");
			buf_json_str(b, x->a->cat[k].name);
			first = false;
		}
	memset(x->mark, 0, (size_t)x->a->ncat);
	buf_puts(b, "]}");
	assessment_remedy_view_free(&v);
}

static const char *type_name(int type)
{
	switch (type) {
	case RULES_FT_BOOLEAN: return "boolean";
	case RULES_FT_DATE: return "date";
	case RULES_FT_ENUM: return "enum";
	case RULES_FT_NUMBER: return "number";
	case RULES_FT_TEXT: return "text";
	default: break;
	}
	return "unknown";
}

static void json_question(struct buf *b, const struct assessment *x, size_t i, enum lang lang)
{
	int k = x->questions[i], idx;
	const struct ruleset *rs = assess_cat_rs(x->a, k, &idx);
	buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
	buf_json_str(b, x->a->cat[k].name);
	buf_puts(b, ", \"text\": ");
	buf_json_str(b, assessment_question_text(x, i, lang));
	buf_puts(b, ",\n     \"help\": ");
	buf_json_str(b, rules_fact_help(rs, idx, lang));
	buf_puts(b, ",\n     \"ruleset\": ");
	buf_json_str(b, rules_name(rs));
	buf_puts(b, ", \"type\": ");
	buf_json_str(b, type_name(x->a->cat[k].type));
	if (x->a->cat[k].type == RULES_FT_ENUM) {
		buf_puts(b, ", \"choices\": [");
		for (int j = 0; j < rules_fact_nvalues(rs, idx); j++) {
			buf_puts(b, j ? ", {\"value\": " : "{\"value\": ");
			buf_json_str(b, rules_fact_value(rs, idx, j));
			buf_puts(b, ", \"label\": ");
			buf_json_str(b, rules_fact_value_label(rs, idx, j, lang));
			buf_puts(b, "}");
		}
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
}

int assessment_write_json(const struct assessment *x, enum lang lang, struct buf *b)
{
	const struct assess *a = x->a;
	if (!x->evaluated) return -1;
	buf_puts(b, "{\n  \"level\": ");
	buf_json_str(b, assess_level_name(x->level));
	buf_puts(b, ",\n  \"level_reasons\": [");
	bool first = true;
	int t, ri, l;
	for (size_t j = 0; assessment_level_reason(x, j, &t, &ri, &l); j++) {
		json_reason(b, x, t, ri, l, lang, first);
		first = false;
	}
	buf_puts(b, first ? "],\n  \"indicators\": [" : "\n  ],\n  \"indicators\": [");
	for (int k = 0; k < ASSESS_NILO; k++) {
		const char *label;
		int present = assessment_indicator(x, k, lang, &label);
		buf_puts(b, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_json_str(b, assess_ilo_ids[k]);
		buf_puts(b, ", \"present\": ");
		buf_puts(b, present < 0 ? "null" : present ? "true" : "false");
		buf_puts(b, ", \"label\": ");
		buf_json_str(b, label);
		buf_puts(b, "}");
	}
	buf_puts(b, "\n  ],\n  \"remedies\": [");
	for (size_t i = 0; i < x->nremedies; i++) json_remedy(b, x, i, lang);
	buf_puts(b, x->nremedies ? "\n  ],\n  \"pathways\": " : "],\n  \"pathways\": ");
	if (x->has_pathways) {
		struct buf p;
		buf_init(&p, b->max);
		if (result_write_json(x->fr, lang, &p) != 0 || p.err != BUF_OK) {
			buf_free(&p);
			return -1;
		}
		/* Indented one level: no string holds a raw newline, so each line
		** break is one of the layout's. */
		size_t n = p.len;
		while (n > 0 && (p.p[n - 1] == '\n' || p.p[n - 1] == ' ')) n--;
		for (size_t i = 0; i < n; ) {
			const char *nl = memchr(p.p + i, '\n', n - i);
			size_t run = nl ? (size_t)(nl - (p.p + i)) + 1 : n - i;
			buf_append(b, p.p + i, run);
			if (nl) buf_puts(b, "  ");
			i += run;
		}
		buf_free(&p);
	} else {
		buf_puts(b, "null");
	}
	buf_puts(b, ",\n  \"questions\": [");
	for (size_t i = 0; i < x->nquestions; i++) json_question(b, x, i, lang);
	buf_puts(b, x->nquestions ? "\n  ],\n  \"as_of\": " : "],\n  \"as_of\": ");
	date_put_iso_json(b, x->as_of);
	buf_puts(b, ",\n  \"lang\": ");
	buf_json_str(b, lang_code(lang));
	buf_puts(b, ",\n  \"level_label\": ");
	buf_json_str(b, assess_level_label(a, x->level, lang));
	buf_puts(b, ",\n  \"may_rise\": ");
	buf_puts(b, x->may_rise ? "true" : "false");
	buf_puts(b, ",\n  \"declined\": [");
	first = true;
	for (int k = 0; k < a->ncat; k++)
		if (x->snap[k].state == ANS_DECLINED) {
			buf_puts(b, first ? "" : ", ");
			buf_json_str(b, a->cat[k].name);
			first = false;
		}
	buf_puts(b, "],\n  \"trafficking_indicated_from_level\": ");
	buf_puts(b, x->bridged ? "true" : "false");
	if (x->bridged) {
		buf_puts(b, ",\n  \"bridge_text\": ");
		buf_json_str(b, assess_bridge_text(lang));
	}
	buf_puts(b, ",\n  \"notice\": ");
	buf_json_str(b, notice(lang));
	buf_puts(b, "\n}\n");
	return b->err == BUF_OK ? 0 : -1;
}

/* ---- text ---- */

static void text_reason(struct buf *b, const struct assessment *x, int t, int ri,
                        enum lang lang, const char *indent)
{
	const struct ruleset *rs = x->a->cont;
	buf_puts(b, indent);
	buf_puts(b, "- ");
	const char *u = rules_rule_unverified(rs, ri, lang);
	if (u) fmt1(b, TR(lang, "UNVERIFIED ({1}): "), u);
	result_explain(x->cr, t, ri, lang, b);
	struct buf c;
	buf_init(&c, PIECE_MAX);
	assessment_cites(x, ri, lang, &c);
	if (c.len) {
		buf_puts(b, " [");
		buf_puts(b, buf_str(&c));
		buf_puts(b, "]");
	}
	buf_free(&c);
	buf_puts(b, "\n");
}

static void text_fact_list(struct buf *b, const struct assessment *x, const uint8_t *mark,
                           enum lang lang, const char *indent)
{
	for (int k = 0; k < x->a->ncat; k++)
		if (mark[k]) {
			int idx;
			const struct ruleset *rs = assess_cat_rs(x->a, k, &idx);
			buf_puts(b, indent);
			buf_puts(b, "- ");
			buf_puts(b, rules_fact_question(rs, idx, lang));
			buf_puts(b, "\n");
		}
}

static void text_level(struct buf *b, const struct assessment *x, enum lang lang)
{
	const struct assess *a = x->a;
	fmt1(b, TR(lang, "Level reached: {1}"), assess_level_label(a, x->level, lang));
	buf_puts(b, "\n");
	if (x->level > LEVEL_NONE) {
		buf_puts(b, "   ");
		buf_puts(b, rules_target_gives(a->cont, a->level_t[x->level], lang));
		buf_puts(b, "\n");
	}
	if (x->may_rise) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "It may still be higher: some answers that could raise it are missing or were declined."));
		buf_puts(b, "\n");
	}
	for (int l = (int)x->level; l > 0; l--) {
		int t = a->level_t[l];
		if (result_status(x->cr, t) != AV_AVAILABLE) continue;
		buf_puts(b, "\n   ");
		fmt1(b, TR(lang, "Why: {1}"), assess_level_label(a, (enum assess_level)l, lang));
		buf_puts(b, "\n");
		for (size_t j = 0; j < result_reason_count(x->cr, t); j++) {
			int ri = result_reason_rule(x->cr, t, j);
			if (ri >= 0) text_reason(b, x, t, ri, lang, "     ");
		}
	}
}

static void text_indicators(struct buf *b, const struct assessment *x, enum lang lang)
{
	int present = 0, unknown = 0;
	buf_puts(b, "\n");
	buf_puts(b, TR(lang, "ILO indicators of forced labour"));
	buf_puts(b, "\n");
	for (int k = 0; k < ASSESS_NILO; k++) {
		const char *label;
		int v = assessment_indicator(x, k, lang, &label);
		if (v < 0) { unknown++; continue; }
		if (!v) continue;
		buf_puts(b, "   - ");
		buf_puts(b, label);
		buf_puts(b, "\n");
		present++;
	}
	if (!present) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "None present in the answers given."));
		buf_puts(b, "\n");
	}
	if (unknown) {
		char n[16];
		struct buf nb;
		buf_init(&nb, sizeof n - 1);
		buf_printf(&nb, "%d", unknown);
		msg_copy(n, sizeof n, buf_str(&nb));
		buf_free(&nb);
		buf_puts(b, "   ");
		fmt1(b, TR(lang, "Not known (not answered or declined): {1} of 11."), n);
		buf_puts(b, "\n");
	}
}

static void text_remedies(struct buf *b, const struct assessment *x, enum lang lang)
{
	const struct ruleset *rs = x->a->cont;
	size_t possible = 0, shown = 0;
	buf_puts(b, "\n");
	buf_puts(b, TR(lang, "Where the person can turn"));
	buf_puts(b, "\n");
	for (size_t i = 0; i < x->nremedies; i++) {
		if (result_status(x->cr, x->remedies[i]) != AV_AVAILABLE) { possible++; continue; }
		struct assess_remedy v;
		assessment_remedy_view(x, i, lang, &v);
		buf_puts(b, "\n   ");
		buf_puts(b, rules_target_name(rs, v.t, lang));
		buf_puts(b, "\n");
		for (size_t j = 0; j < result_reason_count(x->cr, v.t); j++) {
			int ri = result_reason_rule(x->cr, v.t, j);
			if (ri >= 0) text_reason(b, x, v.t, ri, lang, "     ");
		}
		if (v.has_due) {
			struct buf d;
			buf_init(&d, DATE_LONG_MAX);
			date_put_long(&d, v.due, lang == LANG_FR);
			buf_puts(b, "     ");
			fmt1(b, TR(lang, "Time limit: {1}"), buf_str(&d));
			buf_free(&d);
			buf_puts(b, "\n");
			if (v.due < x->as_of) {
				buf_puts(b, "     ");
				buf_puts(b, TR(lang, "This time limit has already passed. Some bodies can accept "
				                     "a late complaint for a good reason: ask a legal clinic "
				                     "quickly."));
				buf_puts(b, "\n");
			}
			text_reason(b, x, v.lt, v.due_rule, lang, "       ");
		} else if (v.lt >= 0 && result_undecided(x->cr, v.lt)) {
			buf_puts(b, "     ");
			buf_puts(b, TR(lang, "Time limit: cannot be worked out yet. It depends on:"));
			buf_puts(b, "\n");
			assess_remedy_deps(x, &v, x->mark);
			text_fact_list(b, x, x->mark, lang, "       ");
			memset(x->mark, 0, (size_t)x->a->ncat);
		}
		assessment_remedy_view_free(&v);
		shown++;
	}
	if (!shown) {
		buf_puts(b, "   ");
		buf_puts(b, TR(lang, "No remedy is open on the answers given so far."));
		buf_puts(b, "\n");
	}
	if (possible) {
		size_t listed = 0;
		buf_puts(b, "\n   ");
		buf_puts(b, TR(lang, "May also apply, depending on answers not given yet:"));
		buf_puts(b, "\n");
		for (size_t i = 0; i < x->nremedies; i++) {
			if (result_status(x->cr, x->remedies[i]) == AV_AVAILABLE) continue;
			if (listed == TEXT_MAX_POSSIBLE) {
				char n[24];
				struct buf nb;
				buf_init(&nb, sizeof n - 1);
				buf_printf(&nb, "%zu", possible - listed);
				msg_copy(n, sizeof n, buf_str(&nb));
				buf_free(&nb);
				buf_puts(b, "     ");
				fmt1(b, TR(lang, "- and {1} more"), n);
				buf_puts(b, "\n");
				break;
			}
			buf_puts(b, "     - ");
			buf_puts(b, rules_target_name(rs, x->remedies[i], lang));
			buf_puts(b, "\n");
			listed++;
		}
	}
}

static void text_questions(struct buf *b, const struct assessment *x, enum lang lang)
{
	if (x->nquestions) {
		buf_puts(b, "\n");
		buf_puts(b, TR(lang, "Questions that would help most"));
		buf_puts(b, "\n");
		for (size_t i = 0; i < x->nquestions && i < TEXT_TOP_QUESTIONS; i++) {
			int idx;
			const struct ruleset *rs = assess_cat_rs(x->a, x->questions[i], &idx);
			buf_printf(b, "   %zu. %s\n", i + 1, rules_fact_question(rs, idx, lang));
		}
		if (x->nquestions > TEXT_TOP_QUESTIONS) {
			char n[24];
			struct buf nb;
			buf_init(&nb, sizeof n - 1);
			buf_printf(&nb, "%zu", x->nquestions - TEXT_TOP_QUESTIONS);
			msg_copy(n, sizeof n, buf_str(&nb));
			buf_free(&nb);
			buf_puts(b, "   ");
			fmt1(b, TR(lang, "({1} more questions could still change the result.)"), n);
			buf_puts(b, "\n");
		}
	}
	int declined = 0;
	for (int k = 0; k < x->a->ncat; k++)
		if (x->snap[k].state == ANS_DECLINED) declined++;
	if (declined) {
		char n[16];
		struct buf nb;
		buf_init(&nb, sizeof n - 1);
		buf_printf(&nb, "%d", declined);
		msg_copy(n, sizeof n, buf_str(&nb));
		buf_free(&nb);
		buf_puts(b, "\n");
		fmt1(b, declined == 1
		     ? TR(lang, "The person preferred not to answer 1 question: it is not asked again, and the result stays open on it.")
		     : TR(lang, "The person preferred not to answer {1} questions: they are not asked again, and the result stays open on them."),
		     n);
		buf_puts(b, "\n");
	}
}

int assessment_write_text(const struct assessment *x, enum lang lang, struct buf *b)
{
	if (!x->evaluated) return -1;
	struct buf d;
	buf_init(&d, DATE_LONG_MAX);
	date_put_long(&d, x->as_of, lang == LANG_FR);
	fmt1(b, TR(lang, "Assessment on the continuum of exploitation, as of {1}"), buf_str(&d));
	buf_free(&d);
	buf_puts(b, "\n\n");
	text_level(b, x, lang);
	text_indicators(b, x, lang);
	text_remedies(b, x, lang);
	buf_puts(b, "\n");
	if (x->has_pathways) {
		if (x->bridged) {
			buf_puts(b, assess_bridge_text(lang));
			buf_puts(b, "\n\n");
		}
		pathways_text(x, lang, b);
	} else {
		buf_puts(b, TR(lang, "The immigration protection pathways are not shown: the person is a Canadian citizen or a permanent resident."));
		buf_puts(b, "\n");
	}
	text_questions(b, x, lang);
	buf_puts(b, "\n");
	buf_puts(b, notice(lang));
	buf_puts(b, "\n");
	return b->err == BUF_OK ? 0 : -1;
}
