/*
** cmd_directory.c — `safepath directory SUBCOMMAND`: the offline service
** directory (HSDS 3.0 in one SQLite file). This file only dispatches; each
** subcommand lives in its own cmd_directory_*.c.
**
** After the word `directory`, --lang is a filter (the language a service works
** in) and --lang-ui is the language of messages and results (main.c).
*/
#include <stdio.h>
#include <string.h>

#include "../directory/db.h"
#include "cli.h"

int cli_directory_open(const char *db_arg, enum lang lang, struct db **db)
{
	char msg[256];   /* db_open's own message may name the path: not shown */
	if (db_open(db_default_path(db_arg), false, db, msg, sizeof msg) != DB_OK) {
		cli_error(lang, "%s", TR(lang, "cannot open the directory database (does it exist? "
		                               "'safepath directory init' creates it)"));
		return CLI_EXIT_FAIL;
	}
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int, char **, enum lang);
} subs[] = {
	{ "search", cli_directory_search },
	{ "slip", cli_directory_slip },
	{ "show", cli_directory_show },
	{ "import", cli_directory_import },
	{ "export", cli_directory_export },
	{ "init", cli_directory_init },
	{ "generate", cli_directory_generate },
};

void cli_help_directory(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory SUBCOMMAND [OPTIONS]\n"
	    "\n"
	    "An offline directory of services for people facing exploitation, kept in one\n"
	    "file on this computer (default: safepath.db, or --db FILE, or SAFEPATH_DB).\n"
	    "\n"
	    "Subcommands:\n"
	    "  search    Find services by text, need, place, language and access conditions\n"
	    "  show      Show one service in full (as text, or its HSDS 3.0 JSON)\n"
	    "  slip      Print a referral slip (service information only, never client data)\n"
	    "  import    Add or update services from HSDS 3.0 JSON or a tabular data package\n"
	    "  export    Write the directory as HSDS 3.0 JSON or a tabular data package\n"
	    "  init      Create the directory with the researched seed entries\n"
	    "  generate  Write a made-up (synthetic) directory for tests and benchmarks\n"
	    "\n"
	    "Run 'safepath directory SUBCOMMAND --help' for the options of each.\n"
	    "After 'directory', --lang filters by a service's language; --lang-ui en|fr\n"
	    "sets the language of messages.\n"), stdout);
}

int cli_directory(int argc, char **argv, enum lang lang)
{
	/* --lang-ui may come before the subcommand (main.c already applied it). */
	int k = 1;
	while (k < argc) {
		if (strcmp(argv[k], "--lang-ui") == 0 && k + 1 < argc) k += 2;
		else if (strncmp(argv[k], "--lang-ui=", 10) == 0) k++;
		else break;
	}
	if (k >= argc || strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0
	    || strcmp(argv[k], "help") == 0) {
		cli_help_directory(lang);
		return k >= argc ? CLI_EXIT_USAGE : CLI_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[k], subs[i].name) == 0)
			return subs[i].run(argc - k, argv + k, lang);
	/* The word is not repeated: it may be a search typed in the wrong place. */
	return cli_usage_error(lang, "directory", "%s", TR(lang, "no such directory subcommand"));
}
