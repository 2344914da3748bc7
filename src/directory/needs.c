/*
** needs.c — the needs vocabulary: reading and checking data/directory/needs.json,
** writing it into table `need`, and the needs a situation creates.
**
** The file is read once into plain arrays; each mapping entry becomes a bit set
** of need indexes (NEEDS_MAX bits), so working out a situation's needs is a few
** OR operations and never allocates.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/json.h"
#include "../rules/rules.h"   /* struct rules_source: tools/embed's output type */
#include "db.h"
#include "needs.h"

/* build/gen/embedded_needs.c: tools/embed of data/directory/needs.json. */
extern const struct rules_source embedded_needs[];
extern const size_t embedded_needs_count;

#define NEEDS_TEXT_MAX 2048u          /* bytes in one name or description */
#define NEEDS_ARENA_MAX (1u << 20)

/* Index into a pathway's sets. */
enum { PS_AVAILABLE, PS_BARRED, PS_UNKNOWN, PS_N };
static const char *const ps_names[PS_N] = { "available", "barred", "unknown" };

struct need {
	const char *id;
	const char *name[2], *desc[2];    /* [LANG_EN], [LANG_FR] */
};

/* Index into a remedy family's sets. */
enum { RS_AVAILABLE, RS_POSSIBLE, RS_N };
static const char *const rs_names[RS_N] = { "available", "possible" };

struct remedy_map {
	const char *family;
	uint64_t set[RS_N];
};

struct pathway_map {
	const char *id;
	uint64_t set[PS_N];
};

struct needs {
	struct arena *ar;
	struct need *v;
	size_t n;
	uint64_t level[ASSESS_NLEVELS];   /* needs of each level alone; [0] unused */
	struct remedy_map *rem;
	size_t nrem;
	struct pathway_map *path;
	size_t npath;
	uint64_t any_pathway;
};

static void set_why(char *why, size_t cap, const char *what, const char *detail)
{
	if (!why || !cap) return;
	if (detail) snprintf(why, cap, "%s: %s", what, detail);
	else snprintf(why, cap, "%s", what);
}

bool needs_valid_id(const char *s)
{
	if (!s) return false;
	size_t n = strlen(s);
	if (n == 0 || n >= NEEDS_ID_MAX) return false;
	if (s[0] < 'a' || s[0] > 'z') return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
	}
	return true;
}

/* ---- reading ---- */

struct rd {
	struct needs *n;
	char *why;
	size_t cap;
};

/* A failure message names the place in the file by its key and line. */
static enum needs_err bad(struct rd *r, const struct json_value *v, const char *what)
{
	if (r->why && r->cap) {
		if (v) snprintf(r->why, r->cap, "needs vocabulary, line %d: %s", v->line, what);
		else snprintf(r->why, r->cap, "needs vocabulary: %s", what);
	}
	return NEEDS_EDATA;
}

static const char *text_of(struct rd *r, const struct json_value *v)
{
	if (!v || v->type != JSON_STRING || v->len == 0 || v->len > NEEDS_TEXT_MAX
	    || memchr(v->text, '\0', v->len))
		return NULL;
	return arena_strndup(r->n->ar, v->text, v->len);
}

/* {"en": "...", "fr": "..."} into out[2]. */
static enum needs_err read_bilingual(struct rd *r, const struct json_value *v, const char **out,
                                     const char *what)
{
	if (!v || v->type != JSON_OBJECT) return bad(r, v, what);
	out[LANG_EN] = text_of(r, json_get(v, "en"));
	out[LANG_FR] = text_of(r, json_get(v, "fr"));
	if (!out[LANG_EN] || !out[LANG_FR]) return bad(r, v, what);
	return NEEDS_OK;
}

static enum needs_err read_needs(struct rd *r, const struct json_value *arr)
{
	struct needs *n = r->n;
	if (!arr || arr->type != JSON_ARRAY || arr->n == 0)
		return bad(r, arr, "\"needs\" must be a non-empty array");
	if (arr->n > NEEDS_MAX) return bad(r, arr, "more needs than safepath supports (64)");
	n->v = arena_calloc(n->ar, arr->n, sizeof *n->v);
	if (!n->v) return NEEDS_ENOMEM;
	for (size_t i = 0; i < arr->n; i++) {
		const struct json_value *e = arr->items[i];
		if (e->type != JSON_OBJECT) return bad(r, e, "a need must be an object");
		struct need *d = &n->v[i];
		d->id = text_of(r, json_get(e, "id"));
		if (!d->id || !needs_valid_id(d->id))
			return bad(r, e, "a need id must be lower-case letters, digits and '_'");
		for (size_t j = 0; j < i; j++)
			if (strcmp(n->v[j].id, d->id) == 0) return bad(r, e, "a need id appears twice");
		enum needs_err e1 = read_bilingual(r, json_get(e, "name"), d->name,
		                                   "a need's name must be given in en and fr");
		if (e1) return e1;
		e1 = read_bilingual(r, json_get(e, "description"), d->desc,
		                    "a need's description must be given in en and fr");
		if (e1) return e1;
		n->n = i + 1;
	}
	return NEEDS_OK;
}

/* ["need", ...] into a bit set; every name must be a need. */
static enum needs_err read_set(struct rd *r, const struct json_value *v, uint64_t *set)
{
	*set = 0;
	if (!v || v->type != JSON_ARRAY) return bad(r, v, "a mapping must be an array of need ids");
	for (size_t i = 0; i < v->n; i++) {
		const struct json_value *e = v->items[i];
		if (e->type != JSON_STRING) return bad(r, e, "a mapping must be an array of need ids");
		int k = needs_find(r->n, e->text);
		if (k < 0) return bad(r, e, "a mapping names a need the vocabulary does not define");
		*set |= (uint64_t)1 << k;
	}
	return NEEDS_OK;
}

static bool is_about(const struct json_member *m) { return strcmp(m->key, "about") == 0; }

static enum needs_err read_levels(struct rd *r, const struct json_value *o)
{
	if (!o || o->type != JSON_OBJECT) return bad(r, o, "\"from_levels\" must be an object");
	for (size_t i = 0; i < o->n; i++) {
		const struct json_member *m = &o->members[i];
		if (is_about(m)) continue;
		int l = -1;
		for (int k = 1; k < ASSESS_NLEVELS; k++)
			if (strcmp(m->key, assess_level_name((enum assess_level)k)) == 0) l = k;
		if (l < 0) return bad(r, m->value, "\"from_levels\" names an unknown level");
		enum needs_err e = read_set(r, m->value, &r->n->level[l]);
		if (e) return e;
	}
	return NEEDS_OK;
}

static enum needs_err read_remedies(struct rd *r, const struct json_value *o)
{
	struct needs *n = r->n;
	if (!o || o->type != JSON_OBJECT) return bad(r, o, "\"from_remedies\" must be an object");
	if (o->n > NEEDS_MAP_MAX) return bad(r, o, "too many remedy families");
	n->rem = arena_calloc(n->ar, o->n ? o->n : 1, sizeof *n->rem);
	if (!n->rem) return NEEDS_ENOMEM;
	for (size_t i = 0; i < o->n; i++) {
		const struct json_member *m = &o->members[i];
		if (is_about(m)) continue;
		if (!needs_valid_id(m->key)) return bad(r, m->value, "a remedy family must be an identifier");
		if (m->value->type != JSON_OBJECT)
			return bad(r, m->value, "a remedy family maps statuses to needs");
		struct remedy_map *rm = &n->rem[n->nrem];
		rm->family = arena_strdup(n->ar, m->key);
		if (!rm->family) return NEEDS_ENOMEM;
		for (size_t j = 0; j < m->value->n; j++) {
			const struct json_member *s = &m->value->members[j];
			int k = -1;
			for (int q = 0; q < RS_N; q++)
				if (strcmp(s->key, rs_names[q]) == 0) k = q;
			if (k < 0) return bad(r, s->value, "a remedy status must be available or possible");
			enum needs_err e = read_set(r, s->value, &rm->set[k]);
			if (e) return e;
		}
		n->nrem++;
	}
	return NEEDS_OK;
}

static enum needs_err read_pathways(struct rd *r, const struct json_value *o)
{
	struct needs *n = r->n;
	if (!o || o->type != JSON_OBJECT) return bad(r, o, "\"from_pathways\" must be an object");
	if (o->n > NEEDS_MAP_MAX) return bad(r, o, "too many pathways");
	n->path = arena_calloc(n->ar, o->n ? o->n : 1, sizeof *n->path);
	if (!n->path) return NEEDS_ENOMEM;
	for (size_t i = 0; i < o->n; i++) {
		const struct json_member *m = &o->members[i];
		if (is_about(m)) continue;
		if (strcmp(m->key, "any") == 0) {
			enum needs_err e = read_set(r, m->value, &n->any_pathway);
			if (e) return e;
			continue;
		}
		if (!needs_valid_id(m->key)) return bad(r, m->value, "a pathway must be an identifier");
		if (m->value->type != JSON_OBJECT)
			return bad(r, m->value, "a pathway maps statuses to needs");
		struct pathway_map *pm = &n->path[n->npath];
		pm->id = arena_strdup(n->ar, m->key);
		if (!pm->id) return NEEDS_ENOMEM;
		for (size_t j = 0; j < m->value->n; j++) {
			const struct json_member *s = &m->value->members[j];
			int k = -1;
			for (int q = 0; q < PS_N; q++)
				if (strcmp(s->key, ps_names[q]) == 0) k = q;
			if (k < 0) return bad(r, s->value, "a pathway status must be available, barred or unknown");
			enum needs_err e = read_set(r, s->value, &pm->set[k]);
			if (e) return e;
		}
		n->npath++;
	}
	return NEEDS_OK;
}

enum needs_err needs_load(const char *json, size_t len, struct needs **out, char *why, size_t cap)
{
	*out = NULL;
	if (len > NEEDS_JSON_MAX) {
		set_why(why, cap, "needs vocabulary: larger than 256 KiB", NULL);
		return NEEDS_EDATA;
	}
	struct json_limits lim = json_default_limits;
	lim.max_bytes = NEEDS_JSON_MAX;
	lim.max_depth = 6;
	struct json_error jerr;
	struct json_doc *doc = json_parse(json, len, &lim, &jerr);
	if (!doc) {
		if (why && cap)
			snprintf(why, cap, "needs vocabulary, line %d, column %d: %s", jerr.line, jerr.col, jerr.msg);
		return jerr.code == JSON_ENOMEM ? NEEDS_ENOMEM : NEEDS_EDATA;
	}
	struct needs *n = calloc(1, sizeof *n);
	if (!n || !(n->ar = arena_new(NEEDS_ARENA_MAX))) {
		free(n);
		json_free(doc);
		set_why(why, cap, "out of memory", NULL);
		return NEEDS_ENOMEM;
	}
	struct rd r = { n, why, cap };
	const struct json_value *root = json_root(doc);
	enum needs_err e = NEEDS_OK;
	if (root->type != JSON_OBJECT) e = bad(&r, root, "the file must hold an object");
	if (!e) e = read_needs(&r, json_get(root, "needs"));
	if (!e) e = read_levels(&r, json_get(root, "from_levels"));
	if (!e) e = read_remedies(&r, json_get(root, "from_remedies"));
	if (!e) e = read_pathways(&r, json_get(root, "from_pathways"));
	json_free(doc);
	if (e) {
		if (e == NEEDS_ENOMEM) set_why(why, cap, "out of memory", NULL);
		needs_free(n);
		return e;
	}
	*out = n;
	return NEEDS_OK;
}

enum needs_err needs_load_embedded(struct needs **out, char *why, size_t cap)
{
	if (embedded_needs_count != 1) {
		*out = NULL;
		set_why(why, cap, "internal error: the needs vocabulary is not embedded", NULL);
		return NEEDS_EDATA;
	}
	return needs_load(embedded_needs[0].text, embedded_needs[0].len, out, why, cap);
}

void needs_free(struct needs *n)
{
	if (!n) return;
	arena_free(n->ar);
	free(n);
}

size_t needs_count(const struct needs *n) { return n->n; }

const char *needs_id(const struct needs *n, size_t i) { return i < n->n ? n->v[i].id : NULL; }

const char *needs_name(const struct needs *n, size_t i, enum lang l)
{
	return i < n->n ? n->v[i].name[l == LANG_FR] : NULL;
}

const char *needs_description(const struct needs *n, size_t i, enum lang l)
{
	return i < n->n ? n->v[i].desc[l == LANG_FR] : NULL;
}

int needs_find(const struct needs *n, const char *id)
{
	if (!id) return -1;
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->v[i].id, id) == 0) return (int)i;
	return -1;
}

/* ---- the database ---- */

static int row_current(sqlite3_stmt *q, const struct need *d)
{
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, d->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) return 0;
	if (rc != SQLITE_ROW) return -1;
	for (int c = 0; c < 4; c++) {
		const char *want = c < 2 ? d->name[c] : d->desc[c - 2];
		const unsigned char *got = sqlite3_column_text(q, c);
		if (!got || strcmp((const char *)got, want) != 0) return 0;
	}
	return 1;
}

/* Whether every need is already in the table as it is in n (1), not (0), or
** the check failed (-1). */
static int all_current(struct db *db, const struct needs *n)
{
	sqlite3_stmt *q = db_prepare(db, "SELECT name_en, name_fr, description_en, description_fr "
	                                 "FROM need WHERE id = ?1");
	if (!q) return -1;
	int res = 1;
	for (size_t i = 0; i < n->n && res == 1; i++) res = row_current(q, &n->v[i]);
	sqlite3_finalize(q);
	return res;
}

enum needs_err needs_sync_with(struct db *db, const struct needs *n, char *why, size_t cap)
{
	int cur = all_current(db, n);
	if (cur == 1) return NEEDS_OK;
	if (cur < 0) {
		set_why(why, cap, "reading the needs vocabulary from the database failed", db_errmsg(db));
		return NEEDS_EDB;
	}
	/* A file opened read-only (a shared copy) keeps the vocabulary it has:
	** searching it must still work. */
	if (sqlite3_db_readonly(db_handle(db), "main") == 1) return NEEDS_OK;
	if (db_begin(db) != DB_OK) {
		set_why(why, cap, "writing the needs vocabulary failed", db_errmsg(db));
		return NEEDS_EDB;
	}
	sqlite3_stmt *st = db_prepare(db,
	    "INSERT INTO need (id, name_en, name_fr, description_en, description_fr) "
	    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE SET "
	    "name_en = excluded.name_en, name_fr = excluded.name_fr, "
	    "description_en = excluded.description_en, description_fr = excluded.description_fr");
	bool ok = st != NULL;
	for (size_t i = 0; ok && i < n->n; i++) {
		const struct need *d = &n->v[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, d->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, d->name[LANG_EN], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, d->name[LANG_FR], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d->desc[LANG_EN], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, d->desc[LANG_FR], -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (!ok || db_commit(db) != DB_OK) {
		set_why(why, cap, "writing the needs vocabulary failed", db_errmsg(db));
		db_rollback(db);
		return NEEDS_EDB;
	}
	return NEEDS_OK;
}

enum needs_err needs_sync(struct db *db, char *why, size_t cap)
{
	struct needs *n = NULL;
	enum needs_err e = needs_load_embedded(&n, why, cap);
	if (e) return e;
	e = needs_sync_with(db, n, why, cap);
	needs_free(n);
	return e;
}

/* ---- needs of a situation ---- */

size_t needs_for_situation(const struct needs *n, const struct needs_situation *s,
                           const char **out, size_t cap)
{
	uint64_t set = 0;
	for (int l = 1; l < ASSESS_NLEVELS && l <= (int)s->level; l++) set |= n->level[l];
	for (size_t i = 0; i < s->nremedies; i++) {
		const struct needs_remedy *rm = &s->remedies[i];
		if (!rm->family) continue;
		for (size_t k = 0; k < n->nrem; k++)
			if (strcmp(rm->family, n->rem[k].family) == 0)
				set |= n->rem[k].set[rm->available ? RS_AVAILABLE : RS_POSSIBLE];
	}
	if (s->has_pathways) {
		set |= n->any_pathway;
		for (size_t i = 0; i < s->npathways; i++) {
			const struct needs_pathway *p = &s->pathways[i];
			if (!p->id || !p->status) continue;
			int st = -1;
			for (int q = 0; q < PS_N; q++)
				if (strcmp(p->status, ps_names[q]) == 0) st = q;
			if (st < 0) continue;
			for (size_t k = 0; k < n->npath; k++)
				if (strcmp(p->id, n->path[k].id) == 0) set |= n->path[k].set[st];
		}
	}
	size_t count = 0;
	for (size_t i = 0; i < n->n; i++) {
		if (!(set & ((uint64_t)1 << i))) continue;
		if (count < cap) out[count] = n->v[i].id;
		count++;
	}
	return count;
}
