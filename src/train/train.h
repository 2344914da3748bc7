/*
** train.h — training mode: scenarios (made-up cases told as a worker would hear
** them) and the session that asks a trainee to place each on the continuum of
** exploitation and to pick the remedies, then answers with the engine's result.
**
** A scenario file is one JSON object (data/training/README.md has the format):
** id, title/story/debrief in en and fr, as_of, an answers document for the
** assessment (src/assess/assess.h) and an answer key (expect: level, remedy
** families, optional pathway statuses). The answer key is what the law as
** encoded should say; the test suite checks it against the engine. A session
** never shows the stored key as the result: every scenario is evaluated live.
**
** Scenario files are checked once, at load, into struct scenario; the rest
** trusts them. Messages name the file (its base name: training material, not a
** person's data) and the field, never a value.
**
** Ownership: train_load / train_load_dir return a set the caller frees with
** train_free; the scenarios live as long as their set. Nothing here writes to
** stdout or stderr.
*/
#ifndef SAFEPATH_TRAIN_H
#define SAFEPATH_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../assess/assess.h"
#include "../base/buf.h"
#include "../base/i18n.h"
#include "../rules/rules.h"

#define TRAIN_MAX_FILE (32u * 1024u)   /* one scenario file */
#define TRAIN_MAX_SCENARIOS 64         /* one set */
#define TRAIN_MAX_ID 48                /* id bytes, without the NUL */
#define TRAIN_MAX_TITLE 200            /* bytes of a title, per language */
#define TRAIN_MAX_STORY 4096           /* bytes of a story, per language */
#define TRAIN_MAX_DEBRIEF 6144         /* bytes of a debrief, per language */
#define TRAIN_MAX_REMEDIES 16          /* remedy families in an answer key */
#define TRAIN_MAX_PATHWAYS 8           /* avenue statuses in an answer key */
#define TRAIN_MAX_NAME 96              /* file name kept for messages */
#define TRAIN_MAX_FAMILIES 32          /* remedy families a rule set may declare */
#define TRAIN_MAX_LINE 256             /* one line a trainee types */

enum train_err {
	TRAIN_OK = 0,
	TRAIN_EIO,       /* a folder or file could not be read */
	TRAIN_EFORMAT,   /* a scenario file is malformed (err says where and why) */
	TRAIN_ETOOBIG,   /* over one of the caps above */
	TRAIN_EENGINE,   /* the scenario does not fit the rule sets (unknown answer,
	                    remedy family or avenue), or the engine failed on it */
	TRAIN_ENOMEM
};

struct train_error {
	char file[TRAIN_MAX_NAME];   /* base name of the scenario file, or "" */
	char msg[512];               /* in the language asked for; never a value */
	int line, col;               /* in the file, when known (0 otherwise) */
};

struct scenario_pathway {
	char avenue[TRAIN_MAX_ID + 1];
	enum av_status status;
};

/* One scenario, checked at load: every text present and non-empty in both
** languages, no control characters but newlines, the id matching the file name,
** a real as_of day, the expected values well formed and without repeats. */
struct scenario {
	char id[TRAIN_MAX_ID + 1];
	const char *title[2], *story[2], *debrief[2];   /* [LANG_EN], [LANG_FR] */
	int32_t as_of;
	const char *answers;          /* the answers object, as JSON text */
	size_t answers_len;
	enum assess_level level;      /* expected level */
	size_t nremedies;             /* expected remedy families, as written */
	const char *remedies[TRAIN_MAX_REMEDIES];
	size_t npathways;             /* expected avenue statuses (may be 0) */
	struct scenario_pathway pathways[TRAIN_MAX_PATHWAYS];
};

struct train_set;

/* Scenario files held in memory (data/training/ is embedded in the binary as
** embedded_training, declared in src/cli/cli.h), in the order given. Each name's
** base name must be ID.json or NN-ID.json (NN: digits that set the order). */
enum train_err train_load(const struct rules_source *files, size_t nfiles, enum lang lang,
                          struct train_set **out, struct train_error *err);
/* Every *.json file of dir (not recursive), in name order. */
enum train_err train_load_dir(const char *dir, enum lang lang, struct train_set **out,
                              struct train_error *err);
void train_free(struct train_set *set);
size_t train_count(const struct train_set *set);
const struct scenario *train_get(const struct train_set *set, size_t i);  /* NULL if out of range */
const struct scenario *train_find(const struct train_set *set, const char *id);

/* "none", "labour_violation", ... back to the level; -1 if no such level. */
int train_level_parse(const char *name, enum assess_level *out);

/* ---- the engine's answer ---- */

/* The remedy families the continuum rule set declares (`remedy ID` of its
** avenues), distinct: first those train_family_known lists, in its order, then
** any other in rule-file order; returns how many (at most cap). */
size_t train_families(const struct assess *a, const char **ids, size_t cap);
/* The k-th family safepath has a label for (k from 0), or NULL past the last. */
const char *train_family_known(int k);
/* A family's name for trainees: a plain-language label for the families safepath
** knows, else the name of the first avenue of that family. */
const char *train_family_label(const struct assess *a, const char *family, enum lang lang);

/* One live evaluation of a scenario, with what is needed to grade and explain it. */
struct train_result {
	enum assess_level level;
	bool may_rise;                               /* unknown answers could raise it */
	size_t nremedies;                            /* families available, distinct, in order */
	const char *remedies[TRAIN_MAX_FAMILIES];    /* point into the rule set */
	size_t npossible;                            /* families listed as still possible */
	const char *possible[TRAIN_MAX_FAMILIES];    /* (status unknown), none of them available */
	bool has_pathways;
	size_t npathways;                            /* the scenario's expected avenues */
	bool pathway_found[TRAIN_MAX_PATHWAYS];
	enum av_status pathway_status[TRAIN_MAX_PATHWAYS];
	struct buf json;                             /* the assessment's JSON, in lang */
};
void train_result_init(struct train_result *r);
void train_result_free(struct train_result *r);

/* Checks that the scenario fits the rule sets: its answers load, its remedy
** families and avenues exist. TRAIN_EENGINE with err otherwise. */
enum train_err train_validate(const struct assess *a, const struct scenario *s, enum lang lang,
                              struct answers *ans, struct train_error *err);
/* Evaluates the scenario's answers at its as_of (ans and x are scratch objects of
** a, reused between calls) and fills r. */
enum train_err train_run(const struct assess *a, const struct scenario *s, enum lang lang,
                         struct answers *ans, struct assessment *x, struct train_result *r,
                         struct train_error *err);
/* Compares the engine's result with the scenario's answer key (the expected
** remedies are the families the engine lists as available); appends one line
** per difference to why (English: for test output and trainers) and returns how
** many there are. */
int train_compare(const struct scenario *s, const struct train_result *r, struct buf *why);

/* ---- the session: what a trainee types, and the feedback ---- */

/* A level choice: its number in the list (1 = none ... 5 = trafficking) or its
** name. 0, or -1 when the line is not a choice. */
int train_parse_level(const char *line, enum assess_level *out);
/* A remedy choice: numbers 1..n separated by spaces or commas; "0", "-" or an
** empty line mean none. Sets chosen[0..n); 0, or -1 when the line is not a
** choice (a number out of range, a word). */
int train_parse_remedies(const char *line, size_t n, bool *chosen);

/* The story, then the numbered level choices. */
int train_write_story(const struct assess *a, const struct scenario *s, size_t index,
                      size_t total, enum lang lang, struct buf *out);
int train_write_level_choices(const struct assess *a, enum lang lang, struct buf *out);
/* The numbered remedy families (train_families order). */
int train_write_remedy_choices(const struct assess *a, enum lang lang, struct buf *out);
/* Right or wrong for the level and each remedy, the engine's level with its
** reasons and citations, the remedies with their deadlines, the pathways for a
** non-citizen, and the debrief. chosen is indexed like train_families. Returns
** 1 when both answers were right, 0 when not, -1 on an output error. */
int train_write_feedback(const struct assess *a, const struct scenario *s,
                         const struct train_result *r, enum assess_level level_chosen,
                         const bool *chosen, size_t nchosen, enum lang lang, struct buf *out);

#endif
