/*
** main.c — the safepath command: language selection, global options, dispatch to
** subcommands, and the option parser and messages the subcommands share.
**
** The language is settled before anything else is parsed (SAFEPATH_LANG, then
** any --lang on the command line) so that even a message about a bad option is in
** the language the worker asked for.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../base/diag.h"
#include "cli.h"

/* Options that take a value, anywhere on the command line: the language scan must
** step over their values so that `--facts --lang` reads a file named "--lang". */
static const char *const value_opts[] = { "--facts", "--as-of", "--format", "--rules", "--lang",
                                           "--scenario", "--scenarios",
                                           "--answers", "--continuum", "--save",
                                           "--db", "--q", "--need", "--province", "--city",
                                           "--near", "--within", "--limit", "--lang-ui",
                                           "--services", "--seed", "--first", "--out",
                                           "--listen", "--threads", "--connections", "--per-ip",
                                           "--timeout", "--exit-url-en", "--exit-url-fr" };

#define OPT_NAME_MAX 32

/* Copies the name part of an option ("--name" of "--name=value") into out when it
** looks like an option name, so a message can show it; a value or a file name
** typed by mistake (which may hold personal data) is never copied. */
static bool opt_label(const char *arg, char *out, size_t cap)
{
	size_t n = 0;
	if (arg[0] != '-')
		return false;
	while (arg[n] && arg[n] != '=') {
		char c = arg[n];
		bool ok = c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!ok || n >= OPT_NAME_MAX || n + 1 >= cap)
			return false;
		out[n] = c;
		n++;
	}
	out[n] = '\0';
	return n > 1;
}

__attribute__((format(printf, 1, 0)))
static void report_v(const char *fmt, va_list ap)
{
	fputs("safepath: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(enum lang lang, const char *fmt, ...)
{
	(void)lang;
	va_list ap;
	va_start(ap, fmt);
	report_v(fmt, ap);
	va_end(ap);
}

int cli_usage_error(enum lang lang, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, TR(lang, "Try 'safepath %s --help'."), cmd);
	else
		fputs(TR(lang, "Try 'safepath --help'."), stderr);
	fputc('\n', stderr);
	return CLI_EXIT_USAGE;
}

int cli_write_out(const char *s, size_t len)
{
	if (len && fwrite(s, 1, len, stdout) != len)
		return -1;
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

int cli_write_buf(const struct buf *b, bool failed, enum lang lang)
{
	if (failed || b->err != BUF_OK) {
		cli_error(lang, "%s", TR(lang, "cannot format the result"));
		return CLI_EXIT_FAIL;
	}
	if (cli_write_out(buf_str(b), b->len) != 0) {
		cli_error(lang, "%s", TR(lang, "cannot write the output"));
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

int cli_parse_opts(int argc, char **argv, const struct cli_opt *opts, size_t nopts,
                   const char **pos, size_t maxpos, size_t *npos, bool *help,
                   const char *cmd, enum lang lang)
{
	bool only_pos = false;
	*npos = 0;
	*help = false;
	for (size_t k = 0; k < nopts; k++) {
		if (opts[k].value)
			*opts[k].value = NULL;
		if (opts[k].seen)
			*opts[k].seen = false;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
			if (*npos >= maxpos)
				return cli_usage_error(lang, cmd,
				    TR(lang, "unexpected argument in position %d"), i);
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = true;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
		const struct cli_opt *o = NULL;
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nlen && strncmp(opts[k].name, a, nlen) == 0)
				o = &opts[k];
		if (!o) {
			char label[OPT_NAME_MAX + 1];
			if (opt_label(a, label, sizeof label))
				return cli_usage_error(lang, cmd, TR(lang, "unknown option %s"), label);
			return cli_usage_error(lang, cmd, TR(lang, "unknown option in position %d"), i);
		}
		if (!o->takes_value) {
			if (eq)
				return cli_usage_error(lang, cmd, TR(lang, "option %s takes no value"), o->name);
			if (o->seen)
				*o->seen = true;
			continue;
		}
		const char *v;
		if (eq) {
			v = eq + 1;
		} else {
			if (i + 1 >= argc)
				return cli_usage_error(lang, cmd, TR(lang, "option %s needs a value"), o->name);
			v = argv[++i];
		}
		if (*o->value)
			return cli_usage_error(lang, cmd, TR(lang, "option %s is given twice"), o->name);
		*o->value = v;
	}
	return 0;
}

int cli_read_doc(const char *path, enum cli_doc doc, size_t max, enum lang lang, char **out,
                 size_t *len)
{
	bool facts = doc == CLI_DOC_FACTS;
	bool use_stdin = strcmp(path, "-") == 0;
	FILE *f = use_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		if (facts) cli_error(lang, TR(lang, "cannot open the facts file (--facts): %s"), strerror(errno));
		else cli_error(lang, TR(lang, "cannot open the answers file (--answers): %s"), strerror(errno));
		return CLI_EXIT_USAGE;
	}
	size_t cap = max + 1;
	char *p = malloc(cap + 1);
	if (!p) {
		if (!use_stdin) fclose(f);
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	size_t n = 0;
	while (n < cap) {
		size_t got = fread(p + n, 1, cap - n, f);
		if (got == 0) break;
		n += got;
	}
	int rderr = ferror(f);
	int saved = errno;
	if (!use_stdin && fclose(f) != 0 && !rderr) rderr = 1;
	if (rderr) {
		free(p);
		if (facts) cli_error(lang, TR(lang, "cannot read the facts file (--facts): %s"), strerror(saved));
		else cli_error(lang, TR(lang, "cannot read the answers file (--answers): %s"), strerror(saved));
		return CLI_EXIT_USAGE;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

int cli_read_line(char *line, size_t cap)
{
	if (!fgets(line, (int)cap, stdin)) return 0;
	size_t n = strlen(line);
	if (n > 0 && line[n - 1] == '\n') {
		line[--n] = '\0';
	} else if (!feof(stdin)) {
		int c;
		while ((c = getchar()) != EOF && c != '\n') {}
		return -1;
	}
	if (n > 0 && line[n - 1] == '\r') line[--n] = '\0';
	return 1;
}

int cli_parse_format(const char *format, const char *cmd, enum lang lang, bool *json)
{
	*json = false;
	if (!format || strcmp(format, "text") == 0)
		return 0;
	if (strcmp(format, "json") == 0) {
		*json = true;
		return 0;
	}
	return cli_usage_error(lang, cmd, "%s", TR(lang, "--format must be text or json"));
}

int cli_parse_as_of(const char *s, enum lang lang, int32_t *day)
{
	switch (date_parse(s, strlen(s), day)) {
	case DATE_OK:
		return 0;
	case DATE_ENODAY:
		cli_error(lang, "%s", TR(lang, "--as-of is not a real day: check the month and the day"));
		break;
	case DATE_ERANGE:
		cli_error(lang, "%s", TR(lang, "--as-of must be a year from 1900 to 2199"));
		break;
	case DATE_ESYNTAX:
	default:
		cli_error(lang, "%s", TR(lang, "--as-of must be a date written YYYY-MM-DD"));
		break;
	}
	return CLI_EXIT_USAGE;
}

int cli_load_rules(const char *dir, enum lang lang, struct ruleset **out)
{
	return cli_load_ruleset(dir, embedded_federal, embedded_federal_count, lang, out);
}

int cli_load_ruleset(const char *dir, const struct rules_source *embedded, size_t nembedded,
                     enum lang lang, struct ruleset **out)
{
	struct diaglist d;
	diag_init(&d);
	enum rules_err e = dir ? rules_load_dir(dir, out, &d)
	                       : rules_load(embedded, nembedded, out, &d);
	if (e == RULES_OK && *out) {
		diag_free(&d);
		return 0;
	}
	diag_print(&d, stderr);
	diag_free(&d);
	*out = NULL;
	if (e == RULES_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "out of memory while loading the rules"));
		return CLI_EXIT_FAIL;
	}
	if (!dir) {
		/* The embedded set passed `rules check` when the binary was built. */
		cli_error(lang, "%s", TR(lang, "the built-in rule set does not load; this is a bug in safepath"));
		return CLI_EXIT_FAIL;
	}
	cli_error(lang, "%s", TR(lang, "the rule files given do not load; run 'safepath rules check' on that folder"));
	return CLI_EXIT_USAGE;
}

static void help_main(enum lang lang, FILE *out)
{
	fputs(TR(lang,
	    "Usage: safepath [--lang en|fr] COMMAND [OPTIONS]\n"
	    "\n"
	    "safepath places a situation on the continuum of exploitation, lists the remedies\n"
	    "open in the province with their time limits, and shows which immigration\n"
	    "protection avenues are open to a person in Canada on a given date, which are\n"
	    "barred and until when, and why, citing the law.\n"
	    "It gives legal information, not legal advice.\n"
	    "\n"
	    "Commands:\n"
	    "  assess        Place a situation on the continuum of exploitation, with remedies\n"
	    "  directory     Search the offline directory of services; print referral slips\n"
	    "  pathways      Evaluate the protection avenues for one person's facts\n"
	    "  rules check   Check a folder of rule files for errors\n"
	    "  rules test    Run the tests written next to the rules\n"
	    "  serve         Serve the web application (interview, results, directory)\n"
	    "  train         Practise placing made-up cases on the continuum of exploitation\n"
	    "  help COMMAND  Show the help of a command\n"
	    "\n"
	    "Options:\n"
	    "  --lang en|fr  Language of messages and results (default: SAFEPATH_LANG, or en)\n"
	    "  --version     Show the version and the built-in rule set\n"
	    "  --help        Show this help\n"
	    "\n"
	    "See 'man safepath' (docs/safepath.1) and docs/rules.md.\n"), out);
}

static int version(enum lang lang)
{
	printf("safepath %s\n", CLI_VERSION);
	struct ruleset *rs = NULL;
	int rc = cli_load_rules(NULL, lang, &rs);
	if (rc)
		return rc;
	char from[DATE_ISO_LEN + 1];
	date_format_iso(rules_covers_from(rs), from);
	printf(TR(lang, "built-in rule set: %s, for dates from %s\n"), rules_name(rs), from);
	rules_free(rs);
	return cli_write_out("", 0) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

static int help_command(int argc, char **argv, enum lang lang)
{
	if (argc < 2) {
		help_main(lang, stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "pathways") == 0) {
		cli_help_pathways(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "assess") == 0) {
		cli_help_assess(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "rules") == 0) {
		cli_help_rules(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "train") == 0) {
		cli_help_train(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "directory") == 0) {
		cli_help_directory(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "serve") == 0) {
		cli_help_serve(lang);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		help_main(lang, stdout);
		return CLI_EXIT_OK;
	}
	return cli_usage_error(lang, NULL, "%s", TR(lang, "no such command"));
}

/* Settles the language: SAFEPATH_LANG first, then the last --lang given. */
static int settle_lang(int argc, char **argv, enum lang *lang)
{
	const char *env = getenv("SAFEPATH_LANG");
	*lang = LANG_EN;
	if (env && *env && lang_parse(env, lang) != 0) {
		*lang = LANG_EN;
		cli_error(*lang, "%s", TR(*lang, "SAFEPATH_LANG must be en or fr"));
		return CLI_EXIT_USAGE;
	}
	/* After the word `directory`, --lang filters services by the language they
	** work in, and the interface's language is --lang-ui. */
	const char *ui = "--lang";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "directory") == 0) {
			/* ...except for a slip, which has no language filter. */
			int k = i + 1;
			while (k + 1 < argc && strcmp(argv[k], "--lang-ui") == 0) k += 2;
			if (!(k < argc && strcmp(argv[k], "slip") == 0))
				ui = "--lang-ui";
			continue;
		}
		if (strcmp(ui, "--lang") == 0 && (strcmp(a, "--lang-ui") == 0
		                                  || strncmp(a, "--lang-ui=", 10) == 0)) {
			v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v) break;
			if (lang_parse(v, lang) != 0) {
				cli_error(*lang, TR(*lang, "%s must be en or fr"), "--lang-ui");
				return CLI_EXIT_USAGE;
			}
			continue;
		}
		size_t n = strlen(ui);
		if (strncmp(a, ui, n) == 0 && a[n] == '=') {
			v = a + n + 1;
		} else if (strcmp(a, ui) == 0) {
			if (i + 1 >= argc)
				break;      /* the command's parser reports the missing value */
			v = argv[++i];
		} else {
			for (size_t k = 0; k < sizeof value_opts / sizeof value_opts[0]; k++)
				if (strcmp(a, value_opts[k]) == 0) {
					i++;
					break;
				}
			continue;
		}
		if (lang_parse(v, lang) != 0) {
			cli_error(*lang, TR(*lang, "%s must be en or fr"), ui);
			return CLI_EXIT_USAGE;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	enum lang lang;
	int rc = settle_lang(argc, argv, &lang);
	if (rc)
		return rc;

	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help_main(lang, stdout);
			return cli_write_out("", 0) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
		}
		if (strcmp(a, "--version") == 0)
			return version(lang);
		if (strcmp(a, "--lang") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(lang, NULL, TR(lang, "option %s needs a value"), "--lang");
			i++;
			continue;
		}
		if (strncmp(a, "--lang=", 7) == 0)
			continue;
		if (a[0] == '-') {
			char label[OPT_NAME_MAX + 1];
			if (opt_label(a, label, sizeof label))
				return cli_usage_error(lang, NULL, TR(lang, "unknown option %s"), label);
			return cli_usage_error(lang, NULL, TR(lang, "unknown option in position %d"), i);
		}
		break;
	}
	if (i >= argc)
		return cli_usage_error(lang, NULL, "%s", TR(lang, "no command given"));

	const char *cmd = argv[i];
	if (strcmp(cmd, "pathways") == 0)
		rc = cli_pathways(argc - i, argv + i, lang);
	else if (strcmp(cmd, "assess") == 0)
		rc = cli_assess(argc - i, argv + i, lang);
	else if (strcmp(cmd, "rules") == 0)
		rc = cli_rules(argc - i, argv + i, lang);
	else if (strcmp(cmd, "train") == 0)
		rc = cli_train(argc - i, argv + i, lang);
	else if (strcmp(cmd, "directory") == 0)
		rc = cli_directory(argc - i, argv + i, lang);
	else if (strcmp(cmd, "serve") == 0)
		rc = cli_serve(argc - i, argv + i, lang);
	else if (strcmp(cmd, "help") == 0)
		rc = help_command(argc - i, argv + i, lang);
	else
		/* The word is not shown: a file name typed in its place may name a person. */
		return cli_usage_error(lang, NULL, "%s", TR(lang, "no such command"));

	if (rc == CLI_EXIT_OK && cli_write_out("", 0) != 0) {
		cli_error(lang, "%s", TR(lang, "cannot write the output"));
		return CLI_EXIT_FAIL;
	}
	return rc;
}
