/*
** needs.h — the needs vocabulary of the service directory, and the needs an
** assessment creates.
**
** A need is what a person may need a service for (labour_standards_complaint,
** emergency_shelter, trp_work_permit_help, ...): an id that never changes once
** published, with a name and description in English and French. The vocabulary
** and the mapping from an assessment's results to needs are data, in
** data/directory/needs.json (embedded in the binary): a level reached (and
** every level below it), each remedy family listed, and each federal pathway by
** its status (available / barred / unknown) add needs. So a result leads
** straight to services: `directory search --need ID`.
**
** Ownership: needs_load* return a vocabulary the caller releases with
** needs_free; it is immutable and may be shared by threads. The ids and texts
** returned point into it. Nothing here writes to stdout or stderr; messages
** name the problem, never a value from the data.
*/
#ifndef SAFEPATH_NEEDS_H
#define SAFEPATH_NEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include "../assess/assess.h"   /* enum assess_level, struct assessment */
#include "../base/buf.h"
#include "../base/i18n.h"

#define NEEDS_MAX 64                 /* needs in a vocabulary (one bit each) */
#define NEEDS_ID_MAX 48              /* bytes in a need id, with the NUL */
#define NEEDS_JSON_MAX (256u * 1024u)
#define NEEDS_MAP_MAX 64             /* remedy families or pathways mapped */

enum needs_err {
	NEEDS_OK = 0,
	NEEDS_EDATA,    /* the vocabulary file is malformed (why says where) */
	NEEDS_EDB,      /* writing the vocabulary into the database failed */
	NEEDS_ENOMEM
};

struct needs;
struct db;

/* Reads a vocabulary (the format of data/directory/needs.json) and checks it:
** ids are lower-case letters, digits and '_', unique; every text is present in
** both languages; every need the mapping names exists. */
enum needs_err needs_load(const char *json, size_t len, struct needs **out,
                          char *why, size_t cap);
/* The vocabulary compiled into the binary. */
enum needs_err needs_load_embedded(struct needs **out, char *why, size_t cap);
void needs_free(struct needs *n);

size_t needs_count(const struct needs *n);
const char *needs_id(const struct needs *n, size_t i);              /* NULL out of range */
const char *needs_name(const struct needs *n, size_t i, enum lang l);
const char *needs_description(const struct needs *n, size_t i, enum lang l);
int needs_find(const struct needs *n, const char *id);               /* index, or -1 */
/* Whether s has the shape of a need id (not whether it exists). */
bool needs_valid_id(const char *s);

/* Makes table `need` hold the embedded vocabulary: inserts new needs, updates
** changed names and descriptions, writes nothing when all is current. A need no
** longer in the vocabulary is kept (services may still refer to it). Runs in
** its own transaction; db_open calls it after the migrations. A read-only file
** is left as it is. */
enum needs_err needs_sync(struct db *db, char *why, size_t cap);
/* The same with a given vocabulary (tests). */
enum needs_err needs_sync_with(struct db *db, const struct needs *n, char *why, size_t cap);

/* ---- needs of an assessment ---- */

/* A federal pathway and its status: an av_status_name ("available", "barred",
** "unknown", ...). Statuses other than available, barred and unknown add no
** need. */
struct needs_pathway {
	const char *id;       /* trp_vtip, refugee_claim, hc, prra, vw_owp, pr_permit_holder */
	const char *status;
};

/* A remedy family the assessment lists, open on the answers (available) or
** not ruled out yet (possible). */
struct needs_remedy {
	const char *family;   /* employment_standards, human_rights, hotline, ... */
	bool available;
};

/* What an assessment found, as plain values (the web layer or a test may fill
** it without an assessment). */
struct needs_situation {
	enum assess_level level;
	const struct needs_remedy *remedies;
	size_t nremedies;
	bool has_pathways;               /* not a citizen or permanent resident */
	const struct needs_pathway *pathways;
	size_t npathways;
};

/* Writes the ids of the needs the situation creates into out (cap entries), in
** vocabulary order, each once, and returns how many there are (at most
** NEEDS_MAX; only the first cap are written). A remedy family or pathway the
** vocabulary does not map adds nothing (tests/unit/test_needs.c makes sure
** every one in the rule files is mapped). */
size_t needs_for_situation(const struct needs *n, const struct needs_situation *s,
                           const char **out, size_t cap);

/* The same for an assessment after a successful assess_run (needs_assess.c),
** read through assess.h's accessors. Returns (size_t)-1 when the assessment
** has not been run. */
size_t needs_for_assessment(const struct needs *n, const struct assessment *x,
                            const char **out, size_t cap);

/* Puts the needs of assessment x into out, which holds its output: after
** assessment_write_json (json) the key "needs" (an array of {"id", "name"}
** in lang) just before the object's closing brace; after
** assessment_write_text a list of them before the closing paragraph (nothing
** when there is none). `safepath assess` and the JSON API both call it, so
** they print the same bytes. 0, or -1 when out is left as it was (over its
** cap, or out of memory). */
int needs_add_to_output(const struct needs *voc, const struct assessment *x, bool json,
                        enum lang lang, struct buf *out);

#endif
