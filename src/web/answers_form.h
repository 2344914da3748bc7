/*
** answers_form.h — the interview's state as it travels in an HTML form
** (docs/internals/web.md, "Interview protocol"): one hidden field a.FACT per
** answer given or declined, `asked` (the facts acted on, in order, for Back)
** and `skipped` (facts not to ask again in this session).
**
** Reading (af_read) validates everything once: a field a.NAME must name a
** fact of the rule sets and hold a value answers_set_text accepts; `asked`
** and `skipped` must list known facts. An error names the field or the
** question, never the value. Writing (af_write_hidden) puts the answers back
** in their canonical form (true/false, YYYY-MM-DD, the enumeration's value,
** prefer_not_to_say), taken from answers_write_json, so a value a person typed
** is never copied through as it came.
**
** Names in an af_state point into the rule sets (immutable while the
** application lives); nothing here allocates but the answers themselves and
** one JSON document per af_doc.
*/
#ifndef SAFEPATH_ANSWERS_FORM_H
#define SAFEPATH_ANSWERS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "../assess/assess.h"
#include "../base/json.h"
#include "form.h"
#include "html.h"

#define AF_LIST_MAX 512            /* facts in asked or skipped (two rule sets of 256) */
#define AF_PREFIX "a."             /* the answer fields' prefix */
#define AF_ANSWERS_JSON_MAX (256u * 1024u)   /* answers_write_json output */

struct af_state {
	const char *asked[AF_LIST_MAX];    /* in order, each once */
	size_t nasked;
	const char *skipped[AF_LIST_MAX];  /* each once */
	size_t nskipped;
};

enum af_err {
	AF_OK = 0,
	AF_EFIELD,     /* a.NAME names no fact of the rule sets (field says which) */
	AF_EVALUE,     /* a value that does not fit its question (fact says which) */
	AF_ELIST,      /* asked or skipped holds something that is not a known fact */
	AF_ENOMEM
};

struct af_error {
	enum af_err code;
	char field[FORM_NAME_MAX + 1];     /* the form field concerned */
	const char *fact;                  /* AF_EVALUE: the fact (into the rule sets), else NULL */
};

/* The rule set's own copy of a fact name (continuum first, as the assessment
** does), or NULL when neither rule set declares it; *rs and *idx (if not
** NULL) get where it is declared. */
const char *af_fact(const struct assess *a, const char *name, const struct ruleset **rs, int *idx);

/* Clears ans and st, then reads the form's a.* fields into ans (lang: the
** language of any message assess_run gives later) and asked / skipped into
** st. f may be NULL (no answers). */
enum af_err af_read(const struct assess *a, const struct form *f, enum lang lang,
                    struct answers *ans, struct af_state *st, struct af_error *err);

/* The answers as a parsed JSON object (answers_write_json), for writing the
** hidden fields and reading single values; NULL when out of memory. */
struct json_doc *af_doc(const struct answers *ans);

/* Hidden inputs: a.FACT for every member of doc's object, then asked and
** skipped when with_lists. */
void af_write_hidden(struct html *h, const struct json_doc *doc, const struct af_state *st,
                     bool with_lists);

bool af_is_skipped(const struct af_state *st, const char *name);
void af_skip(struct af_state *st, const char *name);
void af_unskip(struct af_state *st, const char *name);
/* Appends name to asked, first removing an earlier mention of it. */
void af_push_asked(struct af_state *st, const char *name);
/* Removes and returns the last fact of asked, or NULL when empty. */
const char *af_pop_asked(struct af_state *st);

#endif
