/*
** cmd_directory_seed.c — `safepath directory init` (a new directory holding the
** researched seed entries, data/directory/seed.json as compiled in) and
** `safepath directory generate` (a synthetic directory for tests and
** benchmarks, written as HSDS 3.0 JSON).
**
** Neither replaces an existing file without --force. init builds the new
** database with seed_create (src/directory/seed.c): under a temporary name
** next to the target, renamed into place only once the import has committed,
** so a failed init leaves the old file as it was. Messages never repeat a
** path or value the user typed.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../directory/db.h"
#include "../directory/import.h"
#include "../directory/needs.h"
#include "../directory/seed.h"
#include "../directory/synth.h"
#include "cli.h"

static void help_init(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory init [--db FILE] [--force]\n"
	    "\n"
	    "Creates the directory database with the seed entries that come with safepath:\n"
	    "public bodies and lines a worker needs on day one (employment standards and\n"
	    "human rights offices of six provinces, IRCC, the Canadian Human Trafficking\n"
	    "Hotline, legal help in Ontario), each with its source and the date it was\n"
	    "read. Entries that could not be confirmed say so.\n"
	    "\n"
	    "Options:\n"
	    "  --db FILE   The database to create. Default: $SAFEPATH_DB if set, else\n"
	    "              safepath.db in the current folder; 'directory search' looks in\n"
	    "              the same place.\n"
	    "  --force     Replace the file if it exists (everything in it is lost).\n"
	    "  --lang-ui en|fr  Language of messages.\n"
	    "\n"
	    "Exit status: 0 created; 2 the file exists (without --force) or bad usage;\n"
	    "1 the database could not be written.\n"), stdout);
}

static void help_generate(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory generate --services N [--seed S] [--first K] [--force]\n"
	    "                                   OUT.json\n"
	    "\n"
	    "Writes a made-up directory of N services as HSDS 3.0 JSON, for tests and\n"
	    "benchmarks. Every service is marked synthetic and named [SYNTHETIC] or\n"
	    "[SYNTHÉTIQUE]; phone numbers are in the fictional 555-01XX range; places are\n"
	    "real Canadian cities. The same seed always gives the same file. A synthetic\n"
	    "directory cannot be imported into a database that holds real entries (or\n"
	    "the reverse): use its own --db file.\n"
	    "\n"
	    "Options:\n"
	    "  --services N  How many services (0 to 10000000).\n"
	    "  --seed S      A whole number that picks the directory (default 1).\n"
	    "  --first K     Start at service number K (default 0): the runs\n"
	    "                --first 0 --services 1000 and --first 1000 --services 1000\n"
	    "                together hold the same services as one run of 2000, in two\n"
	    "                files that can be imported one after the other.\n"
	    "  --force       Replace OUT.json if it exists. OUT.json may be - for standard\n"
	    "                output.\n"
	    "  --lang-ui en|fr  Language of messages.\n"
	    "\n"
	    "Exit status: 0 written; 2 bad usage or OUT.json exists; 1 write error.\n"), stdout);
}

/* A whole number of digits only, at most max. */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
	if (!s || !*s || strlen(s) > 20) return false;
	unsigned long long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') return false;
		unsigned d = (unsigned)(*p - '0');
		if (v > (max - d) / 10) return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* cli_parse_opts for a command of this file (at most one positional), then
** --help. Returns -1 to go on, else the exit status: bad usage, or 0 after
** the help. */
static int parse_opts(int argc, char **argv, const struct cli_opt *opts, size_t nopts,
                      const char **pos, size_t *npos, const char *cmd,
                      void (*help_fn)(enum lang), enum lang lang)
{
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, nopts, pos, 1, npos, &help, cmd, lang);
	if (rc)
		return rc;
	if (help) {
		help_fn(lang);
		return CLI_EXIT_OK;
	}
	return -1;
}

/* ---- generate ---- */

int cli_directory_generate(int argc, char **argv, enum lang lang)
{
	const char *n_arg = NULL, *seed_arg = NULL, *first_arg = NULL, *ui = NULL;
	bool force = false;
	const struct cli_opt opts[] = {
		{ "--services", true, &n_arg, NULL },
		{ "--seed", true, &seed_arg, NULL },
		{ "--first", true, &first_arg, NULL },
		{ "--force", false, NULL, &force },
		{ "--lang-ui", true, &ui, NULL },     /* already applied by main */
	};
	const char *pos[1];
	size_t npos;
	int rc = parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, &npos,
	                    "directory generate", help_generate, lang);
	if (rc >= 0) return rc;
	unsigned long long n = 0, seed = 1, first = 0;
	if (!n_arg)
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "say how many services to generate with --services N"));
	if (!parse_count(n_arg, SYNTH_MAX_SERVICES, &n))
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "--services must be a whole number from 0 to 10000000"));
	if (seed_arg && !parse_count(seed_arg, UINT64_MAX, &seed))
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "--seed must be a whole number (0 or more)"));
	if (first_arg && !parse_count(first_arg, SYNTH_MAX_SERVICES, &first))
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "--first must be a whole number from 0 to 10000000"));
	if (npos != 1)
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "name the file to write (OUT.json, or - for standard output)"));
	bool to_stdout = strcmp(pos[0], "-") == 0;
	if (!to_stdout && !force && exists(pos[0]))
		return cli_usage_error(lang, "directory generate", "%s",
		                       TR(lang, "the output file exists; add --force to replace it"));

	struct needs *needs = NULL;
	char why[256];
	if (needs_load_embedded(&needs, why, sizeof why) != NEEDS_OK) {
		cli_error(lang, "%s", TR(lang, "the built-in needs vocabulary does not load; this is a bug in safepath"));
		return CLI_EXIT_FAIL;
	}
	/* A file is written under a temporary name and renamed when complete, so a
	** reader never sees half a directory. */
	char tmp[SEED_PATH_MAX];
	FILE *f = stdout;
	if (!to_stdout) {
		int k = snprintf(tmp, sizeof tmp, "%s.tmp-%ld", pos[0], (long)getpid());
		if (k < 0 || (size_t)k >= sizeof tmp || !(f = fopen(tmp, "wbx"))) {
			needs_free(needs);
			cli_error(lang, "%s", TR(lang, "cannot create the output file"));
			return CLI_EXIT_FAIL;
		}
	}
	enum synth_err e = synth_write(f, needs, first, n, seed);
	needs_free(needs);
	if (!to_stdout) {
		if (fclose(f) != 0 && e == SYNTH_OK) e = SYNTH_EIO;
		if (e == SYNTH_OK && rename(tmp, pos[0]) != 0) e = SYNTH_EIO;
		if (e != SYNTH_OK) remove(tmp);
	}
	if (e == SYNTH_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory to generate the directory"));
		return CLI_EXIT_FAIL;
	}
	if (e != SYNTH_OK) {
		cli_error(lang, "%s", TR(lang, "writing the generated directory failed"));
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

/* ---- init ---- */

static void print_first_problem(const struct import_report *rep, enum lang lang)
{
	if (rep->nproblems > 0) {
		const struct import_problem *p = &rep->problems[0];
		cli_error(lang, TR(lang, "seed entries, line %d, field %s: %s"), p->line,
		          p->field[0] ? p->field : "-", TR(lang, import_problem_text(p->code)));
	} else if (rep->detail[0]) {
		cli_error(lang, "%s", rep->detail);
	}
}

int cli_directory_init(int argc, char **argv, enum lang lang)
{
	const char *db_arg = NULL, *ui = NULL;
	bool force = false;
	const struct cli_opt opts[] = {
		{ "--db", true, &db_arg, NULL },
		{ "--force", false, NULL, &force },
		{ "--lang-ui", true, &ui, NULL },     /* already applied by main */
	};
	const char *pos[1];
	size_t npos;
	int rc = parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, &npos,
	                    "directory init", help_init, lang);
	if (rc >= 0) return rc;
	if (npos)
		return cli_usage_error(lang, "directory init", "%s",
		                       TR(lang, "directory init takes no file name; use --db FILE"));
	const char *path = db_default_path(db_arg);
	if (exists(path) && !force)
		return cli_usage_error(lang, "directory init", "%s",
		                       TR(lang, "the directory database already exists; add --force to "
		                                "replace it (everything in it will be lost)"));
	struct import_report *rep = calloc(1, sizeof *rep);
	size_t added = 0;
	enum seed_err se = seed_create(path, rep, &added);
	switch (se) {
	case SEED_OK:
		break;
	case SEED_EMISSING:
		cli_error(lang, "%s", TR(lang, "the seed entries are not built in; this is a bug in safepath"));
		break;
	case SEED_ECREATE:
		cli_error(lang, "%s", TR(lang, "cannot create the directory database"));
		break;
	case SEED_EIMPORT:
		cli_error(lang, "%s", TR(lang, "the seed entries could not be imported; this is a bug in safepath"));
		if (rep) print_first_problem(rep, lang);
		break;
	case SEED_ERENAME:
		cli_error(lang, "%s", TR(lang, "cannot put the new directory database in place"));
		break;
	}
	free(rep);
	if (se != SEED_OK)
		return CLI_EXIT_FAIL;
	printf(TR(lang, "Created the directory with %zu seed services.\n"), added);
	printf("%s\n", TR(lang, "Search it with: safepath directory search --q TEXT"));
	return cli_write_out("", 0) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
