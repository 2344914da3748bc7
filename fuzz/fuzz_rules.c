/*
** fuzz_rules.c — fuzz target for the rule language: lexer, parser, checker,
** test parser and test runner.
**
** The input is loaded twice: alone, as a rule file "fuzz.rules" (the seeds are
** small self-contained rule sets); then as a test file "fuzz.test" next to
** fuzz/mini.rules, whose tests are then run, so the test runner and through it
** the evaluator see hostile input too. mini.rules rather than the federal set
** keeps the fuzzer fast (the federal tests take ~100 ms per input under the
** sanitizers). The bytes are copied into a buffer of exactly their size and not
** NUL-terminated: the engine must respect `len`, and ASan catches a read one
** past the end.
*/
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz.h"

/* build/gen/fuzz_mini.c, written by tools/embed.c from fuzz/mini.rules. */
extern const struct rules_source fuzz_mini[];
extern const size_t fuzz_mini_count;

static void load(const struct rules_source *files, size_t n)
{
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	if (rules_load(files, n, &rs, &d) == RULES_OK && rs) {
		/* The accessors must hold up on anything that loaded. */
		(void)rules_name(rs);
		(void)rules_covers_from(rs);
		size_t nf = rules_fact_count(rs);
		for (size_t i = 0; i < nf; i++) {
			const char *name = rules_fact_name(rs, (int)i);
			if (name && rules_fact_index(rs, name) != (int)i)
				abort();   /* name and index must agree */
		}
		struct rules_test_report rep;
		(void)rules_run_tests(rs, &d, &rep);
	}
	rules_free(rs);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_dup(data, size);
	if (!text)
		return 0;

	struct rules_source one = { "fuzz.rules", text, size };
	load(&one, 1);

	struct rules_source two[2] = { fuzz_mini[0], { "fuzz.test", text, size } };
	if (fuzz_mini_count == 1)
		load(two, 2);
	free(text);
	return 0;
}
