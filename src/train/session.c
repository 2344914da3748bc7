/*
** session.c — the training session's text: the story and the numbered choices,
** reading what a trainee typed, and the feedback (see train.h). The feedback is
** built from the live assessment (its JSON, parsed back), never from the
** scenario's answer key: the key is only compared with it.
*/
#include "trainInt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "../base/json.h"

#define WRAP 78   /* columns of text, counted in characters */

/* ---- plain text ---- */

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Appends text wrapped at WRAP columns: the first line starts with first, the
** others with rest (a hanging indent); the text's own newlines start new
** paragraphs, indented like the first line. A word longer than a line (an
** address) is not broken. */
static void wrap(struct buf *b, const char *text, const char *first, const char *rest)
{
	size_t ind1 = utf8_chars(first, strlen(first)), ind2 = utf8_chars(rest, strlen(rest));
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		size_t ind = ind1, col = 0;
		bool glue_next = false;
		buf_puts(b, first);
		const char *w = p;
		while (w < end) {
			while (w < end && *w == ' ')
				w++;
			const char *we = w;
			while (we < end && *we != ' ')
				we++;
			if (we == w)
				break;
			size_t wl = utf8_chars(w, (size_t)(we - w));
			/* French puts a space before : ; ! ? and inside « »: never break there. */
			bool glue = glue_next || *w == ':' || *w == ';' || *w == '!' || *w == '?' ||
			            strncmp(w, "\xc2\xbb", 2) == 0;
			glue_next = we - w == 2 && strncmp(w, "\xc2\xab", 2) == 0;
			if (col > 0 && !glue && ind + col + 1 + wl > WRAP) {
				buf_putc(b, '\n');
				buf_puts(b, rest);
				ind = ind2;
				col = 0;
			} else if (col > 0) {
				buf_putc(b, ' ');
				col++;
			}
			buf_append(b, w, (size_t)(we - w));
			col += wl;
			w = we;
		}
		buf_putc(b, '\n');
		p = nl ? nl + 1 : end;
	}
}

static void put_wrapped(struct buf *b, const char *text, const char *indent)
{
	wrap(b, text, indent, indent);
}

/* wrap() on a formatted text. */
__attribute__((format(printf, 4, 5)))
static void wrapf(struct buf *b, const char *first, const char *rest, const char *fmt, ...)
{
	struct buf t;
	va_list ap;
	buf_init(&t, 1u << 16);
	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	if (t.err != BUF_OK)
		b->err = t.err;
	else
		wrap(b, buf_str(&t), first, rest);
	buf_free(&t);
}

/* "  N  label", the label wrapped under itself. */
static void put_choice(struct buf *b, size_t n, const char *label)
{
	char first[32];   /* n < TRAIN_MAX_FAMILIES: a few digits */
	snprintf(first, sizeof first, "  %zu%s", n, n < 10 ? "  " : " ");
	wrap(b, label, first, "     ");
}

static void put_day(struct buf *b, int32_t day, enum lang lang)
{
	char s[DATE_LONG_MAX];
	if (date_format_long(day, (int)lang, s, sizeof s) > 0)
		buf_puts(b, s);
}

static const char *str_member(const struct json_value *o, const char *key)
{
	const struct json_value *v = json_get(o, key);
	return v && v->type == JSON_STRING ? v->text : NULL;
}

/* ---- what a trainee types ---- */

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return s;
}

/* A whole number of at most 4 digits at *s; advances *s. -1 if none. */
static int read_number(const char **s)
{
	int v = 0, nd = 0;
	while (**s >= '0' && **s <= '9') {
		if (++nd > 4)
			return -1;
		v = v * 10 + (**s - '0');
		(*s)++;
	}
	return nd ? v : -1;
}

int train_parse_level(const char *line, enum assess_level *out)
{
	char word[TRAIN_MAX_LINE];
	const char *s = skip_space(line);
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\r' && s[n] != '\n' && n + 1 < sizeof word) {
		char c = s[n];
		word[n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		n++;
	}
	word[n] = '\0';
	if (n == 0 || *skip_space(s + n) != '\0')
		return -1;
	const char *d = word;
	int v = read_number(&d);
	if (v >= 1 && v <= ASSESS_NLEVELS && *d == '\0') {
		*out = (enum assess_level)(v - 1);
		return 0;
	}
	return train_level_parse(word, out);
}

int train_parse_remedies(const char *line, size_t n, bool *chosen)
{
	for (size_t i = 0; i < n; i++)
		chosen[i] = false;
	const char *s = skip_space(line);
	if (*s == '\0' || ((*s == '0' || *s == '-') && *skip_space(s + 1) == '\0'))
		return 0;
	while (*s) {
		int v = read_number(&s);
		if (v < 1 || (size_t)v > n)
			return -1;
		chosen[v - 1] = true;
		if (*s && *s != ' ' && *s != ',' && *s != '\t' && *s != '\r' && *s != '\n')
			return -1;
		while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
	}
	return 0;
}

/* ---- the questions ---- */

int train_write_story(const struct assess *a, const struct scenario *s, size_t index,
                      size_t total, enum lang lang, struct buf *out)
{
	(void)a;
	buf_putc(out, '\n');
	wrapf(out, "", "   ", TR(lang, "== Scenario %zu of %zu: %s"), index + 1, total, s->title[lang]);
	buf_puts(out, TR(lang, "The situation as it stands on "));
	put_day(out, s->as_of, lang);
	buf_puts(out, "\n\n");
	put_wrapped(out, s->story[lang], "  ");
	buf_putc(out, '\n');
	return out->err == BUF_OK ? 0 : -1;
}

int train_write_level_choices(const struct assess *a, enum lang lang, struct buf *out)
{
	buf_puts(out, TR(lang, "Where does this situation fall on the continuum of exploitation?\n"));
	for (int l = 0; l < ASSESS_NLEVELS; l++)
		put_choice(out, (size_t)l + 1, assess_level_label(a, (enum assess_level)l, lang));
	buf_printf(out, TR(lang, "Your answer (1-%d, or q to stop): "), ASSESS_NLEVELS);
	return out->err == BUF_OK ? 0 : -1;
}

int train_write_remedy_choices(const struct assess *a, enum lang lang, struct buf *out)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	size_t n = train_families(a, ids, TRAIN_MAX_FAMILIES);
	buf_puts(out, TR(lang, "Which remedies does the law open to this person here? Type every number that\n"
	                       "applies, separated by spaces (for example: 1 3 4), or 0 for none.\n"));
	for (size_t i = 0; i < n; i++)
		put_choice(out, i + 1, train_family_label(a, ids[i], lang));
	buf_puts(out, TR(lang, "Your answer (or q to stop): "));
	return out->err == BUF_OK ? 0 : -1;
}

/* ---- the feedback ---- */

static void feedback_level(const struct assess *a, const struct train_result *r,
                           enum assess_level chosen, enum lang lang, struct buf *out)
{
	const char *got = assess_level_label(a, r->level, lang);
	if (chosen == r->level)
		wrapf(out, "", "  ", TR(lang, "Level: right. The engine also places this case at: %s."), got);
	else
		wrapf(out, "", "  ", TR(lang, "Level: not quite. You chose \"%s\"; the engine places this case at: %s."),
		      assess_level_label(a, chosen, lang), got);
}

/* One line per family: right, missed, not open here, or still possible (a
** family whose status depends on answers not given, graded neither way).
** Returns whether all were right. */
static bool feedback_remedies(const struct assess *a, const struct train_result *r,
                              const bool *chosen, size_t nchosen, enum lang lang,
                              struct buf *out)
{
	const char *ids[TRAIN_MAX_FAMILIES];
	size_t n = train_families(a, ids, TRAIN_MAX_FAMILIES);
	bool all = true;
	struct buf lines;
	buf_init(&lines, 16384);
	for (size_t i = 0; i < n; i++) {
		bool listed = false, possible = false;
		for (size_t k = 0; k < r->nremedies; k++)
			listed |= strcmp(r->remedies[k], ids[i]) == 0;
		for (size_t k = 0; k < r->npossible; k++)
			possible |= strcmp(r->possible[k], ids[i]) == 0;
		bool picked = i < nchosen && chosen[i];
		const char *mark;
		if (possible)
			mark = TR(lang, "may be open: it depends on answers not given");
		else if (listed && picked)
			mark = TR(lang, "right: the engine lists it too");
		else if (listed)
			mark = TR(lang, "missed: the engine lists it");
		else if (picked)
			mark = TR(lang, "not open here: the engine does not list it");
		else
			continue;
		if (!possible)
			all &= listed == picked;
		put_choice(&lines, i + 1, train_family_label(a, ids[i], lang));
		wrapf(&lines, "     -> ", "        ", "%s", mark);
	}
	if (all && r->nremedies == 0)
		buf_puts(out, TR(lang, "Remedies: right. The engine lists none as open for this case.\n"));
	else if (all)
		buf_puts(out, TR(lang, "Remedies: right.\n"));
	else
		buf_puts(out, TR(lang, "Remedies: not quite.\n"));
	buf_append(out, buf_str(&lines), lines.len);
	if (lines.err != BUF_OK)
		out->err = lines.err;
	buf_free(&lines);
	return all;
}

static void put_cite(struct buf *out, const char *cite, bool unverified, enum lang lang)
{
	if (!cite || !*cite)
		return;
	wrapf(out, "    [", "     ", "%s]%s", cite,
	      unverified ? TR(lang, " (marked unverified: a source was not confirmed)") : "");
}

static bool bool_member(const struct json_value *o, const char *key)
{
	const struct json_value *v = json_get(o, key);
	return v && v->type == JSON_BOOL && v->b;
}

static void engine_level(const struct assess *a, const struct train_result *r,
                         const struct json_value *root, enum lang lang, struct buf *out)
{
	wrapf(out, "", "  ", TR(lang, "Level found by the engine: %s"), assess_level_label(a, r->level, lang));
	const struct json_value *rs = json_get(root, "level_reasons");
	if (r->level == LEVEL_NONE || !rs || rs->type != JSON_ARRAY || rs->n == 0) {
		buf_puts(out, TR(lang, "  No answer given places this case on the continuum.\n"));
	} else {
		buf_puts(out, TR(lang, "Why the engine places it there:\n"));
		for (size_t i = 0; i < rs->n; i++) {
			const char *text = str_member(rs->items[i], "text");
			if (text && *text)
				wrap(out, text, "  - ", "    ");
			put_cite(out, str_member(rs->items[i], "cite"), bool_member(rs->items[i], "unverified"),
			         lang);
		}
	}
	if (r->may_rise)
		put_wrapped(out, TR(lang, "Some answers are unknown or were declined: the case could be at a higher level if they were known."), "  ");
}

static void engine_remedies(const struct scenario *s, const struct json_value *root,
                            enum lang lang, struct buf *out)
{
	const struct json_value *rm = json_get(root, "remedies");
	if (!rm || rm->type != JSON_ARRAY || rm->n == 0) {
		buf_puts(out, TR(lang, "Remedies: none listed for this case.\n"));
		return;
	}
	buf_puts(out, TR(lang, "Remedies the engine lists:\n"));
	for (size_t i = 0; i < rm->n; i++) {
		const struct json_value *it = rm->items[i];
		const char *body = str_member(it, "body");
		const char *fam = str_member(it, "id");
		const char *st = str_member(it, "status");
		wrap(out, body ? body : fam ? fam : "?", "  * ", "    ");
		if (!st || strcmp(st, "available") != 0)
			buf_puts(out, TR(lang, "    May be open: it depends on answers not given.\n"));
		const char *text = str_member(it, "text");
		if (text && *text)
			put_wrapped(out, text, "    ");
		put_cite(out, str_member(it, "cite"), bool_member(it, "unverified"), lang);
		const char *dl = str_member(it, "deadline");
		int32_t day;
		if (dl && date_parse(dl, strlen(dl), &day) == DATE_OK) {
			buf_puts(out, TR(lang, "    Deadline: "));
			put_day(out, day, lang);
			if (day < s->as_of)
				buf_puts(out, TR(lang, " (already passed on the scenario's date)"));
			buf_putc(out, '\n');
			const char *dt = str_member(it, "deadline_text");
			if (dt && *dt)
				put_wrapped(out, dt, "    ");
			put_cite(out, str_member(it, "deadline_cite"), false, lang);
		} else {
			buf_puts(out, TR(lang, "    Deadline: none computed (no time limit known, or a date is missing)\n"));
		}
	}
}

static void engine_pathways(const struct assess *a, const struct train_result *r,
                            const struct json_value *root, enum lang lang, struct buf *out)
{
	if (!r->has_pathways)
		return;
	const struct json_value *p = json_get(root, "pathways");
	const struct json_value *av = p ? json_get(p, "avenues") : NULL;
	if (!av || av->type != JSON_ARRAY)
		return;
	const struct ruleset *fed = assess_federal(a);
	put_wrapped(out, TR(lang, "Immigration protection pathways (the person is not a citizen or permanent resident):"), "");
	for (size_t i = 0; i < av->n; i++) {
		const char *id = str_member(av->items[i], "id");
		const char *st = str_member(av->items[i], "status");
		int t = id ? rules_target_index(fed, id) : -1;
		if (t < 0 || !st)
			continue;
		wrap(out, rules_target_name(fed, t, lang), "  * ", "    ");
		struct buf line;
		buf_init(&line, 4096);
		if (strcmp(st, "available") == 0)
			buf_puts(&line, TR(lang, "open now"));
		else if (strcmp(st, "barred") == 0)
			buf_puts(&line, TR(lang, "barred for now"));
		else if (strcmp(st, "ineligible") == 0)
			buf_puts(&line, TR(lang, "closed: a legal ineligibility"));
		else if (strcmp(st, "not_applicable") == 0)
			buf_puts(&line, TR(lang, "does not apply to this person"));
		else
			buf_puts(&line, TR(lang, "unknown: depends on answers not given"));
		const char *until = str_member(av->items[i], "until");
		int32_t day;
		if (until && date_parse(until, strlen(until), &day) == DATE_OK) {
			buf_puts(&line, TR(lang, "; the bar lasts until "));
			put_day(&line, day, lang);
		}
		if (line.err != BUF_OK)
			out->err = line.err;
		else
			wrap(out, buf_str(&line), "    ", "    ");
		buf_free(&line);
	}
}

int train_write_feedback(const struct assess *a, const struct scenario *s,
                         const struct train_result *r, enum assess_level level_chosen,
                         const bool *chosen, size_t nchosen, enum lang lang, struct buf *out)
{
	buf_puts(out, TR(lang, "\n-- Your answers\n"));
	feedback_level(a, r, level_chosen, lang, out);
	bool rem_ok = feedback_remedies(a, r, chosen, nchosen, lang, out);

	buf_puts(out, TR(lang, "\n-- The assessment, as of "));
	put_day(out, s->as_of, lang);
	buf_putc(out, '\n');
	struct json_doc *doc = json_parse(buf_str(&r->json), r->json.len, NULL, NULL);
	if (!doc) {
		buf_puts(out, TR(lang, "(the assessment's details could not be read back)\n"));
	} else {
		const struct json_value *root = json_root(doc);
		engine_level(a, r, root, lang, out);
		engine_remedies(s, root, lang, out);
		engine_pathways(a, r, root, lang, out);
		json_free(doc);
	}

	buf_puts(out, TR(lang, "\n-- Debrief\n"));
	put_wrapped(out, s->debrief[lang], "  ");
	buf_puts(out, TR(lang, "\nThis is legal information for training, not legal advice.\n"));
	if (out->err != BUF_OK)
		return -1;
	return level_chosen == r->level && rem_ok ? 1 : 0;
}

/* ---- remedy families ---- */

struct family_label {
	const char *id, *label;
};

static const struct family_label family_labels[] = {
	{ "employment_standards", N_("Employment standards complaint (pay, deductions, overtime, hours)") },
	{ "human_rights", N_("Human rights complaint (discrimination, harassment)") },
	{ "unjust_dismissal", N_("Complaint about a dismissal without good cause") },
	{ "psychological_harassment", N_("Complaint about psychological harassment at work") },
	{ "provincial_data_missing", N_("The province's or territory's labour and human rights offices (not researched by safepath)") },
	{ "criminal_code", N_("Report to the police: trafficking in persons (Criminal Code)") },
	{ "irpa_118", N_("Report to the police: trafficking into Canada (IRPA s. 118)") },
	{ "hotline", N_("Canadian Human Trafficking Hotline") },
};

const char *train_family_known(int k)
{
	if (k < 0 || (size_t)k >= sizeof family_labels / sizeof family_labels[0])
		return NULL;
	return family_labels[k].id;
}

const char *train_family_label(const struct assess *a, const char *family, enum lang lang)
{
	for (size_t i = 0; i < sizeof family_labels / sizeof family_labels[0]; i++)
		if (strcmp(family_labels[i].id, family) == 0)
			return TR(lang, family_labels[i].label);
	const struct ruleset *rs = assess_continuum(a);
	int nt = rules_target_count(rs);
	for (int t = 0; t < nt; t++) {
		const char *f = rules_target_remedy(rs, t);
		if (f && strcmp(f, family) == 0)
			return rules_target_name(rs, t, lang);
	}
	return family;
}
