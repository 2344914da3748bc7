/*
** cmd_directory_show.c — `safepath directory show ID`: one service of the
** directory, as the HSDS 3.0 JSON object `directory export --format json`
** writes for it in services.json (the JSON API's
** /api/directory/services/{id} gives the same bytes), or as text for a
** worker (the details a referral slip shows).
**
** An id that is not in the directory is not repeated in the message: it may
** have been typed from a note about a person.
*/
#include <stdio.h>
#include <string.h>

#include "../base/buf.h"
#include "../directory/db.h"
#include "../directory/export.h"
#include "../directory/search.h"
#include "../directory/slip.h"
#include "cli.h"

static void help_show(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory show SERVICE_ID [--format text|json]\n"
	    "                               [--lang-ui en|fr] [--db FILE]\n"
	    "\n"
	    "Shows one service of the directory ('safepath directory search' shows the\n"
	    "ids): as text, what a referral slip says about it (phones, addresses, hours,\n"
	    "languages, documents, cost, access conditions, when it was checked); as\n"
	    "JSON, the HSDS 3.0 service object that 'directory export --format json'\n"
	    "writes for it, with every nested record. A confidential location never\n"
	    "shows its street address or coordinates.\n"
	    "\n"
	    "Options:\n"
	    "  --format text|json  text for a person (default), json for programs.\n"
	    "  --lang-ui en|fr     Language of the text and of messages.\n"
	    "  --db FILE           The directory database.\n"
	    "\n"
	    "Exit status: 0 shown; 2 bad input, or an id that is not in the directory\n"
	    "(the message does not repeat it); 1 the database could not be read.\n"), stdout);
}

static int show(struct db *db, const char *id, bool json, enum lang lang, struct buf *out)
{
	if (json) {
		bool found = false;
		struct export_error err;
		enum export_err e = export_service_json(db, id, out, &found, &err);
		if (e != EXPORT_OK) {
			cli_error(lang, "%s", TR(lang, err.what ? err.what : "the directory database could not be read"));
			return CLI_EXIT_FAIL;
		}
		if (!found)
			return cli_usage_error(lang, "directory show", "%s",
			                       TR(lang, "no service in the directory has this id"));
		return cli_write_buf(out, false, lang);
	}
	enum slip_err e = slip_write_service(db, id, lang, SLIP_TEXT, 0, out, NULL, 0);
	if (e == SLIP_EUNKNOWN)
		return cli_usage_error(lang, "directory show", "%s",
		                       TR(lang, "no service in the directory has this id"));
	if (e != SLIP_OK) {
		cli_error(lang, "%s", TR(lang, e == SLIP_ENOMEM ? "cannot format the result"
		                                                : "the directory database could not be read"));
		return CLI_EXIT_FAIL;
	}
	buf_printf(out, "%s ", TR(lang, "Id (for a referral slip):"));
	search_put_clean(out, id);
	buf_putc(out, '\n');
	return cli_write_buf(out, false, lang);
}

int cli_directory_show(int argc, char **argv, enum lang lang)
{
	const char *format, *db_arg, *lang_ui;
	const struct cli_opt opts[] = {
		{ "--format", true, &format, NULL },
		{ "--db", true, &db_arg, NULL },
		{ "--lang-ui", true, &lang_ui, NULL },   /* already applied by main */
	};
	const char *pos[1];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 1, &npos, &help,
	                        "directory show", lang);
	if (rc)
		return rc;
	if (help) {
		help_show(lang);
		return CLI_EXIT_OK;
	}
	bool json;
	if ((rc = cli_parse_format(format, "directory show", lang, &json)) != 0)
		return rc;
	if (npos != 1)
		return cli_usage_error(lang, "directory show", "%s",
		                       TR(lang, "give the id of one service "
		                                "('safepath directory search' shows them)"));
	if (!slip_valid_id(pos[0]))
		return cli_usage_error(lang, "directory show", "%s", TR(lang, "the service id is not a valid id"));

	struct db *db = NULL;
	if ((rc = cli_directory_open(db_arg, lang, &db)) != 0)
		return rc;
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	rc = show(db, pos[0], json, lang, &out);
	buf_free(&out);
	db_close(db);
	return rc;
}
