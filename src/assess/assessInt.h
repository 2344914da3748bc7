/*
** assessInt.h — private to src/assess/: the layout of the answer catalogue, the
** answers and one assessment, shared by assess.c (catalogue, evaluation),
** answers.c (reading and writing answers), view.c (an assessment read piece
** by piece) and report.c (JSON and text).
**
** The catalogue lists every answer name once: the continuum set's facts first,
** in their declaration order (the interview order), then the federal facts the
** continuum set does not declare, in theirs. A name both sets declare is one
** entry with both indexes.
*/
#ifndef SAFEPATH_ASSESS_INT_H
#define SAFEPATH_ASSESS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "assess.h"

#define ASSESS_NILO ASSESS_INDICATORS
#define ASSESS_MAX_TEXT 1024u     /* one text answer, bytes (the engine's cap) */
#define ASSESS_JSON_DEPTH 4       /* an answers document is flat */

struct acat {
	const char *name;   /* points into a rule set */
	int ci, fi;         /* fact index in the continuum / federal set, or -1 */
	int type;           /* enum rules_ftype */
};

struct assess {
	const struct ruleset *cont, *fed;
	struct acat *cat;
	int ncat;
	int *fed_cat;                    /* federal fact index -> catalogue index */
	int level_t[ASSESS_NLEVELS];     /* continuum avenue of each level; [0] = -1 */
	int ilo[ASSESS_NILO];            /* catalogue index of each indicator */
	int fed_status, fed_traff;       /* federal facts `status`, `trafficking_indicated`, or -1 */
};

enum { ANS_UNSET = 0, ANS_VALUE, ANS_DECLINED };

struct answer {
	uint8_t state;
	bool b;             /* booleans */
	int32_t i;          /* dates (day number), enumerations (value index) */
	double num;         /* numbers */
	char *text;         /* text answers (owned by the answers), else NULL */
};

struct answers {
	const struct assess *a;
	struct answer *v;                /* a->ncat */
	struct facts *scratch_c, *scratch_f;   /* for checking values with the engine */
	enum lang lang;                  /* of the last answers read: assess_run's messages */
};

struct assessment {
	const struct assess *a;
	struct facts *cf, *ff;
	struct result *cr, *fr;
	struct answer *snap;             /* the answers evaluated (no text) */
	bool evaluated;
	int32_t as_of;
	enum assess_level level;
	bool may_rise, bridged, has_pathways;
	int *remedies;                   /* continuum avenues listed */
	size_t nremedies;
	int *questions;                  /* catalogue indexes, interview order */
	size_t nquestions;
	uint8_t *mark;                   /* scratch, a->ncat */
};

extern const char *const assess_ilo_ids[ASSESS_NILO];

/* Catalogue index of an answer name, or -1. */
int assess_cat_index(const struct assess *a, const char *name);
/* The rule set and fact index that declare entry k (the continuum first). */
const struct ruleset *assess_cat_rs(const struct assess *a, int k, int *idx);
/* Fills err: "line L, column C: NAME: PROBLEM" (line 0: no place; name NULL:
** none). problem is an English msgid, translated here; {1} in it becomes extra. */
enum assess_err assess_fail(struct assess_error *err, enum assess_err code, enum lang lang,
                            int line, int col, const char *name, const char *problem,
                            const char *extra);
/* Marks in mark (a->ncat) the unanswered facts remedy v and its time limit still
** depend on (view.c). */
void assess_remedy_deps(const struct assessment *x, const struct assess_remedy *v, uint8_t *mark);

#endif
