/*
** cmd_train.c — `safepath train`: the training mode. Presents made-up scenarios,
** asks the trainee for the level on the continuum and the remedies, and answers
** with the engine's live assessment, its reasons and citations, and a debrief.
**
** Input is read from standard input one line at a time, so a session can be
** driven through a pipe. A line "q" stops; so does the end of the input. The
** scenarios are the embedded data/training/ set, or the *.json files of
** --scenarios DIR (a folder of training material: its file names may be shown).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../train/train.h"
#include "cli.h"

void cli_help_train(enum lang lang)
{
	fputs(TR(lang,
	    "Usage: safepath train [--lang en|fr] [--scenario ID] [--list] [--scenarios DIR]\n"
	    "\n"
	    "Training mode. Each scenario is a made-up case, told as a worker might hear it.\n"
	    "For each, choose where it falls on the continuum of exploitation (from no\n"
	    "violation to signs of trafficking) and which remedies are open; safepath then\n"
	    "assesses the case live and shows whether you were right, the level with its\n"
	    "reasons and the law cited, the remedies with their deadlines, the immigration\n"
	    "pathways for a non-citizen, and points for discussion.\n"
	    "\n"
	    "Answers are read from standard input, one line each: a number for the level,\n"
	    "numbers separated by spaces for the remedies (0 for none). Type q to stop.\n"
	    "\n"
	    "Options:\n"
	    "  --list            List the scenarios (id and title) and stop.\n"
	    "  --scenario ID     Only this scenario. Without it, the scenarios follow one\n"
	    "                    another until q or the end of the input.\n"
	    "  --scenarios DIR   Use the scenario files (*.json) in DIR instead of the\n"
	    "                    built-in ones (see data/training/README.md).\n"
	    "  --lang en|fr      Language of the scenarios, questions and feedback.\n"
	    "  --help            Show this help.\n"
	    "\n"
	    "Exit status: 0 done; 2 bad usage, an unknown scenario, or scenario files that\n"
	    "do not load; 1 internal error.\n"
	    "\n"
	    "Example:\n"
	    "  safepath train --scenario guatemalan-farm-workers --lang fr\n"
	    "\n"
	    "The scenarios are fictional. This is legal information, not legal advice.\n"), stdout);
}

/* ---- input ---- */

enum line_kind { LINE_OK, LINE_QUIT, LINE_END };

/* One line of at most TRAIN_MAX_LINE - 1 bytes; the rest of a longer line is
** dropped and the line reads as empty text that no question accepts. */
static enum line_kind read_line(char *line, size_t cap)
{
	int got = cli_read_line(line, cap);
	if (got == 0)
		return LINE_END;
	if (got < 0) {
		line[0] = '?';   /* too long: asked again; cap >= 2 */
		line[1] = '\0';
		return LINE_OK;
	}
	const char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	if ((s[0] == 'q' || s[0] == 'Q') && (s[1] == '\0' || s[1] == ' ' || s[1] == '\t'))
		return LINE_QUIT;
	return LINE_OK;
}

static int flush_buf(struct buf *b, enum lang lang)
{
	int rc = cli_write_buf(b, false, lang);
	buf_reset(b);
	return rc;
}

/* ---- a session ---- */

struct session {
	enum lang lang;
	bool from_dir;
	struct train_set *set;
	struct ruleset *cont, *fed;
	struct assess *a;
	struct answers *ans;
	struct assessment *x;
	struct train_result r;
	struct buf out;
	size_t done, right;
};

static void session_free(struct session *z)
{
	train_result_free(&z->r);
	buf_free(&z->out);
	assessment_free(z->x);
	answers_free(z->ans);
	assess_free(z->a);
	rules_free(z->fed);
	rules_free(z->cont);
	train_free(z->set);
}

static int train_failed(const struct train_error *err, enum train_err e, bool from_dir,
                        enum lang lang)
{
	if (e == TRAIN_ENOMEM) {
		cli_error(lang, "%s", TR(lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	if (err->line > 0)
		cli_error(lang, TR(lang, "scenario %s, line %d, column %d: %s"), err->file,
		          err->line, err->col, err->msg);
	else if (err->file[0])
		cli_error(lang, TR(lang, "scenario %s: %s"), err->file, err->msg);
	else
		cli_error(lang, TR(lang, "scenarios: %s"), err->msg);
	if (!from_dir) {
		cli_error(lang, "%s", TR(lang, "the built-in scenarios do not load; this is a bug in safepath"));
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_USAGE;
}

static int load_engine(struct session *z)
{
	int rc = cli_load_ruleset(NULL, embedded_continuum, embedded_continuum_count, z->lang, &z->cont);
	if (rc)
		return rc;
	rc = cli_load_rules(NULL, z->lang, &z->fed);
	if (rc)
		return rc;
	char why[512];
	enum assess_err e = assess_new(z->cont, z->fed, &z->a, why, sizeof why);
	if (e != ASSESS_OK) {
		if (e == ASSESS_ENOMEM)
			cli_error(z->lang, "%s", TR(z->lang, "not enough memory"));
		else
			cli_error(z->lang, TR(z->lang, "the built-in rule sets do not fit together for training: %s"), why);
		return CLI_EXIT_FAIL;
	}
	z->ans = answers_new(z->a);
	z->x = assessment_new(z->a);
	if (!z->ans || !z->x) {
		cli_error(z->lang, "%s", TR(z->lang, "not enough memory"));
		return CLI_EXIT_FAIL;
	}
	return 0;
}

/* Asks until the line is a level, q, or the input ends. */
static enum line_kind ask_level(struct session *z, enum assess_level *level, int *rc)
{
	char line[TRAIN_MAX_LINE];
	train_write_level_choices(z->a, z->lang, &z->out);
	for (;;) {
		if ((*rc = flush_buf(&z->out, z->lang)) != 0)
			return LINE_END;
		enum line_kind k = read_line(line, sizeof line);
		if (k != LINE_OK)
			return k;
		if (train_parse_level(line, level) == 0)
			return LINE_OK;
		buf_printf(&z->out, TR(z->lang, "Please type a number from 1 to %d, or q to stop: "),
		           ASSESS_NLEVELS);
	}
}

static enum line_kind ask_remedies(struct session *z, bool *chosen, size_t n, int *rc)
{
	char line[TRAIN_MAX_LINE];
	train_write_remedy_choices(z->a, z->lang, &z->out);
	for (;;) {
		if ((*rc = flush_buf(&z->out, z->lang)) != 0)
			return LINE_END;
		enum line_kind k = read_line(line, sizeof line);
		if (k != LINE_OK)
			return k;
		if (train_parse_remedies(line, n, chosen) == 0)
			return LINE_OK;
		buf_printf(&z->out, TR(z->lang, "Please type numbers from 1 to %zu separated by spaces, 0 for none, or q to stop: "),
		           n);
	}
}

/* One scenario: story, two questions, feedback. LINE_OK to go on. */
static enum line_kind play(struct session *z, const struct scenario *s, size_t i, size_t total,
                           int *rc)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	bool chosen[TRAIN_MAX_FAMILIES];
	size_t nf = train_families(z->a, ids, TRAIN_MAX_FAMILIES);
	enum assess_level level = LEVEL_NONE;

	train_write_story(z->a, s, i, total, z->lang, &z->out);
	enum line_kind k = ask_level(z, &level, rc);
	if (k != LINE_OK)
		return k;
	buf_putc(&z->out, '\n');
	k = ask_remedies(z, chosen, nf, rc);
	if (k != LINE_OK)
		return k;

	struct train_error err;
	enum train_err e = train_run(z->a, s, z->lang, z->ans, z->x, &z->r, &err);
	if (e != TRAIN_OK) {
		*rc = train_failed(&err, e, z->from_dir, z->lang);
		return LINE_END;
	}
	int fb = train_write_feedback(z->a, s, &z->r, level, chosen, nf, z->lang, &z->out);
	z->done++;
	z->right += fb == 1;
	struct buf why;
	buf_init(&why, 8192);
	if (train_compare(s, &z->r, &why) > 0)
		cli_error(z->lang, "%s", TR(z->lang, "note for trainers: this scenario's answer key differs from the assessment shown; please report it"));
	buf_free(&why);
	if ((*rc = flush_buf(&z->out, z->lang)) != 0)
		return LINE_END;
	return LINE_OK;
}

static int run_session(struct session *z, const struct scenario *only)
{
	size_t total = only ? 1 : train_count(z->set);
	int rc = 0;
	for (size_t i = 0; i < total; i++) {
		const struct scenario *s = only ? only : train_get(z->set, i);
		enum line_kind k = play(z, s, i, total, &rc);
		if (rc)
			return rc;
		if (k != LINE_OK)
			break;
		if (i + 1 < total) {
			char line[TRAIN_MAX_LINE];
			buf_puts(&z->out, TR(z->lang, "\nPress Enter for the next scenario, or q to stop: "));
			if ((rc = flush_buf(&z->out, z->lang)) != 0)
				return rc;
			if (read_line(line, sizeof line) != LINE_OK)
				break;
		}
	}
	buf_printf(&z->out, TR(z->lang, "\nScenarios answered: %zu; both answers right: %zu.\n"),
	           z->done, z->right);
	return flush_buf(&z->out, z->lang);
}

static int list(const struct train_set *set, enum lang lang)
{
	struct buf out;
	buf_init(&out, CLI_OUT_MAX);
	for (size_t i = 0; i < train_count(set); i++) {
		const struct scenario *s = train_get(set, i);
		char day[DATE_ISO_LEN + 1];
		date_format_iso(s->as_of, day);
		buf_printf(&out, "%-34s %s  %s\n", s->id, day, s->title[lang]);
	}
	int rc = flush_buf(&out, lang);
	buf_free(&out);
	return rc;
}

int cli_train(int argc, char **argv, enum lang lang)
{
	const char *lang_arg, *scenario_id, *dir;
	bool list_flag = false;
	const struct cli_opt opts[] = {
		{ "--lang", true, &lang_arg, NULL },      /* already applied by main */
		{ "--scenario", true, &scenario_id, NULL },
		{ "--scenarios", true, &dir, NULL },
		{ "--list", false, NULL, &list_flag },
	};
	const char *pos[1];
	size_t npos;
	bool help;
	int rc = cli_parse_opts(argc, argv, opts, sizeof opts / sizeof opts[0],
	                        pos, 0, &npos, &help, "train", lang);
	if (rc)
		return rc;
	if (help) {
		cli_help_train(lang);
		return CLI_EXIT_OK;
	}

	struct session z;
	memset(&z, 0, sizeof z);
	z.lang = lang;
	z.from_dir = dir != NULL;
	train_result_init(&z.r);
	buf_init(&z.out, CLI_OUT_MAX);

	struct train_error err;
	enum train_err e = dir ? train_load_dir(dir, lang, &z.set, &err)
	                       : train_load(embedded_training, embedded_training_count, lang, &z.set, &err);
	if (e != TRAIN_OK) {
		rc = train_failed(&err, e, z.from_dir, lang);
		goto out;
	}
	if (train_count(z.set) == 0) {
		cli_error(lang, "%s", TR(lang, "there are no scenarios to train with"));
		rc = z.from_dir ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
		goto out;
	}
	if (list_flag) {
		rc = list(z.set, lang);
		goto out;
	}
	const struct scenario *only = NULL;
	if (scenario_id && !(only = train_find(z.set, scenario_id))) {
		/* The id typed is not repeated, as with every value given. */
		rc = cli_usage_error(lang, "train", "%s",
		    TR(lang, "no scenario has this id; 'safepath train --list' shows them"));
		goto out;
	}
	if ((rc = load_engine(&z)) != 0)
		goto out;
	/* Every scenario of the session fits the rule sets before the first question. */
	for (size_t i = 0; i < train_count(z.set); i++) {
		const struct scenario *s = only ? only : train_get(z.set, i);
		e = train_validate(z.a, s, lang, z.ans, &err);
		if (e != TRAIN_OK) {
			rc = train_failed(&err, e, z.from_dir, lang);
			goto out;
		}
		if (only)
			break;
	}
	rc = run_session(&z, only);
out:
	session_free(&z);
	return rc;
}
