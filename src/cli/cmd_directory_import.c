/*
** cmd_directory_import.c — `safepath directory import PATH`: HSDS 3.0 JSON or a
** tabular data package into the directory (src/directory/import.h).
**
** Exit status: 0 imported; 2 bad input (every problem listed with its file,
** line, field and what is wrong, and nothing changed); 1 the database failed
** (nothing changed). Problems never repeat a value from the data.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../directory/db.h"
#include "../directory/import.h"
#include "cli.h"

static void help(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory import PATH [--db FILE] [--format text|json]\n"
	    "                                      [--lang-ui en|fr]\n"
	    "\n"
	    "Adds or updates services from Open Referral HSDS 3.0 data. PATH is a JSON\n"
	    "file (one service, an array of services, or an API page with \"contents\"),\n"
	    "or a tabular data package: a folder holding datapackage.json and one CSV\n"
	    "file per table, or the path of that datapackage.json.\n"
	    "\n"
	    "Rows are matched by their HSDS id: importing the same data again updates it\n"
	    "and never makes duplicates. A re-imported service's phones, schedules,\n"
	    "locations and other details are replaced. Attributes of the safepath\n"
	    "taxonomy (docs/taxonomy.md) set the access conditions and needs. A\n"
	    "confidential location keeps only its city and intake phone.\n"
	    "\n"
	    "All or nothing: if any row has a problem, every problem is listed (file,\n"
	    "line, field and what is wrong; never the value) and nothing is changed.\n"
	    "\n"
	    "Options:\n"
	    "  --db FILE           The directory database (default: $SAFEPATH_DB, else\n"
	    "                      safepath.db in the current folder); created if missing.\n"
	    "  --format text|json  text for a person (default), json for programs.\n"
	    "  --lang-ui en|fr     Language of messages.\n"
	    "  --help              Show this help.\n"
	    "\n"
	    "Exit status: 0 imported; 2 bad input, nothing changed; 1 internal error.\n"), stdout);
}

static void json_count(struct buf *b, const char *name, const struct import_count *c)
{
	buf_printf(b, "\"%s\":{\"added\":%zu,\"updated\":%zu},", name, c->added, c->updated);
}

static int report_ok(const struct import_report *rep, bool json, enum lang lang)
{
	struct buf b;
	buf_init(&b, 4096);
	if (json) {
		buf_puts(&b, "{\"imported\":true,");
		json_count(&b, "services", &rep->services);
		json_count(&b, "organizations", &rep->organizations);
		json_count(&b, "locations", &rep->locations);
		buf_printf(&b, "\"not_kept\":%zu}\n", rep->skipped);
	} else {
		buf_printf(&b, TR(lang, "services: %zu added, %zu updated\n"),
		           rep->services.added, rep->services.updated);
		buf_printf(&b, TR(lang, "organizations: %zu added, %zu updated\n"),
		           rep->organizations.added, rep->organizations.updated);
		buf_printf(&b, TR(lang, "locations: %zu added, %zu updated\n"),
		           rep->locations.added, rep->locations.updated);
		if (rep->skipped)
			buf_printf(&b, TR(lang, "not kept (contacts, funding, programs and other "
			                        "tables safepath has no place for): %zu\n"), rep->skipped);
	}
	int rc = CLI_EXIT_OK;
	if (b.err != BUF_OK || cli_write_out(buf_str(&b), b.len) != 0) {
		cli_error(lang, "%s", TR(lang, "cannot write the output"));
		rc = CLI_EXIT_FAIL;
	}
	buf_free(&b);
	return rc;
}

static int report_problems(const struct import_report *rep, bool json, enum lang lang)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	if (json)
		buf_puts(&b, "{\"imported\":false,\"problems\":[");
	for (size_t i = 0; i < rep->nproblems; i++) {
		const struct import_problem *p = &rep->problems[i];
		const char *msg = TR(lang, import_problem_text(p->code));
		if (json) {
			buf_puts(&b, i ? ",{\"file\":" : "{\"file\":");
			buf_json_str(&b, p->file);
			buf_printf(&b, ",\"line\":%d,\"column\":%d,\"field\":", p->line, p->col);
			buf_json_str(&b, p->field);
			buf_puts(&b, ",\"message\":");
			buf_json_str(&b, msg);
			buf_putc(&b, '}');
			continue;
		}
		buf_puts(&b, "safepath: ");
		buf_puts(&b, p->file);
		if (p->line > 0)
			buf_printf(&b, ":%d", p->line);
		if (p->col > 0)
			buf_printf(&b, ":%d", p->col);
		if (p->field[0])
			buf_printf(&b, ": %s", p->field);
		buf_printf(&b, ": %s\n", msg);
	}
	if (json) {
		buf_printf(&b, "],\"more_problems\":%zu}\n", rep->more);
	} else {
		if (rep->more) {
			buf_puts(&b, "safepath: ");
			buf_printf(&b, TR(lang, "%zu more problems not shown"), rep->more);
			buf_putc(&b, '\n');
		}
		buf_puts(&b, "safepath: ");
		buf_puts(&b, TR(lang, "nothing was imported; the directory is unchanged"));
		buf_putc(&b, '\n');
	}
	if (b.err == BUF_OK) {
		if (json)
			(void)cli_write_out(buf_str(&b), b.len);
		else
			fputs(buf_str(&b), stderr);
	}
	buf_free(&b);
	return CLI_EXIT_USAGE;
}

int cli_directory_import(int argc, char **argv, enum lang lang)
{
	const char *db_path, *format, *lang_ui;
	const struct cli_opt opts[] = {
		{ "--db", true, &db_path, NULL },
		{ "--format", true, &format, NULL },
		{ "--lang-ui", true, &lang_ui, NULL },    /* already applied by main */
	};
	const char *pos[2];
	size_t npos;
	bool want_help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 2, &npos,
	                        &want_help, "directory import", lang);
	if (rc)
		return rc;
	if (want_help) {
		help(lang);
		return CLI_EXIT_OK;
	}
	if (npos != 1)
		return cli_usage_error(lang, "directory import", "%s",
		    TR(lang, "give one PATH: an HSDS JSON file, or a data package folder or its datapackage.json"));
	bool json;
	if ((rc = cli_parse_format(format, "directory import", lang, &json)) != 0)
		return rc;

	struct db *db;
	char msg[256];
	if (db_open(db_default_path(db_path), true, &db, msg, sizeof msg) != DB_OK) {
		cli_error(lang, "%s", TR(lang, "cannot open the directory database for the import"));
		return CLI_EXIT_FAIL;
	}
	struct import_report *rep = malloc(sizeof *rep);
	if (!rep) {
		db_close(db);
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	switch (import_path(db, pos[0], rep)) {
	case IMPORT_OK:
		rc = report_ok(rep, json, lang);
		break;
	case IMPORT_EINPUT:
		rc = report_problems(rep, json, lang);
		break;
	case IMPORT_ENOMEM:
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		rc = CLI_EXIT_FAIL;
		break;
	case IMPORT_EDB:
	default:
		/* detail names the step and SQLite's message, never a value (db.h). */
		cli_error(lang, TR(lang, "the directory database failed; nothing was imported (%s)"),
		          rep->detail);
		rc = CLI_EXIT_FAIL;
		break;
	}
	free(rep);
	db_close(db);
	return rc;
}
