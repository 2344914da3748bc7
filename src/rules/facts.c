/*
** facts.c — one person's facts, validated once at the boundary.
**
** facts_parse_json accepts a flat JSON object whose keys are declared facts.
** Error messages name the fact and the problem and never repeat the value
** given (it may be personal data); an undeclared key is named only when it
** looks like an identifier.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/ascii.h"
#include "../base/json.h"
#include "../base/msg.h"
#include "eval.h"

struct facts *facts_new(const struct ruleset *rs)
{
	struct facts *f = calloc(1, sizeof *f);
	if (!f) return NULL;
	f->rs = rs;
	size_t n = rs->nfacts > 0 ? (size_t)rs->nfacts : 1;
	f->v = calloc(n, sizeof *f->v);
	f->text = calloc(n, sizeof *f->text);
	if (!f->v || !f->text) {
		facts_free(f);
		return NULL;
	}
	for (int i = 0; i < rs->nfacts; i++)
		if (rs->facts[i].type == FT_TEXT && !(f->text[i] = malloc(FACTS_MAX_TEXT + 1))) {
			facts_free(f);
			return NULL;
		}
	return f;
}

void facts_free(struct facts *f)
{
	if (!f) return;
	if (f->text)
		for (int i = 0; i < f->rs->nfacts; i++) free(f->text[i]);
	free(f->text);
	free(f->v);
	free(f);
}

void facts_clear(struct facts *f)
{
	memset(f->v, 0, (size_t)f->rs->nfacts * sizeof *f->v);
}

static int check_idx(const struct facts *f, int idx, enum ftype type)
{
	if (!f || idx < 0 || idx >= f->rs->nfacts || f->rs->facts[idx].type != type)
		return -1;
	return 0;
}

int facts_set_bool(struct facts *f, int idx, bool v)
{
	if (check_idx(f, idx, FT_BOOL)) return -1;
	f->v[idx] = (struct fval){ .known = true, .i = v };
	return 0;
}

int facts_set_date(struct facts *f, int idx, int32_t day)
{
	if (check_idx(f, idx, FT_DATE)) return -1;
	if (day < date_from_ymd(DATE_MIN_YEAR, 1, 1) || day > date_from_ymd(DATE_MAX_YEAR, 12, 31))
		return -1;
	f->v[idx] = (struct fval){ .known = true, .i = day };
	return 0;
}

/* Enumeration values are written in lower case in rule files; answers may use
** the usual capitals ("ON" for Ontario): ascii_ieq. */
int facts_set_enum(struct facts *f, int idx, const char *value)
{
	if (check_idx(f, idx, FT_ENUM) || !value) return -1;
	const struct fact_decl *d = &f->rs->facts[idx];
	for (int j = 0; j < d->nvals; j++)
		if (ascii_ieq(d->vals[j], value)) {
			f->v[idx] = (struct fval){ .known = true, .i = j };
			return 0;
		}
	return -1;
}

int facts_set_number(struct facts *f, int idx, double v)
{
	if (check_idx(f, idx, FT_NUMBER) || !isfinite(v)) return -1;
	f->v[idx] = (struct fval){ .known = true, .num = v };
	return 0;
}

int facts_set_unknown(struct facts *f, int idx)
{
	if (!f || idx < 0 || idx >= f->rs->nfacts) return -1;
	f->v[idx] = (struct fval){ .known = false };
	return 0;
}

static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		uint32_t cp;
		if (c < 0x80) { i++; continue; }
		else if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; }
		else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; }
		else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; }
		else return false;
		if (k >= n - i) return false;   /* truncated sequence */
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80) return false;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000)
		    || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

static int set_text(struct facts *f, int idx, const char *s, size_t n)
{
	if (check_idx(f, idx, FT_TEXT) || !s || n > FACTS_MAX_TEXT || memchr(s, 0, n)
	    || !utf8_valid((const unsigned char *)s, n))
		return -1;
	memcpy(f->text[idx], s, n);
	f->text[idx][n] = 0;
	f->v[idx] = (struct fval){ .known = true, .str = f->text[idx] };
	return 0;
}

int facts_set_tvalue(struct facts *f, int idx, const struct tvalue *v)
{
	if (!f || idx < 0 || idx >= f->rs->nfacts) return -1;
	switch (v->type) {
	case FT_BOOL: return facts_set_bool(f, idx, v->b);
	case FT_DATE: return facts_set_date(f, idx, (int32_t)v->i);
	case FT_NUMBER: return facts_set_number(f, idx, v->num);
	case FT_TEXT: return v->str ? set_text(f, idx, v->str, strlen(v->str)) : -1;
	case FT_ENUM:
		if (check_idx(f, idx, FT_ENUM) || v->i < 0 || v->i >= f->rs->facts[idx].nvals)
			return -1;
		f->v[idx] = (struct fval){ .known = true, .i = v->i };
		return 0;
	case FT_NONE: case FT_DURATION:
		break;
	}
	return -1;
}

/* ---- JSON ---- */

/* Fills err: "line L, column C: FACT: PROBLEM" (PROBLEM translated, with {1}
** replaced by extra when given). */
static enum facts_err fail(struct facts_error *err, enum facts_err code, enum lang lang,
                           int line, int col, const char *fact, const char *problem,
                           const char *extra)
{
	if (!err) return code;
	err->code = code;
	err->line = line;
	err->col = col;
	msg_copy(err->fact, sizeof err->fact, fact ? fact : "");
	msg_located(err->msg, sizeof err->msg, lang, line, col, fact, problem, extra);
	return code;
}

static const char *json_problem(enum json_err e)
{
	switch (e) {
	case JSON_OK: break;
	case JSON_ESYNTAX: return N_("the facts are not valid JSON");
	case JSON_EDEPTH: return N_("the facts are nested too deeply");
	case JSON_ETOOBIG: return N_("the facts, or one value in them, are too large");
	case JSON_EUTF8: return N_("the facts contain invalid UTF-8 or a bad escape");
	case JSON_EDUPKEY: return N_("a fact is given twice");
	case JSON_ENOMEM: return N_("not enough memory to read the facts");
	}
	return N_("the facts are not valid JSON");
}

/* The enumeration's values, comma-separated, for messages. */
static void enum_values(const struct fact_decl *d, char *out, size_t cap)
{
	struct buf b;
	buf_init(&b, cap - 1);
	for (int j = 0; j < d->nvals; j++) {
		if (j) buf_puts(&b, ", ");
		buf_puts(&b, d->vals[j]);
	}
	msg_copy(out, cap, buf_str(&b));
	buf_free(&b);
}

static enum facts_err parse_member(struct facts *f, const struct json_member *m,
                                   enum lang lang, struct facts_error *err)
{
	const struct ruleset *rs = f->rs;
	int idx = msg_is_name(m->key, m->keylen) ? rules_fact_index(rs, m->key) : -1;
	if (idx < 0) {
		if (msg_is_name(m->key, m->keylen))
			return fail(err, FACTS_EUNKNOWN, lang, m->line, m->col, m->key,
			            N_("not a fact this rule set knows"), NULL);
		return fail(err, FACTS_EUNKNOWN, lang, m->line, m->col, NULL,
		            N_("a key is not the name of a fact this rule set knows"), NULL);
	}
	return facts_set_json(f, idx, m->value, lang, err);
}

bool facts_known(const struct facts *f, int idx)
{
	return idx >= 0 && idx < f->rs->nfacts && f->v[idx].known;
}

enum facts_err facts_set_json(struct facts *f, int idx, const struct json_value *v,
                              enum lang lang, struct facts_error *err)
{
	const struct ruleset *rs = f->rs;
	if (idx < 0 || idx >= rs->nfacts || !v)
		return fail(err, FACTS_EUNKNOWN, lang, v ? v->line : 0, v ? v->col : 0, NULL,
		            N_("a key is not the name of a fact this rule set knows"), NULL);
	const struct fact_decl *d = &rs->facts[idx];
	if (v->type == JSON_NULL) {
		f->v[idx].known = false;
		return FACTS_OK;
	}
	switch (d->type) {
	case FT_BOOL:
		if (v->type != JSON_BOOL)
			return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
			            N_("expected true, false or null"), NULL);
		facts_set_bool(f, idx, v->b);
		return FACTS_OK;
	case FT_DATE: {
		if (v->type != JSON_STRING)
			return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
			            N_("expected a date as a string \"YYYY-MM-DD\", or null"), NULL);
		int32_t day;
		enum date_err de = date_parse(v->text, v->len, &day);
		if (de == DATE_ENODAY)
			return fail(err, FACTS_EDATE, lang, v->line, v->col, d->name,
			            N_("not a real calendar day (expected YYYY-MM-DD)"), NULL);
		if (de == DATE_ERANGE)
			return fail(err, FACTS_EDATE, lang, v->line, v->col, d->name,
			            N_("the year is outside 1900 to 2199"), NULL);
		if (de != DATE_OK)
			return fail(err, FACTS_EDATE, lang, v->line, v->col, d->name,
			            N_("not a date (expected YYYY-MM-DD)"), NULL);
		facts_set_date(f, idx, day);
		return FACTS_OK;
	}
	case FT_ENUM: {
		char vals[400];
		enum_values(d, vals, sizeof vals);
		if (v->type != JSON_STRING)
			return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
			            N_("expected one of: {1}"), vals);
		if (strlen(v->text) != v->len || facts_set_enum(f, idx, v->text) != 0)
			return fail(err, FACTS_EVALUE, lang, v->line, v->col, d->name,
			            N_("not one of the allowed values: {1}"), vals);
		return FACTS_OK;
	}
	case FT_NUMBER:
		if (v->type != JSON_NUMBER)
			return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
			            N_("expected a number, or null"), NULL);
		if (facts_set_number(f, idx, v->num) != 0)
			return fail(err, FACTS_EVALUE, lang, v->line, v->col, d->name,
			            N_("the number is too large"), NULL);
		return FACTS_OK;
	case FT_TEXT:
		if (v->type != JSON_STRING)
			return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
			            N_("expected text in quotes, or null"), NULL);
		if (v->len > FACTS_MAX_TEXT)
			return fail(err, FACTS_ETOOBIG, lang, v->line, v->col, d->name,
			            N_("the text is longer than 1 KiB"), NULL);
		if (set_text(f, idx, v->text, v->len) != 0)
			return fail(err, FACTS_EVALUE, lang, v->line, v->col, d->name,
			            N_("the text contains a NUL character or invalid UTF-8"), NULL);
		return FACTS_OK;
	case FT_NONE: case FT_DURATION:
		break;
	}
	return fail(err, FACTS_ETYPE, lang, v->line, v->col, d->name,
	            N_("this fact cannot be given"), NULL);
}

enum facts_err facts_parse_json(struct facts *f, const char *json, size_t len,
                                enum lang lang, struct facts_error *err)
{
	if (err) memset(err, 0, sizeof *err);
	facts_clear(f);
	if (len > FACTS_MAX_JSON)
		return fail(err, FACTS_ETOOBIG, lang, 0, 0, NULL,
		            N_("the facts are larger than 64 KiB"), NULL);
	const struct json_limits lim = {
		.max_bytes = FACTS_MAX_JSON, .max_depth = 4,
		.max_members = 2 * RULES_MAX_FACTS, .max_string = 4 * FACTS_MAX_TEXT,
	};
	struct json_error je;
	struct json_doc *doc = json_parse(json, len, &lim, &je);
	if (!doc) {
		enum facts_err code = je.code == JSON_ENOMEM ? FACTS_ENOMEM
		                    : je.code == JSON_ETOOBIG ? FACTS_ETOOBIG : FACTS_EJSON;
		return fail(err, code, lang, je.line, je.col, NULL, json_problem(je.code), NULL);
	}
	const struct json_value *root = json_root(doc);
	enum facts_err rc = FACTS_OK;
	if (!root || root->type != JSON_OBJECT) {
		rc = fail(err, FACTS_EJSON, lang, root ? root->line : 0, root ? root->col : 0,
		          NULL, N_("the facts must be a JSON object"), NULL);
	} else {
		for (size_t i = 0; i < root->n && rc == FACTS_OK; i++)
			rc = parse_member(f, &root->members[i], lang, err);
	}
	json_free(doc);
	if (rc != FACTS_OK) facts_clear(f);   /* never evaluate half a document */
	return rc;
}

enum facts_err facts_check(const struct facts *f, int32_t as_of, enum lang lang,
                           struct facts_error *err)
{
	const struct ruleset *rs = f->rs;
	if (err) memset(err, 0, sizeof *err);
	for (int i = 0; i < rs->nconstraints; i++) {
		const struct constraint *k = &rs->constraints[i];
		struct xval x;
		if (k->cond < 0) continue;
		rules_eval_node(rs, k->cond, f->v, as_of, &x);
		if (!x.known || !x.i) continue;
		if (!err) return FACTS_ECONSTRAINT;
		struct factset used;
		struct buf names, msg;
		factset_clear(&used);
		rules_node_facts(rs, k->cond, &used);
		buf_init(&names, 400);
		for (int j = 0; j < rs->nfacts; j++)
			if (factset_has(&used, j)) {
				if (names.len) buf_puts(&names, ", ");
				buf_puts(&names, rs->facts[j].name);
			}
		buf_init(&msg, sizeof err->msg - 1);
		const char *a[2] = { lang == LANG_FR ? k->text.fr : k->text.en, buf_str(&names) };
		msg_fmt(&msg, names.len ? TR(lang, "{1} (facts involved: {2})") : "{1}", a, 2);
		err->code = FACTS_ECONSTRAINT;
		msg_copy(err->fact, sizeof err->fact, k->id);
		msg_copy(err->msg, sizeof err->msg, buf_str(&msg));
		buf_free(&names);
		buf_free(&msg);
		return FACTS_ECONSTRAINT;
	}
	return FACTS_OK;
}
