/*
** builtin_rules.h — the rule sets compiled into safepath (rules/continuum and
** rules/federal), loaded for the unit tests that assess with them. Included by
** one test program each.
*/
#ifndef SAFEPATH_BUILTIN_RULES_H
#define SAFEPATH_BUILTIN_RULES_H

#include <stdio.h>
#include <stdlib.h>

#include "../../src/cli/cli.h"
#include "../../src/rules/rules.h"

/* Loads both built-in rule sets into *cont and *fed; on failure prints the
** diagnostics and aborts (the binary itself is broken). */
static inline void load_builtin_rules(struct ruleset **cont, struct ruleset **fed)
{
	struct diaglist d;
	diag_init(&d);
	if (rules_load(embedded_continuum, embedded_continuum_count, cont, &d) != RULES_OK
	    || rules_load(embedded_federal, embedded_federal_count, fed, &d) != RULES_OK) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
}

#endif
