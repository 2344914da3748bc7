/*
** train.c — scenario files: loading and checking them into struct scenario (see
** train.h). Running them through the assessment engine is in engine.c; the
** session's input parsing and feedback are in session.c.
*/
#include "trainInt.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/arena.h"
#include "../base/date.h"
#include "../base/json.h"

#define TRAIN_ARENA_MAX (8u << 20)
#define TRAIN_MAX_PATH 4096
#define TRAIN_MAX_JSON_DEPTH 4       /* root, answers/expect, pathways, value */
#define TRAIN_MAX_MEMBERS 128
#define TRAIN_MAX_ANSWERS 96         /* answers in one scenario */

struct train_set {
	struct arena *arena;
	size_t n;
	struct scenario *items[TRAIN_MAX_SCENARIOS];
};

void train_seterr(struct train_error *err, const char *file, int line, int col,
                  const char *fmt, ...)
{
	va_list ap;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/* ---- the set ---- */

static struct train_set *set_new(void)
{
	struct train_set *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->arena = arena_new(TRAIN_ARENA_MAX);
	if (!set->arena) {
		free(set);
		return NULL;
	}
	return set;
}

void train_free(struct train_set *set)
{
	if (!set)
		return;
	arena_free(set->arena);
	free(set);
}

size_t train_count(const struct train_set *set)
{
	return set ? set->n : 0;
}

const struct scenario *train_get(const struct train_set *set, size_t i)
{
	return set && i < set->n ? set->items[i] : NULL;
}

const struct scenario *train_find(const struct train_set *set, const char *id)
{
	for (size_t i = 0; set && id && i < set->n; i++)
		if (strcmp(set->items[i]->id, id) == 0)
			return set->items[i];
	return NULL;
}

int train_level_parse(const char *name, enum assess_level *out)
{
	for (int l = 0; l < ASSESS_NLEVELS; l++)
		if (name && strcmp(name, assess_level_name((enum assess_level)l)) == 0) {
			*out = (enum assess_level)l;
			return 0;
		}
	return -1;
}

/* ---- checks on single values ---- */

/* Lower-case letters, digits, '_' (and '-' when dash): the shape of ids in
** scenario and rule files. */
static bool valid_id(const char *s, size_t len, bool dash)
{
	if (len == 0 || len > TRAIN_MAX_ID)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		          (dash && c == '-' && i > 0 && i + 1 < len);
		if (!ok)
			return false;
	}
	return true;
}

/* Text for people: not empty, no NUL and no control characters but newlines
** (the JSON parser has already refused invalid UTF-8). */
static bool valid_text(const struct json_value *v, size_t max)
{
	if (!v || v->type != JSON_STRING || v->len == 0 || v->len > max)
		return false;
	bool blank = true;
	for (size_t i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)v->text[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			return false;
		if (c != ' ' && c != '\n')
			blank = false;
	}
	return !blank;
}

/* The base name of a scenario file must be ID.json or NN-ID.json. */
static bool name_matches(const char *base, const char *id)
{
	size_t n = strlen(base), idl = strlen(id);
	if (n < 5 || strcmp(base + n - 5, ".json") != 0)
		return false;
	n -= 5;
	size_t p = 0;
	while (p < n && base[p] >= '0' && base[p] <= '9')
		p++;
	if (p > 0) {
		if (p >= n || base[p] != '-')
			return false;
		p++;
	}
	return n - p == idl && memcmp(base + p, id, idl) == 0;
}

/* ---- one scenario file ---- */

struct ctx {
	struct train_set *set;
	const char *file;        /* base name, for messages */
	enum lang lang;
	struct train_error *err;
};

static enum train_err bad(struct ctx *c, const struct json_value *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum train_err bad(struct ctx *c, const struct json_value *at, const char *fmt, ...)
{
	va_list ap;
	snprintf(c->err->file, sizeof c->err->file, "%s", c->file);
	c->err->line = at ? at->line : 0;
	c->err->col = at ? at->col : 0;
	va_start(ap, fmt);
	vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
	va_end(ap);
	return TRAIN_EFORMAT;
}

static char *keep(struct ctx *c, const struct json_value *v)
{
	return arena_strndup(c->set->arena, v->text, v->len);
}

/* {"en": "...", "fr": "..."}, both present and valid, nothing else. */
static enum train_err bilingual(struct ctx *c, const struct json_value *root, const char *key,
                                size_t max, const char *out[2])
{
	const struct json_value *v = json_get(root, key);
	if (!v)
		return bad(c, root, TR(c->lang, "%s: missing (an object with \"en\" and \"fr\")"), key);
	if (v->type != JSON_OBJECT)
		return bad(c, v, TR(c->lang, "%s: must be an object with \"en\" and \"fr\""), key);
	for (size_t i = 0; i < v->n; i++) {
		const char *k = v->members[i].key;
		if (strcmp(k, "en") != 0 && strcmp(k, "fr") != 0)
			return bad(c, v->members[i].value,
			           TR(c->lang, "%s: only \"en\" and \"fr\" are allowed"), key);
	}
	for (int l = 0; l < 2; l++) {
		const char *code = l ? "fr" : "en";
		const struct json_value *t = json_get(v, code);
		if (!t)
			return bad(c, v, TR(c->lang, "%s: the \"%s\" text is missing"), key, code);
		if (!valid_text(t, max))
			return bad(c, t, TR(c->lang, "%s.%s: must be non-empty text of at most %zu bytes, without control characters"),
			           key, code, max);
		if (!(out[l] = keep(c, t)))
			return TRAIN_ENOMEM;
	}
	return TRAIN_OK;
}

/* Appends a JSON value as JSON text (scalars as written; containers are kept
** too, so the assessment can report them as the wrong type). The parser refuses
** \u0000, so no decoded string holds a NUL that would cut it short here. */
static void write_value(struct buf *b, const struct json_value *v)
{
	switch (v->type) {
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	case JSON_BOOL:
		buf_puts(b, v->b ? "true" : "false");
		break;
	case JSON_NUMBER:
		buf_append(b, v->text, v->len);
		break;
	case JSON_STRING:
		buf_json_str(b, v->text);
		break;
	case JSON_ARRAY:
		buf_putc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_putc(b, ',');
			write_value(b, v->items[i]);
		}
		buf_putc(b, ']');
		break;
	case JSON_OBJECT:
		buf_putc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_putc(b, ',');
			buf_json_str(b, v->members[i].key);
			buf_putc(b, ':');
			write_value(b, v->members[i].value);
		}
		buf_putc(b, '}');
		break;
	}
}

static enum train_err answers_field(struct ctx *c, const struct json_value *root,
                                    struct scenario *s)
{
	const struct json_value *v = json_get(root, "answers");
	if (!v)
		return bad(c, root, "%s", TR(c->lang, "answers: missing (an object of answers for the assessment)"));
	if (v->type != JSON_OBJECT)
		return bad(c, v, "%s", TR(c->lang, "answers: must be an object"));
	if (v->n > TRAIN_MAX_ANSWERS)
		return bad(c, v, TR(c->lang, "answers: more than %d answers"), TRAIN_MAX_ANSWERS);
	struct buf b;
	buf_init(&b, ASSESS_MAX_JSON);
	write_value(&b, v);
	if (b.err != BUF_OK) {
		enum buf_err e = b.err;
		buf_free(&b);
		if (e == BUF_ENOMEM)
			return TRAIN_ENOMEM;
		return bad(c, v, "%s", TR(c->lang, "answers: too large"));
	}
	s->answers = arena_strndup(c->set->arena, buf_str(&b), b.len);
	s->answers_len = b.len;
	buf_free(&b);
	return s->answers ? TRAIN_OK : TRAIN_ENOMEM;
}

static enum train_err expect_field(struct ctx *c, const struct json_value *root,
                                   struct scenario *s)
{
	const struct json_value *e = json_get(root, "expect");
	if (!e)
		return bad(c, root, "%s", TR(c->lang, "expect: missing (the answer key: level and remedies)"));
	if (e->type != JSON_OBJECT)
		return bad(c, e, "%s", TR(c->lang, "expect: must be an object"));
	for (size_t i = 0; i < e->n; i++) {
		const char *k = e->members[i].key;
		if (strcmp(k, "level") && strcmp(k, "remedies") && strcmp(k, "pathways"))
			return bad(c, e->members[i].value, "%s",
			           TR(c->lang, "expect: only level, remedies and pathways are allowed"));
	}

	const struct json_value *lv = json_get(e, "level");
	if (!lv || lv->type != JSON_STRING || train_level_parse(lv->text, &s->level) != 0)
		return bad(c, lv ? lv : e, "%s",
		           TR(c->lang, "expect.level: must be one of none, labour_violation, rights_violation, forced_labour, trafficking"));

	const struct json_value *rv = json_get(e, "remedies");
	if (!rv || rv->type != JSON_ARRAY)
		return bad(c, rv ? rv : e, "%s",
		           TR(c->lang, "expect.remedies: must be a list of remedy families (it may be empty)"));
	if (rv->n > TRAIN_MAX_REMEDIES)
		return bad(c, rv, TR(c->lang, "expect.remedies: more than %d families"), TRAIN_MAX_REMEDIES);
	for (size_t i = 0; i < rv->n; i++) {
		const struct json_value *r = rv->items[i];
		if (r->type != JSON_STRING || !valid_id(r->text, r->len, false))
			return bad(c, r, "%s",
			           TR(c->lang, "expect.remedies: each family is a name in lower case, digits and _"));
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->remedies[j], r->text) == 0)
				return bad(c, r, "%s", TR(c->lang, "expect.remedies: a family is listed twice"));
		if (!(s->remedies[i] = keep(c, r)))
			return TRAIN_ENOMEM;
		s->nremedies = i + 1;
	}

	const struct json_value *pv = json_get(e, "pathways");
	if (!pv)
		return TRAIN_OK;
	if (pv->type != JSON_OBJECT)
		return bad(c, pv, "%s", TR(c->lang, "expect.pathways: must be an object of avenue: status"));
	if (pv->n > TRAIN_MAX_PATHWAYS)
		return bad(c, pv, TR(c->lang, "expect.pathways: more than %d avenues"), TRAIN_MAX_PATHWAYS);
	for (size_t i = 0; i < pv->n; i++) {
		const struct json_member *m = &pv->members[i];
		if (!valid_id(m->key, m->keylen, false))
			return bad(c, m->value, "%s",
			           TR(c->lang, "expect.pathways: an avenue is a name in lower case, digits and _"));
		int st = -1;
		for (int k = AV_AVAILABLE; k <= AV_UNKNOWN && m->value->type == JSON_STRING; k++)
			if (strcmp(m->value->text, av_status_name((enum av_status)k)) == 0)
				st = k;
		if (st < 0)
			return bad(c, m->value, "%s",
			           TR(c->lang, "expect.pathways: a status is one of available, barred, ineligible, not_applicable, unknown"));
		memcpy(s->pathways[i].avenue, m->key, m->keylen + 1);
		s->pathways[i].status = (enum av_status)st;
		s->npathways = i + 1;
	}
	return TRAIN_OK;
}

static const char *const top_keys[] = {
	"id", "title", "story", "as_of", "answers", "expect", "debrief"
};

static enum train_err parse_scenario(struct ctx *c, const char *text, size_t len)
{
	struct json_limits lim = {
		TRAIN_MAX_FILE, TRAIN_MAX_JSON_DEPTH, TRAIN_MAX_MEMBERS, TRAIN_MAX_DEBRIEF
	};
	struct json_error je;
	if (len > TRAIN_MAX_FILE)
		return bad(c, NULL, TR(c->lang, "larger than %u KiB"), TRAIN_MAX_FILE / 1024u);
	struct json_doc *doc = json_parse(text, len, &lim, &je);
	if (!doc) {
		if (je.code == JSON_ENOMEM)
			return TRAIN_ENOMEM;
		snprintf(c->err->file, sizeof c->err->file, "%s", c->file);
		c->err->line = je.line;
		c->err->col = je.col;
		snprintf(c->err->msg, sizeof c->err->msg, TR(c->lang, "not valid JSON: %s"), je.msg);
		return TRAIN_EFORMAT;
	}
	const struct json_value *root = json_root(doc);
	enum train_err rc = TRAIN_OK;
	struct scenario *s = arena_alloc(c->set->arena, sizeof *s);
	if (!s) {
		rc = TRAIN_ENOMEM;
		goto out;
	}
	if (root->type != JSON_OBJECT) {
		rc = bad(c, root, "%s", TR(c->lang, "a scenario must be a JSON object"));
		goto out;
	}
	for (size_t i = 0; i < root->n; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof top_keys / sizeof top_keys[0]; k++)
			known |= strcmp(root->members[i].key, top_keys[k]) == 0;
		if (!known) {
			rc = bad(c, root->members[i].value, "%s",
			         TR(c->lang, "unknown member: a scenario has id, title, story, as_of, answers, expect and debrief"));
			goto out;
		}
	}

	const struct json_value *id = json_get(root, "id");
	if (!id || id->type != JSON_STRING || !valid_id(id->text, id->len, true)) {
		rc = bad(c, id ? id : root, TR(c->lang, "id: must be 1 to %d lower-case letters, digits, '-' or '_'"),
		         TRAIN_MAX_ID);
		goto out;
	}
	memcpy(s->id, id->text, id->len + 1);
	if (!name_matches(c->file, s->id)) {
		rc = bad(c, id, "%s", TR(c->lang, "id: the file must be named ID.json or NN-ID.json"));
		goto out;
	}
	if (train_find(c->set, s->id)) {
		rc = bad(c, id, "%s", TR(c->lang, "id: another scenario has the same id"));
		goto out;
	}

	if ((rc = bilingual(c, root, "title", TRAIN_MAX_TITLE, s->title)) ||
	    (rc = bilingual(c, root, "story", TRAIN_MAX_STORY, s->story)) ||
	    (rc = bilingual(c, root, "debrief", TRAIN_MAX_DEBRIEF, s->debrief)))
		goto out;

	const struct json_value *d = json_get(root, "as_of");
	if (!d || d->type != JSON_STRING || date_parse(d->text, d->len, &s->as_of) != DATE_OK) {
		rc = bad(c, d ? d : root, "%s", TR(c->lang, "as_of: must be a real day written YYYY-MM-DD"));
		goto out;
	}
	if ((rc = answers_field(c, root, s)) || (rc = expect_field(c, root, s)))
		goto out;

	if (c->set->n >= TRAIN_MAX_SCENARIOS) {
		rc = bad(c, NULL, TR(c->lang, "more than %d scenarios"), TRAIN_MAX_SCENARIOS);
		if (rc == TRAIN_EFORMAT)
			rc = TRAIN_ETOOBIG;
		goto out;
	}
	c->set->items[c->set->n++] = s;
out:
	json_free(doc);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

enum train_err train_load(const struct rules_source *files, size_t nfiles, enum lang lang,
                          struct train_set **out, struct train_error *err)
{
	memset(err, 0, sizeof *err);
	*out = NULL;
	struct train_set *set = set_new();
	if (!set) {
		train_seterr(err, NULL, 0, 0, "%s", TR(lang, "not enough memory"));
		return TRAIN_ENOMEM;
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct ctx c = { set, base_name(files[i].name ? files[i].name : ""), lang, err };
		enum train_err rc = parse_scenario(&c, files[i].text ? files[i].text : "", files[i].len);
		if (rc != TRAIN_OK) {
			if (rc == TRAIN_ENOMEM)
				train_seterr(err, c.file, 0, 0, "%s", TR(lang, "not enough memory"));
			train_free(set);
			return rc;
		}
	}
	*out = set;
	return TRAIN_OK;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads one regular file of at most TRAIN_MAX_FILE bytes (plus one, to see
** that it is larger). */
static char *read_small(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = malloc(TRAIN_MAX_FILE + 2);
	size_t n = p ? fread(p, 1, TRAIN_MAX_FILE + 1, f) : 0;
	int bad_read = ferror(f);
	if (fclose(f) != 0 || bad_read || !p) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	*len = n;
	return p;
}

enum train_err train_load_dir(const char *dir, enum lang lang, struct train_set **out,
                              struct train_error *err)
{
	memset(err, 0, sizeof *err);
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d) {
		train_seterr(err, NULL, 0, 0, TR(lang, "cannot open the scenarios folder: %s"), strerror(errno));
		return TRAIN_EIO;
	}
	char *names[TRAIN_MAX_SCENARIOS + 1];
	size_t n = 0;
	enum train_err rc = TRAIN_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 5, ".json") != 0)
			continue;
		if (n == TRAIN_MAX_SCENARIOS) {
			train_seterr(err, NULL, 0, 0, TR(lang, "more than %d scenarios"), TRAIN_MAX_SCENARIOS);
			rc = TRAIN_ETOOBIG;
			break;
		}
		if (!(names[n] = strdup(e->d_name))) {
			train_seterr(err, NULL, 0, 0, "%s", TR(lang, "not enough memory"));
			rc = TRAIN_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == TRAIN_OK && n > 1)
		qsort(names, n, sizeof *names, cmp_names);

	struct train_set *set = rc == TRAIN_OK ? set_new() : NULL;
	if (rc == TRAIN_OK && !set) {
		train_seterr(err, NULL, 0, 0, "%s", TR(lang, "not enough memory"));
		rc = TRAIN_ENOMEM;
	}
	for (size_t i = 0; i < n && rc == TRAIN_OK; i++) {
		char path[TRAIN_MAX_PATH];
		struct stat st;
		int pl = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (pl < 0 || (size_t)pl >= sizeof path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			train_seterr(err, names[i], 0, 0, "%s", TR(lang, "cannot read this scenario file"));
			rc = TRAIN_EIO;
			break;
		}
		size_t len = 0;
		char *text = read_small(path, &len);
		if (!text) {
			train_seterr(err, names[i], 0, 0, "%s", TR(lang, "cannot read this scenario file"));
			rc = TRAIN_EIO;
			break;
		}
		struct ctx c = { set, names[i], lang, err };
		rc = parse_scenario(&c, text, len);
		if (rc == TRAIN_ENOMEM)
			train_seterr(err, names[i], 0, 0, "%s", TR(lang, "not enough memory"));
		free(text);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	if (rc != TRAIN_OK) {
		train_free(set);
		return rc;
	}
	*out = set;
	return TRAIN_OK;
}
