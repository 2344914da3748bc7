/*
** synthInt.h — private to synth.c and synth_data.c: the tables the synthetic
** directory is drawn from (cities, kinds of service, word lists, languages).
**
** The cities are real places with approximate centre coordinates and their
** area code (public geography, not contacts); everything else is made up.
*/
#ifndef SAFEPATH_SYNTH_INT_H
#define SAFEPATH_SYNTH_INT_H

#include <stddef.h>

struct synth_city {
	const char *name;
	const char *province;     /* two upper-case letters */
	double lat, lon;
	const char *area_code;    /* numbers are AREA-555-01XX: the fictional range */
	unsigned weight;          /* relative share of services (roughly population) */
	unsigned french_pct;      /* share of French-first services */
	char postal;              /* first letter of the area's postal codes */
};

struct synth_kind {
	const char *en, *fr;      /* the kind of service, in each language */
	unsigned weight;
	const char *needs[5];     /* need ids the kind always meets (NULL-terminated) */
	unsigned confidential_pct;
	unsigned virtual_pct;     /* no location at all (a phone line) */
	const char *jurisdiction;
	const char *gender;       /* gender_specific, or NULL */
	int indigenous;           /* 1: indigenous_led true */
	int all_hours;            /* 1: open 24/7 */
};

struct synth_lang {
	const char *code, *name;
};

extern const struct synth_city synth_cities[];
extern const size_t synth_ncities;
extern const struct synth_kind synth_kinds[];
extern const size_t synth_nkinds;
extern const struct synth_lang synth_langs[];   /* [0] en, [1] fr, then by frequency */
extern const size_t synth_nlangs;

/* Common words of descriptions, most frequent first. */
extern const char *const synth_words_en[];
extern const size_t synth_nwords_en;
extern const char *const synth_words_fr[];
extern const size_t synth_nwords_fr;
/* Syllables of the made-up rare words (the French ones carry accents). */
extern const char *const synth_syll_en[];
extern const char *const synth_syll_fr[];
#define SYNTH_NSYLL 32

/* Street kinds: English "{n} {Word} Street", French "{n}, rue {Word}". */
extern const char *const synth_streets_en[];
extern const char *const synth_streets_fr[];
#define SYNTH_NSTREETS 5

#endif
