/*
** cmd_pathways.c — `safepath pathways`: facts about one person in, the status of
** every protection avenue out (docs/safepath.1 is the contract).
**
** Everything from outside (options, the facts document) is validated here, once;
** a problem ends the command with exit status 2 and a message that names the
** option or fact and the problem, never the value given.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "cli.h"

void cli_help_pathways(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath pathways --facts FILE|- [--as-of YYYY-MM-DD] [--lang en|fr]\n"
	    "                         [--format text|json] [--rules DIR]\n"
	    "\n"
	    "Reads facts about one person (a JSON object) and shows, on a given date, which\n"
	    "protection avenues are available, barred (and until when), ineligible, not\n"
	    "applicable or unknown, with the reasons and the law they rest on, the deadlines,\n"
	    "and the questions whose answers would change the result. A fact left out is\n"
	    "unknown; safepath never guesses it.\n"
	    "\n"
	    "Options:\n"
	    "  --facts FILE        Read the facts from FILE (at most 64 KiB); - reads\n"
	    "                      standard input. Required.\n"
	    "  --as-of YYYY-MM-DD  Read the law as it stood on that day. Default: today.\n"
	    "  --format text|json  text for a person (default), json for programs.\n"
	    "  --lang en|fr        Language of the results and messages.\n"
	    "  --rules DIR         Use the rule files in DIR instead of the built-in\n"
	    "                      federal rule set.\n"
	    "  --help              Show this help.\n"
	    "\n"
	    "Exit status: 0 done; 2 bad input (the message names the fact or option and\n"
	    "the problem); 1 internal error.\n"
	    "\n"
	    "Example:\n"
	    "  safepath pathways --facts facts.json --as-of 2016-11-24\n"
	    "\n"
	    "This is legal information, not legal advice.\n"), stdout);
}

/* The engine's message already gives the place, the fact and the problem in the
** right language; the fallbacks only cover an engine that left it empty. */
static int facts_failed(const struct facts_error *err, enum lang lang)
{
	char fact[sizeof err->fact];
	memcpy(fact, err->fact, sizeof fact);
	fact[sizeof fact - 1] = '\0';
	const char *msg = err->msg;
	char fallback[sizeof err->msg];
	if (memchr(err->msg, '\0', sizeof err->msg) == NULL || !err->msg[0]) {
		struct buf b;
		buf_init(&b, sizeof fallback - 1);
		switch (err->code) {
		case FACTS_EJSON:
			buf_puts(&b, TR(lang, "the facts are not a valid JSON object"));
			break;
		case FACTS_EUNKNOWN:
			buf_printf(&b, TR(lang, "%s: the rule set has no such fact"), fact);
			break;
		case FACTS_ETYPE:
			buf_printf(&b, TR(lang, "%s: wrong type of value"), fact);
			break;
		case FACTS_EVALUE:
			buf_printf(&b, TR(lang, "%s: not one of the allowed values"), fact);
			break;
		case FACTS_EDATE:
			buf_printf(&b, TR(lang, "%s: not a real day written YYYY-MM-DD"), fact);
			break;
		case FACTS_ECONSTRAINT:
			buf_printf(&b, TR(lang, "%s: the facts contradict each other"), fact);
			break;
		case FACTS_ETOOBIG:
			buf_puts(&b, TR(lang, "the facts go over a size limit"));
			break;
		default:
			buf_puts(&b, TR(lang, "the facts cannot be used"));
			break;
		}
		size_t n = b.err == BUF_OK ? b.len : 0;
		memcpy(fallback, buf_str(&b), n);
		fallback[n] = '\0';
		buf_free(&b);
		msg = fallback;
	}
	if (err->code == FACTS_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	/* The engine's message starts with the line and column when it knows them. */
	cli_error(lang, TR(lang, "facts: %s"), msg);
	return CLI_EXIT_USAGE;
}

static int write_result(const struct result *r, bool json, enum lang lang)
{
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	int w = json ? result_write_json(r, lang, &out) : result_write_text(r, lang, &out);
	int rc = cli_write_buf(&out, w != 0, lang);
	buf_free(&out);
	return rc;
}

/* Loaded, validated and evaluated; owns everything it holds. */
struct run {
	struct ruleset *rs;
	struct facts *facts;
	struct result *res;
	char *text;
};

static void run_free(struct run *x)
{
	result_free(x->res);
	facts_free(x->facts);
	rules_free(x->rs);
	free(x->text);
}

static int evaluate(struct run *x, const char *facts_path, const char *rules_dir,
                    const char *as_of_arg, bool json, enum lang lang)
{
	int32_t as_of = date_today();
	if (as_of_arg) {
		int rc = cli_parse_as_of(as_of_arg, lang, &as_of);
		if (rc)
			return rc;
	}
	int rc = cli_load_rules(rules_dir, lang, &x->rs);
	if (rc)
		return rc;
	int32_t from = rules_covers_from(x->rs);
	if (as_of < from) {
		char iso[DATE_ISO_LEN + 1];
		date_format_iso(from, iso);
		cli_error(lang, TR(lang, "--as-of is before %s, the first day the rule set is written for"), iso);
		return CLI_EXIT_USAGE;
	}

	size_t len = 0;
	rc = cli_read_doc(facts_path, CLI_DOC_FACTS, CLI_FACTS_MAX, lang, &x->text, &len);
	if (rc == 0 && len > CLI_FACTS_MAX) {
		cli_error(lang, TR(lang, "the facts are larger than %u KiB"), CLI_FACTS_MAX / 1024u);
		rc = CLI_EXIT_USAGE;
	}
	if (rc)
		return rc;
	x->facts = facts_new(x->rs);
	x->res = result_new(x->rs);
	if (!x->facts || !x->res) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	struct facts_error err;
	memset(&err, 0, sizeof err);
	if (facts_parse_json(x->facts, x->text, len, lang, &err) != FACTS_OK)
		return facts_failed(&err, lang);
	memset(&err, 0, sizeof err);
	if (facts_check(x->facts, as_of, lang, &err) != FACTS_OK)
		return facts_failed(&err, lang);

	enum rules_err e = rules_eval(x->rs, x->facts, as_of, EVAL_REASONS | EVAL_QUESTIONS, x->res);
	if (e == RULES_ECHECK) {
		/* The result names the rules in conflict; show it, but fail. */
		(void)write_result(x->res, json, lang);
		cli_error(lang, "%s", TR(lang, "the rule set contradicts itself on these facts (see the reasons above); please report it"));
		return CLI_EXIT_FAIL;
	}
	if (e != RULES_OK) {
		cli_error(lang, "%s", TR(lang, "the evaluation failed"));
		return CLI_EXIT_FAIL;
	}
	return write_result(x->res, json, lang);
}

int cli_pathways(int argc, char **argv, enum lang lang)
{
	const char *facts_path, *as_of, *lang_arg, *format, *rules_dir;
	const struct cli_opt opts[] = {
		{ "--facts", true, &facts_path, NULL },
		{ "--as-of", true, &as_of, NULL },
		{ "--lang", true, &lang_arg, NULL },      /* already applied by main */
		{ "--format", true, &format, NULL },
		{ "--rules", true, &rules_dir, NULL },
	};
	const char *pos[1];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
	                        pos, 0, &npos, &help, "pathways", lang);
	if (rc)
		return rc;
	if (help) {
		cli_help_pathways(lang);
		return CLI_EXIT_OK;
	}
	if (!facts_path)
		return cli_usage_error(lang, "pathways", "%s",
		    TR(lang, "--facts is required: a JSON file of facts, or - for standard input"));
	bool json;
	if ((rc = cli_parse_format(format, "pathways", lang, &json)) != 0)
		return rc;

	struct run x = { NULL, NULL, NULL, NULL };
	rc = evaluate(&x, facts_path, rules_dir, as_of, json, lang);
	run_free(&x);
	return rc;
}
