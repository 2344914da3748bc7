/*
** cmd_directory_search.c — `safepath directory search` and `safepath
** directory slip` (docs/safepath.1 is the contract).
**
** Options are validated once into struct search_query (src/directory/query.h);
** a problem ends the command with exit status 2 and a message that names the
** option and the problem, never the value given: a search may hold a
** person's name or situation.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../directory/db.h"
#include "../directory/query.h"
#include "../directory/search.h"
#include "../directory/slip.h"
#include "cli.h"

static void help_search(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory search [--q TEXT] [--need ID] [--province XX]\n"
	    "                                 [--city NAME] [--near LAT,LON [--within KM]]\n"
	    "                                 [--lang CODE] [--no-status] [--all-statuses]\n"
	    "                                 [--limit N] [--format text|json]\n"
	    "                                 [--lang-ui en|fr] [--db FILE]\n"
	    "\n"
	    "Finds services in the directory. Every option given must hold; with none,\n"
	    "every active service is listed by name.\n"
	    "\n"
	    "Options:\n"
	    "  --q TEXT         Words to look for in a service's name, organization,\n"
	    "                   description, needs and cities (at most 16 words and 256\n"
	    "                   bytes). Each word matches the start of a word; accents and\n"
	    "                   capitals do not matter. Type plain words: \" * : ^ ( ) { }\n"
	    "                   and AND, OR, NOT, NEAR in capitals are refused. When\n"
	    "                   nothing matches, close spellings are tried, and said so.\n"
	    "  --need ID        Services that meet this need (e.g. emergency_shelter).\n"
	    "  --province XX    Services of this province or territory (AB BC MB NB NL NS\n"
	    "                   NT NU ON PE QC SK YT) and national ones; CA: national\n"
	    "                   services only.\n"
	    "  --city NAME      Services with an address in this city (accents, capitals\n"
	    "                   and hyphens do not matter).\n"
	    "  --near LAT,LON   Services with a location within --within KM (default 50)\n"
	    "                   of this point: nearest first without --q; with --q, best\n"
	    "                   match first and distance breaks ties. Confidential\n"
	    "                   locations are never found or sorted by distance.\n"
	    "  --within KM      The radius for --near: more than 0, at most 1000.\n"
	    "  --lang CODE      Services that work in this language (ISO 639 code, e.g.\n"
	    "                   fr, es, tgl), or that have a phone line in it.\n"
	    "  --no-status      Only services that need no immigration status; a service\n"
	    "                   whose condition is not known is left out.\n"
	    "  --all-statuses   Also show services that are inactive, defunct or\n"
	    "                   temporarily closed (by default only active ones).\n"
	    "  --limit N        Show at most N results (1 to 100, default 20).\n"
	    "  --format text|json  text for a person (default), json for programs.\n"
	    "  --lang-ui en|fr  Language of the results and messages.\n"
	    "  --db FILE        The directory database (default: $SAFEPATH_DB, else\n"
	    "                   safepath.db in the current folder).\n"
	    "\n"
	    "Exit status: 0 done (even when nothing is found); 2 bad input (the message\n"
	    "names the option and the problem); 1 the database could not be read.\n"), stdout);
}

static void help_slip(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath directory slip SERVICE_ID... [--out FILE] [--lang-ui en|fr]\n"
	    "                               [--db FILE]\n"
	    "\n"
	    "Writes a referral slip to hand to a person: one HTML page with, for each\n"
	    "service (at most 20; 'safepath directory search' shows their ids), its\n"
	    "phones, address (for a confidential site, the city and intake line only),\n"
	    "hours, languages, documents to bring, cost, access conditions and when the\n"
	    "information was checked. Open it in a browser and print it. The slip holds\n"
	    "service information only, never anything about the person.\n"
	    "\n"
	    "Options:\n"
	    "  --out FILE       Write the page to FILE (replaced whole; mode 0644, readable\n"
	    "                   by every user of this computer) instead of standard output.\n"
	    "  --lang-ui en|fr  Language of the slip and of messages.\n"
	    "  --db FILE        The directory database.\n"
	    "\n"
	    "Exit status: 0 written; 2 bad input, or an id that is not in the directory\n"
	    "(the message gives its position, not its value); 1 the database or the\n"
	    "file could not be read or written.\n"), stdout);
}

static const char *const field_opt[QF__COUNT] = {
	[QF_TEXT] = "--q", [QF_NEED] = "--need", [QF_PROVINCE] = "--province",
	[QF_CITY] = "--city", [QF_NEAR] = "--near", [QF_WITHIN] = "--within",
	[QF_LANG] = "--lang", [QF_LIMIT] = "--limit",
};

static int bad_need(struct dir_search *s, enum lang lang)
{
	struct buf ids;
	buf_init(&ids, 4096);
	if (search_need_ids(s, &ids) != SEARCH_OK)
		buf_reset(&ids);
	int rc = cli_usage_error(lang, "directory search", TR(lang, "--need: no such need; the needs are: %s"),
	                         buf_str(&ids));
	buf_free(&ids);
	return rc;
}

static int run_search(const struct search_query *q, const char *db_arg, bool json, enum lang lang)
{
	struct db *db = NULL;
	int rc = cli_directory_open(db_arg, lang, &db);
	if (rc)
		return rc;
	struct dir_search *s = search_new(db);
	struct search_result *res = NULL;
	if (!s) {
		cli_error(lang, "%s", TR(lang, "the directory database could not be searched"));
		db_close(db);
		return CLI_EXIT_FAIL;
	}
	enum search_err e = search_run(s, q, &res);
	if (e == SEARCH_ENEED) {
		rc = bad_need(s, lang);
	} else if (e != SEARCH_OK) {
		cli_error(lang, "%s", TR(lang, search_strerror(e)));
		rc = CLI_EXIT_FAIL;
	} else {
		struct buf out;
		buf_init(&out, CLI_OUT_MAX);
		int w = json ? search_write_json(res, &out) : search_write_text(res, q, lang, &out);
		rc = cli_write_buf(&out, w != 0, lang);
		buf_free(&out);
	}
	search_result_free(res);
	search_free(s);
	db_close(db);
	return rc;
}

int cli_directory_search(int argc, char **argv, enum lang lang)
{
	const char *v[QF__COUNT], *format, *db_arg, *lang_ui;
	bool no_status, all_statuses;
	const struct cli_opt opts[] = {
		{ "--q", true, &v[QF_TEXT], NULL },
		{ "--need", true, &v[QF_NEED], NULL },
		{ "--province", true, &v[QF_PROVINCE], NULL },
		{ "--city", true, &v[QF_CITY], NULL },
		{ "--near", true, &v[QF_NEAR], NULL },
		{ "--within", true, &v[QF_WITHIN], NULL },
		{ "--lang", true, &v[QF_LANG], NULL },
		{ "--limit", true, &v[QF_LIMIT], NULL },
		{ "--no-status", false, NULL, &no_status },
		{ "--all-statuses", false, NULL, &all_statuses },
		{ "--format", true, &format, NULL },
		{ "--db", true, &db_arg, NULL },
		{ "--lang-ui", true, &lang_ui, NULL },   /* already applied by main */
	};
	const char *pos[1];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], pos, 0, &npos, &help,
	                        "directory search", lang);
	if (rc)
		return rc;
	if (help) {
		help_search(lang);
		return CLI_EXIT_OK;
	}
	bool json;
	if ((rc = cli_parse_format(format, "directory search", lang, &json)) != 0)
		return rc;

	struct search_query q;
	query_init(&q);
	for (int f = 0; f < QF__COUNT; f++) {
		if (!v[f])
			continue;
		enum query_err e = query_set(&q, (enum query_field)f, v[f], strlen(v[f]));
		if (e != QUERY_OK)
			return cli_usage_error(lang, "directory search", TR(lang, "%s: %s"), field_opt[f],
			                       TR(lang, query_problem((enum query_field)f, e)));
	}
	q.no_status = no_status;
	q.statuses = all_statuses ? QS_ALL : QS_ACTIVE;
	enum query_field badf = QF_TEXT;
	enum query_err e = query_finish(&q, &badf);
	if (e != QUERY_OK)
		return cli_usage_error(lang, "directory search", TR(lang, "%s: %s"), field_opt[badf],
		                       TR(lang, query_problem(badf, e)));
	return run_search(&q, db_arg, json, lang);
}

/* ---- slip ---- */

/* Replaces path whole: a temporary file next to it, written, flushed to disk
** and renamed over it, so a reader never sees half a slip. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	int ok = fchmod(fd, 0644) == 0;
	for (size_t off = 0; ok && off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		if (ok)
			off += (size_t)w;
	}
	int saved = errno;
	ok = ok && fsync(fd) == 0;
	if (close(fd) != 0)
		ok = 0;
	if (ok && rename(tmp, path) == 0)
		return 0;
	saved = errno ? errno : saved;
	unlink(tmp);
	errno = saved;
	return -1;
}

int cli_directory_slip(int argc, char **argv, enum lang lang)
{
	const char *out_path, *db_arg, *lang_ui, *lang_slip;
	/* A slip has no language filter, so --lang (like --lang-ui) is the slip's
	** language; main.c has applied either. */
	const struct cli_opt opts[] = {
		{ "--out", true, &out_path, NULL },
		{ "--db", true, &db_arg, NULL },
		{ "--lang-ui", true, &lang_ui, NULL },
		{ "--lang", true, &lang_slip, NULL },
	};
	const char *ids[SLIP_SERVICES_MAX];
	size_t n;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0], ids, SLIP_SERVICES_MAX,
	                        &n, &help, "directory slip", lang);
	if (rc)
		return rc;
	if (help) {
		help_slip(lang);
		return CLI_EXIT_OK;
	}
	if (n == 0)
		return cli_usage_error(lang, "directory slip", "%s",
		                       TR(lang, "give the id of at least one service "
		                                "('safepath directory search' shows them)"));
	for (size_t i = 0; i < n; i++)
		if (!slip_valid_id(ids[i]))
			return cli_usage_error(lang, "directory slip",
			                       TR(lang, "service id number %zu is not a valid id"), i + 1);
	if (out_path && !*out_path)
		return cli_usage_error(lang, "directory slip", "%s", TR(lang, "--out needs a file name"));

	struct db *db = NULL;
	if ((rc = cli_directory_open(db_arg, lang, &db)) != 0)
		return rc;
	struct buf page;
	buf_init(&page, SLIP_OUT_MAX);
	size_t bad = 0;
	enum slip_err e = slip_write(db, ids, n, lang, &page, &bad);
	db_close(db);
	if (e == SLIP_EUNKNOWN) {
		rc = cli_usage_error(lang, "directory slip",
		                     TR(lang, "service id number %zu is not in the directory"), bad + 1);
	} else if (e != SLIP_OK) {
		cli_error(lang, "%s", TR(lang, e == SLIP_ENOMEM ? "the slip is too large to write"
		                                                : "the directory database could not be read"));
		rc = CLI_EXIT_FAIL;
	} else if (out_path) {
		if (write_atomic(out_path, buf_str(&page), page.len) != 0) {
			/* The file name is not repeated: it may name the person. */
			cli_error(lang, TR(lang, "cannot write the slip (--out): %s"), strerror(errno));
			rc = CLI_EXIT_FAIL;
		}
	} else {
		rc = cli_write_buf(&page, false, lang);
	}
	buf_free(&page);
	return rc;
}
