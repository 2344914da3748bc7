/*
** synth.h — synthetic (made-up) service directories for tests and benchmarks,
** and the rule that keeps them apart from real data.
**
** synth_write streams an HSDS 3.0 JSON page of N full services (the shape
** `directory export --format json` writes: total_items ... contents) without
** building it in memory. Every service is marked synthetic (the safepath
** attribute, docs/taxonomy.md), its name starts with "[SYNTHETIC]" or
** "[SYNTHÉTIQUE]", its phones are in the fictional range 555-0100..0199, its
** web and mail addresses are under example.org (RFC 2606), and it is placed in
** one of about forty real Canadian cities near the centre. The same seed gives
** the same bytes, and the first K services of a run of N > K are those of a run
** of K (and see `first` below). Names and descriptions draw words with a Zipf-like law (a few common
** words, many rare made-up ones; French ones with accents), so search sees
** both frequent and rare terms.
**
** Mixing: a database holds either real entries (the researched seed, or
** imports) or synthetic ones, never both, so a made-up phone number can never
** reach a worker. synth_check_unmixed is the check an import runs inside its
** transaction, after writing and before committing.
*/
#ifndef SAFEPATH_SYNTH_H
#define SAFEPATH_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#define SYNTH_MAX_SERVICES 10000000u   /* largest directory generated */

struct needs;
struct db;

enum synth_err {
	SYNTH_OK = 0,
	SYNTH_EARG,     /* a bad count, or a need the kinds of service name is missing */
	SYNTH_EIO,      /* writing failed */
	SYNTH_ENOMEM
};

/* Writes services first .. first+n-1 of the directory made from seed to out
** (which the caller opened and closes; flushed here). Splitting a large
** directory into runs with consecutive `first` gives the same services as one
** run, in files an importer can take one at a time. needs is the vocabulary
** the services' needs come from. */
enum synth_err synth_write(FILE *out, const struct needs *needs, uint64_t first, uint64_t n,
                           uint64_t seed);

enum synth_mix {
	SYNTH_UNMIXED = 0,   /* only real services, only synthetic ones, or none */
	SYNTH_MIXED,         /* both: the import must roll back */
	SYNTH_EDB            /* the check itself failed */
};

/* Whether the directory now holds both real and synthetic services. */
enum synth_mix synth_check_unmixed(struct db *db);

/* The message an import gives for SYNTH_MIXED (an English msgid: TR it). */
#define SYNTH_MIXED_MSG \
	"synthetic (made-up) services cannot be mixed with real ones in one directory; " \
	"nothing was imported: use a separate database file (--db FILE) for synthetic data"

#endif
