/*
** embedded.h — the rule sets and data files compiled into the binary
** (build/gen/embedded_*.c, written by tools/embed.c). Each is an array of
** files as struct rules_source, in name order, with its count. Shared by the
** command line (src/cli) and the web application (src/web), which load the
** rule sets with rules_load().
*/
#ifndef SAFEPATH_EMBEDDED_H
#define SAFEPATH_EMBEDDED_H

#include <stddef.h>

#include "rules.h"

/* The federal rule set (rules/federal/: the protection pathways). */
extern const struct rules_source embedded_federal[];
extern const size_t embedded_federal_count;
/* The continuum rule set (rules/continuum/: levels, remedies, time limits). */
extern const struct rules_source embedded_continuum[];
extern const size_t embedded_continuum_count;
/* The training scenarios (the JSON files of data/training/, for `safepath train`). */
extern const struct rules_source embedded_training[];
extern const size_t embedded_training_count;
/* The directory's researched seed entries (data/directory/seed.json). */
extern const struct rules_source embedded_seed[];
extern const size_t embedded_seed_count;

#endif
