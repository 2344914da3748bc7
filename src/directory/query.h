/*
** query.h — what a person asks the directory, validated once into a typed
** struct (`safepath directory search` options now, web form values later).
**
** Every value is outside input: it is capped, checked and normalised here,
** and the search behind it (search.h) trusts the struct. The search text
** never reaches FTS5 as typed: it is split into words (runs of letters and
** digits, UTF-8 aware), and query_fts_text writes each word as a quoted FTS5
** string; FTS5 syntax characters and operator words are refused so that a
** person learns to type plain words instead of getting a surprise.
**
** Nothing here touches SQLite, so the parser can be fuzzed on its own
** (fuzz/fuzz_query.c). Errors are codes; query_problem gives an English
** message (a msgid for TR) that never holds the value given.
*/
#ifndef SAFEPATH_QUERY_H
#define SAFEPATH_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"

#define QUERY_TEXT_MAX 256            /* bytes of the search text */
#define QUERY_WORDS_MAX 16            /* words in the search text */
#define QUERY_WORD_MAX 64             /* bytes in one word */
#define QUERY_CITY_MAX 64             /* bytes of a city name */
#define QUERY_NEED_MAX 47             /* bytes of a need id (needs.h: NEEDS_ID_MAX - 1) */
#define QUERY_LIMIT_DEFAULT 20
#define QUERY_LIMIT_MAX 100
#define QUERY_WITHIN_DEFAULT_KM 50.0  /* --near without --within */
#define QUERY_WITHIN_MAX_KM 1000.0
#define QUERY_NUMBER_MAX 32           /* bytes of a number or a coordinate pair */
#define QUERY_ALTS_MAX 6              /* close vocabulary terms tried per word */
#define QUERY_FTS_MAX 8192            /* bytes of an FTS5 expression built here */

enum query_field {
	QF_TEXT, QF_NEED, QF_PROVINCE, QF_CITY, QF_NEAR, QF_WITHIN, QF_LANG, QF_LIMIT,
	QF__COUNT
};

enum query_err {
	QUERY_OK = 0,
	QUERY_ETOOLONG,   /* longer than its cap */
	QUERY_ETOOMANY,   /* more than QUERY_WORDS_MAX words */
	QUERY_EWORD,      /* one word longer than QUERY_WORD_MAX bytes */
	QUERY_EUTF8,      /* not valid UTF-8, or a control character */
	QUERY_ESYNTAX,    /* FTS5 syntax: " * : ^ ( ) { } or AND OR NOT NEAR */
	QUERY_EEMPTY,     /* no letter or digit */
	QUERY_EFORMAT,    /* not written the way the field is written */
	QUERY_ERANGE,     /* a number out of range */
	QUERY_EUNKNOWN,   /* not one of the known values (province) */
	QUERY_ENEEDSNEAR  /* --within without --near */
};

enum query_status_filter { QS_ACTIVE = 0, QS_ALL };

struct query_word {
	char text[QUERY_WORD_MAX + 1];   /* as typed (letters and digits only) */
	char fold[QUERY_WORD_MAX + 1];   /* lower case, accents removed (query_fold) */
	uint8_t chars;                   /* code points */
	bool stop;                       /* a stop word, left out of the search */
};

struct search_query {
	size_t nwords;                              /* 0: no text */
	struct query_word words[QUERY_WORDS_MAX];
	char need[QUERY_NEED_MAX + 1];              /* "" when absent */
	char province[3];                           /* upper case; "" when absent */
	char city[QUERY_CITY_MAX + 1];              /* query_fold_name form; "" when absent */
	bool near;
	double lat, lon, within_km;
	bool within_given;
	char lang[4];                               /* ISO 639-1 or -3, lower case; "" */
	bool no_status;                             /* status_required = 'none' only */
	enum query_status_filter statuses;          /* QS_ACTIVE by default */
	unsigned limit;
};

void query_init(struct search_query *q);
/* Sets one field from len bytes of v (not necessarily NUL-terminated). A field
** set twice keeps the last value. On error q is unchanged. */
enum query_err query_set(struct search_query *q, enum query_field f, const char *v, size_t len);
/* Checks what involves several fields; *bad names the field at fault. */
enum query_err query_finish(struct search_query *q, enum query_field *bad);
/* The problem as an English sentence without the value (a msgid for TR). */
const char *query_problem(enum query_field f, enum query_err e);

/* Whether the search has words to look for (stop words alone count: a text
** of stop words only is searched as typed). */
bool query_has_text(const struct search_query *q);

/* The FTS5 expression for the words: "word"* AND "word"* ... (a word of one
** character is matched whole). alts, when not NULL, holds for each word of
** q->words a list of close vocabulary terms (nalts[i] of them); a word with
** alternatives becomes ("word"* OR "alt" OR ...). Every string is quoted, with
** any double quote doubled. Returns QUERY_ETOOLONG if out would pass
** QUERY_FTS_MAX bytes. */
enum query_err query_fts_text(const struct search_query *q,
                              const char (*alts)[QUERY_ALTS_MAX][QUERY_WORD_MAX + 1],
                              const size_t *nalts, struct buf *out);
/* Appends s as one FTS5 string ("..." with " doubled), then * when prefix. */
void query_fts_quote(struct buf *out, const char *s, size_t len, bool prefix);

/* ---- text helpers shared with the search ---- */

/* Lower case with accents removed, as FTS5's unicode61 tokenizer with
** remove_diacritics 2 folds Latin letters (Latin-1 and Latin Extended-A; Greek
** and Cyrillic capitals are lowered; other letters pass unchanged). Writes at
** most cap - 1 bytes and a NUL; returns the length, or -1 on invalid UTF-8. */
int query_fold(const char *s, size_t len, char *out, size_t cap);
/* The folded form used to compare place names: query_fold, then every run of
** characters other than letters and digits becomes one space, trimmed
** ("Saint-Jérôme" and "saint jerome" are equal). -1 on invalid UTF-8. */
int query_fold_name(const char *s, size_t len, char *out, size_t cap);
/* Decodes UTF-8 into at most cap code points; returns how many, or -1 when
** invalid or longer than cap. */
int query_codepoints(const char *s, size_t len, uint32_t *out, size_t cap);
/* Damerau-Levenshtein distance (optimal string alignment) between two code
** point strings of at most QUERY_WORD_MAX each; any value above max is
** reported as max + 1. */
int query_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int max);
/* The typo distance allowed for a word of n code points: 0 below 4, 1 for 4 to
** 7, 2 from 8. */
int query_typo_budget(size_t n);

#endif
