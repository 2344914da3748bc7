/*
** answers_form.c — the interview's state in hidden form fields (answers_form.h).
*/
#include "answers_form.h"

#include <string.h>

#include "../base/msg.h"

#define AF_NAME_MAX 64   /* bytes of one fact name in a list, with the NUL */

const char *af_fact(const struct assess *a, const char *name, const struct ruleset **rs, int *idx)
{
	const struct ruleset *sets[2] = { assess_continuum(a), assess_federal(a) };
	if (!name || !*name) return NULL;
	for (int s = 0; s < 2; s++) {
		int i = rules_fact_index(sets[s], name);
		if (i < 0) continue;
		if (rs) *rs = sets[s];
		if (idx) *idx = i;
		return rules_fact_name(sets[s], i);
	}
	return NULL;
}

static bool in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == name || strcmp(list[i], name) == 0) return true;
	return false;
}

/* A comma-separated list of facts into list (each once). */
static bool read_list(const struct assess *a, const char *text, const char **list, size_t *n)
{
	*n = 0;
	if (!text) return true;
	const char *p = text;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > 0) {
			char name[AF_NAME_MAX];
			if (len >= sizeof name) return false;
			memcpy(name, p, len);
			name[len] = '\0';
			const char *f = af_fact(a, name, NULL, NULL);
			if (!f) return false;
			if (!in_list(list, *n, f)) {
				if (*n == AF_LIST_MAX) return false;
				list[(*n)++] = f;
			}
		}
		p += len;
		if (*p == ',') p++;
	}
	return true;
}

static void set_err(struct af_error *err, enum af_err code, const char *field, const char *fact)
{
	if (!err) return;
	err->code = code;
	msg_copy(err->field, sizeof err->field, field);
	err->fact = fact;
}

enum af_err af_read(const struct assess *a, const struct form *f, enum lang lang,
                    struct answers *ans, struct af_state *st, struct af_error *err)
{
	const size_t plen = sizeof AF_PREFIX - 1;
	answers_clear(ans);
	st->nasked = st->nskipped = 0;
	if (err) memset(err, 0, sizeof *err);
	if (!f) return AF_OK;
	for (size_t i = 0; i < form_count(f); i++) {
		const char *name = form_name(f, i);
		if (strncmp(name, AF_PREFIX, plen) != 0) continue;
		const char *fact = af_fact(a, name + plen, NULL, NULL);
		if (!fact) {
			set_err(err, AF_EFIELD, name, NULL);
			answers_clear(ans);
			return AF_EFIELD;
		}
		const char *v = form_value(f, i);
		if (!v[0]) continue;   /* an empty field: not answered */
		struct assess_error ae;
		enum assess_err e = answers_set_text(ans, fact, v, lang, &ae);
		if (e == ASSESS_ENOMEM) {
			set_err(err, AF_ENOMEM, name, fact);
			answers_clear(ans);
			return AF_ENOMEM;
		}
		if (e != ASSESS_OK) {
			set_err(err, AF_EVALUE, name, fact);
			answers_clear(ans);
			return AF_EVALUE;
		}
	}
	if (!read_list(a, form_get(f, "asked"), st->asked, &st->nasked)) {
		set_err(err, AF_ELIST, "asked", NULL);
		answers_clear(ans);
		return AF_ELIST;
	}
	if (!read_list(a, form_get(f, "skipped"), st->skipped, &st->nskipped)) {
		set_err(err, AF_ELIST, "skipped", NULL);
		answers_clear(ans);
		return AF_ELIST;
	}
	return AF_OK;
}

struct json_doc *af_doc(const struct answers *ans)
{
	struct buf b;
	buf_init(&b, AF_ANSWERS_JSON_MAX);
	struct json_doc *doc = NULL;
	if (answers_write_json(ans, &b) == 0 && b.err == BUF_OK) {
		struct json_limits lim = json_default_limits;
		lim.max_bytes = AF_ANSWERS_JSON_MAX;
		struct json_error je;
		doc = json_parse(buf_str(&b), b.len, &lim, &je);
	}
	buf_free(&b);
	return doc;
}

static void hidden_list(struct html *h, const char *field, const char *const *list, size_t n)
{
	html_lit(h, "<input type=\"hidden\" name=\"");
	html_attr(h, field);
	html_lit(h, "\" value=\"");
	for (size_t i = 0; i < n; i++) {
		if (i) html_lit(h, ",");
		html_attr(h, list[i]);
	}
	html_lit(h, "\">\n");
}

void af_write_hidden(struct html *h, const struct json_doc *doc, const struct af_state *st,
                     bool with_lists)
{
	const struct json_value *root = doc ? json_root(doc) : NULL;
	for (size_t i = 0; root && root->type == JSON_OBJECT && i < root->n; i++) {
		const struct json_member *m = &root->members[i];
		const struct json_value *v = m->value;
		html_lit(h, "<input type=\"hidden\" name=\"" AF_PREFIX);
		html_attr(h, m->key);
		html_lit(h, "\" value=\"");
		switch (v->type) {
		case JSON_BOOL:
			if (v->b) html_lit(h, "true");
			else html_lit(h, "false");
			break;
		case JSON_STRING:
		case JSON_NUMBER:
			html_attr(h, v->text);
			break;
		default:
			break;
		}
		html_lit(h, "\">\n");
	}
	if (with_lists && st) {
		hidden_list(h, "asked", st->asked, st->nasked);
		hidden_list(h, "skipped", st->skipped, st->nskipped);
	}
}

bool af_is_skipped(const struct af_state *st, const char *name)
{
	return in_list(st->skipped, st->nskipped, name);
}

void af_skip(struct af_state *st, const char *name)
{
	if (!af_is_skipped(st, name) && st->nskipped < AF_LIST_MAX)
		st->skipped[st->nskipped++] = name;
}

void af_unskip(struct af_state *st, const char *name)
{
	for (size_t i = 0; i < st->nskipped; i++)
		if (strcmp(st->skipped[i], name) == 0) {
			memmove(&st->skipped[i], &st->skipped[i + 1],
			        (st->nskipped - i - 1) * sizeof st->skipped[0]);
			st->nskipped--;
			return;
		}
}

void af_push_asked(struct af_state *st, const char *name)
{
	for (size_t i = 0; i < st->nasked; i++)
		if (strcmp(st->asked[i], name) == 0) {
			memmove(&st->asked[i], &st->asked[i + 1], (st->nasked - i - 1) * sizeof st->asked[0]);
			st->nasked--;
			break;
		}
	if (st->nasked < AF_LIST_MAX) st->asked[st->nasked++] = name;
}

const char *af_pop_asked(struct af_state *st)
{
	return st->nasked ? st->asked[--st->nasked] : NULL;
}
