/*
** needs_assess.c — the needs an assessment creates (needs_for_assessment).
**
** Kept apart from needs.c so that opening a database (db.c -> needs_sync) does
** not pull the assessment and the rules engine into every program.
**
** The level, the remedies and the pathways' statuses come from assess.h's
** accessors (the pathways through the federal result, rules.h's result_*),
** the same values the `assess` JSON reports; the web results page calls this
** on every request, so nothing is rendered or parsed here.
**
** needs_add_to_output puts those needs into an assessment's output, for the
** command line (`safepath assess`) and the JSON API alike, so both print the
** same bytes.
*/
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "needs.h"

#define NA_PATHWAYS 32              /* federal avenues read */
#define NA_REMEDIES 64              /* remedy families read */

size_t needs_for_assessment(const struct needs *n, const struct assessment *x,
                            const char **out, size_t cap)
{
	if (!assessment_evaluated(x))
		return (size_t)-1;
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

	struct needs_pathway pw[NA_PATHWAYS];
	size_t np = 0;
	const struct result *fed = s.has_pathways ? assessment_pathways(x) : NULL;
	if (s.has_pathways && !fed)
		return (size_t)-1;
	size_t nav = fed ? result_avenue_count(fed) : 0;
	for (size_t i = 0; i < nav && np < NA_PATHWAYS; i++) {
		pw[np].id = result_avenue_id(fed, i);
		pw[np].status = av_status_name(result_avenue_status(fed, i));
		if (pw[np].id) np++;
	}
	s.pathways = pw;
	s.npathways = np;
	return needs_for_situation(n, &s, out, cap);
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
