/*
** cmd_directory_export.c — `safepath directory export --format json|csv DIR`:
** writes the directory as HSDS 3.0 (src/directory/export.h; the formats and
** the folder rule are in docs/taxonomy.md).
**
** Messages never repeat the folder's path (it may name a person); they name
** safepath's own file names only.
*/
#include <stdio.h>
#include <string.h>

#include "../directory/db.h"
#include "../directory/export.h"
#include "cli.h"

static void help_export(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory export [--format json|csv] DIR [--db FILE]\n"
	    "\n"
	    "Writes the whole directory in Open Referral's HSDS 3.0 format into the folder\n"
	    "DIR, for other directory tools or for a copy on another computer. What HSDS\n"
	    "has no field for (access without status, jurisdiction, provenance, needs)\n"
	    "is written as attributes of the safepath taxonomy (docs/taxonomy.md).\n"
	    "Confidential sites are written without street address, postal code or\n"
	    "coordinates.\n"
	    "\n"
	    "Options:\n"
	    "  --format json  services.json (fully nested services), taxonomies.json and\n"
	    "                 taxonomy_terms.json. The default.\n"
	    "  --format csv   The tabular data package: datapackage.json and one CSV file\n"
	    "                 per table. Cells a spreadsheet would run as a formula start\n"
	    "                 with an added single quote.\n"
	    "  --db FILE      The directory database. Default: $SAFEPATH_DB if set, else\n"
	    "                 safepath.db in the current folder.\n"
	    "  --lang-ui en|fr  Language of messages.\n"
	    "\n"
	    "DIR is created if it does not exist. A folder that holds anything other than\n"
	    "a previous safepath export is refused, so no other file is ever replaced.\n"
	    "\n"
	    "Exit status: 0 written; 2 bad usage or a folder that cannot be used; 1 the\n"
	    "database could not be read or a file could not be written.\n"), stdout);
}

int cli_directory_export(int argc, char **argv, enum lang lang)
{
	const char *fmt_arg = NULL, *db_arg = NULL, *ui = NULL;
	const struct cli_opt opts[] = {
		{ "--format", true, &fmt_arg, NULL },
		{ "--db", true, &db_arg, NULL },
		{ "--lang-ui", true, &ui, NULL },     /* already applied by main */
	};
	const char *pos[2];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 2, &npos,
	                        &help, "directory export", lang);
	if (rc) return rc;
	if (help) {
		help_export(lang);
		return CLI_EXIT_OK;
	}
	enum export_format fmt = EXPORT_JSON;
	if (fmt_arg && strcmp(fmt_arg, "csv") == 0) fmt = EXPORT_CSV;
	else if (fmt_arg && strcmp(fmt_arg, "json") != 0)
		return cli_usage_error(lang, "directory export", "%s", TR(lang, "--format must be json or csv"));
	if (npos != 1 || !*pos[0])
		return cli_usage_error(lang, "directory export", "%s",
		                       TR(lang, "give one folder to export into"));

	struct db *db = NULL;
	if ((rc = cli_directory_open(db_arg, lang, &db)) != 0)
		return rc;
	struct export_stats stats;
	struct export_error err;
	enum export_err e = export_directory(db, fmt, pos[0], &stats, &err);
	db_close(db);
	if (e != EXPORT_OK) {
		const char *what = err.what ? TR(lang, err.what) : TR(lang, "the export failed");
		if (err.detail[0]) cli_error(lang, "%s (%s)", what, err.detail);
		else cli_error(lang, "%s", what);
		return e == EXPORT_EDIR ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
	}
	printf(TR(lang, "Exported %zu services into %zu files.\n"), stats.services, stats.files);
	return cli_write_out("", 0) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
