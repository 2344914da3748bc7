/*
** cmd_rules.c — `safepath rules check DIR` and `safepath rules test DIR`: the
** tools a policy worker uses on a folder of rule files.
**
** Diagnostics go to stderr as "file:line:col: error: message" with the line and a
** caret (diag_print); the one-line summary goes to stdout when all is well and to
** stderr otherwise. Exit status 1 when the rules have a problem, 2 on bad usage.
*/
#include <stdio.h>
#include <string.h>

#include "../base/diag.h"
#include "cli.h"

#define DIR_SHOWN_MAX 200   /* the folder as typed, trimmed of trailing slashes */

void cli_help_rules(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath rules check DIR\n"
	    "       safepath rules test DIR\n"
	    "\n"
	    "check  Reads every *.rules and *.test file of DIR and reports each problem as\n"
	    "       file:line:col: error: message, with the line and a caret under the\n"
	    "       column; ends with a summary line.\n"
	    "test   Runs the test cases in the *.test files of DIR and checks that the tests\n"
	    "       cover every rule (docs/rules.md, section 8); prints each failure and\n"
	    "       coverage gap, then 'N passed, N failed' and the number of gaps.\n"
	    "\n"
	    "Options:\n"
	    "  --lang en|fr  Language of the messages.\n"
	    "  --help        Show this help.\n"
	    "\n"
	    "Exit status: 0 no problem; 1 the rules have errors, a test failed or a rule\n"
	    "is not covered; 2 bad usage.\n"
	    "\n"
	    "Example:\n"
	    "  safepath rules check rules/federal\n"), stdout);
}

static void dir_shown(const char *dir, char *out, size_t cap)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, dir, n);
	out[n] = '\0';
}

static int load_dir(const char *dir, enum lang lang, struct ruleset **rs, struct diaglist *d)
{
	enum rules_err e = rules_load_dir(dir, rs, d);
	if (e == RULES_OK && *rs)
		return 0;
	diag_print_lang(d, stderr, lang);
	char shown[DIR_SHOWN_MAX];
	dir_shown(dir, shown, sizeof shown);
	if (e == RULES_EIO && d->nerrors == 0)
		cli_error(lang, TR(lang, "%s: cannot read the folder or its files"), shown);
	else if (e == RULES_ENOMEM)
		cli_error(lang, TR(lang, "%s: not enough memory"), shown);
	else
		fprintf(stderr, TR(lang, "%s: %zu error(s), %zu warning(s)\n"), shown,
		        d->nerrors, d->nwarnings);
	*rs = NULL;
	return CLI_EXIT_FAIL;
}

static int rules_check(const char *dir, enum lang lang)
{
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	int rc = load_dir(dir, lang, &rs, &d);
	if (rc == 0) {
		char shown[DIR_SHOWN_MAX];
		dir_shown(dir, shown, sizeof shown);
		diag_print_lang(&d, stderr, lang);   /* warnings */
		printf(TR(lang, "%s: %zu rules, %zu facts, no errors"), shown,
		       rules_count(rs), rules_fact_count(rs));
		if (d.nwarnings)
			printf(TR(lang, ", %zu warning(s)"), d.nwarnings);
		putchar('\n');
	}
	rules_free(rs);
	diag_free(&d);
	return rc;
}

static int rules_test(const char *dir, enum lang lang)
{
	struct diaglist d;
	struct ruleset *rs = NULL;
	diag_init(&d);
	int rc = load_dir(dir, lang, &rs, &d);
	if (rc) {
		diag_free(&d);
		return rc;
	}
	/* Warnings from loading are `rules check`'s business; start afresh so the
	** report holds only failures and gaps. */
	diag_free(&d);
	diag_init(&d);
	struct rules_test_report rep;
	memset(&rep, 0, sizeof rep);
	enum rules_err e = rules_run_tests(rs, &d, &rep);
	diag_print_lang(&d, stderr, lang);
	/* This line is what tests/run.sh adds up: keep it alone on its line. */
	printf(TR(lang, "%zu passed, %zu failed\n"), rep.passed, rep.failed);
	printf(TR(lang, "%zu coverage gap(s)\n"), rep.coverage_gaps);
	if (e == RULES_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		rc = CLI_EXIT_FAIL;
	} else if (e != RULES_OK || rep.failed || rep.coverage_gaps || d.nerrors) {
		rc = CLI_EXIT_FAIL;
	}
	rules_free(rs);
	diag_free(&d);
	return rc;
}

int cli_rules(int argc, char **argv, enum lang lang)
{
	const char *lang_arg;
	const struct cli_opt opts[] = {
		{ "--lang", true, &lang_arg, NULL },      /* already applied by main */
	};
	const char *pos[2];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
	                        pos, 2, &npos, &help, "rules", lang);
	if (rc)
		return rc;
	if (help) {
		cli_help_rules(lang);
		return CLI_EXIT_OK;
	}
	if (npos == 0)
		return cli_usage_error(lang, "rules", "%s", TR(lang, "say 'check' or 'test', then the folder of rule files"));
	bool check = strcmp(pos[0], "check") == 0;
	if (!check && strcmp(pos[0], "test") != 0)
		return cli_usage_error(lang, "rules", "%s", TR(lang, "the rules command is 'check' or 'test'"));
	if (npos < 2)
		return cli_usage_error(lang, "rules", "%s", TR(lang, "the folder of rule files is missing"));
	return check ? rules_check(pos[1], lang) : rules_test(pos[1], lang);
}
