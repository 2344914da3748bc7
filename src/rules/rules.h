/*
** rules.h — the rules engine: law as data, evaluated in three values.
**
** A ruleset is loaded from rule files (see docs/rules.md), checked, and then
** immutable: many threads may evaluate against one ruleset at once. Facts about
** one person live in a `struct facts`; an evaluation writes into a reusable
** `struct result` and allocates nothing, so batch runs stay fast.
**
** Ownership: the _new and _load functions return objects the caller releases with the
** matching *_free. Nothing here writes to stdout or stderr.
*/
#ifndef SAFEPATH_RULES_H
#define SAFEPATH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/i18n.h"

enum rules_err {
	RULES_OK = 0,
	RULES_EIO,       /* a file or folder could not be read */
	RULES_ESYNTAX,   /* rule files do not parse */
	RULES_ECHECK,    /* rule files parse but the checker found errors */
	RULES_ETOOBIG,   /* a cap in docs/rules.md §1 was exceeded */
	RULES_ENOMEM
};

struct ruleset;
struct facts;
struct result;

/* One rule or test file held in memory (e.g. embedded in the binary). */
struct rules_source {
	const char *name;   /* shown in diagnostics, e.g. "rules/federal/trp.rules" */
	const char *text;
	size_t len;
};

/* Parses and checks the files; every problem goes to diags (which the caller
** initialised). On any error *out is NULL. Files ending in ".test" are parsed as
** tests and kept for rules_run_tests. */
enum rules_err rules_load(const struct rules_source *files, size_t nfiles,
                          struct ruleset **out, struct diaglist *diags);
/* Reads every *.rules and *.test file of dir (not recursive), in name order. */
enum rules_err rules_load_dir(const char *dir, struct ruleset **out,
                              struct diaglist *diags);
void rules_free(struct ruleset *rs);

const char *rules_name(const struct ruleset *rs);
int32_t rules_covers_from(const struct ruleset *rs);
size_t rules_count(const struct ruleset *rs);          /* rule versions */
size_t rules_fact_count(const struct ruleset *rs);
/* Fact index by name, or -1. */
int rules_fact_index(const struct ruleset *rs, const char *name);
const char *rules_fact_name(const struct ruleset *rs, int idx);

/* ---- facts: validated once at the boundary into typed values ---- */

enum facts_err {
	FACTS_OK = 0,
	FACTS_EJSON,       /* not valid JSON, or not an object */
	FACTS_EUNKNOWN,    /* a name the rule set does not declare */
	FACTS_ETYPE,       /* wrong JSON type for the fact */
	FACTS_EVALUE,      /* not one of the enumeration's values */
	FACTS_EDATE,       /* not a real YYYY-MM-DD day */
	FACTS_ECONSTRAINT, /* the facts contradict each other (a constraint) */
	FACTS_ETOOBIG,
	FACTS_ENOMEM
};

struct facts_error {
	enum facts_err code;
	char fact[64];       /* the fact (or constraint id) concerned, if any */
	char msg[512];       /* in the language asked for; names the fact and the problem,
	                        never echoes the value given */
	int line, col;       /* in the JSON text, when known */
};

struct facts *facts_new(const struct ruleset *rs);     /* all unknown */
void facts_free(struct facts *f);
void facts_clear(struct facts *f);                     /* back to all unknown */
/* Parses a JSON object of facts; null means unknown. Replaces f's contents. */
enum facts_err facts_parse_json(struct facts *f, const char *json, size_t len,
                                enum lang lang, struct facts_error *err);
/* Runs the rule set's constraints as of a date; FACTS_ECONSTRAINT on the first
** violated one (err->fact holds the constraint id). */
enum facts_err facts_check(const struct facts *f, int32_t as_of, enum lang lang,
                           struct facts_error *err);
/* Typed setters for generated fact sets (benchmarks, tests). Return 0, or -1 on a
** type mismatch or a bad index/value. */
int facts_set_bool(struct facts *f, int idx, bool v);
int facts_set_date(struct facts *f, int idx, int32_t day);
int facts_set_enum(struct facts *f, int idx, const char *value);
int facts_set_number(struct facts *f, int idx, double v);
int facts_set_unknown(struct facts *f, int idx);

/* ---- evaluation ---- */

enum av_status { AV_AVAILABLE, AV_BARRED, AV_INELIGIBLE, AV_NOT_APPLICABLE, AV_UNKNOWN };
const char *av_status_name(enum av_status s);  /* "available", "barred", ... */

#define EVAL_REASONS 1u   /* collect reasons (rules that fired, notes, lifted bars) */
#define EVAL_QUESTIONS 2u /* rank the unanswered questions */

struct result *result_new(const struct ruleset *rs);
void result_free(struct result *r);

/* Evaluates every avenue and deadline as of a date. Allocates nothing. Returns
** RULES_OK, or RULES_ECHECK when the rule set contradicts itself at run time
** (e.g. two due dates for one deadline); the result then names the rules. */
enum rules_err rules_eval(const struct ruleset *rs, const struct facts *f,
                          int32_t as_of, unsigned flags, struct result *r);

size_t result_avenue_count(const struct result *r);
const char *result_avenue_id(const struct result *r, size_t i);
enum av_status result_avenue_status(const struct result *r, size_t i);
/* true and *until set when the status is barred with a known last day. */
bool result_avenue_until(const struct result *r, size_t i, int32_t *until);

/* Output in the command-line contract's JSON (docs/safepath.1) or as text for a
** worker, ending with the legal-information notice. */
int result_write_json(const struct result *r, enum lang lang, struct buf *out);
int result_write_text(const struct result *r, enum lang lang, struct buf *out);

/* ---- declarations and results in detail, for programs that build on a rule set
** (the continuum assessment, the web layer). Indexes: facts 0 .. rules_fact_count-1,
** targets (avenues and deadlines, declaration order) 0 .. rules_target_count-1, rule
** versions 0 .. rules_count-1. Out-of-range indexes give NULL, -1, 0 or false. ---- */

struct json_value;

enum rules_ftype { RULES_FT_BOOLEAN = 1, RULES_FT_DATE, RULES_FT_ENUM, RULES_FT_NUMBER,
                   RULES_FT_TEXT };

const char *rules_title(const struct ruleset *rs, enum lang lang);
int rules_fact_type(const struct ruleset *rs, int idx);       /* enum rules_ftype, or -1 */
const char *rules_fact_question(const struct ruleset *rs, int idx, enum lang lang);
const char *rules_fact_help(const struct ruleset *rs, int idx, enum lang lang);
int rules_fact_nvalues(const struct ruleset *rs, int idx);    /* enumerations */
const char *rules_fact_value(const struct ruleset *rs, int idx, int v);
const char *rules_fact_value_label(const struct ruleset *rs, int idx, int v, enum lang lang);

int rules_target_count(const struct ruleset *rs);
int rules_target_index(const struct ruleset *rs, const char *id);  /* or -1 */
const char *rules_target_id(const struct ruleset *rs, int t);
bool rules_target_is_deadline(const struct ruleset *rs, int t);
const char *rules_target_name(const struct ruleset *rs, int t, enum lang lang);
const char *rules_target_gives(const struct ruleset *rs, int t, enum lang lang); /* "" if none */
const char *rules_target_remedy(const struct ruleset *rs, int t);  /* `remedy ID`, or NULL */
int rules_target_limit(const struct ruleset *rs, int t);           /* `limit`: a target, or -1 */

const char *rules_rule_id(const struct ruleset *rs, int ri);
const char *rules_rule_kind(const struct ruleset *rs, int ri);  /* "available", "barred", ... */
int rules_rule_ncites(const struct ruleset *rs, int ri);
/* The k-th citation's label in lang; *url (if url is not NULL) gets the official
** text's address in lang, or NULL. */
const char *rules_rule_cite(const struct ruleset *rs, int ri, int k, enum lang lang,
                            const char **url);
/* The longest citation label of rs in lang that text starts with, ending where
** text ends or at "; " (the first rule's when several are as long): its length,
** or 0 when none fits. *label and *url (if not NULL) get the label and its
** address as rules_rule_cite gives them. For finding labels joined by "; " again. */
size_t rules_cite_match(const struct ruleset *rs, const char *text, enum lang lang,
                        const char **label, const char **url);
/* The `unverified` note in lang, or NULL when the rule rests on confirmed sources. */
const char *rules_rule_unverified(const struct ruleset *rs, int ri, enum lang lang);

/* The last evaluation, per target. */
enum av_status result_status(const struct result *r, int t);
bool result_until(const struct result *r, int t, int32_t *until);
/* Deadlines: true and *due (and *rule, if not NULL) set when one due rule is true. */
bool result_due(const struct result *r, int t, int32_t *due, int *rule);
/* An avenue whose status is unknown, or a deadline still waiting on facts. */
bool result_undecided(const struct result *r, int t);
/* The facts target t depends on (depends_on), in index order; returns how many
** there are (only the first cap are written). */
size_t result_depends(const struct result *r, int t, int *facts, size_t cap);
size_t result_reason_count(const struct result *r, int t);
/* The rule version of reason j, or -1 for "no rule opens this avenue". */
int result_reason_rule(const struct result *r, int t, size_t j);
/* Appends the explanation of rule ri about target t to out, with {until}, {due},
** {as_of} and {FACT} filled in from this result (ri < 0: the default reason). */
void result_explain(const struct result *r, int t, int ri, enum lang lang, struct buf *out);
/* The target of avenue i (result_avenue_*), or -1. */
int result_avenue_target(const struct result *r, size_t i);
/* Whether result_write_json lists avenue t's depends_on: undecided, or barred with
** a bar that unknown facts could lengthen. */
bool result_depends_reported(const struct result *r, int t);
/* The address result_write_json gives the k-th citation of rule ri: lang's, else
** the other language's, else NULL. */
const char *rules_rule_cite_address(const struct ruleset *rs, int ri, int k, enum lang lang);
/* The sentence result_write_json adds (holidays_notice) when a deadline has a
** due date, or NULL. */
const char *result_holidays_notice(const struct result *r, enum lang lang);
/* The ranked questions (EVAL_QUESTIONS): fact indexes, most decisive first. */
size_t result_question_count(const struct result *r);
int result_question(const struct result *r, size_t i);

/* Sets fact idx from one JSON value of a document the caller parsed (a program
** that reads facts of several rule sets from one document); the same checks and
** messages as facts_parse_json. null makes the fact unknown. */
enum facts_err facts_set_json(struct facts *f, int idx, const struct json_value *v,
                              enum lang lang, struct facts_error *err);
/* Whether fact idx has a value. */
bool facts_known(const struct facts *f, int idx);

/* ---- tests next to the rules ---- */

struct rules_test_report {
	size_t tests, passed, failed;
	size_t coverage_gaps;   /* rule versions missing a required test (docs/rules.md §8) */
};
/* Runs the .test files loaded with the rule set; failures and coverage gaps are
** added to diags with the file and line of the test or rule concerned. */
enum rules_err rules_run_tests(const struct ruleset *rs, struct diaglist *diags,
                               struct rules_test_report *rep);

#endif
