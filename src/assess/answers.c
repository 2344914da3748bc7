/*
** answers.c — one person's answers, from a JSON document or typed one at a time
** in the interview, validated once here into typed values; and back to JSON for
** saving an interview.
**
** An answer is a value, "not asked" (absent or null) or declined ("prefer not to
** say"). Messages name the answer and the problem and never repeat what was
** typed: an undeclared key is named only when it looks like an identifier.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/json.h"
#include "../base/ascii.h"
#include "../base/msg.h"
#include "assessInt.h"

#define NUMBER_MAX 64   /* bytes of a typed number */

struct answers *answers_new(const struct assess *a)
{
	struct answers *ans = calloc(1, sizeof *ans);
	if (!ans) return NULL;
	ans->a = a;
	ans->v = calloc((size_t)a->ncat + 1, sizeof *ans->v);
	ans->scratch_c = facts_new(a->cont);
	ans->scratch_f = facts_new(a->fed);
	if (!ans->v || !ans->scratch_c || !ans->scratch_f) {
		answers_free(ans);
		return NULL;
	}
	return ans;
}

void answers_clear(struct answers *ans)
{
	for (int k = 0; k < ans->a->ncat; k++) {
		free(ans->v[k].text);
		memset(&ans->v[k], 0, sizeof ans->v[k]);
	}
}

void answers_free(struct answers *ans)
{
	if (!ans) return;
	if (ans->v) answers_clear(ans);
	free(ans->v);
	facts_free(ans->scratch_c);
	facts_free(ans->scratch_f);
	free(ans);
}

static void store(struct answers *ans, int k, const struct answer *v)
{
	free(ans->v[k].text);
	ans->v[k] = *v;
}

int answers_forget(struct answers *ans, const char *name)
{
	int k = assess_cat_index(ans->a, name);
	if (k < 0) return -1;
	struct answer none;
	memset(&none, 0, sizeof none);
	store(ans, k, &none);
	return 0;
}

/* The enumeration's values and the decline word, comma-separated, for messages. */
static void enum_values(const struct ruleset *rs, int idx, char *out, size_t cap)
{
	struct buf b;
	buf_init(&b, cap - 1);
	for (int j = 0; j < rules_fact_nvalues(rs, idx); j++) {
		buf_puts(&b, rules_fact_value(rs, idx, j));
		buf_puts(&b, ", ");
	}
	buf_puts(&b, ASSESS_DECLINED);
	msg_copy(out, cap, b.err == BUF_OK ? buf_str(&b) : "");
	buf_free(&b);
}

static int enum_match(const struct ruleset *rs, int idx, const char *s)
{
	for (int j = 0; j < rules_fact_nvalues(rs, idx); j++)
		if (ascii_ieq(rules_fact_value(rs, idx, j), s)) return j;
	return -1;
}

/* A text answer, checked by the engine (UTF-8, NUL, length). */
static enum assess_err check_text(struct answers *ans, int k, const struct json_value *v,
                                  enum lang lang, struct assess_error *err)
{
	int idx;
	const struct ruleset *rs = assess_cat_rs(ans->a, k, &idx);
	struct facts *f = rs == ans->a->cont ? ans->scratch_c : ans->scratch_f;
	struct facts_error fe;
	memset(&fe, 0, sizeof fe);
	if (facts_set_json(f, idx, v, lang, &fe) == FACTS_OK) return ASSESS_OK;
	if (fe.code == FACTS_ENOMEM) return ASSESS_ENOMEM;
	if (err) {
		memset(err, 0, sizeof *err);
		msg_copy(err->answer, sizeof err->answer, ans->a->cat[k].name);
		msg_copy(err->msg, sizeof err->msg, fe.msg);
		err->line = fe.line;
		err->col = fe.col;
	}
	return ASSESS_EINPUT;
}

/* ---- JSON ---- */

static const char *json_problem(enum json_err e)
{
	switch (e) {
	case JSON_OK: case JSON_ESYNTAX: case JSON_ENOMEM: break;
	case JSON_EDEPTH: return N_("the answers are nested too deeply");
	case JSON_ETOOBIG: return N_("the answers, or one value in them, are too large");
	case JSON_EUTF8: return N_("the answers contain invalid UTF-8 or a bad escape");
	case JSON_EDUPKEY: return N_("an answer is given twice");
	}
	return N_("the answers are not valid JSON");
}

static enum assess_err parse_value(struct answers *ans, int k, const struct json_value *v,
                                   enum lang lang, struct assess_error *err)
{
	const struct acat *c = &ans->a->cat[k];
	int idx;
	const struct ruleset *rs = assess_cat_rs(ans->a, k, &idx);
	struct answer x;
	memset(&x, 0, sizeof x);
	x.state = ANS_VALUE;
	if (v->type == JSON_NULL) {
		x.state = ANS_UNSET;
		store(ans, k, &x);
		return ASSESS_OK;
	}
	if (v->type == JSON_STRING && strlen(v->text) == v->len && strcmp(v->text, ASSESS_DECLINED) == 0) {
		x.state = ANS_DECLINED;
		store(ans, k, &x);
		return ASSESS_OK;
	}
	switch (c->type) {
	case RULES_FT_BOOLEAN:
		if (v->type != JSON_BOOL)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("expected true, false, null or \"prefer_not_to_say\""), NULL);
		x.b = v->b;
		break;
	case RULES_FT_DATE: {
		if (v->type != JSON_STRING)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("expected a date as a string \"YYYY-MM-DD\", null or \"prefer_not_to_say\""),
			                   NULL);
		enum date_err de = date_parse(v->text, v->len, &x.i);
		if (de == DATE_ENODAY)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("not a real calendar day (expected YYYY-MM-DD)"), NULL);
		if (de == DATE_ERANGE)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("the year is outside 1900 to 2199"), NULL);
		if (de != DATE_OK)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("not a date (expected YYYY-MM-DD)"), NULL);
		break;
	}
	case RULES_FT_ENUM: {
		char vals[600];
		enum_values(rs, idx, vals, sizeof vals);
		if (v->type != JSON_STRING)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("expected one of: {1}"), vals);
		x.i = strlen(v->text) == v->len ? enum_match(rs, idx, v->text) : -1;
		if (x.i < 0)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("not one of the allowed values: {1}"), vals);
		break;
	}
	case RULES_FT_NUMBER:
		if (v->type != JSON_NUMBER)
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("expected a number, null or \"prefer_not_to_say\""), NULL);
		if (!isfinite(v->num))
			return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
			                   N_("the number is too large"), NULL);
		x.num = v->num;
		break;
	case RULES_FT_TEXT: {
		enum assess_err e = check_text(ans, k, v, lang, err);
		if (e != ASSESS_OK) return e;
		x.text = malloc(v->len + 1);
		if (!x.text) return ASSESS_ENOMEM;
		memcpy(x.text, v->text, v->len);
		x.text[v->len] = '\0';
		break;
	}
	default:
		return assess_fail(err, ASSESS_EINPUT, lang, v->line, v->col, c->name,
		                   N_("this fact cannot be given"), NULL);
	}
	store(ans, k, &x);
	return ASSESS_OK;
}

enum assess_err answers_parse_json(struct answers *ans, const char *json, size_t len,
                                   enum lang lang, struct assess_error *err)
{
	if (err) memset(err, 0, sizeof *err);
	answers_clear(ans);
	ans->lang = lang;
	if (len > ASSESS_MAX_JSON) {
		char kib[16];
		struct buf b;
		buf_init(&b, sizeof kib - 1);
		buf_printf(&b, "%u", ASSESS_MAX_JSON / 1024u);
		msg_copy(kib, sizeof kib, buf_str(&b));
		buf_free(&b);
		return assess_fail(err, ASSESS_EINPUT, lang, 0, 0, NULL,
		                   N_("the answers are larger than {1} KiB"), kib);
	}
	const struct json_limits lim = {
		.max_bytes = ASSESS_MAX_JSON, .max_depth = ASSESS_JSON_DEPTH,
		.max_members = 2u * (size_t)(ans->a->ncat + 8), .max_string = 4u * ASSESS_MAX_TEXT,
	};
	struct json_error je;
	memset(&je, 0, sizeof je);
	struct json_doc *doc = json_parse(json ? json : "", json ? len : 0, &lim, &je);
	if (!doc) {
		if (je.code == JSON_ENOMEM) return ASSESS_ENOMEM;
		return assess_fail(err, ASSESS_EINPUT, lang, je.line, je.col, NULL,
		                   json_problem(je.code), NULL);
	}
	const struct json_value *root = json_root(doc);
	enum assess_err rc = ASSESS_OK;
	if (!root || root->type != JSON_OBJECT) {
		rc = assess_fail(err, ASSESS_EINPUT, lang, root ? root->line : 0, root ? root->col : 0,
		                 NULL, N_("the answers must be a JSON object"), NULL);
	} else {
		for (size_t i = 0; i < root->n && rc == ASSESS_OK; i++) {
			const struct json_member *m = &root->members[i];
			bool ident = msg_is_name(m->key, m->keylen) && strlen(m->key) == m->keylen;
			int k = ident ? assess_cat_index(ans->a, m->key) : -1;
			if (k < 0)
				rc = assess_fail(err, ASSESS_EINPUT, lang, m->line, m->col, ident ? m->key : NULL,
				                 ident ? N_("not a question safepath knows")
				                       : N_("a key is not the name of a question safepath knows"),
				                 NULL);
			else
				rc = parse_value(ans, k, m->value, lang, err);
		}
	}
	json_free(doc);
	if (rc != ASSESS_OK) answers_clear(ans);   /* never evaluate half a document */
	return rc;
}

/* ---- one typed answer ---- */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int yes_no(const char *s)
{
	static const char *const yes[] = { "yes", "y", "oui", "o", "true", "vrai" };
	static const char *const no[] = { "no", "n", "non", "false", "faux" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (ascii_ieq(s, yes[i])) return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (ascii_ieq(s, no[i])) return 0;
	return -1;
}

static int enum_text(const struct ruleset *rs, int idx, const char *s, size_t n)
{
	int nv = rules_fact_nvalues(rs, idx);
	bool digits = n > 0 && n <= 3;
	for (size_t i = 0; i < n && digits; i++) digits = s[i] >= '0' && s[i] <= '9';
	if (digits) {
		int v = 0;
		for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
		return v >= 1 && v <= nv ? v - 1 : -1;
	}
	int j = enum_match(rs, idx, s);
	if (j >= 0) return j;
	for (j = 0; j < nv; j++)
		if (ascii_ieq(rules_fact_value_label(rs, idx, j, LANG_EN), s)
		    || ascii_ieq(rules_fact_value_label(rs, idx, j, LANG_FR), s))
			return j;
	return -1;
}

static bool parse_number(const char *s, size_t n, double *out)
{
	char tmp[NUMBER_MAX + 1];
	if (n == 0 || n > NUMBER_MAX) return false;
	int commas = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',') { c = '.'; commas++; }    /* the French decimal comma */
		if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) return false;
		tmp[i] = c;
	}
	tmp[n] = '\0';
	if (commas > 1) return false;
	char *end;
	double v = strtod(tmp, &end);
	if (end != tmp + n || !isfinite(v)) return false;
	*out = v;
	return true;
}

enum assess_err answers_set_text(struct answers *ans, const char *name, const char *text,
                                 enum lang lang, struct assess_error *err)
{
	if (err) memset(err, 0, sizeof *err);
	ans->lang = lang;
	bool ident = name && msg_is_name(name, strlen(name));
	int k = ident ? assess_cat_index(ans->a, name) : -1;
	if (k < 0)
		return assess_fail(err, ASSESS_EINPUT, lang, 0, 0, ident ? name : NULL,
		                   ident ? N_("not a question safepath knows")
		                         : N_("a key is not the name of a question safepath knows"),
		                   NULL);
	const struct acat *c = &ans->a->cat[k];
	if (!text) text = "";
	size_t len = strnlen(text, ASSESS_MAX_TEXT + 1);
	if (len > ASSESS_MAX_TEXT)
		return assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
		                   N_("the answer is too long"), NULL);
	const char *s = text, *e = text + len;
	while (s < e && is_space(*s)) s++;
	while (e > s && is_space(e[-1])) e--;
	size_t n = (size_t)(e - s);
	if (n == 0)
		return assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name, N_("the answer is empty"), NULL);
	char *t = malloc(n + 1);
	if (!t) return ASSESS_ENOMEM;
	memcpy(t, s, n);
	t[n] = '\0';

	int idx;
	const struct ruleset *rs = assess_cat_rs(ans->a, k, &idx);
	struct answer x;
	memset(&x, 0, sizeof x);
	x.state = ANS_VALUE;
	enum assess_err rc = ASSESS_OK;
	if (strcmp(t, ASSESS_DECLINED) == 0) {
		x.state = ANS_DECLINED;
	} else {
		switch (c->type) {
		case RULES_FT_BOOLEAN: {
			int yn = yes_no(t);
			if (yn < 0)
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("expected yes or no (oui or non)"), NULL);
			x.b = yn == 1;
			break;
		}
		case RULES_FT_DATE: {
			enum date_err de = date_parse(t, n, &x.i);
			if (de == DATE_ENODAY)
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("not a real calendar day (expected YYYY-MM-DD)"), NULL);
			else if (de == DATE_ERANGE)
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("the year is outside 1900 to 2199"), NULL);
			else if (de != DATE_OK)
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("not a date (expected YYYY-MM-DD)"), NULL);
			break;
		}
		case RULES_FT_ENUM: {
			x.i = enum_text(rs, idx, t, n);
			if (x.i < 0) {
				char nv[16];
				struct buf b;
				buf_init(&b, sizeof nv - 1);
				buf_printf(&b, "%d", rules_fact_nvalues(rs, idx));
				msg_copy(nv, sizeof nv, buf_str(&b));
				buf_free(&b);
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("not one of the choices: type its number, from 1 to {1}"), nv);
			}
			break;
		}
		case RULES_FT_NUMBER:
			if (!parse_number(t, n, &x.num))
				rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
				                 N_("expected a number"), NULL);
			break;
		case RULES_FT_TEXT: {
			struct json_value jv;
			memset(&jv, 0, sizeof jv);
			jv.type = JSON_STRING;
			jv.text = t;
			jv.len = n;
			rc = check_text(ans, k, &jv, lang, err);
			if (rc == ASSESS_OK) {
				x.text = t;
				t = NULL;
			}
			break;
		}
		default:
			rc = assess_fail(err, ASSESS_EINPUT, lang, 0, 0, c->name,
			                 N_("this fact cannot be given"), NULL);
			break;
		}
	}
	free(t);
	if (rc == ASSESS_OK) store(ans, k, &x);
	return rc;
}

/* ---- back to JSON ---- */

int answers_write_json(const struct answers *ans, struct buf *out)
{
	const struct assess *a = ans->a;
	bool first = true;
	buf_puts(out, "{");
	for (int k = 0; k < a->ncat; k++) {
		const struct answer *v = &ans->v[k];
		if (v->state == ANS_UNSET) continue;
		buf_puts(out, first ? "\n  " : ",\n  ");
		first = false;
		buf_json_str(out, a->cat[k].name);
		buf_puts(out, ": ");
		if (v->state == ANS_DECLINED) {
			buf_json_str(out, ASSESS_DECLINED);
			continue;
		}
		int idx;
		const struct ruleset *rs = assess_cat_rs(a, k, &idx);
		switch (a->cat[k].type) {
		case RULES_FT_BOOLEAN: buf_puts(out, v->b ? "true" : "false"); break;
		case RULES_FT_DATE: {
			char d[DATE_ISO_LEN + 1];
			date_format_iso(v->i, d);
			buf_json_str(out, d);
			break;
		}
		case RULES_FT_ENUM: {
			const char *val = rules_fact_value(rs, idx, v->i);
			if (val) buf_json_str(out, val);
			else buf_puts(out, "null");
			break;
		}
		case RULES_FT_NUMBER: buf_printf(out, "%.17g", isfinite(v->num) ? v->num : 0.0); break;
		case RULES_FT_TEXT: buf_json_str(out, v->text ? v->text : ""); break;
		default: buf_puts(out, "null"); break;
		}
	}
	buf_puts(out, first ? "}\n" : "\n}\n");
	return out->err == BUF_OK ? 0 : -1;
}
