/*
** needs_assess.c — the needs an assessment creates (needs_for_assessment).
**
** Kept apart from needs.c so that opening a database (db.c -> needs_sync) does
** not pull the assessment and the rules engine into every program.
**
** The level and the remedies come from assess.h's accessors. The pathways'
** statuses have no accessor, so they are read from the assessment's JSON (the
** documented `assess` contract: "pathways": {"avenues": [{"id", "status"}]}),
** which costs one rendering and one parse per call — fine for one request.
**
** needs_add_to_output puts those needs into an assessment's output, for the
** command line (`safepath assess`) and the JSON API alike, so both print the
** same bytes.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/json.h"
#include "needs.h"

#define NA_JSON_MAX (4u << 20)      /* one assessment's JSON */
#define NA_PATHWAYS 32              /* federal avenues read */
#define NA_REMEDIES 64              /* remedy families read */

size_t needs_for_assessment(const struct needs *n, const struct assessment *x,
                            const char **out, size_t cap)
{
	struct needs_situation s = { .level = assessment_level(x) };
	struct needs_remedy rem[NA_REMEDIES];
	size_t nr = assessment_remedy_count(x);
	if (nr > NA_REMEDIES) nr = NA_REMEDIES;
	for (size_t i = 0; i < nr; i++) {
		rem[i].family = assessment_remedy_id(x, i);
		rem[i].available = assessment_remedy_available(x, i);
	}
	s.remedies = rem;
	s.nremedies = nr;
	s.has_pathways = assessment_has_pathways(x);

	struct buf b;
	buf_init(&b, NA_JSON_MAX);
	if (assessment_write_json(x, LANG_EN, &b) != 0 || b.err != BUF_OK) {
		buf_free(&b);
		return (size_t)-1;
	}
	struct json_limits lim = json_default_limits;
	lim.max_bytes = NA_JSON_MAX;
	struct json_error jerr;
	struct json_doc *doc = json_parse(b.p, b.len, &lim, &jerr);
	buf_free(&b);
	if (!doc) return (size_t)-1;

	struct needs_pathway pw[NA_PATHWAYS];
	size_t np = 0;
	const struct json_value *av = json_get(json_get(json_root(doc), "pathways"), "avenues");
	if (s.has_pathways && av && av->type == JSON_ARRAY) {
		for (size_t i = 0; i < av->n && np < NA_PATHWAYS; i++) {
			const struct json_value *id = json_get(av->items[i], "id");
			const struct json_value *st = json_get(av->items[i], "status");
			if (!id || id->type != JSON_STRING || !st || st->type != JSON_STRING) continue;
			pw[np].id = id->text;
			pw[np].status = st->text;
			np++;
		}
	} else if (s.has_pathways) {
		json_free(doc);
		return (size_t)-1;
	}
	s.pathways = pw;
	s.npathways = np;
	size_t count = needs_for_situation(n, &s, out, cap);
	json_free(doc);
	return count;
}

int needs_add_to_output(const struct needs *voc, const struct assessment *x, bool json,
                        enum lang lang, struct buf *out)
{
	const char *ids[NEEDS_MAX];
	size_t n = needs_for_assessment(voc, x, ids, NEEDS_MAX);
	if (n == (size_t)-1 || n > NEEDS_MAX) n = 0;
	struct buf add;
	buf_init(&add, 64u * 1024u);
	if (json) {
		buf_puts(&add, ",\n  \"needs\": [");
		for (size_t i = 0; i < n; i++) {
			int k = needs_find(voc, ids[i]);
			buf_puts(&add, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
			buf_json_str(&add, ids[i]);
			buf_puts(&add, ", \"name\": ");
			buf_json_str(&add, needs_name(voc, (size_t)k, lang));
			buf_puts(&add, "}");
		}
		buf_puts(&add, n ? "\n  ]" : "]");
	} else if (n) {
		buf_puts(&add, TR(lang, "Services that may help (search the directory with "
		                        "'safepath directory search --need ID'):"));
		buf_puts(&add, "\n");
		for (size_t i = 0; i < n; i++) {
			int k = needs_find(voc, ids[i]);
			buf_printf(&add, "   - %s (%s)\n", needs_name(voc, (size_t)k, lang), ids[i]);
		}
		buf_puts(&add, "\n");
	}
	/* JSON: before the object's closing brace; text: before the last paragraph. */
	const char *s = buf_str(out);
	size_t at = out->len;
	if (json) {
		while (at > 0 && s[at - 1] != '}') at--;
		if (at > 0) at--;
		while (at > 0 && (s[at - 1] == '\n' || s[at - 1] == ' ')) at--;
	} else {
		const char *p = NULL;
		for (const char *q = strstr(s, "\n\n"); q; q = strstr(q + 1, "\n\n")) p = q;
		at = p ? (size_t)(p - s) + 2 : out->len;
	}
	int rc = 0;
	if (add.err == BUF_OK && add.len && at <= out->len) {
		struct buf whole;
		buf_init(&whole, out->max);
		buf_append(&whole, s, at);
		buf_append(&whole, buf_str(&add), add.len);
		buf_append(&whole, s + at, out->len - at);
		if (whole.err == BUF_OK) {
			buf_reset(out);
			buf_append(out, buf_str(&whole), whole.len);
		} else {
			rc = -1;
		}
		buf_free(&whole);
	} else if (add.err != BUF_OK) {
		rc = -1;
	}
	buf_free(&add);
	return rc;
}
