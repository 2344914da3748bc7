/*
** assess.h — the continuum assessment: from what a worker learned in a
** conversation, the place of the situation on the continuum of exploitation,
** the remedies open in the province with their time limits, and, for a
** non-citizen, the protection pathways.
**
** The law is not here. Two rule sets hold it: the continuum set
** (rules/continuum/: the four level avenues level_labour_violation ...
** level_trafficking, the remedy avenues marked `remedy ID` with their `limit`
** deadlines) and the federal set (rules/federal/: the pathways). This module
** reads one answers document into both, evaluates both, picks the highest level
** reached, and reports. See docs/continuum.md and docs/internals/assess.md.
**
** Answers: a JSON object whose keys are facts of either rule set (a key declared
** by both sets goes to both, with the same type). A value is the fact's value,
** null (not asked / not known) or the string "prefer_not_to_say": the person
** chose not to answer. A declined fact stays unknown — the result never guesses
** — and is never asked again.
**
** Ownership: _new returns an object the caller releases with the matching _free.
** A `struct assess` is immutable once made and may be shared by threads; answers
** and assessments belong to one thread at a time. Nothing here writes to stdout
** or stderr, and no message repeats a value a person gave.
*/
#ifndef SAFEPATH_ASSESS_H
#define SAFEPATH_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/i18n.h"
#include "../rules/rules.h"

#define ASSESS_MAX_JSON (64u * 1024u)   /* largest answers document */
#define ASSESS_DECLINED "prefer_not_to_say"

enum assess_err {
	ASSESS_OK = 0,
	ASSESS_EINPUT,    /* the answers are malformed or contradict each other (err says where) */
	ASSESS_ERULES,    /* the rule sets do not fit together (a level avenue missing, a type clash) */
	ASSESS_ENOMEM
};

struct assess;        /* the two rule sets, checked to fit together */
struct answers;       /* one person's answers */
struct assessment;    /* one evaluation, reusable */

enum assess_level {
	LEVEL_NONE = 0, LEVEL_LABOUR_VIOLATION, LEVEL_RIGHTS_VIOLATION, LEVEL_FORCED_LABOUR,
	LEVEL_TRAFFICKING
};
#define ASSESS_NLEVELS 5
const char *assess_level_name(enum assess_level l);   /* "none", "labour_violation", ... */
/* The level's name for people, from the rule set's avenue names ("none" from the
** catalogue of messages). */
const char *assess_level_label(const struct assess *a, enum assess_level l, enum lang lang);

struct assess_error {
	char answer[64];   /* the answer (fact) concerned, if any */
	char msg[512];     /* in the language asked for; never echoes the value given */
	int line, col;     /* in the JSON text, when known */
};

/* Checks that the continuum set declares the four level avenues and that a fact
** both sets declare has the same type. why (cap bytes) says what is wrong. */
enum assess_err assess_new(const struct ruleset *continuum, const struct ruleset *federal,
                           struct assess **out, char *why, size_t cap);
void assess_free(struct assess *a);
const struct ruleset *assess_continuum(const struct assess *a);
const struct ruleset *assess_federal(const struct assess *a);

/* ---- answers ---- */

struct answers *answers_new(const struct assess *a);
void answers_free(struct answers *ans);
void answers_clear(struct answers *ans);
/* Replaces ans with the document's answers; on error ans is left empty. */
enum assess_err answers_parse_json(struct answers *ans, const char *json, size_t len,
                                   enum lang lang, struct assess_error *err);
/* One answer as a person types it in the interview: yes/no/oui/non (booleans),
** YYYY-MM-DD (dates), a value, its label in either language or its number in
** the list shown, 1-based (enumerations); ASSESS_DECLINED declines. ASSESS_EINPUT with err when the text
** does not fit the question. */
enum assess_err answers_set_text(struct answers *ans, const char *name, const char *text,
                                 enum lang lang, struct assess_error *err);
/* Forgets one answer, given or declined: it counts as not asked yet (the
** interview's "back"). 0, or -1 when the rule sets declare no such name. */
int answers_forget(struct answers *ans, const char *name);
/* The answers as a JSON object, only the given and declined ones (for saving an
** interview to a file the user chose). */
int answers_write_json(const struct answers *ans, struct buf *out);

/* ---- evaluation ---- */

struct assessment *assessment_new(const struct assess *a);
void assessment_free(struct assessment *x);
/* Evaluates as of a day. ASSESS_EINPUT when the answers break a constraint of a
** rule set (err names it) or as_of is before a rule set's coverage; the message
** is in the language the answers were last read in (answers_parse_json,
** answers_set_text; English before). */
enum assess_err assess_run(const struct assess *a, const struct answers *ans, int32_t as_of,
                           struct assessment *x, struct assess_error *err);

enum assess_level assessment_level(const struct assessment *x);
/* Whether a higher level is still possible on the answers not given. */
bool assessment_may_rise(const struct assessment *x);
/* The questions still worth asking, in interview order (continuum facts in the
** order the rule file declares them — a trauma-informed order — then pathway
** facts by how much they decide); never a declined or answered fact. */
size_t assessment_question_count(const struct assessment *x);
/* Fact name of question i; *rs (if not NULL) gets the rule set declaring it. */
const char *assessment_question(const struct assessment *x, size_t i,
                                const struct ruleset **rs);
/* Remedies listed (available or still possible), in rule-file order. */
size_t assessment_remedy_count(const struct assessment *x);
const char *assessment_remedy_id(const struct assessment *x, size_t i);  /* the family */
/* true: the remedy is open on the answers; false: still possible (unknown). */
bool assessment_remedy_available(const struct assessment *x, size_t i);
/* Whether the pathways apply (not a citizen or permanent resident). */
bool assessment_has_pathways(const struct assessment *x);

/* Output: the JSON of the `assess` contract (docs/safepath.1), or text for a
** worker ending with the legal-information notice. -1 when the last assess_run
** failed or out went over its cap. */
int assessment_write_json(const struct assessment *x, enum lang lang, struct buf *out);
int assessment_write_text(const struct assessment *x, enum lang lang, struct buf *out);

/* ---- reading one assessment, piece by piece (view.c), for a program that
** shows it (the web results page). The JSON above is made from the same
** functions, so both always agree. Valid after a successful assess_run; strings
** point into the rule sets or the message catalogue. Rule and target indexes
** are the continuum set's unless said otherwise. ---- */

#define ASSESS_INDICATORS 11            /* ILO indicators of forced labour */
#define ASSESS_PIECE_MAX (64u * 1024u)  /* each text of a struct assess_remedy */

/* Whether the last assess_run succeeded. */
bool assessment_evaluated(const struct assessment *x);
int32_t assessment_as_of(const struct assessment *x);
/* The reasons of the levels reached (JSON level_reasons): the rules that opened
** each level, highest level first. Reason j: its level avenue *t, rule *rule and
** level *level (if not NULL); false when j is out of range. */
size_t assessment_level_reason_count(const struct assessment *x);
bool assessment_level_reason(const struct assessment *x, size_t j, int *t, int *rule, int *level);
/* Appends the explanation of rule `rule` about target t to out. */
void assessment_explain(const struct assessment *x, int t, int rule, enum lang lang,
                        struct buf *out);
/* Appends the citations of rule `rule` to out, "; " between them, leaving out a
** label out already holds (JSON cite). */
void assessment_cites(const struct assessment *x, int rule, enum lang lang, struct buf *out);
/* Indicator k (0 .. ASSESS_INDICATORS-1): 1 present, 0 absent, -1 not known;
** *label (if not NULL) gets its name in lang. */
int assessment_indicator(const struct assessment *x, int k, enum lang lang, const char **label);
/* How many questions the person preferred not to answer. */
size_t assessment_declined_count(const struct assessment *x);
/* Question i's text in lang (assessment_question), or NULL. */
const char *assessment_question_text(const struct assessment *x, size_t i, enum lang lang);
/* Whether the pathways were worked out as if trafficking is indicated, the level
** showing it and the answer about it not given; the sentence that says so. */
bool assessment_bridged(const struct assessment *x);
const char *assess_bridge_text(enum lang lang);
/* The federal set's result (the pathways; read with rules.h's result_*), or
** NULL when the pathways do not apply. */
const struct result *assessment_pathways(const struct assessment *x);

/* What remedy i says (JSON remedies[i]): made by assessment_remedy_view, released
** with assessment_remedy_view_free. */
struct assess_remedy {
	int t, lt;               /* the avenue, its `limit` deadline or -1 */
	int due_rule;            /* the rule giving the time limit, or -1 */
	bool available;          /* open on the answers (else still possible) */
	bool has_due, due_passed, unverified;
	int32_t due;             /* the time limit, when has_due */
	struct buf text;         /* its reasons' explanations (or what it gives) */
	struct buf cite;         /* their citations, "; " between them */
	struct buf note;         /* the unverified notes, or empty */
	struct buf dtext, dcite; /* the time limit's explanation and citations */
};
void assessment_remedy_view(const struct assessment *x, size_t i, enum lang lang,
                            struct assess_remedy *v);
void assessment_remedy_view_free(struct assess_remedy *v);
/* The unanswered questions (catalogue names) the remedy and its time limit still
** depend on, in interview order; returns how many, writes the first cap. */
size_t assessment_remedy_depends(const struct assessment *x, const struct assess_remedy *v,
                                 const char **names, size_t cap);

#endif
