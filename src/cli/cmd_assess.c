/*
** cmd_assess.c — `safepath assess`: a person's answers in (a JSON file, or an
** interview in the terminal), the place of the situation on the continuum of
** exploitation, the remedies and time limits, and the protection pathways out
** (docs/safepath.1 is the contract; src/assess does the work).
**
** Everything from outside (options, the answers, the lines typed in the
** interview) is validated once; a problem in the options or the answers file ends
** the command with exit status 2 and a message that names the option or answer
** and the problem, never the value given. In the interview a bad answer is not
** repeated either: the question is asked again with what is expected.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../assess/assess.h"
#include "../base/buf.h"
#include "../base/date.h"
#include "../directory/needs.h"
#include "cli.h"

#define IV_LINE_MAX 1024u        /* bytes of one typed line */
#define IV_MAX_LINES 10000u      /* lines read in one interview */
#define IV_HISTORY 1024u         /* steps "back" can undo */

void cli_help_assess(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath assess --answers FILE|- [--as-of YYYY-MM-DD] [--lang en|fr]\n"
	    "                       [--format text|json] [--rules DIR] [--continuum DIR]\n"
	    "       safepath assess --interactive [--answers FILE] [--save FILE]\n"
	    "                       [--as-of YYYY-MM-DD] [--lang en|fr]\n"
	    "\n"
	    "Places a situation of work on the continuum of exploitation (labour standards\n"
	    "violation, human rights violation, forced labour, trafficking) from what a\n"
	    "worker learned, with the reasons and the law they rest on; lists the remedies\n"
	    "open in the province with their time limits; and, for a person who is not a\n"
	    "citizen or permanent resident, the immigration protection pathways. An answer\n"
	    "left out is unknown: safepath never guesses it.\n"
	    "\n"
	    "Options:\n"
	    "  --answers FILE      Read the answers (a JSON object, at most 64 KiB); - reads\n"
	    "                      standard input. A value \"prefer_not_to_say\" records that\n"
	    "                      the person chose not to answer.\n"
	    "  --interactive       Ask the questions one at a time in the terminal, only\n"
	    "                      those that can still change the result. With --answers,\n"
	    "                      start from those answers.\n"
	    "  --save FILE         With --interactive: write the answers to FILE at the end\n"
	    "                      (readable by you only). Nothing is saved without it.\n"
	    "  --as-of YYYY-MM-DD  Read the law as it stood on that day. Default: today.\n"
	    "  --format text|json  text for a person (default), json for programs.\n"
	    "  --lang en|fr        Language of the results, questions and messages.\n"
	    "  --rules DIR         Use the federal rule files in DIR (the pathways).\n"
	    "  --continuum DIR     Use the continuum rule files in DIR (levels, remedies).\n"
	    "  --help              Show this help.\n"
	    "\n"
	    "In the interview: press Enter to skip a question, ? for help on it, p to say\n"
	    "the person prefers not to answer (it is not asked again), b to go back one\n"
	    "step, q to stop and see the result.\n"
	    "\n"
	    "Exit status: 0 done; 2 bad input (the message names the answer or option and\n"
	    "the problem); 1 internal error.\n"
	    "\n"
	    "Example:\n"
	    "  safepath assess --answers answers.json --as-of 2016-11-24\n"
	    "\n"
	    "This is legal information, not legal advice.\n"), stdout);
}

static int assess_failed(enum assess_err e, const struct assess_error *err, enum lang lang)
{
	if (e == ASSESS_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	char msg[sizeof err->msg];
	memcpy(msg, err->msg, sizeof msg);
	msg[sizeof msg - 1] = '\0';
	if (e == ASSESS_ERULES) {
		cli_error(lang, TR(lang, "the rule sets cannot be used together: %s"), msg);
		return CLI_EXIT_FAIL;
	}
	cli_error(lang, TR(lang, "answers: %s"), msg[0] ? msg : TR(lang, "the answers cannot be used"));
	return CLI_EXIT_USAGE;
}

/* The services the result calls for, as needs of the directory's vocabulary
** (needs_add_to_output: the JSON API adds them the same way). Nothing is
** added if the vocabulary cannot be read. */
static void add_needs(const struct assessment *x, bool json, enum lang lang, struct buf *out)
{
	struct needs *voc = NULL;
	char why[128];
	if (needs_load_embedded(&voc, why, sizeof why) != NEEDS_OK) return;
	(void)needs_add_to_output(voc, x, json, lang, out);
	needs_free(voc);
}

static int write_out(const struct assessment *x, bool json, enum lang lang)
{
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	int w = json ? assessment_write_json(x, lang, &out) : assessment_write_text(x, lang, &out);
	if (w == 0 && out.err == BUF_OK) add_needs(x, json, lang, &out);
	int rc = cli_write_buf(&out, w != 0, lang);
	buf_free(&out);
	return rc;
}

/* The answers file of --save: created readable and writable by its owner only
** (it holds what a person disclosed), not through a symbolic link. */
static int save_answers(const struct answers *ans, const char *path, enum lang lang)
{
	struct buf b;
	buf_init(&b, (size_t)ASSESS_MAX_JSON * 4u);
	if (answers_write_json(ans, &b) != 0) {
		buf_free(&b);
		cli_error(lang, "%s", TR(lang, "cannot format the answers"));
		return CLI_EXIT_FAIL;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = CLI_EXIT_OK;
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		rc = CLI_EXIT_USAGE;
	} else {
		const char *p = buf_str(&b);
		size_t left = b.len;
		while (left > 0) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR) continue;
			if (w <= 0) { rc = CLI_EXIT_USAGE; break; }
			p += w;
			left -= (size_t)w;
		}
	}
	int saved = errno;
	if (fd >= 0 && close(fd) != 0 && rc == CLI_EXIT_OK) {
		saved = errno;
		rc = CLI_EXIT_USAGE;
	}
	buf_free(&b);
	if (rc != CLI_EXIT_OK)
		cli_error(lang, TR(lang, "cannot write the answers file (--save): %s"), strerror(saved));
	return rc;
}

/* ---- the interview ---- */

enum step { STEP_ANSWER, STEP_SKIP };

struct interview {
	const struct assess *a;
	struct answers *ans;
	struct assessment *x;
	int32_t as_of;
	enum lang lang;
	const char **skipped;        /* names (pointing into the rule sets) */
	size_t nskipped, cap;
	struct { const char *name; enum step kind; } hist[IV_HISTORY];
	size_t nhist;
};

static void say(const char *s) { fputs(s, stdout); }

static bool is_skipped(const struct interview *iv, const char *name)
{
	for (size_t i = 0; i < iv->nskipped; i++)
		if (strcmp(iv->skipped[i], name) == 0) return true;
	return false;
}

static void unskip(struct interview *iv, const char *name)
{
	for (size_t i = 0; i < iv->nskipped; i++)
		if (strcmp(iv->skipped[i], name) == 0) {
			iv->skipped[i] = iv->skipped[--iv->nskipped];
			return;
		}
}

static void remember(struct interview *iv, const char *name, enum step kind)
{
	if (iv->nhist == IV_HISTORY) {
		memmove(&iv->hist[0], &iv->hist[1], (IV_HISTORY - 1) * sizeof iv->hist[0]);
		iv->nhist--;
	}
	iv->hist[iv->nhist].name = name;
	iv->hist[iv->nhist].kind = kind;
	iv->nhist++;
}

/* ASCII case-insensitive, after trimming. */
static bool word_is(const char *s, const char *w)
{
	for (; *s && *w; s++, w++) {
		char x = *s, y = *w;
		if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
		if (x != y) return false;
	}
	return *s == *w;
}

static bool any_word(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (word_is(s, words[i])) return true;
	return false;
}

static const char *const w_decline[] = {
	"p", "prefer not to say", "prefer_not_to_say", "je préfère ne pas répondre",
	"je prefere ne pas repondre",
};
static const char *const w_back[] = { "b", "back", "retour" };
static const char *const w_quit[] = { "q", "quit", "quitter", "stop" };

static void controls(enum lang lang)
{
	say(TR(lang, "(Enter: skip for now · ?: help · p: prefer not to say · b: back · q: stop and see the result)"));
	say("\n");
}

static void ask(const struct interview *iv, const char *name, const struct ruleset *rs)
{
	enum lang lang = iv->lang;
	int idx = rules_fact_index(rs, name);
	say("\n");
	say(rules_fact_question(rs, idx, lang));
	say("\n");
	switch (rules_fact_type(rs, idx)) {
	case RULES_FT_BOOLEAN:
		say(TR(lang, "Answer yes or no."));
		break;
	case RULES_FT_DATE:
		say(TR(lang, "Give the date as YYYY-MM-DD, for example 2016-11-24."));
		break;
	case RULES_FT_ENUM:
		for (int j = 0; j < rules_fact_nvalues(rs, idx); j++)
			printf("  %2d. %s\n", j + 1, rules_fact_value_label(rs, idx, j, lang));
		say(TR(lang, "Type the number of the answer."));
		break;
	case RULES_FT_NUMBER:
		say(TR(lang, "Type a number."));
		break;
	default:
		say(TR(lang, "Type the answer."));
		break;
	}
	say("\n> ");
	fflush(stdout);
}

/* One line of at most IV_LINE_MAX bytes: 1 read, 0 end of input, -1 too long
** (the rest of the line is read and dropped). */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t') s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
	return s;
}

/* Evaluates; a constraint broken by the last answer is explained and that
** answer forgotten (*undone). Other failures end the interview. */
static int reevaluate(struct interview *iv, const char *last, bool *undone)
{
	struct assess_error err;
	*undone = false;
	enum assess_err e = assess_run(iv->a, iv->ans, iv->as_of, iv->x, &err);
	if (e == ASSESS_EINPUT && last) {
		say(TR(iv->lang, "That answer contradicts another one:"));
		say(" ");
		say(err.msg);
		say("\n");
		(void)answers_forget(iv->ans, last);
		*undone = true;
		e = assess_run(iv->a, iv->ans, iv->as_of, iv->x, &err);
	}
	return e == ASSESS_OK ? 0 : assess_failed(e, &err, iv->lang);
}

static int interview(struct interview *iv)
{
	enum lang lang = iv->lang;
	char buf[IV_LINE_MAX + 2];
	bool undone;
	say(TR(lang, "safepath assessment interview. Every question can be skipped, and the person never has to answer."));
	say("\n");
	controls(lang);
	int rc = reevaluate(iv, NULL, &undone);
	for (size_t lines = 0; rc == 0; lines++) {
		const char *name = NULL;
		const struct ruleset *rs = NULL;
		for (size_t i = 0; i < assessment_question_count(iv->x) && !name; i++) {
			const char *q = assessment_question(iv->x, i, &rs);
			if (!is_skipped(iv, q)) name = q;
		}
		if (!name) {
			say("\n");
			say(TR(lang, "No other question can change the result."));
			say("\n");
			break;
		}
		if (lines >= IV_MAX_LINES) {
			say("\n");
			say(TR(lang, "The interview stops here: too many lines were typed."));
			say("\n");
			break;
		}
		ask(iv, name, rs);
		int got = cli_read_line(buf, sizeof buf);
		if (got == 0) {
			say("\n");
			break;
		}
		if (got < 0) {
			say(TR(lang, "That answer is too long. Please answer again."));
			say("\n");
			continue;
		}
		char *s = trim(buf);
		if (*s == '\0') {
			if (iv->nskipped < iv->cap) iv->skipped[iv->nskipped++] = name;
			remember(iv, name, STEP_SKIP);
			continue;
		}
		if (strcmp(s, "?") == 0) {
			const char *help = rules_fact_help(rs, rules_fact_index(rs, name), lang);
			say(help && *help ? help : TR(lang, "No help text for this question."));
			say("\n");
			controls(lang);
			continue;
		}
		if (any_word(s, w_quit, sizeof w_quit / sizeof w_quit[0])) break;
		if (any_word(s, w_back, sizeof w_back / sizeof w_back[0])) {
			if (iv->nhist == 0) {
				say(TR(lang, "There is no earlier answer to go back to."));
				say("\n");
				continue;
			}
			iv->nhist--;
			if (iv->hist[iv->nhist].kind == STEP_SKIP) unskip(iv, iv->hist[iv->nhist].name);
			else (void)answers_forget(iv->ans, iv->hist[iv->nhist].name);
			rc = reevaluate(iv, NULL, &undone);
			continue;
		}
		struct assess_error err;
		const char *value = any_word(s, w_decline, sizeof w_decline / sizeof w_decline[0])
		                    ? ASSESS_DECLINED : s;
		enum assess_err e = answers_set_text(iv->ans, name, value, lang, &err);
		if (e == ASSESS_ENOMEM) return assess_failed(e, &err, lang);
		if (e != ASSESS_OK) {
			/* Never the answer itself: what is expected is repeated by ask(). */
			say(TR(lang, "That answer does not fit this question."));
			say("\n");
			continue;
		}
		rc = reevaluate(iv, name, &undone);
		if (rc == 0 && !undone) remember(iv, name, STEP_ANSWER);
	}
	return rc;
}

static int run_interview(const struct assess *a, struct answers *ans, struct assessment *x,
                         int32_t as_of, enum lang lang)
{
	struct interview iv;
	memset(&iv, 0, sizeof iv);
	iv.a = a;
	iv.ans = ans;
	iv.x = x;
	iv.as_of = as_of;
	iv.lang = lang;
	iv.cap = rules_fact_count(assess_continuum(a)) + rules_fact_count(assess_federal(a)) + 1;
	iv.skipped = calloc(iv.cap, sizeof *iv.skipped);
	if (!iv.skipped) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	int rc = interview(&iv);
	free(iv.skipped);
	return rc;
}

/* ---- the command ---- */

struct run {
	struct ruleset *cont, *fed;
	struct assess *a;
	struct answers *ans;
	struct assessment *x;
	char *text;
};

static void run_free(struct run *r)
{
	assessment_free(r->x);
	answers_free(r->ans);
	assess_free(r->a);
	rules_free(r->cont);
	rules_free(r->fed);
	free(r->text);
}

struct args {
	const char *answers, *as_of, *lang, *format, *rules, *continuum, *save;
	bool interactive, json;
};

static int evaluate(struct run *r, const struct args *o, enum lang lang)
{
	int32_t as_of = date_today();
	if (o->as_of) {
		int rc = cli_parse_as_of(o->as_of, lang, &as_of);
		if (rc) return rc;
	}
	int rc = cli_load_ruleset(o->rules, embedded_federal, embedded_federal_count, lang, &r->fed);
	if (rc) return rc;
	rc = cli_load_ruleset(o->continuum, embedded_continuum, embedded_continuum_count, lang, &r->cont);
	if (rc) return rc;
	int32_t from = rules_covers_from(r->cont);
	if (rules_covers_from(r->fed) > from) from = rules_covers_from(r->fed);
	if (as_of < from) {
		char iso[DATE_ISO_LEN + 1];
		date_format_iso(from, iso);
		cli_error(lang, TR(lang, "--as-of is before %s, the first day the rule set is written for"), iso);
		return CLI_EXIT_USAGE;
	}
	char why[256];
	enum assess_err e = assess_new(r->cont, r->fed, &r->a, why, sizeof why);
	if (e == ASSESS_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	if (e != ASSESS_OK) {
		cli_error(lang, TR(lang, "the rule sets cannot be used together: %s"), why);
		return o->rules || o->continuum ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
	}
	r->ans = answers_new(r->a);
	r->x = assessment_new(r->a);
	if (!r->ans || !r->x) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	struct assess_error err;
	if (o->answers) {
		size_t len = 0;
		/* The library refuses anything over its cap: one byte more is enough to tell. */
		rc = cli_read_doc(o->answers, CLI_DOC_ANSWERS, ASSESS_MAX_JSON, lang, &r->text, &len);
		if (rc) return rc;
		e = answers_parse_json(r->ans, r->text, len, lang, &err);
		if (e != ASSESS_OK) return assess_failed(e, &err, lang);
	}
	if (o->interactive) {
		rc = run_interview(r->a, r->ans, r->x, as_of, lang);
		if (rc) return rc;
		say("\n");
	}
	e = assess_run(r->a, r->ans, as_of, r->x, &err);
	if (e != ASSESS_OK) return assess_failed(e, &err, lang);
	rc = write_out(r->x, o->json, lang);
	if (rc == 0 && o->save) {
		rc = save_answers(r->ans, o->save, lang);
		if (rc == 0) {
			say("\n");
			say(TR(lang, "The answers were saved in the file given with --save."));
			say("\n");
		}
	}
	return rc;
}

int cli_assess(int argc, char **argv, enum lang lang)
{
	struct args o;
	memset(&o, 0, sizeof o);
	const struct cli_opt opts[] = {
		{ "--answers", true, &o.answers, NULL },
		{ "--as-of", true, &o.as_of, NULL },
		{ "--lang", true, &o.lang, NULL },        /* already applied by main */
		{ "--format", true, &o.format, NULL },
		{ "--rules", true, &o.rules, NULL },
		{ "--continuum", true, &o.continuum, NULL },
		{ "--save", true, &o.save, NULL },
		{ "--interactive", false, NULL, &o.interactive },
	};
	const char *pos[1];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
	                        pos, 0, &npos, &help, "assess", lang);
	if (rc) return rc;
	if (help) {
		cli_help_assess(lang);
		return CLI_EXIT_OK;
	}
	if (!o.answers && !o.interactive)
		return cli_usage_error(lang, "assess", "%s",
		    TR(lang, "--answers or --interactive is required"));
	int frc = cli_parse_format(o.format, "assess", lang, &o.json);
	if (frc)
		return frc;
	if (o.save && !o.interactive)
		return cli_usage_error(lang, "assess", "%s", TR(lang, "--save works only with --interactive"));
	if (o.interactive && o.answers && strcmp(o.answers, "-") == 0)
		return cli_usage_error(lang, "assess", "%s",
		    TR(lang, "--interactive reads the answers typed on standard input, so --answers cannot be -"));
	if (o.interactive && o.json)
		return cli_usage_error(lang, "assess", "%s",
		    TR(lang, "--interactive writes text; for JSON, save the answers with --save and run again with --answers"));

	struct run r;
	memset(&r, 0, sizeof r);
	rc = evaluate(&r, &o, lang);
	run_free(&r);
	return rc;
}
